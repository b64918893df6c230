//! Retrieval quality on the real knowledge base (`content/kb`): every question and guide section
//! is indexed, then the queries of `content/kb/eval/*.tsv` (`lang<TAB>query<TAB>expected,ids`,
//! written by the editors the way readers ask, darija and typos included) are run and the
//! share whose expected page is in the top 3 (and first) is measured.
//!
//! The content is written by other people in parallel: with fewer than [`MIN_QUERIES`] queries
//! (or no content directory) the test only prints a note. Ranking is tuned with general means
//! only (stemming, stopwords, glossary, weights), never for particular queries.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use taawun_search::text::{DocLang, TextDoc, TextIndex};

const MIN_QUERIES: usize = 60;
const MIN_TOP3: f64 = 0.9;
const MIN_TOP1: f64 = 0.7;

fn kb_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/kb")
}

/// Files with the given extension under `dir`, recursively, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A Markdown page: front-matter fields and body.
struct Page {
    id: String,
    lang: DocLang,
    kind: String,
    title: String,
    keywords: String,
    summary: String,
    body: String,
}

fn parse_page(text: &str) -> Option<Page> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim() != "---" {
        return None;
    }
    let field = |name: &str, line: &str, out: &mut String| {
        if let Some(v) = line.strip_prefix(name).and_then(|r| r.strip_prefix(':')) {
            *out = v.trim().to_owned();
        }
    };
    let (mut id, mut lang, mut kind, mut title, mut keywords, mut summary) = Default::default();
    for line in lines.by_ref() {
        if line.trim() == "---" {
            break;
        }
        field("id", line, &mut id);
        field("lang", line, &mut lang);
        field("kind", line, &mut kind);
        field("title", line, &mut title);
        field("keywords", line, &mut keywords);
        field("summary", line, &mut summary);
    }
    let body: Vec<&str> = lines.collect();
    Some(Page {
        lang: DocLang::parse(&lang)?,
        id,
        kind,
        title,
        keywords,
        summary,
        body: body.join("\n"),
    })
}

/// Replaces `[text](url)` by `text`.
fn strip_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else {
            break;
        };
        let Some(end) = after[close + 2..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Light Markdown stripping: heading marks, emphasis, links, quotes, table pipes.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for line in markdown.lines() {
        let t = line.trim();
        if t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        let t = t.trim_start_matches('#').trim_start_matches('>').trim();
        let t = strip_links(t).replace(['*', '`', '|'], " ");
        out.push_str(t.trim());
        out.push('\n');
    }
    out.trim().to_owned()
}

/// `## Heading {#anchor}` → (heading, anchor).
fn section_heading(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("## ")?;
    let open = rest.rfind("{#")?;
    let anchor = rest[open + 2..].trim_end().strip_suffix('}')?;
    Some((rest[..open].trim(), anchor.trim()))
}

fn docs_of(page: Page) -> Vec<TextDoc> {
    match page.kind.as_str() {
        "question" => vec![TextDoc {
            key: page.id,
            lang: page.lang,
            title: page.title,
            body: plain(&page.body),
            keywords: page.keywords,
        }],
        "guide" => {
            let mut out = Vec::new();
            let mut current: Option<(String, String)> = None; // (anchor, heading)
            let mut text = String::new();
            let mut flush = |current: &Option<(String, String)>, text: &mut String| {
                let body = plain(text);
                text.clear();
                let (key, title, keywords) = match current {
                    Some((anchor, heading)) => (
                        format!("guide/{}#{}", page.id, anchor),
                        heading.clone(),
                        page.title.clone(),
                    ),
                    None if body.is_empty() => return,
                    None => (
                        format!("guide/{}", page.id),
                        page.title.clone(),
                        format!("{} {}", page.summary, page.keywords),
                    ),
                };
                out.push(TextDoc {
                    key,
                    lang: page.lang,
                    title,
                    body,
                    keywords,
                });
            };
            for line in page.body.lines() {
                if let Some((heading, anchor)) = section_heading(line) {
                    flush(&current, &mut text);
                    current = Some((anchor.to_owned(), heading.to_owned()));
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            }
            flush(&current, &mut text);
            out
        }
        _ => Vec::new(),
    }
}

/// Indexes every question and guide section under `dir`.
fn load(dir: &Path) -> TextIndex {
    let mut index = TextIndex::new();
    for path in files(dir, "md") {
        let Some(page) = fs::read_to_string(&path).ok().and_then(|t| parse_page(&t)) else {
            continue;
        };
        for doc in docs_of(page) {
            index.upsert(doc);
        }
    }
    index
}

struct Query {
    lang: DocLang,
    text: String,
    expected: HashSet<String>,
    file: String,
}

fn queries(dir: &Path) -> Vec<Query> {
    let mut out = Vec::new();
    for path in files(&dir.join("eval"), "tsv") {
        let Ok(content) = fs::read_to_string(&path) else {
            continue;
        };
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        for line in content.lines() {
            let mut cols = line.split('\t');
            let (Some(lang), Some(text), Some(expected)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Some(lang) = DocLang::parse(lang) else {
                continue;
            };
            let expected: HashSet<String> = expected
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
            if text.trim().is_empty() || expected.is_empty() {
                continue;
            }
            out.push(Query {
                lang,
                text: text.trim().to_owned(),
                expected,
                file: file.clone(),
            });
        }
    }
    out
}

#[test]
fn knowledge_base_top3() {
    let dir = kb_dir();
    if !dir.is_dir() {
        println!("note: {} is missing, evaluation skipped", dir.display());
        return;
    }
    let index = load(&dir);
    let queries = queries(&dir);
    println!("{} indexed documents, {} queries", index.len(), queries.len());
    let (mut top1, mut top3) = (0usize, 0usize);
    let mut by_lang = [[0usize; 3]; 2];
    for q in &queries {
        let hits = index.search(&q.text, q.lang, 3);
        let rank = hits.iter().position(|h| q.expected.contains(&h.key));
        let l = usize::from(q.lang == DocLang::Fr);
        by_lang[l][0] += 1;
        if rank == Some(0) {
            top1 += 1;
            by_lang[l][1] += 1;
        }
        if rank.is_some() {
            top3 += 1;
            by_lang[l][2] += 1;
        }
        if rank != Some(0) {
            let mut expected: Vec<&str> = q.expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            let got: Vec<String> = hits
                .iter()
                .map(|h| format!("{}.{} ({:.2})", h.key, h.lang.as_str(), h.score))
                .collect();
            println!(
                "{} [{}] {} {:?} → expected {:?}, got {:?}",
                if rank.is_some() { "top3" } else { "MISS" },
                q.file,
                q.lang.as_str(),
                q.text,
                expected,
                got
            );
        }
    }
    let n = queries.len();
    let rate = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    println!(
        "top-1 {}/{} = {:.3}, top-3 {}/{} = {:.3}",
        top1,
        n,
        rate(top1),
        top3,
        n,
        rate(top3)
    );
    for (l, name) in [(0, "ar"), (1, "fr")] {
        let [total, t1, t3] = by_lang[l];
        println!("  {name}: {total} queries, top-1 {t1}, top-3 {t3}");
    }
    if n < MIN_QUERIES {
        println!("note: only {n} queries (< {MIN_QUERIES}), thresholds not checked");
        return;
    }
    assert!(
        rate(top3) >= MIN_TOP3,
        "top-3 rate {:.3} < {MIN_TOP3}",
        rate(top3)
    );
    assert!(
        rate(top1) >= MIN_TOP1,
        "top-1 rate {:.3} < {MIN_TOP1}",
        rate(top1)
    );
}

/// `KB_EXPLAIN="lang<TAB>query" cargo test -p taawun-search --test kb_eval explain -- --nocapture`
/// prints how a question is scored against the knowledge base.
#[test]
fn explain() {
    let Ok(spec) = std::env::var("KB_EXPLAIN") else {
        return;
    };
    let (lang, query) = spec.split_once('\t').unwrap_or(("ar", spec.as_str()));
    let index = load(&kb_dir());
    let lang = DocLang::parse(lang).unwrap_or(DocLang::Ar);
    println!("{}", index.explain(query, lang, 8));
    for hit in index.search(query, lang, 3) {
        let snippet: String = hit
            .snippet
            .iter()
            .map(|p| {
                if p.highlight {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect();
        println!(
            "{}.{}: {}",
            hit.key,
            hit.lang.as_str(),
            snippet.replace('\n', " ")
        );
    }
}

#[test]
fn markdown_is_stripped() {
    let text = plain("## Titre\n**Gras** et [lien](http://x) | cellule |\n|---|---|\n> cité");
    let words: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(words, ["Titre", "Gras", "et", "lien", "cellule", "cité"]);
    assert_eq!(text.lines().count(), 3);
    assert_eq!(
        section_heading("## Étape 1 : le nom {#name}"),
        Some(("Étape 1 : le nom", "name"))
    );
    assert_eq!(section_heading("## Sans ancre"), None);
}
