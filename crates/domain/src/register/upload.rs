//! What an uploaded document may be: a PDF or a photo (JPEG, PNG) of a signed paper, no larger
//! than a limit. The file's first bytes must agree with the type the browser declared, so a file
//! that claims to be a PDF is one; anything else (HTML, SVG, office files, archives) could carry
//! script or macros into the clerk's browser and is refused.

use crate::ValidationError;

use super::DocumentKind;

/// Largest upload unless the office configures another: a scanned multi-page PDF or a phone
/// photo fits in 10 MiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The accepted types and the magic bytes each file of that type begins with.
pub const ACCEPTED_TYPES: &[(&str, &[u8])] = &[
    ("application/pdf", b"%PDF-"),
    ("image/jpeg", &[0xFF, 0xD8, 0xFF]),
    ("image/png", &[0x89, 0x50, 0x4E, 0x47]),
];

/// Types accepted for a kind of document. Every kind accepts all three today (a photo of a signed
/// page is as good as a scan); a kind that must be a PDF would return fewer here.
pub fn accepted_types(kind: DocumentKind) -> &'static [&'static str] {
    match kind {
        DocumentKind::Statutes
        | DocumentKind::ConstitutiveMinutes
        | DocumentKind::FoundersList
        | DocumentKind::BankCertificate
        | DocumentKind::LocalAuthorityReceipt
        | DocumentKind::NameApproval
        | DocumentKind::InKindEvaluation
        | DocumentKind::EgmMinutes
        | DocumentKind::FormerApproval
        | DocumentKind::BoardMinutes
        | DocumentKind::DissolutionMinutes
        | DocumentKind::LiquidationReport
        | DocumentKind::MergerAgreement
        | DocumentKind::Other => &["application/pdf", "image/jpeg", "image/png"],
    }
}

/// The accepted type whose magic bytes `bytes` begins with, if any. The store saves a file
/// under this type, never under the one the browser declared.
pub fn sniff_type(bytes: &[u8]) -> Option<&'static str> {
    ACCEPTED_TYPES
        .iter()
        .find(|(_, magic)| bytes.starts_with(magic))
        .map(|(t, _)| *t)
}

/// Checks one upload, on the field `file`:
/// - `upload_name`: the file name is empty, longer than 255 bytes, `.` or `..`, or holds a path
///   separator, a control character or a bidirectional override/isolate (U+202A–U+202E,
///   U+2066–U+2069, which can make `cod.exe` display as `exe.doc`);
/// - `upload_empty`: no bytes;
/// - `upload_too_large` (`max`, in MiB): more than `max_bytes`;
/// - `upload_type`: a declared type other than PDF, JPEG or PNG (or not accepted for `kind`), or
///   bytes that do not begin as that type does.
pub fn check_upload(
    kind: DocumentKind,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<(), ValidationError> {
    let name = file_name.trim();
    let bad_char = |c: char| {
        c.is_control()
            || matches!(c, '/' | '\\' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if name.is_empty() || name.len() > 255 || name == "." || name == ".." || name.chars().any(bad_char) {
        return Err(ValidationError::new("file", "upload_name"));
    }
    if bytes.is_empty() {
        return Err(ValidationError::new("file", "upload_empty"));
    }
    if bytes.len() > max_bytes {
        return Err(ValidationError::new("file", "upload_too_large").with_arg("max", mebibytes(max_bytes)));
    }
    // `image/jpeg; charset=…` and `IMAGE/PNG` are the same types; old browsers say `image/jpg`.
    let declared = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let declared = if declared == "image/jpg" {
        "image/jpeg".to_string()
    } else {
        declared
    };
    let accepted = accepted_types(kind).contains(&declared.as_str());
    if !accepted || sniff_type(bytes) != Some(declared.as_str()) {
        return Err(ValidationError::new("file", "upload_type"));
    }
    Ok(())
}

/// The limit in MiB for the message: a whole number, or one decimal below 10 MiB when not whole.
fn mebibytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes.is_multiple_of(MIB) || bytes >= 10 * MIB {
        (bytes / MIB).to_string()
    } else {
        format!("{}.{}", bytes / MIB, (bytes % MIB) * 10 / MIB)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj";
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
    const PNG: &[u8] = &[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    fn code(name: &str, ty: &str, bytes: &[u8], max: usize) -> Result<(), &'static str> {
        check_upload(DocumentKind::Statutes, name, ty, bytes, max).map_err(|e| e.code)
    }

    #[test]
    fn accepts_the_three_types() {
        let max = DEFAULT_MAX_UPLOAD_BYTES;
        assert_eq!(code("statuts.pdf", "application/pdf", PDF, max), Ok(()));
        assert_eq!(code("القانون الأساسي.jpg", "image/jpeg", JPEG, max), Ok(()));
        assert_eq!(code("page 1.JPG", "image/jpg", JPEG, max), Ok(()));
        assert_eq!(code("scan.png", "IMAGE/PNG; foo=bar", PNG, max), Ok(()));
    }

    #[test]
    fn refuses_what_does_not_match() {
        let max = DEFAULT_MAX_UPLOAD_BYTES;
        assert_eq!(code("x.pdf", "application/pdf", PNG, max), Err("upload_type"));
        assert_eq!(code("x.html", "text/html", b"<html>", max), Err("upload_type"));
        assert_eq!(code("x.svg", "image/svg+xml", b"<svg", max), Err("upload_type"));
        assert_eq!(code("x.pdf", "", PDF, max), Err("upload_type"));
        assert_eq!(code("x.pdf", "application/pdf", b"", max), Err("upload_empty"));
        let e =
            check_upload(DocumentKind::Other, "x.pdf", "application/pdf", PDF, 16).expect_err("too large");
        assert_eq!(
            (e.code, e.args.clone()),
            ("upload_too_large", vec![("max", "0.0".to_string())])
        );
        assert_eq!(code("x.pdf", "application/pdf", PDF, PDF.len()), Ok(()));
    }

    #[test]
    fn refuses_misleading_names() {
        let max = DEFAULT_MAX_UPLOAD_BYTES;
        for name in [
            "",
            "  ",
            "..",
            "../etc/passwd",
            "a\\b.pdf",
            "invoice\u{202E}fdp.exe",
            "x\u{2066}.pdf",
            "nul\0.pdf",
            "line\nbreak.pdf",
        ] {
            assert_eq!(
                code(name, "application/pdf", PDF, max),
                Err("upload_name"),
                "{name:?}"
            );
        }
        assert_eq!(
            code(&"a".repeat(256), "application/pdf", PDF, max),
            Err("upload_name")
        );
    }

    #[test]
    fn limit_in_mebibytes() {
        assert_eq!(mebibytes(DEFAULT_MAX_UPLOAD_BYTES), "10");
        assert_eq!(mebibytes(5 * 1024 * 1024 / 2), "2.5");
        assert_eq!(mebibytes(25 * 1024 * 1024 + 7), "25");
    }

    proptest! {
        #[test]
        fn accepted_only_when_bytes_match(bytes in proptest::collection::vec(any::<u8>(), 0..64), ty in 0..4usize) {
            let declared = ["application/pdf", "image/jpeg", "image/png", "text/plain"][ty];
            let ok = check_upload(DocumentKind::Other, "f.bin", declared, &bytes, 1024).is_ok();
            prop_assert_eq!(ok, !bytes.is_empty() && sniff_type(&bytes) == Some(declared));
        }
    }
}
