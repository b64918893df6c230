use axum::{
    Json,
    extract::{Query, State},
    http::HeaderMap,
};
use serde::{Deserialize, Serialize};
use taawun_domain::{Lang, ValidationError};
use utoipa::{IntoParams, ToSchema};

use crate::{AppError, AppResult, AppState, ctx};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KbSearchParams {
    /// The question, in Arabic (standard or darija) or French, as typed.
    q: Option<String>,
    /// The reader's language, `ar` or `fr` (default: `Accept-Language`, else Arabic). Pages of
    /// the question's script come first; the other language answers when this one has nothing.
    lang: Option<String>,
    /// How many results (default 10, at most 50).
    limit: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct KbSearchItem {
    /// The question, or the guide section's heading and the guide's title.
    pub title: String,
    /// The public page: `/kb/questions/q012?lang=fr`, `/kb/guides/founding?lang=ar#minimums`.
    pub url: String,
    /// The passage of the page that best matches, plain text.
    pub snippet: String,
    /// Language of the page: `ar` or `fr`.
    pub lang: String,
}

#[derive(Serialize, ToSchema)]
pub struct KbSearchResult {
    /// Best first.
    pub items: Vec<KbSearchItem>,
    pub total: usize,
}

/// Searches the guides and the "100 questions on cooperative work": the pages that answer a
/// question, best first, each with a passage.
#[utoipa::path(get, path = "/api/v1/kb/search", tag = "knowledge_base", operation_id = "kb_search",
    params(KbSearchParams),
    responses(
        (status = 200, description = "Answers, best first", body = KbSearchResult),
        (status = 422, description = "No question, a bad language or a bad limit", body = super::ErrorEnvelope)
    ))]
pub async fn search(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<KbSearchParams>,
) -> AppResult<Json<KbSearchResult>> {
    let q = taawun_domain::error::required_text("q", p.q.as_deref().unwrap_or(""), 200)
        .map_err(AppError::invalid)?;
    let lang = match p.lang.as_deref().map(str::trim) {
        None | Some("") => headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
            .or_else(|| ctx::lang_of(&headers))
            .unwrap_or_default(),
        Some(code) => match code {
            "ar" => Lang::Ar,
            "fr" => Lang::Fr,
            _ => return Err(AppError::invalid(ValidationError::new("lang", "invalid_choice"))),
        },
    };
    let limit = match p.limit.as_deref().map(str::trim) {
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
    let hits = app.kb.search(&app.store, &q, lang, limit).await?;
    let items: Vec<KbSearchItem> = hits
        .into_iter()
        .map(|h| KbSearchItem {
            snippet: h.snippet_text(),
            lang: h.lang.code().to_string(),
            title: h.title,
            url: h.url,
        })
        .collect();
    Ok(Json(KbSearchResult {
        total: items.len(),
        items,
    }))
}
