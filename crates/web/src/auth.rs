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
/// …and an account is locked for the rest of the window after this many.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// A single address trying many accounts is stopped too (password spraying).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;

pub fn throttle_keys(email: &str, ip: &str) -> (String, String) {
    (format!("account:{email}"), format!("address:{ip}"))
}

/// True when this account or this address has failed too often recently.
pub async fn is_throttled(store: &Store, email: &str, ip: &str) -> Result<bool, AppError> {
    let since = taawun_store::now() - THROTTLE_WINDOW_SECS;
    let (account, address) = throttle_keys(email, ip);
    Ok(
        store.login_failures_since(&account, since).await? >= MAX_FAILURES_PER_ACCOUNT
            || store.login_failures_since(&address, since).await? >= MAX_FAILURES_PER_ADDRESS,
    )
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
