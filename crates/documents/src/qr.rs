//! QR codes as small standalone SVG: error correction level M (15 % of the code may be damaged),
//! the standard 4-module quiet zone, black modules on a white square, one `<path>`.
//!
//! The SVG has a `viewBox` and no `width`/`height`, so it scales to whatever box holds it (a
//! responsive page, or `image("qr.svg", width: 3cm)` in a typst template). It carries
//! `role="img"`, an `aria-label` and a `<title>`, so it can be inlined in HTML as it is.
//!
//! The qrcode crate is used without its renderers: its SVG renderer writes fixed `width`/`height`
//! and one rectangle per module; drawing rows of modules as one path ourselves is smaller and lets
//! us choose the attributes.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

use crate::DocumentError;

/// Modules of light margin around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;

/// The QR code of `text` as SVG, labelled with the text itself (for a screen reader, the address
/// a verification QR leads to is the useful description). See [`qr_svg_labelled`] for a
/// translated label.
pub fn qr_svg(text: &str) -> Result<String, DocumentError> {
    qr_svg_labelled(text, text)
}

/// The QR code of `text` as SVG, with `label` as its accessible name (`aria-label` and
/// `<title>`).
pub fn qr_svg_labelled(text: &str, label: &str) -> Result<String, DocumentError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| DocumentError::Qr(e.to_string()))?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let label = xml_escape(label);

    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                let _ = write!(path, "M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE);
            } else {
                x += 1;
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
         aria-label=\"{label}\" shape-rendering=\"crispEdges\"><title>{label}</title>\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not allowed in XML 1.0 at all.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the module grid back from our own path syntax.
    fn modules(svg: &str) -> (usize, Vec<Vec<bool>>) {
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .expect("viewBox");
        let mut grid = vec![vec![false; size]; size];
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("path");
        for cmd in d.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = cmd.split_once('h').expect("h");
            let (x, y) = xy.split_once(' ').expect("x y");
            let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
            let run: usize = rest.split('v').next().and_then(|r| r.parse().ok()).expect("run");
            for cell in &mut grid[y][x..x + run] {
                *cell = true;
            }
        }
        (size, grid)
    }

    #[test]
    fn the_svg_matches_the_code_with_a_quiet_zone() {
        let text = "https://taawun.example/verify/K7M2Q9";
        let svg = qr_svg(text).expect("fits");
        let code = QrCode::with_error_correction_level(text, EcLevel::M).expect("fits");
        assert_eq!(code.error_correction_level(), EcLevel::M);
        let (size, grid) = modules(&svg);
        assert_eq!(size, code.width() + 8);
        let colors = code.to_colors();
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET_ZONE..QUIET_ZONE + code.width()).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + code.width()).contains(&y);
                let dark =
                    inside && colors[(y - QUIET_ZONE) * code.width() + (x - QUIET_ZONE)] == Color::Dark;
                assert_eq!(grid[y][x], dark, "module {x},{y}");
            }
        }
    }

    #[test]
    fn the_svg_is_responsive_and_accessible() {
        let svg = qr_svg("https://taawun.example/verify/K7M2Q9?a=1&b=\"2\"").expect("fits");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"https://taawun.example/verify/K7M2Q9?a=1&amp;b=&quot;2&quot;\""));
        assert!(svg.contains("<title>"));
        let open_tag = svg.split('>').next().expect("tag");
        assert!(!open_tag.contains(" width=") && !open_tag.contains(" height="));
        assert!(svg.contains("fill=\"#fff\"") && svg.contains("fill=\"#000\""));

        let labelled = qr_svg_labelled("X", "رمز التحقق <QR>").expect("fits");
        assert!(labelled.contains("aria-label=\"رمز التحقق &lt;QR&gt;\""));
    }

    #[test]
    fn too_much_text_is_an_error() {
        assert!(matches!(qr_svg(&"x".repeat(5000)), Err(DocumentError::Qr(_))));
    }
}
