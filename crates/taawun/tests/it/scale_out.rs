//! Several `taawun serve` processes on one database behave as one: a session opened on one is
//! valid on the other, and a name reserved through one is refused by the other within seconds
//! (PostgreSQL NOTIFY; a poll of the change log on SQLite).
#![allow(clippy::unwrap_used)]

use crate::common;

use std::time::Instant;

use common::{Backend, STAFF_PASSWORD, TestApp};
use reqwest::StatusCode;
use serde_json::Value;
use taawun_domain::Role;

both_backends!(two_servers_share_sessions_and_names);

async fn two_servers_share_sessions_and_names(backend: Backend) {
    let a = TestApp::spawn(backend).await;
    let b = a.second_server().await;

    // A session from server A works on server B (the cookie is the same, the site is the same).
    a.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let cookie = a.cookie("taawun_session").unwrap();
    let r = b
        .client
        .get(b.url("/account"))
        .header("cookie", format!("taawun_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("founder@example.ma"));

    // A name approved on A is refused on B without restarting B.
    let founders = "أ\nب\nج\nد\nه";
    let r = a
        .post_form(
            "/names/requests/new",
            &[
                ("kind", "cooperative"),
                ("name_ar", "تعاونية القمم العالية"),
                ("name_fr", ""),
                ("region_code", "05"),
                ("founders", founders),
            ],
        )
        .await;
    let url = common::location(&r);
    a.post_form("/account/sign-out", &[]).await;
    a.create_staff("agent@odco.ma", Role::OfficeAgent, None, None)
        .await;
    a.sign_in("agent@odco.ma", STAFF_PASSWORD).await;
    let r = a
        .post_form(
            &format!("{url}/decision"),
            &[("decision", "approve"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let query = "/api/v1/name-check?name=%D8%AA%D8%B9%D8%A7%D9%88%D9%86%D9%8A%D8%A9%20%D8%A7%D9%84%D9%82%D9%85%D9%85%20%D8%A7%D9%84%D8%B9%D8%A7%D9%84%D9%8A%D8%A9";
    // Server B's own follower (NOTIFY on PostgreSQL, the poll on SQLite) applies the change; the
    // test waits for that, not for a time, then asks B once.
    let started = Instant::now();
    let seq = a.store.latest_name_change().await.unwrap();
    b.state.names.caught_up_to(seq).await;
    eprintln!("server B saw the reservation after {:?}", started.elapsed());
    let v: Value = b.get(query).await.json().await.unwrap();
    assert_eq!(v["available"], false);
    assert_eq!(v["matches"][0]["source"], "reservation");
    b.stop().await;
    a.stop().await;
}
