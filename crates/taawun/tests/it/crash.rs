//! Crash safety: a process writing the register is killed with SIGKILL in the middle of its
//! work — a large import (the real binary), a burst of register entries (this test binary run
//! again as a child) — on both databases. After restart nothing acknowledged is missing,
//! nothing half-written is visible, and `taawun verify` passes.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use common::{Backend, TestApp, TestDb, founding::registered_founding_file};
use taawun_domain::{Email, register::EntryKind};
use taawun_store::{Actor, NewFiling, Registration, Store};

both_backends!(
    killed_during_an_import,
    killed_during_register_entries,
    server_killed_during_a_burst_of_name_requests
);

const COURT: &str = "tpi-errachidia";

fn taawun(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taawun"));
    cmd.args(args).env_remove("TAAWUN_DATABASE_URL");
    cmd
}

fn verify_passes(url: &str) {
    let out = taawun(&["verify", "--database", url]).output().unwrap();
    assert!(
        out.status.success(),
        "taawun verify: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Where a crash test kills a process: at a failpoint of the store (`TAAWUN_FAILPOINT`), which
/// the process announces on stderr before it waits for the kill.
fn wait_for_failpoint(stderr: impl std::io::Read, name: &str) {
    let expected = format!("FAILPOINT {name}");
    for line in BufReader::new(stderr).lines() {
        if line.unwrap().trim() == expected {
            return;
        }
    }
    panic!("the process ended without reaching {name}");
}

/// An import is one transaction: killed after it has written every row but before its commit,
/// none of its rows exist; killed just after its commit, all of them do. Either way the database
/// opens, the same import then completes and `taawun verify` passes.
async fn killed_during_an_import(backend: Backend) {
    let db = TestDb::new(backend).await;
    Store::open(&db.url).await.unwrap().close().await;
    let file = std::env::temp_dir().join(format!("taawun-crash-{}.csv", std::process::id()));
    let rows = 3_000;
    let out = taawun(&["synth", "--count", &rows.to_string()]).output().unwrap();
    std::fs::write(&file, out.stdout).unwrap();
    let import = || {
        taawun(&[
            "import",
            "cooperatives",
            file.to_str().unwrap(),
            "--database",
            &db.url,
        ])
    };

    for (point, expected) in [("import.before_commit", 0), ("import.after_commit", rows as i64)] {
        let mut child = import()
            .env("TAAWUN_FAILPOINT", point)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for_failpoint(child.stderr.take().unwrap(), point);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let store = Store::open(&db.url).await.unwrap();
        assert_eq!(
            store.count_cooperatives().await.unwrap(),
            expected,
            "killed at {point}: the import is whole or absent"
        );
        store.close().await;
        verify_passes(&db.url);
    }
    let out = import().output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&db.url).await.unwrap();
    assert_eq!(store.count_cooperatives().await.unwrap(), rows as i64);
    store.close().await;
    verify_passes(&db.url);
    let _ = std::fs::remove_file(&file);
}

/// The writer's side of [`killed_during_register_entries`]: registers the filings it is given
/// one by one and prints `ACK id` after each commit. Run only as that test's child process.
#[tokio::test]
#[ignore = "the child process of killed_during_register_entries"]
async fn register_entries_writer() {
    let Ok(url) = std::env::var("TAAWUN_CRASH_URL") else {
        return;
    };
    let var = |name: &str| std::env::var(name).unwrap();
    let store = Store::connect(&url).await.unwrap();
    let clerk: i64 = var("TAAWUN_CRASH_CLERK").parse().unwrap();
    let template = store
        .cooperative(var("TAAWUN_CRASH_COOPERATIVE").parse().unwrap())
        .await
        .unwrap();
    for id in var("TAAWUN_CRASH_FILINGS").split(',') {
        let id: i64 = id.parse().unwrap();
        let mut record = template.clone();
        record.central_number = None;
        record.name_ar = Some(format!("تعاونية الاختبار {id}"));
        record.name_fr = Some(format!("Coopérative essai {id}"));
        let registration = Registration {
            filing_id: id,
            clerk_user_id: clerk,
            court_code: COURT.into(),
            entry_kind: EntryKind::Immatriculation,
            entry_date: "2026-01-15".into(),
            record,
            officers: None,
            union_members: None,
        };
        store
            .register_filing(&registration, &Actor::System("crash-test"))
            .await
            .unwrap();
        println!("ACK {id}");
    }
}

async fn killed_during_register_entries(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    // One real immatriculation through the pages, for a clerk and a cooperative to copy.
    let first = registered_founding_file(&app).await.id;
    let founded = app.store.filing(first).await.unwrap();
    let (clerk_user, _) = app
        .store
        .user_for_sign_in(&Email::parse("email", "greffe@example.ma").unwrap())
        .await
        .unwrap()
        .unwrap();

    // Forty more files lodged at the same court, waiting for their entries.
    let mut pending = Vec::new();
    for _ in 0..40 {
        let new = NewFiling {
            kind: "immatriculation".into(),
            cooperative_id: None,
            name_request_id: None,
            applicant_user_id: founded.applicant_user_id,
            region_code: "08".into(),
            detail: founded.detail.clone(),
        };
        let actor = Actor::System("crash-test");
        let id = app.store.create_filing(&new, &actor).await.unwrap();
        app.store
            .set_filing_status(id, &["draft"], "submitted", Some(COURT), None, &actor)
            .await
            .unwrap();
        pending.push(id.to_string());
    }
    let url = app.db.as_ref().unwrap().url.clone();
    let db = app.db.take();
    app.stop().await;

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash::register_entries_writer",
            "--ignored",
            "--nocapture",
        ])
        .env("TAAWUN_CRASH_URL", &url)
        .env("TAAWUN_CRASH_CLERK", clerk_user.id.to_string())
        .env(
            "TAAWUN_CRASH_COOPERATIVE",
            founded.cooperative_id.unwrap().to_string(),
        )
        .env("TAAWUN_CRASH_FILINGS", pending.join(","))
        // Stopped inside the 13th registration's transaction: its entry, record and status are
        // written, not committed.
        .env("TAAWUN_FAILPOINT", "register.before_commit@13")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_failpoint(child.stderr.take().unwrap(), "register.before_commit");
    child.kill().unwrap(); // SIGKILL inside the transaction
    child.wait().unwrap();
    let acked: Vec<i64> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .filter_map(|line| {
            line.unwrap()
                .strip_prefix("ACK ")
                .map(|id| id.trim().parse().unwrap())
        })
        .collect();
    assert_eq!(
        acked.len(),
        12,
        "twelve registrations were committed before the kill"
    );

    let store = Store::open(&url).await.unwrap();
    // Nothing acknowledged is missing.
    for id in &acked {
        let f = store.filing(*id).await.unwrap();
        assert_eq!(f.status, "registered", "acknowledged filing {id}");
        assert!(f.cooperative_id.is_some());
    }
    // Nothing half-written: every registered file has its entry and every entry its file.
    let mut registered = 1; // the one registered through the pages
    for id in &pending {
        let f = store.filing(id.parse().unwrap()).await.unwrap();
        match f.status.as_str() {
            "registered" => {
                registered += 1;
                let coop = f.cooperative_id.expect("a registered file has its cooperative");
                assert_eq!(store.entries_of_cooperative(coop).await.unwrap().len(), 1);
            }
            "submitted" => assert!(f.cooperative_id.is_none()),
            other => panic!("filing {id} is {other}"),
        }
    }
    assert_eq!(
        registered,
        acked.len() + 1,
        "all acknowledged, plus the first; not the killed one"
    );
    let report = store.verify_registers().await.unwrap();
    let (_, verdict) = report.iter().find(|(c, _)| c == COURT).unwrap();
    assert_eq!(
        verdict.as_ref().ok(),
        Some(&registered),
        "the chain holds every entry"
    );
    store.close().await;
    verify_passes(&url);
    drop(db);
}

/// `taawun serve` on `url` at a free port, answering once its health check does.
async fn serve(url: &str, key: &std::path::Path) -> (std::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = taawun(&["serve", "--addr", &format!("127.0.0.1:{port}"), "--database", url])
        .arg("--signing-key")
        .arg(key)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = child;
    let base = format!("http://127.0.0.1:{port}");
    // No time limit: a slow machine only makes this wait longer (nextest ends a hung test).
    while reqwest::get(format!("{base}/api/v1/health")).await.is_err() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the server exited instead of starting"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (child, base)
}

/// A founder's account made in the database at `url`, signed in over HTTP at `base`; returns
/// the client and its CSRF token.
async fn signed_in_founder(url: &str, base: &str, email: &str) -> (reqwest::Client, String) {
    let password = "a founder passphrase";
    let store = Store::connect(url).await.unwrap();
    let new = taawun_store::NewUser {
        email: Email::parse("email", email).unwrap(),
        password_hash: taawun_web::hash_password(password.to_string()).await.unwrap(),
        display_name: "Founder".into(),
        role: taawun_domain::Role::CooperativeManager,
        court_code: None,
        region_code: None,
        lang: "ar".into(),
    };
    store.create_user(&new, &Actor::System("test")).await.unwrap();
    store.close().await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    client.get(format!("{base}/")).send().await.unwrap();
    let r = client
        .post(format!("{base}/account/sign-in"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &common::form_token_in(&jar, base)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    // Signed in: the forms now carry a token bound to the session.
    (client, common::form_token_in(&jar, base))
}

/// The real server killed with SIGKILL while name requests pour in (four at a time): after a
/// restart every acknowledged request is there with its audit entry, none without one.
async fn server_killed_during_a_burst_of_name_requests(backend: Backend) {
    let db = TestDb::new(backend).await;
    let key = std::env::temp_dir().join(format!("taawun-crash-{}.key", std::process::id()));
    let (mut server, base) = serve(&db.url, &key).await;
    let (client, token) = signed_in_founder(&db.url, &base, "founder@example.ma").await;
    let (acks, mut acked) = tokio::sync::mpsc::unbounded_channel::<i64>();
    let mut senders = Vec::new();
    for worker in 0..4 {
        let (client, token, base, acks) = (client.clone(), token.clone(), base.clone(), acks.clone());
        senders.push(tokio::spawn(async move {
            for n in 0..6 {
                let name = format!("تعاونية الاختبار {worker} {n}");
                let sent = client
                    .post(format!("{base}/names/requests/new"))
                    .form(&[
                        ("kind", "cooperative"),
                        ("name_ar", name.as_str()),
                        ("region_code", "08"),
                        ("founders", "A B\nC D\nE F\nG H\nI J"),
                        ("csrf_token", token.as_str()),
                    ])
                    .send()
                    .await;
                // After the kill requests fail: they were never acknowledged.
                let Ok(r) = sent else { return };
                if r.status() == reqwest::StatusCode::SEE_OTHER {
                    let location = r.headers()["location"].to_str().unwrap().to_string();
                    let _ = acks.send(location.rsplit('/').next().unwrap().parse().unwrap());
                }
            }
        }));
    }
    drop(acks);
    let mut ids = Vec::new();
    while ids.len() < 8 {
        ids.push(acked.recv().await.expect("the burst ended early"));
    }
    server.kill().unwrap(); // SIGKILL, with requests in flight
    server.wait().unwrap();
    for s in senders {
        s.await.unwrap();
    }
    while let Ok(id) = acked.try_recv() {
        ids.push(id);
    }

    let store = Store::open(&db.url).await.unwrap();
    for id in &ids {
        let r = store.name_request(*id).await.unwrap();
        assert_eq!(r.status, "pending", "acknowledged request {id}");
    }
    let created: Vec<i64> = store
        .audit_entries(&taawun_store::AuditQuery {
            entity: Some("name_request".into()),
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "name_request.create")
        .map(|e| e.entity_id.parse().unwrap())
        .collect();
    let counts = store.table_counts().await.unwrap();
    let rows = counts.iter().find(|(t, _)| t == "name_requests").unwrap().1;
    assert_eq!(rows as usize, created.len(), "every request with its audit entry");
    assert!(ids.iter().all(|id| created.contains(id)));
    store.close().await;

    // The server starts again on the same database and serves them.
    let (mut again, base) = serve(&db.url, &key).await;
    let r = reqwest::get(format!("{base}/api/v1/health")).await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    again.kill().unwrap();
    again.wait().unwrap();
    verify_passes(&db.url);
    let _ = std::fs::remove_file(&key);
}
