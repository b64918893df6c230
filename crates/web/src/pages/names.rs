//! Name approval: the public check, a founder's requests, the office's queue and decision, and
//! the certificate.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use taawun_domain::{
    Lang, LegalRules, NameRequestDraft, Role, ValidationError, ValidationErrors, decision_deadline,
};
use taawun_store::{NameDecision, NameRequest, NameRequestScope, NewNameRequest, StoreError, User};

use super::{account::actor, form_errors, no_errors};
use crate::{AppError, AppResult, AppState, auth, ctx::Ctx};
use taawun_app::names;

#[derive(Deserialize)]
pub struct CheckQuery {
    name: Option<String>,
}

/// Anyone can check a name before asking for it.
pub async fn check_page(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CheckQuery>,
) -> AppResult<Response> {
    let name = q.name.unwrap_or_default();
    let (result, errors, status) = if name.trim().is_empty() {
        (None, no_errors(), StatusCode::OK)
    } else {
        match taawun_domain::error::required_text("name", &name, 200) {
            Ok(name) => (
                Some(names::check(&app.names, &app.store, &name, 10).await?),
                no_errors(),
                StatusCode::OK,
            ),
            Err(e) => (
                None,
                form_errors(&app.i18n, ctx.lang, &e.into()),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        }
    };
    let html = app.templates.render(
        &ctx,
        "name_check.html",
        minijinja::context! { name => name, result => result, errors => errors },
    )?;
    Ok((status, html).into_response())
}

/// Whether `user` may see this request: its applicant, the office (a regional agent for their
/// region only), administrators.
fn can_view(user: &User, r: &NameRequest) -> bool {
    user.id == r.applicant_user_id || can_decide(user, r) || user.role == Role::Administrator
}

fn can_decide(user: &User, r: &NameRequest) -> bool {
    user.role == Role::OfficeAgent
        && user
            .region_code
            .as_ref()
            .is_none_or(|region| *region == r.region_code)
}

pub async fn list(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let user = ctx.require_user()?;
    let scope = match user.role {
        Role::CooperativeManager => NameRequestScope::Applicant(user.id),
        Role::OfficeAgent | Role::Administrator => NameRequestScope::Office {
            region: user.region_code.clone(),
            pending_only: false,
        },
        _ => return Err(AppError::Forbidden),
    };
    let requests = app.store.name_requests(&scope).await?;
    let now = taawun_store::now();
    Ok(app.templates.render(
        &ctx,
        "name_requests.html",
        minijinja::context! {
            requests => requests, now => now,
            office => !matches!(scope, NameRequestScope::Applicant(_)),
        },
    )?)
}

#[derive(Deserialize, Serialize, Default)]
pub struct RequestForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_ar: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    founders: String,
}

async fn request_page(
    app: &AppState,
    ctx: &Ctx,
    form: &RequestForm,
    errors: minijinja::Value,
) -> AppResult<Html<String>> {
    let regions = app.store.regions().await?;
    let rules = LegalRules::default();
    Ok(app.templates.render(
        ctx,
        "name_request_form.html",
        minijinja::context! {
            form => form, errors => errors, regions => regions, min_founders => rules.min_founders,
            // The answer of the knowledge base that explains the rule.
            founders_help => crate::kb::explain_link("too_few_founders").map(|(url, _)| url),
        },
    )?)
}

pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    ctx.require_role(|r| r == Role::CooperativeManager)?;
    let form = RequestForm {
        kind: "cooperative".into(),
        ..RequestForm::default()
    };
    request_page(&app, &ctx, &form, no_errors()).await
}

pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(form): Form<RequestForm>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| r == Role::CooperativeManager)?;
    let rules = LegalRules::default();
    match NameRequestDraft::parse(
        &form.kind,
        &form.name_ar,
        &form.name_fr,
        &form.region_code,
        &form.founders,
        &rules,
    ) {
        Ok(draft) => {
            let submitted = time::OffsetDateTime::now_utc();
            let new = NewNameRequest {
                applicant_user_id: user.id,
                kind: draft.kind.as_str().to_string(),
                name_ar: draft.name_ar,
                name_fr: draft.name_fr,
                region_code: draft.region.as_str().to_string(),
                founders: draft.founders,
                deadline_at: decision_deadline(submitted, rules.name_decision_working_days).unix_timestamp(),
            };
            let created = app.store.create_name_request(&new, &actor(user)).await?;
            Ok(Redirect::to(&format!("/names/requests/{}", created.id)).into_response())
        }
        Err(errors) => {
            let page = request_page(&app, &ctx, &form, form_errors(&app.i18n, ctx.lang, &errors)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn load_visible(app: &AppState, ctx: &Ctx, id: &str) -> AppResult<NameRequest> {
    let user = ctx.require_user()?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let request = app.store.name_request(id).await?;
    if !can_view(user, &request) {
        return Err(AppError::Forbidden);
    }
    Ok(request)
}

async fn detail_page(
    app: &AppState,
    ctx: &Ctx,
    r: &NameRequest,
    errors: minijinja::Value,
    reason: &str,
) -> AppResult<Html<String>> {
    let user = ctx.require_user()?;
    let decide = can_decide(user, r) && r.status == "pending";
    // The agent sees the closest existing names of each form of the requested name.
    let mut checks = Vec::new();
    if decide {
        for name in [r.name_ar.as_deref(), r.name_fr.as_deref()].into_iter().flatten() {
            let check = names::check(&app.names, &app.store, name, 10)
                .await?
                .without_reservation(r.id);
            checks.push(minijinja::context! { name => name, check => check });
        }
    }
    Ok(app.templates.render(
        ctx,
        "name_request.html",
        minijinja::context! {
            r => r, decide => decide, checks => checks, errors => errors, reason => reason,
            now => taawun_store::now(),
        },
    )?)
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let request = load_visible(&app, &ctx, &id).await?;
    detail_page(&app, &ctx, &request, no_errors(), "").await
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let request = load_visible(&app, &ctx, &id).await?;
    let user = ctx.require_user()?;
    if !can_decide(user, &request) {
        return Err(AppError::Forbidden);
    }
    let mut errors = ValidationErrors::new();
    let approve = match form.decision.as_str() {
        "approve" => Some(true),
        "reject" => Some(false),
        _ => {
            errors.push(ValidationError::new("decision", "required"));
            None
        }
    };
    let reason = form.reason.trim();
    super::check_decision_reason(reason, approve == Some(false), &mut errors);
    if let (Some(approve), true) = (approve, errors.is_empty()) {
        let rules = LegalRules::default();
        let (until, code) = if approve {
            let until = taawun_store::now() + rules.name_reservation_days * 86_400;
            (Some(until), Some(auth::random_token()[..12].to_uppercase()))
        } else {
            (None, None)
        };
        let reason = (!reason.is_empty()).then_some(reason);
        match app
            .store
            .decide_name_request(
                request.id,
                &NameDecision {
                    approve,
                    reason,
                    reserved_until: until,
                    certificate_code: code.as_deref(),
                    decided_by: user.id,
                },
                &actor(user),
            )
            .await
        {
            Ok(_) => {
                // This process sees its own decision at once; the others through the change log.
                app.names.sync(&app.store).await?;
                return Ok(Redirect::to(&format!("/names/requests/{}", request.id)).into_response());
            }
            Err(StoreError::Conflict(_)) => errors.push(ValidationError::new("decision", "already_decided")),
            Err(e) => return Err(e.into()),
        }
    }
    let request = app.store.name_request(request.id).await?;
    let page = detail_page(
        &app,
        &ctx,
        &request,
        form_errors(&app.i18n, ctx.lang, &errors),
        reason,
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The certificate of an approved name, printable (the print stylesheet hides the site's chrome).
pub async fn certificate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let request = load_visible(&app, &ctx, &id).await?;
    if request.certificate_code.is_none() {
        return Err(AppError::NotFound);
    }
    certificate_page(&app, &ctx, &request)
}

fn certificate_page(app: &AppState, ctx: &Ctx, r: &NameRequest) -> AppResult<Html<String>> {
    let valid = r.status == "approved" && r.reserved_until.is_some_and(|t| t > taawun_store::now());
    Ok(app.templates.render(
        ctx,
        "name_certificate.html",
        minijinja::context! { r => r, valid => valid },
    )?)
}

/// The certificate as a PDF, bilingual, with the same content as the page.
pub async fn certificate_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let request = load_visible(&app, &ctx, &id).await?;
    certificate_pdf_response(&app, &request).await
}

/// The PDF of a certificate, for anyone holding its code.
pub async fn verify_certificate_pdf(
    State(app): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let request = app
        .store
        .name_request_by_certificate(&code.to_uppercase())
        .await?;
    certificate_pdf_response(&app, &request).await
}

async fn certificate_pdf_response(app: &AppState, r: &NameRequest) -> AppResult<Response> {
    let Some(code) = r.certificate_code.clone() else {
        return Err(AppError::NotFound);
    };
    let valid = r.status == "approved" && r.reserved_until.is_some_and(|t| t > taawun_store::now());
    let i18n = &app.i18n;
    let both = |id: &str| (i18n.t(Lang::Fr, id), i18n.t(Lang::Ar, id));
    let date = |lang: Lang, t: Option<i64>| {
        t.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
            .map(|t| crate::i18n::format_date(i18n, lang, t.date()))
            .unwrap_or_default()
    };
    let kind = format!("kind-{}", r.kind);
    let region = format!("region-{}", r.region_code);
    let mut values: Vec<(String, String)> = Vec::new();
    for (key, id) in [
        ("issuer", "office-name"),
        ("title", "certificate-title"),
        ("invalid", "certificate-not-valid"),
        ("kind", kind.as_str()),
        ("region", region.as_str()),
        ("l_name_ar", "field-name_ar"),
        ("l_name_fr", "field-name_fr"),
        ("l_kind", "field-kind"),
        ("l_region", "field-region"),
        ("l_decided", "field-decided_at"),
        ("l_reserved", "field-reserved_until"),
        ("l_code", "field-certificate_code"),
        ("verify", "certificate-verify-at"),
    ] {
        let (fr, ar) = both(id);
        values.push((format!("{key}_fr"), fr));
        values.push((format!("{key}_ar"), ar));
    }
    let kind_fr = i18n.t(Lang::Fr, &kind);
    let kind_ar = i18n.t(Lang::Ar, &kind);
    values.extend(
        [
            (
                "body_fr",
                i18n.t_args(Lang::Fr, "certificate-body", &[("kind", kind_fr.to_lowercase())]),
            ),
            (
                "body_ar",
                i18n.t_args(Lang::Ar, "certificate-body", &[("kind", kind_ar)]),
            ),
            ("name_ar", r.name_ar.clone().unwrap_or_else(|| "—".into())),
            ("name_fr", r.name_fr.clone().unwrap_or_else(|| "—".into())),
            ("decided_fr", date(Lang::Fr, r.decided_at)),
            ("decided_ar", date(Lang::Ar, r.decided_at)),
            ("reserved_fr", date(Lang::Fr, r.reserved_until)),
            ("reserved_ar", date(Lang::Ar, r.reserved_until)),
            ("code", code.clone()),
            ("verify_path", format!("/names/certificates/{code}")),
            ("valid", if valid { "yes".into() } else { "no".into() }),
            ("footer", format!("Taawun — {code}")),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    );
    let pdf = app
        .documents
        .render(move || {
            taawun_documents::render_pdf(include_str!("../../templates/pdf/name_certificate.typ"), &values)
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"certificate-{code}.pdf\""),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// Anyone holding a certificate can check it here with its code.
pub async fn verify_certificate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> AppResult<Html<String>> {
    let request = app
        .store
        .name_request_by_certificate(&code.to_uppercase())
        .await?;
    certificate_page(&app, &ctx, &request)
}
