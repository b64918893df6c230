//! `taawun import|export cooperatives` and `taawun check-name`.

use std::{collections::HashMap, io::Write, path::Path};

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
    pub messages: Vec<String>,
}

/// Fluent's isolation marks help browsers lay out mixed text; terminals print them as boxes.
fn plain(message: &str) -> String {
    message.replace(['\u{2068}', '\u{2069}'], "")
}

fn describe(i18n: &I18n, lang: Lang, errors: &ValidationErrors) -> Vec<String> {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, plain(&i18n.error(lang, e))))
        .collect()
}

/// Reads and validates every row; returns the valid records and the errors with line numbers.
pub fn read_file(
    path: &Path,
    today: time::Date,
    i18n: &I18n,
    lang: Lang,
) -> anyhow::Result<(Vec<Cooperative>, Vec<RowError>)> {
    let rules = LegalRules::default();
    let text = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(text).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('[');
    let mut raws: Vec<(u64, Result<RawCooperative, String>)> = Vec::new();
    if is_json {
        let values: Vec<serde_json::Value> =
            serde_json::from_str(text).context("the JSON file must be an array of objects")?;
        for (i, v) in values.into_iter().enumerate() {
            // JSON numbers and booleans are accepted as well as strings.
            let parsed = match v {
                serde_json::Value::Object(map) => {
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
                _ => Err("not an object".to_string()),
            };
            raws.push((i as u64 + 1, parsed));
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
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
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map_or(0, |p| p.line());
                    raws.push((
                        line,
                        r.deserialize::<RawCooperative>(Some(&headers))
                            .map_err(|e| e.to_string()),
                    ));
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    raws.push((line, Err(e.to_string())));
                }
            }
        }
    }
    let mut valid = Vec::with_capacity(raws.len());
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, raw) in raws {
        let raw = match raw {
            Ok(r) => r,
            Err(message) => {
                errors.push(RowError {
                    line,
                    messages: vec![message],
                });
                continue;
            }
        };
        match Cooperative::parse(&raw, &rules, today) {
            Ok(c) => {
                if let Some(n) = &c.central_number
                    && let Some(first) = seen.insert(n.as_str().to_string(), line)
                {
                    errors.push(RowError {
                        line,
                        messages: vec![format!(
                            "central_number: {} (line {first})",
                            i18n.t(lang, "error-duplicate_in_file")
                        )],
                    });
                    continue;
                }
                valid.push(c);
            }
            Err(e) => errors.push(RowError {
                line,
                messages: describe(i18n, lang, &e),
            }),
        }
    }
    Ok((valid, errors))
}

pub async fn import(store: &Store, path: &Path, skip_invalid: bool) -> anyhow::Result<()> {
    let i18n = I18n::load()?;
    let lang = terminal_lang();
    let today = time::OffsetDateTime::now_utc().date();
    let (records, errors) = read_file(path, today, &i18n, lang)?;
    let mut err = std::io::stderr().lock();
    for e in errors.iter().take(1000) {
        for m in &e.messages {
            writeln!(err, "{}:{}: {m}", path.display(), e.line)?;
        }
    }
    if errors.len() > 1000 {
        writeln!(err, "… {} more bad rows", errors.len() - 1000)?;
    }
    drop(err);
    if !errors.is_empty() && !skip_invalid {
        bail!(
            "{} bad rows: nothing imported (fix them, or use --skip-invalid to import the {} valid rows)",
            errors.len(),
            records.len()
        );
    }
    let bar = indicatif::ProgressBar::new(records.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let source = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().to_string());
    let summary = store
        .import_cooperatives(&records, &source, &Actor::System("import"), |done| {
            bar.set_position(done)
        })
        .await?;
    bar.finish_and_clear();
    println!(
        "{} rows imported: {} new, {} updated, {} skipped as invalid",
        records.len(),
        summary.inserted,
        summary.updated,
        errors.len()
    );
    Ok(())
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
    let names = taawun_web::names::Names::load(store).await?;
    let result = taawun_web::names::check(&names, store, name, limit).await?;
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
            if result.available {
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
