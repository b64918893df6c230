//! Import: `taawun import` (validation, upsert, audit, change log; a child process, so its peak
//! memory is its own) against the physical references — the `sqlite3` shell's `.import` into a
//! bare table, and PostgreSQL's `COPY` into a bare table — of the same file.

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use sqlx::{Executor, postgres::PgConnection};
use taawun_domain::IMPORT_COLUMNS;

/// Wall time and peak resident memory of a finished child process.
pub struct Run {
    pub time: Duration,
    pub peak_rss_mb: Option<f64>,
}

/// Runs a command to the end, sampling its peak RSS (`VmHWM`) every 50 ms. Its standard error
/// goes to `log` (a pipe nobody reads until the end would fill up and stall it).
pub fn timed(cmd: &mut Command, log: &Path) -> anyhow::Result<Run> {
    let t = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log)?)
        .spawn()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak: Option<u64> = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if let Some(kb) = std::fs::read_to_string(&status_path)
            .ok()
            .and_then(|s| super::status_field(&s, "VmHWM:"))
        {
            peak = Some(peak.map_or(kb, |p| p.max(kb)));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let time = t.elapsed();
    if !status.success() {
        let err = std::fs::read_to_string(log).unwrap_or_default();
        bail!("{cmd:?} failed ({status}): {}", err.lines().last().unwrap_or(""));
    }
    Ok(Run {
        time,
        peak_rss_mb: peak.map(|kb| kb as f64 / 1024.0),
    })
}

/// `taawun import cooperatives FILE` into `database` (a fresh one).
pub fn taawun_import(exe: &Path, csv: &Path, database: &str, log: &Path) -> anyhow::Result<Run> {
    timed(
        Command::new(exe)
            .args(["import", "cooperatives"])
            .arg(csv)
            .args(["--database", database])
            .env("TAAWUN_LOG", "warn"),
        log,
    )
}

/// The sqlite3 shell's `.import` of the same file into a bare table (no constraints, no index).
pub fn sqlite3_import(sqlite3: &Path, csv: &Path, db: &Path) -> anyhow::Result<Run> {
    let _ = std::fs::remove_file(db);
    let run = timed(
        Command::new(sqlite3)
            .arg(db)
            .arg(".mode csv")
            .arg(format!(".import {} bare", csv.display())),
        &db.with_extension("log"),
    )?;
    let _ = std::fs::remove_file(db);
    Ok(run)
}

/// PostgreSQL `COPY … FROM STDIN (FORMAT csv, HEADER)` of the same file into a bare table.
pub async fn pg_copy(conn: &mut PgConnection, csv: &Path) -> anyhow::Result<Duration> {
    let columns = IMPORT_COLUMNS
        .iter()
        .map(|c| format!("{c} TEXT"))
        .collect::<Vec<_>>()
        .join(", ");
    conn.execute(format!("DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare ({columns})").as_str())
        .await?;
    let t = Instant::now();
    let mut sink = conn
        .copy_in_raw("COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)")
        .await?;
    let mut file = tokio::fs::File::open(csv).await?;
    sink.read_from(&mut file).await?;
    sink.finish().await?;
    let time = t.elapsed();
    conn.execute("DROP TABLE bench_bare").await?;
    Ok(time)
}
