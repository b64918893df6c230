//! Who may use what: every route of the served router × every role, against a table.
//!
//! The route list is read from the router itself (`taawun_web::routes::route_paths`) and each
//! path's methods are found by asking the server (a method a path lacks answers 405), so a route
//! added anywhere without a rule in [`RULES`] fails this test, and so does a rule whose route is
//! gone. To add a rule: one line `("METHOD", "/path/{param}", WHO)` in `RULES`; if the path has a
//! new parameter, say which fixture fills it in `sample`.
//!
//! The resources in the paths are real and belong to someone else: a cooperative of region 08
//! registered at the court of Errachidia, whose founder and manager is the owner `o`. The owner
//! column shows that the sample paths reach something (an allowed request is not a 404).
#![allow(clippy::unwrap_used)]

use crate::common;

use std::{collections::BTreeMap, sync::Arc};

use common::{Backend, STAFF_PASSWORD, TestApp, founding::registered_founding_file, location};
use reqwest::{Method, StatusCode};
use taawun_domain::Role;

/// The roles of the table, one letter each:
/// `p` public (not signed in), `m` manager of another cooperative, `c` clerk of another court,
/// `r` office agent of another region, `t` partner, `a` administrator, `o` the owner (founder
/// and manager of the cooperative in the paths).
const ROLES: &str = "pmcrtao";

/// Everyone, signed in or not.
const ANYONE: &str = "pmcrtao";
/// Any account.
const ACCOUNTS: &str = "mcrtao";
/// Administrators only.
const ADMIN: &str = "a";
/// The office: administrators and office agents, regional ones included (their pages show only
/// their region's data; that scoping is tested with the pages themselves).
const OFFICE: &str = "ra";
/// The owner of the resource, and the administrator.
const OWNER: &str = "ao";
/// Only the owner.
const ONLY_OWNER: &str = "o";
/// Cooperative managers: who asks for names and founds.
const MANAGERS: &str = "mo";
/// Those who file or keep registers: every account but partners.
const REGISTER_USERS: &str = "mcrao";
/// Clerks (their own court's register) and the office (every court's).
const REGISTERS: &str = "cra";
/// Who runs the world's meeting (region 08): the office nationally and administrators; the table
/// has no national agent, and its regional agent is of another region.
const MEETING_STAFF: &str = "a";
/// Who may add a meeting to a campaign (in their own region) or read a campaign's figures.
const CAMPAIGN_FIGURES: &str = "rta";
/// Who publishes market openings (fairs, display spaces): the office and partners.
const PUBLISHERS: &str = "rta";
/// Who publishes calls for projects: partners, national office agents and administrators (the
/// table's agent is regional).
const CALL_PUBLISHERS: &str = "ta";

/// Nobody of the table at the resource's state: the founding file is registered and the name
/// decided, so even the owner is refused; who may act on a draft or a pending file (the owner,
/// the competent clerk, the region's agent) is proven by `tests/it/register.rs`, which also shows
/// the other court's clerk, another founder and another region's agent refused there.
const NOBODY: &str = "";

/// Method, route pattern, who may use it (everyone else must be refused: a redirect to sign-in,
/// 401, 403 or 404).
const RULES: &[(&str, &str, &str)] = &[
    ("GET", "/", ANYONE),
    ("GET", "/about/data", ANYONE),
    ("GET", "/account", ACCOUNTS),
    ("POST", "/account/password", ACCOUNTS),
    ("GET", "/account/password", ACCOUNTS),
    ("GET", "/account/sign-in", ANYONE),
    ("POST", "/account/sign-in", ANYONE),
    ("POST", "/account/sign-out", ANYONE),
    ("GET", "/account/sign-up", ANYONE),
    ("POST", "/account/sign-up", ANYONE),
    ("GET", "/account/check-email", ANYONE),
    ("GET", "/account/confirm/{token}", ANYONE),
    ("POST", "/account/confirm/{token}", ANYONE),
    ("GET", "/account/password-reset", ANYONE),
    ("POST", "/account/password-reset", ANYONE),
    ("GET", "/account/password-reset/{token}", ANYONE),
    ("POST", "/account/password-reset/{token}", ANYONE),
    ("GET", "/adaptation", OFFICE),
    ("POST", "/adaptation/notify", OFFICE),
    ("GET", "/admin/audit", OFFICE),
    ("GET", "/admin/courts/new", ADMIN),
    ("POST", "/admin/courts/new", ADMIN),
    ("GET", "/admin/courts/{code}/edit", ADMIN),
    ("POST", "/admin/courts/{code}/edit", ADMIN),
    ("GET", "/admin/outbox", OFFICE),
    ("GET", "/admin/users", ADMIN),
    ("GET", "/admin/users/new", ADMIN),
    ("POST", "/admin/users/new", ADMIN),
    ("GET", "/api/docs", ANYONE),
    ("GET", "/api/openapi.json", ANYONE),
    ("GET", "/api/v1/catalogue", ANYONE),
    ("GET", "/api/v1/products", ANYONE),
    ("GET", "/api/v1/campaigns", ANYONE),
    ("GET", "/api/v1/campaigns/{id}/meetings", ANYONE),
    ("GET", "/api/v1/meetings/{id}", ANYONE),
    ("POST", "/api/v1/meetings/{id}/registrations", ANYONE),
    ("GET", "/api/v1/cooperatives", ANYONE),
    ("GET", "/api/v1/cooperatives/{id}", ANYONE),
    ("GET", "/api/v1/health", ANYONE),
    ("GET", "/api/v1/kb/search", ANYONE),
    ("GET", "/api/v1/name-check", ANYONE),
    ("GET", "/api/v1/stats", ANYONE),
    ("GET", "/api/v1/territory/courts", ANYONE),
    ("GET", "/api/v1/territory/regions", ANYONE),
    ("GET", "/api/v1/territory/regions/{code}/provinces", ANYONE),
    ("GET", "/campaigns", ANYONE),
    ("GET", "/campaigns/new", MEETING_STAFF),
    ("POST", "/campaigns/new", MEETING_STAFF),
    ("GET", "/campaigns/{id}", ANYONE),
    ("GET", "/campaigns/{id}/attendance", CAMPAIGN_FIGURES),
    ("GET", "/campaigns/{id}/attendance.csv", CAMPAIGN_FIGURES),
    ("GET", "/campaigns/{id}/attendance.xlsx", CAMPAIGN_FIGURES),
    ("GET", "/campaigns/{id}/edit", MEETING_STAFF),
    ("POST", "/campaigns/{id}/edit", MEETING_STAFF),
    ("GET", "/campaigns/{id}/meetings.ics", ANYONE),
    // A regional agent adds meetings in their own region (refused elsewhere: tests/it/campaigns.rs).
    ("GET", "/campaigns/{id}/meetings/new", OFFICE),
    ("POST", "/campaigns/{id}/meetings/new", OFFICE),
    ("GET", "/cooperatives", ANYONE),
    ("GET", "/catalogue", ANYONE),
    ("GET", "/markets", ANYONE),
    ("GET", "/markets/new", PUBLISHERS),
    ("POST", "/markets/new", PUBLISHERS),
    ("GET", "/markets/{id}", ANYONE),
    ("POST", "/markets/{id}/apply", MANAGERS),
    // The world's fair has no organiser account: administrators (and national agents) allocate.
    ("POST", "/markets/{id}/allocate", ADMIN),
    ("POST", "/markets/{id}/sales", MANAGERS),
    ("GET", "/markets/stats", OFFICE),
    // Support programmes. The world's call has no owner account (administrators act for the
    // funder) and no committee member in the table: committees, conflicts, scores and their
    // secrecy are proven member by member in `tests/it/programmes.rs`.
    ("GET", "/programmes", ANYONE),
    ("GET", "/api/v1/programmes", ANYONE),
    ("GET", "/api/v1/programmes/selected", ANYONE),
    ("GET", "/api/v1/programmes/{id}", ANYONE),
    ("GET", "/programmes/new", CALL_PUBLISHERS),
    ("POST", "/programmes/new", CALL_PUBLISHERS),
    ("GET", "/programmes/selected", ANYONE),
    ("GET", "/programmes/stats", PUBLISHERS),
    ("GET", "/programmes/stats.{ext}", PUBLISHERS),
    ("GET", "/programmes/{id}", ANYONE),
    ("POST", "/programmes/{id}/apply", MANAGERS),
    ("POST", "/programmes/{id}/committee", ADMIN),
    ("POST", "/programmes/{id}/committee/remove", ADMIN),
    ("GET", "/programmes/{id}/committees/{level}", NOBODY),
    ("POST", "/programmes/{id}/committees/{level}/decisions", NOBODY),
    ("GET", "/programmes/{id}/committees/{level}/minutes.pdf", NOBODY),
    ("GET", "/applications/{id}", OWNER),
    ("POST", "/applications/{id}", ONLY_OWNER),
    ("POST", "/applications/{id}/documents", ONLY_OWNER),
    ("GET", "/applications/{id}/documents/{index}", OWNER),
    ("POST", "/applications/{id}/submit", ONLY_OWNER),
    ("POST", "/applications/{id}/preliminary", NOBODY),
    ("POST", "/applications/{id}/conflict", NOBODY),
    ("POST", "/applications/{id}/score", NOBODY),
    ("POST", "/applications/{id}/agreement", ADMIN),
    ("POST", "/applications/{id}/disbursements", ADMIN),
    ("POST", "/applications/{id}/milestones", ADMIN),
    ("POST", "/applications/{id}/milestones/{mid}/done", ADMIN),
    ("POST", "/applications/{id}/notes", OWNER),
    ("GET", "/cooperatives/{id}/certifications", OWNER),
    ("POST", "/cooperatives/{id}/certifications", OWNER),
    ("POST", "/cooperatives/{id}/certifications/checklist", OWNER),
    ("POST", "/cooperatives/{id}/certifications/photo", OWNER),
    ("GET", "/catalogue/photos/{id}", ANYONE),
    ("GET", "/certifications/coverage", OFFICE),
    ("POST", "/certifications/reminders", OFFICE),
    ("GET", "/certifications/export", OFFICE),
    ("GET", "/certifications/{id}/document", OWNER),
    ("POST", "/cooperatives/{id}/certifications/document", OWNER),
    ("GET", "/cooperatives/{id}/products", OWNER),
    ("POST", "/cooperatives/{id}/products", OWNER),
    ("GET", "/cooperatives/{id}/products/{product}", OWNER),
    ("POST", "/cooperatives/{id}/products/{product}", OWNER),
    ("POST", "/cooperatives/{id}/products/{product}/photos", OWNER),
    (
        "POST",
        "/cooperatives/{id}/products/{product}/photos/delete",
        OWNER,
    ),
    ("GET", "/cooperatives/{id}/shop", ANYONE),
    // Without the confirmation ticked (as the table sends it) nothing is removed.
    ("POST", "/cooperatives/{id}/products/{product}/delete", OWNER),
    ("GET", "/products", ANYONE),
    ("GET", "/products/{id}", ANYONE),
    ("GET", "/products/photos/{picture}", ANYONE),
    ("GET", "/cooperatives/{id}", ANYONE),
    ("POST", "/cooperatives/{id}/extracts", ANYONE),
    ("POST", "/cooperatives/{id}/contact", ONLY_OWNER),
    ("GET", "/cooperatives/{id}/filings/{kind}", ONLY_OWNER),
    ("POST", "/cooperatives/{id}/filings/{kind}", ONLY_OWNER),
    // The cooperative's own books: its managers keep them; the office of its region and
    // administrators read them (the competent clerk too, proven in tests/it/coop_space.rs).
    ("GET", "/cooperatives/{id}/space", OWNER),
    ("GET", "/cooperatives/{id}/space/assemblies", OWNER),
    ("POST", "/cooperatives/{id}/space/assemblies", ONLY_OWNER),
    ("GET", "/cooperatives/{id}/space/assemblies/{assembly}", OWNER),
    (
        "POST",
        "/cooperatives/{id}/space/assemblies/{assembly}/attendance",
        ONLY_OWNER,
    ),
    (
        "GET",
        "/cooperatives/{id}/space/assemblies/{assembly}/minutes.pdf",
        OWNER,
    ),
    (
        "POST",
        "/cooperatives/{id}/space/assemblies/{assembly}/resolutions",
        ONLY_OWNER,
    ),
    ("POST", "/cooperatives/{id}/space/accounts-filed", ONLY_OWNER),
    ("GET", "/cooperatives/{id}/space/documents", OWNER),
    ("POST", "/cooperatives/{id}/space/documents/upload", ONLY_OWNER),
    ("GET", "/cooperatives/{id}/space/documents/{document}", OWNER),
    ("GET", "/cooperatives/{id}/space/mandates", OWNER),
    ("POST", "/cooperatives/{id}/space/mandates", ONLY_OWNER),
    (
        "POST",
        "/cooperatives/{id}/space/mandates/{mandate}/end",
        ONLY_OWNER,
    ),
    ("GET", "/cooperatives/{id}/space/members", OWNER),
    ("POST", "/cooperatives/{id}/space/members", ONLY_OWNER),
    (
        "POST",
        "/cooperatives/{id}/space/members/{member}/leave",
        ONLY_OWNER,
    ),
    ("GET", "/cooperatives/{id}/space/shares", OWNER),
    ("POST", "/cooperatives/{id}/space/shares", ONLY_OWNER),
    ("GET", "/obligations", OFFICE),
    ("GET", "/extracts/{code}", ANYONE),
    ("GET", "/extracts/{code}/pdf", ANYONE),
    ("GET", "/filings", REGISTER_USERS),
    ("POST", "/filings/new", ONLY_OWNER),
    ("GET", "/filings/{id}", OWNER),
    ("POST", "/filings/{id}/decision", NOBODY),
    ("GET", "/filings/{id}/details", NOBODY),
    ("POST", "/filings/{id}/details", NOBODY),
    ("POST", "/filings/{id}/documents", NOBODY),
    ("GET", "/filings/{id}/documents/{doc}", OWNER),
    ("GET", "/filings/{id}/edit/{section}", NOBODY),
    ("POST", "/filings/{id}/edit/{section}", NOBODY),
    ("GET", "/filings/{id}/statutes", OWNER),
    ("GET", "/filings/{id}/statutes.pdf", OWNER),
    ("POST", "/filings/{id}/submit", NOBODY),
    ("GET", "/filings/{id}/withdraw", NOBODY),
    ("POST", "/filings/{id}/withdraw", NOBODY),
    ("GET", "/kb", ANYONE),
    ("GET", "/kb/edit/{key}", OFFICE),
    ("POST", "/kb/edit/{key}", OFFICE),
    ("GET", "/kb/guides/{id}", ANYONE),
    ("GET", "/kb/history/{key}", OFFICE),
    ("GET", "/kb/history/{key}/{revision}", OFFICE),
    ("POST", "/kb/history/{key}/{revision}/restore", OFFICE),
    ("GET", "/kb/questions/{id}", ANYONE),
    ("GET", "/kb/search", ANYONE),
    ("GET", "/kb/templates/{id}", ANYONE),
    ("GET", "/lang/{code}", ANYONE),
    ("GET", "/kit/questions.pdf", ANYONE),
    ("GET", "/meetings/{id}", ANYONE),
    ("GET", "/meetings/{id}/badges", MEETING_STAFF),
    ("GET", "/meetings/{id}/check-in", MEETING_STAFF),
    ("POST", "/meetings/{id}/check-in", MEETING_STAFF),
    ("GET", "/meetings/{id}/edit", MEETING_STAFF),
    ("POST", "/meetings/{id}/edit", MEETING_STAFF),
    ("GET", "/meetings/{id}/kit", ANYONE),
    ("GET", "/meetings/{id}/memo.pdf", ANYONE),
    // The report is published: its photos are public.
    ("GET", "/meetings/{id}/photos/{photo}", ANYONE),
    ("POST", "/meetings/{id}/photos/{photo}/delete", MEETING_STAFF),
    ("GET", "/meetings/{id}/programme", MEETING_STAFF),
    ("POST", "/meetings/{id}/programme", MEETING_STAFF),
    ("GET", "/meetings/{id}/programme.pdf", ANYONE),
    ("POST", "/meetings/{id}/programme/{item}/delete", MEETING_STAFF),
    ("GET", "/meetings/{id}/register", ANYONE),
    ("POST", "/meetings/{id}/register", ANYONE),
    ("GET", "/meetings/{id}/registrations", MEETING_STAFF),
    ("GET", "/meetings/{id}/registrations.csv", MEETING_STAFF),
    ("GET", "/meetings/{id}/registrations.xlsx", MEETING_STAFF),
    ("POST", "/meetings/{id}/report/edit", MEETING_STAFF),
    ("GET", "/meetings/{id}/report/edit", MEETING_STAFF),
    ("POST", "/meetings/{id}/report/photos", MEETING_STAFF),
    ("GET", "/meetings/{id}/walk-in", MEETING_STAFF),
    ("POST", "/meetings/{id}/walk-in", MEETING_STAFF),
    // The ticket's secret is the right to see and cancel it.
    ("GET", "/tickets/{token}", ANYONE),
    ("POST", "/tickets/{token}/cancel", ANYONE),
    ("GET", "/names/certificates/{code}", ANYONE),
    ("GET", "/names/certificates/{code}/pdf", ANYONE),
    ("GET", "/names/check", ANYONE),
    // Managers see their requests, the office the requests to decide.
    ("GET", "/names/requests", "mrao"),
    ("GET", "/names/requests/new", MANAGERS),
    ("POST", "/names/requests/new", MANAGERS),
    ("GET", "/names/requests/{id}", OWNER),
    ("GET", "/names/requests/{id}/certificate", OWNER),
    ("GET", "/names/requests/{id}/certificate.pdf", OWNER),
    ("POST", "/names/requests/{id}/decision", NOBODY),
    ("GET", "/open-data", ANYONE),
    ("GET", "/open-data/cooperatives.csv", ANYONE),
    ("GET", "/register", REGISTERS),
    ("GET", "/static/{file}", ANYONE),
    ("GET", "/stats", ANYONE),
    ("GET", "/stats/provinces/{code}", ANYONE),
    ("GET", "/stats/regions/{code}", ANYONE),
    ("GET", "/territory", ANYONE),
    ("GET", "/territory/courts", ANYONE),
    ("GET", "/territory/regions/{code}", ANYONE),
    ("GET", "/verify", ANYONE),
    ("POST", "/verify", ANYONE),
    ("GET", "/verify/{code}", ANYONE),
];

/// The methods a route may have; a path answers 405 to the others.
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

/// The real resources the sample paths point at.
struct World {
    cooperative: i64,
    filing: i64,
    document: i64,
    name_request: i64,
    certificate: String,
    extract: String,
    campaign: i64,
    meeting: i64,
    item: i64,
    photo: i64,
    ticket: String,
    assembly: i64,
    kept_document: i64,
    market: i64,
    certification: i64,
    call: i64,
    application: i64,
    milestone: i64,
    product: i64,
    picture: i64,
}

/// The path pattern with its parameters filled in from the world.
fn sample(pattern: &str, w: &World) -> String {
    let first = pattern.split('/').find(|s| !s.is_empty()).unwrap_or("");
    let mut path = pattern.to_string();
    let fill = |path: &mut String, param: &str, value: &str| {
        *path = path.replace(&format!("{{{param}}}"), value);
    };
    let id = match first {
        "cooperatives" | "api" if pattern.contains("cooperatives") => w.cooperative.to_string(),
        "filings" => w.filing.to_string(),
        "names" => w.name_request.to_string(),
        "kb" if pattern.contains("questions") => "q001".into(),
        "kb" if pattern.contains("guides") => "founding".into(),
        "kb" => "model-statutes".into(),
        "campaigns" | "api" if pattern.contains("campaigns") => w.campaign.to_string(),
        "meetings" | "api" if pattern.contains("meetings") => w.meeting.to_string(),
        "markets" => w.market.to_string(),
        "programmes" | "api" if pattern.contains("programmes") => w.call.to_string(),
        "applications" => w.application.to_string(),
        "catalogue" | "certifications" => w.certification.to_string(),
        "products" => w.product.to_string(),
        // A new family of routes: say here which fixture fills its `{id}`.
        _ => "1".into(),
    };
    fill(&mut path, "id", &id);
    let code = match first {
        "lang" => "fr".to_string(),
        "admin" => "tpi-errachidia".into(),
        "extracts" | "verify" => w.extract.clone(),
        "names" => w.certificate.clone(),
        _ if pattern.contains("provinces/{code}") && first == "stats" => "08.201".into(),
        _ => "08".into(),
    };
    fill(&mut path, "code", &code);
    fill(&mut path, "kind", "modification");
    fill(&mut path, "section", "activity");
    fill(&mut path, "doc", &w.document.to_string());
    fill(&mut path, "key", "q001");
    fill(&mut path, "revision", "1");
    fill(&mut path, "item", &w.item.to_string());
    fill(&mut path, "photo", &w.photo.to_string());
    fill(&mut path, "product", &w.product.to_string());
    fill(&mut path, "picture", &w.picture.to_string());
    fill(&mut path, "token", &w.ticket);
    fill(&mut path, "assembly", &w.assembly.to_string());
    fill(&mut path, "document", &w.kept_document.to_string());
    fill(&mut path, "member", "1");
    fill(&mut path, "mandate", "1");
    fill(&mut path, "level", "local");
    fill(&mut path, "index", "0");
    fill(&mut path, "ext", "csv");
    fill(&mut path, "mid", &w.milestone.to_string());
    // The stylesheet is served under any content hash.
    fill(&mut path, "file", "app.0.css");
    assert!(
        !path.contains('{'),
        "no sample value for a parameter of {pattern}: add one in `sample`"
    );
    // Knowledge-base editing pages name the language of the page.
    if first == "kb" {
        path.push_str("?lang=ar");
    }
    path
}

/// One person of the table: a cookie jar of their own on the same server.
struct Who {
    client: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
}

impl Who {
    async fn new(app: &TestApp) -> Self {
        let (client, jar) = app.new_visitor();
        let who = Who { client, jar };
        // A first page sets the CSRF cookie that every form echoes.
        who.client.get(app.url("/")).send().await.unwrap();
        who
    }

    fn csrf(&self, app: &TestApp) -> String {
        common::form_token_in(&self.jar, &app.base)
    }

    async fn send(&self, app: &TestApp, method: &Method, path: &str, w: &World) -> reqwest::Response {
        let request = self.client.request(method.clone(), app.url(path));
        let request = if *method == Method::GET {
            request
        } else if path.ends_with("/documents") {
            // A real upload, so that the rule is what refuses it and not the form's shape.
            let file = reqwest::multipart::Part::bytes(common::founding::PDF.to_vec())
                .file_name("statutes.pdf")
                .mime_str("application/pdf")
                .unwrap();
            let form = reqwest::multipart::Form::new()
                .text("document_kind", "statutes")
                .part("file", file);
            let token = self.csrf(app);
            return self
                .client
                .request(method.clone(), app.url(&format!("{path}?csrf_token={token}")))
                .multipart(form)
                .send()
                .await
                .unwrap();
        } else if path.starts_with("/api/") {
            request.json(&serde_json::json!({}))
        } else {
            let mut fields = vec![("csrf_token", self.csrf(app))];
            // Forms that name a resource in their body name the world's.
            if path == "/filings/new" {
                fields.push(("name_request", w.name_request.to_string()));
            }
            request.form(&fields)
        };
        request.send().await.unwrap()
    }

    async fn signed_in(app: &TestApp, email: &str, password: &str) -> Self {
        let who = Who::new(app).await;
        let r = who
            .client
            .post(app.url("/account/sign-in"))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf_token", &who.csrf(app)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
        who
    }
}

/// Refused: sent to sign in, 401, 403, or 404 (a resource hidden from those who may not see it).
fn allowed(status: StatusCode, location: &str, what: &str) -> bool {
    assert!(!status.is_server_error(), "{what}: {status}");
    let to_sign_in = status.is_redirection() && location.starts_with("/account/sign-in");
    !(to_sign_in
        || matches!(
            status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ))
}

async fn world(app: &TestApp) -> World {
    // The owner founds a cooperative at Errachidia (region 08) and the competent clerk registers it.
    let registered = registered_founding_file(app).await;
    let (filing_id, cooperative) = (registered.id, registered.cooperative);
    let f = app.store.filing(filing_id).await.unwrap();
    let r = app
        .post_form(&format!("/cooperatives/{cooperative}/extracts"), &[])
        .await;
    let extract = location(&r).rsplit('/').next().unwrap().to_string();
    let document = app.store.filing_documents(filing_id).await.unwrap()[0].id;
    let name_request = f.name_request_id.unwrap();
    let (campaign, meeting, item, photo, ticket) = meeting_world(app).await;
    let (assembly, kept_document) = books_world(app, cooperative).await;
    let market = app
        .store
        .create_market_event(
            &taawun_domain::markets::RawMarketEvent {
                kind: "fair".into(),
                title_ar: "معرض".into(),
                title_fr: "Salon".into(),
                place_ar: "أرفود".into(),
                place_fr: "Erfoud".into(),
                region_code: "08".into(),
                starts_on: "2026-12-01".into(),
                ends_on: "2026-12-03".into(),
                stands: "5".into(),
                ..Default::default()
            }
            .parse()
            .unwrap(),
            None,
            &taawun_store::Actor::System("test"),
        )
        .await
        .unwrap();
    // A certificate of the world's cooperative with its product photo, for the catalogue.
    let system = taawun_store::Actor::System("test");
    let certification = app
        .store
        .add_certification(
            cooperative,
            &taawun_domain::markets::RawCertification {
                kind: "organic".into(),
                number: "BIO-1".into(),
                issuer: "Ecocert".into(),
                products: "Dattes".into(),
                issued_on: "2026-01-01".into(),
                ..Default::default()
            }
            .parse(false, time::macros::date!(2026 - 11 - 23))
            .unwrap(),
            &system,
        )
        .await
        .unwrap();
    app.store
        .set_certification_photo(
            cooperative,
            certification,
            "image/png",
            b"\x89PNG\r\n\x1a\n",
            &system,
        )
        .await
        .unwrap();
    // A product covered by that certificate, with a photo, and the certificate's scanned copy.
    let product = app
        .store
        .add_product(
            cooperative,
            &taawun_domain::products::RawProduct {
                category: "dates".into(),
                name_ar: "تمر".into(),
                name_fr: "Dattes".into(),
                ..Default::default()
            }
            .parse()
            .unwrap(),
            &[certification],
            &system,
        )
        .await
        .unwrap();
    let picture = app
        .store
        .add_product_photo(
            cooperative,
            product,
            &taawun_store::NewProductPhoto {
                width: 1,
                height: 1,
                bytes: b"\xff\xd8\xff",
                thumb: b"\xff\xd8\xff",
            },
            &system,
        )
        .await
        .unwrap();
    app.store
        .set_certification_document(
            cooperative,
            certification,
            &taawun_store::NewCertificationDocument {
                file_name: "bio.pdf",
                content_type: "application/pdf",
                sha256: "0",
                bytes: common::founding::PDF,
            },
            &system,
        )
        .await
        .unwrap();
    let (call, application, milestone) = programme_world(app, cooperative).await;
    World {
        product,
        picture,
        call,
        application,
        milestone,
        market,
        certification,
        assembly,
        kept_document,
        campaign,
        meeting,
        item,
        photo,
        ticket,
        cooperative,
        filing: filing_id,
        document,
        name_request,
        certificate: "NAKHIL".into(),
        extract,
    }
}

/// An assembly convened and a document kept in the cooperative's books.
async fn books_world(app: &TestApp, cooperative: i64) -> (i64, i64) {
    let system = taawun_store::Actor::System("test");
    let day = time::OffsetDateTime::now_utc().date();
    let draft = taawun_domain::coop_space::RawAssembly {
        assembly_kind: "extraordinary".into(),
        held_on: day.to_string(),
        place: "Siège".into(),
        agenda: "Statuts".into(),
        ..Default::default()
    }
    .parse(day)
    .unwrap();
    let assembly = app
        .store
        .convene_assembly(cooperative, &draft, &[], &system)
        .await
        .unwrap();
    let doc = taawun_store::NewKeptDocument {
        kind: "statutes",
        assembly_id: None,
        financial_year: None,
        file_name: "statuts.pdf",
        content_type: "application/pdf",
        sha256: "0",
        bytes: common::founding::PDF,
    };
    let kept = app.store.keep_document(cooperative, &doc, &system).await.unwrap();
    (assembly, kept)
}

/// A campaign with a meeting in region 08, a programme line, a published report with a photo,
/// and a registration's ticket.
async fn meeting_world(app: &TestApp) -> (i64, i64, i64, i64, String) {
    use taawun_domain::campaign::{RawCampaign, RawItem, RawMeeting, RawRegistration};
    let system = taawun_store::Actor::System("test");
    let day = (time::OffsetDateTime::now_utc().date() + time::Duration::days(7)).to_string();
    let campaign = RawCampaign {
        title_ar: "حملة".into(),
        title_fr: "Campagne".into(),
        ..Default::default()
    };
    let campaign = app
        .store
        .create_campaign(&campaign.parse().unwrap(), &system)
        .await
        .unwrap();
    let meeting = RawMeeting {
        level: "regional".into(),
        city_ar: "الرشيدية".into(),
        city_fr: "Errachidia".into(),
        region_code: "08".into(),
        date: day,
        capacity: "50".into(),
        ..Default::default()
    };
    let meeting = app
        .store
        .create_meeting(campaign, &meeting.parse().unwrap(), &system)
        .await
        .unwrap();
    let item = RawItem {
        item_kind: "workshop".into(),
        title_ar: "ورشة".into(),
        title_fr: "Atelier".into(),
        ..Default::default()
    };
    let item = app
        .store
        .add_programme_item(meeting, &item.parse().unwrap(), &system)
        .await
        .unwrap();
    let report = taawun_store::MeetingReport {
        summary_ar: "خلاصة".into(),
        summary_fr: "Synthèse".into(),
        ..Default::default()
    };
    app.store
        .save_meeting_report(meeting, &report, true, &system)
        .await
        .unwrap();
    let photo = app
        .store
        .add_meeting_photo(meeting, "", "", "image/png", b"\x89PNG\r\n\x1a\n", &system)
        .await
        .unwrap();
    let person = RawRegistration {
        name: "Amina".into(),
        phone: "0612345678".into(),
        target_group: "student".into(),
        ..Default::default()
    };
    let ticket = taawun_web::random_token();
    app.store
        .register_participant(
            meeting,
            &taawun_store::NewRegistration {
                draft: &person.parse(&[item]).unwrap(),
                token: &ticket,
                lang: "ar",
                entry: taawun_store::Entry::Public,
            },
            &|_: &taawun_store::MeetingRegistration| None,
            &system,
        )
        .await
        .unwrap();
    (campaign, meeting, item, photo, ticket)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_for_every_role() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let w = world(&app).await;

    // The people of the table, each with a session of their own.
    app.create_staff("other.manager@example.ma", Role::CooperativeManager, None, None)
        .await;
    let other_manager = Who::signed_in(&app, "other.manager@example.ma", STAFF_PASSWORD).await;
    let staff = [
        (
            "c",
            "greffe.tiflet@example.ma",
            Role::CourtClerk,
            Some("tpi-tiflet"),
            None,
        ),
        ("r", "agent.rabat@example.ma", Role::OfficeAgent, None, Some("04")),
        ("t", "partner@example.ma", Role::Partner, None, None),
        ("a", "admin@example.ma", Role::Administrator, None, None),
    ];
    let mut people: BTreeMap<char, Who> = BTreeMap::new();
    people.insert('p', Who::new(&app).await);
    people.insert('m', other_manager);
    for (letter, email, role, court, region) in staff {
        app.create_staff(email, role, court, region).await;
        people.insert(
            letter.chars().next().unwrap(),
            Who::signed_in(&app, email, STAFF_PASSWORD).await,
        );
    }
    people.insert(
        'o',
        Who::signed_in(&app, "founder@example.ma", "a founder passphrase").await,
    );

    // The routes, from the router that is served; their methods, from the server.
    let router = taawun_web::router(app.state.clone());
    let paths = taawun_web::routes::route_paths(&router);
    assert!(
        paths.len() > 50,
        "the route list is read from the router: {paths:?}"
    );
    // The visitor probes: signing out (one of the routes) costs them nothing.
    let probe = &people[&'p'];
    let mut routes: Vec<(Method, String)> = Vec::new();
    for pattern in &paths {
        for method in &METHODS {
            let r = probe.send(&app, method, &sample(pattern, &w), &w).await;
            if r.status() != StatusCode::METHOD_NOT_ALLOWED {
                routes.push((method.clone(), pattern.clone()));
            }
        }
    }
    // Signing out ends the session the other rows need: last.
    routes.sort_by_key(|(_, p)| p == "/account/sign-out");

    let rules: BTreeMap<(&str, &str), &str> = RULES.iter().map(|(m, p, who)| ((*m, *p), *who)).collect();
    let missing: Vec<String> = routes
        .iter()
        .filter(|(m, p)| !rules.contains_key(&(m.as_str(), p.as_str())))
        .map(|(m, p)| format!("    (\"{m}\", \"{p}\", …),"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without an access rule — add them to RULES in crates/taawun/tests/it/authz.rs:\n{}",
        missing.join("\n")
    );
    let stale: Vec<_> = RULES
        .iter()
        .filter(|(m, p, _)| !routes.iter().any(|(rm, rp)| rm.as_str() == *m && rp == p))
        .collect();
    assert!(
        stale.is_empty(),
        "rules for routes that no longer exist: {stale:?}"
    );

    let mut wrong: Vec<String> = Vec::new();
    for (method, pattern) in &routes {
        let expected = rules[&(method.as_str(), pattern.as_str())];
        let path = sample(pattern, &w);
        for letter in ROLES.chars() {
            let r = people[&letter].send(&app, method, &path, &w).await;
            let status = r.status();
            let what = format!("{method} {path} as {letter}");
            let got = allowed(status, &location(&r), &what);
            if got != expected.contains(letter) {
                let verdict = if got { "allowed" } else { "refused" };
                wrong.push(format!("{what}: {verdict} ({status})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "access differs from the table:\n{}",
        wrong.join("\n")
    );
    app.stop().await;
}

/// A call of region 08 with the world's cooperative's application, selected by the local
/// committee, with its document and a milestone to mark done.
async fn programme_world(app: &TestApp, cooperative: i64) -> (i64, i64, i64) {
    use taawun_domain::programmes::{RawApplication, RawCall, RawCriterion};
    let system = taawun_store::Actor::System("test");
    let today = time::OffsetDateTime::now_utc().date();
    let call = RawCall {
        funder: "INDH".into(),
        title_ar: "طلب".into(),
        title_fr: "Appel".into(),
        objectives_ar: "دعم".into(),
        objectives_fr: "Appui".into(),
        region_code: "08".into(),
        budget_dh: "100000".into(),
        ceiling_dh: "50000".into(),
        documents: "Devis".into(),
        opens_on: (today - time::Duration::days(1)).to_string(),
        closes_on: (today + time::Duration::days(10)).to_string(),
        preliminary_by: (today + time::Duration::days(20)).to_string(),
        decision_by: (today + time::Duration::days(30)).to_string(),
        criteria: vec![RawCriterion {
            label_ar: "الأثر".into(),
            label_fr: "Impact".into(),
            weight: "100".into(),
        }],
        levels: [("income_generating".to_string(), "local".to_string())].into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    let call_id = app.store.create_call(&call, None, &system).await.unwrap();
    let draft = RawApplication {
        project_title: "Projet".into(),
        project_type: "income_generating".into(),
        summary: "Résumé".into(),
        budget: vec![("Équipement".into(), "40000".into())],
        own_contribution_dh: "10000".into(),
        requested_dh: "30000".into(),
        jobs: String::new(),
    }
    .parse(
        taawun_domain::programmes::CallLimits {
            ceiling_dh: 50_000,
            min_own_percent: 0,
        },
        &[taawun_domain::programmes::ProjectType::IncomeGenerating],
    )
    .unwrap();
    let id = app
        .store
        .create_application(call_id, cooperative, &draft, &system)
        .await
        .unwrap();
    app.store
        .attach_application_document(id, 0, "devis.pdf", "application/pdf", b"%PDF-1.4", &system)
        .await
        .unwrap();
    app.store.submit_application(id, &[], &system).await.unwrap();
    app.store
        .record_preliminary(id, true, "", &[], &system)
        .await
        .unwrap();
    app.store
        .record_session(
            call_id,
            "local",
            "Séance",
            &[taawun_store::SessionDecision {
                application_id: id,
                rank: 1,
                status: "selected",
                reason: String::new(),
            }],
            &[],
            &system,
        )
        .await
        .unwrap();
    app.store
        .add_milestone(
            id,
            "Équipement livré",
            &(today + time::Duration::days(60)).to_string(),
            &system,
        )
        .await
        .unwrap();
    let milestone = app.store.follow_up(id).await.unwrap().milestones[0].id;
    (call_id, id, milestone)
}
