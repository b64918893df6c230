//! The founding file: what the founders fill in, step by step, before they file the
//! immatriculation request. Stored as JSON while it is a draft, so every field may still be
//! empty; [`FoundingFile::missing`] says what is left to do.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::cooperative::{Activity, code_enum, parse_name_ar, parse_name_fr};
use crate::error::required_text;
use crate::{Kind, LegalRules, ProvinceCode, ValidationError, ValidationErrors};

use super::{
    DocumentKind, FilingDetail, FilingKind, Governance, MAX_TEXT, at_row, name_key, required_documents,
    row_error,
};

/// A founder is counted among the young when under this age: the office's statistics
/// convention, not a rule of the law.
pub const YOUNG_BELOW_AGE: i32 = 35;

/// Youngest founder the file accepts, in years reached this year: a plausibility check against
/// typing errors, not a legal capacity rule.
const MIN_FOUNDER_AGE: i32 = 16;

code_enum!(
    /// The categories of law art. 1; a cooperative may combine two or all three.
    Category, "categories", "invalid_choice" {
        /// Members supply products or services that the cooperative sells or provides to third
        /// parties, processed or not.
        ProducersSupply => "producers_supply",
        /// The cooperative produces goods or services for its members.
        ProductionForMembers => "production_for_members",
        /// The cooperative gives its members paid work.
        WorkForMembers => "work_for_members",
    }
);

/// A founding member: a natural person, or a legal person (for a union, each member cooperative).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Founder {
    /// The person's name, or the legal person's name.
    pub full_name: String,
    /// National identity card (CIN) number, or a legal person's register number.
    pub id_number: String,
    pub legal_person: bool,
    /// The natural person who represents a legal person (and may be elected as its officer).
    /// Not in the brief's list of fields: needed because officers are natural persons.
    pub representative: Option<String>,
    /// For statistics only; ignored for a legal person.
    pub woman: bool,
    /// For statistics only; ignored for a legal person.
    pub birth_year: Option<i32>,
    /// Number of shares subscribed.
    pub shares: i64,
    /// Dirhams paid up in cash at founding.
    pub paid: i64,
    /// Dirhams contributed in kind (valued by the evaluation report, law art. 27).
    pub in_kind: i64,
}

impl Founder {
    /// What the founder owes: shares × nominal value (saturating: amounts come from a form).
    fn subscribed(&self, share_value: i64) -> i64 {
        self.shares.saturating_mul(share_value)
    }

    /// The part of the subscription paid in cash; the in-kind part is paid in full by the
    /// contribution itself.
    fn cash_part(&self, share_value: i64) -> i64 {
        self.subscribed(share_value).saturating_sub(self.in_kind)
    }
}

/// What is still missing before a file can be submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// A rule the file does not meet yet.
    Rule(ValidationError),
    /// A document not uploaded yet.
    Document(DocumentKind),
}

/// The founding file of a cooperative or union: the content of the immatriculation request
/// (Decree 2-15-617 art. 2) and of the statutes' main items (law art. 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundingFile {
    pub kind: Kind,
    /// Names as approved by the office (copied from the approved name request).
    #[serde(default)]
    pub name_ar: Option<String>,
    #[serde(default)]
    pub name_fr: Option<String>,
    /// The cooperative's object (purpose), as in the statutes.
    #[serde(default)]
    pub object: String,
    /// A code of [`crate::SECTORS`]; empty until chosen.
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub branch: Option<String>,
    /// One to three categories of law art. 1 (a set: three exist).
    #[serde(default)]
    pub categories: BTreeSet<Category>,
    /// Seat: HCP province code (`08.201`); the court of first instance follows from it.
    #[serde(default)]
    pub province: String,
    /// Seat: HCP commune code (`08.201.01.05`), inside the province.
    #[serde(default)]
    pub commune: Option<String>,
    #[serde(default)]
    pub address: String,
    /// Duration in years, 1 to 99 (the statutes' choice); 0 until filled.
    #[serde(default)]
    pub duration_years: i32,
    /// Nominal value of one share in dirhams; 0 until filled.
    #[serde(default)]
    pub share_value: i64,
    #[serde(default)]
    pub founders: Vec<Founder>,
    #[serde(default)]
    pub governance: Governance,
    /// For a union: platform ids of its member cooperatives, one per founder.
    #[serde(default)]
    pub union_members: Vec<i64>,
}

impl FoundingFile {
    /// An empty draft with the names of an approved request.
    pub fn new(kind: Kind, name_ar: Option<String>, name_fr: Option<String>) -> Self {
        Self {
            kind,
            name_ar,
            name_fr,
            object: String::new(),
            sector: String::new(),
            branch: None,
            categories: BTreeSet::new(),
            province: String::new(),
            commune: None,
            address: String::new(),
            duration_years: 0,
            share_value: 0,
            founders: Vec::new(),
            governance: Governance::default(),
            union_members: Vec::new(),
        }
    }

    /// Subscribed capital: Σ shares × share value (the whole capital is subscribed at founding).
    pub fn capital(&self) -> i64 {
        self.founders
            .iter()
            .fold(0i64, |sum, f| sum.saturating_add(f.subscribed(self.share_value)))
    }

    /// Paid-up capital: cash paid plus contributions in kind, which are paid up in full.
    pub fn paid_up(&self) -> i64 {
        self.founders.iter().fold(0i64, |sum, f| {
            sum.saturating_add(f.paid).saturating_add(f.in_kind)
        })
    }

    /// Women among the founders (natural persons only).
    pub fn women(&self) -> i64 {
        self.founders
            .iter()
            .filter(|f| !f.legal_person && f.woman)
            .count() as i64
    }

    /// Young founders: natural persons under [`YOUNG_BELOW_AGE`] (35, the office's statistics
    /// convention). The file records only the year of birth, so the age is the one reached this
    /// calendar year: `today.year() − birth_year`.
    pub fn young(&self, today: Date) -> i64 {
        self.founders
            .iter()
            .filter(|f| !f.legal_person)
            .filter(|f| {
                f.birth_year
                    .map(|y| i64::from(today.year()) - i64::from(y))
                    .is_some_and(|age| (0..i64::from(YOUNG_BELOW_AGE)).contains(&age))
            })
            .count() as i64
    }

    /// Every rule the file does not meet, each on its field (rows as `founders-<column>` with a
    /// `row` argument, see [`super::field_path`]):
    ///
    /// - names (from the approved request), object, sector/branch, 1–3 categories, seat
    ///   (province format; the commune inside it), address, duration 1–99 years;
    /// - share value ≥ `rules.min_share_value`; capital ≥ `rules.min_capital`;
    /// - founders: at least `rules.min_founders` for a cooperative. A union's founders are its
    ///   member cooperatives themselves, as legal persons that subscribe shares, each listed in
    ///   `union_members` too: a union needs `rules.min_union_members` distinct members and one
    ///   legal-person founder per member;
    /// - each founder: a name (≤ 200 characters, no control or bidi-override characters), an
    ///   identity number unique in the file, a representative when a legal person, a plausible
    ///   year of birth (1900 to the year one turns 16), at least one share, an in-kind part no
    ///   larger than the subscription, and cash paid between ¼ of the cash part and all of it
    ///   (law: ¼ of each cash share paid at founding);
    /// - governance (see [`Governance`]) and officers who are founders. The constitutive assembly
    ///   elects the board or appoints the managers among the members, so each officer must be a
    ///   natural-person founder or the representative of a legal-person founder (names compared
    ///   trimmed and case-insensitively).
    pub fn check(&self, rules: &LegalRules, today: Date) -> ValidationErrors {
        let mut e = ValidationErrors::new();
        let name_ar = e
            .check(parse_name_ar(self.name_ar.as_deref().unwrap_or("")))
            .flatten();
        let name_fr = e
            .check(parse_name_fr(self.name_fr.as_deref().unwrap_or("")))
            .flatten();
        if name_ar.is_none() && name_fr.is_none() && e.is_empty() {
            e.push(ValidationError::new("name_ar", "name_required"));
        }
        e.check(required_text("object", &self.object, MAX_TEXT));
        if self.sector.trim().is_empty() {
            e.push(ValidationError::new("sector", "required"));
        } else {
            e.check(Activity::parse(
                &self.sector,
                self.branch.as_deref().unwrap_or(""),
            ));
        }
        if self.categories.is_empty() {
            e.push(ValidationError::new("categories", "required"));
        }
        self.check_seat(&mut e);
        if !(1..=99).contains(&self.duration_years) {
            e.push(
                ValidationError::new("duration_years", "invalid_duration")
                    .with_arg("min", 1)
                    .with_arg("max", 99),
            );
        }
        if self.share_value < rules.min_share_value {
            e.push(
                ValidationError::new("share_value", "share_below_minimum")
                    .with_arg("min", rules.min_share_value),
            );
        }
        if self.capital() < rules.min_capital {
            e.push(
                ValidationError::new("capital", "capital_below_minimum").with_arg("min", rules.min_capital),
            );
        }
        self.check_members(rules, &mut e);
        for (i, f) in self.founders.iter().enumerate() {
            self.check_founder(i, f, today, &mut e);
        }
        self.governance.check(&mut e);
        let founders: HashSet<String> = self
            .founders
            .iter()
            .filter_map(|f| match (f.legal_person, &f.representative) {
                (false, _) => Some(name_key(&f.full_name)),
                (true, Some(r)) => Some(name_key(r)),
                (true, None) => None,
            })
            .collect();
        for (i, o) in self.governance.officers().iter().enumerate() {
            if !o.full_name.trim().is_empty() && !founders.contains(&name_key(&o.full_name)) {
                e.push(row_error("officers-full_name", i, "officer_not_founder"));
            }
        }
        e
    }

    fn check_seat(&self, e: &mut ValidationErrors) {
        let province = if self.province.trim().is_empty() {
            e.push(ValidationError::new("province", "required"));
            None
        } else {
            e.check(ProvinceCode::parse("province", &self.province))
        };
        // Only the format here: whether the codes exist is reference data, which the store holds.
        if let (Some(p), Some(c)) = (province, self.commune.as_deref().map(str::trim))
            && !c.is_empty()
            && !c.starts_with(&format!("{}.", p.as_str()))
        {
            e.push(ValidationError::new("commune", "commune_not_in_province"));
        }
        e.check(required_text("address", &self.address, 300));
    }

    fn check_members(&self, rules: &LegalRules, e: &mut ValidationErrors) {
        match self.kind {
            Kind::Cooperative => {
                if (self.founders.len() as i64) < rules.min_founders {
                    e.push(
                        ValidationError::new("founders", "too_few_founders")
                            .with_arg("min", rules.min_founders),
                    );
                }
            }
            Kind::Union => {
                let mut seen = HashSet::new();
                for (i, id) in self.union_members.iter().enumerate() {
                    if *id <= 0 {
                        e.push(row_error("union_members", i, "invalid_number"));
                    } else if !seen.insert(*id) {
                        e.push(row_error("union_members", i, "duplicate_member_cooperative"));
                    }
                }
                if (self.union_members.len() as i64) < rules.min_union_members {
                    e.push(
                        ValidationError::new("union_members", "too_few_member_cooperatives")
                            .with_arg("min", rules.min_union_members),
                    );
                }
                if self.founders.len() != self.union_members.len()
                    || self.founders.iter().any(|f| !f.legal_person)
                {
                    e.push(ValidationError::new("founders", "union_founders_mismatch"));
                }
            }
        }
        let mut ids = HashSet::new();
        for (i, f) in self.founders.iter().enumerate() {
            let key = id_key(&f.id_number);
            if !key.is_empty() && !ids.insert(key) {
                e.push(row_error("founders-id_number", i, "duplicate_founders"));
            }
        }
    }

    fn check_founder(&self, i: usize, f: &Founder, today: Date, e: &mut ValidationErrors) {
        if let Err(err) = required_text("founders-full_name", &f.full_name, 200) {
            e.push(at_row(err, i));
        }
        match required_text("founders-id_number", &f.id_number, 30) {
            Err(err) => e.push(at_row(err, i)),
            Ok(id) => {
                // CIN (`AB123456`), a residence card or a register number: letters, digits and
                // separators; the exact formats of the latter vary.
                if !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '/' | '.'))
                {
                    e.push(row_error("founders-id_number", i, "invalid_id_number"));
                }
            }
        }
        if f.legal_person {
            if let Err(err) = required_text(
                "founders-representative",
                f.representative.as_deref().unwrap_or(""),
                200,
            ) {
                e.push(at_row(err, i));
            }
        } else if let Some(y) = f.birth_year {
            let max = today.year() - MIN_FOUNDER_AGE;
            if !(1900..=max).contains(&y) {
                e.push(
                    row_error("founders-birth_year", i, "invalid_birth_year")
                        .with_arg("min", 1900)
                        .with_arg("max", max),
                );
            }
        }
        if f.shares < 1 {
            e.push(row_error("founders-shares", i, "invalid_number"));
            return;
        }
        if f.paid < 0 {
            e.push(row_error("founders-paid", i, "invalid_number"));
        }
        let subscribed = f.subscribed(self.share_value);
        if f.in_kind < 0 {
            e.push(row_error("founders-in_kind", i, "invalid_number"));
        } else if f.in_kind > subscribed {
            e.push(
                row_error("founders-in_kind", i, "in_kind_exceeds_subscription").with_arg("max", subscribed),
            );
        } else if f.paid >= 0 && self.share_value > 0 {
            let cash = f.cash_part(self.share_value);
            // ¼ of the cash part, rounded up to the dirham: paid × 4 ≥ cash, without division.
            if f.paid.saturating_mul(4) < cash {
                let min = cash / 4 + i64::from(cash % 4 != 0);
                e.push(row_error("founders-paid", i, "paid_below_quarter").with_arg("min", min));
            } else if f.paid > cash {
                e.push(row_error("founders-paid", i, "paid_above_subscribed").with_arg("max", cash));
            }
        }
    }

    /// What the page lists as "still missing": the rules not met yet, then the documents of
    /// [`required_documents`] not in `uploaded`. Empty means the file can be submitted.
    pub fn missing(&self, uploaded: &[DocumentKind], rules: &LegalRules, today: Date) -> Vec<Missing> {
        let mut missing: Vec<Missing> = self
            .check(rules, today)
            .0
            .into_iter()
            .map(Missing::Rule)
            .collect();
        let detail = FilingDetail::Founding(self.clone());
        missing.extend(
            required_documents(FilingKind::Immatriculation, &detail)
                .into_iter()
                .filter(|d| !uploaded.contains(d))
                .map(Missing::Document),
        );
        missing
    }

    /// Nothing is missing: the file can be submitted.
    pub fn is_complete(&self, uploaded: &[DocumentKind], rules: &LegalRules, today: Date) -> bool {
        self.missing(uploaded, rules, today).is_empty()
    }
}

/// How identity numbers are compared: upper case, without spaces or separators.
fn id_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;
    use crate::register::{Officer, OfficerRole};

    const TODAY: Date = date!(2026 - 11 - 23);

    fn founder(name: &str, id: &str, woman: bool, birth_year: i32) -> Founder {
        Founder {
            full_name: name.into(),
            id_number: id.into(),
            woman,
            birth_year: Some(birth_year),
            shares: 5,
            paid: 125,
            ..Default::default()
        }
    }

    fn officer(name: &str, role: OfficerRole) -> Officer {
        Officer {
            full_name: name.into(),
            role,
            mandate_years: Some(4),
        }
    }

    /// A complete cooperative file of five women founders, capital 2,500 MAD.
    pub(crate) fn valid_file() -> FoundingFile {
        FoundingFile {
            object: "تثمين الكسكس والمعجنات التقليدية".into(),
            sector: "food_processing".into(),
            branch: Some("couscous_pasta".into()),
            categories: BTreeSet::from([Category::ProducersSupply]),
            province: "08.201".into(),
            commune: Some("08.201.01.05".into()),
            address: "دوار أيت عمر، الرشيدية".into(),
            duration_years: 99,
            share_value: 100,
            founders: vec![
                founder("فاطمة الزهراء", "UA12345", true, 1990),
                founder("Khadija Ait Ali", "UA23456", true, 1985),
                founder("عائشة", "UA34567", true, 2001),
                founder("مريم", "UA45678", true, 1970),
                founder("زينب", "UA56789", true, 1962),
            ],
            governance: Governance::Board {
                members: vec![
                    officer("فاطمة الزهراء", OfficerRole::Chair),
                    officer("KHADIJA  ait ali", OfficerRole::Secretary),
                    officer("مريم", OfficerRole::Treasurer),
                ],
            },
            ..FoundingFile::new(Kind::Cooperative, Some("تعاونية النور".into()), None)
        }
    }

    fn codes(file: &FoundingFile) -> Vec<(String, &'static str)> {
        file.check(&LegalRules::default(), TODAY)
            .iter()
            .map(|e| (super::super::field_path(e), e.code))
            .collect()
    }

    #[test]
    fn a_valid_file_has_nothing_but_documents_missing() {
        let file = valid_file();
        assert_eq!(codes(&file), vec![]);
        assert_eq!(file.capital(), 2500);
        assert_eq!(file.paid_up(), 625);
        assert_eq!(file.women(), 5);
        // Only the founder born in 2001 is under 35 in 2026; born in 1990 she turns 36.
        assert_eq!(file.young(TODAY), 1);
        let uploaded = [
            DocumentKind::Statutes,
            DocumentKind::ConstitutiveMinutes,
            DocumentKind::BankCertificate,
        ];
        let rules = LegalRules::default();
        assert_eq!(
            file.missing(&uploaded, &rules, TODAY),
            vec![Missing::Document(DocumentKind::LocalAuthorityReceipt)]
        );
        let mut all = uploaded.to_vec();
        all.push(DocumentKind::LocalAuthorityReceipt);
        assert!(file.is_complete(&all, &rules, TODAY));
    }

    #[test]
    fn an_empty_draft_lists_everything() {
        let file = FoundingFile::new(Kind::Cooperative, None, None);
        let got: Vec<&str> = codes(&file).iter().map(|(_, c)| *c).collect();
        assert_eq!(
            got,
            vec![
                "name_required",
                "required", // object
                "required", // sector
                "required", // categories
                "required", // province
                "required", // address
                "invalid_duration",
                "share_below_minimum",
                "capital_below_minimum",
                "too_few_founders",
                "board_too_small",
                "board_needs_one_chair",
            ]
        );
    }

    #[test]
    fn founders_rules() {
        let mut file = valid_file();
        file.founders[1].id_number = "ua 12345".into(); // same CIN as founder 0
        file.founders[2].birth_year = Some(2015);
        file.founders[3].shares = 0;
        file.founders[4].paid = 100; // < ¼ of 500
        file.founders[0].full_name = "فاطمة\u{202E}".into();
        assert_eq!(
            codes(&file),
            vec![
                ("founders[1].id_number".to_string(), "duplicate_founders"),
                ("founders[0].full_name".to_string(), "forbidden_characters"),
                ("founders[2].birth_year".to_string(), "invalid_birth_year"),
                ("founders[3].shares".to_string(), "invalid_number"),
                ("founders[4].paid".to_string(), "paid_below_quarter"),
                ("officers[0].full_name".to_string(), "officer_not_founder"),
            ]
        );
    }

    #[test]
    fn cash_and_kind() {
        let mut file = valid_file();
        // 500 subscribed, 300 in kind: the cash part is 200, ¼ of it 50.
        file.founders[0].in_kind = 300;
        file.founders[0].paid = 50;
        assert_eq!(codes(&file), vec![]);
        assert_eq!(file.paid_up(), 625 - 125 + 350);
        file.founders[0].paid = 49;
        file.founders[1].paid = 501;
        file.founders[2].in_kind = 600;
        let errors = file.check(&LegalRules::default(), TODAY);
        let got: Vec<_> = errors.iter().map(|e| (e.code, e.args.clone())).collect();
        assert_eq!(
            got,
            vec![
                (
                    "paid_below_quarter",
                    vec![("row", "1".into()), ("min", "50".into())]
                ),
                (
                    "paid_above_subscribed",
                    vec![("row", "2".into()), ("max", "500".into())]
                ),
                (
                    "in_kind_exceeds_subscription",
                    vec![("row", "3".into()), ("max", "500".into())]
                ),
            ]
        );
    }

    #[test]
    fn minimums_follow_the_rules() {
        let mut file = valid_file();
        file.share_value = 50;
        file.founders.truncate(4);
        let rules = LegalRules {
            min_capital: 5000,
            ..LegalRules::default()
        };
        let got: Vec<_> = file
            .check(&rules, TODAY)
            .iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert!(got.contains(&("share_value", "share_below_minimum")));
        assert!(got.contains(&("capital", "capital_below_minimum")));
        assert!(got.contains(&("founders", "too_few_founders")));
    }

    #[test]
    fn governance_rules() {
        let mut file = valid_file();
        file.governance = Governance::Board {
            members: vec![
                officer("فاطمة الزهراء", OfficerRole::Member),
                officer("مريم", OfficerRole::Manager),
                officer("مريم", OfficerRole::Member),
            ],
        };
        assert_eq!(
            codes(&file),
            vec![
                ("governance".to_string(), "board_needs_one_chair"),
                ("officers[1].role".to_string(), "officer_role_mismatch"),
                ("officers[2].full_name".to_string(), "duplicate_officer"),
            ]
        );
        file.governance = Governance::Manager { managers: vec![] };
        assert_eq!(codes(&file), vec![("governance".to_string(), "manager_required")]);
        file.governance = Governance::Manager {
            managers: vec![officer(" زينب ", OfficerRole::Manager)],
        };
        assert_eq!(codes(&file), vec![]);
    }

    #[test]
    fn a_union_is_founded_by_member_cooperatives() {
        let mut file = valid_file();
        file.kind = Kind::Union;
        file.union_members = vec![11, 12, 12];
        for (i, f) in file.founders.iter_mut().enumerate() {
            f.legal_person = true;
            f.full_name = format!("Coopérative {i}");
            f.representative = Some(["فاطمة الزهراء", "Khadija Ait Ali", "عائشة", "مريم", "زينب"][i].into());
        }
        file.founders[4].representative = None;
        assert_eq!(
            codes(&file),
            vec![
                ("union_members[2]".to_string(), "duplicate_member_cooperative"),
                ("founders".to_string(), "union_founders_mismatch"),
                ("founders[4].representative".to_string(), "required"),
            ]
        );
        file.union_members = vec![11, 12, 13, 14, 15];
        file.founders[4].representative = Some("زينب".into());
        assert_eq!(codes(&file), vec![]);
        assert_eq!(file.women(), 0);
        assert_eq!(file.young(TODAY), 0);
    }

    #[test]
    fn stored_json_round_trips_and_tolerates_missing_fields() {
        let file = valid_file();
        let json = serde_json::to_string(&file).expect("json");
        let back: FoundingFile = serde_json::from_str(&json).expect("back");
        assert_eq!(back, file);
        let draft: FoundingFile = serde_json::from_str(r#"{"kind":"union"}"#).expect("draft");
        assert_eq!(draft, FoundingFile::new(Kind::Union, None, None));
        let value = serde_json::to_value(&file).expect("json");
        assert_eq!(value["governance"]["model"], "board");
        assert_eq!(value["categories"][0], "producers_supply");
    }

    proptest! {
        /// The paid rule: ¼ of the cash part ≤ paid ≤ cash part, in exact integer arithmetic.
        #[test]
        fn paid_rule(shares in 1i64..1000, share_value in 100i64..1000, in_kind in 0i64..200_000, paid in 0i64..1_000_000) {
            let mut file = valid_file();
            file.share_value = share_value;
            file.founders[0].shares = shares;
            file.founders[0].in_kind = in_kind;
            file.founders[0].paid = paid;
            let subscribed = shares * share_value;
            let got: Vec<&str> = file
                .check(&LegalRules::default(), TODAY)
                .iter()
                .filter(|e| e.field.starts_with("founders-") && e.args.first() == Some(&("row", "1".to_string())))
                .map(|e| e.code)
                .collect();
            let cash = subscribed - in_kind;
            let expected: Vec<&str> = if in_kind > subscribed {
                vec!["in_kind_exceeds_subscription"]
            } else if (paid as f64) < cash as f64 / 4.0 {
                vec!["paid_below_quarter"]
            } else if paid > cash {
                vec!["paid_above_subscribed"]
            } else {
                vec![]
            };
            prop_assert_eq!(got, expected);
        }

        /// Checking never panics, whatever the numbers.
        #[test]
        fn check_is_total(share_value in any::<i64>(), shares in any::<i64>(), paid in any::<i64>(), in_kind in any::<i64>(), year in any::<i32>()) {
            let mut file = valid_file();
            file.share_value = share_value;
            file.duration_years = year;
            for f in &mut file.founders {
                f.shares = shares;
                f.paid = paid;
                f.in_kind = in_kind;
                f.birth_year = Some(year);
            }
            let _ = file.check(&LegalRules::default(), TODAY);
            let _ = (file.capital(), file.paid_up(), file.young(TODAY));
        }
    }
}
