//! Typo tolerance: the words of the pages in a trie, walked with a Levenshtein row per node.
//!
//! The trie holds the normalised words *as written* (before stemming), each pointing to its
//! index term, because a typo throws the stemmer off: *dissolutoin* keeps its ending and would
//! never come near the stem `dissolut`, but it is one transposition from the word
//! *dissolution*. Walking the trie with the edit-distance row of the path (optimal string
//! alignment: insertions, deletions, substitutions and swaps of two neighbours cost 1) visits
//! only prefixes still within reach, not the whole vocabulary, and needs no per-word tables.
//! Words are never removed: a word whose term no longer occurs in any page is filtered out by
//! the caller, and the vocabulary of a knowledge base only grows slowly.

const NONE: u32 = u32::MAX;

/// Longer "words" (base64, URLs) are not worth correcting.
const MAX_WORD_CHARS: usize = 40;

#[derive(Debug, Clone, Copy)]
struct Node {
    ch: char,
    first_child: u32,
    next_sibling: u32,
    value: u32,
}

/// Words → values (term ids), searchable by edit distance.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
}

impl Default for Trie {
    fn default() -> Self {
        Trie {
            nodes: vec![Node {
                ch: '\0',
                first_child: NONE,
                next_sibling: NONE,
                value: NONE,
            }],
        }
    }
}

impl Trie {
    /// Adds a word; a word already present keeps its first value (the analysis is
    /// deterministic, so a word always has the same term).
    pub fn insert(&mut self, word: &str, value: u32) {
        if word.is_empty() || word.chars().count() > MAX_WORD_CHARS {
            return;
        }
        let mut node = 0usize;
        for c in word.chars() {
            let mut child = self.nodes[node].first_child;
            while child != NONE && self.nodes[child as usize].ch != c {
                child = self.nodes[child as usize].next_sibling;
            }
            if child == NONE {
                child = self.nodes.len() as u32;
                self.nodes.push(Node {
                    ch: c,
                    first_child: NONE,
                    next_sibling: self.nodes[node].first_child,
                    value: NONE,
                });
                self.nodes[node].first_child = child;
            }
            node = child as usize;
        }
        if self.nodes[node].value == NONE {
            self.nodes[node].value = value;
        }
    }

    /// Values of the words within `max` edits of `word`, with their distance.
    pub fn within(&self, word: &str, max: usize) -> Vec<(u32, usize)> {
        let query: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        if query.is_empty() || query.len() > MAX_WORD_CHARS {
            return out;
        }
        let mut walk = Walk {
            trie: self,
            query: &query,
            max,
            rows: (0..=query.len()).collect(),
            path: Vec::new(),
            out: &mut out,
        };
        walk.children(0, 0);
        out
    }
}

/// State of one search: the rows of the distance matrix along the current path, stacked.
struct Walk<'a> {
    trie: &'a Trie,
    query: &'a [char],
    max: usize,
    rows: Vec<usize>,
    path: Vec<char>,
    out: &'a mut Vec<(u32, usize)>,
}

impl Walk<'_> {
    fn children(&mut self, node: usize, depth: usize) {
        let width = self.query.len() + 1;
        let mut child = self.trie.nodes[node].first_child;
        while child != NONE {
            let n = self.trie.nodes[child as usize];
            self.rows.truncate((depth + 1) * width);
            self.rows.push(depth + 1);
            let (prev, cur) = (depth * width, (depth + 1) * width);
            for j in 1..width {
                let q = self.query[j - 1];
                let cost = usize::from(q != n.ch);
                let mut d = (self.rows[prev + j] + 1)
                    .min(self.rows[cur + j - 1] + 1)
                    .min(self.rows[prev + j - 1] + cost);
                if j > 1 && depth > 0 && q == self.path[depth - 1] && self.query[j - 2] == n.ch {
                    d = d.min(self.rows[prev - width + j - 2] + 1);
                }
                self.rows.push(d);
            }
            let row = &self.rows[cur..];
            if n.value != NONE && row[width - 1] <= self.max {
                self.out.push((n.value, row[width - 1]));
            }
            if row.iter().any(|&d| d <= self.max) {
                self.path.push(n.ch);
                self.children(child as usize, depth + 1);
                self.path.pop();
            }
            child = n.next_sibling;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(words: &[&str]) -> Trie {
        let mut t = Trie::default();
        for (i, w) in words.iter().enumerate() {
            t.insert(w, i as u32);
        }
        t
    }

    fn found(t: &Trie, w: &str, max: usize) -> Vec<(u32, usize)> {
        let mut v = t.within(w, max);
        v.sort_unstable();
        v
    }

    #[test]
    fn edits_are_counted() {
        let t = trie(&["dissolution", "solution", "تعاونية", "tribunal"]);
        assert_eq!(found(&t, "dissolution", 0), [(0, 0)]);
        assert_eq!(found(&t, "disolution", 1), [(0, 1)]);
        assert_eq!(found(&t, "dissolutoin", 1), [(0, 1)]);
        assert_eq!(found(&t, "dissoluton", 1), [(0, 1)]);
        assert_eq!(found(&t, "dissolutiion", 1), [(0, 1)]);
        assert_eq!(found(&t, "dissolutiom", 1), [(0, 1)]);
        assert_eq!(found(&t, "disolutoin", 1), []);
        assert_eq!(found(&t, "disolutoin", 2), [(0, 2)]);
        assert_eq!(found(&t, "تعاونبة", 1), [(2, 1)]);
        assert_eq!(found(&t, "tribuanl", 1), [(3, 1)]);
        assert!(found(&t, "", 2).is_empty());
    }

    #[test]
    fn first_value_is_kept() {
        let mut t = trie(&["statuts"]);
        t.insert("statuts", 9);
        assert_eq!(found(&t, "statuts", 0), [(0, 0)]);
    }
}
