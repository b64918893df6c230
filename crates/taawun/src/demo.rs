//! Demonstration data for `serve --demo`: one account per role, so that every part of the site
//! can be tried at once. Idempotent: running it again changes nothing.

use taawun_domain::{Email, Role};
use taawun_store::{Actor, NewUser, Store, StoreError};

/// The demo password of every demo account. Demo databases are for trying the platform only.
pub const DEMO_PASSWORD: &str = "taawun-demo-2026";

/// Size of the demo register: enough to search and browse, quick to load.
const DEMO_COOPERATIVES: usize = 3000;

/// E-mail, display name, role, court, region.
type DemoAccount = (
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Option<&'static str>,
);

const ACCOUNTS: &[DemoAccount] = &[
    (
        "admin@demo.taawun.example",
        "مسؤول المنصة",
        Role::Administrator,
        None,
        None,
    ),
    (
        "agent@demo.taawun.example",
        "إطار وطني بالمكتب",
        Role::OfficeAgent,
        None,
        None,
    ),
    (
        "agent.draa@demo.taawun.example",
        "إطار جهوي درعة-تافيلالت",
        Role::OfficeAgent,
        None,
        Some("08"),
    ),
    (
        "greffe.errachidia@demo.taawun.example",
        "كتابة الضبط بالرشيدية",
        Role::CourtClerk,
        Some("tpi-errachidia"),
        None,
    ),
    (
        "greffe.arfoud@demo.taawun.example",
        "كتابة الضبط بأرفود",
        Role::CourtClerk,
        Some("tpi-arfoud"),
        None,
    ),
    (
        "manager@demo.taawun.example",
        "Fatima Zahra Ait Ali",
        Role::CooperativeManager,
        None,
        None,
    ),
    (
        "partner@demo.taawun.example",
        "INDH Errachidia",
        Role::Partner,
        None,
        None,
    ),
];

pub async fn load(store: &Store) -> anyhow::Result<()> {
    let hash = taawun_web::hash_password(DEMO_PASSWORD.to_string()).await?;
    for (email, name, role, court, region) in ACCOUNTS {
        let new = NewUser {
            email: Email::parse("email", email)
                .map_err(|e| anyhow::anyhow!("demo e-mail {email}: {}", e.code))?,
            password_hash: hash.clone(),
            display_name: (*name).to_string(),
            role: *role,
            court_code: court.map(str::to_string),
            region_code: region.map(str::to_string),
            lang: "ar".into(),
        };
        match store.create_user(&new, &Actor::System("demo")).await {
            Ok(_) | Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if store.count_cooperatives().await? == 0 {
        let today = time::OffsetDateTime::now_utc().date();
        let rules = taawun_domain::LegalRules::default();
        let records: Vec<_> = crate::synth::records(DEMO_COOPERATIVES, 2018)
            .filter_map(|raw| taawun_domain::Cooperative::parse(&raw, &rules, today).ok())
            .collect();
        store
            .import_cooperatives(&records, "demo", &Actor::System("demo"), |_| {})
            .await?;
        register_demo(store).await?;
    }
    crate::demo_campaigns::load(store).await?;
    crate::demo_markets::load(store).await?;
    crate::demo_programmes::load(store).await?;
    Ok(())
}

/// Gives the demo manager something to do at the register: a pre-existing cooperative of
/// Errachidia to adapt or modify, and an approved name to found a new one with.
async fn register_demo(store: &Store) -> anyhow::Result<()> {
    let email =
        Email::parse("email", "manager@demo.taawun.example").map_err(|e| anyhow::anyhow!("{}", e.code))?;
    let Some((manager, _)) = store.user_for_sign_in(&email).await? else {
        return Ok(());
    };
    let filter = taawun_store::CooperativeFilter {
        region: Some("08".into()),
        province: Some("08.201".into()),
        ..Default::default()
    };
    // A body of Errachidia province, at a court that has a demo clerk (Errachidia or Arfoud).
    let (pending, _) = store.pending_adaptation(&filter, 5000, 0).await?;
    if let Some(c) = pending
        .iter()
        .find(|c| c.court_code.as_deref() == Some("tpi-errachidia"))
        .or(pending.first())
    {
        store
            .link_manager(c.id, manager.id, &Actor::System("demo"))
            .await?;
    }
    let request = store
        .create_name_request(
            &taawun_store::NewNameRequest {
                applicant_user_id: manager.id,
                kind: "cooperative".into(),
                name_ar: Some("تعاونية نخيل زيز".into()),
                name_fr: Some("Coopérative Nakhil Ziz".into()),
                region_code: "08".into(),
                founders: [
                    "Fatima Zahra Ait Ali",
                    "Khadija Ouchen",
                    "Aicha Belkadi",
                    "Mina Ait Omar",
                    "Zahra Idrissi",
                ]
                .map(str::to_string)
                .to_vec(),
                deadline_at: taawun_store::now() + 3 * 86_400,
            },
            &Actor::System("demo"),
        )
        .await?;
    let rules = taawun_domain::LegalRules::default();
    let agent =
        Email::parse("email", "agent.draa@demo.taawun.example").map_err(|e| anyhow::anyhow!("{}", e.code))?;
    let decided_by = store
        .user_for_sign_in(&agent)
        .await?
        .map_or(manager.id, |(u, _)| u.id);
    store
        .decide_name_request(
            request.id,
            &taawun_store::NameDecision {
                approve: true,
                reason: None,
                reserved_until: Some(taawun_store::now() + rules.name_reservation_days * 86_400),
                certificate_code: Some("DEMOZIZ2026"),
                decided_by,
            },
            &Actor::System("demo"),
        )
        .await?;
    Ok(())
}

pub fn print_accounts() {
    println!("Demo accounts (password: {DEMO_PASSWORD}):");
    for (email, _, role, _, _) in ACCOUNTS {
        println!("  {email:<36} {}", role.as_str());
    }
}

/// A random password of 16 letters and digits, without look-alikes (0/O, 1/l/I).
pub fn generate_password() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // Rejection sampling keeps every character equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::new();
    while out.len() < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
        out.extend(
            bytes
                .iter()
                .map(|b| usize::from(*b))
                .filter(|b| *b < limit)
                .map(|b| char::from(ALPHABET[b % ALPHABET.len()])),
        );
    }
    out.truncate(16);
    Ok(out)
}
