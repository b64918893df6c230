//! How a cooperative is run (law, organs): a board of directors or one or more managers, and
//! the officers who hold the offices.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::cooperative::code_enum;
use crate::error::required_text;
use crate::{ValidationError, ValidationErrors};

use super::{at_row, name_key, row_error};

/// Smallest board a file may have. The law leaves the board's size to the statutes (the number is
/// **unverified**, `law-112-12.md` §4); three is the least that fills the offices of chair,
/// secretary and treasurer. Change it here once the law or the office settles it.
pub const BOARD_MIN_MEMBERS: usize = 3;

code_enum!(
    /// An officer's office. Board members hold the first five; `manager` is the manager option.
    OfficerRole, "role", "invalid_choice" {
        /// Chair of the board — «رئيس مجلس الإدارة»; signs filings for the cooperative.
        Chair => "chair",
        ViceChair => "vice_chair",
        Secretary => "secretary",
        Treasurer => "treasurer",
        Member => "member",
        /// Manager — «المسير» (gérant).
        Manager => "manager",
    }
);

/// A board member or a manager, as elected or appointed by the constitutive assembly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Officer {
    pub full_name: String,
    pub role: OfficerRole,
    /// Length of the mandate, as the statutes set it (the law's term is **unverified**).
    #[serde(default)]
    pub mandate_years: Option<i32>,
}

/// How the cooperative is run (law, organs): a board of directors, or one or more managers.
/// The member threshold for the manager option is **unverified**, so it is not checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum Governance {
    /// Board of directors — «مجلس الإدارة».
    Board { members: Vec<Officer> },
    /// Manager(s) — «مسير أو مسيرون».
    Manager { managers: Vec<Officer> },
}

impl Default for Governance {
    fn default() -> Self {
        Governance::Board { members: Vec::new() }
    }
}

impl Governance {
    pub fn officers(&self) -> &[Officer] {
        match self {
            Governance::Board { members } => members,
            Governance::Manager { managers } => managers,
        }
    }

    /// The organ's own rules, on fields `governance` and `officers-*`: a board has at least
    /// [`BOARD_MIN_MEMBERS`], exactly one chair and no manager; the manager option has at least
    /// one manager and only managers; nobody is listed twice; a mandate lasts a year or more.
    pub(super) fn check(&self, e: &mut ValidationErrors) {
        let officers = self.officers();
        match self {
            Governance::Board { members } => {
                if members.len() < BOARD_MIN_MEMBERS {
                    e.push(
                        ValidationError::new("governance", "board_too_small")
                            .with_arg("min", BOARD_MIN_MEMBERS),
                    );
                }
                if members.iter().filter(|o| o.role == OfficerRole::Chair).count() != 1 {
                    e.push(ValidationError::new("governance", "board_needs_one_chair"));
                }
            }
            Governance::Manager { managers } => {
                if managers.is_empty() {
                    e.push(ValidationError::new("governance", "manager_required"));
                }
            }
        }
        let mut seen = HashSet::new();
        for (i, o) in officers.iter().enumerate() {
            if let Err(err) = required_text("officers-full_name", &o.full_name, 200) {
                e.push(at_row(err, i));
            } else if !seen.insert(name_key(&o.full_name)) {
                e.push(row_error("officers-full_name", i, "duplicate_officer"));
            }
            let manager_option = matches!(self, Governance::Manager { .. });
            if (o.role == OfficerRole::Manager) != manager_option {
                e.push(row_error("officers-role", i, "officer_role_mismatch"));
            }
            if o.mandate_years.is_some_and(|y| y < 1) {
                e.push(row_error("officers-mandate_years", i, "invalid_number"));
            }
        }
    }
}
