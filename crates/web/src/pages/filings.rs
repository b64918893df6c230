//! Files lodged at the clerk's office: a founder builds the founding file from an approved name;
//! a cooperative's manager files a modification, its adaptation to Law 112-12 or its radiation;
//! the clerk of the competent court registers or rejects; the office follows every court.
//!
//! The founding file is a task list (GOV.UK habit): each part has its own short page, the file
//! page says what is still missing, and only a complete file can be submitted.

use std::collections::BTreeSet;

use axum::{
    Form,
    extract::{Multipart, Path, Query, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use taawun_domain::{
    Kind, LegalRules, Role, ValidationError, ValidationErrors,
    register::{
        AdaptationRequest, Category, DocumentKind, EntryKind, FilingDetail, FilingKind, FilingStatus,
        Founder, FoundingFile, Governance, Missing, ModificationRequest, ModificationSubject, Officer,
        OfficerRole, RadiationCause, RadiationRequest, check_upload, field_path, required_documents,
        sniff_type,
    },
};
use taawun_store::{
    CooperativeRow, Filing, FilingOpened, FilingQuery, NewDocument, NewFiling, Registration, StoreError, User,
};

use super::{account::actor, form_errors, no_errors};
use crate::{AppError, AppResult, AppState, ctx::Ctx};

/// Rows shown for founders and officers: the filled ones plus a few blank ones to add more.
const BLANK_ROWS: usize = 3;

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn detail_of(f: &Filing) -> AppResult<FilingDetail> {
    serde_json::from_str(&f.detail).map_err(|e| AppError::Internal(format!("filing {} detail: {e}", f.id)))
}

fn status_of(f: &Filing) -> FilingStatus {
    FilingStatus::parse("status", &f.status).unwrap_or(FilingStatus::Draft)
}

/// Who may read a file: its applicant, the clerks of its court once lodged, the office (a
/// regional agent for their region), administrators.
fn can_view(user: &User, f: &Filing) -> bool {
    match user.role {
        Role::CooperativeManager => user.id == f.applicant_user_id,
        Role::CourtClerk => f.court_code.is_some() && user.court_code == f.court_code && f.status != "draft",
        Role::OfficeAgent => user.region_code.as_ref().is_none_or(|r| *r == f.region_code),
        Role::Administrator => true,
        Role::Partner => false,
    }
}

fn can_edit(user: &User, f: &Filing) -> bool {
    user.id == f.applicant_user_id && status_of(f).is_editable()
}

fn can_decide(user: &User, f: &Filing) -> bool {
    user.role == Role::CourtClerk
        && f.status == "submitted"
        && user.court_code.is_some()
        && user.court_code == f.court_code
}

/// A file its reader may also change (a founder's draft or refused file): the one check every
/// editing handler makes.
async fn load_editable(app: &AppState, ctx: &Ctx, id: &str) -> AppResult<Filing> {
    let f = load(app, ctx, id).await?;
    if !can_edit(ctx.require_user()?, &f) {
        return Err(AppError::Forbidden);
    }
    Ok(f)
}

async fn load(app: &AppState, ctx: &Ctx, id: &str) -> AppResult<Filing> {
    let user = ctx.require_user()?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let filing = match app.store.filing(id).await {
        Ok(f) => f,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !can_view(user, &filing) {
        return Err(AppError::Forbidden);
    }
    Ok(filing)
}

/// The kinds of document uploaded (the store lists them by kind, every version).
fn uploaded_kinds(docs: &[taawun_store::FilingDocument]) -> Vec<DocumentKind> {
    let mut kinds: Vec<DocumentKind> = docs
        .iter()
        .filter_map(|d| DocumentKind::parse("document_kind", &d.kind).ok())
        .collect();
    kinds.dedup();
    kinds
}

/// What still stands between the file and its submission.
fn missing(
    detail: &FilingDetail,
    kind: FilingKind,
    uploaded: &[DocumentKind],
    rules: &LegalRules,
) -> Vec<Missing> {
    let today = today();
    let mut out: Vec<Missing> = match detail {
        FilingDetail::Founding(file) => return file.missing(uploaded, rules, today),
        FilingDetail::Modification(m) => m.check(rules, today).iter().cloned().map(Missing::Rule).collect(),
        FilingDetail::Radiation(r) => r.check(today).iter().cloned().map(Missing::Rule).collect(),
        FilingDetail::Adaptation(_) => Vec::new(),
    };
    for d in required_documents(kind, detail) {
        if !uploaded.contains(&d) {
            out.push(Missing::Document(d));
        }
    }
    out
}

/// Missing items as the page lists them: translated, with a link to the part to fix.
fn missing_view(app: &AppState, ctx: &Ctx, items: &[Missing]) -> Vec<minijinja::Value> {
    items
        .iter()
        .map(|m| match m {
            Missing::Rule(e) => minijinja::context! {
                kind => "rule", field => field_path(e), message => app.i18n.error(ctx.lang, e),
                section => section_of(e.field),
                help => crate::kb::explain_link(e.code).map(|(url, _)| url),
            },
            Missing::Document(d) => minijinja::context! {
                kind => "document", document => d.as_str(),
                help => crate::kb::explain_link(d.as_str()).map(|(url, _)| url),
            },
        })
        .collect()
}

/// The founding file's part where a field is edited.
fn section_of(field: &str) -> &'static str {
    match field.split('-').next().unwrap_or(field) {
        "object" | "sector" | "branch" | "categories" | "duration_years" | "name_ar" | "name_fr" => {
            "activity"
        }
        "province" | "commune" | "address" => "seat",
        "share_value" => "capital",
        // The capital is the sum of the founders' shares: it is met by adding founders or shares.
        "capital" | "founders" | "union_members" => "founders",
        "governance" | "officers" => "governance",
        _ => "details",
    }
}

async fn file_page(app: &AppState, ctx: &Ctx, f: &Filing, errors: minijinja::Value) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let detail = detail_of(f)?;
    let kind = FilingKind::parse("kind", &f.kind).unwrap_or(FilingKind::Immatriculation);
    let rules = LegalRules::default();
    let documents = app.store.filing_documents(f.id).await?;
    let uploaded = uploaded_kinds(&documents);
    let missing_items = missing(&detail, kind, &uploaded, &rules);
    let required: Vec<&str> = required_documents(kind, &detail)
        .iter()
        .map(|d| d.as_str())
        .collect();
    let court = match &f.court_code {
        Some(c) => app.store.court(c).await.ok(),
        None => None,
    };
    let cooperative = match f.cooperative_id {
        Some(id) => app.store.cooperative(id).await.ok(),
        None => None,
    };
    let entries = match f.cooperative_id {
        Some(id) => app
            .store
            .entries_of_cooperative(id)
            .await?
            .into_iter()
            .filter(|e| e.filing_id == Some(f.id))
            .collect(),
        None => Vec::new(),
    };
    let founding = match &detail {
        FilingDetail::Founding(file) => Some(minijinja::context! {
            file => file, capital => file.capital(), paid_up => file.paid_up(), women => file.women(),
            young => file.young(today()),
        }),
        _ => None,
    };
    let html = app.templates.render(
        ctx,
        "filing.html",
        minijinja::context! {
            f => f, detail => detail, founding => founding, court => court, cooperative => cooperative,
            documents => documents, required => required, missing => missing_view(app, ctx, &missing_items),
            can_edit => can_edit(user, f), can_decide => can_decide(user, f),
            can_submit => can_edit(user, f) && missing_items.is_empty(),
            entries => entries, errors => errors,
            document_kinds => all_document_kinds(),
        },
    )?;
    Ok(html.into_response())
}

fn all_document_kinds() -> Vec<&'static str> {
    use DocumentKind as D;
    [
        D::Statutes,
        D::ConstitutiveMinutes,
        D::BankCertificate,
        D::LocalAuthorityReceipt,
        D::InKindEvaluation,
        D::EgmMinutes,
        D::FormerApproval,
        D::BoardMinutes,
        D::DissolutionMinutes,
        D::LiquidationReport,
        D::MergerAgreement,
        D::FoundersList,
        D::Other,
    ]
    .iter()
    .map(|d| d.as_str())
    .collect()
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let f = load(&app, &ctx, &id).await?;
    file_page(&app, &ctx, &f, no_errors()).await
}

/// The files a person deals with: a manager's own, a clerk's court inbox, the office's view.
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let user = ctx.require_user()?;
    let query = match user.role {
        Role::CooperativeManager => FilingQuery {
            applicant_user_id: Some(user.id),
            ..Default::default()
        },
        Role::CourtClerk => FilingQuery {
            court_code: Some(user.court_code.clone().ok_or(AppError::Forbidden)?),
            ..Default::default()
        },
        Role::OfficeAgent => FilingQuery {
            region_code: user.region_code.clone(),
            ..Default::default()
        },
        Role::Administrator => FilingQuery::default(),
        Role::Partner => return Err(AppError::Forbidden),
    };
    let mut filings = app.store.filings(&query).await?;
    if user.role == Role::CourtClerk {
        // Drafts are the founders' business until lodged.
        filings.retain(|f| f.status != "draft");
    }
    let approved = if user.role == Role::CooperativeManager {
        app.store
            .name_requests(&taawun_store::NameRequestScope::Applicant(user.id))
            .await?
            .into_iter()
            .filter(|r| {
                r.status == "approved"
                    && !filings
                        .iter()
                        .any(|f| f.name_request_id == Some(r.id) && f.status != "withdrawn")
            })
            .collect()
    } else {
        Vec::new()
    };
    let managed = if user.role == Role::CooperativeManager {
        app.store.managed_cooperatives(user.id).await?
    } else {
        Vec::new()
    };
    Ok(app.templates.render(
        &ctx,
        "filings.html",
        minijinja::context! { filings => filings, approved => approved, managed => managed, role => user.role.as_str() },
    )?)
}

#[derive(Deserialize)]
pub struct NewFromName {
    #[serde(default)]
    name_request: String,
}

/// Starts the founding file of an approved, still reserved name.
pub async fn create_founding(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewFromName>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| r == Role::CooperativeManager)?;
    let id: i64 = form.name_request.trim().parse().map_err(|_| AppError::NotFound)?;
    let request = app.store.name_request(id).await?;
    if request.applicant_user_id != user.id {
        return Err(AppError::Forbidden);
    }
    let kind = Kind::parse("kind", &request.kind).unwrap_or(Kind::Cooperative);
    let mut file = FoundingFile::new(kind, request.name_ar.clone(), request.name_fr.clone());
    // The signatories of the name request are the founders-to-be: start the list with them.
    file.founders = request
        .founders
        .iter()
        .map(|name| Founder {
            full_name: name.clone(),
            shares: 1,
            ..Founder::default()
        })
        .collect();
    file.duration_years = 99;
    let detail = serde_json::to_string(&FilingDetail::Founding(file))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // The store checks, in the transaction that opens the file, that the name is still
    // approved and reserved for this founder and founds no other live file.
    let opened = app
        .store
        .open_filing(
            &NewFiling {
                kind: FilingKind::Immatriculation.as_str().into(),
                cooperative_id: None,
                name_request_id: Some(id),
                applicant_user_id: user.id,
                region_code: request.region_code.clone(),
                detail,
            },
            &actor(user),
        )
        .await;
    match opened {
        Ok(FilingOpened::Created(id) | FilingOpened::Existing(id)) => {
            Ok(Redirect::to(&format!("/filings/{id}")).into_response())
        }
        Err(StoreError::Conflict(_)) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}

/// A manager starts a modification, adaptation or radiation of their cooperative.
pub async fn new_for_cooperative(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(String, String)>,
    Query(q): Query<FromBooks>,
) -> AppResult<Response> {
    let (cooperative, kind) = cooperative_filing_target(&app, &ctx, &id, &kind).await?;
    let form = match q.from.as_deref() {
        Some("books") if kind == FilingKind::Modification => from_books(&app, &cooperative).await?,
        _ => DetailsForm::default(),
    };
    details_page(&app, &ctx, kind, &cooperative, &form, None, no_errors()).await
}

#[derive(Deserialize, Default)]
pub struct FromBooks {
    #[serde(default)]
    from: Option<String>,
}

/// A modification prefilled from the cooperative's own books: the officers in office, the
/// subscribed capital and the members today. The manager ticks what changed and checks the rest.
async fn from_books(app: &AppState, coop: &CooperativeRow) -> AppResult<DetailsForm> {
    use taawun_domain::coop_space::{Member, capital};
    let today = time::OffsetDateTime::now_utc().date();
    let ledger: Vec<_> = app
        .store
        .share_ledger(coop.id)
        .await?
        .into_iter()
        .map(|m| m.movement)
        .collect();
    let share_value = coop
        .share_value
        .unwrap_or(taawun_domain::LegalRules::default().min_share_value);
    let c = capital(share_value, &ledger);
    let members: Vec<Member> = app
        .store
        .members(coop.id)
        .await?
        .into_iter()
        .map(|m| m.member)
        .collect();
    let mut officers = Vec::new();
    let mut manager = false;
    for m in app
        .store
        .mandates(coop.id)
        .await?
        .into_iter()
        .filter(|m| m.ended_on.is_none())
    {
        let role = match m.role.as_str() {
            "chair" => "chair",
            "manager" => {
                manager = true;
                "manager"
            }
            "board_member" => "member",
            // Auditors are not officers of the register.
            _ => continue,
        };
        let years = match (super::iso_date(&m.starts_on), super::iso_date(&m.ends_on)) {
            (Some(s), Some(e)) => ((e - s).whole_days() / 365).max(1).to_string(),
            _ => String::new(),
        };
        officers.push((m.holder, role.to_string(), years));
    }
    let mut subjects = Vec::new();
    if !officers.is_empty() {
        subjects.push(if manager { "manager" } else { "board" }.to_string());
    }
    Ok(DetailsForm {
        subjects,
        capital: if c.subscribed > 0 {
            c.subscribed.to_string()
        } else {
            String::new()
        },
        share_value: share_value.to_string(),
        members: members
            .iter()
            .filter(|m| m.is_member_on(today))
            .count()
            .to_string(),
        officers,
        ..DetailsForm::default()
    })
}

async fn cooperative_filing_target(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    kind: &str,
) -> AppResult<(CooperativeRow, FilingKind)> {
    let user = ctx.require_role(|r| r == Role::CooperativeManager)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let kind = FilingKind::parse("kind", kind).map_err(|_| AppError::NotFound)?;
    if kind == FilingKind::Immatriculation || !app.store.is_manager(user.id, id).await? {
        return Err(AppError::Forbidden);
    }
    let c = app.store.cooperative(id).await?;
    let allowed = match kind {
        FilingKind::Adaptation => {
            c.pre_112_12 && c.adaptation_state.as_deref() != Some("adapted") && c.status == "active"
        }
        FilingKind::Modification => c.status == "active",
        FilingKind::Radiation => matches!(c.status.as_str(), "active" | "in_dissolution"),
        FilingKind::Immatriculation => false,
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok((c, kind))
}

/// The fields of a modification, adaptation or radiation, as typed.
#[derive(Default, serde::Serialize)]
pub struct DetailsForm {
    subjects: Vec<String>,
    name_ar: String,
    name_fr: String,
    province: String,
    address: String,
    capital: String,
    share_value: String,
    note: String,
    decided_on: String,
    egm_date: String,
    former_approval_ref: String,
    members: String,
    cause: String,
    liquidator: String,
    absorbing_cooperative: String,
    /// New officers for a change of board or managers: name, role, mandate in years.
    officers: Vec<(String, String, String)>,
}

impl DetailsForm {
    /// From the submitted pairs: checkboxes repeat a name, which plain form decoding refuses.
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let v = |name: &str| super::form_value(pairs, name).to_string();
        DetailsForm {
            subjects: super::form_values(pairs, "subjects").map(String::from).collect(),
            name_ar: v("name_ar"),
            name_fr: v("name_fr"),
            province: v("province"),
            address: v("address"),
            capital: v("capital"),
            share_value: v("share_value"),
            note: v("note"),
            decided_on: v("decided_on"),
            egm_date: v("egm_date"),
            former_approval_ref: v("former_approval_ref"),
            members: v("members"),
            cause: v("cause"),
            liquidator: v("liquidator"),
            absorbing_cooperative: v("absorbing_cooperative"),
            officers: (0..100)
                .map(|i| {
                    (
                        v(&format!("officers-{i}-full_name")),
                        v(&format!("officers-{i}-role")),
                        v(&format!("officers-{i}-mandate_years")),
                    )
                })
                .filter(|(name, _, _)| !name.trim().is_empty())
                .collect(),
        }
    }
}

fn parse_date(field: &'static str, raw: &str, e: &mut ValidationErrors) -> Option<time::Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        e.push(ValidationError::new(field, "required"));
        return None;
    }
    e.check(taawun_domain::cooperative::parse_date(field, raw))
        .flatten()
}

fn parse_amount(field: &'static str, raw: &str, e: &mut ValidationErrors) -> Option<i64> {
    // Whole dirhams: a comma between thousands is a separator, as on the paper forms.
    match taawun_domain::number::whole_number_in(&raw.replace(',', ""), 0..=i64::MAX) {
        Ok(n) => n,
        Err(_) => {
            e.push(ValidationError::new(field, "invalid_number"));
            None
        }
    }
}

fn optional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Turns the typed fields into the domain's request, with every error at once.
fn parse_details(
    kind: FilingKind,
    form: &DetailsForm,
    c: &CooperativeRow,
) -> Result<FilingDetail, ValidationErrors> {
    let rules = LegalRules::default();
    let today = today();
    let mut e = ValidationErrors::new();
    let detail = match kind {
        FilingKind::Modification => {
            let mut subjects = BTreeSet::new();
            for s in &form.subjects {
                if let Some(s) = e.check(ModificationSubject::parse("subjects", s)) {
                    subjects.insert(s);
                }
            }
            let mut officers = Vec::new();
            for (i, (name, role, years)) in form.officers.iter().enumerate() {
                let role = match OfficerRole::parse("officers-role", role) {
                    Ok(r) => r,
                    Err(err) => {
                        e.push(err.with_arg("row", i + 1));
                        OfficerRole::Member
                    }
                };
                officers.push(Officer {
                    full_name: name.trim().to_string(),
                    role,
                    mandate_years: whole(years),
                });
            }
            let governance = if subjects.contains(&ModificationSubject::Manager) {
                Some(Governance::Manager { managers: officers })
            } else if subjects.contains(&ModificationSubject::Board) {
                Some(Governance::Board { members: officers })
            } else {
                None
            };
            let m = ModificationRequest {
                subjects: subjects.clone(),
                name_ar: optional(&form.name_ar),
                name_fr: optional(&form.name_fr),
                province: optional(&form.province),
                commune: None,
                address: optional(&form.address),
                capital: parse_amount("capital", &form.capital, &mut e),
                share_value: parse_amount("share_value", &form.share_value, &mut e),
                governance,
                note: form.note.trim().to_string(),
                decided_on: if form.decided_on.trim().is_empty() {
                    None
                } else {
                    parse_date("decided_on", &form.decided_on, &mut e)
                },
            };
            e.0.extend(m.check(&rules, today).0);
            FilingDetail::Modification(m)
        }
        FilingKind::Adaptation => {
            let egm_date = parse_date("egm_date", &form.egm_date, &mut e);
            let members = parse_amount("members", &form.members, &mut e).unwrap_or(0);
            let a = AdaptationRequest {
                egm_date: egm_date.unwrap_or(today),
                former_approval_ref: form.former_approval_ref.trim().to_string(),
                members,
            };
            let kind = Kind::parse("kind", &c.kind).unwrap_or(Kind::Cooperative);
            if egm_date.is_some() {
                e.0.extend(a.check(kind, &rules, today).0);
            } else {
                e.0.extend(
                    a.check(kind, &rules, today)
                        .0
                        .into_iter()
                        .filter(|x| x.field != "egm_date"),
                );
            }
            FilingDetail::Adaptation(a)
        }
        FilingKind::Radiation => {
            let cause = e.check(RadiationCause::parse("cause", &form.cause));
            let decided_on = parse_date("decided_on", &form.decided_on, &mut e);
            let absorbing = parse_amount("absorbing_cooperative", &form.absorbing_cooperative, &mut e);
            let r = RadiationRequest {
                cause: cause.unwrap_or(RadiationCause::Dissolution),
                decided_on: decided_on.unwrap_or(today),
                absorbing_cooperative: absorbing,
                liquidator: optional(&form.liquidator),
                note: form.note.trim().to_string(),
            };
            if cause.is_some() && decided_on.is_some() {
                e.0.extend(r.check(today).0);
            }
            FilingDetail::Radiation(r)
        }
        FilingKind::Immatriculation => {
            return Err(ValidationErrors::from(ValidationError::new(
                "kind",
                "invalid_choice",
            )));
        }
    };
    if e.is_empty() { Ok(detail) } else { Err(e) }
}

async fn details_page(
    app: &AppState,
    ctx: &Ctx,
    kind: FilingKind,
    c: &CooperativeRow,
    form: &DetailsForm,
    filing_id: Option<i64>,
    errors: minijinja::Value,
) -> AppResult<Response> {
    let provinces = app.store.provinces(None).await?;
    let html = app.templates.render(
        ctx,
        "filing_details.html",
        minijinja::context! {
            kind => kind.as_str(), c => c, form => form, errors => errors, provinces => provinces,
            officers_rows => form.officers.len() + BLANK_ROWS,
            roles => ["chair", "vice_chair", "secretary", "treasurer", "member", "manager"],
            filing_id => filing_id,
            action => match filing_id {
                Some(id) => format!("/filings/{id}/details"),
                None => format!("/cooperatives/{}/filings/{}", c.id, kind.as_str()),
            },
        },
    )?;
    Ok(html.into_response())
}

pub async fn create_for_cooperative(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = DetailsForm::from_pairs(&pairs);
    let (c, kind) = cooperative_filing_target(&app, &ctx, &id, &kind).await?;
    let user = ctx.require_user()?;
    match parse_details(kind, &form, &c) {
        Ok(detail) => {
            let detail = serde_json::to_string(&detail).map_err(|e| AppError::Internal(e.to_string()))?;
            let id = app
                .store
                .create_filing(
                    &NewFiling {
                        kind: kind.as_str().into(),
                        cooperative_id: Some(c.id),
                        name_request_id: None,
                        applicant_user_id: user.id,
                        region_code: c.region_code.clone(),
                        detail,
                    },
                    &actor(user),
                )
                .await?;
            Ok(Redirect::to(&format!("/filings/{id}")).into_response())
        }
        Err(errors) => {
            let page = details_page(
                &app,
                &ctx,
                kind,
                &c,
                &form,
                None,
                form_errors(&app.i18n, ctx.lang, &errors),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// Changing the details of a modification, adaptation or radiation file (draft or rejected).
pub async fn details_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    let c = app
        .store
        .cooperative(f.cooperative_id.ok_or(AppError::NotFound)?)
        .await?;
    let kind = FilingKind::parse("kind", &f.kind).map_err(|_| AppError::NotFound)?;
    let form = match detail_of(&f)? {
        FilingDetail::Modification(m) => DetailsForm {
            subjects: m.subjects.iter().map(|s| s.as_str().to_string()).collect(),
            name_ar: m.name_ar.unwrap_or_default(),
            name_fr: m.name_fr.unwrap_or_default(),
            province: m.province.unwrap_or_default(),
            address: m.address.unwrap_or_default(),
            capital: m.capital.map(|n| n.to_string()).unwrap_or_default(),
            share_value: m.share_value.map(|n| n.to_string()).unwrap_or_default(),
            note: m.note,
            decided_on: m.decided_on.map(|d| d.to_string()).unwrap_or_default(),
            officers: m
                .governance
                .as_ref()
                .map(|g| {
                    g.officers()
                        .iter()
                        .map(|o| {
                            (
                                o.full_name.clone(),
                                o.role.as_str().to_string(),
                                o.mandate_years.map(|y| y.to_string()).unwrap_or_default(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            ..Default::default()
        },
        FilingDetail::Adaptation(a) => DetailsForm {
            egm_date: a.egm_date.to_string(),
            former_approval_ref: a.former_approval_ref,
            members: a.members.to_string(),
            ..Default::default()
        },
        FilingDetail::Radiation(r) => DetailsForm {
            cause: r.cause.as_str().into(),
            decided_on: r.decided_on.to_string(),
            liquidator: r.liquidator.unwrap_or_default(),
            absorbing_cooperative: r.absorbing_cooperative.map(|n| n.to_string()).unwrap_or_default(),
            note: r.note,
            ..Default::default()
        },
        FilingDetail::Founding(_) => return Err(AppError::NotFound),
    };
    details_page(&app, &ctx, kind, &c, &form, Some(f.id), no_errors()).await
}

pub async fn save_details(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = DetailsForm::from_pairs(&pairs);
    let f = load_editable(&app, &ctx, &id).await?;
    let user = ctx.require_user()?;
    let c = app
        .store
        .cooperative(f.cooperative_id.ok_or(AppError::NotFound)?)
        .await?;
    let kind = FilingKind::parse("kind", &f.kind).map_err(|_| AppError::NotFound)?;
    match parse_details(kind, &form, &c) {
        Ok(detail) => {
            let detail = serde_json::to_string(&detail).map_err(|e| AppError::Internal(e.to_string()))?;
            save(&app, &f, &detail, user).await?;
            Ok(Redirect::to(&format!("/filings/{}", f.id)).into_response())
        }
        Err(errors) => {
            let page = details_page(
                &app,
                &ctx,
                kind,
                &c,
                &form,
                Some(f.id),
                form_errors(&app.i18n, ctx.lang, &errors),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn save(app: &AppState, f: &Filing, detail: &str, user: &User) -> AppResult<()> {
    match app.store.update_filing_detail(f.id, detail, &actor(user)).await {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict(_)) => Err(AppError::Invalid(
            ValidationError::new("status", "invalid_transition").into(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// One part of the founding file: activity, seat, capital, founders or governance.
pub async fn section_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, section)): Path<(String, String)>,
) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    let FilingDetail::Founding(file) = detail_of(&f)? else {
        return Err(AppError::NotFound);
    };
    section_page(&app, &ctx, &f, &section, &file, no_errors()).await
}

async fn section_page(
    app: &AppState,
    ctx: &Ctx,
    f: &Filing,
    section: &str,
    file: &FoundingFile,
    errors: minijinja::Value,
) -> AppResult<Response> {
    if !matches!(
        section,
        "activity" | "seat" | "capital" | "founders" | "governance"
    ) {
        return Err(AppError::NotFound);
    }
    let provinces = app.store.provinces(Some(&f.region_code)).await?;
    let founders_rows = file.founders.len() + BLANK_ROWS;
    let officers = file.governance.officers();
    let officers_rows = officers.len() + BLANK_ROWS;
    let model = match file.governance {
        Governance::Board { .. } => "board",
        Governance::Manager { .. } => "manager",
    };
    let sectors: Vec<minijinja::Value> = taawun_domain::SECTORS
        .iter()
        .map(|(s, branches)| minijinja::context! { code => s, branches => branches })
        .collect();
    let html = app.templates.render(
        ctx,
        "filing_section.html",
        minijinja::context! {
            f => f, section => section, file => file, errors => errors, provinces => provinces,
            founders_rows => founders_rows, officers => officers, officers_rows => officers_rows, model => model,
            sectors => sectors,
            categories => ["producers_supply", "production_for_members", "work_for_members"],
            roles => ["chair", "vice_chair", "secretary", "treasurer", "member", "manager"],
        },
    )?;
    Ok(html.into_response())
}

fn number_or_zero(field: &'static str, raw: &str, row: usize, e: &mut ValidationErrors) -> i64 {
    if raw.trim().is_empty() {
        return 0;
    }
    whole(raw).unwrap_or_else(|| {
        e.push(ValidationError::new(field, "invalid_number").with_arg("row", row + 1));
        0
    })
}

/// A whole number typed in either digit form (`taawun_domain::number`), a comma between
/// thousands allowed, that fits the field's type; None when empty or not such a number.
fn whole<T: TryFrom<i64>>(raw: &str) -> Option<T> {
    taawun_domain::number::whole_number_in(&raw.replace(',', ""), 0..=i64::MAX)
        .ok()
        .flatten()
        .and_then(|n| T::try_from(n).ok())
}

/// Whether the file's seat (province, and commune when given) lies in `region`, the region its
/// name was approved for: the competent court and the office's regional agent follow from it.
async fn seat_in_region(app: &AppState, file: &FoundingFile, region: &str) -> AppResult<bool> {
    let in_region = app
        .store
        .provinces(Some(region))
        .await?
        .iter()
        .any(|p| p.code == file.province);
    Ok(in_region)
}

/// Applies a submitted part to the file. Format errors (a number that is not one) are returned;
/// the rules of the law are checked on the whole file and shown as "missing".
fn apply_section(file: &mut FoundingFile, section: &str, form: &[(String, String)]) -> ValidationErrors {
    let mut e = ValidationErrors::new();
    match section {
        "activity" => {
            file.object = super::form_value(form, "object").trim().to_string();
            file.sector = super::form_value(form, "sector").trim().to_string();
            file.branch = optional(super::form_value(form, "branch"));
            file.categories = super::form_values(form, "categories")
                .filter_map(|v| e.check(Category::parse("categories", v)))
                .collect();
            file.duration_years = match whole(super::form_value(form, "duration_years")) {
                Some(n) => n,
                None => {
                    e.push(ValidationError::new("duration_years", "invalid_number"));
                    file.duration_years
                }
            };
        }
        "seat" => {
            file.province = super::form_value(form, "province").trim().to_string();
            file.commune = optional(super::form_value(form, "commune"));
            file.address = super::form_value(form, "address").trim().to_string();
        }
        "capital" => {
            file.share_value = match whole(super::form_value(form, "share_value")) {
                Some(n) => n,
                None => {
                    e.push(ValidationError::new("share_value", "invalid_number"));
                    file.share_value
                }
            };
        }
        "founders" => {
            let mut founders = Vec::new();
            for i in 0..200 {
                let name = super::form_value(form, &format!("founders-{i}-full_name")).trim();
                let id = super::form_value(form, &format!("founders-{i}-id_number")).trim();
                if name.is_empty() && id.is_empty() {
                    if form.iter().any(|(k, _)| k.starts_with(&format!("founders-{i}-"))) {
                        continue;
                    }
                    break;
                }
                let row = founders.len();
                let birth = super::form_value(form, &format!("founders-{i}-birth_year")).trim();
                founders.push(Founder {
                    full_name: name.to_string(),
                    id_number: id.to_string(),
                    legal_person: super::form_value(form, &format!("founders-{i}-legal_person")) == "1",
                    representative: optional(super::form_value(
                        form,
                        &format!("founders-{i}-representative"),
                    )),
                    woman: super::form_value(form, &format!("founders-{i}-woman")) == "1",
                    birth_year: if birth.is_empty() {
                        None
                    } else {
                        Some(number_or_zero("founders-birth_year", birth, row, &mut e) as i32)
                    },
                    shares: number_or_zero(
                        "founders-shares",
                        super::form_value(form, &format!("founders-{i}-shares")),
                        row,
                        &mut e,
                    ),
                    paid: number_or_zero(
                        "founders-paid",
                        super::form_value(form, &format!("founders-{i}-paid")),
                        row,
                        &mut e,
                    ),
                    in_kind: number_or_zero(
                        "founders-in_kind",
                        super::form_value(form, &format!("founders-{i}-in_kind")),
                        row,
                        &mut e,
                    ),
                });
            }
            file.founders = founders;
            if file.kind == Kind::Union {
                // Member cooperatives by their number in the register, one per line or comma.
                let mut members = Vec::new();
                for (i, part) in super::form_value(form, "union_members")
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .enumerate()
                {
                    match part.trim_start_matches('#').parse::<i64>() {
                        Ok(id) => members.push(id),
                        Err(_) => e.push(
                            ValidationError::new("union_members", "invalid_number").with_arg("row", i + 1),
                        ),
                    }
                }
                file.union_members = members;
            }
        }
        "governance" => {
            let mut officers = Vec::new();
            for i in 0..100 {
                let name = super::form_value(form, &format!("officers-{i}-full_name")).trim();
                if name.is_empty() {
                    if form.iter().any(|(k, _)| k.starts_with(&format!("officers-{i}-"))) {
                        continue;
                    }
                    break;
                }
                let row = officers.len();
                let role = match OfficerRole::parse(
                    "officers-role",
                    super::form_value(form, &format!("officers-{i}-role")),
                ) {
                    Ok(r) => r,
                    Err(err) => {
                        e.push(err.with_arg("row", row + 1));
                        OfficerRole::Member
                    }
                };
                let years = super::form_value(form, &format!("officers-{i}-mandate_years")).trim();
                officers.push(Officer {
                    full_name: name.to_string(),
                    role,
                    mandate_years: if years.is_empty() {
                        None
                    } else {
                        Some(number_or_zero("officers-mandate_years", years, row, &mut e) as i32)
                    },
                });
            }
            file.governance = if super::form_value(form, "model") == "manager" {
                Governance::Manager { managers: officers }
            } else {
                Governance::Board { members: officers }
            };
        }
        _ => {}
    }
    e
}

pub async fn save_section(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, section)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    let user = ctx.require_user()?;
    let FilingDetail::Founding(mut file) = detail_of(&f)? else {
        return Err(AppError::NotFound);
    };
    let mut errors = apply_section(&mut file, &section, &form);
    if section == "seat" && !file.province.is_empty() && !seat_in_region(&app, &file, &f.region_code).await? {
        errors.push(ValidationError::new("province", "seat_outside_name_region"));
    }
    if !errors.is_empty() {
        let page = section_page(
            &app,
            &ctx,
            &f,
            &section,
            &file,
            form_errors(&app.i18n, ctx.lang, &errors),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    // Rule errors of this part are shown at once; the file is saved anyway (a draft may be
    // incomplete), and the file page lists what remains.
    let rules = LegalRules::default();
    let part_errors = ValidationErrors(
        file.check(&rules, today())
            .0
            .into_iter()
            .filter(|e| section_of(e.field) == section && e.code != "required")
            .collect(),
    );
    let detail = serde_json::to_string(&FilingDetail::Founding(file.clone()))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    save(&app, &f, &detail, user).await?;
    if part_errors.is_empty() {
        Ok(Redirect::to(&format!("/filings/{}", f.id)).into_response())
    } else {
        let page = section_page(
            &app,
            &ctx,
            &f,
            &section,
            &file,
            form_errors(&app.i18n, ctx.lang, &part_errors),
        )
        .await?;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    }
}

/// Uploads one document (multipart, CSRF token in the query string).
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    let user = ctx.require_user()?;
    let mut errors = ValidationErrors::new();
    let max = taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES;
    let form = super::upload::read(&mut multipart, "file", max, &mut errors).await;
    let kind = errors.check(DocumentKind::parse("document_kind", form.field("document_kind")));
    // No file chosen (the browser then sends an empty part without a name), an empty file or
    // one too large: said once, on the field, before anything is checked of its name.
    let sent = form.bytes("file", max, &mut errors).is_some();
    let file = form.file;
    let checked = match (&kind, &file) {
        (Some(k), Some((name, declared, bytes))) if sent && errors.is_empty() => errors.check(
            check_upload(
                *k,
                name,
                declared,
                bytes,
                taawun_domain::register::DEFAULT_MAX_UPLOAD_BYTES,
            )
            .map(|()| sniff_type(bytes).unwrap_or("application/octet-stream")),
        ),
        _ => None,
    };
    if let (Some(kind), Some((name, _, bytes)), Some(content_type)) = (kind, file, checked) {
        let sha = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        let doc = NewDocument {
            kind: kind.as_str().into(),
            file_name: name.trim().to_string(),
            content_type: content_type.into(),
            sha256: sha,
            content: bytes,
        };
        match app.store.add_filing_document(f.id, &doc, &actor(user)).await {
            Ok(_) => return Ok(Redirect::to(&format!("/filings/{}#documents", f.id)).into_response()),
            Err(StoreError::Conflict(_)) => errors.push(ValidationError::new("status", "invalid_transition")),
            Err(e) => return Err(e.into()),
        }
    }
    let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A document of a file, for whoever may read the file.
pub async fn document(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, doc)): Path<(String, String)>,
) -> AppResult<Response> {
    let f = load(&app, &ctx, &id).await?;
    let doc: i64 = doc.parse().map_err(|_| AppError::NotFound)?;
    let (meta, bytes) = app.store.filing_document_content(doc).await?;
    if meta.filing_id != f.id {
        return Err(AppError::NotFound);
    }
    // Only the three sniffed types are ever stored; anything else is served as a download.
    let content_type = match meta.content_type.as_str() {
        t @ ("application/pdf" | "image/jpeg" | "image/png") => t,
        _ => "application/octet-stream",
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"document-{}\"", meta.id),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// The founder lodges the complete file with the competent court.
pub async fn submit(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    let detail = detail_of(&f)?;
    let kind = FilingKind::parse("kind", &f.kind).map_err(|_| AppError::NotFound)?;
    let uploaded = uploaded_kinds(&app.store.filing_documents(f.id).await?);
    if !missing(&detail, kind, &uploaded, &LegalRules::default()).is_empty() {
        let errors = ValidationErrors::from(ValidationError::new("status", "filing_incomplete"));
        let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    if let FilingDetail::Founding(file) = &detail
        && !seat_in_region(&app, file, &f.region_code).await?
    {
        let errors = ValidationErrors::from(ValidationError::new("province", "seat_outside_name_region"));
        let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    // A union's members must be living cooperatives of the register (the domain checks their
    // number; only the register knows whether they exist).
    if let FilingDetail::Founding(file) = &detail
        && file.kind == Kind::Union
    {
        let found = app.store.cooperatives_by_ids(&file.union_members).await?;
        let living = |id: &i64| {
            found
                .iter()
                .any(|c| c.id == *id && c.kind == "cooperative" && matches!(c.status.as_str(), "active"))
        };
        if let Some((i, _)) = file.union_members.iter().enumerate().find(|(_, id)| !living(id)) {
            let errors = ValidationErrors::from(
                ValidationError::new("union_members", "union_member_unknown").with_arg("row", i + 1),
            );
            let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    }
    // The competent court is that of the seat: the new seat for a founding, else the
    // cooperative's court (or the court of its province when the register did not say).
    let court = match (&detail, f.cooperative_id) {
        (FilingDetail::Founding(file), _) => app.store.competent_court(&file.province).await?.map(|c| c.code),
        (_, Some(id)) => {
            let c = app.store.cooperative(id).await?;
            match c.court_code {
                Some(code) => Some(code),
                None => match &c.province_code {
                    Some(p) => app.store.competent_court(p).await?.map(|c| c.code),
                    None => None,
                },
            }
        }
        _ => None,
    };
    let Some(court) = court else {
        let errors = ValidationErrors::from(ValidationError::new("province", "no_competent_court"));
        let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    transition(
        &app,
        &ctx,
        &f,
        &["draft", "rejected"],
        "submitted",
        Some(&court),
        None,
    )
    .await
}

/// The confirmation step before a file is withdrawn: what it means, and the way back.
pub async fn withdraw_confirm(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    let file = match detail_of(&f)? {
        FilingDetail::Founding(file) => Some(file),
        _ => None,
    };
    Ok(app
        .templates
        .render(
            &ctx,
            "filing_withdraw.html",
            minijinja::context! { f => &f, file => file },
        )?
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct WithdrawForm {
    /// Set by the confirmation page's button; a post without it shows that page instead.
    #[serde(default)]
    confirm: String,
}

pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<WithdrawForm>,
) -> AppResult<Response> {
    let f = load_editable(&app, &ctx, &id).await?;
    if form.confirm != "yes" {
        return Ok(Redirect::to(&format!("/filings/{}/withdraw", f.id)).into_response());
    }
    transition(&app, &ctx, &f, &["draft", "rejected"], "withdrawn", None, None).await
}

async fn transition(
    app: &AppState,
    ctx: &Ctx,
    f: &Filing,
    from: &[&str],
    to: &str,
    court: Option<&str>,
    reason: Option<&str>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    match app
        .store
        .set_filing_status(f.id, from, to, court, reason, &actor(user))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/filings/{}", f.id)).into_response()),
        Err(StoreError::Conflict(_)) => {
            let errors = ValidationErrors::from(ValidationError::new("status", "invalid_transition"));
            let f = app.store.filing(f.id).await?;
            let page = file_page(app, ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// The clerk of the competent court registers the file (a numbered entry) or rejects it.
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let f = load(&app, &ctx, &id).await?;
    let user = ctx.require_user()?;
    if !can_decide(user, &f) {
        return Err(AppError::Forbidden);
    }
    let reason = form.reason.trim();
    match form.decision.as_str() {
        "reject" => {
            let mut errors = ValidationErrors::new();
            super::check_decision_reason(reason, true, &mut errors);
            if !errors.is_empty() {
                let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
            transition(&app, &ctx, &f, &["submitted"], "rejected", None, Some(reason)).await
        }
        "register" => {
            let court = f.court_code.clone().ok_or(AppError::Forbidden)?;
            let detail = detail_of(&f)?;
            let current = match f.cooperative_id {
                Some(id) => Some(app.store.cooperative(id).await?),
                None => None,
            };
            let (record, officers) = record_after(&app, &detail, current.as_ref(), &f).await?;
            let entry_kind = FilingKind::parse("kind", &f.kind)
                .map(FilingKind::entry_kind)
                .unwrap_or(EntryKind::Modification);
            let registration = Registration {
                filing_id: f.id,
                clerk_user_id: user.id,
                court_code: court,
                entry_kind,
                entry_date: today().to_string(),
                record,
                officers,
                union_members: match &detail {
                    FilingDetail::Founding(file) if file.kind == Kind::Union => {
                        Some(file.union_members.clone())
                    }
                    _ => None,
                },
            };
            match app.store.register_filing(&registration, &actor(user)).await {
                Ok(_) => {
                    app.names.sync(&app.store).await?;
                    Ok(Redirect::to(&format!("/filings/{}", f.id)).into_response())
                }
                Err(StoreError::Conflict(what)) => {
                    let errors = ValidationErrors::from(if what == "name_taken" {
                        ValidationError::new("decision", "name_already_registered")
                    } else {
                        ValidationError::new("status", "invalid_transition")
                    });
                    let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
                    Ok((StatusCode::CONFLICT, page).into_response())
                }
                Err(e) => Err(e.into()),
            }
        }
        _ => {
            let errors = ValidationErrors::from(ValidationError::new("decision", "required"));
            let page = file_page(&app, &ctx, &f, form_errors(&app.i18n, ctx.lang, &errors)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

fn officers_json(g: &Governance) -> serde_json::Value {
    serde_json::Value::Array(
        g.officers()
            .iter()
            .map(|o| serde_json::json!({ "full_name": o.full_name, "role": o.role.as_str() }))
            .collect(),
    )
}

/// The cooperative's record once the file is registered.
async fn record_after(
    app: &AppState,
    detail: &FilingDetail,
    current: Option<&CooperativeRow>,
    f: &Filing,
) -> AppResult<(CooperativeRow, Option<serde_json::Value>)> {
    let today = today();
    let date = today.to_string();
    Ok(match (detail, current) {
        (FilingDetail::Founding(file), _) => {
            // The cooperative belongs to the region its name was approved for, and its seat
            // must lie there (a file saved before this rule could hold another region's seat).
            if !seat_in_region(app, file, &f.region_code).await? {
                return Err(AppError::invalid(ValidationError::new(
                    "province",
                    "seat_outside_name_region",
                )));
            }
            let region = f.region_code.clone();
            let members = match file.kind {
                Kind::Cooperative => file.founders.len() as i64,
                Kind::Union => file.union_members.len() as i64,
            };
            (
                CooperativeRow {
                    id: 0,
                    central_number: None,
                    kind: file.kind.as_str().into(),
                    name_ar: file.name_ar.clone(),
                    name_fr: file.name_fr.clone(),
                    status: "active".into(),
                    sector: optional(&file.sector),
                    branch: file.branch.clone(),
                    region_code: region,
                    province_code: optional(&file.province),
                    commune_code: file.commune.clone(),
                    address: optional(&file.address),
                    court_code: None,
                    local_number: None,
                    founded_on: Some(date.clone()),
                    immatriculated_on: Some(date),
                    adapted_on: None,
                    capital: Some(file.capital()),
                    share_value: Some(file.share_value),
                    members: Some(members),
                    women_members: Some(file.women()),
                    young_members: Some(file.young(today)),
                    phone: None,
                    email: None,
                    pre_112_12: false,
                    adaptation_state: None,
                    history: false,
                    contact_public: false,
                },
                Some(officers_json(&file.governance)),
            )
        }
        (FilingDetail::Modification(m), Some(c)) => {
            let mut c = c.clone();
            let mut officers = None;
            for s in &m.subjects {
                match s {
                    ModificationSubject::Name => {
                        c.name_ar = m.name_ar.clone().or(c.name_ar);
                        c.name_fr = m.name_fr.clone().or(c.name_fr);
                    }
                    ModificationSubject::Seat => {
                        if let Some(p) = &m.province {
                            if let Some(province) = app
                                .store
                                .provinces(None)
                                .await?
                                .into_iter()
                                .find(|x| x.code == *p)
                            {
                                c.region_code = province.region_code;
                            }
                            c.province_code = Some(p.clone());
                            c.commune_code = m.commune.clone();
                        }
                        c.address = m.address.clone().or(c.address);
                    }
                    ModificationSubject::Capital => {
                        c.capital = m.capital.or(c.capital);
                        c.share_value = m.share_value.or(c.share_value);
                    }
                    ModificationSubject::Board | ModificationSubject::Manager => {
                        officers = m.governance.as_ref().map(officers_json);
                    }
                    ModificationSubject::Statutes => {}
                }
            }
            (c, officers)
        }
        (FilingDetail::Adaptation(a), Some(c)) => {
            let mut c = c.clone();
            c.adaptation_state = Some("adapted".into());
            c.adapted_on = Some(date);
            c.members = Some(a.members);
            (c, None)
        }
        (FilingDetail::Radiation(_), Some(c)) => {
            let mut c = c.clone();
            c.status = "radiated".into();
            (c, None)
        }
        _ => return Err(AppError::NotFound),
    })
}

#[derive(Deserialize)]
pub struct RegisterQuery {
    #[serde(default)]
    court: Option<String>,
}

/// The register: a clerk's own court's entries, the office's view of every court.
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Html<String>> {
    let user =
        ctx.require_role(|r| matches!(r, Role::CourtClerk | Role::OfficeAgent | Role::Administrator))?;
    let (entries, court) = match (user.role, q.court.as_deref().filter(|c| !c.is_empty())) {
        (Role::CourtClerk, _) => {
            let court = user.court_code.clone().ok_or(AppError::Forbidden)?;
            let mut entries = app.store.register_page(&court, 0, 10_000).await?;
            entries.reverse();
            (entries, Some(court))
        }
        (_, Some(court)) => {
            let mut entries = app.store.register_page(court, 0, 10_000).await?;
            entries.reverse();
            (entries, Some(court.to_string()))
        }
        _ => (
            app.store.latest_entries(user.region_code.as_deref(), 200).await?,
            None,
        ),
    };
    let rows: Vec<minijinja::Value> = entries
        .iter()
        .map(|e| {
            let record: serde_json::Value = serde_json::from_str(&e.content).unwrap_or_default();
            minijinja::context! {
                e => e, record => record.get("record").cloned().unwrap_or_default(),
                number => taawun_domain::register::registration_number(&e.court_code, e.number),
            }
        })
        .collect();
    Ok(app.templates.render(
        &ctx,
        "register.html",
        minijinja::context! { rows => rows, court => court },
    )?)
}

/// The model statutes filled in with the founding file (name, seat, object, capital …): the
/// founders adapt, sign and upload them. `pdf` selects the printable PDF over the page.
async fn statutes_response(app: &AppState, ctx: &Ctx, id: &str, pdf: bool) -> AppResult<Response> {
    let f = load(app, ctx, id).await?;
    let FilingDetail::Founding(file) = detail_of(&f)? else {
        return Err(AppError::NotFound);
    };
    let lang = ctx.lang;
    let mut article = app.store.kb_article("model-statutes", lang.code()).await?;
    let province = app
        .store
        .provinces(None)
        .await?
        .into_iter()
        .find(|p| p.code == file.province);
    let local = |ar: &str, fr: &str| {
        if lang == taawun_domain::Lang::Ar {
            ar.to_string()
        } else {
            fr.to_string()
        }
    };
    let region = province
        .as_ref()
        .map(|p| app.i18n.t(lang, &format!("region-{}", p.region_code)))
        .unwrap_or_default();
    let court = match &f.court_code {
        Some(c) => app.store.court(c).await.ok(),
        None => app.store.competent_court(&file.province).await?,
    };
    let name = match lang {
        taawun_domain::Lang::Ar => file.name_ar.clone().or(file.name_fr.clone()),
        taawun_domain::Lang::Fr => file.name_fr.clone().or(file.name_ar.clone()),
    }
    .unwrap_or_default();
    let shares: i64 = file.founders.iter().map(|x| x.shares).sum();
    let values: Vec<(&str, String)> = vec![
        ("cooperative_name", name),
        ("seat_address", file.address.clone()),
        ("commune", file.commune.clone().unwrap_or_default()),
        (
            "province",
            province
                .as_ref()
                .map(|p| local(&p.name_ar, &p.name_fr))
                .unwrap_or_default(),
        ),
        ("region", region),
        ("object", file.object.clone()),
        (
            "sector",
            if file.sector.is_empty() {
                String::new()
            } else {
                app.i18n.t(lang, &format!("sector-{}", file.sector))
            },
        ),
        ("duration_years", file.duration_years.to_string()),
        ("capital", crate::render::thousands(file.capital())),
        ("share_value", crate::render::thousands(file.share_value)),
        ("share_count", shares.to_string()),
        ("founders_count", file.founders.len().to_string()),
        (
            "court",
            court.map(|c| local(&c.name_ar, &c.name_fr)).unwrap_or_default(),
        ),
        ("date", String::new()),
    ];
    // Placeholders with a value are replaced; those still empty stay blanks to fill by hand.
    let mut body = article.body.clone();
    for (key, value) in &values {
        if !value.trim().is_empty() {
            body = body.replace(
                &format!("{{{{ {key} }}}}"),
                &crate::kb::markdown::escape_markdown(value),
            );
        }
    }
    article.body = body;
    if pdf {
        return super::kb::pdf_response(app, &article).await;
    }
    let rendered = crate::kb::markdown::to_html(
        &crate::kb::markdown::fill_blanks(&article.body),
        &crate::kb::markdown::RenderOptions {
            lang: lang.code(),
            questions: None,
        },
    );
    let html = app.templates.render(
        ctx,
        "filing_statutes.html",
        minijinja::context! { f => f, title => article.title, html => minijinja::Value::from_safe_string(rendered.html) },
    )?;
    Ok(html.into_response())
}

pub async fn statutes(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    statutes_response(&app, &ctx, &id, false).await
}

pub async fn statutes_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    statutes_response(&app, &ctx, &id, true).await
}
