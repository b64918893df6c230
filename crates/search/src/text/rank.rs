//! Scoring: BM25F over title, keywords and body, adjacency bonus, coverage, and the hits.

use std::collections::HashMap;

use super::analyze;
use super::plan::Plan;
use super::snippet;
use super::{DocLang, Posting, StoredDoc, TermEntry, TextHit, TextIndex, query_langs};

/// BM25F field weights: a question's title *is* the question; keywords are chosen by editors
/// to catch the ways readers ask (darija, abbreviations), so they weigh nearly as much.
/// (Measured on `content/kb/eval`: a broad optimum for title 3–4, keywords 2–3.)
const FIELD_WEIGHT: [f32; 3] = [3.0, 2.5, 1.0];
/// BM25F length normalisation per field: titles and keyword lists vary little in length.
const FIELD_B: [f32; 3] = [0.5, 0.5, 0.75];
/// Term-frequency saturation. Pages are short and focused, so a term repeated in the title,
/// keywords and body is real evidence: higher than the textbook 1.2 measured better.
const K1: f32 = 2.0;
/// Share of two terms' score added when they are adjacent in the title or body.
const ADJACENCY_BONUS: f32 = 0.25;
/// Final score = BM25F × (COVERAGE_BASE + (1 − COVERAGE_BASE) × coverage).
const COVERAGE_BASE: f32 = 0.5;
/// Only the best pages by BM25F get the (costlier) adjacency check.
const RESCORE: usize = 100;

#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub(super) doc: u32,
    pub(super) score: f32,
    pub(super) coverage: f32,
}

pub(super) fn idf(docs: u32, df: u32) -> f32 {
    let (n, df) = (docs as f32, df.min(docs) as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

impl TextIndex {
    /// A human-readable account of how `query` is analysed and scored: the terms, the query
    /// plan (slots and their alternatives) and the best pages with their per-slot scores. For
    /// tuning and debugging only; the format is not stable.
    #[doc(hidden)]
    pub fn explain(&self, query: &str, lang: DocLang, limit: usize) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let mut terms = analyze::query_terms(query);
        let (langs, mixed) = query_langs(query, lang);
        self.guess_verbs(&mut terms, langs);
        let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        let _ = writeln!(out, "terms: {texts:?}");
        let term_text = |id: u32| {
            self.vocab
                .iter()
                .find(|&(_, &v)| v == id)
                .map_or("?", |(k, _)| k.as_str())
        };
        let mut plans = vec![self.plan(&terms, langs, mixed)];
        if let Some(t) = self.translated_plan(&terms, &plans[0], [!langs[0], !langs[1]]) {
            plans.push(t);
        }
        for plan in &plans {
            let _ = writeln!(out, "plan {:?} missing {:.2}", plan.langs, plan.missing);
            for (i, s) in plan.slots.iter().enumerate() {
                let cols: Vec<String> = plan
                    .columns
                    .iter()
                    .filter(|c| c.slot == i)
                    .map(|c| {
                        let t: Vec<&str> = c.terms.iter().map(|&t| term_text(t)).collect();
                        format!("{}×{:.1}", t.join("+"), c.weight)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "  slot {i} w {:.2} pos {}: {}",
                    s.weight,
                    s.pos,
                    cols.join(" | ")
                );
            }
            for r in self.rank(plan).into_iter().take(limit) {
                let Some(doc) = self.doc(r.doc) else { continue };
                // Same order as the slot listing above: slot by slot.
                let per: Vec<String> = (0..plan.slots.len())
                    .flat_map(|i| plan.columns.iter().filter(move |c| c.slot == i))
                    .map(|c| {
                        let v: f32 = c
                            .terms
                            .iter()
                            .filter_map(|&t| {
                                let p = self.posting(t, r.doc)?;
                                Some(self.bm25(&self.terms[t as usize], p, doc))
                            })
                            .sum();
                        format!("{:.2}", v * c.weight * c.scale)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "  {:.2} cov {:.2} {}.{} [{}] adj {:.2}",
                    r.score,
                    r.coverage,
                    doc.key,
                    doc.lang.as_str(),
                    per.join(" "),
                    self.adjacency(plan, r.doc, doc)
                );
            }
        }
        out
    }

    /// BM25F contribution of one term to one page.
    pub(super) fn bm25(&self, entry: &TermEntry, p: &Posting, doc: &StoredDoc) -> f32 {
        let l = doc.lang.index();
        let stats = &self.stats[l];
        let docs = stats.docs.max(1) as f32;
        let mut tf = 0.0f32;
        for f in 0..3 {
            if p.tf[f] == 0 {
                continue;
            }
            let avg = (stats.len_sum[f] as f32 / docs).max(1.0);
            let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * doc.len[f] as f32 / avg;
            tf += FIELD_WEIGHT[f] * f32::from(p.tf[f]) / norm.max(0.1);
        }
        idf(stats.docs, entry.df[l]) * tf * (K1 + 1.0) / (K1 + tf)
    }

    pub(super) fn posting(&self, term: u32, doc: u32) -> Option<&Posting> {
        let postings = &self.terms.get(term as usize)?.postings;
        let i = postings.binary_search_by_key(&doc, |p| p.doc).ok()?;
        postings.get(i)
    }

    /// Bonus of a page for question terms found next to each other.
    pub(super) fn adjacency(&self, plan: &Plan, slot: u32, doc: &StoredDoc) -> f32 {
        let mut bonus = 0.0;
        for pair in &plan.pairs {
            let mut best = 0.0f32;
            for &(lt, lw) in &pair.left {
                let Some(lp) = self.posting(lt, slot) else {
                    continue;
                };
                for &(rt, rw) in &pair.right {
                    let Some(rp) = self.posting(rt, slot) else {
                        continue;
                    };
                    if adjacent(&lp.positions, &rp.positions) {
                        let score = lw * self.bm25(&self.terms[lt as usize], lp, doc)
                            + rw * self.bm25(&self.terms[rt as usize], rp, doc);
                        best = best.max(score);
                    }
                }
            }
            bonus += ADJACENCY_BONUS * best;
        }
        bonus
    }

    /// Scores every page of `plan.langs` reached by the postings of the plan's terms.
    pub(super) fn rank(&self, plan: &Plan) -> Vec<Ranked> {
        let ncol = plan.columns.len();
        if ncol == 0 {
            return Vec::new();
        }
        // Per page and column: score so far, and how many of the column's terms it has.
        let mut acc: HashMap<u32, Vec<(f32, usize)>> = HashMap::new();
        for (ci, col) in plan.columns.iter().enumerate() {
            for &t in &col.terms {
                let entry = &self.terms[t as usize];
                for p in &entry.postings {
                    let Some(doc) = self.doc(p.doc) else {
                        continue;
                    };
                    if !plan.langs[doc.lang.index()] {
                        continue;
                    }
                    let c = self.bm25(entry, p, doc);
                    let cell = &mut acc.entry(p.doc).or_insert_with(|| vec![(0.0, 0); ncol])[ci];
                    cell.0 += col.weight * col.scale * c;
                    cell.1 += 1;
                }
            }
        }
        let total = plan.slots.iter().map(|s| s.weight).sum::<f32>() + plan.missing;
        let mut best = vec![(0.0f32, 0.0f32); plan.slots.len()];
        let mut out: Vec<(Ranked, f32)> = acc
            .into_iter()
            .map(|(doc, cols)| {
                best.fill((0.0, 0.0));
                for (c, (v, found)) in plan.columns.iter().zip(cols) {
                    // A glossary phrase counts only whole: «travail» alone is not «travail
                    // coopératif».
                    if found >= c.terms.len() && v > best[c.slot].0 {
                        best[c.slot] = (v, c.weight);
                    }
                }
                let score: f32 = best.iter().map(|b| b.0).sum();
                let matched: f32 = plan
                    .slots
                    .iter()
                    .zip(&best)
                    .filter(|(_, b)| b.0 > 0.0)
                    .map(|(s, b)| s.weight * b.1)
                    .sum();
                let coverage = if total > 0.0 { matched / total } else { 0.0 };
                let factor = COVERAGE_BASE + (1.0 - COVERAGE_BASE) * coverage;
                let r = Ranked {
                    doc,
                    score: score * factor,
                    coverage,
                };
                (r, factor)
            })
            .collect();
        self.sort(&mut out);
        for (r, factor) in out.iter_mut().take(RESCORE) {
            if let Some(doc) = self.doc(r.doc) {
                r.score += *factor * self.adjacency(plan, r.doc, doc);
            }
        }
        self.sort(&mut out);
        out.into_iter().map(|(r, _)| r).collect()
    }

    /// Best first; equal scores by key, then language, so results never depend on hashing.
    pub(super) fn sort(&self, ranked: &mut [(Ranked, f32)]) {
        let key = |r: &Ranked| self.doc(r.doc).map(|d| (d.key.as_str(), d.lang));
        ranked.sort_by(|(a, _), (b, _)| b.score.total_cmp(&a.score).then_with(|| key(a).cmp(&key(b))));
    }

    pub(super) fn hit(&self, r: Ranked, plan: &Plan) -> Option<TextHit> {
        let doc = self.doc(r.doc)?;
        // Words of the alternatives this page matched (whole phrases only) are highlighted.
        let mut slot_of: Vec<(u32, usize)> = plan
            .columns
            .iter()
            .filter(|c| c.terms.iter().all(|&t| self.posting(t, r.doc).is_some()))
            .flat_map(|c| c.terms.iter().map(move |&t| (t, c.slot)))
            .collect();
        slot_of.sort_unstable();
        slot_of.dedup_by_key(|(t, _)| *t);
        let slots: Vec<Option<usize>> = doc
            .words
            .iter()
            .map(|w| {
                let range = w.first_term as usize..(w.first_term + w.term_count) as usize;
                doc.word_terms.get(range)?.iter().find_map(|t| {
                    slot_of
                        .binary_search_by_key(t, |&(t, _)| t)
                        .ok()
                        .map(|i| slot_of[i].1)
                })
            })
            .collect();
        Some(TextHit {
            key: doc.key.clone(),
            lang: doc.lang,
            score: r.score,
            snippet: snippet::build(&doc.body, &doc.words, &slots, plan.slots.len()),
        })
    }
}

/// True when some position of `right` directly follows one of `left` (both ascending).
pub(super) fn adjacent(left: &[u32], right: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        let want = left[i] + 1;
        match right[j].cmp(&want) {
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}
