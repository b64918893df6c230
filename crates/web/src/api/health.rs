use axum::{Json, extract::State, http::StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers, `unavailable` otherwise.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    pub database: bool,
    pub version: &'static str,
}

/// Whether this server and its database are up.
#[utoipa::path(get, path = "/api/v1/health", tag = "platform",
    responses(
        (status = 200, description = "Server and database up", body = Health),
        (status = 503, description = "The database does not answer", body = Health)
    )
)]
pub async fn health(State(app): State<AppState>) -> (StatusCode, Json<Health>) {
    let up = app.store.ping().await;
    let status = if up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Health {
            status: if up { "ok" } else { "unavailable" },
            backend: app.store.backend().as_str(),
            database: up,
            version: env!("CARGO_PKG_VERSION"),
        }),
    )
}
