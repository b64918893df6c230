//! The register of cooperatives (سجل التعاونيات, Law 112-12 art. 9; Decree 2-15-617): filings,
//! the documents they need, the founding file, and the entries that record them.
//!
//! # The model
//!
//! Law 112-12 replaced the office's prior approval by registration: a cooperative exists as a
//! legal person once the clerk's office (كتابة الضبط) of the court of first instance of its seat
//! has entered it in the **local register**. The register has three views, and the platform keeps
//! all three:
//!
//! - **The local chronological register** (one per court): every entry the clerk makes, in the
//!   order made, numbered 1, 2, 3 … per court. An entry is never edited or deleted; a mistake is
//!   fixed by a new [`EntryKind::Correction`] entry that points to the one it corrects. Each entry
//!   carries the SHA-256 hash of its facts and of the previous entry's hash ([`entry_hash`]), so
//!   the entries of a court form a chain: changing, removing or reordering any past entry breaks
//!   every hash after it, and [`verify_chain`] says where. The court's first entry links to
//!   [`GENESIS_HASH`].
//! - **The analytical record** (one per cooperative): the cooperative's current legal situation
//!   (name, seat, capital, officers, status). Each entry stores, in `content`, the analytical
//!   record as it stands *after* the entry, so the chain also vouches for every past state.
//! - **The central register** (kept by the office, ODCO): every court's entries together, which
//!   the clerks transmit (within 20 days, Decree 2-15-617). On the platform the office reads the
//!   same entries, so "transmission" is a status, not a copy.
//!
//! A **filing** ([`FilingKind`]) is what a cooperative (or its founders) submits to the clerk:
//! immatriculation, modification, adaptation or radiation, with its [`FilingDetail`] and uploaded
//! documents ([`required_documents`], [`check_upload`]). Its life is the small state machine of
//! [`FilingStatus`]. A registered filing produces one entry.
//!
//! Rules marked *unverified* come from secondary sources (see `law-112-12.md`); they are kept in
//! one place each so that they are easy to change once checked against the Bulletin officiel.
//!
//! # Errors on rows
//!
//! A [`ValidationError`] names its field with a `&'static str` that the web layer translates
//! (`field-<field>`), so an error about one founder or officer cannot carry `founders[2]` in the
//! field itself. It uses the field `founders-id_number` and the argument `row` (1-based, as a
//! person counts), and [`field_path`] turns that into `founders[1].id_number` for the page's
//! anchors and the JSON API.

mod chain;
mod filing;
mod founding;
mod governance;
mod requests;
mod upload;

pub use chain::{
    BreakReason, ChainBreak, EntryFacts, EntryKind, GENESIS_HASH, entry_hash, parse_registration_number,
    registration_number, verify_chain,
};
pub use filing::{DocumentKind, FilingAction, FilingDetail, FilingKind, FilingStatus, required_documents};
pub use founding::{Category, Founder, FoundingFile, Missing, YOUNG_BELOW_AGE};
pub use governance::{BOARD_MIN_MEMBERS, Governance, Officer, OfficerRole};
pub use requests::{
    AdaptationRequest, ModificationRequest, ModificationSubject, RadiationCause, RadiationRequest,
    adaptation_state_on,
};
pub use upload::{ACCEPTED_TYPES, DEFAULT_MAX_UPLOAD_BYTES, accepted_types, check_upload, sniff_type};

use crate::ValidationError;

/// Longest free text of a filing (object, note): a paragraph or two, not a document.
const MAX_TEXT: usize = 2000;

// Dates in stored JSON as `YYYY-MM-DD`, whatever features of `time` the build enables (its default
// is a `[year, ordinal]` pair, unreadable for whoever inspects a stored file).
time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// An error about one row of a list: `field` is `<list>-<column>`, `row` counts from 1.
fn row_error(field: &'static str, row: usize, code: &'static str) -> ValidationError {
    ValidationError::new(field, code).with_arg("row", row + 1)
}

/// Adds the row to an error produced by a field parser (e.g. `required_text`).
fn at_row(mut e: ValidationError, row: usize) -> ValidationError {
    e.args.push(("row", (row + 1).to_string()));
    e
}

/// The path of the value an error is about: `founders-id_number` with `row` 3 gives
/// `founders[2].id_number` (0-based, as in the JSON); any other field is returned as is.
pub fn field_path(e: &ValidationError) -> String {
    let row = e
        .args
        .iter()
        .find(|(k, _)| *k == "row")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .and_then(|r| r.checked_sub(1));
    match (e.field.split_once('-'), row) {
        (Some((list, column)), Some(i)) => format!("{list}[{i}].{column}"),
        (None, Some(i)) => format!("{}[{i}]", e.field),
        _ => e.field.to_string(),
    }
}

/// How a person's name is compared: trimmed, inner spaces collapsed, case folded (Latin names
/// come in any case; Arabic has none).
fn name_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths() {
        assert_eq!(
            field_path(&row_error("founders-id_number", 2, "required")),
            "founders[2].id_number"
        );
        assert_eq!(
            field_path(&row_error("union_members", 0, "invalid_number")),
            "union_members[0]"
        );
        assert_eq!(
            field_path(&ValidationError::new("share_value", "required")),
            "share_value"
        );
        assert_eq!(
            field_path(&at_row(ValidationError::new("officers-full_name", "too_long"), 4)),
            "officers[4].full_name"
        );
    }

    #[test]
    fn names_compare_loosely() {
        assert_eq!(name_key("  Fatima   ZAHRA "), name_key("fatima zahra"));
        assert_eq!(name_key("فاطمة  الزهراء"), "فاطمة الزهراء");
    }
}
