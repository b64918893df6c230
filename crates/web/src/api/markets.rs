//! The public catalogue of certified products in the API, with the same filters as the page.

use axum::{
    Json,
    extract::{Query, State},
    http::{HeaderMap, Uri},
};
use serde::Serialize;
use taawun_domain::Lang;
use utoipa::ToSchema;

use crate::{AppResult, AppState, ctx, pages::markets::CatalogueQuery};

#[derive(Serialize, ToSchema)]
pub struct CatalogueItem {
    pub certification_id: i64,
    pub cooperative_id: i64,
    /// In the requested language (`?lang=`, Arabic by default), else the other one.
    pub cooperative_name: String,
    pub region_code: String,
    /// The products covered, one per entry.
    pub products: Vec<String>,
    /// `onssa_authorization`, `onssa_approval`, `organic`, `geographical_indication`,
    /// `handicraft_label`, `other`.
    pub kind: String,
    /// The certificate's name in the requested language.
    pub kind_label: String,
    pub number: String,
    pub issuer: String,
    /// ISO dates; `expires_on` is null for a certificate without an end date.
    pub issued_on: String,
    pub expires_on: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CatalogueList {
    pub items: Vec<CatalogueItem>,
    pub total: usize,
}

#[utoipa::path(get, path = "/api/v1/catalogue", tag = "markets",
    params(
        ("q" = Option<String>, Query, description = "Part of a product, a cooperative's name or a certificate number"),
        ("region" = Option<String>, Query, description = "Region code, e.g. 08"),
        ("kind" = Option<String>, Query, description = "Certificate kind"),
    ),
    responses((status = 200, description = "Running certificates of active cooperatives, by cooperative name (at most 200)", body = CatalogueList)))]
pub async fn catalogue(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Query(q): Query<CatalogueQuery>,
) -> AppResult<Json<CatalogueList>> {
    let lang = ctx::api_lang(&uri, &headers);
    let items: Vec<CatalogueItem> = crate::pages::markets::catalogue_entries(&app, &q)
        .await?
        .into_iter()
        .map(|c| {
            let (first, second) = match lang {
                Lang::Ar => (c.cooperative_name_ar.clone(), c.cooperative_name_fr.clone()),
                Lang::Fr => (c.cooperative_name_fr.clone(), c.cooperative_name_ar.clone()),
            };
            CatalogueItem {
                certification_id: c.id,
                cooperative_id: c.cooperative_id,
                cooperative_name: first.or(second).unwrap_or_default(),
                region_code: c.region_code.clone(),
                products: c
                    .products
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                kind_label: app.i18n.t(lang, &format!("cert-kind-{}", c.kind)),
                kind: c.kind,
                number: c.number,
                issuer: c.issuer,
                issued_on: c.issued_on,
                expires_on: c.expires_on,
                phone: c.phone,
                email: c.email,
            }
        })
        .collect();
    Ok(Json(CatalogueList {
        total: items.len(),
        items,
    }))
}

/// A certificate covering a product, running today, to check with its issuer.
#[derive(Serialize, ToSchema)]
pub struct ProductCertificateItem {
    pub kind: String,
    pub kind_label: String,
    pub number: String,
    pub issuer: String,
    pub expires_on: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductItem {
    pub id: i64,
    /// In the requested language; `name_ar` and `name_fr` are both always given.
    pub name: String,
    pub name_ar: String,
    pub name_fr: String,
    pub description_ar: String,
    pub description_fr: String,
    /// `dates`, `argan_oil`, `olive_oil`, `honey`, `cereals`, `dairy`, `herbs_spices`,
    /// `cosmetics`, `carpets`, `pottery`, `textiles`, `leather`, `woodwork`, `other`.
    pub category: String,
    pub category_label: String,
    /// Whole dirhams; both null for "price on request".
    pub price_min_dh: Option<i64>,
    pub price_max_dh: Option<i64>,
    pub cooperative_id: i64,
    pub cooperative_name: String,
    pub region_code: String,
    /// The product's page and its shop's page.
    pub url: String,
    pub shop_url: String,
    /// Photos (JPEG, at most 800 px) and their thumbnails (at most 240 px).
    pub photos: Vec<String>,
    pub thumbnails: Vec<String>,
    pub certifications: Vec<ProductCertificateItem>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductList {
    pub items: Vec<ProductItem>,
    pub total: usize,
}

#[utoipa::path(get, path = "/api/v1/products", tag = "markets",
    params(
        ("q" = Option<String>, Query, description = "Part of a product's name or description (Arabic or French) or of a cooperative's name"),
        ("category" = Option<String>, Query, description = "Product category"),
        ("region" = Option<String>, Query, description = "Region code, e.g. 08"),
        ("certification" = Option<String>, Query, description = "A certificate kind the product holds, running; `any` for any"),
    ),
    responses((status = 200, description = "Products of active cooperatives, by cooperative then product (at most 200)", body = ProductList)))]
pub async fn products(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Query(q): Query<crate::pages::products::ProductQuery>,
) -> AppResult<Json<ProductList>> {
    let lang = ctx::api_lang(&uri, &headers);
    let day = time::OffsetDateTime::now_utc().date();
    let items: Vec<ProductItem> = crate::pages::products::catalogue_products(&app, &q)
        .await?
        .into_iter()
        .map(|p| {
            let pick = |ar: Option<String>, fr: Option<String>| match lang {
                Lang::Ar => ar.or(fr),
                Lang::Fr => fr.or(ar),
            };
            ProductItem {
                id: p.id,
                name: pick(Some(p.name_ar.clone()), Some(p.name_fr.clone())).unwrap_or_default(),
                category_label: app.i18n.t(lang, &format!("prod-category-{}", p.category)),
                cooperative_name: pick(p.cooperative_name_ar.clone(), p.cooperative_name_fr.clone())
                    .unwrap_or_default(),
                url: format!("/products/{}", p.id),
                shop_url: format!("/cooperatives/{}/shop", p.cooperative_id),
                photos: p.photos.iter().map(|i| format!("/products/photos/{i}")).collect(),
                thumbnails: p
                    .photos
                    .iter()
                    .map(|i| format!("/products/photos/{i}?thumb=1"))
                    .collect(),
                certifications: p
                    .certifications
                    .iter()
                    .filter(|c| {
                        taawun_domain::markets::certification_state(
                            c.expires_on.as_deref().and_then(crate::pages::iso_date),
                            day,
                        ) != taawun_domain::markets::CertificationState::Expired
                    })
                    .map(|c| ProductCertificateItem {
                        kind_label: app.i18n.t(lang, &format!("cert-kind-{}", c.kind)),
                        kind: c.kind.clone(),
                        number: c.number.clone(),
                        issuer: c.issuer.clone(),
                        expires_on: c.expires_on.clone(),
                    })
                    .collect(),
                name_ar: p.name_ar,
                name_fr: p.name_fr,
                description_ar: p.description_ar,
                description_fr: p.description_fr,
                category: p.category,
                price_min_dh: p.price_min_dh,
                price_max_dh: p.price_max_dh,
                cooperative_id: p.cooperative_id,
                region_code: p.region_code,
                phone: p.phone,
                email: p.email,
            }
        })
        .collect();
    Ok(Json(ProductList {
        total: items.len(),
        items,
    }))
}
