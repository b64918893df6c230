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
