//! The cooperative's own books: members, the shares ledger, mandates, assemblies, kept
//! documents, accounts filed, reminders sent.
//!
//! A ledger line is checked by the domain inside the write transaction that records it, against
//! the members and the ledger as they stand under the cooperative's lock, so two managers paying
//! at once cannot together exceed what is owed.

use serde::Serialize;
use sqlx::{Any, Row, Transaction, any::AnyRow};
use taawun_domain::{
    ValidationErrors,
    campaign::Gender,
    coop_space::{
        AssemblyDraft, MandateDraft, Member, MemberDraft, MemberKind, Movement, MovementKind, ResolutionDraft,
    },
};
use time::Date;

use crate::{Actor, Backend, NewMessage, Result, Store, StoreError, audit, now, outbox};

/// A member with the personal data the managers keep (never shown outside the space).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MemberRow {
    #[serde(flatten)]
    pub member: Member,
    pub id_number: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MovementRow {
    pub id: i64,
    #[serde(flatten)]
    pub movement: Movement,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MandateRow {
    pub id: i64,
    pub role: String,
    pub holder: String,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AssemblyRow {
    pub id: i64,
    pub cooperative_id: i64,
    pub kind: String,
    pub call_number: i64,
    pub held_on: String,
    pub starts_at: Option<String>,
    pub place: String,
    pub agenda: String,
    pub financial_year: Option<i64>,
    pub held: bool,
    pub present: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ResolutionRow {
    pub id: i64,
    pub text_ar: String,
    pub text_fr: String,
    pub votes_for: i64,
    pub votes_against: i64,
    pub abstentions: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeptDocumentRow {
    pub id: i64,
    pub kind: String,
    pub version: i64,
    pub assembly_id: Option<i64>,
    pub financial_year: Option<i64>,
    pub file_name: String,
    pub content_type: String,
    pub uploaded_at: i64,
}

/// An upload to keep.
#[derive(Debug, Clone)]
pub struct NewKeptDocument<'a> {
    pub kind: &'a str,
    pub assembly_id: Option<i64>,
    pub financial_year: Option<i64>,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
}

fn date(raw: &str) -> Result<Date> {
    Date::parse(raw, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|e| StoreError::Database(sqlx::Error::Decode(Box::new(e))))
}

const MEMBER_COLUMNS: &str =
    "id, kind, name, gender, birth_year, joined_on, left_on, id_number, phone, email";

fn member_row(r: &AnyRow) -> Result<MemberRow> {
    let kind: String = r.try_get("kind")?;
    let gender: Option<String> = r.try_get("gender")?;
    let left: Option<String> = r.try_get("left_on")?;
    Ok(MemberRow {
        member: Member {
            id: r.try_get("id")?,
            kind: if kind == "legal_person" {
                MemberKind::LegalPerson
            } else {
                MemberKind::Person
            },
            name: r.try_get("name")?,
            gender: gender.and_then(|g| Gender::parse("gender", &g).ok()),
            birth_year: r.try_get::<Option<i64>, _>("birth_year")?.map(|y| y as i32),
            joined_on: date(&r.try_get::<String, _>("joined_on")?)?,
            left_on: left.as_deref().map(date).transpose()?,
        },
        id_number: r.try_get("id_number")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
    })
}

fn movement_row(r: &AnyRow) -> Result<MovementRow> {
    let kind: String = r.try_get("kind")?;
    Ok(MovementRow {
        id: r.try_get("id")?,
        movement: Movement {
            on: date(&r.try_get::<String, _>("on_date")?)?,
            kind: MovementKind::parse("kind", &kind).map_err(|_| StoreError::NotFound)?,
            member_id: r.try_get("member_id")?,
            to_member_id: r.try_get("to_member_id")?,
            shares: r.try_get("shares")?,
            amount: r.try_get("amount")?,
        },
    })
}

const ASSEMBLY_COLUMNS: &str =
    "a.id, a.cooperative_id, a.kind, a.call_number, a.held_on, a.starts_at, a.place, a.agenda,
    a.financial_year, a.held, (SELECT COUNT(*) FROM assembly_attendance t WHERE t.assembly_id = a.id) AS present";

fn assembly_row(r: &AnyRow) -> Result<AssemblyRow> {
    Ok(AssemblyRow {
        id: r.try_get("id")?,
        cooperative_id: r.try_get("cooperative_id")?,
        kind: r.try_get("kind")?,
        call_number: r.try_get("call_number")?,
        held_on: r.try_get("held_on")?,
        starts_at: r.try_get("starts_at")?,
        place: r.try_get("place")?,
        agenda: r.try_get("agenda")?,
        financial_year: r.try_get("financial_year")?,
        held: r.try_get::<i64, _>("held")? != 0,
        present: r.try_get("present")?,
    })
}

async fn members_in(tx: &mut Transaction<'static, Any>, cooperative_id: i64) -> Result<Vec<MemberRow>> {
    let sql =
        format!("SELECT {MEMBER_COLUMNS} FROM members WHERE cooperative_id = $1 ORDER BY joined_on, id");
    let rows = sqlx::query(&sql)
        .bind(cooperative_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(member_row).collect()
}

async fn ledger_in(tx: &mut Transaction<'static, Any>, cooperative_id: i64) -> Result<Vec<MovementRow>> {
    let rows = sqlx::query(
        "SELECT id, on_date, kind, member_id, to_member_id, shares, amount FROM share_movements
         WHERE cooperative_id = $1 ORDER BY on_date, id",
    )
    .bind(cooperative_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(movement_row).collect()
}

impl Store {
    /// Serialises changes to one cooperative's books (`FOR UPDATE` on PostgreSQL; SQLite has a
    /// single writer already).
    async fn lock_books(&self, tx: &mut Transaction<'static, Any>, cooperative_id: i64) -> Result<()> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        sqlx::query(&format!("SELECT id FROM cooperatives WHERE id = $1{lock}"))
            .bind(cooperative_id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    pub async fn members(&self, cooperative_id: i64) -> Result<Vec<MemberRow>> {
        let mut tx = self.pool().begin().await?;
        let m = members_in(&mut tx, cooperative_id).await?;
        tx.commit().await?;
        Ok(m)
    }

    pub async fn add_member(&self, cooperative_id: i64, m: &MemberDraft, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        self.lock_books(&mut tx, cooperative_id).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO members (cooperative_id, kind, name, id_number, gender, birth_year, phone, email, joined_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(m.kind.as_str())
        .bind(&m.name)
        .bind(&m.id_number)
        .bind(m.gender.map(|g| g.as_str()))
        .bind(m.birth_year.map(i64::from))
        .bind(&m.phone)
        .bind(m.email.as_ref().map(|e| e.as_str().to_string()))
        .bind(m.joined_on.to_string())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        // The audit names the member by id only: the log outlives personal data.
        audit::record(
            &mut tx,
            actor,
            "member.add",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&id),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The cooperatives' member records that carry this e-mail address (Law 09-08 access):
    /// (cooperative id, member).
    pub async fn memberships_with_email(&self, email: &str) -> Result<Vec<(i64, MemberRow)>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS}, cooperative_id FROM members WHERE LOWER(email) = LOWER($1) ORDER BY id"
        );
        let rows = sqlx::query(&sql).bind(email).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("cooperative_id")?, member_row(r)?)))
            .collect()
    }

    /// Records a member's exit on `on` (shares are withdrawn or transferred by ledger lines).
    pub async fn member_leaves(
        &self,
        cooperative_id: i64,
        member_id: i64,
        on: Date,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // A member cannot leave before joining: checked here, in the transaction that writes it,
        // whatever page or job asks.
        let joined: Option<String> = sqlx::query_scalar(
            "SELECT joined_on FROM members WHERE id = $1 AND cooperative_id = $2 AND left_on IS NULL",
        )
        .bind(member_id)
        .bind(cooperative_id)
        .fetch_optional(&mut *tx)
        .await?;
        let joined = joined.ok_or(StoreError::NotFound)?;
        if on < date(&joined)? {
            return Err(StoreError::Conflict("left_before_joining"));
        }
        sqlx::query("UPDATE members SET left_on = $1 WHERE id = $2 AND cooperative_id = $3")
            .bind(on.to_string())
            .bind(member_id)
            .bind(cooperative_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            actor,
            "member.leave",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&member_id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn share_ledger(&self, cooperative_id: i64) -> Result<Vec<MovementRow>> {
        let mut tx = self.pool().begin().await?;
        let l = ledger_in(&mut tx, cooperative_id).await?;
        tx.commit().await?;
        Ok(l)
    }

    /// Records a ledger line that `check` builds from the members and the ledger read under the
    /// cooperative's lock; a refusal leaves nothing written.
    pub async fn add_movement(
        &self,
        cooperative_id: i64,
        check: impl FnOnce(&[Member], &[Movement]) -> std::result::Result<Movement, ValidationErrors>,
        actor: &Actor,
    ) -> Result<std::result::Result<i64, ValidationErrors>> {
        let mut tx = self.begin_write().await?;
        self.lock_books(&mut tx, cooperative_id).await?;
        let members: Vec<Member> = members_in(&mut tx, cooperative_id)
            .await?
            .into_iter()
            .map(|m| m.member)
            .collect();
        let ledger: Vec<Movement> = ledger_in(&mut tx, cooperative_id)
            .await?
            .into_iter()
            .map(|m| m.movement)
            .collect();
        let line = match check(&members, &ledger) {
            Ok(line) => line,
            Err(e) => return Ok(Err(e)),
        };
        let id: i64 = sqlx::query(
            "INSERT INTO share_movements (cooperative_id, on_date, kind, member_id, to_member_id, shares, amount, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(line.on.to_string())
        .bind(line.kind.as_str())
        .bind(line.member_id)
        .bind(line.to_member_id)
        .bind(line.shares)
        .bind(line.amount)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "shares.movement",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&line),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    pub async fn mandates(&self, cooperative_id: i64) -> Result<Vec<MandateRow>> {
        let rows = sqlx::query(
            "SELECT id, role, holder, starts_on, ends_on, ended_on FROM mandates WHERE cooperative_id = $1
             ORDER BY CASE WHEN ended_on IS NULL THEN 0 ELSE 1 END, ends_on, id",
        )
        .bind(cooperative_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MandateRow {
                    id: r.try_get("id")?,
                    role: r.try_get("role")?,
                    holder: r.try_get("holder")?,
                    starts_on: r.try_get("starts_on")?,
                    ends_on: r.try_get("ends_on")?,
                    ended_on: r.try_get("ended_on")?,
                })
            })
            .collect()
    }

    pub async fn add_mandate(&self, cooperative_id: i64, m: &MandateDraft, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        self.lock_books(&mut tx, cooperative_id).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO mandates (cooperative_id, role, holder, starts_on, ends_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(m.role.as_str())
        .bind(&m.holder)
        .bind(m.starts_on.to_string())
        .bind(m.ends_on.to_string())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "mandate.add",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&m),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn end_mandate(
        &self,
        cooperative_id: i64,
        mandate_id: i64,
        on: Date,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE mandates SET ended_on = $1 WHERE id = $2 AND cooperative_id = $3 AND ended_on IS NULL",
        )
        .bind(on.to_string())
        .bind(mandate_id)
        .bind(cooperative_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "mandate.end",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&mandate_id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Convenes an assembly; the notices to members go into the outbox in the same transaction.
    pub async fn convene_assembly(
        &self,
        cooperative_id: i64,
        a: &AssemblyDraft,
        notices: &[NewMessage],
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        self.lock_books(&mut tx, cooperative_id).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO assemblies (cooperative_id, kind, call_number, held_on, starts_at, place, agenda, financial_year, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(a.kind.as_str())
        .bind(i64::from(a.call))
        .bind(a.held_on.to_string())
        .bind(a.starts_at.map(|t| format!("{:02}:{:02}", t.hour(), t.minute())))
        .bind(&a.place)
        .bind(&a.agenda)
        .bind(a.financial_year.map(i64::from))
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let t = now();
        for m in notices {
            outbox::insert_message(&mut tx, m, t).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "assembly.convene",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&id),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn assemblies(&self, cooperative_id: i64) -> Result<Vec<AssemblyRow>> {
        let sql = format!(
            "SELECT {ASSEMBLY_COLUMNS} FROM assemblies a WHERE a.cooperative_id = $1 ORDER BY a.held_on DESC, a.id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(cooperative_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(assembly_row).collect()
    }

    pub async fn assembly(&self, id: i64) -> Result<AssemblyRow> {
        let sql = format!("SELECT {ASSEMBLY_COLUMNS} FROM assemblies a WHERE a.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        assembly_row(&row)
    }

    pub async fn attendance_of(&self, assembly_id: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT member_id FROM assembly_attendance WHERE assembly_id = $1 ORDER BY member_id",
        )
        .bind(assembly_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("member_id")?)).collect()
    }

    /// Records who was present (members of the cooperative on the assembly's day only) and
    /// marks the assembly held.
    pub async fn record_attendance(&self, assembly_id: i64, member_ids: &[i64], actor: &Actor) -> Result<()> {
        let a = self.assembly(assembly_id).await?;
        let mut tx = self.begin_write().await?;
        self.lock_books(&mut tx, a.cooperative_id).await?;
        let day = date(&a.held_on)?;
        let members = members_in(&mut tx, a.cooperative_id).await?;
        sqlx::query("DELETE FROM assembly_attendance WHERE assembly_id = $1")
            .bind(assembly_id)
            .execute(&mut *tx)
            .await?;
        for id in member_ids {
            if members
                .iter()
                .any(|m| m.member.id == *id && m.member.is_member_on(day))
            {
                sqlx::query("INSERT INTO assembly_attendance (assembly_id, member_id) VALUES ($1, $2)")
                    .bind(assembly_id)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("UPDATE assemblies SET held = 1 WHERE id = $1")
            .bind(assembly_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            actor,
            "assembly.attendance",
            "cooperative",
            &a.cooperative_id.to_string(),
            None::<&()>,
            Some(&member_ids.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_resolution(&self, assembly_id: i64, r: &ResolutionDraft, actor: &Actor) -> Result<i64> {
        let a = self.assembly(assembly_id).await?;
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO resolutions (assembly_id, text_ar, text_fr, votes_for, votes_against, abstentions)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(assembly_id)
        .bind(&r.text_ar)
        .bind(&r.text_fr)
        .bind(r.votes_for)
        .bind(r.votes_against)
        .bind(r.abstentions)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "assembly.resolution",
            "cooperative",
            &a.cooperative_id.to_string(),
            None::<&()>,
            Some(r),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn resolutions(&self, assembly_id: i64) -> Result<Vec<ResolutionRow>> {
        let rows = sqlx::query(
            "SELECT id, text_ar, text_fr, votes_for, votes_against, abstentions FROM resolutions WHERE assembly_id = $1 ORDER BY id",
        )
        .bind(assembly_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ResolutionRow {
                    id: r.try_get("id")?,
                    text_ar: r.try_get("text_ar")?,
                    text_fr: r.try_get("text_fr")?,
                    votes_for: r.try_get("votes_for")?,
                    votes_against: r.try_get("votes_against")?,
                    abstentions: r.try_get("abstentions")?,
                })
            })
            .collect()
    }

    /// Keeps a new version of a document.
    pub async fn keep_document(
        &self,
        cooperative_id: i64,
        d: &NewKeptDocument<'_>,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        self.lock_books(&mut tx, cooperative_id).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO kept_documents (cooperative_id, kind, version, assembly_id, financial_year, file_name, content_type,
                 sha256, bytes, uploaded_at, uploaded_by)
             VALUES ($1, $2, (SELECT COALESCE(MAX(version), 0) + 1 FROM kept_documents WHERE cooperative_id = $1 AND kind = $2),
                 $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(d.kind)
        .bind(d.assembly_id)
        .bind(d.financial_year)
        .bind(d.file_name)
        .bind(d.content_type)
        .bind(d.sha256)
        .bind(d.bytes)
        .bind(now())
        .bind(actor.id())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "document.keep",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&(d.kind, d.sha256)),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every version of every kept document, newest first within a kind.
    pub async fn kept_documents(&self, cooperative_id: i64) -> Result<Vec<KeptDocumentRow>> {
        let rows = sqlx::query(
            "SELECT id, kind, version, assembly_id, financial_year, file_name, content_type, uploaded_at
             FROM kept_documents WHERE cooperative_id = $1 ORDER BY kind, version DESC",
        )
        .bind(cooperative_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(KeptDocumentRow {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    version: r.try_get("version")?,
                    assembly_id: r.try_get("assembly_id")?,
                    financial_year: r.try_get("financial_year")?,
                    file_name: r.try_get("file_name")?,
                    content_type: r.try_get("content_type")?,
                    uploaded_at: r.try_get("uploaded_at")?,
                })
            })
            .collect()
    }

    /// A kept document's name, type and bytes.
    pub async fn kept_document(&self, cooperative_id: i64, id: i64) -> Result<(String, String, Vec<u8>)> {
        let r = sqlx::query(
            "SELECT file_name, content_type, bytes FROM kept_documents WHERE id = $1 AND cooperative_id = $2",
        )
        .bind(id)
        .bind(cooperative_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok((
            r.try_get("file_name")?,
            r.try_get("content_type")?,
            r.try_get("bytes")?,
        ))
    }

    pub async fn accounts_filed(&self, cooperative_id: i64) -> Result<Vec<i32>> {
        let rows = sqlx::query(
            "SELECT financial_year FROM accounts_filings WHERE cooperative_id = $1 ORDER BY financial_year",
        )
        .bind(cooperative_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<i64, _>("financial_year")? as i32))
            .collect()
    }

    pub async fn mark_accounts_filed(
        &self,
        cooperative_id: i64,
        year: i32,
        on: Date,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO accounts_filings (cooperative_id, financial_year, filed_on) VALUES ($1, $2, $3)
             ON CONFLICT (cooperative_id, financial_year) DO UPDATE SET filed_on = $3",
        )
        .bind(cooperative_id)
        .bind(i64::from(year))
        .bind(on.to_string())
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "accounts.filed",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&year),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Cooperatives whose managers keep their books here (the office's view of obligations).
    pub async fn space_cooperatives(&self) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT id FROM cooperatives WHERE id IN (SELECT cooperative_id FROM members)
                OR id IN (SELECT cooperative_id FROM assemblies) OR id IN (SELECT cooperative_id FROM mandates)
             ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }

    /// Queues a reminder unless the same one (cooperative, obligation, threshold) already went:
    /// the marker and the message are written together, so concurrent processes send it once.
    pub async fn remind_once(
        &self,
        cooperative_id: i64,
        key: &str,
        threshold: &str,
        messages: &[NewMessage],
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO obligation_reminders (cooperative_id, key, threshold, sent_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (cooperative_id, key, threshold) DO NOTHING",
        )
        .bind(cooperative_id)
        .bind(key)
        .bind(threshold)
        .bind(now())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if inserted {
            let t = now();
            for m in messages {
                outbox::insert_message(&mut tx, m, t).await?;
            }
        }
        tx.commit().await?;
        Ok(inserted)
    }

    /// The e-mail addresses of a cooperative's managers (for reminders).
    pub async fn manager_emails(&self, cooperative_id: i64) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT u.email, u.lang FROM users u JOIN cooperative_managers m ON m.user_id = u.id WHERE m.cooperative_id = $1",
        )
        .bind(cooperative_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("email")?, r.try_get("lang")?)))
            .collect()
    }
}
