//! Extracts of the register issued to third parties, and the public keys they are signed with.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};

use crate::{Result, Store, StoreError, now};

/// An issued extract: what was certified, when, and the office's signature over it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Extract {
    pub id: i64,
    pub code: String,
    pub cooperative_id: i64,
    pub lang: String,
    pub last_entry_id: Option<i64>,
    /// The signed bytes (canonical JSON of the certified facts).
    pub payload: String,
    pub key_id: String,
    pub signature: String,
    pub issued_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewExtract {
    pub code: String,
    pub cooperative_id: i64,
    pub lang: String,
    pub last_entry_id: Option<i64>,
    pub payload: String,
    pub key_id: String,
    pub signature: String,
    pub issued_at: i64,
}

const COLUMNS: &str = "id, code, cooperative_id, lang, last_entry_id, payload, key_id, signature, issued_at";

fn row(r: &AnyRow) -> Result<Extract> {
    Ok(Extract {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        cooperative_id: r.try_get("cooperative_id")?,
        lang: r.try_get("lang")?,
        last_entry_id: r.try_get("last_entry_id")?,
        payload: r.try_get("payload")?,
        key_id: r.try_get("key_id")?,
        signature: r.try_get("signature")?,
        issued_at: r.try_get("issued_at")?,
    })
}

impl Store {
    /// Keeps an issued extract. The code is random; a clash (astronomically rare) is a conflict
    /// the caller retries with a new code.
    pub async fn save_extract(&self, e: &NewExtract) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar(
            "INSERT INTO extracts (code, cooperative_id, lang, last_entry_id, payload, key_id, signature, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&e.code)
        .bind(e.cooperative_id)
        .bind(&e.lang)
        .bind(e.last_entry_id)
        .bind(&e.payload)
        .bind(&e.key_id)
        .bind(&e.signature)
        .bind(e.issued_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict("code"),
            _ => StoreError::Database(e),
        })?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn extract_by_code(&self, code: &str) -> Result<Extract> {
        let sql = format!("SELECT {COLUMNS} FROM extracts WHERE code = $1");
        let r = sqlx::query(&sql)
            .bind(code)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        row(&r)
    }

    /// The newest register entry of a cooperative: an extract is current while this has not changed.
    pub async fn last_entry_id(&self, cooperative_id: i64) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT MAX(id) FROM register_entries WHERE cooperative_id = $1")
                .bind(cooperative_id)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Records the office's public key (idempotent: every process does it at start).
    pub async fn remember_signing_key(&self, key_id: &str, public_key: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO signing_keys (key_id, public_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(key_id)
        .bind(public_key)
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn signing_key(&self, key_id: &str) -> Result<String> {
        sqlx::query_scalar("SELECT public_key FROM signing_keys WHERE key_id = $1")
            .bind(key_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)
    }
}
