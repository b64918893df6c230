//! Messages waiting to be sent. They are written in the same transaction as what causes them, so
//! a message is never promised and lost; a sender delivers them when SMTP is configured, and the
//! office can always see what was queued.

use serde::Serialize;
use sqlx::{Any, Row, Transaction};

use crate::{Actor, Result, Store, audit, now};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_address: String,
    pub lang: String,
    pub topic: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// The region of the record the message is about (None: national), which decides which
    /// office agents see it in the outbox.
    pub region_code: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub to_address: String,
    pub lang: String,
    pub topic: String,
    pub subject: String,
    pub body: String,
    /// The record the message is about, which places it in that record's region's outbox.
    pub about: About,
}

/// The record a message is about. Its region decides which office agents see the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Cooperative(i64),
    Meeting(i64),
    MarketEvent(i64),
    /// A national matter (a test message, a campaign): national staff only.
    National,
}

const COLUMNS: &str =
    "id, to_address, lang, topic, subject, body, created_at, sent_at, attempts, last_error, region_code";

fn message_row(r: &sqlx::any::AnyRow) -> Result<OutboxMessage> {
    Ok(OutboxMessage {
        id: r.try_get("id")?,
        to_address: r.try_get("to_address")?,
        lang: r.try_get("lang")?,
        topic: r.try_get("topic")?,
        subject: r.try_get("subject")?,
        body: r.try_get("body")?,
        created_at: r.try_get("created_at")?,
        sent_at: r.try_get("sent_at")?,
        attempts: r.try_get("attempts")?,
        last_error: r.try_get("last_error")?,
        region_code: r.try_get("region_code")?,
    })
}

/// Queues one message inside the caller's transaction, so it stands or falls with its cause.
pub(crate) async fn insert_message(tx: &mut Transaction<'static, Any>, m: &NewMessage, t: i64) -> Result<()> {
    let (entity, id) = match m.about {
        About::Cooperative(id) => ("cooperative", id),
        About::Meeting(id) => ("meeting", id),
        About::MarketEvent(id) => ("market_event", id),
        About::National => ("", 0),
    };
    let region = audit::region_of(tx, entity, &id.to_string()).await?;
    sqlx::query(
        "INSERT INTO outbox (to_address, lang, topic, subject, body, created_at, region_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&m.to_address)
    .bind(&m.lang)
    .bind(&m.topic)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(t)
    .bind(region)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Queues messages, all or none, with one audit entry for the batch.
    pub async fn enqueue_messages(
        &self,
        messages: &[NewMessage],
        topic: &str,
        actor: &Actor,
    ) -> Result<usize> {
        let mut tx = self.begin_write().await?;
        let t = now();
        for m in messages {
            insert_message(&mut tx, m, t).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "outbox.enqueue",
            "outbox",
            topic,
            None::<&()>,
            Some(&messages.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(messages.len())
    }

    /// The newest messages of every region.
    pub async fn outbox(&self, topic: Option<&str>, limit: i64) -> Result<Vec<OutboxMessage>> {
        self.outbox_within(topic, None, limit).await
    }

    /// The newest messages, for the office's view of the outbox; `within_region` keeps only
    /// the messages about that region's records (a regional agent's reach).
    pub async fn outbox_within(
        &self,
        topic: Option<&str>,
        within_region: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox WHERE ($1 = '' OR topic = $1) AND ($2 = '' OR region_code = $2)
             ORDER BY id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(topic.unwrap_or(""))
            .bind(within_region.unwrap_or(""))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(message_row).collect()
    }

    /// Claims up to `limit` messages due for sending for `claimant` (one server process), so that
    /// no other process sends them meanwhile; a claim older than `lease` seconds is taken over.
    pub async fn claim_messages(&self, claimant: &str, limit: i64, lease: i64) -> Result<Vec<OutboxMessage>> {
        let t = now();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE outbox SET claimed_by = $1, claimed_at = $2
             WHERE id IN (SELECT id FROM outbox
                          WHERE sent_at IS NULL AND next_attempt_at <= $2
                            AND (claimed_at IS NULL OR claimed_at < $3)
                          ORDER BY id LIMIT $4)
               -- Checked again on the row itself: on PostgreSQL a concurrent claimer waits for this
               -- row's lock and then re-reads it, and must find it taken.
               AND sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < $3)",
        )
        .bind(claimant)
        .bind(t)
        .bind(t - lease)
        .bind(limit)
        .execute(&mut *tx)
        .await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox WHERE claimed_by = $1 AND claimed_at = $2 AND sent_at IS NULL ORDER BY id"
        );
        let rows = sqlx::query(&sql)
            .bind(claimant)
            .bind(t)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        rows.iter().map(message_row).collect()
    }

    /// Records a delivery: sent, or failed with the reason and the time of the next attempt.
    pub async fn mark_message(&self, id: i64, outcome: std::result::Result<(), (String, i64)>) -> Result<()> {
        let t = now();
        match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL, claimed_by = NULL
                     WHERE id = $2",
                )
                .bind(t)
                .bind(id)
                .execute(self.pool())
                .await?;
            }
            Err((error, retry_at)) => {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
                         claimed_by = NULL, claimed_at = NULL
                     WHERE id = $3",
                )
                .bind(error)
                .bind(retry_at)
                .bind(id)
                .execute(self.pool())
                .await?;
            }
        }
        Ok(())
    }

    pub async fn outbox_pending_count(&self) -> Result<i64> {
        self.outbox_pending_count_within(None).await
    }

    pub async fn outbox_pending_count_within(&self, within_region: Option<&str>) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND ($1 = '' OR region_code = $1)",
        )
        .bind(within_region.unwrap_or(""))
        .fetch_one(self.pool())
        .await?)
    }
}
