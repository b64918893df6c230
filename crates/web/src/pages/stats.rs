//! Public statistics: a table of the register by one or two dimensions, a bar chart, the map of
//! the regions, and downloads of the same table.

use std::collections::BTreeMap;

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use taawun_domain::{Lang, SECTORS, Status};
use taawun_store::Dimension;

use super::form_errors;
use crate::{
    AppResult, AppState,
    api::stats::{StatsParams, compute, label, parse},
    charts,
    ctx::Ctx,
    render::urlencode,
};

fn percent(lang: Lang, share: f64) -> String {
    let s = format!("{:.1}", share * 100.0);
    if lang == Lang::Fr {
        format!("{} %", s.replace('.', ","))
    } else {
        format!("{s}%")
    }
}

fn thousands(n: f64) -> String {
    crate::render::thousands(n.round() as i64)
}

pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(p): Query<StatsParams>,
) -> AppResult<Response> {
    let regions = app.store.regions().await?;
    let provinces = app.store.provinces(None).await?;
    let sectors: Vec<&str> = SECTORS.iter().map(|(s, _)| *s).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let dims: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
    let query = format!(
        "by={}&region={}&province={}&sector={}&status={}",
        urlencode(&p.by),
        urlencode(&p.region),
        urlencode(&p.province),
        urlencode(&p.sector),
        urlencode(&p.status)
    );
    let base = minijinja::context! {
        params => p, regions => regions, provinces => provinces, sectors => sectors,
        statuses => statuses, dims => dims, query => query,
    };
    let (dims_parsed, filter) = match parse(&p) {
        Ok(ok) => ok,
        Err(e) => {
            let html = app.templates.render(
                &ctx,
                "stats.html",
                minijinja::context! { errors => form_errors(&app.i18n, ctx.lang, &e), ..base },
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    let computed = compute(&app, dims_parsed.clone(), &filter).await?;
    let lang = ctx.lang;
    let rtl = lang == Lang::Ar;
    // Rows with their labels, for the table.
    let rows: Vec<_> = computed
        .raw
        .iter()
        .zip(&computed.table.rows)
        .map(|(raw, row)| {
            let labels: Vec<String> = dims_parsed
                .iter()
                .zip(&raw.keys)
                .map(|(d, k)| label(&app, lang, *d, k, &provinces))
                .collect();
            minijinja::context! {
                keys => raw.keys, labels => labels, count => row.count, share => percent(lang, row.share),
                women_cooperatives => row.women_cooperatives, members => row.members,
                women_members => row.women_members, young_members => row.young_members,
            }
        })
        .collect();
    let title = app.i18n.t(lang, &format!("dim-{}", dims_parsed[0].as_str()));
    let (chart, map, pivot) = if dims_parsed.len() == 1 {
        let d = dims_parsed[0];
        let bars: Vec<charts::Bar> = computed
            .raw
            .iter()
            .map(|r| charts::Bar {
                label: label(&app, lang, d, &r.keys[0], &provinces),
                value: r.count as f64,
                href: None,
            })
            .collect();
        let desc = app.i18n.t_args(
            lang,
            "stats-chart-desc",
            &[("total", computed.table.total.to_string())],
        );
        let chart = charts::bar_chart(&title, &desc, &bars, rtl, &thousands);
        let map = (d == Dimension::Region).then(|| {
            // A region with no cooperative is a zero, not a missing figure.
            let mut values: BTreeMap<String, f64> = regions.iter().map(|r| (r.code.clone(), 0.0)).collect();
            values.extend(computed.raw.iter().map(|r| (r.keys[0].clone(), r.count as f64)));
            let names: BTreeMap<String, String> = regions
                .iter()
                .map(|r| {
                    (
                        r.code.clone(),
                        if rtl { r.name_ar.clone() } else { r.name_fr.clone() },
                    )
                })
                .collect();
            charts::region_map(
                &title,
                &values,
                &names,
                &|code| format!("/stats/regions/{code}"),
                rtl,
                &thousands,
            )
        });
        (Some(chart), map, None)
    } else {
        // Two dimensions: a pivot table, first dimension down, second across.
        let mut down: Vec<String> = Vec::new();
        let mut across: Vec<String> = Vec::new();
        for r in &computed.raw {
            if !down.contains(&r.keys[0]) {
                down.push(r.keys[0].clone());
            }
            if !across.contains(&r.keys[1]) {
                across.push(r.keys[1].clone());
            }
        }
        let cell: BTreeMap<(String, String), i64> = computed
            .raw
            .iter()
            .map(|r| ((r.keys[0].clone(), r.keys[1].clone()), r.count))
            .collect();
        let head: Vec<String> = across
            .iter()
            .map(|k| label(&app, lang, dims_parsed[1], k, &provinces))
            .collect();
        let body: Vec<_> = down
            .iter()
            .map(|k0| {
                let counts: Vec<i64> = across
                    .iter()
                    .map(|k1| *cell.get(&(k0.clone(), k1.clone())).unwrap_or(&0))
                    .collect();
                minijinja::context! {
                    label => label(&app, lang, dims_parsed[0], k0, &provinces),
                    counts => counts,
                    total => counts.iter().sum::<i64>(),
                }
            })
            .collect();
        (
            None,
            None,
            Some(minijinja::context! { head => head, body => body }),
        )
    };
    let html = app.templates.render(
        &ctx,
        "stats.html",
        minijinja::context! {
            errors => super::no_errors(), rows => rows, table => computed.table,
            dim_names => dims_parsed.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
            chart => chart.map(minijinja::Value::from_safe_string),
            map => map.map(minijinja::Value::from_safe_string),
            pivot => pivot, min_group => crate::api::stats::MIN_GROUP,
            ..base
        },
    )?;
    Ok(html.into_response())
}

/// One page per region: what an office delegate brings to a regional meeting. Printable.
pub async fn region_sheet(
    State(app): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> AppResult<Response> {
    let region = app
        .store
        .region(&code)
        .await
        .map_err(|_| crate::AppError::NotFound)?;
    let filter = taawun_store::CooperativeFilter {
        region: Some(code.clone()),
        ..Default::default()
    };
    let name = (region.name_ar.clone(), region.name_fr.clone());
    fact_sheet(app, ctx, filter, name, None).await
}

/// The same sheet for a prefecture or province.
pub async fn province_sheet(
    State(app): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> AppResult<Response> {
    let provinces = app.store.provinces(None).await?;
    let province = provinces
        .iter()
        .find(|p| p.code == code)
        .ok_or(crate::AppError::NotFound)?;
    let region = app.store.region(&province.region_code).await?;
    let filter = taawun_store::CooperativeFilter {
        province: Some(code.clone()),
        ..Default::default()
    };
    let name = (province.name_ar.clone(), province.name_fr.clone());
    fact_sheet(app, ctx, filter, name, Some(region)).await
}

async fn fact_sheet(
    app: AppState,
    ctx: Ctx,
    filter: taawun_store::CooperativeFilter,
    name: (String, String),
    parent: Option<taawun_store::Region>,
) -> AppResult<Response> {
    let provinces = app.store.provinces(None).await?;
    let lang = ctx.lang;
    let rtl = lang == Lang::Ar;
    let by = |d: Dimension| {
        let app = app.clone();
        let filter = filter.clone();
        async move { app.stats(&[d], &filter).await }
    };
    let totals = app.stats(&[], &filter).await?.into_iter().next();
    let national = app
        .stats(&[], &taawun_store::CooperativeFilter::default())
        .await?
        .first()
        .map_or(0, |r| r.count);
    let total = totals.as_ref().map_or(0, |t| t.count);
    let women_coops = totals.as_ref().map_or(0, |t| t.women_cooperatives);
    let (members, women_members) = totals.as_ref().map_or((0, 0), |t| (t.members, t.women_members));

    let mut sectors = by(Dimension::Sector).await?;
    sectors.sort_by_key(|r| std::cmp::Reverse(r.count));
    let sector_bars: Vec<charts::Bar> = sectors
        .iter()
        .take(8)
        .map(|r| charts::Bar {
            label: label(&app, lang, Dimension::Sector, &r.keys[0], &provinces),
            value: r.count as f64,
            href: None,
        })
        .collect();
    let this_year = time::OffsetDateTime::now_utc().year();
    let years: Vec<charts::Bar> = by(Dimension::Year)
        .await?
        .into_iter()
        .filter(|r| r.keys[0].parse::<i32>().is_ok_and(|y| y > this_year - 12))
        .map(|r| charts::Bar {
            label: r.keys[0].clone(),
            value: r.count as f64,
            href: None,
        })
        .collect();
    let adaptation: Vec<_> = by(Dimension::AdaptationState)
        .await?
        .into_iter()
        .filter(|r| r.keys[0] != "not_concerned")
        .map(|r| minijinja::context! { label => label(&app, lang, Dimension::AdaptationState, &r.keys[0], &provinces), count => r.count })
        .collect();
    let province_rows: Vec<_> = if parent.is_some() {
        Vec::new()
    } else {
        by(Dimension::Province).await?
    }
    .into_iter()
    .map(|r| {
        minijinja::context! {
            code => r.keys[0].clone(),
            label => label(&app, lang, Dimension::Province, &r.keys[0], &provinces),
            count => r.count,
            share => percent(lang, if total > 0 { r.count as f64 / total as f64 } else { 0.0 }),
        }
    })
    .collect();
    let t = |id: &str| app.i18n.t(lang, id);
    let sector_chart = charts::bar_chart(
        &t("sheet-main-sectors"),
        &t("sheet-main-sectors"),
        &sector_bars,
        rtl,
        &thousands,
    );
    let year_chart = charts::bar_chart(&t("sheet-trend"), &t("sheet-trend"), &years, rtl, &thousands);
    let share = |part: i64, whole: i64| {
        percent(
            lang,
            if whole > 0 {
                part as f64 / whole as f64
            } else {
                0.0
            },
        )
    };
    let html = app.templates.render(
        &ctx,
        "region_sheet.html",
        minijinja::context! {
            title_key => if parent.is_some() { "sheet-title-province" } else { "sheet-title" },
            name_ar => name.0, name_fr => name.1, parent => parent, total => total, national_share => share(total, national),
            women_coops => women_coops, women_coops_share => share(women_coops, total),
            members => members, women_share => share(women_members, members),
            sector_chart => minijinja::Value::from_safe_string(sector_chart),
            year_chart => minijinja::Value::from_safe_string(year_chart),
            adaptation => adaptation, provinces => province_rows,
        },
    )?;
    Ok(html.into_response())
}

/// The open data: what can be downloaded, its columns, and the licence.
pub async fn open_data(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let columns: Vec<_> = OPEN_COLUMNS
        .iter()
        .map(|c| minijinja::context! { name => c, meaning => app.i18n.t(ctx.lang, &format!("open-col-{c}")) })
        .collect();
    let total = app.store.count_cooperatives().await?;
    Ok(app
        .templates
        .render(
            &ctx,
            "open_data.html",
            minijinja::context! { columns => columns, total => total },
        )?
        .into_response())
}

/// Columns of the public bulk dump. Contacts and addresses are left out: a rural cooperative's
/// phone or address is often a member's own (Law 09-08 on personal data).
pub const OPEN_COLUMNS: &[&str] = &[
    "id",
    "central_number",
    "kind",
    "name_ar",
    "name_fr",
    "status",
    "sector",
    "branch",
    "region_code",
    "province_code",
    "commune_code",
    "court_code",
    "local_number",
    "founded_on",
    "immatriculated_on",
    "adapted_on",
    "capital",
    "share_value",
    "members",
    "women_members",
    "young_members",
    "pre_112_12",
    "adaptation_state",
];

/// The whole public register as CSV, streamed page by page so that a national register does not
/// sit in memory.
pub async fn bulk_csv(State(app): State<AppState>) -> Response {
    use futures_util::stream;
    const PAGE: i64 = 5_000;
    let header = format!("\u{feff}{}\n", OPEN_COLUMNS.join(","));
    let first = stream::once(async move { Ok::<_, std::io::Error>(header.into_bytes()) });
    let pages = stream::unfold(Some(0i64), move |after| {
        let store = app.store.clone();
        async move {
            let after = after?;
            match store.cooperatives_page(after, PAGE).await {
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let next = rows.last().map(|r| r.id);
                    Some((
                        Ok(rows.iter().map(csv_line).collect::<String>().into_bytes()),
                        next,
                    ))
                }
                Err(e) => Some((Err(std::io::Error::other(e.to_string())), None)),
            }
        }
    });
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"taawun-register.csv\"",
            ),
        ],
        axum::body::Body::from_stream(stream::StreamExt::chain(first, pages)),
    )
        .into_response()
}

fn csv_line(c: &taawun_store::CooperativeRow) -> String {
    let esc = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let o = |v: &Option<String>| v.as_deref().map(esc).unwrap_or_default();
    let n = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let cells = [
        c.id.to_string(),
        o(&c.central_number),
        esc(&c.kind),
        o(&c.name_ar),
        o(&c.name_fr),
        esc(&c.status),
        o(&c.sector),
        o(&c.branch),
        esc(&c.region_code),
        o(&c.province_code),
        o(&c.commune_code),
        o(&c.court_code),
        o(&c.local_number),
        o(&c.founded_on),
        o(&c.immatriculated_on),
        o(&c.adapted_on),
        n(c.capital),
        n(c.share_value),
        n(c.members),
        n(c.women_members),
        n(c.young_members),
        c.pre_112_12.to_string(),
        o(&c.adaptation_state),
    ];
    let mut line = cells.join(",");
    line.push('\n');
    line
}
