//! The founding file of a cooperative built through the pages, as a founder does it: shared by
//! the register's stories and the authorization table.
#![allow(dead_code, clippy::unwrap_used)]

use reqwest::StatusCode;
use taawun_store::Actor;

use taawun_domain::Role;

use super::{STAFF_PASSWORD, TestApp, location};

pub const FOUNDERS: &str = "Fatima Zahra\nAicha Benali\nKhadija Ouali\nMina Tazi\nZineb Alaoui";
pub const ERRACHIDIA: &str = "08.201";

/// A founder with an approved name: returns the filing's URL.
pub async fn founder_with_file(app: &TestApp) -> String {
    let id = founder_with_approved_name(app).await;
    let r = app
        .post_form("/filings/new", &[("name_request", &id.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    location(&r)
}

/// A founder (signed in on `app`) whose name «تعاونية النخيل الذهبي» is approved and reserved:
/// returns the name request's id.
pub async fn founder_with_approved_name(app: &TestApp) -> i64 {
    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let r = app
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "cooperative"),
                ("name_ar", "تعاونية النخيل الذهبي"),
                ("name_fr", "Coopérative Nakhil Dahabi"),
                ("region_code", "08"),
                ("founders", FOUNDERS),
            ],
        )
        .await;
    let id: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    let decision = taawun_store::NameDecision {
        approve: true,
        reason: None,
        reserved_until: Some(taawun_store::now() + 86_400),
        certificate_code: Some("NAKHIL"),
        decided_by: app.store.name_request(id).await.unwrap().applicant_user_id,
    };
    app.store
        .decide_name_request(id, &decision, &Actor::System("test"))
        .await
        .unwrap();
    id
}

pub async fn upload(
    app: &TestApp,
    filing: &str,
    kind: &str,
    bytes: &[u8],
    name: &str,
    mime: &str,
) -> StatusCode {
    let token = app.form_token();
    let part = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("document_kind", kind.to_string())
        .part("file", part);
    app.client
        .post(app.url(&format!("{filing}/documents?csrf_token={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
}

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

pub async fn complete_founding_file(app: &TestApp, filing: &str) {
    let ok = |r: reqwest::Response| {
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.url());
    };
    ok(app
        .post_form(
            &format!("{filing}/edit/activity"),
            &[
                ("object", "Valorisation et vente des dattes des membres"),
                ("sector", "agriculture"),
                ("branch", "dates"),
                ("categories", "producers_supply"),
                ("duration_years", "٩٩"),
            ],
        )
        .await);
    ok(app
        .post_form(
            &format!("{filing}/edit/seat"),
            &[
                ("province", ERRACHIDIA),
                ("commune", ""),
                ("address", "Ksar Ouled Youssef, Errachidia"),
            ],
        )
        .await);
    ok(app
        .post_form(&format!("{filing}/edit/capital"), &[("share_value", "١٠٠")])
        .await);
    let names: Vec<&str> = FOUNDERS.lines().collect();
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        fields.push((format!("founders-{i}-full_name"), name.to_string()));
        fields.push((format!("founders-{i}-id_number"), format!("UA12345{i}")));
        fields.push((format!("founders-{i}-birth_year"), "١٩٩٠".into()));
        // Typed in Arabic-Indic digits, as on an Arabic keyboard: read like Latin ones.
        fields.push((format!("founders-{i}-shares"), "٤".into()));
        fields.push((format!("founders-{i}-paid"), "١٠٠".into()));
        fields.push((format!("founders-{i}-woman"), "1".into()));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ok(app.post_form(&format!("{filing}/edit/founders"), &refs).await);
    ok(app
        .post_form(
            &format!("{filing}/edit/governance"),
            &[
                ("model", "board"),
                ("officers-0-full_name", names[0]),
                ("officers-0-role", "chair"),
                ("officers-1-full_name", names[1]),
                ("officers-1-role", "treasurer"),
                ("officers-2-full_name", names[2]),
                ("officers-2-role", "secretary"),
            ],
        )
        .await);
}

/// A complete founding file, lodged at the court of Errachidia: returns its URL.
pub async fn lodged_founding_file(app: &TestApp) -> String {
    let filing = founder_with_file(app).await;
    complete_founding_file(app, &filing).await;
    for kind in [
        "statutes",
        "constitutive_minutes",
        "bank_certificate",
        "local_authority_receipt",
    ] {
        upload(app, &filing, kind, PDF, "d.pdf", "application/pdf").await;
    }
    let r = app.post_form(&format!("{filing}/submit"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    filing
}

/// The clerk of the court of Errachidia, signed in on a server of their own.
pub async fn errachidia_clerk(app: &TestApp) -> TestApp {
    app.create_staff(
        "greffe@example.ma",
        Role::CourtClerk,
        Some("tpi-errachidia"),
        None,
    )
    .await;
    let clerk = app.second_server().await;
    clerk.sign_in("greffe@example.ma", STAFF_PASSWORD).await;
    clerk
}

/// A founding file registered at Errachidia: the file's URL and id, the new cooperative's id.
pub struct Registered {
    pub filing: String,
    pub id: i64,
    pub cooperative: i64,
}

/// A founding file lodged by the founder (signed in on `app`) and registered by the clerk of
/// Errachidia (`greffe@example.ma`) on a server of their own.
pub async fn registered_founding_file(app: &TestApp) -> Registered {
    let filing = lodged_founding_file(app).await;
    let clerk = errachidia_clerk(app).await;
    let r = clerk
        .post_form(&format!("{filing}/decision"), &[("decision", "register")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the competent clerk registers");
    clerk.stop().await;
    let id: i64 = filing.rsplit('/').next().unwrap().parse().unwrap();
    let cooperative = app.store.filing(id).await.unwrap().cooperative_id.unwrap();
    Registered {
        filing,
        id,
        cooperative,
    }
}
