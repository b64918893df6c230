//! Snippets: the passage of a page's body that best shows why it matched.
//!
//! The window is [`SNIPPET_WORDS`] words long and covers the most *distinct* query terms (a
//! passage naming both «الحل» and «التصفية» beats one repeating «الحل»); among equal windows
//! the earliest wins, then it is moved so that a few words of context precede the first
//! match. Words are cut at word boundaries only, so the text is always whole characters, and
//! everything is in logical order: an Arabic snippet needs nothing special, the browser lays it
//! out right to left.
//!
//! The parts are slices of the original body (with its accents, harakat and punctuation);
//! matched words are `highlight: true`. An elided start or end is marked by a separate part,
//! [`ELLIPSIS_BEFORE`] or [`ELLIPSIS_AFTER`], so the other parts always join into one slice of
//! the body.

use super::SnippetPart;
use super::analyze::Word;

/// Length of a snippet, in words of the body.
pub const SNIPPET_WORDS: usize = 30;

/// Words of context kept before the first match.
const LEAD: usize = 4;

/// First part of a snippet that does not start at the beginning of the body.
pub const ELLIPSIS_BEFORE: &str = "… ";

/// Last part of a snippet that does not reach the end of the body.
pub const ELLIPSIS_AFTER: &str = " …";

/// Builds the snippet of `body`, whose words are `words`; `slots[i]` is the query term word
/// `i` matches, if any (`slots.len() == words.len()`, every slot `< slot_count`).
pub(crate) fn build(
    body: &str,
    words: &[Word],
    slots: &[Option<usize>],
    slot_count: usize,
) -> Vec<SnippetPart> {
    let n = words.len().min(slots.len());
    if n == 0 {
        return Vec::new();
    }
    let width = SNIPPET_WORDS.min(n);
    let mut counts = vec![0u32; slot_count];
    let mut distinct = 0usize;
    let add = |counts: &mut Vec<u32>, distinct: &mut usize, i: usize, delta: i32| {
        if let Some(c) = slots[i].and_then(|s| counts.get_mut(s)) {
            if delta > 0 {
                *distinct += usize::from(*c == 0);
                *c += 1;
            } else {
                *c = c.saturating_sub(1);
                *distinct -= usize::from(*c == 0);
            }
        }
    };
    for i in 0..width {
        add(&mut counts, &mut distinct, i, 1);
    }
    let (mut best, mut start) = (distinct, 0);
    for s in 1..=(n - width) {
        add(&mut counts, &mut distinct, s - 1, -1);
        add(&mut counts, &mut distinct, s + width - 1, 1);
        if distinct > best {
            (best, start) = (distinct, s);
        }
    }
    if best > 0 {
        let window = start..start + width;
        let first = window.clone().find(|&i| slots[i].is_some());
        let last = window.rev().find(|&i| slots[i].is_some());
        if let (Some(first), Some(last)) = (first, last) {
            start = first
                .saturating_sub(LEAD)
                .max((last + 1).saturating_sub(width))
                .min(n - width);
        }
    }
    let end = start + width;

    let text = |a: u32, b: u32| body.get(a as usize..b as usize).unwrap_or("").to_owned();
    let mut parts = Vec::new();
    if start > 0 {
        parts.push(SnippetPart {
            text: ELLIPSIS_BEFORE.to_owned(),
            highlight: false,
        });
    }
    let mut cursor = words[start].start;
    for i in start..end {
        if slots[i].is_none() {
            continue;
        }
        let w = words[i];
        if w.start > cursor {
            parts.push(SnippetPart {
                text: text(cursor, w.start),
                highlight: false,
            });
        }
        parts.push(SnippetPart {
            text: text(w.start, w.end),
            highlight: true,
        });
        cursor = w.end;
    }
    let stop = words[end - 1].end;
    if stop > cursor {
        parts.push(SnippetPart {
            text: text(cursor, stop),
            highlight: false,
        });
    }
    if end < n {
        parts.push(SnippetPart {
            text: ELLIPSIS_AFTER.to_owned(),
            highlight: false,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::super::analyze::analyze;
    use super::*;

    /// Snippet of `body` highlighting the words whose text is in `hits` (by query term).
    fn snippet(body: &str, hits: &[&str]) -> Vec<SnippetPart> {
        let a = analyze(body);
        let slots: Vec<Option<usize>> = a
            .words
            .iter()
            .map(|w| {
                let t = &body[w.start as usize..w.end as usize];
                hits.iter().position(|h| *h == t)
            })
            .collect();
        build(body, &a.words, &slots, hits.len())
    }

    fn render(parts: &[SnippetPart]) -> String {
        parts
            .iter()
            .map(|p| {
                if p.highlight {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn short_body_is_whole() {
        let parts = snippet("تُحلّ التعاونية بقرار من الجمع العام.", &["التعاونية"]);
        assert_eq!(render(&parts), "تُحلّ [التعاونية] بقرار من الجمع العام");
    }

    #[test]
    fn window_covers_most_distinct_terms_in_arabic() {
        let filler = "نص عادي لا علاقة له بالموضوع ";
        let body = format!(
            "الحل مذكور هنا. {}تتم تصفية التعاونية بعد الحل من طرف المصفي. {}",
            filler.repeat(5),
            filler.repeat(5)
        );
        let parts = snippet(&body, &["الحل", "تصفية"]);
        let r = render(&parts);
        assert!(r.starts_with(ELLIPSIS_BEFORE), "{r}");
        assert!(r.ends_with(ELLIPSIS_AFTER), "{r}");
        assert!(r.contains("[تصفية] التعاونية بعد [الحل]"), "{r}");
        // Cut at word boundaries: the inner text is one slice of the body.
        let inner: String = parts[1..parts.len() - 1]
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert!(body.contains(&inner));
        let words = inner.split_whitespace().count();
        assert!(words <= SNIPPET_WORDS, "{words}");
        // A few words of context before the first match.
        assert!(!parts[1].highlight);
    }

    #[test]
    fn no_match_gives_the_start() {
        let body = (0..100).map(|i| format!("mot{i} ")).collect::<String>();
        let parts = snippet(&body, &["absent"]);
        assert_eq!(parts.len(), 2);
        assert!(parts[0].text.starts_with("mot0 mot1"));
        assert!(parts[0].text.ends_with("mot29"));
        assert_eq!(parts[1].text, ELLIPSIS_AFTER);
    }

    #[test]
    fn empty_body_gives_nothing() {
        assert!(snippet("", &["x"]).is_empty());
        assert!(snippet(" … ! ", &["x"]).is_empty());
    }
}
