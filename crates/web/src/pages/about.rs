use axum::{extract::State, response::Html};

use crate::{AppResult, AppState, ctx::Ctx};

/// Where the reference data comes from and under which licence: HCP's CC BY 4.0 terms require
/// the attribution shown here and in the footer.
pub async fn data_sources(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    Ok(app
        .templates
        .render(&ctx, "data_sources.html", minijinja::context! {})?)
}
