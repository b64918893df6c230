//! The JSON API under `/api/v1`, and its OpenAPI document generated from the code.
//!
//! Conventions (docs/API.md): plural nouns, snake_case fields, lists as `{"items": [...],
//! "total": N}`, errors as `{"error": {"code", "message", "field"?}}` with the message in the
//! language of `?lang=` or `Accept-Language` (Arabic by default).

mod campaigns;
pub mod cooperatives;
mod health;
mod kb;
mod markets;
mod names;
mod programmes;
pub mod stats;
mod territory;

use axum::{
    Json, Router,
    extract::State,
    response::{Html, IntoResponse},
    routing::get,
};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::{AppResult, AppState, ctx::Ctx};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Taawun API",
        description = "Public and staff API of the Taawun cooperative register platform.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        health::health,
        territory::regions,
        territory::provinces,
        territory::courts,
        cooperatives::list,
        cooperatives::show,
        names::name_check,
        stats::stats,
        kb::search,
        markets::catalogue,
        markets::products,
        programmes::calls,
        programmes::call,
        programmes::selected,
        campaigns::list,
        campaigns::meetings,
        campaigns::meeting,
        campaigns::register
    ),
    components(schemas(ErrorEnvelope, ErrorDetail))
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs))
        .route("/v1/health", get(health::health))
        .route("/v1/territory/regions", get(territory::regions))
        .route(
            "/v1/territory/regions/{code}/provinces",
            get(territory::provinces),
        )
        .route("/v1/territory/courts", get(territory::courts))
        .route("/v1/cooperatives", get(cooperatives::list))
        .route("/v1/cooperatives/{id}", get(cooperatives::show))
        .route("/v1/name-check", get(names::name_check))
        .route("/v1/stats", get(stats::stats))
        .route("/v1/kb/search", get(kb::search))
        .route("/v1/catalogue", get(markets::catalogue))
        .route("/v1/products", get(markets::products))
        .route("/v1/programmes", get(programmes::calls))
        .route("/v1/programmes/selected", get(programmes::selected))
        .route("/v1/programmes/{id}", get(programmes::call))
        .route("/v1/campaigns", get(campaigns::list))
        .route("/v1/campaigns/{id}/meetings", get(campaigns::meetings))
        .route("/v1/meetings/{id}", get(campaigns::meeting))
        .route(
            "/v1/meetings/{id}/registrations",
            axum::routing::post(campaigns::register),
        )
}

/// The error envelope of every failed API call.
#[derive(Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code, e.g. `not_found`, `invalid_region_code`.
    pub code: String,
    /// The message in the requested language.
    pub message: String,
    /// The parameter or field at fault, when there is one.
    pub field: Option<String>,
}

/// A page of results.
#[derive(Serialize, ToSchema)]
pub struct List<T: ToSchema> {
    pub items: Vec<T>,
    pub total: usize,
}

impl<T: ToSchema> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        Self {
            total: items.len(),
            items,
        }
    }
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

async fn openapi_json() -> impl IntoResponse {
    Json(openapi())
}

/// A readable page of the API, rendered from the same OpenAPI document (no JavaScript viewer:
/// it has to work on a slow phone too).
async fn docs(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let doc = serde_json::to_value(openapi()).map_err(|e| crate::AppError::Internal(e.to_string()))?;
    Ok(app
        .templates
        .render(&ctx, "api_docs.html", minijinja::context! { doc => doc })?)
}
