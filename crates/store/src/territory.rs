//! Territory reference data (regions, prefectures and provinces, communes) and the courts of
//! first instance. The data ships inside the binary (`data/territory/`, see its SOURCES.md for
//! origin and licences) and is loaded at start when its version changes.

use serde::Serialize;
use sqlx::Row;
use taawun_domain::CourtCode;

use crate::{Actor, Result, Store, StoreError, audit, conflict_on_unique, now};

const REGIONS_CSV: &str = include_str!("../data/territory/regions.csv");
const PROVINCES_CSV: &str = include_str!("../data/territory/provinces.csv");
const COMMUNES_CSV: &str = include_str!("../data/territory/communes.csv");
const COURTS_CSV: &str = include_str!("../data/territory/courts.csv");

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub name_ar: String,
    pub name_fr: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Province {
    pub code: String,
    pub region_code: String,
    /// `prefecture` (urban) or `province`.
    pub kind: String,
    pub name_ar: String,
    pub name_fr: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Commune {
    pub code: String,
    pub province_code: String,
    pub region_code: String,
    pub kind: String,
    pub name_ar: String,
    pub name_fr: String,
}

/// A court of first instance. The bundled list is partial and partly unverified, so an
/// administrator can correct and complete it; `status` says how far each row is confirmed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Court {
    pub id: i64,
    pub code: String,
    pub name_ar: String,
    pub name_fr: String,
    pub city_ar: String,
    pub city_fr: String,
    pub province_code: String,
    pub region_code: String,
    pub covers: String,
    /// `cited` (named by a press source), `unverified`, or `verified` by an administrator.
    pub status: String,
    pub source: String,
}

/// What an administrator submits for a court.
#[derive(Debug, Clone, Serialize)]
pub struct CourtInput {
    pub code: CourtCode,
    pub name_ar: String,
    pub name_fr: String,
    pub city_ar: String,
    pub city_fr: String,
    pub province_code: String,
    pub covers: String,
    pub status: String,
    pub source: String,
}

fn parse_csv(text: &str) -> Result<Vec<csv::StringRecord>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| StoreError::ReferenceData(e.to_string()))
}

fn field(r: &csv::StringRecord, i: usize) -> Result<&str> {
    r.get(i)
        .ok_or_else(|| StoreError::ReferenceData(format!("missing column {i} in {r:?}")))
}

/// Loads the bundled reference data if this database has not seen this version of it.
/// Regions, provinces and communes are replaced by the bundled rows; courts are only added,
/// never overwritten, because administrators edit them.
pub(crate) async fn load_reference_data(store: &Store) -> Result<()> {
    let version = format!(
        "{}-{}-{}-{}",
        REGIONS_CSV.len(),
        PROVINCES_CSV.len(),
        COMMUNES_CSV.len(),
        COURTS_CSV.len()
    );
    let current: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'territory_version'")
            .fetch_optional(store.pool())
            .await?;
    if current.as_deref() == Some(version.as_str()) {
        return Ok(());
    }
    let mut tx = store.begin_write().await?;
    for r in parse_csv(REGIONS_CSV)? {
        sqlx::query(
            "INSERT INTO regions (code, name_fr, name_ar, name_en) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO UPDATE SET name_fr = excluded.name_fr,
                 name_ar = excluded.name_ar, name_en = excluded.name_en",
        )
        .bind(field(&r, 0)?)
        .bind(field(&r, 1)?)
        .bind(field(&r, 2)?)
        .bind(field(&r, 3)?)
        .execute(&mut *tx)
        .await?;
    }
    for r in parse_csv(PROVINCES_CSV)? {
        sqlx::query(
            "INSERT INTO provinces (code, region_code, kind, name_fr, name_ar) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (code) DO UPDATE SET region_code = excluded.region_code,
                 kind = excluded.kind, name_fr = excluded.name_fr, name_ar = excluded.name_ar",
        )
        .bind(field(&r, 0)?)
        .bind(field(&r, 1)?)
        .bind(field(&r, 2)?)
        .bind(field(&r, 3)?)
        .bind(field(&r, 4)?)
        .execute(&mut *tx)
        .await?;
    }
    for r in parse_csv(COMMUNES_CSV)? {
        sqlx::query(
            "INSERT INTO communes (code, province_code, region_code, kind, name_fr, name_ar)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code,
                 region_code = excluded.region_code, kind = excluded.kind,
                 name_fr = excluded.name_fr, name_ar = excluded.name_ar",
        )
        .bind(field(&r, 0)?)
        .bind(field(&r, 1)?)
        .bind(field(&r, 2)?)
        .bind(field(&r, 4)?)
        .bind(field(&r, 5)?)
        .bind(field(&r, 6)?)
        .execute(&mut *tx)
        .await?;
    }
    for r in parse_csv(COURTS_CSV)? {
        let code = CourtCode::from_city(field(&r, 2)?);
        sqlx::query(
            "INSERT INTO courts (code, name_fr, name_ar, city_fr, city_ar, province_code, covers,
                 status, source, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(code.as_str())
        .bind(field(&r, 0)?)
        .bind(field(&r, 1)?)
        .bind(field(&r, 2)?)
        .bind(field(&r, 3)?)
        .bind(field(&r, 5)?)
        .bind(field(&r, 6)?)
        .bind(field(&r, 7)?)
        .bind(field(&r, 8)?)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ('territory_version', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(&version)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(%version, "territory reference data loaded");
    Ok(())
}

const COURT_COLUMNS: &str = "c.id, c.code, c.name_ar, c.name_fr, c.city_ar, c.city_fr, c.province_code,
    p.region_code, c.covers, c.status, c.source";

fn court_from_row(r: &sqlx::any::AnyRow) -> Result<Court> {
    Ok(Court {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        name_ar: r.try_get("name_ar")?,
        name_fr: r.try_get("name_fr")?,
        city_ar: r.try_get("city_ar")?,
        city_fr: r.try_get("city_fr")?,
        province_code: r.try_get("province_code")?,
        region_code: r.try_get("region_code")?,
        covers: r.try_get("covers")?,
        status: r.try_get("status")?,
        source: r.try_get("source")?,
    })
}

impl Store {
    pub async fn regions(&self) -> Result<Vec<Region>> {
        let rows = sqlx::query("SELECT code, name_ar, name_fr, name_en FROM regions ORDER BY code")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Region {
                    code: r.try_get("code")?,
                    name_ar: r.try_get("name_ar")?,
                    name_fr: r.try_get("name_fr")?,
                    name_en: r.try_get("name_en")?,
                })
            })
            .collect()
    }

    pub async fn region(&self, code: &str) -> Result<Region> {
        self.regions()
            .await?
            .into_iter()
            .find(|r| r.code == code)
            .ok_or(StoreError::NotFound)
    }

    /// Prefectures and provinces, of one region or of the whole country, by name order of HCP codes.
    pub async fn provinces(&self, region_code: Option<&str>) -> Result<Vec<Province>> {
        let rows = sqlx::query(
            "SELECT code, region_code, kind, name_ar, name_fr FROM provinces
             WHERE $1 = '' OR region_code = $1 ORDER BY code",
        )
        .bind(region_code.unwrap_or(""))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Province {
                    code: r.try_get("code")?,
                    region_code: r.try_get("region_code")?,
                    kind: r.try_get("kind")?,
                    name_ar: r.try_get("name_ar")?,
                    name_fr: r.try_get("name_fr")?,
                })
            })
            .collect()
    }

    pub async fn communes(&self, province_code: &str) -> Result<Vec<Commune>> {
        let rows = sqlx::query(
            "SELECT code, province_code, region_code, kind, name_ar, name_fr FROM communes
             WHERE province_code = $1 ORDER BY kind DESC, name_fr",
        )
        .bind(province_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Commune {
                    code: r.try_get("code")?,
                    province_code: r.try_get("province_code")?,
                    region_code: r.try_get("region_code")?,
                    kind: r.try_get("kind")?,
                    name_ar: r.try_get("name_ar")?,
                    name_fr: r.try_get("name_fr")?,
                })
            })
            .collect()
    }

    /// Courts, optionally of one region, ordered by region then French city name.
    pub async fn courts(&self, region_code: Option<&str>) -> Result<Vec<Court>> {
        let sql = format!(
            "SELECT {COURT_COLUMNS} FROM courts c JOIN provinces p ON p.code = c.province_code
             WHERE $1 = '' OR p.region_code = $1 ORDER BY p.region_code, c.city_fr"
        );
        let rows = sqlx::query(&sql)
            .bind(region_code.unwrap_or(""))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(court_from_row).collect()
    }

    pub async fn court(&self, code: &str) -> Result<Court> {
        let sql = format!(
            "SELECT {COURT_COLUMNS} FROM courts c JOIN provinces p ON p.code = c.province_code
             WHERE c.code = $1"
        );
        let row = sqlx::query(&sql)
            .bind(code)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        court_from_row(&row)
    }

    /// The court competent for a seat in `province_code`: the court of that province or one that
    /// covers it; failing that (the bundled list is partial), the first court of the region, which
    /// the clerk can forward.
    pub async fn competent_court(&self, province_code: &str) -> Result<Option<Court>> {
        let sql = format!(
            "SELECT {COURT_COLUMNS} FROM courts c JOIN provinces p ON p.code = c.province_code
             WHERE c.province_code = $1 OR (',' || REPLACE(c.covers, ' ', '') || ',') LIKE ('%,' || $1 || ',%')
             ORDER BY CASE WHEN c.province_code = $1 THEN 0 ELSE 1 END,
                 -- Of several courts in a province, the one in its chief town.
                 CASE WHEN LOWER(c.city_fr) = LOWER((SELECT name_fr FROM provinces WHERE code = $1)) THEN 0 ELSE 1 END,
                 c.code LIMIT 1"
        );
        if let Some(r) = sqlx::query(&sql)
            .bind(province_code)
            .fetch_optional(self.pool())
            .await?
        {
            return Ok(Some(court_from_row(&r)?));
        }
        let sql = format!(
            "SELECT {COURT_COLUMNS} FROM courts c JOIN provinces p ON p.code = c.province_code
             WHERE p.region_code = (SELECT region_code FROM provinces WHERE code = $1) ORDER BY c.code LIMIT 1"
        );
        let r = sqlx::query(&sql)
            .bind(province_code)
            .fetch_optional(self.pool())
            .await?;
        r.as_ref().map(court_from_row).transpose()
    }

    pub async fn province_exists(&self, code: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM provinces WHERE code = $1")
            .bind(code)
            .fetch_one(self.pool())
            .await?;
        Ok(n > 0)
    }

    /// Creates a court (`existing = None`) or replaces the fields of the court with that code,
    /// recording the change in the audit log.
    pub async fn save_court(
        &self,
        existing: Option<&str>,
        input: &CourtInput,
        actor: &Actor,
    ) -> Result<Court> {
        let mut tx = self.begin_write().await?;
        let before = match existing {
            Some(code) => Some(self.court(code).await?),
            None => None,
        };
        match existing {
            Some(code) => {
                sqlx::query(
                    "UPDATE courts SET code = $1, name_ar = $2, name_fr = $3, city_ar = $4, city_fr = $5,
                         province_code = $6, covers = $7, status = $8, source = $9, updated_at = $10
                     WHERE code = $11",
                )
                .bind(input.code.as_str())
                .bind(&input.name_ar)
                .bind(&input.name_fr)
                .bind(&input.city_ar)
                .bind(&input.city_fr)
                .bind(&input.province_code)
                .bind(&input.covers)
                .bind(&input.status)
                .bind(&input.source)
                .bind(now())
                .bind(code)
                .execute(&mut *tx)
                .await
                .map_err(conflict_on_unique("court_code"))?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO courts (code, name_ar, name_fr, city_ar, city_fr, province_code, covers,
                         status, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(input.code.as_str())
                .bind(&input.name_ar)
                .bind(&input.name_fr)
                .bind(&input.city_ar)
                .bind(&input.city_fr)
                .bind(&input.province_code)
                .bind(&input.covers)
                .bind(&input.status)
                .bind(&input.source)
                .bind(now())
                .execute(&mut *tx)
                .await
                .map_err(conflict_on_unique("court_code"))?;
            }
        }
        let action = if existing.is_some() {
            "court.update"
        } else {
            "court.create"
        };
        audit::record(
            &mut tx,
            actor,
            action,
            "court",
            input.code.as_str(),
            before.as_ref(),
            Some(input),
        )
        .await?;
        tx.commit().await?;
        self.court(input.code.as_str()).await
    }
}
