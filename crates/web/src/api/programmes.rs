//! Support programmes in the API: the calls for projects and the public list of selected
//! projects, as the pages show them to everyone. Applications, scores and decisions stay in the
//! pages, behind their roles.

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, Uri},
};
use serde::Serialize;
use taawun_domain::Lang;
use utoipa::ToSchema;

use crate::{AppResult, AppState, ctx};

#[derive(Serialize, ToSchema)]
pub struct CallCriterion {
    /// In the requested language.
    pub label: String,
    /// Percent; the weights add up to 100.
    pub weight: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CallSummary {
    pub id: i64,
    pub funder: String,
    /// In the requested language (`?lang=`, Arabic by default).
    pub title: String,
    pub objectives: String,
    /// Null: the whole country.
    pub region_code: Option<String>,
    /// Sector codes; empty: every sector.
    pub sectors: Vec<String>,
    pub max_age_years: Option<i64>,
    pub women_only: bool,
    pub youth_only: bool,
    pub adaptation_required: bool,
    pub budget_dh: i64,
    pub ceiling_dh: i64,
    pub min_own_percent: i64,
    pub documents: Vec<String>,
    /// ISO dates of the phases.
    pub opens_on: String,
    pub closes_on: String,
    pub preliminary_by: String,
    pub decision_by: String,
    /// Taking applications today.
    pub open: bool,
    pub criteria: Vec<CallCriterion>,
    /// Project type code → the committee level that decides it (`local`, `provincial`, `regional`).
    pub levels: std::collections::BTreeMap<String, String>,
}

#[derive(Serialize, ToSchema)]
pub struct CallList {
    pub items: Vec<CallSummary>,
    pub total: usize,
}

#[derive(Serialize, ToSchema)]
pub struct SelectedItem {
    pub application_id: i64,
    pub call_id: i64,
    pub call_title: String,
    pub funder: String,
    pub project_title: String,
    pub project_type: String,
    /// The amount the project asked for and was selected with, in dirhams.
    pub amount_dh: i64,
    pub cooperative_id: i64,
    pub cooperative_name: String,
    pub region_code: String,
}

#[derive(Serialize, ToSchema)]
pub struct SelectedList {
    pub items: Vec<SelectedItem>,
    pub total: usize,
}

fn pick(lang: Lang, ar: &str, fr: &str) -> String {
    match lang {
        Lang::Ar => ar.to_string(),
        Lang::Fr => fr.to_string(),
    }
}

fn summary(c: taawun_store::Call, lang: Lang) -> CallSummary {
    CallSummary {
        open: crate::pages::programmes::is_open(&c),
        title: pick(lang, &c.title_ar, &c.title_fr),
        objectives: pick(lang, &c.objectives_ar, &c.objectives_fr),
        criteria: c
            .criteria
            .iter()
            .map(|k| CallCriterion {
                label: pick(lang, &k.label_ar, &k.label_fr),
                weight: k.weight,
            })
            .collect(),
        id: c.id,
        funder: c.funder,
        region_code: c.eligibility.region_code,
        sectors: c.eligibility.sectors,
        max_age_years: c.eligibility.max_age_years,
        women_only: c.eligibility.women_only,
        youth_only: c.eligibility.youth_only,
        adaptation_required: c.eligibility.adaptation_required,
        budget_dh: c.budget_dh,
        ceiling_dh: c.ceiling_dh,
        min_own_percent: c.min_own_percent,
        documents: c.documents,
        opens_on: c.opens_on,
        closes_on: c.closes_on,
        preliminary_by: c.preliminary_by,
        decision_by: c.decision_by,
        levels: c.levels,
    }
}

#[utoipa::path(get, path = "/api/v1/programmes", tag = "programmes",
    responses((status = 200, description = "Calls for projects, latest deadline first", body = CallList)))]
pub async fn calls(State(app): State<AppState>, uri: Uri, headers: HeaderMap) -> AppResult<Json<CallList>> {
    let lang = ctx::api_lang(&uri, &headers);
    let items: Vec<CallSummary> = app
        .store
        .calls()
        .await?
        .into_iter()
        .map(|c| summary(c, lang))
        .collect();
    Ok(Json(CallList {
        total: items.len(),
        items,
    }))
}

#[utoipa::path(get, path = "/api/v1/programmes/{id}", tag = "programmes",
    params(("id" = i64, Path, description = "The call's id")),
    responses(
        (status = 200, description = "One call for projects", body = CallSummary),
        (status = 404, description = "No such call", body = super::ErrorEnvelope)
    ))]
pub async fn call(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Json<CallSummary>> {
    let lang = ctx::api_lang(&uri, &headers);
    let id = id.parse::<i64>().map_err(|_| crate::AppError::NotFound)?;
    Ok(Json(summary(app.store.call(id).await?, lang)))
}

#[utoipa::path(get, path = "/api/v1/programmes/selected", tag = "programmes",
    responses((status = 200, description = "Projects selected by the committees, newest decisions first", body = SelectedList)))]
pub async fn selected(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> AppResult<Json<SelectedList>> {
    let lang = ctx::api_lang(&uri, &headers);
    let items: Vec<SelectedItem> = app
        .store
        .selected_projects()
        .await?
        .into_iter()
        .map(|p| {
            let (first, second) = match lang {
                Lang::Ar => (p.cooperative_name_ar, p.cooperative_name_fr),
                Lang::Fr => (p.cooperative_name_fr, p.cooperative_name_ar),
            };
            SelectedItem {
                call_title: pick(lang, &p.call_title_ar, &p.call_title_fr),
                application_id: p.application_id,
                call_id: p.call_id,
                funder: p.funder,
                project_title: p.project_title,
                project_type: p.project_type,
                amount_dh: p.requested_dh,
                cooperative_id: p.cooperative_id,
                cooperative_name: first.or(second).unwrap_or_default(),
                region_code: p.region_code,
            }
        })
        .collect();
    Ok(Json(SelectedList {
        total: items.len(),
        items,
    }))
}
