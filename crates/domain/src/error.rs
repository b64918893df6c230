//! Validation errors carry a field name and a stable snake_case rule code. The code is the
//! translation key (`error-<code>` in the Fluent files), so the same refusal reads correctly in
//! Arabic and French, in a page and in the JSON API.

use std::fmt;

/// Every rule code the platform can refuse a value with. Each has an `error-<code>` message in
/// both languages (a test in the web crate checks it).
pub const RULE_CODES: &[&str] = &[
    "required",
    "too_long",
    "forbidden_characters",
    "invalid_email",
    "password_too_short",
    "password_too_common",
    "passwords_differ",
    "wrong_password",
    "wrong_credentials",
    "too_many_attempts",
    "email_taken",
    "email_not_latin",
    "email_unconfirmed",
    "reserved_name",
    "invalid_role",
    "invalid_region_code",
    "invalid_province_code",
    "invalid_court_code",
    "court_code_taken",
    "unknown_province",
    "invalid_court_status",
    "clerk_needs_court",
    "court_only_for_clerks",
    "region_only_for_agents",
    "invalid_kind",
    "invalid_status",
    "invalid_adaptation_state",
    "invalid_sector",
    "invalid_branch",
    "invalid_central_number",
    "name_ar_not_arabic",
    "name_fr_not_latin",
    "name_required",
    "invalid_date",
    "invalid_number",
    "invalid_phone",
    "invalid_boolean",
    "date_in_future",
    "immatriculated_before_founded",
    "province_not_in_region",
    "commune_not_in_province",
    "adaptation_only_pre_existing",
    "capital_below_minimum",
    "share_below_minimum",
    "capital_not_multiple_of_share",
    "too_few_members",
    "too_few_member_cooperatives",
    "more_than_members",
    "invalid_page",
    "duplicate_founders",
    "too_few_founders",
    "decision_reason_required",
    "already_decided",
    "duplicate_in_file",
    "invalid_dimension",
    "too_many_dimensions",
    "invalid_format",
    "invalid_limit",
    // register (filings, founding file, uploads, register entries)
    "invalid_choice",
    "invalid_transition",
    "name_already_registered",
    "upload_empty",
    "upload_too_large",
    "upload_type",
    "upload_name",
    "invalid_duration",
    "invalid_id_number",
    "invalid_birth_year",
    "in_kind_exceeds_subscription",
    "paid_below_quarter",
    "paid_above_subscribed",
    "union_founders_mismatch",
    "duplicate_member_cooperative",
    "board_too_small",
    "board_needs_one_chair",
    "manager_required",
    "officer_role_mismatch",
    "officer_not_founder",
    "duplicate_officer",
    "invalid_registration_number",
    "filing_incomplete",
    "no_competent_court",
    "union_member_unknown",
    // campaigns and meetings
    "end_before_start",
    "invalid_time",
    "invalid_capacity",
    "contact_required",
    "already_registered",
    "registration_closed",
    "meeting_full",
    "unknown_cooperative",
    "capacity_below_confirmed",
    "outside_your_region",
    "photo_type",
    "invalid_json",
    // the cooperative's own space
    "legal_person_no_gender",
    "transfer_to_self",
    "not_a_member_on_date",
    "more_shares_than_held",
    "payment_above_subscribed",
    "refund_above_paid",
    "more_votes_than_present",
    // product quality and market access
    "onssa_only_food",
    "invalid_certificate_number",
    "certificate_already_recorded",
    "sales_before_end",
    // support programmes
    "invalid_amount",
    "ceiling_above_budget",
    "invalid_percent",
    "invalid_weight",
    "weights_not_100",
    "no_project_type",
    "type_not_in_call",
    "above_ceiling",
    "budget_mismatch",
    "own_share_too_low",
    "invalid_mark",
    "budget_exceeded",
    "no_agreement",
    "above_agreement",
    "call_closed",
    "documents_missing",
    "not_eligible",
    "conflict_declared",
    "not_admitted",
    "not_a_committee_user",
    "invalid_price",
    "price_range_reversed",
    "unknown_certification",
    "photo_unreadable",
    "invalid_points",
    "too_many_photos",
    "confirm_required",
];

/// One refused value: which field, which rule, and the values the message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub field: &'static str,
    pub code: &'static str,
    /// Named arguments for the translated message, e.g. `("min", "10")`.
    pub args: Vec<(&'static str, String)>,
}

impl ValidationError {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self {
            field,
            code,
            args: Vec::new(),
        }
    }

    pub fn with_arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

impl std::error::Error for ValidationError {}

/// Every refusal of one submitted form, in field order, so that a user fixes them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: ValidationError) {
        self.0.push(error);
    }

    /// Keeps the parsed value, or records its error and returns `None`.
    pub fn check<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    pub fn iter(&self) -> impl Iterator<Item = &ValidationError> {
        self.0.iter()
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        Self(vec![error])
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Rejects text that would mislead a reader or break a page: control characters and the
/// bidirectional override/isolate characters that can make «ABC» display as «CBA» (a classic
/// way to forge a name in mixed Arabic/Latin text).
pub fn has_forbidden_chars(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\r' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
            // The Arabic letter mark is a direction mark too; zero-width spaces, word joiners
            // and the byte-order mark are invisible, so two names that read the same would
            // differ (joiners U+200C/U+200D stay: they change how Arabic letters join).
            || matches!(c, '\u{061C}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
    })
}

/// Trims and checks a free-text field: required, at most `max` characters, no forbidden
/// characters.
pub fn required_text(field: &'static str, raw: &str, max: usize) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new(field, "required"));
    }
    if value.chars().count() > max {
        return Err(ValidationError::new(field, "too_long").with_arg("max", max));
    }
    if has_forbidden_chars(value) {
        return Err(ValidationError::new(field, "forbidden_characters"));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_overrides_are_forbidden() {
        assert!(has_forbidden_chars("abc\u{202E}def"));
        assert!(has_forbidden_chars("x\u{2067}y"));
        assert!(has_forbidden_chars("nul\u{0}"));
        assert!(has_forbidden_chars("تعاونية\u{061C}النور"));
        assert!(has_forbidden_chars("تعاونية\u{200B}النور"));
        assert!(has_forbidden_chars("\u{FEFF}Annour"));
        assert!(
            !has_forbidden_chars("تعاونية\u{200C}النور"),
            "a joiner is not forbidden"
        );
        assert!(!has_forbidden_chars("تعاونية النور — Coopérative Annour"));
    }

    #[test]
    fn required_text_trims_and_bounds() {
        assert_eq!(required_text("name", "  a b ", 10), Ok("a b".to_string()));
        assert_eq!(
            required_text("name", "   ", 10).map_err(|e| e.code),
            Err("required")
        );
        assert_eq!(
            required_text("name", "abcdef", 3).map_err(|e| e.code),
            Err("too_long")
        );
    }
}
