//! Staff pages: courts (administrators), staff accounts (administrators), the audit log
//! (office agents and administrators).

use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use taawun_domain::{
    CourtCode, Email, NewPassword, RegionCode, Role, RoleScope, ValidationError, ValidationErrors,
    error::required_text, policy,
};
use taawun_store::{AuditQuery, CourtInput, NewUser, StoreError};

use super::{account::actor, form_errors, no_errors};
use crate::{AppResult, AppState, auth, ctx::Ctx};

/// The court statuses an administrator may set: how far the row is confirmed against the decree
/// fixing the judicial map.
const COURT_STATUSES: [&str; 3] = ["verified", "cited", "unverified"];

#[derive(Deserialize, Serialize, Default)]
pub struct CourtForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_ar: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    city_ar: String,
    #[serde(default)]
    city_fr: String,
    #[serde(default)]
    province_code: String,
    #[serde(default)]
    covers: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    source: String,
}

async fn parse_court(app: &AppState, form: &CourtForm) -> AppResult<Result<CourtInput, ValidationErrors>> {
    let mut errors = ValidationErrors::new();
    let code = errors.check(CourtCode::parse("code", &form.code));
    let name_ar = errors.check(required_text("name_ar", &form.name_ar, 200));
    let name_fr = errors.check(required_text("name_fr", &form.name_fr, 200));
    let city_ar = errors.check(required_text("city_ar", &form.city_ar, 100));
    let city_fr = errors.check(required_text("city_fr", &form.city_fr, 100));
    if form.province_code.trim().is_empty() {
        errors.push(ValidationError::new("province_code", "required"));
    } else if !app.store.province_exists(form.province_code.trim()).await? {
        errors.push(ValidationError::new("province_code", "unknown_province"));
    }
    if form.covers.chars().count() > 2000 {
        errors.push(ValidationError::new("covers", "too_long").with_arg("max", 2000));
    }
    if !COURT_STATUSES.contains(&form.status.as_str()) {
        errors.push(ValidationError::new("status", "invalid_court_status"));
    }
    if form.source.chars().count() > 1000 {
        errors.push(ValidationError::new("source", "too_long").with_arg("max", 1000));
    }
    Ok(
        match (code, name_ar, name_fr, city_ar, city_fr, errors.is_empty()) {
            (Some(code), Some(name_ar), Some(name_fr), Some(city_ar), Some(city_fr), true) => {
                Ok(CourtInput {
                    code,
                    name_ar,
                    name_fr,
                    city_ar,
                    city_fr,
                    province_code: form.province_code.trim().to_string(),
                    covers: form.covers.trim().to_string(),
                    status: form.status.clone(),
                    source: form.source.trim().to_string(),
                })
            }
            _ => Err(errors),
        },
    )
}

async fn court_page(
    app: &AppState,
    ctx: &Ctx,
    editing: Option<&str>,
    form: &CourtForm,
    errors: minijinja::Value,
) -> AppResult<Html<String>> {
    let provinces = app.store.provinces(None).await?;
    Ok(app.templates.render(
        ctx,
        "court_form.html",
        minijinja::context! {
            editing => editing, form => form, errors => errors,
            provinces => provinces, statuses => COURT_STATUSES,
        },
    )?)
}

pub async fn new_court_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    ctx.require_role(Role::can_edit_reference_data)?;
    let form = CourtForm {
        status: "verified".into(),
        ..CourtForm::default()
    };
    court_page(&app, &ctx, None, &form, no_errors()).await
}

pub async fn edit_court_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> AppResult<Html<String>> {
    ctx.require_role(Role::can_edit_reference_data)?;
    let c = app.store.court(&code).await?;
    let form = CourtForm {
        code: c.code,
        name_ar: c.name_ar,
        name_fr: c.name_fr,
        city_ar: c.city_ar,
        city_fr: c.city_fr,
        province_code: c.province_code,
        covers: c.covers,
        status: c.status,
        source: c.source,
    };
    court_page(&app, &ctx, Some(&code), &form, no_errors()).await
}

pub async fn create_court(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CourtForm>,
) -> AppResult<Response> {
    save_court(app, ctx, None, form).await
}

pub async fn update_court(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(form): Form<CourtForm>,
) -> AppResult<Response> {
    app.store.court(&code).await?;
    save_court(app, ctx, Some(code), form).await
}

async fn save_court(
    app: AppState,
    ctx: Ctx,
    existing: Option<String>,
    form: CourtForm,
) -> AppResult<Response> {
    let user = ctx.require_role(Role::can_edit_reference_data)?;
    let errors = match parse_court(&app, &form).await? {
        Ok(input) => match app
            .store
            .save_court(existing.as_deref(), &input, &actor(user))
            .await
        {
            Ok(_) => return Ok(Redirect::to("/territory/courts").into_response()),
            Err(StoreError::Conflict(_)) => ValidationError::new("code", "court_code_taken").into(),
            Err(e) => return Err(e.into()),
        },
        Err(errors) => errors,
    };
    let page = court_page(
        &app,
        &ctx,
        existing.as_deref(),
        &form,
        form_errors(&app.i18n, ctx.lang, &errors),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize)]
pub struct AuditFilter {
    entity: Option<String>,
    before: Option<i64>,
}

const AUDIT_PAGE: i64 = 50;

pub async fn audit(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(f): Query<AuditFilter>,
) -> AppResult<Html<String>> {
    let (_, within_region) = ctx.reach(policy::Action::ReadAuditLog)?;
    let entity = f.entity.filter(|e| !e.is_empty());
    let entries = app
        .store
        .audit_entries(&AuditQuery {
            entity: entity.clone(),
            entity_id: None,
            before_id: f.before,
            within_region,
            limit: AUDIT_PAGE + 1,
        })
        .await?;
    let more = entries.len() as i64 > AUDIT_PAGE;
    let entries: Vec<_> = entries.into_iter().take(AUDIT_PAGE as usize).collect();
    let next_before = if more { entries.last().map(|e| e.id) } else { None };
    Ok(app.templates.render(
        &ctx,
        "audit.html",
        minijinja::context! { entries => entries, entity => entity, next_before => next_before },
    )?)
}

pub async fn users(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    ctx.require_role(|r| r == Role::Administrator)?;
    let users = app.store.users().await?;
    Ok(app
        .templates
        .render(&ctx, "users.html", minijinja::context! { users => users })?)
}

#[derive(Deserialize, Serialize, Default)]
pub struct UserForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    court: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    password: String,
}

async fn user_page(
    app: &AppState,
    ctx: &Ctx,
    form: &UserForm,
    errors: minijinja::Value,
) -> AppResult<Html<String>> {
    let courts = app.store.courts(None).await?;
    let regions = app.store.regions().await?;
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    Ok(app.templates.render(
        ctx,
        "user_form.html",
        minijinja::context! { form => form, errors => errors, courts => courts, regions => regions, roles => roles },
    )?)
}

pub async fn new_user_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    ctx.require_role(|r| r == Role::Administrator)?;
    user_page(&app, &ctx, &UserForm::default(), no_errors()).await
}

/// Staff accounts are created by an administrator with a first password that they hand over;
/// the person changes it from their account page.
pub async fn create_user(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let admin = ctx.require_role(|r| r == Role::Administrator)?;
    let mut errors = ValidationErrors::new();
    let name = errors.check(required_text("display_name", &form.display_name, 120));
    let email = errors.check(Email::parse("email", &form.email));
    let role = errors.check(Role::parse("role", &form.role));
    let court = match form.court.trim() {
        "" => None,
        c => errors.check(CourtCode::parse("court", c)),
    };
    if let Some(c) = &court
        && matches!(app.store.court(c.as_str()).await, Err(StoreError::NotFound))
    {
        errors.push(ValidationError::new("court", "invalid_court_code"));
    }
    let region = match form.region.trim() {
        "" => None,
        r => errors.check(RegionCode::parse("region", r)),
    };
    let scope = role.and_then(|role| errors.check(RoleScope::for_role(role, court, region)));
    let password = errors.check(NewPassword::parse("password", &form.password, email.as_ref()));
    if let (Some(name), Some(email), Some(role), Some(scope), Some(password), true) =
        (name, email, role, scope, password, errors.is_empty())
    {
        let (court_code, region_code) = match scope {
            RoleScope::National => (None, None),
            RoleScope::Region { region } => (None, Some(region.as_str().to_string())),
            RoleScope::Court { court } => (Some(court.as_str().to_string()), None),
        };
        let new = NewUser {
            email,
            password_hash: auth::hash_password(password.expose().to_string()).await?,
            display_name: name,
            role,
            court_code,
            region_code,
            lang: ctx.lang.code().to_string(),
        };
        match app.store.create_user(&new, &actor(admin)).await {
            Ok(_) => return Ok(Redirect::to("/admin/users").into_response()),
            Err(StoreError::Conflict(_)) => errors.push(ValidationError::new("email", "email_taken")),
            Err(e) => return Err(e.into()),
        }
    }
    let form = UserForm {
        password: String::new(),
        ..form
    };
    let page = user_page(&app, &ctx, &form, form_errors(&app.i18n, ctx.lang, &errors)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
