use axum::{
    Json,
    extract::{Path, Query, State},
};
use serde::{Deserialize, Serialize};
use taawun_domain::RegionCode;
use utoipa::{IntoParams, ToSchema};

use super::List;
use crate::{AppError, AppResult, AppState};

/// One of the twelve regions (2015 division), with its HCP code.
#[derive(Serialize, ToSchema)]
pub struct Region {
    /// HCP code, `01` … `12`.
    #[schema(example = "08")]
    pub code: String,
    #[schema(example = "درعة-تافيلالت")]
    pub name_ar: String,
    #[schema(example = "Drâa-Tafilalet")]
    pub name_fr: String,
    pub name_en: String,
}

/// A prefecture or province.
#[derive(Serialize, ToSchema)]
pub struct Province {
    /// HCP code `RR.PPP`.
    #[schema(example = "08.201")]
    pub code: String,
    pub region_code: String,
    /// `prefecture` or `province`.
    pub kind: String,
    pub name_ar: String,
    pub name_fr: String,
}

/// A court of first instance, whose clerk keeps a local register of cooperatives.
#[derive(Serialize, ToSchema)]
pub struct Court {
    #[schema(example = "tpi-errachidia")]
    pub code: String,
    pub name_ar: String,
    pub name_fr: String,
    pub city_ar: String,
    pub city_fr: String,
    pub province_code: String,
    pub region_code: String,
    /// `verified`, `cited` (named by a press source) or `unverified`.
    pub status: String,
}

/// The twelve regions of Morocco.
#[utoipa::path(get, path = "/api/v1/territory/regions", tag = "territory",
    responses((status = 200, description = "The regions, by code", body = List<Region>)))]
pub async fn regions(State(app): State<AppState>) -> AppResult<Json<List<Region>>> {
    let items: Vec<Region> = app
        .store
        .regions()
        .await?
        .into_iter()
        .map(|r| Region {
            code: r.code,
            name_ar: r.name_ar,
            name_fr: r.name_fr,
            name_en: r.name_en,
        })
        .collect();
    Ok(Json(items.into()))
}

/// The prefectures and provinces of a region.
#[utoipa::path(get, path = "/api/v1/territory/regions/{code}/provinces", tag = "territory",
    params(("code" = String, Path, description = "Region code, `01` … `12`")),
    responses(
        (status = 200, description = "The region's prefectures and provinces", body = List<Province>),
        (status = 404, description = "No such region", body = super::ErrorEnvelope),
        (status = 422, description = "Not a region code", body = super::ErrorEnvelope)
    ))]
pub async fn provinces(
    State(app): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<List<Province>>> {
    let code = RegionCode::parse("code", &code).map_err(AppError::invalid)?;
    app.store.region(code.as_str()).await?;
    let items: Vec<Province> = app
        .store
        .provinces(Some(code.as_str()))
        .await?
        .into_iter()
        .map(|p| Province {
            code: p.code,
            region_code: p.region_code,
            kind: p.kind,
            name_ar: p.name_ar,
            name_fr: p.name_fr,
        })
        .collect();
    Ok(Json(items.into()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CourtFilter {
    /// Only the courts of this region.
    region: Option<String>,
}

/// Courts of first instance (the bundled list is partial; administrators complete it).
#[utoipa::path(get, path = "/api/v1/territory/courts", tag = "territory",
    params(CourtFilter),
    responses(
        (status = 200, description = "Courts by region and city", body = List<Court>),
        (status = 422, description = "Not a region code", body = super::ErrorEnvelope)
    ))]
pub async fn courts(
    State(app): State<AppState>,
    Query(f): Query<CourtFilter>,
) -> AppResult<Json<List<Court>>> {
    let region = match f.region.as_deref().filter(|r| !r.is_empty()) {
        Some(r) => Some(RegionCode::parse("region", r).map_err(AppError::invalid)?),
        None => None,
    };
    let items: Vec<Court> = app
        .store
        .courts(region.as_ref().map(RegionCode::as_str))
        .await?
        .into_iter()
        .map(|c| Court {
            code: c.code,
            name_ar: c.name_ar,
            name_fr: c.name_fr,
            city_ar: c.city_ar,
            city_fr: c.city_fr,
            province_code: c.province_code,
            region_code: c.region_code,
            status: c.status,
        })
        .collect();
    Ok(Json(items.into()))
}
