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

/// Prints, as JSON, everything the platform holds about the person with this e-mail address:
/// their account if they have one, their registrations to meetings, and the member records
/// cooperatives keep about them.
pub async fn export(store: &Store, email: &str) -> anyhow::Result<()> {
    let parsed = Email::parse("email", email).map_err(|e| anyhow::anyhow!("e-mail: {}", e.code))?;
    let mut data = match store.user_for_sign_in(&parsed).await? {
        Some((user, _)) => store.personal_data(user.id).await?,
        None => serde_json::json!({ "account": null }),
    };
    data["meeting_registrations"] =
        serde_json::to_value(store.registrations_with_email(parsed.as_str()).await?)?;
    let memberships: Vec<_> = store
        .memberships_with_email(parsed.as_str())
        .await?
        .into_iter()
        .map(|(cooperative_id, m)| serde_json::json!({ "cooperative_id": cooperative_id, "member": m }))
        .collect();
    data["cooperative_memberships"] = serde_json::Value::Array(memberships);
    println!("{}", serde_json::to_string_pretty(&data).context("writing JSON")?);
    Ok(())
}

/// Erases what no law requires keeping, and says what was erased. Member records stay: a
/// cooperative must keep its members' register (Law 112-12); the person asks the cooperative.
pub async fn erase(store: &Store, email: &str) -> anyhow::Result<()> {
    let parsed = Email::parse("email", email).map_err(|e| anyhow::anyhow!("e-mail: {}", e.code))?;
    let actor = Actor::System("admin erase-personal-data");
    let registrations = store
        .forget_registrations_with_email(parsed.as_str(), &actor)
        .await?;
    let memberships = store.memberships_with_email(parsed.as_str()).await?.len();
    println!(
        "{registrations} meeting registration(s) erased; {memberships} member record(s) kept by their cooperatives \
         (the members' register is a legal obligation)"
    );
    if store.user_for_sign_in(&parsed).await?.is_none() {
        return Ok(());
    }
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
