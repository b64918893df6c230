//! Markdown of the knowledge base → safe HTML, plain text (for the search index), sections (for
//! guides) and blocks (for PDF).
//!
//! Pages are written by the office, but a page is still text from outside: raw HTML in it is
//! shown as text, never interpreted; links keep only local, `http(s)` and `mailto` targets;
//! images become their description (the site loads nothing from elsewhere). Headings keep only
//! an `{#anchor}` of plain characters. `q012`-style references become links to the question;
//! template placeholders `{{ name }}` become blanks to fill in («……»).

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use serde_json::{Value, json};

/// What a blank to fill in looks like, on the page and on paper.
pub const BLANK: &str = "……";

fn options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES
}

/// Escapes text so Markdown shows it literally (a cooperative's name or object filled into a model
/// document must not become a heading, a link or emphasis).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '!'
                | '|'
                | '<'
                | '>'
        ) {
            out.push('\\');
        }
        // A line break inside a value would start a new Markdown block.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// Replaces template placeholders (`{{ cooperative_name }}`) by [`BLANK`].
pub fn fill_blanks(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let inner = &rest[open + 2..open + 2 + close];
        // Only a plain name is a placeholder; anything else stays as written.
        if inner
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !inner.contains('\n')
        {
            out.push_str(&rest[..open]);
            out.push_str(BLANK);
        } else {
            out.push_str(&rest[..open + 2 + close + 2]);
        }
        rest = &rest[open + 2 + close + 2..];
    }
    out.push_str(rest);
    out
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A heading anchor of plain characters (`minimums`, `step-1`), or nothing.
fn clean_anchor(id: &str) -> Option<String> {
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(64)
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The anchor of the `n`-th second-level heading (from 0) when it has none of its own.
fn default_anchor(n: usize) -> String {
    format!("section-{}", n + 1)
}

fn safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    (u.starts_with('/') && !u.starts_with("//"))
        || u.starts_with('#')
        || u.starts_with("https://")
        || u.starts_with("http://")
        || u.starts_with("mailto:")
}

/// An entry of a guide's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub anchor: String,
    pub title: String,
}

/// How to render a page.
#[derive(Debug, Default)]
pub struct RenderOptions<'a> {
    /// Language of the links to questions (`?lang=`).
    pub lang: &'a str,
    /// Titles of the questions that exist, by key: `q012` is linked only when it is there.
    pub questions: Option<&'a HashMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Second-level headings, in order.
    pub toc: Vec<TocEntry>,
}

/// Splits `text` around question references (`q012`) that `exists` knows.
fn question_refs<'t>(text: &'t str, exists: &dyn Fn(&str) -> bool) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let is_ref = bytes[i] == b'q'
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            && text[i + 4..].chars().next().is_none_or(|c| !c.is_alphanumeric())
            && exists(&text[i..i + 4]);
        if is_ref {
            if start < i {
                out.push((&text[start..i], false));
            }
            out.push((&text[i..i + 4], true));
            i += 4;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push((&text[start..], false));
    }
    out
}

/// The page's Markdown as safe HTML, with its table of contents.
pub fn to_html(md: &str, opts: &RenderOptions) -> Rendered {
    let md = fill_blanks(md);
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut h2 = 0usize;
    let mut heading: Option<(String, String)> = None;
    // For each link opened: whether it was kept.
    let mut links: Vec<bool> = Vec::new();
    let exists = |key: &str| opts.questions.is_none_or(|q| q.contains_key(key));
    for event in Parser::new_ext(&md, options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let anchor = id.as_deref().and_then(clean_anchor);
                let anchor = if level == HeadingLevel::H2 {
                    let a = anchor.unwrap_or_else(|| default_anchor(h2));
                    h2 += 1;
                    heading = Some((a.clone(), String::new()));
                    Some(a)
                } else {
                    anchor
                };
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: anchor.map(CowStr::from),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if level == HeadingLevel::H2
                    && let Some((anchor, title)) = heading.take()
                {
                    toc.push(TocEntry {
                        anchor,
                        title: title.trim().to_string(),
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_url(&dest_url);
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop() == Some(true) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            // The description of an image stays, as text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::Text(s) => {
                if let Some((_, title)) = &mut heading {
                    title.push_str(&s);
                }
                if links.is_empty() && s.contains('q') {
                    for (part, is_ref) in question_refs(&s, &exists) {
                        if is_ref {
                            let title = opts
                                .questions
                                .and_then(|q| q.get(part))
                                .map(|t| format!(" title=\"{}\"", escape_html(t)))
                                .unwrap_or_default();
                            events.push(Event::InlineHtml(CowStr::from(format!(
                                "<a href=\"/kb/questions/{part}?lang={}\"{title}><bdi>{part}</bdi></a>",
                                escape_html(opts.lang)
                            ))));
                        } else {
                            events.push(Event::Text(CowStr::from(part.to_string())));
                        }
                    }
                } else {
                    events.push(Event::Text(s));
                }
            }
            Event::Code(s) => {
                if let Some((_, title)) = &mut heading {
                    title.push_str(&s);
                }
                events.push(Event::Code(s));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html, toc }
}

/// The text of the page without its marks, one line per block, for the search index and
/// snippets.
pub fn to_plain(md: &str) -> String {
    let md = fill_blanks(md);
    let mut out = String::with_capacity(md.len());
    let newline = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in Parser::new_ext(&md, options()) {
        match event {
            Event::Text(s) | Event::Code(s) | Event::Html(s) | Event::InlineHtml(s) => out.push_str(&s),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Start(Tag::Item)
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableRow) => newline(&mut out),
            Event::End(TagEnd::Item | TagEnd::TableHead | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                newline(&mut out)
            }
            _ => {}
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A part of a guide under a second-level heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub anchor: String,
    pub heading: String,
    /// The Markdown of the section, without its heading.
    pub markdown: String,
}

/// The text before the first second-level heading, and the sections. Anchors are the same as
/// [`to_html`] gives.
pub fn sections(md: &str) -> (String, Vec<Section>) {
    let mut starts: Vec<(std::ops::Range<usize>, String, String)> = Vec::new();
    let mut h2 = 0usize;
    let mut current: Option<(std::ops::Range<usize>, String, String)> = None;
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                let anchor = id
                    .as_deref()
                    .and_then(clean_anchor)
                    .unwrap_or_else(|| default_anchor(h2));
                h2 += 1;
                current = Some((range, anchor, String::new()));
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some((_, _, title)) = &mut current {
                    title.push_str(&s);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some(c) = current.take() {
                    starts.push(c);
                }
            }
            _ => {}
        }
    }
    let intro_end = starts.first().map_or(md.len(), |(r, _, _)| r.start);
    let intro = md[..intro_end].trim().to_string();
    let mut out = Vec::with_capacity(starts.len());
    for (i, (range, anchor, heading)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(md.len(), |(r, _, _)| r.start);
        out.push(Section {
            anchor: anchor.clone(),
            heading: heading.trim().to_string(),
            markdown: md[range.end.min(end)..end].trim().to_string(),
        });
    }
    (intro, out)
}

/// Text runs of a paragraph: `{"s": text, "b": bold, "i": italic, "m": monospace}`.
fn push_run(runs: &mut Vec<Value>, text: &str, bold: bool, italic: bool, mono: bool) {
    if text.is_empty() {
        return;
    }
    runs.push(json!({ "s": text, "b": bold, "i": italic, "m": mono }));
}

/// The page as a list of blocks for the PDF template (`templates/pdf/kb_document.typ`):
/// headings, paragraphs, lists, quotes and tables, each with its text runs. Only text goes to
/// typst, never markup.
pub fn to_blocks(md: &str) -> Value {
    let md = fill_blanks(md);
    // A stack of open containers: (kind, blocks or items collected so far).
    struct Frame {
        kind: &'static str,
        start: u64,
        children: Vec<Value>,
        rows: Vec<Value>,
        row: Vec<Value>,
    }
    let frame = |kind: &'static str| Frame {
        kind,
        start: 1,
        children: Vec::new(),
        rows: Vec::new(),
        row: Vec::new(),
    };
    let mut stack: Vec<Frame> = vec![frame("root")];
    let mut runs: Vec<Value> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    // Text directly in a list item (a tight list) has no paragraph around it.
    let flush = |stack: &mut Vec<Frame>, runs: &mut Vec<Value>, kind: &str| {
        if runs.is_empty() {
            return;
        }
        let block = json!({ "t": kind, "c": std::mem::take(runs) });
        if let Some(top) = stack.last_mut() {
            top.children.push(block);
        }
    };
    for event in Parser::new_ext(&md, options()) {
        match event {
            Event::Start(Tag::Paragraph) => flush(&mut stack, &mut runs, "p"),
            Event::End(TagEnd::Paragraph) => flush(&mut stack, &mut runs, "p"),
            Event::Start(Tag::Heading { .. }) => flush(&mut stack, &mut runs, "p"),
            Event::End(TagEnd::Heading(level)) => {
                let kind = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => "h2",
                    _ => "h3",
                };
                flush(&mut stack, &mut runs, kind);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut stack, &mut runs, "p");
                let mut f = frame(if start.is_some() { "ol" } else { "ul" });
                f.start = start.unwrap_or(1);
                stack.push(f);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut stack, &mut runs, "p");
                if stack.len() > 1
                    && let Some(f) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.children
                        .push(json!({ "t": f.kind, "start": f.start, "items": f.children }));
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut stack, &mut runs, "p");
                stack.push(frame("item"));
            }
            Event::End(TagEnd::Item) => {
                flush(&mut stack, &mut runs, "p");
                if stack.len() > 1
                    && let Some(f) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.children.push(Value::Array(f.children));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut stack, &mut runs, "p");
                stack.push(frame("quote"));
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut stack, &mut runs, "p");
                if stack.len() > 1
                    && let Some(f) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.children.push(json!({ "t": "quote", "c": f.children }));
                }
            }
            Event::Start(Tag::Table(_)) => {
                flush(&mut stack, &mut runs, "p");
                stack.push(frame("table"));
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(top) = stack.last_mut() {
                    top.row.push(Value::Array(std::mem::take(&mut runs)));
                }
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                if let Some(top) = stack.last_mut()
                    && !top.row.is_empty()
                {
                    let row = std::mem::take(&mut top.row);
                    top.rows.push(Value::Array(row));
                }
            }
            Event::End(TagEnd::Table) => {
                if stack.len() > 1
                    && let Some(f) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    let cols = f
                        .rows
                        .iter()
                        .filter_map(Value::as_array)
                        .map(Vec::len)
                        .max()
                        .unwrap_or(1);
                    top.children
                        .push(json!({ "t": "table", "cols": cols, "rows": f.rows }));
                }
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(s) | Event::Html(s) | Event::InlineHtml(s) => {
                push_run(&mut runs, &s, bold > 0, italic > 0, false)
            }
            Event::Code(s) => push_run(&mut runs, &s, bold > 0, italic > 0, true),
            Event::SoftBreak => push_run(&mut runs, " ", false, false, false),
            Event::HardBreak => push_run(&mut runs, "\n", false, false, false),
            Event::Rule => {
                flush(&mut stack, &mut runs, "p");
                if let Some(top) = stack.last_mut() {
                    top.children.push(json!({ "t": "rule" }));
                }
            }
            _ => {}
        }
    }
    flush(&mut stack, &mut runs, "p");
    while stack.len() > 1 {
        if let Some(f) = stack.pop()
            && let Some(top) = stack.last_mut()
        {
            top.children.extend(f.children);
        }
    }
    Value::Array(stack.pop().map(|f| f.children).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        to_html(
            md,
            &RenderOptions {
                lang: "fr",
                questions: None,
            },
        )
        .html
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = html("Bonjour <script>alert(1)</script>\n\n<div onclick=\"x\">bloc</div>\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(out.contains("&lt;div onclick="), "{out}");
    }

    #[test]
    fn unsafe_links_and_images_lose_their_target() {
        let out = html("[clic](javascript:alert(1)) [ok](/kb) ![logo](https://evil.example/x.png)");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("<a href=\"/kb\">ok</a>"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("logo"), "{out}");
    }

    #[test]
    fn headings_keep_plain_anchors_and_make_the_table_of_contents() {
        let r = to_html(
            "Intro\n\n## Les conditions {#minimums .x onclick=y}\n\ntexte\n\n## Sans ancre\n\n### Détail {#d\"x}\n",
            &RenderOptions::default(),
        );
        assert!(
            r.html.contains("<h2 id=\"minimums\">Les conditions</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"section-2\">Sans ancre</h2>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert_eq!(
            r.toc,
            vec![
                TocEntry {
                    anchor: "minimums".into(),
                    title: "Les conditions".into()
                },
                TocEntry {
                    anchor: "section-2".into(),
                    title: "Sans ancre".into()
                },
            ]
        );
        let (intro, sections) =
            sections("Intro\n\n## Les conditions {#minimums}\n\ntexte\n\n## Sans ancre\n\nfin\n");
        assert_eq!(intro, "Intro");
        assert_eq!(sections.len(), 2);
        assert_eq!(
            (sections[0].anchor.as_str(), sections[0].heading.as_str()),
            ("minimums", "Les conditions")
        );
        assert_eq!(sections[0].markdown, "texte");
        assert_eq!(sections[1].anchor, "section-2");
        assert_eq!(sections[1].markdown, "fin");
    }

    #[test]
    fn question_references_become_links() {
        let titles = HashMap::from([("q020".to_string(), "Moins de \"cinq\"".to_string())]);
        let r = to_html(
            "Voir q020, q999 et aq0201 (انظر q020).",
            &RenderOptions {
                lang: "ar",
                questions: Some(&titles),
            },
        );
        assert_eq!(
            r.html.matches("href=\"/kb/questions/q020?lang=ar\"").count(),
            2,
            "{}",
            r.html
        );
        assert!(
            r.html.contains("title=\"Moins de &quot;cinq&quot;\""),
            "{}",
            r.html
        );
        assert!(
            !r.html.contains("q999?"),
            "unknown questions stay text: {}",
            r.html
        );
        assert!(r.html.contains("aq0201"), "{}", r.html);
    }

    #[test]
    fn placeholders_become_blanks() {
        assert_eq!(
            fill_blanks("Nom : {{ cooperative_name }}, le {{date}}."),
            "Nom : ……, le ……."
        );
        assert_eq!(fill_blanks("{{ not a name }} {{"), "{{ not a name }} {{");
        assert!(html("**{{ cooperative_name }}**").contains("<strong>……</strong>"));
    }

    #[test]
    fn plain_text_has_no_marks() {
        let text = to_plain(
            "## Titre {#t}\n\n**Gras** et [lien](http://x)\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| c | d |\n",
        );
        assert_eq!(text, "Titre\nGras et lien\nun\ndeux\na b\nc d");
    }

    #[test]
    fn blocks_for_paper() {
        let blocks = to_blocks(
            "## Titre\n\nUn **gras** mot.\n\n1. un\n2. deux\n\n> note\n\n| a | b |\n|---|---|\n| c | d |\n",
        );
        let kinds: Vec<&str> = blocks
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b["t"].as_str())
            .collect();
        assert_eq!(kinds, ["h2", "p", "ol", "quote", "table"]);
        assert_eq!(
            blocks[1]["c"][1],
            json!({ "s": "gras", "b": true, "i": false, "m": false })
        );
        assert_eq!(blocks[2]["items"].as_array().map(Vec::len), Some(2));
        assert_eq!(blocks[4]["cols"], 2);
        assert_eq!(blocks[4]["rows"].as_array().map(Vec::len), Some(2));
    }
}
