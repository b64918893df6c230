//! Support programmes (seed 003): a funder publishes a call for projects; cooperatives' managers
//! apply; the preliminary committee admits or finds ineligible, with reasons; the committee of
//! the level the call names for the project type scores each admitted application per
//! criterion, members with a conflict of interest standing aside; its chair records the
//! decisions and the minutes, and the applicants are told why; the selected projects are then
//! followed (agreement, disbursements, milestones, reports and visits).
//!
//! Who sees what: a call and its selected projects are public; an application is read by its
//! cooperative's managers, the call's owner, the office and the call's committee members; the
//! scores only by the members of the committee that gives them, and not by a member who
//! declared a conflict on that application.

use std::collections::BTreeMap;

use axum::{
    Form, Router,
    extract::{Multipart, Path, Query, State, multipart::MultipartRejection},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::{Value, context};
use serde::Deserialize;
use taawun_domain::{
    Email, Lang, Role, ValidationError, ValidationErrors,
    error::required_text,
    programmes::{
        CallLimits, CommitteeLevel, CoopFacts, Decision, FollowUpKind, MAX_BUDGET_LINES, MAX_CRITERIA,
        MilestoneFacts, ProjectType, RawApplication, RawCall, RawCriterion, Scored, call_open, check_budget,
        check_disbursement, decision_reason, missing_documents, parse_amount, parse_marks, project_stage,
        rank, required_amount, weighted_total,
    },
};
use taawun_store::{
    About, Agreement, Application, Call, Disbursement, NewMessage, SessionDecision, StoreError, User,
};

use super::{account::actor, campaigns::parse_id, campaigns::today, form_errors, no_errors};
use crate::{
    AppError, AppResult, AppState,
    ctx::Ctx,
    export::{self, Cell},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(list))
        .route("/programmes/new", get(new_form).post(create))
        .route("/programmes/selected", get(selected))
        .route("/programmes/stats", get(stats))
        .route("/programmes/stats.{ext}", get(stats_export))
        .route("/programmes/{id}", get(show))
        .route("/programmes/{id}/apply", post(apply))
        .route("/programmes/{id}/committee", post(add_member))
        .route("/programmes/{id}/committee/remove", post(remove_member))
        .route("/programmes/{id}/committees/{level}", get(committee))
        .route("/programmes/{id}/committees/{level}/decisions", post(decide))
        .route(
            "/programmes/{id}/committees/{level}/minutes.pdf",
            get(minutes_pdf),
        )
        .route("/applications/{id}", get(application).post(save_application))
        .route(
            "/applications/{id}/documents",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(super::UPLOAD_LIMIT)),
        )
        .route("/applications/{id}/documents/{index}", get(document))
        .route("/applications/{id}/submit", post(submit))
        .route("/applications/{id}/preliminary", post(preliminary))
        .route("/applications/{id}/conflict", post(conflict))
        .route("/applications/{id}/score", post(score))
        .route("/applications/{id}/agreement", post(agreement))
        .route("/applications/{id}/disbursements", post(disburse))
        .route("/applications/{id}/milestones", post(milestone))
        .route("/applications/{id}/milestones/{mid}/done", post(milestone_done))
        .route("/applications/{id}/notes", post(note))
}

fn unprocessable(page: Html<String>) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn back(path: String) -> AppResult<Response> {
    Ok(Redirect::to(&path).into_response())
}

/// Whether the call takes applications and their changes today.
pub(crate) fn is_open(call: &Call) -> bool {
    matches!((super::iso_date(&call.opens_on), super::iso_date(&call.closes_on)), (Some(o), Some(e)) if call_open(o, e, today()))
}

fn title(call: &Call, lang: Lang) -> &str {
    if lang == Lang::Ar {
        &call.title_ar
    } else {
        &call.title_fr
    }
}

/// Who publishes calls: partners (INDH, regions, ministries, agencies), national office agents,
/// administrators.
fn publisher(ctx: &Ctx) -> AppResult<&User> {
    let user = ctx.require_role(|r| matches!(r, Role::Partner | Role::OfficeAgent | Role::Administrator))?;
    if user.role == Role::OfficeAgent && user.region_code.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// What a user is to a call.
#[derive(Debug, Default)]
struct Access {
    /// Published it (or administers the platform): manages its committees, follows its projects.
    owner: bool,
    /// The office (national, or the region of the call).
    office: bool,
    /// The committees the user sits on, with the chair flag.
    seats: Vec<(CommitteeLevel, bool)>,
}

impl Access {
    fn member(&self, level: CommitteeLevel) -> bool {
        self.seats.iter().any(|(l, _)| *l == level)
    }
    fn chair(&self, level: CommitteeLevel) -> bool {
        self.seats.iter().any(|(l, c)| *l == level && *c)
    }
    /// Follows selected projects: the funder and the office.
    fn follows(&self) -> bool {
        self.owner || self.office
    }
}

async fn access(app: &AppState, user: Option<&User>, call: &Call) -> AppResult<Access> {
    let Some(u) = user else {
        return Ok(Access::default());
    };
    let seats = app
        .store
        .committee_seats(u.id)
        .await?
        .into_iter()
        .filter(|(c, _, _)| *c == call.id)
        .filter_map(|(_, l, chair)| CommitteeLevel::parse("level", &l).ok().map(|l| (l, chair)))
        .collect();
    Ok(Access {
        owner: u.role == Role::Administrator || call.owner_user_id == Some(u.id),
        office: u.role == Role::OfficeAgent
            && (u.region_code.is_none() || u.region_code == call.eligibility.region_code),
        seats,
    })
}

/// The level that decides an application of this type, by the call.
fn level_of(call: &Call, project_type: &str) -> Option<CommitteeLevel> {
    call.levels
        .get(project_type)
        .and_then(|l| CommitteeLevel::parse("level", l).ok())
}

fn project_types(call: &Call) -> Vec<ProjectType> {
    call.levels
        .keys()
        .filter_map(|t| ProjectType::parse("project_type", t).ok())
        .collect()
}

fn limits(call: &Call) -> CallLimits {
    CallLimits {
        ceiling_dh: call.ceiling_dh,
        min_own_percent: call.min_own_percent,
    }
}

fn value(pairs: &[(String, String)], name: &str) -> String {
    super::form_value(pairs, name).to_string()
}

// ---- calls ------------------------------------------------------------------------------

pub async fn list(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let calls = app.store.calls().await?;
    let (mine, seats) = match &ctx.user {
        Some(u) => (
            app.store.applications_of_manager(u.id).await?,
            app.store.committee_seats(u.id).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let rows: Vec<Value> = calls
        .iter()
        .map(|c| {
            let open = is_open(c);
            context! { ..Value::from_serialize(c), ..context! { open => open } }
        })
        .collect();
    let seats: Vec<Value> = seats
        .iter()
        .filter_map(|(call_id, level, chair)| {
            calls.iter().find(|c| c.id == *call_id).map(|c| {
                context! { call => c, level => level, chair => chair }
            })
        })
        .collect();
    Ok(app.templates.render(
        &ctx,
        "prog_calls.html",
        context! {
            calls => rows, mine => mine, seats => seats,
            can_publish => publisher(&ctx).is_ok(),
            can_stats => ctx.user.as_ref().is_some_and(|u| matches!(u.role, Role::OfficeAgent | Role::Partner | Role::Administrator)),
        },
    )?)
}

fn raw_call(pairs: &[(String, String)]) -> RawCall {
    let v = |n: &str| value(pairs, n);
    RawCall {
        funder: v("funder"),
        title_ar: v("title_ar"),
        title_fr: v("title_fr"),
        objectives_ar: v("objectives_ar"),
        objectives_fr: v("objectives_fr"),
        region_code: v("region_code"),
        sectors: super::form_values(pairs, "sectors").map(String::from).collect(),
        max_age_years: v("max_age_years"),
        women_only: !v("women_only").is_empty(),
        youth_only: !v("youth_only").is_empty(),
        adaptation_required: !v("adaptation_required").is_empty(),
        budget_dh: v("budget_dh"),
        ceiling_dh: v("ceiling_dh"),
        min_own_percent: v("min_own_percent"),
        documents: v("documents"),
        opens_on: v("opens_on"),
        closes_on: v("closes_on"),
        preliminary_by: v("preliminary_by"),
        decision_by: v("decision_by"),
        criteria: (0..MAX_CRITERIA)
            .map(|i| RawCriterion {
                label_ar: v(&format!("criterion_ar_{i}")),
                label_fr: v(&format!("criterion_fr_{i}")),
                weight: v(&format!("weight_{i}")),
            })
            .collect(),
        levels: ProjectType::ALL
            .iter()
            .map(|t| (t.as_str().to_string(), v(&format!("level_{}", t.as_str()))))
            .collect(),
    }
}

async fn call_form(app: &AppState, ctx: &Ctx, form: &RawCall, errors: Value) -> AppResult<Html<String>> {
    let mut criteria = form.criteria.clone();
    criteria.resize(MAX_CRITERIA, RawCriterion::default());
    Ok(app.templates.render(
        ctx,
        "prog_call_form.html",
        context! {
            form => form, errors => errors, criteria => criteria,
            regions => app.store.regions().await?,
            sectors => taawun_domain::SECTORS.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            types => ProjectType::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            levels => CommitteeLevel::DECIDING.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        },
    )?)
}

pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    publisher(&ctx)?;
    call_form(&app, &ctx, &RawCall::default(), no_errors()).await
}

pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = publisher(&ctx)?;
    let raw = raw_call(&pairs);
    match raw.parse() {
        Ok(draft) => {
            let id = app.store.create_call(&draft, Some(user.id), &actor(user)).await?;
            back(format!("/programmes/{id}"))
        }
        Err(e) => unprocessable(call_form(&app, &ctx, &raw, form_errors(&app.i18n, ctx.lang, &e)).await?),
    }
}

#[derive(Deserialize, serde::Serialize, Default)]
pub struct ApplyForm {
    #[serde(default)]
    pub cooperative_id: String,
}

async fn call_page(app: &AppState, ctx: &Ctx, call: &Call, errors: Value) -> AppResult<Html<String>> {
    let user = ctx.user.as_ref();
    let a = access(app, user, call).await?;
    let managed = match user {
        Some(u) if u.role == Role::CooperativeManager => app.store.managed_cooperatives(u.id).await?,
        _ => Vec::new(),
    };
    let open = is_open(call);
    // The funder and the office see every application's status, never its scores.
    let applications = if a.follows() {
        app.store.call_applications(call.id).await?
    } else {
        Vec::new()
    };
    // Where each selected project stands in its follow-up.
    let mut stages: BTreeMap<String, &str> = BTreeMap::new();
    for x in applications.iter().filter(|x| x.status == "selected") {
        stages.insert(x.id.to_string(), stage_of(&app.store.follow_up(x.id).await?));
    }
    let members = if a.owner || !a.seats.is_empty() {
        app.store.committee_members(call.id).await?
    } else {
        Vec::new()
    };
    let levels: Vec<&str> = CommitteeLevel::ALL.iter().map(|l| l.as_str()).collect();
    let seats: Vec<&str> = a.seats.iter().map(|(l, _)| l.as_str()).collect();
    Ok(app.templates.render(
        ctx,
        "prog_call.html",
        context! {
            c => call, title => title(call, ctx.lang), open => open, managed => managed,
            errors => errors, owner => a.owner, follows => a.follows(), applications => applications,
            members => members, levels => levels, seats => seats,
            selected_dh => app.store.selected_dh(call.id).await?, stages => stages,
        },
    )?)
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let call = app.store.call(parse_id(&id)?).await?;
    call_page(&app, &ctx, &call, no_errors()).await
}

/// A manager starts the cooperative's application: an empty draft, then the form.
pub async fn apply(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ApplyForm>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| r == Role::CooperativeManager)?;
    let call = app.store.call(parse_id(&id)?).await?;
    let mut e = ValidationErrors::new();
    let coop = match form.cooperative_id.trim().parse::<i64>() {
        Ok(c) if app.store.is_manager(user.id, c).await? => Some(c),
        _ => {
            e.push(ValidationError::new("cooperative_id", "required"));
            None
        }
    };
    let open = is_open(&call);
    if !open {
        e.push(ValidationError::new("cooperative_id", "call_closed"));
    }
    if let (Some(coop), true) = (coop, e.is_empty()) {
        let first = project_types(&call)
            .first()
            .copied()
            .unwrap_or(ProjectType::IncomeGenerating);
        let draft = taawun_domain::programmes::ApplicationDraft {
            project_title: String::new(),
            project_type: first,
            summary: String::new(),
            budget: Vec::new(),
            own_contribution_dh: 0,
            requested_dh: 0,
            jobs: None,
        };
        match app
            .store
            .create_application(call.id, coop, &draft, &actor(user))
            .await
        {
            Ok(aid) => return back(format!("/applications/{aid}")),
            Err(StoreError::Conflict(_)) => {
                e.push(ValidationError::new("cooperative_id", "already_registered"))
            }
            Err(other) => return Err(other.into()),
        }
    }
    unprocessable(call_page(&app, &ctx, &call, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    chair: String,
    #[serde(default)]
    user_id: String,
}

async fn owned_call(app: &AppState, ctx: &Ctx, id: &str) -> AppResult<(User, Call)> {
    let user = ctx.require_user()?.clone();
    let call = app.store.call(parse_id(id)?).await?;
    if !access(app, Some(&user), &call).await?.owner {
        return Err(AppError::Forbidden);
    }
    Ok((user, call))
}

/// The owner seats a partner's or the office's agent (by e-mail) on a committee.
pub async fn add_member(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let (user, call) = owned_call(&app, &ctx, &id).await?;
    let mut e = ValidationErrors::new();
    let level = e.check(CommitteeLevel::parse("level", &form.level));
    let member = match e.check(Email::parse("email", &form.email)) {
        Some(email) => match app.store.user_for_sign_in(&email).await? {
            Some((u, _))
                if matches!(u.role, Role::Partner | Role::OfficeAgent | Role::Administrator)
                    && !u.disabled =>
            {
                Some(u)
            }
            _ => {
                e.push(ValidationError::new("email", "not_a_committee_user"));
                None
            }
        },
        None => None,
    };
    if let (Some(level), Some(member)) = (level, member) {
        app.store
            .add_committee_member(
                call.id,
                level.as_str(),
                member.id,
                !form.chair.is_empty(),
                &actor(&user),
            )
            .await?;
        return back(format!("/programmes/{}#committees", call.id));
    }
    unprocessable(call_page(&app, &ctx, &call, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

pub async fn remove_member(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let (user, call) = owned_call(&app, &ctx, &id).await?;
    let level = CommitteeLevel::parse("level", &form.level).map_err(AppError::invalid)?;
    let member = parse_id(form.user_id.trim())?;
    app.store
        .remove_committee_member(call.id, level.as_str(), member, &actor(&user))
        .await?;
    back(format!("/programmes/{}#committees", call.id))
}

// ---- committees -------------------------------------------------------------------------

/// A committee's member, or 403. Returns the level and whether they chair it.
async fn seat(
    app: &AppState,
    ctx: &Ctx,
    call: &Call,
    level: &str,
) -> AppResult<(User, CommitteeLevel, bool)> {
    let user = ctx.require_user()?.clone();
    let level = CommitteeLevel::parse("level", level).map_err(|_| AppError::NotFound)?;
    let a = access(app, Some(&user), call).await?;
    if !a.member(level) {
        return Err(AppError::Forbidden);
    }
    let chair = a.chair(level);
    Ok((user, level, chair))
}

/// The applications a committee has in hand: every submitted one for the preliminary
/// committee; the admitted (and, once decided, the decided) ones of its project types for a
/// level committee.
fn for_level(call: &Call, level: CommitteeLevel, list: Vec<Application>) -> Vec<Application> {
    list.into_iter()
        .filter(|a| match level {
            CommitteeLevel::Preliminary => true,
            l => {
                level_of(call, &a.project_type) == Some(l)
                    && matches!(
                        a.status.as_str(),
                        "admitted" | "selected" | "waitlisted" | "rejected"
                    )
            }
        })
        .collect()
}

/// The level committee's ranking, from the scores of its current members (a member who left,
/// or declared a conflict — which removed their score — counts no more), with what the call's
/// budget has left (its proposals are made within it).
async fn ranking(
    app: &AppState,
    call: &Call,
    apps: &[Application],
    scores: &[taawun_store::Score],
) -> AppResult<(Vec<taawun_domain::programmes::Ranked>, i64)> {
    let members = app.store.committee_members(call.id).await?;
    let seated = |user: i64, a: &Application| {
        members.iter().any(|m| {
            m.user_id == user && Some(m.level.as_str()) == level_of(call, &a.project_type).map(|l| l.as_str())
        })
    };
    let items = apps
        .iter()
        .map(|a| Scored {
            application_id: a.id,
            totals: scores
                .iter()
                .filter(|s| s.application_id == a.id && seated(s.user_id, a))
                .map(|s| s.total)
                .collect(),
            requested_dh: a.requested_dh,
            submitted_at: a.submitted_at.unwrap_or(i64::MAX),
        })
        .collect();
    let left = call.budget_dh - app.store.selected_dh(call.id).await?;
    Ok((rank(items, left), left))
}

async fn committee_page(
    app: &AppState,
    ctx: &Ctx,
    call: &Call,
    level: CommitteeLevel,
    chair: bool,
    errors: Value,
) -> AppResult<Html<String>> {
    let user = ctx.require_user()?;
    let apps = for_level(call, level, app.store.call_applications(call.id).await?);
    let conflicts = app.store.call_conflicts(call.id).await?;
    let scores = app.store.call_scores(call.id).await?;
    let session = app.store.committee_session(call.id, level.as_str()).await?;
    // The preliminary committee neither ranks nor spends the budget.
    let (ranked, left) = if level == CommitteeLevel::Preliminary {
        (Vec::new(), 0)
    } else {
        let admitted: Vec<Application> = apps.iter().filter(|a| a.status == "admitted").cloned().collect();
        ranking(app, call, &admitted, &scores).await?
    };
    let rows: Vec<Value> = apps
        .iter()
        .map(|a| {
            let mine_conflict = conflicts
                .iter()
                .any(|c| c.application_id == a.id && c.user_id == user.id);
            let r = ranked.iter().find(|r| r.application_id == a.id);
            context! {
                ..Value::from_serialize(a),
                ..context! {
                    missing => missing_documents(call.documents.len(), &a.documents),
                    conflict => mine_conflict,
                    scored => scores.iter().any(|s| s.application_id == a.id && s.user_id == user.id),
                    // A member with a conflict does not see the others' scores of that file.
                    mean => if mine_conflict { None } else { r.and_then(|r| r.mean) },
                    scorers => r.map(|r| r.scorers),
                    proposal => r.map(|r| r.proposal.as_str()),
                    position => r.map(|r| r.rank),
                }
            }
        })
        .collect();
    let mut ordered = rows;
    ordered.sort_by_key(|r| {
        r.get_attr("position")
            .ok()
            .and_then(|p| i64::try_from(p).ok())
            .unwrap_or(i64::MAX)
    });
    Ok(app.templates.render(
        ctx,
        "prog_committee.html",
        context! {
            c => call, title => title(call, ctx.lang), level => level.as_str(), chair => chair,
            applications => ordered, session => session, errors => errors,
            decisions => Decision::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
            left => left,
            conflicts => conflicts.iter().filter(|c| apps.iter().any(|a| a.id == c.application_id)).collect::<Vec<_>>(),
        },
    )?)
}

pub async fn committee(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, level)): Path<(String, String)>,
) -> AppResult<Html<String>> {
    let call = app.store.call(parse_id(&id)?).await?;
    let (_, level, chair) = seat(&app, &ctx, &call, &level).await?;
    committee_page(&app, &ctx, &call, level, chair, no_errors()).await
}

/// The chair records the committee's decisions on every admitted application at once, with the
/// session's notes (the minutes); the applicants are told, with the reasons.
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, level)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let call = app.store.call(parse_id(&id)?).await?;
    let (user, level, chair) = seat(&app, &ctx, &call, &level).await?;
    if !chair || level == CommitteeLevel::Preliminary {
        return Err(AppError::Forbidden);
    }
    let apps: Vec<Application> = for_level(&call, level, app.store.call_applications(call.id).await?)
        .into_iter()
        .filter(|a| a.status == "admitted")
        .collect();
    let scores = app.store.call_scores(call.id).await?;
    let (ranked, left) = ranking(&app, &call, &apps, &scores).await?;
    let mut e = ValidationErrors::new();
    let notes = e.check(required_text("notes", &value(&pairs, "notes"), 8000));
    let mut budget_used = call.budget_dh - left;
    let mut decisions = Vec::new();
    for r in &ranked {
        let Some(a) = apps.iter().find(|a| a.id == r.application_id) else {
            continue;
        };
        let decision = e.check(Decision::parse(
            "decision",
            &value(&pairs, &format!("decision_{}", a.id)),
        ));
        let reason =
            decision.and_then(|d| e.check(decision_reason(d, &value(&pairs, &format!("reason_{}", a.id)))));
        if decision == Some(Decision::Selected)
            && e.check(check_budget(budget_used, a.requested_dh, call.budget_dh))
                .is_some()
        {
            budget_used += a.requested_dh;
        }
        if let (Some(d), Some(reason)) = (decision, reason) {
            decisions.push((a, d, reason, r.rank));
        }
    }
    if !e.is_empty() || notes.is_none() {
        let page = committee_page(
            &app,
            &ctx,
            &call,
            level,
            chair,
            form_errors(&app.i18n, ctx.lang, &e),
        )
        .await?;
        return unprocessable(page);
    }
    let mut messages = Vec::new();
    for (a, d, reason, _) in &decisions {
        messages.extend(told(&app, &ctx, &call, a, reason, d.as_str()).await?);
    }
    let list: Vec<SessionDecision> = decisions
        .iter()
        .map(|(a, d, reason, rank)| SessionDecision {
            application_id: a.id,
            rank: i64::from(*rank),
            status: d.status().as_str(),
            reason: reason.clone(),
        })
        .collect();
    match app
        .store
        .record_session(
            call.id,
            level.as_str(),
            notes.as_deref().unwrap_or(""),
            &list,
            &messages,
            &actor(&user),
        )
        .await
    {
        Ok(()) => back(format!("/programmes/{}/committees/{}", call.id, level.as_str())),
        Err(StoreError::Conflict(_)) => {
            let e = ValidationErrors::from(ValidationError::new("notes", "already_decided"));
            let page = committee_page(
                &app,
                &ctx,
                &call,
                level,
                chair,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// The messages telling an application's managers, each in their language, what became of it
/// (`outcome`: ineligible, selected, waitlisted, rejected) and why.
async fn told(
    app: &AppState,
    ctx: &Ctx,
    call: &Call,
    a: &Application,
    reason: &str,
    outcome: &str,
) -> AppResult<Vec<NewMessage>> {
    let mut messages = Vec::new();
    for (to, lang) in app.store.managers_of(a.cooperative_id).await? {
        let lang = Lang::parse(&lang).unwrap_or_default();
        let args = [
            ("title", title(call, lang).to_string()),
            ("project", a.project_title.clone()),
            ("reason", reason.to_string()),
            ("link", format!("{}/applications/{}", ctx.origin, a.id)),
        ];
        messages.push(NewMessage {
            to_address: to,
            lang: lang.code().to_string(),
            topic: "programme_decision".to_string(),
            subject: app.i18n.t_args(lang, "mail-programme-decision-subject", &args),
            body: app
                .i18n
                .t_args(lang, &format!("mail-programme-{outcome}-body"), &args),
            about: About::Cooperative(a.cooperative_id),
        });
    }
    Ok(messages)
}

#[derive(Deserialize)]
pub struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// The minutes of a level committee's session as a PDF: members, conflicts declared, the
/// ranking with the mean scores, the decisions and their reasons, the notes. Members only.
pub async fn minutes_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, level)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let call = app.store.call(parse_id(&id)?).await?;
    let (_, level, _) = seat(&app, &ctx, &call, &level).await?;
    let session = app
        .store
        .committee_session(call.id, level.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or(ctx.lang);
    let t = |k: &str| app.i18n.t(lang, k);
    let esc = |s: &str| s.replace('|', "/").replace(['\n', '\r'], " ");
    let members = app.store.committee_members(call.id).await?;
    let conflicts = app.store.call_conflicts(call.id).await?;
    let scores = app.store.call_scores(call.id).await?;
    let apps = for_level(&call, level, app.store.call_applications(call.id).await?);
    let mut body = format!("## {}\n\n", t("prog-members"));
    for m in members.iter().filter(|m| m.level == level.as_str()) {
        let chair = if m.chair {
            format!(" ({})", t("prog-chair"))
        } else {
            String::new()
        };
        body.push_str(&format!("- {} <{}>{chair}\n", esc(&m.display_name), m.email));
    }
    body.push_str(&format!("\n## {}\n\n", t("prog-conflicts")));
    let mine: Vec<_> = conflicts
        .iter()
        .filter(|c| apps.iter().any(|a| a.id == c.application_id))
        .collect();
    if mine.is_empty() {
        body.push_str(&format!("{}\n", t("prog-no-conflicts")));
    }
    for c in mine {
        body.push_str(&format!(
            "- {} — #{}: {}\n",
            c.email,
            c.application_id,
            esc(&c.reason)
        ));
    }
    body.push_str(&format!(
        "\n## {}\n\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
        t("prog-decisions"),
        t("prog-col-rank"),
        t("prog-col-project"),
        t("prog-col-mean"),
        t("prog-col-decision"),
        t("prog-col-reason")
    ));
    let mut decided: Vec<&Application> = apps.iter().filter(|a| a.rank.is_some()).collect();
    decided.sort_by_key(|a| a.rank);
    for a in decided {
        let totals: Vec<i64> = scores
            .iter()
            .filter(|s| s.application_id == a.id)
            .map(|s| s.total)
            .collect();
        let mean = if totals.is_empty() {
            "—".to_string()
        } else {
            let m = totals.iter().sum::<i64>() / totals.len() as i64;
            format!("{}.{:02}", m / 100, m % 100)
        };
        let coop = if lang == Lang::Ar {
            a.cooperative_name_ar.clone().or(a.cooperative_name_fr.clone())
        } else {
            a.cooperative_name_fr.clone().or(a.cooperative_name_ar.clone())
        }
        .unwrap_or_default();
        body.push_str(&format!(
            "| {} | {} — {} | {} | {} | {} |\n",
            a.rank.unwrap_or(0),
            esc(&a.project_title),
            esc(&coop),
            mean,
            t(&format!("prog-status-{}", a.status)),
            esc(a.decision_reason.as_deref().unwrap_or(""))
        ));
    }
    body.push_str(&format!("\n## {}\n\n{}\n", t("prog-notes"), session.notes));
    super::kb::markdown_pdf(
        &app,
        super::kb::MarkdownPdf {
            lang,
            title: format!("{} — {}", t("prog-minutes"), title(&call, lang)),
            summary: format!(
                "{} · {}",
                t(&format!("prog-level-{}", level.as_str())),
                crate::i18n::format_timestamp(&app.i18n, lang, session.decided_at)
            ),
            body,
            toc: false,
            cited: String::new(),
            footer: format!("Taawun — /programmes/{}", call.id),
            file_name: format!("minutes-{}-{}-{}.pdf", call.id, level.as_str(), lang.code()),
            public: false,
        },
    )
    .await
}

// ---- applications ------------------------------------------------------------------------

/// What a user may do with an application.
struct AppAccess {
    manager: bool,
    call: Access,
    level: Option<CommitteeLevel>,
}

impl AppAccess {
    fn reads(&self) -> bool {
        self.manager || self.call.follows() || !self.call.seats.is_empty()
    }
    /// Scores are seen by the members of the committee that gives them.
    fn scores(&self) -> bool {
        self.level.is_some_and(|l| self.call.member(l))
    }
}

async fn open_application(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
) -> AppResult<(User, Application, Call, AppAccess)> {
    let user = ctx.require_user()?.clone();
    let a = app.store.application(parse_id(id)?).await?;
    let call = app.store.call(a.call_id).await?;
    let manager =
        user.role == Role::CooperativeManager && app.store.is_manager(user.id, a.cooperative_id).await?;
    let mut call_access = access(app, Some(&user), &call).await?;
    // The office of the applicant's region follows it too.
    if user.role == Role::OfficeAgent && user.region_code.as_deref() == Some(a.region_code.as_str()) {
        call_access.office = true;
    }
    let acc = AppAccess {
        manager,
        level: level_of(&call, &a.project_type),
        call: call_access,
    };
    // A draft is the cooperative's own until it is submitted.
    if !acc.reads() || (a.status == "draft" && !manager) {
        return Err(AppError::Forbidden);
    }
    Ok((user, a, call, acc))
}

fn raw_application(pairs: &[(String, String)]) -> RawApplication {
    let v = |n: &str| value(pairs, n);
    RawApplication {
        project_title: v("project_title"),
        project_type: v("project_type"),
        summary: v("summary"),
        budget: (0..MAX_BUDGET_LINES)
            .map(|i| (v(&format!("budget_label_{i}")), v(&format!("budget_amount_{i}"))))
            .collect(),
        own_contribution_dh: v("own_contribution_dh"),
        requested_dh: v("requested_dh"),
        jobs: v("jobs"),
    }
}

fn raw_from(a: &Application) -> RawApplication {
    RawApplication {
        project_title: a.project_title.clone(),
        project_type: a.project_type.clone(),
        summary: a.summary.clone(),
        budget: a
            .budget
            .iter()
            .map(|l| (l.label.clone(), l.amount_dh.to_string()))
            .collect(),
        own_contribution_dh: if a.requested_dh == 0 {
            String::new()
        } else {
            a.own_contribution_dh.to_string()
        },
        requested_dh: if a.requested_dh == 0 {
            String::new()
        } else {
            a.requested_dh.to_string()
        },
        jobs: a.jobs.map(|j| j.to_string()).unwrap_or_default(),
    }
}

async fn application_page(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    form: Option<RawApplication>,
    errors: Value,
) -> AppResult<Html<String>> {
    let (user, a, call, acc) = open_application(app, ctx, id).await?;
    let open = is_open(&call);
    let editable = acc.manager && open && matches!(a.status.as_str(), "draft" | "submitted");
    let mut form = form.unwrap_or_else(|| raw_from(&a));
    form.budget
        .resize(MAX_BUDGET_LINES, (String::new(), String::new()));
    let conflicts = app.store.call_conflicts(call.id).await?;
    let my_conflict = conflicts
        .iter()
        .any(|c| c.application_id == a.id && c.user_id == user.id);
    // Only the deciding committee's members read this file's scores (the store is not asked
    // otherwise); a member with a conflict sees none of them, their own included.
    let file_scores: Vec<taawun_store::Score> = if acc.scores() {
        app.store
            .call_scores(call.id)
            .await?
            .into_iter()
            .filter(|s| s.application_id == a.id)
            .collect()
    } else {
        Vec::new()
    };
    let my_score = file_scores.iter().find(|s| s.user_id == user.id).cloned();
    let scores = if my_conflict { Vec::new() } else { file_scores };
    // Before submitting, the manager sees what the register says against eligibility (the file
    // may still be submitted: the preliminary committee decides, and the register may be late).
    let warnings = if acc.manager && a.status == "draft" {
        eligibility(app, &call, &a).await?
    } else {
        Vec::new()
    };
    let follow = if a.status == "selected" {
        Some(app.store.follow_up(a.id).await?)
    } else {
        None
    };
    let stage = follow.as_ref().map(stage_of);
    let disbursed = follow.as_ref().map(|f| f.disbursed_dh());
    Ok(app.templates.render(
        ctx,
        "prog_application.html",
        context! {
            a => a, c => call, title => title(&call, ctx.lang), form => form, errors => errors,
            editable => editable, open => open, manager => acc.manager,
            types => project_types(&call).iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            missing => missing_documents(call.documents.len(), &a.documents),
            preliminary => acc.call.member(CommitteeLevel::Preliminary) && a.status == "submitted",
            scorer => acc.scores() && a.status == "admitted" && !my_conflict,
            can_declare => acc.scores() && a.status == "admitted" && !my_conflict,
            my_conflict => my_conflict, scores => scores, show_scores => acc.scores() && !my_conflict,
            my_score => my_score, level => acc.level.map(|l| l.as_str()),
            follow => follow, stage => stage, disbursed => disbursed, follows => acc.call.follows(),
            kinds => FollowUpKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            today => today().to_string(), warnings => warnings,
        },
    )?)
}

pub async fn application(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    application_page(&app, &ctx, &id, None, no_errors()).await
}

/// A manager saves the application (draft, or submitted and still before the deadline).
pub async fn save_application(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, a, call, acc) = open_application(&app, &ctx, &id).await?;
    if !acc.manager {
        return Err(AppError::Forbidden);
    }
    let raw = raw_application(&pairs);
    let open = is_open(&call);
    let result = if open {
        raw.parse(limits(&call), &project_types(&call))
    } else {
        Err(ValidationError::new("project_title", "call_closed").into())
    };
    match result {
        Ok(draft) => match app.store.update_application(a.id, &draft, &actor(&user)).await {
            Ok(()) => back(format!("/applications/{}#documents", a.id)),
            Err(StoreError::Conflict(_)) => {
                let e = ValidationErrors::from(ValidationError::new("project_title", "call_closed"));
                unprocessable(
                    application_page(&app, &ctx, &id, Some(raw), form_errors(&app.i18n, ctx.lang, &e))
                        .await?,
                )
            }
            Err(other) => Err(other.into()),
        },
        Err(e) => unprocessable(
            application_page(&app, &ctx, &id, Some(raw), form_errors(&app.i18n, ctx.lang, &e)).await?,
        ),
    }
}

const MAX_DOCUMENT_BYTES: usize = taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES;

/// A manager attaches one of the call's required documents (PDF, JPEG or PNG, by content).
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let (user, a, call, acc) = open_application(&app, &ctx, &id).await?;
    if !acc.manager {
        return Err(AppError::Forbidden);
    }
    let mut multipart =
        multipart.map_err(|_| AppError::invalid(ValidationError::new("file", "upload_empty")))?;
    let mut errors = ValidationErrors::new();
    let form = super::upload::read(&mut multipart, "file", MAX_DOCUMENT_BYTES, &mut errors).await;
    let index = match form.field("doc_index").trim().parse::<usize>() {
        Ok(i) if i < call.documents.len() => Some(i),
        _ => {
            errors.push(ValidationError::new("file", "invalid_choice"));
            None
        }
    };
    let bytes = form.bytes("file", MAX_DOCUMENT_BYTES, &mut errors);
    let kind = bytes.and_then(|b| {
        let t = taawun_domain::register::sniff_type(b);
        if t.is_none() {
            errors.push(ValidationError::new("file", "upload_type"));
        }
        t
    });
    if let (Some(index), Some(bytes), Some(kind), true) = (index, bytes, kind, errors.is_empty()) {
        let name = form.file.as_ref().map_or("", |f| f.0.as_str());
        let name = super::upload::clean_file_name(name, "document");
        match app
            .store
            .attach_application_document(
                a.id,
                i64::try_from(index).unwrap_or(0),
                &name,
                kind,
                bytes,
                &actor(&user),
            )
            .await
        {
            Ok(()) => return back(format!("/applications/{}#documents", a.id)),
            Err(StoreError::Conflict(_)) => errors.push(ValidationError::new("file", "call_closed")),
            Err(other) => return Err(other.into()),
        }
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &errors)).await?)
}

pub async fn document(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, index)): Path<(String, String)>,
) -> AppResult<Response> {
    let (_, a, _, _) = open_application(&app, &ctx, &id).await?;
    let (name, content_type, bytes) = app.store.application_document(a.id, parse_id(&index)?).await?;
    Ok(super::upload::stored_file_response(&name, &content_type, bytes))
}

/// Submits the application: the form complete and within the call's rules, every required
/// document attached, before the deadline. The register's eligibility check goes with it for
/// the preliminary committee; it does not stop the submission (the committee decides).
pub async fn submit(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let (user, a, call, acc) = open_application(&app, &ctx, &id).await?;
    if !acc.manager {
        return Err(AppError::Forbidden);
    }
    let mut e = ValidationErrors::new();
    let open = is_open(&call);
    if !open {
        e.push(ValidationError::new("project_title", "call_closed"));
    }
    if let Err(errs) = raw_from(&a).parse(limits(&call), &project_types(&call)) {
        e.0.extend(errs.0);
    }
    if !missing_documents(call.documents.len(), &a.documents).is_empty() {
        e.push(ValidationError::new("file", "documents_missing"));
    }
    if e.is_empty() {
        let reasons = eligibility(&app, &call, &a).await?;
        match app.store.submit_application(a.id, &reasons, &actor(&user)).await {
            Ok(()) | Err(StoreError::Conflict(_)) => return back(format!("/applications/{}", a.id)),
            Err(other) => return Err(other.into()),
        }
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

/// Where a selected project stands, from its follow-up records.
fn stage_of(f: &taawun_store::FollowUp) -> &'static str {
    let milestones: Vec<MilestoneFacts> = f
        .milestones
        .iter()
        .filter_map(|m| {
            super::iso_date(&m.due_on).map(|due_on| MilestoneFacts {
                due_on,
                done_on: m.done_on.as_deref().and_then(super::iso_date),
            })
        })
        .collect();
    project_stage(
        f.agreement.as_ref().map(|g| g.amount_dh),
        f.disbursed_dh(),
        &milestones,
        today(),
    )
    .as_str()
}

/// What the register says against the cooperative's eligibility to the call, on its deadline.
async fn eligibility(app: &AppState, call: &Call, a: &Application) -> AppResult<Vec<&'static str>> {
    let coop = app.store.cooperative(a.cooperative_id).await?;
    let facts = CoopFacts {
        active: coop.status == "active",
        region_code: coop.region_code.clone(),
        sector: coop.sector.clone(),
        immatriculated_on: coop.immatriculated_on.as_deref().and_then(super::iso_date),
        members: coop.members,
        women_members: coop.women_members,
        young_members: coop.young_members,
        pre_112_12: coop.pre_112_12,
        adapted: coop.adaptation_state.as_deref() == Some("adapted"),
    };
    let deadline = super::iso_date(&call.closes_on).unwrap_or_else(today);
    Ok(call.eligibility.reasons(&facts, deadline))
}

#[derive(Deserialize)]
pub struct FindingForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
}

/// The preliminary committee admits an application, or finds it ineligible or incomplete with
/// its reasons (then the applicant is told).
pub async fn preliminary(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<FindingForm>,
) -> AppResult<Response> {
    let (user, a, call, acc) = open_application(&app, &ctx, &id).await?;
    if !acc.call.member(CommitteeLevel::Preliminary) {
        return Err(AppError::Forbidden);
    }
    let admitted = match form.outcome.as_str() {
        "admitted" => Ok(true),
        "ineligible" => Ok(false),
        _ => Err(ValidationError::new("outcome", "invalid_choice")),
    };
    let checked = admitted.and_then(|ok| {
        let d = if ok {
            Decision::Selected
        } else {
            Decision::Rejected
        };
        decision_reason(d, &form.reason).map(|r| (ok, r))
    });
    match checked {
        Ok((ok, reason)) => {
            let messages = if ok {
                Vec::new()
            } else {
                told(&app, &ctx, &call, &a, &reason, "ineligible").await?
            };
            match app
                .store
                .record_preliminary(a.id, ok, &reason, &messages, &actor(&user))
                .await
            {
                Ok(()) | Err(StoreError::Conflict(_)) => {
                    back(format!("/programmes/{}/committees/preliminary", call.id))
                }
                Err(other) => Err(other.into()),
            }
        }
        Err(e) => unprocessable(
            application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e.into())).await?,
        ),
    }
}

#[derive(Deserialize)]
pub struct ConflictForm {
    #[serde(default)]
    reason: String,
}

/// A member of the deciding committee declares a conflict of interest on an application.
pub async fn conflict(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ConflictForm>,
) -> AppResult<Response> {
    let (user, a, _, acc) = open_application(&app, &ctx, &id).await?;
    if !acc.scores() {
        return Err(AppError::Forbidden);
    }
    match required_text("reason", &form.reason, 1000) {
        Ok(reason) => {
            app.store
                .declare_conflict(a.id, user.id, &reason, &actor(&user))
                .await?;
            back(format!("/applications/{}", a.id))
        }
        Err(e) => unprocessable(
            application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e.into())).await?,
        ),
    }
}

/// A member of the deciding committee scores an application, criterion by criterion.
pub async fn score(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, a, call, acc) = open_application(&app, &ctx, &id).await?;
    if !acc.scores() {
        return Err(AppError::Forbidden);
    }
    let mut e = ValidationErrors::new();
    let raw: Vec<String> = (0..call.criteria.len())
        .map(|i| value(&pairs, &format!("mark_{i}")))
        .collect();
    let marks = e.check(parse_marks(&raw, call.criteria.len()));
    let comment = value(&pairs, "comment");
    let comment = if comment.trim().is_empty() {
        Some(String::new())
    } else {
        e.check(required_text("comment", &comment, 2000))
    };
    if let (Some(marks), Some(comment)) = (marks, comment) {
        let total = weighted_total(&call.criteria, &marks);
        match app
            .store
            .record_score(a.id, user.id, &marks, total, &comment, &actor(&user))
            .await
        {
            Ok(()) => return back(format!("/applications/{}#scores", a.id)),
            Err(StoreError::Conflict("conflict_declared")) => {
                e.push(ValidationError::new("marks", "conflict_declared"))
            }
            Err(StoreError::Conflict(_)) => e.push(ValidationError::new("marks", "not_admitted")),
            Err(other) => return Err(other.into()),
        }
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

// ---- follow-up ---------------------------------------------------------------------------

/// The funder or the office, on a selected project.
async fn follower(app: &AppState, ctx: &Ctx, id: &str) -> AppResult<(User, Application)> {
    let (user, a, _, acc) = open_application(app, ctx, id).await?;
    if !acc.call.follows() {
        return Err(AppError::Forbidden);
    }
    Ok((user, a))
}

/// A follow-up date: required, and not absurdly far ahead (a typing slip in the year).
fn required_date(e: &mut ValidationErrors, field: &'static str, raw: &str) -> Option<time::Date> {
    match e.check(taawun_domain::cooperative::required_date(field, raw)) {
        Some(d) if d > today() + time::Duration::days(3650) => {
            e.push(ValidationError::new(field, "invalid_date"));
            None
        }
        other => other,
    }
}

pub async fn agreement(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, a) = follower(&app, &ctx, &id).await?;
    let mut e = ValidationErrors::new();
    let number = e.check(required_text("number", &value(&pairs, "number"), 60));
    let signed_on = required_date(&mut e, "signed_on", &value(&pairs, "signed_on"));
    if signed_on.is_some_and(|d| d > today()) {
        e.push(ValidationError::new("signed_on", "date_in_future"));
    }
    let amount = match e.check(parse_amount("amount_dh", &value(&pairs, "amount_dh"))) {
        Some(Some(n)) if n > 0 && n <= a.requested_dh => Some(n),
        Some(_) => {
            e.push(ValidationError::new("amount_dh", "above_ceiling").with_arg("max", a.requested_dh));
            None
        }
        None => None,
    };
    if let (Some(number), Some(d), Some(amount_dh), true) = (number, signed_on, amount, e.is_empty()) {
        let g = Agreement {
            number,
            signed_on: d.to_string(),
            amount_dh,
        };
        match app.store.record_agreement(a.id, &g, &actor(&user)).await {
            Ok(()) => return back(format!("/applications/{}#follow-up", a.id)),
            Err(StoreError::Conflict(_)) => e.push(ValidationError::new("number", "already_decided")),
            Err(other) => return Err(other.into()),
        }
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

pub async fn disburse(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, a) = follower(&app, &ctx, &id).await?;
    let mut e = ValidationErrors::new();
    let paid_on = required_date(&mut e, "paid_on", &value(&pairs, "paid_on"));
    let amount = required_amount(&mut e, "amount_dh", &value(&pairs, "amount_dh"));
    let note = value(&pairs, "note");
    let note = if note.trim().is_empty() {
        Some(String::new())
    } else {
        e.check(required_text("note", &note, 500))
    };
    if let (Some(d), Some(amount_dh), Some(note), true) = (paid_on, amount, note, e.is_empty()) {
        let line = Disbursement {
            paid_on: d.to_string(),
            amount_dh,
            note,
        };
        let outcome = app
            .store
            .add_disbursement(
                a.id,
                &line,
                |already, agreed| check_disbursement(amount_dh, already, agreed),
                &actor(&user),
            )
            .await?;
        match outcome {
            Ok(()) => return back(format!("/applications/{}#follow-up", a.id)),
            Err(err) => e.push(err),
        }
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

pub async fn milestone(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, a) = follower(&app, &ctx, &id).await?;
    let mut e = ValidationErrors::new();
    let label = e.check(required_text("label", &value(&pairs, "label"), 200));
    let due = required_date(&mut e, "due_on", &value(&pairs, "due_on"));
    if let (Some(label), Some(due)) = (label, due) {
        app.store
            .add_milestone(a.id, &label, &due.to_string(), &actor(&user))
            .await?;
        return back(format!("/applications/{}#follow-up", a.id));
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

pub async fn milestone_done(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (user, a) = follower(&app, &ctx, &id).await?;
    app.store
        .complete_milestone(a.id, parse_id(&mid)?, &today().to_string(), &actor(&user))
        .await?;
    back(format!("/applications/{}#follow-up", a.id))
}

/// A progress report (the cooperative's managers) or a visit (the funder or the office).
pub async fn note(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, a, _, acc) = open_application(&app, &ctx, &id).await?;
    if a.status != "selected" {
        return Err(AppError::NotFound);
    }
    let mut e = ValidationErrors::new();
    let kind = if acc.manager {
        FollowUpKind::Report
    } else {
        FollowUpKind::Visit
    };
    if !acc.manager && !acc.call.follows() {
        return Err(AppError::Forbidden);
    }
    let on = required_date(&mut e, "on_date", &value(&pairs, "on_date"));
    if on.is_some_and(|d| d > today()) {
        e.push(ValidationError::new("on_date", "date_in_future"));
    }
    let text = e.check(required_text("text", &value(&pairs, "text"), 4000));
    if let (Some(on), Some(text), true) = (on, text, e.is_empty()) {
        app.store
            .add_project_note(a.id, kind.as_str(), &on.to_string(), &text, &actor(&user))
            .await?;
        return back(format!("/applications/{}#follow-up", a.id));
    }
    unprocessable(application_page(&app, &ctx, &id, None, form_errors(&app.i18n, ctx.lang, &e)).await?)
}

// ---- public list, statistics --------------------------------------------------------------

#[derive(Deserialize)]
pub struct SelectedQuery {
    #[serde(default)]
    format: Option<String>,
}

/// The public list of selected projects (page, CSV, XLSX).
pub async fn selected(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SelectedQuery>,
) -> AppResult<Response> {
    let list = app.store.selected_projects().await?;
    let t = |k: &str| app.i18n.t(ctx.lang, k);
    match q.format.as_deref() {
        None | Some("") => Ok(app
            .templates
            .render(&ctx, "prog_selected.html", context! { projects => list })?
            .into_response()),
        Some(ext @ ("csv" | "xlsx")) => {
            let header: Vec<String> = [
                "prog-col-call",
                "prog-funder",
                "prog-col-project",
                "field-project_type",
                "prog-col-cooperative",
                "field-region",
                "prog-col-amount",
            ]
            .iter()
            .map(|k| t(k))
            .collect();
            let rows: Vec<Vec<Cell>> = list
                .iter()
                .map(|p| {
                    let local = |ar: &Option<String>, fr: &Option<String>| {
                        if ctx.lang == Lang::Ar {
                            ar.clone().or(fr.clone())
                        } else {
                            fr.clone().or(ar.clone())
                        }
                        .unwrap_or_default()
                    };
                    vec![
                        Cell::Text(if ctx.lang == Lang::Ar {
                            p.call_title_ar.clone()
                        } else {
                            p.call_title_fr.clone()
                        }),
                        Cell::Text(p.funder.clone()),
                        Cell::Text(p.project_title.clone()),
                        Cell::Text(t(&format!("prog-type-{}", p.project_type))),
                        Cell::Text(local(&p.cooperative_name_ar, &p.cooperative_name_fr)),
                        Cell::Text(t(&format!("region-{}", p.region_code))),
                        Cell::Number(p.requested_dh as f64),
                    ]
                })
                .collect();
            export::download(ctx.lang, ext, "selected-projects", &header, &rows)
        }
        Some(_) => Err(AppError::NotFound),
    }
}

/// The office's and partners' figures.
fn stats_reader(ctx: &Ctx) -> AppResult<&User> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Partner | Role::Administrator))
}

/// A group's (key, applications, selected, requested, selected amount).
type Group = (String, i64, i64, i64, i64);

/// One table per dimension.
fn grouped(
    rows: &[taawun_store::ProgrammeStatRow],
    key: &dyn Fn(&taawun_store::ProgrammeStatRow) -> String,
) -> Vec<Group> {
    let mut groups: BTreeMap<String, (i64, i64, i64, i64)> = BTreeMap::new();
    for r in rows {
        let g = groups.entry(key(r)).or_default();
        g.0 += r.applications;
        g.1 += r.selected;
        g.2 += r.requested_dh;
        g.3 += r.selected_dh;
    }
    groups
        .into_iter()
        .map(|(k, (a, s, rq, sd))| (k, a, s, rq, sd))
        .collect()
}

fn dimensions(rows: &[taawun_store::ProgrammeStatRow]) -> [(&'static str, Vec<Group>); 3] {
    [
        ("region", grouped(rows, &|r| r.region_code.clone())),
        ("sector", grouped(rows, &|r| r.sector.clone().unwrap_or_default())),
        (
            "women",
            grouped(rows, &|r| if r.women { "women" } else { "other" }.to_string()),
        ),
    ]
}

/// The selection rate in percent, one decimal (none before any application).
fn rate(applications: i64, selected: i64) -> Option<f64> {
    (applications > 0).then(|| (selected as f64 * 1000.0 / applications as f64).round() / 10.0)
}

pub async fn stats(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    stats_reader(&ctx)?;
    let rows = app.store.programme_stats().await?;
    let tables: Vec<Value> = dimensions(&rows)
        .into_iter()
        .map(|(dim, groups)| {
            let lines: Vec<Value> = groups
                .into_iter()
                .map(|(key, a, s, rq, sd)| {
                    context! { key => key, applications => a, selected => s, requested => rq, amount => sd, rate => rate(a, s) }
                })
                .collect();
            context! { dim => dim, lines => lines }
        })
        .collect();
    let total_a: i64 = rows.iter().map(|r| r.applications).sum();
    let total_s: i64 = rows.iter().map(|r| r.selected).sum();
    Ok(app.templates.render(
        &ctx,
        "prog_stats.html",
        context! {
            tables => tables, applications => total_a, selected => total_s, rate => rate(total_a, total_s),
            amount => rows.iter().map(|r| r.selected_dh).sum::<i64>(),
        },
    )?)
}

pub async fn stats_export(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(ext): Path<String>,
) -> AppResult<Response> {
    stats_reader(&ctx)?;
    let rows = app.store.programme_stats().await?;
    let t = |k: &str| app.i18n.t(ctx.lang, k);
    let header: Vec<String> = [
        "prog-col-dimension",
        "prog-col-group",
        "prog-col-applications",
        "prog-col-selected",
        "prog-col-rate",
        "prog-col-requested",
        "prog-col-amount",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let mut out = Vec::new();
    for (dim, groups) in dimensions(&rows) {
        for (key, a, s, rq, sd) in groups {
            let label = match dim {
                "region" => t(&format!("region-{key}")),
                "sector" if key.is_empty() => "—".to_string(),
                "sector" => t(&format!("sector-{key}")),
                _ => t(&format!("prog-women-{key}")),
            };
            out.push(vec![
                Cell::Text(t(&format!("prog-by-{dim}"))),
                Cell::Text(label),
                Cell::Number(a as f64),
                Cell::Number(s as f64),
                rate(a, s).map_or(Cell::Empty, Cell::Number),
                Cell::Number(rq as f64),
                Cell::Number(sd as f64),
            ]);
        }
    }
    export::download(ctx.lang, &ext, "programme-statistics", &header, &out)
}
