//! Statistics equal direct counts of the register, on both databases, in every format.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::Value;
use taawun_domain::{Cooperative, LegalRules};
use taawun_store::{Actor, CooperativeFilter};

both_backends!(
    statistics_equal_direct_counts,
    cube_equals_sql_for_every_crossing,
    statistics_pages_and_exports
);

async fn load(app: &TestApp, n: usize) {
    let today = time::macros::date!(2026 - 11 - 23);
    let rows: Vec<Cooperative> = synth_rows(n)
        .into_iter()
        .map(|raw| Cooperative::parse(&raw, &LegalRules::default(), today).unwrap())
        .collect();
    app.store
        .import_cooperatives(&rows, "synth", &Actor::System("test"), |_| {})
        .await
        .unwrap();
}

/// The synthetic register of `taawun synth`, through the binary (it is what users run).
fn synth_rows(n: usize) -> Vec<taawun_domain::RawCooperative> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taawun"))
        .args(["synth", "--count", &n.to_string(), "--seed", "3"])
        .output()
        .unwrap();
    csv::Reader::from_reader(out.stdout.as_slice())
        .deserialize()
        .map(|r| r.unwrap())
        .collect()
}

async fn statistics_equal_direct_counts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    load(&app, 1500).await;
    let body: Value = app.get("/api/v1/stats?by=region").await.json().await.unwrap();
    assert_eq!(body["by"], serde_json::json!(["region"]));
    assert_eq!(body["total"], 1500);
    let rows = body["rows"].as_array().unwrap();
    let mut sum = 0;
    for row in rows {
        let region = row["region"].as_str().unwrap().to_string();
        let filter = CooperativeFilter {
            region: Some(region.clone()),
            ..Default::default()
        };
        let (_, direct) = app.store.list_cooperatives(&filter, None, 1, 0).await.unwrap();
        assert_eq!(row["count"].as_i64().unwrap(), direct, "region {region}");
        sum += direct;
    }
    assert_eq!(sum, 1500);
    // Crossed dimensions with a filter.
    let body: Value = app
        .get("/api/v1/stats?by=region,sector&status=active")
        .await
        .json()
        .await
        .unwrap();
    let row = &body["rows"][0];
    let filter = CooperativeFilter {
        region: Some(row["region"].as_str().unwrap().into()),
        sector: Some(row["sector"].as_str().unwrap().into()).filter(|s: &String| s != "unknown"),
        status: Some("active".into()),
        ..Default::default()
    };
    if row["sector"] != "unknown" {
        let (_, direct) = app.store.list_cooperatives(&filter, None, 1, 0).await.unwrap();
        assert_eq!(row["count"].as_i64().unwrap(), direct);
    }
    // Shares are of the national total; small groups withhold their members' figures.
    let body: Value = app
        .get("/api/v1/stats?by=province&region=08")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["national_total"], 1500);
    for row in body["rows"].as_array().unwrap() {
        let share = row["share"].as_f64().unwrap();
        assert!((share - row["count"].as_f64().unwrap() / 1500.0).abs() < 1e-9);
        if row["count"].as_i64().unwrap() < 3 {
            assert!(row["members"].is_null(), "{row}");
        }
    }
    app.stop().await;
}

/// The in-memory cube the pages and API answer from gives exactly the SQL GROUP BY, for every
/// dimension and pair of dimensions, with and without filters, and after the register changes.
async fn cube_equals_sql_for_every_crossing(backend: Backend) {
    use taawun_store::{Dimension, StatsCube};
    let app = TestApp::spawn(backend).await;
    let cube = StatsCube::load(&app.store).await.unwrap();
    load(&app, 800).await;
    let filters = [
        CooperativeFilter::default(),
        CooperativeFilter {
            region: Some("08".into()),
            status: Some("active".into()),
            ..Default::default()
        },
        CooperativeFilter {
            sector: Some("agriculture".into()),
            ..Default::default()
        },
        CooperativeFilter {
            province: Some("nowhere".into()),
            ..Default::default()
        },
    ];
    let mut crossings: Vec<Vec<Dimension>> = vec![vec![]];
    for (i, a) in Dimension::ALL.iter().enumerate() {
        crossings.push(vec![*a]);
        for b in &Dimension::ALL[i + 1..] {
            crossings.push(vec![*a, *b]);
        }
    }
    let sorted = |mut rows: Vec<taawun_store::StatRow>| {
        rows.sort_by(|a, b| a.keys.cmp(&b.keys));
        rows
    };
    for round in 0..2 {
        for filter in &filters {
            for dims in &crossings {
                let direct = sorted(app.store.stats(dims, filter).await.unwrap());
                let fast = cube.stats(&app.store, dims, filter).await.unwrap();
                assert_eq!(fast, direct, "round {round}, {dims:?}, {filter:?}");
            }
        }
        // The register changes (a re-import moves records and adds new ones): the cube follows.
        load(&app, 1200).await;
    }
    app.stop().await;
}

async fn statistics_pages_and_exports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    load(&app, 300).await;
    let (status, html) = app.get_text("/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg"), "chart and map are server-rendered");
    assert!(html.contains("OpenStreetMap"), "the map's attribution is shown");
    let (status, html) = app.get_text("/stats?by=region,sector").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("درعة-تافيلالت"));
    let (status, html) = app.get_text("/stats/regions/08").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("البطاقة الجهوية"));
    assert_eq!(app.get("/stats/regions/42").await.status(), StatusCode::NOT_FOUND);
    let (status, html) = app.get_text("/stats/provinces/08.201").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("البطاقة الإقليمية") && html.contains("الرشيدية"));
    assert_eq!(
        app.get("/stats/provinces/99.999").await.status(),
        StatusCode::NOT_FOUND
    );

    // Open data: the whole public register, without contacts or addresses.
    let (status, html) = app.get_text("/open-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("CC BY 4.0"));
    let r = app.get("/open-data/cooperatives.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    let dump = r.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(dump.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert!(
        !headers
            .iter()
            .any(|h| h == "phone" || h == "email" || h == "address")
    );
    assert_eq!(reader.records().count(), 300, "every record once");
    let (status, _) = app.get_text("/stats?by=colour").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = app.get("/api/v1/stats?by=sector&format=csv&lang=fr").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = r.text().await.unwrap();
    assert!(
        text.trim_start_matches('\u{feff}')
            .starts_with("sector,sector_label,count,share,")
    );
    assert!(text.contains("Agriculture"));
    let r = app.get("/api/v1/stats?by=region&format=xlsx").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));
    for (q, field) in [
        ("by=colour", "by"),
        ("by=region,sector,status", "by"),
        ("format=pdf", "format"),
        ("region=13", "region"),
    ] {
        let r = app.get(&format!("/api/v1/stats?{q}")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_eq!(r.json::<Value>().await.unwrap()["error"]["field"], field, "{q}");
    }
    app.stop().await;
}
