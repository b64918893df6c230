//! Campaigns and meetings in the API: the public programme and registration for a meeting.

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use taawun_domain::{Lang, campaign::RawRegistration};
use taawun_store::{Actor, Entry, Meeting};
use utoipa::ToSchema;

use super::ErrorEnvelope;
use crate::{AppError, AppResult, AppState, ctx, pages::participants::register as register_participant};

#[derive(Serialize, ToSchema)]
pub struct CampaignItem {
    pub id: i64,
    pub title: String,
    pub title_ar: String,
    pub title_fr: String,
    pub slogan: String,
    /// ISO dates.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub target_groups: Vec<String>,
    pub meeting_count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CampaignList {
    pub items: Vec<CampaignItem>,
    pub total: usize,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingItem {
    pub id: i64,
    pub campaign_id: i64,
    /// `regional` or `provincial`.
    pub level: String,
    /// In the requested language (`?lang=`, Arabic by default).
    pub city: String,
    pub city_ar: String,
    pub city_fr: String,
    pub region_code: String,
    pub province_code: Option<String>,
    pub venue: String,
    /// ISO date; null while not fixed.
    pub date: Option<String>,
    /// `HH:MM`, local time.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub capacity: i64,
    /// Registrations holding a place.
    pub confirmed_count: i64,
    pub places_left: i64,
    pub cancelled: bool,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingList {
    pub items: Vec<MeetingItem>,
    pub total: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ProgrammeLine {
    pub id: i64,
    /// `reception`, `opening`, `talk`, `workshop`, `break`, `closing`.
    pub kind: String,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub title: String,
    /// The presenting body of a talk, or the workshop's animator.
    pub presenter: String,
    pub room: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: MeetingItem,
    pub organisers: String,
    pub partners: String,
    pub animators: String,
    pub programme: Vec<ProgrammeLine>,
}

/// What a registration asks for. `phone` or `email` is required.
#[derive(serde::Deserialize, ToSchema)]
pub struct RegistrationRequest {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// `cooperative_manager`, `cooperative_member`, `association`, `chamber`, `administration`,
    /// `local_authority`, `student`, `other`.
    pub target_group: String,
    pub organisation: Option<String>,
    /// `woman` or `man`, to count women's share; optional.
    pub gender: Option<String>,
    pub province_code: Option<String>,
    /// Central number of the participant's cooperative in the register.
    pub cooperative_number: Option<String>,
    /// Ids of the meeting's workshops chosen.
    pub workshops: Option<Vec<i64>>,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationCreated {
    pub id: i64,
    /// `confirmed` or `waitlisted`.
    pub status: String,
    /// Rank on the waiting list, when waitlisted.
    pub waitlist_rank: Option<i64>,
    /// The ticket page (QR code, cancellation).
    pub ticket_url: String,
}

fn item(m: &Meeting, lang: Lang) -> MeetingItem {
    let pick = |ar: &str, fr: &str| {
        if lang == Lang::Ar {
            ar.to_string()
        } else {
            fr.to_string()
        }
    };
    MeetingItem {
        id: m.id,
        campaign_id: m.campaign_id,
        level: m.level.clone(),
        city: pick(&m.city_ar, &m.city_fr),
        city_ar: m.city_ar.clone(),
        city_fr: m.city_fr.clone(),
        region_code: m.region_code.clone(),
        province_code: m.province_code.clone(),
        venue: pick(&m.venue_ar, &m.venue_fr),
        date: m.date.clone(),
        starts_at: m.starts_at.clone(),
        ends_at: m.ends_at.clone(),
        capacity: m.capacity,
        confirmed_count: m.confirmed_count,
        places_left: m.places_left(),
        cancelled: m.cancelled,
    }
}

fn id_of(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The campaigns, newest first.
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "campaigns",
    responses((status = 200, description = "Campaigns", body = CampaignList)))]
pub async fn list(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> AppResult<Json<CampaignList>> {
    let lang = ctx::api_lang(&uri, &headers);
    let items: Vec<CampaignItem> = app
        .store
        .campaigns()
        .await?
        .into_iter()
        .map(|c| CampaignItem {
            id: c.id,
            title: if lang == Lang::Ar {
                c.title_ar.clone()
            } else {
                c.title_fr.clone()
            },
            slogan: if lang == Lang::Ar {
                c.slogan_ar.clone()
            } else {
                c.slogan_fr.clone()
            },
            title_ar: c.title_ar,
            title_fr: c.title_fr,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            target_groups: c.target_groups,
            meeting_count: c.meeting_count,
        })
        .collect();
    Ok(Json(CampaignList {
        total: items.len(),
        items,
    }))
}

/// A campaign's meetings by date.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/meetings", tag = "campaigns",
    params(("id" = i64, Path, description = "Campaign id")),
    responses(
        (status = 200, description = "Meetings", body = MeetingList),
        (status = 404, description = "No such campaign", body = ErrorEnvelope)
    ))]
pub async fn meetings(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Json<MeetingList>> {
    let lang = ctx::api_lang(&uri, &headers);
    let campaign = app.store.campaign(id_of(&id)?).await?;
    let items: Vec<MeetingItem> = app
        .store
        .meetings(campaign.id)
        .await?
        .iter()
        .map(|m| item(m, lang))
        .collect();
    Ok(Json(MeetingList {
        total: items.len(),
        items,
    }))
}

/// A meeting with its programme.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "campaigns",
    params(("id" = i64, Path, description = "Meeting id")),
    responses(
        (status = 200, description = "The meeting", body = MeetingDetail),
        (status = 404, description = "No such meeting", body = ErrorEnvelope)
    ))]
pub async fn meeting(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Json<MeetingDetail>> {
    let lang = ctx::api_lang(&uri, &headers);
    let m = app.store.meeting(id_of(&id)?).await?;
    let programme = app
        .store
        .programme(m.id)
        .await?
        .into_iter()
        .map(|i| ProgrammeLine {
            id: i.id,
            kind: i.kind,
            starts_at: i.starts_at,
            ends_at: i.ends_at,
            title: if lang == Lang::Ar { i.title_ar } else { i.title_fr },
            presenter: if lang == Lang::Ar {
                i.presenter_ar
            } else {
                i.presenter_fr
            },
            room: i.room,
        })
        .collect();
    Ok(Json(MeetingDetail {
        meeting: item(&m, lang),
        organisers: m.organisers,
        partners: m.partners,
        animators: m.animators,
        programme,
    }))
}

/// Registers someone for a meeting: `confirmed` while places remain, `waitlisted` after. The
/// same phone (or e-mail) twice for one meeting is refused with 409.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/registrations", tag = "campaigns",
    params(("id" = i64, Path, description = "Meeting id")),
    request_body = RegistrationRequest,
    responses(
        (status = 201, description = "Registered", body = RegistrationCreated),
        (status = 404, description = "No such meeting", body = ErrorEnvelope),
        (status = 409, description = "Already registered", body = ErrorEnvelope),
        (status = 422, description = "A field is missing or invalid, or registration is closed", body = ErrorEnvelope)
    ))]
pub async fn register(
    State(app): State<AppState>,
    page: ctx::Ctx,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Json<serde_json::Value>, axum::extract::rejection::JsonRejection>,
) -> AppResult<Response> {
    let lang = ctx::api_lang(&uri, &headers);
    let m = app.store.meeting(id_of(&id)?).await?;
    let Json(body) =
        body.map_err(|_| AppError::invalid(taawun_domain::ValidationError::new("body", "invalid_json")))?;
    let req: RegistrationRequest = serde_json::from_value(body).map_err(|e| {
        // Name the field serde could not read, when it says which.
        let msg = e.to_string();
        let field = [
            "name",
            "target_group",
            "phone",
            "email",
            "organisation",
            "gender",
            "province_code",
            "cooperative_number",
            "workshops",
        ]
        .into_iter()
        .find(|f| msg.contains(&format!("`{f}`")))
        .unwrap_or("body");
        AppError::invalid(taawun_domain::ValidationError::new(
            field,
            if msg.contains("missing field") {
                "required"
            } else {
                "invalid_json"
            },
        ))
    })?;
    let raw = RawRegistration {
        name: req.name,
        phone: req.phone.unwrap_or_default(),
        email: req.email.unwrap_or_default(),
        target_group: req.target_group,
        organisation: req.organisation.unwrap_or_default(),
        gender: req.gender.unwrap_or_default(),
        province_code: req.province_code.unwrap_or_default(),
        cooperative_number: req.cooperative_number.unwrap_or_default(),
        workshops: req.workshops.unwrap_or_default(),
    };
    let origin = page.origin;
    match register_participant(&app, &origin, lang, &m, &raw, Entry::Public, &Actor::Anonymous).await? {
        Ok(r) => Ok((
            StatusCode::CREATED,
            Json(RegistrationCreated {
                id: r.registration.id,
                status: r.registration.status,
                waitlist_rank: r.waitlist_rank,
                ticket_url: format!("{origin}/tickets/{}", r.registration.token),
            }),
        )
            .into_response()),
        Err(e) if e.iter().any(|e| e.code == "already_registered") => Err(AppError::Conflict(e)),
        Err(e) => Err(AppError::Invalid(e)),
    }
}
