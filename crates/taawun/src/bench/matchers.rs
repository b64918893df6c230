//! Name check: Taawun's matcher against what an engineer would otherwise reach for — PostgreSQL
//! `pg_trgm` (GIN index, `%` and `similarity`), SQLite FTS5 with the trigram tokenizer, and a
//! plain scan (trigram similarity computed against every name) — on the same names and queries.
//!
//! This module and `imports.rs` are the one place outside the store that holds SQL: it is the
//! other engines' SQL, the comparison itself, not the platform's.

use std::{
    collections::HashMap,
    str::FromStr,
    time::{Duration, Instant},
};

use anyhow::Context;
use sqlx::{Connection, Executor, Row, postgres::PgConnection, sqlite::SqliteConnectOptions};
use taawun_search::{NameIndex, normalize::normalize, synth::VariantKind};

use super::{
    dataset::{Name, Query, relevant},
    report::{Report, percentile},
    rss_kb,
};

/// How one engine did on the labelled queries.
pub struct Outcome {
    pub engine: &'static str,
    pub build: Duration,
    /// Resident memory added by the index (MB), when measurable in this process.
    pub memory_mb: Option<f64>,
    pub latencies_ms: Vec<f64>,
    pub recall1: f64,
    pub recall10: f64,
    pub by_kind: Vec<(VariantKind, f64)>,
    /// Queries answered (engines slower than the time budget answer a prefix of the list).
    pub answered: usize,
    pub total_time: Duration,
}

impl Outcome {
    pub fn qps(&self) -> f64 {
        self.answered as f64 / self.total_time.as_secs_f64().max(1e-9)
    }

    pub fn record(&self, report: &mut Report, size: usize) {
        let e = self.engine;
        let mut lat = self.latencies_ms.clone();
        lat.sort_by(f64::total_cmp);
        report.add(size, "name_check", e, "build_s", self.build.as_secs_f64(), "s");
        if let Some(mb) = self.memory_mb {
            report.add(size, "name_check", e, "index_rss_mb", mb, "MB");
        }
        report.add(size, "name_check", e, "p50_ms", percentile(&lat, 0.5), "ms");
        report.add(size, "name_check", e, "p99_ms", percentile(&lat, 0.99), "ms");
        report.add(size, "name_check", e, "qps", self.qps(), "queries/s");
        report.add(size, "name_check", e, "recall_at_1", self.recall1, "");
        report.add(size, "name_check", e, "recall_at_10", self.recall10, "");
        report.add(size, "name_check", e, "queries", self.answered as f64, "");
        for (kind, r) in &self.by_kind {
            report.add(size, "name_check", e, &format!("recall_at_10_{kind:?}"), *r, "");
        }
    }
}

/// Runs `search` on each query until the list or the time budget ends; scores the answers.
fn measure(
    engine: &'static str,
    names: &[Name],
    queries: &[Query],
    budget: Duration,
    build: Duration,
    memory_mb: Option<f64>,
    mut search: impl FnMut(&str) -> anyhow::Result<Vec<usize>>,
) -> anyhow::Result<Outcome> {
    let mut latencies = Vec::with_capacity(queries.len());
    let mut hits1 = 0usize;
    let mut hits10 = 0usize;
    let mut kinds: HashMap<VariantKind, (usize, usize)> = HashMap::new();
    // One unmeasured query: first-use allocations and caches are not what a user waits for.
    if let Some(q) = queries.first() {
        search(&q.text)?;
    }
    let start = Instant::now();
    let mut answered = 0;
    for q in queries {
        if start.elapsed() > budget {
            break;
        }
        let t = Instant::now();
        let got = search(&q.text)?;
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        answered += 1;
        let h1 = got.first().is_some_and(|&g| relevant(names, q.target, g));
        let h10 = got.iter().take(10).any(|&g| relevant(names, q.target, g));
        hits1 += usize::from(h1);
        hits10 += usize::from(h10);
        let k = kinds.entry(q.kind).or_default();
        k.0 += usize::from(h10);
        k.1 += 1;
    }
    let total_time = start.elapsed();
    let n = answered.max(1) as f64;
    Ok(Outcome {
        engine,
        build,
        memory_mb,
        latencies_ms: latencies,
        recall1: hits1 as f64 / n,
        recall10: hits10 as f64 / n,
        by_kind: VariantKind::ALL
            .iter()
            .filter_map(|k| kinds.get(k).map(|(h, t)| (*k, *h as f64 / (*t).max(1) as f64)))
            .collect(),
        answered,
        total_time,
    })
}

/// Taawun's `NameIndex`, as every server process holds it.
pub fn taawun(names: &[Name], queries: &[Query], budget: Duration) -> anyhow::Result<Outcome> {
    let before = rss_kb("VmRSS:");
    let t = Instant::now();
    let index = NameIndex::from_names(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64, n.ar.as_str(), n.fr.as_str())),
    );
    let build = t.elapsed();
    let after = rss_kb("VmRSS:");
    let memory = match (before, after) {
        (Some(b), Some(a)) => Some(a.saturating_sub(b) as f64 / 1024.0),
        _ => None,
    };
    let outcome = measure("taawun", names, queries, budget, build, memory, |q| {
        Ok(index.search(q, 10).iter().map(|m| m.id as usize).collect())
    })?;
    Ok(outcome)
}

/// Sorted, de-duplicated hashes of the character trigrams of a normalised name (padded with
/// spaces at both ends, as pg_trgm does).
fn trigrams(s: &str) -> Vec<u32> {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(normalize(s).chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut out: Vec<u32> = chars
        .windows(3)
        .map(|w| {
            let mut h: u32 = 0x811C_9DC5;
            for c in w {
                h = (h ^ *c as u32).wrapping_mul(0x0100_0193);
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// No index: the trigram similarity (as pg_trgm defines it, over Taawun's normalisation) of the
/// query with every name, the ten best kept.
pub fn scan(names: &[Name], queries: &[Query], budget: Duration) -> anyhow::Result<Outcome> {
    let t = Instant::now();
    // Precomputed once, as a scanning service would keep them: (row, trigrams) per name.
    let mut grams: Vec<u32> = Vec::new();
    let mut spans: Vec<(u32, u32, u32)> = Vec::with_capacity(names.len() * 2);
    for (i, n) in names.iter().enumerate() {
        for s in [&n.ar, &n.fr] {
            if s.is_empty() {
                continue;
            }
            let g = trigrams(s);
            let start = grams.len() as u32;
            grams.extend_from_slice(&g);
            spans.push((i as u32, start, grams.len() as u32));
        }
    }
    let build = t.elapsed();
    measure("scan", names, queries, budget, build, None, |q| {
        let qg = trigrams(q);
        let mut best: Vec<(f32, u32)> = Vec::with_capacity(11);
        for &(row, a, b) in &spans {
            let g = &grams[a as usize..b as usize];
            let c = common(&qg, g);
            if c == 0 {
                continue;
            }
            let sim = c as f32 / (qg.len() + g.len() - c) as f32;
            if best.len() < 10 || sim > best[best.len() - 1].0 {
                if let Some(slot) = best.iter_mut().find(|(_, r)| *r == row) {
                    slot.0 = slot.0.max(sim);
                } else {
                    best.push((sim, row));
                }
                best.sort_by(|x, y| y.0.total_cmp(&x.0));
                best.truncate(10);
            }
        }
        Ok(best.into_iter().map(|(_, r)| r as usize).collect())
    })
}

/// Ids in order of first appearance, at most ten (an engine indexing each script as its own
/// row returns a record twice).
fn first_ten(ids: impl IntoIterator<Item = i64>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(10);
    for id in ids {
        let id = usize::try_from(id).unwrap_or(usize::MAX);
        if !out.contains(&id) {
            out.push(id);
            if out.len() == 10 {
                break;
            }
        }
    }
    out
}

/// SQLite FTS5 with the trigram tokenizer: the query's trigrams OR-ed, ranked by bm25 — the
/// usual way to get fuzzy matching out of FTS5.
pub async fn fts5(
    dir: &std::path::Path,
    names: &[Name],
    queries: &[Query],
    budget: Duration,
) -> anyhow::Result<Outcome> {
    let path = dir.join("fts5.db");
    let _ = std::fs::remove_file(&path);
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
    let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
    let t = Instant::now();
    conn.execute(
        "CREATE VIRTUAL TABLE names USING fts5(name, row UNINDEXED, tokenize = 'trigram remove_diacritics 1')",
    )
    .await
    .context("FTS5 with the trigram tokenizer")?;
    let mut tx = conn.begin().await?;
    const BATCH: usize = 500;
    let rows: Vec<(i64, &str)> = names
        .iter()
        .enumerate()
        .flat_map(|(i, n)| [(i as i64, n.ar.as_str()), (i as i64, n.fr.as_str())])
        .filter(|(_, s)| !s.is_empty())
        .collect();
    for chunk in rows.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO names (name, row) VALUES {}",
            vec!["(?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (row, name) in chunk {
            q = q.bind(*name).bind(*row);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    conn.execute("INSERT INTO names(names) VALUES ('optimize')")
        .await?;
    let build = t.elapsed();
    let runtime = tokio::runtime::Handle::current();
    let outcome = tokio::task::block_in_place(|| {
        measure("sqlite_fts5", names, queries, budget, build, None, |q| {
            let expr = fts_query(q);
            if expr.is_empty() {
                return Ok(Vec::new());
            }
            let rows = runtime.block_on(
                sqlx::query("SELECT row FROM names WHERE names MATCH ? ORDER BY rank LIMIT 20")
                    .bind(expr)
                    .fetch_all(&mut conn),
            )?;
            Ok(first_ten(rows.iter().filter_map(|r| r.try_get::<i64, _>(0).ok())))
        })
    })?;
    conn.close().await?;
    let _ = std::fs::remove_file(&path);
    Ok(outcome)
}

/// `"abc" OR "bcd" OR …` over the query's words' trigrams (FTS5 strings quoted, quotes doubled).
fn fts_query(q: &str) -> String {
    let mut grams: Vec<String> = Vec::new();
    for word in q.split_whitespace() {
        let chars: Vec<char> = word.chars().filter(|c| *c != '"').collect();
        for w in chars.windows(3) {
            let g: String = w.iter().collect();
            if !grams.contains(&g) {
                grams.push(g);
            }
        }
    }
    grams
        .iter()
        .map(|g| format!("\"{g}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// PostgreSQL `pg_trgm`: a GIN index over both scripts' names, `name % $1` (similarity above
/// the default 0.3) ordered by `similarity`.
pub async fn pg_trgm(
    conn: &mut PgConnection,
    names: &[Name],
    queries: &[Query],
    budget: Duration,
) -> anyhow::Result<Outcome> {
    let t = Instant::now();
    conn.execute(
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;
         DROP TABLE IF EXISTS bench_names;
         CREATE TABLE bench_names (row BIGINT NOT NULL, name TEXT NOT NULL);",
    )
    .await?;
    let mut buffer = Vec::with_capacity(8 << 20);
    let mut sink = conn
        .copy_in_raw("COPY bench_names (row, name) FROM STDIN WITH (FORMAT csv)")
        .await?;
    for (i, n) in names.iter().enumerate() {
        for s in [&n.ar, &n.fr] {
            if s.is_empty() {
                continue;
            }
            buffer.extend_from_slice(format!("{i},\"{}\"\n", s.replace('"', "\"\"")).as_bytes());
        }
        if buffer.len() > 8 << 20 {
            sink.send(buffer.as_slice()).await?;
            buffer.clear();
        }
    }
    sink.send(buffer.as_slice()).await?;
    sink.finish().await?;
    conn.execute(
        "CREATE INDEX bench_names_trgm ON bench_names USING gin (name gin_trgm_ops); ANALYZE bench_names;",
    )
    .await?;
    let build = t.elapsed();
    let runtime = tokio::runtime::Handle::current();
    let outcome = tokio::task::block_in_place(|| {
        measure("pg_trgm", names, queries, budget, build, None, |q| {
            let rows = runtime.block_on(
                sqlx::query(
                    "SELECT row FROM bench_names WHERE name % $1
                     ORDER BY similarity(name, $1) DESC LIMIT 20",
                )
                .bind(q)
                .fetch_all(&mut *conn),
            )?;
            Ok(first_ten(rows.iter().filter_map(|r| r.try_get::<i64, _>(0).ok())))
        })
    })?;
    conn.execute("DROP TABLE bench_names").await?;
    Ok(outcome)
}
