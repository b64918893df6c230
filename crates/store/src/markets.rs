//! Product quality and market access: cooperatives' certifications, the ONSSA checklist a food
//! cooperative ticks, the public catalogue of certified products, the office's coverage figures
//! and the reminders before a certificate expires.
//!
//! Reminders are idempotent across processes: a reminder is a row of
//! `certification_reminders` keyed by (certificate, threshold), inserted with `ON CONFLICT DO
//! NOTHING` in the same transaction as its messages. Whichever process inserts the row queues
//! the messages; every other one inserts nothing and queues nothing.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};
use taawun_domain::markets::{CertificationDraft, FOOD_SECTORS, NON_FOOD_BRANCHES, ONSSA_CHECKLIST};

use crate::{Actor, NewMessage, Result, Store, audit, conflict_on_unique, now, outbox};

/// A certificate with the cooperative it belongs to, as lists and the catalogue show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Certification {
    pub id: i64,
    pub cooperative_id: i64,
    pub kind: String,
    pub number: String,
    pub issuer: String,
    pub products: String,
    pub issued_on: String,
    pub expires_on: Option<String>,
    pub cooperative_name_ar: Option<String>,
    pub cooperative_name_fr: Option<String>,
    pub region_code: String,
    pub sector: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

const COLUMNS: &str =
    "c.id, c.cooperative_id, c.kind, c.number, c.issuer, c.products, c.issued_on, c.expires_on,
    k.name_ar, k.name_fr, k.region_code, k.sector, k.phone, k.email";

fn certification_row(r: &AnyRow) -> Result<Certification> {
    Ok(Certification {
        id: r.try_get(0)?,
        cooperative_id: r.try_get(1)?,
        kind: r.try_get(2)?,
        number: r.try_get(3)?,
        issuer: r.try_get(4)?,
        products: r.try_get(5)?,
        issued_on: r.try_get(6)?,
        expires_on: r.try_get(7)?,
        cooperative_name_ar: r.try_get(8)?,
        cooperative_name_fr: r.try_get(9)?,
        region_code: r.try_get(10)?,
        sector: r.try_get(11)?,
        phone: r.try_get(12)?,
        email: r.try_get(13)?,
    })
}

/// Filters of the public catalogue; empty means "any".
#[derive(Debug, Clone, Default)]
pub struct CatalogueFilter {
    pub region: Option<String>,
    pub kind: Option<String>,
    /// Part of a product, a cooperative's name or a certificate number, matched literally.
    pub text: Option<String>,
}

/// Food-producing cooperatives of a region, and how many hold a running ONSSA certificate.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FoodCoverage {
    pub region_code: String,
    pub food_cooperatives: i64,
    pub certified: i64,
}

/// A reminder due: the certificate, its threshold and who manages the cooperative.
#[derive(Debug, Clone)]
pub struct ReminderDue {
    pub certification: Certification,
    pub threshold_days: i64,
    /// The managers' (e-mail, language).
    pub recipients: Vec<(String, String)>,
}

/// `sector IN (…) AND branch NOT IN (…)` over the domain's lists, with placeholders from `$first`.
fn food_condition(alias: &str, first: usize) -> (String, Vec<&'static str>) {
    let sectors: Vec<String> = (0..FOOD_SECTORS.len())
        .map(|i| format!("${}", first + i))
        .collect();
    let branches: Vec<String> = (0..NON_FOOD_BRANCHES.len())
        .map(|i| format!("${}", first + FOOD_SECTORS.len() + i))
        .collect();
    let sql = format!(
        "{alias}.sector IN ({}) AND ({alias}.branch IS NULL OR {alias}.branch NOT IN ({}))",
        sectors.join(", "),
        branches.join(", ")
    );
    (
        sql,
        FOOD_SECTORS.iter().chain(NON_FOOD_BRANCHES).copied().collect(),
    )
}

impl Store {
    /// Records a certificate of a cooperative, with its audit entry.
    pub async fn add_certification(
        &self,
        cooperative_id: i64,
        c: &CertificationDraft,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let created_by = match actor {
            Actor::User { id, .. } => Some(*id),
            _ => None,
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO certifications (cooperative_id, kind, number, issuer, products, issued_on, expires_on,
                created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(c.kind.as_str())
        .bind(&c.number)
        .bind(&c.issuer)
        .bind(&c.products)
        .bind(c.issued_on.to_string())
        .bind(c.expires_on.map(|d| d.to_string()))
        .bind(now())
        .bind(created_by)
        .fetch_one(&mut *tx)
        .await
        .map_err(conflict_on_unique("certification"))?;
        audit::record(
            &mut tx,
            actor,
            "certification.add",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&(c.kind.as_str(), &c.number)),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A cooperative's certificates, the latest to expire first.
    pub async fn certifications(&self, cooperative_id: i64) -> Result<Vec<Certification>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certifications c JOIN cooperatives k ON k.id = c.cooperative_id
             WHERE c.cooperative_id = $1 ORDER BY c.expires_on DESC, c.id"
        );
        let rows = sqlx::query(&sql)
            .bind(cooperative_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(certification_row).collect()
    }

    /// The public catalogue: running certificates (not expired on `today`) of active
    /// cooperatives, filtered; at most `limit`, by cooperative name.
    pub async fn catalogue(
        &self,
        f: &CatalogueFilter,
        today: &str,
        limit: i64,
    ) -> Result<Vec<Certification>> {
        let mut sql = format!(
            "SELECT {COLUMNS} FROM certifications c JOIN cooperatives k ON k.id = c.cooperative_id
             WHERE k.status = 'active' AND (c.expires_on IS NULL OR c.expires_on >= $1)"
        );
        let mut binds: Vec<String> = vec![today.to_string()];
        if let Some(region) = &f.region {
            binds.push(region.clone());
            sql.push_str(&format!(" AND k.region_code = ${}", binds.len()));
        }
        if let Some(kind) = &f.kind {
            binds.push(kind.clone());
            sql.push_str(&format!(" AND c.kind = ${}", binds.len()));
        }
        if let Some(text) = &f.text {
            // LIKE with the wildcards of the text escaped: the visitor's `%` is a percent sign.
            let pattern = format!(
                "%{}%",
                text.to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            binds.push(pattern);
            let n = binds.len();
            sql.push_str(&format!(
                " AND (LOWER(c.products) LIKE ${n} ESCAPE '\\' OR LOWER(c.number) LIKE ${n} ESCAPE '\\'
                   OR LOWER(COALESCE(k.name_fr, '')) LIKE ${n} ESCAPE '\\'
                   OR COALESCE(k.name_ar, '') LIKE ${n} ESCAPE '\\')"
            ));
        }
        // The limit is the caller's number, not the visitor's text.
        sql.push_str(&format!(
            " ORDER BY k.sort_name, c.id LIMIT {}",
            limit.clamp(1, 1000)
        ));
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(self.pool()).await?;
        rows.iter().map(certification_row).collect()
    }

    /// The checklist items a cooperative has ticked.
    pub async fn checklist(&self, cooperative_id: i64) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT item FROM certification_checklist WHERE cooperative_id = $1 ORDER BY item",
        )
        .bind(cooperative_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Replaces the ticked items of a cooperative's checklist (unknown items are ignored).
    pub async fn set_checklist(&self, cooperative_id: i64, items: &[String], actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let before: Vec<String> = sqlx::query_scalar(
            "SELECT item FROM certification_checklist WHERE cooperative_id = $1 ORDER BY item",
        )
        .bind(cooperative_id)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM certification_checklist WHERE cooperative_id = $1")
            .bind(cooperative_id)
            .execute(&mut *tx)
            .await?;
        let t = now();
        let mut after = Vec::new();
        for (item, _) in ONSSA_CHECKLIST {
            if items.iter().any(|i| i == item) {
                sqlx::query(
                    "INSERT INTO certification_checklist (cooperative_id, item, done_at) VALUES ($1, $2, $3)",
                )
                .bind(cooperative_id)
                .bind(*item)
                .bind(t)
                .execute(&mut *tx)
                .await?;
                after.push(*item);
            }
        }
        audit::record(
            &mut tx,
            actor,
            "certification.checklist",
            "cooperative",
            &cooperative_id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Active food-producing cooperatives by region, and those holding an ONSSA authorization or
    /// approval running on `today`. `region` limits it to one region.
    pub async fn food_coverage(&self, today: &str, region: Option<&str>) -> Result<Vec<FoodCoverage>> {
        let (food, values) = food_condition("k", 2);
        let region_clause = if region.is_some() {
            format!(" AND k.region_code = ${}", 2 + values.len())
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT k.region_code, COUNT(*),
                SUM(CASE WHEN EXISTS (SELECT 1 FROM certifications c WHERE c.cooperative_id = k.id
                    AND c.kind IN ('onssa_authorization', 'onssa_approval')
                    AND (c.expires_on IS NULL OR c.expires_on >= $1)) THEN 1 ELSE 0 END)
             FROM cooperatives k
             WHERE k.status = 'active' AND k.history = 0 AND {food}{region_clause}
             GROUP BY k.region_code ORDER BY k.region_code"
        );
        let mut q = sqlx::query(&sql).bind(today);
        for v in values {
            q = q.bind(v);
        }
        if let Some(r) = region {
            q = q.bind(r);
        }
        let rows = q.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(FoodCoverage {
                    region_code: r.try_get(0)?,
                    food_cooperatives: r.try_get(1)?,
                    // SUM over no row is NULL on both databases.
                    certified: r.try_get::<Option<i64>, _>(2)?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// Certificates expiring between `today` and `until` (ISO dates), with their managers.
    pub async fn expiring_certifications(
        &self,
        today: &str,
        until: &str,
    ) -> Result<Vec<(Certification, Vec<(String, String)>)>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certifications c JOIN cooperatives k ON k.id = c.cooperative_id
             WHERE c.expires_on >= $1 AND c.expires_on <= $2 AND k.status = 'active' ORDER BY c.id"
        );
        let rows = sqlx::query(&sql)
            .bind(today)
            .bind(until)
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let c = certification_row(r)?;
            let recipients = sqlx::query(
                "SELECT u.email, u.lang FROM cooperative_managers m JOIN users u ON u.id = m.user_id
                 WHERE m.cooperative_id = $1 ORDER BY u.id",
            )
            .bind(c.cooperative_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<Vec<(String, String)>>>()?;
            out.push((c, recipients));
        }
        Ok(out)
    }

    /// Queues a reminder's messages unless this (certificate, threshold) was already reminded,
    /// by this process or another. Returns whether this call queued it.
    pub async fn send_certification_reminder(
        &self,
        due: &ReminderDue,
        messages: &[NewMessage],
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let inserted = sqlx::query(
            "INSERT INTO certification_reminders (certification_id, threshold_days, sent_at) VALUES ($1, $2, $3)
             ON CONFLICT (certification_id, threshold_days) DO NOTHING",
        )
        .bind(due.certification.id)
        .bind(due.threshold_days)
        .bind(t)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        for m in messages {
            outbox::insert_message(&mut tx, m, t).await?;
        }
        audit::record(
            &mut tx,
            &Actor::System("certification-reminders"),
            "certification.remind",
            "certification",
            &due.certification.id.to_string(),
            None::<&()>,
            Some(&(due.threshold_days, messages.len())),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Which thresholds of a certificate were already reminded (for its page).
    pub async fn reminders_sent(&self, certification_id: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT threshold_days FROM certification_reminders WHERE certification_id = $1 ORDER BY threshold_days DESC",
        )
        .bind(certification_id)
        .fetch_all(self.pool())
        .await?)
    }
}
