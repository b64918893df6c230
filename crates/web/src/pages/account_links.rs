//! One-time links sent by e-mail: confirming the address of a new account, choosing a new
//! password. Sign-up and the reset request answer the same page whether or not the address
//! has an account, so neither tells a stranger who is registered; what differs is the message
//! that reaches the address's owner.

use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use taawun_domain::{Email, Lang, NewPassword, ValidationError, ValidationErrors};
use taawun_store::{About, Actor, LinkPurpose, NewLink, NewMessage, User};

use super::{account, form_errors, no_errors};
use crate::{AppResult, AppState, auth, ctx::Ctx};

/// How long the link confirming a new account's address holds.
pub const CONFIRM_VALID_SECS: i64 = 48 * 3600;
/// How long a password-reset link holds: short, as it opens the account.
pub const RESET_VALID_SECS: i64 = 3600;

/// A new link: the hash of its token (the token itself is only in the message) and the
/// message that carries it.
pub struct Link {
    token_hash: String,
    purpose: LinkPurpose,
    message: NewMessage,
}

impl Link {
    pub fn as_new(&self) -> NewLink<'_> {
        NewLink {
            token_hash: &self.token_hash,
            purpose: self.purpose,
            valid_secs: match self.purpose {
                LinkPurpose::ConfirmEmail => CONFIRM_VALID_SECS,
                LinkPurpose::ResetPassword => RESET_VALID_SECS,
            },
            message: &self.message,
        }
    }
}

/// A new link of `purpose` to `to`, with its message in `lang`.
pub fn new_link(app: &AppState, ctx: &Ctx, purpose: LinkPurpose, to: &str, lang: Lang) -> Link {
    let token = auth::random_token();
    let (kind, path, hours) = match purpose {
        LinkPurpose::ConfirmEmail => ("confirm", "confirm", CONFIRM_VALID_SECS / 3600),
        LinkPurpose::ResetPassword => ("reset", "password-reset", RESET_VALID_SECS / 3600),
    };
    let args = [
        ("link", format!("{}/account/{path}/{token}", ctx.origin)),
        ("hours", hours.to_string()),
    ];
    let message = message(app, lang, to, kind, &args);
    Link {
        token_hash: auth::token_hash(&token),
        purpose,
        message,
    }
}

fn message(app: &AppState, lang: Lang, to: &str, kind: &str, args: &[(&str, String)]) -> NewMessage {
    NewMessage {
        to_address: to.to_string(),
        lang: lang.code().to_string(),
        topic: format!("account_{kind}"),
        subject: app
            .i18n
            .t_args(lang, &format!("mail-account-{kind}-subject"), args),
        body: app.i18n.t_args(lang, &format!("mail-account-{kind}-body"), args),
        about: About::National,
    }
}

/// Sign-up with an address that has an account already: its owner is told, the visitor is not.
/// An account never confirmed gets a new confirmation link instead; a disabled one nothing.
pub async fn sign_up_taken(app: &AppState, ctx: &Ctx, email: &Email) -> AppResult<()> {
    let Some((user, _)) = app.store.user_for_sign_in(email).await? else {
        return Ok(());
    };
    if user.disabled {
        return Ok(());
    }
    if !user.email_confirmed {
        return send_link_to(app, ctx, &user, LinkPurpose::ConfirmEmail).await;
    }
    let lang = Lang::parse(&user.lang).unwrap_or_default();
    let args = [
        ("sign_in", format!("{}/account/sign-in", ctx.origin)),
        ("reset", format!("{}/account/password-reset", ctx.origin)),
    ];
    let m = message(app, lang, &user.email, "exists", &args);
    app.store
        .enqueue_messages(&[m], "account_exists", &Actor::Anonymous)
        .await?;
    Ok(())
}

/// Sends a new link of `purpose` to the account `user`, in the account's language.
pub async fn send_link_to(app: &AppState, ctx: &Ctx, user: &User, purpose: LinkPurpose) -> AppResult<()> {
    let lang = Lang::parse(&user.lang).unwrap_or_default();
    let link = new_link(app, ctx, purpose, &user.email, lang);
    app.store.send_link(user.id, &link.as_new()).await?;
    Ok(())
}

/// "Check your e-mail": the one answer to a sign-up or a reset request.
pub async fn check_email(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    Ok(app
        .templates
        .render(&ctx, "check_email.html", minijinja::context! {})?
        .into_response())
}

/// A token from a link's path, or None when it cannot be one (so it is never looked up).
fn token_of(raw: &str) -> Option<String> {
    auth::is_token(raw).then(|| auth::token_hash(raw))
}

fn dead_link(app: &AppState, ctx: &Ctx) -> AppResult<Response> {
    let page = app
        .templates
        .render(ctx, "link_dead.html", minijinja::context! {})?;
    Ok((StatusCode::GONE, page).into_response())
}

/// The page a confirmation link opens: one button, so that a mail scanner fetching the link
/// does not confirm (and sign in) in the owner's place.
pub async fn confirm_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    match token_of(&token) {
        Some(hash) if app.store.link_is_live(&hash, LinkPurpose::ConfirmEmail).await? => Ok(app
            .templates
            .render(&ctx, "confirm_email.html", minijinja::context! { token => token })?
            .into_response()),
        _ => dead_link(&app, &ctx),
    }
}

pub async fn confirm(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some(hash) = token_of(&token) else {
        return dead_link(&app, &ctx);
    };
    match app.store.confirm_email(&hash, &Actor::Anonymous).await? {
        Some(user) => account::signed_in(&app, &user, "/account").await,
        None => dead_link(&app, &ctx),
    }
}

#[derive(Deserialize, Default, serde::Serialize)]
pub struct ResetRequest {
    #[serde(default)]
    email: String,
}

pub async fn reset_request_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    Ok(app
        .templates
        .render(
            &ctx,
            "password_reset_request.html",
            minijinja::context! { form => ResetRequest::default(), errors => no_errors() },
        )?
        .into_response())
}

pub async fn reset_request(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResetRequest>,
) -> AppResult<Response> {
    let email = match Email::parse("email", &form.email) {
        Ok(email) => email,
        Err(e) => {
            let page = app.templates.render(
                &ctx,
                "password_reset_request.html",
                minijinja::context! { form => form, errors => form_errors(&app.i18n, ctx.lang, &e.into()) },
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if let Some((user, _)) = app.store.user_for_sign_in(&email).await?
        && !user.disabled
    {
        send_link_to(&app, &ctx, &user, LinkPurpose::ResetPassword).await?;
    }
    Ok(Redirect::to("/account/check-email").into_response())
}

#[derive(Deserialize, Default)]
pub struct NewPasswordForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    password_confirm: String,
}

fn reset_page(
    app: &AppState,
    ctx: &Ctx,
    token: &str,
    errors: &ValidationErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let errors = if errors.is_empty() {
        no_errors()
    } else {
        form_errors(&app.i18n, ctx.lang, errors)
    };
    let page = app.templates.render(
        ctx,
        "password_reset.html",
        minijinja::context! { token => token, errors => errors },
    )?;
    Ok((status, page).into_response())
}

pub async fn reset_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    match token_of(&token) {
        Some(hash) if app.store.link_is_live(&hash, LinkPurpose::ResetPassword).await? => {
            reset_page(&app, &ctx, &token, &ValidationErrors::new(), StatusCode::OK)
        }
        _ => dead_link(&app, &ctx),
    }
}

pub async fn reset(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> AppResult<Response> {
    let Some(hash) = token_of(&token) else {
        return dead_link(&app, &ctx);
    };
    let mut errors = ValidationErrors::new();
    let password = errors.check(NewPassword::parse("new_password", &form.new_password, None));
    if password.is_some() && form.new_password != form.password_confirm {
        errors.push(ValidationError::new("password_confirm", "passwords_differ"));
    }
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return reset_page(&app, &ctx, &token, &errors, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let password_hash = auth::hash_password(password.expose().to_string()).await?;
    match app.store.reset_password(&hash, &password_hash).await? {
        Some(user) => account::signed_in(&app, &user, "/account?notice=password_changed").await,
        None => dead_link(&app, &ctx),
    }
}
