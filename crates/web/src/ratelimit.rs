//! Rate limits on what costs the office or the platform when abused: sign-in attempts (each one
//! spends an Argon2 hash), sign-ups, name requests and name checks (each one scores the register),
//! meeting registrations (each one queues a message to an address the visitor typed) and
//! register extracts (each one is signed, stored and rendered).
//!
//! Hits are counted per client address in the database's throttling rows, the same rows as failed
//! sign-ins (`login_failures`, purged by the maintenance task after
//! [`auth::THROTTLE_WINDOW_SECS`]), so every server process behind a load balancer counts the same
//! hits and a restart forgets nothing. Only admitted requests are counted: a client that keeps
//! knocking while refused costs one read per request, not a write. Two processes may both admit
//! the last request of a window at once; a limit can be overshot by the number of processes,
//! which does not matter for its purpose.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{AppError, AppState, auth};

/// One limited route: at most `max` admitted requests per client address per window.
#[derive(Debug)]
pub struct Limit {
    pub method: Method,
    /// The route, `{}` standing for one path segment (a meeting's or cooperative's id).
    pub path: &'static str,
    /// The name of the counter (`rate:<bucket>:<address>` in the throttling rows).
    pub bucket: &'static str,
    pub max: i64,
    /// Only requests carrying this query parameter, non-empty, count (the name-check page
    /// without a name is just the empty form).
    pub only_with_param: Option<&'static str>,
}

/// The window of every limit: the throttling rows' lifetime.
pub const WINDOW_SECS: i64 = auth::THROTTLE_WINDOW_SECS;

/// The limited routes. Generous enough for an office behind one address, low enough to stop a
/// script; failed sign-ins have their own, stricter count per account (`auth::ThrottleKeys`).
pub const LIMITS: &[Limit] = &[
    Limit {
        method: Method::POST,
        path: "/account/sign-in",
        bucket: "sign_in",
        max: 60,
        only_with_param: None,
    },
    Limit {
        method: Method::POST,
        path: "/account/sign-up",
        bucket: "sign_up",
        max: 10,
        only_with_param: None,
    },
    // Each request may send a message to the address typed.
    Limit {
        method: Method::POST,
        path: "/account/password-reset",
        bucket: "password_reset",
        max: 10,
        only_with_param: None,
    },
    Limit {
        method: Method::POST,
        path: "/names/requests/new",
        bucket: "name_request",
        max: 30,
        only_with_param: None,
    },
    Limit {
        method: Method::GET,
        path: "/names/check",
        bucket: "name_check",
        max: 300,
        only_with_param: Some("name"),
    },
    Limit {
        method: Method::GET,
        path: "/api/v1/name-check",
        bucket: "name_check",
        max: 300,
        only_with_param: None,
    },
    // A cooperative's manager may register a few members from one phone; a script sending
    // confirmations to strangers' addresses is stopped. Walk-ins at the door are staff pages.
    Limit {
        method: Method::POST,
        path: "/meetings/{}/register",
        bucket: "meeting_registration",
        max: 20,
        only_with_param: None,
    },
    Limit {
        method: Method::POST,
        path: "/cooperatives/{}/extracts",
        bucket: "extract",
        max: 30,
        only_with_param: None,
    },
];

/// Whether `path` is the route `pattern`, segment by segment (`{}` matches one non-empty one).
fn path_matches(pattern: &str, path: &str) -> bool {
    let (mut p, mut q) = (pattern.split('/'), path.split('/'));
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some("{}"), Some(seg)) if !seg.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// Whether the query carries a non-empty `name`, read as the handler reads it: keys and values
/// percent-decoded (`%6Eame=` is `name=`), so an encoding does not escape the limit.
fn has_param(query: Option<&str>, name: &str) -> bool {
    query.is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == name && !v.is_empty()))
}

/// The middleware: refuses with 429 (a translated page, or the JSON envelope under `/api`, both
/// written by `finish_errors`) and a `Retry-After`, once an address has used its allowance.
pub async fn limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(limit) = LIMITS.iter().find(|l| {
        l.method == *req.method()
            && path_matches(l.path, req.uri().path())
            && l.only_with_param.is_none_or(|p| has_param(req.uri().query(), p))
    }) else {
        return next.run(req).await;
    };
    // Without the peer address (a router driven directly, as in unit tests) all share one count.
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let address = peer.map_or_else(
        || "unknown".to_string(),
        |p| client_address(req.headers(), p, &state.config.trusted_proxies).to_string(),
    );
    let key = format!("rate:{}:{address}", limit.bucket);
    let since = taawun_store::now() - WINDOW_SECS;
    match state.store.login_failures_since(&key, since).await {
        Ok(hits) if hits >= limit.max => {
            tracing::info!(bucket = limit.bucket, %address, "rate limit reached");
            let mut response = AppError::TooManyRequests.into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(WINDOW_SECS));
            return response;
        }
        Ok(_) => {}
        Err(e) => return AppError::from(e).into_response(),
    }
    if let Err(e) = state.store.record_login_failure(&[&key]).await {
        return AppError::from(e).into_response();
    }
    next.run(req).await
}

/// The visitor's address. The peer's, unless the peer is a trusted proxy: then the nearest
/// address of `X-Forwarded-For` (read from the right, the end each proxy appends to) that is not
/// itself a trusted proxy. Anything left of it could have been written by the visitor, so it is
/// never believed; an unreadable header leaves the peer's address.
pub fn client_address(headers: &HeaderMap, peer: IpAddr, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return ip,
            Err(_) => return peer,
        }
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let lb: IpAddr = "10.0.0.2".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let edge: IpAddr = "10.0.0.3".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let visitor: IpAddr = "196.200.1.7".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let mut h = HeaderMap::new();
        // The visitor forges a first hop; the edge proxy appends the real one, the balancer its own.
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("1.2.3.4, 196.200.1.7, 10.0.0.3"),
        );
        assert_eq!(client_address(&h, lb, &[lb, edge]), visitor);
        // Not from a trusted peer: the header is ignored.
        assert_eq!(client_address(&h, visitor, &[lb, edge]), visitor);
        assert_eq!(client_address(&h, lb, &[]), lb);
        // Garbage, or no header: the peer.
        h.insert("x-forwarded-for", HeaderValue::from_static("not an address"));
        assert_eq!(client_address(&h, lb, &[lb]), lb);
        assert_eq!(client_address(&HeaderMap::new(), lb, &[lb]), lb);
        // Only proxies in the chain: the peer stands for the visitor.
        h.insert("x-forwarded-for", HeaderValue::from_static("10.0.0.3"));
        assert_eq!(client_address(&h, lb, &[lb, edge]), lb);
    }

    #[test]
    fn only_a_non_empty_parameter_counts() {
        assert!(has_param(Some("name=abc&limit=3"), "name"));
        assert!(!has_param(Some("name=&limit=3"), "name"));
        assert!(!has_param(Some("surname=abc"), "name"));
        assert!(has_param(Some("%6Eame=abc"), "name"));
        assert!(path_matches("/meetings/{}/register", "/meetings/12/register"));
        assert!(!path_matches("/meetings/{}/register", "/meetings//register"));
        assert!(!path_matches("/meetings/{}/register", "/meetings/12/register/x"));
        assert!(!path_matches("/meetings/{}/register", "/meetings/12"));
        assert!(path_matches("/account/sign-in", "/account/sign-in"));
        assert!(has_param(Some("limit=3&n%61me=%D8%A7"), "name"));
        assert!(!has_param(None, "name"));
    }
}
