//! The results: raw rows (CSV) and the published page (`BENCHMARKS.md`), written from the same
//! rows so the two never disagree.

use std::{fmt::Write as _, path::Path};

use anyhow::Context;

/// One measured figure.
#[derive(Debug, Clone)]
pub struct Figure {
    pub size: usize,
    pub section: String,
    pub subject: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
}

/// Everything measured in one run, and where it was measured.
#[derive(Debug, Default)]
pub struct Report {
    pub figures: Vec<Figure>,
    pub date: String,
    pub machine: String,
    pub versions: Vec<(String, String)>,
    pub command: String,
    pub skipped: Vec<String>,
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `1000000` → `1M`, `100000` → `100k`.
pub fn size_label(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

fn fmt(v: f64) -> String {
    if v.is_nan() {
        "—".into()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

impl Report {
    pub fn add(&mut self, size: usize, section: &str, subject: &str, metric: &str, value: f64, unit: &str) {
        self.figures.push(Figure {
            size,
            section: section.into(),
            subject: subject.into(),
            metric: metric.into(),
            value,
            unit: unit.into(),
        });
    }

    pub fn get(&self, size: usize, section: &str, subject: &str, metric: &str) -> Option<f64> {
        self.figures
            .iter()
            .rev()
            .find(|f| f.size == size && f.section == section && f.subject == subject && f.metric == metric)
            .map(|f| f.value)
    }

    fn cell(&self, size: usize, section: &str, subject: &str, metric: &str) -> String {
        self.get(size, section, subject, metric)
            .map_or_else(|| "—".into(), fmt)
    }

    fn sizes(&self) -> Vec<usize> {
        let mut s: Vec<usize> = self.figures.iter().map(|f| f.size).collect();
        s.sort_unstable();
        s.dedup();
        s
    }

    fn subjects(&self, size: usize, section: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.figures {
            if f.size == size && f.section == section && !out.contains(&f.subject) {
                out.push(f.subject.clone());
            }
        }
        out
    }

    pub fn write_csv(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut w =
            csv::Writer::from_path(path).with_context(|| format!("cannot write {}", path.display()))?;
        w.write_record(["date", "size", "section", "subject", "metric", "value", "unit"])?;
        for f in &self.figures {
            w.write_record([
                self.date.as_str(),
                &f.size.to_string(),
                &f.section,
                &f.subject,
                &f.metric,
                &format!("{}", f.value),
                &f.unit,
            ])?;
        }
        w.flush()?;
        Ok(())
    }

    /// The targets of the benchmark issue, checked on the largest size measured.
    fn targets(&self, out: &mut String) {
        let Some(&n) = self.sizes().last() else { return };
        let _ = writeln!(out, "## Targets ({} cooperatives)\n", size_label(n));
        let _ = writeln!(out, "| Target | Measured | Met |\n| --- | --- | --- |");
        let mut row = |what: &str, measured: Option<f64>, shown: String, ok: &dyn Fn(f64) -> bool| {
            let met = match measured {
                Some(v) if !v.is_nan() => {
                    if ok(v) {
                        "yes"
                    } else {
                        "**no**"
                    }
                }
                _ => "not measured",
            };
            let _ = writeln!(out, "| {what} | {shown} | {met} |");
        };
        let nc = |m: &str| self.get(n, "name_check", "taawun", m);
        let show =
            |v: Option<f64>, unit: &str| v.map_or_else(|| "—".into(), |v| format!("{} {unit}", fmt(v)));
        row(
            "Name check p50 ≤ 2 ms",
            nc("p50_ms"),
            show(nc("p50_ms"), "ms"),
            &|v| v <= 2.0,
        );
        row(
            "Name check p99 ≤ 10 ms",
            nc("p99_ms"),
            show(nc("p99_ms"), "ms"),
            &|v| v <= 10.0,
        );
        row(
            "Recall@10 ≥ 0.95",
            nc("recall_at_10"),
            show(nc("recall_at_10"), ""),
            &|v| v >= 0.95,
        );
        let trgm_qps = self.get(n, "name_check", "pg_trgm", "qps");
        let trgm_recall = self.get(n, "name_check", "pg_trgm", "recall_at_10");
        let ratio = match (nc("qps"), trgm_qps) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        let recall_ok = match (nc("recall_at_10"), trgm_recall) {
            (Some(a), Some(b)) => a >= b,
            _ => false,
        };
        row(
            "≥ 10× pg_trgm's throughput at equal or better recall",
            ratio,
            format!(
                "{}× (recall@10 {} vs {})",
                ratio.map_or_else(|| "—".into(), fmt),
                nc("recall_at_10").map_or_else(|| "—".into(), fmt),
                trgm_recall.map_or_else(|| "—".into(), fmt)
            ),
            &|v| v >= 10.0 && recall_ok,
        );
        row(
            "Index built in ≤ 20 s",
            nc("build_s"),
            show(nc("build_s"), "s"),
            &|v| v <= 20.0,
        );
        row(
            "Index memory ≤ 400 MB",
            nc("index_rss_mb"),
            show(nc("index_rss_mb"), "MB"),
            &|v| v <= 400.0,
        );
        let imp = |s: &str, m: &str| self.get(n, "import", s, m);
        row(
            "SQLite import ≤ 30 s",
            imp("taawun_sqlite", "time_s"),
            show(imp("taawun_sqlite", "time_s"), "s"),
            &|v| v <= 30.0,
        );
        let r = match (imp("taawun_sqlite", "time_s"), imp("sqlite3_shell", "time_s")) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        row(
            "SQLite import within 3× of the sqlite3 shell's .import",
            r,
            show(r, "×"),
            &|v| v <= 3.0,
        );
        let r = match (imp("taawun_postgres", "time_s"), imp("pg_copy", "time_s")) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        row("PostgreSQL import within 3× of COPY", r, show(r, "×"), &|v| {
            v <= 3.0
        });
        for backend in ["sqlite", "postgres"] {
            for endpoint in ["stats_api", "stats_page"] {
                for (load, suffix) in [("32 connections", ""), ("1 connection", " (1 connection)")] {
                    let v = self.get(n, "http", &format!("{backend}/{endpoint}{suffix}"), "p50_ms");
                    row(
                        &format!("{endpoint} p50 ≤ 50 ms, {load} ({backend})"),
                        v,
                        show(v, "ms"),
                        &|v| v <= 50.0,
                    );
                }
            }
        }
        for page in ["home", "search", "cooperative", "stats"] {
            let v = self.get(n, "pages", page, "transfer_kb");
            row(
                &format!("{page} page ≤ 60 KB (compressed, with CSS and JS)"),
                v,
                show(v, "KB"),
                &|v| v <= 60.0,
            );
            for (cat, m) in [
                ("performance", "lighthouse_performance"),
                ("accessibility", "lighthouse_accessibility"),
            ] {
                let v = self.get(n, "pages", page, m);
                row(
                    &format!("{page} page Lighthouse {cat} ≥ 95"),
                    v,
                    show(v, ""),
                    &|v| v >= 95.0,
                );
            }
        }
        out.push('\n');
    }

    pub fn markdown(&self, notes: Option<&str>, csv_path: &Path) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Benchmarks\n");
        let _ = writeln!(
            out,
            "Written by `taawun bench` on {} — every figure below, and its comparison, measured in that one run. \
             Raw results: `{}`.\n",
            self.date,
            csv_path.display()
        );
        let _ = writeln!(out, "- Machine: {}", self.machine);
        for (k, v) in &self.versions {
            let _ = writeln!(out, "- {k}: {v}");
        }
        let _ = writeln!(out, "- Command: `{}`", self.command);
        for s in &self.skipped {
            let _ = writeln!(out, "- Not measured: {s}");
        }
        out.push('\n');
        self.targets(&mut out);

        let _ = writeln!(
            out,
            "## Name check\n\nLabelled queries made from registered names (letter variants, transliterations, \
             cross-script, word order, a typo, missing generic words); a hit is the record itself or one with \
             exactly the same name in either script (registered in it or not). One query at a time, one connection. Engines slower than the \
             time budget answer the first part of the same list (column *queries*).\n"
        );
        for n in self.sizes() {
            let engines = self.subjects(n, "name_check");
            if engines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {} names\n", size_label(n));
            let _ = writeln!(
                out,
                "| Engine | Index build | Index RSS | p50 | p99 | Queries/s | Recall@1 | Recall@10 | Queries |\n\
                 | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
            );
            for e in &engines {
                let _ = writeln!(
                    out,
                    "| {e} | {} s | {} MB | {} ms | {} ms | {} | {} | {} | {} |",
                    self.cell(n, "name_check", e, "build_s"),
                    self.cell(n, "name_check", e, "index_rss_mb"),
                    self.cell(n, "name_check", e, "p50_ms"),
                    self.cell(n, "name_check", e, "p99_ms"),
                    self.cell(n, "name_check", e, "qps"),
                    self.cell(n, "name_check", e, "recall_at_1"),
                    self.cell(n, "name_check", e, "recall_at_10"),
                    self.cell(n, "name_check", e, "queries"),
                );
            }
            let kinds = [
                "LetterVariants",
                "Transliteration",
                "CrossScript",
                "WordOrder",
                "Typo",
                "MissingGeneric",
            ];
            let _ = writeln!(
                out,
                "\nRecall@10 by kind of variant:\n\n| Engine | {} |\n| --- |{}",
                kinds.join(" | "),
                " --- |".repeat(kinds.len())
            );
            for e in &engines {
                let cells: Vec<String> = kinds
                    .iter()
                    .map(|k| self.cell(n, "name_check", e, &format!("recall_at_10_{k}")))
                    .collect();
                let _ = writeln!(out, "| {e} | {} |", cells.join(" | "));
            }
            out.push('\n');
        }

        let _ = writeln!(
            out,
            "## Import\n\nThe same `taawun synth` CSV. `taawun import` validates every row against Law 112-12, upserts, \
             writes the audit entry and the change log, all in one transaction (a child process: its peak RSS is its own). \
             The references load the file into a bare table with no constraint and no index.\n\n\
             | Rows | taawun → SQLite | peak RSS | sqlite3 `.import` | ratio | taawun → PostgreSQL | peak RSS | `COPY` | ratio |\n\
             | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
        );
        for n in self.sizes() {
            if self.subjects(n, "import").is_empty() {
                continue;
            }
            let ratio = |a: &str, b: &str| match (
                self.get(n, "import", a, "time_s"),
                self.get(n, "import", b, "time_s"),
            ) {
                (Some(x), Some(y)) if y > 0.0 => format!("{}×", fmt(x / y)),
                _ => "—".into(),
            };
            let _ = writeln!(
                out,
                "| {} | {} s | {} MB | {} s | {} | {} s | {} MB | {} s | {} |",
                size_label(n),
                self.cell(n, "import", "taawun_sqlite", "time_s"),
                self.cell(n, "import", "taawun_sqlite", "peak_rss_mb"),
                self.cell(n, "import", "sqlite3_shell", "time_s"),
                ratio("taawun_sqlite", "sqlite3_shell"),
                self.cell(n, "import", "taawun_postgres", "time_s"),
                self.cell(n, "import", "taawun_postgres", "peak_rss_mb"),
                self.cell(n, "import", "pg_copy", "time_s"),
                ratio("taawun_postgres", "pg_copy"),
            );
        }
        out.push('\n');

        let _ = writeln!(
            out,
            "## Over HTTP\n\n`taawun serve` (release) on 127.0.0.1 against the imported register; `wrk` with 32 \
             connections, 2 threads, on the same 2-core machine (the load generator takes its share of the CPU). \
             Search and name check rotate over the labelled queries. The name-check API is rate-limited per visitor \
             (`crates/web/src/ratelimit.rs`): the server trusts 127.0.0.1 as its load balancer (`--trusted-proxy`) and \
             each wrk request comes from another visitor (`X-Forwarded-For`), so every request is admitted and \
             counted by the limiter, as under many real visitors. *Errors* counts non-2xx responses and socket errors.\n"
        );
        for n in self.sizes() {
            let subjects = self.subjects(n, "http");
            if subjects.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "### {} cooperatives\n\n| Backend / endpoint | Requests | Requests/s | p50 | p99 | Errors |\n| --- | --- | --- | --- | --- | --- |",
                size_label(n)
            );
            for s in subjects.iter().filter(|s| !s.ends_with("/startup")) {
                let _ = writeln!(
                    out,
                    "| {s} | {} | {} | {} ms | {} ms | {} |",
                    self.cell(n, "http", s, "requests"),
                    self.cell(n, "http", s, "requests_per_s"),
                    self.cell(n, "http", s, "p50_ms"),
                    self.cell(n, "http", s, "p99_ms"),
                    self.cell(n, "http", s, "errors"),
                );
            }
            for s in subjects.iter().filter(|s| s.ends_with("/startup")) {
                let _ = writeln!(
                    out,
                    "\n{}: ready to serve {} s after start (name index and statistics cube built from the database).",
                    s.trim_end_matches("/startup"),
                    self.cell(n, "http", s, "time_s")
                );
            }
            out.push('\n');
        }

        let _ = writeln!(
            out,
            "## Pages\n\nBytes on the wire (gzip, headers included) of the page and of the stylesheets and scripts it \
             links; Lighthouse (performance, accessibility) in headless Debian Chromium.\n\n\
             | Register | Page | Transferred | Lighthouse performance | Lighthouse accessibility |\n\
             | --- | --- | --- | --- | --- |"
        );
        for n in self.sizes() {
            for p in self.subjects(n, "pages") {
                let _ = writeln!(
                    out,
                    "| {} | {p} | {} KB | {} | {} |",
                    size_label(n),
                    self.cell(n, "pages", &p, "transfer_kb"),
                    self.cell(n, "pages", &p, "lighthouse_performance"),
                    self.cell(n, "pages", &p, "lighthouse_accessibility"),
                );
            }
        }
        out.push('\n');
        if let Some(notes) = notes {
            out.push_str(notes.trim_end());
            out.push('\n');
        }
        out
    }
}
