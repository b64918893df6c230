//! Market openings: the office or a partner publishes a fair, an exhibition, a mobile-market
//! tour, a retail partnership or a display space with its stands; cooperatives' managers apply
//! with chosen products; the organiser allocates the stands by the rule of
//! [`taawun_domain::markets::allocate`], shown on the event's page with every applicant's rank,
//! and the managers are told through the outbox.

use axum::{
    Form, Router,
    extract::{Path, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::{Value, context};
use serde::Deserialize;
use taawun_domain::{
    Lang, Role, ValidationError, ValidationErrors,
    error::required_text,
    markets::{
        AllocationRule, Applicant, EventKind, MAX_POINTS, MAX_ROTATION_EVENTS, RawMarketEvent, allocate_by,
        lottery, parse_sales,
    },
};
use taawun_store::{About, MarketApplication, MarketEvent, NewMessage, StoreError, User};

use super::{account::actor, campaigns::parse_id, campaigns::today, form_errors, no_errors};
use crate::{AppError, AppResult, AppState, ctx::Ctx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/markets", get(list))
        .route("/markets/new", get(new_form).post(create))
        .route("/markets/{id}", get(show))
        .route("/markets/{id}/apply", post(apply))
        .route("/markets/{id}/allocate", post(run_allocation))
        .route("/markets/{id}/sales", post(report_sales))
        .route("/markets/stats", get(stats))
}

/// Who publishes openings: the office and partners (fair organisers), and administrators.
fn publisher(ctx: &Ctx) -> AppResult<&User> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Partner | Role::Administrator))
}

/// Who allocates an event's stands: its organiser, a national office agent, an administrator.
fn may_allocate(user: &User, e: &MarketEvent) -> bool {
    match user.role {
        Role::Administrator => true,
        Role::OfficeAgent if user.region_code.is_none() => true,
        _ => e.organiser_user_id == Some(user.id),
    }
}

pub async fn list(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let events = app.store.market_events(200).await?;
    Ok(app.templates.render(
        &ctx,
        "market_events.html",
        context! { events => events, can_publish => publisher(&ctx).is_ok() },
    )?)
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    form: &RawMarketEvent,
    errors: Value,
) -> AppResult<Html<String>> {
    let kinds: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
    let regions = app.store.regions().await?;
    Ok(app.templates.render(
        ctx,
        "market_event_form.html",
        context! {
            form => form, errors => errors, kinds => kinds, regions => regions,
            default_rule => AllocationRule::default(), max_points => MAX_POINTS,
            max_rotation => MAX_ROTATION_EVENTS,
        },
    )?)
}

pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    publisher(&ctx)?;
    form_page(&app, &ctx, &RawMarketEvent::default(), no_errors()).await
}

pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(raw): Form<RawMarketEvent>,
) -> AppResult<Response> {
    let user = publisher(&ctx)?;
    match raw.parse() {
        Ok(draft) => {
            let id = app
                .store
                .create_market_event(&draft, Some(user.id), &actor(user))
                .await?;
            Ok(Redirect::to(&format!("/markets/{id}")).into_response())
        }
        Err(e) => {
            let page = form_page(&app, &ctx, &raw, form_errors(&app.i18n, ctx.lang, &e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// How many past allocations the event's rotation looks back on.
fn rotation(rule: &AllocationRule) -> usize {
    usize::try_from(rule.rotation_events).unwrap_or(1)
}

/// The rule's inputs for an application.
fn applicant(a: &MarketApplication, event: &MarketEvent) -> Applicant {
    Applicant {
        cooperative_id: a.cooperative_id,
        recent_places: u32::try_from(a.recent_places).unwrap_or(u32::MAX),
        certified: a.certified,
        local: a.region_code == event.region_code,
        women: taawun_domain::markets::women_majority(a.women_members, a.members),
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct ApplyForm {
    #[serde(default)]
    pub cooperative_id: String,
    #[serde(default)]
    pub products: String,
}

async fn event_page(
    app: &AppState,
    ctx: &Ctx,
    event: &MarketEvent,
    form: &ApplyForm,
    errors: Value,
) -> AppResult<Html<String>> {
    let applications = app
        .store
        .market_applications(event.id, &today().to_string(), rotation(&event.rule))
        .await?;
    let rows: Vec<Value> = applications
        .iter()
        .map(|a| {
            let inputs = applicant(a, event);
            context! {
                ..Value::from_serialize(a),
                ..context! {
                    local => inputs.local, women => inputs.women,
                    score => event.rule.score(&inputs),
                    draw => format!("{:016x}", lottery(event.id, a.cooperative_id)),
                }
            }
        })
        .collect();
    let user = ctx.user.as_ref();
    let managed = match user {
        Some(u) if u.role == Role::CooperativeManager => app.store.managed_cooperatives(u.id).await?,
        _ => Vec::new(),
    };
    // The manager's cooperatives that had a stand, to report their sales once it is over.
    let with_stand: Vec<&MarketApplication> = applications
        .iter()
        .filter(|a| a.allocated == Some(true) && managed.iter().any(|c| c.id == a.cooperative_id))
        .collect();
    let ended = event.ends_on < today().to_string();
    Ok(app.templates.render(
        ctx,
        "market_event.html",
        context! {
            with_stand => with_stand, ended => ended,
            e => event, applications => rows, managed => managed, form => form, errors => errors,
            can_allocate => user.is_some_and(|u| may_allocate(u, event)) && event.allocated_at.is_none(),
            rule => event.rule,
            title => if ctx.lang == Lang::Ar { &event.title_ar } else { &event.title_fr },
        },
    )?)
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let event = app.store.market_event(parse_id(&id)?).await?;
    event_page(&app, &ctx, &event, &ApplyForm::default(), no_errors()).await
}

pub async fn apply(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ApplyForm>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| r == Role::CooperativeManager)?;
    let event = app.store.market_event(parse_id(&id)?).await?;
    let mut e = ValidationErrors::new();
    let coop = form.cooperative_id.trim().parse::<i64>().ok();
    let coop = match coop {
        Some(c) if app.store.is_manager(user.id, c).await? => Some(c),
        _ => {
            e.push(ValidationError::new("cooperative_id", "required"));
            None
        }
    };
    let products = e.check(required_text("products", &form.products, 1000));
    if let (Some(coop), Some(products)) = (coop, products) {
        match app
            .store
            .apply_to_market(event.id, coop, &products, &actor(user))
            .await
        {
            Ok(_) => return Ok(Redirect::to(&format!("/markets/{}#applications", event.id)).into_response()),
            Err(StoreError::Conflict("allocated")) => {
                e.push(ValidationError::new("products", "registration_closed"))
            }
            Err(StoreError::Conflict(_)) => {
                e.push(ValidationError::new("cooperative_id", "already_registered"))
            }
            Err(other) => return Err(other.into()),
        }
    }
    let page = event_page(&app, &ctx, &event, &form, form_errors(&app.i18n, ctx.lang, &e)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Allocates the stands once, by the domain's rule, and tells every applicant's managers.
pub async fn run_allocation(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let event = app.store.market_event(parse_id(&id)?).await?;
    if !may_allocate(user, &event) {
        return Err(AppError::Forbidden);
    }
    let applications = app
        .store
        .market_applications(event.id, &today().to_string(), rotation(&event.rule))
        .await?;
    let inputs: Vec<Applicant> = applications.iter().map(|a| applicant(a, &event)).collect();
    let stands = usize::try_from(event.stands).unwrap_or(0);
    let ranked = allocate_by(&event.rule, event.id, stands, &inputs);
    let mut messages = Vec::new();
    for r in &ranked {
        for (to, lang) in app.store.managers_of(r.cooperative_id).await? {
            let lang = Lang::parse(&lang).unwrap_or_default();
            let args = [
                (
                    "title",
                    if lang == Lang::Ar {
                        event.title_ar.clone()
                    } else {
                        event.title_fr.clone()
                    },
                ),
                ("rank", r.rank.to_string()),
                ("link", format!("{}/markets/{}", ctx.origin, event.id)),
            ];
            let outcome = if r.allocated { "won" } else { "waitlist" };
            messages.push(NewMessage {
                to_address: to,
                lang: lang.code().to_string(),
                topic: "market_allocation".to_string(),
                subject: app
                    .i18n
                    .t_args(lang, &format!("mail-market-{outcome}-subject"), &args),
                body: app
                    .i18n
                    .t_args(lang, &format!("mail-market-{outcome}-body"), &args),
                about: About::Cooperative(r.cooperative_id),
            });
        }
    }
    let ranking: Vec<(i64, i64, bool)> = ranked
        .iter()
        .map(|r| (r.cooperative_id, i64::from(r.rank), r.allocated))
        .collect();
    // A second click, or another organiser at the same moment, finds it done: nothing changes.
    app.store
        .record_allocation(event.id, &ranking, &messages, &actor(user))
        .await?;
    Ok(Redirect::to(&format!("/markets/{}#applications", event.id)).into_response())
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct SalesForm {
    #[serde(default)]
    pub cooperative_id: String,
    #[serde(default)]
    pub sales_dh: String,
}

/// A manager reports the sales of a cooperative that had a stand, once the event is over.
pub async fn report_sales(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SalesForm>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| r == Role::CooperativeManager)?;
    let event = app.store.market_event(parse_id(&id)?).await?;
    let ends_on = time::Date::parse(
        &event.ends_on,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| AppError::NotFound)?;
    let checked = match form.cooperative_id.trim().parse::<i64>() {
        Ok(coop) => {
            if !app.store.is_manager(user.id, coop).await? {
                return Err(AppError::Forbidden);
            }
            parse_sales(&form.sales_dh, ends_on, today()).map(|amount| (coop, amount))
        }
        Err(_) => Err(ValidationError::new("cooperative_id", "required")),
    };
    match checked {
        Ok((coop, amount)) => {
            app.store
                .report_sales(event.id, coop, amount, &actor(user))
                .await?;
            Ok(Redirect::to(&format!("/markets/{}#applications", event.id)).into_response())
        }
        Err(e) => {
            let errors = form_errors(&app.i18n, ctx.lang, &e.into());
            let page = event_page(&app, &ctx, &event, &ApplyForm::default(), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
pub struct StatsQuery {
    /// `csv` or `xlsx` for a download of the rows behind the tables.
    #[serde(default)]
    pub format: Option<String>,
}

/// Participation and reported sales by region, sector and women's cooperatives, for the office;
/// `?format=csv|xlsx` downloads every (region, sector, women's) row.
pub async fn stats(
    State(app): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<StatsQuery>,
) -> AppResult<Response> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))?;
    let rows = app.store.market_stats().await?;
    if let Some(format) = &q.format {
        return stats_download(&app, &ctx, format, &rows);
    }
    // One table per dimension, each summing the same rows.
    let by = |key: &dyn Fn(&taawun_store::MarketStatRow) -> String| -> Vec<Value> {
        let mut groups: std::collections::BTreeMap<String, (i64, i64, i64)> = Default::default();
        for r in &rows {
            let g = groups.entry(key(r)).or_default();
            g.0 += r.applications;
            g.1 += r.places;
            g.2 += r.sales_dh;
        }
        groups
            .into_iter()
            .map(|(k, (a, p, s))| context! { key => k, applications => a, places => p, sales => s })
            .collect()
    };
    let regions = by(&|r| r.region_code.clone());
    let sectors = by(&|r| r.sector.clone().unwrap_or_default());
    let women = by(&|r| if r.women { "women" } else { "other" }.to_string());
    Ok(app
        .templates
        .render(
            &ctx,
            "market_stats.html",
            context! { regions => regions, sectors => sectors, women => women },
        )?
        .into_response())
}

fn stats_download(
    app: &AppState,
    ctx: &Ctx,
    format: &str,
    rows: &[taawun_store::MarketStatRow],
) -> AppResult<Response> {
    use crate::export::Cell;
    let t = |k: &str| app.i18n.t(ctx.lang, k);
    let header: Vec<String> = [
        "field-region",
        "field-sector",
        "mkt-stats-by-women",
        "mkt-stats-applications",
        "mkt-stats-places",
        "mkt-stats-sales",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(t(&format!("region-{}", r.region_code))),
                r.sector
                    .as_ref()
                    .map_or(Cell::Empty, |s| Cell::Text(t(&format!("sector-{s}")))),
                Cell::Text(t(if r.women { "yes" } else { "no" })),
                Cell::Number(r.applications as f64),
                Cell::Number(r.places as f64),
                Cell::Number(r.sales_dh as f64),
            ]
        })
        .collect();
    crate::export::download(ctx.lang, format, "market-participation", &header, &table)
}
