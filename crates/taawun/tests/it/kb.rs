//! The knowledge base on SQLite and PostgreSQL: the search API's contract, the pages (question,
//! guide with its sections, model documents, PDF, search with highlighted passages), seeding at
//! start, and the office's edits with their history, searchable at once on every server.
//! The retrieval quality over the evaluation set of `content/kb/eval` is measured through the
//! HTTP API on SQLite.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::HashSet;

use common::{Backend, STAFF_PASSWORD, TestApp, location};
use reqwest::StatusCode;
use serde_json::Value;
use taawun_domain::Role;

both_backends!(
    search_api_contract,
    pages_of_the_knowledge_base,
    agent_edits_a_page_with_history_searchable_everywhere,
    only_the_office_edits,
    seeding_is_idempotent_and_safe_concurrently,
    public_documents_are_rendered_once_per_content,
);

/// Public PDFs are typeset once per content: a second fetch is the same bytes from the cache
/// (the process's render counter does not move), a fetch naming the `ETag` gets a 304, many
/// simultaneous fetches of a new document render it once; an edit written by another server
/// process changes the document, its `ETag` and the bytes served here.
async fn public_documents_are_rendered_once_per_content(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let docs = &app.state.documents;
    let fetch = |path: &'static str, etag: Option<String>| {
        let client = app.client.clone();
        let url = app.url(path);
        async move {
            let mut req = client.get(url);
            if let Some(tag) = etag {
                req = req.header("if-none-match", tag);
            }
            let r = req.send().await.unwrap();
            let status = r.status();
            let tag = r.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
            let cache = r
                .headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap().to_string());
            (status, tag, cache, r.bytes().await.unwrap())
        }
    };
    const QUESTIONS: &str = "/kit/questions.pdf?lang=fr";
    let before = docs.rendered();
    let (status, tag, cache, first) = fetch(QUESTIONS, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(first.starts_with(b"%PDF"));
    assert_eq!(cache.as_deref(), Some("public, no-cache"));
    let tag = tag.expect("an ETag");
    assert_eq!(docs.rendered(), before + 1);
    let (status, again_tag, _, again) = fetch(QUESTIONS, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, first, "the same bytes");
    assert_eq!(again_tag.as_deref(), Some(tag.as_str()));
    assert_eq!(docs.rendered(), before + 1, "served from the cache");
    let (status, not_modified_tag, _, body) = fetch(QUESTIONS, Some(tag.clone())).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(not_modified_tag.as_deref(), Some(tag.as_str()));
    assert_eq!(docs.rendered(), before + 1);

    // Sixteen clients at once on a document nobody asked for yet: one render.
    const PAGE: &str = "/kb/questions/q002.pdf?lang=ar";
    let before = docs.rendered();
    let all = futures_util::future::join_all((0..16).map(|_| fetch(PAGE, None))).await;
    assert!(
        all.iter()
            .all(|(s, _, _, b)| *s == StatusCode::OK && *b == all[0].3)
    );
    assert_eq!(docs.rendered(), before + 1);

    // Another server process edits a question: the document served here follows at once.
    let other = app.second_server().await;
    let q = other.store.kb_article("q002", "fr").await.unwrap();
    other
        .store
        .kb_save(
            "q002",
            "fr",
            q.revision,
            &taawun_store::KbEdit {
                title: q.title.clone(),
                summary: q.summary.clone(),
                body: format!("{}\n\nUne phrase ajoutée par l'Office.", q.body),
                keywords: String::new(),
            },
            &taawun_store::Actor::System("test"),
        )
        .await
        .unwrap();
    let before = docs.rendered();
    let (status, new_tag, _, edited) = fetch(QUESTIONS, Some(tag.clone())).await;
    assert_eq!(status, StatusCode::OK, "the old ETag no longer matches");
    assert_ne!(new_tag.as_deref(), Some(tag.as_str()));
    assert_ne!(edited, first, "the edited document");
    assert_eq!(docs.rendered(), before + 1);
    other.stop().await;
    app.stop().await;
}

async fn api(app: &TestApp, q: &str, lang: &str) -> Value {
    let r = app
        .client
        .get(app.url("/api/v1/kb/search"))
        .query(&[("q", q), ("lang", lang)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{q}");
    r.json().await.unwrap()
}

/// The page a result points to, as the key of the evaluation set: `q012`, `guide/founding#minimums`.
fn key_of(url: &str) -> String {
    let (path, anchor) = url.split_once('#').unwrap_or((url, ""));
    let path = path.split('?').next().unwrap();
    if let Some(id) = path.strip_prefix("/kb/questions/") {
        id.to_string()
    } else if let Some(id) = path.strip_prefix("/kb/guides/") {
        if anchor.is_empty() {
            format!("guide/{id}")
        } else {
            format!("guide/{id}#{anchor}")
        }
    } else {
        path.to_string()
    }
}

/// A page's HTML with the slashes minijinja escapes in attributes (`&#x2f;`) put back.
async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let (status, html) = app.get_text(path).await;
    (status, html.replace("&#x2f;", "/"))
}

fn keys(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| key_of(i["url"].as_str().unwrap()))
        .collect()
}

async fn search_api_contract(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // French, with a hurried spelling.
    let body = api(&app, "capital minimun cooperative", "fr").await;
    let items = body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert_eq!(body["total"], items.len());
    for item in items {
        let fields: HashSet<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            HashSet::from(["title", "url", "snippet", "lang"]),
            "{item}"
        );
        assert!(item["url"].as_str().unwrap().starts_with("/kb/"), "{item}");
        assert!(
            !item["snippet"].as_str().unwrap().contains('<'),
            "plain text: {item}"
        );
        assert!(!item["title"].as_str().unwrap().is_empty());
    }
    assert!(keys(&body)[..3].contains(&"q021".to_string()), "{body}");
    assert_eq!(items[0]["lang"], "fr");
    // Darija in Arabic script.
    let body = api(&app, "شحال خاص من عضو باش نأسس تعاونيه", "ar").await;
    assert!(keys(&body).iter().take(3).any(|k| k == "q002"), "{body}");
    assert_eq!(body["items"][0]["lang"], "ar");
    // A guide section: the URL carries the language and the anchor.
    let body = api(&app, "conditions minimales pour creer une cooperative", "fr").await;
    let urls: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["url"].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"/kb/guides/founding?lang=fr#minimums"), "{urls:?}");

    // A shared URL opens in its language, whatever the visitor's cookie says.
    let url = body["items"][0]["url"]
        .as_str()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    let (visitor, _) = app.new_visitor();
    let page = visitor.get(app.url(&url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"), "{url}");
    // … and its language switch leads to the page without `lang=`, then by the cookie.
    assert!(html.contains("/lang/ar?next=%2Fkb%2F"), "{url}");

    // Errors name the parameter.
    let r = app.get("/api/v1/kb/search?lang=fr").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"]["code"], "required");
    assert_eq!(e["error"]["field"], "q");
    let r = app.get("/api/v1/kb/search?q=capital&lang=de").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"]["field"], "lang");
    let r = app.get("/api/v1/kb/search?q=capital&limit=500").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.get("/api/v1/kb/search?q=capital&lang=fr&limit=2").await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["items"].as_array().unwrap().len(), 2);
    app.stop().await;
}

async fn pages_of_the_knowledge_base(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Home: the three guides, a hundred questions by topic, the model documents, in Arabic.
    let (status, html) = page(&app, "/kb").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    for guide in ["founding", "adaptation", "documents"] {
        assert!(html.contains(&format!("/kb/guides/{guide}?lang=ar")), "{guide}");
    }
    assert_eq!(html.matches("href=\"/kb/questions/q").count(), 100);
    assert!(html.contains("id=\"topic-capital\""));
    assert!(html.contains("/kb/templates/model-statutes?lang=ar"));
    assert!(html.contains("action=\"/kb/search\""));
    // The site's navigation and home page lead to it.
    let (_, home) = page(&app, "/").await;
    assert!(home.contains("href=\"/kb\""));

    // A question: the answer rendered, its legal basis, related questions, the other language.
    let (status, html) = page(&app, "/kb/questions/q002?lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(html.contains("Combien de membres faut-il au minimum pour créer une coopérative ?"));
    assert!(html.contains("<strong>cinq</strong>"));
    assert!(
        html.contains("href=\"/kb/questions/q003?lang=fr\""),
        "related question"
    );
    assert!(
        html.contains("href=\"/kb/questions/q002?lang=ar\""),
        "other language"
    );
    assert!(
        html.contains("href=\"/kb/questions/q020?lang=fr\""),
        "q020 in the text is a link"
    );
    assert!(html.contains("href=\"/kb/questions/q002.pdf?lang=fr\""));
    let (_, html) = page(&app, "/kb/questions/q021?lang=ar").await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    let (status, _) = page(&app, "/kb/questions/q999?lang=fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = page(&app, "/kb/questions/founding").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a guide is not a question");

    // A guide: table of contents and section anchors.
    let (status, html) = page(&app, "/kb/guides/founding?lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h2 id=\"minimums\">"), "section anchor");
    assert!(html.contains("href=\"#minimums\""), "table of contents");
    let (_, html) = page(&app, "/kb/guides/adaptation?lang=ar").await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains("class=\"kb-toc\""));

    // The guide as a PDF, in Arabic and in French.
    for lang in ["ar", "fr"] {
        let r = app.get(&format!("/kb/guides/founding.pdf?lang={lang}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{lang}");
        assert!(bytes.len() > 20_000, "{lang}: {} bytes", bytes.len());
    }
    let r = app.get("/kb/templates/model-statutes.pdf?lang=fr").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));

    // A model document: placeholders are blanks to fill in.
    let (status, html) = page(&app, "/kb/templates/model-statutes?lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("……"));
    assert!(!html.contains("{{"), "no placeholder left");
    assert!(html.contains("<table>"));

    // Search results with highlighted passages; everything escaped.
    let (status, html) = page(&app, "/kb/search?q=capital+minimum&lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>"), "highlight");
    assert!(html.contains("href=\"/kb/questions/q021?lang=fr\""));
    let (status, html) = page(
        &app,
        "/kb/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+capital&lang=fr",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>alert"), "query escaped");
    assert!(html.contains("&lt;script&gt;"));
    // Nothing found: where to look instead.
    let (status, html) = page(&app, "/kb/search?q=xylophone+zeppelin&lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aucune réponse trouvée"), "no-result page");
    assert!(
        html.contains("/kb/guides/founding?lang=fr"),
        "suggests the guides"
    );
    assert!(html.contains("/kb?lang=fr#topic-capital"), "suggests the topics");
    let long = "a".repeat(300);
    let (status, _) = page(&app, &format!("/kb/search?q={long}&lang=fr")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

async fn sign_in_agent(app: &TestApp) {
    app.create_staff("editor@odco.ma", Role::OfficeAgent, None, None)
        .await;
    let r = app.sign_in("editor@odco.ma", STAFF_PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn agent_edits_a_page_with_history_searchable_everywhere(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let other = app.second_server().await;
    sign_in_agent(&app).await;

    let (status, html) = page(&app, "/kb/edit/q021?lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"kb_body\""));
    assert!(html.contains("name=\"revision\" value=\"1\""));
    let original = app.store.kb_article("q021", "fr").await.unwrap();
    let body = format!(
        "{}\n\nExemple : la coopérative Tamazirte zorglubienne.",
        original.body
    );
    let r = app
        .post_form(
            "/kb/edit/q021",
            &[
                ("lang", "fr"),
                ("revision", "1"),
                ("kb_title", &original.title),
                ("kb_body", &body),
                ("kb_keywords", &original.keywords),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/kb/questions/q021?lang=fr&saved=2");
    let (_, html) = page(&app, "/kb/questions/q021?lang=fr&saved=2").await;
    assert!(html.contains("zorglubienne"));

    // History: two revisions, who and when; the first one can be read as it was.
    let (status, html) = page(&app, "/kb/history/q021?lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("editor@odco.ma"));
    assert!(html.contains("/kb/history/q021/1?lang=fr") && html.contains("/kb/history/q021/2?lang=fr"));
    assert_eq!(app.store.kb_revisions("q021", "fr").await.unwrap().len(), 2);
    let (status, html) = page(&app, "/kb/history/q021/1?lang=fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("zorglubienne"));
    // The Arabic version is untouched.
    assert_eq!(app.store.kb_revisions("q021", "ar").await.unwrap().len(), 1);

    // The new text is searchable at once, here and on the other server.
    for server in [&app, &other] {
        let body = api(server, "zorglubienne", "fr").await;
        assert_eq!(keys(&body).first().map(String::as_str), Some("q021"), "{body}");
    }

    // Someone saving from a stale form is told, and nothing is lost.
    let r = app
        .post_form(
            "/kb/edit/q021",
            &[
                ("lang", "fr"),
                ("revision", "1"),
                ("kb_title", &original.title),
                ("kb_body", "Un autre texte"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("error-summary"));
    assert_eq!(app.store.kb_article("q021", "fr").await.unwrap().revision, 2);
    // A required field left empty.
    let r = app
        .post_form(
            "/kb/edit/q021",
            &[
                ("lang", "fr"),
                ("revision", "2"),
                ("kb_title", ""),
                ("kb_body", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("href=\"#kb_title\""));

    // Restoring the first revision is a third revision; the word is gone from both servers.
    let r = app
        .post_form("/kb/history/q021/1/restore", &[("lang", "fr")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let revisions = app.store.kb_revisions("q021", "fr").await.unwrap();
    assert_eq!(revisions.len(), 3);
    assert_eq!(revisions[0].restored_from, Some(1));
    assert_eq!(revisions[0].body, original.body);
    for server in [&other, &app] {
        let body = api(server, "zorglubienne", "fr").await;
        assert!(!keys(&body).contains(&"q021".to_string()), "{body}");
    }
    // Every save is in the audit log.
    let audit = app
        .store
        .audit_entries(&taawun_store::AuditQuery {
            entity: Some("kb_article".into()),
            entity_id: Some("q021/fr".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["kb.restore", "kb.edit"]);
    other.stop().await;
    app.stop().await;
}

async fn only_the_office_edits(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Nobody signed in: sign in first.
    let r = app.get("/kb/edit/q001?lang=fr").await;
    assert_ne!(r.status(), StatusCode::OK);
    // A cooperative's manager may read, not edit.
    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    let (_, html) = page(&app, "/kb/questions/q001?lang=fr").await;
    assert!(!html.contains("/kb/edit/"), "no edit link for a manager");
    assert_eq!(
        app.get("/kb/edit/q001?lang=fr").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/kb/history/q001?lang=fr").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .post_form(
            "/kb/edit/q001",
            &[
                ("lang", "fr"),
                ("revision", "1"),
                ("kb_title", "x"),
                ("kb_body", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_form("/kb/history/q001/1/restore", &[("lang", "fr")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.store.kb_article("q001", "fr").await.unwrap().revision, 1);
    app.stop().await;
}

async fn seeding_is_idempotent_and_safe_concurrently(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let pages = taawun_web::kb::shipped_pages().unwrap();
    // Started once: every page is there, with one revision.
    assert_eq!(app.store.kb_articles(None).await.unwrap().len(), pages.len());
    // Started again, by two processes at once: nothing is written twice.
    let url = app.db.as_ref().unwrap().url.clone();
    let a = taawun_store::Store::open(&url).await.unwrap();
    let b = taawun_store::Store::open(&url).await.unwrap();
    let (x, y) = tokio::join!(a.kb_seed(&pages), b.kb_seed(&pages));
    assert_eq!((x.unwrap(), y.unwrap()), (0, 0));
    assert_eq!(app.store.kb_revisions("q001", "ar").await.unwrap().len(), 1);
    // Two processes seeding an empty database at once: each page is written once.
    let fresh = common::TestDb::new(backend).await;
    let c = taawun_store::Store::open(&fresh.url).await.unwrap();
    let d = taawun_store::Store::open(&fresh.url).await.unwrap();
    let (x, y) = tokio::join!(c.kb_seed(&pages), d.kb_seed(&pages));
    assert_eq!(x.unwrap() + y.unwrap(), pages.len());
    assert_eq!(c.kb_articles(None).await.unwrap().len(), pages.len());
    assert_eq!(c.kb_revisions("q050", "fr").await.unwrap().len(), 1);
    c.close().await;
    d.close().await;
    drop(fresh);

    // A page changed in the files follows them while nobody edited it on the site; an edited
    // page keeps the office's text.
    let mut next = pages.clone();
    for p in next.iter_mut().filter(|p| p.key == "q001" || p.key == "q002") {
        p.body.push_str("\n\nNouvelle phrase.");
    }
    let edited = app.store.kb_article("q002", "fr").await.unwrap();
    app.store
        .kb_save(
            "q002",
            "fr",
            edited.revision,
            &taawun_store::KbEdit {
                title: edited.title.clone(),
                summary: String::new(),
                body: "Texte de l'Office.".into(),
                keywords: String::new(),
            },
            &taawun_store::Actor::System("test"),
        )
        .await
        .unwrap();
    let (x, y) = tokio::join!(a.kb_seed(&next), b.kb_seed(&next));
    // q001 ar+fr and q002 ar: three pages, whichever process wrote them.
    assert_eq!(x.unwrap() + y.unwrap(), 3);
    assert_eq!(app.store.kb_revisions("q001", "fr").await.unwrap().len(), 2);
    assert!(
        app.store
            .kb_article("q001", "fr")
            .await
            .unwrap()
            .body
            .ends_with("Nouvelle phrase.")
    );
    assert_eq!(
        app.store.kb_article("q002", "fr").await.unwrap().body,
        "Texte de l'Office."
    );
    // The search of the running server follows the files too.
    let body = api(&app, "Texte de l'Office", "fr").await;
    assert_eq!(keys(&body).first().map(String::as_str), Some("q002"), "{body}");
    a.close().await;
    b.close().await;
    app.stop().await;
}

/// The "done means" of the knowledge base: a real question typed in Arabic or French, hurried
/// phone spelling included, finds its answer in the first three results — measured over every
/// query of `content/kb/eval/*.tsv` through the HTTP API. On SQLite only, to keep CI short.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evaluation_set_through_the_api() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/kb/eval");
    let mut queries: Vec<(String, String, HashSet<String>)> = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    for f in files {
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 || cols[1].trim().is_empty() {
                continue;
            }
            let expected: HashSet<String> = cols[2]
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            queries.push((cols[0].trim().to_string(), cols[1].trim().to_string(), expected));
        }
    }
    assert!(queries.len() >= 60, "{} queries", queries.len());

    let app = TestApp::spawn(Backend::Sqlite).await;
    let (mut top1, mut top3) = (0usize, 0usize);
    let mut by_lang: std::collections::BTreeMap<String, [usize; 3]> = Default::default();
    for (lang, q, expected) in &queries {
        let body = api(&app, q, lang).await;
        let got = keys(&body);
        let rank = got.iter().take(3).position(|k| expected.contains(k));
        let counts = by_lang.entry(lang.clone()).or_default();
        counts[0] += 1;
        if rank == Some(0) {
            top1 += 1;
            counts[1] += 1;
        }
        if rank.is_some() {
            top3 += 1;
            counts[2] += 1;
        } else {
            println!(
                "MISS {lang} {q:?}: expected {expected:?}, got {:?}",
                &got[..got.len().min(3)]
            );
        }
    }
    let n = queries.len();
    println!(
        "through the API: top-1 {top1}/{n} = {:.3}, top-3 {top3}/{n} = {:.3}",
        top1 as f64 / n as f64,
        top3 as f64 / n as f64
    );
    for (lang, [total, t1, t3]) in &by_lang {
        println!("  {lang}: {total} queries, top-1 {t1}, top-3 {t3}");
    }
    assert!(top3 as f64 / n as f64 >= 0.9, "top-3 {top3}/{n} below 90%");
    app.stop().await;
}
