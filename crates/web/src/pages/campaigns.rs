//! Awareness campaigns and their meetings: the public pages (list, campaign, meeting with its
//! programme and report, iCal feed) and the office's forms to set them up.

use axum::{
    Form, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::{Value, context};
use taawun_domain::{
    Lang, Role, ValidationErrors,
    campaign::{ItemKind, RawCampaign, RawItem, RawMeeting, TargetGroup, registration_open},
};
use taawun_store::{About, Campaign, Meeting, MeetingRegistration, NewMessage, User};

use super::{account::actor, form_errors, no_errors};
use crate::{AppError, AppResult, AppState, ctx::Ctx};

pub fn routes() -> Router<AppState> {
    use super::{meeting_report as report, participants as people};
    Router::new()
        .route("/campaigns", get(list))
        .route("/campaigns/new", get(new_campaign_form).post(create_campaign))
        .route("/campaigns/{id}", get(show))
        .route(
            "/campaigns/{id}/edit",
            get(edit_campaign_form).post(update_campaign),
        )
        .route("/campaigns/{id}/meetings.ics", get(ical))
        .route(
            "/campaigns/{id}/meetings/new",
            get(new_meeting_form).post(create_meeting),
        )
        .route("/campaigns/{id}/attendance", get(people::campaign_attendance))
        .route(
            "/campaigns/{id}/attendance.csv",
            get(people::campaign_attendance_csv),
        )
        .route(
            "/campaigns/{id}/attendance.xlsx",
            get(people::campaign_attendance_xlsx),
        )
        .route("/meetings/{id}", get(meeting))
        .route("/meetings/{id}/edit", get(edit_meeting_form).post(update_meeting))
        .route("/meetings/{id}/programme", get(programme_form).post(add_item))
        .route("/meetings/{id}/programme/{item}/delete", post(remove_item))
        .route("/meetings/{id}/programme.pdf", get(report::programme_pdf))
        .route("/meetings/{id}/memo.pdf", get(report::memo_pdf))
        .route("/meetings/{id}/kit", get(report::kit))
        .route("/kit/questions.pdf", get(report::questions_pdf))
        .route(
            "/meetings/{id}/register",
            get(people::register_form).post(people::register_submit),
        )
        .route("/tickets/{token}", get(people::ticket))
        .route("/tickets/{token}/cancel", post(people::cancel))
        .route(
            "/meetings/{id}/check-in",
            get(people::check_in_form).post(people::check_in),
        )
        .route(
            "/meetings/{id}/walk-in",
            get(people::walk_in_form).post(people::walk_in),
        )
        .route("/meetings/{id}/registrations", get(people::registrations))
        .route("/meetings/{id}/registrations.csv", get(people::registrations_csv))
        .route(
            "/meetings/{id}/registrations.xlsx",
            get(people::registrations_xlsx),
        )
        .route("/meetings/{id}/badges", get(people::badges))
        .route(
            "/meetings/{id}/report/edit",
            get(report::report_form).post(report::save_report),
        )
        .route(
            "/meetings/{id}/report/photos",
            post(report::add_photo).layer(axum::extract::DefaultBodyLimit::max(
                report::MAX_PHOTO_BYTES + 64 * 1024,
            )),
        )
        .route("/meetings/{id}/photos/{photo}", get(report::photo))
        .route("/meetings/{id}/photos/{photo}/delete", post(report::remove_photo))
}

pub(crate) fn parse_id(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

pub(crate) fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// A national office agent or an administrator: sets up campaigns.
fn campaign_staff(ctx: &Ctx) -> AppResult<&User> {
    let user = ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))?;
    if user.region_code.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// Whether a user runs meetings in this region: the office nationally, or its delegation there.
pub(crate) fn runs_meetings_in(user: &User, region: &str) -> bool {
    match user.role {
        Role::Administrator => true,
        Role::OfficeAgent => user.region_code.as_deref().is_none_or(|r| r == region),
        _ => false,
    }
}

/// The signed-in staff member who may manage this meeting (set up, check in, report).
pub(crate) fn meeting_staff<'a>(ctx: &'a Ctx, meeting: &Meeting) -> AppResult<&'a User> {
    let user = ctx.require_user()?;
    if runs_meetings_in(user, &meeting.region_code) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A meeting with what its pages show beside the stored fields: names of its region and
/// province, places left, whether registration is open and why not.
pub(crate) async fn meeting_view(app: &AppState, ctx: &Ctx, m: &Meeting) -> AppResult<Value> {
    let region = app.i18n.t(ctx.lang, &format!("region-{}", m.region_code));
    let province = match &m.province_code {
        Some(code) => app
            .store
            .provinces(None)
            .await?
            .into_iter()
            .find(|p| &p.code == code)
            .map(|p| {
                if ctx.lang == Lang::Ar {
                    p.name_ar
                } else {
                    p.name_fr
                }
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let date = m.day();
    let closed = match registration_open(date, m.cancelled, today()) {
        Ok(()) => "",
        Err(taawun_domain::campaign::RegistrationClosed::Past) => "past",
        Err(taawun_domain::campaign::RegistrationClosed::NotScheduled) => "not_scheduled",
        Err(taawun_domain::campaign::RegistrationClosed::Cancelled) => "cancelled",
    };
    let manage = ctx
        .user
        .as_ref()
        .is_some_and(|u| runs_meetings_in(u, &m.region_code));
    Ok(context! {
        ..Value::from_serialize(m),
        ..context! {
            region_name => region, province_name => province, places_left => m.places_left(),
            closed => closed, manage => manage,
            city => if ctx.lang == Lang::Ar { &m.city_ar } else { &m.city_fr },
        }
    })
}

/// The confirmation (or waiting-list, or moved-up) e-mail of a registration, in the language
/// the person registered in, with the link to their ticket.
pub(crate) fn registration_message<'a>(
    app: &'a AppState,
    origin: &'a str,
    meeting: &'a Meeting,
) -> impl Fn(&MeetingRegistration) -> Option<NewMessage> + Send + Sync + 'a {
    move |r| {
        let to = r.email.clone()?;
        let lang = Lang::parse(&r.lang).unwrap_or_default();
        let city = if lang == Lang::Ar {
            &meeting.city_ar
        } else {
            &meeting.city_fr
        };
        let date = meeting
            .day()
            .map(|d| crate::i18n::format_date(&app.i18n, lang, d))
            .unwrap_or_default();
        let venue = if lang == Lang::Ar {
            &meeting.venue_ar
        } else {
            &meeting.venue_fr
        };
        let args = [
            ("name", r.name.clone()),
            ("city", city.clone()),
            ("date", date),
            ("time", meeting.starts_at.clone().unwrap_or_default()),
            ("venue", venue.clone()),
            ("link", format!("{origin}/tickets/{}", r.token)),
        ];
        let kind = if r.status == "waitlisted" {
            "waitlisted"
        } else {
            "confirmed"
        };
        Some(NewMessage {
            to_address: to,
            lang: lang.code().to_string(),
            topic: "meeting_registration".to_string(),
            subject: app
                .i18n
                .t_args(lang, &format!("mail-registration-{kind}-subject"), &args),
            body: app
                .i18n
                .t_args(lang, &format!("mail-registration-{kind}-body"), &args),
            about: About::Meeting(meeting.id),
        })
    }
}

/// The message telling a registrant that their meeting was cancelled or moved (with its new
/// day, time and place), in the language they registered in.
fn change_notice<'a>(
    app: &'a AppState,
    origin: &'a str,
    m: &'a taawun_domain::campaign::MeetingDraft,
) -> impl Fn(&MeetingRegistration, taawun_store::MeetingChange) -> Option<NewMessage> + Send + Sync + 'a {
    move |r, change| {
        let to = r.email.clone()?;
        let lang = Lang::parse(&r.lang).unwrap_or_default();
        let args = [
            ("name", r.name.clone()),
            (
                "city",
                if lang == Lang::Ar {
                    m.city_ar.clone()
                } else {
                    m.city_fr.clone()
                },
            ),
            (
                "date",
                m.date
                    .map(|d| crate::i18n::format_date(&app.i18n, lang, d))
                    .unwrap_or_default(),
            ),
            (
                "time",
                m.starts_at
                    .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
                    .unwrap_or_default(),
            ),
            (
                "venue",
                if lang == Lang::Ar {
                    m.venue_ar.clone()
                } else {
                    m.venue_fr.clone()
                },
            ),
            ("link", format!("{origin}/tickets/{}", r.token)),
        ];
        let kind = match change {
            taawun_store::MeetingChange::Cancelled => "cancelled",
            taawun_store::MeetingChange::Moved => "moved",
        };
        Some(NewMessage {
            to_address: to,
            lang: lang.code().to_string(),
            topic: "meeting_change".to_string(),
            subject: app
                .i18n
                .t_args(lang, &format!("mail-meeting-{kind}-subject"), &args),
            body: app.i18n.t_args(lang, &format!("mail-meeting-{kind}-body"), &args),
            about: About::Meeting(r.meeting_id),
        })
    }
}

pub async fn list(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let campaigns = app.store.campaigns().await?;
    let mut upcoming = Vec::new();
    for m in app.store.upcoming_meetings(today(), 20).await? {
        upcoming.push(meeting_view(&app, &ctx, &m).await?);
    }
    let can_create = campaign_staff(&ctx).is_ok();
    Ok(app.templates.render(
        &ctx,
        "campaigns.html",
        context! { campaigns => campaigns, upcoming => upcoming, can_create => can_create },
    )?)
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let campaign = app.store.campaign(parse_id(&id)?).await?;
    let mut meetings = Vec::new();
    for m in app.store.meetings(campaign.id).await? {
        meetings.push(meeting_view(&app, &ctx, &m).await?);
    }
    let user = ctx.user.as_ref();
    Ok(app.templates.render(
        &ctx,
        "campaign.html",
        context! {
            campaign => campaign, meetings => meetings,
            can_edit => campaign_staff(&ctx).is_ok(),
            can_add_meeting => user.is_some_and(|u| matches!(u.role, Role::OfficeAgent | Role::Administrator)),
        },
    )?)
}

/// The campaign's meetings as an iCalendar feed (RFC 5545), for people's phone calendars.
pub async fn ical(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let campaign = app.store.campaign(parse_id(&id)?).await?;
    let meetings = app.store.meetings(campaign.id).await?;
    let host = ctx.origin.split("://").nth(1).unwrap_or("taawun").to_string();
    let title = |m: &Meeting| {
        let (city, t) = match ctx.lang {
            Lang::Ar => (&m.city_ar, &campaign.title_ar),
            Lang::Fr => (&m.city_fr, &campaign.title_fr),
        };
        format!("{t} — {city}")
    };
    let events: Vec<IcalEvent> = meetings
        .iter()
        .filter(|m| !m.cancelled)
        .filter_map(|m| {
            Some(IcalEvent {
                uid: format!("meeting-{}@{host}", m.id),
                date: m.date.clone()?,
                starts_at: m.starts_at.clone(),
                ends_at: m.ends_at.clone(),
                summary: title(m),
                location: [
                    if ctx.lang == Lang::Ar {
                        &m.venue_ar
                    } else {
                        &m.venue_fr
                    },
                    if ctx.lang == Lang::Ar {
                        &m.city_ar
                    } else {
                        &m.city_fr
                    },
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
                url: format!("{}/meetings/{}", ctx.origin, m.id),
            })
        })
        .collect();
    let body = ical_calendar(&title_of(&campaign, ctx.lang), &events, utc_stamp());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"meetings.ics\""),
        ],
        body,
    )
        .into_response())
}

fn utc_stamp() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn title_of(c: &Campaign, lang: Lang) -> String {
    if lang == Lang::Ar {
        c.title_ar.clone()
    } else {
        c.title_fr.clone()
    }
}

pub(crate) struct IcalEvent {
    pub uid: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub summary: String,
    pub location: String,
    pub url: String,
}

/// Text escaped for an iCalendar value (RFC 5545 §3.3.11).
fn ical_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace(['\r', '\n'], "\\n")
}

/// Folds a content line at 75 octets without splitting a character (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Meetings in Morocco's time: floating local times (no zone), which calendar programs show
/// as written, the way the office announces them.
pub(crate) fn ical_calendar(name: &str, events: &[IcalEvent], stamp: String) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Taawun//Campaigns//AR-FR",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", ical_text(name))));
    for e in events {
        let day = e.date.replace('-', "");
        out.push_str(&fold("BEGIN:VEVENT"));
        out.push_str(&fold(&format!("UID:{}", e.uid)));
        out.push_str(&fold(&format!("DTSTAMP:{stamp}")));
        match (&e.starts_at, &e.ends_at) {
            (Some(s), end) => {
                out.push_str(&fold(&format!("DTSTART:{day}T{}00", s.replace(':', ""))));
                if let Some(end) = end {
                    out.push_str(&fold(&format!("DTEND:{day}T{}00", end.replace(':', ""))));
                }
            }
            (None, _) => out.push_str(&fold(&format!("DTSTART;VALUE=DATE:{day}"))),
        }
        out.push_str(&fold(&format!("SUMMARY:{}", ical_text(&e.summary))));
        if !e.location.is_empty() {
            out.push_str(&fold(&format!("LOCATION:{}", ical_text(&e.location))));
        }
        out.push_str(&fold(&format!("URL:{}", e.url)));
        out.push_str(&fold("END:VEVENT"));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

pub async fn meeting(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let campaign = app.store.campaign(m.campaign_id).await?;
    let programme = app.store.programme(m.id).await?;
    let view = meeting_view(&app, &ctx, &m).await?;
    let report = app.store.meeting_report(m.id).await?;
    let manage = ctx
        .user
        .as_ref()
        .is_some_and(|u| runs_meetings_in(u, &m.region_code));
    let show_report = report.published_at.is_some() || manage;
    let photos = if show_report {
        app.store.meeting_photos(m.id).await?
    } else {
        Vec::new()
    };
    let lines = |s: &str| {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (speakers, figures, weaknesses, recommendations, summary) = match ctx.lang {
        Lang::Ar => (
            &report.speakers_ar,
            &report.figures_ar,
            &report.weaknesses_ar,
            &report.recommendations_ar,
            &report.summary_ar,
        ),
        Lang::Fr => (
            &report.speakers_fr,
            &report.figures_fr,
            &report.weaknesses_fr,
            &report.recommendations_fr,
            &report.summary_fr,
        ),
    };
    Ok(app.templates.render(
        &ctx,
        "meeting.html",
        context! {
            m => view, campaign => campaign, programme => programme,
            report => context! {
                published_at => report.published_at, show => show_report,
                summary => summary.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>(),
                speakers => lines(speakers), figures => lines(figures), weaknesses => lines(weaknesses),
                recommendations => lines(recommendations),
            },
            photos => photos,
        },
    )?)
}

// ---- The office's forms -------------------------------------------------------------------

fn raw_campaign(pairs: &[(String, String)]) -> RawCampaign {
    let v = |n: &str| super::form_value(pairs, n).to_string();
    RawCampaign {
        title_ar: v("title_ar"),
        title_fr: v("title_fr"),
        slogan_ar: v("slogan_ar"),
        slogan_fr: v("slogan_fr"),
        objectives_ar: v("objectives_ar"),
        objectives_fr: v("objectives_fr"),
        axes_ar: v("axes_ar"),
        axes_fr: v("axes_fr"),
        partners_ar: v("partners_ar"),
        partners_fr: v("partners_fr"),
        target_groups: super::form_values(pairs, "target_groups")
            .map(String::from)
            .collect(),
        starts_on: v("starts_on"),
        ends_on: v("ends_on"),
    }
}

fn campaign_form_page(
    app: &AppState,
    ctx: &Ctx,
    id: Option<i64>,
    form: &RawCampaign,
    errors: Value,
) -> AppResult<Html<String>> {
    Ok(app.templates.render(
        ctx,
        "campaign_form.html",
        context! {
            id => id, form => form, errors => errors,
            groups => TargetGroup::ALL.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        },
    )?)
}

pub async fn new_campaign_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    campaign_staff(&ctx)?;
    campaign_form_page(&app, &ctx, None, &RawCampaign::default(), no_errors())
}

pub async fn create_campaign(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = campaign_staff(&ctx)?;
    let raw = raw_campaign(&pairs);
    match raw.parse() {
        Ok(draft) => {
            let id = app.store.create_campaign(&draft, &actor(user)).await?;
            Ok(Redirect::to(&format!("/campaigns/{id}")).into_response())
        }
        Err(e) => invalid(campaign_form_page(
            &app,
            &ctx,
            None,
            &raw,
            form_errors(&app.i18n, ctx.lang, &e),
        )?),
    }
}

pub async fn edit_campaign_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    campaign_staff(&ctx)?;
    let c = app.store.campaign(parse_id(&id)?).await?;
    let raw = RawCampaign {
        title_ar: c.title_ar,
        title_fr: c.title_fr,
        slogan_ar: c.slogan_ar,
        slogan_fr: c.slogan_fr,
        objectives_ar: c.objectives_ar,
        objectives_fr: c.objectives_fr,
        axes_ar: c.axes_ar,
        axes_fr: c.axes_fr,
        partners_ar: c.partners_ar,
        partners_fr: c.partners_fr,
        target_groups: c.target_groups,
        starts_on: c.starts_on.unwrap_or_default(),
        ends_on: c.ends_on.unwrap_or_default(),
    };
    campaign_form_page(&app, &ctx, Some(c.id), &raw, no_errors())
}

pub async fn update_campaign(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = campaign_staff(&ctx)?;
    let id = parse_id(&id)?;
    let raw = raw_campaign(&pairs);
    match raw.parse() {
        Ok(draft) => {
            app.store.update_campaign(id, &draft, &actor(user)).await?;
            Ok(Redirect::to(&format!("/campaigns/{id}")).into_response())
        }
        Err(e) => invalid(campaign_form_page(
            &app,
            &ctx,
            Some(id),
            &raw,
            form_errors(&app.i18n, ctx.lang, &e),
        )?),
    }
}

fn invalid(page: Html<String>) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(serde::Deserialize, Default)]
pub struct MeetingForm {
    #[serde(flatten)]
    raw: RawMeeting,
    #[serde(default)]
    cancelled: Option<String>,
}

async fn meeting_form_page(
    app: &AppState,
    ctx: &Ctx,
    campaign: &Campaign,
    id: Option<i64>,
    form: &MeetingForm,
    errors: Value,
) -> AppResult<Html<String>> {
    let user = ctx.require_user()?;
    let regions: Vec<_> = app
        .store
        .regions()
        .await?
        .into_iter()
        .filter(|r| runs_meetings_in(user, &r.code))
        .collect();
    let provinces = app.store.provinces(None).await?;
    Ok(app.templates.render(
        ctx,
        "meeting_form.html",
        context! {
            campaign => campaign, id => id, form => form.raw, cancelled => form.cancelled.is_some(),
            errors => errors, regions => regions, provinces => provinces,
        },
    )?)
}

/// Staff who may add a meeting in some region.
fn meeting_creator(ctx: &Ctx) -> AppResult<&User> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))
}

pub async fn new_meeting_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let user = meeting_creator(&ctx)?;
    let campaign = app.store.campaign(parse_id(&id)?).await?;
    let form = MeetingForm {
        raw: RawMeeting {
            level: "regional".into(),
            region_code: user.region_code.clone().unwrap_or_default(),
            starts_at: "09:00".into(),
            ends_at: "17:00".into(),
            ..Default::default()
        },
        cancelled: None,
    };
    meeting_form_page(&app, &ctx, &campaign, None, &form, no_errors()).await
}

pub async fn create_meeting(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let user = meeting_creator(&ctx)?;
    let campaign = app.store.campaign(parse_id(&id)?).await?;
    match checked_meeting(user, &form.raw) {
        Ok(draft) => {
            let id = app
                .store
                .create_meeting(campaign.id, &draft, &actor(user))
                .await?;
            Ok(Redirect::to(&format!("/meetings/{id}/programme")).into_response())
        }
        Err(e) => invalid(
            meeting_form_page(
                &app,
                &ctx,
                &campaign,
                None,
                &form,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?,
        ),
    }
}

/// The domain's checks, and a regional agent keeps to their region.
fn checked_meeting(
    user: &User,
    raw: &RawMeeting,
) -> Result<taawun_domain::campaign::MeetingDraft, ValidationErrors> {
    let draft = raw.parse()?;
    if !runs_meetings_in(user, draft.region.as_str()) {
        return Err(taawun_domain::ValidationError::new("region_code", "outside_your_region").into());
    }
    Ok(draft)
}

pub async fn edit_meeting_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    let campaign = app.store.campaign(m.campaign_id).await?;
    let form = MeetingForm {
        raw: RawMeeting {
            level: m.level.clone(),
            city_ar: m.city_ar.clone(),
            city_fr: m.city_fr.clone(),
            region_code: m.region_code.clone(),
            province_code: m.province_code.clone().unwrap_or_default(),
            venue_ar: m.venue_ar.clone(),
            venue_fr: m.venue_fr.clone(),
            date: m.date.clone().unwrap_or_default(),
            starts_at: m.starts_at.clone().unwrap_or_default(),
            ends_at: m.ends_at.clone().unwrap_or_default(),
            capacity: m.capacity.to_string(),
            organisers: m.organisers.clone(),
            partners: m.partners.clone(),
            animators: m.animators.clone(),
        },
        cancelled: m.cancelled.then(|| "1".to_string()),
    };
    meeting_form_page(&app, &ctx, &campaign, Some(m.id), &form, no_errors()).await
}

pub async fn update_meeting(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    let campaign = app.store.campaign(m.campaign_id).await?;
    let result: Result<(), ValidationErrors> = match checked_meeting(user, &form.raw) {
        Ok(draft) => {
            let message = registration_message(&app, &ctx.origin, &m);
            let notice = change_notice(&app, &ctx.origin, &draft);
            match app
                .store
                .update_meeting(
                    m.id,
                    &draft,
                    form.cancelled.is_some(),
                    &message,
                    &notice,
                    &actor(user),
                )
                .await
            {
                Ok(_) => return Ok(Redirect::to(&format!("/meetings/{}", m.id)).into_response()),
                Err(taawun_store::StoreError::Conflict(code)) => Err(ValidationErrors::from(
                    taawun_domain::ValidationError::new("capacity", code)
                        .with_arg("count", m.confirmed_count),
                )),
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) => Err(e),
    };
    let errors = result.err().unwrap_or_default();
    invalid(
        meeting_form_page(
            &app,
            &ctx,
            &campaign,
            Some(m.id),
            &form,
            form_errors(&app.i18n, ctx.lang, &errors),
        )
        .await?,
    )
}

async fn programme_page(
    app: &AppState,
    ctx: &Ctx,
    m: &Meeting,
    form: &RawItem,
    errors: Value,
) -> AppResult<Html<String>> {
    let campaign = app.store.campaign(m.campaign_id).await?;
    let programme = app.store.programme(m.id).await?;
    Ok(app.templates.render(
        ctx,
        "programme_form.html",
        context! {
            m => meeting_view(app, ctx, m).await?, campaign => campaign, programme => programme,
            form => form, errors => errors,
            kinds => ItemKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        },
    )?)
}

pub async fn programme_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    let form = RawItem {
        item_kind: "talk".into(),
        ..Default::default()
    };
    programme_page(&app, &ctx, &m, &form, no_errors()).await
}

pub async fn add_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RawItem>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    match form.parse() {
        Ok(item) => {
            app.store.add_programme_item(m.id, &item, &actor(user)).await?;
            Ok(Redirect::to(&format!("/meetings/{}/programme", m.id)).into_response())
        }
        Err(e) => invalid(programme_page(&app, &ctx, &m, &form, form_errors(&app.i18n, ctx.lang, &e)).await?),
    }
}

pub async fn remove_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, item)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    app.store
        .remove_programme_item(m.id, parse_id(&item)?, &actor(user))
        .await?;
    Ok(Redirect::to(&format!("/meetings/{}/programme", m.id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ical_escapes_and_folds() {
        let events = [IcalEvent {
            uid: "meeting-1@x".into(),
            date: "2018-05-10".into(),
            starts_at: Some("09:00".into()),
            ends_at: Some("17:30".into()),
            summary: "Campagne, «العمل التعاوني»; رافعة لنموذج تنموي جديد — الرشيدية — Errachidia".into(),
            location: "Salle\nA".into(),
            url: "https://x/meetings/1".into(),
        }];
        let cal = ical_calendar("C", &events, "20261123T000000Z".into());
        assert!(cal.contains("DTSTART:20180510T090000\r\n"));
        assert!(cal.contains("DTEND:20180510T173000\r\n"));
        assert!(cal.contains("LOCATION:Salle\\nA\r\n"));
        assert!(cal.contains("SUMMARY:Campagne\\, «"));
        for line in cal.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        // Unfolding gives back the summary.
        let unfolded = cal.replace("\r\n ", "");
        assert!(unfolded.contains("رافعة لنموذج تنموي جديد — الرشيدية — Errachidia"));
    }
}
