//! Full-text search of the knowledge base: the guides and the "100 questions on cooperative
//! work", in Arabic and French.
//!
//! A reader types a question the way they would ask it at the office counter — in standard
//! Arabic, in darija, in French, with typos — and expects the page that answers it. The
//! pipeline, applied identically to pages and questions:
//!
//! 1. **Analysis** (`analyze`): words keep their place in the original text (for snippets),
//!    are normalised ([`crate::normalize`]), darija question words and stopwords are dropped,
//!    Arabic and French words are lightly stemmed (`stem`), numbers stay whole («112.12»).
//! 2. **Index** ([`TextIndex`]): one posting list per term with per-field frequencies (title,
//!    keywords, body) and positions; per-language document counts and field lengths.
//! 3. **Query plan**: each question term is a *slot* with alternatives: the term itself,
//!    glossary variants of it (broken plurals, synonyms, abbreviations; weight 0.7), and —
//!    for a term absent from the pages — the page words within one edit (terms of ≥ 4
//!    letters, weight 0.7) or two edits (≥ 8 letters, weight 0.5), found in a trie (`fuzzy`).
//! 4. **Ranking**: BM25F (title × 3, keywords × 2.5, body × 1; k1 = 2), each slot
//!    scoring its best alternative; a bonus when two question terms are adjacent in the title
//!    or body; then the score is scaled by *coverage*, the idf-weighted share of the
//!    question's terms the page contains, so a page answering the whole question beats one
//!    repeating a single rare word.
//! 5. **Languages**: the script of the question chooses the pages (Arabic → Arabic pages,
//!    Latin → French pages, both → both, with the glossary translating each term for the other
//!    side; neither, e.g. only digits → the reader's language). When no page of that language
//!    covers at least [`RELEVANCE_FLOOR`] of the question, the question is translated with the
//!    bilingual glossary (`glossary`, ~200 concepts) and the other language's pages are
//!    searched: a French question finds the Arabic-only guide.
//! 6. **Snippets** (`snippet`): the ~30-word passage of the body covering the most distinct
//!    question terms, as parts of the original text with the matched words highlighted.
//!
//! Queries only walk the postings of their terms (and the trie for unknown words); ties are
//! broken by key, so results are deterministic. No I/O: the web layer loads the pages (and
//! strips their Markdown) and calls [`TextIndex::upsert`].

use std::collections::{BTreeMap, HashMap};

use crate::normalize::{Script, detect_script};

mod analyze;
mod fuzzy;
mod glossary;
mod plan;
mod rank;
mod snippet;
mod stem;

use analyze::Term;
use plan::Plan;
use rank::Ranked;
pub use snippet::{ELLIPSIS_AFTER, ELLIPSIS_BEFORE, SNIPPET_WORDS};

/// Language of a page (and of the reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocLang {
    /// Arabic.
    Ar,
    /// French.
    Fr,
}

impl DocLang {
    /// Both languages.
    pub const ALL: [DocLang; 2] = [DocLang::Ar, DocLang::Fr];

    /// ISO 639-1 code: `ar` or `fr`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocLang::Ar => "ar",
            DocLang::Fr => "fr",
        }
    }

    /// Parses an ISO 639-1 code (`ar`, `fr`, any case).
    pub fn parse(code: &str) -> Option<DocLang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ar" => Some(DocLang::Ar),
            "fr" => Some(DocLang::Fr),
            _ => None,
        }
    }

    /// The other language.
    pub fn other(self) -> DocLang {
        match self {
            DocLang::Ar => DocLang::Fr,
            DocLang::Fr => DocLang::Ar,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A page of the knowledge base, as the web layer gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDoc {
    /// Identifier shared by the translations of a page (`q012`, `guide/statuts#capital`).
    pub key: String,
    /// Language of this version.
    pub lang: DocLang,
    /// Title (for a question: the question itself).
    pub title: String,
    /// Plain text; the caller strips Markdown.
    pub body: String,
    /// Extra search words written by the editors (may be empty).
    pub keywords: String,
}

/// One result of [`TextIndex::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct TextHit {
    /// Key of the page.
    pub key: String,
    /// Language of the page found (the other language when the question was translated).
    pub lang: DocLang,
    /// Relevance, higher is better; comparable within one result list only.
    pub score: f32,
    /// Passage of the body (see [`SnippetPart`]); empty when the body is.
    pub snippet: Vec<SnippetPart>,
}

/// A piece of a snippet: original (un-normalised) text of the body, in logical order. The
/// web layer escapes `text` and wraps highlighted parts in `<mark>`. Besides slices of the
/// body, a snippet may start with [`ELLIPSIS_BEFORE`] and end with [`ELLIPSIS_AFTER`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    /// The text.
    pub text: String,
    /// Whether it is a word of the question.
    pub highlight: bool,
}

/// Coverage (idf-weighted share of the question's terms found in one page) below which a
/// language is said to have no good answer, and the translated question is tried.
pub const RELEVANCE_FLOOR: f32 = 0.5;

/// How much more coverage the translated question must reach for the other language's
/// pages to come first.
const OWN_LANGUAGE_MARGIN: f32 = 0.1;

const TITLE: usize = 0;
const KEYWORDS: usize = 1;
const BODY: usize = 2;

/// Positions between the title and the body, so that they are never adjacent.
const TITLE_GAP: u32 = 2;

#[derive(Debug, Clone)]
struct Posting {
    doc: u32,
    /// Occurrences per field.
    tf: [u16; 3],
    /// Positions in the title (from 0) then the body (after the title and a gap), ascending.
    positions: Box<[u32]>,
}

#[derive(Debug, Clone, Default)]
struct TermEntry {
    /// Sorted by document slot.
    postings: Vec<Posting>,
    /// Documents containing the term, per language.
    df: [u32; 2],
}

#[derive(Debug, Clone)]
struct StoredDoc {
    key: String,
    lang: DocLang,
    body: String,
    /// Field lengths in terms.
    len: [u32; 3],
    /// Distinct term ids (to remove the postings).
    terms: Vec<u32>,
    /// Words of the body and, parallel to the body's terms, their ids (for snippets).
    words: Vec<analyze::Word>,
    word_terms: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct LangStats {
    docs: u32,
    len_sum: [u64; 3],
}

/// In-memory full-text index of the knowledge base (see the module documentation).
///
/// A few hundred pages is the expected size; upserts and removals are cheap, so the web
/// layer can rebuild it at start-up and apply edits as they happen.
#[derive(Debug, Default, Clone)]
pub struct TextIndex {
    docs: Vec<Option<StoredDoc>>,
    free: Vec<u32>,
    by_key: HashMap<(String, DocLang), u32>,
    vocab: HashMap<String, u32>,
    terms: Vec<TermEntry>,
    /// Words as written (normalised, unstemmed) → term id, for typo tolerance.
    words: fuzzy::Trie,
    stats: [LangStats; 2],
}

fn lang_mask(lang: DocLang) -> [bool; 2] {
    let mut m = [false; 2];
    m[lang.index()] = true;
    m
}

/// Pages a question searches first, by its script (see the module doc), and whether it mixes
/// scripts.
fn query_langs(query: &str, reader: DocLang) -> ([bool; 2], bool) {
    match detect_script(query) {
        Some(Script::Arabic) => (lang_mask(DocLang::Ar), false),
        Some(Script::Latin) => (lang_mask(DocLang::Fr), false),
        Some(Script::Mixed) => ([true, true], true),
        _ => (lang_mask(reader), false),
    }
}

impl TextIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of pages (each language version counts).
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when no page is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// True when this version of a page is indexed.
    pub fn contains(&self, key: &str, lang: DocLang) -> bool {
        self.by_key.contains_key(&(key.to_owned(), lang))
    }

    /// Adds a page, replacing the one with the same key and language.
    pub fn upsert(&mut self, doc: TextDoc) {
        self.remove(&doc.key, doc.lang);
        let title = analyze::analyze(&doc.title);
        let keywords = analyze::analyze(&doc.keywords);
        let body = analyze::analyze(&doc.body);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        let lang = doc.lang.index();
        let body_start = title.positions + TITLE_GAP;
        let mut found: BTreeMap<u32, ([u16; 3], Vec<u32>)> = BTreeMap::new();
        let mut word_terms = Vec::with_capacity(body.terms.len());
        let mut len = [0u32; 3];
        for (field, a, offset) in [
            (TITLE, &title, Some(0)),
            (KEYWORDS, &keywords, None),
            (BODY, &body, Some(body_start)),
        ] {
            for t in &a.terms {
                let id = self.intern(t);
                if field == BODY {
                    word_terms.push(id);
                }
                len[field] += u32::from(!t.part);
                let (tf, positions) = found.entry(id).or_default();
                tf[field] = tf[field].saturating_add(1);
                if let Some(offset) = offset {
                    positions.push(offset + t.pos);
                }
            }
        }
        for (&id, (tf, positions)) in &mut found {
            positions.sort_unstable();
            positions.dedup();
            let entry = &mut self.terms[id as usize];
            let at = entry.postings.partition_point(|p| p.doc < slot);
            entry.postings.insert(
                at,
                Posting {
                    doc: slot,
                    tf: *tf,
                    positions: std::mem::take(positions).into_boxed_slice(),
                },
            );
            entry.df[lang] += 1;
        }
        let stats = &mut self.stats[lang];
        stats.docs += 1;
        for (sum, l) in stats.len_sum.iter_mut().zip(len) {
            *sum += u64::from(l);
        }
        self.by_key.insert((doc.key.clone(), doc.lang), slot);
        self.docs[slot as usize] = Some(StoredDoc {
            key: doc.key,
            lang: doc.lang,
            body: doc.body,
            len,
            terms: found.into_keys().collect(),
            words: body.words,
            word_terms,
        });
    }

    /// Removes a page version; nothing happens if it is not indexed.
    pub fn remove(&mut self, key: &str, lang: DocLang) {
        let Some(slot) = self.by_key.remove(&(key.to_owned(), lang)) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        let l = doc.lang.index();
        for &id in &doc.terms {
            let entry = &mut self.terms[id as usize];
            if let Ok(i) = entry.postings.binary_search_by_key(&slot, |p| p.doc) {
                entry.postings.remove(i);
                entry.df[l] = entry.df[l].saturating_sub(1);
            }
        }
        let stats = &mut self.stats[l];
        stats.docs = stats.docs.saturating_sub(1);
        for (sum, len) in stats.len_sum.iter_mut().zip(doc.len) {
            *sum = sum.saturating_sub(u64::from(len));
        }
        self.free.push(slot);
    }

    /// Pages answering `query`, best first, at most `limit`. `lang` is the reader's language;
    /// the script of the question decides which pages are searched (see the module doc).
    pub fn search(&self, query: &str, lang: DocLang, limit: usize) -> Vec<TextHit> {
        if limit == 0 || self.is_empty() {
            return Vec::new();
        }
        let mut terms = analyze::query_terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let (langs, mixed) = query_langs(query, lang);
        self.guess_verbs(&mut terms, langs);
        let plan = self.plan(&terms, langs, mixed);
        let ranked = self.rank(&plan);
        let best = ranked.iter().map(|r| r.coverage).fold(0.0f32, f32::max);
        let mut results: Vec<(Ranked, &Plan)> = ranked.into_iter().map(|r| (r, &plan)).collect();
        let translated;
        if !mixed && best < RELEVANCE_FLOOR {
            let other = [!langs[0], !langs[1]];
            translated = self.translated_plan(&terms, &plan, other);
            if let Some(tplan) = &translated {
                let tr = self.rank(tplan);
                let tbest = tr.iter().map(|r| r.coverage).fold(0.0f32, f32::max);
                let tr = tr.into_iter().map(|r| (r, tplan));
                // The language that explains clearly more of the question comes first; on a
                // near tie the reader's question keeps its own language.
                if tbest > best + OWN_LANGUAGE_MARGIN {
                    results = tr.chain(results).collect();
                } else {
                    results.extend(tr);
                }
            }
        }
        results
            .into_iter()
            .take(limit)
            .filter_map(|(r, plan)| self.hit(r, plan))
            .collect()
    }

    fn doc(&self, slot: u32) -> Option<&StoredDoc> {
        self.docs.get(slot as usize).and_then(Option::as_ref)
    }

    fn intern(&mut self, t: &Term) -> u32 {
        let id = match self.vocab.get(&t.text) {
            Some(&id) => id,
            None => {
                let id = self.terms.len() as u32;
                self.terms.push(TermEntry::default());
                self.vocab.insert(t.text.clone(), id);
                id
            }
        };
        if !t.surface.is_empty() {
            self.words.insert(&t.surface, id);
        }
        id
    }
}

#[cfg(test)]
mod tests;
