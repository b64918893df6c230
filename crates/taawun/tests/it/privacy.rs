//! Personal data (Law 09-08): public outputs carry none, a person's data is exported on
//! request, and erased on request except what the register must keep.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{
    Backend, TestApp,
    founding::{complete_founding_file, founder_with_file, registered_founding_file},
    location,
};
use reqwest::StatusCode;

both_backends!(
    personal_data_is_kept_out_exported_and_erased,
    erasure_leaves_no_identity_number_anywhere,
    the_audit_log_and_the_outbox_are_read_within_reach,
    contacts_are_public_only_when_the_managers_publish_them
);

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
        data["messages"][0]["body"]
            .as_str()
            .unwrap()
            .contains("/account/confirm/"),
        "what was written to him: {data}"
    );
    assert!(
        data["name_requests"][0]["founders"]
            .as_str()
            .unwrap()
            .contains("Said Amrani")
    );

    // A failed sign-in of his (counted by his e-mail); his browser is known to his account.
    let r = app.sign_in("hassan@example.ma", "not his passphrase").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let out = admin(&["erase-personal-data", "--email", "hassan@example.ma"], &url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sqlx::any::install_default_drivers();
    let raw = sqlx::AnyPool::connect(&url).await.unwrap();
    for (what, sql) in [
        (
            "failures",
            "SELECT COUNT(*) FROM login_failures WHERE throttle_key LIKE '%hassan@example.ma%'",
        ),
        (
            "known browsers",
            "SELECT COUNT(*) FROM known_devices d JOIN users u ON u.id = d.user_id WHERE u.disabled = 1",
        ),
    ] {
        let left: i64 = sqlx::query_scalar(sql).fetch_one(&raw).await.unwrap();
        assert_eq!(left, 0, "his {what} are gone");
    }
    raw.close().await;
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

/// The identity numbers a founder typed into a file that never reached the register are, after
/// erasure, nowhere in the database — not in the file, not in the audit log (which never held
/// them), not in the database's files on disk (SQLite: the file and its write-ahead log read
/// byte by byte; PostgreSQL: every row of every table).
async fn erasure_leaves_no_identity_number_anywhere(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    let filing = founder_with_file(&app).await;
    complete_founding_file(&app, &filing).await; // founders UA123450 … UA123454
    let entries = app
        .store
        .audit_entries(&taawun_store::AuditQuery {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(entries.iter().any(|e| e.action == "filing.update"));
    for e in &entries {
        let text = format!("{:?}{:?}", e.before_json, e.after_json);
        assert!(
            !text.contains("UA12345"),
            "audit entry {} holds an identity number: {text}",
            e.action
        );
        assert!(
            !text.contains("Khadija Ouali"),
            "audit entry {} holds a founder's name",
            e.action
        );
    }
    let id: i64 = filing.rsplit('/').next().unwrap().parse().unwrap();
    assert!(app.store.filing(id).await.unwrap().detail.contains("UA123452"));
    let db = app.db.take().unwrap();
    app.stop().await; // no server holds the database while the erasure runs

    let out = admin(&["erase-personal-data", "--email", "founder@example.ma"], &db.url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    match backend {
        Backend::Sqlite => {
            let path = db.url.strip_prefix("sqlite://").unwrap();
            for file in [path.to_string(), format!("{path}-wal")] {
                let Ok(bytes) = std::fs::read(&file) else { continue };
                assert!(
                    !bytes.windows(7).any(|w| w == b"UA12345"),
                    "{file} still holds an identity number"
                );
            }
        }
        Backend::Postgres => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&db.url)
                .await
                .unwrap();
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            assert!(tables.len() > 20, "{tables:?}");
            for table in tables {
                let n: i64 = sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM \"{table}\" t WHERE t::text LIKE '%UA12345%'"
                ))
                .fetch_one(&pool)
                .await
                .unwrap();
                assert_eq!(n, 0, "{table} still holds an identity number");
            }
            pool.close().await;
        }
    }
    drop(db);
}

fn record_in(region: &str, number: &str, name: &str) -> taawun_domain::RawCooperative {
    taawun_domain::RawCooperative {
        central_number: number.into(),
        kind: "cooperative".into(),
        name_ar: name.into(),
        status: "active".into(),
        sector: "agriculture".into(),
        branch: "dates".into(),
        region_code: region.into(),
        founded_on: "2020-02-01".into(),
        immatriculated_on: "2020-03-15".into(),
        share_value: "100".into(),
        capital: "5000".into(),
        members: "7".into(),
        ..Default::default()
    }
}

/// An office agent of one region reads the audit log and the outbox of their region only;
/// national staff read all of them; nobody else reads either.
async fn the_audit_log_and_the_outbox_are_read_within_reach(backend: Backend) {
    use taawun_domain::Role;
    use taawun_store::{About, Actor, NewMessage};
    let app = TestApp::spawn(backend).await;
    founder_with_file(&app).await; // a name request and a file of region 08
    let draa = app
        .import_record(&record_in("08", "2020-C0000801", "تعاونية درعة"))
        .await;
    let rabat = app
        .import_record(&record_in("04", "2020-C0000401", "تعاونية الرباط"))
        .await;
    let message = |to: &str, about| NewMessage {
        to_address: to.into(),
        lang: "ar".into(),
        topic: "test".into(),
        subject: "تذكير".into(),
        body: "رسالة".into(),
        about,
    };
    app.store
        .enqueue_messages(
            &[
                message("member.draa@example.com", About::Cooperative(draa)),
                message("member.rabat@example.com", About::Cooperative(rabat)),
                message("everyone@example.com", About::National),
            ],
            "test",
            &Actor::System("test"),
        )
        .await
        .unwrap();
    app.create_staff("agent.draa@example.ma", Role::OfficeAgent, None, Some("08"))
        .await;
    app.create_staff("agent.rabat@example.ma", Role::OfficeAgent, None, Some("04"))
        .await;
    app.create_staff("agent@example.ma", Role::OfficeAgent, None, None)
        .await;
    let read = |client: reqwest::Client, path: &'static str| {
        let url = app.url(path);
        async move {
            let r = client.get(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (draa_agent, _) = app.staff_visitor("agent.draa@example.ma").await;
    let (status, audit) = read(draa_agent.clone(), "/admin/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(audit.contains("filing.create") && audit.contains("name_request.create"));
    let (_, outbox) = read(draa_agent, "/admin/outbox").await;
    assert!(outbox.contains("member.draa@example.com"));
    assert!(!outbox.contains("member.rabat@example.com") && !outbox.contains("everyone@example.com"));

    let (rabat_agent, _) = app.staff_visitor("agent.rabat@example.ma").await;
    let (status, audit) = read(rabat_agent.clone(), "/admin/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !audit.contains("filing.create") && !audit.contains("name_request.create"),
        "{audit}"
    );
    let (_, outbox) = read(rabat_agent, "/admin/outbox").await;
    assert!(outbox.contains("member.rabat@example.com"));
    assert!(!outbox.contains("member.draa@example.com") && !outbox.contains("everyone@example.com"));

    let (national, _) = app.staff_visitor("agent@example.ma").await;
    let (_, audit) = read(national.clone(), "/admin/audit").await;
    assert!(audit.contains("filing.create"));
    let (_, outbox) = read(national, "/admin/outbox").await;
    for to in [
        "member.draa@example.com",
        "member.rabat@example.com",
        "everyone@example.com",
    ] {
        assert!(outbox.contains(to), "{to}");
    }
    // The founder (a cooperative manager) reads neither.
    assert_eq!(app.get("/admin/audit").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/admin/outbox").await.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

/// A cooperative's phone and e-mail are in no public output until its managers publish them;
/// the record then says so, and withdrawing them hides them again.
async fn contacts_are_public_only_when_the_managers_publish_them(backend: Backend) {
    use taawun_domain::Role;
    use taawun_store::Actor;
    let app = TestApp::spawn(backend).await;
    let mut raw = record_in("08", "2020-C0000802", "تعاونية الواحة");
    raw.phone = "+212600000111".into();
    raw.email = "contact@oasis.example.ma".into();
    let id = app.import_record(&raw).await;
    app.create_staff("manager@oasis.example.ma", Role::CooperativeManager, None, None)
        .await;
    let users = app.store.users().await.unwrap();
    let manager = users
        .iter()
        .find(|u| u.email == "manager@oasis.example.ma")
        .unwrap();
    app.store
        .link_manager(id, manager.id, &Actor::System("test"))
        .await
        .unwrap();
    let public = [
        format!("/api/v1/cooperatives/{id}"),
        "/api/v1/cooperatives?q=الواحة".to_string(),
        format!("/cooperatives/{id}"),
        format!("/cooperatives/{id}/shop"),
        "/cooperatives?q=الواحة".to_string(),
        "/open-data/cooperatives.csv".to_string(),
    ];
    let (visitor, _) = app.new_visitor();
    let read_all = |client: reqwest::Client| {
        let urls: Vec<String> = public.iter().map(|p| app.url(p)).collect();
        async move {
            let mut texts = Vec::new();
            for url in urls {
                let r = client.get(&url).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK, "{url}");
                texts.push((url, r.text().await.unwrap()));
            }
            texts
        }
    };
    for (url, text) in read_all(visitor.clone()).await {
        assert!(
            !text.contains("600000111") && !text.contains("contact@oasis"),
            "{url} shows an unpublished contact"
        );
    }
    let record = get_json(&visitor, app.url(&format!("/api/v1/cooperatives/{id}"))).await;
    assert_eq!(record["contact_public"], false);

    // The manager sees the contacts on the cooperative's page and publishes them.
    let (manager, token) = app.staff_visitor("manager@oasis.example.ma").await;
    let page = get_text(&manager, app.url(&format!("/cooperatives/{id}"))).await;
    assert!(page.contains("600000111") && page.contains(&format!("/cooperatives/{id}/contact")));
    let publish = |value: &'static str| {
        let manager = manager.clone();
        let url = app.url(&format!("/cooperatives/{id}/contact"));
        let token = token.clone();
        async move {
            let r = manager
                .post(url)
                .form(&[("publish", value), ("csrf_token", &token)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
    };
    publish("1").await;
    let record = get_json(&visitor, app.url(&format!("/api/v1/cooperatives/{id}"))).await;
    assert_eq!(record["contact_public"], true);
    assert_eq!(record["phone"], "+212600000111");
    let shop = get_text(&visitor, app.url(&format!("/cooperatives/{id}/shop"))).await;
    assert!(shop.contains("contact@oasis.example.ma"));
    // The bulk dump never carries contacts, published or not.
    let dump = get_text(&visitor, app.url("/open-data/cooperatives.csv")).await;
    assert!(!dump.contains("600000111"));

    // Another visitor cannot change the choice; the manager withdraws it.
    let (other, _) = app.new_visitor();
    let r = other
        .post(app.url(&format!("/cooperatives/{id}/contact")))
        .form(&[("publish", "0")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error() || r.status() == StatusCode::SEE_OTHER);
    publish("0").await;
    for (url, text) in read_all(visitor).await {
        assert!(
            !text.contains("600000111"),
            "{url} still shows a withdrawn contact"
        );
    }
}

async fn get_text(client: &reqwest::Client, url: String) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

async fn get_json(client: &reqwest::Client, url: String) -> serde_json::Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}
