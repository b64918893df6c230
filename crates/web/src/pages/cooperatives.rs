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
    let manager = match &ctx.user {
        Some(u) => {
            u.role == taawun_domain::Role::CooperativeManager && app.store.is_manager(u.id, c.id).await?
        }
        None => false,
    };
    // What the cooperative's own manager can file from here.
    let actions: Vec<&str> = match &ctx.user {
        Some(_) if manager => {
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
            manager => manager,
        },
    )?)
}

#[derive(serde::Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    publish: String,
}

/// The managers publish the cooperative's phone and e-mail (for buyers) or withdraw them.
pub async fn publish_contact(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ContactForm>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| r == taawun_domain::Role::CooperativeManager)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if !app.store.is_manager(user.id, id).await? {
        return Err(AppError::Forbidden);
    }
    app.store
        .set_contact_public(id, form.publish == "1", &super::account::actor(user))
        .await?;
    Ok(axum::response::Redirect::to(&format!("/cooperatives/{id}#contact")).into_response())
}
