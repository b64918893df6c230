//! `taawun bench`: the benchmark suite at national scale and beyond. For each size it writes a
//! `taawun synth` register and labelled queries, then measures, side by side in one run:
//! the name check (Taawun's index, PostgreSQL pg_trgm, SQLite FTS5 trigram, a plain scan),
//! the import (against the sqlite3 shell's `.import` and PostgreSQL's `COPY`), the API and pages
//! under `wrk`, the pages' weight and Lighthouse scores; and writes `BENCHMARKS.md` and a CSV.
//!
//! External tools are found on the PATH (or given); a missing one is reported as "not
//! measured", never silently skipped. `scripts/bench` installs them and runs the whole suite.

mod dataset;
mod http;
mod imports;
mod matchers;
mod report;

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use clap::Args;
use sqlx::{Connection, Executor, postgres::PgConnection};

use report::{Report, size_label};

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Register sizes, e.g. 10k,100k,1m.
    #[arg(long, default_value = "10k,100k,1m")]
    sizes: String,
    /// The page of results to write.
    #[arg(long, default_value = "BENCHMARKS.md")]
    out: PathBuf,
    /// The raw results.
    #[arg(long, default_value = "bench/results.csv")]
    csv: PathBuf,
    /// Hand-written findings appended to the page.
    #[arg(long, default_value = "bench/NOTES.md")]
    notes: PathBuf,
    /// Where the generated registers and databases go.
    #[arg(long, default_value = "target/bench")]
    work: PathBuf,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Labelled queries per size (at most a third of the names).
    #[arg(long, default_value_t = 3000)]
    queries: usize,
    /// Time budget of each engine's query run, in seconds (slow engines answer a prefix).
    #[arg(long, default_value_t = 60)]
    budget: u64,
    /// Duration of each wrk run, in seconds.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// PostgreSQL server for pg_trgm, COPY and the PostgreSQL backend (a database per size is
    /// created and dropped on it).
    #[arg(long, env = "TAAWUN_BENCH_PG")]
    pg: Option<String>,
    /// Lighthouse's command (scripts/bench installs it with npm).
    #[arg(long, env = "TAAWUN_BENCH_LIGHTHOUSE")]
    lighthouse: Option<PathBuf>,
    /// Run without external tools (sqlite3, wrk, Lighthouse, PostgreSQL): the smoke test.
    #[arg(long)]
    no_external: bool,
}

/// The value of a `/proc/*/status` field, in kB.
pub(crate) fn status_field(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// This process's memory figure (`VmRSS:`, `VmHWM:`), in kB.
pub(crate) fn rss_kb(field: &str) -> Option<u64> {
    status_field(&std::fs::read_to_string("/proc/self/status").ok()?, field)
}

fn parse_size(s: &str) -> anyhow::Result<usize> {
    let s = s.trim().to_ascii_lowercase();
    let (n, mul) = if let Some(n) = s.strip_suffix('m') {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix('k') {
        (n, 1000)
    } else {
        (s.as_str(), 1)
    };
    let n: usize = n
        .parse()
        .with_context(|| format!("--sizes: {s:?} is not a size like 10k or 1m"))?;
    Ok(n * mul)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

fn tool_version(tool: &Path, arg: &str) -> String {
    std::process::Command::new(tool)
        .arg(arg)
        .output()
        .ok()
        .map(|o| {
            let text = if o.stdout.is_empty() { o.stderr } else { o.stdout };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| status_field(&m, "MemTotal:"))
        .map_or_else(String::new, |kb| {
            format!(", {:.0} GiB RAM", kb as f64 / 1024.0 / 1024.0)
        });
    format!("{cpu}, {cores} cores{mem}, Linux; release build")
}

/// The URL of database `db` on the server of `url`.
fn pg_database_url(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{server}/{db}{query}")
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct Tools {
    sqlite3: Option<PathBuf>,
    wrk: Option<PathBuf>,
    lighthouse: Option<PathBuf>,
    chromium: Option<PathBuf>,
    pg: Option<String>,
}

pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let sizes: Vec<usize> = args
        .sizes
        .split(',')
        .map(parse_size)
        .collect::<anyhow::Result<_>>()?;
    if sizes.is_empty() || sizes.contains(&0) {
        bail!("--sizes: give at least one size above zero");
    }
    let exe = std::env::current_exe().context("cannot find the taawun executable")?;
    let tools = if args.no_external {
        Tools {
            sqlite3: None,
            wrk: None,
            lighthouse: None,
            chromium: None,
            pg: None,
        }
    } else {
        Tools {
            sqlite3: which("sqlite3"),
            wrk: which("wrk"),
            lighthouse: args.lighthouse.clone().or_else(|| which("lighthouse")),
            chromium: which("chromium").or_else(|| which("chromium-browser")),
            pg: args.pg.clone(),
        }
    };
    let mut report = Report {
        date: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        machine: machine(),
        command: std::iter::once("taawun".to_string())
            .chain(std::env::args().skip(1))
            .collect::<Vec<_>>()
            .join(" "),
        ..Report::default()
    };
    report
        .versions
        .push(("Taawun".into(), env!("CARGO_PKG_VERSION").to_string()));
    match &tools.sqlite3 {
        Some(p) => report
            .versions
            .push(("sqlite3 shell".into(), tool_version(p, "--version"))),
        None => report
            .skipped
            .push("sqlite3 shell not found: no `.import` reference".into()),
    }
    match &tools.wrk {
        Some(p) => report.versions.push(("wrk".into(), tool_version(p, "--version"))),
        None => report.skipped.push("wrk not found: no HTTP load figures".into()),
    }
    match (&tools.lighthouse, &tools.chromium) {
        (Some(l), Some(c)) => {
            report
                .versions
                .push(("Lighthouse".into(), tool_version(l, "--version")));
            report
                .versions
                .push(("Chromium".into(), tool_version(c, "--version")));
        }
        _ => report
            .skipped
            .push("Lighthouse or Chromium not found: no Lighthouse scores".into()),
    }
    let mut pg_admin = match &tools.pg {
        Some(url) => {
            let mut conn = PgConnection::connect(url)
                .await
                .with_context(|| format!("PostgreSQL at {url}"))?;
            let v: String = sqlx::query_scalar("SHOW server_version")
                .fetch_one(&mut conn)
                .await?;
            report.versions.push(("PostgreSQL".into(), v));
            Some(conn)
        }
        None => {
            report
                .skipped
                .push("no PostgreSQL (--pg): no pg_trgm, COPY or PostgreSQL backend figures".into());
            None
        }
    };
    {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
        let v: String = sqlx::query_scalar("SELECT sqlite_version()")
            .fetch_one(&mut conn)
            .await?;
        report.versions.push(("SQLite (in Taawun and FTS5)".into(), v));
    }
    let largest = sizes.iter().copied().max().unwrap_or(0);
    for &size in &sizes {
        eprintln!("== {} cooperatives", size_label(size));
        run_size(
            &args,
            &tools,
            pg_admin.as_mut(),
            &exe,
            size,
            size == largest,
            &mut report,
        )
        .await?;
        // Written after every size, so a long run that fails late keeps what it measured.
        write(&args, &report)?;
    }
    eprintln!("written {} and {}", args.out.display(), args.csv.display());
    Ok(())
}

fn write(args: &BenchArgs, report: &Report) -> anyhow::Result<()> {
    report.write_csv(&args.csv)?;
    let notes = std::fs::read_to_string(&args.notes).ok();
    std::fs::write(&args.out, report.markdown(notes.as_deref(), &args.csv))
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}

fn step(what: &str) -> Instant {
    eprintln!("   {what}");
    Instant::now()
}

async fn run_size(
    args: &BenchArgs,
    tools: &Tools,
    pg_admin: Option<&mut PgConnection>,
    exe: &Path,
    size: usize,
    largest: bool,
    report: &mut Report,
) -> anyhow::Result<()> {
    let dir = args.work.join(size_label(size));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let dir = dir.canonicalize()?;
    let csv = dir.join("register.csv");
    let t = step("synth");
    let names = dataset::write_register(&csv, size, args.seed)?;
    report.add(size, "data", "synth", "time_s", t.elapsed().as_secs_f64(), "s");
    let queries = dataset::queries(&names, args.queries.min(size / 3).max(1), args.seed);
    dataset::write_queries(&dir.join("queries.tsv"), &queries)?;
    report.add(size, "data", "queries", "count", queries.len() as f64, "");

    // Import, into fresh databases.
    let sqlite_path = dir.join("taawun.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite_path.display()));
    }
    let sqlite_url = format!("sqlite://{}", sqlite_path.display());
    step("taawun import → SQLite");
    let run = imports::taawun_import(exe, &csv, &sqlite_url, &dir.join("import-sqlite.log"))?;
    report.add(
        size,
        "import",
        "taawun_sqlite",
        "time_s",
        run.time.as_secs_f64(),
        "s",
    );
    if let Some(mb) = run.peak_rss_mb {
        report.add(size, "import", "taawun_sqlite", "peak_rss_mb", mb, "MB");
    }
    if let Some(sqlite3) = &tools.sqlite3 {
        step("sqlite3 .import");
        let run = imports::sqlite3_import(sqlite3, &csv, &dir.join("bare.db"))?;
        report.add(
            size,
            "import",
            "sqlite3_shell",
            "time_s",
            run.time.as_secs_f64(),
            "s",
        );
    }
    let mut pg = None;
    if let (Some(admin), Some(url)) = (pg_admin, &tools.pg) {
        let db = format!("taawun_bench_{}", size_label(size).to_lowercase());
        admin
            .execute(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)").as_str())
            .await?;
        admin.execute(format!("CREATE DATABASE {db}").as_str()).await?;
        let db_url = pg_database_url(url, &db);
        step("taawun import → PostgreSQL");
        let run = imports::taawun_import(exe, &csv, &db_url, &dir.join("import-postgres.log"))?;
        report.add(
            size,
            "import",
            "taawun_postgres",
            "time_s",
            run.time.as_secs_f64(),
            "s",
        );
        if let Some(mb) = run.peak_rss_mb {
            report.add(size, "import", "taawun_postgres", "peak_rss_mb", mb, "MB");
        }
        let mut conn = PgConnection::connect(&db_url).await?;
        step("PostgreSQL COPY");
        let time = imports::pg_copy(&mut conn, &csv).await?;
        report.add(size, "import", "pg_copy", "time_s", time.as_secs_f64(), "s");
        pg = Some((conn, db_url, db));
    }

    // Name check.
    let budget = Duration::from_secs(args.budget);
    step("name check: taawun");
    matchers::taawun(&names, &queries, budget)?.record(report, size);
    if let Some((conn, _, _)) = pg.as_mut() {
        step("name check: pg_trgm");
        matchers::pg_trgm(conn, &names, &queries, budget)
            .await?
            .record(report, size);
    }
    step("name check: SQLite FTS5 trigram");
    matchers::fts5(&dir, &names, &queries, budget)
        .await?
        .record(report, size);
    step("name check: plain scan");
    matchers::scan(&names, &queries, budget)?.record(report, size);

    // Over HTTP.
    let pick =
        |f: &dyn Fn(&dataset::Query) -> String| -> Vec<String> { queries.iter().take(200).map(f).collect() };
    let endpoints: Vec<(&str, Vec<String>)> = vec![
        (
            "search_api",
            pick(&|q| format!("/api/v1/cooperatives?q={}", percent_encode(&q.text))),
        ),
        (
            "name_check_api",
            pick(&|q| format!("/api/v1/name-check?name={}", percent_encode(&q.text))),
        ),
        ("stats_api", vec!["/api/v1/stats?by=region".to_string()]),
        ("stats_page", vec!["/stats".to_string()]),
        ("home_page", vec!["/".to_string()]),
    ];
    let mut backends = vec![("sqlite", sqlite_url.clone())];
    if let Some((_, url, _)) = &pg {
        backends.push(("postgres", url.clone()));
    }
    for (backend, url) in &backends {
        let is_sqlite = *backend == "sqlite";
        if tools.wrk.is_none() && !is_sqlite {
            continue;
        }
        step(&format!("taawun serve on {backend}"));
        let server = http::Server::start(exe, url, &dir)?;
        report.add(
            size,
            "http",
            &format!("{backend}/startup"),
            "time_s",
            server.startup.as_secs_f64(),
            "s",
        );
        if let Some(wrk) = &tools.wrk {
            for (name, paths) in &endpoints {
                step(&format!("wrk {backend} {name}"));
                let load = http::wrk(
                    wrk,
                    &dir,
                    &server.addr,
                    paths,
                    args.connections,
                    Duration::from_secs(args.duration),
                    *name == "name_check_api",
                )?;
                load.record(report, size, &format!("{backend}/{name}"));
            }
            // Under 32 connections on two cores a request mostly waits for the others (Little's
            // law); one connection shows what one statistics request costs.
            for (name, paths) in endpoints.iter().filter(|(n, _)| n.starts_with("stats")) {
                step(&format!("wrk {backend} {name}, one connection"));
                let load = http::wrk(
                    wrk,
                    &dir,
                    &server.addr,
                    paths,
                    1,
                    Duration::from_secs(args.duration.div_ceil(2)),
                    false,
                )?;
                load.record(report, size, &format!("{backend}/{name} (1 connection)"));
            }
        }
        if is_sqlite {
            let search = names
                .iter()
                .find(|n| !n.ar.is_empty())
                .map_or_else(String::new, |n| n.ar.clone());
            let pages = [
                ("home", "/".to_string()),
                ("search", format!("/cooperatives?q={}", percent_encode(&search))),
                ("cooperative", "/cooperatives/1".to_string()),
                ("stats", "/stats".to_string()),
            ];
            step("pages");
            for (page, path) in &pages {
                let (status, bytes) = http::page_weight(&server.addr, path)?;
                if status != 200 {
                    bail!("{path} answered {status}");
                }
                report.add(size, "pages", page, "transfer_kb", bytes as f64 / 1024.0, "KB");
                if let (true, Some(lh), Some(chromium)) = (largest, &tools.lighthouse, &tools.chromium) {
                    step(&format!("lighthouse {page}"));
                    let url = format!("http://{}{path}", server.addr);
                    match http::lighthouse(lh, chromium, &url, &dir) {
                        Ok((perf, a11y)) => {
                            report.add(size, "pages", page, "lighthouse_performance", perf, "");
                            report.add(size, "pages", page, "lighthouse_accessibility", a11y, "");
                        }
                        Err(e) => report.skipped.push(format!("Lighthouse on {page}: {e:#}")),
                    }
                }
            }
        }
        drop(server);
    }
    if let Some((conn, _, db)) = pg {
        conn.close().await?;
        if let Ok(mut admin) = PgConnection::connect(tools.pg.as_deref().unwrap_or_default()).await {
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)").as_str())
                .await;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_urls() {
        assert_eq!(parse_size("10k").ok(), Some(10_000));
        assert_eq!(parse_size("1M").ok(), Some(1_000_000));
        assert!(parse_size("lots").is_err());
        assert_eq!(
            pg_database_url("postgres://postgres@127.0.0.1:5432/test", "b"),
            "postgres://postgres@127.0.0.1:5432/b"
        );
        assert_eq!(percent_encode("a b/é"), "a%20b%2F%C3%A9");
    }
}
