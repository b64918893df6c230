//! Products as records of their own: a cooperative's managers (and the office of its region)
//! keep its products — names and descriptions in Arabic and French, category, price range,
//! photos resized on upload, the certificates covering each one; buyers search them in the
//! public product catalogue and see each cooperative's shop. Also the scanned certificate
//! documents and the office's export of certificates by region.

use axum::{
    Form, Router,
    extract::{DefaultBodyLimit, Path, Query, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::{Value, context};
use serde::Deserialize;
use taawun_domain::{
    Lang, RegionCode, Role, ValidationError, ValidationErrors,
    markets::{CertificationKind, CertificationState, RawCertification, certification_state},
    products::{MAX_PHOTOS, ProductCategory, RawProduct, check_certifications},
    register::{DEFAULT_MAX_UPLOAD_BYTES, DocumentKind, check_upload},
};
use taawun_store::{NewCertificationDocument, NewProductPhoto, Product, ProductFilter, StoreError};

use super::{
    account::actor,
    campaigns::{parse_id, today},
    form_errors,
    markets::{certifications_page, keeper},
    no_errors,
};
use crate::{
    AppError, AppResult, AppState,
    ctx::Ctx,
    export::{self, Cell},
    photos,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cooperatives/{id}/products", get(manage).post(add))
        .route("/cooperatives/{id}/products/{product}", get(edit_form).post(edit))
        .route(
            "/cooperatives/{id}/products/{product}/photos",
            post(add_photo).layer(DefaultBodyLimit::max(photos::MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route(
            "/cooperatives/{id}/products/{product}/photos/delete",
            post(delete_photo),
        )
        .route(
            "/cooperatives/{id}/products/{product}/delete",
            post(delete_product),
        )
        .route("/cooperatives/{id}/shop", get(shop))
        .route("/products", get(catalogue))
        .route("/products/{id}", get(show))
        .route("/products/photos/{picture}", get(photo))
        .route(
            "/cooperatives/{id}/certifications/document",
            post(upload_document).layer(DefaultBodyLimit::max(DEFAULT_MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route("/certifications/{id}/document", get(document))
        .route("/certifications/export", get(export_certifications))
}

/// How many products a catalogue page shows; filters narrow it down.
pub const CATALOGUE_LIMIT: i64 = 200;

fn parse_iso(s: &str) -> Option<time::Date> {
    super::iso_date(s)
}

/// A certificate's state today.
fn state_of(expires_on: Option<&str>, day: time::Date) -> CertificationState {
    certification_state(expires_on.and_then(parse_iso), day)
}

/// A product with what pages show beside it: the state of each certificate and whether one runs.
pub(crate) fn product_view(p: &Product, day: time::Date) -> Value {
    let certs: Vec<Value> = p
        .certifications
        .iter()
        .map(|c| {
            let state = state_of(c.expires_on.as_deref(), day);
            context! {
                ..Value::from_serialize(c),
                ..context! { state => state.as_str(), running => state != CertificationState::Expired }
            }
        })
        .collect();
    let certified = p
        .certifications
        .iter()
        .any(|c| state_of(c.expires_on.as_deref(), day) != CertificationState::Expired);
    context! {
        ..Value::from_serialize(p),
        ..context! { certs => certs, certified => certified }
    }
}

/// A product form's fields and its ticked certificates (a repeated field).
fn read_form(pairs: Vec<(String, String)>) -> (RawProduct, Vec<String>) {
    let mut raw = RawProduct::default();
    let mut certs = Vec::new();
    for (k, v) in pairs {
        match k.as_str() {
            "category" => raw.category = v,
            "name_ar" => raw.name_ar = v,
            "name_fr" => raw.name_fr = v,
            "description_ar" => raw.description_ar = v,
            "description_fr" => raw.description_fr = v,
            "price_min_dh" => raw.price_min_dh = v,
            "price_max_dh" => raw.price_max_dh = v,
            "certifications" => certs.push(v),
            _ => {}
        }
    }
    (raw, certs)
}

/// The form's fields from a stored product, to edit it.
fn raw_of(p: &Product) -> (RawProduct, Vec<String>) {
    let price = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    (
        RawProduct {
            category: p.category.clone(),
            name_ar: p.name_ar.clone(),
            name_fr: p.name_fr.clone(),
            description_ar: p.description_ar.clone(),
            description_fr: p.description_fr.clone(),
            price_min_dh: price(p.price_min_dh),
            price_max_dh: price(p.price_max_dh),
        },
        p.certifications.iter().map(|c| c.id.to_string()).collect(),
    )
}

fn categories() -> Vec<&'static str> {
    ProductCategory::ALL.iter().map(|c| c.as_str()).collect()
}

/// Checks a product form against the cooperative's certificates.
async fn check_form(
    app: &AppState,
    coop: i64,
    raw: &RawProduct,
    certs: &[String],
) -> AppResult<Result<(taawun_domain::products::ProductDraft, Vec<i64>), ValidationErrors>> {
    let owned: Vec<i64> = app
        .store
        .certifications(coop)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let linked = check_certifications(certs, &owned);
    Ok(match (raw.parse(), linked) {
        (Ok(d), Ok(l)) => Ok((d, l)),
        (Err(mut e), Err(l)) => {
            e.push(l);
            Err(e)
        }
        (Err(e), Ok(_)) => Err(e),
        (Ok(_), Err(l)) => Err(l.into()),
    })
}

async fn manage_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &taawun_store::CooperativeRow,
    form: &RawProduct,
    ticked: &[String],
    errors: Value,
) -> AppResult<Html<String>> {
    let day = today();
    let products: Vec<Value> = app
        .store
        .products_of(coop.id)
        .await?
        .iter()
        .map(|p| product_view(p, day))
        .collect();
    let certifications = app.store.certifications(coop.id).await?;
    Ok(app.templates.render(
        ctx,
        "products.html",
        context! {
            coop => coop, products => products, certifications => certifications, form => form,
            ticked => ticked, categories => categories(), errors => errors,
        },
    )?)
}

pub async fn manage(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Html<String>> {
    let (_, coop) = keeper(&app, &ctx, &id).await?;
    manage_page(&app, &ctx, &coop, &RawProduct::default(), &[], no_errors()).await
}

pub async fn add(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let (raw, ticked) = read_form(pairs);
    match check_form(&app, coop.id, &raw, &ticked).await? {
        Ok((draft, linked)) => {
            let pid = app
                .store
                .add_product(coop.id, &draft, &linked, &actor(&user))
                .await?;
            // Next, its photos.
            Ok(Redirect::to(&format!("/cooperatives/{}/products/{pid}#photos", coop.id)).into_response())
        }
        Err(e) => {
            let page = manage_page(
                &app,
                &ctx,
                &coop,
                &raw,
                &ticked,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// A product of this cooperative, or 404.
async fn owned_product(app: &AppState, coop: i64, product: &str) -> AppResult<Product> {
    let p = app.store.product(parse_id(product)?).await?;
    if p.cooperative_id == coop {
        Ok(p)
    } else {
        Err(AppError::NotFound)
    }
}

async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    coop: &taawun_store::CooperativeRow,
    product: &Product,
    form: &RawProduct,
    ticked: &[String],
    errors: Value,
) -> AppResult<Html<String>> {
    let certifications = app.store.certifications(coop.id).await?;
    Ok(app.templates.render(
        ctx,
        "product_form.html",
        context! {
            coop => coop, p => product_view(product, today()), certifications => certifications,
            form => form, ticked => ticked, categories => categories(), errors => errors,
            max_photos => MAX_PHOTOS, max_photo_mb => photos::MAX_UPLOAD_BYTES / (1024 * 1024),
            max_side => photos::MAX_SIDE,
        },
    )?)
}

pub async fn edit_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, product)): Path<(String, String)>,
) -> AppResult<Html<String>> {
    let (_, coop) = keeper(&app, &ctx, &id).await?;
    let p = owned_product(&app, coop.id, &product).await?;
    let (raw, ticked) = raw_of(&p);
    edit_page(&app, &ctx, &coop, &p, &raw, &ticked, no_errors()).await
}

pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, product)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let p = owned_product(&app, coop.id, &product).await?;
    let (raw, ticked) = read_form(pairs);
    match check_form(&app, coop.id, &raw, &ticked).await? {
        Ok((draft, linked)) => {
            app.store
                .update_product(coop.id, p.id, &draft, &linked, &actor(&user))
                .await?;
            Ok(Redirect::to(&format!("/cooperatives/{}/products", coop.id)).into_response())
        }
        Err(e) => {
            let page = edit_page(
                &app,
                &ctx,
                &coop,
                &p,
                &raw,
                &ticked,
                form_errors(&app.i18n, ctx.lang, &e),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// A photo of a product: checked by content (JPEG or PNG), decoded, resized and re-encoded as a
/// light JPEG with a thumbnail ([`photos::resize`]); at most [`MAX_PHOTOS`] per product.
pub async fn add_photo(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, product)): Path<(String, String)>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    // Who may upload is decided before the body is read.
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let p = owned_product(&app, coop.id, &product).await?;
    let mut errors = ValidationErrors::new();
    let form = match multipart {
        Ok(mut m) => super::upload::read(&mut m, "photo", photos::MAX_UPLOAD_BYTES, &mut errors).await,
        Err(_) => Default::default(),
    };
    if p.photos.len() >= MAX_PHOTOS {
        errors.push(ValidationError::new("photo", "too_many_photos").with_arg("max", MAX_PHOTOS));
    }
    let bytes = if errors.is_empty() {
        form.bytes("photo", photos::MAX_UPLOAD_BYTES, &mut errors)
            .map(<[u8]>::to_vec)
    } else {
        None
    };
    // The count was checked above, before anything is decoded; the store checks it again when
    // the photo is added, against uploads running alongside.
    let resized = match bytes {
        Some(bytes) => app.photos.resize(bytes, &mut errors).await?,
        None => None,
    };
    if let Some(r) = resized {
        let photo = NewProductPhoto {
            width: r.width,
            height: r.height,
            bytes: &r.bytes,
            thumb: &r.thumb,
        };
        match app
            .store
            .add_product_photo(coop.id, p.id, &photo, &actor(&user))
            .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/cooperatives/{}/products/{}#photos", coop.id, p.id))
                        .into_response(),
                );
            }
            Err(StoreError::Conflict(_)) => {
                errors.push(ValidationError::new("photo", "too_many_photos").with_arg("max", MAX_PHOTOS))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let (raw, ticked) = raw_of(&p);
    let page = edit_page(
        &app,
        &ctx,
        &coop,
        &p,
        &raw,
        &ticked,
        form_errors(&app.i18n, ctx.lang, &errors),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize, Default)]
pub struct DeletePhoto {
    #[serde(default)]
    pub photo_id: String,
}

/// Removes one of a product's photos. Removing one already gone changes nothing.
pub async fn delete_photo(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, product)): Path<(String, String)>,
    Form(f): Form<DeletePhoto>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let p = owned_product(&app, coop.id, &product).await?;
    if let Ok(photo) = f.photo_id.trim().parse::<i64>()
        && p.photos.contains(&photo)
    {
        app.store
            .delete_product_photo(coop.id, photo, &actor(&user))
            .await?;
    }
    Ok(Redirect::to(&format!("/cooperatives/{}/products/{}#photos", coop.id, p.id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct DeleteProduct {
    #[serde(default)]
    pub confirm: String,
}

/// Removes a product no longer sold, once the manager has ticked the confirmation.
pub async fn delete_product(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, product)): Path<(String, String)>,
    Form(f): Form<DeleteProduct>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let p = owned_product(&app, coop.id, &product).await?;
    if f.confirm != "yes" {
        let errors: ValidationErrors = ValidationError::new("confirm", "confirm_required").into();
        let (raw, ticked) = raw_of(&p);
        let page = edit_page(
            &app,
            &ctx,
            &coop,
            &p,
            &raw,
            &ticked,
            form_errors(&app.i18n, ctx.lang, &errors),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    app.store.delete_product(coop.id, p.id, &actor(&user)).await?;
    Ok(Redirect::to(&format!("/cooperatives/{}/products", coop.id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct PhotoQuery {
    #[serde(default)]
    pub thumb: Option<String>,
}

/// A product photo (or its thumbnail with `?thumb=1`), public like the catalogue. A photo is
/// never changed, only added or removed, so its address may be cached for long.
pub async fn photo(
    State(app): State<AppState>,
    Path(picture): Path<String>,
    Query(q): Query<PhotoQuery>,
) -> AppResult<Response> {
    let bytes = app
        .store
        .product_photo(parse_id(&picture)?, q.thumb.is_some())
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=2592000, immutable"),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct ProductQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub region: String,
    /// A certificate kind, or `any` for any running certificate.
    #[serde(default)]
    pub certification: String,
}

impl ProductQuery {
    /// The filters, with unknown codes dropped rather than refused: a shared link with a stale
    /// code still lists something.
    pub fn filter(&self) -> ProductFilter {
        let text = self.q.trim();
        ProductFilter {
            text: (!text.is_empty() && text.chars().count() <= 100).then(|| text.to_string()),
            category: ProductCategory::parse("category", &self.category)
                .ok()
                .map(|c| c.as_str().to_string()),
            region: RegionCode::parse("region", &self.region)
                .ok()
                .map(|r| r.as_str().to_string()),
            certification: match self.certification.trim() {
                "any" => Some("any".to_string()),
                other => CertificationKind::parse("certification", other)
                    .ok()
                    .map(|k| k.as_str().to_string()),
            },
        }
    }
}

/// The product catalogue's entries for the public.
pub(crate) async fn catalogue_products(app: &AppState, q: &ProductQuery) -> AppResult<Vec<Product>> {
    Ok(app
        .store
        .product_catalogue(&q.filter(), &today().to_string(), CATALOGUE_LIMIT)
        .await?)
}

pub async fn catalogue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ProductQuery>,
) -> AppResult<Html<String>> {
    let day = today();
    let entries: Vec<Value> = catalogue_products(&app, &q)
        .await?
        .iter()
        .map(|p| product_view(p, day))
        .collect();
    let regions = app.store.regions().await?;
    let kinds: Vec<&str> = CertificationKind::ALL.iter().map(|k| k.as_str()).collect();
    let f = q.filter();
    Ok(app.templates.render(
        &ctx,
        "product_catalogue.html",
        context! {
            entries => entries, regions => regions, kinds => kinds, categories => categories(),
            q => q.q.trim(), region => f.region, category => f.category,
            certification => f.certification, limit => CATALOGUE_LIMIT,
        },
    )?)
}

/// A product's public page: its photos, descriptions, price, certificates and contact.
pub async fn show(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let p = app.store.product(parse_id(&id)?).await?;
    let coop = app.store.cooperative(p.cooperative_id).await?;
    if coop.status != "active" {
        return Err(AppError::NotFound);
    }
    Ok(app.templates.render(
        &ctx,
        "product.html",
        context! { p => product_view(&p, today()), coop => coop },
    )?)
}

/// A cooperative's shop: its products, its running certificates and how to reach it.
pub async fn shop(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Html<String>> {
    let coop = app.store.cooperative(parse_id(&id)?).await?;
    if coop.status != "active" {
        return Err(AppError::NotFound);
    }
    let day = today();
    let products: Vec<Value> = app
        .store
        .products_of(coop.id)
        .await?
        .iter()
        .map(|p| product_view(p, day))
        .collect();
    let certifications: Vec<Value> = app
        .store
        .certifications(coop.id)
        .await?
        .iter()
        .filter_map(|c| {
            let state = state_of(c.expires_on.as_deref(), day);
            (state != CertificationState::Expired).then(|| {
                context! {
                    ..Value::from_serialize(c),
                    ..context! { state => state.as_str() }
                }
            })
        })
        .collect();
    let can_manage = keeper(&app, &ctx, &id).await.is_ok();
    Ok(app.templates.render(
        &ctx,
        "shop.html",
        context! {
            coop => coop, products => products, certifications => certifications, can_manage => can_manage,
        },
    )?)
}

/// The scanned certificate (PDF, JPEG or PNG by content, at most 10 MB); a new one replaces it.
pub async fn upload_document(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let (user, coop) = keeper(&app, &ctx, &id).await?;
    let mut errors = ValidationErrors::new();
    let form = match multipart {
        Ok(mut m) => super::upload::read(&mut m, "file", DEFAULT_MAX_UPLOAD_BYTES, &mut errors).await,
        Err(_) => Default::default(),
    };
    let certification = form.field("document_for").trim().parse::<i64>().ok();
    if certification.is_none() {
        errors.push(ValidationError::new("document_for", "required"));
    }
    // No file chosen, an empty one or one too large: said once, before its name is checked.
    let sent = form
        .bytes("file", DEFAULT_MAX_UPLOAD_BYTES, &mut errors)
        .is_some();
    let file = match &form.file {
        Some((name, declared, bytes)) if sent => {
            match check_upload(
                DocumentKind::Other,
                name,
                declared,
                bytes,
                DEFAULT_MAX_UPLOAD_BYTES,
            ) {
                Ok(()) => Some((name, bytes)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        }
        _ => None,
    };
    if let (Some(cert), Some((name, bytes)), true) = (certification, file, errors.is_empty()) {
        // The type the content shows, never the one the browser declared.
        let content_type = taawun_domain::register::sniff_type(bytes).unwrap_or("application/octet-stream");
        let sha256 = {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(bytes);
            digest.iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        let doc = NewCertificationDocument {
            file_name: name.trim(),
            content_type,
            sha256: &sha256,
            bytes,
        };
        match app
            .store
            .set_certification_document(coop.id, cert, &doc, &actor(&user))
            .await
        {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/cooperatives/{}/certifications", coop.id)).into_response());
            }
            Err(StoreError::NotFound) => errors.push(ValidationError::new("document_for", "required")),
            Err(e) => return Err(e.into()),
        }
    }
    let page = certifications_page(
        &app,
        &ctx,
        &user,
        &coop,
        &RawCertification::default(),
        form_errors(&app.i18n, ctx.lang, &errors),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A certificate's scanned document, for those who keep the cooperative's certificates: its
/// managers, the office of its region, administrators. Buyers check a certificate with its
/// issuer, by the number the catalogue shows.
pub async fn document(State(app): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    ctx.require_user()?;
    let doc = app.store.certification_document(parse_id(&id)?).await?;
    keeper(&app, &ctx, &doc.cooperative_id.to_string()).await?;
    let ext = match doc.content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    Ok((
        [
            (header::CONTENT_TYPE, doc.content_type.clone()),
            // Downloaded, never shown inline: a file is not a page of the site.
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"certificate-{id}.{ext}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        doc.bytes,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct ExportQuery {
    #[serde(default)]
    pub format: String,
}

/// The office's export of certificates by region (`?format=csv`, the default, or `xlsx`), with each one's state today. A
/// regional agent gets their region.
pub async fn export_certifications(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let user = ctx.require_role(|r| matches!(r, Role::OfficeAgent | Role::Administrator))?;
    let list = app
        .store
        .certifications_by_region(user.region_code.as_deref())
        .await?;
    let day = today();
    let t = |k: &str| app.i18n.t(ctx.lang, k);
    let header: Vec<String> = [
        "field-region",
        "mkt-col-cooperative",
        "field-kind",
        "field-number",
        "field-issuer",
        "field-products",
        "field-issued_on",
        "field-expires_on",
        "cert-col-state",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|c| {
            let name = match ctx.lang {
                Lang::Ar => c.cooperative_name_ar.clone().or(c.cooperative_name_fr.clone()),
                Lang::Fr => c.cooperative_name_fr.clone().or(c.cooperative_name_ar.clone()),
            };
            vec![
                Cell::Text(t(&format!("region-{}", c.region_code))),
                Cell::Text(name.unwrap_or_default()),
                Cell::Text(t(&format!("cert-kind-{}", c.kind))),
                Cell::Text(c.number.clone()),
                Cell::Text(c.issuer.clone()),
                Cell::Text(
                    c.products
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                Cell::Text(c.issued_on.clone()),
                Cell::Text(c.expires_on.clone().unwrap_or_default()),
                Cell::Text(t(&format!(
                    "cert-state-{}",
                    state_of(c.expires_on.as_deref(), day).as_str()
                ))),
            ]
        })
        .collect();
    // A bare link downloads the CSV.
    let format = if q.format.is_empty() {
        "csv"
    } else {
        q.format.as_str()
    };
    export::download(ctx.lang, format, "certifications", &header, &rows)
}
