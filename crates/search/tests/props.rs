//! Property tests: normalisation invariants and robustness on arbitrary Unicode.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use taawun_search::normalize::{TATWEEL, is_diacritic, is_invisible_format, normalize};
use taawun_search::translit::{MAX_KEY_LEN, key_similarity, phonetic_key};
use taawun_search::{MatchReason, NameIndex};

/// Characters that stress the normaliser: Arabic letters and their variants, harakat, tatweel,
/// bidi controls and isolates, zero-width characters, accented Latin, punctuation, controls,
/// presentation forms, Tifinagh, digits.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('\u{0600}', '\u{06FF}'),
        prop::char::range('\u{064B}', '\u{0652}'),
        Just('\u{0640}'),
        prop::char::range('\u{202A}', '\u{202E}'),
        prop::char::range('\u{2066}', '\u{2069}'),
        prop::char::range('\u{200B}', '\u{200F}'),
        prop::char::range('\u{00C0}', '\u{024F}'),
        prop::char::range('\u{1E00}', '\u{1EFF}'),
        prop::char::range('\u{0300}', '\u{036F}'),
        prop::char::range('\u{0000}', '\u{001F}'),
        prop::char::range('\u{FB50}', '\u{FEFF}'),
        prop::char::range('\u{2D30}', '\u{2D7F}'),
        prop::char::range('\u{1D400}', '\u{1D7FF}'),
        prop::char::range('A', 'Z'),
        prop::char::range('a', 'z'),
        Just(' '),
        Just('\''),
        Just('-'),
        Just('.'),
        any::<char>(),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..48).prop_map(|v| v.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![tricky_string(), any::<String>()]
}

fn background() -> NameIndex {
    [
        (
            1,
            "تعاونية النور النسوية لإنتاج الكسكس",
            "Coopérative Annour féminine pour la production du couscous",
        ),
        (2, "تعاونية أركان تيويزي", "Coopérative Tiwizi d'argane"),
        (
            3,
            "تعاونية الخير للحليب ومشتقاته",
            "Coopérative Al Khair laitière",
        ),
        (4, "اتحاد تعاونيات واحة درعة", "Union des coopératives Oasis Draa"),
        (5, "تعاونية أيت بوكماز", "Coopérative Ait Bouguemez"),
        (6, "تعاونية الشروق", "Coopérative Echourouk"),
        (7, "تعاونية أمل", "Coopérative Amal"),
        (8, "تعاونية تافيلالت للتمور", "Coopérative Tafilalet des dattes"),
        (9, "تعاونية الوفاء", "Coopérative El Wafae"),
        (10, "تعاونية زهرة الزعفران", "Coopérative Zahrat Zaafaran"),
        (11, "تعاونية تيغزى", "Coopérative Tighza"),
        (12, "تعاونية", ""),
        (13, "", "ⵜⵉⵡⵉⵣⵉ"),
    ]
    .into_iter()
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalisation_is_idempotent(s in any_text()) {
        let n = normalize(&s);
        prop_assert_eq!(normalize(&n), n.clone());
    }

    #[test]
    fn normalised_text_is_clean(s in any_text()) {
        let n = normalize(&s);
        prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "), "{:?}", n);
        for c in n.chars() {
            prop_assert!(!is_diacritic(c), "diacritic {:?} in {:?}", c, n);
            prop_assert!(c != TATWEEL, "tatweel in {:?}", n);
            prop_assert!(!c.is_uppercase(), "upper-case {:?} in {:?}", c, n);
            prop_assert!(!c.is_control(), "control {:?} in {:?}", c, n);
            prop_assert!(!is_invisible_format(c), "format char {:?} in {:?}", c, n);
            // Accented Latin letters (Latin-1, Extended-A/B, Extended Additional) all fold.
            prop_assert!(
                !matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF),
                "accented {:?} in {:?}", c, n
            );
            prop_assert!(c == ' ' || c.is_alphanumeric(), "{:?} in {:?}", c, n);
            // Hamza seats, ta marbuta and alef maqsura fold to their base letters.
            prop_assert!(!"أإآٱؤئءةى".contains(c), "{:?} in {:?}", c, n);
        }
    }

    #[test]
    fn bidi_controls_are_invisible_to_normalisation(s in tricky_string(), pos in 0usize..48, ctl in prop::sample::select(vec!['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200F}'])) {
        let mut chars: Vec<char> = s.chars().collect();
        let at = pos.min(chars.len());
        chars.insert(at, ctl);
        let with: String = chars.into_iter().collect();
        prop_assert_eq!(normalize(&with), normalize(&s));
    }

    #[test]
    fn case_and_accents_do_not_matter(s in "[a-zA-Z ']{0,30}") {
        prop_assert_eq!(normalize(&s.to_uppercase()), normalize(&s.to_lowercase()));
    }

    #[test]
    fn phonetic_keys_are_short_ascii(s in any_text()) {
        for w in normalize(&s).split(' ') {
            let k = phonetic_key(w);
            prop_assert!(k.len() <= MAX_KEY_LEN);
            prop_assert!(k.bytes().all(|b| b.is_ascii_alphanumeric()), "{:?}", k);
            let sim = key_similarity(&k, "nr");
            prop_assert!((0.0..=1.0).contains(&sim));
        }
    }

    #[test]
    fn search_never_panics_and_is_sorted(q in any_text(), limit in 0usize..15) {
        let idx = background();
        let res = idx.search(&q, limit);
        prop_assert!(res.len() <= limit);
        for m in &res {
            prop_assert!((0.0..=1.0).contains(&m.score), "{:?}", m);
        }
        for w in res.windows(2) {
            prop_assert!(
                w[0].score > w[1].score || (w[0].score == w[1].score && (w[0].reason, w[0].id) <= (w[1].reason, w[1].id)),
                "{:?}", res
            );
        }
    }

    #[test]
    fn a_registered_name_finds_itself(ar in any_text(), fr in any_text()) {
        let mut idx = background();
        idx.insert(99, &ar, &fr);
        for name in [&ar, &fr] {
            let res = idx.search(name, 10);
            if let Some(m) = res.iter().find(|m| m.id == 99) {
                prop_assert!(m.score >= 0.95, "{:?}", res);
                prop_assert!(res[0].score >= 0.95);
            } else {
                // Only possible when nothing of the name is left after normalisation
                // (empty, punctuation, stand-alone articles).
                prop_assert!(res.iter().all(|m| m.score < 0.95 || m.reason == MatchReason::SameAfterNormalisation || m.reason == MatchReason::Identical), "{:?}", res);
            }
        }
    }
}
