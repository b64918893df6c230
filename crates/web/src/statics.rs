//! The stylesheet and script, compiled in and served with a content hash in the URL so that
//! browsers keep them for a year and still get a new version the moment it changes.

use std::sync::OnceLock;

use axum::{Router, http::header, response::IntoResponse, routing::get};

use crate::AppState;

const CSS: &str = include_str!("../static/app.css");
/// The one script: check-in on the day (camera scan, offline queue). Pages work without it.
const CHECKIN_JS: &str = include_str!("../static/checkin.js");

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

pub fn css_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| format!("/static/app.{:x}.css", fnv(CSS) & 0xffff_ffff))
}

pub fn checkin_js_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| format!("/static/checkin.{:x}.js", fnv(CHECKIN_JS) & 0xffff_ffff))
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/static/{file}", get(serve))
}

async fn serve(axum::extract::Path(file): axum::extract::Path<String>) -> impl IntoResponse {
    if file.starts_with("app.") && file.ends_with(".css") {
        (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            CSS,
        )
            .into_response()
    } else if file.starts_with("checkin.") && file.ends_with(".js") {
        (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            CHECKIN_JS,
        )
            .into_response()
    } else {
        crate::AppError::NotFound.into_response()
    }
}
