//! The public register: search by name in either script with filters, and one page per record.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use taawun_domain::{SECTORS, Status};

use super::form_errors;
use crate::{
    AppError, AppResult, AppState,
    api::cooperatives::{PER_PAGE, SearchParams, search},
    ctx::Ctx,
    render::urlencode,
};

pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> AppResult<Response> {
    let regions = app.store.regions().await?;
    let provinces = app.store.provinces(None).await?;
    let sectors: Vec<&str> = SECTORS.iter().map(|(s, _)| *s).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let (rows, total, page, errors, status) = match search(&app, &p).await {
        Ok((rows, total, page)) => (rows, total, page, super::no_errors(), StatusCode::OK),
        Err(AppError::Invalid(e)) => (
            Vec::new(),
            0,
            1,
            form_errors(&app.i18n, ctx.lang, &e),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(e),
    };
    let pages = (total.max(0) as usize).div_ceil(PER_PAGE).max(1);
    // Links to other pages keep the query and filters.
    let base = format!(
        "/cooperatives?q={}&region={}&province={}&sector={}&status={}",
        urlencode(p.q.trim()),
        urlencode(&p.region),
        urlencode(&p.province),
        urlencode(&p.sector),
        urlencode(&p.status)
    );
    let searched =
        !p.q.trim().is_empty() || !p.region.is_empty() || !p.sector.is_empty() || !p.status.is_empty();
    let html = app.templates.render(
        &ctx,
        "cooperatives.html",
        minijinja::context! {
            params => p, rows => rows, total => total, page => page, pages => pages, base => base,
            regions => regions, provinces => provinces, sectors => sectors, statuses => statuses, errors => errors,
            searched => searched,
        },
    )?;
    Ok((status, html).into_response())
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let c = app.store.cooperative(id).await?;
    let region = app.store.region(&c.region_code).await.ok();
    let province = match &c.province_code {
        Some(code) => app
            .store
            .provinces(Some(&c.region_code))
            .await?
            .into_iter()
            .find(|p| &p.code == code),
        None => None,
    };
    let court = match &c.court_code {
        Some(code) => app.store.court(code).await.ok(),
        None => None,
    };
    let entries = app.store.entries_of_cooperative(c.id).await?;
    // What the cooperative's own manager can file from here.
    let actions: Vec<&str> = match &ctx.user {
        Some(u)
            if u.role == taawun_domain::Role::CooperativeManager
                && app.store.is_manager(u.id, c.id).await? =>
        {
            let mut a = Vec::new();
            if c.status == "active" {
                a.push("modification");
                if c.pre_112_12 && c.adaptation_state.as_deref() != Some("adapted") {
                    a.push("adaptation");
                }
            }
            if matches!(c.status.as_str(), "active" | "in_dissolution") {
                a.push("radiation");
            }
            a
        }
        _ => Vec::new(),
    };
    Ok(app.templates.render(
        &ctx,
        "cooperative.html",
        minijinja::context! {
            c => c, region => region, province => province, court => court, entries => entries, actions => actions,
        },
    )?)
}
