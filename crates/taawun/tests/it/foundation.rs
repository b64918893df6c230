//! The foundation's story, run against SQLite and PostgreSQL: pages in two languages, accounts,
//! roles, CSRF, throttling, the audit log and the API.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, STAFF_PASSWORD, TestApp, location};
use reqwest::StatusCode;
use serde_json::Value;
use taawun_domain::Role;

both_backends!(
    health_reports_the_backend,
    territory_api_lists_regions_and_provinces,
    home_is_arabic_rtl_and_switches_to_french,
    account_journey_sign_up_in_out_and_password,
    a_new_account_waits_for_its_address_and_a_password_can_be_reset,
    bad_sign_up_shows_translated_errors_beside_fields,
    forms_without_csrf_token_are_refused,
    api_errors_are_translated_json_envelopes,
    sign_in_is_throttled_after_repeated_failures,
    audit_log_records_changes_and_refuses_edits,
    staff_pages_follow_roles,
    administrator_edits_a_court_with_validation,
    administrator_creates_staff_accounts,
    user_text_is_escaped,
);

async fn health_reports_the_backend(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app.get("/api/v1/health").await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["backend"], expected);
    assert_eq!(body["database"], true);
    assert_eq!(body["status"], "ok");
    app.stop().await;
}

async fn territory_api_lists_regions_and_provinces(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let body: Value = app.get("/api/v1/territory/regions").await.json().await.unwrap();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    assert_eq!(body["total"], 12);
    assert_eq!(items[7]["code"], "08");
    assert_eq!(items[7]["name_fr"], "Drâa-Tafilalet");
    assert_eq!(items[7]["name_ar"], "درعة-تافيلالت");

    let body: Value = app
        .get("/api/v1/territory/regions/08/provinces")
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name_fr"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5);
    assert!(names.contains(&"Errachidia"), "{names:?}");

    let r = app.get("/api/v1/territory/regions/13/provinces").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_region_code");
    assert_eq!(body["error"]["field"], "code");

    let courts: Value = app
        .get("/api/v1/territory/courts?region=08")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        courts["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "tpi-errachidia")
    );

    // Pages list them too.
    let (status, html) = app.get_text("/territory").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("درعة-تافيلالت"));
    let (status, html) = app.get_text("/territory/regions/08").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("الرشيدية"));
    assert_eq!(
        app.get("/territory/regions/99").await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, html) = app.get_text("/territory/courts").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("المحكمة الابتدائية بالرشيدية"));
    app.stop().await;
}

async fn home_is_arabic_rtl_and_switches_to_french(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, html) = app.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains("Haut-Commissariat") || html.contains("المندوبية السامية للتخطيط"));

    let r = app.get("/lang/fr?next=%2Fterritory%3Fx%3D1").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/territory?x=1");
    let (_, html) = app.get_text("/territory").await;
    assert!(
        html.contains(r#"<html lang="fr" dir="ltr">"#),
        "French after the switch"
    );
    assert!(html.contains("Régions et provinces"));
    // The switch link leads back to Arabic and keeps the page.
    assert!(html.contains(r#"href="/lang/ar?next=%2Fterritory""#));

    // An open redirect is not possible through ?next=.
    let r = app.get("/lang/ar?next=https%3A%2F%2Fevil.example").await;
    assert_eq!(location(&r), "/");
    assert_eq!(app.get("/lang/en").await.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn account_journey_sign_up_in_out_and_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app
        .sign_up("فاطمة الزهراء", "Fatima@Example.ma", "زيت أركان من تيزنيت")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    assert_eq!(location(&r), "/account");
    let set_cookie: Vec<_> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("taawun_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );

    let (status, html) = app.get_text("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("fatima@example.ma"), "e-mail is stored lower-case");
    assert!(html.contains("مسير تعاونية"));

    let r = app.post_form("/account/sign-out", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "signed out"
    );
    // The same e-mail cannot sign up twice, and the page does not say so: the owner is told.
    let before = app.last_message_id().await;
    let r = app
        .post_form(
            "/account/sign-up",
            &[
                ("display_name", "Autre"),
                ("email", "fatima@example.ma"),
                ("password", "another long password"),
                ("password_confirm", "another long password"),
            ],
        )
        .await;
    assert_eq!(
        location(&r),
        "/account/check-email",
        "the same answer as for a new address"
    );
    assert!(
        app.link_sent_since(before, "fatima@example.ma", "account_exists")
            .await
            .is_some_and(|l| l == "/account/sign-in"),
        "the owner is told they have an account"
    );
    assert!(
        app.link_sent_since(before, "fatima@example.ma", "account_confirm")
            .await
            .is_none()
    );

    let r = app.sign_in("fatima@example.ma", "wrong password here").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app.sign_in("FATIMA@example.ma", "زيت أركان من تيزنيت").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let r = app
        .post_form(
            "/account/password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "short"),
                ("new_password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("كلمة المرور الحالية غير صحيحة"));
    assert!(html.contains("10 أحرف على الأقل"));

    let r = app
        .post_form(
            "/account/password",
            &[
                ("current_password", "زيت أركان من تيزنيت"),
                ("new_password", "a brand new passphrase"),
                ("new_password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/account?notice=password_changed");
    app.post_form("/account/sign-out", &[]).await;
    assert_eq!(
        app.sign_in("fatima@example.ma", "زيت أركان من تيزنيت")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("fatima@example.ma", "a brand new passphrase")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

/// Sign-up sends a confirmation link and signs nobody in until it is used; look-alike addresses
/// and names that pass for the office are refused; a forgotten password is replaced through a
/// link, which ends every session of the account; links serve once.
async fn a_new_account_waits_for_its_address_and_a_password_can_be_reset(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let form = |name: &'static str, email: &'static str| {
        [
            ("display_name", name),
            ("email", email),
            ("password", "a long passphrase here"),
            ("password_confirm", "a long passphrase here"),
        ]
    };
    for (name, email, field, message) in [
        ("Fatima", "f\u{0430}tima@example.ma", "email", "بالحروف اللاتينية"),
        ("Fatima", "ｆatima@example.ma", "email", "بالحروف اللاتينية"),
        (
            "Administrateur",
            "fatima@example.ma",
            "display_name",
            "هذا الاسم محجوز",
        ),
        (
            "مكتب تنمية التعاون",
            "fatima@example.ma",
            "display_name",
            "هذا الاسم محجوز",
        ),
    ] {
        let r = app.post_form("/account/sign-up", &form(name, email)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name} {email}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains(message) && html.contains(&format!("#{field}")),
            "{name} {email}"
        );
    }

    let before = app.last_message_id().await;
    let r = app
        .post_form("/account/sign-up", &form("Fatima", "fatima@example.ma"))
        .await;
    assert_eq!(location(&r), "/account/check-email");
    let (_, html) = app.get_text("/account/check-email").await;
    assert!(html.contains("افتح بريدك الإلكتروني"));
    assert_eq!(
        app.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "not signed in yet"
    );
    // Signing in before confirming sends a new link and says why.
    let r = app.sign_in("fatima@example.ma", "a long passphrase here").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("لم يتم تأكيد هذا العنوان"));
    let first = app
        .link_sent_since(before, "fatima@example.ma", "account_confirm")
        .await
        .unwrap();
    // Opening the link shows a button (a mail scanner's visit confirms nothing).
    let (status, html) = app.get_text(&first).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("تأكيد العنوان"));
    let r = app.post_form(&first, &[]).await;
    assert_eq!(location(&r), "/account");
    assert_eq!(app.get("/account").await.status(), StatusCode::OK, "signed in");
    let r = app.post_form(&first, &[]).await;
    assert_eq!(r.status(), StatusCode::GONE, "a link serves once");
    assert!(r.text().await.unwrap().contains("لم يعد صالحا"));
    assert_eq!(
        app.get("/account/confirm/not-a-token").await.status(),
        StatusCode::GONE
    );

    // A forgotten password: the same answer for an address with or without an account.
    let phone = app.second_server().await;
    let r = phone.sign_in("fatima@example.ma", "a long passphrase here").await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "signed in on another device too"
    );
    let before = app.last_message_id().await;
    for email in ["fatima@example.ma", "nobody@example.ma"] {
        let r = app
            .post_form("/account/password-reset", &[("email", email)])
            .await;
        assert_eq!(location(&r), "/account/check-email", "{email}");
    }
    assert!(
        app.link_sent_since(before, "nobody@example.ma", "account_reset")
            .await
            .is_none()
    );
    let reset = app
        .link_sent_since(before, "fatima@example.ma", "account_reset")
        .await
        .unwrap();
    let (status, _) = app.get_text(&reset).await;
    assert_eq!(status, StatusCode::OK);
    let r = app
        .post_form(
            &reset,
            &[("new_password", "short"), ("password_confirm", "short")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the password rules hold"
    );
    let r = app
        .post_form(
            &reset,
            &[
                ("new_password", "a brand new passphrase"),
                ("password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/account?notice=password_changed");
    assert_eq!(
        phone.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "other sessions end"
    );
    phone.stop().await;
    let r = app.sign_in("fatima@example.ma", "a long passphrase here").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "the old password is gone");
    let r = app.sign_in("fatima@example.ma", "a brand new passphrase").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &reset,
            &[
                ("new_password", "yet another passphrase"),
                ("password_confirm", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::GONE, "a reset link serves once");
    app.stop().await;
}

async fn bad_sign_up_shows_translated_errors_beside_fields(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app
        .post_form(
            "/account/sign-up",
            &[
                ("display_name", ""),
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"class="error-summary""#));
    assert!(html.contains(r#"id="email-error""#) && html.contains("أدخل عنوان بريد إلكتروني صحيحا"));
    assert!(html.contains(r#"id="display_name-error""#));
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(
        html.contains(r#"value="not-an-email""#),
        "the typed value is kept"
    );

    app.get("/lang/fr").await;
    let r = app
        .post_form(
            "/account/sign-up",
            &[
                ("display_name", "Fatima"),
                ("email", "fatima@example"),
                ("password", "a long enough one"),
                ("password_confirm", "a different one!"),
            ],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Saisissez une adresse e-mail valide"));
    assert!(!html.contains("passwords_differ"), "messages, not codes");
    app.stop().await;
}

async fn forms_without_csrf_token_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.get("/").await;
    let r = app
        .client
        .post(app.url("/account/sign-in"))
        .form(&[("email", "a@b.ma"), ("password", "whatever it is")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("انتهت صلاحية الاستمارة"));
    // A forged token is refused as well.
    let r = app
        .client
        .post(app.url("/account/sign-in"))
        .form(&[
            ("email", "a@b.ma"),
            ("password", "whatever it is"),
            ("csrf_token", &"0".repeat(64)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The raw cookie is not the token: a cookie planted by someone else proves nothing.
    let cookie = app.cookie("taawun_csrf").unwrap();
    let r = app
        .client
        .post(app.url("/account/sign-in"))
        .form(&[
            ("email", "a@b.ma"),
            ("password", "whatever it is"),
            ("csrf_token", &cookie),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "the cookie alone is refused");

    // The token is bound to the session: one read before signing in is refused after it.
    let before = app.form_token();
    app.sign_up("Bound", "bound@example.ma", "a long enough passphrase")
        .await;
    assert_ne!(app.form_token(), before, "a new session, a new token");
    let r = app
        .client
        .post(app.url("/names/requests/new"))
        .form(&[("name_ar", "تعاونية الربط"), ("csrf_token", &before)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "a token of no session is refused"
    );
    // So is another visitor's token, even with the same planted cookie.
    let (other, other_jar) = app.new_visitor();
    other.get(app.url("/")).send().await.unwrap();
    let theirs = common::form_token_in(&other_jar, &app.base);
    let r = app
        .client
        .post(app.url("/names/requests/new"))
        .form(&[("name_ar", "تعاونية الربط"), ("csrf_token", &theirs)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "another visitor's token is refused"
    );
    app.stop().await;
}

async fn api_errors_are_translated_json_envelopes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app.get("/api/v1/nothing-here").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].as_str().unwrap().contains("غير موجود"));

    let body: Value = app
        .get("/api/v1/nothing-here?lang=fr")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("n’existe pas")
    );

    let r = app
        .client
        .get(app.url("/api/v1/territory/courts?region=xx"))
        .header("accept-language", "fr-MA,fr;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["field"], "region");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("code de région")
    );

    let r = app.client.delete(app.url("/api/v1/health")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");

    // Pages get a translated page, with the status.
    let (status, html) = app.get_text("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("الصفحة غير موجودة"));
    app.stop().await;
}

/// Five failures lock the account *at that address* only: the owner elsewhere, and the owner's
/// own browser anywhere, still get in; many addresses together stop strangers' browsers, not the
/// owner's; a known browser has its own five.
async fn sign_in_is_throttled_after_repeated_failures(backend: Backend) {
    use StatusCode as S;
    let app = TestApp::spawn_configured(backend, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    // The owner's browser signs up, which makes it known to the account.
    app.sign_up("Amina", "amina@example.ma", "the right passphrase")
        .await;
    assert!(app.cookie("taawun_device").is_some(), "the browser is remembered");
    app.post_form("/account/sign-out", &[]).await;
    let (right, wrong) = ("the right passphrase", "a wrong passphrase");
    // One sign-in attempt from `who`'s browser at address `from`, answered `want`.
    let attempt = |who: (reqwest::Client, std::sync::Arc<reqwest::cookie::Jar>),
                   from: String,
                   password: &'static str,
                   want: StatusCode,
                   why: &'static str| {
        let token = common::form_token_in(&who.1, &app.base);
        let url = app.url("/account/sign-in");
        async move {
            let r = who
                .0
                .post(url)
                .header("x-forwarded-for", from)
                .form(&[
                    ("email", "amina@example.ma"),
                    ("password", password),
                    ("csrf_token", token.as_str()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), want, "{why}");
            r.text().await.unwrap()
        }
    };
    let stranger = || async {
        let (client, jar) = app.new_visitor();
        client.get(app.url("/")).send().await.unwrap();
        (client, jar)
    };
    let owner = || (app.client.clone(), app.jar.clone());

    let attacker = stranger().await;
    for _ in 0..5 {
        attempt(
            attacker.clone(),
            "196.200.1.7".into(),
            wrong,
            S::UNAUTHORIZED,
            "wrong",
        )
        .await;
    }
    let page = attempt(
        attacker,
        "196.200.1.7".into(),
        right,
        S::TOO_MANY_REQUESTS,
        "locked there",
    )
    .await;
    assert!(page.contains("محاولات دخول كثيرة"));
    attempt(
        stranger().await,
        "41.250.3.3".into(),
        right,
        S::SEE_OTHER,
        "not locked elsewhere",
    )
    .await;
    // The owner's own browser, even behind the attacker's address (one shared connection).
    attempt(
        owner(),
        "196.200.1.7".into(),
        right,
        S::SEE_OTHER,
        "a known browser gets in",
    )
    .await;
    app.post_form("/account/sign-out", &[]).await;

    // Guesses spread over many addresses (five here, forty-five more there): at fifty, a
    // stranger's browser is refused everywhere, the owner's known browser is not.
    for n in 0..9 {
        let guesser = stranger().await;
        for _ in 0..5 {
            attempt(
                guesser.clone(),
                format!("105.66.{n}.1"),
                wrong,
                S::UNAUTHORIZED,
                "a guess",
            )
            .await;
        }
    }
    let guarded = "the account is guarded across addresses";
    attempt(
        stranger().await,
        "41.250.9.9".into(),
        right,
        S::TOO_MANY_REQUESTS,
        guarded,
    )
    .await;
    attempt(
        owner(),
        "41.250.9.9".into(),
        right,
        S::SEE_OTHER,
        "the known browser still gets in",
    )
    .await;
    app.post_form("/account/sign-out", &[]).await;

    // A known browser's cookie does not buy unlimited guesses: it has five of its own.
    for _ in 0..5 {
        attempt(owner(), "41.250.9.9".into(), wrong, S::UNAUTHORIZED, "wrong").await;
    }
    attempt(
        owner(),
        "41.250.9.9".into(),
        right,
        S::TOO_MANY_REQUESTS,
        "the browser's own limit",
    )
    .await;
    app.stop().await;
}

async fn audit_log_records_changes_and_refuses_edits(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up("Youssef", "youssef@example.ma", "a long passphrase here")
        .await;
    let entries = app
        .store
        .audit_entries(&taawun_store::AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let created = entries.iter().find(|e| e.action == "user.create").unwrap();
    assert_eq!(created.actor_label, "anonymous");
    let after = created.after_json.as_deref().unwrap();
    assert!(
        !after.contains("youssef@example.ma") && after.contains("[withheld]"),
        "personal values are withheld: {after}"
    );
    assert!(!after.contains("argon2"), "no password hash in the audit log");
    assert!(
        app.store.try_tamper_audit_log().await.is_err(),
        "the database refuses to edit the log"
    );
    // The one change the database lets through: withholding an entry's values, once.
    sqlx::any::install_default_drivers();
    let raw = sqlx::AnyPool::connect(&app.db.as_ref().unwrap().url)
        .await
        .unwrap();
    let redact = |sql: &'static str| {
        let raw = raw.clone();
        async move { sqlx::query(sql).bind(created.id).execute(&raw).await }
    };
    assert!(
        redact("UPDATE audit_log SET action = 'other', redacted_at = 1 WHERE id = $1")
            .await
            .is_err(),
        "a redaction changes nothing but the values"
    );
    assert!(
        redact("UPDATE audit_log SET after_json = '{}', redacted_at = 1 WHERE id = $1")
            .await
            .is_ok()
    );
    assert!(
        redact("UPDATE audit_log SET after_json = '{\"forged\":1}', redacted_at = 2 WHERE id = $1")
            .await
            .is_err(),
        "an entry is redacted once"
    );
    raw.close().await;
    app.stop().await;
}

async fn staff_pages_follow_roles(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app.get("/admin/audit").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/account/sign-in?next=%2Fadmin%2Faudit");

    app.sign_up("Manager", "manager@example.ma", "a manager passphrase")
        .await;
    assert_eq!(app.get("/admin/audit").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/admin/users").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/admin/courts/new").await.status(), StatusCode::FORBIDDEN);
    let r = app.post_form("/admin/courts/new", &[("code", "tpi-x")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    app.post_form("/account/sign-out", &[]).await;

    app.create_staff("agent@office.ma", Role::OfficeAgent, None, Some("08"))
        .await;
    let r = app.sign_in("agent@office.ma", STAFF_PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, html) = app.get_text("/admin/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("user.create"),
        "an account is a national record: not in a regional agent's log"
    );
    assert_eq!(app.get("/admin/users").await.status(), StatusCode::FORBIDDEN);
    app.post_form("/account/sign-out", &[]).await;

    app.create_staff("national@office.ma", Role::OfficeAgent, None, None)
        .await;
    app.sign_in("national@office.ma", STAFF_PASSWORD).await;
    let (status, html) = app.get_text("/admin/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("user.create"), "national staff see the sign-up");
    assert!(
        !html.contains("manager@example.ma"),
        "without the person's e-mail"
    );
    app.stop().await;
}

async fn administrator_edits_a_court_with_validation(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_staff("admin@office.ma", Role::Administrator, None, None)
        .await;
    app.sign_in("admin@office.ma", STAFF_PASSWORD).await;
    let (status, html) = app.get_text("/admin/courts/tpi-errachidia/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("value=\"tpi-errachidia\""));

    let r = app
        .post_form(
            "/admin/courts/tpi-errachidia/edit",
            &[
                ("code", "TPI Errachidia"),
                ("name_ar", "المحكمة الابتدائية بالرشيدية"),
                ("name_fr", ""),
                ("city_ar", "الرشيدية"),
                ("city_fr", "Errachidia"),
                ("province_code", "99.999"),
                ("status", "verified"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"id="code-error""#));
    assert!(html.contains(r#"id="name_fr-error""#));
    assert!(html.contains(r#"id="province_code-error""#));

    let r = app
        .post_form(
            "/admin/courts/tpi-errachidia/edit",
            &[
                ("code", "tpi-errachidia"),
                ("name_ar", "المحكمة الابتدائية بالرشيدية"),
                ("name_fr", "Tribunal de première instance d'Errachidia"),
                ("city_ar", "الرشيدية"),
                ("city_fr", "Errachidia"),
                ("province_code", "08.201"),
                ("covers", "Province d'Errachidia"),
                ("status", "verified"),
                ("source", "BO n° 7260"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let court = app.store.court("tpi-errachidia").await.unwrap();
    assert_eq!(court.status, "verified");
    assert_eq!(court.name_fr, "Tribunal de première instance d'Errachidia");
    let log = app
        .store
        .audit_entries(&taawun_store::AuditQuery {
            entity: Some("court".into()),
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log[0].action, "court.update");
    assert!(log[0].before_json.as_deref().unwrap().contains("unverified"));
    assert!(log[0].after_json.as_deref().unwrap().contains("verified"));

    // A new court, whose code must be unique.
    let fields = [
        ("code", "tpi-errachidia"),
        ("name_ar", "محكمة"),
        ("name_fr", "Tribunal"),
        ("city_ar", "مدينة"),
        ("city_fr", "Ville"),
        ("province_code", "08.201"),
        ("status", "cited"),
    ];
    let r = app.post_form("/admin/courts/new", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("هذا الرمز مستعمل لمحكمة أخرى"));
    app.stop().await;
}

async fn administrator_creates_staff_accounts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.create_staff("admin@office.ma", Role::Administrator, None, None)
        .await;
    app.sign_in("admin@office.ma", STAFF_PASSWORD).await;
    let r = app
        .post_form(
            "/admin/users/new",
            &[
                ("display_name", "Clerk"),
                ("email", "clerk@justice.ma"),
                ("role", "court_clerk"),
                ("court", ""),
                ("region", ""),
                ("password", "a clerk passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("يجب أن يكون كاتب الضبط تابعا لمحكمة")
    );
    let r = app
        .post_form(
            "/admin/users/new",
            &[
                ("display_name", "Clerk"),
                ("email", "clerk@justice.ma"),
                ("role", "court_clerk"),
                ("court", "tpi-errachidia"),
                ("region", ""),
                ("password", "a clerk passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_text("/admin/users").await;
    assert!(html.contains("clerk@justice.ma") && html.contains("tpi-errachidia"));
    app.stop().await;
}

async fn user_text_is_escaped(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up(
        "<script>alert(1)</script>",
        "xss@example.ma",
        "a long passphrase here",
    )
    .await;
    let (_, html) = app.get_text("/account").await;
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;"));
    // A name with a bidirectional override is refused.
    let (visitor, _) = app.new_visitor();
    let _ = visitor;
    app.post_form("/account/sign-out", &[]).await;
    let r = app
        .sign_up("abc\u{202E}def", "bidi@example.ma", "a long passphrase here")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}
