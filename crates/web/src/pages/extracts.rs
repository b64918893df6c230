//! Extracts of the register that third parties can trust: anyone asks for one, gets a page and a
//! PDF with a QR code and a short code, and anyone can check at `/verify/{code}` (or offline
//! with `taawun verify-extract FILE`) that it is genuine — signed with the office's key — and
//! still current — no entry was added for the cooperative since.

use axum::{
    Form,
    extract::{Path, State},
    http::header,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use taawun_documents::{DocLang, ExtractEntry, ExtractLabels, ExtractValues, extract_pdf};
use taawun_domain::Lang;
use taawun_store::{CooperativeRow, Extract, NewExtract, RegisterEntry, StoreError};

use crate::{AppError, AppResult, AppState, auth, ctx::Ctx};

/// What the office signs: the facts a third party relies on, nothing personal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ExtractPayload {
    pub code: String,
    pub cooperative_id: i64,
    pub kind: String,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub status: String,
    pub central_number: Option<String>,
    pub registration_number: Option<String>,
    pub court_code: Option<String>,
    pub region_code: String,
    pub province_code: Option<String>,
    pub capital: Option<i64>,
    pub immatriculated_on: Option<String>,
    pub adaptation_state: Option<String>,
    /// Number of entries of the register about the cooperative, and the hash of the last one.
    pub entries: usize,
    pub last_entry_hash: Option<String>,
    pub issued_at: i64,
    pub key_id: String,
}

/// The file attached to the PDF: the payload exactly as signed, and the signature.
#[derive(Debug, Serialize, Deserialize)]
pub struct SignedExtract {
    pub payload: String,
    pub signature: String,
    pub key_id: String,
    pub public_key: String,
}

/// The verdict on an extract's code or file.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The code exists and the signature over the stored facts holds.
    pub genuine: bool,
    /// Nothing was entered in the register about the cooperative since it was issued.
    pub current: bool,
    pub code: String,
    pub cooperative_id: Option<i64>,
    pub issued_at: Option<i64>,
    pub payload: Option<ExtractPayload>,
}

fn registration_number(c: &CooperativeRow) -> Option<String> {
    match (&c.court_code, &c.local_number) {
        (Some(court), Some(n)) => Some(match n.parse::<i64>() {
            Ok(n) => taawun_domain::register::registration_number(court, n),
            Err(_) => format!("{court}/{n}"),
        }),
        _ => None,
    }
}

/// Issues an extract of a cooperative's record: anyone may ask (the register is public).
pub async fn issue(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let c = match app.store.cooperative(id).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let entries = app.store.entries_of_cooperative(id).await?;
    // A clash of random codes is astronomically rare; a few tries make it impossible in practice.
    for _ in 0..4 {
        let code = auth::random_token()[..10].to_uppercase();
        let payload = ExtractPayload {
            code: code.clone(),
            cooperative_id: c.id,
            kind: c.kind.clone(),
            name_ar: c.name_ar.clone(),
            name_fr: c.name_fr.clone(),
            status: c.status.clone(),
            central_number: c.central_number.clone(),
            registration_number: registration_number(&c),
            court_code: c.court_code.clone(),
            region_code: c.region_code.clone(),
            province_code: c.province_code.clone(),
            capital: c.capital,
            immatriculated_on: c.immatriculated_on.clone(),
            adaptation_state: c.adaptation_state.clone(),
            entries: entries.len(),
            last_entry_hash: entries.last().map(|e| e.hash.clone()),
            issued_at: taawun_store::now(),
            key_id: app.seal.key_id(),
        };
        let text = serde_json::to_string(&payload).map_err(|e| AppError::Internal(e.to_string()))?;
        let new = NewExtract {
            code: code.clone(),
            cooperative_id: c.id,
            lang: ctx.lang.code().into(),
            last_entry_id: entries.last().map(|e| e.id),
            signature: app.seal.sign(text.as_bytes()),
            payload: text,
            key_id: app.seal.key_id(),
            issued_at: payload.issued_at,
        };
        match app.store.save_extract(&new).await {
            Ok(_) => return Ok(Redirect::to(&format!("/extracts/{code}")).into_response()),
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Internal("no free extract code".into()))
}

/// Checks a code: the stored facts carry the office's signature, and the register has not moved.
pub async fn verdict(app: &AppState, code: &str) -> AppResult<Verdict> {
    let code = code.trim().to_uppercase();
    let mut v = Verdict {
        genuine: false,
        current: false,
        code: code.clone(),
        cooperative_id: None,
        issued_at: None,
        payload: None,
    };
    let valid = !code.is_empty() && code.len() <= 32 && code.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return Ok(v);
    }
    let e = match app.store.extract_by_code(&code).await {
        Ok(e) => e,
        Err(StoreError::NotFound) => return Ok(v),
        Err(e) => return Err(e.into()),
    };
    let key = match app.store.signing_key(&e.key_id).await {
        Ok(k) => Some(k),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    v.genuine = key.is_some_and(|k| taawun_documents::seal::verify(&k, e.payload.as_bytes(), &e.signature));
    v.cooperative_id = Some(e.cooperative_id);
    v.issued_at = Some(e.issued_at);
    v.current = v.genuine && app.store.last_entry_id(e.cooperative_id).await? == e.last_entry_id;
    v.payload = serde_json::from_str(&e.payload).ok();
    Ok(v)
}

async fn load(
    app: &AppState,
    code: &str,
) -> AppResult<(Extract, ExtractPayload, CooperativeRow, Vec<RegisterEntry>)> {
    let e = match app.store.extract_by_code(&code.trim().to_uppercase()).await {
        Ok(e) => e,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let payload: ExtractPayload = serde_json::from_str(&e.payload)
        .map_err(|err| AppError::Internal(format!("extract {}: {err}", e.code)))?;
    let c = app.store.cooperative(e.cooperative_id).await?;
    let entries: Vec<RegisterEntry> = app
        .store
        .entries_of_cooperative(e.cooperative_id)
        .await?
        .into_iter()
        .take(payload.entries)
        .collect();
    Ok((e, payload, c, entries))
}

fn verify_url(ctx: &Ctx, code: &str) -> String {
    format!("{}/verify/{code}", ctx.origin)
}

/// The extract as a printable page.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> AppResult<Html<String>> {
    let (e, payload, _, entries) = load(&app, &code).await?;
    let url = verify_url(&ctx, &e.code);
    let qr = taawun_documents::qr_svg_labelled(&url, &app.i18n.t(ctx.lang, "extract-qr-label"))
        .map_err(|err| AppError::Internal(err.to_string()))?;
    let court = match &payload.court_code {
        Some(c) => app.store.court(c).await.ok(),
        None => None,
    };
    Ok(app.templates.render(
        &ctx,
        "extract.html",
        minijinja::context! {
            x => e, p => payload, entries => entries, court => court, qr => minijinja::Value::from_safe_string(qr),
            verify_url => url,
        },
    )?)
}

/// The same extract as PDF, with the signed facts attached and the whole file sealed by the
/// office's key ([`taawun_documents::Seal::seal_pdf`]) for offline checks.
pub async fn pdf(State(app): State<AppState>, ctx: Ctx, Path(code): Path<String>) -> AppResult<Response> {
    let (e, payload, c, entries) = load(&app, &code).await?;
    let lang = ctx.lang;
    let t = |id: &str| app.i18n.t(lang, id);
    let court = match &payload.court_code {
        Some(code) => app
            .store
            .court(code)
            .await
            .map(|c| if lang == Lang::Ar { c.name_ar } else { c.name_fr })
            .unwrap_or_else(|_| code.clone()),
        None => "—".into(),
    };
    let seat = match &c.province_code {
        Some(p) => app
            .store
            .provinces(None)
            .await?
            .into_iter()
            .find(|x| x.code == *p)
            .map(|x| if lang == Lang::Ar { x.name_ar } else { x.name_fr })
            .unwrap_or_default(),
        None => String::new(),
    };
    let date = |iso: &Option<String>| {
        iso.as_deref()
            .and_then(|d| {
                time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok()
            })
            .map(|d| crate::i18n::format_date(&app.i18n, lang, d))
            .unwrap_or_else(|| "—".into())
    };
    let last = entries.last();
    let values = ExtractValues {
        lang: if lang == Lang::Ar {
            DocLang::Ar
        } else {
            DocLang::Fr
        },
        title: t("extract-title"),
        cooperative_name_ar: payload.name_ar.clone().unwrap_or_default(),
        cooperative_name_fr: payload.name_fr.clone().unwrap_or_default(),
        registration_number: payload.registration_number.clone().unwrap_or_else(|| "—".into()),
        central_number: payload.central_number.clone().unwrap_or_else(|| "—".into()),
        court,
        seat,
        legal_form: t(&format!("kind-{}", payload.kind)),
        status: t(&format!("status-{}", payload.status)),
        object: c
            .sector
            .as_deref()
            .map(|s| t(&format!("sector-{s}")))
            .unwrap_or_default(),
        capital: payload
            .capital
            .map(|n| {
                app.i18n
                    .t_args(lang, "amount-mad", &[("amount", crate::render::thousands(n))])
            })
            .unwrap_or_else(|| "—".into()),
        immatriculated_on: date(&payload.immatriculated_on),
        last_entry_kind: last
            .map(|e| t(&format!("entry-kind-{}", e.kind)))
            .unwrap_or_default(),
        last_entry_date: last
            .map(|e| date(&Some(e.entry_date.clone())))
            .unwrap_or_default(),
        last_entry_number: last.map(|e| e.number.to_string()).unwrap_or_default(),
        entries: entries
            .iter()
            .map(|e| ExtractEntry {
                number: taawun_domain::register::registration_number(&e.court_code, e.number),
                date: date(&Some(e.entry_date.clone())),
                kind: t(&format!("entry-kind-{}", e.kind)),
                summary: String::new(),
            })
            .collect(),
        issued_at: crate::i18n::format_timestamp(&app.i18n, lang, e.issued_at),
        code: e.code.clone(),
        verify_url: verify_url(&ctx, &e.code),
        qr_text: None,
        labels: ExtractLabels {
            issuer: t("extract-issuer"),
            record: t("extract-record"),
            registration_number: t("extract-registration-number"),
            central_number: t("field-central_number"),
            court: t("field-court"),
            seat: t("extract-seat"),
            legal_form: t("field-kind"),
            status: t("field-coop-status"),
            object: t("field-sector"),
            capital: t("field-capital"),
            immatriculated_on: t("field-immatriculated_on"),
            last_entry: t("extract-last-entry"),
            number: t("extract-number"),
            entries: t("extract-entries"),
            entry_number: t("col-entry-number"),
            entry_date: t("col-entry-date"),
            entry_kind: t("col-entry-kind"),
            entry_summary: t("extract-summary"),
            no_entries: t("extract-no-entries"),
            issued_at: t("extract-issued-at"),
            code: t("extract-code"),
            verify_at: t("extract-verify-at"),
            attachment: t("extract-attachment"),
            qr: t("extract-qr-label"),
        },
    };
    let signed = SignedExtract {
        payload: e.payload.clone(),
        signature: e.signature.clone(),
        key_id: e.key_id.clone(),
        public_key: app.seal.public_key_hex(),
    };
    let attachment = serde_json::to_vec(&signed).map_err(|err| AppError::Internal(err.to_string()))?;
    let seal = app.seal.clone();
    // The attachment's signature covers the facts, not the pages around them: the whole PDF is
    // sealed too, so that `taawun verify-extract` can tell that what it shows is what was issued.
    let bytes = app
        .documents
        .render(move || extract_pdf(&values, &attachment).map(|pdf| seal.seal_pdf(pdf)))
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"extract-{}.pdf\"", e.code),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    code: String,
}

/// Where a person types the code printed on an extract.
pub async fn verify_form(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    Ok(app
        .templates
        .render(&ctx, "verify.html", minijinja::context! { v => None::<()> })?)
}

pub async fn verify_submit(Form(form): Form<VerifyForm>) -> Response {
    let code: String = form.code.chars().filter(char::is_ascii_alphanumeric).collect();
    Redirect::to(&format!("/verify/{}", code.to_uppercase())).into_response()
}

pub async fn verify(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> AppResult<Html<String>> {
    let v = verdict(&app, &code).await?;
    Ok(app
        .templates
        .render(&ctx, "verify.html", minijinja::context! { v => v })?)
}
