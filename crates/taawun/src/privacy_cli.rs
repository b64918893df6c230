//! `taawun admin personal-data` and `taawun admin erase-personal-data`: a person's requests
//! under Law 09-08 (access and erasure), answered by the office as the data controller.

use anyhow::{Context, bail};
use taawun_domain::Email;
use taawun_store::{Actor, Store};

async fn user_id(store: &Store, email: &str) -> anyhow::Result<i64> {
    let email = Email::parse("email", email).map_err(|e| anyhow::anyhow!("e-mail: {}", e.code))?;
    match store.user_for_sign_in(&email).await? {
        Some((user, _)) => Ok(user.id),
        None => bail!("no account has the e-mail {}", email.as_str()),
    }
}

/// Prints, as JSON, everything the platform holds about the account.
pub async fn export(store: &Store, email: &str) -> anyhow::Result<()> {
    let data = store.personal_data(user_id(store, email).await?).await?;
    println!("{}", serde_json::to_string_pretty(&data).context("writing JSON")?);
    Ok(())
}

/// Erases what no law requires keeping, and says what was erased.
pub async fn erase(store: &Store, email: &str) -> anyhow::Result<()> {
    let id = user_id(store, email).await?;
    let done = store
        .erase_personal_data(id, &Actor::System("admin erase-personal-data"))
        .await?;
    println!(
        "account {id} erased: {} session(s) ended, founders removed from {} name request(s) and {} \
         unregistered file(s), {} document(s) deleted; register entries kept (Law 112-12)",
        done.sessions, done.name_requests, done.filings, done.documents
    );
    Ok(())
}
