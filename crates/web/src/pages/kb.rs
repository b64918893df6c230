//! The knowledge base on the site: home, search, questions, guides (page and PDF), model
//! documents, and for the office the edit and history pages.
//!
//! Public pages open in the language their URL names (`?lang=fr`), so a shared link reads the
//! same for everyone; without it, in the reader's language. Links between pages carry `?lang=`.

use std::collections::{BTreeMap, HashMap};

use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use taawun_domain::{Lang, Role, ValidationError, ValidationErrors, error::has_forbidden_chars};
use taawun_store::{KbArticle, KbEdit, KbEntry, StoreError};

use super::{account::actor, form_errors, no_errors};
use crate::{
    AppError, AppResult, AppState,
    ctx::Ctx,
    documents::{self, Documents},
    kb::{self, markdown},
};

/// Most results a search page shows.
const RESULTS: usize = 10;
const MAX_QUERY: usize = 200;

#[derive(Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
    /// Revision just saved, for the confirmation.
    saved: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    lang: Option<String>,
}

/// The page's language from `?lang=`, and a path without it for the language switch (which then
/// works as on every other page).
fn reading(mut ctx: Ctx, lang: Option<&str>) -> Ctx {
    if let Some(l) = lang.and_then(Lang::parse) {
        ctx.lang = l;
    }
    ctx.path = without_lang(&ctx.path);
    ctx
}

fn without_lang(path: &str) -> String {
    match path.split_once('?') {
        None => path.to_string(),
        Some((p, query)) => {
            let kept: Vec<&str> = query.split('&').filter(|kv| !kv.starts_with("lang=")).collect();
            if kept.is_empty() {
                p.to_string()
            } else {
                format!("{p}?{}", kept.join("&"))
            }
        }
    }
}

fn can_edit(ctx: &Ctx) -> bool {
    ctx.user
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::OfficeAgent | Role::Administrator))
}

fn require_editor(ctx: &Ctx) -> AppResult<()> {
    ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))
        .map(|_| ())
}

#[derive(Serialize)]
struct TopicGroup {
    topic: &'static str,
    questions: Vec<KbEntry>,
}

fn by_topic(entries: &[KbEntry]) -> Vec<TopicGroup> {
    let mut groups: Vec<TopicGroup> = kb::TOPICS
        .iter()
        .map(|t| TopicGroup {
            topic: t,
            questions: Vec::new(),
        })
        .collect();
    for e in entries.iter().filter(|e| e.kind == "question") {
        if let Some(g) = groups.iter_mut().find(|g| g.topic == e.topic) {
            g.questions.push(e.clone());
        }
    }
    groups.retain(|g| !g.questions.is_empty());
    groups
}

fn of_kind(entries: &[KbEntry], kind: &str) -> Vec<KbEntry> {
    entries.iter().filter(|e| e.kind == kind).cloned().collect()
}

/// `/kb`: the guides, the questions by topic, the model documents and a search box.
pub async fn home(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LangQuery>,
) -> AppResult<Html<String>> {
    let ctx = reading(ctx, q.lang.as_deref());
    let entries = app.store.kb_entries(ctx.lang.code()).await?;
    Ok(app.templates.render(
        &ctx,
        "kb_home.html",
        minijinja::context! {
            guides => of_kind(&entries, "guide"),
            templates => of_kind(&entries, "template"),
            topics => by_topic(&entries),
            count => entries.iter().filter(|e| e.kind == "question").count(),
            q => "",
            errors => no_errors(),
        },
    )?)
}

#[derive(Serialize)]
struct ResultView {
    title: String,
    url: String,
    /// Escaped HTML with `<mark>`.
    snippet: String,
    lang: &'static str,
    dir: &'static str,
    /// The page is in the other language than the reader's.
    other_lang: bool,
    /// A section of a guide rather than a question.
    guide: bool,
}

/// `/kb/search?q=`: results with highlighted passages; when nothing answers, where to look.
pub async fn search(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchQuery>,
) -> AppResult<Response> {
    let ctx = reading(ctx, p.lang.as_deref());
    let q = p.q.trim().to_string();
    let mut errors = no_errors();
    let mut status = StatusCode::OK;
    let mut results = Vec::new();
    if q.chars().count() > MAX_QUERY || has_forbidden_chars(&q) {
        let e = if has_forbidden_chars(&q) {
            ValidationError::new("q", "forbidden_characters")
        } else {
            ValidationError::new("q", "too_long").with_arg("max", MAX_QUERY)
        };
        errors = form_errors(&app.i18n, ctx.lang, &e.into());
        status = StatusCode::UNPROCESSABLE_ENTITY;
    } else if !q.is_empty() {
        for hit in app.kb.search(&app.store, &q, ctx.lang, RESULTS).await? {
            results.push(ResultView {
                snippet: hit.snippet_html(),
                lang: hit.lang.code(),
                dir: hit.lang.dir(),
                other_lang: hit.lang != ctx.lang,
                guide: hit.key.starts_with("guide/"),
                title: hit.title,
                url: hit.url,
            });
        }
    }
    let entries = if results.is_empty() {
        app.store.kb_entries(ctx.lang.code()).await?
    } else {
        Vec::new()
    };
    let html = app.templates.render(
        &ctx,
        "kb_search.html",
        minijinja::context! {
            q => q,
            results => results,
            errors => errors,
            guides => of_kind(&entries, "guide"),
            topics => by_topic(&entries).into_iter().map(|g| g.topic).collect::<Vec<_>>(),
        },
    )?;
    Ok((status, html).into_response())
}

/// Titles of the questions of a language, for links between them.
async fn question_titles(app: &AppState, lang: Lang) -> AppResult<HashMap<String, String>> {
    Ok(app
        .store
        .kb_entries(lang.code())
        .await?
        .into_iter()
        .filter(|e| e.kind == "question")
        .map(|e| (e.key, e.title))
        .collect())
}

async fn load(app: &AppState, key: &str, lang: Lang, kind: &str) -> AppResult<KbArticle> {
    match app.store.kb_article(key, lang.code()).await {
        Ok(a) if a.kind == kind => Ok(a),
        Ok(_) | Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `{id}` or `{id}.pdf`.
fn split_pdf(id: &str) -> (&str, bool) {
    match id.strip_suffix(".pdf") {
        Some(id) => (id, true),
        None => (id, false),
    }
}

/// A question, a guide or a model document, as a page.
async fn article_page(
    app: &AppState,
    ctx: Ctx,
    kind: &'static str,
    id: &str,
    q: &LangQuery,
) -> AppResult<Response> {
    let ctx = reading(ctx, q.lang.as_deref());
    let (id, pdf) = split_pdf(id);
    let article = load(app, id, ctx.lang, kind).await?;
    if pdf {
        return pdf_response(app, &article).await;
    }
    let titles = question_titles(app, ctx.lang).await?;
    let rendered = markdown::to_html(
        &article.body,
        &markdown::RenderOptions {
            lang: ctx.lang.code(),
            questions: Some(&titles),
        },
    );
    let related: Vec<BTreeMap<&str, String>> = kb::list(&article.related)
        .into_iter()
        .filter_map(|key| {
            let title = titles.get(&key)?.clone();
            Some(BTreeMap::from([
                ("url", kb::page_url("question", &key, ctx.lang.code())),
                ("title", title),
                ("key", key),
            ]))
        })
        .collect();
    let topic_questions: Vec<BTreeMap<&str, String>> = if kind == "question" {
        app.store
            .kb_entries(ctx.lang.code())
            .await?
            .into_iter()
            .filter(|e| e.kind == "question" && e.topic == article.topic && e.key != article.key)
            .map(|e| {
                BTreeMap::from([
                    ("url", kb::page_url("question", &e.key, ctx.lang.code())),
                    ("title", e.title),
                ])
            })
            .collect()
    } else {
        Vec::new()
    };
    let other = ctx.lang.other();
    let template = match kind {
        "question" => "kb_question.html",
        "guide" => "kb_guide.html",
        _ => "kb_template.html",
    };
    let saved = q.saved.as_deref().and_then(|s| s.parse::<i64>().ok());
    Ok(app
        .templates
        .render(
            &ctx,
            template,
            minijinja::context! {
                article => article,
                body => rendered.html,
                toc => rendered.toc,
                related => related,
                topic_questions => topic_questions,
                articles => kb::list(&article.articles),
                other_url => kb::page_url(kind, &article.key, other.code()),
                pdf_url => format!("{}.pdf?lang={}", base_path(kind, &article.key), ctx.lang.code()),
                edit_url => format!("/kb/edit/{}?lang={}", article.key, ctx.lang.code()),
                history_url => format!("/kb/history/{}?lang={}", article.key, ctx.lang.code()),
                can_edit => can_edit(&ctx),
                saved => saved,
            },
        )?
        .into_response())
}

fn base_path(kind: &str, key: &str) -> String {
    let section = match kind {
        "question" => "questions",
        "template" => "templates",
        _ => "guides",
    };
    format!("/kb/{section}/{key}")
}

pub async fn question(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    article_page(&app, ctx, "question", &id, &q).await
}

pub async fn guide(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    article_page(&app, ctx, "guide", &id, &q).await
}

pub async fn template(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    article_page(&app, ctx, "template", &id, &q).await
}

/// A page as a PDF, typeset by typst in the page's language (Arabic shaped right-to-left).
pub(crate) async fn pdf_response(app: &AppState, a: &KbArticle) -> AppResult<Response> {
    let lang = Lang::parse(&a.lang).unwrap_or_default();
    let articles = kb::list(&a.articles);
    // A question states its legal basis in its last line already.
    let cited = if articles.is_empty() || a.kind == "question" {
        String::new()
    } else {
        app.i18n
            .t_args(lang, "kb-articles-cited", &[("list", articles.join(", "))])
    };
    markdown_pdf(
        app,
        MarkdownPdf {
            lang,
            title: a.title.clone(),
            summary: a.summary.clone(),
            body: a.body.clone(),
            toc: a.kind == "guide",
            cited,
            footer: format!(
                "Taawun — {} — {}",
                base_path(&a.kind, &a.key),
                app.i18n
                    .t_args(lang, "kb-revision-n", &[("n", a.revision.to_string())])
            ),
            file_name: format!("{}-{}.pdf", a.key, a.lang),
            public: true,
        },
    )
    .await
}

/// A document written in the knowledge base's Markdown, to be printed.
pub(crate) struct MarkdownPdf {
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// With a table of contents of its sections.
    pub toc: bool,
    /// The line citing the law's articles, if any.
    pub cited: String,
    pub footer: String,
    pub file_name: String,
    /// The same for everyone who may read it (no personal data, no per-visitor content): kept
    /// once rendered and sent with an `ETag`.
    pub public: bool,
}

/// Typesets a Markdown document with the knowledge base's layout. The text reaches typst as
/// JSON strings, never as markup, so nothing in it can change the document.
pub(crate) async fn markdown_pdf(app: &AppState, doc: MarkdownPdf) -> AppResult<Response> {
    let blocks = serde_json::to_string(&markdown::to_blocks(&doc.body))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let values: Vec<(&str, String)> = vec![
        ("lang", doc.lang.code().to_string()),
        ("title", doc.title),
        ("summary", doc.summary),
        ("issuer", app.i18n.t(doc.lang, "office-name")),
        ("contents", app.i18n.t(doc.lang, "kb-contents")),
        ("toc", if doc.toc { "yes" } else { "no" }.to_string()),
        ("blocks", blocks),
        ("articles", doc.cited),
        ("footer", doc.footer),
    ];
    const TEMPLATE: &str = include_str!("../../templates/pdf/kb_document.typ");
    let key = Documents::key(TEMPLATE, &values);
    let typeset = move || taawun_documents::render_pdf(TEMPLATE, &values);
    if doc.public {
        // The same for everyone: found again by what it is made of (see `crate::documents`).
        let pdf = app.documents.cached(key, typeset).await?;
        Ok(documents::pdf_response(pdf, &doc.file_name, Some(&key)))
    } else {
        let pdf = app.documents.render(typeset).await?;
        Ok(documents::pdf_response(pdf, &doc.file_name, None))
    }
}

#[derive(Deserialize, Serialize, Default)]
pub struct EditForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    kb_title: String,
    #[serde(default)]
    kb_summary: String,
    #[serde(default)]
    kb_body: String,
    #[serde(default)]
    kb_keywords: String,
}

impl EditForm {
    fn of(a: &KbArticle) -> Self {
        Self {
            lang: a.lang.clone(),
            revision: a.revision.to_string(),
            kb_title: a.title.clone(),
            kb_summary: a.summary.clone(),
            kb_body: a.body.clone(),
            kb_keywords: a.keywords.clone(),
        }
    }

    /// Checks every field at once; text as the browser sent it, line ends made `\n`.
    fn parse(&self) -> Result<KbEdit, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let text =
            |field: &'static str, raw: &str, max: usize, required: bool, errors: &mut ValidationErrors| {
                let value = raw.replace("\r\n", "\n").replace('\r', "\n").trim().to_string();
                if required && value.is_empty() {
                    errors.push(ValidationError::new(field, "required"));
                } else if value.chars().count() > max {
                    errors.push(ValidationError::new(field, "too_long").with_arg("max", max));
                } else if has_forbidden_chars(&value) {
                    errors.push(ValidationError::new(field, "forbidden_characters"));
                }
                value
            };
        let title = text("kb_title", &self.kb_title, 300, true, &mut errors);
        let summary = text("kb_summary", &self.kb_summary, 1_000, false, &mut errors);
        let body = text("kb_body", &self.kb_body, 200_000, true, &mut errors);
        let keywords = text("kb_keywords", &self.kb_keywords, 2_000, false, &mut errors);
        if title.contains('\n') {
            errors.push(ValidationError::new("kb_title", "forbidden_characters"));
        }
        errors.into_result()?;
        Ok(KbEdit {
            title,
            summary,
            body,
            keywords,
        })
    }
}

async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    article: &KbArticle,
    form: &EditForm,
    errors: minijinja::Value,
    status: StatusCode,
) -> AppResult<Response> {
    let lang = Lang::parse(&article.lang).unwrap_or_default();
    let html = app.templates.render(
        ctx,
        "kb_edit.html",
        minijinja::context! {
            article => article,
            form => form,
            errors => errors,
            content_lang => lang.code(),
            content_dir => lang.dir(),
            public_url => kb::page_url(&article.kind, &article.key, lang.code()),
            history_url => format!("/kb/history/{}?lang={}", article.key, lang.code()),
        },
    )?;
    Ok((status, html).into_response())
}

fn content_lang(ctx: &Ctx, lang: Option<&str>) -> Lang {
    lang.and_then(Lang::parse).unwrap_or(ctx.lang)
}

async fn load_any(app: &AppState, key: &str, lang: Lang) -> AppResult<KbArticle> {
    match app.store.kb_article(key, lang.code()).await {
        Ok(a) => Ok(a),
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `/kb/edit/{key}?lang=`: the office edits a page (title, summary, Markdown, search words).
pub async fn edit_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    require_editor(&ctx)?;
    let lang = content_lang(&ctx, q.lang.as_deref());
    let article = load_any(&app, &key, lang).await?;
    edit_page(
        &app,
        &ctx,
        &article,
        &EditForm::of(&article),
        no_errors(),
        StatusCode::OK,
    )
    .await
}

pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<EditForm>,
) -> AppResult<Response> {
    require_editor(&ctx)?;
    let user = ctx.require_user()?;
    let lang = content_lang(&ctx, Some(&form.lang));
    let article = load_any(&app, &key, lang).await?;
    let errors = match form.parse() {
        Ok(edit) => {
            let base = form.revision.trim().parse::<i64>().unwrap_or(-1);
            match app
                .store
                .kb_save(&key, lang.code(), base, &edit, &actor(user))
                .await
            {
                Ok(saved) => {
                    // This process searches the new text at once; the others on their next search.
                    app.kb.sync(&app.store).await?;
                    let url = format!(
                        "{}&saved={}",
                        kb::page_url(&saved.kind, &saved.key, lang.code()),
                        saved.revision
                    );
                    return Ok(Redirect::to(&url).into_response());
                }
                Err(StoreError::Conflict(_)) => {
                    ValidationErrors::from(ValidationError::new("kb_body", "kb_edit_conflict"))
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    edit_page(
        &app,
        &ctx,
        &article,
        &form,
        form_errors(&app.i18n, ctx.lang, &errors),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `/kb/history/{key}?lang=`: every revision, who saved it and when.
pub async fn history(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Html<String>> {
    require_editor(&ctx)?;
    let lang = content_lang(&ctx, q.lang.as_deref());
    let article = load_any(&app, &key, lang).await?;
    let revisions = app.store.kb_revisions(&key, lang.code()).await?;
    Ok(app.templates.render(
        &ctx,
        "kb_history.html",
        minijinja::context! {
            article => article,
            revisions => revisions,
            content_lang => lang.code(),
            public_url => kb::page_url(&article.kind, &article.key, lang.code()),
            edit_url => format!("/kb/edit/{}?lang={}", article.key, lang.code()),
        },
    )?)
}

/// `/kb/history/{key}/{revision}?lang=`: an old revision as it read, with a button to bring it
/// back.
pub async fn revision(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((key, number)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
) -> AppResult<Html<String>> {
    require_editor(&ctx)?;
    let lang = content_lang(&ctx, q.lang.as_deref());
    let number: i64 = number.parse().map_err(|_| AppError::NotFound)?;
    let article = load_any(&app, &key, lang).await?;
    let rev = match app.store.kb_revision(&key, lang.code(), number).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let titles = question_titles(&app, lang).await?;
    let rendered = markdown::to_html(
        &rev.body,
        &markdown::RenderOptions {
            lang: lang.code(),
            questions: Some(&titles),
        },
    );
    Ok(app.templates.render(
        &ctx,
        "kb_revision.html",
        minijinja::context! {
            article => article,
            rev => rev,
            body => rendered.html,
            content_lang => lang.code(),
            content_dir => lang.dir(),
            current => rev.revision == article.revision,
            history_url => format!("/kb/history/{}?lang={}", article.key, lang.code()),
        },
    )?)
}

#[derive(Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    lang: String,
}

pub async fn restore(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((key, number)): Path<(String, String)>,
    Form(form): Form<RestoreForm>,
) -> AppResult<Response> {
    require_editor(&ctx)?;
    let user = ctx.require_user()?;
    let lang = content_lang(&ctx, Some(&form.lang));
    let number: i64 = number.parse().map_err(|_| AppError::NotFound)?;
    match app
        .store
        .kb_restore(&key, lang.code(), number, &actor(user))
        .await
    {
        // Two restores at once: the second finds the page moved on; the history shows both.
        Ok(_) | Err(StoreError::Conflict(_)) => {}
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    app.kb.sync(&app.store).await?;
    Ok(Redirect::to(&format!("/kb/history/{key}?lang={}", lang.code())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_drops_lang() {
        assert_eq!(without_lang("/kb/questions/q012?lang=fr"), "/kb/questions/q012");
        assert_eq!(without_lang("/kb/search?q=x&lang=ar"), "/kb/search?q=x");
        assert_eq!(without_lang("/kb"), "/kb");
    }
}
