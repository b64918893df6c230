//! The list of the site's route paths, read from the router that is served.
//!
//! Why from the router itself: the authorization test (`crates/taawun/tests/it/authz.rs`) must see
//! every route, including ones added later in any file, so a route without an access rule fails
//! it. axum has no API that lists routes; its `Debug` output of a router is the one place that
//! names them (`RouteId(n): "/path"`). That format is not a stable API, so [`route_paths`] fails
//! loudly rather than returning a short list when it changes (see the test below), and the
//! methods of each path are found by asking the server (a method a path lacks answers 405).

use axum::Router;

/// Every path pattern of `router` (`/filings/{id}`, `/api/v1/health`, …), sorted, once each.
pub fn route_paths<S>(router: &Router<S>) -> Vec<String> {
    let debug = format!("{router:?}");
    let mut paths: Vec<String> = debug
        .match_indices("RouteId(")
        .filter_map(|(at, _)| {
            // `RouteId(12): "/path"` — the path is the quoted string right after the id.
            let rest = &debug[at..];
            let after = rest.find("): \"")? + 4;
            let end = rest[after..].find('"')?;
            let path = &rest[after..after + end];
            // axum's own fallback routes (`/{*__private__axum_fallback}`) are not the site's.
            (path.starts_with('/') && !path.contains("__private__axum")).then(|| path.to_string())
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests {
    use axum::routing::get;

    use super::*;

    #[test]
    fn paths_are_read_from_nested_and_layered_routers() {
        let inner: Router = Router::new().route("/v1/things/{id}", get(|| async { "" }));
        let router: Router = Router::new()
            .route("/", get(|| async { "" }))
            .route("/a/{b}", get(|| async { "" }).post(|| async { "" }))
            .nest("/api", inner)
            .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                std::time::Duration::from_secs(1),
            ));
        assert_eq!(
            route_paths(&router),
            ["/", "/a/{b}", "/api/v1/things/{id}"],
            "axum's Debug format changed: update route_paths"
        );
    }
}
