//! Builds an index of synthetic Moroccan-looking names and measures build time, memory, query
//! latency (p50/p99) and recall@10 on variant queries.
//!
//! `cargo run --release -p taawun-search --example bench_index -- [names] [queries]`
//! (defaults: 1,000,000 names, 3,000 queries). Diagnostics, by environment variable:
//! `BENCH_VERBOSE=1` prints the missed queries, `BENCH_ORACLE=1` the rank of each missed
//! target with a much larger candidate window, `BENCH_SLOW=1` the queries over 6 ms,
//! `BENCH_EXPLAIN="<query>"` the analysis of one query, `BENCH_PROFILE_PASSES=n` runs the
//! queries n extra times first (for `perf`).

use std::time::Instant;

use taawun_search::NameIndex;
use taawun_search::synth::{Generator, VariantKind};

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

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let n_queries: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3_000);

    let t = Instant::now();
    let mut g = Generator::new(42, (n / 4).max(1000));
    let names: Vec<_> = (0..n).map(|_| g.name()).collect();
    println!("generated {n} names in {:.2?}", t.elapsed());
    let rss_before = rss_kb("VmRSS:").unwrap_or(0);

    // A fifth registered in Arabic only, a fifth in French only, the rest in both.
    let reg = |i: usize| -> (bool, bool) {
        match i % 5 {
            0 => (true, false),
            1 => (false, true),
            _ => (true, true),
        }
    };
    let t = Instant::now();
    let idx = NameIndex::from_names(names.iter().enumerate().map(|(i, s)| {
        let (a, f) = reg(i);
        (
            i as i64,
            if a { s.ar.as_str() } else { "" },
            if f { s.fr.as_str() } else { "" },
        )
    }));
    let build = t.elapsed();
    let rss_after = rss_kb("VmRSS:").unwrap_or(0);
    println!(
        "built index of {} names in {:.2?}; index heap ≈ {} MB; RSS {} MB → {} MB (peak {} MB, incl. the generated names)",
        idx.len(),
        build,
        idx.memory_bytes() / 1_000_000,
        rss_before / 1000,
        rss_after / 1000,
        rss_kb("VmHWM:").unwrap_or(0) / 1000,
    );

    if let Ok(q) = std::env::var("BENCH_EXPLAIN") {
        println!("{}", idx.explain(&q));
        for m in idx
            .search(&q, 10000)
            .iter()
            .filter(|m| names[m.id as usize].ar.contains("توذق فطيق"))
        {
            println!("target {m:?}");
        }
        for m in idx.search(&q, 10) {
            let s = &names[m.id as usize];
            println!("  {:.3} {} #{} {} / {}", m.score, m.reason, m.id, s.ar, s.fr);
        }
        return;
    }

    // Variant queries, round-robin over the kinds.
    let mut queries = Vec::with_capacity(n_queries);
    let step = (n / n_queries.max(1)).max(1);
    let mut k = 0;
    let mut i = 0;
    while queries.len() < n_queries && i < n {
        let kind = VariantKind::ALL[k % VariantKind::ALL.len()];
        let (a, f) = reg(i);
        let ok = match kind {
            VariantKind::CrossScript => !(a && f),
            VariantKind::WordOrder => names[i].words.len() >= 2,
            _ => true,
        };
        if ok {
            queries.push((kind, i, g.variant(&names[i], kind, a)));
            k += 1;
        }
        i += step / 2 + 1;
    }

    if let Some(passes) = std::env::var("BENCH_PROFILE_PASSES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        for _ in 0..passes {
            for (_, _, q) in &queries {
                std::hint::black_box(idx.search(q, 10));
            }
        }
    }

    // Warm-up (thread-local scratch allocation), then measure.
    let _ = idx.search(&queries[0].2, 10);
    let mut lat = Vec::with_capacity(queries.len());
    let mut hits: Vec<(VariantKind, bool)> = Vec::with_capacity(queries.len());
    let verbose = std::env::var_os("BENCH_VERBOSE").is_some();
    for (kind, target, q) in &queries {
        let t = Instant::now();
        let res = idx.search(q, 10);
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        let hit = res.iter().any(|m| m.id == *target as i64);
        if std::env::var_os("BENCH_SLOW").is_some() && lat.last().is_some_and(|&l| l > 6.0) {
            println!("SLOW {:.1} ms {kind:?} {q:?}", lat.last().copied().unwrap_or(0.0));
        }
        if std::env::var_os("BENCH_ORACLE").is_some() && !hit {
            let big = idx.search(q, 3000);
            let rank = big.iter().position(|m| m.id == *target as i64);
            println!(
                "ORACLE {kind:?} rank {rank:?} {q:?} wanted {} / {}",
                names[*target].ar, names[*target].fr
            );
        }
        if verbose && !hit {
            let top: Vec<String> = res
                .iter()
                .take(3)
                .map(|m| {
                    let s = &names[m.id as usize];
                    format!("{:.2} {} {} / {}", m.score, m.reason, s.ar, s.fr)
                })
                .collect();
            let (a, f) = reg(*target);
            println!(
                "MISS {kind:?} {q:?} wanted {} / {} got {top:?}",
                if a { &names[*target].ar } else { "-" },
                if f { &names[*target].fr } else { "-" }
            );
        }
        hits.push((*kind, hit));
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "{} queries: p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        lat.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.9),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0)
    );
    let total_hits = hits.iter().filter(|h| h.1).count();
    println!(
        "recall@10 overall: {:.3}",
        total_hits as f64 / hits.len().max(1) as f64
    );
    for kind in VariantKind::ALL {
        let of: Vec<_> = hits.iter().filter(|h| h.0 == kind).collect();
        let ok = of.iter().filter(|h| h.1).count();
        println!(
            "  {kind:?}: {ok}/{} = {:.3}",
            of.len(),
            ok as f64 / of.len().max(1) as f64
        );
    }
}
