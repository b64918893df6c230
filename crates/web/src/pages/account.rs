//! Sign-up (cooperative managers), sign-in, sign-out, password change.

use std::net::SocketAddr;

use axum::{
    Form,
    extract::{ConnectInfo, Query, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use taawun_domain::{Email, NewPassword, Role, ValidationError, ValidationErrors, display_name};
use taawun_store::{Actor, LinkPurpose, NewUser, StoreError, User};

use super::{account_links, form_errors, no_errors};
use crate::{
    AppResult, AppState, auth,
    ctx::{Ctx, cookie, safe_next, session_cookie, set_cookie},
};

/// The audit log's name for a signed-in person.
pub(crate) fn actor(user: &taawun_store::User) -> Actor {
    Actor::User {
        id: user.id,
        email: user.email.clone(),
    }
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Query(q): Query<Notice>) -> AppResult<Html<String>> {
    let user = ctx.require_user()?;
    let court = match &user.court_code {
        Some(code) => app.store.court(code).await.ok(),
        None => None,
    };
    let region = match &user.region_code {
        Some(code) => app.store.region(code).await.ok(),
        None => None,
    };
    // A manager reaches the books of the cooperatives they manage from here.
    let cooperatives = if user.role == taawun_domain::Role::CooperativeManager {
        app.store.managed_cooperatives(user.id).await?
    } else {
        Vec::new()
    };
    Ok(app.templates.render(
        &ctx,
        "account.html",
        minijinja::context! { court => court, region => region, notice => q.notice, cooperatives => cooperatives },
    )?)
}

#[derive(Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

#[derive(Deserialize, Default, serde::Serialize)]
pub struct SignUp {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn sign_up_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if ctx.user.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let form = SignUp::default();
    Ok(app
        .templates
        .render(
            &ctx,
            "sign_up.html",
            minijinja::context! { form => form, errors => no_errors() },
        )?
        .into_response())
}

pub async fn sign_up(State(app): State<AppState>, ctx: Ctx, Form(form): Form<SignUp>) -> AppResult<Response> {
    let mut errors = ValidationErrors::new();
    let name = errors.check(display_name("display_name", &form.display_name));
    let email = errors.check(Email::parse("email", &form.email));
    let password = errors.check(NewPassword::parse("password", &form.password, email.as_ref()));
    if password.is_some() && form.password != form.password_confirm {
        errors.push(ValidationError::new("password_confirm", "passwords_differ"));
    }
    let (Some(name), Some(email), Some(password), true) = (name, email, password, errors.is_empty()) else {
        let form = SignUp {
            password: String::new(),
            password_confirm: String::new(),
            ..form
        };
        let page = app.templates.render(
            &ctx,
            "sign_up.html",
            minijinja::context! { form => form, errors => form_errors(&app.i18n, ctx.lang, &errors) },
        )?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let new = NewUser {
        email: email.clone(),
        password_hash: auth::hash_password(password.expose().to_string()).await?,
        display_name: name,
        role: Role::CooperativeManager,
        court_code: None,
        region_code: None,
        lang: ctx.lang.code().to_string(),
    };
    // The account waits for its owner to open the link sent to the address. Whether the address
    // was free or not, the visitor sees the same page: sign-up does not reveal who has an account.
    let link = account_links::new_link(&app, &ctx, LinkPurpose::ConfirmEmail, email.as_str(), ctx.lang);
    match app
        .store
        .sign_up_user(&new, &link.as_new(), &Actor::Anonymous)
        .await
    {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => account_links::sign_up_taken(&app, &ctx, &email).await?,
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to("/account/check-email").into_response())
}

/// Signs `user` in on this browser, which becomes known to the account, and goes to `next`.
pub(super) async fn signed_in(app: &AppState, user: &User, next: &str) -> AppResult<Response> {
    let mut response = start_session(app, user.id, next).await?;
    remember_browser(app, user.id, &mut response).await?;
    Ok(response)
}

async fn start_session(app: &AppState, user_id: i64, next: &str) -> AppResult<Response> {
    let token = auth::random_token();
    let ttl = i64::try_from(app.config.session_ttl.as_secs()).unwrap_or(i64::MAX / 2);
    app.store
        .create_session(&auth::token_hash(&token), user_id, ttl)
        .await?;
    let cookie = set_cookie(
        session_cookie(app.config.secure_cookies),
        &token,
        ttl,
        app.config.secure_cookies,
    );
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response())
}

/// Marks the browser of `response` as known to the account (`auth::DEVICE_COOKIE`): a new
/// cookie, never one the browser brought, so a planted cookie cannot become known.
async fn remember_browser(app: &AppState, user_id: i64, response: &mut Response) -> AppResult<()> {
    let token = auth::random_token();
    app.store
        .remember_device(&auth::token_hash(&token), user_id)
        .await?;
    let value = set_cookie(
        auth::DEVICE_COOKIE,
        &token,
        365 * 24 * 3600,
        app.config.secure_cookies,
    );
    if let Ok(v) = header::HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(())
}

#[derive(Deserialize, Default, serde::Serialize)]
pub struct SignIn {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn sign_in_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if ctx.user.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    let form = SignIn {
        next: q.next,
        ..SignIn::default()
    };
    Ok(app
        .templates
        .render(
            &ctx,
            "sign_in.html",
            minijinja::context! { form => form, errors => no_errors() },
        )?
        .into_response())
}

pub async fn sign_in(
    State(app): State<AppState>,
    ctx: Ctx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    Form(form): Form<SignIn>,
) -> AppResult<Response> {
    let next = safe_next(form.next.as_deref());
    let refuse = |errors: ValidationErrors, status: StatusCode, form: SignIn| -> AppResult<Response> {
        let form = SignIn {
            password: String::new(),
            ..form
        };
        let page = app.templates.render(
            &ctx,
            "sign_in.html",
            minijinja::context! { form => form, errors => form_errors(&app.i18n, ctx.lang, &errors) },
        )?;
        Ok((status, page).into_response())
    };

    let mut errors = ValidationErrors::new();
    let email = errors.check(Email::parse("email", &form.email));
    if form.password.is_empty() {
        errors.push(ValidationError::new("password", "required"));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return refuse(errors, StatusCode::UNPROCESSABLE_ENTITY, form);
    };

    let ip = crate::ratelimit::client_address(&headers, peer.ip(), &app.config.trusted_proxies).to_string();
    let device = cookie(&headers, auth::DEVICE_COOKIE)
        .filter(|t| auth::is_token(t))
        .map(auth::token_hash);
    let known_device = match &device {
        Some(hash) => app.store.is_known_device(hash, &email).await?,
        None => false,
    };
    let throttle = auth::ThrottleKeys::new(email.as_str(), &ip, device.as_deref());
    if throttle.is_throttled(&app.store, known_device).await? {
        return refuse(
            ValidationError::new("email", "too_many_attempts")
                .with_arg("minutes", auth::THROTTLE_WINDOW_SECS / 60)
                .into(),
            StatusCode::TOO_MANY_REQUESTS,
            form,
        );
    }
    let verified = match app.store.user_for_sign_in(&email).await? {
        Some((user, hash)) if !user.disabled => auth::verify_password(form.password.clone(), hash)
            .await?
            .then_some(user),
        _ => {
            auth::burn_time(form.password.clone()).await;
            None
        }
    };
    match verified {
        Some(user) if !user.email_confirmed => {
            // The right password, but the address was never confirmed: a new link, and say so.
            account_links::send_link_to(&app, &ctx, &user, LinkPurpose::ConfirmEmail).await?;
            refuse(
                ValidationError::new("email", "email_unconfirmed").into(),
                StatusCode::FORBIDDEN,
                form,
            )
        }
        Some(user) => {
            throttle.clear(&app.store).await?;
            let mut response = start_session(&app, user.id, &next).await?;
            if !known_device {
                remember_browser(&app, user.id, &mut response).await?;
            }
            Ok(response)
        }
        None => {
            throttle.record_failure(&app.store).await?;
            refuse(
                ValidationError::new("email", "wrong_credentials").into(),
                StatusCode::UNAUTHORIZED,
                form,
            )
        }
    }
}

pub async fn sign_out(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let Some(hash) = &ctx.session_hash {
        app.store.delete_session(hash).await?;
    }
    let expired = set_cookie(
        session_cookie(app.config.secure_cookies),
        "",
        0,
        app.config.secure_cookies,
    );
    Ok(([(header::SET_COOKIE, expired)], Redirect::to("/")).into_response())
}

#[derive(Deserialize, Default, serde::Serialize)]
pub struct PasswordChange {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

pub async fn password_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    ctx.require_user()?;
    Ok(app.templates.render(
        &ctx,
        "password.html",
        minijinja::context! { errors => no_errors() },
    )?)
}

pub async fn change_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PasswordChange>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let mut errors = ValidationErrors::new();
    if form.current_password.is_empty() {
        errors.push(ValidationError::new("current_password", "required"));
    } else {
        let hash = app.store.password_hash(user.id).await?;
        if !auth::verify_password(form.current_password.clone(), hash).await? {
            errors.push(ValidationError::new("current_password", "wrong_password"));
        }
    }
    let email = Email::parse("email", &user.email).ok();
    let new = errors.check(NewPassword::parse(
        "new_password",
        &form.new_password,
        email.as_ref(),
    ));
    if new.is_some() && form.new_password != form.new_password_confirm {
        errors.push(ValidationError::new("new_password_confirm", "passwords_differ"));
    }
    match (new, errors.is_empty(), &ctx.session_hash) {
        (Some(new), true, Some(session)) => {
            let hash = auth::hash_password(new.expose().to_string()).await?;
            app.store
                .change_password(user, &hash, session, &actor(user))
                .await?;
            Ok(Redirect::to("/account?notice=password_changed").into_response())
        }
        _ => {
            let page = app.templates.render(
                &ctx,
                "password.html",
                minijinja::context! { errors => form_errors(&app.i18n, ctx.lang, &errors) },
            )?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
