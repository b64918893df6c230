//! Documents people print or keep — certificates, extracts — as PDF, typeset by typst with the
//! fonts shipped in `fonts/` (Noto Naskh Arabic and Noto Sans, SIL OFL 1.1), so Arabic is shaped
//! and laid out right-to-left correctly without any font installed on the server.
//!
//! The caller gives a typst template and named values. Values are passed as typst *strings*
//! (`#d.name`), never spliced into markup, so a cooperative's name cannot inject typst code.
//!
//! Invariant: no I/O — fonts are compiled in, templates come from the caller, and a template can
//! read no file.

use std::sync::OnceLock;

use typst::{
    Library, LibraryExt, World,
    diag::{FileError, FileResult},
    foundations::{Bytes, Datetime, Duration},
    syntax::{FileId, Source},
    text::{Font, FontBook},
    utils::LazyHash,
};

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf"),
];

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The template is wrong: a bug of ours, with typst's messages.
    #[error("document template: {0}")]
    Template(String),
    #[error("PDF export: {0}")]
    Export(String),
}

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The smallest world typst needs: one source file, our fonts, no file system, no clock.
struct DocWorld {
    source: Source,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// A typst string literal holding `value`: quotes and backslashes escaped, control characters
/// (and the bidi overrides that could reorder a printed name) dropped.
pub fn typst_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Typesets `template` with `values` available as `d.<name>` (strings) and returns the PDF.
pub fn render_pdf<K: AsRef<str>>(template: &str, values: &[(K, String)]) -> Result<Vec<u8>, DocumentError> {
    let mut source = String::from("#let d = (\n");
    for (name, value) in values {
        let name = name.as_ref();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(DocumentError::Template(format!("bad value name {name:?}")));
        }
        source.push_str(&format!("  {name}: {},\n", typst_string(value)));
    }
    source.push_str(")\n");
    source.push_str(template);
    let world = DocWorld {
        source: Source::detached(source),
    };
    let document = typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .map_err(|errors| {
            DocumentError::Template(
                errors
                    .iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        DocumentError::Export(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_escape_into_markup() {
        assert_eq!(typst_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(typst_string("x\u{202E}y\u{0}z"), "\"xyz\"");
    }

    #[test]
    fn arabic_and_french_render_to_pdf() {
        let template = r#"
#set text(font: ("Noto Sans", "Noto Naskh Arabic"))
#text(lang: "ar", dir: rtl)[#d.name_ar]
#d.name_fr
"#;
        let pdf = render_pdf(
            template,
            &[
                ("name_ar", "تعاونية النور النسوية".into()),
                ("name_fr", "Coopérative \"Annour\" #1".into()),
            ],
        )
        .expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("NotoNaskhArabic"), "the Arabic font is embedded");
    }

    #[test]
    fn a_broken_template_is_an_error_not_a_panic() {
        assert!(matches!(
            render_pdf::<&str>("#let x = (", &[]),
            Err(DocumentError::Template(_))
        ));
        assert!(matches!(
            render_pdf("x", &[("a-b", String::new())]),
            Err(DocumentError::Template(_))
        ));
    }
}
