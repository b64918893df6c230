//! Server-rendered pages, grouped by domain. Each handler extracts a [`Ctx`], does its work
//! through the store, and renders one template.

mod about;
mod account;
mod admin;
mod cooperatives;
mod home;
mod names;
mod stats;
mod territory;

use std::collections::BTreeMap;

use axum::{
    Router,
    routing::{get, post},
};
use minijinja::Value;
use taawun_domain::{Lang, ValidationErrors};

use crate::{AppState, i18n::I18n};

pub fn routes() -> Router<AppState> {
    Router::new()
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

/// No errors: what a form is first shown with.
pub(crate) fn no_errors() -> Value {
    minijinja::context! { list => Vec::<()>::new(), by_field => BTreeMap::<String, String>::new() }
}
