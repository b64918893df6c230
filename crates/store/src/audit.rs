//! The audit log: who changed what, when, with the values before and after. Append-only: the
//! application has no way to edit it and the database triggers refuse UPDATE and DELETE.

use serde::Serialize;
use sqlx::{Any, Row, Transaction};

use crate::{Result, Store, now};

/// Who is making a change.
#[derive(Debug, Clone)]
pub enum Actor {
    User {
        id: i64,
        email: String,
    },
    /// A command run on the server (`taawun admin …`, imports): the operator of the machine.
    System(&'static str),
    /// Someone without an account yet (a sign-up, a public registration).
    Anonymous,
}

impl Actor {
    pub(crate) fn id(&self) -> Option<i64> {
        match self {
            Actor::User { id, .. } => Some(*id),
            _ => None,
        }
    }

    pub(crate) fn label(&self) -> String {
        match self {
            Actor::User { email, .. } => email.clone(),
            Actor::System(what) => format!("system:{what}"),
            Actor::Anonymous => "anonymous".to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// Entries with an id below this one (keyset pagination, newest first).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// Writes an entry inside the caller's transaction, so the change and its record stand or fall
/// together.
pub(crate) async fn record<B: Serialize, A: Serialize>(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose().map_err(json_err)?;
    let after = after.map(serde_json::to_string).transpose().map_err(json_err)?;
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id,
             before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now())
    .bind(actor.id())
    .bind(actor.label())
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before)
    .bind(after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn json_err(e: serde_json::Error) -> crate::StoreError {
    crate::StoreError::Database(sqlx::Error::Encode(Box::new(e)))
}

impl Store {
    /// Newest first.
    pub async fn audit_entries(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, before_json, after_json
             FROM audit_log
             WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR entity_id = $2) AND ($3 = 0 OR id < $3)
             ORDER BY id DESC LIMIT $4",
        )
        .bind(q.entity.as_deref().unwrap_or(""))
        .bind(q.entity_id.as_deref().unwrap_or(""))
        .bind(q.before_id.unwrap_or(0))
        .bind(q.limit.clamp(1, 500))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    actor_user_id: r.try_get(2)?,
                    actor_label: r.try_get(3)?,
                    action: r.try_get(4)?,
                    entity: r.try_get(5)?,
                    entity_id: r.try_get(6)?,
                    before_json: r.try_get(7)?,
                    after_json: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// Tries to rewrite history; used by tests to prove the database refuses it.
    #[doc(hidden)]
    pub async fn try_tamper_audit_log(&self) -> Result<u64> {
        let done = sqlx::query("UPDATE audit_log SET actor_label = 'someone else'")
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
