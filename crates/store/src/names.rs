//! Requests for approval of a cooperative's name (شهادة المصادقة على التسمية): submitted by a
//! founder, decided by the office within a few days, reserved for a period once approved.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};

use crate::{Actor, NameChange, Result, Store, StoreError, audit, changes, now};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NameRequest {
    pub id: i64,
    pub applicant_user_id: i64,
    pub applicant_email: String,
    pub kind: String,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub region_code: String,
    pub founders: Vec<String>,
    /// `pending`, `approved`, `rejected` or `expired` (an approval whose reservation ran out).
    pub status: String,
    pub submitted_at: i64,
    pub deadline_at: i64,
    pub decided_at: Option<i64>,
    pub decided_by: Option<i64>,
    pub decision_reason: Option<String>,
    pub reserved_until: Option<i64>,
    pub certificate_code: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewNameRequest {
    pub applicant_user_id: i64,
    pub kind: String,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub region_code: String,
    pub founders: Vec<String>,
    pub deadline_at: i64,
}

const COLUMNS: &str =
    "r.id, r.applicant_user_id, u.email, r.kind, r.name_ar, r.name_fr, r.region_code, r.founders,
    r.status, r.submitted_at, r.deadline_at, r.decided_at, r.decided_by, r.decision_reason, r.reserved_until,
    r.certificate_code";

fn row(r: &AnyRow) -> Result<NameRequest> {
    let founders: String = r.try_get("founders")?;
    Ok(NameRequest {
        id: r.try_get("id")?,
        applicant_user_id: r.try_get("applicant_user_id")?,
        applicant_email: r.try_get("email")?,
        kind: r.try_get("kind")?,
        name_ar: r.try_get("name_ar")?,
        name_fr: r.try_get("name_fr")?,
        region_code: r.try_get("region_code")?,
        founders: founders.lines().map(str::to_string).collect(),
        status: r.try_get("status")?,
        submitted_at: r.try_get("submitted_at")?,
        deadline_at: r.try_get("deadline_at")?,
        decided_at: r.try_get("decided_at")?,
        decided_by: r.try_get("decided_by")?,
        decision_reason: r.try_get("decision_reason")?,
        reserved_until: r.try_get("reserved_until")?,
        certificate_code: r.try_get("certificate_code")?,
    })
}

/// The office's answer to a request.
#[derive(Debug, Clone, Copy)]
pub struct NameDecision<'a> {
    pub approve: bool,
    /// Required for a rejection: the founder must know why.
    pub reason: Option<&'a str>,
    /// End of the reservation of an approved name (Unix seconds).
    pub reserved_until: Option<i64>,
    /// Code printed on the certificate of an approved name, to verify it.
    pub certificate_code: Option<&'a str>,
    pub decided_by: i64,
}

/// Which requests a list shows.
#[derive(Debug, Clone)]
pub enum NameRequestScope {
    /// A founder's own requests.
    Applicant(i64),
    /// The office's queue, optionally of one region; `pending_only` for the work list.
    Office {
        region: Option<String>,
        pending_only: bool,
    },
}

impl Store {
    pub async fn create_name_request(&self, new: &NewNameRequest, actor: &Actor) -> Result<NameRequest> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO name_requests (applicant_user_id, kind, name_ar, name_fr, region_code, founders,
                 status, submitted_at, deadline_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) RETURNING id",
        )
        .bind(new.applicant_user_id)
        .bind(&new.kind)
        .bind(new.name_ar.clone())
        .bind(new.name_fr.clone())
        .bind(&new.region_code)
        .bind(new.founders.join("\n"))
        .bind(now())
        .bind(new.deadline_at)
        .fetch_one(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "name_request.create",
            "name_request",
            &id.to_string(),
            None::<&()>,
            Some(new),
        )
        .await?;
        tx.commit().await?;
        self.name_request(id).await
    }

    pub async fn name_request(&self, id: i64) -> Result<NameRequest> {
        let r = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM name_requests r JOIN users u ON u.id = r.applicant_user_id WHERE r.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        row(&r)
    }

    pub async fn name_request_by_certificate(&self, code: &str) -> Result<NameRequest> {
        let r = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM name_requests r JOIN users u ON u.id = r.applicant_user_id
             WHERE r.certificate_code = $1"
        ))
        .bind(code)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        row(&r)
    }

    /// Pending requests first by deadline (the most urgent on top), then the decided ones, newest first.
    pub async fn name_requests(&self, scope: &NameRequestScope) -> Result<Vec<NameRequest>> {
        let (applicant, region, pending_only) = match scope {
            NameRequestScope::Applicant(id) => (*id, String::new(), false),
            NameRequestScope::Office { region, pending_only } => {
                (0, region.clone().unwrap_or_default(), *pending_only)
            }
        };
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM name_requests r JOIN users u ON u.id = r.applicant_user_id
             WHERE ($1 = 0 OR r.applicant_user_id = $1) AND ($2 = '' OR r.region_code = $2)
               AND ($3 = 0 OR r.status = 'pending')
             ORDER BY CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END, r.deadline_at, r.id DESC
             LIMIT 500"
        ))
        .bind(applicant)
        .bind(region)
        .bind(i64::from(pending_only))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(row).collect()
    }

    /// Records the office's decision on a pending request. Returns `Conflict` if someone decided
    /// it in the meantime (two agents on the same queue).
    pub async fn decide_name_request(
        &self,
        id: i64,
        d: &NameDecision<'_>,
        actor: &Actor,
    ) -> Result<NameRequest> {
        let NameDecision {
            approve,
            reason,
            reserved_until,
            certificate_code,
            decided_by,
        } = *d;
        let before = self.name_request(id).await?;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE name_requests SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4,
                 reserved_until = $5, certificate_code = $6
             WHERE id = $7 AND status = 'pending'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(now())
        .bind(decided_by)
        .bind(reason.map(str::to_string))
        .bind(reserved_until)
        .bind(certificate_code.map(str::to_string))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict("already_decided"));
        }
        let after = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM name_requests r JOIN users u ON u.id = r.applicant_user_id WHERE r.id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let after = row(&after)?;
        changes::record(&mut tx, self.backend(), NameChange::Reservation(id)).await?;
        let action = if approve {
            "name_request.approve"
        } else {
            "name_request.reject"
        };
        audit::record(
            &mut tx,
            actor,
            action,
            "name_request",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Approved names whose reservation is still running: they block the same name for others.
    pub async fn reserved_names(&self) -> Result<Vec<(i64, String, String)>> {
        let rows = sqlx::query(
            "SELECT id, COALESCE(name_ar, '') AS name_ar, COALESCE(name_fr, '') AS name_fr FROM name_requests
             WHERE status = 'approved' AND reserved_until > $1 ORDER BY id",
        )
        .bind(now())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name_ar")?, r.try_get("name_fr")?)))
            .collect()
    }

    /// Releases the names whose reservation has run out. Idempotent; returns the released ids.
    pub async fn expire_name_reservations(&self) -> Result<Vec<i64>> {
        self.expire_name_reservations_at(now()).await
    }

    /// Ends the reservations that have run out at time `t` (Unix seconds): the job's clock is a
    /// parameter so that a test passes a day later instead of sleeping until then.
    pub async fn expire_name_reservations_at(&self, t: i64) -> Result<Vec<i64>> {
        let mut tx = self.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "UPDATE name_requests SET status = 'expired'
             WHERE status = 'approved' AND reserved_until <= $1 RETURNING id",
        )
        .bind(t)
        .fetch_all(&mut *tx)
        .await?;
        for id in &ids {
            changes::record(&mut tx, self.backend(), NameChange::Reservation(*id)).await?;
            audit::record(
                &mut tx,
                &Actor::System("reservation expiry"),
                "name_request.expire",
                "name_request",
                &id.to_string(),
                None::<&()>,
                None::<&()>,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(ids)
    }
}
