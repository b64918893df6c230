//! The audit log: who changed what, when, with the values before and after. Append-only: the
//! application has no way to edit it and the database triggers refuse UPDATE and DELETE.

use serde::Serialize;
use serde_json::Value;
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
    /// The region of the record the entry is about; None for a national record.
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// Entries with an id below this one (keyset pagination, newest first).
    pub before_id: Option<i64>,
    /// Only the entries about records of this region (a regional agent's reach, decided by
    /// `taawun_domain::policy`); None reads every entry, national ones included.
    pub within_region: Option<String>,
    pub limit: i64,
}

/// What the audit log never holds in clear: identity numbers, people's names, birth years and
/// contacts, passwords, committee marks. The entry records that they changed; the values stay in
/// the record itself, where access rules and erasure apply (Law 09-08). Keys are matched
/// wherever they are in an entry's JSON.
const WITHHELD_KEYS: &[&str] = &[
    "id_number",
    "full_name",
    "display_name",
    "birth_year",
    "email",
    "phone",
    "marks",
    "password",
    "password_hash",
];

/// What replaces a withheld value.
pub const WITHHELD: &str = "[withheld]";

/// Replaces the withheld values of `value` (see [`WITHHELD_KEYS`]); a string holding a JSON
/// object or array (a file's details saved as text) is read and redacted too. Returns whether
/// anything was withheld.
pub fn redact(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let mut changed = false;
            for (key, v) in map.iter_mut() {
                // A name request lists its founders by name only (a list or a text).
                let names_only = key == "founders"
                    && (v.is_string() || v.as_array().is_some_and(|a| a.iter().all(Value::is_string)));
                if WITHHELD_KEYS.contains(&key.as_str()) || names_only {
                    if !(v.is_null() || v == &Value::String(String::new()) || v == WITHHELD) {
                        *v = Value::String(WITHHELD.into());
                        changed = true;
                    }
                } else {
                    changed |= redact(v);
                }
            }
            changed
        }
        Value::Array(items) => items.iter_mut().fold(false, |c, v| redact(v) | c),
        Value::String(text) if text.starts_with(['{', '[']) => {
            let Ok(mut inner) = serde_json::from_str::<Value>(text) else {
                return false;
            };
            let changed = redact(&mut inner);
            if changed {
                *value = inner;
            }
            changed
        }
        _ => false,
    }
}

fn redacted_json<T: Serialize>(v: &T) -> Result<String> {
    let mut value = serde_json::to_value(v).map_err(json_err)?;
    redact(&mut value);
    serde_json::to_string(&value).map_err(json_err)
}

/// The region of the record an entry is about, read in the writing transaction; None for the
/// records that belong to no region (campaigns, accounts, courts, the knowledge base).
pub(crate) async fn region_of(
    tx: &mut Transaction<'static, Any>,
    entity: &str,
    entity_id: &str,
) -> Result<Option<String>> {
    let sql = match entity {
        "cooperative" => "SELECT region_code FROM cooperatives WHERE id = $1",
        "filing" => "SELECT region_code FROM filings WHERE id = $1",
        "name_request" => "SELECT region_code FROM name_requests WHERE id = $1",
        "meeting" => "SELECT region_code FROM meetings WHERE id = $1",
        "market_event" => "SELECT region_code FROM market_events WHERE id = $1",
        "programme_application" => {
            "SELECT c.region_code FROM programme_applications a JOIN cooperatives c ON c.id = a.cooperative_id
             WHERE a.id = $1"
        }
        "certification" => {
            "SELECT c.region_code FROM certifications x JOIN cooperatives c ON c.id = x.cooperative_id
             WHERE x.id = $1"
        }
        _ => return Ok(None),
    };
    let Ok(id) = entity_id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(sqlx::query_scalar::<_, String>(sql)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Writes an entry inside the caller's transaction, so the change and its record stand or fall
/// together. Personal values are withheld ([`redact`]) and the entry takes the region of the
/// record it is about, which decides who reads it.
pub(crate) async fn record<B: Serialize, A: Serialize>(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(redacted_json).transpose()?;
    let after = after.map(redacted_json).transpose()?;
    let region = region_of(tx, entity, entity_id).await?;
    sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id,
             before_json, after_json, region_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(now())
    .bind(actor.id())
    .bind(actor.label())
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before)
    .bind(after)
    .bind(region)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn json_err(e: serde_json::Error) -> crate::StoreError {
    crate::StoreError::Database(sqlx::Error::Encode(Box::new(e)))
}

fn redact_text(text: Option<String>) -> (Option<String>, bool) {
    match text {
        Some(t) => match serde_json::from_str::<Value>(&t) {
            Ok(mut v) => {
                if redact(&mut v) {
                    (Some(v.to_string()), true)
                } else {
                    (Some(t), false)
                }
            }
            Err(_) => (Some(t), false),
        },
        None => (None, false),
    }
}

impl Store {
    /// Newest first.
    pub async fn audit_entries(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, before_json, after_json,
                    region_code
             FROM audit_log
             WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR entity_id = $2) AND ($3 = 0 OR id < $3)
               AND ($4 = '' OR region_code = $4)
             ORDER BY id DESC LIMIT $5",
        )
        .bind(q.entity.as_deref().unwrap_or(""))
        .bind(q.entity_id.as_deref().unwrap_or(""))
        .bind(q.before_id.unwrap_or(0))
        .bind(q.within_region.as_deref().unwrap_or(""))
        .bind(q.limit.clamp(1, 500))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    actor_user_id: r.try_get("actor_user_id")?,
                    actor_label: r.try_get("actor_label")?,
                    action: r.try_get("action")?,
                    entity: r.try_get("entity")?,
                    entity_id: r.try_get("entity_id")?,
                    before_json: r.try_get("before_json")?,
                    after_json: r.try_get("after_json")?,
                    region_code: r.try_get("region_code")?,
                })
            })
            .collect()
    }

    /// Withholds the personal values of entries written before the audit log withheld them
    /// (the only change the database lets through: once per entry, stamped `redacted_at`).
    /// Idempotent and cheap once done, so every process may run it at start.
    pub(crate) async fn redact_legacy_audit_entries(&self) -> Result<u64> {
        const DONE: &str = "audit_redaction_v1";
        let done: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(DONE)
            .fetch_optional(self.pool())
            .await?;
        if done.is_some() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        let mut like = String::from("redacted_at IS NULL AND (");
        for (i, key) in WITHHELD_KEYS.iter().enumerate() {
            if i > 0 {
                like.push_str(" OR ");
            }
            like.push_str(&format!(
                "before_json LIKE '%{key}%' OR after_json LIKE '%{key}%'"
            ));
        }
        like.push(')');
        let rows = sqlx::query(&format!(
            "SELECT id, before_json, after_json FROM audit_log WHERE {like}"
        ))
        .fetch_all(&mut *tx)
        .await?;
        let mut redacted = 0;
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let (before, b) = redact_text(r.try_get("before_json")?);
            let (after, a) = redact_text(r.try_get("after_json")?);
            if a || b {
                sqlx::query(
                    "UPDATE audit_log SET before_json = $1, after_json = $2, redacted_at = $3 WHERE id = $4",
                )
                .bind(before)
                .bind(after)
                .bind(now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
                redacted += 1;
            }
        }
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(DONE)
            .bind(now().to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(redacted)
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn personal_values_and_marks_are_withheld_wherever_they_are() {
        let mut v = json!({"capital": 2000, "founders": [{"full_name": "Fatima", "id_number": "UA1",
            "birth_year": 1980, "shares": 4}], "marks": [9, 7, 3], "total": 63});
        assert!(redact(&mut v));
        assert_eq!(v["founders"][0]["id_number"], WITHHELD);
        assert_eq!(v["founders"][0]["full_name"], WITHHELD);
        assert_eq!(v["founders"][0]["birth_year"], WITHHELD);
        assert_eq!(v["founders"][0]["shares"], 4);
        assert_eq!(v["marks"], WITHHELD);
        assert_eq!(v["total"], 63);
        assert!(!redact(&mut v), "redacting twice changes nothing");
        let mut request = json!({"name_ar": "تعاونية الواحة", "founders": ["Fatima", "Aicha"]});
        assert!(redact(&mut request));
        assert_eq!(request["founders"], WITHHELD);
        assert_eq!(request["name_ar"], "تعاونية الواحة");
    }

    #[test]
    fn details_saved_as_text_are_read_and_redacted() {
        let mut v = Value::String(r#"{"founders":[{"id_number":"ZZ998877"}]}"#.into());
        assert!(redact(&mut v));
        assert!(!v.to_string().contains("ZZ998877"));
        let mut plain = Value::String("{not json".into());
        assert!(!redact(&mut plain));
    }
}
