//! Bad input is refused or neutralised: names with direction-changing or invisible characters
//! (translated errors, pages and API), markup shown as text, oversized uploads, and the
//! security headers on every kind of response.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, TestApp};
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_or_neutralised() {
    let app = TestApp::spawn(Backend::Sqlite).await;

    // A name that would display reversed (RIGHT-TO-LEFT OVERRIDE) or hide a character.
    let r = app
        .get("/api/v1/name-check?name=%D8%AA%D8%B9%D8%A7%D9%88%D9%86%D9%8A%D8%A9%E2%80%AEabc&lang=fr")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden_characters");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("inversion du sens")
    );
    let r = app.get("/api/v1/name-check?name=Annour%E2%80%8BCoop").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a zero-width space");

    app.sign_up("Founder", "founder@example.ma", "a founder passphrase")
        .await;
    for forged in [
        "تعاونية \u{202E}النور",
        "تعاونية\u{061C} النور",
        "تعاونية النور\u{FEFF}",
    ] {
        let r = app
            .post_form(
                "/names/requests/new",
                &[
                    ("kind", "cooperative"),
                    ("name_ar", forged),
                    ("region_code", "08"),
                    ("founders", "A\nB\nC\nD\nE"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{forged:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains("رموز قلب اتجاه النص"), "the Arabic message");
    }

    // `next=` only ever leads to a path of this site: a tab or line break (which browsers drop,
    // making `//evil.example`), a backslash or a second slash leads home, never to a 500.
    for next in [
        "/%09/evil.example",
        "/%0a",
        "/%0d%0a/evil.example",
        "/%5Cevil.example",
        "//evil.example",
    ] {
        let r = app.get(&format!("/lang/fr?next={next}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(common::location(&r), "/", "{next}");
    }
    let r = app.get("/lang/ar?next=/cooperatives%3Fq%3D1").await;
    assert_eq!(common::location(&r), "/cooperatives?q=1");
    for next in ["/\t/evil.example", "/\n"] {
        app.post_form("/account/sign-out", &[]).await;
        let r = app
            .post_form(
                "/account/sign-in",
                &[
                    ("email", "founder@example.ma"),
                    ("password", "a founder passphrase"),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(common::location(&r), "/", "{next}");
    }

    // Markup typed into a field comes back as text.
    let (status, html) = app
        .get_text("/names/check?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("&lt;script&gt;"));

    // A body far larger than the largest document is refused before it is read, with the
    // translated page (not the body-limit layer's English).
    let token = app.form_token();
    let big = vec![b'%'; 3 * (taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES + 64 * 1024) + 200 * 1024];
    let sent = app
        .client
        .post(app.url(&format!("/filings/1/documents?csrf_token={token}")))
        .header("content-type", "multipart/form-data; boundary=x")
        .body(big)
        .send()
        .await;
    // The server answers from the announced length and may close before the client has
    // finished writing: either the 413 arrives, or the connection is cut mid-body.
    match sent {
        Ok(r) => {
            assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
            let page = r.text().await.unwrap();
            assert!(
                page.contains("المعطيات المرسلة كبيرة الحجم") && !page.contains("length limit"),
                "{page}"
            );
        }
        Err(e) => assert!(e.is_request(), "{e}"),
    }

    // Security headers on pages, the API and error responses alike.
    for path in [
        "/",
        "/api/v1/health",
        "/no-such-page",
        "/api/v1/cooperatives/999999",
    ] {
        let r = app.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
    }
    app.stop().await;
}

/// A file somewhat too large, or no file chosen, is said on the form's field in the reader's
/// language, once; never a bare page, never a complaint about the file's name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_errors_are_said_on_the_form() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let filing = common::founding::founder_with_file(&app).await;
    let send = |bytes: Vec<u8>, name: &'static str| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        let form = reqwest::multipart::Form::new()
            .text("document_kind", "statutes")
            .part("file", part);
        let url = app.url(&format!("{filing}/documents?csrf_token={}", app.form_token()));
        app.client.post(url).multipart(form).send()
    };
    let mut big = common::founding::PDF.to_vec();
    big.resize(
        taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES + 1024 * 1024,
        b' ',
    );
    let r = send(big, "statuts.pdf").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert_eq!(
        page.matches("يجب ألا يتجاوز حجم الملف").count(),
        2,
        "summary and field, once each: {page}"
    );
    assert!(!page.contains("الملف المختار فارغ"), "{page}");
    // What a browser sends when no file is chosen: an empty part without a name.
    let r = send(Vec::new(), "").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("الملف المختار فارغ"), "{page}");
    assert!(!page.contains("يحتوي اسم الملف"), "{page}");
    app.stop().await;
}
