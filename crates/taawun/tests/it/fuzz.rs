//! Fuzzing with proptest (cargo fuzz needs a nightly compiler; this runs on stable): random and
//! hostile text — Arabic, Latin, digits, quotes, separators, control and direction-changing
//! characters — thrown at the register's row rules, name normalisation, the CSV and JSON
//! importers (the real binary) and the query strings of the public pages and API (the real
//! server). Nothing may panic and no request may answer 5xx.
//!
//! In the test suite each target runs a few dozen cases; `scripts/fuzz` runs them for a bounded
//! time (`FUZZ_CASES`, `FUZZ_SECONDS`).
#![allow(clippy::unwrap_used)]

use crate::common;

use std::{
    io::Write,
    time::{Duration, Instant},
};

use common::{Backend, TestApp};
use proptest::{
    collection::vec,
    prelude::*,
    strategy::ValueTree,
    test_runner::{Config, TestRunner},
};
use taawun_domain::cooperative::{IMPORT_COLUMNS, LegalRules, RawCooperative};

/// How many cases each target runs (`FUZZ_CASES`, default 48).
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// The time each target may take (`FUZZ_SECONDS`, default 20); cases past it are skipped.
fn deadline() -> Instant {
    let secs = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    Instant::now() + Duration::from_secs(secs)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Text as it comes in from files and forms, hostile parts included.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[ء-ي ]{0,12}",
        Just("تعاونية".to_string()),
        Just("Coopérative".to_string()),
        "[0-9]{1,9}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        prop::sample::select(vec![
            "\u{202E}",
            "\u{2066}",
            "\u{200F}",
            "\u{061C}",
            "\u{200B}",
            "\u{FEFF}",
            "\0",
            "\r\n",
            "\"",
            ",",
            ";",
            "'",
            "<script>",
            "&amp;",
            "%",
            "\\",
            "{",
            "]",
            "\u{0640}",
            "\u{064B}",
            "ﻻ",
            "İ",
            "ß",
            "🙂",
            "-",
            ".",
            "..",
            "08",
            "08.201",
            "tpi-errachidia",
            "true",
        ])
        .prop_map(str::to_string),
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    vec(piece, 0..6).prop_map(|parts| parts.concat())
}

#[test]
fn row_rules_never_panic() {
    let until = deadline();
    let today = time::Date::from_calendar_date(2026, time::Month::January, 15).unwrap();
    runner(cases() * 4)
        .run(&vec(hostile_text(), IMPORT_COLUMNS.len()), |values| {
            if Instant::now() > until {
                return Ok(());
            }
            let row: serde_json::Map<String, serde_json::Value> = IMPORT_COLUMNS
                .iter()
                .zip(values)
                .map(|(c, v)| (c.to_string(), serde_json::Value::String(v)))
                .collect();
            let raw: RawCooperative = serde_json::from_value(serde_json::Value::Object(row)).unwrap();
            // Valid or refused with reasons; a refusal always names at least one rule.
            if let Err(errors) = taawun_domain::Cooperative::parse(&raw, &LegalRules::default(), today) {
                prop_assert!(errors.iter().next().is_some());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn name_normalisation_never_panics() {
    let until = deadline();
    runner(cases() * 50)
        .run(&hostile_text(), |name| {
            if Instant::now() > until {
                return Ok(());
            }
            let once = taawun_search::normalize::normalize(&name);
            // Normalised text has no direction-changing characters left to forge a name with.
            prop_assert!(
                !once.contains(['\u{202E}', '\u{2066}']),
                "a direction override is left in {:?}",
                once
            );
            Ok(())
        })
        .unwrap();
}

/// Runs `taawun import` on a file; a bad file is refused (exit 1), never a crash.
fn import(contents: &[u8], ext: &str, db: &str) -> Result<(), TestCaseError> {
    let mut file = tempfile(ext);
    file.1.write_all(contents).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args([
            "import",
            "cooperatives",
            file.0.to_str().unwrap(),
            "--skip-invalid",
            "--database",
            db,
        ])
        .env_remove("TAAWUN_DATABASE_URL")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(!stderr.contains("panicked"), "{stderr}");
    prop_assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {stderr}",
        out.status
    );
    Ok(())
}

fn tempfile(ext: &str) -> (std::path::PathBuf, std::fs::File) {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).unwrap();
    let name: String = b.iter().map(|x| format!("{x:02x}")).collect();
    let path = std::env::temp_dir().join(format!("taawun-fuzz-{name}.{ext}"));
    let file = std::fs::File::create(&path).unwrap();
    (path, file)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importers_never_crash() {
    let db = common::TestDb::new(Backend::Sqlite).await;
    taawun_store::Store::open(&db.url).await.unwrap().close().await;
    let url = db.url.clone();
    // Each case starts a process: a tenth of the cases.
    tokio::task::spawn_blocking(move || {
        let until = deadline();
        let header = IMPORT_COLUMNS.join(",");
        let csv = (vec(vec(hostile_text(), 0..8), 0..5), any::<bool>());
        runner((cases() / 10).max(4))
            .run(&csv, |(rows, with_header)| {
                if Instant::now() > until {
                    return Ok(());
                }
                let mut text = if with_header {
                    format!("{header}\n")
                } else {
                    String::new()
                };
                for row in rows {
                    text.push_str(&row.join(","));
                    text.push('\n');
                }
                import(text.as_bytes(), "csv", &url)
            })
            .unwrap();
        let json = vec(
            vec(
                (prop::sample::select(IMPORT_COLUMNS.to_vec()), hostile_text()),
                0..6,
            ),
            0..4,
        );
        runner((cases() / 10).max(4))
            .run(&(json, any::<u8>()), |(rows, cut)| {
                if Instant::now() > until {
                    return Ok(());
                }
                let value: Vec<serde_json::Map<String, serde_json::Value>> = rows
                    .into_iter()
                    .map(|r| r.into_iter().map(|(k, v)| (k.to_string(), v.into())).collect())
                    .collect();
                let mut text = serde_json::to_vec(&value).unwrap();
                // Sometimes a truncated document.
                if cut % 4 == 0 {
                    text.truncate(text.len() / 2);
                }
                import(&text, "json", &url)
            })
            .unwrap();
    })
    .await
    .unwrap();
    drop(db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_strings_never_answer_5xx() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let paths = [
        "/api/v1/cooperatives",
        "/api/v1/name-check",
        "/api/v1/stats",
        "/api/v1/kb/search",
        "/api/v1/territory/courts",
        "/cooperatives",
        "/names/check",
        "/stats",
        "/kb/search",
    ];
    let params = [
        "q", "name", "region", "province", "sector", "status", "page", "limit", "by", "format", "lang",
    ];
    let query = vec((prop::sample::select(params.to_vec()), hostile_text()), 0..5);
    let strategy = (prop::sample::select(paths.to_vec()), query);
    // The runner is synchronous and the server is not: the cases are generated first, then sent.
    let mut generator = runner(1);
    let cases_run: Vec<(&str, Vec<(&str, String)>)> = (0..cases() * 2)
        .map(|_| strategy.new_tree(&mut generator).unwrap().current())
        .collect();
    let until = deadline();
    for (path, query) in cases_run {
        if Instant::now() > until {
            break;
        }
        let r = app.client.get(app.url(path)).query(&query).send().await.unwrap();
        // A 429 is the name checks' rate limit doing its job.
        assert!(
            r.status().as_u16() < 500,
            "{path}?{query:?} answered {}",
            r.status()
        );
    }
    app.stop().await;
}
