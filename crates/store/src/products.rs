//! Products as records of their own: a cooperative's products with their names and descriptions
//! in both languages, category, price range, photos (stored already resized, with a thumbnail)
//! and the certificates covering them; the public product catalogue and each cooperative's shop;
//! the scanned certificate documents.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};
use taawun_domain::{products::MAX_PHOTOS, products::ProductDraft};

use crate::{Actor, Result, Store, StoreError, audit, now};

/// A certificate as a product shows it: enough for a buyer to check it with its issuer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProductCertificate {
    pub id: i64,
    pub kind: String,
    pub number: String,
    pub issuer: String,
    pub expires_on: Option<String>,
}

/// A product with its cooperative, photos and certificates.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub cooperative_id: i64,
    pub category: String,
    pub name_ar: String,
    pub name_fr: String,
    pub description_ar: String,
    pub description_fr: String,
    pub price_min_dh: Option<i64>,
    pub price_max_dh: Option<i64>,
    pub updated_at: i64,
    pub cooperative_name_ar: Option<String>,
    pub cooperative_name_fr: Option<String>,
    pub region_code: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Photo ids, the first one the product's picture in lists.
    pub photos: Vec<i64>,
    /// Every certificate linked to it, running or not (the pages show the state).
    pub certifications: Vec<ProductCertificate>,
}

// The cooperative's contacts only where its managers published them (`contact_public`).
const COLUMNS: &str = "p.id, p.cooperative_id, p.category, p.name_ar, p.name_fr, p.description_ar,
    p.description_fr, p.price_min_dh, p.price_max_dh, p.updated_at, k.name_ar AS cooperative_name_ar,
    k.name_fr AS cooperative_name_fr, k.region_code,
    CASE WHEN k.contact_public = 1 THEN k.phone END AS phone, CASE WHEN k.contact_public = 1 THEN k.email END AS email";

fn product_row(r: &AnyRow) -> Result<Product> {
    Ok(Product {
        id: r.try_get("id")?,
        cooperative_id: r.try_get("cooperative_id")?,
        category: r.try_get("category")?,
        name_ar: r.try_get("name_ar")?,
        name_fr: r.try_get("name_fr")?,
        description_ar: r.try_get("description_ar")?,
        description_fr: r.try_get("description_fr")?,
        price_min_dh: r.try_get("price_min_dh")?,
        price_max_dh: r.try_get("price_max_dh")?,
        updated_at: r.try_get("updated_at")?,
        cooperative_name_ar: r.try_get("cooperative_name_ar")?,
        cooperative_name_fr: r.try_get("cooperative_name_fr")?,
        region_code: r.try_get("region_code")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        photos: Vec::new(),
        certifications: Vec::new(),
    })
}

/// Filters of the public product catalogue; empty means "any".
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    /// Part of a product's name or description, in Arabic or French, or of its cooperative's name.
    pub text: Option<String>,
    pub category: Option<String>,
    pub region: Option<String>,
    /// A certificate kind the product must hold, running; `any` for any running certificate.
    pub certification: Option<String>,
}

/// A photo as stored: the resized JPEG and its thumbnail.
#[derive(Debug, Clone)]
pub struct NewProductPhoto<'a> {
    pub width: u32,
    pub height: u32,
    pub bytes: &'a [u8],
    pub thumb: &'a [u8],
}

/// A certificate's scanned document as uploaded.
#[derive(Debug, Clone)]
pub struct NewCertificationDocument<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
}

/// A certificate's stored document.
#[derive(Debug, Clone)]
pub struct CertificationDocument {
    pub cooperative_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// LIKE pattern for a visitor's text, its wildcards escaped (`ESCAPE '\'`).
fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

impl Store {
    /// Links a product to certificates of its own cooperative only (others are ignored).
    async fn link_certifications(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        cooperative_id: i64,
        product_id: i64,
        certifications: &[i64],
    ) -> Result<()> {
        sqlx::query("DELETE FROM product_certifications WHERE product_id = $1")
            .bind(product_id)
            .execute(&mut **tx)
            .await?;
        for c in certifications {
            sqlx::query(
                "INSERT INTO product_certifications (product_id, certification_id)
                 SELECT $1, id FROM certifications WHERE id = $2 AND cooperative_id = $3",
            )
            .bind(product_id)
            .bind(c)
            .bind(cooperative_id)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Records a product of a cooperative with the certificates covering it.
    pub async fn add_product(
        &self,
        cooperative_id: i64,
        d: &ProductDraft,
        certifications: &[i64],
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let created_by = actor.id();
        let t = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO products (cooperative_id, category, name_ar, name_fr, description_ar, description_fr,
                price_min_dh, price_max_dh, created_at, updated_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
        )
        .bind(cooperative_id)
        .bind(d.category.as_str())
        .bind(&d.name_ar)
        .bind(&d.name_fr)
        .bind(&d.description_ar)
        .bind(&d.description_fr)
        .bind(d.price_min_dh)
        .bind(d.price_max_dh)
        .bind(t)
        .bind(created_by)
        .fetch_one(&mut *tx)
        .await?;
        Self::link_certifications(&mut tx, cooperative_id, id, certifications).await?;
        audit::record(
            &mut tx,
            actor,
            "product.add",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&(id, &d.name_fr, certifications)),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a product's fields and certificates; `NotFound` when it is not the cooperative's.
    pub async fn update_product(
        &self,
        cooperative_id: i64,
        product_id: i64,
        d: &ProductDraft,
        certifications: &[i64],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let before: Option<String> =
            sqlx::query_scalar("SELECT name_fr FROM products WHERE id = $1 AND cooperative_id = $2")
                .bind(product_id)
                .bind(cooperative_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(before) = before else {
            return Err(StoreError::NotFound);
        };
        sqlx::query(
            "UPDATE products SET category = $1, name_ar = $2, name_fr = $3, description_ar = $4,
                description_fr = $5, price_min_dh = $6, price_max_dh = $7, updated_at = $8
             WHERE id = $9",
        )
        .bind(d.category.as_str())
        .bind(&d.name_ar)
        .bind(&d.name_fr)
        .bind(&d.description_ar)
        .bind(&d.description_fr)
        .bind(d.price_min_dh)
        .bind(d.price_max_dh)
        .bind(now())
        .bind(product_id)
        .execute(&mut *tx)
        .await?;
        Self::link_certifications(&mut tx, cooperative_id, product_id, certifications).await?;
        audit::record(
            &mut tx,
            actor,
            "product.edit",
            "cooperative",
            &cooperative_id.to_string(),
            Some(&before),
            Some(&(product_id, &d.name_fr, certifications)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a product no longer sold, with its photos and certificate links; `NotFound` when
    /// it is not the cooperative's. Applications to markets keep their own text of products.
    pub async fn delete_product(&self, cooperative_id: i64, product_id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let name: Option<String> =
            sqlx::query_scalar("SELECT name_fr FROM products WHERE id = $1 AND cooperative_id = $2")
                .bind(product_id)
                .bind(cooperative_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(name) = name else {
            return Err(StoreError::NotFound);
        };
        // Explicitly rather than by cascade: SQLite enforces foreign keys only when asked to.
        for sql in [
            "DELETE FROM product_photos WHERE product_id = $1",
            "DELETE FROM product_certifications WHERE product_id = $1",
            "DELETE FROM products WHERE id = $1",
        ] {
            sqlx::query(sql).bind(product_id).execute(&mut *tx).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "product.delete",
            "cooperative",
            &cooperative_id.to_string(),
            Some(&(product_id, &name)),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Fills the photos and certificates of the products listed (two queries for any number).
    async fn complete(&self, mut products: Vec<Product>) -> Result<Vec<Product>> {
        if products.is_empty() {
            return Ok(products);
        }
        // Ids read from the database, not the visitor's text: safe to write in the statement.
        let ids: Vec<String> = products.iter().map(|p| p.id.to_string()).collect();
        let ids = ids.join(", ");
        let photos = sqlx::query(&format!(
            "SELECT product_id, id FROM product_photos WHERE product_id IN ({ids}) ORDER BY id"
        ))
        .fetch_all(self.pool())
        .await?;
        let certs = sqlx::query(&format!(
            "SELECT pc.product_id, c.id, c.kind, c.number, c.issuer, c.expires_on
             FROM product_certifications pc JOIN certifications c ON c.id = pc.certification_id
             WHERE pc.product_id IN ({ids}) ORDER BY c.kind, c.id"
        ))
        .fetch_all(self.pool())
        .await?;
        for p in &mut products {
            for r in &photos {
                if r.try_get::<i64, _>("product_id")? == p.id {
                    p.photos.push(r.try_get("id")?);
                }
            }
            for r in &certs {
                if r.try_get::<i64, _>("product_id")? == p.id {
                    p.certifications.push(ProductCertificate {
                        id: r.try_get("id")?,
                        kind: r.try_get("kind")?,
                        number: r.try_get("number")?,
                        issuer: r.try_get("issuer")?,
                        expires_on: r.try_get("expires_on")?,
                    });
                }
            }
        }
        Ok(products)
    }

    /// One product with its cooperative, photos and certificates.
    pub async fn product(&self, id: i64) -> Result<Product> {
        let sql = format!(
            "SELECT {COLUMNS} FROM products p JOIN cooperatives k ON k.id = p.cooperative_id WHERE p.id = $1"
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let p = product_row(&row)?;
        Ok(self.complete(vec![p]).await?.remove(0))
    }

    /// A cooperative's products, by French name.
    pub async fn products_of(&self, cooperative_id: i64) -> Result<Vec<Product>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM products p JOIN cooperatives k ON k.id = p.cooperative_id
             WHERE p.cooperative_id = $1 ORDER BY p.name_fr, p.id"
        );
        let rows = sqlx::query(&sql)
            .bind(cooperative_id)
            .fetch_all(self.pool())
            .await?;
        let list = rows.iter().map(product_row).collect::<Result<Vec<_>>>()?;
        self.complete(list).await
    }

    /// The public product catalogue: products of active cooperatives, filtered; at most `limit`,
    /// by cooperative then product. A certificate filter counts only certificates running on
    /// `today` (ISO date).
    pub async fn product_catalogue(
        &self,
        f: &ProductFilter,
        today: &str,
        limit: i64,
    ) -> Result<Vec<Product>> {
        let mut sql = format!(
            "SELECT {COLUMNS} FROM products p JOIN cooperatives k ON k.id = p.cooperative_id
             WHERE k.status = 'active'"
        );
        let mut binds: Vec<String> = Vec::new();
        if let Some(region) = &f.region {
            binds.push(region.clone());
            sql.push_str(&format!(" AND k.region_code = ${}", binds.len()));
        }
        if let Some(category) = &f.category {
            binds.push(category.clone());
            sql.push_str(&format!(" AND p.category = ${}", binds.len()));
        }
        if let Some(kind) = &f.certification {
            binds.push(today.to_string());
            let day = binds.len();
            let kind_clause = if kind == "any" {
                String::new()
            } else {
                binds.push(kind.clone());
                format!(" AND c.kind = ${}", binds.len())
            };
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM product_certifications pc JOIN certifications c ON c.id = pc.certification_id
                   WHERE pc.product_id = p.id AND (c.expires_on IS NULL OR c.expires_on >= ${day}){kind_clause})"
            ));
        }
        if let Some(text) = &f.text {
            binds.push(like_pattern(text));
            let n = binds.len();
            // Arabic has no case: its columns are matched as written.
            sql.push_str(&format!(
                " AND (LOWER(p.name_fr) LIKE ${n} ESCAPE '\\' OR LOWER(p.description_fr) LIKE ${n} ESCAPE '\\'
                   OR p.name_ar LIKE ${n} ESCAPE '\\' OR p.description_ar LIKE ${n} ESCAPE '\\'
                   OR LOWER(COALESCE(k.name_fr, '')) LIKE ${n} ESCAPE '\\'
                   OR COALESCE(k.name_ar, '') LIKE ${n} ESCAPE '\\')"
            ));
        }
        // The limit is the caller's number, not the visitor's text.
        sql.push_str(&format!(
            " ORDER BY k.sort_name, p.name_fr, p.id LIMIT {}",
            limit.clamp(1, 1000)
        ));
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(self.pool()).await?;
        let list = rows.iter().map(product_row).collect::<Result<Vec<_>>>()?;
        self.complete(list).await
    }

    /// Adds a photo to a cooperative's product; `NotFound` when the product is not the
    /// cooperative's, `Conflict("photos")` when it already has [`MAX_PHOTOS`].
    pub async fn add_product_photo(
        &self,
        cooperative_id: i64,
        product_id: i64,
        photo: &NewProductPhoto<'_>,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let owned: Option<i64> =
            sqlx::query_scalar("SELECT id FROM products WHERE id = $1 AND cooperative_id = $2")
                .bind(product_id)
                .bind(cooperative_id)
                .fetch_optional(&mut *tx)
                .await?;
        if owned.is_none() {
            return Err(StoreError::NotFound);
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM product_photos WHERE product_id = $1")
            .bind(product_id)
            .fetch_one(&mut *tx)
            .await?;
        if count >= MAX_PHOTOS as i64 {
            return Err(StoreError::Conflict("photos"));
        }
        let t = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO product_photos (product_id, width, height, bytes, thumb, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(product_id)
        .bind(i64::from(photo.width))
        .bind(i64::from(photo.height))
        .bind(photo.bytes)
        .bind(photo.thumb)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE products SET updated_at = $1 WHERE id = $2")
            .bind(t)
            .bind(product_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            actor,
            "product.photo",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&(product_id, id, photo.bytes.len())),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a photo of a cooperative's product; `NotFound` when it is not theirs.
    pub async fn delete_product_photo(
        &self,
        cooperative_id: i64,
        photo_id: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query(
            "DELETE FROM product_photos WHERE id = $1
               AND product_id IN (SELECT id FROM products WHERE cooperative_id = $2)",
        )
        .bind(photo_id)
        .bind(cooperative_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(
            &mut tx,
            actor,
            "product.photo_delete",
            "cooperative",
            &cooperative_id.to_string(),
            Some(&photo_id),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A product photo's JPEG bytes, the picture or its thumbnail.
    pub async fn product_photo(&self, photo_id: i64, thumb: bool) -> Result<Vec<u8>> {
        let column = if thumb { "thumb" } else { "bytes" };
        let bytes: Option<Vec<u8>> =
            sqlx::query_scalar(&format!("SELECT {column} FROM product_photos WHERE id = $1"))
                .bind(photo_id)
                .fetch_optional(self.pool())
                .await?;
        bytes.ok_or(StoreError::NotFound)
    }

    /// Stores (or replaces) the scanned document of a cooperative's certificate; `NotFound` when
    /// the certificate is not the cooperative's.
    pub async fn set_certification_document(
        &self,
        cooperative_id: i64,
        certification_id: i64,
        doc: &NewCertificationDocument<'_>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        crate::markets::certification_of(&mut tx, cooperative_id, certification_id).await?;
        sqlx::query("DELETE FROM certification_documents WHERE certification_id = $1")
            .bind(certification_id)
            .execute(&mut *tx)
            .await?;
        let created_by = actor.id();
        sqlx::query(
            "INSERT INTO certification_documents (certification_id, file_name, content_type, sha256, bytes,
                created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(certification_id)
        .bind(doc.file_name)
        .bind(doc.content_type)
        .bind(doc.sha256)
        .bind(doc.bytes)
        .bind(now())
        .bind(created_by)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "certification.document",
            "cooperative",
            &cooperative_id.to_string(),
            None::<&()>,
            Some(&(certification_id, doc.file_name, doc.sha256)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A certificate's scanned document, with the cooperative it belongs to (for the caller's
    /// access check).
    pub async fn certification_document(&self, certification_id: i64) -> Result<CertificationDocument> {
        let r = sqlx::query(
            "SELECT c.cooperative_id, d.file_name, d.content_type, d.bytes
             FROM certification_documents d JOIN certifications c ON c.id = d.certification_id
             WHERE d.certification_id = $1",
        )
        .bind(certification_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(CertificationDocument {
            cooperative_id: r.try_get("cooperative_id")?,
            file_name: r.try_get("file_name")?,
            content_type: r.try_get("content_type")?,
            bytes: r.try_get("bytes")?,
        })
    }
}
