//! Campaigns, meetings, programmes, registrations (with the waiting list and check-in) and
//! meeting reports.
//!
//! The capacity holds under any burst of registrations: each registration, cancellation and
//! capacity change runs in one write transaction that first locks the meeting's row (`FOR
//! UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already serialises writers) and keeps
//! `meetings.confirmed_count` in step. A partial unique index catches the same person
//! registering twice, even when both requests arrive at once.

use serde::Serialize;
use sqlx::{Any, Row, Transaction, any::AnyRow};
use taawun_domain::campaign::{
    CampaignDraft, ItemDraft, MeetingDraft, RegistrationDraft, RegistrationStatus, admission,
};

use crate::{Actor, Backend, NewMessage, Result, Store, StoreError, audit, now, outbox};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Campaign {
    pub id: i64,
    pub title_ar: String,
    pub title_fr: String,
    pub slogan_ar: String,
    pub slogan_fr: String,
    pub objectives_ar: String,
    pub objectives_fr: String,
    pub axes_ar: String,
    pub axes_fr: String,
    pub partners_ar: String,
    pub partners_fr: String,
    pub target_groups: Vec<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub meeting_count: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Meeting {
    pub id: i64,
    pub campaign_id: i64,
    pub level: String,
    pub city_ar: String,
    pub city_fr: String,
    pub region_code: String,
    pub province_code: Option<String>,
    pub venue_ar: String,
    pub venue_fr: String,
    pub date: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub capacity: i64,
    pub confirmed_count: i64,
    pub organisers: String,
    pub partners: String,
    pub animators: String,
    pub cancelled: bool,
}

impl Meeting {
    /// The meeting's day, when it is fixed.
    pub fn day(&self) -> Option<time::Date> {
        self.date.as_deref().and_then(|d| {
            time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok()
        })
    }

    pub fn places_left(&self) -> i64 {
        (self.capacity - self.confirmed_count).max(0)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProgrammeItem {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub kind: String,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub title_ar: String,
    pub title_fr: String,
    pub presenter_ar: String,
    pub presenter_fr: String,
    pub room: String,
}

/// The outcome of a check-in at the door: the registration as it now stands, and whether the
/// person had already been checked in (then `checked_in_at` is the first time).
#[derive(Debug, Clone)]
pub struct CheckedIn {
    pub registration: MeetingRegistration,
    pub already: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MeetingRegistration {
    pub id: i64,
    pub meeting_id: i64,
    pub token: String,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub target_group: String,
    pub organisation: String,
    pub gender: Option<String>,
    pub province_code: Option<String>,
    pub cooperative_id: Option<i64>,
    pub status: String,
    pub lang: String,
    pub walk_in: bool,
    pub created_at: i64,
    pub cancelled_at: Option<i64>,
    pub checked_in_at: Option<i64>,
}

/// A meeting's report, in both languages; list fields hold one item per line.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct MeetingReport {
    pub summary_ar: String,
    pub summary_fr: String,
    pub speakers_ar: String,
    pub speakers_fr: String,
    pub figures_ar: String,
    pub figures_fr: String,
    pub weaknesses_ar: String,
    pub weaknesses_fr: String,
    pub recommendations_ar: String,
    pub recommendations_fr: String,
    pub published_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PhotoInfo {
    pub id: i64,
    pub meeting_id: i64,
    pub caption_ar: String,
    pub caption_fr: String,
    pub content_type: String,
}

/// One cell of the attendance counts: how many registrations of a meeting share these values.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AttendanceCount {
    pub meeting_id: i64,
    pub target_group: String,
    pub province_code: Option<String>,
    pub gender: Option<String>,
    pub status: String,
    pub present: bool,
    pub count: i64,
}

/// What a new registration came to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Registered {
    pub registration: MeetingRegistration,
    /// Rank on the waiting list (1 = next to move up), when waitlisted.
    pub waitlist_rank: Option<i64>,
}

/// How a registration enters: through the public form, or at the door by staff (checked in at
/// once; a place is needed, there is no waiting list at the door).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Public,
    WalkIn,
}

/// What registrants are told about when a meeting changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingChange {
    Cancelled,
    /// Its day, time or place changed.
    Moved,
}

/// A registration to record: the checked form, its ticket's secret, the language the person
/// used (for the messages they will get), and how they came.
#[derive(Debug, Clone, Copy)]
pub struct NewRegistration<'a> {
    pub draft: &'a RegistrationDraft,
    pub token: &'a str,
    pub lang: &'a str,
    pub entry: Entry,
}

/// Writes the message for a registration (confirmation, waiting list, moved up), or none when
/// the person left no e-mail address.
pub type MessageFor<'a> = &'a (dyn Fn(&MeetingRegistration) -> Option<NewMessage> + Send + Sync);

const CAMPAIGN_COLUMNS: &str =
    "c.id, c.title_ar, c.title_fr, c.slogan_ar, c.slogan_fr, c.objectives_ar, c.objectives_fr,
    c.axes_ar, c.axes_fr, c.partners_ar, c.partners_fr, c.target_groups, c.starts_on, c.ends_on,
    (SELECT COUNT(*) FROM meetings m WHERE m.campaign_id = c.id) AS meeting_count";

fn campaign_row(r: &AnyRow) -> Result<Campaign> {
    let groups: String = r.try_get("target_groups")?;
    Ok(Campaign {
        id: r.try_get("id")?,
        title_ar: r.try_get("title_ar")?,
        title_fr: r.try_get("title_fr")?,
        slogan_ar: r.try_get("slogan_ar")?,
        slogan_fr: r.try_get("slogan_fr")?,
        objectives_ar: r.try_get("objectives_ar")?,
        objectives_fr: r.try_get("objectives_fr")?,
        axes_ar: r.try_get("axes_ar")?,
        axes_fr: r.try_get("axes_fr")?,
        partners_ar: r.try_get("partners_ar")?,
        partners_fr: r.try_get("partners_fr")?,
        target_groups: groups
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        starts_on: r.try_get("starts_on")?,
        ends_on: r.try_get("ends_on")?,
        meeting_count: r.try_get("meeting_count")?,
    })
}

const MEETING_COLUMNS: &str =
    "id, campaign_id, level, city_ar, city_fr, region_code, province_code, venue_ar, venue_fr,
    date, starts_at, ends_at, capacity, confirmed_count, organisers, partners, animators, cancelled";

fn meeting_row(r: &AnyRow) -> Result<Meeting> {
    Ok(Meeting {
        id: r.try_get("id")?,
        campaign_id: r.try_get("campaign_id")?,
        level: r.try_get("level")?,
        city_ar: r.try_get("city_ar")?,
        city_fr: r.try_get("city_fr")?,
        region_code: r.try_get("region_code")?,
        province_code: r.try_get("province_code")?,
        venue_ar: r.try_get("venue_ar")?,
        venue_fr: r.try_get("venue_fr")?,
        date: r.try_get("date")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        capacity: r.try_get("capacity")?,
        confirmed_count: r.try_get("confirmed_count")?,
        organisers: r.try_get("organisers")?,
        partners: r.try_get("partners")?,
        animators: r.try_get("animators")?,
        cancelled: r.try_get::<i64, _>("cancelled")? != 0,
    })
}

const ITEM_COLUMNS: &str = "id, meeting_id, position, kind, starts_at, ends_at, title_ar, title_fr, presenter_ar, presenter_fr, room";

fn item_row(r: &AnyRow) -> Result<ProgrammeItem> {
    Ok(ProgrammeItem {
        id: r.try_get("id")?,
        meeting_id: r.try_get("meeting_id")?,
        position: r.try_get("position")?,
        kind: r.try_get("kind")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        title_ar: r.try_get("title_ar")?,
        title_fr: r.try_get("title_fr")?,
        presenter_ar: r.try_get("presenter_ar")?,
        presenter_fr: r.try_get("presenter_fr")?,
        room: r.try_get("room")?,
    })
}

const REGISTRATION_COLUMNS: &str =
    "id, meeting_id, token, name, phone, email, target_group, organisation, gender,
    province_code, cooperative_id, status, lang, walk_in, created_at, cancelled_at, checked_in_at";

fn registration_row(r: &AnyRow) -> Result<MeetingRegistration> {
    Ok(MeetingRegistration {
        id: r.try_get("id")?,
        meeting_id: r.try_get("meeting_id")?,
        token: r.try_get("token")?,
        name: r.try_get("name")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        target_group: r.try_get("target_group")?,
        organisation: r.try_get("organisation")?,
        gender: r.try_get("gender")?,
        province_code: r.try_get("province_code")?,
        cooperative_id: r.try_get("cooperative_id")?,
        status: r.try_get("status")?,
        lang: r.try_get("lang")?,
        walk_in: r.try_get::<i64, _>("walk_in")? != 0,
        created_at: r.try_get("created_at")?,
        cancelled_at: r.try_get("cancelled_at")?,
        checked_in_at: r.try_get("checked_in_at")?,
    })
}

const REPORT_COLUMNS: &str =
    "summary_ar, summary_fr, speakers_ar, speakers_fr, figures_ar, figures_fr, weaknesses_ar,
    weaknesses_fr, recommendations_ar, recommendations_fr, published_at";

fn iso(d: Option<time::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn hhmm(t: Option<time::Time>) -> Option<String> {
    t.map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
}

impl Store {
    /// Locks a meeting for the rest of the transaction and reads it.
    async fn lock_meeting(&self, tx: &mut Transaction<'static, Any>, id: i64) -> Result<Meeting> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let sql = format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE id = $1{lock}");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        meeting_row(&row)
    }

    pub async fn create_campaign(&self, c: &CampaignDraft, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let id: i64 = sqlx::query(
            "INSERT INTO campaigns (title_ar, title_fr, slogan_ar, slogan_fr, objectives_ar, objectives_fr, axes_ar,
                 axes_fr, partners_ar, partners_fr, target_groups, starts_on, ends_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
        )
        .bind(&c.title_ar)
        .bind(&c.title_fr)
        .bind(&c.slogan_ar)
        .bind(&c.slogan_fr)
        .bind(&c.objectives_ar)
        .bind(&c.objectives_fr)
        .bind(&c.axes_ar)
        .bind(&c.axes_fr)
        .bind(&c.partners_ar)
        .bind(&c.partners_fr)
        .bind(groups(c))
        .bind(iso(c.starts_on))
        .bind(iso(c.ends_on))
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "campaign.create",
            "campaign",
            &id.to_string(),
            None::<&()>,
            Some(&c.title_fr),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_campaign(&self, id: i64, c: &CampaignDraft, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE campaigns SET title_ar = $1, title_fr = $2, slogan_ar = $3, slogan_fr = $4, objectives_ar = $5,
                 objectives_fr = $6, axes_ar = $7, axes_fr = $8, partners_ar = $9, partners_fr = $10,
                 target_groups = $11, starts_on = $12, ends_on = $13, updated_at = $14 WHERE id = $15",
        )
        .bind(&c.title_ar)
        .bind(&c.title_fr)
        .bind(&c.slogan_ar)
        .bind(&c.slogan_fr)
        .bind(&c.objectives_ar)
        .bind(&c.objectives_fr)
        .bind(&c.axes_ar)
        .bind(&c.axes_fr)
        .bind(&c.partners_ar)
        .bind(&c.partners_fr)
        .bind(groups(c))
        .bind(iso(c.starts_on))
        .bind(iso(c.ends_on))
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "campaign.update",
            "campaign",
            &id.to_string(),
            None::<&()>,
            Some(&c.title_fr),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every campaign, the newest first.
    pub async fn campaigns(&self) -> Result<Vec<Campaign>> {
        let sql = format!(
            "SELECT {CAMPAIGN_COLUMNS} FROM campaigns c ORDER BY COALESCE(c.starts_on, '') DESC, c.id DESC"
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(campaign_row).collect()
    }

    pub async fn campaign(&self, id: i64) -> Result<Campaign> {
        let sql = format!("SELECT {CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        campaign_row(&row)
    }

    pub async fn create_meeting(&self, campaign_id: i64, m: &MeetingDraft, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let t = now();
        let id: i64 = sqlx::query(
            "INSERT INTO meetings (campaign_id, level, city_ar, city_fr, region_code, province_code, venue_ar, venue_fr,
                 date, starts_at, ends_at, capacity, organisers, partners, animators, created_at, updated_at)
             SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16
             FROM campaigns WHERE id = $1 RETURNING id",
        )
        .bind(campaign_id)
        .bind(m.level.as_str())
        .bind(&m.city_ar)
        .bind(&m.city_fr)
        .bind(m.region.as_str())
        .bind(m.province.as_ref().map(|p| p.as_str().to_string()))
        .bind(&m.venue_ar)
        .bind(&m.venue_fr)
        .bind(iso(m.date))
        .bind(hhmm(m.starts_at))
        .bind(hhmm(m.ends_at))
        .bind(m.capacity)
        .bind(&m.organisers)
        .bind(&m.partners)
        .bind(&m.animators)
        .bind(t)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "meeting.create",
            "meeting",
            &id.to_string(),
            None::<&()>,
            Some(&m.city_fr),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a meeting. A capacity below the places already given is refused
    /// (`Conflict("capacity_below_confirmed")`); a larger one moves people up from the waiting
    /// list at once, each told by `message`. When the meeting is cancelled, or its day, time or
    /// place changes, everyone registered is told by `notice`, in the same transaction.
    pub async fn update_meeting(
        &self,
        id: i64,
        m: &MeetingDraft,
        cancelled: bool,
        message: MessageFor<'_>,
        notice: &(dyn Fn(&MeetingRegistration, MeetingChange) -> Option<NewMessage> + Send + Sync),
        actor: &Actor,
    ) -> Result<Vec<MeetingRegistration>> {
        let mut tx = self.begin_write().await?;
        let before = self.lock_meeting(&mut tx, id).await?;
        if m.capacity < before.confirmed_count {
            return Err(StoreError::Conflict("capacity_below_confirmed"));
        }
        sqlx::query(
            "UPDATE meetings SET level = $1, city_ar = $2, city_fr = $3, region_code = $4, province_code = $5,
                 venue_ar = $6, venue_fr = $7, date = $8, starts_at = $9, ends_at = $10, capacity = $11,
                 organisers = $12, partners = $13, animators = $14, cancelled = $15, updated_at = $16 WHERE id = $17",
        )
        .bind(m.level.as_str())
        .bind(&m.city_ar)
        .bind(&m.city_fr)
        .bind(m.region.as_str())
        .bind(m.province.as_ref().map(|p| p.as_str().to_string()))
        .bind(&m.venue_ar)
        .bind(&m.venue_fr)
        .bind(iso(m.date))
        .bind(hhmm(m.starts_at))
        .bind(hhmm(m.ends_at))
        .bind(m.capacity)
        .bind(&m.organisers)
        .bind(&m.partners)
        .bind(&m.animators)
        .bind(i64::from(cancelled))
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let change = if cancelled && !before.cancelled {
            Some(MeetingChange::Cancelled)
        } else if !cancelled
            && (before.date != iso(m.date)
                || before.starts_at != hhmm(m.starts_at)
                || before.venue_ar != m.venue_ar
                || before.venue_fr != m.venue_fr)
        {
            Some(MeetingChange::Moved)
        } else {
            None
        };
        if let Some(change) = change {
            let sql = format!(
                "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE meeting_id = $1 AND status <> 'cancelled' ORDER BY id"
            );
            let rows = sqlx::query(&sql).bind(id).fetch_all(&mut *tx).await?;
            let t = now();
            for row in &rows {
                if let Some(msg) = notice(&registration_row(row)?, change) {
                    outbox::insert_message(&mut tx, &msg, t).await?;
                }
            }
        }
        let promoted = if cancelled {
            Vec::new()
        } else {
            promote(&mut tx, id, m.capacity - before.confirmed_count, message).await?
        };
        audit::record(
            &mut tx,
            actor,
            "meeting.update",
            "meeting",
            &id.to_string(),
            Some(&before),
            Some(&m.city_fr),
        )
        .await?;
        tx.commit().await?;
        Ok(promoted)
    }

    /// A campaign's meetings by date (those without a date last).
    pub async fn meetings(&self, campaign_id: i64) -> Result<Vec<Meeting>> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE campaign_id = $1
             ORDER BY CASE WHEN date IS NULL THEN 1 ELSE 0 END, date, starts_at, id"
        );
        let rows = sqlx::query(&sql).bind(campaign_id).fetch_all(self.pool()).await?;
        rows.iter().map(meeting_row).collect()
    }

    /// Meetings of every campaign on or after a date, soonest first (the home page, the feed).
    pub async fn upcoming_meetings(&self, from: time::Date, limit: i64) -> Result<Vec<Meeting>> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE date >= $1 AND cancelled = 0 ORDER BY date, starts_at, id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(from.to_string())
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(meeting_row).collect()
    }

    pub async fn meeting(&self, id: i64) -> Result<Meeting> {
        let sql = format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        meeting_row(&row)
    }

    /// Adds a line at the end of a meeting's programme.
    pub async fn add_programme_item(&self, meeting_id: i64, item: &ItemDraft, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        self.lock_meeting(&mut tx, meeting_id).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO programme_items (meeting_id, position, kind, starts_at, ends_at, title_ar, title_fr,
                 presenter_ar, presenter_fr, room)
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM programme_items WHERE meeting_id = $1),
                 $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(meeting_id)
        .bind(item.kind.as_str())
        .bind(hhmm(item.starts_at))
        .bind(hhmm(item.ends_at))
        .bind(&item.title_ar)
        .bind(&item.title_fr)
        .bind(&item.presenter_ar)
        .bind(&item.presenter_fr)
        .bind(&item.room)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "programme.add",
            "meeting",
            &meeting_id.to_string(),
            None::<&()>,
            Some(&item.title_fr),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a programme line (and the choices of it, when it was a workshop).
    pub async fn remove_programme_item(&self, meeting_id: i64, item_id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        self.lock_meeting(&mut tx, meeting_id).await?;
        sqlx::query("DELETE FROM registration_workshops WHERE item_id = $1 AND item_id IN (SELECT id FROM programme_items WHERE meeting_id = $2)")
            .bind(item_id)
            .bind(meeting_id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM programme_items WHERE id = $1 AND meeting_id = $2")
            .bind(item_id)
            .bind(meeting_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "programme.remove",
            "meeting",
            &meeting_id.to_string(),
            Some(&item_id),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A meeting's programme in order: by time, then as entered.
    pub async fn programme(&self, meeting_id: i64) -> Result<Vec<ProgrammeItem>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM programme_items WHERE meeting_id = $1
             ORDER BY CASE WHEN starts_at IS NULL THEN 1 ELSE 0 END, starts_at, position"
        );
        let rows = sqlx::query(&sql).bind(meeting_id).fetch_all(self.pool()).await?;
        rows.iter().map(item_row).collect()
    }

    /// Registers someone. Confirmed while places remain, waitlisted after (a walk-in needs a
    /// place: `Conflict("meeting_full")`); the same person twice is `Conflict("already_registered")`;
    /// a cooperative number not in the register is `Conflict("unknown_cooperative")`. The
    /// confirmation is queued in the same transaction.
    pub async fn register_participant(
        &self,
        meeting_id: i64,
        new: &NewRegistration<'_>,
        message: MessageFor<'_>,
        actor: &Actor,
    ) -> Result<Registered> {
        let NewRegistration {
            draft: r,
            token,
            lang,
            entry,
        } = *new;
        let mut tx = self.begin_write().await?;
        let meeting = self.lock_meeting(&mut tx, meeting_id).await?;
        let cooperative_id: Option<i64> = match &r.cooperative_number {
            None => None,
            Some(number) => Some(
                sqlx::query("SELECT id FROM cooperatives WHERE central_number = $1")
                    .bind(number)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StoreError::Conflict("unknown_cooperative"))?
                    .try_get("id")?,
            ),
        };
        let status = admission(meeting.confirmed_count, meeting.capacity);
        let (walk_in, checked_in_at, staff) = match entry {
            Entry::Public => (0_i64, None, None),
            Entry::WalkIn => {
                if status != RegistrationStatus::Confirmed {
                    return Err(StoreError::Conflict("meeting_full"));
                }
                (1, Some(now()), actor.id())
            }
        };
        let province = r
            .province
            .as_ref()
            .map(|p| p.as_str().to_string())
            .or(meeting.province_code.clone());
        let id: i64 = sqlx::query(
            "INSERT INTO registrations (meeting_id, token, identity, name, phone, email, target_group, organisation,
                 gender, province_code, cooperative_id, status, lang, walk_in, created_at, checked_in_at, checked_in_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        )
        .bind(meeting_id)
        .bind(token)
        .bind(r.identity())
        .bind(&r.name)
        .bind(&r.phone)
        .bind(r.email.as_ref().map(|e| e.as_str().to_string()))
        .bind(r.target_group.as_str())
        .bind(&r.organisation)
        .bind(r.gender.map(|g| g.as_str()))
        .bind(province)
        .bind(cooperative_id)
        .bind(status.as_str())
        .bind(lang)
        .bind(walk_in)
        .bind(now())
        .bind(checked_in_at)
        .bind(staff)
        .fetch_one(&mut *tx)
        .await
        .map_err(crate::conflict_on_unique("already_registered"))?
        .try_get("id")?;
        for item in &r.workshops {
            sqlx::query("INSERT INTO registration_workshops (registration_id, item_id) VALUES ($1, $2)")
                .bind(id)
                .bind(item)
                .execute(&mut *tx)
                .await?;
        }
        if status == RegistrationStatus::Confirmed {
            sqlx::query("UPDATE meetings SET confirmed_count = confirmed_count + 1 WHERE id = $1")
                .bind(meeting_id)
                .execute(&mut *tx)
                .await?;
        }
        let registration = registration_by(&mut tx, RegistrationKey::Id(id)).await?;
        if let Some(m) = message(&registration) {
            outbox::insert_message(&mut tx, &m, now()).await?;
        }
        if entry == Entry::WalkIn {
            // Staff act in the register of presence: keep who let whom in.
            audit::record(
                &mut tx,
                actor,
                "registration.walk_in",
                "meeting",
                &meeting_id.to_string(),
                None::<&()>,
                Some(&id),
            )
            .await?;
        }
        let rank = waitlist_rank(&mut tx, &registration).await?;
        tx.commit().await?;
        Ok(Registered {
            registration,
            waitlist_rank: rank,
        })
    }

    /// The registration holding a ticket's secret, with its rank on the waiting list.
    pub async fn registration_by_token(&self, token: &str) -> Result<Registered> {
        let mut tx = self.pool().begin().await?;
        let registration = registration_by(&mut tx, RegistrationKey::Token(token)).await?;
        let rank = waitlist_rank(&mut tx, &registration).await?;
        tx.commit().await?;
        Ok(Registered {
            registration,
            waitlist_rank: rank,
        })
    }

    /// The workshops a registration chose.
    pub async fn chosen_workshops(&self, registration_id: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT item_id FROM registration_workshops WHERE registration_id = $1 ORDER BY item_id",
        )
        .bind(registration_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("item_id")?)).collect()
    }

    /// Cancels a registration by its ticket. A freed place goes to the first on the waiting
    /// list, who is told by `message`; returns who moved up.
    pub async fn cancel_registration(
        &self,
        token: &str,
        message: MessageFor<'_>,
    ) -> Result<Vec<MeetingRegistration>> {
        let mut tx = self.begin_write().await?;
        let found = registration_by(&mut tx, RegistrationKey::Token(token)).await?;
        let meeting = self.lock_meeting(&mut tx, found.meeting_id).await?;
        // Read again under the meeting's lock: a concurrent cancellation may have won.
        let r = registration_by(&mut tx, RegistrationKey::Token(token)).await?;
        if r.status == RegistrationStatus::Cancelled.as_str() || r.checked_in_at.is_some() {
            return Ok(Vec::new());
        }
        sqlx::query("UPDATE registrations SET status = 'cancelled', cancelled_at = $1 WHERE id = $2")
            .bind(now())
            .bind(r.id)
            .execute(&mut *tx)
            .await?;
        let mut promoted = Vec::new();
        if r.status == RegistrationStatus::Confirmed.as_str() {
            sqlx::query("UPDATE meetings SET confirmed_count = confirmed_count - 1 WHERE id = $1")
                .bind(r.meeting_id)
                .execute(&mut *tx)
                .await?;
            let free = meeting.capacity - (meeting.confirmed_count - 1);
            if !meeting.cancelled {
                promoted = promote(&mut tx, r.meeting_id, free, message).await?;
            }
        }
        tx.commit().await?;
        Ok(promoted)
    }

    /// A meeting's registrations for its staff: confirmed first, then the waiting list, then
    /// the cancelled, each in the order they came. (A meeting has at most its capacity plus its
    /// waiting list, so its staff's searches filter this list: `taawun_app::campaigns`.)
    pub async fn meeting_registrations(&self, meeting_id: i64) -> Result<Vec<MeetingRegistration>> {
        let sql = format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE meeting_id = $1
             ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, id"
        );
        let rows = sqlx::query(&sql).bind(meeting_id).fetch_all(self.pool()).await?;
        rows.iter().map(registration_row).collect()
    }

    /// Records that a confirmed participant is present. Idempotent: a second scan of the same
    /// ticket (a retry from a phone on a weak connection) changes nothing. Waitlisted and
    /// cancelled registrations are `Conflict("not_confirmed")`.
    pub async fn check_in(
        &self,
        meeting_id: i64,
        registration: RegistrationKey<'_>,
        actor: &Actor,
    ) -> Result<CheckedIn> {
        let mut tx = self.begin_write().await?;
        let r = registration_by(&mut tx, registration).await?;
        if r.meeting_id != meeting_id {
            return Err(StoreError::NotFound);
        }
        if r.status != RegistrationStatus::Confirmed.as_str() {
            return Err(StoreError::Conflict("not_confirmed"));
        }
        // Two phones at the door may send the same ticket at once: the guarded UPDATE lets one
        // of them check the person in, and tells the other it was already done.
        let mut already = r.checked_in_at.is_some();
        if !already {
            let done = sqlx::query("UPDATE registrations SET checked_in_at = $1, checked_in_by = $2 WHERE id = $3 AND checked_in_at IS NULL")
                .bind(now())
                .bind(actor.id())
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
            already = done.rows_affected() == 0;
        }
        if !already {
            audit::record(
                &mut tx,
                actor,
                "registration.check_in",
                "meeting",
                &meeting_id.to_string(),
                None::<&()>,
                Some(&r.id),
            )
            .await?;
        }
        let registration = registration_by(&mut tx, RegistrationKey::Id(r.id)).await?;
        tx.commit().await?;
        Ok(CheckedIn {
            registration,
            already,
        })
    }

    /// Counts of registrations by meeting, target group, province, gender, status and presence.
    pub async fn attendance(&self, campaign_id: i64) -> Result<Vec<AttendanceCount>> {
        let rows = sqlx::query(
            "SELECT r.meeting_id, r.target_group, r.province_code, r.gender, r.status,
                    CASE WHEN r.checked_in_at IS NULL THEN 0 ELSE 1 END AS present, COUNT(*) AS count
             FROM registrations r JOIN meetings m ON m.id = r.meeting_id
             WHERE m.campaign_id = $1
             GROUP BY r.meeting_id, r.target_group, r.province_code, r.gender, r.status,
                      CASE WHEN r.checked_in_at IS NULL THEN 0 ELSE 1 END",
        )
        .bind(campaign_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AttendanceCount {
                    meeting_id: r.try_get("meeting_id")?,
                    target_group: r.try_get("target_group")?,
                    province_code: r.try_get("province_code")?,
                    gender: r.try_get("gender")?,
                    status: r.try_get("status")?,
                    present: r.try_get::<i64, _>("present")? != 0,
                    count: r.try_get("count")?,
                })
            })
            .collect()
    }

    /// Law 09-08: who came to a meeting is kept only as long as it serves. Registrations of
    /// meetings held before `before` lose the person's name and contacts; what the figures need
    /// (group, province, gender, presence) stays. Returns how many were cleared.
    pub async fn forget_past_registrants(&self, before: time::Date) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE registrations SET name = '', phone = NULL, email = NULL, organisation = '',
                 identity = 'forgotten:' || CAST(id AS TEXT)
             WHERE identity NOT LIKE 'forgotten:%'
               AND meeting_id IN (SELECT id FROM meetings WHERE date IS NOT NULL AND date < $1)",
        )
        .bind(before.to_string())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() > 0 {
            audit::record(
                &mut tx,
                &Actor::System("retention"),
                "registration.forget",
                "meeting",
                "*",
                None::<&()>,
                Some(&done.rows_affected()),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// A person's registrations to meetings, found by their e-mail address (Law 09-08 access).
    pub async fn registrations_with_email(&self, email: &str) -> Result<Vec<MeetingRegistration>> {
        let sql = format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE LOWER(email) = LOWER($1) ORDER BY id"
        );
        let rows = sqlx::query(&sql).bind(email).fetch_all(self.pool()).await?;
        rows.iter().map(registration_row).collect()
    }

    /// Erases the name and contacts of a person's registrations on request (Law 09-08); what the
    /// attendance figures count stays. Returns how many were cleared.
    pub async fn forget_registrations_with_email(&self, email: &str, actor: &Actor) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE registrations SET name = '', phone = NULL, email = NULL, organisation = '',
                 identity = 'forgotten:' || CAST(id AS TEXT)
             WHERE LOWER(email) = LOWER($1)",
        )
        .bind(email)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "registration.forget",
            "registration",
            "*",
            None::<&()>,
            Some(&done.rows_affected()),
        )
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// A meeting's report; an empty, unpublished one if none was written.
    pub async fn meeting_report(&self, meeting_id: i64) -> Result<MeetingReport> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM meeting_reports WHERE meeting_id = $1");
        let Some(r) = sqlx::query(&sql)
            .bind(meeting_id)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(MeetingReport::default());
        };
        Ok(MeetingReport {
            summary_ar: r.try_get("summary_ar")?,
            summary_fr: r.try_get("summary_fr")?,
            speakers_ar: r.try_get("speakers_ar")?,
            speakers_fr: r.try_get("speakers_fr")?,
            figures_ar: r.try_get("figures_ar")?,
            figures_fr: r.try_get("figures_fr")?,
            weaknesses_ar: r.try_get("weaknesses_ar")?,
            weaknesses_fr: r.try_get("weaknesses_fr")?,
            recommendations_ar: r.try_get("recommendations_ar")?,
            recommendations_fr: r.try_get("recommendations_fr")?,
            published_at: r.try_get("published_at")?,
        })
    }

    /// Saves a meeting's report; `publish` makes it public (and keeps the first publication
    /// date), `false` withdraws it.
    pub async fn save_meeting_report(
        &self,
        meeting_id: i64,
        rep: &MeetingReport,
        publish: bool,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        self.lock_meeting(&mut tx, meeting_id).await?;
        let t = now();
        sqlx::query(
            "INSERT INTO meeting_reports (meeting_id, summary_ar, summary_fr, speakers_ar, speakers_fr, figures_ar,
                 figures_fr, weaknesses_ar, weaknesses_fr, recommendations_ar, recommendations_fr, published_at,
                 updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (meeting_id) DO UPDATE SET summary_ar = $2, summary_fr = $3, speakers_ar = $4,
                 speakers_fr = $5, figures_ar = $6, figures_fr = $7, weaknesses_ar = $8, weaknesses_fr = $9,
                 recommendations_ar = $10, recommendations_fr = $11,
                 published_at = CASE WHEN $15 = 1 THEN COALESCE(meeting_reports.published_at, $13) ELSE NULL END,
                 updated_at = $13, updated_by = $14",
        )
        .bind(meeting_id)
        .bind(&rep.summary_ar)
        .bind(&rep.summary_fr)
        .bind(&rep.speakers_ar)
        .bind(&rep.speakers_fr)
        .bind(&rep.figures_ar)
        .bind(&rep.figures_fr)
        .bind(&rep.weaknesses_ar)
        .bind(&rep.weaknesses_fr)
        .bind(&rep.recommendations_ar)
        .bind(&rep.recommendations_fr)
        .bind(publish.then_some(t))
        .bind(t)
        .bind(actor.id())
        .bind(i64::from(publish))
        .execute(&mut *tx)
        .await?;
        let action = if publish { "report.publish" } else { "report.save" };
        audit::record(
            &mut tx,
            actor,
            action,
            "meeting",
            &meeting_id.to_string(),
            None::<&()>,
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_meeting_photo(
        &self,
        meeting_id: i64,
        caption_ar: &str,
        caption_fr: &str,
        content_type: &str,
        bytes: &[u8],
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        self.lock_meeting(&mut tx, meeting_id).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO meeting_photos (meeting_id, caption_ar, caption_fr, content_type, bytes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(meeting_id)
        .bind(caption_ar)
        .bind(caption_fr)
        .bind(content_type)
        .bind(bytes)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        audit::record(
            &mut tx,
            actor,
            "report.photo",
            "meeting",
            &meeting_id.to_string(),
            None::<&()>,
            Some(&id),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn meeting_photos(&self, meeting_id: i64) -> Result<Vec<PhotoInfo>> {
        let rows = sqlx::query(
            "SELECT id, meeting_id, caption_ar, caption_fr, content_type FROM meeting_photos WHERE meeting_id = $1 ORDER BY id",
        )
        .bind(meeting_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PhotoInfo {
                    id: r.try_get("id")?,
                    meeting_id: r.try_get("meeting_id")?,
                    caption_ar: r.try_get("caption_ar")?,
                    caption_fr: r.try_get("caption_fr")?,
                    content_type: r.try_get("content_type")?,
                })
            })
            .collect()
    }

    /// A photo's type and bytes.
    pub async fn meeting_photo(&self, meeting_id: i64, photo_id: i64) -> Result<(String, Vec<u8>)> {
        let r =
            sqlx::query("SELECT content_type, bytes FROM meeting_photos WHERE id = $1 AND meeting_id = $2")
                .bind(photo_id)
                .bind(meeting_id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        Ok((r.try_get("content_type")?, r.try_get("bytes")?))
    }

    pub async fn remove_meeting_photo(&self, meeting_id: i64, photo_id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM meeting_photos WHERE id = $1 AND meeting_id = $2")
            .bind(photo_id)
            .bind(meeting_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "report.photo_remove",
            "meeting",
            &meeting_id.to_string(),
            Some(&photo_id),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Which registration: by id (picked from a list), or by its ticket's secret (scanned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationKey<'a> {
    Id(i64),
    Token(&'a str),
}

fn groups(c: &CampaignDraft) -> String {
    c.target_groups
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

async fn registration_by(
    tx: &mut Transaction<'static, Any>,
    key: RegistrationKey<'_>,
) -> Result<MeetingRegistration> {
    let row = match key {
        RegistrationKey::Id(id) => {
            sqlx::query(&format!(
                "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        }
        RegistrationKey::Token(token) => {
            sqlx::query(&format!(
                "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE token = $1"
            ))
            .bind(token)
            .fetch_optional(&mut **tx)
            .await?
        }
    }
    .ok_or(StoreError::NotFound)?;
    registration_row(&row)
}

async fn waitlist_rank(tx: &mut Transaction<'static, Any>, r: &MeetingRegistration) -> Result<Option<i64>> {
    if r.status != RegistrationStatus::Waitlisted.as_str() {
        return Ok(None);
    }
    let ahead: i64 = sqlx::query(
        "SELECT COUNT(*) AS ahead FROM registrations WHERE meeting_id = $1 AND status = 'waitlisted' AND id < $2",
    )
    .bind(r.meeting_id)
    .bind(r.id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("ahead")?;
    Ok(Some(ahead + 1))
}

/// Moves up to `places` people from the waiting list, first come first served, under the
/// meeting's lock held by the caller.
async fn promote(
    tx: &mut Transaction<'static, Any>,
    meeting_id: i64,
    places: i64,
    message: MessageFor<'_>,
) -> Result<Vec<MeetingRegistration>> {
    if places <= 0 {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE meeting_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT $2"
    );
    let rows = sqlx::query(&sql)
        .bind(meeting_id)
        .bind(places)
        .fetch_all(&mut **tx)
        .await?;
    let mut promoted = Vec::new();
    for row in &rows {
        let mut r = registration_row(row)?;
        sqlx::query("UPDATE registrations SET status = 'confirmed' WHERE id = $1")
            .bind(r.id)
            .execute(&mut **tx)
            .await?;
        sqlx::query("UPDATE meetings SET confirmed_count = confirmed_count + 1 WHERE id = $1")
            .bind(meeting_id)
            .execute(&mut **tx)
            .await?;
        r.status = RegistrationStatus::Confirmed.as_str().to_string();
        if let Some(m) = message(&r) {
            outbox::insert_message(tx, &m, now()).await?;
        }
        promoted.push(r);
    }
    Ok(promoted)
}
