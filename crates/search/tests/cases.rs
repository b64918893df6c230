//! Table of real-looking name-approval cases: a requested name, a registered name, and what the
//! matcher must answer. Each case runs against the registered name plus a background of
//! unrelated registered cooperatives, so "top-1" is meaningful.
#![allow(clippy::unwrap_used)]

use taawun_search::{CONFLICT_THRESHOLD, MatchReason, NameIndex};

use MatchReason::*;

/// Registered cooperatives that none of the cases should match.
const BACKGROUND: &[(&str, &str)] = &[
    ("تعاونية الفلاح", "Coopérative Al Fellah"),
    ("تعاونية السعادة النسوية", "Coopérative Essaada féminine"),
    ("تعاونية المسيرة الفلاحية", "Coopérative Al Massira agricole"),
    ("تعاونية الجبل الأخضر", "Coopérative Jbel Lakhdar"),
    ("تعاونية تودغى للزرابي", "Coopérative Todgha des tapis"),
    ("تعاونية إملشيل", "Coopérative Imilchil"),
    ("تعاونية مرزوكة للتمور", "Coopérative Merzouga des dattes"),
    ("تعاونية النجاح", "Coopérative Annajah"),
    ("تعاونية الإخلاص للحليب", "Coopérative Al Ikhlas laitière"),
    ("تعاونية الرحمة", "Coopérative Errahma"),
    (
        "تعاونية الصفاء النسوية للكسكس",
        "Coopérative Essafae féminine du couscous",
    ),
    ("تعاونية المستقبل", "Coopérative Al Moustakbal"),
    ("تعاونية الوحدة", "Coopérative Al Wahda"),
    ("تعاونية الازدهار", "Coopérative Al Izdihar"),
    ("تعاونية تنغير", "Coopérative Tinghir"),
    ("تعاونية زاكورة", "Coopérative Zagora"),
    ("تعاونية أكادير أوفلا", "Coopérative Agadir Oufella"),
    ("تعاونية البساتين", "Coopérative Al Bassatine"),
    ("تعاونية سيدي بوزيد", "Coopérative Sidi Bouzid"),
    ("تعاونية أولاد تايمة", "Coopérative Oulad Teima"),
    (
        "اتحاد تعاونيات الأطلس الكبير",
        "Union des coopératives du Haut Atlas",
    ),
    ("تعاونية الفتح للعسل", "Coopérative Al Fath du miel"),
    ("تعاونية تيزنيت للفضة", "Coopérative Tiznit de l'argent"),
    ("تعاونية أنفكو", "Coopérative Anefgou"),
    ("تعاونية إيمي نتانوت", "Coopérative Imi n'Tanout"),
];

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// The registered name is the best match, scores ≥ threshold, with this reason.
    Top(MatchReason),
    /// The registered name does not block the request (scores below the threshold or absent).
    NoConflict,
}
use Expect::*;

/// (requested name, registered Arabic name, registered French name, expectation)
const CASES: &[(&str, &str, &str, Expect)] = &[
    // Identical and normalisation: hamza forms, ة/ه, ى/ي, tatweel, harakat, invisible chars.
    ("تعاونية النور", "تعاونية النور", "", Top(Identical)),
    ("تعاونية الأمل", "تعاونية الامل", "", Top(SameAfterNormalisation)),
    ("تعاونية إيمان", "تعاونية ايمان", "", Top(SameAfterNormalisation)),
    ("تعاونية آفاق", "تعاونية افاق", "", Top(SameAfterNormalisation)),
    ("تعاونية الوفاء", "تعاونية الوفا", "", Top(SameAfterNormalisation)),
    (
        "تعاونية المؤمنين",
        "تعاونية المومنين",
        "",
        Top(SameAfterNormalisation),
    ),
    (
        "تعاونية البشائر",
        "تعاونية البشاير",
        "",
        Top(SameAfterNormalisation),
    ),
    (
        "تعاونيه زهره الزعفران",
        "تعاونية زهرة الزعفران",
        "",
        Top(SameAfterNormalisation),
    ),
    ("تعاونية تيغزي", "تعاونية تيغزى", "", Top(SameAfterNormalisation)),
    (
        "تعاونيـــة النـــور",
        "تعاونية النور",
        "",
        Top(SameAfterNormalisation),
    ),
    ("تَعَاوُنِيَّةُ النُّورِ", "تعاونية النور", "", Top(SameAfterNormalisation)),
    (
        "تعاونية\u{202B} النور\u{202C}",
        "تعاونية النور",
        "",
        Top(SameAfterNormalisation),
    ),
    ("تعاونية شروق", "تعاونية الشروق", "", Top(SameAfterNormalisation)),
    // Latin case, accents, punctuation, spacing, articles.
    (
        "COOPERATIVE ANNOUR",
        "",
        "Coopérative Annour",
        Top(SameAfterNormalisation),
    ),
    (
        "Coopérative  Tiwizi  d'argane",
        "",
        "Coopérative Tiwizi d’Argane",
        Top(SameAfterNormalisation),
    ),
    ("Coop. Al-Khair", "", "Coop Al Khair", Top(SameAfterNormalisation)),
    (
        "Coopérative Aït Bouguemez",
        "",
        "Coopérative Ait Bouguemez",
        Top(SameAfterNormalisation),
    ),
    (
        "Coopérative El Wafa",
        "",
        "Coopérative Al Wafa",
        Top(SameAfterNormalisation),
    ),
    (
        "Coopérative Alwafa",
        "",
        "Coopérative Al Wafa",
        Top(SameAfterNormalisation),
    ),
    // French transliteration variants: ou/u/w, ch/sh, kh, gh/r, dh/d, doubled letters.
    (
        "Coopérative Tiouizi",
        "",
        "Coopérative Tiwizi",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Wafa",
        "",
        "Coopérative Ouafa",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Shourouk",
        "",
        "Coopérative Chourouk",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Al Kheir",
        "",
        "Coopérative Al Khair",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Tirza",
        "",
        "Coopérative Tighza",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Adhahab",
        "",
        "Coopérative Addahab",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Tafillalt",
        "",
        "Coopérative Tafilalet",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Ech-Chourouk",
        "",
        "Coopérative Achourouk",
        Top(SameTransliteration),
    ),
    (
        "Coopérative El Wafae",
        "",
        "Coopérative Al Wafa",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Merzoga",
        "",
        "Coopérative Merzouga Sahara",
        NoConflict,
    ),
    // Across scripts, both ways.
    (
        "Coopérative Echourouk",
        "تعاونية الشروق",
        "",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Essalam",
        "تعاونية السلام",
        "",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Attadamoun",
        "تعاونية التضامن",
        "",
        Top(SameTransliteration),
    ),
    ("Coopérative Nour", "تعاونية النور", "", Top(SameTransliteration)),
    (
        "تعاونية النور",
        "",
        "Coopérative Annour",
        Top(SameTransliteration),
    ),
    (
        "تعاونية أركان تيويزي",
        "",
        "Coopérative Tiwizi d'argane",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Tafilalet des dattes",
        "تعاونية تافيلالت للتمور",
        "",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Zahrat Zaafaran",
        "تعاونية زهرة الزعفران",
        "",
        Top(SameTransliteration),
    ),
    (
        "Union des coopératives Oasis Draa",
        "اتحاد تعاونيات واحة درعة",
        "",
        Top(SameTransliteration),
    ),
    (
        "تعاونية أيت بوكماز",
        "",
        "Coopérative Ait Bouguemez",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Al Khair laitière",
        "تعاونية الخير للحليب ومشتقاته",
        "",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Tighza",
        "تعاونية تيغزى",
        "",
        Top(SameTransliteration),
    ),
    ("Coopérative Amal", "تعاونية أمل", "", Top(SameTransliteration)),
    (
        "Coopérative El Wafae",
        "تعاونية الوفاء",
        "",
        Top(SameTransliteration),
    ),
    (
        "cooperative cho3la",
        "تعاونية الشعلة",
        "",
        Top(SameTransliteration),
    ),
    ("ⵜⵉⵡⵉⵣⵉ", "", "Coopérative Tiwizi", Top(SameTransliteration)),
    (
        "Coopérative Bouazza",
        "تعاونية بوعزة",
        "",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Oujda Angad",
        "تعاونية وجدة أنكاد",
        "",
        Top(SameTransliteration),
    ),
    // Same words, another order.
    (
        "Coopérative Tafilalet Zahrat",
        "",
        "Coopérative Zahrat Tafilalet",
        Top(SameWordsOtherOrder),
    ),
    (
        "Coopérative Zaafaran Zahrat",
        "",
        "Coopérative Zahrat Zaafaran",
        Top(SameWithoutGenericWords),
    ),
    (
        "Coopérative Nour Al Amal",
        "",
        "Coopérative Al Amal Annour",
        Top(SameWordsOtherOrder),
    ),
    (
        "تعاونية الأمل النور",
        "تعاونية النور الأمل",
        "",
        Top(SameWordsOtherOrder),
    ),
    (
        "Coopérative Amal Annour",
        "تعاونية النور الأمل",
        "",
        Top(SameWordsOtherOrder),
    ),
    // Missing / different generic words.
    (
        "Annour",
        "",
        "Coopérative Annour féminine pour la production du couscous",
        Top(SameWithoutGenericWords),
    ),
    (
        "النور",
        "تعاونية النور النسوية لإنتاج الكسكس",
        "",
        Top(SameWithoutGenericWords),
    ),
    (
        "Coopérative Tiwizi Argane",
        "",
        "Coopérative Tiwizi",
        Top(SameWithoutGenericWords),
    ),
    (
        "Union des coopératives Draa",
        "",
        "Coopérative Draa",
        Top(SameWithoutGenericWords),
    ),
    (
        "تعاونية الخير",
        "تعاونية الخير الفلاحية",
        "",
        Top(SameWithoutGenericWords),
    ),
    (
        "Tafilalet",
        "تعاونية تافيلالت للتمور",
        "",
        Top(SameTransliteration),
    ),
    // One typo in a distinctive word.
    (
        "Coopérative Tafiladet",
        "",
        "Coopérative Tafilalet",
        Top(SimilarSpelling),
    ),
    (
        "Coopérative Bougemez",
        "",
        "Coopérative Bouguemez",
        Top(SimilarSpelling),
    ),
    ("تعاونية تافيلات", "تعاونية تافيلالت", "", Top(SimilarSpelling)),
    (
        "Coopérative Tiwizzi",
        "",
        "Coopérative Tiwizi",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Echourok",
        "",
        "Coopérative Echourouk",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Taznakht",
        "",
        "Coopérative Taznaght",
        Top(SimilarSpelling),
    ),
    (
        "Coopérative Bouguemex",
        "",
        "Coopérative Bouguemez",
        Top(SimilarSpelling),
    ),
    ("تعاونية بوكماذ", "تعاونية بوكماز", "", Top(SimilarSpelling)),
    (
        "Coopérative Zahrat Zafaran",
        "",
        "Coopérative Zahrat Zaafaran",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Zahrat Zaafarn",
        "",
        "Coopérative Zahrat Zaafaran",
        Top(SameTransliteration),
    ),
    (
        "Coopérative Zahrat Zaafaren",
        "تعاونية زهرة الزعفران",
        "",
        Top(SameTransliteration),
    ),
    // Different names must not conflict.
    ("Coopérative Annour", "", "Coopérative Amal", NoConflict),
    ("تعاونية النور النسوية", "تعاونية الأمل النسوية", "", NoConflict),
    (
        "Coopérative Amal des dattes",
        "",
        "Coopérative Annour des dattes",
        NoConflict,
    ),
    (
        "Coopérative Ait Baha",
        "",
        "Coopérative Ait Bouguemez",
        NoConflict,
    ),
    ("Coopérative Amal", "", "Coopérative Amar", NoConflict),
    ("تعاونية أمين", "تعاونية أمان", "", NoConflict),
    (
        "Coopérative féminine",
        "",
        "Coopérative Annour féminine",
        NoConflict,
    ),
    ("Coopérative Chorfa", "", "Coopérative Chourouk", NoConflict),
    ("تعاونية الكسكس", "تعاونية النور لإنتاج الكسكس", "", NoConflict),
    ("Coopérative Tiwizi", "", "Coopérative Tizi", NoConflict),
    (
        "Coopérative Draa Tafilalet",
        "",
        "Coopérative Draa Oasis",
        NoConflict,
    ),
    ("تعاونية الخير", "تعاونية الخيرات", "", NoConflict),
];

fn build(ar: &str, fr: &str) -> NameIndex {
    let mut names: Vec<(i64, String, String)> = BACKGROUND
        .iter()
        .enumerate()
        .map(|(i, (a, f))| (i as i64 + 1, a.to_string(), f.to_string()))
        .collect();
    names.push((1000, ar.to_owned(), fr.to_owned()));
    names.into_iter().collect()
}

#[test]
fn table_of_cases() {
    assert!(CASES.len() >= 40);
    let mut failures = Vec::new();
    for &(query, ar, fr, expect) in CASES {
        let idx = build(ar, fr);
        let res = idx.search(query, 10);
        let target = res.iter().find(|m| m.id == 1000);
        if std::env::var_os("CASES_VERBOSE").is_some() {
            eprintln!(
                "{query:?} vs {ar:?}/{fr:?} -> {:?}",
                target.map(|m| (m.score, m.reason))
            );
        }
        let ok = match expect {
            Top(reason) => {
                res.first().is_some_and(|m| m.id == 1000)
                    && target.is_some_and(|m| m.reason == reason && m.score >= CONFLICT_THRESHOLD)
            }
            NoConflict => target.is_none_or(|m| m.score < CONFLICT_THRESHOLD),
        };
        if !ok {
            failures.push(format!(
                "{query:?} vs {ar:?}/{fr:?}: expected {expect:?}, got {:?}",
                res.iter()
                    .take(3)
                    .map(|m| (m.id, m.score, m.reason.as_str()))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn background_does_not_conflict_with_itself() {
    // Every background name finds itself first, and conflicts with no other.
    let idx = build("", "");
    for (i, (ar, fr)) in BACKGROUND.iter().enumerate() {
        for q in [ar, fr] {
            let res = idx.search(q, 10);
            assert_eq!(res[0].id, i as i64 + 1, "{q}");
            assert_eq!(res[0].reason, Identical, "{q}");
            assert!(
                res[1..].iter().all(|m| m.score < CONFLICT_THRESHOLD),
                "{q}: {res:?}"
            );
        }
    }
}

#[test]
fn scores_follow_the_documented_scale() {
    let idx: NameIndex = [
        (1, "تعاونية الشروق", "Coopérative Echourouk"),
        (2, "", "Coopérative Zahrat Tafilalet"),
    ]
    .into_iter()
    .collect();
    let s = |q: &str| idx.search(q, 1)[0].score;
    assert!(s("Coopérative Echourouk") >= 0.95);
    assert!(s("COOPÉRATIVE ECHOUROUK") >= 0.95);
    assert!((0.85..=0.95).contains(&s("Coopérative Chourouk")));
    assert!((0.8..=0.9).contains(&s("Coopérative Tafilalet Zahrat")));
}
