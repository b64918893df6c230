//! Product quality and market access on the real server: a food cooperative's manager sees what
//! it lacks for ONSSA's authorization, records a certificate and is reminded once before it
//! expires, even with two server processes; buyers find certified products by region and kind in
//! the catalogue (page and API, Arabic and French); the office sees certified and uncertified food
//! cooperatives by region.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, STAFF_PASSWORD, TestApp, location};
use reqwest::StatusCode;
use serde_json::Value;
use taawun_domain::Role;
use taawun_store::Actor;

both_backends!(
    a_food_cooperative_from_checklist_to_catalogue,
    a_fair_filled_by_the_rule,
    products_from_the_manager_to_the_buyer,
    certificate_documents_and_the_offices_exports,
    an_organiser_chooses_the_rules_parameters
);

fn in_days(n: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(n)).to_string()
}

/// Imports an active cooperative; returns its id.
async fn cooperative(
    app: &TestApp,
    number: &str,
    name_fr: &str,
    sector: &str,
    branch: &str,
    region: &str,
) -> i64 {
    let province = if region == "08" { "08.201" } else { "" };
    let raw = taawun_domain::RawCooperative {
        central_number: number.into(),
        kind: "cooperative".into(),
        name_ar: "تعاونية الواحة".into(),
        name_fr: name_fr.into(),
        status: "active".into(),
        sector: sector.into(),
        branch: branch.into(),
        region_code: region.into(),
        province_code: province.into(),
        founded_on: "2020-02-01".into(),
        immatriculated_on: "2020-03-15".into(),
        share_value: "100".into(),
        capital: "5000".into(),
        members: "7".into(),
        ..Default::default()
    };
    app.import_record(&raw).await
}

/// Another visitor signed in as `email`: its client and the CSRF token its forms echo.
async fn visitor(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    app.staff_visitor(email).await
}

async fn a_food_cooperative_from_checklist_to_catalogue(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dates = cooperative(
        &app,
        "RC-DATES-1",
        "Coopérative Tamour Ziz",
        "agriculture",
        "dates",
        "08",
    )
    .await;
    let carpets = cooperative(
        &app,
        "RC-CARPET-1",
        "Coopérative Zarbia",
        "handicraft",
        "carpets",
        "01",
    )
    .await;
    let uncertified = cooperative(
        &app,
        "RC-HONEY-1",
        "Coopérative Assal",
        "agriculture",
        "beekeeping",
        "08",
    )
    .await;
    app.create_staff("manager@ziz.ma", Role::CooperativeManager, None, None)
        .await;
    app.create_staff("other@coop.ma", Role::CooperativeManager, None, None)
        .await;
    let users = app.store.users().await.unwrap();
    let manager = users.iter().find(|u| u.email == "manager@ziz.ma").unwrap();
    app.store
        .link_manager(dates, manager.id, &Actor::System("test"))
        .await
        .unwrap();
    let page = format!("/cooperatives/{dates}/certifications");

    // Another cooperative's manager is refused.
    let (other, _) = visitor(&app, "other@coop.ma").await;
    assert_eq!(
        other.get(app.url(&page)).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );

    assert_eq!(
        app.sign_in("manager@ziz.ma", STAFF_PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    app.get("/lang/fr").await;
    // What the cooperative lacks: everything but the register, which is read, not ticked.
    let (status, html) = app.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    // Fluent isolates the numbers it formats.
    let html = html.replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("il manque encore 6 étape(s)"), "{html}");
    assert!(html.contains("/kb/questions/q094"));
    let r = app
        .post_form(
            &format!("{page}/checklist"),
            &[("done", "premises"), ("done", "hygiene_plan"), ("done", "bogus")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_text(&page).await;
    let html = html.replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("il manque encore 4 étape(s)"));
    assert_eq!(
        app.store.checklist(dates).await.unwrap(),
        vec!["hygiene_plan", "premises"]
    );

    // A certificate with every mistake at once, then a good one expiring in 20 days.
    let r = app
        .post_form(
            &page,
            &[
                ("kind", "iso"),
                ("number", "<script>"),
                ("issued_on", &in_days(3)),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("error-summary"));
    assert!(html.contains("Le numéro ne peut contenir"));
    let good = [
        ("kind", "onssa_authorization"),
        ("number", "AS.08.201.2024/117"),
        ("issuer", "ONSSA — Drâa-Tafilalet"),
        ("products", "Dattes Mejhoul\nPâte de dattes"),
        ("issued_on", "2024-04-02"),
    ];
    let expires = in_days(20);
    let mut fields = good.to_vec();
    fields.push(("expires_on", &expires));
    let r = app.post_form(&page, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", location(&r));
    let r = app.post_form(&page, &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("déjà enregistré"));
    // An expired organic certificate is kept in the cooperative's list, not in the catalogue.
    let r = app
        .post_form(
            &page,
            &[
                ("kind", "organic"),
                ("number", "BIO-2019-4"),
                ("issuer", "Ecocert"),
                ("products", "Dattes Boufeggous"),
                ("issued_on", "2019-01-01"),
                ("expires_on", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("À renouveler") && html.contains("Expiré"));
    assert!(html.contains("détient une autorisation"));

    // ONSSA does not certify carpets: the administrator is told so.
    app.create_staff("admin@office.ma", Role::Administrator, None, None)
        .await;
    let (admin, token) = visitor(&app, "admin@office.ma").await;
    let mut carpet = good.to_vec();
    carpet.push(("csrf_token", &token));
    let r = admin
        .post(app.url(&format!("/cooperatives/{carpets}/certifications")))
        .form(&carpet)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("يمنح المكتب الوطني للسلامة الصحية شهاداته للتعاونيات المنتجة")
    );

    // The reminder: 20 days left is the 30-day threshold, queued once although two server
    // processes (the second runs its reminders as it starts) and two requests try at once.
    let second = app.second_server().await;
    let run = |base: String, client: reqwest::Client, token: String| async move {
        client
            .post(format!("{base}/certifications/reminders"))
            .form(&[("csrf_token", token)])
            .send()
            .await
            .unwrap()
            .status()
    };
    let (a, b) = tokio::join!(
        run(app.base.clone(), admin.clone(), token.clone()),
        run(second.base.clone(), admin.clone(), token.clone()),
    );
    assert_eq!((a, b), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!(
        run(app.base.clone(), admin.clone(), token.clone()).await,
        StatusCode::SEE_OTHER
    );
    let outbox = app
        .store
        .outbox(Some("certification_reminder"), 10)
        .await
        .unwrap();
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].to_address, "manager@ziz.ma");
    assert_eq!(outbox[0].lang, "fr");
    assert!(outbox[0].subject.contains("AS.08.201.2024/117"));
    assert!(
        outbox[0]
            .body
            .replace(['\u{2068}', '\u{2069}'], "")
            .contains("dans 20 jours")
    );
    let (_, html) = app.get_text(&page).await;
    let html = html.replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("Rappel envoyé 30 jours avant"));

    // A product photo for the catalogue: a PNG by its content, not a text file called .png.
    let cert = app.store.certifications(dates).await.unwrap()[0].id;
    let photo = |bytes: Vec<u8>| {
        let token = app.form_token();
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("dattes.png")
            .mime_str("image/png")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("certification_id", cert.to_string())
            .part("photo", part);
        app.client
            .post(app.url(&format!("{page}/photo?csrf_token={token}")))
            .multipart(form)
            .send()
    };
    assert_eq!(
        photo(b"not a picture".to_vec()).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // 64 megapixels in 10 KB: refused from its header, before any decoding.
    let r = photo(huge_png()).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("8000 × 8000"), "{html}");
    assert_eq!(
        app.state.photos.decoded(),
        0,
        "nothing decoded yet in this process"
    );
    assert_eq!(
        photo(png(1200, 900)).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    second.stop().await;

    // The catalogue: by region and kind, by product, in French and in Arabic; nothing expired.
    let (public, _) = app.new_visitor();
    let catalogue = |q: &'static str| {
        let public = public.clone();
        let url = app.url(&format!("/catalogue{q}"));
        async move { public.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = catalogue("?region=08&kind=onssa_authorization").await;
    assert!(html.contains("Dattes Mejhoul") && html.contains("AS.08.201.2024&#x2f;117"));
    assert!(
        !html.contains("Boufeggous"),
        "expired certificates are not listed"
    );
    assert!(!catalogue("?region=01").await.contains("Dattes Mejhoul"));
    let r = public
        .get(app.url(&format!("/catalogue/photos/{cert}")))
        .send()
        .await
        .unwrap();
    // Stored as the resized JPEG this platform wrote, never the uploaded bytes.
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("max-age"));
    assert!(html.contains(&format!("/catalogue/photos/{cert}?v=")));
    assert!(catalogue("?q=p%C3%A2te").await.contains("Dattes Mejhoul"));
    assert!(
        !catalogue("?q=%25").await.contains("Dattes Mejhoul"),
        "% is literal"
    );
    assert!(catalogue("?region=08").await.contains("الترخيص الصحي (ONSSA)"));
    let api: Value = public
        .get(app.url("/api/v1/catalogue?region=08&lang=fr"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["total"], 1);
    assert_eq!(api["items"][0]["kind_label"], "Autorisation sanitaire ONSSA");
    assert_eq!(api["items"][0]["cooperative_name"], "Coopérative Tamour Ziz");
    assert_eq!(api["items"][0]["products"][1], "Pâte de dattes");

    // The office: region 08 has two food cooperatives, one certified; carpets are not food.
    let coverage = app.store.food_coverage(&in_days(0), None).await.unwrap();
    assert_eq!(coverage.len(), 1, "{coverage:?}");
    assert_eq!(
        (
            coverage[0].region_code.as_str(),
            coverage[0].food_cooperatives,
            coverage[0].certified
        ),
        ("08", 2, 1)
    );
    let html = admin
        .get(app.url("/certifications/coverage"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.replace(['\u{2068}', '\u{2069}'], "").contains("50 %"));
    let _ = uncertified;
    app.stop().await;
}

/// An organiser publishes a fair of two stands; three cooperatives apply; the stands go by the
/// rule (the certified local one first, then a women's cooperative before the lottery), the
/// managers are told, and a second allocation changes nothing.
async fn a_fair_filled_by_the_rule(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let certified = cooperative(
        &app,
        "RC-F-1",
        "Coopérative Ahl Ziz",
        "agriculture",
        "dates",
        "08",
    )
    .await;
    let women = cooperative(
        &app,
        "RC-F-2",
        "Coopérative Tiwizi",
        "agriculture",
        "olives",
        "01",
    )
    .await;
    let other = cooperative(&app, "RC-F-3", "Coopérative Atlas", "agriculture", "olives", "01").await;
    // Tiwizi: 5 women of 7 members.
    app.create_staff("partner@fair.ma", Role::Partner, None, None)
        .await;
    app.create_staff("m@coop.ma", Role::CooperativeManager, None, None)
        .await;
    let users = app.store.users().await.unwrap();
    let m = users.iter().find(|u| u.email == "m@coop.ma").unwrap();
    for c in [certified, women, other] {
        app.store
            .link_manager(c, m.id, &Actor::System("test"))
            .await
            .unwrap();
    }
    let today = time::OffsetDateTime::now_utc().date();
    let draft = taawun_domain::markets::CertificationDraft {
        kind: taawun_domain::markets::CertificationKind::OnssaAuthorization,
        number: "AS-1".into(),
        issuer: "ONSSA".into(),
        products: "Dattes".into(),
        issued_on: today - time::Duration::days(10),
        expires_on: None,
    };
    app.store
        .add_certification(certified, &draft, &Actor::System("test"))
        .await
        .unwrap();
    set_women(&app, women).await;

    let (partner, token) = visitor(&app, "partner@fair.ma").await;
    let r = partner
        .post(app.url("/markets/new"))
        .form(&[("kind", "fair"), ("stands", "0"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let starts = in_days(30);
    let ends = in_days(33);
    let r = partner
        .post(app.url("/markets/new"))
        .form(&[
            ("kind", "fair"),
            ("title_ar", "معرض التمور"),
            ("title_fr", "Salon des dattes"),
            ("place_ar", "أرفود"),
            ("place_fr", "Erfoud"),
            ("region_code", "08"),
            ("starts_on", &starts),
            ("ends_on", &ends),
            ("stands", "2"),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let event = location(&r);
    app.sign_in("m@coop.ma", STAFF_PASSWORD).await;
    for c in [other, women, certified] {
        let r = app
            .post_form(
                &format!("{event}/apply"),
                &[("cooperative_id", &c.to_string()), ("products", "Dattes Mejhoul")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = app
        .post_form(
            &format!("{event}/apply"),
            &[("cooperative_id", &other.to_string()), ("products", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "twice is refused");
    // Only the organiser (or the office nationally) allocates.
    assert_eq!(
        app.post_form(&format!("{event}/allocate"), &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let allocate = || {
        partner
            .post(app.url(&format!("{event}/allocate")))
            .form(&[("csrf_token", &token)])
            .send()
    };
    assert_eq!(allocate().await.unwrap().status(), StatusCode::SEE_OTHER);
    assert_eq!(allocate().await.unwrap().status(), StatusCode::SEE_OTHER);
    let id: i64 = event.rsplit('/').next().unwrap().parse().unwrap();
    let apps = app
        .store
        .market_applications(id, &today.to_string(), 3)
        .await
        .unwrap();
    let order: Vec<(i64, Option<bool>)> = apps.iter().map(|a| (a.cooperative_id, a.allocated)).collect();
    assert_eq!(
        order,
        vec![(certified, Some(true)), (women, Some(true)), (other, Some(false))]
    );
    let outbox = app.store.outbox(Some("market_allocation"), 10).await.unwrap();
    assert_eq!(outbox.len(), 3, "one message per application, once");
    let (_, html) = app.get_text(&event).await;
    assert!(html.contains("Coopérative Tiwizi") || html.contains("تعاونية الواحة"));

    // Sales: not before the event is over; then by the cooperatives that had a stand.
    let r = app
        .post_form(
            &format!("{event}/sales"),
            &[("cooperative_id", &certified.to_string()), ("sales_dh", "100")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let past = taawun_domain::markets::RawMarketEvent {
        kind: "mobile_market".into(),
        title_ar: "السوق المتنقل".into(),
        title_fr: "Marché itinérant".into(),
        place_ar: "الرباط".into(),
        place_fr: "Rabat".into(),
        region_code: "04".into(),
        starts_on: in_days(-20),
        ends_on: in_days(-18),
        stands: "1".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    let system = Actor::System("test");
    let past = app.store.create_market_event(&past, None, &system).await.unwrap();
    for c in [women, other] {
        app.store
            .apply_to_market(past, c, "Huile d'olive", &system)
            .await
            .unwrap();
    }
    app.store
        .record_allocation(past, &[(women, 1, true), (other, 2, false)], &[], &system)
        .await
        .unwrap();
    let sales = |c: i64, amount: &'static str| {
        let path = format!("/markets/{past}/sales");
        let c = c.to_string();
        let app = &app;
        async move {
            app.post_form(&path, &[("cooperative_id", &c), ("sales_dh", amount)])
                .await
                .status()
        }
    };
    assert_eq!(sales(women, "12 500").await, StatusCode::SEE_OTHER);
    assert_eq!(
        sales(other, "300").await,
        StatusCode::NOT_FOUND,
        "no stand, no sales"
    );
    assert_eq!(sales(women, "-3").await, StatusCode::UNPROCESSABLE_ENTITY);
    let stats = app.store.market_stats().await.unwrap();
    let women_sales: i64 = stats.iter().filter(|r| r.women).map(|r| r.sales_dh).sum();
    let places: i64 = stats.iter().map(|r| r.places).sum();
    assert_eq!((women_sales, places), (12_500, 3));
    let html = admin_page(&app, "/markets/stats").await;
    assert!(html.contains("12") && html.contains("500 DH"));
    app.stop().await;
}

/// Makes a cooperative a women's one: 5 women of its 7 members.
async fn set_women(app: &TestApp, id: i64) {
    let c = app.store.cooperative(id).await.unwrap();
    let raw = taawun_domain::RawCooperative {
        central_number: c.central_number.clone().unwrap(),
        kind: "cooperative".into(),
        name_ar: c.name_ar.clone().unwrap(),
        name_fr: c.name_fr.clone().unwrap(),
        status: "active".into(),
        sector: c.sector.clone().unwrap(),
        branch: c.branch.clone().unwrap(),
        region_code: c.region_code.clone(),
        founded_on: "2020-02-01".into(),
        immatriculated_on: "2020-03-15".into(),
        share_value: "100".into(),
        capital: "5000".into(),
        members: "7".into(),
        women_members: "5".into(),
        ..Default::default()
    };
    let today = time::OffsetDateTime::now_utc().date();
    let parsed =
        taawun_domain::Cooperative::parse(&raw, &taawun_domain::LegalRules::default(), today).unwrap();
    app.store
        .import_cooperatives(&[parsed], "test", &Actor::System("test"), |_| {})
        .await
        .unwrap();
}

/// A page as a fresh administrator sees it.
async fn admin_page(app: &TestApp, path: &str) -> String {
    app.create_staff("stats-admin@office.ma", Role::Administrator, None, None)
        .await;
    let (admin, _) = visitor(app, "stats-admin@office.ma").await;
    let r = admin.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

/// A PNG of `width` × `height` pixels, as a phone might send.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A valid 8000 × 8000 PNG, black at one bit per pixel: about 10 KB, yet 64 megapixels, which
/// a decoder would unfold into 64 MB or more.
fn huge_png() -> Vec<u8> {
    let (width, height) = (8000u32, 8000u32);
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let row = vec![0u8; (width / 8) as usize];
        for _ in 0..height {
            std::io::Write::write_all(&mut stream, &row).unwrap();
        }
        stream.finish().unwrap();
    }
    out
}

/// Posts one file in a multipart form with the signed-in client of `app`.
async fn upload(
    app: &TestApp,
    path: &str,
    fields: &[(&str, String)],
    file_field: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let token = app.form_token();
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.clone());
    }
    let form = form.part(file_field.to_string(), part);
    app.client
        .post(app.url(&format!("{path}?csrf_token={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A manager records a product (with every mistake first, named in French), links it to the
/// cooperative's certificate, adds a photo that comes back resized as a light JPEG; buyers find
/// it by region, category and certificate in French and in Arabic (page and API) and see the
/// cooperative's shop; a product without a running certificate is not listed as certified.
async fn products_from_the_manager_to_the_buyer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dates = cooperative(
        &app,
        "RC-P-1",
        "Coopérative Tamour Ziz",
        "agriculture",
        "dates",
        "08",
    )
    .await;
    let carpets = cooperative(
        &app,
        "RC-P-2",
        "Coopérative Zarbia",
        "handicraft",
        "carpets",
        "01",
    )
    .await;
    app.create_staff("manager@ziz.ma", Role::CooperativeManager, None, None)
        .await;
    app.create_staff("other@coop.ma", Role::CooperativeManager, None, None)
        .await;
    let users = app.store.users().await.unwrap();
    let manager = users.iter().find(|u| u.email == "manager@ziz.ma").unwrap();
    let system = Actor::System("test");
    app.store.link_manager(dates, manager.id, &system).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let cert = |coop: i64, kind, number: &str| {
        let draft = taawun_domain::markets::CertificationDraft {
            kind,
            number: number.into(),
            issuer: "ONSSA Errachidia".into(),
            products: "Dattes".into(),
            issued_on: today - time::Duration::days(30),
            expires_on: Some(today + time::Duration::days(400)),
        };
        let app = &app;
        async move {
            app.store
                .add_certification(coop, &draft, &Actor::System("test"))
                .await
                .unwrap()
        }
    };
    let onssa = cert(
        dates,
        taawun_domain::markets::CertificationKind::OnssaAuthorization,
        "AS.08.2026/9",
    )
    .await;
    let foreign = cert(
        carpets,
        taawun_domain::markets::CertificationKind::HandicraftLabel,
        "LAB-77",
    )
    .await;
    // The carpet cooperative's product has no certificate linked.
    let rug = taawun_domain::products::RawProduct {
        category: "carpets".into(),
        name_ar: "زربية زيانية".into(),
        name_fr: "Tapis zayane".into(),
        price_min_dh: "2500".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    app.store.add_product(carpets, &rug, &[], &system).await.unwrap();

    let page = format!("/cooperatives/{dates}/products");
    let (other, _) = visitor(&app, "other@coop.ma").await;
    assert_eq!(
        other.get(app.url(&page)).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    app.sign_in("manager@ziz.ma", STAFF_PASSWORD).await;
    app.get("/lang/fr").await;
    let (status, html) = app.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("AS.08.2026/9") || html.contains("AS.08.2026&#x2f;9"));

    // Every mistake at once, each named with its field and rule.
    let foreign_id = foreign.to_string();
    let r = app
        .post_form(
            &page,
            &[
                ("category", "cars"),
                ("name_fr", "Dattes Mejhoul"),
                ("price_min_dh", "500"),
                ("price_max_dh", "100"),
                ("certifications", &foreign_id),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("error-summary"));
    assert!(
        html.contains("Choisissez une valeur de la liste pour « Catégorie »"),
        "{html}"
    );
    assert!(html.contains("Renseignez le champ « Nom en arabe »"));
    assert!(html.contains("Le prix maximum doit être supérieur"));
    assert!(html.contains("Choisissez des certificats de cette coopérative"));
    let onssa_id = onssa.to_string();
    let r = app
        .post_form(
            &page,
            &[
                ("category", "dates"),
                ("name_ar", "تمر المجهول"),
                ("name_fr", "Dattes Mejhoul"),
                ("description_ar", "تمور واحة زيز"),
                ("description_fr", "Dattes de l’oasis du Ziz, récolte 2026"),
                ("price_min_dh", "60"),
                ("price_max_dh", "120"),
                ("certifications", &onssa_id),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let edit = location(&r);
    assert!(edit.ends_with("#photos"), "{edit}");
    let edit = edit.trim_end_matches("#photos").to_string();
    let product: i64 = edit.rsplit('/').next().unwrap().parse().unwrap();

    // A photo by its content: a text file called .png is refused, a big PNG is resized.
    let photos = format!("{edit}/photos");
    let r = upload(
        &app,
        &photos,
        &[],
        "photo",
        "dattes.png",
        "image/png",
        b"not a picture".to_vec(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("JPEG ou PNG"));
    let mut broken = png(50, 50);
    broken.truncate(40);
    let r = upload(&app, &photos, &[], "photo", "cut.png", "image/png", broken).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("illisible"));
    // A decompression bomb: refused from its header with the field's error, never decoded.
    let bomb = huge_png();
    assert!(bomb.len() < 100 * 1024, "{} bytes", bomb.len());
    let decoded = app.state.photos.decoded();
    let r = upload(&app, &photos, &[], "photo", "bomb.png", "image/png", bomb.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        html.contains("La « Photo » est trop grande (8000 × 8000 pixels)"),
        "{html}"
    );
    assert!(html.contains("error-summary"));
    assert_eq!(app.state.photos.decoded(), decoded, "the bomb was not decoded");
    let big = png(1600, 1200);
    let r = upload(
        &app,
        &photos,
        &[],
        "photo",
        "dattes.png",
        "image/png",
        big.clone(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let p = app.store.product(product).await.unwrap();
    assert_eq!(p.photos.len(), 1);
    assert_eq!(p.certifications.len(), 1);

    let (public, _) = app.new_visitor();
    let get = |path: String| {
        let public = public.clone();
        let url = app.url(&path);
        async move { public.get(url).send().await.unwrap() }
    };
    let r = get(format!("/products/photos/{}", p.photos[0])).await;
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("max-age"));
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.len() < 150_000, "light: {} bytes", bytes.len());
    let picture = image::load_from_memory(&bytes).unwrap();
    assert_eq!((picture.width(), picture.height()), (800, 600));
    let thumb = get(format!("/products/photos/{}?thumb=1", p.photos[0]))
        .await
        .bytes()
        .await
        .unwrap();
    let thumb = image::load_from_memory(&thumb).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (240, 180));

    // An edit keeps the photos and changes the price.
    let r = app
        .post_form(
            &edit,
            &[
                ("category", "dates"),
                ("name_ar", "تمر المجهول"),
                ("name_fr", "Dattes Mejhoul"),
                ("description_ar", "تمور واحة زيز"),
                ("description_fr", "Dattes de l’oasis du Ziz, récolte 2026"),
                ("price_min_dh", "75"),
                ("price_max_dh", "150"),
                ("certifications", &onssa_id),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let p = app.store.product(product).await.unwrap();
    assert_eq!(
        (p.price_min_dh, p.price_max_dh, p.photos.len()),
        (Some(75), Some(150), 1)
    );

    // Buyers: by region and certificate, by category, by text in Arabic or French.
    let text = |path: &'static str| {
        let get = &get;
        async move { get(path.to_string()).await.text().await.unwrap() }
    };
    let html = text("/products?region=08&certification=onssa_authorization").await;
    assert!(html.contains("Dattes Mejhoul") || html.contains("تمر المجهول"));
    assert!(html.contains(&format!("/products/photos/{}?thumb=1", p.photos[0])));
    assert!(!html.contains("Tapis zayane") && !html.contains("زربية زيانية"));
    let html = text("/products?certification=any").await;
    assert!(!html.contains("زربية زيانية"), "no running certificate linked");
    assert!(text("/products?category=carpets").await.contains("زربية زيانية"));
    assert!(
        text("/products?q=%D8%B2%D8%B1%D8%A8%D9%8A%D8%A9")
            .await
            .contains("زربية زيانية")
    );
    assert!(text("/products?q=l%E2%80%99oasis").await.contains("تمر المجهول"));
    assert!(
        !text("/products?q=%25").await.contains("تمر المجهول"),
        "% is literal"
    );
    let api: Value = get("/api/v1/products?region=08&certification=any&lang=fr".into())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["total"], 1);
    let item = &api["items"][0];
    assert_eq!(item["name"], "Dattes Mejhoul");
    assert_eq!(item["category_label"], "Dattes");
    assert_eq!(item["price_min_dh"], 75);
    assert_eq!(item["certifications"][0]["number"], "AS.08.2026/9");
    assert_eq!(
        item["certifications"][0]["kind_label"],
        "Autorisation sanitaire ONSSA"
    );
    assert_eq!(item["photos"][0], format!("/products/photos/{}", p.photos[0]));
    let api: Value = get("/api/v1/products?q=%D8%AA%D9%85%D8%B1&lang=ar".into())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["items"][0]["name"], "تمر المجهول");

    // The product's page and the cooperative's shop: products, certificates, contact.
    assert_eq!(get(format!("/products/{product}")).await.status(), StatusCode::OK);
    let html = text_of(&get, format!("/products/{product}")).await;
    assert!(html.contains("تمور واحة زيز") && html.contains("récolte 2026"));
    let html = text_of(&get, format!("/cooperatives/{dates}/shop")).await;
    assert!(html.contains("تمر المجهول"));
    assert!(html.contains("AS.08.2026&#x2f;9") || html.contains("AS.08.2026/9"));
    assert!(!html.contains("زربية زيانية"));

    // Photos are bounded: four at most, and a removed one is gone.
    for _ in 0..3 {
        let r = upload(&app, &photos, &[], "photo", "p.png", "image/png", png(20, 20)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = upload(&app, &photos, &[], "photo", "p.png", "image/png", png(20, 20)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let first = p.photos[0].to_string();
    let r = app
        .post_form(&format!("{edit}/photos/delete"), &[("photo_id", &first)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.store.product(product).await.unwrap().photos.len(), 3);
    assert_eq!(
        get(format!("/products/photos/{first}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // Another cooperative's manager cannot touch the product.
    assert_eq!(
        other.get(app.url(&edit)).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // Removing it asks for the confirmation, then takes its photos with it.
    let remaining = app.store.product(product).await.unwrap().photos;
    let r = app.post_form(&format!("{edit}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("pour confirmer"));
    let r = app
        .post_form(&format!("{edit}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        app.store.product(product).await,
        Err(taawun_store::StoreError::NotFound)
    ));
    assert_eq!(
        get(format!("/products/photos/{}", remaining[0])).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!text("/products?category=dates").await.contains("تمر المجهول"));
    app.stop().await;
}

async fn text_of<F, Fut>(get: &F, path: String) -> String
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    get(path).await.text().await.unwrap()
}

/// The scanned certificate: uploaded by content (PDF, JPEG, PNG), downloadable by the
/// cooperative's managers and the office, not by another manager or the public; the office
/// exports certificates by region and market participation as CSV and XLSX.
async fn certificate_documents_and_the_offices_exports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dates = cooperative(
        &app,
        "RC-D-1",
        "Coopérative Tamour Ziz",
        "agriculture",
        "dates",
        "08",
    )
    .await;
    app.create_staff("manager@ziz.ma", Role::CooperativeManager, None, None)
        .await;
    app.create_staff("other@coop.ma", Role::CooperativeManager, None, None)
        .await;
    app.create_staff("admin@office.ma", Role::Administrator, None, None)
        .await;
    let users = app.store.users().await.unwrap();
    let manager = users.iter().find(|u| u.email == "manager@ziz.ma").unwrap();
    let system = Actor::System("test");
    app.store.link_manager(dates, manager.id, &system).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let draft = taawun_domain::markets::CertificationDraft {
        kind: taawun_domain::markets::CertificationKind::Organic,
        number: "BIO-2026-1".into(),
        issuer: "Ecocert".into(),
        products: "Dattes".into(),
        issued_on: today - time::Duration::days(3),
        expires_on: None,
    };
    let cert = app.store.add_certification(dates, &draft, &system).await.unwrap();
    app.sign_in("manager@ziz.ma", STAFF_PASSWORD).await;
    app.get("/lang/fr").await;
    let path = format!("/cooperatives/{dates}/certifications/document");
    let fields = [("document_for", cert.to_string())];
    let r = upload(
        &app,
        &path,
        &fields,
        "file",
        "bio.pdf",
        "application/pdf",
        b"<html>".to_vec(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let pdf = b"%PDF-1.4\n% scanned certificate\n%%EOF\n".to_vec();
    let r = upload(
        &app,
        &path,
        &fields,
        "file",
        "bio.pdf",
        "application/pdf",
        pdf.clone(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app
        .get_text(&format!("/cooperatives/{dates}/certifications"))
        .await;
    let link = format!("/certifications/{cert}/document");
    assert!(html.contains(&link));
    let r = app.get(&link).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    let (other, _) = visitor(&app, "other@coop.ma").await;
    assert_eq!(
        other.get(app.url(&link)).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let (public, _) = app.new_visitor();
    let r = public.get(app.url(&link)).send().await.unwrap();
    assert!(r.status().is_redirection() || r.status() == StatusCode::UNAUTHORIZED);

    // The office's exports.
    let (admin, _) = visitor(&app, "admin@office.ma").await;
    let r = admin
        .get(app.url("/certifications/export?format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    assert!(csv.contains("BIO-2026-1") && csv.contains("Ecocert"), "{csv}");
    let r = admin
        .get(app.url("/certifications/export?format=xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(
        admin
            .get(app.url("/certifications/export?format=doc"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let past = taawun_domain::markets::RawMarketEvent {
        kind: "fair".into(),
        title_ar: "معرض".into(),
        title_fr: "Salon".into(),
        place_ar: "أرفود".into(),
        place_fr: "Erfoud".into(),
        region_code: "08".into(),
        starts_on: in_days(-20),
        ends_on: in_days(-18),
        stands: "1".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    let past = app.store.create_market_event(&past, None, &system).await.unwrap();
    app.store
        .apply_to_market(past, dates, "Dattes", &system)
        .await
        .unwrap();
    app.store
        .record_allocation(past, &[(dates, 1, true)], &[], &system)
        .await
        .unwrap();
    app.store.report_sales(past, dates, 4321, &system).await.unwrap();
    let r = admin
        .get(app.url("/markets/stats?format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(csv.contains("4321"), "{csv}");
    let r = admin
        .get(app.url("/markets/stats?format=xlsx"))
        .send()
        .await
        .unwrap();
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));
    // Not for managers.
    assert_eq!(
        app.get("/markets/stats?format=csv").await.status(),
        StatusCode::FORBIDDEN
    );
    app.stop().await;
}

/// The organiser chooses the rule's parameters when publishing; they are shown on the page and
/// used by the allocation: with the local seat worth more than a certificate, the local
/// cooperative wins the single stand.
async fn an_organiser_chooses_the_rules_parameters(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let certified = cooperative(
        &app,
        "RC-R-1",
        "Coopérative Ahl Ziz",
        "agriculture",
        "dates",
        "01",
    )
    .await;
    let local = cooperative(
        &app,
        "RC-R-2",
        "Coopérative Tiwizi",
        "agriculture",
        "olives",
        "08",
    )
    .await;
    let system = Actor::System("test");
    let today = time::OffsetDateTime::now_utc().date();
    let draft = taawun_domain::markets::CertificationDraft {
        kind: taawun_domain::markets::CertificationKind::Organic,
        number: "BIO-9".into(),
        issuer: "Ecocert".into(),
        products: "Dattes".into(),
        issued_on: today - time::Duration::days(3),
        expires_on: None,
    };
    app.store
        .add_certification(certified, &draft, &system)
        .await
        .unwrap();
    app.create_staff("partner@fair.ma", Role::Partner, None, None)
        .await;
    let (partner, token) = visitor(&app, "partner@fair.ma").await;
    let starts = in_days(30);
    let ends = in_days(31);
    let mut fields = vec![
        ("kind", "fair"),
        ("title_ar", "معرض"),
        ("title_fr", "Salon local"),
        ("place_ar", "أرفود"),
        ("place_fr", "Erfoud"),
        ("region_code", "08"),
        ("starts_on", starts.as_str()),
        ("ends_on", ends.as_str()),
        ("stands", "1"),
        ("rotation_events", "5"),
        ("certified_points", "11"),
        ("local_points", "3"),
        ("women_first", "no"),
        ("csrf_token", token.as_str()),
    ];
    let r = partner
        .post(app.url("/markets/new"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        html.contains("entre 0 et 10") || html.contains("بين 0 و10"),
        "{html}"
    );
    fields[10] = ("certified_points", "1");
    let r = partner
        .post(app.url("/markets/new"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let event = location(&r);
    let id: i64 = event.rsplit('/').next().unwrap().parse().unwrap();
    let e = app.store.market_event(id).await.unwrap();
    assert_eq!(
        (
            e.rule.rotation_events,
            e.rule.certified_points,
            e.rule.local_points,
            e.rule.women_first
        ),
        (5, 1, 3, false)
    );
    let html = partner
        .get(app.url(&event))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        html.contains("5") && (html.contains("3 نقطة") || html.contains("3 point(s)")),
        "{html}"
    );
    for c in [certified, local] {
        app.store.apply_to_market(id, c, "Dattes", &system).await.unwrap();
    }
    let r = partner
        .post(app.url(&format!("{event}/allocate")))
        .form(&[("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let apps = app
        .store
        .market_applications(id, &today.to_string(), 5)
        .await
        .unwrap();
    let order: Vec<(i64, Option<bool>)> = apps.iter().map(|a| (a.cooperative_id, a.allocated)).collect();
    assert_eq!(order, vec![(local, Some(true)), (certified, Some(false))]);
    app.stop().await;
}
