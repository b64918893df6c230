//! `taawun bench` in small (3,000 cooperatives, no external tool): keeps the benchmark pipeline
//! from rotting between the long runs of `scripts/bench`, and checks its figures are sane.
#![allow(clippy::unwrap_used)]

use std::{collections::HashMap, process::Command};

#[test]
fn bench_pipeline_writes_sane_results() {
    let dir = std::env::temp_dir().join(format!("taawun-bench-smoke-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let md = dir.join("BENCHMARKS.md");
    let csv = dir.join("results.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args([
            "bench",
            "--sizes",
            "3k",
            "--no-external",
            "--queries",
            "600",
            "--budget",
            "20",
        ])
        .arg("--out")
        .arg(&md)
        .arg("--csv")
        .arg(&csv)
        .arg("--notes")
        .arg(dir.join("no-notes.md"))
        .arg("--work")
        .arg(dir.join("work"))
        .env("TAAWUN_LOG", "off")
        .env_remove("TAAWUN_BENCH_PG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Raw results: (section, subject, metric) → value.
    let mut figures: HashMap<(String, String, String), f64> = HashMap::new();
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(&row[1], "3000");
        figures.insert(
            (row[2].to_string(), row[3].to_string(), row[4].to_string()),
            row[5].parse().unwrap(),
        );
    }
    let get = |section: &str, subject: &str, metric: &str| {
        *figures
            .get(&(section.into(), subject.into(), metric.into()))
            .unwrap_or_else(|| panic!("no {section}/{subject}/{metric} in the CSV"))
    };
    assert_eq!(get("data", "queries", "count"), 600.0);
    for engine in ["taawun", "sqlite_fts5", "scan"] {
        let p50 = get("name_check", engine, "p50_ms");
        let p99 = get("name_check", engine, "p99_ms");
        assert!(p50 > 0.0 && p50 <= p99, "{engine}: p50 {p50} p99 {p99}");
        let (r1, r10) = (
            get("name_check", engine, "recall_at_1"),
            get("name_check", engine, "recall_at_10"),
        );
        assert!(
            (0.0..=1.0).contains(&r1) && r1 <= r10 && r10 <= 1.0,
            "{engine}: {r1} {r10}"
        );
        assert!(get("name_check", engine, "qps") > 0.0);
    }
    // The matcher is what the register relies on: it must find nearly every variant.
    assert!(get("name_check", "taawun", "recall_at_10") >= 0.9);
    assert!(get("import", "taawun_sqlite", "time_s") > 0.0);
    for page in ["home", "search", "cooperative", "stats"] {
        let kb = get("pages", page, "transfer_kb");
        assert!(kb > 1.0 && kb < 500.0, "{page}: {kb} KB");
    }

    let md = std::fs::read_to_string(&md).unwrap();
    for part in [
        "# Benchmarks",
        "## Targets (3k",
        "## Name check",
        "sqlite_fts5",
        "## Import",
        "## Pages",
    ] {
        assert!(md.contains(part), "{part} missing from:\n{md}");
    }
    assert!(md.contains("Not measured: wrk not found") || md.contains("Not measured: no PostgreSQL"));
    let _ = std::fs::remove_dir_all(&dir);
}
