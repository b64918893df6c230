//! Cooperative name matching for name approval (Arabic, French/Latin, Tifinagh), pure Rust.
//!
//! A founder requests a name; the office must know whether a registered or reserved name is
//! "the same". The pipeline, applied identically to registered names and to the query:
//!
//! 1. [`normalize`] folds what does not change a name: case, accents, Arabic hamza forms,
//!    ة/ه, ى/ي, harakat, tatweel, invisible bidi characters, punctuation and spacing.
//! 2. `lexicon` strips clitics (ال, لل, وال, glued *al-*/*el-*) and classifies each word:
//!    function word, generic (تعاونية, *coopérative*, النسوية, *féminine*), descriptive
//!    (products, *Aït*/*Oulad* prefixes) or distinctive; generic and product words carry a
//!    concept so translations match (الحليب = *lait*).
//! 3. [`translit`] reduces each word to a phonetic consonant skeleton shared by Arabic and
//!    French-style spellings (*Echourouk* = «الشروق», *Bouguemez* = «بوكماز», *Tighza* = «تيغزى»).
//! 4. [`matcher::NameIndex`] interns words and keys into `u32` ids, keeps postings per word,
//!    words per key, and symmetric-delete tables for one-edit neighbours; a query gathers
//!    candidates from the postings of its rarest words' close matches (no scan of all names),
//!    then scores the best few hundred precisely: a weighted F1 over the name proper
//!    (distinctive words 1, products 0.1, generic words 0) with per-word similarity exact 1.0 /
//!    transliteration ≈ 0.9 / typo ≈ 0.75–0.85, × 0.93 when the words are in another order,
//!    × (0.9 + 0.1 × agreement of the generic words).
//!
//! Scores are comparable across queries; [`CONFLICT_THRESHOLD`] decides availability. No I/O,
//! no dependency: the index is rebuilt from the store at start-up (1M names in seconds).
//!
//! # Knowledge base search
//!
//! [`text::TextIndex`] is full-text search over the guides and the "100 questions", in Arabic
//! and French, reusing [`normalize`]: darija question words and stopwords dropped, Arabic
//! light stemming (*light10*) and French light stemming, BM25F over title, keywords and body
//! with typo tolerance and an adjacency bonus, a bilingual glossary that translates a question
//! when its own language has no good answer, and snippets with highlighted words.

#![forbid(unsafe_code)]

mod fold_table;
pub mod lexicon;
pub mod matcher;
pub mod normalize;
#[doc(hidden)]
pub mod synth;
pub mod text;
pub mod translit;

#[cfg(test)]
mod recall_tests;

pub use matcher::{CONFLICT_THRESHOLD, MIN_SCORE, Match, MatchReason, NameCheck, NameIndex, is_distinctive};
pub use text::{DocLang, SnippetPart, TextDoc, TextHit, TextIndex};
