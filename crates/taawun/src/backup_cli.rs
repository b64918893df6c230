//! `taawun backup FILE` and `taawun restore FILE`.
//!
//! Backup is online and consistent: SQLite's `VACUUM INTO` copies the database as of one read
//! transaction; PostgreSQL's `pg_dump` reads every table in one repeatable-read snapshot. Both
//! run while servers keep serving. The file is a SQLite database or a `pg_dump` custom archive,
//! told apart by their first bytes.
//!
//! Restore is offline (stop every server first) and all or nothing: SQLite's file is checked,
//! copied beside the database and renamed over it (a rename is atomic); PostgreSQL's archive is
//! replayed by `psql` in one transaction that first empties the schema, so a failure leaves the
//! database as it was.

use std::{
    io::{Read, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use anyhow::{Context, bail};
use clap::Args;
use taawun_store::{DEFAULT_DATABASE_URL, Store, backup::sqlite_file};

#[derive(Args)]
pub struct BackupArgs {
    /// The backup file to write (must not exist).
    file: PathBuf,
    /// sqlite://PATH or postgres://USER@HOST:PORT/DB
    #[arg(long = "database", env = "TAAWUN_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database: String,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A file written by `taawun backup`.
    file: PathBuf,
    /// The database to replace: sqlite://PATH or postgres://USER@HOST:PORT/DB
    #[arg(long = "database", env = "TAAWUN_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database: String,
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    if args.file.exists() {
        bail!("{} exists: a backup never overwrites a file", args.file.display());
    }
    if sqlite_file(&args.database).is_some() {
        let store = Store::connect(&args.database).await?;
        let result = store.sqlite_backup_into(&args.file).await;
        store.close().await;
        result.with_context(|| format!("backing up into {}", args.file.display()))?;
    } else {
        // A partial file must never pass for a backup: write beside, rename when complete.
        let partial = partial_path(&args.file);
        run(Command::new("pg_dump")
            .arg("--format=custom")
            .arg("--no-owner")
            .arg("--no-privileges")
            .arg(format!("--file={}", partial.display()))
            .arg(format!("--dbname={}", args.database)))
        .context("pg_dump (install the PostgreSQL client, version ≥ the server's)")?;
        std::fs::rename(&partial, &args.file)?;
    }
    sync_file(&args.file)?;
    println!("backup written to {}", args.file.display());
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    let mut head = [0u8; 16];
    let read = std::fs::File::open(&args.file)
        .with_context(|| format!("opening {}", args.file.display()))?
        .read(&mut head)?;
    let head = &head[..read];
    match sqlite_file(&args.database) {
        Some(target) => {
            if !head.starts_with(SQLITE_MAGIC) {
                bail!(
                    "{} is not a SQLite backup; the database is SQLite",
                    args.file.display()
                );
            }
            restore_sqlite(&args.file, &target).await?;
        }
        None => {
            if !head.starts_with(PG_DUMP_MAGIC) {
                bail!(
                    "{} is not a PostgreSQL backup; the database is PostgreSQL",
                    args.file.display()
                );
            }
            restore_postgres(&args.file, &args.database)?;
        }
    }
    // The restored database opens, migrates to this version and verifies.
    let store = Store::open(&args.database).await?;
    crate::register_cli::verify(&store).await?;
    store.close().await;
    println!("restored from {}", args.file.display());
    Ok(())
}

async fn restore_sqlite(file: &Path, target: &Path) -> anyhow::Result<()> {
    let partial = partial_path(target);
    std::fs::copy(file, &partial).with_context(|| format!("copying to {}", partial.display()))?;
    // Checked as the copy that will be used (opening it may switch it to WAL, which must not
    // touch the backup file itself).
    let copy = Store::connect(&format!("sqlite://{}", partial.display())).await?;
    let fine = copy.looks_restorable().await;
    copy.close().await;
    if !fine? {
        let _ = std::fs::remove_file(&partial);
        bail!("{} is damaged or is not a Taawun database", file.display());
    }
    sync_file(&partial)?;
    // The old database's write-ahead log belongs to the old file: it must not be replayed
    // into the restored one.
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(&partial, target)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself must reach the disk.
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn restore_postgres(file: &Path, url: &str) -> anyhow::Result<()> {
    let script = Command::new("pg_restore")
        .arg("--no-owner")
        .arg("--no-privileges")
        .arg("--file=-")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .context("pg_restore (install the PostgreSQL client)")?;
    if !script.status.success() {
        bail!("pg_restore: {}", String::from_utf8_lossy(&script.stderr).trim());
    }
    let mut psql = Command::new("psql")
        .arg("--no-psqlrc")
        .arg("--quiet")
        .arg("--single-transaction")
        .arg("--set=ON_ERROR_STOP=1")
        .arg(format!("--dbname={url}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("psql (install the PostgreSQL client)")?;
    {
        let mut stdin = psql.stdin.take().context("psql's input")?;
        // Emptied inside the same transaction as the replay: all of it happens, or none.
        stdin.write_all(b"DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n")?;
        stdin.write_all(&script.stdout)?;
    }
    let out = psql.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "restore failed, the database is unchanged: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

fn partial_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".partial");
    PathBuf::from(p)
}

fn sync_file(path: &Path) -> anyhow::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    Ok(())
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let out = cmd.stderr(Stdio::piped()).output()?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}
