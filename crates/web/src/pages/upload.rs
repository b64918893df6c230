//! Reading a multipart form with one file (a filing's document, a meeting's photo, a document a
//! cooperative keeps): its text fields and the file, with a body too large reported rather than
//! failing the request.

use std::collections::BTreeMap;

use axum::extract::Multipart;
use taawun_domain::{ValidationError, ValidationErrors};

/// What a multipart form brought.
#[derive(Debug, Default)]
pub(crate) struct Upload {
    /// Text fields by name (the last value of a repeated name).
    pub fields: BTreeMap<String, String>,
    /// The file: the name the browser gave, the type it declared, the bytes.
    pub file: Option<(String, String, Vec<u8>)>,
    /// The body was cut by the size limit: `upload_too_large` is already reported, once.
    cut: bool,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// The file's bytes, or the error to show beside `field`: none sent, empty, or larger than
    /// `max_bytes`.
    pub fn bytes(
        &self,
        field: &'static str,
        max_bytes: usize,
        errors: &mut ValidationErrors,
    ) -> Option<&[u8]> {
        match &self.file {
            _ if self.cut => None,
            None => {
                errors.push(ValidationError::new(field, "upload_empty"));
                None
            }
            Some((_, _, b)) if b.is_empty() => {
                errors.push(ValidationError::new(field, "upload_empty"));
                None
            }
            Some((_, _, b)) if b.len() > max_bytes => {
                errors.push(too_large(field, max_bytes));
                None
            }
            Some((_, _, b)) => Some(b),
        }
    }
}

impl Upload {
    fn cut_off(&mut self, field: &'static str, max_bytes: usize, errors: &mut ValidationErrors) {
        if !self.cut {
            self.cut = true;
            errors.push(too_large(field, max_bytes));
        }
    }
}

fn too_large(field: &'static str, max_bytes: usize) -> ValidationError {
    ValidationError::new(field, "upload_too_large").with_arg("max", max_bytes / (1024 * 1024))
}

/// Reads every part; the file is the part named `file_field`. A body cut by the size limit is
/// reported as `upload_too_large` on that field.
pub(crate) async fn read(
    multipart: &mut Multipart,
    file_field: &'static str,
    max_bytes: usize,
    errors: &mut ValidationErrors,
) -> Upload {
    let mut upload = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                upload.cut_off(file_field, max_bytes, errors);
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name == file_field {
            let file_name = field.file_name().unwrap_or("").to_string();
            let declared = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_string();
            match field.bytes().await {
                Ok(bytes) => upload.file = Some((file_name, declared, bytes.to_vec())),
                Err(_) => upload.cut_off(file_field, max_bytes, errors),
            }
        } else if let Ok(text) = field.text().await {
            upload.fields.insert(name, text);
        }
    }
    upload
}

/// The last part of a file name the browser sent, without characters that could disguise it,
/// at most 120 characters; `fallback` when nothing is left.
pub(crate) fn clean_file_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = base
        .chars()
        .filter(|c| !taawun_domain::error::has_forbidden_chars(&c.to_string()) && *c != '"')
        .take(120)
        .collect();
    if clean.is_empty() {
        fallback.to_string()
    } else {
        clean
    }
}

/// A stored upload served back: only the sniffed types are ever stored, anything else goes out
/// as a download; never sniffed by the browser.
pub(crate) fn stored_file_response(
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> axum::response::Response {
    use axum::{http::header, response::IntoResponse};
    let content_type = match content_type {
        t @ ("application/pdf" | "image/jpeg" | "image/png") => t,
        _ => "application/octet-stream",
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{ascii}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response()
}
