//! Accounts, sessions and sign-in throttling. Password hashing happens in the web crate: this
//! one stores hashes and never sees a password.

use serde::Serialize;
use sqlx::Row;
use taawun_domain::{Email, Role};

use crate::{Actor, Result, Store, StoreError, audit, conflict_on_unique, now};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub court_code: Option<String>,
    pub region_code: Option<String>,
    pub lang: String,
    pub created_at: i64,
    pub disabled: bool,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub password_hash: String,
    pub display_name: String,
    pub role: Role,
    pub court_code: Option<String>,
    pub region_code: Option<String>,
    pub lang: String,
}

/// What the audit log keeps of an account: never the password hash.
#[derive(Serialize)]
struct UserRecord<'a> {
    email: &'a str,
    display_name: &'a str,
    role: &'a str,
    court_code: Option<&'a str>,
    region_code: Option<&'a str>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub expires_at: i64,
}

const USER_COLUMNS: &str =
    "id, email, display_name, role, court_code, region_code, lang, created_at, disabled";

fn user_from_row(r: &sqlx::any::AnyRow) -> Result<User> {
    let role: String = r.try_get(3)?;
    Ok(User {
        id: r.try_get(0)?,
        email: r.try_get(1)?,
        display_name: r.try_get(2)?,
        role: Role::parse("role", &role)
            .map_err(|_| StoreError::Database(sqlx::Error::Decode(format!("unknown role {role}").into())))?,
        court_code: r.try_get(4)?,
        region_code: r.try_get(5)?,
        lang: r.try_get(6)?,
        created_at: r.try_get(7)?,
        disabled: r.try_get::<i64, _>(8)? != 0,
    })
}

impl Store {
    pub async fn create_user(&self, new: &NewUser, actor: &Actor) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, display_name, role, court_code, region_code, lang, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(new.email.as_str())
        .bind(&new.password_hash)
        .bind(&new.display_name)
        .bind(new.role.as_str())
        .bind(new.court_code.as_deref())
        .bind(new.region_code.as_deref())
        .bind(&new.lang)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(conflict_on_unique("email"))?;
        let record = UserRecord {
            email: new.email.as_str(),
            display_name: &new.display_name,
            role: new.role.as_str(),
            court_code: new.court_code.as_deref(),
            region_code: new.region_code.as_deref(),
        };
        audit::record(
            &mut tx,
            actor,
            "user.create",
            "user",
            &id.to_string(),
            None::<&()>,
            Some(&record),
        )
        .await?;
        tx.commit().await?;
        self.user(id).await
    }

    pub async fn user(&self, id: i64) -> Result<User> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    /// The account and its password hash, for signing in.
    pub async fn user_for_sign_in(&self, email: &Email) -> Result<Option<(User, String)>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?;
        match row {
            Some(r) => Ok(Some((user_from_row(&r)?, r.try_get(9)?))),
            None => Ok(None),
        }
    }

    pub async fn password_hash(&self, user_id: i64) -> Result<String> {
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Replaces the password and ends every other session of the account, so that a stolen
    /// session does not survive the owner's password change.
    pub async fn change_password(
        &self,
        user: &User,
        new_hash: &str,
        keep_session: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(new_hash)
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user.id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            actor,
            "user.password_change",
            "user",
            &user.id.to_string(),
            None::<&()>,
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_user_lang(&self, user_id: i64, lang: &str) -> Result<()> {
        sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
            .bind(lang)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY id"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    pub async fn create_session(&self, token_hash: &str, user_id: i64, ttl_seconds: i64) -> Result<()> {
        let t = now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(t)
        .bind(t + ttl_seconds)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The live session with this token hash, if any; expired sessions and disabled accounts
    /// give none.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let cols = USER_COLUMNS
            .split(", ")
            .map(|c| format!("u.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let row = sqlx::query(&format!(
            "SELECT {cols}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0"
        ))
        .bind(token_hash)
        .bind(now())
        .fetch_optional(self.pool())
        .await?;
        match row {
            Some(r) => Ok(Some(Session {
                user: user_from_row(&r)?,
                expires_at: r.try_get(9)?,
            })),
            None => Ok(None),
        }
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Counts failed sign-ins for a key (an account or a client address) since `since`.
    pub async fn login_failures_since(&self, key: &str, since: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(self.pool())
                .await?,
        )
    }

    pub async fn record_login_failure(&self, keys: &[&str]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for key in keys {
            sqlx::query("INSERT INTO login_failures (throttle_key, at) VALUES ($1, $2)")
                .bind(*key)
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Remembers that the browser holding the device cookie of hash `token_hash` signed in to
    /// `user_id`.
    pub async fn remember_device(&self, token_hash: &str, user_id: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM known_devices WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the browser of device-cookie hash `token_hash` has signed in to the account of
    /// `email` before.
    pub async fn is_known_device(&self, token_hash: &str, email: &Email) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT d.user_id FROM known_devices d JOIN users u ON u.id = d.user_id \
             WHERE d.token_hash = $1 AND u.email = $2",
        )
        .bind(token_hash)
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Removes expired sessions and old throttling rows; safe to run from any process at any time.
    pub async fn purge_expired(&self, failures_older_than: i64) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(self.pool())
            .await?;
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(failures_older_than)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
