//! The register of cooperatives and unions: bulk import (validated beforehand by the domain),
//! listing with filters, single records, and the names that feed the matcher's index.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};

use crate::{Result, Store, StoreError};

/// A record of the register as stored, for pages, the API and exports.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CooperativeRow {
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
    pub founded_on: Option<String>,
    pub immatriculated_on: Option<String>,
    pub adapted_on: Option<String>,
    pub capital: Option<i64>,
    pub share_value: Option<i64>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub young_members: Option<i64>,
    /// The cooperative's contacts, for the office and its managers. Public pages and the API
    /// show them only when `contact_public` (often a member's own phone: Law 09-08).
    pub phone: Option<String>,
    pub email: Option<String>,
    pub pre_112_12: bool,
    pub adaptation_state: Option<String>,
    pub history: bool,
    /// The managers chose to publish the contacts (for buyers: the shop, the catalogues).
    pub contact_public: bool,
}

pub(crate) const COLUMNS: &str =
    "id, central_number, kind, name_ar, name_fr, status, sector, branch, region_code,
    province_code, commune_code, address, court_code, local_number, founded_on, immatriculated_on,
    adapted_on, capital, share_value, members, women_members, young_members, phone, email,
    pre_112_12, adaptation_state, history, contact_public";

pub(crate) fn row(r: &AnyRow) -> Result<CooperativeRow> {
    Ok(CooperativeRow {
        id: r.try_get("id")?,
        central_number: r.try_get("central_number")?,
        kind: r.try_get("kind")?,
        name_ar: r.try_get("name_ar")?,
        name_fr: r.try_get("name_fr")?,
        status: r.try_get("status")?,
        sector: r.try_get("sector")?,
        branch: r.try_get("branch")?,
        region_code: r.try_get("region_code")?,
        province_code: r.try_get("province_code")?,
        commune_code: r.try_get("commune_code")?,
        address: r.try_get("address")?,
        court_code: r.try_get("court_code")?,
        local_number: r.try_get("local_number")?,
        founded_on: r.try_get("founded_on")?,
        immatriculated_on: r.try_get("immatriculated_on")?,
        adapted_on: r.try_get("adapted_on")?,
        capital: r.try_get("capital")?,
        share_value: r.try_get("share_value")?,
        members: r.try_get("members")?,
        women_members: r.try_get("women_members")?,
        young_members: r.try_get("young_members")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        pre_112_12: r.try_get::<i64, _>("pre_112_12")? != 0,
        adaptation_state: r.try_get("adaptation_state")?,
        history: r.try_get::<i64, _>("history")? != 0,
        contact_public: r.try_get::<i64, _>("contact_public")? != 0,
    })
}

/// Filters of the public search; empty means "any".
#[derive(Debug, Clone, Default)]
pub struct CooperativeFilter {
    pub region: Option<String>,
    pub province: Option<String>,
    pub sector: Option<String>,
    pub status: Option<String>,
    /// Part of a name, matched literally (case-insensitive for Latin letters).
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub inserted: u64,
    pub updated: u64,
}

/// The key a list sorts names by: the French name, else the Arabic one, lower-cased.
pub(crate) fn sort_name(name_fr: Option<&str>, name_ar: Option<&str>) -> String {
    name_fr.or(name_ar).unwrap_or("").to_lowercase()
}

/// The filter as SQL conditions over `$1`…`$5` (region, province, sector, status, text) and
/// their values; with `ids`, only those records.
fn filter_condition(filter: &CooperativeFilter, ids: Option<&[i64]>) -> (String, [String; 5]) {
    let mut conditions = vec![
        "($1 = '' OR region_code = $1)".to_string(),
        "($2 = '' OR province_code = $2)".to_string(),
        "($3 = '' OR sector = $3)".to_string(),
        "($4 = '' OR status = $4)".to_string(),
        "($5 = '' OR LOWER(COALESCE(name_fr, '')) LIKE $5 OR COALESCE(name_ar, '') LIKE $5)".to_string(),
    ];
    if let Some(ids) = ids.filter(|ids| !ids.is_empty()) {
        // Ids are integers from our own index, never text from a request.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        conditions.push(format!("id IN ({list})"));
    }
    let text = match filter.text.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => {
            // LIKE's own wildcards in the text are taken literally by dropping them.
            let t: String = t.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
            format!("%{}%", t.to_lowercase())
        }
        _ => String::new(),
    };
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    (
        conditions.join(" AND "),
        [
            value(&filter.region),
            value(&filter.province),
            value(&filter.sector),
            value(&filter.status),
            text,
        ],
    )
}

impl Store {
    pub async fn cooperative(&self, id: i64) -> Result<CooperativeRow> {
        let r = sqlx::query(&format!("SELECT {COLUMNS} FROM cooperatives WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        row(&r)
    }

    /// The records with these ids (any order); unknown ids are skipped.
    pub async fn cooperatives_by_ids(&self, ids: &[i64]) -> Result<Vec<CooperativeRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // Ids are integers, never text from a request.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM cooperatives WHERE id IN ({list})"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(row).collect()
    }

    pub async fn count_cooperatives(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cooperatives")
            .fetch_one(self.pool())
            .await?)
    }

    /// A page of the register by name, with filters; with `ids`, only those records.
    pub async fn list_cooperatives(
        &self,
        filter: &CooperativeFilter,
        ids: Option<&[i64]>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<CooperativeRow>, i64)> {
        let (condition, binds) = filter_condition(filter, ids);
        if ids.is_some_and(<[i64]>::is_empty) {
            return Ok((Vec::new(), 0));
        }
        let [region, province, sector, status, text] = &binds;
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM cooperatives WHERE {condition}"))
            .bind(region)
            .bind(province)
            .bind(sector)
            .bind(status)
            .bind(text)
            .fetch_one(self.pool())
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM cooperatives WHERE {condition} ORDER BY sort_name, id LIMIT $6 OFFSET $7"
        ))
        .bind(region)
        .bind(province)
        .bind(sector)
        .bind(status)
        .bind(text)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let rows = rows.iter().map(row).collect::<Result<_>>()?;
        Ok((rows, total))
    }

    /// Which of `ids` (the matcher's candidates) pass the filter, each with its sort name: one
    /// light query, so a text search reads whole records only for the page it shows.
    pub async fn filter_cooperative_ids(
        &self,
        filter: &CooperativeFilter,
        ids: &[i64],
    ) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let (condition, [region, province, sector, status, text]) = filter_condition(filter, Some(ids));
        sqlx::query(&format!(
            "SELECT id, sort_name FROM cooperatives WHERE {condition}"
        ))
        .bind(region)
        .bind(province)
        .bind(sector)
        .bind(status)
        .bind(text)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("sort_name")?)))
        .collect()
    }

    /// Every record's names (radiated and lapsed ones too: they stay searchable), in id order, in pages of `page` rows: what the name index is built from.
    pub async fn cooperative_names(&self, after_id: i64, page: i64) -> Result<Vec<(i64, String, String)>> {
        let rows = sqlx::query(
            "SELECT id, COALESCE(name_ar, '') AS name_ar, COALESCE(name_fr, '') AS name_fr FROM cooperatives
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after_id)
        .bind(page)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name_ar")?, r.try_get("name_fr")?)))
            .collect()
    }

    /// The whole register in id order, in pages, for exports.
    pub async fn cooperatives_page(&self, after_id: i64, page: i64) -> Result<Vec<CooperativeRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM cooperatives WHERE id > $1 ORDER BY id LIMIT $2"
        ))
        .bind(after_id)
        .bind(page)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(row).collect()
    }
}
