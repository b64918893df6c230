//! The cooperative's own space (`/cooperatives/{id}/space`): its managers keep the members'
//! register and the shares ledger, the officers' mandates, the general assemblies (notice,
//! attendance and quorum, resolutions, minutes), the documents to keep, and see one calendar of
//! what is due. The office and the competent court's clerk may read it; nobody else.

use axum::{
    Form, Router,
    extract::{Multipart, Path, Query, State, multipart::MultipartRejection},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::{Value, context};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use taawun_domain::{
    Lang, LegalRules, Role, ValidationError, ValidationErrors,
    coop_space::{
        AssemblyKind, CalendarFacts, KeptDocument, MovementKind, ObligationState, OfficeRole, RawAssembly,
        RawMandate, RawMember, RawMovement, RawResolution, SpaceRules, Votes, adopted, calendar, capital,
        paid_up_deadline, quorum_met, quorum_needed,
    },
};
use taawun_store::{About, CooperativeRow, NewKeptDocument, NewMessage, User};

use super::{
    account::actor,
    campaigns::{parse_id, today},
    form_errors,
    kb::{MarkdownPdf, markdown_pdf},
    no_errors,
};
use crate::{AppError, AppResult, AppState, ctx::Ctx};

/// The largest document kept (a scanned PDF).
const MAX_DOCUMENT_BYTES: usize = taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cooperatives/{id}/space", get(dashboard))
        .route("/cooperatives/{id}/space/members", get(members).post(add_member))
        .route(
            "/cooperatives/{id}/space/members/{member}/leave",
            post(member_leaves),
        )
        .route("/cooperatives/{id}/space/shares", get(shares).post(add_movement))
        .route(
            "/cooperatives/{id}/space/mandates",
            get(mandates).post(add_mandate),
        )
        .route(
            "/cooperatives/{id}/space/mandates/{mandate}/end",
            post(end_mandate),
        )
        .route(
            "/cooperatives/{id}/space/assemblies",
            get(assemblies).post(convene),
        )
        .route("/cooperatives/{id}/space/assemblies/{assembly}", get(assembly))
        .route(
            "/cooperatives/{id}/space/assemblies/{assembly}/attendance",
            post(attendance),
        )
        .route(
            "/cooperatives/{id}/space/assemblies/{assembly}/resolutions",
            post(add_resolution),
        )
        .route(
            "/cooperatives/{id}/space/assemblies/{assembly}/minutes.pdf",
            get(minutes_pdf),
        )
        .route("/cooperatives/{id}/space/documents", get(documents))
        .route(
            "/cooperatives/{id}/space/documents/upload",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(super::UPLOAD_LIMIT)),
        )
        .route("/cooperatives/{id}/space/documents/{document}", get(document))
        .route("/cooperatives/{id}/space/accounts-filed", post(accounts_filed))
        .route("/obligations", get(office_view))
}

/// What a user may do in a cooperative's space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Manage,
    Read,
}

async fn open<'a>(app: &AppState, ctx: &'a Ctx, id: &str) -> AppResult<(&'a User, CooperativeRow, Access)> {
    let user = ctx.require_user()?;
    let coop = app.store.cooperative(parse_id(id)?).await?;
    let access = match user.role {
        Role::CooperativeManager if app.store.is_manager(user.id, coop.id).await? => Access::Manage,
        Role::OfficeAgent if user.region_code.as_deref().is_none_or(|r| r == coop.region_code) => {
            Access::Read
        }
        Role::Administrator => Access::Read,
        Role::CourtClerk if user.court_code.is_some() && user.court_code == coop.court_code => Access::Read,
        _ => return Err(AppError::Forbidden),
    };
    Ok((user, coop, access))
}

async fn manage<'a>(app: &AppState, ctx: &'a Ctx, id: &str) -> AppResult<(&'a User, CooperativeRow)> {
    match open(app, ctx, id).await? {
        (user, coop, Access::Manage) => Ok((user, coop)),
        _ => Err(AppError::Forbidden),
    }
}

fn share_value(coop: &CooperativeRow) -> i64 {
    coop.share_value.unwrap_or(LegalRules::default().min_share_value)
}

/// The calendar's inputs, read from the books.
async fn facts(app: &AppState, coop: &CooperativeRow, lang: Lang) -> AppResult<CalendarFacts> {
    let ledger: Vec<_> = app
        .store
        .share_ledger(coop.id)
        .await?
        .into_iter()
        .map(|m| m.movement)
        .collect();
    let assemblies = app.store.assemblies(coop.id).await?;
    let mandates = app.store.mandates(coop.id).await?;
    let adapted = matches!(coop.adaptation_state.as_deref(), Some("adapted"));
    Ok(CalendarFacts {
        immatriculated_on: coop.immatriculated_on.as_deref().and_then(super::iso_date),
        adaptation_pending: coop.pre_112_12 && !adapted,
        adaptation_deadline: Some(LegalRules::default().adaptation_deadline),
        capital: capital(share_value(coop), &ledger),
        ordinary_assemblies: assemblies
            .iter()
            .filter(|a| a.held && a.kind == "ordinary")
            .filter_map(|a| Some((a.financial_year? as i32, super::iso_date(&a.held_on)?)))
            .collect(),
        accounts_filed: app.store.accounts_filed(coop.id).await?,
        mandates: mandates
            .iter()
            .filter(|m| m.ended_on.is_none())
            .filter_map(|m| {
                let label = app.i18n.t(lang, &format!("office-role-{}", m.role));
                Some((format!("{label}: {}", m.holder), super::iso_date(&m.ends_on)?))
            })
            .collect(),
    })
}

fn coop_name(coop: &CooperativeRow, lang: Lang) -> String {
    let (a, b) = match lang {
        Lang::Ar => (&coop.name_ar, &coop.name_fr),
        Lang::Fr => (&coop.name_fr, &coop.name_ar),
    };
    a.clone()
        .filter(|s| !s.is_empty())
        .or_else(|| b.clone())
        .unwrap_or_default()
}

fn base(coop: &CooperativeRow, access: Access, lang: Lang) -> Value {
    context! { coop => context! { id => coop.id, name => coop_name(coop, lang) }, manage => access == Access::Manage }
}

fn invalid(page: Html<String>) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn dashboard(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    let rules = SpaceRules::default();
    let f = facts(&app, &coop, ctx.lang).await?;
    let day = today();
    let members = app.store.members(coop.id).await?;
    let current: Vec<_> = members.iter().filter(|m| m.member.is_member_on(day)).collect();
    let women = current
        .iter()
        .filter(|m| m.member.gender == Some(taawun_domain::campaign::Gender::Woman))
        .count();
    let young = current
        .iter()
        .filter(|m| m.member.is_young_on(day, &rules))
        .count();
    let checklist = checklist(&app, &coop).await?;
    let missing = checklist.iter().filter(|c| c.1 != "present").count();
    Ok(app.templates.render(
        &ctx,
        "space.html",
        context! {
            ..base(&coop, access, ctx.lang),
            ..context! {
                capital => Value::from_serialize(&f.capital), unpaid => f.capital.unpaid(),
                paid_percent => f.capital.paid_share_permille() as f64 / 10.0,
                paid_up_deadline => f.immatriculated_on.map(|d| paid_up_deadline(d, &rules).to_string()),
                members => current.len(), women => women, young => young,
                calendar => calendar(&f, day, &rules), documents_to_fix => missing,
            }
        },
    )?)
}

// ---- Members and shares --------------------------------------------------------------------

async fn members_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &CooperativeRow,
    access: Access,
    form: &RawMember,
    errors: Value,
) -> AppResult<Html<String>> {
    let members = app.store.members(coop.id).await?;
    let f = facts(app, coop, ctx.lang).await?;
    let rows: Vec<Value> = members
        .iter()
        .map(|m| {
            let h = f.capital.holdings.get(&m.member.id).copied().unwrap_or_default();
            context! { ..Value::from_serialize(m), ..context! { shares => h.shares, paid => h.paid, current => m.member.is_member_on(today()) } }
        })
        .collect();
    Ok(app.templates.render(
        ctx,
        "space_members.html",
        context! { ..base(coop, access, ctx.lang), ..context! { members => rows, form => form, errors => errors, today => today().to_string() } },
    )?)
}

/// The new-member form as first shown: a person joining today.
fn blank_member() -> RawMember {
    RawMember {
        member_kind: "person".into(),
        joined_on: today().to_string(),
        ..Default::default()
    }
}

pub async fn members(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    members_page(&app, &ctx, &coop, access, &blank_member(), no_errors()).await
}

pub async fn add_member(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RawMember>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    match form.parse(today()) {
        Ok(m) => {
            app.store.add_member(coop.id, &m, &actor(user)).await?;
            Ok(Redirect::to(&format!("/cooperatives/{}/space/members", coop.id)).into_response())
        }
        Err(e) => invalid(
            members_page(
                &app,
                &ctx,
                &coop,
                Access::Manage,
                &form,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?,
        ),
    }
}

#[derive(Deserialize, Default)]
pub struct DateForm {
    #[serde(default)]
    on: String,
}

fn parse_day(field: &'static str, raw: &str) -> Result<time::Date, ValidationErrors> {
    let d = taawun_domain::cooperative::parse_date(field, raw)?
        .ok_or_else(|| ValidationError::new(field, "required"))?;
    if d > today() {
        return Err(ValidationError::new(field, "date_in_future").into());
    }
    Ok(d)
}

pub async fn member_leaves(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, member)): Path<(String, String)>,
    Form(form): Form<DateForm>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let member = parse_id(&member)?;
    let done = match parse_day("on", &form.on) {
        Ok(on) => match app.store.member_leaves(coop.id, member, on, &actor(user)).await {
            Err(taawun_store::StoreError::Conflict(code)) => {
                Err(ValidationErrors::from(ValidationError::new("on", code)))
            }
            other => Ok(other?),
        },
        Err(e) => Err(e),
    };
    if let Err(e) = done {
        // The members' page again, with the rule named in its error summary.
        let errors = form_errors(&app.i18n, ctx.lang, &e);
        return invalid(members_page(&app, &ctx, &coop, Access::Manage, &blank_member(), errors).await?);
    }
    Ok(Redirect::to(&format!("/cooperatives/{}/space/members", coop.id)).into_response())
}

async fn shares_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &CooperativeRow,
    access: Access,
    form: &RawMovement,
    errors: Value,
) -> AppResult<Html<String>> {
    let members = app.store.members(coop.id).await?;
    let ledger = app.store.share_ledger(coop.id).await?;
    let name_of = |id: i64| {
        members
            .iter()
            .find(|m| m.member.id == id)
            .map(|m| m.member.name.clone())
            .unwrap_or_default()
    };
    let lines: Vec<Value> = ledger
        .iter()
        .map(|l| {
            context! {
                ..Value::from_serialize(&l.movement),
                ..context! { member => name_of(l.movement.member_id), to => l.movement.to_member_id.map(name_of) }
            }
        })
        .collect();
    let c = capital(
        share_value(coop),
        &ledger.iter().map(|l| l.movement.clone()).collect::<Vec<_>>(),
    );
    Ok(app.templates.render(
        ctx,
        "space_shares.html",
        context! {
            ..base(coop, access, ctx.lang),
            ..context! {
                lines => lines, form => form, errors => errors, capital => Value::from_serialize(&c), unpaid => c.unpaid(),
                members => members.iter().filter(|m| m.member.left_on.is_none()).map(|m| context! { id => m.member.id, name => m.member.name.clone() }).collect::<Vec<_>>(),
                kinds => MovementKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            }
        },
    )?)
}

pub async fn shares(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    let form = RawMovement {
        movement_kind: "subscription".into(),
        on: today().to_string(),
        ..Default::default()
    };
    shares_page(&app, &ctx, &coop, access, &form, no_errors()).await
}

pub async fn add_movement(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RawMovement>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let value = share_value(&coop);
    let day = today();
    let result = app
        .store
        .add_movement(
            coop.id,
            |members, ledger| form.parse(members, value, ledger, day),
            &actor(user),
        )
        .await?;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/cooperatives/{}/space/shares", coop.id)).into_response()),
        Err(e) => invalid(
            shares_page(
                &app,
                &ctx,
                &coop,
                Access::Manage,
                &form,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?,
        ),
    }
}

// ---- Mandates ------------------------------------------------------------------------------

async fn mandates_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &CooperativeRow,
    access: Access,
    form: &RawMandate,
    errors: Value,
) -> AppResult<Html<String>> {
    let rules = SpaceRules::default();
    let day = today();
    let rows: Vec<Value> = app
        .store
        .mandates(coop.id)
        .await?
        .into_iter()
        .map(|m| {
            let end = super::iso_date(&m.ends_on);
            let state = match (m.ended_on.is_some(), end) {
                (true, _) => "ended",
                (false, Some(e)) if e < day => "expired",
                (false, Some(e)) if (e - day).whole_days() <= rules.renewal_notice_days => "renewal_due",
                _ => "running",
            };
            context! { ..Value::from_serialize(&m), ..context! { state => state } }
        })
        .collect();
    Ok(app.templates.render(
        ctx,
        "space_mandates.html",
        context! {
            ..base(coop, access, ctx.lang),
            ..context! { mandates => rows, form => form, errors => errors, roles => OfficeRole::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(), today => day.to_string() }
        },
    )?)
}

pub async fn mandates(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    let form = RawMandate {
        office_role: "board_member".into(),
        starts_on: today().to_string(),
        ..Default::default()
    };
    mandates_page(&app, &ctx, &coop, access, &form, no_errors()).await
}

pub async fn add_mandate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RawMandate>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    match form.parse() {
        Ok(m) => {
            app.store.add_mandate(coop.id, &m, &actor(user)).await?;
            Ok(Redirect::to(&format!("/cooperatives/{}/space/mandates", coop.id)).into_response())
        }
        Err(e) => invalid(
            mandates_page(
                &app,
                &ctx,
                &coop,
                Access::Manage,
                &form,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?,
        ),
    }
}

pub async fn end_mandate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, mandate)): Path<(String, String)>,
    Form(form): Form<DateForm>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let on = parse_day("on", &form.on).map_err(AppError::Invalid)?;
    app.store
        .end_mandate(coop.id, parse_id(&mandate)?, on, &actor(user))
        .await?;
    Ok(Redirect::to(&format!("/cooperatives/{}/space/mandates", coop.id)).into_response())
}

// ---- Assemblies ----------------------------------------------------------------------------

#[derive(Deserialize, Default, serde::Serialize)]
pub struct ConveneForm {
    #[serde(flatten)]
    raw: RawAssembly,
    #[serde(default)]
    notify: Option<String>,
}

async fn assemblies_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &CooperativeRow,
    access: Access,
    form: &ConveneForm,
    errors: Value,
) -> AppResult<Html<String>> {
    let list = app.store.assemblies(coop.id).await?;
    Ok(app.templates.render(
        ctx,
        "space_assemblies.html",
        context! {
            ..base(coop, access, ctx.lang),
            ..context! { assemblies => list, form => form.raw, notify => form.notify.is_some(), errors => errors, last_year => today().year() - 1 }
        },
    )?)
}

pub async fn assemblies(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    let form = ConveneForm {
        raw: RawAssembly {
            assembly_kind: "ordinary".into(),
            call: "1".into(),
            financial_year: (today().year() - 1).to_string(),
            ..Default::default()
        },
        notify: Some("1".into()),
    };
    assemblies_page(&app, &ctx, &coop, access, &form, no_errors()).await
}

pub async fn convene(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ConveneForm>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    // An assembly is convened ahead, or recorded after it was held: any date up to a year on.
    let draft = match form.raw.parse(today() + time::Duration::days(366)) {
        Ok(d) => d,
        Err(e) => {
            return invalid(
                assemblies_page(
                    &app,
                    &ctx,
                    &coop,
                    Access::Manage,
                    &form,
                    form_errors(&app.i18n, ctx.lang, &e),
                )
                .await?,
            );
        }
    };
    let mut notices = Vec::new();
    if form.notify.is_some() {
        let members = app.store.members(coop.id).await?;
        for m in members
            .iter()
            .filter(|m| m.member.is_member_on(draft.held_on.min(today())))
        {
            let Some(to) = &m.email else { continue };
            // The office does not know which language each member reads first: both, Arabic first.
            let body = [Lang::Ar, Lang::Fr]
                .iter()
                .map(|l| {
                    app.i18n.t_args(
                        *l,
                        &format!("assembly-notice-body-{}", draft.kind.as_str()),
                        &[
                            ("cooperative", coop_name(&coop, *l)),
                            ("name", m.member.name.clone()),
                            ("date", crate::i18n::format_date(&app.i18n, *l, draft.held_on)),
                            (
                                "time",
                                draft
                                    .starts_at
                                    .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
                                    .unwrap_or_default(),
                            ),
                            ("place", draft.place.clone()),
                            ("agenda", draft.agenda.clone()),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n— — —\n\n");
            notices.push(NewMessage {
                to_address: to.clone(),
                lang: "ar".into(),
                topic: "assembly_notice".into(),
                subject: format!(
                    "{} / {}",
                    app.i18n.t_args(
                        Lang::Ar,
                        "assembly-notice-subject",
                        &[("cooperative", coop_name(&coop, Lang::Ar))]
                    ),
                    app.i18n.t_args(
                        Lang::Fr,
                        "assembly-notice-subject",
                        &[("cooperative", coop_name(&coop, Lang::Fr))]
                    )
                ),
                body,
                about: About::Cooperative(coop.id),
            });
        }
    }
    let aid = app
        .store
        .convene_assembly(coop.id, &draft, &notices, &actor(user))
        .await?;
    Ok(Redirect::to(&format!("/cooperatives/{}/space/assemblies/{aid}", coop.id)).into_response())
}

async fn load_assembly(
    app: &AppState,
    coop: &CooperativeRow,
    raw: &str,
) -> AppResult<taawun_store::AssemblyRow> {
    let a = app.store.assembly(parse_id(raw)?).await?;
    if a.cooperative_id != coop.id {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

fn kind_of(a: &taawun_store::AssemblyRow) -> AssemblyKind {
    AssemblyKind::parse("assembly_kind", &a.kind).unwrap_or(AssemblyKind::Ordinary)
}

/// Members on the day, present ones, quorum and the resolutions with their outcome.
async fn assembly_facts(
    app: &AppState,
    coop: &CooperativeRow,
    a: &taawun_store::AssemblyRow,
) -> AppResult<Value> {
    let rules = SpaceRules::default();
    let day = super::iso_date(&a.held_on).unwrap_or_else(today);
    let members: Vec<_> = app
        .store
        .members(coop.id)
        .await?
        .into_iter()
        .filter(|m| m.member.is_member_on(day))
        .collect();
    let present = app.store.attendance_of(a.id).await?;
    let kind = kind_of(a);
    let resolutions: Vec<Value> = app
        .store
        .resolutions(a.id)
        .await?
        .into_iter()
        .map(|r| {
            let ok = adopted(kind, votes_of(&r), present.len() as i64, &rules);
            context! { ..Value::from_serialize(&r), ..context! { adopted => ok } }
        })
        .collect();
    Ok(context! {
        members => members.iter().map(|m| context! { id => m.member.id, name => m.member.name.clone(), present => present.contains(&m.member.id) }).collect::<Vec<_>>(),
        member_count => members.len(), present => present.len(),
        needed => quorum_needed(kind, a.call_number as u8, members.len() as i64, &rules),
        quorum => quorum_met(kind, a.call_number as u8, present.len() as i64, members.len() as i64, &rules),
        resolutions => resolutions,
    })
}

async fn assembly_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &CooperativeRow,
    access: Access,
    a: &taawun_store::AssemblyRow,
    form: &RawResolution,
    errors: Value,
) -> AppResult<Html<String>> {
    let signed: Vec<_> = app
        .store
        .kept_documents(coop.id)
        .await?
        .into_iter()
        .filter(|d| d.assembly_id == Some(a.id))
        .collect();
    Ok(app.templates.render(
        ctx,
        "space_assembly.html",
        context! {
            ..base(coop, access, ctx.lang),
            ..context! { a => a, f => assembly_facts(app, coop, a).await?, form => form, errors => errors, signed => signed }
        },
    )?)
}

pub async fn assembly(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    let a = load_assembly(&app, &coop, &aid).await?;
    assembly_page(
        &app,
        &ctx,
        &coop,
        access,
        &a,
        &RawResolution::default(),
        no_errors(),
    )
    .await
}

pub async fn attendance(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let a = load_assembly(&app, &coop, &aid).await?;
    let present: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "present")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    app.store.record_attendance(a.id, &present, &actor(user)).await?;
    Ok(Redirect::to(&format!("/cooperatives/{}/space/assemblies/{}", coop.id, a.id)).into_response())
}

pub async fn add_resolution(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
    Form(form): Form<RawResolution>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let a = load_assembly(&app, &coop, &aid).await?;
    match form.parse(a.present) {
        Ok(r) => {
            app.store.add_resolution(a.id, &r, &actor(user)).await?;
            Ok(Redirect::to(&format!(
                "/cooperatives/{}/space/assemblies/{}#resolutions",
                coop.id, a.id
            ))
            .into_response())
        }
        Err(e) => invalid(
            assembly_page(
                &app,
                &ctx,
                &coop,
                Access::Manage,
                &a,
                &form,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?,
        ),
    }
}

#[derive(Deserialize, Default)]
pub struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// The minutes, generated from the books in the chosen language, with room for signatures.
pub async fn minutes_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let (_, coop, _) = open(&app, &ctx, &id).await?;
    let a = load_assembly(&app, &coop, &aid).await?;
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or(ctx.lang);
    let t = |k: &str| app.i18n.t(lang, k);
    let ta = |k: &str, args: &[(&str, String)]| app.i18n.t_args(lang, k, args);
    let rules = SpaceRules::default();
    let kind = kind_of(&a);
    let day = super::iso_date(&a.held_on).unwrap_or_else(today);
    let members: Vec<_> = app
        .store
        .members(coop.id)
        .await?
        .into_iter()
        .filter(|m| m.member.is_member_on(day))
        .collect();
    let present = app.store.attendance_of(a.id).await?;
    let met = quorum_met(
        kind,
        a.call_number as u8,
        present.len() as i64,
        members.len() as i64,
        &rules,
    );
    let mut body = ta(
        "minutes-opening",
        &[
            ("cooperative", coop_name(&coop, lang)),
            ("date", crate::i18n::format_date(&app.i18n, lang, day)),
            ("time", a.starts_at.clone().unwrap_or_default()),
            ("place", a.place.clone()),
            ("call", a.call_number.to_string()),
        ],
    );
    body.push_str("\n\n");
    body.push_str(&ta(
        "minutes-attendance",
        &[
            ("present", present.len().to_string()),
            ("members", members.len().to_string()),
        ],
    ));
    body.push(' ');
    body.push_str(&t(if met {
        "minutes-quorum-met"
    } else {
        "minutes-quorum-not-met"
    }));
    body.push_str(&format!("\n\n## {}\n\n", t("field-agenda")));
    for line in a.agenda.lines().map(str::trim).filter(|l| !l.is_empty()) {
        body.push_str(&format!("1. {line}\n"));
    }
    body.push_str(&format!("\n## {}\n\n", t("assembly-resolutions")));
    for (n, r) in app.store.resolutions(a.id).await?.iter().enumerate() {
        let text = if lang == Lang::Ar && !r.text_ar.is_empty() || r.text_fr.is_empty() {
            &r.text_ar
        } else {
            &r.text_fr
        };
        let outcome = if adopted(kind, votes_of(r), present.len() as i64, &rules) {
            t("resolution-adopted")
        } else {
            t("resolution-rejected")
        };
        body.push_str(&format!(
            "### {} {}\n\n{}\n\n{} — {}\n\n",
            t("resolution-n"),
            n + 1,
            text,
            ta(
                "resolution-votes",
                &[
                    ("for", r.votes_for.to_string()),
                    ("against", r.votes_against.to_string()),
                    ("abstentions", r.abstentions.to_string())
                ]
            ),
            outcome
        ));
    }
    body.push_str(&format!(
        "\n## {}\n\n| {} | {} |\n| --- | --- |\n| | |\n| | |\n",
        t("minutes-signatures"),
        t("minutes-chair"),
        t("minutes-secretary")
    ));
    markdown_pdf(
        &app,
        MarkdownPdf {
            lang,
            title: t(&format!("assembly-title-{}", a.kind)),
            summary: coop_name(&coop, lang),
            body,
            toc: false,
            cited: String::new(),
            footer: format!("Taawun — {}", t("minutes-footer")),
            file_name: format!("minutes-{}-{}.pdf", a.id, lang.code()),
            public: false,
        },
    )
    .await
}

// ---- Documents to keep ---------------------------------------------------------------------

/// Each document kind with its state: `present`, `missing` or `out_of_date`, and its versions.
async fn checklist(
    app: &AppState,
    coop: &CooperativeRow,
) -> AppResult<Vec<(String, &'static str, Vec<taawun_store::KeptDocumentRow>)>> {
    let docs = app.store.kept_documents(coop.id).await?;
    let last_closed = i64::from(today().year() - 1);
    let members = app.store.members(coop.id).await?;
    // The register must show the latest entries and exits.
    let last_change = members
        .iter()
        .flat_map(|m| [Some(m.member.joined_on), m.member.left_on])
        .flatten()
        .max();
    let held: Vec<i64> = app
        .store
        .assemblies(coop.id)
        .await?
        .iter()
        .filter(|a| a.held)
        .map(|a| a.id)
        .collect();
    let mut out = Vec::new();
    for kind in KeptDocument::ALL {
        let versions: Vec<_> = docs.iter().filter(|d| d.kind == kind.as_str()).cloned().collect();
        let latest = versions.first();
        let state = match (kind, latest) {
            (_, None) if *kind == KeptDocument::AssemblyMinutes && held.is_empty() => "present",
            (_, None) => "missing",
            (KeptDocument::AnnualAccounts | KeptDocument::ManagementReport, Some(d))
                if d.financial_year.is_none_or(|y| y < last_closed) =>
            {
                "out_of_date"
            }
            (KeptDocument::MembersRegister, Some(d))
                if last_change.is_some_and(|c| {
                    time::OffsetDateTime::from_unix_timestamp(d.uploaded_at)
                        .map(|t| t.date() < c)
                        .unwrap_or(false)
                }) =>
            {
                "out_of_date"
            }
            (KeptDocument::AssemblyMinutes, Some(_))
                if held
                    .iter()
                    .any(|a| !versions.iter().any(|d| d.assembly_id == Some(*a))) =>
            {
                "out_of_date"
            }
            _ => "present",
        };
        out.push((kind.as_str().to_string(), state, versions));
    }
    Ok(out)
}

async fn documents_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &CooperativeRow,
    access: Access,
    errors: Value,
) -> AppResult<Html<String>> {
    let items: Vec<Value> = checklist(app, coop)
        .await?
        .into_iter()
        .map(|(kind, state, versions)| context! { kind => kind, state => state, versions => versions })
        .collect();
    let guide = crate::kb::explain_link("documents");
    Ok(app.templates.render(
        ctx,
        "space_documents.html",
        context! {
            ..base(coop, access, ctx.lang),
            ..context! {
                items => items, errors => errors, last_year => today().year() - 1,
                assemblies => app.store.assemblies(coop.id).await?, guide => guide.map(|g| g.0),
                max_mb => MAX_DOCUMENT_BYTES / (1024 * 1024),
            }
        },
    )?)
}

pub async fn documents(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop, access) = open(&app, &ctx, &id).await?;
    documents_page(&app, &ctx, &coop, access, no_errors()).await
}

pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let mut multipart =
        multipart.map_err(|_| AppError::invalid(ValidationError::new("file", "upload_empty")))?;
    let mut errors = ValidationErrors::new();
    let form = super::upload::read(&mut multipart, "file", MAX_DOCUMENT_BYTES, &mut errors).await;
    let (kind, year, assembly) = (
        form.field("document_kind"),
        form.field("financial_year"),
        form.field("assembly_id"),
    );
    let kind = errors.check(KeptDocument::parse("document_kind", kind));
    let financial_year = match taawun_domain::number::whole_number_in(year, 1950..=i64::from(today().year()))
    {
        Ok(y) => y,
        Err(_) => {
            errors.push(ValidationError::new("financial_year", "invalid_number"));
            None
        }
    };
    let assembly_id = match assembly.trim().parse::<i64>() {
        Ok(aid) => Some(load_assembly(&app, &coop, &aid.to_string()).await?.id),
        Err(_) => None,
    };
    let checked = match form.bytes("file", MAX_DOCUMENT_BYTES, &mut errors) {
        None => None,
        Some(b) => match taawun_domain::register::sniff_type(b) {
            None => {
                errors.push(ValidationError::new("file", "upload_type"));
                None
            }
            Some(t) => {
                let name = form.file.as_ref().map_or("", |f| f.0.as_str());
                Some((super::upload::clean_file_name(name, "document"), t, b.to_vec()))
            }
        },
    };
    match (kind, checked) {
        (Some(kind), Some((name, content_type, bytes))) if errors.is_empty() => {
            let sha = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>();
            app.store
                .keep_document(
                    coop.id,
                    &NewKeptDocument {
                        kind: kind.as_str(),
                        assembly_id,
                        financial_year,
                        file_name: &name,
                        content_type,
                        sha256: &sha,
                        bytes: &bytes,
                    },
                    &actor(user),
                )
                .await?;
            let back = match assembly_id {
                Some(aid) => format!("/cooperatives/{}/space/assemblies/{aid}", coop.id),
                None => format!("/cooperatives/{}/space/documents", coop.id),
            };
            Ok(Redirect::to(&back).into_response())
        }
        _ => invalid(
            documents_page(
                &app,
                &ctx,
                &coop,
                Access::Manage,
                form_errors(&app.i18n, ctx.lang, &errors),
            )
            .await?,
        ),
    }
}

pub async fn document(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, doc)): Path<(String, String)>,
) -> AppResult<Response> {
    let (_, coop, _) = open(&app, &ctx, &id).await?;
    let (name, content_type, bytes) = app.store.kept_document(coop.id, parse_id(&doc)?).await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{}\"", name.replace('"', "")),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct AccountsForm {
    #[serde(default)]
    financial_year: String,
    #[serde(default)]
    on: String,
}

pub async fn accounts_filed(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AccountsForm>,
) -> AppResult<Response> {
    let (user, coop) = manage(&app, &ctx, &id).await?;
    let mut e = ValidationErrors::new();
    let year = match taawun_domain::number::whole_number_in(
        &form.financial_year,
        1950..=i64::from(today().year()),
    ) {
        Ok(Some(y)) => i32::try_from(y).ok(),
        _ => {
            e.push(ValidationError::new("financial_year", "invalid_number"));
            None
        }
    };
    let on = e.check(parse_day("on", &form.on).map_err(|errs| {
        errs.0
            .into_iter()
            .next()
            .unwrap_or_else(|| ValidationError::new("on", "required"))
    }));
    match (year, on) {
        (Some(y), Some(on)) => {
            app.store
                .mark_accounts_filed(coop.id, y, on, &actor(user))
                .await?;
            Ok(Redirect::to(&format!("/cooperatives/{}/space", coop.id)).into_response())
        }
        _ => Err(AppError::Invalid(e)),
    }
}

// ---- The office's view and reminders -------------------------------------------------------

/// Overdue obligations of the cooperatives that keep their books here, by region.
pub async fn office_view(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let user = ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))?;
    let rules = SpaceRules::default();
    let day = today();
    let mut by_region: std::collections::BTreeMap<String, [i64; 5]> = Default::default();
    let mut overdue = Vec::new();
    let mut followed = 0;
    for id in app.store.space_cooperatives().await? {
        let coop = app.store.cooperative(id).await?;
        if user.region_code.as_deref().is_some_and(|r| r != coop.region_code) {
            continue;
        }
        followed += 1;
        let f = facts(&app, &coop, ctx.lang).await?;
        for o in calendar(&f, day, &rules)
            .into_iter()
            .filter(|o| o.state == ObligationState::Overdue)
        {
            let slot = taawun_domain::coop_space::ObligationKind::ALL
                .iter()
                .position(|k| *k == o.kind)
                .unwrap_or(0);
            by_region.entry(coop.region_code.clone()).or_default()[slot] += 1;
            overdue.push(context! { coop => context! { id => coop.id, name => coop_name(&coop, ctx.lang) }, o => Value::from_serialize(&o) });
        }
    }
    overdue.truncate(500);
    let rows: Vec<Value> = by_region
        .into_iter()
        .map(|(region, counts)| context! { region => app.i18n.t(ctx.lang, &format!("region-{region}")), counts => counts.to_vec() })
        .collect();
    Ok(app.templates.render(
        &ctx,
        "obligations.html",
        context! {
            rows => rows, overdue => overdue, followed => followed,
            kinds => taawun_domain::coop_space::ObligationKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        },
    )?)
}

/// Reminds the managers of every cooperative keeping its books here of what is overdue or due
/// soon, once per obligation and state (run by each server's maintenance loop; the database
/// makes sure a reminder leaves once).
pub async fn send_reminders(app: &AppState) -> AppResult<usize> {
    let rules = SpaceRules::default();
    let day = today();
    let mut sent = 0;
    for id in app.store.space_cooperatives().await? {
        let coop = app.store.cooperative(id).await?;
        let managers = app.store.manager_emails(coop.id).await?;
        if managers.is_empty() {
            continue;
        }
        let f = facts(app, &coop, Lang::Ar).await?;
        for o in calendar(&f, day, &rules) {
            let threshold = match o.state {
                ObligationState::Overdue => "overdue",
                ObligationState::DueSoon => "due_soon",
                _ => continue,
            };
            let messages: Vec<NewMessage> = managers
                .iter()
                .map(|(to, lang)| {
                    let lang = Lang::parse(lang).unwrap_or_default();
                    let args = [
                        ("cooperative", coop_name(&coop, lang)),
                        (
                            "what",
                            app.i18n.t_args(
                                lang,
                                &format!("obligation-{}", o.kind.as_str()),
                                &[("subject", o.subject.clone())],
                            ),
                        ),
                        ("date", crate::i18n::format_date(&app.i18n, lang, o.due)),
                    ];
                    NewMessage {
                        to_address: to.clone(),
                        lang: lang.code().to_string(),
                        topic: "obligation_reminder".into(),
                        subject: app
                            .i18n
                            .t_args(lang, &format!("reminder-{threshold}-subject"), &args),
                        body: app
                            .i18n
                            .t_args(lang, &format!("reminder-{threshold}-body"), &args),
                        about: About::Cooperative(coop.id),
                    }
                })
                .collect();
            if app
                .store
                .remind_once(coop.id, &o.key, threshold, &messages)
                .await?
            {
                sent += messages.len();
            }
        }
    }
    Ok(sent)
}

fn votes_of(r: &taawun_store::ResolutionRow) -> Votes {
    Votes {
        votes_for: r.votes_for,
        votes_against: r.votes_against,
        abstentions: r.abstentions,
    }
}
