//! Statistics of the register: counts by one or two dimensions, with shares of the national
//! total, as JSON, CSV or XLSX. Figures about members are withheld for groups of fewer than
//! [`MIN_GROUP`] cooperatives, so that no figure describes identifiable people.

use axum::{
    Json,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use taawun_domain::{Lang, ValidationError, ValidationErrors};
use taawun_store::{CooperativeFilter, Dimension, StatRow};
use utoipa::{IntoParams, ToSchema};

use crate::{
    AppError, AppResult, AppState, ctx,
    export::{self, Cell},
};

/// Groups smaller than this show their count but not their members' figures.
pub const MIN_GROUP: i64 = 3;

#[derive(Debug, Deserialize, Serialize, IntoParams, Default, Clone)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct StatsParams {
    /// One or two dimensions, comma-separated: region, province, sector, branch, status, kind,
    /// year, adaptation_state. Default `region`.
    pub by: String,
    pub region: String,
    pub province: String,
    pub sector: String,
    pub status: String,
    /// `json` (default), `csv` or `xlsx`.
    pub format: String,
}

/// One row: the value of each dimension under its own name, then the figures.
#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct StatsRow {
    /// Dimension values, e.g. `{"region": "08"}`.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub keys: serde_json::Map<String, serde_json::Value>,
    pub count: i64,
    /// Share of the national total (all cooperatives and unions of the register), 0 … 1.
    pub share: f64,
    pub women_cooperatives: i64,
    /// Withheld (null) for groups of fewer than 3 cooperatives.
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub young_members: Option<i64>,
    pub capital: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct StatsTable {
    pub by: Vec<String>,
    pub rows: Vec<StatsRow>,
    /// Cooperatives and unions counted (after filters).
    pub total: i64,
    /// The whole register, for shares.
    pub national_total: i64,
}

pub(crate) struct Computed {
    pub dims: Vec<Dimension>,
    pub table: StatsTable,
    pub raw: Vec<StatRow>,
}

pub(crate) fn parse(p: &StatsParams) -> Result<(Vec<Dimension>, CooperativeFilter), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let by = if p.by.trim().is_empty() {
        "region"
    } else {
        p.by.as_str()
    };
    let mut dims = Vec::new();
    for part in by.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match Dimension::parse(part) {
            Some(d) if !dims.contains(&d) => dims.push(d),
            _ => errors.push(ValidationError::new("by", "invalid_dimension")),
        }
    }
    if dims.len() > 2 {
        errors.push(ValidationError::new("by", "too_many_dimensions"));
    }
    let params = crate::api::cooperatives::SearchParams {
        q: String::new(),
        region: p.region.clone(),
        province: p.province.clone(),
        sector: p.sector.clone(),
        status: p.status.clone(),
        page: None,
    };
    let filter = match crate::api::cooperatives::parse_filter(&params) {
        Ok(f) => Some(f),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    errors.into_result()?;
    Ok((dims, filter.unwrap_or_default()))
}

pub(crate) async fn compute(
    app: &AppState,
    dims: Vec<Dimension>,
    filter: &CooperativeFilter,
) -> AppResult<Computed> {
    let raw = app.stats(&dims, filter).await?;
    let national_total = app
        .stats(&[], &CooperativeFilter::default())
        .await?
        .first()
        .map_or(0, |r| r.count);
    let rows = raw
        .iter()
        .map(|r| {
            let mut keys = serde_json::Map::new();
            for (d, k) in dims.iter().zip(&r.keys) {
                keys.insert(d.as_str().to_string(), serde_json::Value::String(k.clone()));
            }
            let shown = r.count >= MIN_GROUP;
            StatsRow {
                keys,
                count: r.count,
                share: if national_total > 0 {
                    r.count as f64 / national_total as f64
                } else {
                    0.0
                },
                women_cooperatives: r.women_cooperatives,
                members: shown.then_some(r.members),
                women_members: shown.then_some(r.women_members),
                young_members: shown.then_some(r.young_members),
                capital: shown.then_some(r.capital),
            }
        })
        .collect();
    let total = raw.iter().map(|r| r.count).sum();
    Ok(Computed {
        table: StatsTable {
            by: dims.iter().map(|d| d.as_str().to_string()).collect(),
            rows,
            total,
            national_total,
        },
        dims,
        raw,
    })
}

/// The label of a dimension value in a language (codes are the same in both).
pub(crate) fn label(
    app: &AppState,
    lang: Lang,
    dim: Dimension,
    key: &str,
    provinces: &[taawun_store::Province],
) -> String {
    if key == "unknown" {
        return app.i18n.t(lang, "stat-unknown");
    }
    let id = match dim {
        Dimension::Region => format!("region-{key}"),
        Dimension::Sector => format!("sector-{key}"),
        Dimension::Branch => format!("branch-{key}"),
        Dimension::Status => format!("status-{key}"),
        Dimension::Kind => format!("kind-{key}"),
        Dimension::AdaptationState => format!("adaptation-{key}"),
        Dimension::Year => return key.to_string(),
        Dimension::Province => {
            return provinces
                .iter()
                .find(|p| p.code == key)
                .map(|p| {
                    if lang == Lang::Ar {
                        p.name_ar.clone()
                    } else {
                        p.name_fr.clone()
                    }
                })
                .unwrap_or_else(|| key.to_string());
        }
    };
    app.i18n.t(lang, &id).replace(['\u{2068}', '\u{2069}'], "")
}

/// Counts of cooperatives and unions by one or two dimensions.
#[utoipa::path(get, path = "/api/v1/stats", tag = "statistics",
    params(StatsParams),
    responses(
        (status = 200, description = "The table (JSON, or a CSV/XLSX file with `format=`)", body = StatsTable),
        (status = 422, description = "A parameter is invalid", body = super::ErrorEnvelope)
    ))]
pub async fn stats(
    State(app): State<AppState>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
    Query(p): Query<StatsParams>,
) -> AppResult<Response> {
    let (dims, filter) = parse(&p)?;
    let computed = compute(&app, dims, &filter).await?;
    let lang = ctx::api_lang(&uri, &headers);
    match p.format.as_str() {
        "" | "json" => Ok(Json(computed.table).into_response()),
        "csv" => {
            let bytes = to_csv(&app, lang, &computed).await?;
            Ok(export::file_response(bytes, export::CSV, "taawun-stats.csv"))
        }
        "xlsx" => {
            let bytes = to_xlsx(&app, lang, &computed).await?;
            Ok(export::file_response(bytes, export::XLSX, "taawun-stats.xlsx"))
        }
        _ => Err(AppError::invalid(ValidationError::new(
            "format",
            "invalid_format",
        ))),
    }
}

/// Column headers and cells of an export: codes, labels in the requested language, figures.
async fn cells(app: &AppState, lang: Lang, c: &Computed) -> AppResult<(Vec<String>, Vec<Vec<Cell>>)> {
    let provinces = app.store.provinces(None).await?;
    let mut header = Vec::new();
    for d in &c.dims {
        header.push(d.as_str().to_string());
        header.push(format!("{}_label", d.as_str()));
    }
    for h in [
        "count",
        "share",
        "women_cooperatives",
        "members",
        "women_members",
        "young_members",
        "capital",
    ] {
        header.push(h.to_string());
    }
    let rows = c
        .table
        .rows
        .iter()
        .zip(&c.raw)
        .map(|(row, raw)| {
            let mut cells = Vec::new();
            for (d, k) in c.dims.iter().zip(&raw.keys) {
                cells.push(Cell::Text(k.clone()));
                cells.push(Cell::Text(label(app, lang, *d, k, &provinces)));
            }
            cells.push(Cell::Number(row.count as f64));
            cells.push(Cell::Number((row.share * 10_000.0).round() / 10_000.0));
            cells.push(Cell::Number(row.women_cooperatives as f64));
            for v in [row.members, row.women_members, row.young_members, row.capital] {
                cells.push(v.map_or(Cell::Empty, |v| Cell::Number(v as f64)));
            }
            cells
        })
        .collect();
    Ok((header, rows))
}

async fn to_csv(app: &AppState, lang: Lang, c: &Computed) -> AppResult<Vec<u8>> {
    let (header, rows) = cells(app, lang, c).await?;
    Ok(export::csv(&header, &rows))
}

async fn to_xlsx(app: &AppState, lang: Lang, c: &Computed) -> AppResult<Vec<u8>> {
    let (header, rows) = cells(app, lang, c).await?;
    export::xlsx(lang, &header, &rows)
}
