//! A cooperative's products as records of their own (seed 000: marketing the cooperatives'
//! products through information technology): a name and a description in Arabic and French, a
//! category, a price range in dirhams, photos, and the certificates that cover the product.
//!
//! Pure, like the rest of the crate: the store keeps products, the web layer resizes photos and
//! shows the catalogue; which values are valid is decided here once.

use serde::{Deserialize, Serialize};

use crate::{ValidationError, ValidationErrors, cooperative::code_enum, error::required_text};

code_enum!(
    /// What a buyer looks for first. The list follows the sectors of the register that sell to
    /// the public (food, argan, aromatic plants, handicraft); anything else is `other`.
    ProductCategory, "category", "invalid_choice" {
        Dates => "dates",
        ArganOil => "argan_oil",
        OliveOil => "olive_oil",
        Honey => "honey",
        /// Couscous, pasta, flours and other cereal products.
        Cereals => "cereals",
        /// Milk, cheese and other dairy products.
        Dairy => "dairy",
        /// Saffron, herbs, spices and aromatic plants.
        HerbsSpices => "herbs_spices",
        /// Soaps, creams, ghassoul, henna.
        Cosmetics => "cosmetics",
        Carpets => "carpets",
        Pottery => "pottery",
        /// Weaving, embroidery and clothing.
        Textiles => "textiles",
        Leather => "leather",
        Woodwork => "woodwork",
        Other => "other",
    }
);

/// The highest price a product may show, in dirhams: a carpet, not a building.
pub const MAX_PRICE_DH: i64 = 1_000_000;

/// The longest description in each language: a paragraph or two read on a phone.
pub const MAX_DESCRIPTION: usize = 2000;

/// How many photos a product keeps: enough to show it, few enough to keep pages light.
pub const MAX_PHOTOS: usize = 4;

/// A product as a manager writes it (a form or JSON, every field text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawProduct {
    pub category: String,
    pub name_ar: String,
    pub name_fr: String,
    pub description_ar: String,
    pub description_fr: String,
    /// Whole dirhams; both empty for "price on request".
    pub price_min_dh: String,
    pub price_max_dh: String,
}

/// A checked product. The certificates covering it are chosen among the cooperative's, which
/// the caller knows; see [`check_certifications`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDraft {
    pub category: ProductCategory,
    pub name_ar: String,
    pub name_fr: String,
    pub description_ar: String,
    pub description_fr: String,
    pub price_min_dh: Option<i64>,
    pub price_max_dh: Option<i64>,
}

/// A price in whole dirhams, or nothing when the field is empty.
fn price(field: &'static str, raw: &str) -> Result<Option<i64>, ValidationError> {
    crate::number::whole_number_in(raw, 0..=MAX_PRICE_DH)
        .map_err(|_| ValidationError::new(field, "invalid_price").with_arg("max", MAX_PRICE_DH))
}

impl RawProduct {
    /// Checks every field at once: both names (the catalogue is read in both languages), the
    /// category, the descriptions (optional, bounded) and the price range (minimum not above
    /// the maximum; one bound alone is a single price).
    pub fn parse(&self) -> Result<ProductDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let category = e.check(ProductCategory::parse("category", &self.category));
        let name_ar = e.check(required_text("name_ar", &self.name_ar, 200));
        let name_fr = e.check(required_text("name_fr", &self.name_fr, 200));
        let mut optional = |field: &'static str, raw: &str| {
            if raw.trim().is_empty() {
                String::new()
            } else {
                e.check(required_text(field, raw, MAX_DESCRIPTION))
                    .unwrap_or_default()
            }
        };
        let description_ar = optional("description_ar", &self.description_ar);
        let description_fr = optional("description_fr", &self.description_fr);
        let min = e.check(price("price_min_dh", &self.price_min_dh)).flatten();
        let max = e.check(price("price_max_dh", &self.price_max_dh)).flatten();
        if let (Some(lo), Some(hi)) = (min, max)
            && hi < lo
        {
            e.push(ValidationError::new("price_max_dh", "price_range_reversed"));
        }
        e.into_result()?;
        match (category, name_ar, name_fr) {
            (Some(category), Some(name_ar), Some(name_fr)) => Ok(ProductDraft {
                category,
                name_ar,
                name_fr,
                description_ar,
                description_fr,
                // One bound alone is the price: shown as such rather than as an open range.
                price_min_dh: min.or(max),
                price_max_dh: max.or(min),
            }),
            // Every `None` above pushed an error, so this arm is not reached.
            _ => Err(ValidationError::new("category", "required").into()),
        }
    }
}

/// The certificates a product is linked to, as ids sent by a form: each must be one of the
/// cooperative's (`owned`); duplicates are dropped. A product can be sold without any.
pub fn check_certifications(chosen: &[String], owned: &[i64]) -> Result<Vec<i64>, ValidationError> {
    let mut ids = Vec::new();
    for raw in chosen.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match raw.parse::<i64>() {
            Ok(id) if owned.contains(&id) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => return Err(ValidationError::new("certifications", "unknown_certification")),
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: &RawProduct) -> Vec<(&'static str, &'static str)> {
        r.parse()
            .err()
            .map(|e| e.iter().map(|e| (e.field, e.code)).collect())
            .unwrap_or_default()
    }

    fn dates() -> RawProduct {
        RawProduct {
            category: "dates".into(),
            name_ar: "تمر المجهول".into(),
            name_fr: "Dattes Mejhoul".into(),
            description_ar: "تمور من واحة زيز".into(),
            description_fr: String::new(),
            price_min_dh: "60".into(),
            price_max_dh: "1 200".into(),
        }
    }

    #[test]
    fn a_product_is_checked_whole() {
        let d = dates().parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.category, ProductCategory::Dates);
        assert_eq!((d.price_min_dh, d.price_max_dh), (Some(60), Some(1200)));
        assert_eq!(d.description_fr, "");
        let bad = RawProduct {
            category: "cars".into(),
            name_ar: String::new(),
            name_fr: "x".repeat(201),
            description_fr: "a\u{202e}b".into(),
            price_min_dh: "abc".into(),
            price_max_dh: "-3".into(),
            ..dates()
        };
        assert_eq!(
            codes(&bad),
            vec![
                ("category", "invalid_choice"),
                ("name_ar", "required"),
                ("name_fr", "too_long"),
                ("description_fr", "forbidden_characters"),
                ("price_min_dh", "invalid_price"),
                ("price_max_dh", "invalid_price"),
            ]
        );
        let reversed = RawProduct {
            price_min_dh: "500".into(),
            price_max_dh: "100".into(),
            ..dates()
        };
        assert_eq!(codes(&reversed), vec![("price_max_dh", "price_range_reversed")]);
    }

    #[test]
    fn one_bound_is_a_single_price_and_none_is_on_request() {
        let one = RawProduct {
            price_min_dh: String::new(),
            price_max_dh: "90".into(),
            ..dates()
        };
        let d = one.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((d.price_min_dh, d.price_max_dh), (Some(90), Some(90)));
        let none = RawProduct {
            price_min_dh: String::new(),
            price_max_dh: String::new(),
            ..dates()
        };
        let d = none.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((d.price_min_dh, d.price_max_dh), (None, None));
    }

    #[test]
    fn only_the_cooperatives_own_certificates() {
        let owned = [4, 9];
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            check_certifications(&s(&["9", "4", "9", ""]), &owned),
            Ok(vec![9, 4])
        );
        assert_eq!(check_certifications(&[], &owned), Ok(vec![]));
        assert_eq!(
            check_certifications(&s(&["5"]), &owned).map_err(|e| e.code),
            Err("unknown_certification")
        );
        assert_eq!(
            check_certifications(&s(&["x"]), &owned).map_err(|e| e.code),
            Err("unknown_certification")
        );
    }
}
