//! The office's follow-up of the adaptation of pre-existing cooperatives to Law 112-12: how many
//! adapted, pending and not filed, by region, province and sector, against the legal deadline,
//! the list of those not filed, and reminders through the outbox.

use axum::{
    Form,
    extract::{Query, State},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use taawun_domain::{Lang, LegalRules, Role, policy};
use taawun_store::{About, CooperativeFilter, Dimension, NewMessage};

use super::account::actor;
use crate::{AppError, AppResult, AppState, api::cooperatives::SearchParams, ctx::Ctx};

const PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    #[serde(default)]
    region: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    notified: Option<usize>,
}

/// The filter an agent may use: a regional agent stays in their region.
fn filter_for(user: &taawun_store::User, q: &DashboardQuery) -> AppResult<CooperativeFilter> {
    let params = SearchParams {
        q: String::new(),
        region: user.region_code.clone().unwrap_or_else(|| q.region.clone()),
        province: q.province.clone(),
        sector: q.sector.clone(),
        status: String::new(),
        page: None,
    };
    crate::api::cooperatives::parse_filter(&params).map_err(AppError::Invalid)
}

fn office(ctx: &Ctx) -> AppResult<&taawun_store::User> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))
}

pub async fn dashboard(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DashboardQuery>,
) -> AppResult<Html<String>> {
    let user = office(&ctx)?;
    let filter = filter_for(user, &q)?;
    let rules = LegalRules::default();
    let by_state = app.stats(&[Dimension::AdaptationState], &filter).await?;
    let concerned: i64 = by_state
        .iter()
        .filter(|r| r.keys[0] != "not_concerned")
        .map(|r| r.count)
        .sum();
    let count = |state: &str| {
        by_state
            .iter()
            .find(|r| r.keys[0] == state)
            .map_or(0, |r| r.count)
    };
    // Break down by the next level: regions nationally, provinces within a region.
    let area = if filter.region.is_some() {
        Dimension::Province
    } else {
        Dimension::Region
    };
    let crossed = app.stats(&[area, Dimension::AdaptationState], &filter).await?;
    let mut areas: Vec<(String, [i64; 4])> = Vec::new();
    for r in &crossed {
        let slot = match r.keys[1].as_str() {
            "adapted" => 0,
            "filed" => 1,
            "not_filed" => 2,
            "out_of_time" => 3,
            _ => continue,
        };
        match areas.iter_mut().find(|(k, _)| *k == r.keys[0]) {
            Some((_, counts)) => counts[slot] += r.count,
            None => {
                let mut counts = [0; 4];
                counts[slot] = r.count;
                areas.push((r.keys[0].clone(), counts));
            }
        }
    }
    let provinces = app.store.provinces(None).await?;
    let area_rows: Vec<minijinja::Value> = areas
        .iter()
        .map(|(code, c)| {
            let name = if area == Dimension::Region {
                app.i18n.t(ctx.lang, &format!("region-{code}"))
            } else {
                provinces
                    .iter()
                    .find(|p| p.code == *code)
                    .map_or(code.clone(), |p| if ctx.lang == Lang::Ar { p.name_ar.clone() } else { p.name_fr.clone() })
            };
            let total: i64 = c.iter().sum();
            minijinja::context! {
                code => code, name => name, adapted => c[0], filed => c[1], not_filed => c[2] + c[3], total => total,
                share => if total > 0 { (c[0] * 1000 / total) as f64 / 10.0 } else { 0.0 },
            }
        })
        .collect();
    let page: i64 = q
        .page
        .as_deref()
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let (pending, pending_total) = app
        .store
        .pending_adaptation(&filter, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let today = time::OffsetDateTime::now_utc().date();
    let regions = app.store.regions().await?;
    Ok(app.templates.render(
        &ctx,
        "adaptation.html",
        minijinja::context! {
            concerned => concerned, adapted => count("adapted"), filed => count("filed"),
            not_filed => count("not_filed") + count("out_of_time"),
            deadline => rules.adaptation_deadline.to_string(), past_deadline => today > rules.adaptation_deadline,
            areas => area_rows, area => area.as_str(), pending => pending, pending_total => pending_total,
            page => page, pages => (pending_total + PER_PAGE - 1) / PER_PAGE,
            q => minijinja::context! { region => filter.region, province => q.province, sector => q.sector },
            regions => regions, provinces => provinces, regional => user.region_code.is_some(),
            sectors => taawun_domain::SECTORS.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            notified => q.notified,
        },
    )?)
}

/// Queues a reminder to every cooperative not yet filed (under the same filter) that has an
/// e-mail address, in Arabic then French: the office does not know which each one reads first.
pub async fn notify(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(q): Form<DashboardQuery>,
) -> AppResult<Response> {
    let user = office(&ctx)?;
    let filter = filter_for(user, &q)?;
    let rules = LegalRules::default();
    let mut messages = Vec::new();
    let mut offset = 0;
    loop {
        let (page, _) = app.store.pending_adaptation(&filter, 1000, offset).await?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as i64;
        for c in page {
            let Some(to) = c.email.clone().filter(|e| e.contains('@')) else {
                continue;
            };
            let deadline = |lang| crate::i18n::format_date(&app.i18n, lang, rules.adaptation_deadline);
            let guide = format!("{}/kb/guides/adaptation", ctx.origin);
            let part = |lang: Lang| {
                app.i18n.t_args(
                    lang,
                    "adaptation-reminder-body",
                    &[
                        (
                            "name",
                            c.name_ar.clone().or(c.name_fr.clone()).unwrap_or_default(),
                        ),
                        ("deadline", deadline(lang)),
                        ("guide", guide.clone()),
                    ],
                )
            };
            messages.push(NewMessage {
                to_address: to,
                lang: "ar".into(),
                topic: "adaptation_reminder".into(),
                subject: format!(
                    "{} / {}",
                    app.i18n.t(Lang::Ar, "adaptation-reminder-subject"),
                    app.i18n.t(Lang::Fr, "adaptation-reminder-subject")
                ),
                body: format!("{}\n\n———\n\n{}", part(Lang::Ar), part(Lang::Fr)),
                about: About::Cooperative(c.id),
            });
        }
    }
    let n = app
        .store
        .enqueue_messages(&messages, "adaptation_reminder", &actor(user))
        .await?;
    let mut target = format!("/adaptation?notified={n}");
    for (k, v) in [
        ("region", &q.region),
        ("province", &q.province),
        ("sector", &q.sector),
    ] {
        if !v.is_empty() {
            target.push_str(&format!("&{k}={}", crate::render::urlencode(v)));
        }
    }
    Ok(Redirect::to(&target).into_response())
}

/// What the platform has queued for sending, newest first.
pub async fn outbox(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let (_, within) = ctx.reach(policy::Action::ReadOutbox)?;
    let messages = app.store.outbox_within(None, within.as_deref(), 200).await?;
    let pending = app.store.outbox_pending_count_within(within.as_deref()).await?;
    Ok(app.templates.render(
        &ctx,
        "outbox.html",
        minijinja::context! { messages => messages, pending => pending },
    )?)
}
