//! The databases themselves: `taawun backup` while the server runs, then `taawun restore` over a
//! database changed since (every table has exactly the rows it had at the backup, and the
//! registers verify); and the two dialects' migrations, which must build one schema.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, TestApp, founding::registered_founding_file};
use reqwest::StatusCode;

both_backends!(backup_then_restore_round_trips);

/// The SQLite and PostgreSQL migrations are written by hand, twice: migrated, the two databases
/// must hold the same tables, columns (by type family and nullability), indexes, foreign keys and
/// append-only guards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_two_dialects_build_one_schema() {
    if !common::postgres_available().await {
        return;
    }
    let (sqlite, postgres) = (
        common::TestDb::new(Backend::Sqlite).await,
        common::TestDb::new(Backend::Postgres).await,
    );
    let mut schemas = Vec::new();
    for db in [&sqlite, &postgres] {
        let store = taawun_store::Store::open(&db.url).await.unwrap();
        schemas.push(store.schema().await.unwrap());
        store.close().await;
    }
    let (lite, pg) = (&schemas[0], &schemas[1]);
    assert!(
        lite.columns.len() > 200,
        "the schema was read: {} columns",
        lite.columns.len()
    );
    assert!(!lite.guards.is_empty() && !lite.indexes.is_empty() && !lite.foreign_keys.is_empty());
    let drift = lite.differences(pg);
    assert!(
        drift.is_empty(),
        "the dialects differ (- SQLite only, + PostgreSQL only):\n{}",
        drift.join("\n")
    );
}

fn taawun(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args(args)
        .env_remove("TAAWUN_DATABASE_URL")
        .output()
        .unwrap()
}

async fn backup_then_restore_round_trips(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    // A register entry (hash-chained) and the rows around it.
    registered_founding_file(&app).await;

    let url = app.db.as_ref().unwrap().url.clone();
    let at_backup = app.store.table_counts().await.unwrap();
    assert!(
        at_backup.iter().any(|(t, n)| t == "register_entries" && *n == 1),
        "{at_backup:?}"
    );
    let file = std::env::temp_dir().join(format!(
        "taawun-backup-{}-{}",
        std::process::id(),
        url.rsplit('/').next().unwrap()
    ));
    let _ = std::fs::remove_file(&file);
    // Online: the server is still running.
    let out = taawun(&["backup", file.to_str().unwrap(), "--database", &url]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A backup never overwrites.
    let out = taawun(&["backup", file.to_str().unwrap(), "--database", &url]);
    assert!(!out.status.success());

    // Changes after the backup, which the restore takes away.
    let r = app
        .sign_up("Later", "later@example.ma", "a later passphrase")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_ne!(app.store.table_counts().await.unwrap(), at_backup);
    let db = app.db.take();
    app.stop().await;

    let out = taawun(&["restore", file.to_str().unwrap(), "--database", &url]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("chain intact"));
    let store = taawun_store::Store::open(&url).await.unwrap();
    assert_eq!(store.table_counts().await.unwrap(), at_backup);
    assert!(
        store
            .user_for_sign_in(&taawun_domain::Email::parse("email", "later@example.ma").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    store.close().await;
    let out = taawun(&["verify", "--database", &url]);
    assert!(out.status.success());

    // A file of the other backend, or not a backup at all, is refused and changes nothing.
    let junk = file.with_extension("junk");
    std::fs::write(&junk, b"not a backup").unwrap();
    let out = taawun(&["restore", junk.to_str().unwrap(), "--database", &url]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a"));
    let _ = std::fs::remove_file(&junk);
    let _ = std::fs::remove_file(&file);
    drop(db);
}
