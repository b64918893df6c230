//! `taawun import|export cooperatives` and `taawun check-name`.

use std::{
    collections::HashMap,
    io::{BufRead, Read, Write},
    path::Path,
};

use anyhow::{Context, bail};
use serde::Serialize;
use taawun_domain::{Cooperative, IMPORT_COLUMNS, Lang, LegalRules, RawCooperative, ValidationErrors};
use taawun_store::{Actor, CooperativeRow, Store};
use taawun_web::i18n::I18n;

/// The terminal's language: Arabic when the locale says so, French otherwise (terminals rarely
/// lay out Arabic right-to-left).
pub fn terminal_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or(Lang::Fr)
}

/// One bad row of an import file.
#[derive(Debug)]
pub struct RowError {
    pub line: u64,
    pub problem: Problem,
}

/// What is wrong with a row; turned into words by the importing side (translations stay there).
#[derive(Debug)]
pub enum Problem {
    /// The row could not be read as a record (bad CSV, bad UTF-8, wrong JSON type).
    Unreadable(String),
    /// Rules of Law 112-12 the record breaks.
    Rules(ValidationErrors),
    /// The central number was already given on an earlier line.
    Duplicate { first_line: u64 },
}

/// Fluent's isolation marks help browsers lay out mixed text; terminals print them as boxes.
fn plain(message: &str) -> String {
    message.replace(['\u{2068}', '\u{2069}'], "")
}

fn describe(i18n: &I18n, lang: Lang, problem: &Problem) -> Vec<String> {
    match problem {
        Problem::Unreadable(message) => vec![message.clone()],
        Problem::Rules(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.field, plain(&i18n.error(lang, e))))
            .collect(),
        Problem::Duplicate { first_line } => vec![format!(
            "central_number: {} (line {first_line})",
            i18n.t(lang, "error-duplicate_in_file")
        )],
    }
}

/// A piece of an import file, read and checked: the valid records and the bad rows.
#[derive(Debug, Default)]
pub struct Piece {
    pub valid: Vec<Cooperative>,
    pub errors: Vec<RowError>,
}

/// Rows per piece: small enough to keep memory flat, large enough for big INSERTs.
const PIECE_ROWS: usize = 10_000;

/// Checks rows one by one (the rules of Law 112-12, central numbers unique in the file) and
/// hands them over in pieces.
struct Checker<F> {
    rules: LegalRules,
    today: time::Date,
    seen: HashMap<String, u64>,
    piece: Piece,
    emit: F,
}

impl<F: FnMut(Piece) -> bool> Checker<F> {
    /// False when the receiver is gone (stop reading).
    fn row(&mut self, line: u64, raw: Result<RawCooperative, String>) -> bool {
        match raw {
            Err(message) => self.piece.errors.push(RowError {
                line,
                problem: Problem::Unreadable(message),
            }),
            Ok(raw) => match Cooperative::parse(&raw, &self.rules, self.today) {
                Ok(c) => {
                    let first = c
                        .central_number
                        .as_ref()
                        .and_then(|n| self.seen.insert(n.as_str().to_string(), line));
                    match first {
                        Some(first_line) => self.piece.errors.push(RowError {
                            line,
                            problem: Problem::Duplicate { first_line },
                        }),
                        None => self.piece.valid.push(c),
                    }
                }
                Err(e) => self.piece.errors.push(RowError {
                    line,
                    problem: Problem::Rules(e),
                }),
            },
        }
        if self.piece.valid.len() + self.piece.errors.len() >= PIECE_ROWS {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        let piece = std::mem::take(&mut self.piece);
        if piece.valid.is_empty() && piece.errors.is_empty() {
            return true;
        }
        (self.emit)(piece)
    }
}

/// Reads and checks an import file (CSV or JSON) as a stream, handing every piece to `emit`
/// (which returns false to stop). Only a CSV row at a time is in memory; a JSON file is read
/// whole (JSON imports are the small ones, from forms and other systems).
pub fn read_file(path: &Path, today: time::Date, emit: impl FnMut(Piece) -> bool) -> anyhow::Result<()> {
    let mut file = std::io::BufReader::with_capacity(
        1 << 20,
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?,
    );
    let start = file
        .fill_buf()
        .with_context(|| format!("cannot read {}", path.display()))?;
    let start = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let mut checker = Checker {
        rules: LegalRules::default(),
        today,
        seen: HashMap::new(),
        piece: Piece::default(),
        emit,
    };
    if is_json {
        let mut text = Vec::new();
        file.read_to_end(&mut text)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let text = String::from_utf8(text).map_err(|e| {
            anyhow::anyhow!(
                "{} is not UTF-8 (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let values: Vec<serde_json::Value> =
            serde_json::from_str(text).context("the JSON file must be an array of objects")?;
        for (i, v) in values.into_iter().enumerate() {
            if !checker.row(i as u64 + 1, json_record(v)) {
                return Ok(());
            }
        }
    } else {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(file);
        let headers = reader.headers().context("cannot read the CSV header")?.clone();
        // `id` (present in exports) is ignored: ids belong to the database that gives them.
        let unknown: Vec<&str> = headers
            .iter()
            .filter(|h| !IMPORT_COLUMNS.contains(h) && *h != "id")
            .collect();
        if !unknown.is_empty() {
            bail!(
                "unknown columns in {}: {} (expected some of: {})",
                path.display(),
                unknown.join(", "),
                IMPORT_COLUMNS.join(", ")
            );
        }
        if !headers.iter().any(|h| h == "region_code") {
            bail!("{}: the column region_code is required", path.display());
        }
        let mut record = csv::StringRecord::new();
        loop {
            let (line, raw) = match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => (
                    record.position().map_or(0, |p| p.line()),
                    record
                        .deserialize::<RawCooperative>(Some(&headers))
                        .map_err(|e| e.to_string()),
                ),
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    // An I/O error ends the file; a bad row is reported and skipped.
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display())));
                    }
                    (line, Err(e.to_string()))
                }
            };
            if !checker.row(line, raw) {
                return Ok(());
            }
        }
    }
    checker.flush();
    Ok(())
}

/// A JSON object as a raw record: numbers and booleans are accepted as well as strings.
fn json_record(v: serde_json::Value) -> Result<RawCooperative, String> {
    let serde_json::Value::Object(map) = v else {
        return Err("not an object".to_string());
    };
    let mut obj = serde_json::Map::new();
    let mut unknown = Vec::new();
    for (k, v) in map {
        if k == "id" {
            continue;
        }
        if !IMPORT_COLUMNS.contains(&k.as_str()) {
            unknown.push(k);
            continue;
        }
        let s = match v {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        obj.insert(k, serde_json::Value::String(s));
    }
    if unknown.is_empty() {
        serde_json::from_value(serde_json::Value::Object(obj)).map_err(|e| e.to_string())
    } else {
        Err(format!("unknown fields: {}", unknown.join(", ")))
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy)]
pub struct ImportReport {
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub skipped: u64,
}

pub async fn import(store: &Store, path: &Path, skip_invalid: bool) -> anyhow::Result<()> {
    let report = import_file(store, path, skip_invalid, true).await?;
    println!(
        "{} rows imported: {} new, {} updated, {} skipped as invalid",
        report.rows, report.inserted, report.updated, report.skipped
    );
    Ok(())
}

/// Imports a file as a stream: a reading thread parses and checks rows (one core) while this
/// task writes the valid ones (the database, the other core). Bad rows are printed with their
/// line numbers; unless `skip_invalid`, one bad row means nothing is imported (the rest of the
/// file is still checked, so every bad row is reported at once).
pub async fn import_file(
    store: &Store,
    path: &Path,
    skip_invalid: bool,
    show_progress: bool,
) -> anyhow::Result<ImportReport> {
    const SHOWN: usize = 1000;
    let i18n = I18n::load()?;
    let lang = terminal_lang();
    let today = time::OffsetDateTime::now_utc().date();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Piece>(4);
    let reader = {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || read_file(&path, today, |piece| tx.blocking_send(piece).is_ok()))
    };
    let bar = if show_progress {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} rows ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut import = Some(store.begin_import().await?);
    let mut bad = 0usize;
    let mut valid = 0u64;
    let mut write_error = None;
    while let Some(piece) = rx.recv().await {
        if !piece.errors.is_empty() {
            let mut err = std::io::stderr().lock();
            for e in &piece.errors {
                if bad < SHOWN {
                    for m in describe(&i18n, lang, &e.problem) {
                        writeln!(err, "{}:{}: {m}", path.display(), e.line)?;
                    }
                }
                bad += 1;
            }
            if !skip_invalid && let Some(i) = import.take() {
                // Nothing will be imported: stop writing, keep checking.
                i.abort().await;
            }
        }
        valid += piece.valid.len() as u64;
        if let Some(i) = import.as_mut() {
            if let Err(e) = i.add(&piece.valid).await {
                write_error = Some(e);
                break;
            }
            bar.set_position(i.rows());
        }
    }
    drop(rx);
    let read = reader.await.context("the reading thread failed")?;
    bar.finish_and_clear();
    if let Some(e) = write_error {
        if let Some(i) = import.take() {
            i.abort().await;
        }
        return Err(e.into());
    }
    if let Err(e) = read {
        if let Some(i) = import.take() {
            i.abort().await;
        }
        return Err(e);
    }
    if bad > SHOWN {
        eprintln!("… {} more bad rows", bad - SHOWN);
    }
    let Some(import) = import.filter(|_| bad == 0 || skip_invalid) else {
        bail!(
            "{bad} bad rows: nothing imported (fix them, or use --skip-invalid to import the {valid} valid rows)"
        );
    };
    let source = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().to_string());
    let summary = import.finish(&source, &Actor::System("import")).await?;
    Ok(ImportReport {
        rows: valid,
        inserted: summary.inserted,
        updated: summary.updated,
        skipped: bad as u64,
    })
}

/// The export row: the import columns (so an export can be imported again) plus the stable id.
#[derive(Serialize)]
struct ExportRow {
    id: i64,
    #[serde(flatten)]
    raw: RawCooperative,
}

fn to_raw(c: CooperativeRow) -> ExportRow {
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    ExportRow {
        id: c.id,
        raw: RawCooperative {
            central_number: c.central_number.unwrap_or_default(),
            kind: c.kind,
            name_ar: c.name_ar.unwrap_or_default(),
            name_fr: c.name_fr.unwrap_or_default(),
            status: c.status,
            sector: c.sector.unwrap_or_default(),
            branch: c.branch.unwrap_or_default(),
            region_code: c.region_code,
            province_code: c.province_code.unwrap_or_default(),
            commune_code: c.commune_code.unwrap_or_default(),
            address: c.address.unwrap_or_default(),
            court_code: c.court_code.unwrap_or_default(),
            local_number: c.local_number.unwrap_or_default(),
            founded_on: c.founded_on.unwrap_or_default(),
            immatriculated_on: c.immatriculated_on.unwrap_or_default(),
            adapted_on: c.adapted_on.unwrap_or_default(),
            capital: opt(c.capital),
            share_value: opt(c.share_value),
            members: opt(c.members),
            women_members: opt(c.women_members),
            young_members: opt(c.young_members),
            phone: c.phone.unwrap_or_default(),
            email: c.email.unwrap_or_default(),
            pre_112_12: if c.pre_112_12 {
                "true".into()
            } else {
                "false".into()
            },
            adaptation_state: c.adaptation_state.unwrap_or_default(),
        },
    }
}

pub async fn export(store: &Store, format: &str, output: Option<&Path>) -> anyhow::Result<()> {
    const PAGE: i64 = 10_000;
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = store.cooperatives_page(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        rows.extend(page.into_iter().map(to_raw));
    }
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    match format {
        "csv" => {
            // The csv crate cannot serialise flattened structs: write the cells ourselves.
            let mut w = csv::Writer::from_writer(out);
            let columns: Vec<&str> = std::iter::once("id")
                .chain(IMPORT_COLUMNS.iter().copied())
                .collect();
            w.write_record(&columns)?;
            for r in &rows {
                let value = serde_json::to_value(r)?;
                w.write_record(columns.iter().map(|c| match &value[*c] {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                }))?;
            }
            w.flush()?;
        }
        "json" => {
            serde_json::to_writer(&mut out, &rows)?;
            writeln!(out)?;
        }
        "xlsx" => {
            let Some(path) = output else {
                bail!("--format xlsx needs --output FILE.xlsx");
            };
            drop(out);
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("cooperatives")?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let columns: Vec<&str> = std::iter::once("id")
                .chain(IMPORT_COLUMNS.iter().copied())
                .collect();
            for (c, name) in columns.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, *name, &bold)?;
            }
            for (i, r) in rows.iter().enumerate() {
                let row = i as u32 + 1;
                let value = serde_json::to_value(r)?;
                for (c, name) in columns.iter().enumerate() {
                    match &value[*name] {
                        serde_json::Value::Number(n) => {
                            sheet.write_number(row, c as u16, n.as_f64().unwrap_or(0.0))?
                        }
                        serde_json::Value::String(s) => match s.parse::<i64>() {
                            // Counts and amounts as numbers so that spreadsheets can add them up.
                            Ok(n)
                                if matches!(
                                    *name,
                                    "capital" | "share_value" | "members" | "women_members" | "young_members"
                                ) =>
                            {
                                sheet.write_number(row, c as u16, n as f64)?
                            }
                            _ => sheet.write_string(row, c as u16, s)?,
                        },
                        _ => sheet,
                    };
                }
            }
            sheet.set_freeze_panes(1, 0)?;
            book.save(path)?;
        }
        other => bail!("--format must be csv, json or xlsx, not {other}"),
    }
    if let Some(path) = output {
        eprintln!("{} cooperatives written to {}", rows.len(), path.display());
    }
    Ok(())
}

pub async fn check_name(store: &Store, name: &str, limit: usize, json: bool) -> anyhow::Result<()> {
    let names = taawun_app::names::Names::load(store).await?;
    let result = taawun_app::names::check(&names, store, name, limit).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(());
    }
    let i18n = I18n::load()?;
    let lang = terminal_lang();
    println!(
        "{}",
        i18n.t(
            lang,
            if !result.distinctive {
                "name-not-distinctive"
            } else if result.available {
                "name-available"
            } else {
                "name-unavailable"
            }
        )
    );
    for m in &result.matches {
        println!(
            "{:>4.0}%  {:<28} {} / {}  [{}{}]",
            m.score * 100.0,
            i18n.t(lang, &format!("reason-{}", m.reason)),
            m.name_ar.as_deref().unwrap_or("—"),
            m.name_fr.as_deref().unwrap_or("—"),
            i18n.t(lang, &format!("status-{}", m.status)),
            if m.blocking { ", !" } else { "" },
        );
    }
    Ok(())
}
