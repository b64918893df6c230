//! Name approval (شهادة المصادقة على التسمية, art. 7): what a founder submits, and the office's
//! deadlines.

use time::{Duration, OffsetDateTime, Weekday};

use crate::{
    Kind, LegalRules, RegionCode, ValidationError, ValidationErrors,
    cooperative::{parse_name_ar, parse_name_fr},
    error::has_forbidden_chars,
};

/// A valid request for approval of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRequestDraft {
    pub kind: Kind,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub region: RegionCode,
    /// The signatories: founders of a cooperative, or member cooperatives of a union.
    pub founders: Vec<String>,
}

impl NameRequestDraft {
    pub fn parse(
        kind: &str,
        name_ar: &str,
        name_fr: &str,
        region: &str,
        founders: &str,
        rules: &LegalRules,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(Kind::parse("kind", kind));
        let name_ar = e.check(parse_name_ar(name_ar)).flatten();
        let name_fr = e.check(parse_name_fr(name_fr)).flatten();
        if name_ar.is_none() && name_fr.is_none() && e.is_empty() {
            e.push(ValidationError::new("name_ar", "name_required"));
        }
        let region = if region.trim().is_empty() {
            e.push(ValidationError::new("region_code", "required"));
            None
        } else {
            e.check(RegionCode::parse("region_code", region))
        };
        let founders: Vec<String> = founders
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if founders
            .iter()
            .any(|f| has_forbidden_chars(f) || f.chars().count() > 200)
        {
            e.push(ValidationError::new("founders", "forbidden_characters"));
        }
        let mut unique = founders.clone();
        unique.sort();
        unique.dedup();
        if unique.len() != founders.len() {
            e.push(ValidationError::new("founders", "duplicate_founders"));
        }
        if let Some(kind) = kind {
            let (min, code) = match kind {
                Kind::Cooperative => (rules.min_founders, "too_few_founders"),
                Kind::Union => (rules.min_union_members, "too_few_member_cooperatives"),
            };
            if (founders.len() as i64) < min {
                e.push(ValidationError::new("founders", code).with_arg("min", min));
            }
        }
        e.into_result()?;
        match (kind, region) {
            (Some(kind), Some(region)) => Ok(Self {
                kind,
                name_ar,
                name_fr,
                region,
                founders,
            }),
            _ => Err(ValidationError::new("kind", "invalid_kind").into()),
        }
    }
}

/// The office answers a name request within a few working days (3 in the bill; see
/// `law-112-12.md`). Saturdays and Sundays are not working days in Morocco.
pub fn decision_deadline(submitted: OffsetDateTime, working_days: u32) -> OffsetDateTime {
    let mut t = submitted;
    let mut left = working_days;
    while left > 0 {
        t += Duration::days(1);
        if !matches!(t.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const FOUNDERS: &str = "فاطمة\nخديجة\nعائشة\nمريم\nزينب";

    #[test]
    fn a_request_needs_a_name_and_enough_founders() {
        let rules = LegalRules::default();
        let ok = NameRequestDraft::parse("cooperative", "تعاونية النور", "", "08", FOUNDERS, &rules)
            .expect("valid");
        assert_eq!(ok.founders.len(), 5);
        let codes = |r: Result<NameRequestDraft, ValidationErrors>| -> Vec<&'static str> {
            r.err()
                .map(|e| e.iter().map(|e| e.code).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            codes(NameRequestDraft::parse(
                "cooperative",
                "",
                "",
                "08",
                "a\nb",
                &rules
            )),
            vec!["name_required", "too_few_founders"]
        );
        assert_eq!(
            codes(NameRequestDraft::parse(
                "union",
                "اتحاد",
                "",
                "08",
                "a\nb\na",
                &rules
            )),
            vec!["duplicate_founders"]
        );
        assert_eq!(
            codes(NameRequestDraft::parse("union", "اتحاد", "", "", "a\nb", &rules)),
            vec!["required", "too_few_member_cooperatives"]
        );
    }

    #[test]
    fn deadline_skips_the_weekend() {
        // Thursday + 3 working days = Tuesday.
        let thu = datetime!(2026-11-19 10:00 UTC);
        assert_eq!(decision_deadline(thu, 3), datetime!(2026-11-24 10:00 UTC));
        let mon = datetime!(2026-11-23 10:00 UTC);
        assert_eq!(decision_deadline(mon, 3), datetime!(2026-11-26 10:00 UTC));
    }
}
