//! Passwords, session tokens and sign-in throttling.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use blake2::{Blake2b, Digest, digest::consts::U32};
use taawun_store::Store;

use crate::AppError;

/// 32 random bytes as 64 hex characters.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing means the machine is unusable for anything secure.
    getrandom::fill(&mut bytes).expect("operating system random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `s` has the shape of a [`random_token`]: anything else a browser or a link brings is
/// refused before any lookup.
pub fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Sessions are stored by the hash of their token, so a copy of the database does not let
/// anyone take over a session.
pub fn token_hash(token: &str) -> String {
    let digest = Blake2b::<U32>::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hash_sync(password: &[u8]) -> Result<String, AppError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password, &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing: {e}")))
}

fn verify_sync(password: &[u8], hash: &str) -> Result<bool, AppError> {
    let parsed = PasswordHash::new(hash).map_err(|e| AppError::Internal(format!("stored hash: {e}")))?;
    Ok(Argon2::default().verify_password(password, &parsed).is_ok())
}

/// Argon2id with the crate's defaults (OWASP's recommended minimum), on a blocking thread:
/// hashing takes tens of milliseconds by design.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_sync(password.as_bytes()))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

pub async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || verify_sync(password.as_bytes(), &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Verifies against a hash of a password nobody has when the account does not exist, so that a
/// wrong e-mail takes as long as a wrong password and does not reveal which accounts exist.
pub async fn burn_time(password: String) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let _ = tokio::task::spawn_blocking(move || {
        let dummy = DUMMY.get_or_init(|| hash_sync(b"no account has this password").unwrap_or_default());
        verify_sync(password.as_bytes(), dummy)
    })
    .await;
}

/// Failed sign-ins are counted over this window…
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
/// …and an account is refused, from one address, for the rest of the window after this many
/// there. Counting per account *and* address means that someone failing on purpose from
/// elsewhere cannot lock the account's owner out.
pub const MAX_FAILURES_PER_ACCOUNT_AT_ADDRESS: i64 = 5;
/// A single address trying many accounts is stopped too (password spraying).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;
/// Guessing one account's password from many addresses is stopped here, for browsers that have
/// never signed in to it; its owner's known browsers still get in.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 50;
/// A known browser gets its own allowance, so that a stolen device cookie does not buy guesses.
pub const MAX_FAILURES_PER_DEVICE: i64 = 5;

/// The cookie that marks a browser which has signed in before; the database keeps its hash.
pub const DEVICE_COOKIE: &str = "taawun_device";

/// The counters a sign-in attempt of `email` from `ip` (from a browser of device-cookie hash
/// `device`, if any) is measured against.
pub struct ThrottleKeys {
    account: String,
    account_at_address: String,
    address: String,
    device: Option<String>,
}

impl ThrottleKeys {
    pub fn new(email: &str, ip: &str, device: Option<&str>) -> Self {
        Self {
            account: format!("account:{email}"),
            account_at_address: format!("account:{email}|{ip}"),
            address: format!("address:{ip}"),
            device: device.map(|d| format!("device:{d}")),
        }
    }

    /// True when this attempt must wait. A browser that has signed in to this account before
    /// (`known_device`) is measured only by its own failures.
    pub async fn is_throttled(&self, store: &Store, known_device: bool) -> Result<bool, AppError> {
        let since = taawun_store::now() - THROTTLE_WINDOW_SECS;
        let count = |key: &str| {
            let key = key.to_string();
            async move { store.login_failures_since(&key, since).await }
        };
        if let (true, Some(device)) = (known_device, &self.device) {
            return Ok(count(device).await? >= MAX_FAILURES_PER_DEVICE);
        }
        Ok(
            count(&self.account_at_address).await? >= MAX_FAILURES_PER_ACCOUNT_AT_ADDRESS
                || count(&self.address).await? >= MAX_FAILURES_PER_ADDRESS
                || count(&self.account).await? >= MAX_FAILURES_PER_ACCOUNT,
        )
    }

    pub async fn record_failure(&self, store: &Store) -> Result<(), AppError> {
        let mut keys = vec![
            self.account.as_str(),
            self.account_at_address.as_str(),
            self.address.as_str(),
        ];
        keys.extend(self.device.as_deref());
        Ok(store.record_login_failure(&keys).await?)
    }

    /// After the right password: this address and this browser start afresh for this account.
    pub async fn clear(&self, store: &Store) -> Result<(), AppError> {
        store.clear_login_failures(&self.account_at_address).await?;
        if let Some(device) = &self.device {
            store.clear_login_failures(device).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_hashes() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_eq!(token_hash("x"), token_hash("x"));
        assert_ne!(token_hash("x"), token_hash("y"));
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }

    #[tokio::test]
    async fn password_round_trip() {
        let hash = hash_password("correct horse battery".into()).await.expect("hash");
        assert!(
            verify_password("correct horse battery".into(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(
            !verify_password("wrong horse battery".into(), hash)
                .await
                .expect("verify")
        );
    }
}
