//! The benchmark's register and its labelled queries.
//!
//! The register is `taawun synth`'s, with one change: a fifth of the records keep only their
//! Arabic name and a fifth only their French name (as old registers do), so that a query in the
//! other script is a real cross-script search. The queries are variants of registered names
//! made by `taawun_search::synth::text_variant` (the same kinds the matcher's recall tests use).

use std::{io::Write, path::Path};

use anyhow::Context;
use taawun_search::synth::{Rng, VariantKind, text_variant};

/// A registered name (empty when the record has none in that script), with the form the
/// record does not carry (for cross-script queries).
pub struct Name {
    pub ar: String,
    pub fr: String,
    /// The name in the script the record does not carry, if it was dropped.
    pub other: Option<String>,
}

/// One labelled query: `target` is the row (0-based) whose name it was made from.
pub struct Query {
    pub kind: VariantKind,
    pub target: usize,
    pub text: String,
}

/// Writes the register CSV (`taawun synth`'s rows, see the module doc) and returns the names.
pub fn write_register(path: &Path, count: usize, seed: u64) -> anyhow::Result<Vec<Name>> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
    writer.write_record(taawun_domain::IMPORT_COLUMNS)?;
    let mut names = Vec::with_capacity(count);
    for (i, mut raw) in crate::synth::records(count, seed).enumerate() {
        let other = match i % 5 {
            0 if !raw.name_ar.is_empty() => Some(std::mem::take(&mut raw.name_fr)),
            1 if !raw.name_fr.is_empty() => Some(std::mem::take(&mut raw.name_ar)),
            _ => None,
        }
        .filter(|o| !o.is_empty());
        writer.serialize(&raw)?;
        names.push(Name {
            ar: raw.name_ar,
            fr: raw.name_fr,
            other,
        });
    }
    writer.flush()?;
    drop(writer);
    Ok(names)
}

/// `count` labelled queries, the kinds in turn, spread over the whole register.
pub fn queries(names: &[Name], count: usize, seed: u64) -> Vec<Query> {
    let mut rng = Rng::new(seed ^ 0xB3_5C);
    let mut out = Vec::with_capacity(count);
    if names.is_empty() {
        return out;
    }
    let kinds = VariantKind::ALL;
    // A prime stride walks the register evenly without following the i % 5 pattern.
    let stride = (names.len() / count.max(1)).max(1) | 1;
    let mut i = 0usize;
    let mut k = 0usize;
    let mut misses = 0usize;
    while out.len() < count && misses < names.len() * 2 {
        let kind = kinds[k % kinds.len()];
        let n = &names[i % names.len()];
        let text = match kind {
            VariantKind::CrossScript => n.other.clone(),
            _ => text_variant(&mut rng, &n.ar, &n.fr, kind),
        };
        match text {
            Some(text) => {
                out.push(Query {
                    kind,
                    target: i % names.len(),
                    text,
                });
                k += 1;
                misses = 0;
            }
            None => misses += 1,
        }
        i += stride + 2;
    }
    out
}

impl Name {
    /// The Arabic and French forms of the name, whether registered or not.
    fn forms(&self) -> (&str, &str) {
        let other = self.other.as_deref().unwrap_or("");
        match (self.ar.is_empty(), self.fr.is_empty()) {
            (true, _) => (other, &self.fr),
            (_, true) => (&self.ar, other),
            _ => (&self.ar, &self.fr),
        }
    }
}

/// Whether a returned row answers a query made from `target`: the same record, or another with
/// exactly the same name in either script (registers hold many «تعاونية الأمل»; any is a right
/// answer, and a record registered as «Coopérative Al Amal» is the same name as one registered
/// as «تعاونية الأمل» only).
pub fn relevant(names: &[Name], target: usize, got: usize) -> bool {
    if got == target {
        return true;
    }
    let (Some(t), Some(g)) = (names.get(target), names.get(got)) else {
        return false;
    };
    let ((t_ar, t_fr), (g_ar, g_fr)) = (t.forms(), g.forms());
    (!t_ar.is_empty() && t_ar == g_ar) || (!t_fr.is_empty() && t_fr.to_lowercase() == g_fr.to_lowercase())
}

/// Writes the queries as TSV (kind, target row, text) next to the data, for inspection.
pub fn write_queries(path: &Path, queries: &[Query]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for q in queries {
        writeln!(out, "{:?}\t{}\t{}", q.kind, q.target, q.text.replace('\t', " "))?;
    }
    out.flush()?;
    Ok(())
}
