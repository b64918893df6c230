//! Product quality and market access (seeds 000 and 003): a cooperative's certifications per
//! product, their state derived from their dates, the reminders before they expire, and what a
//! food-producing cooperative needs before it applies for ONSSA's sanitary authorization.
//!
//! Everything here is pure: the store keeps the certificates and the ticked checklist, the web
//! layer shows them; the rules (which sectors produce food, when a certificate is due for
//! renewal, which reminder is due) live here once.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::{
    ValidationError, ValidationErrors,
    cooperative::{code_enum, parse_date},
    error::required_text,
};

code_enum!(
    /// What a certificate attests. The list is the seeds' (ONSSA for food, the handicraft
    /// ministry's quality mark) plus the usual market labels; anything else is `other`, named
    /// by its issuer.
    CertificationKind, "kind", "invalid_choice" {
        /// ONSSA's sanitary authorization (الترخيص الصحي) — most food-producing units.
        OnssaAuthorization => "onssa_authorization",
        /// ONSSA's sanitary approval (الاعتماد الصحي) — units of animal products, and export.
        OnssaApproval => "onssa_approval",
        /// Organic production (Law 39-12).
        Organic => "organic",
        /// Geographical indication, designation of origin or agricultural label (Law 25-06).
        GeographicalIndication => "geographical_indication",
        /// The handicraft quality mark.
        HandicraftLabel => "handicraft_label",
        Other => "other",
    }
);

impl CertificationKind {
    /// ONSSA's certificates: the ones a food cooperative needs to sell safely and export.
    pub fn is_onssa(self) -> bool {
        matches!(
            self,
            CertificationKind::OnssaAuthorization | CertificationKind::OnssaApproval
        )
    }
}

code_enum!(
    /// Where a certificate stands today, derived from its dates and never stored.
    CertificationState, "state", "invalid_choice" {
        Valid => "valid",
        /// Expires within [`RENEWAL_WINDOW_DAYS`]: time to file the renewal.
        RenewalDue => "renewal_due",
        Expired => "expired",
    }
);

/// How long before expiry a certificate is shown as due for renewal: ONSSA asks for the
/// renewal file ahead of the date, and an inspection visit takes weeks to schedule.
pub const RENEWAL_WINDOW_DAYS: i64 = 90;

/// Days before expiry at which the cooperative's managers are reminded, each once.
pub const REMINDER_THRESHOLDS: [i64; 3] = [90, 30, 7];

/// The state of a certificate on `today`. A certificate without an expiry date stays valid.
pub fn certification_state(expires_on: Option<Date>, today: Date) -> CertificationState {
    match expires_on {
        None => CertificationState::Valid,
        Some(end) if end < today => CertificationState::Expired,
        Some(end) if (end - today).whole_days() <= RENEWAL_WINDOW_DAYS => CertificationState::RenewalDue,
        Some(_) => CertificationState::Valid,
    }
}

/// The reminder due on `today`, as its threshold in days: the smallest threshold not below the
/// days left. A certificate first seen 20 days before expiry gets the 30-day reminder only, not
/// the 90-day one too; an expired one or one far from expiry gets none. The store sends each
/// (certificate, threshold) once, so calling this every few minutes is harmless.
pub fn due_reminder(expires_on: Option<Date>, today: Date) -> Option<i64> {
    let days_left = (expires_on? - today).whole_days();
    if days_left < 0 {
        return None;
    }
    REMINDER_THRESHOLDS
        .iter()
        .rev()
        .copied()
        .find(|t| days_left <= *t)
}

/// Sectors whose cooperatives produce food, and the branches of those sectors that do not
/// (water users, cosmetics, henna): a food cooperative needs ONSSA's authorization or approval
/// to sell (Law 28-07 on food safety). Codes of [`crate::SECTORS`].
pub const FOOD_SECTORS: &[&str] = &[
    "agriculture",
    "argan",
    "aromatic_plants",
    "food_processing",
    "fishing",
];
pub const NON_FOOD_BRANCHES: &[&str] = &["water_use", "argan_cosmetics", "henna"];

/// Whether a cooperative of this sector and branch produces food.
pub fn is_food_producer(sector: Option<&str>, branch: Option<&str>) -> bool {
    sector.is_some_and(|s| FOOD_SECTORS.contains(&s))
        && !branch.is_some_and(|b| NON_FOOD_BRANCHES.contains(&b))
}

/// What a food cooperative prepares before it applies for ONSSA's sanitary authorization, in
/// the order it is usually done (ONSSA's method as its regional directorate presented it at the
/// 2018 Errachidia meeting: good hygiene practice first, then the file). Each item names the
/// knowledge-base question that explains it, when there is one.
pub const ONSSA_CHECKLIST: &[(&str, Option<&str>)] = &[
    // Registered in the register: ONSSA authorizes a legal person, and the file holds an
    // extract of the register. Derived from the register, not ticked.
    ("registered", Some("q082")),
    // Authorization or approval: which title the products need (ONSSA's provincial service).
    ("title_known", Some("q093")),
    ("premises", Some("q094")),
    ("hygiene_plan", Some("q094")),
    ("traceability", Some("q094")),
    ("application_lodged", Some("q094")),
    ("inspection_passed", Some("q094")),
];

/// The checklist item that the register answers instead of the cooperative.
pub const DERIVED_ITEM: &str = "registered";

/// The checklist items still missing, in order: `registered` from the register, the others as
/// the cooperative ticked them.
pub fn missing_items<'a>(registered: bool, done: &[String]) -> Vec<&'a str> {
    ONSSA_CHECKLIST
        .iter()
        .map(|(item, _)| *item)
        .filter(|item| {
            if *item == DERIVED_ITEM {
                !registered
            } else {
                !done.iter().any(|d| d == item)
            }
        })
        .collect()
}

/// A certificate as a manager or the office writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawCertification {
    pub kind: String,
    pub number: String,
    pub issuer: String,
    /// The products it covers, as they are sold (one line each).
    pub products: String,
    pub issued_on: String,
    /// Empty for a certificate without an end date.
    pub expires_on: String,
}

/// A checked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationDraft {
    pub kind: CertificationKind,
    pub number: String,
    pub issuer: String,
    pub products: String,
    pub issued_on: Date,
    pub expires_on: Option<Date>,
}

impl RawCertification {
    /// Checks every field at once. `food_producer` is the cooperative's (from the register):
    /// ONSSA certifies food units only, so an ONSSA certificate on a weaving cooperative is a
    /// typing mistake.
    pub fn parse(&self, food_producer: bool, today: Date) -> Result<CertificationDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(CertificationKind::parse("kind", &self.kind));
        if let Some(k) = kind
            && k.is_onssa()
            && !food_producer
        {
            e.push(ValidationError::new("kind", "onssa_only_food"));
        }
        let number = e.check(certificate_number(&self.number));
        let issuer = e.check(required_text("issuer", &self.issuer, 200));
        let products = e.check(required_text("products", &self.products, 1000));
        let issued_on = match e.check(parse_date("issued_on", &self.issued_on)) {
            Some(None) => {
                e.push(ValidationError::new("issued_on", "required"));
                None
            }
            Some(Some(d)) if d > today => {
                e.push(ValidationError::new("issued_on", "date_in_future"));
                None
            }
            other => other.flatten(),
        };
        let expires_on = e.check(parse_date("expires_on", &self.expires_on)).flatten();
        if let (Some(s), Some(end)) = (issued_on, expires_on)
            && end <= s
        {
            e.push(ValidationError::new("expires_on", "end_before_start"));
        }
        e.into_result()?;
        match (kind, number, issuer, products, issued_on) {
            (Some(kind), Some(number), Some(issuer), Some(products), Some(issued_on)) => {
                Ok(CertificationDraft {
                    kind,
                    number,
                    issuer,
                    products,
                    issued_on,
                    expires_on,
                })
            }
            // Every `None` above pushed an error, so this arm is not reached.
            _ => Err(ValidationError::new("kind", "required").into()),
        }
    }
}

/// A certificate's number as its issuer prints it: letters, digits and a few separators, so a
/// buyer can read it out and the catalogue can be searched by it.
fn certificate_number(raw: &str) -> Result<String, ValidationError> {
    let s = required_text("number", raw, 60)?;
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ' ' | '_'))
    {
        Ok(s)
    } else {
        Err(ValidationError::new("number", "invalid_certificate_number"))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn state_follows_the_dates() {
        let today = date!(2026 - 03 - 01);
        assert_eq!(certification_state(None, today), CertificationState::Valid);
        assert_eq!(
            certification_state(Some(date!(2027 - 01 - 01)), today),
            CertificationState::Valid
        );
        assert_eq!(
            certification_state(Some(date!(2026 - 05 - 30)), today),
            CertificationState::RenewalDue
        );
        assert_eq!(
            certification_state(Some(today), today),
            CertificationState::RenewalDue
        );
        assert_eq!(
            certification_state(Some(date!(2026 - 02 - 28)), today),
            CertificationState::Expired
        );
    }

    #[test]
    fn one_reminder_per_threshold_the_nearest_first_seen() {
        let today = date!(2026 - 03 - 01);
        let in_days = |n: i64| Some(today + time::Duration::days(n));
        assert_eq!(due_reminder(in_days(200), today), None);
        assert_eq!(due_reminder(in_days(91), today), None);
        assert_eq!(due_reminder(in_days(90), today), Some(90));
        assert_eq!(due_reminder(in_days(31), today), Some(90));
        assert_eq!(due_reminder(in_days(20), today), Some(30));
        assert_eq!(due_reminder(in_days(7), today), Some(7));
        assert_eq!(due_reminder(in_days(0), today), Some(7));
        assert_eq!(due_reminder(in_days(-1), today), None);
        assert_eq!(due_reminder(None, today), None);
    }

    #[test]
    fn food_producers_are_known_by_sector_and_branch() {
        assert!(is_food_producer(Some("food_processing"), None));
        assert!(is_food_producer(Some("argan"), Some("argan_oil")));
        assert!(!is_food_producer(Some("argan"), Some("argan_cosmetics")));
        assert!(!is_food_producer(Some("handicraft"), Some("carpets")));
        assert!(!is_food_producer(None, None));
        for s in FOOD_SECTORS {
            assert!(crate::SECTORS.iter().any(|(code, _)| code == s), "{s}");
        }
        for b in NON_FOOD_BRANCHES {
            assert!(crate::SECTORS.iter().any(|(_, bs)| bs.contains(b)), "{b}");
        }
    }

    #[test]
    fn missing_items_in_order() {
        assert_eq!(missing_items(true, &[]).len(), ONSSA_CHECKLIST.len() - 1);
        let done = vec!["premises".to_string(), "title_known".to_string()];
        assert_eq!(
            missing_items(false, &done),
            vec![
                "registered",
                "hygiene_plan",
                "traceability",
                "application_lodged",
                "inspection_passed"
            ]
        );
    }

    #[test]
    fn a_certificate_is_checked_whole() {
        let today = date!(2026 - 03 - 01);
        let raw = RawCertification {
            kind: "onssa_authorization".into(),
            number: "AS.08.201.2024/117".into(),
            issuer: "ONSSA — Drâa-Tafilalet".into(),
            products: "Dattes Mejhoul\nPâte de dattes".into(),
            issued_on: "2024-04-02".into(),
            expires_on: "2026-04-01".into(),
        };
        let draft = raw.parse(true, today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(draft.kind, CertificationKind::OnssaAuthorization);
        let codes = |r: RawCertification, food: bool| -> Vec<(&str, &str)> {
            r.parse(food, today)
                .err()
                .map(|e| e.iter().map(|e| (e.field, e.code)).collect())
                .unwrap_or_default()
        };
        assert_eq!(codes(raw.clone(), false), vec![("kind", "onssa_only_food")]);
        let bad = RawCertification {
            kind: "iso".into(),
            number: "<b>".into(),
            issuer: String::new(),
            products: String::new(),
            issued_on: "2027-01-01".into(),
            expires_on: "2026-01-01".into(),
        };
        assert_eq!(
            codes(bad, true),
            vec![
                ("kind", "invalid_choice"),
                ("number", "invalid_certificate_number"),
                ("issuer", "required"),
                ("products", "required"),
                ("issued_on", "date_in_future"),
            ]
        );
        let reversed = RawCertification {
            expires_on: "2024-01-01".into(),
            ..raw
        };
        assert_eq!(codes(reversed, true), vec![("expires_on", "end_before_start")]);
    }
}
