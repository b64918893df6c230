//! Property tests of the knowledge-base search: arbitrary pages and questions never panic, and
//! a snippet is always one slice of the body (plus the ellipsis marks), cut between characters.

use proptest::prelude::*;
use taawun_search::text::{
    DocLang, ELLIPSIS_AFTER, ELLIPSIS_BEFORE, SNIPPET_WORDS, TextDoc, TextHit, TextIndex,
};

/// Characters that stress tokenisation: Arabic letters, harakat, tatweel, bidi controls,
/// accented Latin, digits (Arabic-Indic too), number separators, apostrophes, spaces, emoji.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('\u{0621}', '\u{064A}'),
        1 => prop::char::range('\u{064B}', '\u{0652}'),
        1 => Just('\u{0640}'),
        1 => prop::char::range('\u{2066}', '\u{2069}'),
        1 => prop::char::range('\u{200B}', '\u{200F}'),
        3 => prop::char::range('a', 'z'),
        1 => prop::char::range('\u{00C0}', '\u{00FF}'),
        1 => prop::char::range('0', '9'),
        1 => prop::char::range('\u{0660}', '\u{0669}'),
        1 => prop::sample::select(vec!['.', ',', '-', '/', '\'', '’', '«', '»', '…', '\n', '؟', '،']),
        3 => Just(' '),
        1 => any::<char>(),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// A question: arbitrary text, or some words of the body.
fn query_from(body: &str, picks: &[usize], arbitrary: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.is_empty() || picks.is_empty() {
        return arbitrary.to_owned();
    }
    picks
        .iter()
        .map(|&i| words[i % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_snippet(hit: &TextHit, body: &str) -> Result<(), TestCaseError> {
    let mut parts = hit.snippet.as_slice();
    if let Some((first, rest)) = parts.split_first()
        && first.text == ELLIPSIS_BEFORE
        && !first.highlight
    {
        parts = rest;
    }
    if let Some((last, rest)) = parts.split_last()
        && last.text == ELLIPSIS_AFTER
        && !last.highlight
    {
        parts = rest;
    }
    let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
    prop_assert!(body.contains(&joined), "{:?} not in {:?}", joined, body);
    // The body itself may contain «… » between two words, never at the ends of a snippet:
    // a snippet starts and ends with a word.
    for p in parts {
        prop_assert!(!p.text.is_empty(), "empty part in {:?}", hit.snippet);
    }
    // Plain text between two highlights is one part.
    prop_assert!(
        parts.windows(2).all(|w| w[0].highlight || w[1].highlight),
        "{:?}",
        hit.snippet
    );
    prop_assert!(joined.split_whitespace().count() <= SNIPPET_WORDS * 2);
    Ok(())
}

proptest! {
    // Generating the strings dominates the run time (unoptimised RNG), not the search.
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn snippets_are_slices_of_the_body(
        bodies in prop::collection::vec(text(400), 1..4),
        title in text(40),
        picks in prop::collection::vec(0usize..200, 0..5),
        arbitrary in text(40),
        reader_fr in any::<bool>(),
        limit in 0usize..6,
    ) {
        let mut index = TextIndex::new();
        for (i, body) in bodies.iter().enumerate() {
            let lang = if i % 2 == 0 { DocLang::Ar } else { DocLang::Fr };
            index.upsert(TextDoc {
                key: format!("k{i}"),
                lang,
                title: title.clone(),
                body: body.clone(),
                keywords: String::new(),
            });
        }
        let query = query_from(&bodies[0], &picks, &arbitrary);
        let reader = if reader_fr { DocLang::Fr } else { DocLang::Ar };
        let hits = index.search(&query, reader, limit);
        prop_assert!(hits.len() <= limit);
        for w in hits.windows(2) {
            // Each language block is sorted; a translated block may precede the other.
            if w[0].lang == w[1].lang {
                prop_assert!(w[0].score >= w[1].score, "{:?}", hits);
            }
        }
        for hit in &hits {
            prop_assert!(hit.score.is_finite() && hit.score > 0.0, "{:?}", hit);
            let body = bodies
                .iter()
                .enumerate()
                .find(|(i, _)| format!("k{i}") == hit.key)
                .map(|(_, b)| b.as_str())
                .unwrap_or_default();
            check_snippet(hit, body)?;
        }
    }

    #[test]
    fn a_page_finds_itself_by_its_words(body in text(300), picks in prop::collection::vec(0usize..100, 1..4)) {
        let mut index = TextIndex::new();
        index.upsert(TextDoc {
            key: "page".into(),
            lang: DocLang::Ar,
            title: String::new(),
            body: body.clone(),
            keywords: String::new(),
        });
        let query = query_from(&body, &picks, "");
        for hit in index.search(&query, DocLang::Ar, 3) {
            prop_assert_eq!(&hit.key, "page");
            check_snippet(&hit, &body)?;
        }
        index.remove("page", DocLang::Ar);
        prop_assert!(index.is_empty());
        prop_assert!(index.search(&query, DocLang::Ar, 3).is_empty());
    }
}
