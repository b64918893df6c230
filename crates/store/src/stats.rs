//! Counts of the register by any one or two dimensions, computed in the database so that they
//! are always current and equal a direct count.

use serde::Serialize;
use sqlx::Row;

use crate::{CooperativeFilter, Result, Store};

/// A dimension the register can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Region,
    Province,
    Sector,
    Branch,
    Status,
    Kind,
    /// Year of creation (founding).
    Year,
    AdaptationState,
}

impl Dimension {
    pub const ALL: [Dimension; 8] = [
        Dimension::Region,
        Dimension::Province,
        Dimension::Sector,
        Dimension::Branch,
        Dimension::Status,
        Dimension::Kind,
        Dimension::Year,
        Dimension::AdaptationState,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Region => "region",
            Dimension::Province => "province",
            Dimension::Sector => "sector",
            Dimension::Branch => "branch",
            Dimension::Status => "status",
            Dimension::Kind => "kind",
            Dimension::Year => "year",
            Dimension::AdaptationState => "adaptation_state",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    /// The SQL expression; a missing value counts as `unknown`.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Dimension::Region => "region_code",
            Dimension::Province => "COALESCE(province_code, 'unknown')",
            Dimension::Sector => "COALESCE(sector, 'unknown')",
            Dimension::Branch => "COALESCE(branch, 'unknown')",
            Dimension::Status => "status",
            Dimension::Kind => "kind",
            Dimension::Year => "COALESCE(SUBSTR(founded_on, 1, 4), 'unknown')",
            Dimension::AdaptationState => {
                "CASE WHEN pre_112_12 = 0 THEN 'not_concerned' ELSE COALESCE(adaptation_state, 'not_filed') END"
            }
        }
    }
}

/// One cell of a table of counts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatRow {
    /// The values of the dimensions, in the order asked.
    pub keys: Vec<String>,
    /// Cooperatives and unions.
    pub count: i64,
    /// Sums over the records whose figures are known.
    pub members: i64,
    pub women_members: i64,
    pub young_members: i64,
    pub capital: i64,
    /// Cooperatives whose members are all women.
    pub women_cooperatives: i64,
}

impl Store {
    /// Counts by `dims` (one or two) under `filter`, ordered by the dimensions' values.
    pub async fn stats(&self, dims: &[Dimension], filter: &CooperativeFilter) -> Result<Vec<StatRow>> {
        let keys: Vec<String> = dims
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{} AS k{i}", d.sql()))
            .collect();
        let group: Vec<String> = (1..=dims.len()).map(|i| i.to_string()).collect();
        let select_keys = if keys.is_empty() {
            "'all' AS k0".to_string()
        } else {
            keys.join(", ")
        };
        let group_by = if group.is_empty() {
            String::new()
        } else {
            format!("GROUP BY {}", group.join(", "))
        };
        let order_by = if group.is_empty() {
            String::new()
        } else {
            format!("ORDER BY {}", group.join(", "))
        };
        let sql = format!(
            "SELECT {select_keys}, COUNT(*) AS count,
                 CAST(COALESCE(SUM(members), 0) AS BIGINT) AS members,
                 CAST(COALESCE(SUM(women_members), 0) AS BIGINT) AS women_members,
                 CAST(COALESCE(SUM(young_members), 0) AS BIGINT) AS young_members,
                 CAST(COALESCE(SUM(capital), 0) AS BIGINT) AS capital,
                 CAST(COALESCE(SUM(CASE WHEN members > 0 AND women_members = members THEN 1 ELSE 0 END), 0) AS BIGINT)
                     AS women_cooperatives
             FROM cooperatives
             WHERE ($1 = '' OR region_code = $1) AND ($2 = '' OR province_code = $2)
               AND ($3 = '' OR sector = $3) AND ($4 = '' OR status = $4)
             {group_by} {order_by}"
        );
        let rows = sqlx::query(&sql)
            .bind(filter.region.clone().unwrap_or_default())
            .bind(filter.province.clone().unwrap_or_default())
            .bind(filter.sector.clone().unwrap_or_default())
            .bind(filter.status.clone().unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        let key_names: Vec<String> = (0..dims.len()).map(|i| format!("k{i}")).collect();
        rows.iter()
            .map(|r| {
                let keys = key_names
                    .iter()
                    .map(|k| r.try_get::<String, _>(k.as_str()))
                    .collect::<std::result::Result<_, _>>()?;
                Ok(StatRow {
                    keys,
                    count: r.try_get("count")?,
                    members: r.try_get("members")?,
                    women_members: r.try_get("women_members")?,
                    young_members: r.try_get("young_members")?,
                    capital: r.try_get("capital")?,
                    women_cooperatives: r.try_get("women_cooperatives")?,
                })
            })
            .collect()
    }
}
