//! Public pages of the reference data: regions, their prefectures and provinces, and courts.

use crate::{AppError, AppResult, AppState, ctx::Ctx};
use axum::{
    extract::{Path, State},
    response::Html,
};

pub async fn regions(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let regions = app.store.regions().await?;
    let provinces = app.store.provinces(None).await?;
    let rows: Vec<_> = regions
        .into_iter()
        .map(|r| {
            let count = provinces.iter().filter(|p| p.region_code == r.code).count();
            minijinja::context! { region => r, provinces => count }
        })
        .collect();
    Ok(app
        .templates
        .render(&ctx, "regions.html", minijinja::context! { rows => rows })?)
}

pub async fn region(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> AppResult<Html<String>> {
    let region = app.store.region(&code).await.map_err(|_| AppError::NotFound)?;
    let provinces = app.store.provinces(Some(&code)).await?;
    let courts = app.store.courts(Some(&code)).await?;
    Ok(app.templates.render(
        &ctx,
        "region.html",
        minijinja::context! { region => region, provinces => provinces, courts => courts },
    )?)
}

pub async fn courts(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let courts = app.store.courts(None).await?;
    let regions = app.store.regions().await?;
    let can_edit = ctx
        .user
        .as_ref()
        .is_some_and(|u| u.role.can_edit_reference_data());
    Ok(app.templates.render(
        &ctx,
        "courts.html",
        minijinja::context! { courts => courts, regions => regions, can_edit => can_edit },
    )?)
}
