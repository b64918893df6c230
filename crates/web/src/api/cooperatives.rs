use axum::{
    Json,
    extract::{Path, Query, State},
};
use serde::{Deserialize, Serialize};
use taawun_domain::{Activity, ProvinceCode, RegionCode, Status, ValidationErrors};
use taawun_store::{CooperativeFilter, CooperativeRow};
use utoipa::{IntoParams, ToSchema};

use crate::{AppError, AppResult, AppState};

pub const PER_PAGE: usize = 20;
/// How many of the matcher's best candidates a text search considers before filtering.
const CANDIDATES: usize = 500;

/// Search parameters, shared by the search page and the API.
#[derive(Debug, Deserialize, IntoParams, Default, Serialize)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words of the name, in Arabic or Latin script; variant spellings are found.
    pub q: String,
    /// Region code `01` … `12`.
    pub region: String,
    /// Prefecture or province code `RR.PPP`.
    pub province: String,
    /// Sector code, e.g. `agriculture`.
    pub sector: String,
    /// `active`, `in_dissolution`, `radiated` or `lapsed`.
    pub status: String,
    /// Page number, from 1.
    pub page: Option<String>,
}

/// A cooperative in a list.
#[derive(Serialize, ToSchema)]
pub struct CooperativeSummary {
    pub id: i64,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub kind: String,
    pub status: String,
    pub region_code: String,
    pub province_code: Option<String>,
    pub sector: Option<String>,
    pub central_number: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CooperativePage {
    pub items: Vec<CooperativeSummary>,
    pub total: i64,
    pub page: usize,
    pub per_page: usize,
}

impl From<&CooperativeRow> for CooperativeSummary {
    fn from(c: &CooperativeRow) -> Self {
        Self {
            id: c.id,
            name_ar: c.name_ar.clone(),
            name_fr: c.name_fr.clone(),
            kind: c.kind.clone(),
            status: c.status.clone(),
            region_code: c.region_code.clone(),
            province_code: c.province_code.clone(),
            sector: c.sector.clone(),
            central_number: c.central_number.clone(),
        }
    }
}

/// Checks the filters of a search or a statistics table, naming each bad one.
pub fn parse_filter(p: &SearchParams) -> Result<CooperativeFilter, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let region = match p.region.trim() {
        "" => None,
        r => errors
            .check(RegionCode::parse("region", r))
            .map(|r| r.as_str().to_string()),
    };
    let province = match p.province.trim() {
        "" => None,
        r => errors
            .check(ProvinceCode::parse("province", r))
            .map(|r| r.as_str().to_string()),
    };
    let sector = match p.sector.trim() {
        "" => None,
        s => errors
            .check(
                Activity::parse(s, "").map_err(|e| taawun_domain::ValidationError { field: "sector", ..e }),
            )
            .map(|a| a.sector),
    };
    let status = match p.status.trim() {
        "" => None,
        s => errors
            .check(Status::parse("status", s))
            .map(|s| s.as_str().to_string()),
    };
    errors.into_result()?;
    Ok(CooperativeFilter {
        region,
        province,
        sector,
        status,
        text: None,
    })
}

/// Checks the parameters (each bad one named) and runs the search: by relevance then name when
/// there is a query, by name otherwise.
pub async fn search(app: &AppState, p: &SearchParams) -> AppResult<(Vec<CooperativeRow>, i64, usize)> {
    let mut errors = match parse_filter(p) {
        Ok(_) => ValidationErrors::new(),
        Err(e) => e,
    };
    let page = match p.page.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 1,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=10_000).contains(&n) => n,
            _ => {
                errors.push(taawun_domain::ValidationError::new("page", "invalid_page"));
                1
            }
        },
    };
    if p.q.chars().count() > 200 {
        errors.push(taawun_domain::ValidationError::new("q", "too_long").with_arg("max", 200));
    }
    errors.into_result()?;
    let mut filter = parse_filter(p)?;
    let offset = (page - 1) * PER_PAGE;
    let q = p.q.trim();
    if q.is_empty() {
        let (rows, total) = app
            .store
            .list_cooperatives(&filter, None, PER_PAGE as i64, offset as i64)
            .await?;
        return Ok((rows, total, page));
    }
    let found = app.names.search(q, CANDIDATES);
    if !found.iter().any(|m| m.id > 0) {
        // Nothing the matcher knows as a word (it finds generic words and products too): a
        // part of a word («أرك»), matched literally.
        filter.text = Some(q.to_string());
        let (rows, total) = app
            .store
            .list_cooperatives(&filter, None, PER_PAGE as i64, offset as i64)
            .await?;
        return Ok((rows, total, page));
    }
    let scores: std::collections::HashMap<i64, f32> = found
        .iter()
        .filter(|m| m.id > 0)
        .map(|m| (m.id, m.score))
        .collect();
    let ids: Vec<i64> = scores.keys().copied().collect();
    // The candidates that pass the filters, by relevance then name; whole records only for the
    // page shown.
    let mut passing = app.store.filter_cooperative_ids(&filter, &ids).await?;
    passing.sort_by(|(a, name_a), (b, name_b)| {
        let (sa, sb) = (
            scores.get(a).copied().unwrap_or(0.0),
            scores.get(b).copied().unwrap_or(0.0),
        );
        sb.total_cmp(&sa).then_with(|| name_a.cmp(name_b)).then(a.cmp(b))
    });
    let total = i64::try_from(passing.len()).unwrap_or(i64::MAX);
    let page_ids: Vec<i64> = passing
        .iter()
        .skip(offset)
        .take(PER_PAGE)
        .map(|(id, _)| *id)
        .collect();
    let mut rows = app.store.cooperatives_by_ids(&page_ids).await?;
    rows.sort_by_key(|r| page_ids.iter().position(|id| *id == r.id));
    Ok((rows, total, page))
}

/// Search the register of cooperatives and unions.
#[utoipa::path(get, path = "/api/v1/cooperatives", tag = "registry",
    params(SearchParams),
    responses(
        (status = 200, description = "A page of results, by relevance then name", body = CooperativePage),
        (status = 422, description = "A parameter is invalid", body = super::ErrorEnvelope)
    ))]
pub async fn list(
    State(app): State<AppState>,
    Query(p): Query<SearchParams>,
) -> AppResult<Json<CooperativePage>> {
    let (rows, total, page) = search(&app, &p).await?;
    Ok(Json(CooperativePage {
        items: rows.iter().map(CooperativeSummary::from).collect(),
        total,
        page,
        per_page: PER_PAGE,
    }))
}

/// The public record of a cooperative or union.
#[derive(Serialize, ToSchema)]
pub struct CooperativeRecord {
    pub id: i64,
    pub central_number: Option<String>,
    pub kind: String,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub status: String,
    pub sector: Option<String>,
    pub branch: Option<String>,
    pub region_code: String,
    pub province_code: Option<String>,
    pub commune_code: Option<String>,
    pub address: Option<String>,
    pub court_code: Option<String>,
    pub local_number: Option<String>,
    /// ISO dates (YYYY-MM-DD).
    pub founded_on: Option<String>,
    pub immatriculated_on: Option<String>,
    pub adapted_on: Option<String>,
    /// Dirhams.
    pub capital: Option<i64>,
    pub share_value: Option<i64>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub young_members: Option<i64>,
    /// Only when `contact_public`: the managers chose to publish them.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Whether the cooperative's managers published its phone and e-mail.
    pub contact_public: bool,
    pub pre_112_12: bool,
    pub adaptation_state: Option<String>,
    /// Carried over from a historical register: only names and region are known.
    pub history: bool,
}

impl From<CooperativeRow> for CooperativeRecord {
    fn from(c: CooperativeRow) -> Self {
        Self {
            id: c.id,
            central_number: c.central_number,
            kind: c.kind,
            name_ar: c.name_ar,
            name_fr: c.name_fr,
            status: c.status,
            sector: c.sector,
            branch: c.branch,
            region_code: c.region_code,
            province_code: c.province_code,
            commune_code: c.commune_code,
            address: c.address,
            court_code: c.court_code,
            local_number: c.local_number,
            founded_on: c.founded_on,
            immatriculated_on: c.immatriculated_on,
            adapted_on: c.adapted_on,
            capital: c.capital,
            share_value: c.share_value,
            members: c.members,
            women_members: c.women_members,
            young_members: c.young_members,
            phone: c.phone.filter(|_| c.contact_public),
            email: c.email.filter(|_| c.contact_public),
            contact_public: c.contact_public,
            pre_112_12: c.pre_112_12,
            adaptation_state: c.adaptation_state,
            history: c.history,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/cooperatives/{id}", tag = "registry",
    params(("id" = i64, Path, description = "Stable id of the cooperative")),
    responses(
        (status = 200, description = "The record", body = CooperativeRecord),
        (status = 404, description = "No such cooperative", body = super::ErrorEnvelope)
    ))]
pub async fn show(State(app): State<AppState>, Path(id): Path<String>) -> AppResult<Json<CooperativeRecord>> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(Json(app.store.cooperative(id).await?.into()))
}
