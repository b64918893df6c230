//! The matcher alone on `taawun bench`'s own register and labelled queries: recall@1/@10 by
//! variant kind, p50/p99 latency, index build time and memory — in seconds instead of the full
//! bench's half hour, to iterate on the matcher.
//!
//! ```text
//! taawun synth --count 1000000 --seed 1 > synth-1m.csv      # once (records(n) is a prefix of records(m))
//! cargo run --release -p taawun-search --example bench_register -- synth-1m.csv [size] [queries] [misses]
//! ```
//!
//! `size` (default: every row) takes the first rows, as `taawun bench --sizes` does; `queries`
//! defaults to the bench's 3,000; `misses` prints that many missed queries per kind with the
//! target and what came first. `BENCH_EXPLAIN="<query>"` prints the analysis of one query.
//!
//! The register and queries are made exactly as `crates/taawun/src/bench/dataset.rs` makes them
//! (same seed, same rules): a fifth of the records keep only their Arabic name and a fifth only
//! their French name; the queries are `text_variant`s of registered names, the kinds in turn,
//! spread over the register with a prime stride; a hit is the record or one with the same name
//! in either script. Keep the two in step.

use std::time::Instant;

use taawun_search::NameIndex;
use taawun_search::synth::{Rng, VariantKind, text_variant};

struct Name {
    ar: String,
    fr: String,
    other: Option<String>,
}

struct Query {
    kind: VariantKind,
    target: usize,
    text: String,
}

/// Splits one CSV record (RFC 4180 quoting) read from `lines`; `None` at the end.
fn csv_record(lines: &mut std::str::Lines<'_>) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = lines.next()?;
    loop {
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (false, '"') => quoted = true,
                (false, ',') => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        if !quoted {
            break;
        }
        field.push('\n');
        line = lines.next()?;
    }
    fields.push(field);
    Some(fields)
}

/// `dataset::write_register`'s names.
fn register(path: &str, size: usize) -> Vec<Name> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut lines = text.lines();
    let header = csv_record(&mut lines).unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column"))
    };
    let (c_ar, c_fr) = (col("name_ar"), col("name_fr"));
    let mut names = Vec::new();
    while names.len() < size {
        let Some(rec) = csv_record(&mut lines) else { break };
        let i = names.len();
        let (mut ar, mut fr) = (rec[c_ar].clone(), rec[c_fr].clone());
        let other = match i % 5 {
            0 if !ar.is_empty() => Some(std::mem::take(&mut fr)),
            1 if !fr.is_empty() => Some(std::mem::take(&mut ar)),
            _ => None,
        }
        .filter(|o| !o.is_empty());
        names.push(Name { ar, fr, other });
    }
    names
}

/// `dataset::queries`.
fn queries(names: &[Name], count: usize, seed: u64) -> Vec<Query> {
    let mut rng = Rng::new(seed ^ 0xB3_5C);
    let mut out = Vec::with_capacity(count);
    let kinds = VariantKind::ALL;
    let stride = (names.len() / count.max(1)).max(1) | 1;
    let (mut i, mut k, mut misses) = (0usize, 0usize, 0usize);
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

/// Queries written by `taawun bench` (`queries.tsv`) or by `BENCH_WRITE_QUERIES`.
fn read_queries(path: &str) -> Vec<Query> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let kind = parts.next()?;
            let kind = *VariantKind::ALL.iter().find(|k| format!("{k:?}") == kind)?;
            let target = parts.next()?.parse().ok()?;
            Some(Query {
                kind,
                target,
                text: parts.next()?.to_owned(),
            })
        })
        .collect()
}

impl Name {
    fn forms(&self) -> (&str, &str) {
        let other = self.other.as_deref().unwrap_or("");
        match (self.ar.is_empty(), self.fr.is_empty()) {
            (true, _) => (other, &self.fr),
            (_, true) => (&self.ar, other),
            _ => (&self.ar, &self.fr),
        }
    }
}

/// `dataset::relevant`.
fn relevant(names: &[Name], target: usize, got: usize) -> bool {
    if got == target {
        return true;
    }
    let (Some(t), Some(g)) = (names.get(target), names.get(got)) else {
        return false;
    };
    let ((t_ar, t_fr), (g_ar, g_fr)) = (t.forms(), g.forms());
    (!t_ar.is_empty() && t_ar == g_ar) || (!t_fr.is_empty() && t_fr.to_lowercase() == g_fr.to_lowercase())
}

fn rss_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// CPU time (user + system) of this process so far, in seconds: unlike wall-clock latencies,
/// it does not count the time another process held the core (a shared machine).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime and stime are the 12th
    // and 13th, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (field(11) + field(12)) / 100.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: bench_register <synth.csv> [size] [queries] [misses]");
    let size: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(usize::MAX);
    let n_queries: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
    let show_misses: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let seed = 1;

    let names = register(&path, size);
    // The queries depend on the lexicon (which words are generic decides where a typo goes and
    // what "missing generic words" removes): to compare two versions of the lexicon on the same
    // queries, write them once (BENCH_WRITE_QUERIES) and read them back (BENCH_QUERIES), in
    // the bench's queries.tsv format.
    let qs = match std::env::var("BENCH_QUERIES") {
        Ok(file) => read_queries(&file),
        Err(_) => queries(&names, n_queries.min(names.len() / 3).max(1), seed),
    };
    if let Ok(file) = std::env::var("BENCH_WRITE_QUERIES") {
        let text: String = qs
            .iter()
            .map(|q| format!("{:?}\t{}\t{}\n", q.kind, q.target, q.text.replace('\t', " ")))
            .collect();
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
    }
    let rss_before = rss_kb("VmRSS:").unwrap_or(0);
    let t = Instant::now();
    let index = NameIndex::from_names(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64, n.ar.as_str(), n.fr.as_str())),
    );
    let build = t.elapsed();
    let rss_after = rss_kb("VmRSS:").unwrap_or(0);
    println!(
        "{} names, {} queries; index built in {:.2} s, RSS +{:.0} MB (heap estimate {:.0} MB)",
        names.len(),
        qs.len(),
        build.as_secs_f64(),
        rss_after.saturating_sub(rss_before) as f64 / 1024.0,
        index.memory_bytes() as f64 / 1e6
    );
    if let Ok(q) = std::env::var("BENCH_EXPLAIN") {
        println!("{}", index.explain(&q));
        for m in index.search(&q, 10) {
            let n = &names[m.id as usize];
            println!(
                "  {:.3} {:?} #{} {:?} / {:?}",
                m.score, m.reason, m.id, n.ar, n.fr
            );
        }
        return;
    }

    // One unmeasured query, as the bench does.
    if let Some(q) = qs.first() {
        index.search(&q.text, 10);
    }
    let cpu_start = cpu_seconds();
    let mut lat = Vec::with_capacity(qs.len());
    let (mut h1, mut h10) = (0usize, 0usize);
    let mut by_kind: Vec<(VariantKind, usize, usize, usize)> =
        VariantKind::ALL.iter().map(|&k| (k, 0, 0, 0)).collect();
    let mut missed: Vec<(VariantKind, String)> = Vec::new();
    for q in &qs {
        let t = Instant::now();
        let got = index.search(&q.text, 10);
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        let hit1 = got
            .first()
            .is_some_and(|m| relevant(&names, q.target, m.id as usize));
        let hit10 = got.iter().any(|m| relevant(&names, q.target, m.id as usize));
        h1 += usize::from(hit1);
        h10 += usize::from(hit10);
        if let Some(k) = by_kind.iter_mut().find(|k| k.0 == q.kind) {
            k.1 += usize::from(hit1);
            k.2 += usize::from(hit10);
            k.3 += 1;
        }
        if !hit10 && missed.iter().filter(|m| m.0 == q.kind).count() < show_misses {
            let t = &names[q.target];
            let first = got.first().map_or_else(
                || "nothing".to_owned(),
                |m| {
                    let n = &names[m.id as usize];
                    format!("{:.3} {:?} {:?} / {:?}", m.score, m.reason, n.ar, n.fr)
                },
            );
            let target_rank = index
                .search(&q.text, 2000)
                .iter()
                .position(|m| relevant(&names, q.target, m.id as usize))
                .map_or_else(|| "not in 2000".to_owned(), |r| format!("rank {}", r + 1));
            missed.push((
                q.kind,
                format!(
                    "  {:?}\n    target {:?} / {:?} (other {:?}) {target_rank}\n    first  {first}",
                    q.text, t.ar, t.fr, t.other
                ),
            ));
        }
    }
    lat.sort_by(f64::total_cmp);
    let n = qs.len().max(1) as f64;
    // The misses' diagnostics (a search of 2,000) are inside the loop: CPU per query is only
    // meaningful without them.
    let cpu_ms = (cpu_seconds() - cpu_start) * 1000.0 / n;
    println!(
        "recall@1 {:.3}  recall@10 {:.3}  p50 {:.2} ms  p99 {:.2} ms  max {:.1} ms  cpu/query {:.2} ms",
        h1 as f64 / n,
        h10 as f64 / n,
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0),
        cpu_ms
    );
    // The per-thread scratch of the queries (an accumulator per name, a mark per word).
    println!(
        "RSS after the queries +{:.0} MB over the names",
        rss_kb("VmRSS:").unwrap_or(0).saturating_sub(rss_before) as f64 / 1024.0
    );
    for (kind, a, b, t) in &by_kind {
        let t1 = (*t).max(1) as f64;
        println!(
            "  {:<16} n={:<4} recall@1 {:.3}  recall@10 {:.3}",
            format!("{kind:?}"),
            t,
            *a as f64 / t1,
            *b as f64 / t1
        );
    }
    for (kind, m) in &missed {
        println!("MISS {kind:?}\n{m}");
    }
}
