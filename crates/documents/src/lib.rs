//! Documents people print or keep — certificates, register extracts — as PDF, typeset by typst
//! with the fonts shipped in `fonts/` (Noto Naskh Arabic and Noto Sans, SIL OFL 1.1), so Arabic is
//! shaped and laid out right-to-left correctly without any font installed on the server.
//!
//! The caller gives a typst template and named values. Values are passed as typst *strings*
//! (`#d.name`), never spliced into markup, so a cooperative's name cannot inject typst code.
//! [`render_pdf_with_files`] also hands the template a few in-memory files (a QR code, a JSON
//! payload to attach) that it may read by their exact names; nothing else is readable.
//!
//! Signed, verifiable register extracts ([`extract`]): the office's [`Seal`] (an Ed25519 key,
//! [`seal`]) signs a JSON payload; [`extract::extract_pdf`] prints the extract with a QR code
//! ([`qr_svg`]) and attaches the payload to the PDF as `taawun-extract.json`;
//! [`extract_attachment`] reads it back from such a PDF, offline, to check the signature; and
//! [`Seal::seal_pdf`] signs the whole PDF, so that what it shows is covered too
//! ([`seal::verify_pdf`]).
//!
//! Invariant: no I/O except the seal's key file ([`Seal::load_or_create`]) — fonts are compiled
//! in, templates and their files come from the caller, and a template can read nothing else.

mod attachment;
pub mod extract;
pub mod qr;
pub mod seal;

pub use attachment::extract_attachment;
pub use extract::{
    ATTACHMENT_NAME, DocLang, EXTRACT_TEMPLATE, ExtractEntry, ExtractLabels, ExtractValues, extract_pdf,
};
pub use qr::{qr_svg, qr_svg_labelled};
pub use seal::{Seal, SealError};

use std::sync::OnceLock;

use typst::{
    Library, LibraryExt, World,
    diag::{FileError, FileResult},
    foundations::{Bytes, Datetime, Duration},
    syntax::{FileId, Source, VirtualRoot},
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
    /// The text does not fit in a QR code.
    #[error("QR code: {0}")]
    Qr(String),
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

/// The smallest world typst needs: one source file, the caller's in-memory files, our fonts, no
/// file system, no clock.
struct DocWorld {
    source: Source,
    files: Vec<(String, Bytes)>,
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

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.get();
        if *path.root() != VirtualRoot::Project {
            return Err(FileError::AccessDenied);
        }
        let wanted = path.vpath().get_without_slash();
        self.files
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, data)| data.clone())
            .ok_or(FileError::AccessDenied)
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
/// The template can read no file.
pub fn render_pdf<K: AsRef<str>>(template: &str, values: &[(K, String)]) -> Result<Vec<u8>, DocumentError> {
    render_pdf_with_files(template, values, &[])
}

/// Like [`render_pdf`], and the template may read `files` — in-memory, by exact name, relative to
/// the template (`image("qr.svg")`, `read("data.json")`, `pdf.attach("taawun-extract.json")`).
/// Any other path is refused. Names are plain relative paths such as `qr.svg` or `img/logo.svg`.
pub fn render_pdf_with_files<K: AsRef<str>>(
    template: &str,
    values: &[(K, String)],
    files: &[(&str, Vec<u8>)],
) -> Result<Vec<u8>, DocumentError> {
    let mut source = values_prelude(values)?;
    source.push_str(template);
    typeset(
        source,
        files
            .iter()
            .map(|(name, data)| (name.trim_start_matches('/').to_string(), Bytes::new(data.clone())))
            .collect(),
    )
}

/// `#let d = (name: "value", ..)` for the template, refusing names that are not plain
/// identifiers.
fn values_prelude<K: AsRef<str>>(values: &[(K, String)]) -> Result<String, DocumentError> {
    if values.is_empty() {
        return Ok("#let d = (:)\n".to_string());
    }
    let mut source = String::from("#let d = (\n");
    for (name, value) in values {
        let name = name.as_ref();
        if !is_value_name(name) {
            return Err(DocumentError::Template(format!("bad value name {name:?}")));
        }
        source.push_str(&format!("  {name}: {},\n", typst_string(value)));
    }
    source.push_str(")\n");
    Ok(source)
}

fn is_value_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Compiles a complete typst source (prelude + template) and exports it as PDF.
fn typeset(source: String, files: Vec<(String, Bytes)>) -> Result<Vec<u8>, DocumentError> {
    let world = DocWorld {
        source: Source::detached(source),
        files,
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
    fn templates_read_only_the_files_they_are_given() {
        let svg = qr_svg("https://taawun.example/verify/K7M2Q9").expect("qr");
        let template = r#"#image("qr.svg", width: 3cm) #read("/notes.txt")"#;
        let files = [("qr.svg", svg.into_bytes()), ("/notes.txt", b"hello".to_vec())];
        let pdf = render_pdf_with_files::<&str>(template, &[], &files).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));

        for template in [
            r#"#image("other.svg")"#,
            r#"#read("/etc/passwd")"#,
            r#"#read("../etc/passwd")"#,
            r#"#read("Cargo.toml")"#,
            r#"#include "qr.typ""#,
            r#"#import "@preview/example:0.1.0": *"#,
        ] {
            assert!(
                matches!(
                    render_pdf_with_files::<&str>(template, &[], &files),
                    Err(DocumentError::Template(_))
                ),
                "{template}"
            );
        }
        assert!(matches!(
            render_pdf::<&str>(r#"#read("qr.svg")"#, &[]),
            Err(DocumentError::Template(_))
        ));
    }

    #[test]
    fn an_attachment_comes_back_byte_identical() {
        let payload = "{\"code\":\"K7M2Q9\",\"name\":\"تعاونية\",\"bin\":\"\\u0000\"}"
            .as_bytes()
            .to_vec();
        let template = r#"#pdf.attach("taawun-extract.json", mime-type: "application/json", description: d.desc)
Extract"#;
        let files = [("taawun-extract.json", payload.clone())];
        let pdf = render_pdf_with_files(template, &[("desc", "Extrait signé".to_string())], &files)
            .expect("renders");
        assert_eq!(extract_attachment(&pdf, "taawun-extract.json"), Some(payload));
        assert_eq!(extract_attachment(&pdf, "taawun-extract.jso"), None);

        // Incompressible data is stored as is; that path must work too.
        let noise: Vec<u8> = (0u32..3000)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let files = [("noise.bin", noise.clone())];
        let pdf =
            render_pdf_with_files::<&str>(r#"#pdf.attach("noise.bin") x"#, &[], &files).expect("renders");
        assert_eq!(extract_attachment(&pdf, "noise.bin"), Some(noise));

        let plain = render_pdf::<&str>("No attachment", &[]).expect("renders");
        assert_eq!(extract_attachment(&plain, "taawun-extract.json"), None);
    }

    #[test]
    fn corrupted_pdfs_give_none() {
        let files = [("taawun-extract.json", b"{\"a\":1}".to_vec())];
        let pdf = render_pdf_with_files::<&str>(r#"#pdf.attach("taawun-extract.json") x"#, &[], &files)
            .expect("renders");
        assert!(extract_attachment(&pdf, "taawun-extract.json").is_some());
        // Truncated anywhere, or with any single byte changed: an answer or None, never a panic.
        for cut in (0..pdf.len()).step_by(97) {
            let _ = extract_attachment(&pdf[..cut], "taawun-extract.json");
        }
        for i in (0..pdf.len()).step_by(13) {
            let mut bad = pdf.clone();
            bad[i] ^= 0x5A;
            let _ = extract_attachment(&bad, "taawun-extract.json");
        }
        // A broken tail (no startxref) is None.
        assert_eq!(
            extract_attachment(&pdf[..pdf.len() - 30], "taawun-extract.json"),
            None
        );
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4096)) {
            let _ = extract_attachment(&bytes, "taawun-extract.json");
            let mut pdf = b"%PDF-1.7\n".to_vec();
            pdf.extend_from_slice(&bytes);
            pdf.extend_from_slice(b"\nstartxref\n9\n%%EOF");
            let _ = extract_attachment(&pdf, "taawun-extract.json");
        }

        #[test]
        fn pdf_shaped_noise_never_panics(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<<", ">>", "[", "]", "(", ")", "\\", "/Type", "/Filespec", "/EF", "/F", "/UF",
                "(taawun-extract.json)", "/Length", "/Filter", "/FlateDecode", "1 0 R", "2 0 R",
                "1 0 obj", "2 0 obj", "stream\n", "endstream", "xref\n0 3\n", "0000000009 00000 n\r\n",
                "trailer", "/Prev 9", "startxref\n9\n", "123", "-1", "<FEFF>", " ", "\n",
            ]), 0..200)
        ) {
            let mut pdf = b"%PDF-1.7\n".to_vec();
            for p in parts {
                pdf.extend_from_slice(p.as_bytes());
            }
            let _ = extract_attachment(&pdf, "taawun-extract.json");
        }
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
