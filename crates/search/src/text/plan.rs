//! Query plans: what a question asks for, in which pages.
//!
//! Each distinct question term becomes a *slot*; a slot has alternatives (*columns*): the term
//! itself, its typo corrections when it is unknown, and glossary variants or translations. A
//! page scores, for each slot, its best alternative, so a page using a synonym is not counted
//! twice, and a page that contains the term and its synonym is not favoured.

use std::collections::HashMap;

use super::analyze::{Term, TermKind};
use super::glossary::GLOSSARY;
use super::{DocLang, TextIndex, rank::idf, stem};

/// Weight of a glossary variant of a question term in the same language.
const SYNONYM_WEIGHT: f32 = 0.7;
/// Weight of a glossary translation added to a question mixing both scripts.
const TRANSLATION_WEIGHT: f32 = 0.8;
/// Weight of a typo correction at edit distance 0, 1, 2.
const TYPO_WEIGHT: [f32; 3] = [1.0, 0.7, 0.5];
/// At most this many corrections per unknown word (the closest, then the most frequent).
const MAX_CORRECTIONS: usize = 5;

/// One alternative of a slot: a term, or a phrase from the glossary, with its weight.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) slot: usize,
    pub(super) weight: f32,
    /// Question terms the phrase stands for / words of the phrase: a one-word question term
    /// matched by a three-word phrase gets the phrase's mean score, not three words' worth.
    pub(super) scale: f32,
    pub(super) terms: Vec<u32>,
}

/// A question term.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    /// Its share in the coverage: the idf of the term, or the highest idf when unknown.
    pub(super) weight: f32,
    /// Position in the question, for adjacency.
    pub(super) pos: u32,
}

/// Terms whose adjacency in a page earns a bonus: any left term directly followed by any right
/// term, each with the weight of its column.
#[derive(Debug, Clone, Default)]
pub(super) struct Pair {
    pub(super) left: Vec<(u32, f32)>,
    pub(super) right: Vec<(u32, f32)>,
}

/// A question ready to be scored against the pages of `langs`.
#[derive(Debug, Clone, Default)]
pub(super) struct Plan {
    pub(super) langs: [bool; 2],
    pub(super) slots: Vec<Slot>,
    pub(super) columns: Vec<Column>,
    pub(super) pairs: Vec<Pair>,
    /// Coverage weight of question terms that cannot match at all (untranslatable words).
    pub(super) missing: f32,
    /// Slot of each question term (repeated terms share a slot).
    pub(super) term_slot: Vec<usize>,
}

/// Language whose glossary side a term belongs to.
fn term_lang(kind: TermKind) -> Option<DocLang> {
    match kind {
        TermKind::Arabic => Some(DocLang::Ar),
        TermKind::Latin => Some(DocLang::Fr),
        TermKind::Other | TermKind::Number => None,
    }
}

/// Imperfect-verb prefixes that light stemming leaves on («نتأكد», «نصرح»): darija questions
/// are mostly in the first person, the pages use the noun or another form of the verb.
const VERB_PREFIXES: [char; 4] = ['ن', 'ت', 'ي', 'ا'];

impl TextIndex {
    /// Replaces an Arabic term that neither the pages of `langs` nor the glossary know by the
    /// same word without an imperfect prefix, when that one is known («نتاكد» → «تاكد»).
    pub(super) fn guess_verbs(&self, terms: &mut [Term], langs: [bool; 2]) {
        let known = |t: &str| self.live_term(t, langs).is_some() || GLOSSARY.knows(t);
        for t in terms.iter_mut().filter(|t| t.kind == TermKind::Arabic) {
            if known(&t.text) {
                continue;
            }
            let guess = t
                .text
                .strip_prefix(VERB_PREFIXES)
                .filter(|r| r.chars().count() >= 3)
                .map(stem::arabic);
            if let Some(guess) = guess.filter(|g| known(g)) {
                t.text = guess;
            }
        }
    }

    pub(super) fn df(&self, id: u32, langs: [bool; 2]) -> u32 {
        let e = &self.terms[id as usize];
        DocLang::ALL
            .iter()
            .filter(|l| langs[l.index()])
            .map(|l| e.df[l.index()])
            .sum()
    }

    fn docs_in(&self, langs: [bool; 2]) -> u32 {
        DocLang::ALL
            .iter()
            .filter(|l| langs[l.index()])
            .map(|l| self.stats[l.index()].docs)
            .sum()
    }

    /// Id of a term present in some page of `langs`.
    pub(super) fn live_term(&self, text: &str, langs: [bool; 2]) -> Option<u32> {
        self.vocab.get(text).copied().filter(|&id| self.df(id, langs) > 0)
    }

    /// Terms of the pages of `langs` whose words are one edit (≥ 4 letters) or two edits
    /// (≥ 8 letters) from `surface`: the closest distance only, most frequent first.
    fn corrections(&self, surface: &str, langs: [bool; 2]) -> Vec<(u32, usize)> {
        let n = surface.chars().count();
        let max = match n {
            0..4 => return Vec::new(),
            4..8 => 1,
            _ => 2,
        };
        let mut found = self.words.within(surface, max);
        found.retain(|&(id, _)| self.df(id, langs) > 0);
        // Several words can share a term: keep its closest one.
        found.sort_unstable();
        found.dedup_by_key(|&mut (id, _)| id);
        found.sort_unstable_by_key(|&(id, d)| (d, std::cmp::Reverse(self.df(id, langs)), id));
        if let Some(&(_, closest)) = found.first() {
            found.retain(|&(_, d)| d == closest);
        }
        found.truncate(MAX_CORRECTIONS);
        found
    }

    /// Adds a glossary phrase standing for `span` question terms as an alternative of `slot`,
    /// unless one of its words occurs in no page (then no page contains the phrase).
    fn add_phrase(&self, plan: &mut Plan, slot: usize, weight: f32, span: usize, phrase: &[String]) {
        let terms: Option<Vec<u32>> = phrase.iter().map(|t| self.live_term(t, plan.langs)).collect();
        let Some(terms) = terms.filter(|t| !t.is_empty()) else {
            return;
        };
        let scale = span as f32 / phrase.len().max(1) as f32;
        match plan
            .columns
            .iter_mut()
            .find(|c| c.slot == slot && c.terms == terms)
        {
            Some(c) => c.weight = c.weight.max(weight),
            None => plan.columns.push(Column {
                slot,
                weight,
                scale,
                terms,
            }),
        }
    }

    /// The question in its own language: its terms, their corrections, glossary variants and,
    /// for a question mixing scripts, glossary translations.
    pub(super) fn plan(&self, terms: &[Term], langs: [bool; 2], translate: bool) -> Plan {
        let mut plan = Plan {
            langs,
            ..Plan::default()
        };
        let n = self.docs_in(langs);
        let mut slot_of: HashMap<&str, usize> = HashMap::new();
        for t in terms {
            if let Some(&s) = slot_of.get(t.text.as_str()) {
                plan.term_slot.push(s);
                continue;
            }
            let s = plan.slots.len();
            slot_of.insert(&t.text, s);
            plan.term_slot.push(s);
            let id = self.live_term(&t.text, langs);
            plan.slots.push(Slot {
                weight: idf(n, id.map_or(0, |id| self.df(id, langs))),
                pos: t.pos,
            });
            if let Some(id) = id {
                plan.columns.push(Column {
                    slot: s,
                    weight: 1.0,
                    scale: 1.0,
                    terms: vec![id],
                });
            } else if t.kind != TermKind::Number {
                for (id, d) in self.corrections(&t.surface, langs) {
                    plan.columns.push(Column {
                        slot: s,
                        weight: TYPO_WEIGHT[d.min(2)],
                        scale: 1.0,
                        terms: vec![id],
                    });
                }
            }
        }
        let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        let mut i = 0;
        while i < terms.len() {
            let found = term_lang(terms[i].kind).and_then(|l| GLOSSARY.find(&texts[i..], l).map(|f| (l, f)));
            let Some((lang, found)) = found else {
                i += 1;
                continue;
            };
            let slot = plan.term_slot[i];
            let typed = &texts[i..i + found.len];
            for v in GLOSSARY.variants(found.concept, lang) {
                if v.iter().map(String::as_str).ne(typed.iter().copied()) {
                    self.add_phrase(&mut plan, slot, SYNONYM_WEIGHT, found.len, v);
                }
            }
            if translate {
                for v in GLOSSARY.variants(found.concept, lang.other()) {
                    self.add_phrase(&mut plan, slot, TRANSLATION_WEIGHT, found.len, v);
                }
            }
            i += found.len;
        }
        self.add_pairs(&mut plan);
        plan
    }

    /// The question translated with the glossary, for the pages of `langs`. Coverage weights
    /// come from the original question, and untranslatable words count as missing, so the
    /// coverage of both plans can be compared.
    pub(super) fn translated_plan(&self, terms: &[Term], original: &Plan, langs: [bool; 2]) -> Option<Plan> {
        let mut plan = Plan {
            langs,
            ..Plan::default()
        };
        let mut counted = vec![false; original.slots.len()];
        let mut weight_of = |range: std::ops::Range<usize>| -> f32 {
            let mut w = 0.0;
            for i in range {
                let s = original.term_slot[i];
                if !counted[s] {
                    counted[s] = true;
                    w += original.slots[s].weight;
                }
            }
            w
        };
        let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        let mut i = 0;
        while i < terms.len() {
            let t = &terms[i];
            let found = term_lang(t.kind).and_then(|l| GLOSSARY.find(&texts[i..], l).map(|f| (l, f)));
            let (len, slot) = match found {
                Some((lang, found)) => {
                    let slot = plan.slots.len();
                    plan.slots.push(Slot {
                        weight: weight_of(i..i + found.len),
                        pos: slot as u32,
                    });
                    for v in GLOSSARY.variants(found.concept, lang.other()) {
                        self.add_phrase(&mut plan, slot, 1.0, found.len, v);
                    }
                    (found.len, Some(slot))
                }
                None if t.kind == TermKind::Number => {
                    let slot = plan.slots.len();
                    plan.slots.push(Slot {
                        weight: weight_of(i..i + 1),
                        pos: slot as u32,
                    });
                    if let Some(id) = self.live_term(&t.text, langs) {
                        plan.columns.push(Column {
                            slot,
                            weight: 1.0,
                            scale: 1.0,
                            terms: vec![id],
                        });
                    }
                    (1, Some(slot))
                }
                None => {
                    plan.missing += weight_of(i..i + 1);
                    (1, None)
                }
            };
            if let Some(slot) = slot
                && !plan.columns.iter().any(|c| c.slot == slot)
            {
                plan.missing += plan.slots[slot].weight;
                plan.slots[slot].weight = 0.0;
            }
            i += len;
        }
        if plan.columns.is_empty() {
            return None;
        }
        self.add_pairs(&mut plan);
        Some(plan)
    }

    /// Adjacency pairs: consecutive question terms, and consecutive words of a phrase.
    fn add_pairs(&self, plan: &mut Plan) {
        let edge = |plan: &Plan, slot: usize, last: bool| -> Vec<(u32, f32)> {
            plan.columns
                .iter()
                .filter(|c| c.slot == slot)
                .filter_map(|c| {
                    let t = if last { c.terms.last() } else { c.terms.first() };
                    t.map(|&t| (t, c.weight))
                })
                .collect()
        };
        let mut pairs = Vec::new();
        for (a, sa) in plan.slots.iter().enumerate() {
            for (b, sb) in plan.slots.iter().enumerate() {
                if sb.pos == sa.pos + 1 {
                    pairs.push(Pair {
                        left: edge(plan, a, true),
                        right: edge(plan, b, false),
                    });
                }
            }
        }
        for c in &plan.columns {
            for w in c.terms.windows(2) {
                pairs.push(Pair {
                    left: vec![(w[0], c.weight)],
                    right: vec![(w[1], c.weight)],
                });
            }
        }
        pairs.retain(|p| !p.left.is_empty() && !p.right.is_empty());
        plan.pairs = pairs;
    }
}
