//! The register and name approval, on SQLite and PostgreSQL: import rules, search in both
//! scripts, the name check, and the journey of a name request through the office.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, STAFF_PASSWORD, TestApp, location};
use reqwest::StatusCode;
use serde_json::Value;
use taawun_domain::{Cooperative, LegalRules, RawCooperative, Role};
use taawun_store::Actor;

both_backends!(
    import_is_idempotent_and_keeps_history,
    search_finds_names_in_both_scripts_with_filters,
    name_check_reports_conflicts_with_reasons,
    name_request_journey_through_the_office,
    name_requests_follow_roles_and_regions,
    expired_reservations_release_the_name,
    bad_search_parameters_are_named,
);

fn record(central: &str, ar: &str, fr: &str, region: &str, province: &str) -> Cooperative {
    let raw = RawCooperative {
        central_number: central.into(),
        kind: "cooperative".into(),
        name_ar: ar.into(),
        name_fr: fr.into(),
        sector: "agriculture".into(),
        region_code: region.into(),
        province_code: province.into(),
        members: "12".into(),
        capital: "5000".into(),
        share_value: "100".into(),
        ..Default::default()
    };
    Cooperative::parse(&raw, &LegalRules::default(), time::macros::date!(2026 - 11 - 23)).unwrap()
}

async fn seed(app: &TestApp) {
    let records = vec![
        record(
            "RC-1",
            "تعاونية الشروق النسوية",
            "Coopérative Echourouk féminine",
            "08",
            "08.201",
        ),
        record(
            "RC-2",
            "تعاونية تيويزي لزيت الأركان",
            "Coopérative Tiwizi d'huile d'argane",
            "09",
            "09.273",
        ),
        record(
            "RC-3",
            "تعاونية الأمل للحليب",
            "Coopérative Al Amal laitière",
            "07",
            "07.161",
        ),
        record(
            "RC-4",
            "تعاونية أيت بوكماز",
            "Coopérative Ait Bouguemez",
            "05",
            "05.081",
        ),
    ];
    app.store
        .import_cooperatives(&records, "test", &Actor::System("test"), |_| {})
        .await
        .unwrap();
    app.names_sync().await;
}

/// The register's indexes, by name (an import into an empty register drops its secondary ones
/// and must build them again).
async fn indexes(app: &TestApp, backend: Backend) -> Vec<String> {
    let url = app.db.as_ref().unwrap().url.clone();
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cooperatives' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(indexname AS TEXT) FROM pg_indexes WHERE tablename = 'cooperatives' AND schemaname = current_schema() ORDER BY 1"
        }
    };
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let names: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
    pool.close().await;
    names
}

async fn import_is_idempotent_and_keeps_history(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let before = indexes(&app, backend).await;
    assert!(before.iter().any(|i| i == "cooperatives_sort"), "{before:?}");
    seed(&app).await;
    assert_eq!(app.store.count_cooperatives().await.unwrap(), 4);
    assert_eq!(
        indexes(&app, backend).await,
        before,
        "the secondary indexes are rebuilt"
    );
    // The same central number updates; a history row (names and region only) is added once.
    let mut again = vec![record(
        "RC-1",
        "تعاونية الشروق النسوية",
        "Coopérative Echourouk féminine",
        "08",
        "08.201",
    )];
    again[0].members = Some(20);
    let history = Cooperative::parse(
        &RawCooperative {
            name_ar: "تعاونية الوفاء".into(),
            name_fr: "Coopérative El Wafae".into(),
            region_code: "02".into(),
            ..Default::default()
        },
        &LegalRules::default(),
        time::macros::date!(2026 - 11 - 23),
    )
    .unwrap();
    again.push(history.clone());
    let s = app
        .store
        .import_cooperatives(&again, "again", &Actor::System("test"), |_| {})
        .await
        .unwrap();
    assert_eq!((s.inserted, s.updated), (1, 1));
    let s = app
        .store
        .import_cooperatives(&again, "again", &Actor::System("test"), |_| {})
        .await
        .unwrap();
    assert_eq!((s.inserted, s.updated), (0, 2), "re-import never duplicates");
    assert_eq!(app.store.count_cooperatives().await.unwrap(), 5);
    app.names_sync().await;
    let body: Value = app
        .get("/api/v1/cooperatives?q=wafae")
        .await
        .json()
        .await
        .unwrap();
    let id = body["items"][0]["id"].as_i64().unwrap();
    let rec: Value = app
        .get(&format!("/api/v1/cooperatives/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rec["history"], true);
    let (status, html) = app.get_text(&format!("/cooperatives/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("سجل قديم"));
    app.stop().await;
}

async fn search_finds_names_in_both_scripts_with_filters(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    seed(&app).await;
    let first_name = |v: &Value| v["items"][0]["name_fr"].as_str().unwrap_or("").to_string();
    // Variant spellings and the other script.
    for q in [
        "chourouk",
        "الشروق",
        "tiouizi",
        "تيويزي",
        "Aït Bougmez",
        "cooperative al amal",
    ] {
        let body = search(&app, q).await;
        assert!(body["total"].as_i64().unwrap() >= 1, "{q}: {body}");
        let expected = match q {
            "chourouk" | "الشروق" => "Echourouk",
            "tiouizi" | "تيويزي" => "Tiwizi",
            "Aït Bougmez" => "Bouguemez",
            _ => "Amal",
        };
        assert!(first_name(&body).contains(expected), "{q}: {body}");
    }
    // Product and generic words find the same names in every spelling, script and language
    // (the matcher's normalisation, not a literal LIKE).
    let names_for = |body: &Value| {
        let mut v: Vec<String> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name_fr"].as_str().unwrap_or("").to_string())
            .collect();
        v.sort();
        v
    };
    for (variants, expected) in [
        (
            &["أركان", "اركان", "argane", "huile argan", "زيت الأركان"][..],
            &["Coopérative Tiwizi d'huile d'argane"][..],
        ),
        (
            &["féminine", "feminine", "النسوية", "نسوية"][..],
            &["Coopérative Echourouk féminine"][..],
        ),
        (
            &["laitière", "laitiere", "الحليب"][..],
            &["Coopérative Al Amal laitière"][..],
        ),
    ] {
        for q in variants {
            let body = search(&app, q).await;
            assert_eq!(names_for(&body), expected, "{q}: {body}");
        }
    }
    // Filters.
    let body: Value = app
        .get("/api/v1/cooperatives?region=09")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["region_code"], "09");
    let body: Value = app
        .get("/api/v1/cooperatives?q=tiwizi&region=08")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["total"], 0);
    let body: Value = app.get("/api/v1/cooperatives").await.json().await.unwrap();
    assert_eq!(body["total"], 4);
    assert_eq!(
        body["items"][0]["name_fr"], "Coopérative Ait Bouguemez",
        "sorted by name"
    );
    // The page, in Arabic.
    let (status, html) = app
        .get_text("/cooperatives?q=%D8%A7%D9%84%D8%B4%D8%B1%D9%88%D9%82")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("تعاونية الشروق النسوية"));
    app.stop().await;
}

fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn name_check_reports_conflicts_with_reasons(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    seed(&app).await;
    let v = check(&app, "تعاونيه الشروق النسويه").await;
    assert_eq!(v["available"], false, "{v}");
    assert_eq!(v["matches"][0]["name_fr"], "Coopérative Echourouk féminine");
    assert!(v["matches"][0]["score"].as_f64().unwrap() >= 0.9);
    let v = check(&app, "Cooperative Chourouk").await;
    assert_eq!(v["available"], false, "cross-script and transliteration: {v}");
    let v = check(&app, "Coopérative Bouguemez Ait").await;
    assert_eq!(v["available"], false, "{v}");
    let v = check(&app, "تعاونية زكزاكو للأبحاث").await;
    assert_eq!(v["available"], true, "{v}");
    let v = check(&app, "Coopérative Echourouk").await;
    assert!(v["matches"].as_array().unwrap().len() <= 10);
    let v: Value = app
        .get("/api/v1/name-check?name=amal&limit=1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["matches"].as_array().unwrap().len(), 1);
    let r = app.get("/api/v1/name-check").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["field"], "name");
    let r = app.get("/api/v1/name-check?name=x&limit=500").await;
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "invalid_limit");
    // A radiated cooperative's name is shown but does not block.
    let mut radiated = record(
        "RC-9",
        "تعاونية المستقبل",
        "Coopérative Al Moustakbal",
        "08",
        "08.201",
    );
    radiated.status = taawun_domain::Status::Radiated;
    app.store
        .import_cooperatives(&[radiated], "t", &Actor::System("test"), |_| {})
        .await
        .unwrap();
    app.names_sync().await;
    let v = check(&app, "تعاونية المستقبل").await;
    assert_eq!(v["available"], true, "{v}");
    assert_eq!(v["matches"][0]["status"], "radiated");
    // A name of common words only is not distinctive, in either script, and the names built on
    // those words are shown; a distinctive name beside the product is judged on its own word.
    for name in [
        "تعاونية أركان",
        "تعاونية اركان",
        "Coopérative Argane",
        "زيت الأركان",
    ] {
        let v = check(&app, name).await;
        assert_eq!(
            (&v["distinctive"], &v["available"]),
            (&Value::Bool(false), &Value::Bool(false)),
            "{name}: {v}"
        );
        assert_eq!(
            v["matches"][0]["name_fr"], "Coopérative Tiwizi d'huile d'argane",
            "{name}: {v}"
        );
        assert_eq!(
            v["matches"][0]["reason"], "shares_descriptive_words",
            "{name}: {v}"
        );
        assert_eq!(v["matches"][0]["blocking"], false, "{name}: {v}");
    }
    let v = check(&app, "تعاونية أركان تافراوت").await;
    assert_eq!(
        (&v["distinctive"], &v["available"]),
        (&Value::Bool(true), &Value::Bool(true)),
        "{v}"
    );
    let (_, html) = app
        .get_text(
            "/names/check?name=%D8%AA%D8%B9%D8%A7%D9%88%D9%86%D9%8A%D8%A9+%D8%A3%D8%B1%D9%83%D8%A7%D9%86",
        )
        .await;
    assert!(
        html.contains("هذا الاسم لا يحمل كلمة مميزة") && html.contains("/kb/questions/q004"),
        "{html}"
    );
    assert!(
        html.contains("تعاونية تيويزي لزيت الأركان") && !html.contains("يبدو أن هذا الاسم متوفر"),
        "{html}"
    );
    // The page.
    let (status, html) = app.get_text("/names/check?name=Cooperative+Echourouk").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("هذا الاسم غير متوفر"));
    app.stop().await;
}

async fn search(app: &TestApp, q: &str) -> Value {
    let url = format!("/api/v1/cooperatives?q={}", urlenc(q));
    app.get(&url).await.json::<Value>().await.unwrap()
}

async fn check(app: &TestApp, name: &str) -> Value {
    let url = format!("/api/v1/name-check?name={}", urlenc(name));
    app.get(&url).await.json::<Value>().await.unwrap()
}

const FOUNDERS: &str = "فاطمة أيت علي\nخديجة بناني\nعائشة الإدريسي\nمريم أوحماد\nزينب العلوي";

async fn name_request_journey_through_the_office(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    seed(&app).await;
    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let r = app
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "cooperative"),
                ("name_ar", "تعاونية السنابل الذهبية"),
                ("name_fr", ""),
                ("region_code", "08"),
                ("founders", "a\nb"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("مؤسسين على الأقل"));
    let r = app
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "cooperative"),
                ("name_ar", "تعاونية السنابل الذهبية"),
                ("name_fr", "Coopérative Assanabil Addahabia"),
                ("region_code", "08"),
                ("founders", FOUNDERS),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let request_url = location(&r);
    let id: i64 = request_url.rsplit('/').next().unwrap().parse().unwrap();
    let (_, html) = app.get_text(&request_url).await;
    assert!(html.contains("في انتظار القرار"));
    assert!(!html.contains("decision-approve"), "the founder cannot decide");
    assert_eq!(
        app.post_form(&format!("{request_url}/decision"), &[("decision", "approve")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    app.post_form("/account/sign-out", &[]).await;

    app.create_staff("agent@odco.ma", Role::OfficeAgent, None, None)
        .await;
    app.sign_in("agent@odco.ma", STAFF_PASSWORD).await;
    let (_, html) = app.get_text("/names/requests").await;
    assert!(html.contains("تعاونية السنابل الذهبية"));
    let (_, html) = app.get_text(&request_url).await;
    assert!(html.contains("decision-approve"));
    let r = app
        .post_form(
            &format!("{request_url}/decision"),
            &[("decision", "reject"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("أدخل تعليل الرفض"));
    let r = app
        .post_form(
            &format!("{request_url}/decision"),
            &[("decision", "approve"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Deciding twice is refused.
    let r = app
        .post_form(
            &format!("{request_url}/decision"),
            &[("decision", "reject"), ("reason", "late")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("عالج إطار آخر هذا الطلب"));
    let request = app.store.name_request(id).await.unwrap();
    assert_eq!(request.status, "approved");
    let code = request.certificate_code.clone().unwrap();
    assert!(request.reserved_until.unwrap() > taawun_store::now() + 80 * 86400);

    // The name is now reserved: the check refuses it, in this process at once.
    let v: Value = app
        .get(&format!(
            "/api/v1/name-check?name={}",
            urlenc("Cooperative Assanabil Addahabia")
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["available"], false, "{v}");
    assert_eq!(v["matches"][0]["source"], "reservation");

    // Anyone can verify the certificate.
    let (visitor, _) = app.new_visitor();
    let r = visitor
        .get(app.url(&format!("/names/certificates/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("تعاونية السنابل الذهبية"));
    // … and download it as a PDF, from the founder's page or with the code.
    let r = visitor
        .get(app.url(&format!("/names/certificates/{code}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if backend == Backend::Sqlite {
        // Kept for people who want to look at it (pdftoppm, a viewer).
        let _ = std::fs::write(
            std::env::temp_dir().join("taawun-name-certificate-sample.pdf"),
            &pdf,
        );
    }
    assert_eq!(
        app.get(&format!("{request_url}/certificate.pdf")).await.status(),
        StatusCode::OK
    );
    let r = visitor
        .get(app.url("/names/certificates/NOPE"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let log = app
        .store
        .audit_entries(&taawun_store::AuditQuery {
            entity: Some("name_request".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log[0].action, "name_request.approve");
    assert_eq!(log[0].actor_label, "agent@odco.ma");
    app.stop().await;
}

async fn name_requests_follow_roles_and_regions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let r = app
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "union"),
                ("name_ar", "اتحاد تعاونيات واحة درعة"),
                ("name_fr", ""),
                ("region_code", "09"),
                ("founders", "أ\nب\nج"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "a union needs 3 member cooperatives"
    );
    let request_url = location(&r);
    app.post_form("/account/sign-out", &[]).await;

    app.create_staff("draa@odco.ma", Role::OfficeAgent, None, Some("08"))
        .await;
    app.sign_in("draa@odco.ma", STAFF_PASSWORD).await;
    assert_eq!(
        app.get(&request_url).await.status(),
        StatusCode::FORBIDDEN,
        "another region's request"
    );
    let (_, html) = app.get_text("/names/requests").await;
    assert!(!html.contains("واحة درعة"));
    app.post_form("/account/sign-out", &[]).await;

    app.create_staff("partner@indh.ma", Role::Partner, None, None)
        .await;
    app.sign_in("partner@indh.ma", STAFF_PASSWORD).await;
    assert_eq!(app.get("/names/requests").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/names/requests/new").await.status(),
        StatusCode::FORBIDDEN
    );
    app.post_form("/account/sign-out", &[]).await;
    let r = app.get("/names/requests/new").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "anonymous: sign in first");
    app.stop().await;
}

async fn bad_search_parameters_are_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (query, field) in [
        ("region=13", "region"),
        ("sector=space", "sector"),
        ("status=asleep", "status"),
        ("page=0", "page"),
    ] {
        let r = app.get(&format!("/api/v1/cooperatives?{query}&lang=fr")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["field"], field, "{query}");
    }
    let (status, html) = app.get_text("/cooperatives?region=13").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("error-summary"));
    assert_eq!(
        app.get("/api/v1/cooperatives/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/cooperatives/abc").await.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn expired_reservations_release_the_name(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let r = app
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "cooperative"),
                ("name_ar", "تعاونية الواحة الخضراء"),
                ("name_fr", ""),
                ("region_code", "08"),
                ("founders", FOUNDERS),
            ],
        )
        .await;
    let id: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    let user = app.store.name_request(id).await.unwrap().applicant_user_id;
    // Approved with a reservation of a day; the expiry job then runs as if two days had
    // passed (its clock is a parameter: no test waits for time to pass).
    let decision = taawun_store::NameDecision {
        approve: true,
        reason: None,
        reserved_until: Some(taawun_store::now() + 86_400),
        certificate_code: Some("EXPIRING"),
        decided_by: user,
    };
    app.store
        .decide_name_request(id, &decision, &Actor::System("test"))
        .await
        .unwrap();
    app.names_sync().await;
    assert_eq!(check(&app, "تعاونية الواحة الخضراء").await["available"], false);
    assert!(
        app.store.expire_name_reservations().await.unwrap().is_empty(),
        "a running reservation stays"
    );
    let later = taawun_store::now() + 2 * 86_400;
    let released = app.store.expire_name_reservations_at(later).await.unwrap();
    assert_eq!(released, vec![id]);
    assert!(
        app.store
            .expire_name_reservations_at(later)
            .await
            .unwrap()
            .is_empty(),
        "idempotent"
    );
    app.names_sync().await;
    assert_eq!(check(&app, "تعاونية الواحة الخضراء").await["available"], true);
    assert_eq!(app.store.name_request(id).await.unwrap().status, "expired");
    let (_, html) = app.get_text("/names/certificates/EXPIRING").await;
    assert!(html.contains("هذه الشهادة لم تعد صالحة"));
    app.stop().await;
}
