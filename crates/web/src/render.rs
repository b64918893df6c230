//! HTML templates (minijinja), compiled into the binary, with the translation function `t`.

use std::sync::Arc;

use axum::response::Html;
use minijinja::{Environment, State, Value, context, value::Kwargs};
use taawun_domain::Lang;

use crate::{ctx::Ctx, i18n::I18n, statics};

/// Every template, by name. Adding a page means adding it here.
const TEMPLATES: &[(&str, &str)] = &[
    ("prog_calls.html", include_str!("../templates/prog_calls.html")),
    (
        "prog_call_form.html",
        include_str!("../templates/prog_call_form.html"),
    ),
    ("prog_call.html", include_str!("../templates/prog_call.html")),
    (
        "prog_application.html",
        include_str!("../templates/prog_application.html"),
    ),
    (
        "prog_committee.html",
        include_str!("../templates/prog_committee.html"),
    ),
    (
        "prog_selected.html",
        include_str!("../templates/prog_selected.html"),
    ),
    ("prog_stats.html", include_str!("../templates/prog_stats.html")),
    (
        "certifications.html",
        include_str!("../templates/certifications.html"),
    ),
    ("catalogue.html", include_str!("../templates/catalogue.html")),
    ("_products.html", include_str!("../templates/_products.html")),
    ("products.html", include_str!("../templates/products.html")),
    (
        "product_form.html",
        include_str!("../templates/product_form.html"),
    ),
    (
        "product_catalogue.html",
        include_str!("../templates/product_catalogue.html"),
    ),
    ("product.html", include_str!("../templates/product.html")),
    ("shop.html", include_str!("../templates/shop.html")),
    (
        "market_events.html",
        include_str!("../templates/market_events.html"),
    ),
    (
        "market_event.html",
        include_str!("../templates/market_event.html"),
    ),
    (
        "market_event_form.html",
        include_str!("../templates/market_event_form.html"),
    ),
    (
        "market_stats.html",
        include_str!("../templates/market_stats.html"),
    ),
    (
        "certification_coverage.html",
        include_str!("../templates/certification_coverage.html"),
    ),
    ("_space_nav.html", include_str!("../templates/_space_nav.html")),
    ("space.html", include_str!("../templates/space.html")),
    (
        "space_members.html",
        include_str!("../templates/space_members.html"),
    ),
    (
        "space_shares.html",
        include_str!("../templates/space_shares.html"),
    ),
    (
        "space_mandates.html",
        include_str!("../templates/space_mandates.html"),
    ),
    (
        "space_assemblies.html",
        include_str!("../templates/space_assemblies.html"),
    ),
    (
        "space_assembly.html",
        include_str!("../templates/space_assembly.html"),
    ),
    (
        "space_documents.html",
        include_str!("../templates/space_documents.html"),
    ),
    ("obligations.html", include_str!("../templates/obligations.html")),
    ("campaigns.html", include_str!("../templates/campaigns.html")),
    ("campaign.html", include_str!("../templates/campaign.html")),
    (
        "campaign_form.html",
        include_str!("../templates/campaign_form.html"),
    ),
    (
        "meeting_form.html",
        include_str!("../templates/meeting_form.html"),
    ),
    ("meeting.html", include_str!("../templates/meeting.html")),
    (
        "programme_form.html",
        include_str!("../templates/programme_form.html"),
    ),
    (
        "meeting_register.html",
        include_str!("../templates/meeting_register.html"),
    ),
    ("ticket.html", include_str!("../templates/ticket.html")),
    ("check_in.html", include_str!("../templates/check_in.html")),
    (
        "registrations.html",
        include_str!("../templates/registrations.html"),
    ),
    (
        "_attendance_figures.html",
        include_str!("../templates/_attendance_figures.html"),
    ),
    ("badges.html", include_str!("../templates/badges.html")),
    (
        "campaign_attendance.html",
        include_str!("../templates/campaign_attendance.html"),
    ),
    ("report_form.html", include_str!("../templates/report_form.html")),
    ("meeting_kit.html", include_str!("../templates/meeting_kit.html")),
    (
        "filing_statutes.html",
        include_str!("../templates/filing_statutes.html"),
    ),
    ("adaptation.html", include_str!("../templates/adaptation.html")),
    ("outbox.html", include_str!("../templates/outbox.html")),
    ("filings.html", include_str!("../templates/filings.html")),
    ("filing.html", include_str!("../templates/filing.html")),
    (
        "filing_withdraw.html",
        include_str!("../templates/filing_withdraw.html"),
    ),
    (
        "filing_section.html",
        include_str!("../templates/filing_section.html"),
    ),
    (
        "filing_details.html",
        include_str!("../templates/filing_details.html"),
    ),
    ("register.html", include_str!("../templates/register.html")),
    ("extract.html", include_str!("../templates/extract.html")),
    ("verify.html", include_str!("../templates/verify.html")),
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("sign_up.html", include_str!("../templates/sign_up.html")),
    ("sign_in.html", include_str!("../templates/sign_in.html")),
    ("check_email.html", include_str!("../templates/check_email.html")),
    ("link_dead.html", include_str!("../templates/link_dead.html")),
    (
        "confirm_email.html",
        include_str!("../templates/confirm_email.html"),
    ),
    (
        "password_reset_request.html",
        include_str!("../templates/password_reset_request.html"),
    ),
    (
        "password_reset.html",
        include_str!("../templates/password_reset.html"),
    ),
    ("account.html", include_str!("../templates/account.html")),
    ("password.html", include_str!("../templates/password.html")),
    ("regions.html", include_str!("../templates/regions.html")),
    ("region.html", include_str!("../templates/region.html")),
    ("courts.html", include_str!("../templates/courts.html")),
    ("court_form.html", include_str!("../templates/court_form.html")),
    ("audit.html", include_str!("../templates/audit.html")),
    ("users.html", include_str!("../templates/users.html")),
    ("user_form.html", include_str!("../templates/user_form.html")),
    (
        "data_sources.html",
        include_str!("../templates/data_sources.html"),
    ),
    ("api_docs.html", include_str!("../templates/api_docs.html")),
    (
        "cooperatives.html",
        include_str!("../templates/cooperatives.html"),
    ),
    ("cooperative.html", include_str!("../templates/cooperative.html")),
    ("name_check.html", include_str!("../templates/name_check.html")),
    ("stats.html", include_str!("../templates/stats.html")),
    ("open_data.html", include_str!("../templates/open_data.html")),
    (
        "region_sheet.html",
        include_str!("../templates/region_sheet.html"),
    ),
    (
        "_name_matches.html",
        include_str!("../templates/_name_matches.html"),
    ),
    (
        "name_requests.html",
        include_str!("../templates/name_requests.html"),
    ),
    (
        "name_request_form.html",
        include_str!("../templates/name_request_form.html"),
    ),
    (
        "name_request.html",
        include_str!("../templates/name_request.html"),
    ),
    (
        "name_certificate.html",
        include_str!("../templates/name_certificate.html"),
    ),
    (
        "_kb_search_form.html",
        include_str!("../templates/_kb_search_form.html"),
    ),
    ("kb_home.html", include_str!("../templates/kb_home.html")),
    ("kb_search.html", include_str!("../templates/kb_search.html")),
    ("kb_question.html", include_str!("../templates/kb_question.html")),
    ("kb_guide.html", include_str!("../templates/kb_guide.html")),
    ("kb_template.html", include_str!("../templates/kb_template.html")),
    ("kb_edit.html", include_str!("../templates/kb_edit.html")),
    ("kb_history.html", include_str!("../templates/kb_history.html")),
    ("kb_revision.html", include_str!("../templates/kb_revision.html")),
];

pub struct Templates {
    env: Environment<'static>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

fn lang_of_state(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or_default()
}

impl Templates {
    pub fn load(i18n: Arc<I18n>) -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        let tr = i18n.clone();
        // `t("message-id", name=value, …)`: the message in the page's language.
        env.add_function(
            "t",
            move |state: &State, id: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                let mut args = Vec::new();
                for key in kwargs.args() {
                    let v: Value = kwargs.get(key)?;
                    args.push((key, v.to_string()));
                }
                Ok(tr.t_args(lang_of_state(state), id, &args))
            },
        );
        let tr = i18n.clone();
        env.add_filter("datetime", move |state: &State, unix: i64| {
            crate::i18n::format_timestamp(&tr, lang_of_state(state), unix)
        });
        // Picks the name in the page's language, falling back to the other one.
        env.add_function(
            "local",
            |state: &State, ar: Option<String>, fr: Option<String>| {
                let (first, second) = match lang_of_state(state) {
                    Lang::Ar => (ar, fr),
                    Lang::Fr => (fr, ar),
                };
                first.filter(|s| !s.is_empty()).or(second).unwrap_or_default()
            },
        );
        env.add_filter("urlencode", |s: String| urlencode(&s));
        let tr = i18n.clone();
        // `2019-04-15` → «15 أبريل 2019» / «15 avril 2019».
        env.add_filter(
            "isodate",
            move |state: &State, iso: String| match time::Date::parse(
                &iso,
                time::macros::format_description!("[year]-[month]-[day]"),
            ) {
                Ok(d) => crate::i18n::format_date(&tr, lang_of_state(state), d),
                Err(_) => iso,
            },
        );
        env.add_filter("thousands", thousands);
        Ok(Self { env })
    }

    /// Renders a page with the context every page needs (language, user, CSRF token, …) merged
    /// under the page's own values.
    pub fn render(&self, ctx: &Ctx, name: &str, page: Value) -> Result<Html<String>, minijinja::Error> {
        let base = context! {
            lang => ctx.lang.code(),
            dir => ctx.lang.dir(),
            other_lang => ctx.lang.other().code(),
            user => ctx.user,
            csrf_token => ctx.csrf,
            path => ctx.path,
            css => statics::css_url(),
            checkin_js => statics::checkin_js_url(),
        };
        let template = self.env.get_template(name)?;
        Ok(Html(template.render(context! { ..page, ..base })?))
    }
}

/// Thin space between thousands, as both French and Moroccan Arabic typography do.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for query values.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
