//! The legal life of a cooperative through the pages, on both databases: founding file,
//! immatriculation by the competent clerk (and refusal for the wrong one), modification,
//! adaptation, radiation, extracts that verify, and a register whose tampering is detected.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, STAFF_PASSWORD, TestApp, founding::*, location};
use reqwest::StatusCode;
use taawun_domain::Role;
use taawun_store::Actor;

both_backends!(
    founding_to_radiation_with_extracts,
    wrong_roles_are_refused,
    adaptation_followed_by_the_office,
    a_union_is_founded_by_member_cooperatives,
    tampering_with_the_register_is_detected,
    one_approved_name_founds_one_file,
    a_name_already_registered_is_refused_at_registration,
    the_seat_lies_in_the_names_region
);

/// An extract PDF printed anew with invented figures (a capital of 9 999 999, another name)
/// around the genuine PDF's signed attachment, kept byte for byte: the forgery of issue 23.
fn forged_extract(genuine: &[u8]) -> Vec<u8> {
    let attachment =
        taawun_documents::extract_attachment(genuine, taawun_documents::ATTACHMENT_NAME).unwrap();
    let values = taawun_documents::ExtractValues {
        lang: taawun_documents::DocLang::Fr,
        title: "Extrait du registre des coopératives".into(),
        cooperative_name_ar: String::new(),
        cooperative_name_fr: "Coopérative Inventée".into(),
        registration_number: "1".into(),
        central_number: "—".into(),
        court: "Tribunal".into(),
        seat: "Errachidia".into(),
        legal_form: "Coopérative".into(),
        status: "Active".into(),
        object: "Tout".into(),
        capital: "9 999 999 MAD".into(),
        immatriculated_on: "—".into(),
        last_entry_kind: String::new(),
        last_entry_date: String::new(),
        last_entry_number: String::new(),
        entries: Vec::new(),
        issued_at: "—".into(),
        code: "FORGED".into(),
        verify_url: "https://example.invalid/verify".into(),
        qr_text: None,
        labels: taawun_documents::ExtractLabels::default(),
    };
    let forged = taawun_documents::extract_pdf(&values, &attachment).unwrap();
    assert_eq!(
        taawun_documents::extract_attachment(&forged, taawun_documents::ATTACHMENT_NAME),
        Some(attachment),
        "the forgery carries the genuine signed attachment"
    );
    forged
}

/// Twelve simultaneous «start the founding file» for one approved name open one file, and
/// every one of them lands on it; the database refuses a second live file for the name even
/// when written directly; once the file is withdrawn, the founder can start again.
async fn one_approved_name_founds_one_file(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let name = founder_with_approved_name(&app).await.to_string();
    let fields = [("name_request", name.as_str())];
    let responses =
        futures_util::future::join_all((0..12).map(|_| app.post_form("/filings/new", &fields))).await;
    let targets: Vec<String> = responses
        .iter()
        .map(|r| {
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            location(r)
        })
        .collect();
    assert!(targets.iter().all(|t| t == &targets[0]), "{targets:?}");
    let name_id: i64 = name.parse().unwrap();
    async fn live_files(store: &taawun_store::Store, name: i64) -> usize {
        let all = store.filings(&Default::default()).await.unwrap();
        all.iter()
            .filter(|f| f.name_request_id == Some(name) && f.status != "withdrawn")
            .count()
    }
    assert_eq!(live_files(&app.store, name_id).await, 1);

    // The rule holds in the store and in the schema, not only in the page.
    let first = app
        .store
        .filing(targets[0].rsplit('/').next().unwrap().parse().unwrap())
        .await
        .unwrap();
    let again = taawun_store::NewFiling {
        kind: "immatriculation".into(),
        cooperative_id: None,
        name_request_id: Some(name_id),
        applicant_user_id: first.applicant_user_id,
        region_code: "08".into(),
        detail: first.detail.clone(),
    };
    assert!(matches!(
        app.store.create_filing(&again, &Actor::System("test")).await,
        Err(taawun_store::StoreError::Conflict("name_request"))
    ));
    sqlx::any::install_default_drivers();
    let raw = sqlx::AnyPool::connect(&app.db.as_ref().unwrap().url)
        .await
        .unwrap();
    let inserted = sqlx::query(
        "INSERT INTO filings (kind, status, name_request_id, applicant_user_id, region_code, detail, created_at, updated_at)
         VALUES ('immatriculation', 'draft', $1, $2, '08', '{}', 0, 0)",
    )
    .bind(name_id)
    .bind(first.applicant_user_id)
    .execute(&raw)
    .await;
    assert!(inserted.is_err(), "the unique index refuses a second live file");
    raw.close().await;
    assert_eq!(live_files(&app.store, name_id).await, 1);

    // Withdrawing asks first: a post without the confirmation leads to the question and
    // changes nothing; the question says what it means and offers the way back.
    let withdraw = format!("{}/withdraw", targets[0]);
    let r = app.post_form(&withdraw, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), withdraw);
    assert_eq!(live_files(&app.store, name_id).await, 1, "nothing withdrawn yet");
    let (status, page) = app.get_text(&withdraw).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("هل تريدون سحب هذا الملف؟")
            && page.contains("name=\"confirm\" value=\"yes\"")
            && page.contains(&format!("href=\"{}\"", targets[0])),
        "{page}"
    );
    // Withdrawn, the name (still approved) founds a new file, and the file says so.
    let r = app.post_form(&withdraw, &[("confirm", "yes")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(live_files(&app.store, name_id).await, 0);
    let (_, page) = app.get_text(&targets[0]).await;
    assert!(page.contains("التسمية المصادق عليها ما زالت صالحة"), "{page}");
    let (_, page) = app.get_text("/filings").await;
    assert!(
        page.contains(&format!("value=\"{name}\"")),
        "the approved name is offered again"
    );
    let r = app.post_form("/filings/new", &[("name_request", &name)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_ne!(location(&r), targets[0]);
    assert_eq!(live_files(&app.store, name_id).await, 1);
    app.stop().await;
}

/// A clerk cannot register a file under the name of a live cooperative: the file stays lodged
/// and the clerk reads why, in their language.
async fn a_name_already_registered_is_refused_at_registration(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let filing = lodged_founding_file(&app).await;
    app.import_record(&taawun_domain::RawCooperative {
        central_number: "2019-C0000777".into(),
        kind: "cooperative".into(),
        name_ar: "تعاونية النخيل الذهبي".into(),
        status: "active".into(),
        sector: "agriculture".into(),
        branch: "dates".into(),
        region_code: "01".into(),
        founded_on: "2019-02-01".into(),
        immatriculated_on: "2019-03-15".into(),
        share_value: "100".into(),
        capital: "5000".into(),
        members: "7".into(),
        ..Default::default()
    })
    .await;
    let clerk = errachidia_clerk(&app).await;
    let r = clerk
        .post_form(&format!("{filing}/decision"), &[("decision", "register")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let page = r.text().await.unwrap();
    assert!(page.contains("تعاونية قائمة مسجلة بهذا الاسم نفسه"), "{page}");
    let id: i64 = filing.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(app.store.filing(id).await.unwrap().status, "submitted");
    clerk.stop().await;
    app.stop().await;
}

async fn founding_to_radiation_with_extracts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let filing = founder_with_file(&app).await;
    // A fresh file lists what is missing and cannot be lodged.
    let (status, html) = app.get_text(&filing).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ce qui manque") || html.contains("ما يزال ناقصا"));
    assert_eq!(
        app.post_form(&format!("{filing}/submit"), &[]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // A paid-up amount under a quarter is refused with the rule named.
    app.post_form(&format!("{filing}/edit/capital"), &[("share_value", "100")])
        .await;
    let r = app
        .post_form(
            &format!("{filing}/edit/founders"),
            &[
                ("founders-0-full_name", "Fatima Zahra"),
                ("founders-0-id_number", "UA1"),
                ("founders-0-shares", "10"),
                ("founders-0-paid", "10"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().await.unwrap().contains("250"),
        "a quarter of 1,000 dirhams"
    );

    complete_founding_file(&app, &filing).await;
    // The model statutes come filled in with the file.
    let (status, html) = app.get_text(&format!("{filing}/statutes")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("تعاونية النخيل الذهبي"), "the name is filled in");
    assert!(html.contains("2\u{202f}000"), "the capital is filled in");
    let pdf = app.get(&format!("{filing}/statutes.pdf")).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    // An HTML file claiming to be a PDF is refused; real documents are kept.
    assert_eq!(
        upload(
            &app,
            &filing,
            "statutes",
            b"<html><script>",
            "statuts.pdf",
            "application/pdf"
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    for kind in [
        "statutes",
        "constitutive_minutes",
        "bank_certificate",
        "local_authority_receipt",
    ] {
        assert_eq!(
            upload(
                &app,
                &filing,
                kind,
                PDF,
                &format!("{kind}.pdf"),
                "application/pdf"
            )
            .await,
            StatusCode::SEE_OTHER
        );
    }
    let (_, html) = app.get_text(&filing).await;
    assert!(html.contains("/submit"), "complete: the submit button shows");
    let r = app.post_form(&format!("{filing}/submit"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id: i64 = filing.rsplit('/').next().unwrap().parse().unwrap();
    let f = app.store.filing(id).await.unwrap();
    assert_eq!(f.status, "submitted");
    assert_eq!(
        f.court_code.as_deref(),
        Some("tpi-errachidia"),
        "the court of the seat"
    );

    // The clerk of that court registers it.
    let clerk = errachidia_clerk(&app).await;
    let (_, inbox) = clerk.get_text("/filings").await;
    assert!(inbox.contains(&format!("/filings/{id}")));
    let r = clerk
        .post_form(&format!("{filing}/decision"), &[("decision", "register")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let f = app.store.filing(id).await.unwrap();
    assert_eq!(f.status, "registered");
    let coop_id = f.cooperative_id.unwrap();
    let coop = app.store.cooperative(coop_id).await.unwrap();
    assert_eq!(coop.status, "active");
    assert_eq!(
        coop.local_number.as_deref(),
        Some("1"),
        "first entry of the court's register"
    );
    assert_eq!(coop.capital, Some(2000));
    assert_eq!(coop.women_members, Some(5));
    assert!(coop.central_number.is_some());
    // Registering twice is refused: the file is no longer pending.
    assert_eq!(
        clerk
            .post_form(&format!("{filing}/decision"), &[("decision", "register")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Anyone gets an extract; it verifies as genuine and current.
    let visitor = app.second_server().await;
    let r = visitor
        .post_form(&format!("/cooperatives/{coop_id}/extracts"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let extract_url = location(&r);
    let code = extract_url.rsplit('/').next().unwrap().to_string();
    let (status, html) = visitor.get_text(&extract_url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg") && html.contains(&code));
    let (_, html) = visitor.get_text(&format!("/verify/{code}")).await;
    assert!(html.contains("مستخرج صحيح ومحين"), "{html}");
    let pdf = visitor.get(&format!("/extracts/{code}/pdf")).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let pdf = pdf.bytes().await.unwrap();
    let file = std::env::temp_dir().join(format!("extract-{code}.pdf"));
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args([
            "verify-extract",
            file.to_str().unwrap(),
            "--database",
            &app.db.as_ref().unwrap().url,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("GENUINE"), "{stdout}");
    assert!(stdout.contains("Signed facts"), "{stdout}");
    assert!(stdout.contains(&format!("  code: {code}")), "{stdout}");
    assert!(stdout.contains("  capital: 2000"), "{stdout}");

    // Invented figures printed around the genuine signed attachment: not genuine, with or
    // without the genuine PDF's seal copied on, and the signed facts are printed to compare.
    let forged = forged_extract(&pdf);
    let seal_line = &pdf[pdf[..pdf.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1..];
    let resealed = [forged.as_slice(), b"\n", seal_line].concat();
    for (what, bytes, why) in [
        ("unsealed", forged.clone(), "not sealed by the office"),
        (
            "with a copied seal",
            resealed,
            "changed after the office sealed it",
        ),
    ] {
        let forgery = std::env::temp_dir().join(format!("forged-{code}.pdf"));
        std::fs::write(&forgery, &bytes).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
            .args([
                "verify-extract",
                forgery.to_str().unwrap(),
                "--database",
                &app.db.as_ref().unwrap().url,
            ])
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&forgery);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(!out.status.success(), "{what}: {stdout}");
        assert!(
            stderr.contains("NOT GENUINE") && stderr.contains(why),
            "{what}: {stderr}"
        );
        assert!(!stdout.contains("GENUINE:"), "{what}: {stdout}");
        assert!(stdout.contains("Signed facts"), "{what}: {stdout}");
        assert!(stdout.contains("  capital: 2000"), "{what}: {stdout}");
    }

    // A modification by the cooperative's manager: new capital.
    let r = app
        .post_form(
            &format!("/cooperatives/{coop_id}/filings/modification"),
            &[
                ("subjects", "capital"),
                ("capital", "5000"),
                ("share_value", "100"),
                ("subjects", "board"),
                ("officers-0-full_name", "Mina Tazi"),
                ("officers-0-role", "chair"),
                ("officers-1-full_name", "Zineb Alaoui"),
                ("officers-1-role", "treasurer"),
                ("officers-2-full_name", "Khadija Ouali"),
                ("officers-2-role", "secretary"),
                ("decided_on", "2026-11-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let modification = location(&r);
    for kind in ["egm_minutes", "statutes", "board_minutes"] {
        assert_eq!(
            upload(&app, &modification, kind, PDF, "pv.pdf", "application/pdf").await,
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(
        app.post_form(&format!("{modification}/submit"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        clerk
            .post_form(&format!("{modification}/decision"), &[("decision", "register")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.store.cooperative(coop_id).await.unwrap().capital, Some(5000));
    let entry = app
        .store
        .entries_of_cooperative(coop_id)
        .await
        .unwrap()
        .pop()
        .unwrap();
    let content: serde_json::Value = serde_json::from_str(&entry.content).unwrap();
    assert_eq!(
        content["officers"][0]["full_name"], "Mina Tazi",
        "the new board is in the register"
    );
    // The earlier extract is still genuine, but no longer current.
    let (_, html) = visitor.get_text(&format!("/verify/{code}")).await;
    assert!(html.contains("مستخرج صحيح لكنه متجاوز"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args([
            "verify-extract",
            file.to_str().unwrap(),
            "--database",
            &app.db.as_ref().unwrap().url,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("OUTDATED"));
    let _ = std::fs::remove_file(&file);

    // A rejected radiation comes back with its reasons, then is registered once corrected.
    let r = app
        .post_form(
            &format!("/cooperatives/{coop_id}/filings/radiation"),
            &[
                ("cause", "liquidation"),
                ("decided_on", "2026-11-10"),
                ("liquidator", "Aicha Benali"),
            ],
        )
        .await;
    let radiation = location(&r);
    for kind in ["dissolution_minutes", "liquidation_report"] {
        upload(&app, &radiation, kind, PDF, "doc.pdf", "application/pdf").await;
    }
    app.post_form(&format!("{radiation}/submit"), &[]).await;
    let r = clerk
        .post_form(
            &format!("{radiation}/decision"),
            &[("decision", "reject"), ("reason", "")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refusal needs its reasons"
    );
    clerk
        .post_form(
            &format!("{radiation}/decision"),
            &[("decision", "reject"), ("reason", "Procès-verbal non signé")],
        )
        .await;
    let (_, html) = app.get_text(&radiation).await;
    assert!(html.contains("Procès-verbal non signé"));
    app.post_form(&format!("{radiation}/submit"), &[]).await;
    clerk
        .post_form(&format!("{radiation}/decision"), &[("decision", "register")])
        .await;
    assert_eq!(app.store.cooperative(coop_id).await.unwrap().status, "radiated");

    // Three numbered entries in the court's chronological register, chained and intact.
    let entries = app.store.entries_of_cooperative(coop_id).await.unwrap();
    let numbers: Vec<i64> = entries.iter().map(|e| e.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(entries[1].prev_hash, entries[0].hash);
    let report = app.store.verify_registers().await.unwrap();
    assert!(report.iter().all(|(_, v)| v.is_ok()));
    // The office sees it in the central register.
    app.create_staff("agent@example.ma", Role::OfficeAgent, None, None)
        .await;
    let office = app.second_server().await;
    office.sign_in("agent@example.ma", STAFF_PASSWORD).await;
    let (status, html) = office.get_text("/register").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("tpi-errachidia") && html.contains("000003"),
        "the third entry of the court"
    );
    app.stop().await;
}

async fn wrong_roles_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let filing = lodged_founding_file(&app).await;
    // The clerk of another court neither sees nor decides it.
    app.create_staff(
        "greffe.fes@example.ma",
        Role::CourtClerk,
        Some("tpi-tiflet"),
        None,
    )
    .await;
    let other = app.second_server().await;
    other.sign_in("greffe.fes@example.ma", STAFF_PASSWORD).await;
    assert_eq!(other.get(&filing).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        other
            .post_form(&format!("{filing}/decision"), &[("decision", "register")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // Another founder cannot read it; the founder cannot register it.
    let stranger = app.second_server().await;
    stranger
        .sign_up("Other", "other@example.ma", "another passphrase")
        .await;
    assert_eq!(stranger.get(&filing).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.post_form(&format!("{filing}/decision"), &[("decision", "register")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // A regional agent of another region does not see it; a visitor must sign in.
    app.create_staff("agent.fes@example.ma", Role::OfficeAgent, None, Some("03"))
        .await;
    let agent = app.second_server().await;
    agent.sign_in("agent.fes@example.ma", STAFF_PASSWORD).await;
    assert_eq!(agent.get(&filing).await.status(), StatusCode::FORBIDDEN);
    let visitor = app.second_server().await;
    assert_eq!(visitor.get(&filing).await.status(), StatusCode::SEE_OTHER);
    // Nobody but the cooperative's manager files for it.
    assert_eq!(
        stranger.get("/cooperatives/1/filings/radiation").await.status(),
        StatusCode::FORBIDDEN
    );
    app.stop().await;
}

async fn tampering_with_the_register_is_detected(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let filing = lodged_founding_file(&app).await;
    let clerk = errachidia_clerk(&app).await;
    clerk
        .post_form(&format!("{filing}/decision"), &[("decision", "register")])
        .await;
    let url = app.db.as_ref().unwrap().url.clone();
    let verify = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
            .args(["verify", "--database", &url])
            .output()
            .unwrap()
    };
    let out = verify();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // The application cannot change an entry…
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    assert!(
        sqlx::query("UPDATE register_entries SET entry_date = '2000-01-01'")
            .execute(&pool)
            .await
            .is_err()
    );
    // …and someone who bypasses the guard is caught by the chain.
    match backend {
        Backend::Sqlite => {
            sqlx::query("DROP TRIGGER register_entries_no_update")
                .execute(&pool)
                .await
                .unwrap();
        }
        Backend::Postgres => {
            sqlx::query("ALTER TABLE register_entries DISABLE TRIGGER register_entries_no_update")
                .execute(&pool)
                .await
                .unwrap();
        }
    }
    sqlx::query("UPDATE register_entries SET content = REPLACE(content, '2000', '9000')")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let out = verify();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("BROKEN at entry 1"));
    app.stop().await;
}

/// A cooperative founded under Law 24-83, as the historical register holds it.
async fn pre_existing(app: &TestApp, name: &str, email: &str) -> i64 {
    let raw = taawun_domain::RawCooperative {
        central_number: format!("RC-1998-{:07}", name.chars().map(u32::from).sum::<u32>()),
        kind: "cooperative".into(),
        name_ar: name.into(),
        status: "active".into(),
        sector: "agriculture".into(),
        region_code: "08".into(),
        province_code: ERRACHIDIA.into(),
        court_code: "tpi-errachidia".into(),
        founded_on: "1998-05-04".into(),
        members: "12".into(),
        email: email.into(),
        pre_112_12: "1".into(),
        adaptation_state: "not_filed".into(),
        ..Default::default()
    };
    let c = taawun_domain::Cooperative::parse(
        &raw,
        &taawun_domain::LegalRules::default(),
        time::macros::date!(2026 - 11 - 23),
    )
    .unwrap();
    app.store
        .import_cooperatives(&[c], "test", &Actor::System("test"), |_| {})
        .await
        .unwrap();
    app.store
        .list_cooperatives(&Default::default(), None, 100, 0)
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|c| c.name_ar.as_deref() == Some(name))
        .unwrap()
        .id
}

async fn adaptation_followed_by_the_office(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let id = pre_existing(&app, "تعاونية الواحة القديمة", "wahat@example.ma").await;
    app.create_staff("agent@example.ma", Role::OfficeAgent, None, Some("08"))
        .await;
    let office = app.second_server().await;
    office.sign_in("agent@example.ma", STAFF_PASSWORD).await;
    let (status, html) = office.get_text("/adaptation").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("تعاونية الواحة القديمة"), "listed as not filed");
    // Reminders go to the outbox, in both languages.
    let r = office.post_form("/adaptation/notify", &[("region", "08")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let queued = app.store.outbox(Some("adaptation_reminder"), 10).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].to_address, "wahat@example.ma");
    assert!(queued[0].body.contains("112.12") && queued[0].body.contains("112-12"));

    // The manager files the adaptation; the clerk records it.
    app.sign_up("Manager", "manager@example.ma", "a manager passphrase")
        .await;
    let email = taawun_domain::Email::parse("email", "manager@example.ma").unwrap();
    let (manager, _) = app.store.user_for_sign_in(&email).await.unwrap().unwrap();
    app.store
        .link_manager(id, manager.id, &Actor::System("test"))
        .await
        .unwrap();
    let r = app
        .post_form(
            &format!("/cooperatives/{id}/filings/adaptation"),
            &[
                ("egm_date", "2019-06-15"),
                ("former_approval_ref", "A-1998-145"),
                ("members", "12"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let filing = location(&r);
    for kind in ["statutes", "egm_minutes", "former_approval"] {
        assert_eq!(
            upload(&app, &filing, kind, PDF, "d.pdf", "application/pdf").await,
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(
        app.post_form(&format!("{filing}/submit"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.store
            .cooperative(id)
            .await
            .unwrap()
            .adaptation_state
            .as_deref(),
        Some("filed")
    );
    let (_, html) = office.get_text("/adaptation").await;
    assert!(
        !html.contains("تعاونية الواحة القديمة"),
        "no longer among those not filed"
    );
    let clerk = errachidia_clerk(&app).await;
    assert_eq!(
        clerk
            .post_form(&format!("{filing}/decision"), &[("decision", "register")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let c = app.store.cooperative(id).await.unwrap();
    assert_eq!(c.adaptation_state.as_deref(), Some("adapted"));
    assert_eq!(
        c.local_number.as_deref(),
        Some("1"),
        "immatriculated under the new law"
    );
    // The statistics (and the dashboard) count it as adapted at once.
    let body: serde_json::Value = app
        .get("/api/v1/stats?by=adaptation_state")
        .await
        .json()
        .await
        .unwrap();
    let adapted = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["adaptation_state"] == "adapted")
        .unwrap();
    assert_eq!(adapted["count"], 1);
    app.stop().await;
}

async fn a_union_is_founded_by_member_cooperatives(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut members = Vec::new();
    for name in [
        "تعاونية الأولى للتمور",
        "تعاونية الثانية للتمور",
        "تعاونية الثالثة للتمور",
    ] {
        members.push(pre_existing(&app, name, "").await);
    }
    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let r = app
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "union"),
                ("name_ar", "اتحاد تعاونيات تمور تافيلالت"),
                ("name_fr", ""),
                ("region_code", "08"),
                ("founders", "Fatima Zahra\nAicha Benali\nKhadija Ouali"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let id: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    let decision = taawun_store::NameDecision {
        approve: true,
        reason: None,
        reserved_until: Some(taawun_store::now() + 86_400),
        certificate_code: Some("UNION"),
        decided_by: app.store.name_request(id).await.unwrap().applicant_user_id,
    };
    app.store
        .decide_name_request(id, &decision, &Actor::System("test"))
        .await
        .unwrap();
    let filing = location(
        &app.post_form("/filings/new", &[("name_request", &id.to_string())])
            .await,
    );
    app.post_form(
        &format!("{filing}/edit/activity"),
        &[
            ("object", "Commercialisation commune des dattes"),
            ("sector", "agriculture"),
            ("categories", "producers_supply"),
            ("duration_years", "99"),
        ],
    )
    .await;
    app.post_form(
        &format!("{filing}/edit/seat"),
        &[("province", ERRACHIDIA), ("address", "Errachidia")],
    )
    .await;
    app.post_form(&format!("{filing}/edit/capital"), &[("share_value", "1000")])
        .await;
    let reps = ["Fatima Zahra", "Aicha Benali", "Khadija Ouali"];
    let ids = members.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let mut fields: Vec<(String, String)> = vec![("union_members".into(), ids)];
    for (i, m) in members.iter().enumerate() {
        fields.push((
            format!("founders-{i}-full_name"),
            format!("Coopérative membre {m}"),
        ));
        fields.push((format!("founders-{i}-id_number"), format!("RC{m}")));
        fields.push((format!("founders-{i}-legal_person"), "1".into()));
        fields.push((format!("founders-{i}-representative"), reps[i].into()));
        fields.push((format!("founders-{i}-shares"), "1".into()));
        fields.push((format!("founders-{i}-paid"), "250".into()));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app.post_form(&format!("{filing}/edit/founders"), &refs).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    app.post_form(
        &format!("{filing}/edit/governance"),
        &[
            ("model", "board"),
            ("officers-0-full_name", reps[0]),
            ("officers-0-role", "chair"),
            ("officers-1-full_name", reps[1]),
            ("officers-1-role", "treasurer"),
            ("officers-2-full_name", reps[2]),
            ("officers-2-role", "secretary"),
        ],
    )
    .await;
    for kind in [
        "statutes",
        "constitutive_minutes",
        "bank_certificate",
        "local_authority_receipt",
    ] {
        upload(&app, &filing, kind, PDF, "d.pdf", "application/pdf").await;
    }
    let r = app.post_form(&format!("{filing}/submit"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let clerk = errachidia_clerk(&app).await;
    clerk
        .post_form(&format!("{filing}/decision"), &[("decision", "register")])
        .await;
    let fid: i64 = filing.rsplit('/').next().unwrap().parse().unwrap();
    let union = app.store.filing(fid).await.unwrap().cooperative_id.unwrap();
    let c = app.store.cooperative(union).await.unwrap();
    assert_eq!(c.kind, "union");
    assert_eq!(c.members, Some(3));
    let entry = &app.store.entries_of_cooperative(union).await.unwrap()[0];
    let content: serde_json::Value = serde_json::from_str(&entry.content).unwrap();
    assert_eq!(
        content["union_members"],
        serde_json::json!(members),
        "the membership is kept in the register"
    );
    app.stop().await;
}

/// A founding file's seat lies in the region its name was approved for: another region's province
/// is refused on the form (the file would otherwise be registered at another court and escape the
/// region's agent), and the file keeps its seat.
async fn the_seat_lies_in_the_names_region(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let filing = common::founding::founder_with_file(&app).await; // a name of region 08
    let seat = |province: &'static str| {
        let path = format!("{filing}/edit/seat");
        let app = &app;
        async move {
            app.post_form(
                &path,
                &[
                    ("province", province),
                    ("commune", ""),
                    ("address", "Hay Riad, Rabat"),
                ],
            )
            .await
        }
    };
    let r = seat("04.421").await; // a province of Rabat-Salé-Kénitra
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("في الجهة التي صودق فيها على اسمها"), "{page}");
    let id: i64 = filing.rsplit('/').next().unwrap().parse().unwrap();
    let f = app.store.filing(id).await.unwrap();
    assert!(
        !f.detail.contains("04.421"),
        "the other region's seat was not saved"
    );
    let r = seat(common::founding::ERRACHIDIA).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}
