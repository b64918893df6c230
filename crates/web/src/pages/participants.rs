//! People at meetings: public registration and tickets (QR, cancellation, waiting list), the
//! staff's check-in on the day (scan, search, walk-ins), the list of registrants with its
//! exports and badges, and attendance figures per meeting and per campaign.

use std::collections::BTreeMap;

use axum::{
    Form, Json,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use minijinja::{Value, context};
use serde::Deserialize;
use taawun_domain::{
    Lang, ValidationError, ValidationErrors,
    campaign::{RawRegistration, RegistrationDraft, RegistrationStatus, TargetGroup, registration_open},
};
use taawun_store::{
    Actor, AttendanceCount, Entry, Meeting, MeetingRegistration, NewRegistration, Registered,
    RegistrationKey, StoreError,
};

use super::{
    account::actor,
    campaigns::{meeting_staff, meeting_view, parse_id, registration_message, today},
    form_errors, no_errors,
};
use crate::{
    AppError, AppResult, AppState, auth,
    ctx::Ctx,
    export::{self, Cell},
};

/// Registration form fields as sent (workshops repeat).
fn raw_registration(pairs: &[(String, String)]) -> RawRegistration {
    let v = |n: &str| super::form_value(pairs, n).to_string();
    RawRegistration {
        name: v("name"),
        phone: v("phone"),
        email: v("email"),
        target_group: v("target_group"),
        organisation: v("organisation"),
        gender: v("gender"),
        province_code: v("province_code"),
        cooperative_number: v("cooperative_number"),
        // An id that is not a number cannot be one of the meeting's workshops: -1 is refused.
        workshops: super::form_values(pairs, "workshops")
            .map(|v| v.parse().unwrap_or(-1))
            .collect(),
    }
}

async fn workshop_ids(app: &AppState, meeting_id: i64) -> AppResult<Vec<i64>> {
    Ok(app
        .store
        .programme(meeting_id)
        .await?
        .into_iter()
        .filter(|i| i.kind == "workshop")
        .map(|i| i.id)
        .collect())
}

/// What a registration's refusal by the store means for the person filling the form.
pub(crate) fn registration_conflict(code: &'static str, draft: &RegistrationDraft) -> ValidationErrors {
    let field = match code {
        "unknown_cooperative" => "cooperative_number",
        "already_registered" if draft.phone.is_none() && draft.email.is_some() => "email",
        "already_registered" if draft.phone.is_none() => "name",
        "meeting_full" => "name",
        _ => "phone",
    };
    ValidationError::new(field, code).into()
}

/// Checks and stores a registration: the one path of the form, the API and walk-ins.
pub(crate) async fn register(
    app: &AppState,
    origin: &str,
    lang: Lang,
    m: &Meeting,
    raw: &RawRegistration,
    entry: Entry,
    actor: &Actor,
) -> AppResult<Result<Registered, ValidationErrors>> {
    if entry == Entry::Public && registration_open(m.day(), m.cancelled, today()).is_err() {
        return Ok(Err(ValidationError::new("name", "registration_closed").into()));
    }
    let draft = match raw.parse(&workshop_ids(app, m.id).await?) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let message = registration_message(app, origin, m);
    match app
        .store
        .register_participant(
            m.id,
            &NewRegistration {
                draft: &draft,
                token: &auth::random_token(),
                lang: lang.code(),
                entry,
            },
            &message,
            actor,
        )
        .await
    {
        Ok(r) => Ok(Ok(r)),
        Err(StoreError::Conflict(code)) => Ok(Err(registration_conflict(code, &draft))),
        Err(e) => Err(e.into()),
    }
}

async fn register_page(
    app: &AppState,
    ctx: &Ctx,
    m: &Meeting,
    form: &RawRegistration,
    errors: Value,
    walk_in: bool,
) -> AppResult<Html<String>> {
    let workshops: Vec<_> = app
        .store
        .programme(m.id)
        .await?
        .into_iter()
        .filter(|i| i.kind == "workshop")
        .collect();
    let provinces = app.store.provinces(None).await?;
    Ok(app.templates.render(
        ctx,
        "meeting_register.html",
        context! {
            m => meeting_view(app, ctx, m).await?, form => form, errors => errors, workshops => workshops,
            provinces => provinces, walk_in => walk_in,
            groups => TargetGroup::ALL.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        },
    )?)
}

pub async fn register_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    register_page(&app, &ctx, &m, &RawRegistration::default(), no_errors(), false).await
}

pub async fn register_submit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let raw = raw_registration(&pairs);
    match register(
        &app,
        &ctx.origin,
        ctx.lang,
        &m,
        &raw,
        Entry::Public,
        &Actor::Anonymous,
    )
    .await?
    {
        Ok(r) => Ok(Redirect::to(&format!("/tickets/{}", r.registration.token)).into_response()),
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            register_page(&app, &ctx, &m, &raw, form_errors(&app.i18n, ctx.lang, &e), false).await?,
        )
            .into_response()),
    }
}

/// A ticket's secret: 64 hex characters. Anything else is not found, without a query.
fn token_of(raw: &str) -> AppResult<&str> {
    let t = raw.trim();
    if crate::auth::is_token(t) {
        Ok(t)
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(Deserialize, Default)]
pub struct TicketQuery {
    #[serde(default)]
    cancelled: Option<String>,
}

pub async fn ticket(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<TicketQuery>,
) -> AppResult<Response> {
    let r = app.store.registration_by_token(token_of(&token)?).await?;
    let m = app.store.meeting(r.registration.meeting_id).await?;
    let url = format!("{}/tickets/{}", ctx.origin, r.registration.token);
    let qr = taawun_documents::qr_svg_labelled(&url, &app.i18n.t(ctx.lang, "ticket-qr-label"))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let programme = app.store.programme(m.id).await?;
    let chosen = app.store.chosen_workshops(r.registration.id).await?;
    let workshops: Vec<_> = programme.into_iter().filter(|i| chosen.contains(&i.id)).collect();
    let page = app.templates.render(
        &ctx,
        "ticket.html",
        context! {
            r => r.registration, rank => r.waitlist_rank, m => meeting_view(&app, &ctx, &m).await?,
            qr => Value::from_safe_string(qr), workshops => workshops, just_cancelled => q.cancelled.is_some(),
        },
    )?;
    // The page holds a secret link: not to be kept by shared caches.
    Ok(([(header::CACHE_CONTROL, "private, no-store")], page).into_response())
}

pub async fn cancel(State(app): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> AppResult<Response> {
    let token = token_of(&token)?;
    let r = app.store.registration_by_token(token).await?;
    let m = app.store.meeting(r.registration.meeting_id).await?;
    let message = registration_message(&app, &ctx.origin, &m);
    app.store.cancel_registration(token, &message).await?;
    Ok(Redirect::to(&format!("/tickets/{token}?cancelled=1")).into_response())
}

// ---- On the day ----------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct CheckInQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: Option<String>,
    /// Set when the person checked in had already been checked in earlier.
    #[serde(default)]
    already: Option<String>,
}

/// «Present: 3 of 12 registered» — the counter the page shows and the script updates.
fn door_count(app: &AppState, ctx: &Ctx, all: &[MeetingRegistration]) -> String {
    let present = all.iter().filter(|r| r.checked_in_at.is_some()).count();
    let confirmed = all
        .iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed.as_str())
        .count();
    app.i18n.t_args(
        ctx.lang,
        "checkin-count",
        &[
            ("present", present.to_string()),
            ("confirmed", confirmed.to_string()),
        ],
    )
}

/// What the door says after a check-in: done now, or already done earlier and when.
fn door_message(app: &AppState, ctx: &Ctx, r: &MeetingRegistration, already: bool) -> String {
    // The name of a registration whose personal data was erased is empty: the ticket's eight
    // characters still tell the staff whom it was.
    let name = if r.name.trim().is_empty() {
        r.token.chars().take(8).collect()
    } else {
        r.name.clone()
    };
    match r.checked_in_at.filter(|_| already) {
        Some(at) => app.i18n.t_args(
            ctx.lang,
            "checkin-done-already",
            &[
                ("name", name),
                ("time", crate::i18n::format_timestamp(&app.i18n, ctx.lang, at)),
            ],
        ),
        None => app.i18n.t_args(ctx.lang, "checkin-done", &[("name", name)]),
    }
}

async fn check_in_page(
    app: &AppState,
    ctx: &Ctx,
    m: &Meeting,
    q: &str,
    done: Option<(MeetingRegistration, bool)>,
    error: Option<String>,
) -> AppResult<Html<String>> {
    let all = app.store.meeting_registrations(m.id).await?;
    let results: Vec<&MeetingRegistration> = taawun_app::campaigns::find_registrations(&all, q)
        .take(30)
        .collect();
    let already = done.as_ref().is_some_and(|(_, already)| *already);
    let done = done.map(|(r, already)| door_message(app, ctx, &r, already));
    Ok(app.templates.render(
        ctx,
        "check_in.html",
        context! {
            m => meeting_view(app, ctx, m).await?, q => q, results => results, done => done, already => already, error => error,
            count => door_count(app, ctx, &all), searched => !q.trim().is_empty(),
        },
    )?)
}

pub async fn check_in_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<CheckInQuery>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    let done = match q.done.as_deref().map(parse_id) {
        Some(Ok(rid)) => app
            .store
            .meeting_registrations(m.id)
            .await?
            .into_iter()
            .find(|r| r.id == rid)
            .map(|r| (r, q.already.is_some())),
        _ => None,
    };
    check_in_page(&app, &ctx, &m, &q.q, done, None).await
}

#[derive(Deserialize, Default)]
pub struct CheckInForm {
    #[serde(default)]
    registration_id: String,
    /// The scanned or typed ticket: its URL or its code.
    #[serde(default)]
    ticket: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub async fn check_in(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CheckInForm>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    let ticket = form.ticket.trim().trim_end_matches('/');
    let ticket = ticket.rsplit('/').next().unwrap_or_default();
    // The eight characters printed under the QR code are enough at the door.
    let short = if ticket.len() == 8 && ticket.bytes().all(|b| b.is_ascii_hexdigit()) {
        let code = ticket.to_ascii_lowercase();
        app.store
            .meeting_registrations(m.id)
            .await?
            .into_iter()
            .find(|r| r.token.starts_with(&code))
            .map(|r| r.id)
    } else {
        None
    };
    let key = match (form.registration_id.parse::<i64>(), short, token_of(ticket)) {
        (Ok(id), _, _) | (_, Some(id), _) => Some(RegistrationKey::Id(id)),
        (_, _, Ok(token)) => Some(RegistrationKey::Token(token)),
        _ => None,
    };
    let outcome = match key {
        None => Err("ticket_unknown"),
        Some(key) => match app.store.check_in(m.id, key, &actor(user)).await {
            Ok(r) => Ok(r),
            Err(StoreError::NotFound) => Err("ticket_unknown"),
            Err(StoreError::Conflict(code)) => Err(code),
            Err(e) => return Err(e.into()),
        },
    };
    if wants_json(&headers) {
        return Ok(match outcome {
            Ok(c) => {
                let all = app.store.meeting_registrations(m.id).await?;
                let r = &c.registration;
                Json(serde_json::json!({
                    "status": if c.already { "already_checked_in" } else { "checked_in" },
                    "id": r.id, "name": r.name, "checked_in_at": r.checked_in_at,
                    "message": door_message(&app, &ctx, r, c.already),
                    "count": door_count(&app, &ctx, &all),
                }))
                .into_response()
            }
            Err(code) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(serde_json::json!({ "status": "refused", "code": code,
                    "message": app.i18n.t(ctx.lang, &format!("checkin-{code}")) })),
            )
                .into_response(),
        });
    }
    match outcome {
        Ok(c) => Ok(Redirect::to(&format!(
            "/meetings/{}/check-in?done={}{}",
            m.id,
            c.registration.id,
            if c.already { "&already=1" } else { "" }
        ))
        .into_response()),
        Err(code) => {
            let message = app.i18n.t(ctx.lang, &format!("checkin-{code}"));
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                check_in_page(&app, &ctx, &m, "", None, Some(message)).await?,
            )
                .into_response())
        }
    }
}

pub async fn walk_in_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    register_page(&app, &ctx, &m, &RawRegistration::default(), no_errors(), true).await
}

pub async fn walk_in(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    let raw = raw_registration(&pairs);
    match register(&app, &ctx.origin, ctx.lang, &m, &raw, Entry::WalkIn, &actor(user)).await? {
        Ok(r) => Ok(
            Redirect::to(&format!("/meetings/{}/check-in?done={}", m.id, r.registration.id)).into_response(),
        ),
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            register_page(&app, &ctx, &m, &raw, form_errors(&app.i18n, ctx.lang, &e), true).await?,
        )
            .into_response()),
    }
}

// ---- Lists, badges, exports ----------------------------------------------------------------

pub async fn registrations(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    let list = app.store.meeting_registrations(m.id).await?;
    let counts = app.store.attendance(m.campaign_id).await?;
    let counts: Vec<_> = counts.into_iter().filter(|c| c.meeting_id == m.id).collect();
    Ok(app.templates.render(
        &ctx,
        "registrations.html",
        context! {
            m => meeting_view(&app, &ctx, &m).await?, list => list,
            figures => figures(&app, ctx.lang, &counts).await?,
        },
    )?)
}

pub async fn badges(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    let list: Vec<_> = app
        .store
        .meeting_registrations(m.id)
        .await?
        .into_iter()
        .filter(|r| r.status == "confirmed")
        .collect();
    let campaign = app.store.campaign(m.campaign_id).await?;
    Ok(app.templates.render(
        &ctx,
        "badges.html",
        context! { m => meeting_view(&app, &ctx, &m).await?, list => list, campaign => campaign },
    )?)
}

pub async fn registrations_csv(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    registrations_file(app, ctx, &id, "csv").await
}

pub async fn registrations_xlsx(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    registrations_file(app, ctx, &id, "xlsx").await
}

/// The list of registrants for the organisers (personal data: staff of the meeting only).
async fn registrations_file(app: AppState, ctx: Ctx, id: &str, ext: &str) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(id)?).await?;
    meeting_staff(&ctx, &m)?;
    let list = app.store.meeting_registrations(m.id).await?;
    let provinces = province_names(&app, ctx.lang).await?;
    let t = |k: &str| app.i18n.t(ctx.lang, k);
    let header: Vec<String> = [
        "reg-col-name",
        "field-phone",
        "field-email",
        "field-organisation",
        "field-target_group",
        "field-gender",
        "field-province_code",
        "reg-col-status",
        "reg-col-present",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.name.clone()),
                Cell::Text(r.phone.clone().unwrap_or_default()),
                Cell::Text(r.email.clone().unwrap_or_default()),
                Cell::Text(r.organisation.clone()),
                Cell::Text(t(&format!("target-group-{}", r.target_group))),
                Cell::Text(
                    r.gender
                        .as_ref()
                        .map(|g| t(&format!("gender-{g}")))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    r.province_code
                        .as_ref()
                        .and_then(|p| provinces.get(p).cloned())
                        .unwrap_or_default(),
                ),
                Cell::Text(t(&format!("reg-status-{}", r.status))),
                Cell::Text(if r.checked_in_at.is_some() {
                    t("yes")
                } else {
                    String::new()
                }),
            ]
        })
        .collect();
    let name = format!("meeting-{}-registrations", m.id);
    export::download(ctx.lang, ext, &name, &header, &rows)
}

async fn province_names(app: &AppState, lang: Lang) -> AppResult<BTreeMap<String, String>> {
    Ok(app
        .store
        .provinces(None)
        .await?
        .into_iter()
        .map(|p| (p.code, if lang == Lang::Ar { p.name_ar } else { p.name_fr }))
        .collect())
}

/// One line of an attendance table: registered (holding a place), waitlisted, present.
#[derive(Debug, Default, Clone, serde::Serialize, PartialEq, Eq)]
pub(crate) struct Tally {
    pub key: String,
    pub label: String,
    pub registered: i64,
    pub waitlisted: i64,
    pub present: i64,
}

impl Tally {
    fn add(&mut self, c: &AttendanceCount) {
        match c.status.as_str() {
            "confirmed" => self.registered += c.count,
            "waitlisted" => self.waitlisted += c.count,
            _ => {}
        }
        if c.present {
            self.present += c.count;
        }
    }
}

/// Sums counts by a key; the labels come from `label`.
pub(crate) fn tally(
    counts: &[AttendanceCount],
    key: impl Fn(&AttendanceCount) -> String,
    label: impl Fn(&str) -> String,
) -> Vec<Tally> {
    let mut by: BTreeMap<String, Tally> = BTreeMap::new();
    for c in counts {
        let k = key(c);
        by.entry(k.clone())
            .or_insert_with(|| Tally {
                label: label(&k),
                key: k,
                ..Default::default()
            })
            .add(c);
    }
    let mut v: Vec<Tally> = by.into_values().collect();
    v.sort_by(|a, b| b.registered.cmp(&a.registered).then(a.key.cmp(&b.key)));
    v
}

/// Totals and breakdowns of a set of counts, for the pages.
async fn figures(app: &AppState, lang: Lang, counts: &[AttendanceCount]) -> AppResult<Value> {
    let provinces = province_names(app, lang).await?;
    let t = |k: &str| app.i18n.t(lang, k);
    let total = tally(counts, |_| String::new(), |_| String::new())
        .pop()
        .unwrap_or_default();
    let women = tally(
        counts,
        |c| c.gender.clone().unwrap_or_default(),
        |_| String::new(),
    );
    let women_of = |g: &str| women.iter().find(|t| t.key == g).cloned().unwrap_or_default();
    let share = |part: i64, whole: i64| {
        if whole > 0 {
            (part * 1000 / whole) as f64 / 10.0
        } else {
            0.0
        }
    };
    let (w, declared) = (
        women_of("woman"),
        women_of("woman").registered + women_of("man").registered,
    );
    let (wp, declared_present) = (w.present, women_of("woman").present + women_of("man").present);
    Ok(context! {
        total => total,
        women_share_registered => share(w.registered, declared),
        women_share_present => share(wp, declared_present),
        presence_rate => share(total.present, total.registered),
        by_group => tally(counts, |c| c.target_group.clone(), |k| t(&format!("target-group-{k}"))),
        by_province => tally(counts, |c| c.province_code.clone().unwrap_or_default(),
            |k| provinces.get(k).cloned().unwrap_or_else(|| t("province-unknown"))),
    })
}

pub async fn campaign_attendance(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    attendance(app, ctx, &id, None).await
}

pub async fn campaign_attendance_csv(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    attendance(app, ctx, &id, Some("csv")).await
}

pub async fn campaign_attendance_xlsx(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    attendance(app, ctx, &id, Some("xlsx")).await
}

async fn attendance(app: AppState, ctx: Ctx, id: &str, ext: Option<&str>) -> AppResult<Response> {
    let campaign = app.store.campaign(parse_id(id)?).await?;
    // The figures are the office's: no names in them, but who came from where is kept in-house.
    ctx.require_role(|r| {
        matches!(
            r,
            taawun_domain::Role::OfficeAgent
                | taawun_domain::Role::Administrator
                | taawun_domain::Role::Partner
        )
    })?;
    let counts = app.store.attendance(campaign.id).await?;
    let meetings = app.store.meetings(campaign.id).await?;
    let t = |k: &str| app.i18n.t(ctx.lang, k);
    let city = |m: &Meeting| {
        if ctx.lang == Lang::Ar {
            m.city_ar.clone()
        } else {
            m.city_fr.clone()
        }
    };
    let mut per_meeting = Vec::new();
    for m in &meetings {
        let mine: Vec<_> = counts.iter().filter(|c| c.meeting_id == m.id).cloned().collect();
        let f = figures(&app, ctx.lang, &mine).await?;
        per_meeting.push(context! { m => Value::from_serialize(m), city => city(m), f => f });
    }
    if let Some(ext) = ext {
        let header: Vec<String> = [
            "campaign-meeting",
            "field-date",
            "att-registered",
            "att-waitlisted",
            "att-present",
            "att-women-share",
        ]
        .iter()
        .map(|k| t(k))
        .collect();
        let mut rows = Vec::new();
        for m in &meetings {
            let mine: Vec<_> = counts.iter().filter(|c| c.meeting_id == m.id).cloned().collect();
            let total = tally(&mine, |_| String::new(), |_| String::new())
                .pop()
                .unwrap_or_default();
            let w = tally(&mine, |c| c.gender.clone().unwrap_or_default(), |_| String::new());
            let reg = |g: &str| w.iter().find(|t| t.key == g).map_or(0, |t| t.registered);
            let declared = reg("woman") + reg("man");
            rows.push(vec![
                Cell::Text(city(m)),
                Cell::Text(m.date.clone().unwrap_or_default()),
                Cell::Number(total.registered as f64),
                Cell::Number(total.waitlisted as f64),
                Cell::Number(total.present as f64),
                if declared > 0 {
                    Cell::Number((reg("woman") * 1000 / declared) as f64 / 1000.0)
                } else {
                    Cell::Empty
                },
            ]);
        }
        return export::download(
            ctx.lang,
            ext,
            &format!("campaign-{}-attendance", campaign.id),
            &header,
            &rows,
        );
    }
    Ok(app
        .templates
        .render(
            &ctx,
            "campaign_attendance.html",
            context! { campaign => campaign, meetings => per_meeting, all => figures(&app, ctx.lang, &counts).await? },
        )?
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(group: &str, gender: Option<&str>, status: &str, present: bool, n: i64) -> AttendanceCount {
        AttendanceCount {
            meeting_id: 1,
            target_group: group.into(),
            province_code: Some("08.201".into()),
            gender: gender.map(Into::into),
            status: status.into(),
            present,
            count: n,
        }
    }

    #[test]
    fn tallies_separate_places_waiting_list_and_presence() {
        let counts = [
            count("student", Some("woman"), "confirmed", true, 3),
            count("student", Some("man"), "confirmed", false, 2),
            count("chamber", None, "waitlisted", false, 4),
            count("chamber", None, "cancelled", false, 7),
        ];
        let total = tally(&counts, |_| String::new(), |_| String::new());
        assert_eq!(
            (total[0].registered, total[0].waitlisted, total[0].present),
            (5, 4, 3)
        );
        let by_group = tally(&counts, |c| c.target_group.clone(), str::to_string);
        assert_eq!(by_group[0].key, "student");
        assert_eq!(by_group[1].registered, 0);
    }
}
