//! Charts for the statistics pages, drawn on the server as inline SVG: no JavaScript, no external
//! assets, no inline CSS (the site's Content-Security-Policy forbids it; only presentation
//! attributes are used).
//!
//! - [`bar_chart`]: horizontal bars, one row per item, the label above its bar and the value at the
//!   end of it.
//! - [`region_map`]: a choropleth of the 12 regions, each region a link.
//!
//! Both mirror for Arabic (`rtl`): the root `<svg>` carries `direction="rtl"`, so `text-anchor`
//! "start" (the default, used for all text) means the right edge of the text, and everything that
//! starts on the left in French starts on the right in Arabic.
//!
//! Accessibility: the root has `aria-labelledby` pointing at its `<title>` (and `aria-describedby`
//! at its `<desc>` for the bar chart). It is `role="img"` when it holds no link; when it holds links
//! it is `role="group"`, because the children of an `img` are presentational and the links would be
//! hidden from screen readers. The links get no visible focus style from the SVG itself: the page's
//! stylesheet must give one (e.g. `.map a:focus path { fill: #ffdd00; stroke: #0b0c0c }`).
//!
//! The region shapes (`data/regions-simplified.json`) are derived from OpenStreetMap data
//! (ODbL 1.0): pages showing the map must print "© OpenStreetMap contributors" near it.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

/// One bar: label shown to people, value, and optional link.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub href: Option<String>,
}

/// Text colour (17.8:1 on white).
const TEXT: &str = "#0b0c0c";
/// Bar colour: the site's brand green, 8.6:1 on white.
const BAR_FILL: &str = "#0e5c3a";
/// The five classes of the map, light to dark (ColorBrewer "Greens").
const GREENS: [&str; 5] = ["#e5f5e0", "#a1d99b", "#74c476", "#31a354", "#006d2c"];
/// Regions without a value: neutral grey, no hue, distinct from every green.
const MISSING: &str = "#cccccc";
/// Region borders and legend swatch outlines: 4.5:1 on white, so that even the lightest class
/// stands out from the background, and still visible between two regions of the darkest class.
const OUTLINE: &str = "#767676";

/// Width of the bar chart's viewBox; the chart is drawn at 100% of its container.
const W: f64 = 600.0;
/// Outer margin.
const PAD: f64 = 8.0;
/// Height of one row (label line + bar).
const ROW: f64 = 44.0;
const LABEL_SIZE: f64 = 15.0;
const VALUE_SIZE: f64 = 14.0;
/// Vertical offset of the bar inside its row, and its height.
const BAR_Y: f64 = 21.0;
const BAR_H: f64 = 16.0;
/// Gap between the end of a bar and its value.
const GAP: f64 = 6.0;

/// Horizontal bar chart as an inline SVG string. `rtl` mirrors it (bars grow from the right,
/// labels on the right) for Arabic pages. `title` and `desc` go in `<title>`/`<desc>` (referenced
/// by `aria-labelledby`/`aria-describedby` on the `<svg>`) so screen readers get a summary; values
/// are printed at the end of each bar (formatted by `format_value`). Width 100% (viewBox), height
/// grows with the number of bars. Bars linking somewhere are wrapped, with their label and value,
/// in `<a href>`. With no bars, the SVG holds just the title.
pub fn bar_chart(
    title: &str,
    desc: &str,
    bars: &[Bar],
    rtl: bool,
    format_value: &dyn Fn(f64) -> String,
) -> String {
    if bars.is_empty() {
        return title_only(title, rtl);
    }
    let mut out = String::with_capacity(400 + bars.len() * 260);
    match write_bar_chart(&mut out, title, desc, bars, rtl, format_value) {
        Ok(()) => out,
        Err(fmt::Error) => title_only(title, rtl),
    }
}

/// Room kept after the longest bar for the longest value, estimated from its length.
fn value_space(values: &[String]) -> f64 {
    let chars = values.iter().map(|v| v.chars().count()).max().unwrap_or(0) as f64;
    (chars * 0.6 * VALUE_SIZE + GAP).clamp(3.0 * GAP, W * 0.4)
}

fn write_bar_chart(
    out: &mut String,
    title: &str,
    desc: &str,
    bars: &[Bar],
    rtl: bool,
    format_value: &dyn Fn(f64) -> String,
) -> fmt::Result {
    let values: Vec<String> = bars.iter().map(|b| format_value(b.value)).collect();
    let available = W - 2.0 * PAD - value_space(&values);
    let max = bars
        .iter()
        .map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let height = 2.0 * PAD + ROW * bars.len() as f64 - (ROW - BAR_Y - BAR_H);
    let id = chart_id("bar", title, bars.iter().map(|b| b.label.as_str()));
    let has_links = bars.iter().any(|b| b.href.is_some());
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="tw-bar-chart" viewBox="0 0 {w} {h}" width="100%" role="{role}" aria-labelledby="{id}-t" aria-describedby="{id}-d" direction="{dir}" fill="{TEXT}" font-size="{LABEL_SIZE}"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>"#,
        w = num(W),
        h = num(height),
        role = if has_links { "group" } else { "img" },
        dir = if rtl { "rtl" } else { "ltr" },
        title = esc(title),
        desc = esc(desc),
    )?;
    // The edge bars grow from, and the direction they grow in.
    let (edge, sign) = if rtl { (W - PAD, -1.0) } else { (PAD, 1.0) };
    for (i, (bar, value)) in bars.iter().zip(&values).enumerate() {
        let top = PAD + ROW * i as f64;
        let width = if max > 0.0 && bar.value.is_finite() && bar.value > 0.0 {
            bar.value / max * available
        } else {
            0.0
        };
        let rect_x = if rtl { edge - width } else { edge };
        if let Some(href) = &bar.href {
            write!(out, r#"<a href="{}">"#, esc(href))?;
        }
        write!(
            out,
            r#"<text x="{x}" y="{y}"{deco}>{label}</text><rect x="{rx}" y="{ry}" width="{rw}" height="{BAR_H}" fill="{BAR_FILL}"/><text x="{vx}" y="{vy}" font-size="{VALUE_SIZE}">{value}</text>"#,
            x = num(edge),
            y = num(top + LABEL_SIZE),
            deco = if bar.href.is_some() {
                r#" text-decoration="underline""#
            } else {
                ""
            },
            label = esc(&bar.label),
            rx = num(rect_x),
            ry = num(top + BAR_Y),
            rw = num(width),
            vx = num(edge + sign * (width + GAP)),
            vy = num(top + BAR_Y + BAR_H - 3.0),
            value = esc(value),
        )?;
        if bar.href.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str("</svg>");
    Ok(())
}

/// Choropleth of Morocco's 12 regions: `values` maps region code "01".."12" to a number; regions
/// are coloured in 5 sequential classes of one hue (light to dark green), missing regions (and
/// non-finite values) in neutral grey.
///
/// Classes are quantiles of rank: with the `n` values sorted, a value whose last occurrence is at
/// rank `r` (0-based) goes in class `ceil(5 (r + 1) / n) - 1`. So the largest value is always in
/// the darkest class, equal values share a class, and 12 distinct values make classes of 2 to 3
/// regions. The legend (one swatch per non-empty class, with the range of the values in it, plus
/// a grey "—" swatch if some region has no value) is drawn inside the SVG in the empty sea
/// (top-left) for French, in the empty desert east of the southern regions (bottom-right) for
/// Arabic.
///
/// Each region path is wrapped in `<a href="{link(code)}">` whose `<title>` child
/// "{name}: {formatted value}" gives the tooltip and the link's accessible name. `names` gives the
/// display name for each code (the code itself if absent).
pub fn region_map(
    title: &str,
    values: &BTreeMap<String, f64>,
    names: &BTreeMap<String, String>,
    link: &dyn Fn(&str) -> String,
    rtl: bool,
    format_value: &dyn Fn(f64) -> String,
) -> String {
    render_map(shapes(), title, values, names, link, rtl, format_value)
}

/// The embedded region shapes, ready SVG paths in a fixed viewBox.
const REGIONS_JSON: &str = include_str!("../data/regions-simplified.json");

#[derive(Debug)]
struct Shapes {
    view_box: String,
    width: f64,
    height: f64,
    attribution: String,
    /// (code, path data), in code order.
    regions: Vec<(String, String)>,
}

/// The shapes, parsed once; `None` if the embedded file is broken.
fn shapes() -> Option<&'static Shapes> {
    static SHAPES: OnceLock<Option<Shapes>> = OnceLock::new();
    SHAPES.get_or_init(|| parse_shapes(REGIONS_JSON)).as_ref()
}

fn parse_shapes(json: &str) -> Option<Shapes> {
    let doc: serde_json::Value = serde_json::from_str(json).ok()?;
    let view_box = doc.get("viewBox")?.as_str()?.to_owned();
    let dims: Vec<f64> = view_box
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [_, _, width, height] = dims[..] else {
        return None;
    };
    let attribution = doc.get("attribution")?.as_str()?.to_owned();
    let regions = doc
        .get("regions")?
        .as_object()?
        .iter()
        .map(|(code, d)| Some((code.clone(), d.as_str()?.to_owned())))
        .collect::<Option<Vec<_>>>()?;
    let mut shapes = Shapes {
        view_box,
        width,
        height,
        attribution,
        regions,
    };
    shapes.regions.sort();
    (!shapes.regions.is_empty() && width > 0.0 && height > 0.0).then_some(shapes)
}

/// Class (0..5) of each of `sorted`'s values, see [`region_map`]. `sorted` is ascending, finite.
fn class_of(sorted: &[f64], value: f64) -> usize {
    let n = sorted.len();
    let rank = sorted.partition_point(|v| *v <= value).max(1) - 1;
    ((rank + 1) * GREENS.len())
        .div_ceil(n.max(1))
        .clamp(1, GREENS.len())
        - 1
}

fn render_map(
    shapes: Option<&Shapes>,
    title: &str,
    values: &BTreeMap<String, f64>,
    names: &BTreeMap<String, String>,
    link: &dyn Fn(&str) -> String,
    rtl: bool,
    format_value: &dyn Fn(f64) -> String,
) -> String {
    let Some(shapes) = shapes else {
        return title_only(title, rtl);
    };
    let mut out = String::with_capacity(REGIONS_JSON.len() + 4096);
    match write_map(&mut out, shapes, title, values, names, link, rtl, format_value) {
        Ok(()) => out,
        Err(fmt::Error) => title_only(title, rtl),
    }
}

#[allow(clippy::too_many_arguments)]
fn write_map(
    out: &mut String,
    shapes: &Shapes,
    title: &str,
    values: &BTreeMap<String, f64>,
    names: &BTreeMap<String, String>,
    link: &dyn Fn(&str) -> String,
    rtl: bool,
    format_value: &dyn Fn(f64) -> String,
) -> fmt::Result {
    // The value of each drawn region, if any and finite.
    let known: Vec<(&str, &str, Option<f64>)> = shapes
        .regions
        .iter()
        .map(|(code, d)| {
            (
                code.as_str(),
                d.as_str(),
                values.get(code).copied().filter(|v| v.is_finite()),
            )
        })
        .collect();
    let mut sorted: Vec<f64> = known.iter().filter_map(|(_, _, v)| *v).collect();
    sorted.sort_by(f64::total_cmp);
    let id = chart_id("map", title, known.iter().map(|(code, _, _)| *code));
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="tw-map" viewBox="{vb}" width="100%" role="group" aria-labelledby="{id}-t" direction="{dir}" fill="{TEXT}" font-size="{LABEL_SIZE}"><title id="{id}-t">{title}</title><!-- Region boundaries: {attr} --><g stroke="{OUTLINE}" stroke-width=".8" stroke-linejoin="round">"#,
        vb = esc(&shapes.view_box),
        dir = if rtl { "rtl" } else { "ltr" },
        title = esc(title),
        attr = shapes.attribution.replace("--", "- -"),
    )?;
    // Per class: (min, max) of its values.
    let mut ranges: [Option<(f64, f64)>; GREENS.len()] = [None; GREENS.len()];
    let mut any_missing = false;
    for (code, d, value) in &known {
        let name = names.get(*code).map_or(*code, String::as_str);
        let (fill, shown) = match value {
            Some(v) => {
                let class = class_of(&sorted, *v);
                let range = ranges[class].get_or_insert((*v, *v));
                *range = (range.0.min(*v), range.1.max(*v));
                (GREENS[class], format_value(*v))
            }
            None => {
                any_missing = true;
                (MISSING, "—".to_owned())
            }
        };
        write!(
            out,
            r#"<a href="{href}"><title>{name}: {shown}</title><path d="{d}" fill="{fill}"/></a>"#,
            href = esc(&link(code)),
            name = esc(name),
            shown = esc(&shown),
            d = esc(d),
        )?;
    }
    out.push_str("</g>");
    // Legend rows: (colour, label).
    let mut rows: Vec<(&str, String)> = GREENS
        .iter()
        .zip(&ranges)
        .filter_map(|(colour, range)| {
            let (lo, hi) = (*range)?;
            let (lo, hi) = (format_value(lo), format_value(hi));
            Some((*colour, if lo == hi { lo } else { format!("{lo} – {hi}") }))
        })
        .collect();
    if any_missing {
        rows.push((MISSING, "—".to_owned()));
    }
    const SWATCH: f64 = 18.0;
    const LEGEND_ROW: f64 = 26.0;
    let top = if rtl {
        shapes.height - PAD - LEGEND_ROW * rows.len() as f64
    } else {
        PAD
    };
    let (swatch_x, text_x) = if rtl {
        (shapes.width - PAD - SWATCH, shapes.width - PAD - SWATCH - GAP)
    } else {
        (PAD, PAD + SWATCH + GAP)
    };
    out.push_str("<g>");
    for (i, (colour, label)) in rows.iter().enumerate() {
        let y = top + LEGEND_ROW * i as f64;
        write!(
            out,
            r#"<rect x="{sx}" y="{y}" width="{SWATCH}" height="{SWATCH}" fill="{colour}" stroke="{OUTLINE}"/><text x="{tx}" y="{ty}">{label}</text>"#,
            sx = num(swatch_x),
            y = num(y),
            tx = num(text_x),
            ty = num(y + SWATCH - 4.0),
            label = esc(label),
        )?;
    }
    out.push_str("</g></svg>");
    Ok(())
}

/// An SVG holding just the title (as `<title>` and as visible text): for empty charts and if the
/// map's shapes could not be read.
fn title_only(title: &str, rtl: bool) -> String {
    let id = chart_id("empty", title, std::iter::empty());
    let x = if rtl { W - PAD } else { PAD };
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} 32" width="100%" role="img" aria-labelledby="{id}-t" direction="{dir}" fill="{TEXT}" font-size="{LABEL_SIZE}"><title id="{id}-t">{t}</title><text x="{x}" y="21">{t}</text></svg>"#,
        w = num(W),
        dir = if rtl { "rtl" } else { "ltr" },
        t = esc(title),
        x = num(x),
    )
}

/// A stable id for the `<title>`/`<desc>` of one chart (FNV-1a of what it shows), so that two
/// different charts on one page do not share ids and the output stays deterministic.
fn chart_id<'a>(kind: &str, title: &str, parts: impl Iterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(kind);
    eat(title);
    parts.for_each(eat);
    format!("tw-{kind}-{:08x}", hash >> 32)
}

/// A coordinate, at most one decimal, no trailing ".0".
fn num(v: f64) -> String {
    let v = (v * 10.0).round() / 10.0;
    let v = if v == 0.0 { 0.0 } else { v }; // no "-0"
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or_else(|| s.clone(), str::to_owned)
}

/// Escape text for XML content and attribute values; drop characters XML does not allow.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt_units(v: f64) -> String {
        format!("{v} u")
    }

    fn bars(values: &[f64]) -> Vec<Bar> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Bar {
                label: format!("Item {i}"),
                value: *v,
                href: None,
            })
            .collect()
    }

    /// Values of attribute `name` of every `<tag` element, in order.
    fn attrs(svg: &str, tag: &str, name: &str) -> Vec<String> {
        let open = format!("<{tag} ");
        let key = format!(" {name}=\"");
        svg.split(&open)
            .skip(1)
            .filter_map(|el| {
                let el = format!(" {}", &el[..el.find('>').unwrap_or(el.len())]);
                let start = el.find(&key)? + key.len();
                Some(el[start..start + el[start..].find('"')?].to_owned())
            })
            .collect()
    }

    /// A small well-formedness check: tags balance, attributes are quoted, no raw `<` or `&`.
    fn assert_well_formed(svg: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = svg;
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            assert!(!text.contains('>'), "raw > in {text:?}");
            for (i, _) in text.match_indices('&') {
                let ent = &text[i..];
                assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                        .iter()
                        .any(|e| ent.starts_with(e)),
                    "raw & in {text:?}"
                );
            }
            rest = &rest[lt..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment.find("-->").expect("unclosed comment");
                assert!(!comment[..end].contains("--"));
                rest = &comment[end + 3..];
                continue;
            }
            let gt = rest.find('>').expect("unclosed tag");
            let tag = &rest[1..gt];
            assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes in {tag:?}");
            assert!(!tag.contains('<'), "< inside tag {tag:?}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().expect("tag name"));
            }
            rest = &rest[gt + 1..];
        }
        assert!(rest.is_empty(), "text after the root: {rest:?}");
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    #[test]
    fn bar_chart_escapes_text() {
        let bars = vec![Bar {
            label: "<script>alert('x')</script> & co".into(),
            value: 3.0,
            href: Some("/a?b=1&c=\"2\"".into()),
        }];
        let svg = bar_chart("T <i>", "D & d", &bars, false, &|v| format!("<{v}>"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<i>"));
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assert!(svg.contains("<title id=\"tw-bar-"));
        assert!(svg.contains(">T &lt;i&gt;</title>"));
        assert!(svg.contains(">D &amp; d</desc>"));
        assert!(svg.contains("&lt;3&gt;"));
        assert!(svg.contains(r#"<a href="/a?b=1&amp;c=&quot;2&quot;">"#));
        assert!(!svg.contains('\n'));
        assert_well_formed(&svg);
    }

    #[test]
    fn bar_chart_accessibility_attributes() {
        let svg = bar_chart("Title", "Desc", &bars(&[1.0, 2.0]), false, &fmt_units);
        let id = attrs(&svg, "title", "id");
        assert_eq!(id.len(), 1);
        assert!(svg.contains(&format!(r#"role="img" aria-labelledby="{}""#, id[0])));
        assert!(svg.contains(r#"aria-describedby=""#));
        assert!(svg.contains(r#"width="100%""#));
        assert!(svg.contains("Item 1</text>"));
        assert!(svg.contains(">2 u</text>"));
        // With links, a group (the children of an img are hidden from assistive technology).
        let mut linked = bars(&[1.0, 2.0]);
        linked[0].href = Some("/x".into());
        let svg = bar_chart("Title", "Desc", &linked, false, &fmt_units);
        assert!(svg.contains(r#"role="group""#));
        assert_eq!(svg.matches("<a href=\"/x\">").count(), 1);
        assert_well_formed(&svg);
    }

    #[test]
    fn bar_chart_rtl_mirrors() {
        let data = bars(&[5.0, 10.0]);
        let ltr = bar_chart("T", "D", &data, false, &fmt_units);
        let rtl = bar_chart("T", "D", &data, true, &fmt_units);
        assert!(ltr.contains(r#"direction="ltr""#));
        assert!(rtl.contains(r#"direction="rtl""#));
        let (lx, rx) = (attrs(&ltr, "rect", "x"), attrs(&rtl, "rect", "x"));
        let (lw, rw) = (attrs(&ltr, "rect", "width"), attrs(&rtl, "rect", "width"));
        assert_eq!(lw, rw);
        // Bars start at the left margin in French, end at the right margin in Arabic.
        for ((x, w), x_rtl) in lx.iter().zip(&lw).zip(&rx) {
            assert_eq!(x, &num(PAD));
            let (w, x_rtl): (f64, f64) = (w.parse().expect("w"), x_rtl.parse().expect("x"));
            assert!((x_rtl + w - (W - PAD)).abs() < 0.11, "{x_rtl} + {w}");
        }
        assert_ne!(lx[0], rx[0]);
        // Labels on the left in French, on the right in Arabic (start of rtl text = its right edge).
        assert_eq!(attrs(&ltr, "text", "x")[0], num(PAD));
        assert_eq!(attrs(&rtl, "text", "x")[0], num(W - PAD));
        // Values after the end of the bar, on the growing side.
        let value_x = |svg: &str| -> f64 { attrs(svg, "text", "x")[3].parse().expect("x") };
        assert!(value_x(&ltr) > W / 2.0 && value_x(&rtl) < W / 2.0);
        assert_well_formed(&rtl);
    }

    #[test]
    fn bar_chart_largest_fills_available_width() {
        let data = bars(&[10.0, 40.0, 20.0, 0.0, -5.0, f64::NAN]);
        let svg = bar_chart("T", "D", &data, false, &fmt_units);
        let widths: Vec<f64> = attrs(&svg, "rect", "width")
            .iter()
            .map(|w| w.parse().expect("w"))
            .collect();
        let values: Vec<String> = data.iter().map(|b| fmt_units(b.value)).collect();
        let available = W - 2.0 * PAD - value_space(&values);
        assert!((widths[1] - available).abs() < 0.051, "{widths:?} vs {available}");
        assert!((widths[0] - available / 4.0).abs() < 0.051);
        assert!((widths[2] - available / 2.0).abs() < 0.051);
        assert_eq!(&widths[3..], &[0.0, 0.0, 0.0]);
        // Every value still fits in the viewBox.
        assert!(available + value_space(&values) <= W - 2.0 * PAD + 1e-9);
        // Height grows with the number of bars.
        let h = |n: usize| -> f64 {
            let svg = bar_chart("T", "D", &bars(&vec![1.0; n]), false, &fmt_units);
            let vb = attrs(&svg, "svg", "viewBox")[0].clone();
            vb.rsplit(' ')
                .next()
                .and_then(|h| h.parse().ok())
                .expect("height")
        };
        assert!((h(10) - h(5) - 5.0 * ROW).abs() < 1e-9);
        // All zero: no division by zero.
        let svg = bar_chart("T", "D", &bars(&[0.0, 0.0]), false, &fmt_units);
        assert!(attrs(&svg, "rect", "width").iter().all(|w| w == "0"));
    }

    #[test]
    fn bar_chart_empty_is_just_the_title() {
        for rtl in [false, true] {
            let svg = bar_chart("Nothing <here>", "D", &[], rtl, &fmt_units);
            assert_well_formed(&svg);
            assert!(svg.contains(">Nothing &lt;here&gt;</title>"));
            assert!(!svg.contains("<rect") && !svg.contains("<desc"));
        }
    }

    fn names() -> BTreeMap<String, String> {
        (1..=12)
            .map(|i| (format!("{i:02}"), format!("Région {i}")))
            .collect()
    }

    #[test]
    fn embedded_shapes_parse() {
        let shapes = shapes().expect("embedded regions-simplified.json parses");
        let codes: Vec<&str> = shapes.regions.iter().map(|(c, _)| c.as_str()).collect();
        let expected: Vec<String> = (1..=12).map(|i| format!("{i:02}")).collect();
        assert_eq!(codes, expected);
        assert!(shapes.attribution.contains("© OpenStreetMap contributors"));
        assert_eq!(shapes.view_box, "0 0 600 640");
        assert!(
            shapes
                .regions
                .iter()
                .all(|(_, d)| d.starts_with('M') && d.ends_with('z'))
        );
        assert!(REGIONS_JSON.len() <= 25 * 1024);
    }

    #[test]
    fn region_map_links_titles_and_classes() {
        // Value of region i is i: 01 smallest, 12 largest.
        let values: BTreeMap<String, f64> = (1..=12).map(|i| (format!("{i:02}"), f64::from(i))).collect();
        let svg = region_map(
            "Coops",
            &values,
            &names(),
            &|c| format!("/stats/regions/{c}"),
            false,
            &fmt_units,
        );
        assert_well_formed(&svg);
        assert!(svg.len() <= 30 * 1024, "{} bytes", svg.len());
        assert_eq!(svg.matches("<path ").count(), 12);
        assert_eq!(svg.matches("<a href=\"/stats/regions/").count(), 12);
        assert!(svg.contains(r#"<a href="/stats/regions/07"><title>Région 7: 7 u</title><path d="M"#));
        assert!(svg.contains("© OpenStreetMap contributors"));
        assert!(svg.contains(r#"role="group""#));
        let fills = attrs(&svg, "path", "fill");
        assert_eq!(fills[0], GREENS[0]);
        assert_eq!(fills[11], GREENS[4]);
        // Classes never get lighter as values grow; all five are used.
        let class = |f: &String| GREENS.iter().position(|g| g == f).expect("a class colour");
        assert!(fills.windows(2).all(|w| class(&w[0]) <= class(&w[1])));
        assert_eq!(
            fills
                .iter()
                .map(class)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            5
        );
        // Legend: five swatches with ranges, no "missing" swatch.
        let swatches = attrs(&svg, "rect", "fill");
        assert_eq!(swatches, GREENS);
        assert!(svg.contains(">1 u – 2 u</text>"));
        assert!(svg.contains(">10 u – 12 u</text>"));
        assert!(!svg.contains('\n'));
    }

    #[test]
    fn region_map_missing_regions_and_escaping() {
        let values: BTreeMap<String, f64> = [
            ("01".to_owned(), 5.0),
            ("06".to_owned(), 50.0),
            ("09".to_owned(), f64::NAN),
        ]
        .into();
        let mut names = names();
        names.insert("06".into(), "Casa <b>&</b>".into());
        names.remove("12");
        let svg = region_map("T", &values, &names, &|c| format!("/r?c={c}&x=1"), true, &|v| {
            format!("{v}")
        });
        assert_well_formed(&svg);
        assert!(svg.contains("<title>Casa &lt;b&gt;&amp;&lt;/b&gt;: 50</title>"));
        assert!(svg.contains("<title>12: —</title>"));
        assert!(svg.contains("<title>Région 9: —</title>"));
        assert!(svg.contains(r#"<a href="/r?c=01&amp;x=1">"#));
        let fills = attrs(&svg, "path", "fill");
        assert_eq!(fills.iter().filter(|f| *f == MISSING).count(), 10);
        assert_eq!(fills[5], GREENS[4]);
        assert_eq!(fills[0], GREENS[2]);
        // Legend on the right, with a grey "no value" row.
        assert_eq!(attrs(&svg, "rect", "fill"), [GREENS[2], GREENS[4], MISSING]);
        assert!(
            attrs(&svg, "rect", "x")
                .iter()
                .all(|x| x.parse::<f64>().expect("x") > 500.0)
        );
        assert!(svg.contains(r#"direction="rtl""#));
        // French: legend on the left.
        let svg = region_map("T", &values, &names, &|c| c.to_owned(), false, &|v| {
            format!("{v}")
        });
        assert!(
            attrs(&svg, "rect", "x")
                .iter()
                .all(|x| x.parse::<f64>().expect("x") < 100.0)
        );
    }

    #[test]
    fn region_map_without_shapes_is_just_the_title() {
        assert!(parse_shapes("not json").is_none());
        assert!(parse_shapes(r#"{"viewBox":"0 0 1","attribution":"a","regions":{}}"#).is_none());
        let svg = render_map(
            None,
            "Map <1>",
            &BTreeMap::new(),
            &names(),
            &|c| c.to_owned(),
            false,
            &fmt_units,
        );
        assert_well_formed(&svg);
        assert!(svg.contains(">Map &lt;1&gt;</text>"));
        assert!(!svg.contains("<path"));
    }

    #[test]
    fn quantile_classes() {
        let sorted: Vec<f64> = (1..=12).map(f64::from).collect();
        let classes: Vec<usize> = sorted.iter().map(|v| class_of(&sorted, *v)).collect();
        assert_eq!(classes, [0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4]);
        // Ties share the class of their highest rank; a single or constant value is darkest.
        let ties = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0];
        assert_eq!([1.0, 2.0, 3.0].map(|v| class_of(&ties, v)), [4, 4, 4]);
        let ties = [1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0];
        assert_eq!([1.0, 2.0, 3.0].map(|v| class_of(&ties, v)), [0, 4, 4]);
        assert_eq!(class_of(&[7.0], 7.0), 4);
        assert_eq!(class_of(&[1.0, 2.0], 1.0), 2);
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = bar_chart("A", "D", &bars(&[1.0]), false, &fmt_units);
        assert_eq!(a, bar_chart("A", "D", &bars(&[1.0]), false, &fmt_units));
        let b = bar_chart("B", "D", &bars(&[1.0]), false, &fmt_units);
        assert_ne!(attrs(&a, "title", "id"), attrs(&b, "title", "id"));
    }

    #[test]
    fn numbers_and_escapes() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.06), "12.1");
        assert_eq!(num(-0.01), "0");
        assert_eq!(esc("a\u{1}b\u{7}\tc"), "ab\tc");
    }
}
