use axum::{
    Json,
    extract::{Query, State},
};
use serde::{Deserialize, Serialize};
use taawun_domain::ValidationError;
use utoipa::{IntoParams, ToSchema};

use crate::{AppError, AppResult, AppState};
use taawun_app::names;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NameCheckParams {
    /// The name to check, in Arabic or Latin script.
    name: Option<String>,
    /// How many close names to return (default 10, at most 50).
    limit: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct NameMatch {
    pub id: i64,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    /// 0 … 1; 1 is the same name.
    pub score: f32,
    /// Why the names are close: `identical`, `same_after_normalisation`, `same_transliteration`,
    /// `same_words_other_order`, `same_without_generic_words`, `similar_spelling`,
    /// `shares_distinctive_words`, `shares_descriptive_words` (a name built on the same
    /// products or place prefixes as a name without a distinctive word).
    pub reason: String,
    /// `register` or `reservation` (a name approved and reserved, not yet registered).
    pub source: String,
    pub status: String,
    /// This name makes the checked one unavailable.
    pub blocking: bool,
}

#[derive(Serialize, ToSchema)]
pub struct NameCheckResult {
    /// The name has a distinctive element: a word beyond the legal form, the members, the
    /// sector, products and place prefixes. A name without one is not available.
    pub distinctive: bool,
    /// Distinctive, and no registered or reserved name blocks it.
    pub available: bool,
    /// Closest names, best first.
    pub matches: Vec<NameMatch>,
}

/// Is a name available? The closest registered or reserved names, with a score and the reason.
#[utoipa::path(get, path = "/api/v1/name-check", tag = "registry",
    params(NameCheckParams),
    responses(
        (status = 200, description = "Availability and closest names", body = NameCheckResult),
        (status = 422, description = "No name given, or a bad limit", body = super::ErrorEnvelope)
    ))]
pub async fn name_check(
    State(app): State<AppState>,
    Query(p): Query<NameCheckParams>,
) -> AppResult<Json<NameCheckResult>> {
    let name = p.name.unwrap_or_default();
    let name = taawun_domain::error::required_text("name", &name, 200).map_err(AppError::invalid)?;
    let limit = match p.limit.as_deref() {
        None | Some("") => 10,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=50).contains(&n) => n,
            _ => {
                return Err(AppError::invalid(
                    ValidationError::new("limit", "invalid_limit").with_arg("max", 50),
                ));
            }
        },
    };
    let result = names::check(&app.names, &app.store, &name, limit).await?;
    Ok(Json(NameCheckResult {
        distinctive: result.distinctive,
        available: result.available,
        matches: result
            .matches
            .into_iter()
            .map(|m| NameMatch {
                id: m.id,
                name_ar: m.name_ar,
                name_fr: m.name_fr,
                score: (m.score * 1000.0).round() / 1000.0,
                reason: m.reason.to_string(),
                source: m.source.to_string(),
                status: m.status,
                blocking: m.blocking,
            })
            .collect(),
    }))
}
