//! Tables as downloadable files: CSV (UTF-8 with a BOM, so spreadsheet programs read Arabic
//! right) and XLSX (right-to-left sheets for Arabic), with the download headers.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};
use taawun_domain::Lang;

use crate::{AppError, AppResult};

/// One cell of an exported table.
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV: &str = "text/csv; charset=utf-8";

pub fn csv(header: &[String], rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let esc = |s: &str| {
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let header: Vec<String> = header.iter().map(|h| esc(h)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => esc(s),
                Cell::Number(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

pub fn xlsx(lang: Lang, header: &[String], rows: &[Vec<Cell>]) -> AppResult<Vec<u8>> {
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    if lang == Lang::Ar {
        sheet.set_right_to_left(true);
    }
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (i, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, h, &bold)
            .map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let (r, i) = (r as u32 + 1, i as u16);
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, i, s).map_err(err)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, i, *n).map_err(err)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// A file to download under `name`.
pub fn file_response(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A table as a CSV or XLSX download; any other format is not found.
pub fn download(
    lang: Lang,
    format: &str,
    name: &str,
    header: &[String],
    rows: &[Vec<Cell>],
) -> AppResult<Response> {
    match format {
        "csv" => Ok(file_response(csv(header, rows), CSV, &format!("{name}.csv"))),
        "xlsx" => Ok(file_response(
            xlsx(lang, header, rows)?,
            XLSX,
            &format!("{name}.xlsx"),
        )),
        _ => Err(AppError::NotFound),
    }
}
