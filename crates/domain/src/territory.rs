//! Codes of Morocco's territorial units as the Haut-Commissariat au Plan (HCP) numbers them,
//! and of the courts of first instance whose clerks keep the local cooperative registers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// HCP region number, `01` (Tanger-Tétouan-Al Hoceima) to `12` (Dakhla-Oued Ed-Dahab),
/// the 2015 division into twelve regions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        let n: u8 = s
            .parse()
            .map_err(|_| ValidationError::new(field, "invalid_region_code"))?;
        if s.len() != 2 || !(1..=12).contains(&n) {
            return Err(ValidationError::new(field, "invalid_region_code"));
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RegionCode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse("region_code", &s)
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// HCP prefecture or province code `RR.PPP`, e.g. `08.201` (Errachidia); its first two digits are
/// the region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProvinceCode(String);

impl ProvinceCode {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        let ok = s.len() == 6
            && s.as_bytes()[2] == b'.'
            && s.bytes().enumerate().all(|(i, b)| i == 2 || b.is_ascii_digit())
            && RegionCode::parse(field, &s[..2]).is_ok();
        if !ok {
            return Err(ValidationError::new(field, "invalid_province_code"));
        }
        Ok(Self(s.to_string()))
    }

    pub fn region(&self) -> RegionCode {
        RegionCode(self.0[..2].to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Short code of a court of first instance (المحكمة الابتدائية), whose clerk's office keeps the
/// local register of cooperatives of its territory (Law 112-12, art. 9). Lower-case ASCII letters,
/// digits and hyphens, e.g. `tpi-errachidia`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CourtCode(String);

impl CourtCode {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        let ok = (3..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        if !ok {
            return Err(ValidationError::new(field, "invalid_court_code"));
        }
        Ok(Self(s.to_string()))
    }

    /// Derives a code from a seat's French name: `Tribunal … de Ksar El Kébir` → `tpi-ksar-el-kebir`.
    pub fn from_city(city_fr: &str) -> Self {
        let mut slug = String::from("tpi-");
        let mut dash = false;
        for c in city_fr.chars().flat_map(fold_latin) {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
                dash = false;
            } else if !dash && !slug.ends_with('-') {
                slug.push('-');
                dash = true;
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        Self(slug)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CourtCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Folds the accented letters of French place names to ASCII (enough for slugs; the name
/// matcher in the search crate does the real work).
fn fold_latin(c: char) -> Option<char> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
        'î' | 'ï' | 'Î' | 'Ï' => 'i',
        'ô' | 'ö' | 'Ô' => 'o',
        'û' | 'ü' | 'ù' | 'Û' => 'u',
        'ç' | 'Ç' => 'c',
        '\'' | '’' => return None,
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes() {
        assert!(RegionCode::parse("r", "08").is_ok());
        assert!(RegionCode::parse("r", "12").is_ok());
        for bad in ["8", "00", "13", "x1", "008", ""] {
            assert_eq!(
                RegionCode::parse("r", bad).map_err(|e| e.code),
                Err("invalid_region_code"),
                "{bad}"
            );
        }
    }

    #[test]
    fn province_codes() {
        let p = ProvinceCode::parse("p", "08.201").expect("valid");
        assert_eq!(p.region().as_str(), "08");
        for bad in ["08201", "13.201", "08.20a", "8.2011"] {
            assert!(ProvinceCode::parse("p", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn court_codes_from_city() {
        assert_eq!(
            CourtCode::from_city("Ksar El Kébir").as_str(),
            "tpi-ksar-el-kebir"
        );
        assert_eq!(CourtCode::from_city("M'diq").as_str(), "tpi-mdiq");
        assert_eq!(CourtCode::from_city("Er-Rich").as_str(), "tpi-er-rich");
        assert!(CourtCode::parse("c", "tpi-er-rich").is_ok());
        assert!(CourtCode::parse("c", "TPI").is_err());
    }
}
