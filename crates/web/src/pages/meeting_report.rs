//! What a meeting gives and leaves: the participant kit (programme, memo, the three guides and
//! the "100 questions", printable), and the report the office publishes after it, with photos.

use axum::{
    Form,
    extract::{Multipart, Path, Query, State, multipart::MultipartRejection},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use minijinja::context;
use serde::Deserialize;
use taawun_domain::{Lang, ValidationError, ValidationErrors, error::has_forbidden_chars};
use taawun_store::{Campaign, Meeting, MeetingReport};

use super::{
    account::actor,
    campaigns::{meeting_staff, meeting_view, parse_id},
    form_errors,
    kb::{MarkdownPdf, markdown_pdf},
    no_errors,
};
use crate::{AppError, AppResult, AppState, ctx::Ctx};

/// Photos are for a web page read on phones: a few hundred kilobytes is plenty.
pub(crate) const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

/// The knowledge-base guides given to participants, by key.
const KIT_GUIDES: [&str; 3] = ["founding", "adaptation", "documents"];

#[derive(Deserialize, Default)]
pub struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

fn doc_lang(ctx: &Ctx, q: &LangQuery) -> Lang {
    q.lang.as_deref().and_then(Lang::parse).unwrap_or(ctx.lang)
}

pub async fn kit(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let lang = ctx.lang.code();
    let mut guides = Vec::new();
    for key in KIT_GUIDES {
        if let Ok(a) = app.store.kb_article(key, lang).await {
            guides.push(context! { key => key, title => a.title, summary => a.summary });
        }
    }
    Ok(app.templates.render(
        &ctx,
        "meeting_kit.html",
        context! { m => meeting_view(&app, &ctx, &m).await?, guides => guides },
    )?)
}

fn md_escape(s: &str) -> String {
    s.replace('|', "/").replace(['\n', '\r'], " ")
}

fn place_line(app: &AppState, lang: Lang, m: &Meeting) -> String {
    let (city, venue) = match lang {
        Lang::Ar => (&m.city_ar, &m.venue_ar),
        Lang::Fr => (&m.city_fr, &m.venue_fr),
    };
    let date = m
        .day()
        .map(|d| crate::i18n::format_date(&app.i18n, lang, d))
        .unwrap_or_else(|| app.i18n.t(lang, "meeting-date-tba"));
    [city.as_str(), venue.as_str(), date.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" — ")
}

fn title(c: &Campaign, lang: Lang) -> String {
    if lang == Lang::Ar {
        c.title_ar.clone()
    } else {
        c.title_fr.clone()
    }
}

/// The programme on paper.
pub async fn programme_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let lang = doc_lang(&ctx, &q);
    let m = app.store.meeting(parse_id(&id)?).await?;
    let campaign = app.store.campaign(m.campaign_id).await?;
    let t = |k: &str| app.i18n.t(lang, k);
    let mut body = format!(
        "## {}\n\n| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
        t("programme-title"),
        t("programme-time"),
        t("programme-item"),
        t("programme-presenter"),
        t("field-room")
    );
    for i in app.store.programme(m.id).await? {
        let time = match (&i.starts_at, &i.ends_at) {
            (Some(s), Some(e)) => format!("{s}–{e}"),
            (Some(s), None) => s.clone(),
            _ => String::new(),
        };
        let (title, presenter) = match lang {
            Lang::Ar => (&i.title_ar, &i.presenter_ar),
            Lang::Fr => (&i.title_fr, &i.presenter_fr),
        };
        body.push_str(&format!(
            "| {} | {}: {} | {} | {} |\n",
            time,
            t(&format!("item-kind-{}", i.kind)),
            md_escape(title),
            md_escape(presenter),
            md_escape(&i.room)
        ));
    }
    markdown_pdf(
        &app,
        MarkdownPdf {
            lang,
            title: title(&campaign, lang),
            summary: place_line(&app, lang, &m),
            body,
            toc: false,
            cited: String::new(),
            footer: format!("Taawun — /meetings/{}", m.id),
            file_name: format!("programme-{}-{}.pdf", m.id, lang.code()),
            public: true,
        },
    )
    .await
}

/// The memo on the meeting: the campaign's slogan, objectives, axes, target groups and
/// partners, and the meeting's organisers.
pub async fn memo_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let lang = doc_lang(&ctx, &q);
    let m = app.store.meeting(parse_id(&id)?).await?;
    let c = app.store.campaign(m.campaign_id).await?;
    let t = |k: &str| app.i18n.t(lang, k);
    let pick = |ar: &str, fr: &str| {
        if lang == Lang::Ar {
            ar.to_string()
        } else {
            fr.to_string()
        }
    };
    let mut body = String::new();
    let slogan = pick(&c.slogan_ar, &c.slogan_fr);
    if !slogan.is_empty() {
        body.push_str(&format!("> «{}»\n\n", md_escape(&slogan)));
    }
    let section = |body: &mut String, heading: &str, text: &str| {
        if !text.trim().is_empty() {
            body.push_str(&format!("## {heading}\n\n"));
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                body.push_str(&format!("- {}\n", line.trim_start_matches(['-', '•', ' '])));
            }
            body.push('\n');
        }
    };
    section(
        &mut body,
        &t("field-objectives"),
        &pick(&c.objectives_ar, &c.objectives_fr),
    );
    section(&mut body, &t("field-axes"), &pick(&c.axes_ar, &c.axes_fr));
    let groups: Vec<String> = c
        .target_groups
        .iter()
        .map(|g| t(&format!("target-group-{g}")))
        .collect();
    section(&mut body, &t("field-target_groups"), &groups.join("\n"));
    section(
        &mut body,
        &t("field-partners"),
        &pick(&c.partners_ar, &c.partners_fr),
    );
    section(&mut body, &t("field-organisers"), &m.organisers);
    section(&mut body, &t("field-animators"), &m.animators);
    markdown_pdf(
        &app,
        MarkdownPdf {
            lang,
            title: format!("{} — {}", t("kit-memo"), title(&c, lang)),
            summary: place_line(&app, lang, &m),
            body,
            toc: false,
            cited: String::new(),
            footer: format!("Taawun — /meetings/{}", m.id),
            file_name: format!("memo-{}-{}.pdf", m.id, lang.code()),
            public: true,
        },
    )
    .await
}

/// "100 questions on cooperative work" as one document, from the knowledge base's pages.
pub async fn questions_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let lang = doc_lang(&ctx, &q);
    let mut questions: Vec<_> = app
        .store
        .kb_articles(Some("question"))
        .await?
        .into_iter()
        .filter(|a| a.lang == lang.code())
        .collect();
    questions.sort_by(|a, b| a.key.cmp(&b.key));
    let mut body = String::new();
    for (n, a) in questions.iter().enumerate() {
        body.push_str(&format!(
            "## {}. {}\n\n{}\n\n",
            n + 1,
            a.title.replace('\n', " "),
            a.body.trim()
        ));
    }
    markdown_pdf(
        &app,
        MarkdownPdf {
            lang,
            title: app.i18n.t(lang, "kit-questions"),
            summary: app.i18n.t(lang, "kit-questions-summary"),
            body,
            toc: false,
            cited: String::new(),
            footer: "Taawun — /kb".to_string(),
            file_name: format!("100-questions-{}.pdf", lang.code()),
            public: true,
        },
    )
    .await
}

// ---- The report ----------------------------------------------------------------------------

#[derive(Deserialize, Default, serde::Serialize)]
pub struct ReportForm {
    #[serde(default)]
    summary_ar: String,
    #[serde(default)]
    summary_fr: String,
    #[serde(default)]
    speakers_ar: String,
    #[serde(default)]
    speakers_fr: String,
    #[serde(default)]
    figures_ar: String,
    #[serde(default)]
    figures_fr: String,
    #[serde(default)]
    weaknesses_ar: String,
    #[serde(default)]
    weaknesses_fr: String,
    #[serde(default)]
    recommendations_ar: String,
    #[serde(default)]
    recommendations_fr: String,
    /// `publish`, `save` (draft) or `unpublish`.
    #[serde(default)]
    action: String,
}

impl ReportForm {
    fn parse(&self) -> Result<MeetingReport, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let fields: [(&'static str, &String); 10] = [
            ("summary_ar", &self.summary_ar),
            ("summary_fr", &self.summary_fr),
            ("speakers_ar", &self.speakers_ar),
            ("speakers_fr", &self.speakers_fr),
            ("figures_ar", &self.figures_ar),
            ("figures_fr", &self.figures_fr),
            ("weaknesses_ar", &self.weaknesses_ar),
            ("weaknesses_fr", &self.weaknesses_fr),
            ("recommendations_ar", &self.recommendations_ar),
            ("recommendations_fr", &self.recommendations_fr),
        ];
        let mut clean = Vec::new();
        for (field, raw) in fields {
            let text = raw.replace("\r\n", "\n").trim().to_string();
            if text.chars().count() > 20_000 {
                e.push(ValidationError::new(field, "too_long").with_arg("max", 20_000));
            } else if has_forbidden_chars(&text.replace('\n', " ")) {
                e.push(ValidationError::new(field, "forbidden_characters"));
            }
            clean.push(text);
        }
        // A published report is read in both languages: both summaries are needed.
        if self.action == "publish" {
            for (i, field) in [(0, "summary_ar"), (1, "summary_fr")] {
                if clean[i].is_empty() {
                    e.push(ValidationError::new(field, "required"));
                }
            }
        }
        e.into_result()?;
        let mut it = clean.into_iter();
        let mut next = || it.next().unwrap_or_default();
        Ok(MeetingReport {
            summary_ar: next(),
            summary_fr: next(),
            speakers_ar: next(),
            speakers_fr: next(),
            figures_ar: next(),
            figures_fr: next(),
            weaknesses_ar: next(),
            weaknesses_fr: next(),
            recommendations_ar: next(),
            recommendations_fr: next(),
            published_at: None,
        })
    }
}

async fn report_page(
    app: &AppState,
    ctx: &Ctx,
    m: &Meeting,
    form: &ReportForm,
    published: bool,
    errors: minijinja::Value,
) -> AppResult<Html<String>> {
    let photos = app.store.meeting_photos(m.id).await?;
    Ok(app.templates.render(
        ctx,
        "report_form.html",
        context! {
            m => meeting_view(app, ctx, m).await?, form => form, published => published, errors => errors,
            photos => photos, max_mb => MAX_PHOTO_BYTES / (1024 * 1024),
        },
    )?)
}

pub async fn report_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    meeting_staff(&ctx, &m)?;
    let r = app.store.meeting_report(m.id).await?;
    let form = ReportForm::from(&r);
    report_page(&app, &ctx, &m, &form, r.published_at.is_some(), no_errors()).await
}

pub async fn save_report(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    let published = app.store.meeting_report(m.id).await?.published_at.is_some();
    match form.parse() {
        Ok(report) => {
            let publish = match form.action.as_str() {
                "publish" => true,
                "unpublish" => false,
                _ => published,
            };
            app.store
                .save_meeting_report(m.id, &report, publish, &actor(user))
                .await?;
            let to = if publish {
                format!("/meetings/{}#report", m.id)
            } else {
                format!("/meetings/{}/report/edit?saved=1", m.id)
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            report_page(
                &app,
                &ctx,
                &m,
                &form,
                published,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?,
        )
            .into_response()),
    }
}

pub async fn add_photo(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    // Who may upload is decided before the body is read.
    let user = meeting_staff(&ctx, &m)?;
    let mut multipart =
        multipart.map_err(|_| AppError::invalid(ValidationError::new("photo", "upload_empty")))?;
    let mut errors = ValidationErrors::new();
    let form = super::upload::read(&mut multipart, "photo", MAX_PHOTO_BYTES, &mut errors).await;
    let (caption_ar, caption_fr) = (
        form.field("caption_ar").to_string(),
        form.field("caption_fr").to_string(),
    );
    for (field, text) in [("caption_ar", &caption_ar), ("caption_fr", &caption_fr)] {
        if text.chars().count() > 300 {
            errors.push(ValidationError::new(field, "too_long").with_arg("max", 300));
        } else if has_forbidden_chars(text) {
            errors.push(ValidationError::new(field, "forbidden_characters"));
        }
    }
    let photo = match form.bytes("photo", MAX_PHOTO_BYTES, &mut errors) {
        None => None,
        // Only pictures a browser shows, by their content, whatever their name says.
        Some(b) => match taawun_domain::register::sniff_type(b) {
            Some(t @ ("image/jpeg" | "image/png")) => Some((t, b.to_vec())),
            _ => {
                errors.push(ValidationError::new("photo", "photo_type"));
                None
            }
        },
    };
    match photo {
        Some((content_type, b)) if errors.is_empty() => {
            app.store
                .add_meeting_photo(
                    m.id,
                    caption_ar.trim(),
                    caption_fr.trim(),
                    content_type,
                    &b,
                    &actor(user),
                )
                .await?;
            Ok(Redirect::to(&format!("/meetings/{}/report/edit#photos", m.id)).into_response())
        }
        _ => {
            let r = app.store.meeting_report(m.id).await?;
            let form = ReportForm::from(&r);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                report_page(
                    &app,
                    &ctx,
                    &m,
                    &form,
                    r.published_at.is_some(),
                    form_errors(&app.i18n, ctx.lang, &errors),
                )
                .await?,
            )
                .into_response())
        }
    }
}

/// A photo, public once the report is published (staff see drafts).
pub async fn photo(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, photo)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    if app.store.meeting_report(m.id).await?.published_at.is_none() {
        meeting_staff(&ctx, &m)?;
    }
    let (content_type, bytes) = app.store.meeting_photo(m.id, parse_id(&photo)?).await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
        ],
        bytes,
    )
        .into_response())
}

pub async fn remove_photo(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, photo)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = app.store.meeting(parse_id(&id)?).await?;
    let user = meeting_staff(&ctx, &m)?;
    app.store
        .remove_meeting_photo(m.id, parse_id(&photo)?, &actor(user))
        .await?;
    Ok(Redirect::to(&format!("/meetings/{}/report/edit#photos", m.id)).into_response())
}

impl From<&MeetingReport> for ReportForm {
    fn from(r: &MeetingReport) -> Self {
        Self {
            summary_ar: r.summary_ar.clone(),
            summary_fr: r.summary_fr.clone(),
            speakers_ar: r.speakers_ar.clone(),
            speakers_fr: r.speakers_fr.clone(),
            figures_ar: r.figures_ar.clone(),
            figures_fr: r.figures_fr.clone(),
            weaknesses_ar: r.weaknesses_ar.clone(),
            weaknesses_fr: r.weaknesses_fr.clone(),
            recommendations_ar: r.recommendations_ar.clone(),
            recommendations_fr: r.recommendations_fr.clone(),
            action: String::new(),
        }
    }
}
