//! Filings after the founding: modifying inscriptions, adaptation of a pre-existing cooperative,
//! radiation; and the adaptation deadline.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::cooperative::{code_enum, parse_name_ar, parse_name_fr};
use crate::error::{has_forbidden_chars, required_text};
use crate::{AdaptationState, Kind, LegalRules, ProvinceCode, ValidationError, ValidationErrors};

use super::{Governance, MAX_TEXT};

code_enum!(
    /// What a modifying inscription changes (Decree 2-15-617; the list of the office's model
    /// request form is **unverified**).
    ModificationSubject, "subjects", "invalid_choice" {
        /// Other articles of the statutes.
        Statutes => "statutes",
        /// Composition or offices of the board of directors.
        Board => "board",
        /// The manager(s).
        Manager => "manager",
        Capital => "capital",
        /// Seat — «المقر».
        Seat => "seat",
        Name => "name",
    }
);

/// A modifying inscription — «تقييد تعديلي»: what changes, and the new values. Values of subjects
/// not listed are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModificationRequest {
    pub subjects: BTreeSet<ModificationSubject>,
    /// New names: they come from a name request the office approved (the store checks that).
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    /// New seat: HCP province and commune codes, and address.
    pub province: Option<String>,
    pub commune: Option<String>,
    pub address: Option<String>,
    /// New capital and nominal share value, in dirhams.
    pub capital: Option<i64>,
    pub share_value: Option<i64>,
    /// The new board, or the new manager(s).
    pub governance: Option<Governance>,
    /// What changes, in words (required for `statutes`: the articles amended).
    pub note: String,
    /// Date of the assembly (or board meeting) that decided the change.
    #[serde(with = "super::iso_date::option")]
    pub decided_on: Option<Date>,
}

impl ModificationRequest {
    /// At least one subject, each with its new value; the decision date, not in the future.
    /// Capital and share value meet the minimums; the new board or managers follow the organ's
    /// rules (whether they are members is checked by the store, which knows the members).
    pub fn check(&self, rules: &LegalRules, today: Date) -> ValidationErrors {
        let mut e = ValidationErrors::new();
        if self.subjects.is_empty() {
            e.push(ValidationError::new("subjects", "required"));
        }
        for subject in &self.subjects {
            match subject {
                ModificationSubject::Statutes => {
                    e.check(required_text("note", &self.note, MAX_TEXT));
                }
                ModificationSubject::Name => {
                    let ar = e
                        .check(parse_name_ar(self.name_ar.as_deref().unwrap_or("")))
                        .flatten();
                    let fr = e
                        .check(parse_name_fr(self.name_fr.as_deref().unwrap_or("")))
                        .flatten();
                    if ar.is_none() && fr.is_none() && !e.iter().any(|x| x.field.starts_with("name_")) {
                        e.push(ValidationError::new("name_ar", "name_required"));
                    }
                }
                ModificationSubject::Seat => self.check_seat(&mut e),
                ModificationSubject::Capital => self.check_capital(rules, &mut e),
                ModificationSubject::Board => match &self.governance {
                    Some(g @ Governance::Board { .. }) => g.check(&mut e),
                    _ => e.push(ValidationError::new("governance", "required")),
                },
                ModificationSubject::Manager => match &self.governance {
                    Some(g @ Governance::Manager { .. }) => g.check(&mut e),
                    _ => e.push(ValidationError::new("governance", "required")),
                },
            }
        }
        if !self.subjects.contains(&ModificationSubject::Statutes) {
            check_note(&self.note, &mut e);
        }
        match self.decided_on {
            None => e.push(ValidationError::new("decided_on", "required")),
            Some(d) if d > today => e.push(ValidationError::new("decided_on", "date_in_future")),
            Some(_) => {}
        }
        e
    }

    fn check_seat(&self, e: &mut ValidationErrors) {
        let province = match self.province.as_deref().map(str::trim) {
            None | Some("") => {
                e.push(ValidationError::new("province", "required"));
                None
            }
            Some(p) => e.check(ProvinceCode::parse("province", p)),
        };
        if let (Some(p), Some(c)) = (province, self.commune.as_deref().map(str::trim))
            && !c.is_empty()
            && !c.starts_with(&format!("{}.", p.as_str()))
        {
            e.push(ValidationError::new("commune", "commune_not_in_province"));
        }
        e.check(required_text(
            "address",
            self.address.as_deref().unwrap_or(""),
            300,
        ));
    }

    fn check_capital(&self, rules: &LegalRules, e: &mut ValidationErrors) {
        match self.capital {
            None => e.push(ValidationError::new("capital", "required")),
            Some(c) if c < rules.min_capital => {
                e.push(
                    ValidationError::new("capital", "capital_below_minimum")
                        .with_arg("min", rules.min_capital),
                );
            }
            Some(_) => {}
        }
        if let Some(s) = self.share_value {
            if s < rules.min_share_value {
                e.push(
                    ValidationError::new("share_value", "share_below_minimum")
                        .with_arg("min", rules.min_share_value),
                );
            } else if self.capital.is_some_and(|c| c % s != 0) {
                // The capital is a whole number of shares of one nominal value.
                e.push(ValidationError::new("capital", "capital_not_multiple_of_share"));
            }
        }
    }
}

/// An optional note: bounded and free of misleading characters.
fn check_note(note: &str, e: &mut ValidationErrors) {
    if note.trim().chars().count() > MAX_TEXT {
        e.push(ValidationError::new("note", "too_long").with_arg("max", MAX_TEXT));
    } else if has_forbidden_chars(note.trim()) {
        e.push(ValidationError::new("note", "forbidden_characters"));
    }
}

/// Adaptation of a cooperative founded under Law 24-83 — «الملاءمة» (Decree 2-15-617 art. 1 §2):
/// its new statutes, the extraordinary assembly that adopted them, its former approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdaptationRequest {
    /// Date of the extraordinary general assembly that adopted the statutes.
    #[serde(with = "super::iso_date")]
    pub egm_date: Date,
    /// Number of the former approval order (arrêté d'agrément) under Law 24-83.
    pub former_approval_ref: String,
    /// Members on the day of the assembly (member cooperatives, for a union).
    pub members: i64,
}

impl AdaptationRequest {
    /// The assembly is not in the future, the approval reference is given (≤ 100 characters), and
    /// the body has the members Law 112-12 requires of its `kind`: adapting means complying.
    pub fn check(&self, kind: Kind, rules: &LegalRules, today: Date) -> ValidationErrors {
        let mut e = ValidationErrors::new();
        if self.egm_date > today {
            e.push(ValidationError::new("egm_date", "date_in_future"));
        }
        e.check(required_text(
            "former_approval_ref",
            &self.former_approval_ref,
            100,
        ));
        let (min, code) = match kind {
            Kind::Cooperative => (rules.min_founders, "too_few_members"),
            Kind::Union => (rules.min_union_members, "too_few_member_cooperatives"),
        };
        if self.members < min {
            e.push(ValidationError::new("members", code).with_arg("min", min));
        }
        e
    }
}

code_enum!(
    /// Why a cooperative leaves the register.
    RadiationCause, "cause", "invalid_choice" {
        /// Dissolution decided by the assembly (or the end of the duration) with nothing to
        /// liquidate.
        Dissolution => "dissolution",
        /// Dissolution followed by liquidation, closed by the liquidator's report.
        Liquidation => "liquidation",
        /// Absorption by another cooperative.
        Merger => "merger",
        /// Transformation into a company.
        Transformation => "transformation",
    }
);

/// Radiation — «التشطيب من السجل». The radiated record stays in the register and can still be
/// extracted; only its status changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RadiationRequest {
    pub cause: RadiationCause,
    /// Date of the decision (assembly or court).
    #[serde(with = "super::iso_date")]
    pub decided_on: Date,
    /// For a merger: the platform id of the cooperative that absorbs this one.
    #[serde(default)]
    pub absorbing_cooperative: Option<i64>,
    /// For a liquidation: who liquidated.
    #[serde(default)]
    pub liquidator: Option<String>,
    #[serde(default)]
    pub note: String,
}

impl RadiationRequest {
    /// The decision is not in the future; a merger names the absorbing cooperative, a liquidation
    /// its liquidator.
    pub fn check(&self, today: Date) -> ValidationErrors {
        let mut e = ValidationErrors::new();
        if self.decided_on > today {
            e.push(ValidationError::new("decided_on", "date_in_future"));
        }
        if self.cause == RadiationCause::Merger && self.absorbing_cooperative.is_none_or(|id| id <= 0) {
            e.push(ValidationError::new("absorbing_cooperative", "required"));
        }
        if self.cause == RadiationCause::Liquidation {
            e.check(required_text(
                "liquidator",
                self.liquidator.as_deref().unwrap_or(""),
                200,
            ));
        }
        check_note(&self.note, &mut e);
        e
    }
}

/// The adaptation state of a body on `today`:
/// - a body founded under Law 112-12 is not concerned: `None`;
/// - `adapted`, `filed` and `out_of_time` stay as they are (a filing lodged in time keeps its
///   course after the deadline);
/// - nothing filed (`None` or `not_filed`): `not_filed` up to and including
///   `rules.adaptation_deadline` (31 December 2019, Law 74-16), `out_of_time` after it.
pub fn adaptation_state_on(
    current: Option<AdaptationState>,
    pre_112_12: bool,
    today: Date,
    rules: &LegalRules,
) -> Option<AdaptationState> {
    if !pre_112_12 {
        return None;
    }
    Some(match current {
        Some(s @ (AdaptationState::Adapted | AdaptationState::Filed | AdaptationState::OutOfTime)) => s,
        None | Some(AdaptationState::NotFiled) if today > rules.adaptation_deadline => {
            AdaptationState::OutOfTime
        }
        None | Some(AdaptationState::NotFiled) => AdaptationState::NotFiled,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::register::{Officer, OfficerRole};

    const TODAY: Date = date!(2026 - 11 - 23);

    fn codes(errors: ValidationErrors) -> Vec<(&'static str, &'static str)> {
        errors.iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn each_subject_needs_its_value() {
        let rules = LegalRules::default();
        assert_eq!(
            codes(ModificationRequest::default().check(&rules, TODAY)),
            vec![("subjects", "required"), ("decided_on", "required")]
        );
        let m = ModificationRequest {
            subjects: ModificationSubject::ALL.iter().copied().collect(),
            decided_on: Some(date!(2026 - 12 - 01)),
            ..Default::default()
        };
        assert_eq!(
            codes(m.check(&rules, TODAY)),
            vec![
                ("note", "required"),
                ("governance", "required"),
                ("governance", "required"),
                ("capital", "required"),
                ("province", "required"),
                ("address", "required"),
                ("name_ar", "name_required"),
                ("decided_on", "date_in_future"),
            ]
        );
    }

    #[test]
    fn new_values_are_checked() {
        let rules = LegalRules::default();
        let m = ModificationRequest {
            subjects: [
                ModificationSubject::Capital,
                ModificationSubject::Seat,
                ModificationSubject::Manager,
                ModificationSubject::Name,
            ]
            .into(),
            capital: Some(2050),
            share_value: Some(100),
            province: Some("08.201".into()),
            commune: Some("07.161.01.01".into()),
            address: Some("Hay Salam".into()),
            governance: Some(Governance::Manager {
                managers: vec![Officer {
                    full_name: "Said".into(),
                    role: OfficerRole::Manager,
                    mandate_years: None,
                }],
            }),
            name_fr: Some("تعاونية".into()),
            decided_on: Some(date!(2026 - 10 - 01)),
            ..Default::default()
        };
        assert_eq!(
            codes(m.check(&rules, TODAY)),
            vec![
                ("capital", "capital_not_multiple_of_share"),
                ("commune", "commune_not_in_province"),
                ("name_fr", "name_fr_not_latin"),
            ]
        );
        let board_for_manager = ModificationRequest {
            subjects: [ModificationSubject::Board].into(),
            governance: Some(Governance::Manager { managers: vec![] }),
            decided_on: Some(date!(2026 - 10 - 01)),
            ..Default::default()
        };
        assert_eq!(
            codes(board_for_manager.check(&rules, TODAY)),
            vec![("governance", "required")]
        );
    }

    #[test]
    fn adaptation_request() {
        let rules = LegalRules::default();
        let mut a = AdaptationRequest {
            egm_date: date!(2019 - 05 - 12),
            former_approval_ref: " 1234/96 ".into(),
            members: 9,
        };
        assert!(a.check(Kind::Cooperative, &rules, TODAY).is_empty());
        a.egm_date = date!(2027 - 01 - 01);
        a.former_approval_ref = "  ".into();
        a.members = 2;
        assert_eq!(
            codes(a.check(Kind::Union, &rules, TODAY)),
            vec![
                ("egm_date", "date_in_future"),
                ("former_approval_ref", "required"),
                ("members", "too_few_member_cooperatives"),
            ]
        );
    }

    #[test]
    fn radiation_request() {
        let mut r = RadiationRequest {
            cause: RadiationCause::Merger,
            decided_on: date!(2026 - 06 - 30),
            absorbing_cooperative: None,
            liquidator: None,
            note: "\u{202E}".into(),
        };
        assert_eq!(
            codes(r.check(TODAY)),
            vec![
                ("absorbing_cooperative", "required"),
                ("note", "forbidden_characters")
            ]
        );
        r.absorbing_cooperative = Some(42);
        r.note = String::new();
        assert!(r.check(TODAY).is_empty());
        r.cause = RadiationCause::Liquidation;
        assert_eq!(codes(r.check(TODAY)), vec![("liquidator", "required")]);
        r.liquidator = Some("Maître Benani".into());
        assert!(r.check(TODAY).is_empty());
    }

    #[test]
    fn adaptation_deadline() {
        use AdaptationState as A;
        let rules = LegalRules::default();
        assert_eq!(rules.adaptation_deadline, date!(2019 - 12 - 31));
        let on = |current, pre, today| adaptation_state_on(current, pre, today, &rules);
        assert_eq!(on(None, false, TODAY), None);
        assert_eq!(on(Some(A::Adapted), false, TODAY), None);
        assert_eq!(on(None, true, date!(2019 - 12 - 31)), Some(A::NotFiled));
        assert_eq!(
            on(Some(A::NotFiled), true, date!(2020 - 01 - 01)),
            Some(A::OutOfTime)
        );
        assert_eq!(on(None, true, TODAY), Some(A::OutOfTime));
        assert_eq!(on(Some(A::Filed), true, TODAY), Some(A::Filed));
        assert_eq!(on(Some(A::Adapted), true, TODAY), Some(A::Adapted));
        assert_eq!(
            on(Some(A::OutOfTime), true, date!(2019 - 01 - 01)),
            Some(A::OutOfTime)
        );
    }
}
