//! Bulk import of the register, streamed: the caller validates the file piece by piece and hands
//! over the valid records as it goes, so a national register (a million rows) never has to sit in
//! memory, and the import stays one all-or-nothing change with its audit entry and change-log entry.
//!
//! - SQLite: one `BEGIN IMMEDIATE` transaction for the whole import, multi-row `INSERT … ON
//!   CONFLICT` statements (the same SQL every time, so prepared once), and a page cache large
//!   enough that the indexes' pages are not spilled to the WAL again and again (that, not the
//!   SQL, is what made a large import crawl).
//! - PostgreSQL: `COPY` into an unlogged staging table over a typed connection (the `Any` driver
//!   has no COPY), then one `INSERT … SELECT … ON CONFLICT` with the audit entry and the change
//!   log in one transaction. The staging table is not the register: if the import fails or is
//!   abandoned, the register is as it was and the staging table is dropped.

use std::{
    collections::HashSet,
    hash::{BuildHasher, RandomState},
};

use serde::Serialize;
use sqlx::{Any, Connection, Transaction, postgres::PgConnection};
use taawun_domain::Cooperative;

use crate::{Actor, Backend, NameChange, Result, Store, StoreError, audit, changes, now};

/// The columns an import writes, in the order of [`values`]: the key, the central number, the
/// analytical record's columns (the register's own list), contacts, history and timestamps.
fn columns() -> Vec<&'static str> {
    let mut c = vec!["import_key", "central_number"];
    c.extend(crate::register::RECORD_COLUMNS);
    c.extend(["phone", "email", "history", "created_at", "updated_at"]);
    c
}

const ARITY: usize = 30;

/// Rows per SQLite INSERT: 1,000 × 30 parameters stays under SQLite's 32,766.
const SQLITE_BATCH: usize = 1000;

/// Page cache of the importing SQLite connection (KiB, as `cache_size` takes negative values):
/// the six indexes of a million-row table fit, so each page is written once, at commit.
const SQLITE_IMPORT_CACHE_KIB: i64 = 256 * 1024;

/// One value of a record, for binding (SQLite) or for COPY text (PostgreSQL).
enum Value {
    Text(Option<String>),
    Int(Option<i64>),
}

/// The key that makes a re-import update instead of duplicate.
pub(crate) fn import_key(c: &Cooperative) -> String {
    match &c.central_number {
        Some(n) => n.as_str().to_string(),
        None => format!(
            "H:{}:{}:{}",
            c.region.as_str(),
            c.name_ar.as_deref().unwrap_or(""),
            c.name_fr.as_deref().unwrap_or("").to_lowercase()
        ),
    }
}

fn values(c: &Cooperative, key: String, t: i64) -> [Value; ARITY] {
    use Value::{Int, Text};
    [
        Text(Some(key)),
        Text(c.central_number.as_ref().map(|n| n.as_str().to_string())),
        Text(Some(c.kind.as_str().to_string())),
        Text(c.name_ar.clone()),
        Text(c.name_fr.clone()),
        Text(Some(crate::registry::sort_name(
            c.name_fr.as_deref(),
            c.name_ar.as_deref(),
        ))),
        Text(Some(c.status.as_str().to_string())),
        Text(c.activity.as_ref().map(|a| a.sector.clone())),
        Text(c.activity.as_ref().and_then(|a| a.branch.clone())),
        Text(Some(c.region.as_str().to_string())),
        Text(c.province.as_ref().map(|p| p.as_str().to_string())),
        Text(c.commune_code.clone()),
        Text(c.address.clone()),
        Text(c.court_code.clone()),
        Text(c.local_number.clone()),
        Text(c.founded_on.map(|d| d.to_string())),
        Text(c.immatriculated_on.map(|d| d.to_string())),
        Text(c.adapted_on.map(|d| d.to_string())),
        Int(c.capital),
        Int(c.share_value),
        Int(c.members),
        Int(c.women_members),
        Int(c.young_members),
        Int(Some(i64::from(c.pre_112_12))),
        Text(c.adaptation_state.map(|a| a.as_str().to_string())),
        Text(c.phone.clone()),
        Text(c.email.as_ref().map(|e| e.as_str().to_string())),
        Int(Some(i64::from(c.history))),
        Int(Some(t)),
        Int(Some(t)),
    ]
}

fn upsert_updates() -> String {
    columns()
        .iter()
        .filter(|c| !matches!(**c, "import_key" | "created_at"))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn map_conflict(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict("central_number"),
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::Conflict("province_code"),
        _ => StoreError::Database(e),
    }
}

/// Appends one COPY CSV field: NULL is an unquoted empty field, any text is quoted.
fn push_csv_field(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Int(Some(n)) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::Text(Some(s)) => {
            out.push(b'"');
            for b in s.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        }
        Value::Int(None) | Value::Text(None) => {}
    }
}

enum Engine {
    Sqlite {
        tx: Transaction<'static, Any>,
        before: i64,
        /// Secondary indexes dropped for the load into an empty register, rebuilt at the end.
        deferred: Vec<String>,
    },
    Postgres {
        conn: PgConnection,
        staging: String,
        /// COPY text waiting to be sent.
        buffer: Vec<u8>,
    },
}

/// An import in progress. Records go in with [`add`](Self::add); nothing is visible to anyone
/// until [`finish`](Self::finish). Dropping it (or [`abort`](Self::abort)) leaves the register
/// as it was.
pub struct CooperativeImport {
    store: Store,
    engine: Option<Engine>,
    rows: u64,
    started_at: i64,
    /// Hashes of the import keys seen so far: a file may name a historical record twice, and
    /// PostgreSQL cannot upsert one key twice in one statement (a false positive only costs
    /// the slower, de-duplicating statement).
    keys: HashSet<u64>,
    hasher: RandomState,
    repeated_key: bool,
    sqlite_sql: Option<String>,
}

/// Flush COPY text to PostgreSQL at about this size.
const COPY_CHUNK: usize = 8 << 20;

impl Store {
    /// Starts an import: on SQLite this takes the write lock until the import ends.
    pub async fn begin_import(&self) -> Result<CooperativeImport> {
        let engine = match self.backend() {
            Backend::Sqlite => {
                let mut tx = self.begin_write().await?;
                sqlx::query(&format!("PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}"))
                    .execute(&mut *tx)
                    .await?;
                let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cooperatives")
                    .fetch_one(&mut *tx)
                    .await?;
                let deferred = if before == 0 {
                    defer_secondary_indexes(&mut tx, Backend::Sqlite).await?
                } else {
                    Vec::new()
                };
                Engine::Sqlite { tx, before, deferred }
            }
            Backend::Postgres => {
                let mut conn = PgConnection::connect(&self.url)
                    .await
                    .map_err(StoreError::Unreachable)?;
                let unique = format!(
                    "{}_{}",
                    std::process::id(),
                    time::OffsetDateTime::now_utc().unix_timestamp_nanos() % 1_000_000_000_000
                );
                let staging = format!("import_staging_{unique}");
                // The register's own column types, none of its constraints.
                sqlx::query(&format!(
                    "CREATE UNLOGGED TABLE {staging} AS SELECT 0::BIGINT AS seq, {} FROM cooperatives WITH NO DATA",
                    columns().join(", ")
                ))
                .execute(&mut conn)
                .await?;
                Engine::Postgres {
                    conn,
                    staging,
                    buffer: Vec::with_capacity(COPY_CHUNK + 4096),
                }
            }
        };
        Ok(CooperativeImport {
            store: self.clone(),
            engine: Some(engine),
            rows: 0,
            started_at: now(),
            keys: HashSet::new(),
            hasher: RandomState::new(),
            repeated_key: false,
            sqlite_sql: None,
        })
    }

    /// Inserts or updates (by central number, else by region and names) every record, in one
    /// transaction: a failure leaves the register as it was. `progress` is told how many
    /// records are done after each batch.
    pub async fn import_cooperatives(
        &self,
        records: &[Cooperative],
        source: &str,
        actor: &Actor,
        mut progress: impl FnMut(u64),
    ) -> Result<crate::ImportSummary> {
        let mut import = self.begin_import().await?;
        let mut done = 0u64;
        for chunk in records.chunks(SQLITE_BATCH * 10) {
            import.add(chunk).await?;
            done += chunk.len() as u64;
            progress(done);
        }
        import.finish(source, actor).await
    }
}

impl CooperativeImport {
    /// Rows handed over so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Adds valid records to the import.
    pub async fn add(&mut self, records: &[Cooperative]) -> Result<()> {
        let t = self.started_at;
        let mut rows: Vec<[Value; ARITY]> = Vec::with_capacity(records.len());
        for c in records {
            let key = import_key(c);
            if !self.keys.insert(self.hasher.hash_one(&key)) {
                self.repeated_key = true;
            }
            rows.push(values(c, key, t));
        }
        match self.engine.as_mut() {
            Some(Engine::Sqlite { tx, .. }) => {
                for chunk in rows.chunks(SQLITE_BATCH) {
                    let full;
                    let sql = if chunk.len() == SQLITE_BATCH {
                        if self.sqlite_sql.is_none() {
                            self.sqlite_sql = Some(sqlite_insert(SQLITE_BATCH));
                        }
                        self.sqlite_sql.as_deref().unwrap_or_default()
                    } else {
                        full = sqlite_insert(chunk.len());
                        &full
                    };
                    let mut q = sqlx::query(sql);
                    for row in chunk {
                        for v in row {
                            q = match v {
                                Value::Text(s) => q.bind(s.as_deref()),
                                Value::Int(n) => q.bind(*n),
                            };
                        }
                    }
                    q.execute(&mut **tx).await.map_err(map_conflict)?;
                }
            }
            Some(Engine::Postgres {
                conn,
                staging,
                buffer,
            }) => {
                for (i, row) in rows.iter().enumerate() {
                    buffer.extend_from_slice((self.rows + i as u64).to_string().as_bytes());
                    for v in row {
                        buffer.push(b',');
                        push_csv_field(buffer, v);
                    }
                    buffer.push(b'\n');
                    if buffer.len() >= COPY_CHUNK {
                        copy(conn, staging, buffer).await?;
                    }
                }
            }
            None => {}
        }
        self.rows += records.len() as u64;
        Ok(())
    }

    /// Makes the import visible, with its audit entry and a change-log entry that makes every
    /// process rebuild its indexes.
    pub async fn finish(mut self, source: &str, actor: &Actor) -> Result<crate::ImportSummary> {
        let store = self.store.clone();
        // PostgreSQL's staging table is dropped only once the transaction that reads it has
        // ended: DROP TABLE waits for its readers' locks.
        let mut staging_left: Option<(PgConnection, String)> = None;
        let (mut tx, before) = match self.engine.take() {
            Some(Engine::Sqlite {
                mut tx,
                before,
                deferred,
            }) => {
                rebuild_indexes(&mut tx, &deferred).await?;
                // Back to the default cache: the connection returns to the pool.
                sqlx::query("PRAGMA cache_size = -2000").execute(&mut *tx).await?;
                (tx, before)
            }
            Some(Engine::Postgres {
                mut conn,
                staging,
                mut buffer,
            }) => {
                let tx = match copy(&mut conn, &staging, &mut buffer).await {
                    Ok(()) => store.begin_write().await,
                    Err(e) => Err(e),
                };
                let mut tx = match tx {
                    Ok(tx) => tx,
                    Err(e) => {
                        close_staging(conn, &staging).await;
                        return Err(e);
                    }
                };
                match upsert_from_staging(&mut tx, &staging, self.repeated_key).await {
                    Ok(before) => {
                        staging_left = Some((conn, staging));
                        (tx, before)
                    }
                    Err(e) => {
                        let _ = tx.rollback().await;
                        close_staging(conn, &staging).await;
                        return Err(e);
                    }
                }
            }
            None => return Err(StoreError::Conflict("import")),
        };
        let result = match record_import(&mut tx, &store, before, self.rows, source, actor).await {
            Ok(summary) => {
                crate::failpoint::pass("import.before_commit");
                let committed = tx.commit().await.map(|()| summary).map_err(StoreError::from);
                crate::failpoint::pass("import.after_commit");
                committed
            }
            Err(e) => {
                let _ = tx.rollback().await;
                Err(e)
            }
        };
        if let Some((conn, staging)) = staging_left {
            close_staging(conn, &staging).await;
        }
        result
    }

    /// Abandons the import: nothing of it reaches the register.
    pub async fn abort(mut self) {
        match self.engine.take() {
            Some(Engine::Sqlite { tx, .. }) => {
                let _ = tx.rollback().await;
                // The rollback ended the transaction: reset the cache outside it.
                if let Ok(mut conn) = self.store.pool().acquire().await {
                    let _ = sqlx::query("PRAGMA cache_size = -2000").execute(&mut *conn).await;
                }
            }
            Some(Engine::Postgres {
                mut conn, staging, ..
            }) => {
                drop_staging(&mut conn, &staging).await;
                let _ = conn.close().await;
            }
            None => {}
        }
    }
}

impl Drop for CooperativeImport {
    fn drop(&mut self) {
        // An import dropped half-way (an error, a panic): SQLite's transaction rolls back by
        // itself; PostgreSQL's staging table must still be dropped.
        if let Some(Engine::Postgres {
            mut conn, staging, ..
        }) = self.engine.take()
            && let Ok(handle) = tokio::runtime::Handle::try_current()
        {
            handle.spawn(async move {
                drop_staging(&mut conn, &staging).await;
                let _ = conn.close().await;
            });
        }
    }
}

/// Moves the staged rows into the register; returns how many records there were before.
async fn upsert_from_staging(
    tx: &mut Transaction<'static, Any>,
    staging: &str,
    repeated_key: bool,
) -> Result<i64> {
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cooperatives")
        .fetch_one(&mut **tx)
        .await?;
    let deferred = if before == 0 {
        defer_secondary_indexes(tx, Backend::Postgres).await?
    } else {
        Vec::new()
    };
    let columns = columns().join(", ");
    // Ids follow the file's order; a key given twice keeps its last row, as successive upserts
    // would.
    // Loading an empty register from a file without repeated keys, nothing can conflict: the
    // unique constraints are dropped too and added back after, each checked and built by one
    // sort (a duplicate still fails the import, at that point, with the same error).
    let unique = if before == 0 && !repeated_key {
        let constraints: Vec<(String, String)> = sqlx::query_as(
            "SELECT CAST(conname AS TEXT), pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = CAST('cooperatives' AS regclass) AND contype = 'u'",
        )
        .fetch_all(&mut **tx)
        .await?;
        for (name, _) in &constraints {
            // Names come from the catalogue, never from a request.
            sqlx::query(&format!("ALTER TABLE cooperatives DROP CONSTRAINT {name}"))
                .execute(&mut **tx)
                .await?;
        }
        Some(constraints)
    } else {
        None
    };
    let source_rows = if repeated_key {
        format!(
            "SELECT {columns} FROM (SELECT DISTINCT ON (import_key) * FROM {staging}
             ORDER BY import_key, seq DESC) s ORDER BY seq"
        )
    } else {
        format!("SELECT {columns} FROM {staging} ORDER BY seq")
    };
    let on_conflict = if unique.is_some() {
        String::new()
    } else {
        format!("ON CONFLICT (import_key) DO UPDATE SET {}", upsert_updates())
    };
    sqlx::query(&format!(
        "INSERT INTO cooperatives ({columns}) {source_rows} {on_conflict}"
    ))
    .execute(&mut **tx)
    .await
    .map_err(map_conflict)?;
    for (name, definition) in unique.iter().flatten() {
        sqlx::query(&format!(
            "ALTER TABLE cooperatives ADD CONSTRAINT {name} {definition}"
        ))
        .execute(&mut **tx)
        .await
        .map_err(map_conflict)?;
    }
    rebuild_indexes(tx, &deferred).await?;
    Ok(before)
}

/// Drops the register's secondary (non-unique) indexes inside the import's transaction and
/// returns their definitions. Loading an empty register then maintains only the unique keys the
/// upsert needs, and each secondary index is built once, by one sort, at the end — instead of a
/// million insertions at random places of six B-trees. Both databases' DDL is transactional: a
/// failed import rolls the indexes back with the rows.
async fn defer_secondary_indexes(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
) -> Result<Vec<String>> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cooperatives'
             AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        }
        Backend::Postgres => {
            "SELECT CAST(indexname AS TEXT), indexdef FROM pg_indexes WHERE tablename = 'cooperatives'
             AND schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%'"
        }
    };
    let indexes: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&mut **tx).await?;
    for (name, _) in &indexes {
        // Names come from the catalogue, never from a request.
        sqlx::query(&format!("DROP INDEX {name}"))
            .execute(&mut **tx)
            .await?;
    }
    Ok(indexes.into_iter().map(|(_, definition)| definition).collect())
}

async fn rebuild_indexes(tx: &mut Transaction<'static, Any>, definitions: &[String]) -> Result<()> {
    for definition in definitions {
        sqlx::query(definition).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The import's summary, its change-log entry and its audit entry, in its transaction.
async fn record_import(
    tx: &mut Transaction<'static, Any>,
    store: &Store,
    before: i64,
    rows: u64,
    source: &str,
    actor: &Actor,
) -> Result<crate::ImportSummary> {
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cooperatives")
        .fetch_one(&mut **tx)
        .await?;
    let inserted = u64::try_from(after - before).unwrap_or(0);
    let summary = crate::ImportSummary {
        inserted,
        updated: rows.saturating_sub(inserted),
    };
    #[derive(Serialize)]
    struct ImportRecord<'a> {
        source: &'a str,
        rows: u64,
        inserted: u64,
        updated: u64,
    }
    let record = ImportRecord {
        source,
        rows,
        inserted: summary.inserted,
        updated: summary.updated,
    };
    changes::record(tx, store.backend(), NameChange::Reload).await?;
    audit::record(
        tx,
        actor,
        "cooperative.import",
        "cooperative",
        "*",
        None::<&()>,
        Some(&record),
    )
    .await?;
    Ok(summary)
}

async fn close_staging(mut conn: PgConnection, staging: &str) {
    drop_staging(&mut conn, staging).await;
    let _ = conn.close().await;
}

/// The multi-row INSERT of `rows` records. Anonymous `?` parameters, not `$n`: SQLite looks each
/// named parameter up in a list of the names already seen, so preparing 30,000 `$n` takes
/// seconds (quadratic), which made every batch of a large import crawl.
fn sqlite_insert(rows: usize) -> String {
    let row = format!("({})", vec!["?"; ARITY].join(", "));
    let placeholders = vec![row.as_str(); rows].join(", ");
    format!(
        "INSERT INTO cooperatives ({}) VALUES {placeholders}
         ON CONFLICT (import_key) DO UPDATE SET {}",
        columns().join(", "),
        upsert_updates()
    )
}

async fn copy(conn: &mut PgConnection, staging: &str, buffer: &mut Vec<u8>) -> Result<()> {
    if buffer.is_empty() {
        return Ok(());
    }
    let mut sink = conn
        .copy_in_raw(&format!(
            "COPY {staging} (seq, {}) FROM STDIN WITH (FORMAT csv)",
            columns().join(", ")
        ))
        .await?;
    sink.send(buffer.as_slice()).await?;
    sink.finish().await?;
    buffer.clear();
    Ok(())
}

async fn drop_staging(conn: &mut PgConnection, staging: &str) {
    if let Err(e) = sqlx::query(&format!("DROP TABLE IF EXISTS {staging}"))
        .execute(&mut *conn)
        .await
    {
        tracing::warn!(error = %e, staging, "could not drop an import's staging table");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_column() {
        assert_eq!(columns().len(), ARITY);
        assert_eq!(sqlite_insert(2).matches('?').count(), 2 * ARITY);
    }

    #[test]
    fn copy_fields_quote_text_and_leave_null_bare() {
        let mut out = Vec::new();
        for v in [
            Value::Text(Some("a \"b\", c".into())),
            Value::Text(None),
            Value::Int(Some(-3)),
            Value::Text(Some(String::new())),
        ] {
            push_csv_field(&mut out, &v);
            out.push(b',');
        }
        assert_eq!(String::from_utf8_lossy(&out), "\"a \"\"b\"\", c\",,-3,\"\",");
    }
}
