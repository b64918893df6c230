use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use taawun_domain::Lang;

use crate::{
    AppError, AppResult, AppState,
    ctx::{Ctx, LANG_COOKIE, safe_next, set_cookie},
};

pub async fn home(State(app): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let regions = app.store.regions().await?;
    Ok(app
        .templates
        .render(&ctx, "home.html", minijinja::context! { regions => regions })?
        .into_response())
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Remembers the language (a cookie, and the account's preference when signed in) and goes back
/// to the page the person was reading.
pub async fn switch_lang(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> AppResult<Response> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    if let Some(user) = &ctx.user {
        app.store.set_user_lang(user.id, lang.code()).await?;
    }
    let cookie = set_cookie(
        LANG_COOKIE,
        lang.code(),
        365 * 24 * 3600,
        app.config.secure_cookies,
    );
    Ok((
        [(header::SET_COOKIE, cookie)],
        Redirect::to(&safe_next(q.next.as_deref())),
    )
        .into_response())
}
