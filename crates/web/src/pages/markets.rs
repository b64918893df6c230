//! Product quality and market access: a cooperative's certifications and its ONSSA checklist
//! (its managers and the office), the public catalogue of certified products, the office's
//! view of certified food cooperatives by region, and the reminders before a certificate expires.

use axum::{
    Form, Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::{Value, context};
use serde::Deserialize;
use taawun_domain::{
    Lang, RegionCode, Role,
    markets::{
        CertificationKind, DERIVED_ITEM, ONSSA_CHECKLIST, RawCertification, certification_state,
        due_reminder, is_food_producer, missing_items,
    },
};
use taawun_store::{About, CatalogueFilter, Certification, CooperativeRow, NewMessage, ReminderDue, User};

use super::{account::actor, campaigns::parse_id, campaigns::today, form_errors, no_errors};
use crate::{AppError, AppResult, AppState, ctx::Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cooperatives/{id}/certifications",
            get(certifications).post(add_certification),
        )
        .route(
            "/cooperatives/{id}/certifications/checklist",
            post(save_checklist),
        )
        .route(
            "/cooperatives/{id}/certifications/photo",
            post(add_photo).layer(axum::extract::DefaultBodyLimit::max(MAX_PHOTO_BYTES + 64 * 1024)),
        )
        .route("/catalogue/photos/{id}", get(photo))
        .route("/catalogue", get(catalogue))
        .route("/certifications/coverage", get(coverage))
        .route("/certifications/reminders", post(run_reminders))
        .merge(super::market_events::routes())
        .merge(super::products::routes())
}

/// A certificate listing's photo is shown small in a list read on phones and stored as sent, so
/// the limit keeps pages light. Product records' photos are resized instead (`crate::photos`).
/// The largest photo upload: a phone's photo as taken; what is stored is resized.
pub const MAX_PHOTO_BYTES: usize = crate::photos::MAX_UPLOAD_BYTES;

/// How many catalogue entries a page shows; filters narrow it down.
const CATALOGUE_LIMIT: i64 = 200;

fn parse_iso(s: &str) -> Option<time::Date> {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// The signed-in user who may keep this cooperative's certifications: one of its managers, the
/// office (nationally or in the cooperative's region) or an administrator.
pub(crate) async fn keeper(app: &AppState, ctx: &Ctx, id: &str) -> AppResult<(User, CooperativeRow)> {
    let user = ctx.require_user()?.clone();
    let coop = app.store.cooperative(parse_id(id)?).await?;
    let allowed = match user.role {
        Role::Administrator => true,
        Role::OfficeAgent => user.region_code.as_deref().is_none_or(|r| r == coop.region_code),
        Role::CooperativeManager => app.store.is_manager(user.id, coop.id).await?,
        _ => false,
    };
    if allowed {
        Ok((user, coop))
    } else {
        Err(AppError::Forbidden)
    }
}

/// A certificate with what pages show beside it: its state today and the product lines.
fn certification_view(c: &Certification, today: time::Date) -> Value {
    let state = certification_state(c.expires_on.as_deref().and_then(parse_iso), today);
    let products: Vec<&str> = c
        .products
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    context! {
        ..Value::from_serialize(c),
        ..context! { state => state.as_str(), product_lines => products }
    }
}

pub(crate) async fn certifications_page(
    app: &AppState,
    ctx: &Ctx,
    user: &User,
    coop: &CooperativeRow,
    form: &RawCertification,
    errors: Value,
) -> AppResult<Html<String>> {
    let day = today();
    let stored = app.store.certifications(coop.id).await?;
    let mut certs = Vec::new();
    for c in &stored {
        let sent = app.store.reminders_sent(c.id).await?;
        certs.push(context! { ..certification_view(c, day), ..context! { reminders_sent => sent } });
    }
    let food = is_food_producer(coop.sector.as_deref(), coop.branch.as_deref());
    let done = app.store.checklist(coop.id).await?;
    let registered = coop.status == "active";
    let missing = missing_items(registered, &done);
    // ONSSA's title held today: the checklist is then the record of how it was obtained.
    let onssa_held = stored.iter().any(|c| {
        CertificationKind::parse("kind", &c.kind).is_ok_and(|k| k.is_onssa())
            && certification_state(c.expires_on.as_deref().and_then(parse_iso), day)
                != taawun_domain::markets::CertificationState::Expired
    });
    let checklist: Vec<Value> = ONSSA_CHECKLIST
        .iter()
        .map(|(item, kb)| {
            context! {
                item => item, kb => kb, derived => *item == DERIVED_ITEM,
                done => !missing.contains(item),
            }
        })
        .collect();
    let kinds: Vec<&str> = CertificationKind::ALL.iter().map(|k| k.as_str()).collect();
    // A manager of several cooperatives goes from one's certificates to the next.
    let others: Vec<CooperativeRow> = if user.role == Role::CooperativeManager {
        app.store
            .managed_cooperatives(user.id)
            .await?
            .into_iter()
            .filter(|c| c.id != coop.id)
            .collect()
    } else {
        Vec::new()
    };
    Ok(app.templates.render(
        ctx,
        "certifications.html",
        context! {
            coop => coop, others => others, certifications => certs, food => food, checklist => checklist,
            missing => missing, onssa_held => onssa_held, kinds => kinds, form => form,
            max_photo_mb => MAX_PHOTO_BYTES / (1024 * 1024),
            max_document_mb => taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024),
            errors => errors,
        },
    )?)
}

pub async fn certifications(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    certifications_page(
        &app,
        &ctx,
        &user,
        &coop,
        &RawCertification::default(),
        no_errors(),
    )
    .await
}

pub async fn add_certification(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    // One value per field (no repeated field), so the form deserialises straight into it.
    Form(raw): Form<RawCertification>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let food = is_food_producer(coop.sector.as_deref(), coop.branch.as_deref());
    let errors = match raw.parse(food, today()) {
        Ok(draft) => match app.store.add_certification(coop.id, &draft, &actor(&user)).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/cooperatives/{}/certifications", coop.id)).into_response());
            }
            // The same certificate (kind and number) recorded twice.
            Err(taawun_store::StoreError::Conflict(_)) => {
                taawun_domain::ValidationError::new("number", "certificate_already_recorded").into()
            }
            Err(e) => return Err(e.into()),
        },
        Err(e) => e,
    };
    let page = certifications_page(
        &app,
        &ctx,
        &user,
        &coop,
        &raw,
        form_errors(&app.i18n, ctx.lang, &errors),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn save_checklist(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let items: Vec<String> = pairs
        .into_iter()
        .filter(|(k, _)| k == "done")
        .map(|(_, v)| v)
        .collect();
    app.store.set_checklist(coop.id, &items, &actor(&user)).await?;
    Ok(Redirect::to(&format!("/cooperatives/{}/certifications#checklist", coop.id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct CatalogueQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub kind: String,
}

impl CatalogueQuery {
    /// The filters, with unknown codes dropped rather than refused: a catalogue link with a stale
    /// code still lists something.
    pub fn filter(&self) -> CatalogueFilter {
        let text = self.q.trim();
        CatalogueFilter {
            region: RegionCode::parse("region", &self.region)
                .ok()
                .map(|r| r.as_str().to_string()),
            kind: CertificationKind::parse("kind", &self.kind)
                .ok()
                .map(|k| k.as_str().to_string()),
            text: (!text.is_empty() && text.chars().count() <= 100).then(|| text.to_string()),
        }
    }
}

/// The catalogue's entries for the public: running certificates of active cooperatives.
pub(crate) async fn catalogue_entries(app: &AppState, q: &CatalogueQuery) -> AppResult<Vec<Certification>> {
    Ok(app
        .store
        .catalogue(&q.filter(), &today().to_string(), CATALOGUE_LIMIT)
        .await?)
}

pub async fn catalogue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CatalogueQuery>,
) -> AppResult<Html<String>> {
    let day = today();
    let entries: Vec<Value> = catalogue_entries(&app, &q)
        .await?
        .iter()
        .map(|c| certification_view(c, day))
        .collect();
    let regions = app.store.regions().await?;
    let kinds: Vec<&str> = CertificationKind::ALL.iter().map(|k| k.as_str()).collect();
    let f = q.filter();
    Ok(app.templates.render(
        &ctx,
        "catalogue.html",
        context! {
            entries => entries, regions => regions, kinds => kinds, q => q.q.trim(),
            region => f.region, kind => f.kind, limit => CATALOGUE_LIMIT,
        },
    )?)
}

#[derive(Deserialize, Default)]
pub struct CoverageQuery {
    #[serde(default)]
    pub queued: Option<usize>,
}

/// The office's view: food cooperatives with and without a running ONSSA title, by region. A
/// regional agent sees their region.
pub async fn coverage(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CoverageQuery>,
) -> AppResult<Html<String>> {
    let user = ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))?;
    let rows = app
        .store
        .food_coverage(&today().to_string(), user.region_code.as_deref())
        .await?;
    let (total, certified) = rows
        .iter()
        .fold((0, 0), |(t, c), r| (t + r.food_cooperatives, c + r.certified));
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            context! {
                ..Value::from_serialize(r),
                ..context! {
                    uncertified => r.food_cooperatives - r.certified,
                    percent => if r.food_cooperatives > 0 { r.certified * 100 / r.food_cooperatives } else { 0 },
                }
            }
        })
        .collect();
    Ok(app.templates.render(
        &ctx,
        "certification_coverage.html",
        context! {
            rows => rows, total => total, certified => certified, uncertified => total - certified,
            queued => q.queued,
        },
    )?)
}

/// Queues the reminders due now (the maintenance loop does it every hour; the office may not
/// want to wait). Idempotent: a reminder already sent is not sent again.
pub async fn run_reminders(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))?;
    let queued = queue_reminders(&app, &ctx.origin).await?;
    Ok(Redirect::to(&format!("/certifications/coverage?queued={queued}")).into_response())
}

/// Every reminder due today: for each certificate expiring within the largest threshold, the
/// threshold due (domain rule), one message per manager in their language, queued once.
pub(crate) async fn queue_reminders(app: &AppState, origin: &str) -> AppResult<usize> {
    let day = today();
    let until = day + time::Duration::days(taawun_domain::markets::REMINDER_THRESHOLDS[0]);
    let mut queued = 0;
    for (c, recipients) in app
        .store
        .expiring_certifications(&day.to_string(), &until.to_string())
        .await?
    {
        let expires = c.expires_on.as_deref().and_then(parse_iso);
        let (Some(threshold), Some(expires)) = (due_reminder(expires, day), expires) else {
            continue;
        };
        // Nobody to tell yet: the reminder stays due for when a manager is linked.
        if recipients.is_empty() {
            continue;
        }
        let messages: Vec<NewMessage> = recipients
            .iter()
            .map(|(to, lang)| {
                let lang = Lang::parse(lang).unwrap_or_default();
                let name = match lang {
                    Lang::Ar => c.cooperative_name_ar.clone().or(c.cooperative_name_fr.clone()),
                    Lang::Fr => c.cooperative_name_fr.clone().or(c.cooperative_name_ar.clone()),
                }
                .unwrap_or_default();
                let args = [
                    ("name", name),
                    ("kind", app.i18n.t(lang, &format!("cert-kind-{}", c.kind))),
                    ("number", c.number.clone()),
                    ("date", crate::i18n::format_date(&app.i18n, lang, expires)),
                    ("days", (expires - day).whole_days().to_string()),
                    (
                        "link",
                        format!("{origin}/cooperatives/{}/certifications", c.cooperative_id),
                    ),
                ];
                NewMessage {
                    to_address: to.clone(),
                    lang: lang.code().to_string(),
                    topic: "certification_reminder".to_string(),
                    subject: app.i18n.t_args(lang, "mail-cert-reminder-subject", &args),
                    body: app.i18n.t_args(lang, "mail-cert-reminder-body", &args),
                    about: About::Cooperative(c.cooperative_id),
                }
            })
            .collect();
        let due = ReminderDue {
            certification: c,
            threshold_days: threshold,
            recipients,
        };
        if app.store.send_certification_reminder(&due, &messages).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Every hour, the reminders due. Any number of processes may run it: each reminder is queued
/// once (see the store).
pub(crate) async fn remind(app: AppState) {
    let origin = app.config.public_url.clone().unwrap_or_default();
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match queue_reminders(&app, &origin).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "certification reminders queued"),
            Err(e) => tracing::warn!(error = ?e, "certification reminders failed"),
        }
    }
}

/// A product photo for a certificate's listing in the catalogue (JPEG or PNG by content, at
/// most [`MAX_PHOTO_BYTES`] as uploaded), stored resized.
pub async fn add_photo(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    // Who may upload is decided before the body is read.
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let mut errors = taawun_domain::ValidationErrors::new();
    let form = match multipart {
        Ok(mut m) => super::upload::read(&mut m, "photo", MAX_PHOTO_BYTES, &mut errors).await,
        Err(_) => Default::default(),
    };
    let certification = form.field("certification_id").trim().parse::<i64>().ok();
    if certification.is_none() {
        errors.push(taawun_domain::ValidationError::new(
            "certification_id",
            "required",
        ));
    }
    let bytes = form
        .bytes("photo", MAX_PHOTO_BYTES, &mut errors)
        .map(<[u8]>::to_vec);
    // Decoded by its content (JPEG or PNG only) and stored resized and re-encoded: what the
    // catalogue serves is always an image this code wrote, and light. Only a form otherwise
    // right is decoded, a couple at a time in the process ([`crate::photos::Photos`]).
    let photo = match bytes {
        Some(bytes) if errors.is_empty() => app.photos.resize(bytes, &mut errors).await?.map(|r| r.bytes),
        _ => None,
    };
    if let (Some(cert), Some(bytes), true) = (certification, photo, errors.is_empty()) {
        app.store
            .set_certification_photo(coop.id, cert, "image/jpeg", &bytes, &actor(&user))
            .await?;
        return Ok(Redirect::to(&format!("/cooperatives/{}/certifications", coop.id)).into_response());
    }
    let page = certifications_page(
        &app,
        &ctx,
        &user,
        &coop,
        &RawCertification::default(),
        form_errors(&app.i18n, ctx.lang, &errors),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A product photo, public like the catalogue. Its address carries the upload time, so it can
/// be cached for long: a new photo has a new address.
pub async fn photo(State(app): State<AppState>, Path(id): Path<String>) -> AppResult<Response> {
    let (content_type, bytes) = app.store.certification_photo(parse_id(&id)?).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=604800".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
