//! The cooperative's own space on the real server: a manager keeps members and shares (the
//! capital computed as in the worked example), mandates, an assembly with its quorum, votes and
//! minutes, the documents to keep; the calendar and its reminders; who may read the books.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, STAFF_PASSWORD, TestApp, founding::PDF, location, plain};
use reqwest::StatusCode;
use taawun_domain::Role;
use taawun_store::Actor;

both_backends!(a_manager_keeps_the_books);

/// A cooperative of Errachidia immatriculated on 2023-03-15 with 100 DH shares; returns its id.
async fn cooperative(app: &TestApp) -> i64 {
    let raw = taawun_domain::RawCooperative {
        central_number: "RC-2023-0000777".into(),
        kind: "cooperative".into(),
        name_ar: "تعاونية الواحة".into(),
        name_fr: "Coopérative Al Waha".into(),
        status: "active".into(),
        sector: "agriculture".into(),
        region_code: "08".into(),
        province_code: "08.201".into(),
        court_code: "tpi-errachidia".into(),
        founded_on: "2023-02-01".into(),
        immatriculated_on: "2023-03-15".into(),
        share_value: "100".into(),
        capital: "5000".into(),
        members: "5".into(),
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
        .list_cooperatives(&Default::default(), None, 10, 0)
        .await
        .unwrap()
        .0[0]
        .id
}

async fn a_manager_keeps_the_books(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let coop = cooperative(&app).await;
    app.create_staff("manager@waha.ma", Role::CooperativeManager, None, None)
        .await;
    let manager = app
        .store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "manager@waha.ma")
        .unwrap();
    app.store
        .link_manager(coop, manager.id, &Actor::System("test"))
        .await
        .unwrap();
    app.sign_in("manager@waha.ma", STAFF_PASSWORD).await;
    let space = format!("/cooperatives/{coop}/space");

    // Five founders, each subscribing 10 shares and paying a quarter.
    for (n, (name, gender, year)) in [
        ("Fatima", "woman", "1994"),
        ("Aicha", "woman", "1970"),
        ("Khadija", "woman", "1999"),
        ("Mohamed", "man", "1965"),
        ("Said", "man", "1980"),
    ]
    .iter()
    .enumerate()
    {
        let email = format!("member{n}@waha.ma");
        let r = app
            .post_form(
                &format!("{space}/members"),
                &[
                    ("member_kind", "person"),
                    ("name", name),
                    ("gender", gender),
                    ("birth_year", year),
                    ("email", &email),
                    ("joined_on", "2023-02-01"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let members = app.store.members(coop).await.unwrap();
    let id = |name: &str| {
        members
            .iter()
            .find(|m| m.member.name == name)
            .unwrap()
            .member
            .id
            .to_string()
    };
    for m in &members {
        let mid = m.member.id.to_string();
        for (kind, shares, amount) in [("subscription", "10", ""), ("payment", "", "250")] {
            let r = app
                .post_form(
                    &format!("{space}/shares"),
                    &[
                        ("movement_kind", kind),
                        ("on", "2023-02-01"),
                        ("member_id", &mid),
                        ("shares", shares),
                        ("amount", amount),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
        }
    }
    // Fatima pays the rest; Aicha hands 4 shares to a new member.
    let r = app
        .post_form(
            &format!("{space}/shares"),
            &[
                ("movement_kind", "payment"),
                ("on", "2024-06-01"),
                ("member_id", &id("Fatima")),
                ("amount", "750"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.post_form(
        &format!("{space}/members"),
        &[
            ("member_kind", "person"),
            ("name", "Zineb"),
            ("gender", "woman"),
            ("birth_year", "2001"),
            ("joined_on", "2025-03-01"),
        ],
    )
    .await;
    let members = app.store.members(coop).await.unwrap();
    let zineb = members
        .iter()
        .find(|m| m.member.name == "Zineb")
        .unwrap()
        .member
        .id
        .to_string();
    // Zineb cannot leave before she joined, nor in year -1: the members' page names the rule.
    for (on, rule) in [
        ("-0001-01-01", "1900"),
        ("2025-02-28", "قبل تاريخ الانخراط"),
        ("٢٠٢٥-٠٢-٢٨", "قبل تاريخ الانخراط"),
    ] {
        let r = app
            .post_form(&format!("{space}/members/{zineb}/leave"), &[("on", on)])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{on}");
        assert!(r.text().await.unwrap().contains(rule), "{on}");
    }
    assert!(
        app.store
            .members(coop)
            .await
            .unwrap()
            .iter()
            .all(|m| m.member.left_on.is_none())
    );
    let r = app
        .post_form(
            &format!("{space}/shares"),
            &[
                ("movement_kind", "transfer"),
                ("on", "2025-03-01"),
                ("member_id", &id("Aicha")),
                ("to_member_id", &zineb),
                ("shares", "4"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Refused with the rule named: paying more than owed.
    let r = app
        .post_form(
            &format!("{space}/shares"),
            &[
                ("movement_kind", "payment"),
                ("on", "2024-06-02"),
                ("member_id", &id("Fatima")),
                ("amount", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("href=\"#amount\""));

    // The capital as worked out by hand: 50 shares × 100 DH = 5,000 DH subscribed, 2,000 paid.
    let (status, page) = app.get_text(&space).await;
    let page = page
        .replace(['\u{2068}', '\u{2069}'], "")
        .replace('\u{202f}', " ");
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("5 000") && page.contains("2 000") && page.contains("3 000"),
        "{page}"
    );
    // Capital not fully paid within 3 years of 2023-03-15: overdue; no assembly for 2024 or 2025.
    assert!(
        page.contains("2026-03-15") || page.contains("15 "),
        "the paid-up deadline is shown"
    );
    assert!(page.contains("tag-overdue"));

    // Mandates.
    let r = app
        .post_form(
            &format!("{space}/mandates"),
            &[
                ("office_role", "chair"),
                ("holder", "Fatima"),
                ("starts_on", "2023-02-01"),
                ("ends_on", "2026-12-31"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = plain(&app.get_text(&format!("{space}/mandates")).await.1);
    assert!(page.contains("tag-renewal_due"));
    // Filing a change of the board starts from the books: officers, capital, members filled in.
    let page = plain(
        &app.get_text(&format!("/cooperatives/{coop}/filings/modification?from=books"))
            .await
            .1,
    );
    assert!(
        page.contains("value=\"Fatima\"") && page.contains("value=\"5000\""),
        "{page}"
    );

    // An ordinary assembly for 2025: notices to the members with an e-mail, attendance, quorum.
    let r = app
        .post_form(
            &format!("{space}/assemblies"),
            &[
                ("assembly_kind", "ordinary"),
                ("financial_year", "2025"),
                ("call", "1"),
                ("held_on", "2026-05-20"),
                ("starts_at", "10:00"),
                ("place", "Siège de la coopérative"),
                (
                    "agenda",
                    "Approbation des comptes 2025\nAffectation de l'excédent",
                ),
                ("notify", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let assembly = location(&r);
    let notices = app.store.outbox(Some("assembly_notice"), 20).await.unwrap();
    assert_eq!(notices.len(), 5, "the five members with an e-mail address");
    assert!(
        notices[0].body.contains("الجمع العام العادي")
            && notices[0].body.contains("assemblée générale ordinaire")
    );
    // Six members on 2026-05-20; quorum of an ordinary assembly: 3. Two present is not enough.
    let members = app.store.members(coop).await.unwrap();
    let present: Vec<String> = members.iter().take(2).map(|m| m.member.id.to_string()).collect();
    let mut form: Vec<(&str, &str)> = present.iter().map(|p| ("present", p.as_str())).collect();
    app.post_form(&format!("{assembly}/attendance"), &form).await;
    let page = plain(&app.get_text(&assembly).await.1);
    assert!(
        page.contains("(النصاب: 3)") && page.contains("النصاب غير مكتمل"),
        "{page}"
    );
    let third = members[2].member.id.to_string();
    form.push(("present", &third));
    app.post_form(&format!("{assembly}/attendance"), &form).await;
    let page = plain(&app.get_text(&assembly).await.1);
    assert!(page.contains("النصاب مكتمل"));
    // More votes than people present is refused; a real vote is recorded and adopted.
    let r = app
        .post_form(
            &format!("{assembly}/resolutions"),
            &[
                ("text_fr", "Les comptes 2025 sont approuvés."),
                ("votes_for", "4"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &format!("{assembly}/resolutions"),
            &[
                ("text_ar", "المصادقة على حسابات 2025"),
                ("text_fr", "Les comptes 2025 sont approuvés."),
                ("votes_for", "2"),
                ("votes_against", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = plain(&app.get_text(&assembly).await.1);
    assert!(
        !page.contains("لم يصادق عليه"),
        "2 of 3 present is a majority: {page}"
    );
    // One for and two abstentions: a majority of the votes cast, not of the three present
    // (model statutes art. 16), so the resolution is not adopted.
    let r = app
        .post_form(
            &format!("{assembly}/resolutions"),
            &[
                ("text_fr", "Affectation de l'excédent."),
                ("votes_for", "1"),
                ("abstentions", "٢"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = plain(&app.get_text(&assembly).await.1);
    assert!(page.contains("لم يصادق عليه"), "{page}");
    let r = app.get(&format!("{assembly}/minutes.pdf?lang=fr")).await;
    assert_eq!(r.headers()["content-type"], "application/pdf");
    // The 2025 assembly is held: its obligation is done; the accounts are due 30 days after.
    let page = plain(&app.get_text(&space).await.1);
    assert!(
        page.contains("للسنة 2025 لدى المحكمة"),
        "accounts filing for 2025 appears"
    );

    // The documents to keep: the signed minutes uploaded, versioned; a text file refused.
    let upload =
        |kind: &'static str, bytes: &'static [u8], name: &'static str, extra: Vec<(&'static str, String)>| {
            let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name);
            let mut form = reqwest::multipart::Form::new()
                .text("document_kind", kind)
                .part("file", part);
            for (k, v) in extra {
                form = form.text(k, v);
            }
            let url = app.url(&format!(
                "{space}/documents/upload?csrf_token={}",
                app.form_token()
            ));
            app.client.post(url).multipart(form).send()
        };
    let aid = assembly.rsplit('/').next().unwrap().to_string();
    let r = upload(
        "assembly_minutes",
        PDF,
        "pv.pdf",
        vec![("assembly_id", aid.clone())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = upload("statutes", b"just text", "statuts.txt", vec![])
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for _ in 0..2 {
        let r = upload("statutes", PDF, "statuts.pdf", vec![]).await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let docs = app.store.kept_documents(coop).await.unwrap();
    assert_eq!(
        docs.iter()
            .filter(|d| d.kind == "statutes")
            .map(|d| d.version)
            .collect::<Vec<_>>(),
        [2, 1]
    );
    let page = plain(&app.get_text(&format!("{space}/documents")).await.1);
    assert!(
        page.contains("tag-missing"),
        "annual accounts and others still missing"
    );

    // Reminders: once per obligation and state, however many times the loop runs.
    let sent = taawun_web::send_obligation_reminders(&app.state).await.unwrap();
    assert!(sent > 0);
    assert_eq!(
        taawun_web::send_obligation_reminders(&app.state).await.unwrap(),
        0
    );
    let reminders = app.store.outbox(Some("obligation_reminder"), 50).await.unwrap();
    assert!(reminders.iter().all(|m| m.to_address == "manager@waha.ma"));

    // Who may read the books: the office of the region and the competent clerk; not the public,
    // another manager, another region's agent. Only the managers write.
    app.create_staff("agent.draa@office.ma", Role::OfficeAgent, None, Some("08"))
        .await;
    app.create_staff("agent.souss@office.ma", Role::OfficeAgent, None, Some("09"))
        .await;
    app.create_staff(
        "greffe@errachidia.ma",
        Role::CourtClerk,
        Some("tpi-errachidia"),
        None,
    )
    .await;
    app.create_staff("other.manager@x.ma", Role::CooperativeManager, None, None)
        .await;
    let url = &app.db.as_ref().unwrap().url;
    for (email, read) in [
        ("agent.draa@office.ma", true),
        ("greffe@errachidia.ma", true),
        ("agent.souss@office.ma", false),
        ("other.manager@x.ma", false),
    ] {
        let who = TestApp::at(url).await;
        who.sign_in(email, STAFF_PASSWORD).await;
        let status = who.get(&format!("{space}/members")).await.status();
        assert_eq!(
            status == StatusCode::OK,
            read,
            "{email} reading the members: {status}"
        );
        if read {
            let r = who
                .post_form(
                    &format!("{space}/members"),
                    &[
                        ("member_kind", "person"),
                        ("name", "X"),
                        ("joined_on", "2024-01-01"),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{email} cannot write");
        }
        who.stop().await;
    }
    let (public, _) = app.new_visitor();
    let r = public
        .get(app.url(&format!("{space}/members")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, public_page) = (
        r.status(),
        public
            .get(app.url(&format!("/cooperatives/{coop}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert!(
        !public_page.contains("member0@waha.ma") && !public_page.contains("Khadija"),
        "members never public"
    );

    // A member's own data is found by their e-mail address (Law 09-08 access).
    let records = app.store.memberships_with_email("MEMBER0@waha.ma").await.unwrap();
    assert_eq!((records.len(), records[0].0), (1, coop));

    // The office's view of overdue obligations by region.
    let office = TestApp::at(url).await;
    office.sign_in("agent.draa@office.ma", STAFF_PASSWORD).await;
    let (status, page) = office.get_text("/obligations").await;
    let page = plain(&page);
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("تعاونية الواحة") && page.contains("درعة-تافيلالت"));
    office.stop().await;
    app.stop().await;
}
