//! The register's subject: cooperatives and unions of cooperatives (Law 112-12), and the rules a
//! record of the register must satisfy.

use serde::{Deserialize, Serialize};
use time::{Date, macros::format_description};

use crate::{
    Email, ProvinceCode, RegionCode, ValidationError, ValidationErrors,
    error::{has_forbidden_chars, required_text},
};

/// Parameters of the law that sources disagree on or that the office may need to change; the
/// defaults follow `law-112-12.md` (see its "unverified" notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalRules {
    /// Minimum founders of a cooperative: 5 under Law 112-12 (7 under the repealed 24-83).
    pub min_founders: i64,
    /// Minimum member cooperatives of a union: 3, traced only to texts of the former Law 24-83;
    /// unverified for Law 112-12 (the error message and answer q068 say so).
    pub min_union_members: i64,
    /// Minimum capital in dirhams.
    pub min_capital: i64,
    /// Minimum nominal value of a share in dirhams.
    pub min_share_value: i64,
    /// Working days the office has to decide on a name (3 in the bill).
    pub name_decision_working_days: u32,
    /// Days an approved name stays reserved for its founders (not found in the sources: a
    /// parameter of the office).
    pub name_reservation_days: i64,
    /// Last day on which a cooperative founded under Law 24-83 could adapt its statutes: Law 74-16
    /// moved it to 31 December 2019. A pre-existing body that had filed nothing by then is out of
    /// time (see [`crate::register::adaptation_state_on`]).
    pub adaptation_deadline: Date,
}

impl Default for LegalRules {
    fn default() -> Self {
        Self {
            min_founders: 5,
            min_union_members: 3,
            min_capital: 1000,
            min_share_value: 100,
            name_decision_working_days: 3,
            name_reservation_days: 90,
            adaptation_deadline: time::macros::date!(2019 - 12 - 31),
        }
    }
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $field:literal, $err:literal { $($(#[$vm:meta])* $variant:ident => $code:literal),* $(,)? }) => {
        $(#[$m])*
        // Ord so that a set of codes (`BTreeSet`) serialises in a stable order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
                match raw.trim() {
                    $($code => Ok($name::$variant),)*
                    _ => Err(ValidationError::new(field, $err)),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

// Other modules of the crate declare their code lists with the same macro.
pub(crate) use code_enum;

code_enum!(
    /// A cooperative, or a union of cooperatives (اتحاد التعاونيات) founded by cooperatives.
    Kind, "kind", "invalid_kind" {
        Cooperative => "cooperative",
        Union => "union",
    }
);

code_enum!(
    /// Where a body stands in the register.
    Status, "status", "invalid_status" {
        /// Immatriculated and running.
        Active => "active",
        /// Dissolution decided, liquidation under way.
        InDissolution => "in_dissolution",
        /// Struck off the register (dissolution, merger, transformation). Kept and searchable:
        /// third parties may ask for extracts of radiated entries too.
        Radiated => "radiated",
        /// A pre-existing cooperative that did not adapt its statutes by the deadline and lost
        /// the status of cooperative (Law 74-16: 31 December 2019).
        Lapsed => "lapsed",
    }
);

code_enum!(
    /// Adaptation of a pre-existing body's statutes to Law 112-12 (الملاءمة).
    AdaptationState, "adaptation_state", "invalid_adaptation_state" {
        NotFiled => "not_filed",
        Filed => "filed",
        Adapted => "adapted",
        OutOfTime => "out_of_time",
    }
);

/// Sectors of activity and their branches, as the office's statistics group them.
pub const SECTORS: &[(&str, &[&str])] = &[
    (
        "agriculture",
        &[
            "dairy",
            "livestock",
            "beekeeping",
            "dates",
            "olives",
            "cereals",
            "saffron",
            "cactus",
            "vegetables",
            "water_use",
        ],
    ),
    ("argan", &["argan_oil", "argan_cosmetics"]),
    ("aromatic_plants", &["aromatic_medicinal", "rose", "henna"]),
    (
        "handicraft",
        &[
            "weaving_textile",
            "carpets",
            "embroidery_sewing",
            "pottery",
            "leather",
            "wood",
            "basketry",
            "jewelry",
            "haik",
        ],
    ),
    (
        "food_processing",
        &["couscous_pasta", "pastry", "honey_products", "preserves"],
    ),
    ("fishing", &["artisanal_fishing", "seaweed", "aquaculture"]),
    ("forestry", &["forest_products", "charcoal", "mushrooms"]),
    ("housing", &["housing"]),
    ("consumption", &["consumption"]),
    ("transport", &["transport"]),
    ("tourism", &["rural_tourism"]),
    (
        "services",
        &["literacy_training", "management_services", "recycling"],
    ),
    ("trade", &["retail"]),
    ("mining", &["quarry", "mining"]),
];

/// A sector code and, optionally, one of its branches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub sector: String,
    pub branch: Option<String>,
}

impl Activity {
    pub fn parse(sector: &str, branch: &str) -> Result<Self, ValidationError> {
        let sector = sector.trim();
        let branch = branch.trim();
        let Some((code, branches)) = SECTORS.iter().find(|(s, _)| *s == sector) else {
            return Err(ValidationError::new("sector", "invalid_sector"));
        };
        if !branch.is_empty() && !branches.contains(&branch) {
            return Err(ValidationError::new("branch", "invalid_branch"));
        }
        Ok(Self {
            sector: (*code).to_string(),
            branch: (!branch.is_empty()).then(|| branch.to_string()),
        })
    }
}

/// The office's central register number: letters, digits and hyphens, at most 30 characters.
/// Its official format is not published (see `law-112-12.md`), so it is kept opaque.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CentralNumber(String);

impl CentralNumber {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty()
            || s.len() > 30
            || !s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
        {
            return Err(ValidationError::new(field, "invalid_central_number"));
        }
        Ok(Self(s.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// The Arabic name: must be written in Arabic script (Latin letters may appear, e.g. a brand).
pub fn parse_name_ar(raw: &str) -> Result<Option<String>, ValidationError> {
    let s = collapse_spaces(raw);
    if s.is_empty() {
        return Ok(None);
    }
    let s = required_text("name_ar", &s, 200)?;
    if !s.chars().any(is_arabic_letter) {
        return Err(ValidationError::new("name_ar", "name_ar_not_arabic"));
    }
    Ok(Some(s))
}

/// The Latin (French) name: must contain Latin letters and no Arabic ones.
pub fn parse_name_fr(raw: &str) -> Result<Option<String>, ValidationError> {
    let s = collapse_spaces(raw);
    if s.is_empty() {
        return Ok(None);
    }
    let s = required_text("name_fr", &s, 200)?;
    if s.chars().any(is_arabic_letter) || !s.chars().any(|c| c.is_alphabetic()) {
        return Err(ValidationError::new("name_fr", "name_fr_not_latin"));
    }
    Ok(Some(s))
}

fn collapse_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A date written `YYYY-MM-DD`.
pub fn parse_date(field: &'static str, raw: &str) -> Result<Option<Date>, ValidationError> {
    let s = crate::campaign::ascii_digits(raw.trim());
    if s.is_empty() {
        return Ok(None);
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        // A signed year (`-0001`, `+2025`) is not a date anyone means.
        return Err(ValidationError::new(field, "implausible_date"));
    }
    let d = Date::parse(&s, format_description!("[year]-[month]-[day]"))
        .map_err(|_| ValidationError::new(field, "invalid_date"))?;
    // `time` reads signed and far years (`-0001-01-01`); no date of the register, a member's
    // life or a meeting lies outside these (the oldest cooperatives date from the 1930s).
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year()) {
        return Err(ValidationError::new(field, "implausible_date"));
    }
    Ok(Some(d))
}

/// The first and last years a date typed into the platform may have.
pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2100;

fn parse_count(field: &'static str, raw: &str) -> Result<Option<i64>, ValidationError> {
    crate::number::whole_number_in(raw, 0..=10_000_000_000)
        .map_err(|_| ValidationError::new(field, "invalid_number"))
}

/// A date that must be given: [`parse_date`], with an empty field refused as `required`.
pub fn required_date(field: &'static str, raw: &str) -> Result<Date, ValidationError> {
    parse_date(field, raw)?.ok_or_else(|| ValidationError::new(field, "required"))
}

/// A Moroccan phone number, stored as +212XXXXXXXXX.
pub fn parse_phone(field: &'static str, raw: &str) -> Result<Option<String>, ValidationError> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    let national = digits
        .strip_prefix("+212")
        .or_else(|| digits.strip_prefix("00212"))
        .map(|rest| format!("0{rest}"))
        .unwrap_or(digits);
    let ok = national.len() == 10
        && national.starts_with('0')
        && matches!(national.as_bytes()[1], b'5' | b'6' | b'7' | b'8')
        && national.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(ValidationError::new(field, "invalid_phone"));
    }
    Ok(Some(format!("+212{}", &national[1..])))
}

fn parse_bool(field: &'static str, raw: &str) -> Result<Option<bool>, ValidationError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "1" | "yes" | "oui" | "نعم" => Ok(Some(true)),
        "false" | "0" | "no" | "non" | "لا" => Ok(Some(false)),
        _ => Err(ValidationError::new(field, "invalid_boolean")),
    }
}

/// Columns of the import/export CSV, in order; the same names as the JSON fields. Only
/// `name_ar` (or `name_fr`) and `region_code` are required.
pub const IMPORT_COLUMNS: &[&str] = &[
    "central_number",
    "kind",
    "name_ar",
    "name_fr",
    "status",
    "sector",
    "branch",
    "region_code",
    "province_code",
    "commune_code",
    "address",
    "court_code",
    "local_number",
    "founded_on",
    "immatriculated_on",
    "adapted_on",
    "capital",
    "share_value",
    "members",
    "women_members",
    "young_members",
    "phone",
    "email",
    "pre_112_12",
    "adaptation_state",
];

/// A record as it arrives from a form or an import file: every field text, possibly empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawCooperative {
    pub central_number: String,
    pub kind: String,
    pub name_ar: String,
    pub name_fr: String,
    pub status: String,
    pub sector: String,
    pub branch: String,
    pub region_code: String,
    pub province_code: String,
    pub commune_code: String,
    pub address: String,
    pub court_code: String,
    pub local_number: String,
    pub founded_on: String,
    pub immatriculated_on: String,
    pub adapted_on: String,
    pub capital: String,
    pub share_value: String,
    pub members: String,
    pub women_members: String,
    pub young_members: String,
    pub phone: String,
    pub email: String,
    pub pre_112_12: String,
    pub adaptation_state: String,
}

/// A valid record of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooperative {
    pub central_number: Option<CentralNumber>,
    pub kind: Kind,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub status: Status,
    pub activity: Option<Activity>,
    pub region: RegionCode,
    pub province: Option<ProvinceCode>,
    pub commune_code: Option<String>,
    pub address: Option<String>,
    pub court_code: Option<String>,
    pub local_number: Option<String>,
    pub founded_on: Option<Date>,
    pub immatriculated_on: Option<Date>,
    pub adapted_on: Option<Date>,
    /// Capital in dirhams.
    pub capital: Option<i64>,
    /// Nominal value of one share in dirhams.
    pub share_value: Option<i64>,
    /// Members (natural or legal persons); for a union, its member cooperatives.
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub young_members: Option<i64>,
    pub phone: Option<String>,
    pub email: Option<Email>,
    /// Founded under the repealed Law 24-83, before Law 112-12: must adapt its statutes.
    pub pre_112_12: bool,
    pub adaptation_state: Option<AdaptationState>,
    /// Only names and region known: an entry carried over from a historical register, not a
    /// new founding; the other rules cannot be checked and are not.
    pub history: bool,
}

impl Cooperative {
    /// Checks every rule and reports every broken one, so a user (or an import report) sees all
    /// the problems of a record at once.
    pub fn parse(raw: &RawCooperative, rules: &LegalRules, today: Date) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let central_number = match raw.central_number.trim() {
            "" => None,
            s => e.check(CentralNumber::parse("central_number", s)),
        };
        let kind = match raw.kind.trim() {
            "" => Some(Kind::Cooperative),
            s => e.check(Kind::parse("kind", s)),
        };
        let name_ar = e.check(parse_name_ar(&raw.name_ar)).flatten();
        let name_fr = e.check(parse_name_fr(&raw.name_fr)).flatten();
        if name_ar.is_none() && name_fr.is_none() && e.is_empty() {
            e.push(ValidationError::new("name_ar", "name_required"));
        }
        let status = match raw.status.trim() {
            "" => Some(Status::Active),
            s => e.check(Status::parse("status", s)),
        };
        let activity = if raw.sector.trim().is_empty() && raw.branch.trim().is_empty() {
            None
        } else {
            e.check(Activity::parse(&raw.sector, &raw.branch))
        };
        let region = if raw.region_code.trim().is_empty() {
            e.push(ValidationError::new("region_code", "required"));
            None
        } else {
            e.check(RegionCode::parse("region_code", &raw.region_code))
        };
        let province = match raw.province_code.trim() {
            "" => None,
            s => e.check(ProvinceCode::parse("province_code", s)),
        };
        if let (Some(r), Some(p)) = (&region, &province)
            && p.region() != *r
        {
            e.push(ValidationError::new("province_code", "province_not_in_region"));
        }
        let commune_code = match raw.commune_code.trim() {
            "" => None,
            s => {
                if province
                    .as_ref()
                    .is_some_and(|p| !s.starts_with(&format!("{}.", p.as_str())))
                {
                    e.push(ValidationError::new("commune_code", "commune_not_in_province"));
                }
                Some(s.to_string())
            }
        };
        let address = optional_text(&mut e, "address", &raw.address, 300);
        let court_code = match raw.court_code.trim() {
            "" => None,
            s => e
                .check(crate::CourtCode::parse("court_code", s))
                .map(|c| c.as_str().to_string()),
        };
        let local_number = optional_text(&mut e, "local_number", &raw.local_number, 30);
        let founded_on = e.check(parse_date("founded_on", &raw.founded_on)).flatten();
        let immatriculated_on = e
            .check(parse_date("immatriculated_on", &raw.immatriculated_on))
            .flatten();
        let adapted_on = e.check(parse_date("adapted_on", &raw.adapted_on)).flatten();
        for (field, date) in [
            ("founded_on", founded_on),
            ("immatriculated_on", immatriculated_on),
            ("adapted_on", adapted_on),
        ] {
            if date.is_some_and(|d| d > today) {
                e.push(ValidationError::new(field, "date_in_future"));
            }
        }
        if let (Some(f), Some(i)) = (founded_on, immatriculated_on)
            && i < f
        {
            e.push(ValidationError::new(
                "immatriculated_on",
                "immatriculated_before_founded",
            ));
        }
        let capital = e.check(parse_count("capital", &raw.capital)).flatten();
        let share_value = e.check(parse_count("share_value", &raw.share_value)).flatten();
        let members = e.check(parse_count("members", &raw.members)).flatten();
        let women_members = e
            .check(parse_count("women_members", &raw.women_members))
            .flatten();
        let young_members = e
            .check(parse_count("young_members", &raw.young_members))
            .flatten();
        let phone = e.check(parse_phone("phone", &raw.phone)).flatten();
        let email = match raw.email.trim() {
            "" => None,
            s => e.check(Email::parse("email", s)),
        };
        let pre_112_12 = e
            .check(parse_bool("pre_112_12", &raw.pre_112_12))
            .flatten()
            .unwrap_or(false);
        let adaptation_state = match raw.adaptation_state.trim() {
            "" => None,
            s => e.check(AdaptationState::parse("adaptation_state", s)),
        };
        if adaptation_state.is_some() && !pre_112_12 {
            e.push(ValidationError::new(
                "adaptation_state",
                "adaptation_only_pre_existing",
            ));
        }

        // The law's minimums (art. on founders and capital; see LegalRules).
        if let Some(c) = capital
            && c < rules.min_capital
        {
            e.push(
                ValidationError::new("capital", "capital_below_minimum").with_arg("min", rules.min_capital),
            );
        }
        if let Some(s) = share_value
            && s < rules.min_share_value
        {
            e.push(
                ValidationError::new("share_value", "share_below_minimum")
                    .with_arg("min", rules.min_share_value),
            );
        }
        if let (Some(c), Some(s)) = (capital, share_value)
            && s > 0
            && c % s != 0
        {
            // The capital is the sum of the members' shares, all of the same nominal value.
            e.push(ValidationError::new("capital", "capital_not_multiple_of_share"));
        }
        if let (Some(m), Some(k)) = (members, kind) {
            let (min, code) = match k {
                Kind::Cooperative => (rules.min_founders, "too_few_members"),
                Kind::Union => (rules.min_union_members, "too_few_member_cooperatives"),
            };
            if m < min {
                e.push(ValidationError::new("members", code).with_arg("min", min));
            }
        }
        for (field, part) in [("women_members", women_members), ("young_members", young_members)] {
            if let (Some(p), Some(m)) = (part, members)
                && p > m
            {
                e.push(ValidationError::new(field, "more_than_members"));
            }
        }

        let history = central_number.is_none()
            && raw.kind.trim().is_empty()
            && activity.is_none()
            && founded_on.is_none()
            && immatriculated_on.is_none()
            && capital.is_none()
            && members.is_none()
            && province.is_none();
        e.into_result()?;
        match (kind, status, region) {
            (Some(kind), Some(status), Some(region)) => Ok(Cooperative {
                central_number,
                kind,
                name_ar,
                name_fr,
                status,
                activity,
                region,
                province,
                commune_code,
                address,
                court_code,
                local_number,
                founded_on,
                immatriculated_on,
                adapted_on,
                capital,
                share_value,
                members,
                women_members,
                young_members,
                phone,
                email,
                pre_112_12,
                adaptation_state,
                history,
            }),
            // Unreachable: each None above recorded an error, and errors returned early.
            _ => Err(ValidationError::new("kind", "invalid_kind").into()),
        }
    }
}

fn optional_text(e: &mut ValidationErrors, field: &'static str, raw: &str, max: usize) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().count() > max {
        e.push(ValidationError::new(field, "too_long").with_arg("max", max));
        return None;
    }
    if has_forbidden_chars(s) {
        e.push(ValidationError::new(field, "forbidden_characters"));
        return None;
    }
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_plausible_and_typed_in_either_digit_form() {
        assert_eq!(parse_date("on", "٢٠٢٥-٠٣-٠١"), Ok(Some(date!(2025 - 03 - 01))));
        assert_eq!(parse_date("on", " 2025-03-01 "), Ok(Some(date!(2025 - 03 - 01))));
        assert_eq!(parse_date("on", ""), Ok(None));
        for bad in [
            "-0001-01-01",
            "0001-01-01",
            "1899-12-31",
            "2101-01-01",
            "+2025-01-01",
        ] {
            let code = parse_date("on", bad).map_err(|e| e.code);
            assert!(
                matches!(code, Err("implausible_date" | "invalid_date")),
                "{bad}: {code:?}"
            );
        }
        assert_eq!(
            parse_date("on", "-0001-01-01").map_err(|e| e.code),
            Err("implausible_date")
        );
    }

    fn raw() -> RawCooperative {
        RawCooperative {
            central_number: "c-2019-000123".into(),
            kind: "cooperative".into(),
            name_ar: "  تعاونية   النور النسوية ".into(),
            name_fr: "Coopérative Annour féminine".into(),
            sector: "food_processing".into(),
            branch: "couscous_pasta".into(),
            region_code: "08".into(),
            province_code: "08.201".into(),
            commune_code: "08.201.01.05".into(),
            founded_on: "2019-03-01".into(),
            immatriculated_on: "2019-04-15".into(),
            capital: "5000".into(),
            share_value: "100".into(),
            members: "12".into(),
            women_members: "12".into(),
            young_members: "4".into(),
            phone: "06 61 23 45 67".into(),
            ..Default::default()
        }
    }

    fn codes(r: &RawCooperative) -> Vec<&'static str> {
        match Cooperative::parse(r, &LegalRules::default(), date!(2026 - 11 - 23)) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(|e| e.code).collect(),
        }
    }

    #[test]
    fn import_columns_follow_the_struct() {
        let json = serde_json::to_value(RawCooperative::default()).expect("json");
        let mut keys: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut columns = IMPORT_COLUMNS.to_vec();
        keys.sort_unstable();
        columns.sort_unstable();
        assert_eq!(keys, columns);
    }

    #[test]
    fn a_complete_record_is_valid_and_normalised() {
        let c = Cooperative::parse(&raw(), &LegalRules::default(), date!(2026 - 11 - 23)).expect("valid");
        assert_eq!(c.name_ar.as_deref(), Some("تعاونية النور النسوية"));
        assert_eq!(c.central_number.map(|n| n.0), Some("C-2019-000123".into()));
        assert_eq!(c.phone.as_deref(), Some("+212661234567"));
        assert!(!c.history);
    }

    #[test]
    fn names_region_only_is_history() {
        let r = RawCooperative {
            name_ar: "تعاونية الأمل".into(),
            name_fr: "Coopérative Al Amal".into(),
            region_code: "09".into(),
            ..Default::default()
        };
        let c = Cooperative::parse(&r, &LegalRules::default(), date!(2026 - 11 - 23)).expect("valid");
        assert!(c.history);
        assert_eq!(c.status, Status::Active);
    }

    #[test]
    fn legal_minimums() {
        let mut r = raw();
        r.members = "4".into();
        r.women_members = "3".into();
        r.young_members = String::new();
        r.capital = "900".into();
        r.share_value = "50".into();
        assert_eq!(
            codes(&r),
            vec!["capital_below_minimum", "share_below_minimum", "too_few_members"]
        );
        r.kind = "union".into();
        r.members = "2".into();
        r.women_members = String::new();
        r.capital = "5050".into();
        r.share_value = "100".into();
        assert_eq!(
            codes(&r),
            vec!["capital_not_multiple_of_share", "too_few_member_cooperatives"]
        );
    }

    #[test]
    fn consistency_rules() {
        let mut r = raw();
        r.province_code = "07.161".into();
        r.women_members = "13".into();
        r.immatriculated_on = "2019-01-01".into();
        r.adaptation_state = "adapted".into();
        assert_eq!(
            codes(&r),
            vec![
                "province_not_in_region",
                "commune_not_in_province",
                "immatriculated_before_founded",
                "adaptation_only_pre_existing",
                "more_than_members"
            ]
        );
    }

    #[test]
    fn scripts_of_names() {
        assert_eq!(
            parse_name_ar("Cooperative").map_err(|e| e.code),
            Err("name_ar_not_arabic")
        );
        assert_eq!(
            parse_name_fr("تعاونية").map_err(|e| e.code),
            Err("name_fr_not_latin")
        );
        assert_eq!(parse_name_fr("").map_err(|e| e.code), Ok(None));
        let mut r = raw();
        r.name_ar = String::new();
        r.name_fr = String::new();
        assert_eq!(codes(&r), vec!["name_required"]);
    }

    #[test]
    fn field_formats() {
        let mut r = raw();
        r.founded_on = "01/03/2019".into();
        r.sector = "space".into();
        r.phone = "12345".into();
        r.capital = "lots".into();
        r.region_code = "".into();
        r.province_code = "".into();
        r.commune_code = "".into();
        assert_eq!(
            codes(&r),
            vec![
                "invalid_sector",
                "required",
                "invalid_date",
                "invalid_number",
                "invalid_phone"
            ]
        );
        assert_eq!(
            parse_phone("p", "+212 5 35 12 34 56"),
            Ok(Some("+212535123456".into()))
        );
    }
}
