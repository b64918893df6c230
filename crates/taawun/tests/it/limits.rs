//! Rate limits on sign-ups, sign-ins and name checks, counted in the database: two server
//! processes on one database share the allowance, and the refusal is a translated 429.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, TestApp};
use reqwest::StatusCode;

both_backends!(
    limits_are_shared_by_every_process,
    behind_a_trusted_proxy_each_visitor_counts
);

/// Behind a trusted load balancer, each visitor (by `X-Forwarded-For`) has an allowance of their
/// own; a header from anyone else is ignored, so it cannot be used to escape the limit.
async fn behind_a_trusted_proxy_each_visitor_counts(backend: Backend) {
    let app = TestApp::spawn_configured(backend, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let untrusted = TestApp::spawn(Backend::Sqlite).await;
    let sign_up = |server: &TestApp, forwarded: &'static str| {
        server
            .client
            .post(server.url("/account/sign-up"))
            .header("x-forwarded-for", forwarded)
            .form(&[
                ("email", "someone@example.ma"),
                ("csrf_token", &server.form_token()),
            ])
            .send()
    };
    for server in [&app, &untrusted] {
        server.get("/").await;
    }
    for _ in 0..10 {
        let r = sign_up(&app, "196.200.1.7").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        sign_up(&app, "196.200.1.7").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another visitor through the same balancer still has their allowance.
    assert_eq!(
        sign_up(&app, "196.200.9.9").await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Without trust, a changing header does not buy new allowances.
    for i in 0..10 {
        let forwarded: &'static str = ["1.1.1.1", "2.2.2.2"][i % 2];
        sign_up(&untrusted, forwarded).await.unwrap();
    }
    assert_eq!(
        sign_up(&untrusted, "3.3.3.3").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    untrusted.stop().await;
    app.stop().await;
}

async fn limits_are_shared_by_every_process(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other = app.second_server().await;
    let servers = [&app, &other];

    // Sign-ups: ten per address, whichever process receives them (these ten are refused as
    // forms, which still spends the allowance: it limits attempts, not successes).
    for i in 0..10 {
        let r = servers[i % 2]
            .post_form(
                "/account/sign-up",
                &[("email", "someone@example.ma"), ("password", "short")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
    }
    let r = app
        .post_form("/account/sign-up", &[("email", "someone@example.ma")])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("طلبات كثيرة"), "the Arabic page");
    other.get("/lang/fr").await;
    let r = other
        .post_form("/account/sign-up", &[("email", "someone@example.ma")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the other process knows"
    );
    assert!(
        r.text().await.unwrap().contains("Trop de demandes"),
        "the French page"
    );
    // Other routes are not affected.
    assert_eq!(app.get("/").await.status(), StatusCode::OK);

    // Name checks: the page and the API share one allowance.
    let limit = taawun_web::ratelimit::LIMITS
        .iter()
        .find(|l| l.bucket == "name_check")
        .unwrap()
        .max;
    for i in 0..limit {
        // An encoded key (`%6Eame` is `name`) is counted like the plain one.
        let path = match i % 3 {
            0 => "/api/v1/name-check?name=%D8%AA%D8%B9%D8%A7%D9%88%D9%86%D9%8A%D8%A9",
            1 => "/names/check?name=Cooperative",
            _ => "/api/v1/name-check?%6Eame=Cooperative",
        };
        let status = servers[(i % 2) as usize].get(path).await.status();
        assert_eq!(status, StatusCode::OK, "check {i}");
    }
    // The empty form does not count and is still served.
    assert_eq!(app.get("/names/check").await.status(), StatusCode::OK);
    let r = other.get("/api/v1/name-check?name=x&lang=fr").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests");
    assert_eq!(
        body["error"]["message"],
        "Trop de demandes. Réessayez dans quelques minutes."
    );
    other.stop().await;
    app.stop().await;
}
