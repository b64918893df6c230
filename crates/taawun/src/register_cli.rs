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

/// Checks an extract PDF: the facts attached to it are signed by one of the office's keys and
/// were issued by this register, and the PDF itself — what it shows — is sealed by the office
/// ([`taawun_documents::Seal::seal_pdf`]), so pages printed around a genuine attachment are caught.
/// The signed facts are printed whatever the verdict, so that a reader can compare them with
/// what the pages say.
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
    let facts: serde_json::Value = serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null);
    // The key comes from the office's own list, never from the file: a forger can attach any key.
    let key = match store.signing_key(&key_id).await {
        Ok(k) => k,
        Err(StoreError::NotFound) => {
            print_facts("Facts attached, NOT signed by the office", &facts);
            bail!("NOT GENUINE: signed with a key the office never used ({key_id})")
        }
        Err(e) => return Err(e.into()),
    };
    if !taawun_documents::seal::verify(&key, payload.as_bytes(), &signature) {
        print_facts("Facts attached, NOT signed by the office", &facts);
        bail!("NOT GENUINE: the signature does not match the extract's content");
    }
    print_facts(&format!("Signed facts (the office's key {key_id})"), &facts);
    let code = facts.get("code").and_then(|v| v.as_str()).unwrap_or("");
    let issued = match store.extract_by_code(code).await {
        Ok(e) => e,
        Err(StoreError::NotFound) => bail!("NOT GENUINE: no extract {code} was issued by this register"),
        Err(e) => return Err(e.into()),
    };
    if issued.payload != payload {
        bail!("NOT GENUINE: extract {code} was issued with other content");
    }
    // The facts are the office's; now whether the pages around them are.
    let Some(sealed) = taawun_documents::seal::sealed_pdf(&pdf) else {
        bail!(
            "NOT GENUINE: this PDF is not sealed by the office, so what its pages show may differ \
             from the signed facts above (a PDF altered after it was issued loses its seal); \
             download extract {code} again from the register to get the office's copy"
        );
    };
    let pdf_key = match store.signing_key(&sealed.key_id).await {
        Ok(k) => k,
        Err(StoreError::NotFound) => bail!(
            "NOT GENUINE: the PDF is sealed with a key the office never used ({})",
            sealed.key_id
        ),
        Err(e) => return Err(e.into()),
    };
    if !taawun_documents::seal::verify_pdf(&pdf_key, &sealed) {
        bail!(
            "NOT GENUINE: this PDF was changed after the office sealed it: what its pages show \
             is not what was issued; only the signed facts above are the office's"
        );
    }
    let name = facts
        .get("name_fr")
        .and_then(|v| v.as_str())
        .or_else(|| facts.get("name_ar").and_then(|v| v.as_str()))
        .unwrap_or("");
    println!(
        "GENUINE: extract {code} of «{}», its facts signed and the whole PDF sealed by the office (key {})",
        printable(name),
        sealed.key_id
    );
    if store.last_entry_id(issued.cooperative_id).await? != issued.last_entry_id {
        bail!("OUTDATED: the register has new entries for this cooperative since the extract was issued");
    }
    println!("CURRENT: no entry was added to the register since it was issued");
    Ok(())
}

/// The facts of a payload, one `name: value` line each, under `heading`.
fn print_facts(heading: &str, facts: &serde_json::Value) {
    println!("{heading}:");
    let Some(fields) = facts.as_object() else {
        println!("  (unreadable)");
        return;
    };
    for (name, value) in fields {
        let text = match value {
            serde_json::Value::Null => "—".to_string(),
            serde_json::Value::String(s) => printable(s),
            other => printable(&other.to_string()),
        };
        let when = match (name.as_str(), value.as_i64()) {
            ("issued_at", Some(t)) => time::OffsetDateTime::from_unix_timestamp(t)
                .ok()
                .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
                .map(|t| format!(" ({t})"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        println!("  {name}: {text}{when}");
    }
}

/// `text` safe for a terminal: control characters (which could rewrite the lines above) escaped.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
