//! Files lodged at the clerk's office and the local registers they are entered in.
//!
//! A register entry, the analytical record it changes (the `cooperatives` row, which is also the
//! office's central register), the file's new status, the change-log line that keeps every
//! process's indexes current and the audit entry are written in one transaction: a crash leaves
//! either all of them or none.
//!
//! Each court's register is numbered 1, 2, 3 … without gaps and chained: an entry stores the hash
//! of the previous one of the same court ([`taawun_domain::register::entry_hash`]). Numbers are
//! taken under a lock on the court's chain (SQLite: the write transaction itself; PostgreSQL: an
//! advisory lock), so two clerks registering at the same instant get consecutive numbers.

use serde::Serialize;
use sqlx::{Any, Row, Transaction, any::AnyRow};
use taawun_domain::register::{BreakReason, ChainBreak, EntryFacts, EntryKind, GENESIS_HASH, entry_hash};

use crate::{Actor, Backend, CooperativeRow, NameChange, Result, Store, StoreError, audit, changes, now};

/// A file (dossier) for an entry in a local register.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Filing {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub cooperative_id: Option<i64>,
    pub name_request_id: Option<i64>,
    pub applicant_user_id: i64,
    pub applicant_email: String,
    pub region_code: String,
    pub court_code: Option<String>,
    /// The domain's `FilingDetail` as JSON.
    pub detail: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub decision_reason: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewFiling {
    pub kind: String,
    pub cooperative_id: Option<i64>,
    pub name_request_id: Option<i64>,
    pub applicant_user_id: i64,
    pub region_code: String,
    pub detail: String,
}

/// What opening a file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingOpened {
    Created(i64),
    /// The live file already founded on the same approved name.
    Existing(i64),
}

/// A document of a file, without its bytes.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FilingDocument {
    pub id: i64,
    pub filing_id: i64,
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewDocument {
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

/// One numbered entry of a court's chronological register.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RegisterEntry {
    pub id: i64,
    pub court_code: String,
    pub number: i64,
    pub kind: String,
    pub cooperative_id: i64,
    pub filing_id: Option<i64>,
    pub entry_date: String,
    pub recorded_at: i64,
    pub content: String,
    pub corrects: Option<i64>,
    pub prev_hash: String,
    pub hash: String,
}

impl RegisterEntry {
    /// The facts as hashed; `None` when the stored kind is not one the domain knows (which the
    /// database's CHECK forbids, so only a tampered row gets there).
    pub fn facts(&self) -> Option<EntryFacts> {
        Some(EntryFacts {
            court_code: self.court_code.clone(),
            number: self.number,
            kind: EntryKind::parse("kind", &self.kind).ok()?,
            cooperative_id: self.cooperative_id,
            entry_date: self.entry_date.clone(),
            recorded_at: self.recorded_at,
            content: self.content.clone(),
            corrects: self.corrects,
        })
    }
}

/// What a clerk's decision to register a file writes.
#[derive(Debug, Clone)]
pub struct Registration {
    pub filing_id: i64,
    pub clerk_user_id: i64,
    pub court_code: String,
    pub entry_kind: EntryKind,
    /// ISO date of the entry (the day the clerk enters it).
    pub entry_date: String,
    /// The cooperative's record after the entry; `id` is ignored for an immatriculation.
    pub record: CooperativeRow,
    /// Officers in office after the entry, when the file sets them (`[{"full_name","role"}]`).
    pub officers: Option<serde_json::Value>,
    /// For a union: its member cooperatives' ids, kept in the register with the entry.
    pub union_members: Option<Vec<i64>>,
}

/// The analytical record as an entry holds it: the register's facts, no contact details.
#[derive(Serialize)]
struct Analytical<'a> {
    id: i64,
    central_number: &'a Option<String>,
    kind: &'a str,
    name_ar: &'a Option<String>,
    name_fr: &'a Option<String>,
    status: &'a str,
    sector: &'a Option<String>,
    branch: &'a Option<String>,
    region_code: &'a str,
    province_code: &'a Option<String>,
    commune_code: &'a Option<String>,
    address: &'a Option<String>,
    court_code: &'a Option<String>,
    local_number: &'a Option<String>,
    founded_on: &'a Option<String>,
    immatriculated_on: &'a Option<String>,
    adapted_on: &'a Option<String>,
    capital: Option<i64>,
    share_value: Option<i64>,
    members: Option<i64>,
    women_members: Option<i64>,
    young_members: Option<i64>,
    pre_112_12: bool,
    adaptation_state: &'a Option<String>,
}

/// What an entry stores: the analytical record, and the officers and a union's members when the
/// entry sets them.
fn entry_content(
    c: &CooperativeRow,
    officers: Option<&serde_json::Value>,
    members: Option<&Vec<i64>>,
) -> String {
    let mut content = format!("{{\"record\":{}", analytical_json(c));
    if let Some(o) = officers {
        content.push_str(&format!(",\"officers\":{o}"));
    }
    if let Some(m) = members {
        content.push_str(&format!(
            ",\"union_members\":{}",
            serde_json::Value::from(m.clone())
        ));
    }
    content.push('}');
    content
}

/// The canonical JSON of a record, as stored in (and hashed with) a register entry.
pub fn analytical_json(c: &CooperativeRow) -> String {
    let a = Analytical {
        id: c.id,
        central_number: &c.central_number,
        kind: &c.kind,
        name_ar: &c.name_ar,
        name_fr: &c.name_fr,
        status: &c.status,
        sector: &c.sector,
        branch: &c.branch,
        region_code: &c.region_code,
        province_code: &c.province_code,
        commune_code: &c.commune_code,
        address: &c.address,
        court_code: &c.court_code,
        local_number: &c.local_number,
        founded_on: &c.founded_on,
        immatriculated_on: &c.immatriculated_on,
        adapted_on: &c.adapted_on,
        capital: c.capital,
        share_value: c.share_value,
        members: c.members,
        women_members: c.women_members,
        young_members: c.young_members,
        pre_112_12: c.pre_112_12,
        adaptation_state: &c.adaptation_state,
    };
    serde_json::to_string(&a).unwrap_or_default()
}

const FILING_COLUMNS: &str =
    "f.id, f.kind, f.status, f.cooperative_id, f.name_request_id, f.applicant_user_id,
    u.email, f.region_code, f.court_code, f.detail, f.created_at, f.updated_at, f.submitted_at, f.decided_at,
    f.decision_reason";

fn filing_row(r: &AnyRow) -> Result<Filing> {
    Ok(Filing {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        status: r.try_get("status")?,
        cooperative_id: r.try_get("cooperative_id")?,
        name_request_id: r.try_get("name_request_id")?,
        applicant_user_id: r.try_get("applicant_user_id")?,
        applicant_email: r.try_get("email")?,
        region_code: r.try_get("region_code")?,
        court_code: r.try_get("court_code")?,
        detail: r.try_get("detail")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        submitted_at: r.try_get("submitted_at")?,
        decided_at: r.try_get("decided_at")?,
        decision_reason: r.try_get("decision_reason")?,
    })
}

const ENTRY_COLUMNS: &str =
    "id, court_code, number, kind, cooperative_id, filing_id, entry_date, recorded_at,
    content, corrects, prev_hash, hash";

fn entry_row(r: &AnyRow) -> Result<RegisterEntry> {
    Ok(RegisterEntry {
        id: r.try_get("id")?,
        court_code: r.try_get("court_code")?,
        number: r.try_get("number")?,
        kind: r.try_get("kind")?,
        cooperative_id: r.try_get("cooperative_id")?,
        filing_id: r.try_get("filing_id")?,
        entry_date: r.try_get("entry_date")?,
        recorded_at: r.try_get("recorded_at")?,
        content: r.try_get("content")?,
        corrects: r.try_get("corrects")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

const DOCUMENT_COLUMNS: &str = "id, filing_id, kind, file_name, content_type, size, sha256, uploaded_at";

fn document_row(r: &AnyRow) -> Result<FilingDocument> {
    Ok(FilingDocument {
        id: r.try_get("id")?,
        filing_id: r.try_get("filing_id")?,
        kind: r.try_get("kind")?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        uploaded_at: r.try_get("uploaded_at")?,
    })
}

/// Which files a listing shows.
#[derive(Debug, Clone, Default)]
pub struct FilingQuery {
    pub applicant_user_id: Option<i64>,
    pub court_code: Option<String>,
    pub region_code: Option<String>,
    pub cooperative_id: Option<i64>,
    pub status: Option<String>,
    pub limit: i64,
}

impl Store {
    /// Opens a file. One founded on an approved name is checked in the same transaction: the
    /// name is still approved and reserved for this applicant, and no other live (not
    /// withdrawn) file uses it — a second attempt gets `Conflict("name_request")`, and the
    /// unique index `filings_live_name_request` holds the rule even against concurrent writers.
    pub async fn create_filing(&self, f: &NewFiling, actor: &Actor) -> Result<i64> {
        match self.open_filing(f, actor).await? {
            FilingOpened::Created(id) => Ok(id),
            FilingOpened::Existing(_) => Err(StoreError::Conflict("name_request")),
        }
    }

    /// Like [`Store::create_filing`], but a live file already founded on the same name is
    /// returned (`Existing`) instead of refused, so a founder who clicks twice lands on it.
    pub async fn open_filing(&self, f: &NewFiling, actor: &Actor) -> Result<FilingOpened> {
        let outcome = self.open_filing_once(f, actor).await;
        match (outcome, f.name_request_id) {
            // A concurrent writer (PostgreSQL) won the race between our check and our insert.
            (Err(StoreError::Database(sqlx::Error::Database(e))), Some(name)) if e.is_unique_violation() => {
                let existing = sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM filings WHERE name_request_id = $1 AND status <> 'withdrawn'",
                )
                .bind(name)
                .fetch_optional(self.pool())
                .await?;
                existing
                    .map(FilingOpened::Existing)
                    .ok_or(StoreError::Conflict("name_request"))
            }
            (outcome, _) => outcome,
        }
    }

    async fn open_filing_once(&self, f: &NewFiling, actor: &Actor) -> Result<FilingOpened> {
        let mut tx = self.begin_write().await?;
        let t = now();
        if let Some(name) = f.name_request_id {
            let lock = match self.backend() {
                Backend::Postgres => " FOR UPDATE",
                Backend::Sqlite => "",
            };
            let r = sqlx::query(&format!(
                "SELECT status, reserved_until, applicant_user_id FROM name_requests WHERE id = $1{lock}"
            ))
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            let status: String = r.try_get("status")?;
            let reserved_until: Option<i64> = r.try_get("reserved_until")?;
            let applicant: i64 = r.try_get("applicant_user_id")?;
            if status != "approved"
                || reserved_until.is_none_or(|u| u <= t)
                || applicant != f.applicant_user_id
            {
                return Err(StoreError::Conflict("name_request"));
            }
            let live = sqlx::query_scalar::<_, i64>(
                "SELECT id FROM filings WHERE name_request_id = $1 AND status <> 'withdrawn'",
            )
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = live {
                return Ok(FilingOpened::Existing(id));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO filings (kind, status, cooperative_id, name_request_id, applicant_user_id, region_code,
                 detail, created_at, updated_at)
             VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&f.kind)
        .bind(f.cooperative_id)
        .bind(f.name_request_id)
        .bind(f.applicant_user_id)
        .bind(&f.region_code)
        .bind(&f.detail)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        #[derive(Serialize)]
        struct Created<'a> {
            kind: &'a str,
            cooperative_id: Option<i64>,
            name_request_id: Option<i64>,
        }
        let created = Created {
            kind: &f.kind,
            cooperative_id: f.cooperative_id,
            name_request_id: f.name_request_id,
        };
        audit::record(
            &mut tx,
            actor,
            "filing.create",
            "filing",
            &id.to_string(),
            None::<&()>,
            Some(&created),
        )
        .await?;
        tx.commit().await?;
        Ok(FilingOpened::Created(id))
    }

    pub async fn filing(&self, id: i64) -> Result<Filing> {
        let sql = format!(
            "SELECT {FILING_COLUMNS} FROM filings f JOIN users u ON u.id = f.applicant_user_id WHERE f.id = $1"
        );
        let r = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        filing_row(&r)
    }

    /// Files matching `q`, newest first.
    pub async fn filings(&self, q: &FilingQuery) -> Result<Vec<Filing>> {
        let sql = format!(
            "SELECT {FILING_COLUMNS} FROM filings f JOIN users u ON u.id = f.applicant_user_id
             WHERE ($1 = 0 OR f.applicant_user_id = $1) AND ($2 = '' OR f.court_code = $2)
               AND ($3 = '' OR f.region_code = $3) AND ($4 = 0 OR f.cooperative_id = $4)
               AND ($5 = '' OR f.status = $5)
             ORDER BY COALESCE(f.submitted_at, f.updated_at) DESC, f.id DESC LIMIT $6"
        );
        let rows = sqlx::query(&sql)
            .bind(q.applicant_user_id.unwrap_or(0))
            .bind(q.court_code.clone().unwrap_or_default())
            .bind(q.region_code.clone().unwrap_or_default())
            .bind(q.cooperative_id.unwrap_or(0))
            .bind(q.status.clone().unwrap_or_default())
            .bind(if q.limit > 0 { q.limit } else { 200 })
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(filing_row).collect()
    }

    /// Saves a file's content while it is a draft (or rejected and being corrected).
    pub async fn update_filing_detail(&self, id: i64, detail: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE filings SET detail = $1, updated_at = $2 WHERE id = $3 AND status IN ('draft', 'rejected')",
        )
        .bind(detail)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::Conflict("status"));
        }
        audit::record(
            &mut tx,
            actor,
            "filing.update",
            "filing",
            &id.to_string(),
            None::<&()>,
            Some(&detail),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a file from one status to another (submit, reject, withdraw), only if it is still
    /// in `from`: two clerks acting at once cannot both decide.
    pub async fn set_filing_status(
        &self,
        id: i64,
        from: &[&str],
        to: &str,
        court_code: Option<&str>,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let before = sqlx::query_scalar::<_, String>("SELECT status FROM filings WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !from.contains(&before.as_str()) {
            return Err(StoreError::Conflict("status"));
        }
        let t = now();
        let submitting = to == "submitted";
        sqlx::query(
            "UPDATE filings SET status = $1, updated_at = $2,
                 court_code = COALESCE($3, court_code),
                 submitted_at = CASE WHEN $4 = 1 THEN $2 ELSE submitted_at END,
                 decided_at = CASE WHEN $4 = 1 THEN NULL ELSE $2 END,
                 decided_by = CASE WHEN $4 = 1 THEN NULL ELSE $5 END,
                 decision_reason = CASE WHEN $4 = 1 THEN NULL ELSE $6 END
             WHERE id = $7",
        )
        .bind(to)
        .bind(t)
        .bind(court_code)
        .bind(i64::from(submitting))
        .bind(actor.id())
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if submitting {
            // A lodged adaptation file changes the body's adaptation state to "filed" at once:
            // the office's dashboard counts it as pending, no longer as not filed.
            let r = sqlx::query("SELECT kind, cooperative_id FROM filings WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let (kind, cooperative): (String, Option<i64>) =
                (r.try_get("kind")?, r.try_get("cooperative_id")?);
            if let ("adaptation", Some(cooperative)) = (kind.as_str(), cooperative) {
                sqlx::query(
                    "UPDATE cooperatives SET adaptation_state = 'filed', updated_at = $1
                     WHERE id = $2 AND COALESCE(adaptation_state, 'not_filed') <> 'adapted'",
                )
                .bind(t)
                .bind(cooperative)
                .execute(&mut *tx)
                .await?;
                changes::record(&mut tx, self.backend(), NameChange::Cooperative(cooperative)).await?;
            }
        }
        #[derive(Serialize)]
        struct Change<'a> {
            status: &'a str,
            reason: Option<&'a str>,
        }
        audit::record(
            &mut tx,
            actor,
            &format!("filing.{to}"),
            "filing",
            &id.to_string(),
            Some(&Change {
                status: &before,
                reason: None,
            }),
            Some(&Change { status: to, reason }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps a document of a draft file; a new upload of a kind is a new version.
    pub async fn add_filing_document(&self, filing_id: i64, doc: &NewDocument, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let status = sqlx::query_scalar::<_, String>("SELECT status FROM filings WHERE id = $1")
            .bind(filing_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !matches!(status.as_str(), "draft" | "rejected") {
            return Err(StoreError::Conflict("status"));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO filing_documents (filing_id, kind, file_name, content_type, size, sha256, content,
                 uploaded_at, uploaded_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(filing_id)
        .bind(&doc.kind)
        .bind(&doc.file_name)
        .bind(&doc.content_type)
        .bind(i64::try_from(doc.content.len()).unwrap_or(i64::MAX))
        .bind(&doc.sha256)
        .bind(doc.content.clone())
        .bind(now())
        .bind(actor.id())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE filings SET updated_at = $1 WHERE id = $2")
            .bind(now())
            .bind(filing_id)
            .execute(&mut *tx)
            .await?;
        #[derive(Serialize)]
        struct Uploaded<'a> {
            kind: &'a str,
            file_name: &'a str,
            sha256: &'a str,
            size: usize,
        }
        let uploaded = Uploaded {
            kind: &doc.kind,
            file_name: &doc.file_name,
            sha256: &doc.sha256,
            size: doc.content.len(),
        };
        audit::record(
            &mut tx,
            actor,
            "filing.document",
            "filing",
            &filing_id.to_string(),
            None::<&()>,
            Some(&uploaded),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every version of every document of a file, newest first within each kind.
    pub async fn filing_documents(&self, filing_id: i64) -> Result<Vec<FilingDocument>> {
        let rows = sqlx::query(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM filing_documents WHERE filing_id = $1 ORDER BY kind, id DESC"
        ))
        .bind(filing_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(document_row).collect()
    }

    /// A document's metadata and bytes.
    pub async fn filing_document_content(&self, id: i64) -> Result<(FilingDocument, Vec<u8>)> {
        let r = sqlx::query(&format!(
            "SELECT {DOCUMENT_COLUMNS}, content FROM filing_documents WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok((document_row(&r)?, r.try_get("content")?))
    }

    /// Enters a submitted file in its court's register: the numbered, chained entry, the
    /// cooperative's record (created for an immatriculation), the file's status and, for an
    /// immatriculation, the founder's right to act for the new cooperative. Returns the entry.
    pub async fn register_filing(&self, reg: &Registration, actor: &Actor) -> Result<RegisterEntry> {
        let mut tx = self.begin_write().await?;
        let filing: (String, String, i64, Option<i64>) = {
            let r = sqlx::query(
                "SELECT status, kind, applicant_user_id, cooperative_id FROM filings WHERE id = $1",
            )
            .bind(reg.filing_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            (
                r.try_get("status")?,
                r.try_get("kind")?,
                r.try_get("applicant_user_id")?,
                r.try_get("cooperative_id")?,
            )
        };
        let (status, kind, applicant, existing) = filing;
        if status != "submitted" {
            return Err(StoreError::Conflict("status"));
        }
        self.lock_chain(&mut tx, &reg.court_code).await?;
        let last = sqlx::query(
            "SELECT number, hash FROM register_entries WHERE court_code = $1 ORDER BY number DESC LIMIT 1",
        )
        .bind(&reg.court_code)
        .fetch_optional(&mut *tx)
        .await?;
        let (number, prev_hash) = match last {
            Some(r) => (
                r.try_get::<i64, _>("number")? + 1,
                r.try_get::<String, _>("hash")?,
            ),
            None => (1, GENESIS_HASH.to_string()),
        };
        let t = now();
        let mut record = reg.record.clone();
        let cooperative_id = if kind == "immatriculation" {
            // The name approval is the real guard; this is the last one, in the transaction
            // that registers: no two live cooperatives bear the same name.
            let taken: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM cooperatives WHERE status <> 'radiated'
                   AND ((name_ar IS NOT NULL AND name_ar <> '' AND name_ar = $1)
                        OR (name_fr IS NOT NULL AND name_fr <> '' AND LOWER(name_fr) = LOWER($2)))
                 LIMIT 1",
            )
            .bind(record.name_ar.as_deref().unwrap_or(""))
            .bind(record.name_fr.as_deref().unwrap_or(""))
            .fetch_optional(&mut *tx)
            .await?;
            if taken.is_some() {
                return Err(StoreError::Conflict("name_taken"));
            }
            record.court_code = Some(reg.court_code.clone());
            record.local_number = Some(number.to_string());
            let id = insert_record(&mut tx, &record, &format!("R:{}:{number}", reg.court_code), t).await?;
            let year = reg.entry_date.get(..4).unwrap_or("0000");
            let central = format!("{year}-C{id:07}");
            sqlx::query("UPDATE cooperatives SET central_number = $1 WHERE id = $2")
                .bind(&central)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO cooperative_managers (cooperative_id, user_id, granted_at) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(applicant)
            .bind(t)
            .execute(&mut *tx)
            .await?;
            id
        } else {
            let id = existing.ok_or(StoreError::NotFound)?;
            if reg.entry_kind == EntryKind::Adaptation {
                // Adapting is immatriculating under the new law: the body gets its number in
                // this court's register.
                record.court_code = Some(reg.court_code.clone());
                record.local_number = Some(number.to_string());
            }
            update_record(&mut tx, id, &record, t).await?;
            id
        };
        let stored = sqlx::query(&format!(
            "SELECT {} FROM cooperatives WHERE id = $1",
            crate::registry::COLUMNS
        ))
        .bind(cooperative_id)
        .fetch_one(&mut *tx)
        .await?;
        let content = entry_content(
            &crate::registry::row(&stored)?,
            reg.officers.as_ref(),
            reg.union_members.as_ref(),
        );
        let facts = EntryFacts {
            court_code: reg.court_code.clone(),
            number,
            kind: reg.entry_kind,
            cooperative_id,
            entry_date: reg.entry_date.clone(),
            recorded_at: t,
            content: content.clone(),
            corrects: None,
        };
        let hash = entry_hash(&prev_hash, &facts);
        let entry_id: i64 = sqlx::query_scalar(
            "INSERT INTO register_entries (court_code, number, kind, cooperative_id, filing_id, entry_date,
                 recorded_at, content, corrects, clerk_user_id, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11) RETURNING id",
        )
        .bind(&reg.court_code)
        .bind(number)
        .bind(reg.entry_kind.as_str())
        .bind(cooperative_id)
        .bind(reg.filing_id)
        .bind(&reg.entry_date)
        .bind(t)
        .bind(&content)
        .bind(reg.clerk_user_id)
        .bind(&prev_hash)
        .bind(&hash)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE filings SET status = 'registered', cooperative_id = $1, decided_at = $2, decided_by = $3,
                 court_code = $4, updated_at = $2
             WHERE id = $5",
        )
        .bind(cooperative_id)
        .bind(t)
        .bind(reg.clerk_user_id)
        .bind(&reg.court_code)
        .bind(reg.filing_id)
        .execute(&mut *tx)
        .await?;
        changes::record(&mut tx, self.backend(), NameChange::Cooperative(cooperative_id)).await?;
        #[derive(Serialize)]
        struct Entered<'a> {
            court_code: &'a str,
            number: i64,
            kind: &'a str,
            cooperative_id: i64,
            hash: &'a str,
        }
        audit::record(
            &mut tx,
            actor,
            "register.entry",
            "filing",
            &reg.filing_id.to_string(),
            None::<&()>,
            Some(&Entered {
                court_code: &reg.court_code,
                number,
                kind: reg.entry_kind.as_str(),
                cooperative_id,
                hash: &hash,
            }),
        )
        .await?;
        crate::failpoint::pass("register.before_commit");
        tx.commit().await?;
        Ok(RegisterEntry {
            id: entry_id,
            court_code: reg.court_code.clone(),
            number,
            kind: reg.entry_kind.as_str().to_string(),
            cooperative_id,
            filing_id: Some(reg.filing_id),
            entry_date: reg.entry_date.clone(),
            recorded_at: t,
            content,
            corrects: None,
            prev_hash,
            hash,
        })
    }

    async fn lock_chain(&self, tx: &mut Transaction<'static, Any>, court_code: &str) -> Result<()> {
        if self.backend() == Backend::Postgres {
            // Held until the transaction ends; SQLite's BEGIN IMMEDIATE already serialises writers.
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext('register:' || $1))::TEXT")
                .bind(court_code)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// The entries of one cooperative, oldest first.
    pub async fn entries_of_cooperative(&self, cooperative_id: i64) -> Result<Vec<RegisterEntry>> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM register_entries WHERE cooperative_id = $1 ORDER BY id");
        let rows = sqlx::query(&sql)
            .bind(cooperative_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(entry_row).collect()
    }

    /// A page of a court's register in number order, after `after_number`.
    pub async fn register_page(
        &self,
        court_code: &str,
        after_number: i64,
        limit: i64,
    ) -> Result<Vec<RegisterEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM register_entries WHERE court_code = $1 AND number > $2
             ORDER BY number LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(court_code)
            .bind(after_number)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(entry_row).collect()
    }

    /// The latest entries of every court (the office's view of the central register).
    pub async fn latest_entries(&self, region_code: Option<&str>, limit: i64) -> Result<Vec<RegisterEntry>> {
        let sql = format!(
            "SELECT {} FROM register_entries e JOIN cooperatives c ON c.id = e.cooperative_id
             WHERE $1 = '' OR c.region_code = $1 ORDER BY e.recorded_at DESC, e.id DESC LIMIT $2",
            ENTRY_COLUMNS
                .split(',')
                .map(|c| format!("e.{}", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rows = sqlx::query(&sql)
            .bind(region_code.unwrap_or(""))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(entry_row).collect()
    }

    /// Walks every court's chain: for each court, the number of entries that hold, or the first
    /// broken one. A row changed, removed or inserted behind the application's back shows here.
    pub async fn verify_registers(&self) -> Result<Vec<(String, std::result::Result<usize, ChainBreak>)>> {
        let mut report = Vec::new();
        for court in self.register_courts().await? {
            let mut chain = Vec::new();
            let mut unknown_kind = None;
            let mut after = 0;
            loop {
                let page = self.register_page(&court, after, 10_000).await?;
                let Some(last) = page.last() else { break };
                after = last.number;
                for e in page {
                    match e.facts() {
                        Some(f) => chain.push((f, e.prev_hash, e.hash)),
                        None => {
                            unknown_kind.get_or_insert(e.number);
                        }
                    }
                }
            }
            let verdict = match unknown_kind {
                Some(number) => Err(ChainBreak {
                    number,
                    reason: BreakReason::WrongHash,
                }),
                None => taawun_domain::register::verify_chain(chain),
            };
            report.push((court, verdict));
        }
        Ok(report)
    }

    /// Courts that have a register, for `taawun verify`.
    pub async fn register_courts(&self) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT DISTINCT court_code FROM register_entries ORDER BY court_code")
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// Pre-existing cooperatives and unions that have not filed their adaptation, under a filter,
    /// oldest first, with the total.
    pub async fn pending_adaptation(
        &self,
        filter: &crate::CooperativeFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<CooperativeRow>, i64)> {
        const WHERE: &str = "pre_112_12 = 1 AND COALESCE(adaptation_state, 'not_filed') IN ('not_filed', 'out_of_time')
             AND status = 'active'
             AND ($1 = '' OR region_code = $1) AND ($2 = '' OR province_code = $2) AND ($3 = '' OR sector = $3)";
        let (region, province, sector) = (
            filter.region.clone().unwrap_or_default(),
            filter.province.clone().unwrap_or_default(),
            filter.sector.clone().unwrap_or_default(),
        );
        let count_sql = format!("SELECT COUNT(*) FROM cooperatives WHERE {WHERE}");
        let total: i64 = sqlx::query_scalar(&count_sql)
            .bind(&region)
            .bind(&province)
            .bind(&sector)
            .fetch_one(self.pool())
            .await?;
        let sql = format!(
            "SELECT {} FROM cooperatives WHERE {WHERE} ORDER BY founded_on, id LIMIT $4 OFFSET $5",
            crate::registry::COLUMNS
        );
        let rows = sqlx::query(&sql)
            .bind(&region)
            .bind(&province)
            .bind(&sector)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        Ok((
            rows.iter().map(crate::registry::row).collect::<Result<_>>()?,
            total,
        ))
    }

    /// Lets a manager's account act for a cooperative.
    pub async fn link_manager(&self, cooperative_id: i64, user_id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO cooperative_managers (cooperative_id, user_id, granted_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(cooperative_id)
        .bind(user_id)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "cooperative.manager",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&user_id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn managed_cooperatives(&self, user_id: i64) -> Result<Vec<CooperativeRow>> {
        let sql = format!(
            "SELECT {} FROM cooperatives WHERE id IN (SELECT cooperative_id FROM cooperative_managers WHERE user_id = $1)
             ORDER BY id",
            crate::registry::COLUMNS
        );
        let rows = sqlx::query(&sql).bind(user_id).fetch_all(self.pool()).await?;
        rows.iter().map(crate::registry::row).collect()
    }

    /// Publishes (or withdraws) a cooperative's phone and e-mail from its public record, shop
    /// and the catalogues: the managers' choice, since the contact is often a member's own.
    pub async fn set_contact_public(&self, cooperative_id: i64, public: bool, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE cooperatives SET contact_public = $1 WHERE id = $2")
            .bind(i64::from(public))
            .bind(cooperative_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "cooperative.contact_public",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&public),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn is_manager(&self, user_id: i64, cooperative_id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM cooperative_managers WHERE user_id = $1 AND cooperative_id = $2",
        )
        .bind(user_id)
        .bind(cooperative_id)
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }
}

/// The columns of the analytical record a register entry writes, in the order
/// [`bind_record`] binds them; contacts, history and timestamps are handled by each statement.
pub(crate) const RECORD_COLUMNS: [&str; 23] = [
    "kind",
    "name_ar",
    "name_fr",
    "sort_name",
    "status",
    "sector",
    "branch",
    "region_code",
    "province_code",
    "commune_code",
    "address",
    "court_code",
    "local_number",
    "founded_on",
    "immatriculated_on",
    "adapted_on",
    "capital",
    "share_value",
    "members",
    "women_members",
    "young_members",
    "pre_112_12",
    "adaptation_state",
];

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

fn bind_record<'q>(q: AnyQuery<'q>, c: &'q CooperativeRow) -> AnyQuery<'q> {
    q.bind(&c.kind)
        .bind(&c.name_ar)
        .bind(&c.name_fr)
        .bind(crate::registry::sort_name(
            c.name_fr.as_deref(),
            c.name_ar.as_deref(),
        ))
        .bind(&c.status)
        .bind(&c.sector)
        .bind(&c.branch)
        .bind(&c.region_code)
        .bind(&c.province_code)
        .bind(&c.commune_code)
        .bind(&c.address)
        .bind(&c.court_code)
        .bind(&c.local_number)
        .bind(&c.founded_on)
        .bind(&c.immatriculated_on)
        .bind(&c.adapted_on)
        .bind(c.capital)
        .bind(c.share_value)
        .bind(c.members)
        .bind(c.women_members)
        .bind(c.young_members)
        .bind(i64::from(c.pre_112_12))
        .bind(&c.adaptation_state)
}

/// `$from, $from+1, …` for `n` values.
fn placeholders(from: usize, n: usize) -> Vec<String> {
    (from..from + n).map(|i| format!("${i}")).collect()
}

async fn insert_record(
    tx: &mut Transaction<'static, Any>,
    c: &CooperativeRow,
    import_key: &str,
    t: i64,
) -> Result<i64> {
    let n = RECORD_COLUMNS.len();
    let sql = format!(
        "INSERT INTO cooperatives (import_key, {}, phone, email, history, created_at, updated_at)
         VALUES ($1, {}, ${}, ${}, 0, ${}, ${}) RETURNING id",
        RECORD_COLUMNS.join(", "),
        placeholders(2, n).join(", "),
        n + 2,
        n + 3,
        n + 4,
        n + 4,
    );
    Ok(bind_record(sqlx::query(&sql).bind(import_key), c)
        .bind(&c.phone)
        .bind(&c.email)
        .bind(t)
        .fetch_one(&mut **tx)
        .await?
        .try_get("id")?)
}

/// Rewrites the analytical record of `id`; its contacts and history flag are left as they are.
async fn update_record(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    c: &CooperativeRow,
    t: i64,
) -> Result<()> {
    let n = RECORD_COLUMNS.len();
    let sets: Vec<String> = RECORD_COLUMNS
        .iter()
        .zip(placeholders(1, n))
        .map(|(col, p)| format!("{col} = {p}"))
        .collect();
    let sql = format!(
        "UPDATE cooperatives SET {}, updated_at = ${} WHERE id = ${}",
        sets.join(", "),
        n + 1,
        n + 2
    );
    let done = bind_record(sqlx::query(&sql), c)
        .bind(t)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
