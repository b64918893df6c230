//! Personal data of an account (Law 09-08 on the protection of individuals with regard to the
//! processing of personal data): what the platform holds about a person, exportable, and erased
//! on request where no legal obligation requires keeping it.
//!
//! Kept on erasure, because the law requires them: the register's entries and the files they
//! come from (Law 112-12 and Decree 2-15-617 make the register public and permanent), approved
//! name requests (the basis of a certificate), and the audit log, append-only by design — which
//! is why an erasure's own audit entry records that it happened and nothing of what was erased.

use serde_json::{Value, json};
use sqlx::Row;

use crate::{Actor, Result, Store, StoreError, audit, now};

/// The files that never reached the register, whose founders' details can go.
const UNREGISTERED: &str = "('draft', 'rejected', 'withdrawn')";

/// What an erasure did, for the operator's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    pub sessions: u64,
    pub name_requests: u64,
    pub filings: u64,
    pub documents: u64,
}

impl Store {
    /// Everything the platform holds about the account `user_id` as one JSON document: the
    /// account, its name requests (with the founders listed), its files (with their details).
    pub async fn personal_data(&self, user_id: i64) -> Result<Value> {
        let account = sqlx::query(
            "SELECT id, email, display_name, role, court_code, region_code, lang, created_at, disabled \
             FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let account = json!({
            "id": account.try_get::<i64, _>("id")?,
            "email": account.try_get::<String, _>("email")?,
            "display_name": account.try_get::<String, _>("display_name")?,
            "role": account.try_get::<String, _>("role")?,
            "court_code": account.try_get::<Option<String>, _>("court_code")?,
            "region_code": account.try_get::<Option<String>, _>("region_code")?,
            "lang": account.try_get::<String, _>("lang")?,
            "created_at": account.try_get::<i64, _>("created_at")?,
            "disabled": account.try_get::<i64, _>("disabled")? != 0,
        });
        let mut requests = Vec::new();
        for r in sqlx::query(
            "SELECT id, name_ar, name_fr, founders, status FROM name_requests \
             WHERE applicant_user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?
        {
            requests.push(json!({
                "id": r.try_get::<i64, _>("id")?,
                "name_ar": r.try_get::<Option<String>, _>("name_ar")?,
                "name_fr": r.try_get::<Option<String>, _>("name_fr")?,
                "founders": r.try_get::<String, _>("founders")?,
                "status": r.try_get::<String, _>("status")?,
            }));
        }
        let mut filings = Vec::new();
        for r in sqlx::query(
            "SELECT id, kind, status, detail FROM filings WHERE applicant_user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?
        {
            let detail: String = r.try_get("detail")?;
            filings.push(json!({
                "id": r.try_get::<i64, _>("id")?,
                "kind": r.try_get::<String, _>("kind")?,
                "status": r.try_get::<String, _>("status")?,
                "detail": serde_json::from_str::<Value>(&detail).unwrap_or(Value::String(detail)),
            }));
        }
        // What was written to the person: their address, and often their name and their files.
        let mut messages = Vec::new();
        for r in sqlx::query(
            "SELECT o.topic, o.subject, o.body, o.created_at, o.sent_at FROM outbox o JOIN users u ON u.email = o.to_address \
             WHERE u.id = $1 ORDER BY o.id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?
        {
            messages.push(json!({
                "topic": r.try_get::<String, _>("topic")?,
                "subject": r.try_get::<String, _>("subject")?,
                "body": r.try_get::<String, _>("body")?,
                "created_at": r.try_get::<i64, _>("created_at")?,
                "sent_at": r.try_get::<Option<i64>, _>("sent_at")?,
            }));
        }
        Ok(json!({
            "account": account,
            "name_requests": requests,
            "filings": filings,
            "messages": messages,
            "exported_at": now(),
        }))
    }

    /// Erases the account's personal data that no law requires keeping, in one transaction:
    /// the account's e-mail, name and password (it can no longer sign in), its sessions, known
    /// browsers, one-time links, sign-in failures and the messages written to its address, the founders of its name requests that were not approved, and the
    /// founders' names and identity numbers and the documents of its files that never reached
    /// the register.
    pub async fn erase_personal_data(&self, user_id: i64, actor: &Actor) -> Result<Erasure> {
        let mut tx = self.begin_write().await?;
        let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let sessions = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM outbox WHERE to_address = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM account_links WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM known_devices WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // The account's own failures and those of the account at each address
        // (`account:{email}` and `account:{email}|{address}`).
        let key = format!("account:{email}");
        sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1 OR substr(throttle_key, 1, $2) = $3")
            .bind(&key)
            .bind(i32::try_from(key.chars().count() + 1).unwrap_or(i32::MAX))
            .bind(format!("{key}|"))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE users SET email = $1, display_name = '', password_hash = '!erased', disabled = 1 \
             WHERE id = $2",
        )
        .bind(format!("erased-{user_id}@erased.invalid"))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        let name_requests = sqlx::query(
            "UPDATE name_requests SET founders = '' WHERE applicant_user_id = $1 AND status <> 'approved'",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let unregistered: Vec<(i64, String)> = sqlx::query(&format!(
            "SELECT id, detail FROM filings WHERE applicant_user_id = $1 AND status IN {UNREGISTERED}"
        ))
        .bind(user_id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("detail")?)))
        .collect::<Result<_>>()?;
        let mut documents = 0;
        for (id, detail) in &unregistered {
            let Ok(mut value) = serde_json::from_str::<Value>(detail) else {
                continue;
            };
            forget_people(&mut value);
            sqlx::query("UPDATE filings SET detail = $1 WHERE id = $2")
                .bind(value.to_string())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            documents += sqlx::query("DELETE FROM filing_documents WHERE filing_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        // The audit log is append-only: it records that an erasure took place, not what it erased.
        audit::record(
            &mut tx,
            actor,
            "erase_personal_data",
            "user",
            &user_id.to_string(),
            None::<&()>,
            Some(&json!({ "erased": true })),
        )
        .await?;
        tx.commit().await?;
        self.scrub_free_space().await?;
        Ok(Erasure {
            sessions,
            name_requests,
            filings: unregistered.len() as u64,
            documents,
        })
    }
}

impl Store {
    /// After an erasure, removes the erased values' old copies from the database's files where
    /// the engine lets us. SQLite overwrites freed space (`secure_delete`, set on every
    /// connection); this also folds the write-ahead log into the database and truncates it,
    /// so no page image holding an erased value is left in `-wal`. PostgreSQL: `VACUUM` of the
    /// tables erasure touches, so old row versions are removed (their bytes are reused, not
    /// zeroed, until the pages are rewritten).
    pub(crate) async fn scrub_free_space(&self) -> Result<()> {
        match self.backend() {
            crate::Backend::Sqlite => {
                // Busy readers (a running server) can keep the log from being truncated now;
                // the next checkpoint then overwrites it.
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(self.pool())
                    .await?;
            }
            crate::Backend::Postgres => {
                sqlx::query("VACUUM users, sessions, name_requests, filings, filing_documents")
                    .execute(self.pool())
                    .await?;
            }
        }
        Ok(())
    }
}

/// Blanks the names and identity numbers of the people a file lists (founders, officers),
/// wherever they are in its details; the rest of the file (capital, activity) is not personal.
fn forget_people(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if matches!(key.as_str(), "full_name" | "id_number") && v.is_string() {
                    *v = Value::String(String::new());
                } else {
                    forget_people(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(forget_people),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_forgotten_wherever_they_are() {
        let mut v = json!({"filing": "immatriculation", "capital": 2000,
            "founders": [{"full_name": "Fatima", "id_number": "UA1", "shares": 4}],
            "governance": {"officers": [{"full_name": "Aicha", "role": "chair"}]}});
        forget_people(&mut v);
        assert_eq!(v["founders"][0]["full_name"], "");
        assert_eq!(v["founders"][0]["id_number"], "");
        assert_eq!(v["founders"][0]["shares"], 4);
        assert_eq!(v["governance"]["officers"][0]["full_name"], "");
        assert_eq!(v["capital"], 2000);
    }
}
