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
use taawun_domain::markets::{
    AllocationRule, CertificationDraft, FOOD_SECTORS, NON_FOOD_BRANCHES, ONSSA_CHECKLIST,
};

use crate::{Actor, NewMessage, Result, Store, StoreError, audit, conflict_on_unique, now, outbox};

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
    /// When its product photo was uploaded (it versions the photo's address), if it has one.
    pub photo_at: Option<i64>,
    /// When its scanned document was uploaded, if it has one.
    pub document_at: Option<i64>,
}

// The cooperative's contacts only where its managers published them (`contact_public`).
const COLUMNS: &str =
    "c.id, c.cooperative_id, c.kind, c.number, c.issuer, c.products, c.issued_on, c.expires_on,
    k.name_ar, k.name_fr, k.region_code, k.sector,
    CASE WHEN k.contact_public = 1 THEN k.phone END AS phone, CASE WHEN k.contact_public = 1 THEN k.email END AS email,
    (SELECT p.created_at FROM certification_photos p WHERE p.certification_id = c.id) AS photo_at,
    (SELECT d.created_at FROM certification_documents d WHERE d.certification_id = c.id) AS document_at";

fn certification_row(r: &AnyRow) -> Result<Certification> {
    Ok(Certification {
        id: r.try_get("id")?,
        cooperative_id: r.try_get("cooperative_id")?,
        kind: r.try_get("kind")?,
        number: r.try_get("number")?,
        issuer: r.try_get("issuer")?,
        products: r.try_get("products")?,
        issued_on: r.try_get("issued_on")?,
        expires_on: r.try_get("expires_on")?,
        cooperative_name_ar: r.try_get("name_ar")?,
        cooperative_name_fr: r.try_get("name_fr")?,
        region_code: r.try_get("region_code")?,
        sector: r.try_get("sector")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        photo_at: r.try_get("photo_at")?,
        document_at: r.try_get("document_at")?,
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

/// `NotFound` unless the certificate belongs to the cooperative: checked inside the transaction
/// that changes something of it.
pub(crate) async fn certification_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    cooperative_id: i64,
    certification_id: i64,
) -> Result<()> {
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT id FROM certifications WHERE id = $1 AND cooperative_id = $2")
            .bind(certification_id)
            .bind(cooperative_id)
            .fetch_optional(&mut **tx)
            .await?;
    owned.map(|_| ()).ok_or(StoreError::NotFound)
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
        let created_by = actor.id();
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

    /// Every certificate of active cooperatives, by region then cooperative: the office's
    /// export. `region` limits it to one region (a regional agent's).
    pub async fn certifications_by_region(&self, region: Option<&str>) -> Result<Vec<Certification>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM certifications c JOIN cooperatives k ON k.id = c.cooperative_id
             WHERE k.status = 'active'{} ORDER BY k.region_code, k.sort_name, c.id",
            if region.is_some() {
                " AND k.region_code = $1"
            } else {
                ""
            }
        );
        let mut q = sqlx::query(&sql);
        if let Some(r) = region {
            q = q.bind(r);
        }
        let rows = q.fetch_all(self.pool()).await?;
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
            "SELECT k.region_code, COUNT(*) AS food_cooperatives,
                SUM(CASE WHEN EXISTS (SELECT 1 FROM certifications c WHERE c.cooperative_id = k.id
                    AND c.kind IN ('onssa_authorization', 'onssa_approval')
                    AND (c.expires_on IS NULL OR c.expires_on >= $1)) THEN 1 ELSE 0 END) AS certified
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
                    region_code: r.try_get("region_code")?,
                    food_cooperatives: r.try_get("food_cooperatives")?,
                    // SUM over no row is NULL on both databases.
                    certified: r.try_get::<Option<i64>, _>("certified")?.unwrap_or(0),
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
            let recipients = self.managers_of(c.cooperative_id).await?;
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

/// A market opening: fair, exhibition, mobile-market tour, retail partnership, display space.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MarketEvent {
    pub id: i64,
    pub kind: String,
    pub title_ar: String,
    pub title_fr: String,
    pub place_ar: String,
    pub place_fr: String,
    pub region_code: String,
    pub starts_on: String,
    pub ends_on: String,
    pub stands: i64,
    pub conditions_ar: String,
    pub conditions_fr: String,
    pub organiser_user_id: Option<i64>,
    pub allocated_at: Option<i64>,
    pub applications: i64,
    /// The allocation rule's parameters, as the organiser chose them.
    pub rule: AllocationRule,
}

const EVENT_COLUMNS: &str =
    "e.id, e.kind, e.title_ar, e.title_fr, e.place_ar, e.place_fr, e.region_code, e.starts_on,
    e.ends_on, e.stands, e.conditions_ar, e.conditions_fr, e.organiser_user_id, e.allocated_at,
    (SELECT COUNT(*) FROM market_applications a WHERE a.event_id = e.id) AS applications,
    e.rotation_events, e.certified_points, e.local_points, e.women_first";

fn event_row(r: &AnyRow) -> Result<MarketEvent> {
    Ok(MarketEvent {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        title_ar: r.try_get("title_ar")?,
        title_fr: r.try_get("title_fr")?,
        place_ar: r.try_get("place_ar")?,
        place_fr: r.try_get("place_fr")?,
        region_code: r.try_get("region_code")?,
        starts_on: r.try_get("starts_on")?,
        ends_on: r.try_get("ends_on")?,
        stands: r.try_get("stands")?,
        conditions_ar: r.try_get("conditions_ar")?,
        conditions_fr: r.try_get("conditions_fr")?,
        organiser_user_id: r.try_get("organiser_user_id")?,
        allocated_at: r.try_get("allocated_at")?,
        applications: r.try_get("applications")?,
        rule: AllocationRule {
            rotation_events: u32::try_from(r.try_get::<i64, _>("rotation_events")?).unwrap_or(1),
            certified_points: u32::try_from(r.try_get::<i64, _>("certified_points")?).unwrap_or(0),
            local_points: u32::try_from(r.try_get::<i64, _>("local_points")?).unwrap_or(0),
            women_first: r.try_get::<i64, _>("women_first")? != 0,
        },
    })
}

/// An application with what the allocation rule and the event's page need.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MarketApplication {
    pub id: i64,
    pub event_id: i64,
    pub cooperative_id: i64,
    pub products: String,
    pub rank: Option<i64>,
    pub allocated: Option<bool>,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub region_code: String,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    /// Holds a certificate running on the day the list was read.
    pub certified: bool,
    /// Places won in the latest allocated events (see `taawun_domain::markets::ROTATION_EVENTS`).
    pub recent_places: i64,
    /// Sales reported after the event, in dirhams.
    pub sales_dh: Option<i64>,
}

/// Participation and reported sales of one group of cooperatives (region × sector × women's).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MarketStatRow {
    pub region_code: String,
    pub sector: Option<String>,
    /// Women are more than half of the members.
    pub women: bool,
    pub applications: i64,
    pub places: i64,
    pub sales_dh: i64,
}

impl Store {
    /// The managers of a cooperative: (e-mail, language).
    pub async fn managers_of(&self, cooperative_id: i64) -> Result<Vec<(String, String)>> {
        sqlx::query(
            "SELECT u.email, u.lang FROM cooperative_managers m JOIN users u ON u.id = m.user_id
             WHERE m.cooperative_id = $1 ORDER BY u.id",
        )
        .bind(cooperative_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("email")?, r.try_get("lang")?)))
        .collect()
    }

    pub async fn create_market_event(
        &self,
        d: &taawun_domain::markets::MarketEventDraft,
        organiser_user_id: Option<i64>,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO market_events (kind, title_ar, title_fr, place_ar, place_fr, region_code, starts_on, ends_on,
                stands, conditions_ar, conditions_fr, organiser_user_id, created_at,
                rotation_events, certified_points, local_points, women_first)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        )
        .bind(d.kind.as_str())
        .bind(&d.title_ar)
        .bind(&d.title_fr)
        .bind(&d.place_ar)
        .bind(&d.place_fr)
        .bind(&d.region_code)
        .bind(d.starts_on.to_string())
        .bind(d.ends_on.to_string())
        .bind(d.stands)
        .bind(&d.conditions_ar)
        .bind(&d.conditions_fr)
        .bind(organiser_user_id)
        .bind(now())
        .bind(i64::from(d.rule.rotation_events))
        .bind(i64::from(d.rule.certified_points))
        .bind(i64::from(d.rule.local_points))
        .bind(i64::from(d.rule.women_first))
        .fetch_one(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "market_event.create",
            "market_event",
            &id.to_string(),
            None::<&()>,
            Some(&(&d.title_fr, &d.rule)),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Events, the latest first.
    pub async fn market_events(&self, limit: i64) -> Result<Vec<MarketEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM market_events e ORDER BY e.starts_on DESC, e.id DESC LIMIT {}",
            limit.clamp(1, 1000)
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(event_row).collect()
    }

    pub async fn market_event(&self, id: i64) -> Result<MarketEvent> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM market_events e WHERE e.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        event_row(&row)
    }

    /// A cooperative applies with the products it would show. Once the stands are allocated, or
    /// a second time, it is refused (`Conflict`).
    pub async fn apply_to_market(
        &self,
        event_id: i64,
        cooperative_id: i64,
        products: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let allocated: Option<Option<i64>> =
            sqlx::query_scalar("SELECT allocated_at FROM market_events WHERE id = $1")
                .bind(event_id)
                .fetch_optional(&mut *tx)
                .await?;
        match allocated {
            None => return Err(StoreError::NotFound),
            Some(Some(_)) => return Err(StoreError::Conflict("allocated")),
            Some(None) => {}
        }
        let applied_by = actor.id();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO market_applications (event_id, cooperative_id, products, applied_by, applied_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(event_id)
        .bind(cooperative_id)
        .bind(products)
        .bind(applied_by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(conflict_on_unique("application"))?;
        audit::record(
            &mut tx,
            actor,
            "market_event.apply",
            "market_event",
            &event_id.to_string(),
            None::<&()>,
            Some(&cooperative_id),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// An event's applications, in rank order once allocated, with the rule's inputs computed
    /// on `today`: a running certificate, and the places won in the latest `rotation` allocated
    /// events other than this one.
    pub async fn market_applications(
        &self,
        event_id: i64,
        today: &str,
        rotation: usize,
    ) -> Result<Vec<MarketApplication>> {
        let sql = format!(
            "SELECT a.id, a.event_id, a.cooperative_id, a.products, a.rank, a.allocated,
                k.name_ar, k.name_fr, k.region_code, k.members, k.women_members,
                CASE WHEN EXISTS (SELECT 1 FROM certifications c WHERE c.cooperative_id = a.cooperative_id
                    AND (c.expires_on IS NULL OR c.expires_on >= $2)) THEN 1 ELSE 0 END AS certified,
                (SELECT COUNT(*) FROM market_applications w WHERE w.cooperative_id = a.cooperative_id
                    AND w.allocated = 1 AND w.event_id IN (SELECT e.id FROM market_events e
                        WHERE e.allocated_at IS NOT NULL AND e.id <> $1
                        ORDER BY e.allocated_at DESC, e.id DESC LIMIT {})) AS recent_places,
                a.sales_dh
             FROM market_applications a JOIN cooperatives k ON k.id = a.cooperative_id
             WHERE a.event_id = $1 ORDER BY a.rank, a.id",
            rotation.clamp(1, 100)
        );
        let rows = sqlx::query(&sql)
            .bind(event_id)
            .bind(today)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(MarketApplication {
                    id: r.try_get("id")?,
                    event_id: r.try_get("event_id")?,
                    cooperative_id: r.try_get("cooperative_id")?,
                    products: r.try_get("products")?,
                    rank: r.try_get("rank")?,
                    allocated: r.try_get::<Option<i64>, _>("allocated")?.map(|v| v != 0),
                    name_ar: r.try_get("name_ar")?,
                    name_fr: r.try_get("name_fr")?,
                    region_code: r.try_get("region_code")?,
                    members: r.try_get("members")?,
                    women_members: r.try_get("women_members")?,
                    certified: r.try_get::<i64, _>("certified")? != 0,
                    recent_places: r.try_get("recent_places")?,
                    sales_dh: r.try_get("sales_dh")?,
                })
            })
            .collect()
    }

    /// Writes an allocation (rank and place of each application) and its messages, once: if
    /// the event was already allocated, by this process or another, nothing is written and
    /// `false` comes back.
    pub async fn record_allocation(
        &self,
        event_id: i64,
        ranking: &[(i64, i64, bool)],
        messages: &[NewMessage],
        actor: &Actor,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let first =
            sqlx::query("UPDATE market_events SET allocated_at = $1 WHERE id = $2 AND allocated_at IS NULL")
                .bind(t)
                .bind(event_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if first == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        for (cooperative_id, rank, allocated) in ranking {
            sqlx::query(
                "UPDATE market_applications SET rank = $1, allocated = $2 WHERE event_id = $3 AND cooperative_id = $4",
            )
            .bind(rank)
            .bind(i64::from(*allocated))
            .bind(event_id)
            .bind(cooperative_id)
            .execute(&mut *tx)
            .await?;
        }
        for m in messages {
            outbox::insert_message(&mut tx, m, t).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "market_event.allocate",
            "market_event",
            &event_id.to_string(),
            None::<&()>,
            Some(&ranking),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Records the sales a cooperative reports after an event where it had a stand; `NotFound`
    /// when it had none. Reporting again corrects the figure.
    pub async fn report_sales(
        &self,
        event_id: i64,
        cooperative_id: i64,
        sales_dh: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "UPDATE market_applications SET sales_dh = $1, sales_reported_at = $2
             WHERE event_id = $3 AND cooperative_id = $4 AND allocated = 1",
        )
        .bind(sales_dh)
        .bind(now())
        .bind(event_id)
        .bind(cooperative_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "market_event.sales",
            "market_event",
            &event_id.to_string(),
            None::<&()>,
            Some(&(cooperative_id, sales_dh)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Applications, places won and reported sales by region, sector and women's cooperatives
    /// (the same rule as `taawun_domain::markets::women_majority`), over every event.
    pub async fn market_stats(&self) -> Result<Vec<MarketStatRow>> {
        // PostgreSQL sums BIGINT as NUMERIC, which the `Any` driver cannot read: cast back.
        let rows = sqlx::query(
            "SELECT k.region_code, k.sector,
                CASE WHEN k.members > 0 AND 2 * k.women_members > k.members THEN 1 ELSE 0 END AS women,
                COUNT(*) AS applications, SUM(CASE WHEN a.allocated = 1 THEN 1 ELSE 0 END) AS places,
                CAST(SUM(COALESCE(a.sales_dh, 0)) AS BIGINT) AS sales_dh
             FROM market_applications a JOIN cooperatives k ON k.id = a.cooperative_id
             GROUP BY k.region_code, k.sector, CASE WHEN k.members > 0 AND 2 * k.women_members > k.members THEN 1 ELSE 0 END
             ORDER BY k.region_code, k.sector",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MarketStatRow {
                    region_code: r.try_get("region_code")?,
                    sector: r.try_get("sector")?,
                    women: r.try_get::<i64, _>("women")? != 0,
                    applications: r.try_get("applications")?,
                    places: r.try_get::<Option<i64>, _>("places")?.unwrap_or(0),
                    sales_dh: r.try_get::<Option<i64>, _>("sales_dh")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// Stores (or replaces) the product photo of a cooperative's certificate; `NotFound` when the
    /// certificate is not the cooperative's.
    pub async fn set_certification_photo(
        &self,
        cooperative_id: i64,
        certification_id: i64,
        content_type: &str,
        bytes: &[u8],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        crate::markets::certification_of(&mut tx, cooperative_id, certification_id).await?;
        sqlx::query("DELETE FROM certification_photos WHERE certification_id = $1")
            .bind(certification_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO certification_photos (certification_id, content_type, bytes, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(certification_id)
        .bind(content_type)
        .bind(bytes)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "certification.photo",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&(certification_id, bytes.len())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A certificate's product photo: (content type, bytes).
    pub async fn certification_photo(&self, certification_id: i64) -> Result<(String, Vec<u8>)> {
        let r =
            sqlx::query("SELECT content_type, bytes FROM certification_photos WHERE certification_id = $1")
                .bind(certification_id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        Ok((r.try_get("content_type")?, r.try_get("bytes")?))
    }
}
