//! Database faults while the server runs. PostgreSQL is reached through a TCP proxy this test
//! controls (the real server keeps running for the other tests): cutting it makes requests
//! answer a clear 503 — a translated page, the JSON envelope under `/api` — never a panic or a
//! 500; restoring it, the server recovers by itself within 5 seconds.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use common::{Backend, TestApp, TestDb, pg_admin_url, postgres_available};
use reqwest::StatusCode;
use tokio::{
    net::{TcpListener, TcpStream},
    sync::watch,
};

/// A TCP proxy to PostgreSQL that can be cut (open connections dropped, new ones closed at
/// once, as when the database server stops) and restored.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
    /// Bumped on every cut: each connection's task ends when it changes.
    generation: watch::Sender<u64>,
}

impl Proxy {
    async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let (generation, _) = watch::channel(0u64);
        let (accept_up, accept_gen) = (up.clone(), generation.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                if !accept_up.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let mut cut = accept_gen.subscribe();
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Proxy { port, up, generation }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.generation.send_modify(|g| *g += 1);
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_then_back() {
    if !postgres_available().await {
        return;
    }
    let db = TestDb::new(Backend::Postgres).await;
    let admin = reqwest::Url::parse(&pg_admin_url()).unwrap();
    let target = format!("{}:{}", admin.host_str().unwrap(), admin.port().unwrap_or(5432));
    let proxy = Proxy::start(target).await;
    let mut through = reqwest::Url::parse(&db.url).unwrap();
    through.set_host(Some("127.0.0.1")).unwrap();
    through.set_port(Some(proxy.port)).unwrap();
    let app = TestApp::at(through.as_str()).await;
    assert_eq!(app.get("/api/v1/health").await.status(), StatusCode::OK);
    assert_eq!(app.get("/cooperatives").await.status(), StatusCode::OK);

    proxy.cut();
    // The API: the error envelope, translated.
    let r = app.get("/api/v1/cooperatives?lang=fr").await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Rien n’a été perdu")
    );
    assert_eq!(
        app.get("/api/v1/health").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    // Pages: the translated page, for reading and for writing alike.
    let (status, html) = app.get_text("/cooperatives").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("قاعدة المعطيات لا تستجيب"), "{html}");
    let r = app
        .post_form(
            "/account/sign-in",
            &[("email", "a@example.ma"), ("password", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);

    proxy.restore();
    // Recovery is by itself, without a restart. How long it takes depends on the machine, so
    // it is printed, not asserted (a hang is ended by nextest's slow-timeout).
    let back = Instant::now();
    while app.get("/api/v1/health").await.status() != StatusCode::OK {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("recovered {:?} after the database came back", back.elapsed());
    assert_eq!(app.get("/cooperatives").await.status(), StatusCode::OK);
    let r = app
        .sign_up("Back again", "back@example.ma", "a passphrase after the outage")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "writes work again");
    app.stop().await;
    drop(db);
}

/// A SQLite file that stops taking writes while the server runs (its connections reopened
/// read-only; a read-only or full disk gives SQLite the same refusals): pages still read, every
/// write is refused with the translated 503, and what was there before is intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_read_only_refuses_writes_clearly() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = TestApp::at(&db.url).await;
    let r = app
        .sign_up("Before", "before@example.ma", "a passphrase before")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // The same process, its database now refusing writes.
    let mut state = app.state.clone();
    state.store = taawun_store::Store::connect(&format!("{}?mode=ro", db.url))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(taawun_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let (client, jar) = app.new_visitor();
    let r = client.get(format!("{base}/cooperatives")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "reading still works");
    // The CSRF cookie is set by that first page; a sign-in writes a session.
    let csrf = common::form_token_in(&jar, &base);
    let r = client
        .post(format!("{base}/account/sign-in"))
        .form(&[
            ("email", "before@example.ma"),
            ("password", "a passphrase before"),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        r.text().await.unwrap().contains("لم يضع أي شيء"),
        "nothing lost, in Arabic"
    );
    let _ = stop.send(());
    server.await.unwrap().unwrap();

    let r = app.sign_in("before@example.ma", "a passphrase before").await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "the account made before is intact"
    );
    app.stop().await;
    drop(db);
}
