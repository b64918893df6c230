//! Personal data (Law 09-08): public outputs carry none, a person's data is exported on
//! request, and erased on request except what the register must keep.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Backend, TestApp, founding::registered_founding_file, location};
use reqwest::StatusCode;

both_backends!(personal_data_is_kept_out_exported_and_erased);

fn admin(args: &[&str], url: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .arg("admin")
        .args(args)
        .args(["--database", url])
        .env_remove("TAAWUN_DATABASE_URL")
        .output()
        .unwrap()
}

async fn personal_data_is_kept_out_exported_and_erased(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let url = app.db.as_ref().unwrap().url.clone();
    // A registered cooperative whose founders gave their identity numbers (UA123450 …).
    let registered = registered_founding_file(&app).await;
    let (id, coop) = (registered.id, registered.cooperative);
    let r = app
        .post_form(&format!("/cooperatives/{coop}/extracts"), &[])
        .await;
    let extract = location(&r);

    // Nothing personal in what anyone can read or download.
    let visitor = app.second_server().await;
    for path in [
        "/open-data/cooperatives.csv".to_string(),
        "/api/v1/cooperatives".into(),
        format!("/api/v1/cooperatives/{coop}"),
        "/cooperatives".into(),
        format!("/cooperatives/{coop}"),
        "/api/v1/stats?by=region,sector".into(),
        "/stats".into(),
        extract.clone(),
    ] {
        let (status, body) = visitor.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for personal in ["UA12345", "founder@example.ma", "greffe@example.ma"] {
            assert!(!body.contains(personal), "{path} shows {personal}");
        }
    }
    visitor.stop().await;

    // Someone else asks for a name, then exercises their rights.
    let person = app.second_server().await;
    person
        .sign_up("Hassan Idrissi", "hassan@example.ma", "a passphrase of his own")
        .await;
    let r = person
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "cooperative"),
                ("name_ar", "تعاونية الواحة الخضراء"),
                ("region_code", "08"),
                (
                    "founders",
                    "Hassan Idrissi\nSaid Amrani\nOmar Tazi\nAli Bennani\nDriss Alami",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let request: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    person.stop().await;

    let out = admin(&["personal-data", "--email", "hassan@example.ma"], &url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(data["account"]["email"], "hassan@example.ma");
    assert_eq!(data["account"]["display_name"], "Hassan Idrissi");
    assert!(
        data["name_requests"][0]["founders"]
            .as_str()
            .unwrap()
            .contains("Said Amrani")
    );

    let out = admin(&["erase-personal-data", "--email", "hassan@example.ma"], &url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = admin(&["personal-data", "--email", "hassan@example.ma"], &url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(data["account"].is_null(), "the e-mail is gone: {data}");
    let r = app.sign_in("hassan@example.ma", "a passphrase of his own").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "nobody signs in as him");
    let founders = app.store.name_request(request).await.unwrap().founders;
    assert!(
        !founders.iter().any(|f| f.contains("Said")),
        "the founders are gone"
    );

    // The founder of the registered cooperative: the account goes, the register stays.
    let out = admin(&["erase-personal-data", "--email", "founder@example.ma"], &url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let f = app.store.filing(id).await.unwrap();
    assert_eq!(f.status, "registered");
    assert!(
        f.detail.contains("UA12345"),
        "the register's file is kept, as the law requires"
    );
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args(["verify", "--database", &url])
        .output()
        .unwrap();
    assert!(verify.status.success());
    app.stop().await;
}
