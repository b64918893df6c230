//! Layers every request passes through: request ids and tracing, panics caught, time and size
//! limits, compression, security headers, CSRF, and the translated error bodies.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::{
    Router,
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::{Next, from_fn_with_state},
    response::{IntoResponse, Redirect, Response},
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    AppError, AppState, auth,
    ctx::{Ctx, api_lang, cookie, csrf_cookie, form_token, lang_of, session_cookie, set_cookie},
    error::{ErrorBody, HTTP_CODES},
};

/// The CSRF token of the current visitor, for forms to embed.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// The largest form or JSON body accepted (uploads get their own limit where they exist).
const BODY_LIMIT: usize = 1024 * 1024;
/// No request may be larger than this, refused before it is read. Above the largest upload, so
/// that a file somewhat too large reaches its form, which reads up to its own limit and says
/// on the field what the limit is; only a body far too large gets the bare error page.
const HARD_BODY_LIMIT: usize = 3 * crate::pages::UPLOAD_LIMIT;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids: a per-process random prefix and a counter, unique across processes without
/// coordination, short enough to read out over the phone to support.
#[derive(Clone)]
struct MakeId {
    prefix: String,
    counter: std::sync::Arc<AtomicU64>,
}

impl MakeRequestId for MakeId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

pub fn apply(router: Router<AppState>, state: AppState) -> Router<AppState> {
    let make_id = MakeId {
        prefix: auth::random_token()[..8].to_string(),
        counter: Default::default(),
    };
    let security_headers: [(HeaderName, &'static str); 6] = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "geolocation=(), microphone=(), camera=(self)",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut router = router
        // Extractors (forms, JSON) take BODY_LIMIT; the upload route raises its own limit, and
        // no request at all may exceed the largest upload.
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(HARD_BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), csrf))
        // Inside `finish_errors`, so that its 429 is written in the request's language.
        .layer(from_fn_with_state(state.clone(), crate::ratelimit::limit))
        .layer(from_fn_with_state(state, finish_errors))
        .layer(axum::middleware::from_fn(not_modified));
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::new())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, make_id))
}

/// A `GET` whose `If-None-Match` names the response's `ETag` gets a 304 without the body: the
/// client already holds it. Only handlers that set an `ETag` are concerned (public documents,
/// see [`crate::documents`]); they compute the tag from the data, so the check is exact.
async fn not_modified(req: Request, next: Next) -> Response {
    let asked = match (req.method(), req.headers().get(header::IF_NONE_MATCH)) {
        (&Method::GET | &Method::HEAD, Some(v)) => v.to_str().ok().map(str::to_owned),
        _ => None,
    };
    let response = next.run(req).await;
    let (Some(asked), Some(tag)) = (asked, response.headers().get(header::ETAG)) else {
        return response;
    };
    if response.status() != StatusCode::OK || !etag_matches(&asked, tag.as_bytes()) {
        return response;
    }
    let mut short = StatusCode::NOT_MODIFIED.into_response();
    for name in [header::ETAG, header::CACHE_CONTROL] {
        if let Some(v) = response.headers().get(&name) {
            short.headers_mut().insert(name, v.clone());
        }
    }
    short
}

/// Weak comparison (RFC 9110 §13.1.2): `W/` is ignored; `*` matches any tag.
fn etag_matches(if_none_match: &str, etag: &[u8]) -> bool {
    let opaque = |t: &[u8]| t.strip_prefix(b"W/").unwrap_or(t).to_vec();
    let etag = opaque(etag);
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || opaque(t.as_bytes()) == etag)
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// CSRF defence. Pages: a random cookie, and forms echo it bound to the session
/// ([`form_token`]), checked on every unsafe request so a new form cannot forget it. API: unsafe requests must be JSON, which a
/// cross-site HTML form cannot send.
async fn csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let secure = state.config.secure_cookies;
    let existing = cookie(req.headers(), csrf_cookie(secure))
        .filter(|t| auth::is_token(t))
        .map(str::to_string);
    let token = existing.clone().unwrap_or_else(auth::random_token);
    let bound = form_token(&token, cookie(req.headers(), session_cookie(secure)));
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = req;
    if unsafe_method {
        if is_api(req.uri().path()) {
            let json = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/json"));
            if !json && req.headers().contains_key(header::CONTENT_TYPE) {
                return AppError::UnsupportedMediaType.into_response();
            }
        } else {
            if existing.is_none() {
                return AppError::Csrf.into_response();
            }
            let (provided, rebuilt) = match submitted_token(req).await {
                Ok(found) => found,
                Err(response) => return response,
            };
            if !provided
                .as_deref()
                .is_some_and(|p| auth::constant_time_eq(p, &bound))
            {
                return AppError::Csrf.into_response();
            }
            req = rebuilt;
        }
    }
    req.extensions_mut().insert(CsrfToken(bound));
    let mut response = next.run(req).await;
    if existing.is_none() {
        // A year: the token only proves that a form came from this site, it grants nothing.
        let value = set_cookie(csrf_cookie(secure), &token, 365 * 24 * 3600, secure);
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// The token sent with an unsafe request: header, query string, or url-encoded form field. The
/// body is read and put back for the handler.
async fn submitted_token(req: Request) -> Result<(Option<String>, Request), Response> {
    let from_header = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let from_query = req.uri().query().and_then(form_field_csrf);
    if let Some(t) = from_header.or(from_query) {
        return Ok((Some(t), req));
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, req));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let token = std::str::from_utf8(&bytes).ok().and_then(form_field_csrf);
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

fn form_field_csrf(encoded: &str) -> Option<String> {
    encoded
        .split('&')
        .find_map(|kv| kv.strip_prefix("csrf_token="))
        .map(str::to_string)
}

/// Writes the body of error responses in the request's language: a page for people, the JSON
/// envelope for the API; and turns "sign in first" into a redirect for pages.
async fn finish_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    let headers = req.headers().clone();
    let csrf = req.extensions().get::<CsrfToken>().map(|t| t.0.clone());
    let response = next.run(req).await;

    let marker = response.extensions().get::<ErrorBody>().cloned().or_else(|| {
        // The body-limit layer's own 413 says "length limit exceeded" in English: replaced too.
        let bare = !response.headers().contains_key(header::CONTENT_TYPE)
            || response.status() == StatusCode::PAYLOAD_TOO_LARGE;
        HTTP_CODES
            .iter()
            .find(|(s, _)| bare && *s == response.status())
            .map(|(_, code)| ErrorBody {
                code,
                details: Vec::new(),
            })
    });
    let Some(body) = marker else {
        return response;
    };
    let status = response.status();
    // A refusal that says when to come back keeps saying it (rate limits' `Retry-After`).
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let keep = |mut r: Response| {
        if let Some(v) = retry_after.clone() {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        r
    };
    if is_api(uri.path()) {
        let lang = api_lang(&uri, &headers);
        let i18n = &state.i18n;
        let details: Vec<serde_json::Value> = body
            .details
            .iter()
            .map(|e| serde_json::json!({"code": e.code, "field": e.field, "message": i18n.error(lang, e)}))
            .collect();
        let mut error = match body.details.first() {
            Some(first) => {
                serde_json::json!({"code": first.code, "field": first.field, "message": i18n.error(lang, first)})
            }
            None => {
                serde_json::json!({"code": body.code, "message": i18n.t(lang, &format!("error-{}", body.code))})
            }
        };
        if details.len() > 1 {
            error["details"] = serde_json::Value::Array(details);
        }
        return keep((status, axum::Json(serde_json::json!({ "error": error }))).into_response());
    }
    if body.code == "sign_in_required" {
        let next = uri.path_and_query().map_or("/", |p| p.as_str());
        let target = format!("/account/sign-in?next={}", crate::render::urlencode(next));
        return Redirect::to(&target).into_response();
    }
    let ctx = Ctx {
        lang: lang_of(&headers).unwrap_or_default(),
        user: None,
        session_hash: None,
        csrf: csrf.unwrap_or_default(),
        path: uri
            .path_and_query()
            .map_or_else(|| "/".into(), |p| p.as_str().to_string()),
        origin: state.config.public_url.clone().unwrap_or_default(),
    };
    let page = state.templates.render(
        &ctx,
        "error.html",
        minijinja::context! { code => body.code, status => status.as_u16() },
    );
    match page {
        Ok(html) => keep((status, html).into_response()),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            (status, status.canonical_reason().unwrap_or("error")).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::etag_matches;

    #[test]
    fn if_none_match_compares_weakly() {
        assert!(etag_matches("W/\"ab\"", b"W/\"ab\""));
        assert!(etag_matches("\"ab\"", b"W/\"ab\""));
        assert!(etag_matches("\"x\", W/\"ab\"", b"W/\"ab\""));
        assert!(etag_matches("*", b"W/\"ab\""));
        assert!(!etag_matches("W/\"ac\"", b"W/\"ab\""));
        assert!(!etag_matches("", b"W/\"ab\""));
    }
}
