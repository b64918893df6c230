//! Support programmes on the real server, both databases: a partner publishes a call and seats
//! its committees; cooperatives apply (budget checked, documents attached, eligibility read
//! from the register); the preliminary committee admits or finds ineligible with reasons; the
//! local committee scores (a member with a conflict stands aside and sees nothing of that
//! file's scores), its chair decides within the budget with the minutes; the applicants are told
//! why; the funder follows the selected project; the public sees the selected list.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, TestApp, location};
use reqwest::StatusCode;
use taawun_domain::Role;
use taawun_store::Actor;

both_backends!(a_call_from_publication_to_follow_up);

fn in_days(n: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(n)).to_string()
}

/// Imports an active cooperative with `women` women of 10 members; returns its id.
async fn cooperative(app: &TestApp, number: &str, name_fr: &str, region: &str, women: &str) -> i64 {
    let raw = taawun_domain::RawCooperative {
        central_number: number.into(),
        kind: "cooperative".into(),
        name_ar: "تعاونية الواحة".into(),
        name_fr: name_fr.into(),
        status: "active".into(),
        sector: "agriculture".into(),
        branch: "dates".into(),
        region_code: region.into(),
        founded_on: "2021-02-01".into(),
        immatriculated_on: "2021-03-15".into(),
        share_value: "100".into(),
        capital: "5000".into(),
        members: "10".into(),
        women_members: women.into(),
        ..Default::default()
    };
    app.import_record(&raw).await
}

/// A signed-in visitor: its client and CSRF token.
struct Visitor {
    client: reqwest::Client,
    token: String,
}

impl Visitor {
    async fn sign_in(app: &TestApp, email: &str) -> Self {
        let (client, token) = app.staff_visitor(email).await;
        client.get(app.url("/lang/fr")).send().await.unwrap();
        Self { client, token }
    }

    async fn post(&self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all = fields.to_vec();
        all.push(("csrf_token", &self.token));
        self.client.post(app.url(path)).form(&all).send().await.unwrap()
    }

    async fn get(&self, app: &TestApp, path: &str) -> (StatusCode, String) {
        let r = self.client.get(app.url(path)).send().await.unwrap();
        let status = r.status();
        (
            status,
            r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], ""),
        )
    }

    async fn attach(&self, app: &TestApp, application: &str, index: &str, bytes: &[u8]) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("piece.pdf");
        let form = reqwest::multipart::Form::new()
            .text("doc_index", index.to_string())
            .part("file", part);
        let url = app.url(&format!("{application}/documents?csrf_token={}", self.token));
        self.client.post(url).multipart(form).send().await.unwrap()
    }
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

fn call_form(weight_2: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("funder", "INDH".into()),
        ("title_ar", "دعم الأنشطة المدرة للدخل".into()),
        ("title_fr", "Appui aux activités génératrices de revenus".into()),
        ("objectives_ar", "دعم التعاونيات بجهة درعة تافيلالت".into()),
        (
            "objectives_fr",
            "Appuyer les coopératives de Drâa-Tafilalet".into(),
        ),
        ("region_code", "08".into()),
        ("sectors", "agriculture".into()),
        ("budget_dh", "300 000".into()),
        ("ceiling_dh", "150000".into()),
        ("min_own_percent", "10".into()),
        ("documents", "محضر الجمع العام\nDevis".into()),
        ("opens_on", in_days(-1)),
        ("closes_on", in_days(10)),
        ("preliminary_by", in_days(20)),
        ("decision_by", in_days(30)),
        ("criterion_ar_0", "الأثر على الدخل".into()),
        ("criterion_fr_0", "Impact sur les revenus".into()),
        ("weight_0", "60".into()),
        ("criterion_ar_1", "الاستدامة".into()),
        ("criterion_fr_1", "Durabilité".into()),
        ("weight_1", weight_2.into()),
        ("level_income_generating", "local".into()),
        ("level_premises", "provincial".into()),
    ]
}

fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A manager starts, fills, documents and submits an application; returns its path.
async fn apply(
    app: &TestApp,
    manager: &Visitor,
    call: &str,
    coop: i64,
    requested: &str,
    own: &str,
) -> String {
    let r = manager
        .post(
            app,
            &format!("{call}/apply"),
            &[("cooperative_id", &coop.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let path = location(&r);
    let total = (requested.parse::<i64>().unwrap() + own.parse::<i64>().unwrap()).to_string();
    let r = manager
        .post(
            app,
            &path,
            &[
                ("project_title", "Unité de conditionnement des dattes"),
                ("project_type", "income_generating"),
                ("summary", "Une chambre froide et une ligne de conditionnement."),
                ("budget_label_0", "Chambre froide"),
                ("budget_amount_0", &total),
                ("requested_dh", requested),
                ("own_contribution_dh", own),
                ("jobs", "6"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for i in ["0", "1"] {
        assert_eq!(
            manager.attach(app, &path, i, PDF).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let r = manager.post(app, &format!("{path}/submit"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    path
}

async fn a_call_from_publication_to_follow_up(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let women_coop = cooperative(&app, "RC-P-1", "Coopérative Tafilalet", "08", "8").await;
    let other_coop = cooperative(&app, "RC-P-2", "Coopérative Ziz", "08", "2").await;
    let far_coop = cooperative(&app, "RC-P-3", "Coopérative Rif", "01", "6").await;
    for (email, role) in [
        ("indh@indh.ma", Role::Partner),
        ("pre@indh.ma", Role::Partner),
        ("chair@indh.ma", Role::Partner),
        ("member@indh.ma", Role::Partner),
        ("outsider@indh.ma", Role::Partner),
        ("a@coop.ma", Role::CooperativeManager),
        ("b@coop.ma", Role::CooperativeManager),
        ("c@coop.ma", Role::CooperativeManager),
    ] {
        app.create_staff(email, role, None, None).await;
    }
    let users = app.store.users().await.unwrap();
    let id_of = |e: &str| users.iter().find(|u| u.email == e).unwrap().id;
    for (coop, email) in [
        (women_coop, "a@coop.ma"),
        (other_coop, "b@coop.ma"),
        (far_coop, "c@coop.ma"),
    ] {
        app.store
            .link_manager(coop, id_of(email), &Actor::System("test"))
            .await
            .unwrap();
    }

    // The partner publishes: weights that do not add up are refused, in French, by field.
    let funder = Visitor::sign_in(&app, "indh@indh.ma").await;
    let (status, html) = funder.get(&app, "/programmes/new").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let r = funder
        .post(&app, "/programmes/new", &fields(&call_form("30")))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        html.contains("Les poids des critères doivent faire 100 ; ils font 90."),
        "{html}"
    );
    let r = funder
        .post(&app, "/programmes/new", &fields(&call_form("40")))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let call = location(&r);
    let (status, page) = app.get_text(&call).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("الأثر على الدخل"), "the public reads the call");

    // Committees: an unknown e-mail is refused; the others are seated.
    let r = funder
        .post(
            &app,
            &format!("{call}/committee"),
            &[("level", "local"), ("email", "nobody@x.ma")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for (level, email, chair) in [
        ("preliminary", "pre@indh.ma", "1"),
        ("local", "chair@indh.ma", "1"),
        ("local", "member@indh.ma", ""),
    ] {
        let r = funder
            .post(
                &app,
                &format!("{call}/committee"),
                &[("level", level), ("email", email), ("chair", chair)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let outsider = Visitor::sign_in(&app, "outsider@indh.ma").await;
    assert_eq!(
        outsider
            .post(
                &app,
                &format!("{call}/committee"),
                &[("level", "local"), ("email", "outsider@indh.ma")]
            )
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // A manager's mistakes come back together, named by field; then three applications.
    let a = Visitor::sign_in(&app, "a@coop.ma").await;
    let r = a
        .post(
            &app,
            &format!("{call}/apply"),
            &[("cooperative_id", &women_coop.to_string())],
        )
        .await;
    let draft = location(&r);
    let r = a
        .post(
            &app,
            &draft,
            &[
                ("project_title", "Unité"),
                ("project_type", "training"),
                ("summary", "x"),
                ("budget_label_0", "Chambre froide"),
                ("budget_amount_0", "200000"),
                ("requested_dh", "190000"),
                ("own_contribution_dh", "5000"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("Le montant dépasse le plafond"), "{html}");
    assert!(html.contains("Cet appel n’accepte pas ce type de projet."));
    // Submitting without the documents is refused.
    let r = a.post(&app, &format!("{draft}/submit"), &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A text file is not a document.
    assert_eq!(
        a.attach(&app, &draft, "0", b"hello").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // The draft, with its one application per cooperative, is completed by `apply` below.
    let r = a
        .post(
            &app,
            &format!("{call}/apply"),
            &[("cooperative_id", &women_coop.to_string())],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "one application per cooperative"
    );
    let first = {
        // Fill the existing draft the same way `apply` does.
        let r = a
            .post(
                &app,
                &draft,
                &[
                    ("project_title", "Unité de conditionnement des dattes"),
                    ("project_type", "income_generating"),
                    ("summary", "Une chambre froide et une ligne de conditionnement."),
                    ("budget_label_0", "Chambre froide"),
                    ("budget_amount_0", "100000"),
                    ("budget_label_1", "Formation"),
                    ("budget_amount_1", "50 000"),
                    ("requested_dh", "130000"),
                    ("own_contribution_dh", "20000"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        for i in ["0", "1"] {
            assert_eq!(
                a.attach(&app, &draft, i, PDF).await.status(),
                StatusCode::SEE_OTHER
            );
        }
        assert_eq!(
            a.post(&app, &format!("{draft}/submit"), &[]).await.status(),
            StatusCode::SEE_OTHER
        );
        draft.clone()
    };
    // The call's page as its funder (committees, applications) and as a manager (apply).
    for who in [&funder, &a] {
        let (status, html) = who.get(&app, &call).await;
        assert_eq!(status, StatusCode::OK, "{html}");
    }
    assert!(funder.get(&app, &call).await.1.contains("chair@indh.ma"));
    let b = Visitor::sign_in(&app, "b@coop.ma").await;
    let second = apply(&app, &b, &call, other_coop, "100000", "20000").await;
    let c = Visitor::sign_in(&app, "c@coop.ma").await;
    let third = apply(&app, &c, &call, far_coop, "50000", "10000").await;

    // Nobody outside reads an application; the register's check went with the far one.
    assert_eq!(b.get(&app, &first).await.0, StatusCode::FORBIDDEN);
    assert_eq!(outsider.get(&app, &first).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&first).await.status(),
        StatusCode::SEE_OTHER,
        "to sign in"
    );
    let pre = Visitor::sign_in(&app, "pre@indh.ma").await;
    let (status, html) = pre.get(&app, &format!("{call}/committees/preliminary")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Le siège de la coopérative n’est pas dans la région de l’appel."));

    // Preliminary selection: a finding of ineligibility needs its reason, which the applicant gets.
    let r = pre
        .post(
            &app,
            &format!("{third}/preliminary"),
            &[("outcome", "ineligible")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = pre
        .post(
            &app,
            &format!("{third}/preliminary"),
            &[
                ("outcome", "ineligible"),
                ("reason", "Hors de la région de l’appel."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for p in [&first, &second] {
        let r = pre
            .post(
                &app,
                &format!("{p}/preliminary"),
                &[("outcome", "admitted"), ("reason", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    // Admitted, the file is frozen for its cooperative.
    let r = a.post(&app, &first, &[("project_title", "Autre")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Scoring: the preliminary committee cannot score; a member declares a conflict on one file.
    assert_eq!(
        pre.post(
            &app,
            &format!("{first}/score"),
            &[("mark_0", "5"), ("mark_1", "5")]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    let chair = Visitor::sign_in(&app, "chair@indh.ma").await;
    let member = Visitor::sign_in(&app, "member@indh.ma").await;
    let r = chair
        .post(
            &app,
            &format!("{first}/score"),
            &[("mark_0", "8"), ("mark_1", "11")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a mark above 10");
    for (who, path, marks) in [
        (&chair, &first, ["8", "5"]),
        (&chair, &second, ["6", "6"]),
        (&member, &first, ["10", "10"]),
    ] {
        let r = who
            .post(
                &app,
                &format!("{path}/score"),
                &[
                    ("mark_0", marks[0]),
                    ("mark_1", marks[1]),
                    ("comment", "Bon dossier"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = member
        .post(
            &app,
            &format!("{second}/conflict"),
            &[("reason", "Ma sœur est membre de la coopérative.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = member
        .post(
            &app,
            &format!("{second}/score"),
            &[("mark_0", "10"), ("mark_1", "10")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Scores are seen by the committee only, and not by a member on a file of conflict.
    let marker = "Notes de la commission";
    assert!(chair.get(&app, &first).await.1.contains(marker));
    assert!(member.get(&app, &first).await.1.contains(marker));
    assert!(!member.get(&app, &second).await.1.contains(marker));
    for outside in [&funder, &pre, &a] {
        let (status, html) = outside.get(&app, &first).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !html.contains(marker) && !html.contains("84.0"),
            "no scores outside the committee"
        );
    }
    assert_eq!(
        funder.get(&app, &format!("{call}/committees/local")).await.0,
        StatusCode::FORBIDDEN
    );
    // The ranking: (68 + 100) / 2 = 84 for the first, 60 for the second.
    let (_, html) = chair.get(&app, &format!("{call}/committees/local")).await;
    assert!(html.contains("<bdi>84.0</bdi>"), "{html}");
    assert!(html.contains("<bdi>60.0</bdi>"));
    // A member who leaves the committee no longer counts: the first file's mean is the chair's.
    let member_id = id_of("member@indh.ma").to_string();
    let r = funder
        .post(
            &app,
            &format!("{call}/committee/remove"),
            &[("level", "local"), ("user_id", &member_id)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = chair.get(&app, &format!("{call}/committees/local")).await;
    assert!(html.contains("<bdi>68.0</bdi>"), "{html}");
    assert_eq!(
        member.get(&app, &format!("{call}/committees/local")).await.0,
        StatusCode::FORBIDDEN
    );

    // Decisions: only the chair; a rejection needs its reason; the budget holds; once only.
    let decide = format!("{call}/committees/local/decisions");
    let (aid1, aid2) = (
        first.rsplit('/').next().unwrap(),
        second.rsplit('/').next().unwrap(),
    );
    let (d1, d2, r2) = (
        format!("decision_{aid1}"),
        format!("decision_{aid2}"),
        format!("reason_{aid2}"),
    );
    assert_eq!(
        member.post(&app, &decide, &[("notes", "x")]).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = chair
        .post(
            &app,
            &decide,
            &[(&d1, "selected"), (&d2, "rejected"), ("notes", "Séance du jour")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = chair
        .post(
            &app,
            &decide,
            &[
                (&d1, "selected"),
                (&d2, "rejected"),
                (&r2, "Étude de marché insuffisante."),
                ("notes", "Séance à Errachidia, trois membres présents."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = chair
        .post(
            &app,
            &decide,
            &[(&d1, "rejected"), (&d2, "selected"), ("notes", "encore")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "decided once");
    let app1 = app.store.application(aid1.parse().unwrap()).await.unwrap();
    let app2 = app.store.application(aid2.parse().unwrap()).await.unwrap();
    assert_eq!((app1.status.as_str(), app1.rank), ("selected", Some(1)));
    assert_eq!(app2.status, "rejected");
    // The applicants were told, with the reason.
    let told = app.store.outbox(Some("programme_decision"), 10).await.unwrap();
    assert_eq!(told.len(), 3, "ineligible, selected, rejected");
    assert!(
        told.iter()
            .any(|m| m.to_address == "b@coop.ma" && m.body.contains("Étude de marché insuffisante."))
    );
    assert!(
        told.iter()
            .any(|m| m.to_address == "c@coop.ma" && m.body.contains("Hors de la région"))
    );
    let (status, html) = b.get(&app, &second).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Étude de marché insuffisante."));
    // The minutes, for the committee.
    let r = chair
        .client
        .get(app.url(&format!("{call}/committees/local/minutes.pdf?lang=ar")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(
        funder
            .get(&app, &format!("{call}/committees/local/minutes.pdf"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );

    // Follow-up by the funder: agreement, disbursements within it, a milestone; the report.
    let r = funder
        .post(
            &app,
            &format!("{first}/disbursements"),
            &[("paid_on", &in_days(0)), ("amount_dh", "1000")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "no agreement yet");
    let r = funder
        .post(
            &app,
            &format!("{first}/agreement"),
            &[
                ("number", "INDH-08-2026-014"),
                ("signed_on", &in_days(0)),
                ("amount_dh", "130000"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = funder
        .post(
            &app,
            &format!("{first}/disbursements"),
            &[("paid_on", &in_days(0)), ("amount_dh", "100000")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = funder
        .post(
            &app,
            &format!("{first}/disbursements"),
            &[("paid_on", &in_days(0)), ("amount_dh", "40000")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("reste de la convention : 30000 DH"), "{html}");
    let r = funder
        .post(
            &app,
            &format!("{first}/milestones"),
            &[("label", "Chambre froide installée"), ("due_on", &in_days(60))],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        a.post(
            &app,
            &format!("{first}/disbursements"),
            &[("paid_on", &in_days(0)), ("amount_dh", "1")]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    let r = a
        .post(
            &app,
            &format!("{first}/notes"),
            &[("on_date", &in_days(0)), ("text", "Travaux commencés.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = a.get(&app, &first).await;
    assert!(
        html.contains("En cours") && html.contains("Travaux commencés."),
        "{html}"
    );
    assert_eq!(
        app.store.follow_up(app1.id).await.unwrap().disbursed_dh(),
        100_000
    );

    // The public list and the figures.
    let (status, html) = app.get_text("/programmes/selected").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches("Unité de conditionnement des dattes").count(),
        1,
        "only the selected one"
    );
    let r = app.get("/programmes/selected?format=csv").await;
    assert!(r.text().await.unwrap().contains("130000"));
    assert_eq!(app.get("/programmes/stats").await.status(), StatusCode::SEE_OTHER);
    let (status, html) = funder.get(&app, "/programmes/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("33.3 %"), "one selected of three: {html}");
    let r = funder
        .client
        .get(app.url("/programmes/stats.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.stop().await;
}
