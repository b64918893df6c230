//! Support programmes: calls for projects, applications and their documents, committees (members,
//! conflicts of interest, scores, sessions with their decisions) and the follow-up of the
//! projects selected.
//!
//! Every change of an application's status is a conditional `UPDATE … WHERE status = …` inside
//! its transaction, so two members acting at once cannot both move it: the second finds it moved
//! and gets `Conflict`. A committee's decisions are written once (the session row's primary key),
//! with the applicants' messages in the same transaction.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};
use taawun_domain::programmes::{ApplicationDraft, BudgetLine, CallDraft, Criterion, Eligibility};

use crate::{Actor, NewMessage, Result, Store, StoreError, audit, conflict_on_unique, now, outbox};

fn json_err(e: serde_json::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(Box::new(e)))
}

fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(json_err)
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(json_err)
}

/// A call for projects as it is shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Call {
    pub id: i64,
    pub funder: String,
    pub title_ar: String,
    pub title_fr: String,
    pub objectives_ar: String,
    pub objectives_fr: String,
    pub eligibility: Eligibility,
    pub criteria: Vec<Criterion>,
    /// Project type code → deciding level code.
    pub levels: std::collections::BTreeMap<String, String>,
    pub documents: Vec<String>,
    pub budget_dh: i64,
    pub ceiling_dh: i64,
    pub min_own_percent: i64,
    pub opens_on: String,
    pub closes_on: String,
    pub preliminary_by: String,
    pub decision_by: String,
    pub owner_user_id: Option<i64>,
}

const CALL_COLUMNS: &str =
    "id, funder, title_ar, title_fr, objectives_ar, objectives_fr, eligibility, criteria,
    levels, documents, budget_dh, ceiling_dh, min_own_percent, opens_on, closes_on, preliminary_by,
    decision_by, owner_user_id";

fn call_row(r: &AnyRow) -> Result<Call> {
    Ok(Call {
        id: r.try_get("id")?,
        funder: r.try_get("funder")?,
        title_ar: r.try_get("title_ar")?,
        title_fr: r.try_get("title_fr")?,
        objectives_ar: r.try_get("objectives_ar")?,
        objectives_fr: r.try_get("objectives_fr")?,
        eligibility: from_json(&r.try_get::<String, _>("eligibility")?)?,
        criteria: from_json(&r.try_get::<String, _>("criteria")?)?,
        levels: from_json(&r.try_get::<String, _>("levels")?)?,
        documents: from_json(&r.try_get::<String, _>("documents")?)?,
        budget_dh: r.try_get("budget_dh")?,
        ceiling_dh: r.try_get("ceiling_dh")?,
        min_own_percent: r.try_get("min_own_percent")?,
        opens_on: r.try_get("opens_on")?,
        closes_on: r.try_get("closes_on")?,
        preliminary_by: r.try_get("preliminary_by")?,
        decision_by: r.try_get("decision_by")?,
        owner_user_id: r.try_get("owner_user_id")?,
    })
}

/// A member of one of a call's committees.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CommitteeMember {
    pub level: String,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub chair: bool,
}

/// An application, with its cooperative's register data as the committees read it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub call_id: i64,
    pub cooperative_id: i64,
    pub status: String,
    pub project_title: String,
    pub project_type: String,
    pub summary: String,
    pub budget: Vec<BudgetLine>,
    pub own_contribution_dh: i64,
    pub requested_dh: i64,
    pub jobs: Option<i64>,
    pub eligibility_reasons: Vec<String>,
    pub submitted_at: Option<i64>,
    pub preliminary_reason: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<i64>,
    pub rank: Option<i64>,
    pub updated_at: i64,
    pub cooperative_name_ar: Option<String>,
    pub cooperative_name_fr: Option<String>,
    pub central_number: Option<String>,
    pub region_code: String,
    pub province_code: Option<String>,
    pub sector: Option<String>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    /// Indexes of the call's required documents attached so far.
    pub documents: Vec<i64>,
}

const APPLICATION_COLUMNS: &str =
    "a.id, a.call_id, a.cooperative_id, a.status, a.project_title, a.project_type,
    a.summary, a.budget, a.own_contribution_dh, a.requested_dh, a.jobs, a.eligibility_reasons,
    a.submitted_at, a.preliminary_reason, a.decision_reason, a.decided_at, a.rank, a.updated_at,
    k.name_ar, k.name_fr, k.central_number, k.region_code, k.province_code, k.sector, k.members,
    k.women_members";

fn application_row(r: &AnyRow) -> Result<Application> {
    Ok(Application {
        id: r.try_get("id")?,
        call_id: r.try_get("call_id")?,
        cooperative_id: r.try_get("cooperative_id")?,
        status: r.try_get("status")?,
        project_title: r.try_get("project_title")?,
        project_type: r.try_get("project_type")?,
        summary: r.try_get("summary")?,
        budget: from_json(&r.try_get::<String, _>("budget")?)?,
        own_contribution_dh: r.try_get("own_contribution_dh")?,
        requested_dh: r.try_get("requested_dh")?,
        jobs: r.try_get("jobs")?,
        eligibility_reasons: from_json(&r.try_get::<String, _>("eligibility_reasons")?)?,
        submitted_at: r.try_get("submitted_at")?,
        preliminary_reason: r.try_get("preliminary_reason")?,
        decision_reason: r.try_get("decision_reason")?,
        decided_at: r.try_get("decided_at")?,
        rank: r.try_get("rank")?,
        updated_at: r.try_get("updated_at")?,
        cooperative_name_ar: r.try_get("name_ar")?,
        cooperative_name_fr: r.try_get("name_fr")?,
        central_number: r.try_get("central_number")?,
        region_code: r.try_get("region_code")?,
        province_code: r.try_get("province_code")?,
        sector: r.try_get("sector")?,
        members: r.try_get("members")?,
        women_members: r.try_get("women_members")?,
        documents: Vec::new(),
    })
}

/// A member's score of an application.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Score {
    pub application_id: i64,
    pub user_id: i64,
    pub email: String,
    pub marks: Vec<i64>,
    pub total: i64,
    pub comment: String,
}

/// A declared conflict of interest.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Conflict {
    pub application_id: i64,
    pub user_id: i64,
    pub email: String,
    pub reason: String,
}

/// A committee's recorded session.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CommitteeSession {
    pub notes: String,
    pub decided_at: i64,
    pub decided_by: Option<i64>,
}

/// One decision of a session: the application, its rank, the decision (a status code) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDecision {
    pub application_id: i64,
    pub rank: i64,
    pub status: &'static str,
    pub reason: String,
}

/// The follow-up of a selected project.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct FollowUp {
    pub agreement: Option<Agreement>,
    pub disbursements: Vec<Disbursement>,
    pub milestones: Vec<Milestone>,
    pub notes: Vec<ProjectNote>,
}

impl FollowUp {
    pub fn disbursed_dh(&self) -> i64 {
        self.disbursements.iter().map(|d| d.amount_dh).sum()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Agreement {
    pub number: String,
    pub signed_on: String,
    pub amount_dh: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Disbursement {
    pub paid_on: String,
    pub amount_dh: i64,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Milestone {
    pub id: i64,
    pub label: String,
    pub due_on: String,
    pub done_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProjectNote {
    pub kind: String,
    pub on_date: String,
    pub text: String,
    pub author: Option<String>,
}

/// One row of the programmes' figures: applications and selections of a call, by the
/// applicant's region, sector and women's majority.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProgrammeStatRow {
    pub call_id: i64,
    pub region_code: String,
    pub sector: Option<String>,
    pub women: bool,
    pub applications: i64,
    pub selected: i64,
    pub requested_dh: i64,
    pub selected_dh: i64,
}

/// A selected project in the public list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SelectedProject {
    pub application_id: i64,
    pub call_id: i64,
    pub call_title_ar: String,
    pub call_title_fr: String,
    pub funder: String,
    pub project_title: String,
    pub project_type: String,
    pub requested_dh: i64,
    pub cooperative_id: i64,
    pub cooperative_name_ar: Option<String>,
    pub cooperative_name_fr: Option<String>,
    pub region_code: String,
    pub decided_at: Option<i64>,
}

/// Records a change's audit entry and commits it with the change.
async fn audited<T: Serialize>(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    actor: &Actor,
    action: &str,
    entity: &str,
    id: i64,
    after: &T,
) -> Result<()> {
    audit::record(
        &mut tx,
        actor,
        action,
        entity,
        &id.to_string(),
        None::<&()>,
        Some(after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

impl Store {
    /// Publishes a call for projects.
    pub async fn create_call(&self, c: &CallDraft, owner: Option<i64>, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let levels: std::collections::BTreeMap<&str, &str> =
            c.levels.iter().map(|(t, l)| (t.as_str(), l.as_str())).collect();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO programme_calls (funder, title_ar, title_fr, objectives_ar, objectives_fr,
                eligibility, criteria, levels, documents, region_code, budget_dh, ceiling_dh,
                min_own_percent, opens_on, closes_on, preliminary_by, decision_by, owner_user_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
             RETURNING id",
        )
        .bind(&c.funder)
        .bind(&c.title_ar)
        .bind(&c.title_fr)
        .bind(&c.objectives_ar)
        .bind(&c.objectives_fr)
        .bind(to_json(&c.eligibility)?)
        .bind(to_json(&c.criteria)?)
        .bind(to_json(&levels)?)
        .bind(to_json(&c.documents)?)
        .bind(c.eligibility.region_code.clone())
        .bind(c.budget_dh)
        .bind(c.ceiling_dh)
        .bind(c.min_own_percent)
        .bind(c.opens_on.to_string())
        .bind(c.closes_on.to_string())
        .bind(c.preliminary_by.to_string())
        .bind(c.decision_by.to_string())
        .bind(owner)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "call.create",
            "programme_call",
            &id.to_string(),
            None::<&()>,
            Some(c),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn calls(&self) -> Result<Vec<Call>> {
        sqlx::query(&format!(
            "SELECT {CALL_COLUMNS} FROM programme_calls ORDER BY closes_on DESC, id DESC"
        ))
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(call_row)
        .collect()
    }

    pub async fn call(&self, id: i64) -> Result<Call> {
        let r = sqlx::query(&format!(
            "SELECT {CALL_COLUMNS} FROM programme_calls WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        call_row(&r)
    }

    /// Seats a user on a committee of a call (again: updates the chair flag).
    pub async fn add_committee_member(
        &self,
        call_id: i64,
        level: &str,
        user_id: i64,
        chair: bool,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO committee_members (call_id, level, user_id, chair, added_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (call_id, level, user_id) DO UPDATE SET chair = excluded.chair",
        )
        .bind(call_id)
        .bind(level)
        .bind(user_id)
        .bind(i64::from(chair))
        .bind(now())
        .execute(&mut *tx)
        .await?;
        audited(
            tx,
            actor,
            "committee.add_member",
            "programme_call",
            call_id,
            &serde_json::json!({ "level": level, "user_id": user_id, "chair": chair }),
        )
        .await
    }

    pub async fn remove_committee_member(
        &self,
        call_id: i64,
        level: &str,
        user_id: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM committee_members WHERE call_id = $1 AND level = $2 AND user_id = $3")
            .bind(call_id)
            .bind(level)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            actor,
            "committee.remove_member",
            "programme_call",
            &call_id.to_string(),
            Some(&serde_json::json!({ "level": level, "user_id": user_id })),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn committee_members(&self, call_id: i64) -> Result<Vec<CommitteeMember>> {
        sqlx::query(
            "SELECT m.level, m.user_id, u.email, u.display_name, m.chair FROM committee_members m
             JOIN users u ON u.id = m.user_id WHERE m.call_id = $1 ORDER BY m.level, m.chair DESC, u.email",
        )
        .bind(call_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(CommitteeMember {
                level: r.try_get("level")?,
                user_id: r.try_get("user_id")?,
                email: r.try_get("email")?,
                display_name: r.try_get("display_name")?,
                chair: r.try_get::<i64, _>("chair")? != 0,
            })
        })
        .collect()
    }

    /// The committees of calls a user sits on: (call id, level, chair).
    pub async fn committee_seats(&self, user_id: i64) -> Result<Vec<(i64, String, bool)>> {
        sqlx::query("SELECT call_id, level, chair FROM committee_members WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok((
                    r.try_get("call_id")?,
                    r.try_get("level")?,
                    r.try_get::<i64, _>("chair")? != 0,
                ))
            })
            .collect()
    }

    /// Starts a cooperative's application (a draft); one per cooperative and call.
    pub async fn create_application(
        &self,
        call_id: i64,
        cooperative_id: i64,
        a: &ApplicationDraft,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO programme_applications (call_id, cooperative_id, status, project_title, project_type,
                summary, budget, own_contribution_dh, requested_dh, jobs, created_by, created_at, updated_at)
             VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(call_id)
        .bind(cooperative_id)
        .bind(&a.project_title)
        .bind(a.project_type.as_str())
        .bind(&a.summary)
        .bind(to_json(&a.budget)?)
        .bind(a.own_contribution_dh)
        .bind(a.requested_dh)
        .bind(a.jobs)
        .bind(actor.id())
        .bind(t)
        .fetch_one(&mut *tx)
        .await
        .map_err(conflict_on_unique("application"))?;
        audit::record(
            &mut tx,
            actor,
            "application.create",
            "programme_application",
            &id.to_string(),
            None::<&()>,
            Some(a),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Rewrites an application still in draft or submitted (before the deadline: the caller
    /// checks the date). `Conflict("status")` once the preliminary committee has it.
    pub async fn update_application(&self, id: i64, a: &ApplicationDraft, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "UPDATE programme_applications SET project_title = $1, project_type = $2, summary = $3, budget = $4,
                own_contribution_dh = $5, requested_dh = $6, jobs = $7, updated_at = $8
             WHERE id = $9 AND status IN ('draft', 'submitted')",
        )
        .bind(&a.project_title)
        .bind(a.project_type.as_str())
        .bind(&a.summary)
        .bind(to_json(&a.budget)?)
        .bind(a.own_contribution_dh)
        .bind(a.requested_dh)
        .bind(a.jobs)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("status"));
        }
        audited(tx, actor, "application.update", "programme_application", id, a).await
    }

    /// Submits a draft with the automatic eligibility check's reasons (an application stays
    /// submitted even when the check finds reasons: the preliminary committee decides).
    pub async fn submit_application(&self, id: i64, reasons: &[&str], actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let n = sqlx::query(
            "UPDATE programme_applications SET status = 'submitted', submitted_at = $1, updated_at = $1,
                eligibility_reasons = $2 WHERE id = $3 AND status = 'draft'",
        )
        .bind(t)
        .bind(to_json(&reasons)?)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("status"));
        }
        audited(
            tx,
            actor,
            "application.submit",
            "programme_application",
            id,
            &reasons,
        )
        .await
    }

    async fn with_documents(&self, mut list: Vec<Application>) -> Result<Vec<Application>> {
        for a in &mut list {
            a.documents = sqlx::query_scalar(
                "SELECT doc_index FROM application_documents WHERE application_id = $1 ORDER BY doc_index",
            )
            .bind(a.id)
            .fetch_all(self.pool())
            .await?;
        }
        Ok(list)
    }

    pub async fn application(&self, id: i64) -> Result<Application> {
        let r = sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM programme_applications a
             JOIN cooperatives k ON k.id = a.cooperative_id WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let a = application_row(&r)?;
        Ok(self.with_documents(vec![a]).await?.remove(0))
    }

    /// A call's applications, drafts excluded (they are the cooperative's own until submitted).
    pub async fn call_applications(&self, call_id: i64) -> Result<Vec<Application>> {
        let list = sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM programme_applications a
             JOIN cooperatives k ON k.id = a.cooperative_id
             WHERE a.call_id = $1 AND a.status <> 'draft' ORDER BY a.submitted_at, a.id"
        ))
        .bind(call_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(application_row)
        .collect::<Result<Vec<_>>>()?;
        self.with_documents(list).await
    }

    /// The applications of the cooperatives a manager manages, drafts included.
    pub async fn applications_of_manager(&self, user_id: i64) -> Result<Vec<Application>> {
        sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM programme_applications a
             JOIN cooperatives k ON k.id = a.cooperative_id
             JOIN cooperative_managers m ON m.cooperative_id = a.cooperative_id
             WHERE m.user_id = $1 ORDER BY a.updated_at DESC"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(application_row)
        .collect()
    }

    /// Attaches (or replaces) the file of one required document.
    pub async fn attach_application_document(
        &self,
        id: i64,
        doc_index: i64,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM programme_applications WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        match status.as_deref() {
            None => return Err(StoreError::NotFound),
            Some("draft" | "submitted") => {}
            Some(_) => return Err(StoreError::Conflict("status")),
        }
        sqlx::query(
            "INSERT INTO application_documents (application_id, doc_index, file_name, content_type, bytes, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (application_id, doc_index) DO UPDATE SET file_name = excluded.file_name,
                content_type = excluded.content_type, bytes = excluded.bytes, uploaded_at = excluded.uploaded_at",
        )
        .bind(id)
        .bind(doc_index)
        .bind(file_name)
        .bind(content_type)
        .bind(bytes)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        audited(
            tx,
            actor,
            "application.attach",
            "programme_application",
            id,
            &serde_json::json!({ "doc_index": doc_index, "file_name": file_name, "bytes": bytes.len() }),
        )
        .await
    }

    /// A document's (file name, content type, bytes).
    pub async fn application_document(&self, id: i64, doc_index: i64) -> Result<(String, String, Vec<u8>)> {
        let r = sqlx::query(
            "SELECT file_name, content_type, bytes FROM application_documents WHERE application_id = $1 AND doc_index = $2",
        )
        .bind(id)
        .bind(doc_index)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok((
            r.try_get("file_name")?,
            r.try_get("content_type")?,
            r.try_get("bytes")?,
        ))
    }

    /// The preliminary committee's finding: admitted, or ineligible with its reasons; the
    /// applicant's messages go in the same transaction.
    pub async fn record_preliminary(
        &self,
        id: i64,
        admitted: bool,
        reason: &str,
        messages: &[NewMessage],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let status = if admitted { "admitted" } else { "ineligible" };
        let n = sqlx::query(
            "UPDATE programme_applications SET status = $1, preliminary_reason = $2, preliminary_at = $3,
                preliminary_user_id = $4, updated_at = $3 WHERE id = $5 AND status = 'submitted'",
        )
        .bind(status)
        .bind(reason)
        .bind(t)
        .bind(actor.id())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("status"));
        }
        for m in messages {
            outbox::insert_message(&mut tx, m, t).await?;
        }
        audited(
            tx,
            actor,
            "application.preliminary",
            "programme_application",
            id,
            &serde_json::json!({ "status": status, "reason": reason }),
        )
        .await
    }

    pub async fn declare_conflict(&self, id: i64, user_id: i64, reason: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO committee_conflicts (application_id, user_id, reason, declared_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (application_id, user_id) DO NOTHING",
        )
        .bind(id)
        .bind(user_id)
        .bind(reason)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        // A score given before the declaration no longer counts.
        sqlx::query("DELETE FROM committee_scores WHERE application_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        audited(
            tx,
            actor,
            "committee.conflict",
            "programme_application",
            id,
            &serde_json::json!({ "user_id": user_id, "reason": reason }),
        )
        .await
    }

    /// The conflicts declared on a call's applications.
    pub async fn call_conflicts(&self, call_id: i64) -> Result<Vec<Conflict>> {
        sqlx::query(
            "SELECT c.application_id, c.user_id, u.email, c.reason FROM committee_conflicts c
             JOIN programme_applications a ON a.id = c.application_id JOIN users u ON u.id = c.user_id
             WHERE a.call_id = $1 ORDER BY c.application_id, u.email",
        )
        .bind(call_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Conflict {
                application_id: r.try_get("application_id")?,
                user_id: r.try_get("user_id")?,
                email: r.try_get("email")?,
                reason: r.try_get("reason")?,
            })
        })
        .collect()
    }

    /// Records (or corrects) a member's marks, refused once the member declared a conflict or
    /// the application left the committee's hands (`Conflict`).
    pub async fn record_score(
        &self,
        id: i64,
        user_id: i64,
        marks: &[i64],
        total: i64,
        comment: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let conflicted: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM committee_conflicts WHERE application_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        if conflicted.is_some() {
            return Err(StoreError::Conflict("conflict_declared"));
        }
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM programme_applications WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if status.as_deref() != Some("admitted") {
            return Err(StoreError::Conflict("status"));
        }
        sqlx::query(
            "INSERT INTO committee_scores (application_id, user_id, marks, total, comment, scored_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (application_id, user_id) DO UPDATE SET marks = excluded.marks, total = excluded.total,
                comment = excluded.comment, scored_at = excluded.scored_at",
        )
        .bind(id)
        .bind(user_id)
        .bind(to_json(&marks)?)
        .bind(total)
        .bind(comment)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        audited(
            tx,
            actor,
            "committee.score",
            "programme_application",
            id,
            &serde_json::json!({ "marks": marks, "total": total }),
        )
        .await
    }

    /// Every score of a call's applications. Callers show them to committee members only.
    pub async fn call_scores(&self, call_id: i64) -> Result<Vec<Score>> {
        sqlx::query(
            "SELECT s.application_id, s.user_id, u.email, s.marks, s.total, s.comment FROM committee_scores s
             JOIN programme_applications a ON a.id = s.application_id JOIN users u ON u.id = s.user_id
             WHERE a.call_id = $1 ORDER BY s.application_id, u.email",
        )
        .bind(call_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Score {
                application_id: r.try_get("application_id")?,
                user_id: r.try_get("user_id")?,
                email: r.try_get("email")?,
                marks: from_json(&r.try_get::<String, _>("marks")?)?,
                total: r.try_get("total")?,
                comment: r.try_get("comment")?,
            })
        })
        .collect()
    }

    pub async fn committee_session(&self, call_id: i64, level: &str) -> Result<Option<CommitteeSession>> {
        sqlx::query(
            "SELECT notes, decided_at, decided_by FROM committee_sessions WHERE call_id = $1 AND level = $2",
        )
        .bind(call_id)
        .bind(level)
        .fetch_optional(self.pool())
        .await?
        .map(|r| {
            Ok(CommitteeSession {
                notes: r.try_get("notes")?,
                decided_at: r.try_get("decided_at")?,
                decided_by: r.try_get("decided_by")?,
            })
        })
        .transpose()
    }

    /// What a call's earlier sessions selected, in dirhams: a later level decides within the rest.
    pub async fn selected_dh(&self, call_id: i64) -> Result<i64> {
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(requested_dh) AS BIGINT) FROM programme_applications WHERE call_id = $1 AND status = 'selected'",
        )
        .bind(call_id)
        .fetch_one(self.pool())
        .await?;
        Ok(v.unwrap_or(0))
    }

    /// Records a level committee's session once: its notes, each decision (only on applications
    /// still admitted) and the applicants' messages. `Conflict("decided")` if it was recorded.
    pub async fn record_session(
        &self,
        call_id: i64,
        level: &str,
        notes: &str,
        decisions: &[SessionDecision],
        messages: &[NewMessage],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let t = now();
        sqlx::query(
            "INSERT INTO committee_sessions (call_id, level, notes, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(call_id)
        .bind(level)
        .bind(notes)
        .bind(t)
        .bind(actor.id())
        .execute(&mut *tx)
        .await
        .map_err(conflict_on_unique("decided"))?;
        for d in decisions {
            let n = sqlx::query(
                "UPDATE programme_applications SET status = $1, decision_reason = $2, decided_at = $3, rank = $4,
                    updated_at = $3 WHERE id = $5 AND call_id = $6 AND status = 'admitted'",
            )
            .bind(d.status)
            .bind(&d.reason)
            .bind(t)
            .bind(d.rank)
            .bind(d.application_id)
            .bind(call_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(StoreError::Conflict("status"));
            }
        }
        for m in messages {
            outbox::insert_message(&mut tx, m, t).await?;
        }
        let summary: Vec<(i64, i64, &str)> = decisions
            .iter()
            .map(|d| (d.application_id, d.rank, d.status))
            .collect();
        audited(
            tx,
            actor,
            "committee.decide",
            "programme_call",
            call_id,
            &serde_json::json!({ "level": level, "decisions": summary }),
        )
        .await
    }

    pub async fn follow_up(&self, id: i64) -> Result<FollowUp> {
        let agreement = sqlx::query(
            "SELECT number, signed_on, amount_dh FROM project_agreements WHERE application_id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .map(|r| {
            Ok::<_, StoreError>(Agreement {
                number: r.try_get("number")?,
                signed_on: r.try_get("signed_on")?,
                amount_dh: r.try_get("amount_dh")?,
            })
        })
        .transpose()?;
        let disbursements = sqlx::query(
            "SELECT paid_on, amount_dh, note FROM project_disbursements WHERE application_id = $1 ORDER BY paid_on, id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Disbursement {
                paid_on: r.try_get("paid_on")?,
                amount_dh: r.try_get("amount_dh")?,
                note: r.try_get("note")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let milestones = sqlx::query(
            "SELECT id, label, due_on, done_on FROM project_milestones WHERE application_id = $1 ORDER BY due_on, id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Milestone {
                id: r.try_get("id")?,
                label: r.try_get("label")?,
                due_on: r.try_get("due_on")?,
                done_on: r.try_get("done_on")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let notes = sqlx::query(
            "SELECT n.kind, n.on_date, n.text, u.display_name FROM project_notes n
             LEFT JOIN users u ON u.id = n.created_by WHERE n.application_id = $1 ORDER BY n.on_date DESC, n.id DESC",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(ProjectNote {
                kind: r.try_get("kind")?,
                on_date: r.try_get("on_date")?,
                text: r.try_get("text")?,
                author: r.try_get("display_name")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(FollowUp {
            agreement,
            disbursements,
            milestones,
            notes,
        })
    }

    /// Records the agreement of a selected project, once (`Conflict("agreement")` after).
    pub async fn record_agreement(&self, id: i64, a: &Agreement, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM programme_applications WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if status.as_deref() != Some("selected") {
            return Err(StoreError::Conflict("status"));
        }
        sqlx::query(
            "INSERT INTO project_agreements (application_id, number, signed_on, amount_dh, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&a.number)
        .bind(&a.signed_on)
        .bind(a.amount_dh)
        .bind(now())
        .bind(actor.id())
        .execute(&mut *tx)
        .await
        .map_err(conflict_on_unique("agreement"))?;
        audited(tx, actor, "project.agreement", "programme_application", id, a).await
    }

    /// Records a disbursement after `check` (the domain's rule) accepts it against what the
    /// agreement allows and what was already paid, read inside the same transaction.
    pub async fn add_disbursement<F>(
        &self,
        id: i64,
        d: &Disbursement,
        check: F,
        actor: &Actor,
    ) -> Result<std::result::Result<(), taawun_domain::ValidationError>>
    where
        F: FnOnce(i64, Option<i64>) -> std::result::Result<(), taawun_domain::ValidationError>,
    {
        let mut tx = self.begin_write().await?;
        if self.backend() == crate::Backend::Postgres {
            // Serialises two disbursements of one project (SQLite's writer lock already does).
            sqlx::query("SELECT application_id FROM project_agreements WHERE application_id = $1 FOR UPDATE")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let agreed: Option<i64> =
            sqlx::query_scalar("SELECT amount_dh FROM project_agreements WHERE application_id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let already: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(amount_dh) AS BIGINT) FROM project_disbursements WHERE application_id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if let Err(e) = check(already.unwrap_or(0), agreed) {
            return Ok(Err(e));
        }
        sqlx::query(
            "INSERT INTO project_disbursements (application_id, paid_on, amount_dh, note, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&d.paid_on)
        .bind(d.amount_dh)
        .bind(&d.note)
        .bind(now())
        .bind(actor.id())
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "project.disburse",
            "programme_application",
            &id.to_string(),
            None::<&()>,
            Some(d),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    pub async fn add_milestone(&self, id: i64, label: &str, due_on: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO project_milestones (application_id, label, due_on, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(label)
            .bind(due_on)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        audited(
            tx,
            actor,
            "project.milestone",
            "programme_application",
            id,
            &serde_json::json!({ "label": label, "due_on": due_on }),
        )
        .await
    }

    /// Marks a milestone of this project reached on `done_on`.
    pub async fn complete_milestone(
        &self,
        id: i64,
        milestone_id: i64,
        done_on: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "UPDATE project_milestones SET done_on = $1 WHERE id = $2 AND application_id = $3 AND done_on IS NULL",
        )
        .bind(done_on)
        .bind(milestone_id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audited(
            tx,
            actor,
            "project.milestone_done",
            "programme_application",
            id,
            &serde_json::json!({ "milestone": milestone_id, "done_on": done_on }),
        )
        .await
    }

    pub async fn add_project_note(
        &self,
        id: i64,
        kind: &str,
        on_date: &str,
        text: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO project_notes (application_id, kind, on_date, text, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(kind)
        .bind(on_date)
        .bind(text)
        .bind(now())
        .bind(actor.id())
        .execute(&mut *tx)
        .await?;
        audited(
            tx,
            actor,
            "project.note",
            "programme_application",
            id,
            &serde_json::json!({ "kind": kind, "on_date": on_date }),
        )
        .await
    }

    /// The selected projects of every call (the public list), newest decisions first.
    pub async fn selected_projects(&self) -> Result<Vec<SelectedProject>> {
        sqlx::query(
            "SELECT a.id, a.call_id, c.title_ar, c.title_fr, c.funder, a.project_title, a.project_type,
                a.requested_dh, a.cooperative_id, k.name_ar, k.name_fr, k.region_code, a.decided_at
             FROM programme_applications a JOIN programme_calls c ON c.id = a.call_id
             JOIN cooperatives k ON k.id = a.cooperative_id
             WHERE a.status = 'selected' ORDER BY a.decided_at DESC, a.call_id, a.rank, a.id",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(SelectedProject {
                application_id: r.try_get("id")?,
                call_id: r.try_get("call_id")?,
                call_title_ar: r.try_get("title_ar")?,
                call_title_fr: r.try_get("title_fr")?,
                funder: r.try_get("funder")?,
                project_title: r.try_get("project_title")?,
                project_type: r.try_get("project_type")?,
                requested_dh: r.try_get("requested_dh")?,
                cooperative_id: r.try_get("cooperative_id")?,
                cooperative_name_ar: r.try_get("name_ar")?,
                cooperative_name_fr: r.try_get("name_fr")?,
                region_code: r.try_get("region_code")?,
                decided_at: r.try_get("decided_at")?,
            })
        })
        .collect()
    }

    /// Submitted applications and selections, grouped by call, region, sector and women's
    /// majority (more than half the members women).
    pub async fn programme_stats(&self) -> Result<Vec<ProgrammeStatRow>> {
        let women = "CASE WHEN k.members > 0 AND 2 * k.women_members > k.members THEN 1 ELSE 0 END";
        sqlx::query(&format!(
            "SELECT a.call_id, k.region_code, k.sector, {women} AS women, COUNT(*) AS applications,
                CAST(SUM(CASE WHEN a.status = 'selected' THEN 1 ELSE 0 END) AS BIGINT) AS selected,
                CAST(SUM(a.requested_dh) AS BIGINT) AS requested_dh,
                CAST(SUM(CASE WHEN a.status = 'selected' THEN a.requested_dh ELSE 0 END) AS BIGINT) AS selected_dh
             FROM programme_applications a JOIN cooperatives k ON k.id = a.cooperative_id
             WHERE a.status <> 'draft'
             GROUP BY a.call_id, k.region_code, k.sector, {women}
             ORDER BY a.call_id, k.region_code, k.sector"
        ))
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(ProgrammeStatRow {
                call_id: r.try_get("call_id")?,
                region_code: r.try_get("region_code")?,
                sector: r.try_get("sector")?,
                women: r.try_get::<i64, _>("women")? != 0,
                applications: r.try_get("applications")?,
                selected: r.try_get("selected")?,
                requested_dh: r.try_get("requested_dh")?,
                selected_dh: r.try_get("selected_dh")?,
            })
        })
        .collect()
    }
}
