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
    /// False until the owner of an account made by signing up opens the link sent to it.
    pub email_confirmed: bool,
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
    "id, email, display_name, role, court_code, region_code, lang, created_at, disabled, email_confirmed";

/// An account from a row of `USER_COLUMNS`, read by column name.
fn user_from_row(r: &sqlx::any::AnyRow) -> Result<User> {
    let role: String = r.try_get("role")?;
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        display_name: r.try_get("display_name")?,
        role: Role::parse("role", &role)
            .map_err(|_| StoreError::Database(sqlx::Error::Decode(format!("unknown role {role}").into())))?,
        court_code: r.try_get("court_code")?,
        region_code: r.try_get("region_code")?,
        lang: r.try_get("lang")?,
        created_at: r.try_get("created_at")?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        email_confirmed: r.try_get::<i64, _>("email_confirmed")? != 0,
    })
}

async fn insert_user(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    new: &NewUser,
    confirmed: bool,
    actor: &Actor,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, role, court_code, region_code, lang, created_at, \
         email_confirmed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.email.as_str())
    .bind(&new.password_hash)
    .bind(&new.display_name)
    .bind(new.role.as_str())
    .bind(new.court_code.as_deref())
    .bind(new.region_code.as_deref())
    .bind(&new.lang)
    .bind(now())
    .bind(i64::from(confirmed))
    .fetch_one(&mut **tx)
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
        tx,
        actor,
        "user.create",
        "user",
        &id.to_string(),
        None::<&()>,
        Some(&record),
    )
    .await?;
    Ok(id)
}

/// What a one-time link sent by e-mail lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Confirms the address of an account made by signing up, and signs in.
    ConfirmEmail,
    /// Sets a new password (the address is then confirmed too).
    ResetPassword,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::ConfirmEmail => "confirm_email",
            LinkPurpose::ResetPassword => "reset_password",
        }
    }
}

/// A one-time link to send: the hash of its token, how long it holds, and the message carrying it
/// (queued in the same transaction, so no link exists that was not sent).
pub struct NewLink<'a> {
    pub token_hash: &'a str,
    pub purpose: LinkPurpose,
    pub valid_secs: i64,
    pub message: &'a crate::NewMessage,
}

async fn insert_link(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user_id: i64,
    link: &NewLink<'_>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO account_links (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(link.token_hash)
    .bind(user_id)
    .bind(link.purpose.as_str())
    .bind(now() + link.valid_secs)
    .execute(&mut **tx)
    .await?;
    crate::outbox::insert_message(tx, link.message, now()).await
}

/// The account a link of `purpose` leads to, marking the link used; None when it is unknown,
/// used or expired.
async fn use_link(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    token_hash: &str,
    purpose: LinkPurpose,
) -> Result<Option<i64>> {
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE account_links SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
    )
    .bind(now())
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(user)
}

impl Store {
    pub async fn create_user(&self, new: &NewUser, actor: &Actor) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let id = insert_user(&mut tx, new, true, actor).await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// An account made by signing up: unconfirmed until the link sent with it is opened.
    pub async fn sign_up_user(&self, new: &NewUser, link: &NewLink<'_>, actor: &Actor) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let id = insert_user(&mut tx, new, false, actor).await?;
        insert_link(&mut tx, id, link).await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// Sends a new one-time link to account `user_id`.
    pub async fn send_link(&self, user_id: i64, link: &NewLink<'_>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        insert_link(&mut tx, user_id, link).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether `token_hash` is a live link of `purpose` (the page that uses it is shown).
    pub async fn link_is_live(&self, token_hash: &str, purpose: LinkPurpose) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM account_links \
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now())
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Confirms the address of the account the link leads to; None when the link is not live.
    pub async fn confirm_email(&self, token_hash: &str, actor: &Actor) -> Result<Option<User>> {
        let mut tx = self.begin_write().await?;
        let Some(id) = use_link(&mut tx, token_hash, LinkPurpose::ConfirmEmail).await? else {
            return Ok(None);
        };
        sqlx::query("UPDATE users SET email_confirmed = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.commit_link_use(tx, id, "user.confirm_email", actor).await
    }

    /// Records what a link did to account `id`, commits, and returns the account.
    async fn commit_link_use(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        id: i64,
        action: &str,
        actor: &Actor,
    ) -> Result<Option<User>> {
        audit::record(
            &mut tx,
            actor,
            action,
            "user",
            &id.to_string(),
            None::<&()>,
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(self.user(id).await?))
    }

    /// Sets the password of the account the link leads to, confirms its address, and ends its
    /// sessions, known browsers and other links: whoever held them before no longer does.
    /// None when the link is not live.
    pub async fn reset_password(&self, token_hash: &str, password_hash: &str) -> Result<Option<User>> {
        let mut tx = self.begin_write().await?;
        let Some(id) = use_link(&mut tx, token_hash, LinkPurpose::ResetPassword).await? else {
            return Ok(None);
        };
        sqlx::query("UPDATE users SET password_hash = $1, email_confirmed = 1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for sql in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM known_devices WHERE user_id = $1",
            "DELETE FROM account_links WHERE user_id = $1 AND used_at IS NULL",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        self.commit_link_use(
            tx,
            id,
            "user.reset_password",
            &Actor::System("password reset link"),
        )
        .await
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
            Some(r) => Ok(Some((user_from_row(&r)?, r.try_get("password_hash")?))),
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
                expires_at: r.try_get("expires_at")?,
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
    /// The token is always new (never one a browser brought), so there is nothing to replace.
    pub async fn remember_device(&self, token_hash: &str, user_id: i64) -> Result<()> {
        sqlx::query("INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now())
            .execute(self.pool())
            .await?;
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
