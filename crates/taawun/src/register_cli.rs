//! `taawun verify` (the register's hash chains) and `taawun verify-extract FILE`.

use std::path::Path;

use anyhow::{Context, bail};
use taawun_store::{Store, StoreError};

/// Walks every court's chain; fails on the first broken entry of any court.
pub async fn verify(store: &Store) -> anyhow::Result<()> {
    let report = store.verify_registers().await?;
    let mut broken = 0;
    for (court, verdict) in &report {
        match verdict {
            Ok(n) => println!("{court}: {n} entries, chain intact"),
            Err(b) => {
                broken += 1;
                println!(
                    "{court}: BROKEN at entry {} ({:?}) — {}",
                    b.number,
                    b.reason,
                    taawun_domain::register::registration_number(court, b.number)
                );
            }
        }
    }
    if report.is_empty() {
        println!("no register entries yet");
    }
    if broken > 0 {
        bail!("{broken} register(s) of {} fail verification", report.len());
    }
    Ok(())
}

/// Checks the signed facts attached to an extract PDF against the office's keys and the register.
pub async fn verify_extract(store: &Store, file: &Path) -> anyhow::Result<()> {
    let pdf = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let Some(attached) = taawun_documents::extract_attachment(&pdf, taawun_documents::ATTACHMENT_NAME) else {
        bail!(
            "{}: not a Taawun extract (no signed data attached)",
            file.display()
        );
    };
    let signed: serde_json::Value =
        serde_json::from_slice(&attached).context("the attached data is not readable")?;
    let field = |k: &str| signed.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let (payload, signature, key_id) = (field("payload"), field("signature"), field("key_id"));
    // The key comes from the office's own list, never from the file: a forger can attach any key.
    let key = match store.signing_key(&key_id).await {
        Ok(k) => k,
        Err(StoreError::NotFound) => bail!("NOT GENUINE: signed with a key the office never used ({key_id})"),
        Err(e) => return Err(e.into()),
    };
    if !taawun_documents::seal::verify(&key, payload.as_bytes(), &signature) {
        bail!("NOT GENUINE: the signature does not match the extract's content");
    }
    let facts: serde_json::Value = serde_json::from_str(&payload).context("signed content")?;
    let code = facts.get("code").and_then(|v| v.as_str()).unwrap_or("");
    let issued = match store.extract_by_code(code).await {
        Ok(e) => e,
        Err(StoreError::NotFound) => bail!("NOT GENUINE: no extract {code} was issued by this register"),
        Err(e) => return Err(e.into()),
    };
    if issued.payload != payload {
        bail!("NOT GENUINE: extract {code} was issued with other content");
    }
    let name = facts
        .get("name_fr")
        .and_then(|v| v.as_str())
        .or_else(|| facts.get("name_ar").and_then(|v| v.as_str()))
        .unwrap_or("");
    println!("GENUINE: extract {code} of «{name}», signed by the office (key {key_id})");
    if store.last_entry_id(issued.cooperative_id).await? != issued.last_entry_id {
        bail!("OUTDATED: the register has new entries for this cooperative since the extract was issued");
    }
    println!("CURRENT: no entry was added to the register since it was issued");
    Ok(())
}
