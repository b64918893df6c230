//! The name index: candidate generation from postings, then precise scoring.
//!
//! **Memory layout** (≈200 MB of heap for 1M names): every distinct normalised word is interned
//! once (an arena of bytes plus an open-addressing table of `u32`), every distinct phonetic key
//! likewise; a name is a run of `u32` word ids in one flat vector. Postings map a word id to
//! the ascending document slots containing it; `key_words` maps a key (or concept) to the
//! words having it. Two sorted vectors of packed `(hash32, id)` implement the "symmetric
//! delete" method: keys one edit away from a key, and words one edit away from a word as
//! typed. That is how transliterations and one typo are found without scanning all names.
//!
//! **Query**: the query is analysed like a name. For each distinctive word, the similar
//! indexed words are enumerated once (same word, same concept, same key with a text or vowel
//! check, and for unknown words typo neighbours) with their precise word similarity. Postings
//! of the close matches of the rarest words are walked, accumulating a per-document estimate
//! in a thread-local dense array (no hashing on the hot path); evidence that would touch many
//! documents (products, typo neighbours, words in over 100,000 names) is added afterwards to
//! the best 3,000 documents only (6,000 when a query word is unknown: a typo), by looking at
//! their words. The best 400 by estimate are then scored precisely ([`NameIndex::search`]):
//! ≈ 2 ms of CPU per query at p50 on `taawun bench`'s 1M names (`examples/bench_register.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::lexicon::{self, STOP_CONCEPT, Tier, WordClass};
use crate::normalize::{self, Script};
use crate::translit;

/// Score at or above which a registered name blocks the requested one: the name is NOT
/// available. Calibrated so that the same distinctive words (whatever the spelling, script,
/// order or generic words) and a one-letter typo in a word of 5+ letters are conflicts, while
/// names sharing only generic words, products or a place prefix are not.
pub const CONFLICT_THRESHOLD: f32 = 0.8;

/// Matches below this score are not returned at all.
pub const MIN_SCORE: f32 = 0.3;

/// Highest score of a name that only shares the products or place prefixes of a query without
/// a distinctive word: below [`CONFLICT_THRESHOLD`], since it does not block by itself.
const DESCRIPTIVE_CAP: f32 = 0.75;

/// Why a candidate matched, best reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchReason {
    /// Exactly the same text (ignoring leading/trailing spaces).
    Identical,
    /// Same after normalisation: case, accents, hamza forms, ة/ه, ى/ي, diacritics, tatweel,
    /// punctuation, spacing, the Arabic article.
    SameAfterNormalisation,
    /// Same words in another spelling or script (*Echourouk* / «الشروق»), or translated
    /// generic words (*coopérative* / «تعاونية»).
    SameTransliteration,
    /// Same distinctive words in another order.
    SameWordsOtherOrder,
    /// Same distinctive words; generic words (legal form, members, sector, products) differ.
    SameWithoutGenericWords,
    /// Same distinctive words up to small spelling differences (a typo).
    SimilarSpelling,
    /// Some distinctive words in common.
    SharesDistinctiveWords,
    /// For a name without a distinctive word (only generic words and products or place
    /// prefixes): a name built on the same words, with others. Never a conflict by itself:
    /// such a name is refused for not being distinctive, not for being close to this one.
    SharesDescriptiveWords,
}

impl MatchReason {
    /// Stable snake_case code, for APIs and translations.
    pub fn as_str(&self) -> &'static str {
        match self {
            MatchReason::Identical => "identical",
            MatchReason::SameAfterNormalisation => "same_after_normalisation",
            MatchReason::SameTransliteration => "same_transliteration",
            MatchReason::SameWordsOtherOrder => "same_words_other_order",
            MatchReason::SameWithoutGenericWords => "same_without_generic_words",
            MatchReason::SimilarSpelling => "similar_spelling",
            MatchReason::SharesDistinctiveWords => "shares_distinctive_words",
            MatchReason::SharesDescriptiveWords => "shares_descriptive_words",
        }
    }

    /// All reasons, best first.
    pub const ALL: [MatchReason; 8] = [
        MatchReason::Identical,
        MatchReason::SameAfterNormalisation,
        MatchReason::SameTransliteration,
        MatchReason::SameWordsOtherOrder,
        MatchReason::SameWithoutGenericWords,
        MatchReason::SimilarSpelling,
        MatchReason::SharesDistinctiveWords,
        MatchReason::SharesDescriptiveWords,
    ];
}

impl std::fmt::Display for MatchReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One registered name close to the query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Caller-chosen id given to [`NameIndex::insert`].
    pub id: i64,
    /// Similarity in `0.0..=1.0`; 1.0 is the same name. Comparable across queries.
    pub score: f32,
    /// Why it matched.
    pub reason: MatchReason,
}

impl Match {
    /// True when this match makes the requested name unavailable.
    pub fn is_conflict(&self) -> bool {
        self.score >= CONFLICT_THRESHOLD
    }
}

/// Result of [`NameIndex::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct NameCheck {
    /// The name has a distinctive element (see [`is_distinctive`]).
    pub distinctive: bool,
    /// The name is distinctive and no registered name scores at or above
    /// [`CONFLICT_THRESHOLD`].
    pub available: bool,
    /// Closest names, best first.
    pub matches: Vec<Match>,
}

/// True when `name` has a distinctive element: a word that is not a function word, a generic
/// word (legal form, members, sector) or a product or place prefix. A name made only of such
/// words («تعاونية أركان», *Coopérative des dattes*) identifies no one cooperative among the
/// many built on the same words, which is why registries of companies and cooperatives refuse
/// it (the office's rule, written in the knowledge base: `names-distinctive`).
pub fn is_distinctive(name: &str) -> bool {
    let norm = normalize::normalize(name);
    normalize::words(&norm)
        .take(MAX_WORDS)
        .filter_map(lexicon::analyze)
        .any(|(_, class)| class.tier == Tier::Distinctive)
}

// ---------------------------------------------------------------------------------------------
// Small building blocks

/// FNV-1a with a final avalanche; fast for the short strings and integers hashed here.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        mix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { FNV_OFFSET } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
        self.0 = h;
    }
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(bytes);
    h.finish()
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const NONE: u32 = u32::MAX;

/// String interner: ids are dense `u32`, strings live in one arena.
#[derive(Debug, Default, Clone)]
struct Interner {
    arena: String,
    ends: Vec<u32>,
    table: Vec<u32>,
}

impl Interner {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.arena[start..self.ends[i] as usize]
    }

    fn find(&self, s: &str) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut pos = hash_bytes(s.as_bytes()) as usize & mask;
        loop {
            let id = self.table[pos];
            if id == NONE {
                return None;
            }
            if self.get(id) == s {
                return Some(id);
            }
            pos = (pos + 1) & mask;
        }
    }

    fn place(table: &mut [u32], hash: u64, id: u32) {
        let mask = table.len() - 1;
        let mut pos = hash as usize & mask;
        while table[pos] != NONE {
            pos = (pos + 1) & mask;
        }
        table[pos] = id;
    }

    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(1024);
        let mut table = vec![NONE; size];
        for id in 0..self.len() as u32 {
            Self::place(&mut table, hash_bytes(self.get(id).as_bytes()), id);
        }
        self.table = table;
    }

    /// Returns the id of `s` and whether it was new.
    fn intern(&mut self, s: &str) -> (u32, bool) {
        if let Some(id) = self.find(s) {
            return (id, false);
        }
        if (self.len() + 1) * 2 > self.table.len() {
            self.grow();
        }
        let id = self.len() as u32;
        self.arena.push_str(s);
        self.ends.push(self.arena.len() as u32);
        Self::place(&mut self.table, hash_bytes(s.as_bytes()), id);
        (id, true)
    }

    fn shrink_to_fit(&mut self) {
        self.arena.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Script code stored per word.
const SCRIPT_NONE: u8 = 0;
const SCRIPT_ARABIC: u8 = 1;
const SCRIPT_LATIN: u8 = 2;

fn script_code(text: &str) -> u8 {
    match normalize::detect_script(text) {
        None => SCRIPT_NONE,
        Some(Script::Arabic) => SCRIPT_ARABIC,
        Some(Script::Latin) => SCRIPT_LATIN,
        Some(Script::Tifinagh) => 3,
        Some(Script::Other) => 4,
        Some(Script::Mixed) => 5,
    }
}

/// What the index knows about one distinct normalised word.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    /// Phonetic key id, or `NONE` for an empty key.
    key: u32,
    /// Set of letters (hashed to 32 bits), for a cheap bound on the edit distance.
    mask: u32,
    concept: u16,
    tier: Tier,
    script: u8,
    /// Length in characters (saturating).
    len: u8,
}

/// Letters of a word as a 32-bit set: one edit changes at most two bits, so
/// `popcount(a ^ b) / 2` bounds the edit distance from below.
fn letter_mask(text: &str) -> u32 {
    let mut m = 0u32;
    for c in text.chars() {
        let b = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            _ => (c as u32).wrapping_mul(2_654_435_761) >> 27,
        };
        m |= 1 << (b & 31);
    }
    m
}

/// Upper bound of [`translit::text_similarity`] from the letter sets and lengths.
fn text_similarity_bound(mask_a: u32, len_a: u8, mask_b: u32, len_b: u8) -> f32 {
    let n = len_a.max(len_b).max(1) as f32;
    let edits = (mask_a ^ mask_b).count_ones().div_ceil(2) as f32;
    let edits = edits.max(f32::from(len_a.abs_diff(len_b)));
    (1.0 - edits / n).max(0.0)
}

/// One stored document (an id with its Arabic and French names).
#[derive(Debug, Clone, Copy)]
struct DocMeta {
    /// Offset of the Arabic words in `doc_words`, followed by the French words.
    start: u32,
    n_ar: u8,
    n_fr: u8,
    alive: bool,
    /// Fewest words among the non-empty names (tie-breaker of the estimate).
    n_min: u8,
    /// Smallest core weight among the non-empty names (for the estimate).
    core_w: f32,
    /// Largest core weight among the names: the most a query can match (one-to-one).
    core_w_max: f32,
}

/// Keys within one edit of a query key, by the symmetric-delete method: every key is stored
/// under itself and its one-letter deletions. Entries pack `(hash32 << 32) | key id`.
#[derive(Debug, Default, Clone)]
struct DeletionIndex {
    main: Vec<u64>,
    /// Recent entries not yet merged into `main` (incremental inserts): hash32 → key ids.
    pending: FastMap<u32, Vec<u32>>,
    pending_len: usize,
}

fn key_variants(key: &str, out: &mut Vec<u64>) {
    let b = key.as_bytes();
    out.push(u64::from(hash32(b)));
    let mut buf = Vec::with_capacity(b.len());
    for i in 0..b.len() {
        if b.len() == 1 || (i > 0 && b[i - 1] == b[i]) {
            continue;
        }
        buf.clear();
        buf.extend_from_slice(&b[..i]);
        buf.extend_from_slice(&b[i + 1..]);
        out.push(u64::from(hash32(&buf)));
    }
}

/// Hashes of a word and of its one-character deletions (words of 3+ characters), for the
/// same-script typo lookup.
fn text_variants(text: &str, out: &mut Vec<u64>) {
    out.push(u64::from(hash32(text.as_bytes())));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() < 3 {
        return;
    }
    let mut buf = String::with_capacity(text.len());
    for (i, &(at, c)) in chars.iter().enumerate() {
        if i > 0 && chars[i - 1].1 == c {
            continue;
        }
        buf.clear();
        buf.push_str(&text[..at]);
        buf.push_str(&text[at + c.len_utf8()..]);
        out.push(u64::from(hash32(buf.as_bytes())));
    }
}

fn hash32(b: &[u8]) -> u32 {
    (hash_bytes(b) >> 32) as u32
}

impl DeletionIndex {
    fn add(&mut self, hs: &[u64], id: u32, bulk: bool) {
        for &h in hs {
            if bulk {
                self.main.push((h << 32) | u64::from(id));
            } else {
                self.pending.entry(h as u32).or_default().push(id);
                self.pending_len += 1;
            }
        }
        if !bulk && self.pending_len > (self.main.len() / 4).max(1 << 16) {
            self.merge_pending();
        }
    }

    fn merge_pending(&mut self) {
        let mut extra: Vec<u64> = Vec::with_capacity(self.pending_len);
        for (h, ids) in self.pending.drain() {
            for id in ids {
                extra.push((u64::from(h) << 32) | u64::from(id));
            }
        }
        self.pending_len = 0;
        extra.sort_unstable();
        let mut merged = Vec::with_capacity(self.main.len() + extra.len());
        let (mut i, mut j) = (0, 0);
        while i < self.main.len() && j < extra.len() {
            if self.main[i] <= extra[j] {
                merged.push(self.main[i]);
                i += 1;
            } else {
                merged.push(extra[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&self.main[i..]);
        merged.extend_from_slice(&extra[j..]);
        merged.dedup();
        self.main = merged;
    }

    fn finish_bulk(&mut self) {
        self.main.sort_unstable();
        self.main.dedup();
        self.main.shrink_to_fit();
    }

    fn lookup(&self, h: u32, out: &mut Vec<u32>) {
        let lo = u64::from(h) << 32;
        let start = self.main.partition_point(|&x| x < lo);
        for &x in &self.main[start..] {
            if (x >> 32) as u32 != h {
                break;
            }
            out.push(x as u32);
        }
        if let Some(ids) = self.pending.get(&h) {
            out.extend_from_slice(ids);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The index

/// Most words of one name that are indexed and scored (real names have fewer than 15).
const MAX_WORDS: usize = 32;
/// Most postings visited per query (bounds the worst case on very common words).
const MAX_VISITS: usize = 400_000;
/// Words only similar (typo) to a query word are not used to find candidates when they occur
/// in more names than this.
const MAX_FUZZY_POSTINGS: usize = 20_000;
/// Most fuzzy neighbour keys kept per query word.
const MAX_NEIGHBOURS: usize = 48;
/// Most indexed words compared precisely with one query word to find candidates.
const MAX_WORD_EVAL: usize = 1_500;
/// Most indexed words looked at (cheap bound) for one query word.
const MAX_WORD_SCAN: usize = 20_000;
/// Most words looked at per typo-neighbour key.
const MAX_NEIGHBOUR_KEY_WORDS: usize = 400;
/// Most typo-neighbour keys used per query word.
const MAX_NEIGHBOUR_KEYS: usize = 24;
/// Least similarity of a same-key word of the same script to bring candidates.
const MIN_TRANSLIT_CANDIDATE: f32 = 0.8;
/// Least text similarity of two words of the same script with unrelated keys to be
/// considered a typo of one another (one edit in a 4-letter word).
const MIN_TYPO_TEXT_SIM: f32 = 0.74;
/// Word similarity from which a match is walked first (same word, transliterations).
const STRONG_SIM: f32 = 0.85;
/// Postings above which a query word's matches are added to found documents only, when
/// rarer query words already found some. High on purpose: in a national register the words of
/// a name are all common (thousands of «الأمل», of each commune), and a word deferred here
/// reaches only the best [`UPDATE_TOP`] documents of the rarer word's estimate, among which a
/// record having both words in another spelling or script may not be. Walking them costs well
/// under a millisecond ([`MAX_VISITS`] still bounds the worst case).
const COMMON_POSTINGS: usize = 100_000;
/// Typo neighbours are walked (bring new documents) only when fewer documents were found.
const WALK_WEAK_BELOW: usize = 2_000;
/// Most postings visited for typo neighbours.
const MAX_WEAK_VISITS: usize = 15_000;
/// Best documents (by the first estimate) whose words are examined for the remaining
/// evidence (common words and products deferred, typo neighbours not walked).
const UPDATE_TOP: usize = 3_000;
/// The same when a distinctive query word is unknown to the index (most likely a typo): the
/// estimate then lacks that word entirely, and in a large register the target ties with
/// thousands of names sharing only its other (common) words.
const UPDATE_TOP_TYPO: usize = 6_000;
/// Least word similarity for a word to bring candidates (the least a pair can score in
/// [`NameIndex::word_sim`], so that the estimate sees every pair the precise score will).
const MIN_WORD_SIM: f32 = 0.59;
/// Factor on a match found through a name in the other script than the query, when the
/// document also has a name in the query's script.
const CROSS_SCRIPT_FACTOR: f32 = 0.97;
/// Similarity of a word and its transliteration in the other script when the vowels agree.
const CROSS_SCRIPT_SIM: f32 = 0.97;
/// Similarity of two Latin spellings of one word with the same skeleton, at most (minus the
/// vowels' difference): a little below [`CROSS_SCRIPT_SIM`] since one of them is the less
/// usual spelling, but close to it, or a Latin query in another spelling would find the
/// records registered in Arabic before the one registered in French under that very name.
const LATIN_SPELLING_SIM: f32 = 0.95;
/// Share of a name's score that its generic words (legal form, members, sector) decide when
/// both the query and the name have some. Large registers hold many names with the same
/// distinctive words («الأمل» + a commune) that differ only there, so their agreement must
/// outweigh a transliteration's small uncertainty.
const GENERIC_SHARE: f32 = 0.15;
/// Key distance of two keys differing only by a w or y ([`translit::key_distance`]).
const SEMIVOWEL_DISTANCE: f32 = 0.36;
/// First letters of the phonetic keys of the one-letter proclitics و ب ل ف ك (checked by a
/// unit test against [`translit::phonetic_key`]).
const PROCLITIC_KEYS: [&str; 5] = ["w", "b", "l", "f", "k"];
/// What a glued one-letter preposition or conjunction costs a cross-script pair
/// (see [`NameIndex::proclitic_of`]).
const PROCLITIC_PENALTY: f32 = 0.03;
/// Documents scored precisely per query: `max(limit * 4, MIN_RESCORE)`. The estimate cannot
/// see generic words or cross-script vowels, so at 1M names dozens of records sharing the
/// query's distinctive words tie on it; the precise score orders them.
const MIN_RESCORE: usize = 400;

/// Index of registered (and reserved) cooperative names. Built once, then queried
/// concurrently through `&self` (it is `Send + Sync`); [`insert`](Self::insert) and
/// [`remove`](Self::remove) need `&mut self`.
#[derive(Debug, Clone)]
pub struct NameIndex {
    words: Interner,
    word_info: Vec<WordInfo>,
    keys: Interner,
    /// Per key id (concept ids first): the core words having that key or concept.
    key_words: Vec<Vec<u32>>,
    /// Per word id: the documents (slots, ascending) whose names contain it (core and generic
    /// words; function words have none).
    postings: Vec<Vec<u32>>,
    /// Per concept id: the generic words of that concept («تعاونية», *coopérative*, …), for
    /// queries made only of generic words.
    generic_words: Vec<Vec<u32>>,
    deletions: DeletionIndex,
    /// Core words within one edit of a word as typed (same script), symmetric-delete.
    text_deletions: DeletionIndex,
    doc_ids: Vec<i64>,
    docs: Vec<DocMeta>,
    doc_words: Vec<u32>,
    /// [`translit::vowel_pattern`] of every word, concatenated (ends in `pattern_ends`).
    patterns: String,
    pattern_ends: Vec<u32>,
    /// Hash of the trimmed raw Arabic and French names (0 = empty), for `Identical`.
    doc_hash: Vec<[u64; 2]>,
    slot_of: FastMap<i64, u32>,
    /// Documents with a name without a distinctive word (only generic words, products or place
    /// prefixes): the only names a query without a distinctive word can be the same as.
    undistinctive: Vec<u32>,
    alive: usize,
    bulk: bool,
}

impl Default for NameIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl<A: AsRef<str>, F: AsRef<str>> FromIterator<(i64, A, F)> for NameIndex {
    fn from_iter<I: IntoIterator<Item = (i64, A, F)>>(iter: I) -> Self {
        Self::from_names(iter)
    }
}

/// How a query word matched a name word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Translit,
    Fuzzy,
}

/// One analysed query word.
#[derive(Debug, Clone)]
struct QWord {
    text: String,
    word_id: Option<u32>,
    key_id: Option<u32>,
    concept: u16,
    tier: Tier,
    script: u8,
    /// [`translit::vowel_pattern`] of the word.
    pattern: String,
    /// Length of the phonetic key.
    key_len: usize,
    mask: u32,
    len: u8,
    /// Keys within one edit: (key id, similarity, weighted distance).
    neighbours: Vec<(u32, f32, f32)>,
}

#[derive(Debug, Clone, Default)]
struct Query {
    words: Vec<QWord>,
    core: Vec<usize>,
    general: Vec<usize>,
    core_w: f32,
    raw_hash: u64,
    /// Some core word is distinctive. When none is, products and place prefixes are the name
    /// proper of the query and weigh as distinctive words in its precise score.
    distinctive: bool,
    mixed: bool,
    /// Script code when the query is in a single script.
    script: Option<u8>,
}

impl Query {
    /// Weight of a word of `tier` in this query's precise core score.
    fn weight(&self, tier: Tier) -> f32 {
        if !self.distinctive && tier == Tier::Descriptive {
            Tier::Distinctive.core_weight()
        } else {
            tier.core_weight()
        }
    }
}

#[derive(Default)]
struct Scratch {
    cells: Vec<Cell>,
    epoch: u32,
    touched: Vec<u32>,
    /// Per word id: what the update pass knows of it for the current query (dense, so that
    /// looking at thousands of documents' words costs no hashing).
    marks: Vec<WordMark>,
}

/// Most query words unknown to the index whose similarity is computed lazily per name word.
const LAZY_WORDS: usize = 4;

/// A word's deferred evidence and lazily computed similarities for one query (valid when
/// `epoch` is the query's).
#[derive(Debug, Clone, Copy, Default)]
struct WordMark {
    epoch: u32,
    /// 1 + index of the word's deferred evidence in the query's list, 0 for none.
    extra: u32,
    /// Bit `k`: `lazy[k]` (similarity to the `k`-th unknown query word) is computed.
    known: u8,
    lazy: [f32; LAZY_WORDS],
}

/// Per-document accumulator of one query (valid when `epoch` is the query's).
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    epoch: u32,
    /// Query words already credited.
    seen: u32,
    acc: f32,
}

impl Scratch {
    /// The mark of word `w` for the query of `epoch` (reset when left by an earlier query).
    fn mark(&mut self, w: u32, epoch: u32) -> &mut WordMark {
        let m = &mut self.marks[w as usize];
        if m.epoch != epoch {
            *m = WordMark {
                epoch,
                ..WordMark::default()
            };
        }
        m
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn raw_hash(name: &str) -> u64 {
    let t = name.trim();
    if t.is_empty() {
        0
    } else {
        hash_bytes(t.as_bytes()) | 1
    }
}

/// Similarity of a word pair that differs beyond transliteration: one typo in a 9-letter word
/// (`s` = 0.89) gives 0.85, in a 6-letter word 0.81, in a 4-letter word 0.76.
fn fuzzy_sim(s: f32) -> f32 {
    0.92 * (1.0 - 0.7 * (1.0 - s))
}

impl NameIndex {
    /// An empty index.
    pub fn new() -> Self {
        let mut keys = Interner::default();
        // Concept pseudo-keys first, so that the key id of concept `c` is `c`.
        for c in 0..lexicon::concept_count() {
            keys.intern(&format!("#{c}"));
        }
        let key_words = vec![Vec::new(); keys.len()];
        NameIndex {
            words: Interner::default(),
            word_info: Vec::new(),
            keys,
            key_words,
            postings: Vec::new(),
            generic_words: vec![Vec::new(); lexicon::concept_count()],
            deletions: DeletionIndex::default(),
            text_deletions: DeletionIndex::default(),
            doc_ids: Vec::new(),
            docs: Vec::new(),
            doc_words: Vec::new(),
            patterns: String::new(),
            pattern_ends: Vec::new(),
            doc_hash: Vec::new(),
            slot_of: FastMap::default(),
            undistinctive: Vec::new(),
            alive: 0,
            bulk: false,
        }
    }

    /// Builds an index from `(id, name_ar, name_fr)` triples, faster than repeated
    /// [`insert`](Self::insert) (the fuzzy-lookup table is sorted once at the end).
    pub fn from_names<I, A, F>(names: I) -> Self
    where
        I: IntoIterator<Item = (i64, A, F)>,
        A: AsRef<str>,
        F: AsRef<str>,
    {
        let mut idx = Self::new();
        idx.extend_bulk(names);
        idx
    }

    /// Adds many names at once (same semantics as repeated [`insert`](Self::insert)).
    pub fn extend_bulk<I, A, F>(&mut self, names: I)
    where
        I: IntoIterator<Item = (i64, A, F)>,
        A: AsRef<str>,
        F: AsRef<str>,
    {
        // Fold pending incremental entries into the bulk vector, sort once at the end.
        if self.deletions.pending_len > 0 {
            self.deletions.merge_pending();
        }
        if self.text_deletions.pending_len > 0 {
            self.text_deletions.merge_pending();
        }
        self.bulk = true;
        let iter = names.into_iter();
        let (lower, _) = iter.size_hint();
        self.docs.reserve(lower);
        self.doc_ids.reserve(lower);
        self.doc_hash.reserve(lower);
        for (id, ar, fr) in iter {
            self.insert(id, ar.as_ref(), fr.as_ref());
        }
        self.bulk = false;
        self.deletions.finish_bulk();
        self.text_deletions.finish_bulk();
        self.words.shrink_to_fit();
        self.keys.shrink_to_fit();
        self.patterns.shrink_to_fit();
        self.pattern_ends.shrink_to_fit();
    }

    /// Number of names (ids) in the index.
    pub fn len(&self) -> usize {
        self.alive
    }

    /// True when the index holds no name.
    pub fn is_empty(&self) -> bool {
        self.alive == 0
    }

    /// True when `id` is in the index.
    pub fn contains(&self, id: i64) -> bool {
        self.slot_of.contains_key(&id)
    }

    /// Adds or replaces the names of `id` (either name may be empty). Ids are caller-chosen.
    pub fn insert(&mut self, id: i64, name_ar: &str, name_fr: &str) {
        self.remove(id);
        let slot = self.docs.len() as u32;
        let start = self.doc_words.len() as u32;
        let mut posted: Vec<u32> = Vec::new();
        let (n_ar, w_ar) = self.add_name(name_ar, &mut posted);
        let (n_fr, w_fr) = self.add_name(name_fr, &mut posted);
        posted.sort_unstable();
        posted.dedup();
        for w in posted {
            self.postings[w as usize].push(slot);
        }
        let mut core_w = f32::MAX;
        let mut n_min = u8::MAX;
        let mut undistinctive = false;
        for (n, w) in [(n_ar, w_ar), (n_fr, w_fr)] {
            if n > 0 {
                core_w = core_w.min(w);
                n_min = n_min.min(n);
                undistinctive |= w < Tier::Distinctive.core_weight();
            }
        }
        if undistinctive {
            self.undistinctive.push(slot);
        }
        if core_w == f32::MAX {
            core_w = 0.0;
            n_min = 0;
        }
        self.docs.push(DocMeta {
            start,
            n_ar,
            n_fr,
            alive: true,
            n_min,
            core_w,
            core_w_max: w_ar.max(w_fr),
        });
        self.doc_ids.push(id);
        self.doc_hash.push([raw_hash(name_ar), raw_hash(name_fr)]);
        self.slot_of.insert(id, slot);
        self.alive += 1;
    }

    /// Removes `id` (no-op when absent). Its slot is left as a tombstone (a few bytes): the
    /// index is meant to be rebuilt from the store at start-up, not to churn forever.
    pub fn remove(&mut self, id: i64) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.docs[slot as usize].alive = false;
            self.alive -= 1;
        }
    }

    /// Appends the name's words to `doc_words` and those with postings (all but function words)
    /// to `posted`; returns the word count and the core weight.
    fn add_name(&mut self, name: &str, posted: &mut Vec<u32>) -> (u8, f32) {
        let norm = normalize::normalize(name);
        let mut n = 0u8;
        let mut w = 0.0f32;
        for raw in normalize::words(&norm) {
            if n as usize >= MAX_WORDS {
                break;
            }
            let Some((text, class)) = lexicon::analyze(raw) else {
                continue;
            };
            let wid = self.intern_word(text, class);
            let info = self.word_info[wid as usize];
            self.doc_words.push(wid);
            n += 1;
            if info.tier.is_core() {
                w += info.tier.core_weight();
            }
            if info.tier != Tier::Stop {
                posted.push(wid);
            }
        }
        (n, w)
    }

    fn intern_word(&mut self, text: &str, class: WordClass) -> u32 {
        let (wid, new) = self.words.intern(text);
        if new {
            let key = translit::phonetic_key(text);
            let key_id = if key.is_empty() {
                NONE
            } else {
                let (kid, knew) = self.keys.intern(&key);
                if knew {
                    self.key_words.push(Vec::new());
                    let mut hs = Vec::with_capacity(key.len() + 1);
                    key_variants(&key, &mut hs);
                    self.deletions.add(&hs, kid, self.bulk);
                }
                kid
            };
            self.word_info.push(WordInfo {
                key: key_id,
                mask: letter_mask(text),
                concept: class.concept,
                tier: class.tier,
                script: script_code(text),
                len: text.chars().count().min(255) as u8,
            });
            self.patterns.push_str(&translit::vowel_pattern(text));
            self.pattern_ends.push(self.patterns.len() as u32);
            self.postings.push(Vec::new());
            if class.tier == Tier::Generic && class.concept > STOP_CONCEPT {
                self.generic_words[usize::from(class.concept)].push(wid);
            }
            if class.tier.is_core() {
                let mut hs = Vec::with_capacity(text.len() + 1);
                text_variants(text, &mut hs);
                self.text_deletions.add(&hs, wid, self.bulk);
                if key_id != NONE {
                    self.key_words[key_id as usize].push(wid);
                }
                if class.concept > STOP_CONCEPT {
                    self.key_words[usize::from(class.concept)].push(wid);
                }
            }
        }
        wid
    }

    fn analyze_query(&self, query: &str) -> Query {
        let norm = normalize::normalize(query);
        let detected = normalize::detect_script(&norm);
        let mut q = Query {
            raw_hash: raw_hash(query),
            mixed: detected == Some(Script::Mixed),
            script: match detected {
                Some(Script::Arabic) => Some(SCRIPT_ARABIC),
                Some(Script::Latin) => Some(SCRIPT_LATIN),
                _ => None,
            },
            ..Query::default()
        };
        let mut hs = Vec::new();
        let mut found = Vec::new();
        for raw in normalize::words(&norm).take(MAX_WORDS) {
            let Some((text, class)) = lexicon::analyze(raw) else {
                continue;
            };
            let word_id = self.words.find(text);
            let (key, key_id) = match word_id {
                Some(w) => {
                    let k = self.word_info[w as usize].key;
                    if k == NONE {
                        (String::new(), None)
                    } else {
                        (self.keys.get(k).to_owned(), Some(k))
                    }
                }
                None => {
                    let k = translit::phonetic_key(text);
                    let id = if k.is_empty() { None } else { self.keys.find(&k) };
                    (k, id)
                }
            };
            let mut neighbours = Vec::new();
            if class.tier.is_core() && !key.is_empty() {
                hs.clear();
                found.clear();
                key_variants(&key, &mut hs);
                for &h in &hs {
                    self.deletions.lookup(h as u32, &mut found);
                }
                found.sort_unstable();
                found.dedup();
                for &kid in &found {
                    if Some(kid) == key_id {
                        continue;
                    }
                    let other = self.keys.get(kid);
                    let d = translit::key_distance(&key, other);
                    let n = key.len().max(other.len()) as f32;
                    let sim = 1.0 - d / n;
                    if sim >= 0.5 {
                        neighbours.push((kid, sim, d));
                    }
                }
                neighbours.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                neighbours.truncate(MAX_NEIGHBOURS);
            }
            let idx = q.words.len();
            if class.tier.is_core() {
                q.core.push(idx);
                q.core_w += class.tier.core_weight();
            } else {
                q.general.push(idx);
            }
            q.words.push(QWord {
                text: text.to_owned(),
                word_id,
                key_id,
                concept: class.concept,
                tier: class.tier,
                script: script_code(text),
                pattern: translit::vowel_pattern(text),
                key_len: key.len(),
                mask: letter_mask(text),
                len: text.chars().count().min(255) as u8,
                neighbours,
            });
        }
        q.distinctive = q.core.iter().any(|&i| q.words[i].tier == Tier::Distinctive);
        q
    }

    /// Best candidates first (ties broken by id ascending), at most `limit`, none below
    /// [`MIN_SCORE`]. The query may be in Arabic, Latin or Tifinagh script, or mixed; it finds
    /// names registered in any script.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Match> {
        if limit == 0 || self.alive == 0 {
            return Vec::new();
        }
        let q = self.analyze_query(query);
        if q.words.is_empty() {
            return Vec::new();
        }
        let rescore = limit.saturating_mul(4).max(MIN_RESCORE);
        let mut slots = SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.candidates(&q, rescore, &mut s),
            Err(_) => self.candidates(&q, rescore, &mut Scratch::default()),
        });
        if !q.distinctive && !q.core.is_empty() {
            // The same name may be among the names without a distinctive word, which the
            // estimate does not favour over names holding the same product among others.
            slots.extend(self.undistinctive_alive().take(rescore.max(1024)));
            slots.sort_unstable();
            slots.dedup();
        }
        let mut out: Vec<Match> = slots
            .into_iter()
            .filter_map(|slot| {
                let (score, reason) = self.score_doc(&q, slot)?;
                (score >= MIN_SCORE).then(|| Match {
                    id: self.doc_ids[slot as usize],
                    score,
                    reason,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.reason.cmp(&b.reason))
                .then(a.id.cmp(&b.id))
        });
        out.truncate(limit);
        out
    }

    /// [`search`](Self::search) plus the availability decision.
    pub fn check(&self, name: &str, limit: usize) -> NameCheck {
        let mut matches = self.search(name, limit.max(1));
        let distinctive = is_distinctive(name);
        let available = distinctive && !matches.iter().any(Match::is_conflict);
        matches.truncate(limit);
        NameCheck {
            distinctive,
            available,
            matches,
        }
    }

    /// Candidates of a query made only of generic words: the names holding every one of them
    /// (in either script, through their concepts), shortest first, at most `limit`; and the
    /// names without a distinctive word, which may be the same name.
    fn generic_candidates(&self, q: &Query, limit: usize) -> Vec<u32> {
        // Per generic query word: the indexed words standing for it, sorted for lookups.
        let mut forms: Vec<Vec<u32>> = q
            .general
            .iter()
            .map(|&i| &q.words[i])
            .filter(|qw| qw.tier == Tier::Generic)
            .map(|qw| {
                let mut v: Vec<u32> = qw.word_id.into_iter().collect();
                if qw.concept > STOP_CONCEPT {
                    v.extend(&self.generic_words[usize::from(qw.concept)]);
                }
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let df = |f: &Vec<u32>| -> usize { f.iter().map(|&w| self.postings[w as usize].len()).sum() };
        forms.sort_by_key(df);
        let mut out: Vec<u32> = Vec::new();
        if let Some((rarest, rest)) = forms.split_first() {
            let mut visits = 0usize;
            let mut found: Vec<u32> = Vec::new();
            'walk: for &w in rarest {
                for &d in &self.postings[w as usize] {
                    visits += 1;
                    if visits > MAX_VISITS {
                        break 'walk;
                    }
                    found.push(d);
                }
            }
            found.sort_unstable();
            found.dedup();
            let words_of = |d: u32| {
                let m = self.docs[d as usize];
                let start = m.start as usize;
                &self.doc_words[start..start + m.n_ar as usize + m.n_fr as usize]
            };
            let mut ranked: Vec<(u8, u32)> = found
                .into_iter()
                .filter(|&d| self.docs[d as usize].alive)
                .filter(|&d| {
                    rest.iter()
                        .all(|f| words_of(d).iter().any(|w| f.binary_search(w).is_ok()))
                })
                .map(|d| (self.docs[d as usize].n_min, d))
                .collect();
            if ranked.len() > limit {
                ranked.select_nth_unstable(limit);
                ranked.truncate(limit);
            }
            ranked.sort_unstable();
            out.extend(ranked.into_iter().map(|(_, d)| d));
        }
        out.extend(self.undistinctive_alive().take(limit));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Living documents whose names have no distinctive word.
    fn undistinctive_alive(&self) -> impl Iterator<Item = u32> + '_ {
        self.undistinctive
            .iter()
            .copied()
            .filter(|&d| self.docs[d as usize].alive)
    }

    /// Candidate slots for `q`, best estimate first, at most `rescore`.
    ///
    /// Query words are taken rarest first; the postings of their close matches (same word,
    /// transliterations) are walked to find documents, accumulating an estimate of the final
    /// score. Evidence that would touch very many documents (common words, products, typo
    /// neighbours once enough candidates exist) is only added to the documents already found,
    /// by looking at their words, instead of walking long postings.
    fn candidates(&self, q: &Query, rescore: usize, s: &mut Scratch) -> Vec<u32> {
        let n = self.docs.len();
        if q.core.is_empty() {
            return self.generic_candidates(q, rescore.max(1024));
        }
        if s.cells.len() < n {
            s.cells.resize(n, Cell::default());
        }
        if s.marks.len() < self.words.len() {
            s.marks.resize(self.words.len(), WordMark::default());
        }
        if s.epoch == u32::MAX {
            s.cells.iter_mut().for_each(|c| *c = Cell::default());
            s.marks.iter_mut().for_each(|m| *m = WordMark::default());
            s.epoch = 0;
        }
        s.epoch += 1;
        let epoch = s.epoch;
        s.touched.clear();

        struct Plan {
            ci: usize,
            weight: f32,
            strong: Vec<(f32, u32, Kind)>,
            weak: Vec<(f32, u32, Kind)>,
            strong_df: usize,
        }
        let mut plans: Vec<Plan> = q
            .core
            .iter()
            .enumerate()
            .take(32)
            .map(|(ci, &wi)| {
                // Typo neighbours only for words the index does not know: a known word is
                // most likely spelled as intended.
                let qw = &q.words[wi];
                let mut strong = self.similar_words(qw, qw.word_id.is_none());
                let split = strong.partition_point(|c| c.0 >= STRONG_SIM);
                let weak = strong.split_off(split);
                let strong_df = strong.iter().map(|c| self.postings[c.1 as usize].len()).sum();
                Plan {
                    ci,
                    weight: q.words[wi].tier.core_weight(),
                    strong,
                    weak,
                    strong_df,
                }
            })
            .collect();
        // Distinctive words first, rarest first.
        plans.sort_by_key(|p| (p.weight < 1.0, p.strong_df));
        let has_distinctive = plans.iter().any(|p| p.weight >= 1.0);

        let mut visits = 0usize;
        let walk =
            |s: &mut Scratch, p: &Plan, list: &[(f32, u32, Kind)], visits: &mut usize, limit: usize| {
                let bit = 1u32 << p.ci;
                for &(sim, wid, kind) in list {
                    let post = &self.postings[wid as usize];
                    if kind == Kind::Fuzzy && post.len() > MAX_FUZZY_POSTINGS {
                        continue;
                    }
                    if *visits >= limit {
                        return;
                    }
                    let take = post.len().min(limit - *visits);
                    *visits += take;
                    // As in the precise score, a pair weighs what its lighter word weighs.
                    let w = p.weight.min(self.word_info[wid as usize].tier.core_weight()) * sim;
                    for &d in &post[..take] {
                        let c = &mut s.cells[d as usize];
                        if c.epoch != epoch {
                            *c = Cell {
                                epoch,
                                seen: 0,
                                acc: 0.0,
                            };
                            s.touched.push(d);
                        }
                        if c.seen & bit == 0 {
                            c.seen |= bit;
                            c.acc += w;
                        }
                    }
                }
            };
        let mut deferred_strong: Vec<usize> = Vec::new();
        for (pi, p) in plans.iter().enumerate() {
            let defer = (p.weight < 1.0 && has_distinctive)
                || (!s.touched.is_empty() && p.strong_df > COMMON_POSTINGS);
            if defer {
                deferred_strong.push(pi);
            } else {
                walk(s, p, &p.strong, &mut visits, MAX_VISITS);
            }
        }
        let walk_weak = s.touched.len() < WALK_WEAK_BELOW;
        if walk_weak {
            let limit = (visits + MAX_WEAK_VISITS).min(MAX_VISITS);
            for p in &plans {
                if p.weight >= 1.0 || !has_distinctive {
                    walk(s, p, &p.weak, &mut visits, limit);
                }
            }
        }
        // Remaining evidence, added to the documents found so far.
        let mut extra: Vec<Vec<(usize, f32)>> = Vec::new();
        for (pi, p) in plans.iter().enumerate() {
            let lists: [&[(f32, u32, Kind)]; 2] = [
                if deferred_strong.contains(&pi) {
                    &p.strong
                } else {
                    &[]
                },
                if !walk_weak || (p.weight < 1.0 && has_distinctive) {
                    &p.weak
                } else {
                    &[]
                },
            ];
            for &(sim, wid, _) in lists.into_iter().flatten() {
                let w = p.weight.min(self.word_info[wid as usize].tier.core_weight()) * sim;
                let mark = s.mark(wid, epoch);
                if mark.extra == 0 {
                    extra.push(Vec::new());
                    mark.extra = extra.len() as u32;
                }
                extra[mark.extra as usize - 1].push((p.ci, w));
            }
        }
        let nwords = q.words.len() as f32;
        let estimate = |s: &Scratch, d: u32| -> Option<f32> {
            let m = self.docs[d as usize];
            // Pairs are one-to-one: a name cannot match more than its own weight, however many
            // query words resemble its words.
            let matched = s.cells[d as usize].acc.min(m.core_w_max).min(q.core_w);
            m.alive.then(|| {
                2.0 * matched / (q.core_w + m.core_w.max(0.1)) - 0.002 * (f32::from(m.n_min) - nwords).abs()
            })
        };
        let by_est = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let mut scored: Vec<(f32, u32)> = s
            .touched
            .iter()
            .filter_map(|&d| estimate(s, d).map(|e| (e, d)))
            .collect();

        // Query words unknown to the index (typos, unusual spellings): their similar words
        // were only partly enumerated, so the words of the best documents found so far are
        // compared lazily. Deferred evidence (common words, products) is added the same way.
        let unknown: Vec<(usize, f32, &QWord)> = plans
            .iter()
            .filter_map(|p| {
                let qw = &q.words[q.core[p.ci]];
                // A typo often makes a skeleton no indexed word has (no key id): the word is
                // still compared, by its neighbour keys and its text.
                (qw.word_id.is_none() && qw.key_len > 0 && p.weight >= 1.0).then_some((p.ci, p.weight, qw))
            })
            .take(LAZY_WORDS)
            .collect();
        if !extra.is_empty() || !unknown.is_empty() {
            // A typo leaves the estimate blind to a whole word: look further down for it.
            let top = if unknown.is_empty() {
                UPDATE_TOP
            } else {
                UPDATE_TOP_TYPO
            };
            if scored.len() > top {
                scored.select_nth_unstable_by(top, by_est);
                scored.truncate(top);
            }
            let mut best = [0f32; 32];
            for entry in scored.iter_mut() {
                let d = entry.1 as usize;
                let m = self.docs[d];
                let start = m.start as usize;
                let words = &self.doc_words[start..start + m.n_ar as usize + m.n_fr as usize];
                let seen = s.cells[d].seen;
                let mut any = 0u32;
                for w in words {
                    let mark = s.mark(*w, epoch);
                    if mark.extra != 0 {
                        for &(ci, wt) in &extra[mark.extra as usize - 1] {
                            let bit = 1u32 << ci;
                            if seen & bit == 0 {
                                if any & bit == 0 || best[ci] < wt {
                                    best[ci] = wt;
                                }
                                any |= bit;
                            }
                        }
                    }
                    for (k, &(ci, weight, qw)) in unknown.iter().enumerate() {
                        let bit = 1u32 << ci;
                        if seen & bit != 0 {
                            continue;
                        }
                        let info = &self.word_info[*w as usize];
                        if !info.tier.is_core() || info.key == NONE {
                            continue;
                        }
                        if mark.known & (1 << k) == 0 {
                            mark.lazy[k] = self.word_sim(qw, *w).0;
                            mark.known |= 1 << k;
                        }
                        let sim = mark.lazy[k];
                        if sim >= MIN_WORD_SIM {
                            let wt = weight.min(info.tier.core_weight()) * sim;
                            if any & bit == 0 || best[ci] < wt {
                                best[ci] = wt;
                            }
                            any |= bit;
                        }
                    }
                }
                if any != 0 {
                    let c = &mut s.cells[d];
                    let mut bits = any;
                    while bits != 0 {
                        let ci = bits.trailing_zeros() as usize;
                        c.acc += best[ci];
                        bits &= bits - 1;
                    }
                    c.seen |= any;
                    if let Some(e) = estimate(s, entry.1) {
                        entry.0 = e;
                    }
                }
            }
        }

        if scored.len() > rescore {
            scored.select_nth_unstable_by(rescore, by_est);
            scored.truncate(rescore);
        }
        scored.sort_by(by_est);
        scored.into_iter().map(|(_, d)| d).collect()
    }

    fn score_doc(&self, q: &Query, slot: u32) -> Option<(f32, MatchReason)> {
        let m = self.docs[slot as usize];
        let start = m.start as usize;
        let all = &self.doc_words[start..start + m.n_ar as usize + m.n_fr as usize];
        let (ar, fr) = all.split_at(m.n_ar as usize);
        let hashes = self.doc_hash[slot as usize];
        let mut best: Option<(f32, MatchReason)> = None;
        let mut consider = |r: Option<(f32, MatchReason)>| {
            if let Some(r) = r.filter(|r| best.is_none_or(|b| r.0 > b.0 || (r.0 == b.0 && r.1 < b.1))) {
                best = Some(r);
            }
        };
        // A name in the query's own script is the authoritative spelling: when it exists,
        // a match found only through the other script's name is slightly weaker evidence.
        let (ar_factor, fr_factor) = match q.script {
            Some(SCRIPT_ARABIC) if !ar.is_empty() => (1.0, CROSS_SCRIPT_FACTOR),
            Some(SCRIPT_LATIN) if !fr.is_empty() => (CROSS_SCRIPT_FACTOR, 1.0),
            _ => (1.0, 1.0),
        };
        consider(self.score_name(q, ar, hashes[0]).map(|(s, r)| (s * ar_factor, r)));
        consider(self.score_name(q, fr, hashes[1]).map(|(s, r)| (s * fr_factor, r)));
        if q.mixed && !ar.is_empty() && !fr.is_empty() {
            consider(self.score_name(q, all, 0));
        }
        best
    }

    /// Indexed core words similar to `qw` (≥ [`MIN_WORD_SIM`]), best first: the word itself,
    /// words of the same concept, words with the same key, then words of keys one edit away.
    /// Words that cannot reach the threshold are skipped on a cheap bound (letter sets).
    fn similar_words(&self, qw: &QWord, with_neighbours: bool) -> Vec<(f32, u32, Kind)> {
        let mut out: Vec<(f32, u32, Kind)> = Vec::new();
        if let Some(w) = qw.word_id {
            out.push((1.0, w, Kind::Exact));
        }
        if qw.concept > STOP_CONCEPT {
            for &w in &self.key_words[usize::from(qw.concept)] {
                if Some(w) != qw.word_id {
                    out.push((0.95, w, Kind::Translit));
                }
            }
        }
        if with_neighbours {
            // Words one edit away as typed (same script): typos, whatever their key.
            let mut hs = Vec::with_capacity(qw.text.len() + 1);
            text_variants(&qw.text, &mut hs);
            let mut found = Vec::new();
            for h in hs {
                self.text_deletions.lookup(h as u32, &mut found);
            }
            found.sort_unstable();
            found.dedup();
            for w in found {
                if Some(w) == qw.word_id || self.word_info[w as usize].script != qw.script {
                    continue;
                }
                let (sim, kind) = self.word_sim(qw, w);
                if sim >= MIN_WORD_SIM {
                    out.push((sim, w, kind));
                }
            }
        }
        let short = qw.key_len <= 2;
        let mut sources: Vec<(u32, bool)> = Vec::with_capacity(1 + qw.neighbours.len());
        sources.extend(qw.key_id.map(|k| (k, true)));
        if with_neighbours {
            sources.extend(
                qw.neighbours
                    .iter()
                    .filter(|n| n.1 >= 0.6)
                    .take(MAX_NEIGHBOUR_KEYS)
                    .map(|n| (n.0, false)),
            );
        } else {
            // A word the index knows is taken as spelled, but its transliteration may still
            // differ by a semivowel («يوسفية» / *Youssoufia*, «إيمان» / *Imane*): those keys are
            // one w/y apart, and only their words in the other script are wanted.
            sources.extend(
                qw.neighbours
                    .iter()
                    .filter(|n| n.2 <= SEMIVOWEL_DISTANCE)
                    .take(MAX_NEIGHBOUR_KEYS)
                    .map(|n| (n.0, false)),
            );
        }
        let (mut scanned, mut evaluated) = (0usize, 0usize);
        'sources: for (k, same_key) in sources {
            let list = &self.key_words[k as usize];
            let list = if same_key {
                &list[..]
            } else {
                &list[..list.len().min(MAX_NEIGHBOUR_KEY_WORDS)]
            };
            for &w in list {
                scanned += 1;
                if scanned > MAX_WORD_SCAN || evaluated >= MAX_WORD_EVAL {
                    break 'sources;
                }
                if Some(w) == qw.word_id {
                    continue;
                }
                let info = &self.word_info[w as usize];
                if qw.concept > STOP_CONCEPT && info.concept == qw.concept {
                    continue;
                }
                if !same_key && !with_neighbours && info.script == qw.script {
                    continue;
                }
                if info.script == qw.script {
                    let ts = text_similarity_bound(qw.mask, qw.len, info.mask, info.len);
                    let bound = if !same_key || qw.script == SCRIPT_ARABIC {
                        fuzzy_sim(if same_key { ts.max(0.75) } else { ts })
                    } else {
                        0.92 - if short { 0.2 } else { 0.08 } * (1.0 - ts)
                    };
                    if bound
                        < if same_key {
                            MIN_TRANSLIT_CANDIDATE
                        } else {
                            MIN_WORD_SIM
                        }
                    {
                        continue;
                    }
                }
                evaluated += 1;
                let (sim, kind) = self.word_sim(qw, w);
                if sim >= MIN_WORD_SIM {
                    out.push((sim, w, kind));
                }
            }
        }
        // The same word across scripts with a glued one-letter proclitic on the Arabic side
        // («بأخفنير» / *Akhfennir*): its key is one consonant longer or shorter, so neither the
        // same-key lists nor (for a word the index knows) the neighbours above bring it.
        for k in self.proclitic_keys(qw) {
            let list = &self.key_words[k as usize];
            for &w in &list[..list.len().min(MAX_NEIGHBOUR_KEY_WORDS)] {
                if self.word_info[w as usize].script != qw.script && self.proclitic_of(qw, k, w) {
                    out.push((CROSS_SCRIPT_SIM - PROCLITIC_PENALTY, w, Kind::Translit));
                }
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        out.dedup_by_key(|c| c.1);
        out
    }

    /// Similarity of query word `qw` and name word `wid`: 1.0 same word, ≈0.92 same word in
    /// another spelling or script, 0.95 same generic/product concept, ≈0.6–0.9 for a typo.
    fn word_sim(&self, qw: &QWord, wid: u32) -> (f32, Kind) {
        if qw.word_id == Some(wid) {
            return (1.0, Kind::Exact);
        }
        let info = self.word_info[wid as usize];
        if qw.concept > STOP_CONCEPT && qw.concept == info.concept {
            return (0.95, Kind::Translit);
        }
        if info.key == NONE {
            return (0.0, Kind::Fuzzy);
        }
        let same_script = qw.script == info.script;
        if qw.key_id == Some(info.key) {
            let text = self.words.get(wid);
            if same_script && qw.script == SCRIPT_ARABIC {
                // Arabic spells long vowels, so the same skeleton with different letters is a
                // spelling difference («أمان» / «أمين»), not a transliteration.
                let ts = translit::text_similarity(&qw.text, text).max(0.8);
                return (fuzzy_sim(ts), Kind::Fuzzy);
            }
            // Short skeletons are weak evidence: vowels then matter more.
            let vowel_weight = if qw.key_len <= 2 { 0.2 } else { 0.08 };
            if same_script {
                // Two Latin spellings of one word: the closer the text, the likelier.
                let ts = translit::text_similarity(&qw.text, text);
                return (LATIN_SPELLING_SIM - vowel_weight * (1.0 - ts), Kind::Translit);
            }
            if let Some(d) = self.vowel_distance(qw, wid) {
                // Across scripts, the vowels Arabic does write must agree with the Latin ones
                // («نور» is *Nour*, not *Nar*). A faithful transliteration is the same word:
                // it scores nearly as an exact match, or a record registered only in the other
                // script (the usual case of a cross-script search) would rank below every
                // same-script record sharing its distinctive words but not its generic ones.
                return (
                    CROSS_SCRIPT_SIM - vowel_weight * (d / 1.2).min(1.0),
                    Kind::Translit,
                );
            }
            return (CROSS_SCRIPT_SIM, Kind::Translit);
        }
        if let Some(&(_, ksim, dist)) = qw.neighbours.iter().find(|n| n.0 == info.key) {
            if !same_script && self.proclitic_of(qw, info.key, wid) {
                // «بتمازوزت» / *Tamazouzte*, «وتافيوشت» / *Tafyoucht*: the Arabic word is the
                // Latin one with a glued preposition or conjunction, which the lexicon strips
                // only before a known word (many names start with these letters).
                return (CROSS_SCRIPT_SIM - PROCLITIC_PENALTY, Kind::Translit);
            }
            let sim = if same_script {
                // Same script: compare what was typed; an explicit w or y is a real
                // difference there (*Tiwizi* / *Tizi*).
                translit::text_similarity(&qw.text, self.words.get(wid))
            } else if dist <= SEMIVOWEL_DISTANCE {
                // Across scripts, only a w/y of difference: same word (*Imane* / «إيمان»).
                let d = self.vowel_distance(qw, wid).unwrap_or(0.0);
                let vowel_weight = if qw.key_len <= 2 { 0.2 } else { 0.08 };
                return (0.9 - vowel_weight * (d / 1.2).min(1.0), Kind::Translit);
            } else {
                ksim
            };
            if sim >= 0.5 {
                return (fuzzy_sim(sim), Kind::Fuzzy);
            }
        } else if same_script
            && text_similarity_bound(qw.mask, qw.len, info.mask, info.len) >= MIN_TYPO_TEXT_SIM
        {
            // One typo as typed may change the skeleton a lot (a letter added after a final
            // ه, or inserted between two equal letters): compare the text itself.
            let ts = translit::text_similarity(&qw.text, self.words.get(wid));
            if ts >= MIN_TYPO_TEXT_SIM {
                return (fuzzy_sim(ts), Kind::Fuzzy);
            }
        }
        (0.0, Kind::Fuzzy)
    }

    /// True when, of the query word and name word `wid` (key `key`), the Arabic one is the
    /// Latin one preceded by a one-letter proclitic (و ب ل ف ك): its key is the Latin key with
    /// that consonant in front.
    fn proclitic_of(&self, qw: &QWord, key: u32, wid: u32) -> bool {
        let Some(q_key) = qw.key_id else {
            return false;
        };
        let (ar_text, ar_key, lat_key) = match (qw.script, self.word_info[wid as usize].script) {
            (SCRIPT_ARABIC, SCRIPT_LATIN) => (qw.text.as_str(), q_key, key),
            (SCRIPT_LATIN, SCRIPT_ARABIC) => (self.words.get(wid), key, q_key),
            _ => return false,
        };
        let rest_len = ar_text.chars().count().saturating_sub(1);
        matches!(ar_text.chars().next(), Some('و' | 'ب' | 'ل' | 'ف' | 'ك'))
            && rest_len >= 3
            && self.keys.get(ar_key).get(1..) == Some(self.keys.get(lat_key))
    }

    /// Keys of the words that may be `qw` across scripts with a glued proclitic: for a Latin
    /// word, its key after each proclitic's consonant; for an Arabic word starting with a
    /// proclitic, its key without that consonant.
    fn proclitic_keys(&self, qw: &QWord) -> Vec<u32> {
        let Some(key) = qw.key_id.map(|k| self.keys.get(k)) else {
            return Vec::new();
        };
        match qw.script {
            SCRIPT_LATIN => PROCLITIC_KEYS
                .iter()
                .filter_map(|c| self.keys.find(&format!("{c}{key}")))
                .collect(),
            SCRIPT_ARABIC if matches!(qw.text.chars().next(), Some('و' | 'ب' | 'ل' | 'ف' | 'ك')) => key
                .get(1..)
                .and_then(|rest| self.keys.find(rest))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Vowel disagreement between an Arabic and a Latin word (`None` for other script pairs).
    fn vowel_distance(&self, qw: &QWord, wid: u32) -> Option<f32> {
        let info = self.word_info[wid as usize];
        let i = wid as usize;
        let start = if i == 0 {
            0
        } else {
            self.pattern_ends[i - 1] as usize
        };
        let other = &self.patterns[start..self.pattern_ends[i] as usize];
        match (qw.script, info.script) {
            (SCRIPT_ARABIC, SCRIPT_LATIN) => Some(translit::cross_script_vowel_distance(&qw.pattern, other)),
            (SCRIPT_LATIN, SCRIPT_ARABIC) => Some(translit::cross_script_vowel_distance(other, &qw.pattern)),
            _ => None,
        }
    }

    fn score_name(&self, q: &Query, name: &[u32], hash: u64) -> Option<(f32, MatchReason)> {
        if name.is_empty() {
            return None;
        }
        if name.len() == q.words.len() && name.iter().zip(&q.words).all(|(&w, qw)| qw.word_id == Some(w)) {
            return Some(if hash != 0 && hash == q.raw_hash {
                (1.0, MatchReason::Identical)
            } else {
                (0.98, MatchReason::SameAfterNormalisation)
            });
        }
        if q.core.is_empty() {
            return self.score_generic(q, name);
        }
        // Split the name into core and general words.
        let mut c_core: Vec<(usize, u32, Tier)> = Vec::with_capacity(name.len());
        let mut c_gen: Vec<u32> = Vec::new();
        let mut c_core_w = 0.0;
        for (pos, &w) in name.iter().enumerate() {
            let t = self.word_info[w as usize].tier;
            if t.is_core() {
                c_core.push((pos, w, t));
                c_core_w += q.weight(t);
            } else {
                c_gen.push(w);
            }
        }
        if c_core.is_empty() {
            return None;
        }

        // Greedy one-to-one alignment of core words, best pairs first.
        let mut pairs: Vec<(f32, Kind, usize, usize)> = Vec::new();
        for (qi, &wi) in q.core.iter().enumerate() {
            let qw = &q.words[wi];
            for (cj, &(_, w, t)) in c_core.iter().enumerate() {
                if !q.distinctive && t == Tier::Distinctive {
                    // A product that sounds like a name's distinctive word is another word
                    // (*Argane* / «ويركان»): products meet products, through their concepts.
                    continue;
                }
                let (sim, kind) = self.word_sim(qw, w);
                if sim > 0.0 {
                    pairs.push((sim, kind, qi, cj));
                }
            }
        }
        if pairs.is_empty() {
            return None;
        }
        pairs.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(
                    (a.2 as isize - a.3 as isize)
                        .abs()
                        .cmp(&(b.2 as isize - b.3 as isize).abs()),
                )
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        let mut q_used = vec![false; q.core.len()];
        let mut c_used = vec![false; c_core.len()];
        let mut matched: Vec<(usize, usize, Kind)> = Vec::new();
        let (mut mq, mut mc) = (0.0f32, 0.0f32);
        for &(sim, kind, qi, cj) in &pairs {
            if q_used[qi] || c_used[cj] {
                continue;
            }
            q_used[qi] = true;
            c_used[cj] = true;
            // A pair weighs what its lighter word weighs: a distinctive word of the query that
            // only resembles a product or a place prefix of the name («أيت») counts little.
            let w = q.weight(q.words[q.core[qi]].tier).min(q.weight(c_core[cj].2));
            mq += w * sim;
            mc += w * sim;
            matched.push((qi, cj, kind));
        }
        let q_core_w: f32 = q.core.iter().map(|&i| q.weight(q.words[i].tier)).sum();
        let r = mq / q_core_w;
        let p = mc / c_core_w;
        if r + p <= 0.0 {
            return None;
        }
        let f = 2.0 * p * r / (p + r);

        // Order of the distinctive words.
        let mut dist_pairs: Vec<(usize, usize)> = matched
            .iter()
            .filter(|&&(qi, _, _)| q.words[q.core[qi]].tier == Tier::Distinctive)
            .map(|&(qi, cj, _)| (qi, cj))
            .collect();
        dist_pairs.sort_unstable();
        let order_ok = dist_pairs.windows(2).all(|w| w[0].1 < w[1].1);

        // Agreement of generic words (concepts match across scripts).
        let g = self.generic_agreement(q, &c_gen);

        let mut score = f * (if order_ok { 1.0 } else { 0.93 }) * (1.0 - GENERIC_SHARE + GENERIC_SHARE * g);

        let distinct_all = q
            .core
            .iter()
            .enumerate()
            .all(|(qi, &wi)| q_used[qi] || q.words[wi].tier != Tier::Distinctive)
            && c_core
                .iter()
                .enumerate()
                .all(|(cj, c)| c_used[cj] || c.2 != Tier::Distinctive);
        let any_fuzzy = matched.iter().any(|m| m.2 == Kind::Fuzzy);
        let any_translit = matched.iter().any(|m| m.2 == Kind::Translit);
        // Without a distinctive word, only the same words (whatever the script) make the same
        // name; a name holding them among others is built on them.
        let same_words = matched.len() == q.core.len() && matched.len() == c_core.len();
        let reason = if !q.distinctive && !same_words {
            MatchReason::SharesDescriptiveWords
        } else if distinct_all && !any_fuzzy {
            if !order_ok {
                MatchReason::SameWordsOtherOrder
            } else if any_translit {
                MatchReason::SameTransliteration
            } else {
                MatchReason::SameWithoutGenericWords
            }
        } else if distinct_all {
            MatchReason::SimilarSpelling
        } else {
            MatchReason::SharesDistinctiveWords
        };
        let cap = match reason {
            MatchReason::Identical => 1.0,
            MatchReason::SameAfterNormalisation => 0.98,
            MatchReason::SameWithoutGenericWords => 0.97,
            // The same name in the other script, generic words included, is as close as the
            // same distinctive words with other generic words.
            MatchReason::SameTransliteration => 0.97,
            MatchReason::SameWordsOtherOrder | MatchReason::SimilarSpelling => 0.9,
            MatchReason::SharesDistinctiveWords => 0.85,
            MatchReason::SharesDescriptiveWords => DESCRIPTIVE_CAP,
        };
        score = score.min(cap).clamp(0.0, 1.0);
        Some((score, reason))
    }

    /// Score of a name for a query made only of generic words: the share of words they have in
    /// common (function words aside), as [`MatchReason::SharesDescriptiveWords`] below
    /// [`CONFLICT_THRESHOLD`]: such a query is a name of no one, and a search for the names
    /// holding its words. The same name is found by the exact comparison before.
    fn score_generic(&self, q: &Query, name: &[u32]) -> Option<(f32, MatchReason)> {
        let words: Vec<u32> = name
            .iter()
            .copied()
            .filter(|&w| self.word_info[w as usize].tier != Tier::Stop)
            .collect();
        let asked: Vec<&QWord> = q
            .general
            .iter()
            .map(|&i| &q.words[i])
            .filter(|qw| qw.tier == Tier::Generic)
            .collect();
        if asked.is_empty() || words.is_empty() {
            return None;
        }
        let mut used = vec![false; words.len()];
        let mut common = 0usize;
        for qw in &asked {
            let hit = words.iter().enumerate().position(|(j, &w)| {
                let info = self.word_info[w as usize];
                !used[j]
                    && (qw.word_id == Some(w) || (qw.concept > STOP_CONCEPT && qw.concept == info.concept))
            });
            if let Some(j) = hit {
                used[j] = true;
                common += 1;
            }
        }
        if common == 0 {
            return None;
        }
        if common == asked.len() && common == words.len() {
            // The same generic words in the other script: the same name.
            return Some((0.97, MatchReason::SameTransliteration));
        }
        let f = 2.0 * common as f32 / (asked.len() + words.len()) as f32;
        Some((f.min(DESCRIPTIVE_CAP), MatchReason::SharesDescriptiveWords))
    }

    /// F1 agreement (0..=1) of the generic and function words of the query and of a name;
    /// 1 when either has none. Function words weigh 0.3, generic words 1.
    fn generic_agreement(&self, q: &Query, c_gen: &[u32]) -> f32 {
        // Leaving out all generic words is not a disagreement: founders often type only the
        // distinctive part of the name.
        if q.general.is_empty() || c_gen.is_empty() {
            return 1.0;
        }
        let weight = |t: Tier| if t == Tier::Stop { 0.3 } else { 1.0 };
        let mut used = vec![false; c_gen.len()];
        let (mut wq, mut mq) = (0.0f32, 0.0f32);
        for &wi in &q.general {
            let qw = &q.words[wi];
            let w = weight(qw.tier);
            wq += w;
            for (j, &c) in c_gen.iter().enumerate() {
                if used[j] {
                    continue;
                }
                let info = self.word_info[c as usize];
                if qw.word_id == Some(c) || (qw.concept != 0 && qw.concept == info.concept) {
                    used[j] = true;
                    mq += w;
                    break;
                }
            }
        }
        let wc: f32 = c_gen
            .iter()
            .map(|&c| weight(self.word_info[c as usize].tier))
            .sum();
        let mc: f32 = c_gen
            .iter()
            .zip(&used)
            .filter(|(_, u)| **u)
            .map(|(&c, _)| weight(self.word_info[c as usize].tier))
            .sum();
        let (r, p) = (mq / wq, mc / wc);
        if r + p <= 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Human-readable analysis of a query (words, tiers, keys, similar indexed words), for
    /// debugging and tuning. Not a stable format.
    #[doc(hidden)]
    pub fn explain(&self, query: &str) -> String {
        use std::fmt::Write as _;
        let q = self.analyze_query(query);
        let mut out = String::new();
        for (i, w) in q.words.iter().enumerate() {
            let key = w.key_id.map_or("-", |k| self.keys.get(k));
            let _ = writeln!(
                out,
                "word {i}: {:?} tier {:?} concept {} key {key:?} (len {}) known {} pattern {:?} neighbours {}",
                w.text,
                w.tier,
                lexicon::concept_name(w.concept),
                w.key_len,
                w.word_id.is_some(),
                w.pattern,
                w.neighbours.len()
            );
            if w.tier.is_core() {
                let sims = self.similar_words(w, w.word_id.is_none());
                let total: usize = sims.iter().map(|c| self.postings[c.1 as usize].len()).sum();
                let _ = writeln!(out, "  {} similar words, {} postings", sims.len(), total);
                for (sim, wid, kind) in sims.iter().take(8) {
                    let _ = writeln!(
                        out,
                        "  {sim:.3} {kind:?} {:?} df {}",
                        self.words.get(*wid),
                        self.postings[*wid as usize].len()
                    );
                }
            }
        }
        out
    }

    /// Approximate heap memory used by the index, in bytes (for monitoring and benchmarks).
    pub fn memory_bytes(&self) -> usize {
        let vecs = |v: &Vec<Vec<u32>>| -> usize {
            v.iter()
                .map(|p| p.capacity() * 4 + std::mem::size_of::<Vec<u32>>())
                .sum()
        };
        let postings = vecs(&self.postings) + vecs(&self.key_words) + vecs(&self.generic_words);
        self.words.arena.capacity()
            + self.words.ends.capacity() * 4
            + self.words.table.capacity() * 4
            + self.keys.arena.capacity()
            + self.keys.ends.capacity() * 4
            + self.keys.table.capacity() * 4
            + self.word_info.capacity() * std::mem::size_of::<WordInfo>()
            + postings
            + self.deletions.main.capacity() * 8
            + self.deletions.pending_len * 8
            + self.text_deletions.main.capacity() * 8
            + self.text_deletions.pending_len * 8
            + self.doc_ids.capacity() * 8
            + self.docs.capacity() * std::mem::size_of::<DocMeta>()
            + self.doc_words.capacity() * 4
            + self.doc_hash.capacity() * 16
            + self.patterns.capacity()
            + self.pattern_ends.capacity() * 4
            + self.slot_of.capacity() * 16
            + self.undistinctive.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn index(names: &[(i64, &str, &str)]) -> NameIndex {
        names.iter().map(|&(i, a, f)| (i, a, f)).collect()
    }

    #[test]
    fn send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<NameIndex>();
    }

    #[test]
    fn concurrent_queries_agree_with_sequential_ones() {
        let mut g = crate::synth::Generator::new(3, 2_000);
        let names: Vec<_> = (0..3_000).map(|_| g.name()).collect();
        let idx: NameIndex = names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64, n.ar.as_str(), n.fr.as_str()))
            .collect();
        let queries: Vec<&str> = names.iter().take(60).map(|n| n.fr.as_str()).collect();
        let expected: Vec<Vec<Match>> = queries.iter().map(|q| idx.search(q, 5)).collect();
        std::thread::scope(|scope| {
            for t in 0..4 {
                let (idx, queries, expected) = (&idx, &queries, &expected);
                scope.spawn(move || {
                    for (i, q) in queries.iter().enumerate().skip(t) {
                        assert_eq!(&idx.search(q, 5), &expected[i], "{q}");
                    }
                });
            }
        });
        for (i, e) in expected.iter().enumerate() {
            assert_eq!(e[0].id, i as i64);
        }
    }

    #[test]
    fn interner_roundtrip() {
        let mut i = Interner::default();
        for n in 0..5000 {
            let (id, new) = i.intern(&format!("w{n}"));
            assert!(new);
            assert_eq!(id, n);
        }
        assert_eq!(i.intern("w42"), (42, false));
        assert_eq!(i.get(4999), "w4999");
        assert_eq!(i.find("nope"), None);
    }

    #[test]
    fn insert_replace_remove() {
        let mut idx = NameIndex::new();
        idx.insert(1, "تعاونية النور", "Coopérative Annour");
        idx.insert(2, "تعاونية أمل", "");
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.search("Annour", 10)[0].id, 1);
        idx.insert(1, "تعاونية الشروق", "");
        assert_eq!(idx.len(), 2);
        assert!(idx.search("Annour", 10).iter().all(|m| m.id != 1));
        assert_eq!(idx.search("Echourouk", 10)[0].id, 1);
        idx.remove(1);
        idx.remove(1);
        assert_eq!(idx.len(), 1);
        assert!(idx.search("Echourouk", 10).is_empty());
        assert!(!idx.is_empty());
        idx.remove(2);
        assert!(idx.is_empty());
        assert!(idx.search("امل", 10).is_empty());
    }

    #[test]
    fn incremental_and_bulk_agree() {
        let names = [
            (1, "تعاونية تيويزي", "Coopérative Tiwizi"),
            (2, "تعاونية تافيلالت للتمور", "Coopérative Tafilalet des dattes"),
            (3, "تعاونية زهرة الزعفران", "Coopérative Zahrat Zaafaran"),
        ];
        let bulk = index(&names);
        let mut inc = NameIndex::new();
        for (i, a, f) in names {
            inc.insert(i, a, f);
        }
        for q in ["tiwizy", "Tafilalt", "زهرة", "Zahrat Zafaran"] {
            assert_eq!(bulk.search(q, 5), inc.search(q, 5), "{q}");
        }
    }

    #[test]
    fn generic_only_query() {
        let idx = index(&[
            (1, "تعاونية النور", "Coopérative"),
            (2, "تعاونية", ""),
            (3, "تعاونية الأمل النسوية", "Coopérative féminine Al Amal"),
            (4, "تعاونية الأمل", "Coopérative Al Amal"),
        ]);
        let r = idx.search("Coopérative", 10);
        let ids: Vec<i64> = r.iter().map(|m| m.id).collect();
        // The same name (as typed, then in the other script), then the names holding the word,
        // shortest first.
        assert_eq!(ids, [1, 2, 4, 3], "{r:?}");
        assert_eq!(r[1].reason, MatchReason::SameTransliteration);
        assert!(
            r[2..]
                .iter()
                .all(|m| m.reason == MatchReason::SharesDescriptiveWords && !m.is_conflict())
        );
        assert!(idx.search("تعاونية", 10).iter().any(|m| m.id == 2));
        // A generic word finds its concept in the other script and with or without accents.
        for q in ["feminine", "féminine", "النسوية", "نسوية"] {
            assert_eq!(
                idx.search(q, 10).iter().map(|m| m.id).collect::<Vec<_>>(),
                [3],
                "{q}"
            );
        }
        assert!(idx.search("de la", 10).is_empty());
        assert!(idx.search("", 10).is_empty());
        assert!(idx.search("!!!", 10).is_empty());
    }

    #[test]
    fn reason_codes_are_stable() {
        let codes: Vec<&str> = MatchReason::ALL.iter().map(MatchReason::as_str).collect();
        assert_eq!(
            codes,
            [
                "identical",
                "same_after_normalisation",
                "same_transliteration",
                "same_words_other_order",
                "same_without_generic_words",
                "similar_spelling",
                "shares_distinctive_words",
                "shares_descriptive_words"
            ]
        );
    }

    #[test]
    fn distinctive_means_a_word_beyond_form_members_and_products() {
        for name in [
            "تعاونية أركان",
            "تعاونية اركان",
            "Coopérative Argane",
            "تعاونية الزعفران",
            "Coopérative des dattes",
            "تعاونية زيت الزيتون",
            "Coopérative féminine",
            "تعاونية",
        ] {
            assert!(!is_distinctive(name), "{name}");
        }
        for name in [
            "تعاونية الشروق",
            "Coopérative Al Amal",
            "تعاونية أركان تافراوت",
            "Tighza",
        ] {
            assert!(is_distinctive(name), "{name}");
        }
    }

    #[test]
    fn a_name_of_common_words_finds_the_names_built_on_them() {
        let idx = index(&[
            (1, "تعاونية أركان تافراوت", "Coopérative Argane Tafraout"),
            (2, "تعاونية أركان النور للنساء القرويات", ""),
            (3, "تعاونية النور", "Coopérative Annour"),
            (4, "تعاونية أركان", ""),
            (5, "", "Coopérative Argan Amal Souss Massa"),
            (
                6,
                "تعاونية التنمية للسكنى ويركان",
                "Coopérative Attanmia d'habitat Ouirgane",
            ),
        ]);
        for q in ["تعاونية أركان", "تعاونية اركان", "Coopérative Argane"] {
            let check = idx.check(q, 10);
            assert!(!check.distinctive && !check.available, "{q}");
            let ids: Vec<i64> = check.matches.iter().map(|m| m.id).collect();
            // The same name first (it blocks, whatever the script), then by fewest other words.
            assert_eq!(ids[..3], [4, 1, 2], "{q}: {:?}", check.matches);
            assert!(check.matches[0].is_conflict(), "{q}");
            assert!(check.matches[1..].iter().all(|m| !m.is_conflict()), "{q}");
            assert!(
                check.matches[1..]
                    .iter()
                    .all(|m| m.reason == MatchReason::SharesDescriptiveWords),
                "{q}"
            );
            // Neither a name without the product nor one whose place only sounds like it.
            assert!(!ids.contains(&3) && !ids.contains(&6), "{q}: {:?}", check.matches);
        }
        // A distinctive name is judged as before: sharing the product does not make it close.
        let check = idx.check("تعاونية أركان الخير", 10);
        assert!(check.distinctive && check.available, "{:?}", check.matches);
    }

    #[test]
    fn check_reports_availability() {
        let idx = index(&[(7, "تعاونية الشروق", "Coopérative Echourouk")]);
        let c = idx.check("Coopérative Chourouk", 10);
        assert!(!c.available);
        assert_eq!(c.matches[0].id, 7);
        assert!(idx.check("Coopérative Tiwizi", 10).available);
    }

    #[test]
    fn many_names_sharing_a_word() {
        let mut names = Vec::new();
        for i in 0..3000i64 {
            names.push((i, format!("تعاونية النور {i}"), format!("Coopérative Annour {i}")));
        }
        names.push((5000, "تعاونية النور".to_owned(), "Coopérative Annour".to_owned()));
        let idx: NameIndex = names.into_iter().collect();
        let r = idx.search("Coopérative Annour", 10);
        assert_eq!(r[0].id, 5000);
        assert_eq!(r.len(), 10);
        assert!(r.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn the_same_name_in_the_other_script_ranks_first() {
        // A French query for a name registered only in Arabic: that record, whose generic words
        // agree too, comes before French records sharing only the distinctive words.
        let idx = index(&[
            (1, "", "Coopérative Tilila wa Tafyoucht d'habitat"),
            (2, "", "Coopérative Tilila wa Tafyoucht agricole"),
            (3, "تعاونية تيليلا وتافيوشت النسوية للخدمات", ""),
        ]);
        let r = idx.search("Coopérative Tilila wa Tafyoucht féminine de services", 3);
        assert_eq!(r[0].id, 3, "{r:?}");
        assert_eq!(r[0].reason, MatchReason::SameTransliteration);
        assert!(r[0].is_conflict());
    }

    #[test]
    fn words_shared_by_many_names_still_find_candidates() {
        // Both words are common (each in thousands of names, more than the rarer one finds
        // alone within the candidate window): the one name having both must be found.
        let mut names = Vec::new();
        for i in 0..4000i64 {
            names.push((i, String::new(), format!("Coopérative Itkane Douar{i}")));
            names.push((10_000 + i, String::new(), format!("Coopérative Assidr Douar{i}")));
        }
        names.push((20_000, "تعاونية السدر والإتقان".to_owned(), String::new()));
        let idx: NameIndex = names.into_iter().collect();
        let r = idx.search("Coopérative Assidr wal Itkane", 10);
        assert_eq!(r[0].id, 20_000, "{r:?}");
    }

    #[test]
    fn proclitic_keys_are_the_letters_keys() {
        for (letter, key) in ["و", "ب", "ل", "ف", "ك"].into_iter().zip(PROCLITIC_KEYS) {
            let k = translit::phonetic_key(&format!("{letter}تمازوزت"));
            assert_eq!(k.get(..1), Some(key), "{letter}: {k}");
        }
    }

    #[test]
    fn a_glued_preposition_does_not_hide_a_place_across_scripts() {
        // «بأخفنير» is ب + «أخفنير»: a French query finds it as a transliteration, among many
        // names sharing the other word.
        let mut names: Vec<(i64, String, String)> = (0..2000i64)
            .map(|i| (i, format!("تعاونية تاكمات دوار{i}"), String::new()))
            .collect();
        names.push((5000, "تعاونية تاكمات بأخفنير".to_owned(), String::new()));
        let idx: NameIndex = names.into_iter().collect();
        let r = idx.search("Coopérative Tagmat d'Akhfennir", 10);
        assert_eq!(r[0].id, 5000, "{r:?}");
        assert!(r[0].is_conflict(), "{r:?}");
        let r = idx.search("Coopérative Tagmat Akhfennir", 10);
        assert_eq!(r[0].id, 5000, "{r:?}");
    }

    #[test]
    fn a_typo_making_an_unknown_skeleton_is_still_compared() {
        // «Imilchiq» has a skeleton no indexed word has; the one name with «Imilchil» must
        // still come first among thousands sharing the other word.
        let mut names: Vec<(i64, String, String)> = (0..3000i64)
            .map(|i| (i, String::new(), format!("Coopérative Tafyoucht Douar{i}")))
            .collect();
        names.push((9000, String::new(), "Coopérative Tafyoucht Imilchil".to_owned()));
        let idx: NameIndex = names.into_iter().collect();
        let r = idx.search("Coopérative Tafyoucht Imilchiq", 10);
        assert_eq!(r[0].id, 9000, "{r:?}");
    }

    #[test]
    fn a_known_word_finds_its_transliteration_a_semivowel_apart() {
        // *Youssoufia* is known to the index (a French name has it); the Arabic-only record
        // «…باليوسفية» spells it with a و the Latin skeleton does not have.
        let mut names: Vec<(i64, String, String)> = (0..3000i64)
            .map(|i| (i, String::new(), format!("Coopérative Addiyae Douar{i}")))
            .collect();
        names.push((8000, String::new(), "Coopérative Argan Youssoufia".to_owned()));
        names.push((9000, "التعاونية الضياء باليوسفية".to_owned(), String::new()));
        let idx: NameIndex = names.into_iter().collect();
        let r = idx.search("Coopérative Addiyae Youssoufia", 10);
        assert_eq!(r[0].id, 9000, "{r:?}");
    }
}
