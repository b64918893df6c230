//! Server-rendered pages, grouped by domain. Each handler extracts a [`Ctx`], does its work
//! through the store, and renders one template.

mod about;
mod account;
mod account_links;
mod adaptation;
mod admin;
mod campaigns;
pub(crate) mod coop_space;
mod cooperatives;
mod extracts;
mod filings;
mod home;
mod kb;
mod market_events;
pub(crate) mod markets;
mod meeting_report;
mod names;
pub(crate) mod participants;
pub(crate) mod products;
pub(crate) mod programmes;
mod stats;
mod territory;
mod upload;

use std::collections::BTreeMap;

use axum::{
    Router,
    routing::{get, post},
};
use minijinja::Value;
use taawun_domain::{Lang, ValidationErrors};

use crate::{AppState, i18n::I18n};

/// The largest upload (a scanned document) plus the multipart envelope.
pub(crate) const UPLOAD_LIMIT: usize = taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES + 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(campaigns::routes())
        .merge(markets::routes())
        .merge(coop_space::routes())
        .merge(programmes::routes())
        .route("/", get(home::home))
        .route("/lang/{code}", get(home::switch_lang))
        .route("/account", get(account::show))
        .route(
            "/account/sign-up",
            get(account::sign_up_form).post(account::sign_up),
        )
        .route(
            "/account/sign-in",
            get(account::sign_in_form).post(account::sign_in),
        )
        .route("/account/sign-out", post(account::sign_out))
        .route("/account/check-email", get(account_links::check_email))
        .route(
            "/account/confirm/{token}",
            get(account_links::confirm_form).post(account_links::confirm),
        )
        .route(
            "/account/password-reset",
            get(account_links::reset_request_form).post(account_links::reset_request),
        )
        .route(
            "/account/password-reset/{token}",
            get(account_links::reset_form).post(account_links::reset),
        )
        .route(
            "/account/password",
            get(account::password_form).post(account::change_password),
        )
        .route("/territory", get(territory::regions))
        .route("/territory/regions/{code}", get(territory::region))
        .route("/territory/courts", get(territory::courts))
        .route(
            "/admin/courts/new",
            get(admin::new_court_form).post(admin::create_court),
        )
        .route(
            "/admin/courts/{code}/edit",
            get(admin::edit_court_form).post(admin::update_court),
        )
        .route("/admin/audit", get(admin::audit))
        .route("/admin/users", get(admin::users))
        .route(
            "/admin/users/new",
            get(admin::new_user_form).post(admin::create_user),
        )
        .route("/about/data", get(about::data_sources))
        .route("/cooperatives", get(cooperatives::list))
        .route("/cooperatives/{id}", get(cooperatives::show))
        .route("/cooperatives/{id}/contact", post(cooperatives::publish_contact))
        .route("/cooperatives/{id}/extracts", post(extracts::issue))
        .route(
            "/cooperatives/{id}/filings/{kind}",
            get(filings::new_for_cooperative).post(filings::create_for_cooperative),
        )
        .route("/extracts/{code}", get(extracts::show))
        .route("/extracts/{code}/pdf", get(extracts::pdf))
        .route(
            "/verify",
            get(extracts::verify_form).post(extracts::verify_submit),
        )
        .route("/verify/{code}", get(extracts::verify))
        .route("/filings", get(filings::list))
        .route("/filings/new", post(filings::create_founding))
        .route("/filings/{id}", get(filings::show))
        .route(
            "/filings/{id}/details",
            get(filings::details_form).post(filings::save_details),
        )
        .route(
            "/filings/{id}/edit/{section}",
            get(filings::section_form).post(filings::save_section),
        )
        .route(
            "/filings/{id}/documents",
            post(filings::upload).layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/filings/{id}/documents/{doc}", get(filings::document))
        .route("/filings/{id}/statutes", get(filings::statutes))
        .route("/filings/{id}/statutes.pdf", get(filings::statutes_pdf))
        .route("/filings/{id}/submit", post(filings::submit))
        .route(
            "/filings/{id}/withdraw",
            get(filings::withdraw_confirm).post(filings::withdraw),
        )
        .route("/filings/{id}/decision", post(filings::decide))
        .route("/register", get(filings::register))
        .route("/adaptation", get(adaptation::dashboard))
        .route("/adaptation/notify", post(adaptation::notify))
        .route("/admin/outbox", get(adaptation::outbox))
        .route("/stats", get(stats::page))
        .route("/stats/regions/{code}", get(stats::region_sheet))
        .route("/stats/provinces/{code}", get(stats::province_sheet))
        .route("/open-data", get(stats::open_data))
        .route("/open-data/cooperatives.csv", get(stats::bulk_csv))
        .route("/names/check", get(names::check_page))
        .route("/names/requests", get(names::list))
        .route("/names/requests/new", get(names::new_form).post(names::create))
        .route("/names/requests/{id}", get(names::show))
        .route("/names/requests/{id}/decision", post(names::decide))
        .route("/names/requests/{id}/certificate", get(names::certificate))
        .route(
            "/names/requests/{id}/certificate.pdf",
            get(names::certificate_pdf),
        )
        .route("/names/certificates/{code}", get(names::verify_certificate))
        .route(
            "/names/certificates/{code}/pdf",
            get(names::verify_certificate_pdf),
        )
        .route("/kb", get(kb::home))
        .route("/kb/search", get(kb::search))
        .route("/kb/questions/{id}", get(kb::question))
        .route("/kb/guides/{id}", get(kb::guide))
        .route("/kb/templates/{id}", get(kb::template))
        .route("/kb/edit/{key}", get(kb::edit_form).post(kb::save))
        .route("/kb/history/{key}", get(kb::history))
        .route("/kb/history/{key}/{revision}", get(kb::revision))
        .route("/kb/history/{key}/{revision}/restore", post(kb::restore))
}

/// The errors of a submitted form, translated, for the error summary and the fields.
pub(crate) fn form_errors(i18n: &I18n, lang: Lang, errors: &ValidationErrors) -> Value {
    let list: Vec<BTreeMap<&str, String>> = errors
        .iter()
        .map(|e| BTreeMap::from([("field", e.field.to_string()), ("message", i18n.error(lang, e))]))
        .collect();
    // First error of each field shown beside it; all of them in the summary.
    let mut by_field: BTreeMap<String, String> = BTreeMap::new();
    for e in errors.iter() {
        by_field
            .entry(e.field.to_string())
            .or_insert_with(|| i18n.error(lang, e));
    }
    minijinja::context! { list => list, by_field => by_field }
}

/// The reasons given with a decision (a refusal's reasons are required): at most 2,000
/// characters, none of them invisible or direction-changing.
pub(crate) fn check_decision_reason(reason: &str, required: bool, errors: &mut ValidationErrors) {
    if required && reason.is_empty() {
        errors.push(taawun_domain::ValidationError::new(
            "reason",
            "decision_reason_required",
        ));
    } else if reason.chars().count() > 2000 || taawun_domain::error::has_forbidden_chars(reason) {
        errors.push(taawun_domain::ValidationError::new("reason", "too_long").with_arg("max", 2000));
    }
}

/// A date stored as `YYYY-MM-DD`, or nothing when absent or unreadable.
pub(crate) fn iso_date(raw: &str) -> Option<time::Date> {
    taawun_domain::cooperative::parse_date("date", raw).ok().flatten()
}

/// The value of `name` in a submitted form read as pairs (the first one), or "".
pub(crate) fn form_value<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Every value of a repeated `name` (checkboxes), in the order sent.
pub(crate) fn form_values<'a>(form: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    form.iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// No errors: what a form is first shown with.
pub(crate) fn no_errors() -> Value {
    minijinja::context! { list => Vec::<()>::new(), by_field => BTreeMap::<String, String>::new() }
}
