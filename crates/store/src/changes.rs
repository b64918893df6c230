//! The log of name changes that keeps every process's in-memory name index in step with the
//! database, and the wake-up call (PostgreSQL NOTIFY) that makes them apply it at once.

use std::time::Duration;

use sqlx::{Any, Row, Transaction, postgres::PgListener};

use crate::{Backend, Result, Store, now};

const CHANNEL: &str = "taawun_names";

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameChange {
    Cooperative(i64),
    Reservation(i64),
    /// Many records at once (an import): rebuild the whole index.
    Reload,
}

pub(crate) async fn record(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    change: NameChange,
) -> Result<()> {
    let (kind, id) = match change {
        NameChange::Cooperative(id) => ("cooperative", id),
        NameChange::Reservation(id) => ("reservation", id),
        NameChange::Reload => ("reload", 0),
    };
    sqlx::query("INSERT INTO name_changes (kind, entity_id, at) VALUES ($1, $2, $3)")
        .bind(kind)
        .bind(id)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    if backend == Backend::Postgres {
        // Delivered at commit, and only if the transaction commits.
        sqlx::query("SELECT pg_notify($1, '')")
            .bind(CHANNEL)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Waits for name changes: on PostgreSQL a LISTEN connection, on SQLite (one machine) a short poll.
pub struct ChangeWaiter {
    listener: Option<PgListener>,
}

impl ChangeWaiter {
    /// Returns when another process may have changed names, or after `max` at the latest.
    pub async fn wait(&mut self, max: Duration) {
        match &mut self.listener {
            Some(listener) => {
                let _ = tokio::time::timeout(max, listener.recv()).await;
            }
            None => tokio::time::sleep(max).await,
        }
    }
}

impl Store {
    pub async fn latest_name_change(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM name_changes")
                .fetch_one(self.pool())
                .await?,
        )
    }

    pub async fn name_changes_since(&self, seq: i64) -> Result<Vec<(i64, NameChange)>> {
        let rows = sqlx::query(
            "SELECT seq, kind, entity_id FROM name_changes WHERE seq > $1 ORDER BY seq LIMIT 10000",
        )
        .bind(seq)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                let id: i64 = r.try_get("entity_id")?;
                let change = match kind.as_str() {
                    "cooperative" => NameChange::Cooperative(id),
                    "reservation" => NameChange::Reservation(id),
                    _ => NameChange::Reload,
                };
                Ok((r.try_get("seq")?, change))
            })
            .collect()
    }

    pub async fn change_waiter(&self) -> ChangeWaiter {
        let listener = match self.backend {
            Backend::Postgres => match PgListener::connect(&self.url).await {
                Ok(mut l) => match l.listen(CHANNEL).await {
                    Ok(()) => Some(l),
                    Err(e) => {
                        tracing::warn!(error = %e, "LISTEN failed; polling for name changes");
                        None
                    }
                },
                Err(e) => {
                    tracing::warn!(error = %e, "no LISTEN connection; polling for name changes");
                    None
                }
            },
            Backend::Sqlite => None,
        };
        ChangeWaiter { listener }
    }
}
