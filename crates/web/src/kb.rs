//! The knowledge base: the three guides, the "100 questions on cooperative work" and the model
//! statutes and minutes, in Arabic and French.
//!
//! The pages ship as Markdown files with front matter (`content/kb`, compiled in by [`FILES`]);
//! at start they seed the database ([`taawun_store::Store::kb_seed`]), which from then on is the
//! source of truth: the office edits pages on the site, each save a new revision.
//!
//! [`Kb`] holds this process's full-text index ([`taawun_search::text::TextIndex`]): one document
//! per question and one per guide section (`guide/<id>#<anchor>`, so a search lands on the
//! section that answers). Before every search it asks the database for the last change
//! (`kb_changes`) and re-indexes what another request or process changed, so an edit is
//! searchable at once everywhere.

mod files;
pub mod markdown;

use std::{
    collections::HashMap,
    sync::{
        RwLock,
        atomic::{AtomicI64, Ordering},
    },
};

pub use files::FILES;
use serde::Serialize;
use taawun_domain::Lang;
use taawun_search::text::{DocLang, SnippetPart, TextDoc, TextIndex};
use taawun_store::{KbArticle, KbSeed, Store, StoreError};

/// Kinds of pages.
pub const KINDS: [&str; 3] = ["question", "guide", "template"];

/// Topics of the questions, in the order the home page lists them.
pub const TOPICS: [&str; 13] = [
    "founding",
    "members",
    "capital",
    "governance",
    "assemblies",
    "accounting",
    "adaptation",
    "unions",
    "dissolution",
    "register",
    "support",
    "quality",
    "marketing",
];

pub fn doc_lang(lang: Lang) -> DocLang {
    match lang {
        Lang::Ar => DocLang::Ar,
        Lang::Fr => DocLang::Fr,
    }
}

pub fn lang_of_doc(lang: DocLang) -> Lang {
    match lang {
        DocLang::Ar => Lang::Ar,
        DocLang::Fr => Lang::Fr,
    }
}

/// The public page of a page of a kind, in a language.
pub fn page_url(kind: &str, key: &str, lang: &str) -> String {
    let section = match kind {
        "question" => "questions",
        "template" => "templates",
        _ => "guides",
    };
    format!("/kb/{section}/{key}?lang={lang}")
}

/// The public page of a search document: `q012` → `/kb/questions/q012?lang=fr`,
/// `guide/founding#minimums` → `/kb/guides/founding?lang=ar#minimums`.
pub fn doc_url(doc_key: &str, lang: &str) -> String {
    match doc_key.strip_prefix("guide/") {
        Some(rest) => match rest.split_once('#') {
            Some((id, anchor)) => format!("/kb/guides/{id}?lang={lang}#{anchor}"),
            None => format!("/kb/guides/{rest}?lang={lang}"),
        },
        None => format!("/kb/questions/{doc_key}?lang={lang}"),
    }
}

/// Reads a shipped page: front matter between `---` lines (`id, lang, kind, topic, title,
/// summary, articles, related, keywords`), then the Markdown body.
pub fn parse_file(text: &str) -> Result<KbSeed, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim) != Some("---") {
        return Err("no front matter".into());
    }
    let mut fields: HashMap<&str, String> = HashMap::new();
    let mut closed = false;
    let mut consumed = 0usize;
    for line in lines.by_ref() {
        consumed += line.len();
        if line.trim() == "---" {
            closed = true;
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            fields.insert(name.trim(), value.trim().to_string());
        }
    }
    if !closed {
        return Err("front matter not closed".into());
    }
    let first = text.find('\n').map_or(text.len(), |i| i + 1);
    let body = text[first + consumed..].trim().to_string();
    let mut get = |name: &str| fields.remove(name).unwrap_or_default();
    let seed = KbSeed {
        key: get("id"),
        lang: get("lang"),
        kind: get("kind"),
        topic: get("topic"),
        title: get("title"),
        summary: get("summary"),
        body,
        keywords: get("keywords"),
        articles: get("articles"),
        related: get("related"),
    };
    if seed.key.is_empty() || !seed.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("bad id {:?}", seed.key));
    }
    if Lang::parse(&seed.lang).is_none_or(|l| l.code() != seed.lang) {
        return Err(format!("bad lang {:?}", seed.lang));
    }
    if !KINDS.contains(&seed.kind.as_str()) {
        return Err(format!("bad kind {:?}", seed.kind));
    }
    if seed.title.is_empty() || seed.body.is_empty() {
        return Err("empty title or body".into());
    }
    Ok(seed)
}

/// Every shipped page.
pub fn shipped_pages() -> Result<Vec<KbSeed>, String> {
    FILES
        .iter()
        .map(|(path, text)| parse_file(text).map_err(|e| format!("content/kb/{path}: {e}")))
        .collect()
}

/// The comma-separated list of a front-matter field.
pub fn list(field: &str) -> Vec<String> {
    field
        .split([',', '،'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The search documents of a page: a question is one; a guide is its introduction and one per
/// section; templates are not searched (the guides point to them).
pub fn documents(article: &KbArticle) -> Vec<(TextDoc, DocInfo)> {
    let Some(lang) = DocLang::parse(&article.lang) else {
        return Vec::new();
    };
    match article.kind.as_str() {
        "question" => vec![(
            TextDoc {
                key: article.key.clone(),
                lang,
                title: article.title.clone(),
                body: markdown::to_plain(&article.body),
                keywords: article.keywords.clone(),
            },
            DocInfo {
                title: article.title.clone(),
                url: doc_url(&article.key, &article.lang),
            },
        )],
        "guide" => {
            let (intro, sections) = markdown::sections(&article.body);
            let mut out = Vec::with_capacity(sections.len() + 1);
            let intro = markdown::to_plain(&intro);
            if !intro.is_empty() {
                let key = format!("guide/{}", article.key);
                out.push((
                    TextDoc {
                        key: key.clone(),
                        lang,
                        title: article.title.clone(),
                        body: intro,
                        keywords: format!("{} {}", article.summary, article.keywords),
                    },
                    DocInfo {
                        title: article.title.clone(),
                        url: doc_url(&key, &article.lang),
                    },
                ));
            }
            for s in sections {
                let key = format!("guide/{}#{}", article.key, s.anchor);
                out.push((
                    TextDoc {
                        key: key.clone(),
                        lang,
                        title: s.heading.clone(),
                        body: markdown::to_plain(&s.markdown),
                        keywords: article.title.clone(),
                    },
                    DocInfo {
                        title: format!("{} — {}", s.heading, article.title),
                        url: doc_url(&key, &article.lang),
                    },
                ));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// What a search result shows of a document.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub title: String,
    pub url: String,
}

#[derive(Default)]
struct Index {
    text: TextIndex,
    docs: HashMap<(String, DocLang), DocInfo>,
    /// The documents of each page, to replace them when the page changes.
    pages: HashMap<(String, DocLang), Vec<String>>,
}

impl Index {
    fn put(&mut self, article: &KbArticle) {
        let Some(lang) = DocLang::parse(&article.lang) else {
            return;
        };
        self.remove(&article.key, lang);
        let mut keys = Vec::new();
        for (doc, info) in documents(article) {
            keys.push(doc.key.clone());
            self.docs.insert((doc.key.clone(), lang), info);
            self.text.upsert(doc);
        }
        self.pages.insert((article.key.clone(), lang), keys);
    }

    fn remove(&mut self, key: &str, lang: DocLang) {
        for doc in self.pages.remove(&(key.to_string(), lang)).unwrap_or_default() {
            self.text.remove(&doc, lang);
            self.docs.remove(&(doc, lang));
        }
    }
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct KbHit {
    /// Search document: `q012` or `guide/founding#minimums`.
    pub key: String,
    /// Language of the page found (the other one when the question was translated).
    pub lang: Lang,
    pub title: String,
    /// Public page, with `?lang=` (and `#anchor` for a guide section).
    pub url: String,
    pub score: f32,
    #[serde(skip)]
    pub snippet: Vec<SnippetPart>,
}

impl KbHit {
    /// The snippet as plain text, on one line.
    pub fn snippet_text(&self) -> String {
        let text: String = self.snippet.iter().map(|p| p.text.as_str()).collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The snippet as HTML: everything escaped, the question's words in `<mark>`.
    pub fn snippet_html(&self) -> String {
        let mut out = String::new();
        for part in &self.snippet {
            let text = markdown::escape_html(&part.text);
            if part.highlight {
                out.push_str("<mark>");
                out.push_str(&text);
                out.push_str("</mark>");
            } else {
                out.push_str(&text);
            }
        }
        out
    }
}

/// This process's search index of the knowledge base.
pub struct Kb {
    index: RwLock<Index>,
    /// Last change of `kb_changes` applied.
    seq: AtomicI64,
    /// One sync at a time: concurrent searches wait for it rather than repeat it.
    syncing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kb")
    }
}

impl Kb {
    /// Seeds the database with the shipped pages (what it lacks, and what was never edited on the
    /// site and changed in the files), then indexes every page.
    pub async fn load(store: &Store) -> Result<Self, StoreError> {
        let pages = shipped_pages().map_err(StoreError::ReferenceData)?;
        let written = store.kb_seed(&pages).await?;
        if written > 0 {
            tracing::info!(pages = written, "knowledge base seeded");
        }
        let seq = store.kb_latest_change().await?;
        let articles = store.kb_articles(None).await?;
        let index = tokio::task::spawn_blocking(move || {
            let mut index = Index::default();
            for a in &articles {
                index.put(a);
            }
            index
        })
        .await
        .map_err(|e| StoreError::ReferenceData(format!("knowledge base index: {e}")))?;
        Ok(Self {
            index: RwLock::new(index),
            seq: AtomicI64::new(seq),
            syncing: tokio::sync::Mutex::new(()),
        })
    }

    /// Number of search documents.
    pub fn len(&self) -> usize {
        self.read(|i| i.text.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn read<T>(&self, f: impl FnOnce(&Index) -> T) -> T {
        match self.index.read() {
            Ok(i) => f(&i),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    fn write(&self, f: impl FnOnce(&mut Index)) {
        match self.index.write() {
            Ok(mut i) => f(&mut i),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Re-indexes the pages changed since the last call, by this process or another.
    pub async fn sync(&self, store: &Store) -> Result<(), StoreError> {
        if store.kb_latest_change().await? <= self.seq.load(Ordering::Acquire) {
            return Ok(());
        }
        let _one = self.syncing.lock().await;
        let since = self.seq.load(Ordering::Acquire);
        let changes = store.kb_changes_since(since).await?;
        let Some((last, _, _)) = changes.last().cloned() else {
            return Ok(());
        };
        let mut pages: Vec<(String, String)> = changes.into_iter().map(|(_, k, l)| (k, l)).collect();
        pages.sort();
        pages.dedup();
        for (key, lang) in pages {
            match store.kb_article(&key, &lang).await {
                Ok(a) => self.write(|i| i.put(&a)),
                Err(StoreError::NotFound) => {
                    if let Some(l) = DocLang::parse(&lang) {
                        self.write(|i| i.remove(&key, l));
                    }
                }
                Err(e) => return Err(e),
            }
        }
        self.seq.store(last, Ordering::Release);
        Ok(())
    }

    /// The pages that best answer `query`, asked by a reader of `lang`, best first; brought up to
    /// date with the database first.
    pub async fn search(
        &self,
        store: &Store,
        query: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<Vec<KbHit>, StoreError> {
        self.sync(store).await?;
        Ok(self.read(|index| {
            index
                .text
                .search(query, doc_lang(lang), limit)
                .into_iter()
                .filter_map(|hit| {
                    let info = index.docs.get(&(hit.key.clone(), hit.lang))?;
                    Some(KbHit {
                        title: info.title.clone(),
                        url: info.url.clone(),
                        lang: lang_of_doc(hit.lang),
                        key: hit.key,
                        score: hit.score,
                        snippet: hit.snippet,
                    })
                })
                .collect()
        }))
    }
}

/// Which question explains a rule or a document: rule codes of the domain
/// ([`taawun_domain::error::RULE_CODES`]), document kinds and filing kinds of the register.
const EXPLANATIONS: &[(&str, &str)] = &[
    // founders and members
    ("too_few_founders", "q002"),
    ("too_few_members", "q002"),
    ("duplicate_founders", "q002"),
    ("founders_list", "q006"),
    ("too_few_member_cooperatives", "q068"),
    ("union_founders_mismatch", "q068"),
    ("duplicate_member_cooperative", "q068"),
    // capital
    ("capital_below_minimum", "q021"),
    ("share_below_minimum", "q022"),
    ("capital_not_multiple_of_share", "q022"),
    ("paid_below_quarter", "q023"),
    ("paid_above_subscribed", "q023"),
    ("in_kind_exceeds_subscription", "q025"),
    ("in_kind_evaluation", "q025"),
    ("bank_certificate", "q026"),
    // governance
    ("board_too_small", "q032"),
    ("board_needs_one_chair", "q033"),
    ("manager_required", "q031"),
    ("officer_role_mismatch", "q031"),
    ("officer_not_founder", "q032"),
    ("duplicate_officer", "q032"),
    ("board_minutes", "q040"),
    // founding documents and steps
    ("name_approval", "q004"),
    ("statutes", "q005"),
    ("invalid_duration", "q005"),
    ("constitutive_minutes", "q006"),
    ("local_authority_receipt", "q010"),
    ("immatriculation", "q081"),
    ("invalid_registration_number", "q082"),
    // modifications and assemblies
    ("modification", "q083"),
    ("egm_minutes", "q047"),
    // adaptation to Law 112-12
    ("adaptation", "q061"),
    ("adaptation_only_pre_existing", "q059"),
    ("former_approval", "q062"),
    // the end of a cooperative
    ("dissolution_minutes", "q074"),
    ("liquidation_report", "q075"),
    ("merger_agreement", "q077"),
    ("radiation", "q079"),
];

/// The answer that explains a refused field or a missing document: `explain_link("too_few_founders")`
/// → `("/kb/questions/q002", "q002")`. Takes rule codes, document kinds
/// (`statutes`, `bank_certificate`, …) and filing kinds (`adaptation`, …). The URL has no
/// `?lang=`: the page opens in the reader's language.
pub fn explain_link(topic_or_code: &str) -> Option<(String, String)> {
    EXPLANATIONS
        .iter()
        .find(|(code, _)| *code == topic_or_code)
        .map(|(_, key)| (format!("/kb/questions/{key}"), (*key).to_string()))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use super::*;

    fn content_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/kb")
    }

    #[test]
    fn every_content_file_is_compiled_in() {
        let mut on_disk = BTreeSet::new();
        for dir in std::fs::read_dir(content_dir()).expect("content/kb") {
            let dir = dir.expect("entry").path();
            if !dir.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&dir).expect("dir") {
                let p = f.expect("entry").path();
                if p.extension().is_some_and(|e| e == "md") {
                    let rel = p.strip_prefix(content_dir()).expect("prefix");
                    on_disk.insert(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let listed: BTreeSet<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        let missing: Vec<_> = on_disk.difference(&listed).collect();
        let stale: Vec<_> = listed.difference(&on_disk).collect();
        assert!(
            missing.is_empty() && stale.is_empty(),
            "add to crates/web/src/kb/files.rs: {missing:?}; remove: {stale:?}"
        );
        assert!(FILES.len() >= 200, "{}", FILES.len());
    }

    #[test]
    fn every_shipped_page_parses_and_has_its_translation() {
        let pages = shipped_pages().expect("pages parse");
        let mut seen = HashSet::new();
        for (page, (path, _)) in pages.iter().zip(FILES) {
            assert!(
                path.ends_with(&format!("/{}.{}.md", page.key, page.lang)),
                "{path}: id {} lang {}",
                page.key,
                page.lang
            );
            assert!(
                seen.insert((page.key.clone(), page.lang.clone())),
                "{path}: duplicate"
            );
            if page.kind == "question" {
                assert!(
                    TOPICS.contains(&page.topic.as_str()),
                    "{path}: topic {:?}",
                    page.topic
                );
            }
        }
        for page in &pages {
            let other = if page.lang == "ar" { "fr" } else { "ar" };
            let twin = pages.iter().find(|p| p.key == page.key && p.lang == other);
            let twin = twin.unwrap_or_else(|| panic!("{} has no {other} version", page.key));
            assert_eq!(twin.kind, page.kind, "{}", page.key);
            for r in list(&page.related) {
                assert!(
                    pages.iter().any(|p| p.key == r),
                    "{}: related {r} does not exist",
                    page.key
                );
            }
        }
        // Keys are unique across kinds: the edit and history pages address a page by key alone.
        let kinds: HashMap<&str, &str> = pages.iter().map(|p| (p.key.as_str(), p.kind.as_str())).collect();
        for p in &pages {
            assert_eq!(kinds[p.key.as_str()], p.kind, "{} used by two kinds", p.key);
        }
        assert_eq!(pages.iter().filter(|p| p.kind == "question").count(), 200);
        assert_eq!(pages.iter().filter(|p| p.kind == "guide").count(), 6);
    }

    #[test]
    fn front_matter_and_body() {
        let page = parse_file(
            "---\nid: q002\nlang: fr\nkind: question\ntopic: founding\ntitle: Combien : cinq ?\nrelated: q003, q011\n---\nIl faut **cinq** membres.\n",
        )
        .expect("parses");
        assert_eq!(page.title, "Combien : cinq ?");
        assert_eq!(page.body, "Il faut **cinq** membres.");
        assert_eq!(list(&page.related), ["q003", "q011"]);
        assert!(parse_file("no front matter").is_err());
        assert!(parse_file("---\nid: x\nlang: de\nkind: question\ntitle: t\n---\nb").is_err());
    }

    #[test]
    fn guides_are_searched_by_section() {
        let pages = shipped_pages().expect("pages parse");
        let founding = pages
            .iter()
            .find(|p| p.key == "founding" && p.lang == "fr")
            .expect("founding guide");
        let article = KbArticle {
            key: founding.key.clone(),
            lang: founding.lang.clone(),
            kind: founding.kind.clone(),
            topic: String::new(),
            title: founding.title.clone(),
            summary: founding.summary.clone(),
            body: founding.body.clone(),
            keywords: String::new(),
            articles: String::new(),
            related: String::new(),
            revision: 1,
            edited: false,
            updated_at: 0,
        };
        let docs = documents(&article);
        let keys: Vec<&str> = docs.iter().map(|(d, _)| d.key.as_str()).collect();
        assert!(keys.contains(&"guide/founding#minimums"), "{keys:?}");
        let (_, info) = docs
            .iter()
            .find(|(d, _)| d.key == "guide/founding#minimums")
            .expect("minimums");
        assert_eq!(info.url, "/kb/guides/founding?lang=fr#minimums");
    }

    #[test]
    fn explanations_point_to_questions_that_exist() {
        let pages = shipped_pages().expect("pages parse");
        for (code, key) in EXPLANATIONS {
            assert!(
                pages.iter().any(|p| p.key == *key && p.kind == "question"),
                "{code} → {key}"
            );
        }
        assert_eq!(
            explain_link("too_few_founders"),
            Some(("/kb/questions/q002".to_string(), "q002".to_string()))
        );
        assert_eq!(explain_link("statutes").map(|l| l.1), Some("q005".to_string()));
        assert_eq!(explain_link("nothing"), None);
        // Every code named here is a rule code, a document kind or a filing kind of the domain,
        // and every document a filing can ask for has its explanation.
        use taawun_domain::register::{DocumentKind, FilingKind};
        let documents: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
        let filings: Vec<&str> = FilingKind::ALL.iter().map(|k| k.as_str()).collect();
        for (code, _) in EXPLANATIONS {
            assert!(
                taawun_domain::error::RULE_CODES.contains(code)
                    || documents.contains(code)
                    || filings.contains(code),
                "{code} is unknown"
            );
        }
        for kind in documents.iter().chain(&filings).filter(|k| **k != "other") {
            assert!(explain_link(kind).is_some(), "{kind} has no explanation");
        }
    }

    #[test]
    fn doc_urls() {
        assert_eq!(doc_url("q012", "fr"), "/kb/questions/q012?lang=fr");
        assert_eq!(
            doc_url("guide/founding#minimums", "ar"),
            "/kb/guides/founding?lang=ar#minimums"
        );
        assert_eq!(doc_url("guide/founding", "ar"), "/kb/guides/founding?lang=ar");
        assert_eq!(
            page_url("template", "model-statutes", "fr"),
            "/kb/templates/model-statutes?lang=fr"
        );
    }
}
