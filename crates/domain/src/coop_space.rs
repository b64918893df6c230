//! The cooperative's own books, kept by its managers: the members' register with their shares,
//! the mandates of its officers, its general assemblies (quorum, votes, minutes), the documents
//! it must keep, and the calendar of what the law asks of it and when.
//!
//! Several figures of Law 112-12 are unverified (quorum, majorities, mandate lengths; see
//! `../shared/domain/law-112-12.md` §4): they are parameters of [`SpaceRules`], with the
//! defaults the reference gives, and the pages say so.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::{
    ValidationError, ValidationErrors,
    campaign::Gender,
    cooperative::{code_enum, required_date},
    error::required_text,
};

code_enum!(
    /// A member: a natural person or a legal person (a cooperative in a union, an association).
    MemberKind, "member_kind", "invalid_choice" {
        Person => "person",
        LegalPerson => "legal_person",
    }
);

code_enum!(
    /// A dated line of the shares ledger.
    MovementKind, "movement_kind", "invalid_choice" {
        /// New shares subscribed (a positive number of shares).
        Subscription => "subscription",
        /// Money paid on subscribed shares (an amount).
        Payment => "payment",
        /// Shares handed to another member (the same number leaves one, reaches the other).
        Transfer => "transfer",
        /// Shares given back, usually on leaving: their paid part is refunded.
        Withdrawal => "withdrawal",
    }
);

code_enum!(
    /// An officer's role (art. on organs; the board or one or more managers).
    OfficeRole, "office_role", "invalid_choice" {
        Chair => "chair",
        BoardMember => "board_member",
        Manager => "manager",
        Auditor => "auditor",
    }
);

code_enum!(
    /// General assemblies: the ordinary one each year, extraordinary ones for statutes, capital,
    /// merger, dissolution, adaptation.
    AssemblyKind, "assembly_kind", "invalid_choice" {
        Ordinary => "ordinary",
        Extraordinary => "extraordinary",
    }
);

code_enum!(
    /// The documents a cooperative must keep (the third guide of the participant kit).
    KeptDocument, "document_kind", "invalid_choice" {
        Statutes => "statutes",
        MembersRegister => "members_register",
        AssemblyMinutes => "assembly_minutes",
        BoardMinutes => "board_minutes",
        AnnualAccounts => "annual_accounts",
        ManagementReport => "management_report",
        BankCertificate => "bank_certificate",
        RegisterExtract => "register_extract",
    }
);

/// The law's figures used by the cooperative's space; defaults from the reference, several
/// unverified (hence parameters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceRules {
    /// Capital fully paid within this many years of immatriculation (unverified: 3).
    pub paid_up_years: i32,
    /// The ordinary assembly is held within this many months of the financial year's end.
    pub ordinary_assembly_months: u8,
    /// Annual accounts filed at the court within this many days of the ordinary assembly.
    pub accounts_filing_days: i64,
    /// First-call quorum of the ordinary assembly, as a fraction (numerator, denominator) of the
    /// members present or represented: ½ (model statutes art. 16; the law's figure unverified).
    /// On second call the ordinary assembly deliberates whatever the attendance (art. 16).
    pub ordinary_quorum: (i64, i64),
    /// First-call quorum of the extraordinary assembly: ⅔ (model statutes art. 17; unverified).
    pub extraordinary_quorum: (i64, i64),
    /// Second-call quorum of the extraordinary assembly: ½ (model statutes art. 17, answer q045;
    /// unverified for the law). Unlike the ordinary assembly, without it nothing can be decided.
    pub extraordinary_second_quorum: (i64, i64),
    /// Extraordinary resolutions need this share of the votes of the members present or
    /// represented: ⅔ (model statutes art. 17; unverified).
    pub extraordinary_majority: (i64, i64),
    /// A member under this age is counted as young.
    pub young_under: i32,
    /// A mandate is "renewal due" this many days before it ends.
    pub renewal_notice_days: i64,
}

impl Default for SpaceRules {
    fn default() -> Self {
        Self {
            paid_up_years: 3,
            ordinary_assembly_months: 6,
            accounts_filing_days: 30,
            ordinary_quorum: (1, 2),
            extraordinary_quorum: (2, 3),
            extraordinary_second_quorum: (1, 2),
            extraordinary_majority: (2, 3),
            young_under: 35,
            renewal_notice_days: 90,
        }
    }
}

/// Dates as `YYYY-MM-DD` in JSON and templates (the `time` crate's default is a tuple).
mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
        time::macros::format_description!("[year]-[month]-[day]");

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.format(FORMAT).map_err(serde::ser::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let raw = String::deserialize(d)?;
        Date::parse(&raw, FORMAT).map_err(serde::de::Error::custom)
    }

    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::Date;

        pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|raw| Date::parse(&raw, super::FORMAT).map_err(serde::de::Error::custom))
                .transpose()
        }
    }
}

fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<String, ValidationError> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        required_text(field, raw, max)
    }
}

fn count(field: &'static str, raw: &str, min: i64, max: i64) -> Result<i64, ValidationError> {
    match crate::number::whole_number_in(raw, min..=max) {
        Ok(Some(n)) => Ok(n),
        _ => Err(ValidationError::new(field, "invalid_number")),
    }
}

/// A member as the managers enter them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawMember {
    pub member_kind: String,
    pub name: String,
    /// CIN for a person, registration number for a legal person; optional, never public.
    pub id_number: String,
    pub gender: String,
    pub birth_year: String,
    pub phone: String,
    pub email: String,
    pub joined_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDraft {
    pub kind: MemberKind,
    pub name: String,
    pub id_number: String,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    pub phone: Option<String>,
    pub email: Option<crate::Email>,
    pub joined_on: Date,
}

impl RawMember {
    pub fn parse(&self, today: Date) -> Result<MemberDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(MemberKind::parse("member_kind", &self.member_kind));
        let name = e.check(required_text("name", &self.name, 150));
        let id_number = e
            .check(optional_text("id_number", &self.id_number, 30))
            .unwrap_or_default();
        let gender = if self.gender.trim().is_empty() {
            None
        } else {
            e.check(Gender::parse("gender", &self.gender))
        };
        let birth_year = if self.birth_year.trim().is_empty() {
            None
        } else {
            e.check(count("birth_year", &self.birth_year, 1900, i64::from(today.year())).map(|y| y as i32))
        };
        let phone = e
            .check(crate::cooperative::parse_phone(
                "phone",
                &crate::campaign::ascii_digits(&self.phone),
            ))
            .flatten();
        let email = if self.email.trim().is_empty() {
            None
        } else {
            e.check(crate::Email::parse("email", &self.email))
        };
        let joined_on = e.check(required_date("joined_on", &self.joined_on));
        if let Some(d) = joined_on
            && d > today
        {
            e.push(ValidationError::new("joined_on", "date_in_future"));
        }
        if kind == Some(MemberKind::LegalPerson) && (gender.is_some() || birth_year.is_some()) {
            e.push(ValidationError::new("gender", "legal_person_no_gender"));
        }
        e.into_result()?;
        match (kind, name, joined_on) {
            (Some(kind), Some(name), Some(joined_on)) => Ok(MemberDraft {
                kind,
                name,
                id_number,
                gender,
                birth_year,
                phone,
                email,
                joined_on,
            }),
            _ => Err(ValidationError::new("name", "required").into()),
        }
    }
}

/// A member as the books hold them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub kind: MemberKind,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    #[serde(with = "iso_date")]
    pub joined_on: Date,
    #[serde(with = "iso_date::option")]
    pub left_on: Option<Date>,
}

impl Member {
    /// A member on `day`: joined on or before it, not yet left.
    pub fn is_member_on(&self, day: Date) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|l| l > day)
    }

    pub fn is_young_on(&self, day: Date, rules: &SpaceRules) -> bool {
        self.birth_year
            .is_some_and(|y| day.year() - y < rules.young_under)
    }
}

/// A line of the shares ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    #[serde(with = "iso_date")]
    pub on: Date,
    pub kind: MovementKind,
    pub member_id: i64,
    /// For a transfer: who receives the shares.
    pub to_member_id: Option<i64>,
    pub shares: i64,
    /// Dirhams paid (payment) or refunded (withdrawal).
    pub amount: i64,
}

/// One member's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Holding {
    pub shares: i64,
    /// Dirhams paid on the shares held.
    pub paid: i64,
}

/// The capital computed from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Capital {
    pub share_value: i64,
    pub shares: i64,
    /// Subscribed capital, in dirhams.
    pub subscribed: i64,
    pub paid: i64,
    pub holdings: std::collections::BTreeMap<i64, Holding>,
}

impl Capital {
    pub fn unpaid(&self) -> i64 {
        self.subscribed - self.paid
    }

    /// Thousandths of the subscribed capital that are paid.
    pub fn paid_share_permille(&self) -> i64 {
        if self.subscribed == 0 {
            0
        } else {
            self.paid * 1000 / self.subscribed
        }
    }
}

/// Replays the ledger in date order. A transfer moves the shares and the money paid on them
/// pro rata (the receiving member takes over a paid share as paid).
pub fn capital(share_value: i64, movements: &[Movement]) -> Capital {
    let mut c = Capital {
        share_value,
        ..Default::default()
    };
    let mut sorted: Vec<&Movement> = movements.iter().collect();
    sorted.sort_by_key(|m| m.on);
    for m in sorted {
        let h = c.holdings.entry(m.member_id).or_default();
        match m.kind {
            MovementKind::Subscription => h.shares += m.shares,
            MovementKind::Payment => h.paid += m.amount,
            MovementKind::Withdrawal => {
                h.shares -= m.shares;
                h.paid -= m.amount;
            }
            MovementKind::Transfer => {
                let paid_moved = if h.shares > 0 {
                    h.paid * m.shares / h.shares
                } else {
                    0
                };
                h.shares -= m.shares;
                h.paid -= paid_moved;
                if let Some(to) = m.to_member_id {
                    let t = c.holdings.entry(to).or_default();
                    t.shares += m.shares;
                    t.paid += paid_moved;
                }
            }
        }
    }
    c.holdings.retain(|_, h| h.shares != 0 || h.paid != 0);
    c.shares = c.holdings.values().map(|h| h.shares).sum();
    c.subscribed = c.shares * share_value;
    c.paid = c.holdings.values().map(|h| h.paid).sum();
    c
}

/// A ledger line as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawMovement {
    pub movement_kind: String,
    pub on: String,
    pub member_id: String,
    pub to_member_id: String,
    pub shares: String,
    pub amount: String,
}

impl RawMovement {
    /// Checks a line against the members and the ledger so far: shares exist to give, a
    /// payment does not exceed what is owed, both sides are members on that day.
    pub fn parse(
        &self,
        members: &[Member],
        share_value: i64,
        ledger: &[Movement],
        today: Date,
    ) -> Result<Movement, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(MovementKind::parse("movement_kind", &self.movement_kind));
        let on = e.check(required_date("on", &self.on));
        if let Some(d) = on
            && d > today
        {
            e.push(ValidationError::new("on", "date_in_future"));
        }
        let member = self
            .member_id
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| members.iter().find(|m| m.id == id));
        if member.is_none() {
            e.push(ValidationError::new("member_id", "invalid_choice"));
        }
        let needs_shares = matches!(
            kind,
            Some(MovementKind::Subscription | MovementKind::Transfer | MovementKind::Withdrawal)
        );
        let shares = if needs_shares {
            e.check(count("shares", &self.shares, 1, 1_000_000)).unwrap_or(0)
        } else {
            0
        };
        let amount = match kind {
            Some(MovementKind::Payment) => e
                .check(count("amount", &self.amount, 1, 1_000_000_000))
                .unwrap_or(0),
            Some(MovementKind::Withdrawal) if !self.amount.trim().is_empty() => e
                .check(count("amount", &self.amount, 0, 1_000_000_000))
                .unwrap_or(0),
            _ => 0,
        };
        let to = if kind == Some(MovementKind::Transfer) {
            let to = self
                .to_member_id
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|id| members.iter().find(|m| m.id == id));
            match (to, member) {
                (None, _) => {
                    e.push(ValidationError::new("to_member_id", "invalid_choice"));
                    None
                }
                (Some(t), Some(m)) if t.id == m.id => {
                    e.push(ValidationError::new("to_member_id", "transfer_to_self"));
                    None
                }
                (Some(t), _) => Some(t),
            }
        } else {
            None
        };
        if let (Some(day), Some(m)) = (on, member)
            && !m.is_member_on(day)
        {
            e.push(ValidationError::new("member_id", "not_a_member_on_date"));
        }
        if let (Some(day), Some(t)) = (on, to)
            && !t.is_member_on(day)
        {
            e.push(ValidationError::new("to_member_id", "not_a_member_on_date"));
        }
        e.into_result()?;
        let (Some(kind), Some(on), Some(member)) = (kind, on, member) else {
            return Err(ValidationError::new("movement_kind", "required").into());
        };
        let line = Movement {
            on,
            kind,
            member_id: member.id,
            to_member_id: to.map(|t| t.id),
            shares,
            amount,
        };
        // Against the ledger as it stands with this line added (at its date).
        let mut e2 = ValidationErrors::new();
        let before = capital(share_value, ledger);
        let held = before.holdings.get(&member.id).copied().unwrap_or_default();
        match kind {
            MovementKind::Transfer | MovementKind::Withdrawal if shares > held.shares => {
                e2.push(ValidationError::new("shares", "more_shares_than_held").with_arg("max", held.shares));
            }
            MovementKind::Payment if held.paid + amount > held.shares * share_value => {
                e2.push(
                    ValidationError::new("amount", "payment_above_subscribed")
                        .with_arg("max", held.shares * share_value - held.paid),
                );
            }
            MovementKind::Withdrawal if amount > held.paid => {
                e2.push(ValidationError::new("amount", "refund_above_paid").with_arg("max", held.paid));
            }
            _ => {}
        }
        e2.into_result()?;
        Ok(line)
    }
}

/// The date by which the capital must be fully paid.
pub fn paid_up_deadline(immatriculated_on: Date, rules: &SpaceRules) -> Date {
    add_years(immatriculated_on, rules.paid_up_years)
}

fn add_years(d: Date, years: i32) -> Date {
    let year = d.year() + years;
    // 29 February becomes 28 February in a year without it.
    Date::from_calendar_date(year, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(year, d.month(), 28))
        .unwrap_or(d)
}

/// The last day of the month `months` after the end of `d`'s month.
fn end_of_month_after(d: Date, months: u8) -> Date {
    let total = d.month() as i32 - 1 + i32::from(months);
    let year = d.year() + total.div_euclid(12);
    let month = Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(Month::December);
    let first_next = if month == Month::December {
        Date::from_calendar_date(year + 1, Month::January, 1)
    } else {
        Date::from_calendar_date(year, month.next(), 1)
    };
    first_next.map(|f| f.previous_day().unwrap_or(f)).unwrap_or(d)
}

/// The ordinary assembly for the financial year ending `year_end` is due by this date.
pub fn ordinary_assembly_deadline(year_end: Date, rules: &SpaceRules) -> Date {
    end_of_month_after(year_end, rules.ordinary_assembly_months)
}

/// The share of members that must be present or represented, or `None` when any attendance
/// will do (an ordinary assembly on second call, model statutes art. 16).
fn quorum_fraction(kind: AssemblyKind, call: u8, rules: &SpaceRules) -> Option<(i64, i64)> {
    match (kind, call >= 2) {
        (AssemblyKind::Ordinary, false) => Some(rules.ordinary_quorum),
        (AssemblyKind::Ordinary, true) => None,
        (AssemblyKind::Extraordinary, false) => Some(rules.extraordinary_quorum),
        (AssemblyKind::Extraordinary, true) => Some(rules.extraordinary_second_quorum),
    }
}

/// Whether enough members are present or represented (one member, one vote) — model statutes
/// art. 16 (ordinary: ½, then any number on second call) and art. 17 (extraordinary: ⅔, then ½
/// on second call); the law's own figures are unverified.
pub fn quorum_met(kind: AssemblyKind, call: u8, present: i64, members: i64, rules: &SpaceRules) -> bool {
    present >= quorum_needed(kind, call, members, rules) && present > 0
}

/// How many members must be present or represented for the quorum at this call (at least one).
pub fn quorum_needed(kind: AssemblyKind, call: u8, members: i64, rules: &SpaceRules) -> i64 {
    match quorum_fraction(kind, call, rules) {
        Some((n, d)) => ((members * n + d - 1) / d).max(1),
        None => 1,
    }
}

/// A resolution is adopted by the majority of the votes of the members present or represented
/// (model statutes art. 16: more than half; art. 17: the qualified majority, ⅔). Each member
/// present has one vote, so an abstention, or a member who does not vote, weighs against: 7 for,
/// 3 against and 4 abstentions out of 14 present is not adopted. `present` is the attendance
/// recorded; it is never taken as less than the votes entered.
pub fn adopted(kind: AssemblyKind, votes: Votes, present: i64, rules: &SpaceRules) -> bool {
    let voters = present.max(votes.votes_for + votes.votes_against + votes.abstentions);
    if voters == 0 {
        return false;
    }
    match kind {
        AssemblyKind::Ordinary => votes.votes_for * 2 > voters,
        AssemblyKind::Extraordinary => {
            let (n, d) = rules.extraordinary_majority;
            votes.votes_for * d >= voters * n
        }
    }
}

/// The votes on one resolution, one vote per member present or represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Votes {
    pub votes_for: i64,
    pub votes_against: i64,
    pub abstentions: i64,
}

/// A resolution as entered: the votes cannot exceed the members present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawResolution {
    pub text_ar: String,
    pub text_fr: String,
    pub votes_for: String,
    pub votes_against: String,
    pub abstentions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolutionDraft {
    pub text_ar: String,
    pub text_fr: String,
    pub votes_for: i64,
    pub votes_against: i64,
    pub abstentions: i64,
}

impl RawResolution {
    pub fn parse(&self, present: i64) -> Result<ResolutionDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.text_ar.trim().is_empty() && self.text_fr.trim().is_empty() {
            e.push(ValidationError::new("text_ar", "required"));
        }
        let text_ar = e
            .check(optional_text("text_ar", &self.text_ar, 2000))
            .unwrap_or_default();
        let text_fr = e
            .check(optional_text("text_fr", &self.text_fr, 2000))
            .unwrap_or_default();
        let n = |field, raw: &str, e: &mut ValidationErrors| {
            if raw.trim().is_empty() {
                0
            } else {
                e.check(count(field, raw, 0, 1_000_000)).unwrap_or(0)
            }
        };
        let votes_for = n("votes_for", &self.votes_for, &mut e);
        let votes_against = n("votes_against", &self.votes_against, &mut e);
        let abstentions = n("abstentions", &self.abstentions, &mut e);
        if votes_for + votes_against + abstentions > present {
            e.push(ValidationError::new("votes_for", "more_votes_than_present").with_arg("max", present));
        }
        e.into_result()?;
        Ok(ResolutionDraft {
            text_ar,
            text_fr,
            votes_for,
            votes_against,
            abstentions,
        })
    }
}

/// An assembly as convened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawAssembly {
    pub assembly_kind: String,
    pub call: String,
    pub held_on: String,
    pub starts_at: String,
    pub place: String,
    /// One item per line.
    pub agenda: String,
    /// The financial year an ordinary assembly approves the accounts of.
    pub financial_year: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssemblyDraft {
    pub kind: AssemblyKind,
    pub call: u8,
    #[serde(with = "iso_date")]
    pub held_on: Date,
    pub starts_at: Option<time::Time>,
    pub place: String,
    pub agenda: String,
    pub financial_year: Option<i32>,
}

impl RawAssembly {
    pub fn parse(&self, today: Date) -> Result<AssemblyDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(AssemblyKind::parse("assembly_kind", &self.assembly_kind));
        let call = if self.call.trim().is_empty() {
            1
        } else {
            e.check(count("call", &self.call, 1, 2)).unwrap_or(1) as u8
        };
        let held_on = e.check(required_date("held_on", &self.held_on));
        let starts_at = e
            .check(crate::campaign::parse_time("starts_at", &self.starts_at))
            .flatten();
        let place = e.check(required_text("place", &self.place, 200));
        // One item per line: each line checked like any text, the list kept in order.
        let lines: Vec<&str> = self
            .agenda
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let agenda = if lines.is_empty() {
            e.push(ValidationError::new("agenda", "required"));
            None
        } else if lines.iter().map(|l| l.chars().count() + 1).sum::<usize>() > 4000 {
            e.push(ValidationError::new("agenda", "too_long").with_arg("max", 4000));
            None
        } else if lines.iter().any(|l| crate::error::has_forbidden_chars(l)) {
            e.push(ValidationError::new("agenda", "forbidden_characters"));
            None
        } else {
            Some(lines.join("\n"))
        };
        let financial_year = if kind == Some(AssemblyKind::Ordinary) {
            if self.financial_year.trim().is_empty() {
                e.push(ValidationError::new("financial_year", "required"));
                None
            } else {
                e.check(
                    count(
                        "financial_year",
                        &self.financial_year,
                        1950,
                        i64::from(today.year()),
                    )
                    .map(|y| y as i32),
                )
            }
        } else {
            None
        };
        e.into_result()?;
        match (kind, held_on, place, agenda) {
            (Some(kind), Some(held_on), Some(place), Some(agenda)) => Ok(AssemblyDraft {
                kind,
                call,
                held_on,
                starts_at,
                place,
                agenda,
                financial_year,
            }),
            _ => Err(ValidationError::new("assembly_kind", "required").into()),
        }
    }
}

/// A mandate as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawMandate {
    pub office_role: String,
    pub holder: String,
    pub starts_on: String,
    pub ends_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MandateDraft {
    pub role: OfficeRole,
    pub holder: String,
    #[serde(with = "iso_date")]
    pub starts_on: Date,
    #[serde(with = "iso_date")]
    pub ends_on: Date,
}

impl RawMandate {
    pub fn parse(&self) -> Result<MandateDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let role = e.check(OfficeRole::parse("office_role", &self.office_role));
        let holder = e.check(required_text("holder", &self.holder, 150));
        let starts_on = e.check(required_date("starts_on", &self.starts_on));
        let ends_on = e.check(required_date("ends_on", &self.ends_on));
        if let (Some(s), Some(end)) = (starts_on, ends_on)
            && end <= s
        {
            e.push(ValidationError::new("ends_on", "end_before_start"));
        }
        e.into_result()?;
        match (role, holder, starts_on, ends_on) {
            (Some(role), Some(holder), Some(starts_on), Some(ends_on)) => Ok(MandateDraft {
                role,
                holder,
                starts_on,
                ends_on,
            }),
            _ => Err(ValidationError::new("office_role", "required").into()),
        }
    }
}

code_enum!(
    /// What the calendar asks of a cooperative.
    ObligationKind, "obligation", "invalid_choice" {
        Adaptation => "adaptation",
        CapitalPaidUp => "capital_paid_up",
        OrdinaryAssembly => "ordinary_assembly",
        AccountsFiling => "accounts_filing",
        MandateRenewal => "mandate_renewal",
    }
);

/// Where an obligation stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ObligationState {
    Overdue,
    /// Due within the notice period.
    DueSoon,
    Upcoming,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obligation {
    pub kind: ObligationKind,
    /// Stable within a cooperative, to remember reminders: `ordinary_assembly:2025`.
    pub key: String,
    #[serde(with = "iso_date")]
    pub due: Date,
    pub state: ObligationState,
    /// What it is about (the financial year, the mandate's holder).
    pub subject: String,
}

/// What the calendar is computed from.
#[derive(Debug, Clone, Default)]
pub struct CalendarFacts {
    pub immatriculated_on: Option<Date>,
    /// A pre-existing cooperative not yet adapted to Law 112-12.
    pub adaptation_pending: bool,
    pub adaptation_deadline: Option<Date>,
    pub capital: Capital,
    /// Ordinary assemblies held: (financial year, date).
    pub ordinary_assemblies: Vec<(i32, Date)>,
    /// Financial years whose accounts were filed with the court.
    pub accounts_filed: Vec<i32>,
    /// Current mandates: (holder and role, end).
    pub mandates: Vec<(String, Date)>,
}

fn state(due: Date, done: bool, today: Date, notice_days: i64) -> ObligationState {
    if done {
        ObligationState::Done
    } else if due < today {
        ObligationState::Overdue
    } else if (due - today).whole_days() <= notice_days {
        ObligationState::DueSoon
    } else {
        ObligationState::Upcoming
    }
}

/// The calendar of a cooperative on `today`: what is due, when, and whether it is done. The
/// financial year is the calendar year (the default of the model statutes).
pub fn calendar(f: &CalendarFacts, today: Date, rules: &SpaceRules) -> Vec<Obligation> {
    let notice = rules.renewal_notice_days;
    let mut out = Vec::new();
    if f.adaptation_pending
        && let Some(due) = f.adaptation_deadline
    {
        out.push(Obligation {
            kind: ObligationKind::Adaptation,
            key: "adaptation".into(),
            due,
            state: state(due, false, today, notice),
            subject: String::new(),
        });
    }
    if let Some(imm) = f.immatriculated_on {
        let due = paid_up_deadline(imm, rules);
        let done = f.capital.subscribed > 0 && f.capital.unpaid() == 0;
        out.push(Obligation {
            kind: ObligationKind::CapitalPaidUp,
            key: "capital_paid_up".into(),
            due,
            state: state(due, done, today, notice),
            subject: String::new(),
        });
        // Ordinary assemblies for each financial year closed since immatriculation, the last
        // three at most (older ones are history), and the accounts filed after each.
        let last_closed = today.year() - 1;
        for year in (imm.year().max(last_closed - 2))..=last_closed {
            let Ok(year_end) = Date::from_calendar_date(year, Month::December, 31) else {
                continue;
            };
            let due = ordinary_assembly_deadline(year_end, rules);
            let held = f
                .ordinary_assemblies
                .iter()
                .find(|(y, _)| *y == year)
                .map(|(_, d)| *d);
            out.push(Obligation {
                kind: ObligationKind::OrdinaryAssembly,
                key: format!("ordinary_assembly:{year}"),
                due,
                state: state(due, held.is_some(), today, notice),
                subject: year.to_string(),
            });
            if let Some(held) = held {
                let due = held + time::Duration::days(rules.accounts_filing_days);
                out.push(Obligation {
                    kind: ObligationKind::AccountsFiling,
                    key: format!("accounts_filing:{year}"),
                    due,
                    state: state(due, f.accounts_filed.contains(&year), today, 15),
                    subject: year.to_string(),
                });
            }
        }
    }
    for (holder, end) in &f.mandates {
        out.push(Obligation {
            kind: ObligationKind::MandateRenewal,
            key: format!("mandate:{holder}:{end}"),
            due: *end,
            state: state(*end, false, today, notice),
            subject: holder.clone(),
        });
    }
    out.sort_by(|a, b| a.state.cmp(&b.state).then(a.due.cmp(&b.due)));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::date;

    use super::*;

    fn member(id: i64, joined: Date, left: Option<Date>) -> Member {
        Member {
            id,
            kind: MemberKind::Person,
            name: format!("M{id}"),
            gender: None,
            birth_year: None,
            joined_on: joined,
            left_on: left,
        }
    }

    fn mv(
        on: Date,
        kind: MovementKind,
        member_id: i64,
        to: Option<i64>,
        shares: i64,
        amount: i64,
    ) -> Movement {
        Movement {
            on,
            kind,
            member_id,
            to_member_id: to,
            shares,
            amount,
        }
    }

    /// Worked example: five founders subscribe 10 shares of 100 DH each (5,000 DH), paying a
    /// quarter; one pays the rest; another hands 4 shares to a new member.
    #[test]
    fn capital_worked_example() {
        let d = date!(2024 - 01 - 10);
        let mut ledger = Vec::new();
        for id in 1..=5 {
            ledger.push(mv(d, MovementKind::Subscription, id, None, 10, 0));
            ledger.push(mv(d, MovementKind::Payment, id, None, 0, 250));
        }
        ledger.push(mv(date!(2024 - 06 - 01), MovementKind::Payment, 1, None, 0, 750));
        ledger.push(mv(
            date!(2025 - 03 - 01),
            MovementKind::Transfer,
            2,
            Some(6),
            4,
            0,
        ));
        let c = capital(100, &ledger);
        assert_eq!(
            (c.shares, c.subscribed, c.paid, c.unpaid()),
            (50, 5_000, 2_000, 3_000)
        );
        assert_eq!(
            c.holdings[&1],
            Holding {
                shares: 10,
                paid: 1_000
            }
        );
        // 4 of member 2's 10 shares, with 4/10 of the 250 DH paid on them.
        assert_eq!(c.holdings[&2], Holding { shares: 6, paid: 150 });
        assert_eq!(c.holdings[&6], Holding { shares: 4, paid: 100 });
        assert_eq!(c.paid_share_permille(), 400);
    }

    #[test]
    fn ledger_lines_are_checked_against_holdings() {
        let members = [
            member(1, date!(2024 - 01 - 01), None),
            member(2, date!(2024 - 01 - 01), Some(date!(2024 - 05 - 01))),
        ];
        let ledger = [mv(
            date!(2024 - 01 - 10),
            MovementKind::Subscription,
            1,
            None,
            10,
            0,
        )];
        let raw = |kind: &str, member: &str, to: &str, shares: &str, amount: &str| RawMovement {
            movement_kind: kind.into(),
            on: "2024-06-01".into(),
            member_id: member.into(),
            to_member_id: to.into(),
            shares: shares.into(),
            amount: amount.into(),
        };
        let today = date!(2024 - 12 - 31);
        let codes = |r: RawMovement| -> Vec<(&str, &str)> {
            r.parse(&members, 100, &ledger, today)
                .unwrap_err()
                .iter()
                .map(|e| (e.field, e.code))
                .collect()
        };
        assert_eq!(
            codes(raw("payment", "1", "", "", "1001")),
            [("amount", "payment_above_subscribed")]
        );
        assert_eq!(
            codes(raw("transfer", "1", "1", "2", "")),
            [("to_member_id", "transfer_to_self")]
        );
        assert_eq!(
            codes(raw("transfer", "1", "2", "2", "")),
            [("to_member_id", "not_a_member_on_date")]
        );
        assert_eq!(
            codes(raw("withdrawal", "1", "", "11", "")),
            [("shares", "more_shares_than_held")]
        );
        assert_eq!(
            codes(raw("payment", "9", "", "", "10")),
            [("member_id", "invalid_choice")]
        );
        assert!(
            raw("payment", "1", "", "", "1000")
                .parse(&members, 100, &ledger, today)
                .is_ok()
        );
    }

    #[test]
    fn deadlines_worked_examples() {
        let rules = SpaceRules::default();
        assert_eq!(
            paid_up_deadline(date!(2024 - 02 - 29), &rules),
            date!(2027 - 02 - 28)
        );
        assert_eq!(
            ordinary_assembly_deadline(date!(2025 - 12 - 31), &rules),
            date!(2026 - 06 - 30)
        );
        assert_eq!(
            ordinary_assembly_deadline(date!(2025 - 09 - 30), &rules),
            date!(2026 - 03 - 31)
        );
    }

    #[test]
    fn quorum_and_majorities_worked_examples() {
        let rules = SpaceRules::default();
        // 25 members: 13 for an ordinary assembly, 17 for an extraordinary one (first call).
        assert_eq!(quorum_needed(AssemblyKind::Ordinary, 1, 25, &rules), 13);
        assert_eq!(quorum_needed(AssemblyKind::Extraordinary, 1, 25, &rules), 17);
        assert!(!quorum_met(AssemblyKind::Ordinary, 1, 12, 25, &rules));
        assert!(quorum_met(AssemblyKind::Ordinary, 1, 13, 25, &rules));
        assert!(!quorum_met(AssemblyKind::Extraordinary, 1, 16, 25, &rules));
        assert!(quorum_met(AssemblyKind::Extraordinary, 1, 17, 25, &rules));
    }

    /// Model statutes art. 16: the ordinary assembly on second call deliberates whatever the
    /// number present; art. 17 (and answer q045): the extraordinary one still needs half.
    #[test]
    fn second_call_quorum_follows_the_model_statutes() {
        let rules = SpaceRules::default();
        assert_eq!(quorum_needed(AssemblyKind::Ordinary, 2, 25, &rules), 1);
        assert!(quorum_met(AssemblyKind::Ordinary, 2, 3, 25, &rules));
        assert!(
            !quorum_met(AssemblyKind::Ordinary, 2, 0, 25, &rules),
            "nobody came"
        );
        assert_eq!(quorum_needed(AssemblyKind::Extraordinary, 2, 25, &rules), 13);
        assert!(!quorum_met(AssemblyKind::Extraordinary, 2, 3, 25, &rules));
        assert!(!quorum_met(AssemblyKind::Extraordinary, 2, 12, 25, &rules));
        assert!(quorum_met(AssemblyKind::Extraordinary, 2, 13, 25, &rules));
        assert!(
            quorum_met(AssemblyKind::Extraordinary, 3, 13, 25, &rules),
            "any later call too"
        );
    }

    fn votes(votes_for: i64, votes_against: i64, abstentions: i64) -> Votes {
        Votes {
            votes_for,
            votes_against,
            abstentions,
        }
    }

    /// Model statutes art. 16–17: the majority is of the votes of the members present or
    /// represented, so abstentions and members who do not vote weigh against.
    #[test]
    fn majority_counts_members_present_not_votes_cast() {
        let rules = SpaceRules::default();
        let o = AssemblyKind::Ordinary;
        let e = AssemblyKind::Extraordinary;
        assert!(adopted(o, votes(7, 6, 0), 13, &rules));
        assert!(!adopted(o, votes(6, 6, 0), 12, &rules));
        // 7 for, 3 against, 4 abstentions: a majority of votes cast, not of the 14 present.
        assert!(!adopted(o, votes(7, 3, 4), 14, &rules));
        assert!(adopted(o, votes(8, 2, 4), 14, &rules));
        // Two members present who did not vote count like abstentions.
        assert!(!adopted(o, votes(6, 4, 0), 12, &rules));
        assert!(adopted(e, votes(10, 5, 0), 15, &rules));
        assert!(!adopted(e, votes(9, 5, 0), 14, &rules));
        // 10 for and 2 against is ⅚ of votes cast but 10 of 18 present is less than ⅔.
        assert!(!adopted(e, votes(10, 2, 6), 18, &rules));
        assert!(adopted(e, votes(12, 2, 4), 18, &rules));
        // Attendance not recorded: the votes entered are the floor.
        assert!(adopted(o, votes(3, 1, 0), 0, &rules));
        assert!(!adopted(o, votes(0, 0, 0), 0, &rules));
        let over = RawResolution {
            text_fr: "Comptes".into(),
            votes_for: "10".into(),
            votes_against: "3".into(),
            ..Default::default()
        };
        assert_eq!(
            over.parse(12).unwrap_err().iter().next().map(|e| e.code),
            Some("more_votes_than_present")
        );
    }

    #[test]
    fn the_calendar_says_what_is_due() {
        let rules = SpaceRules::default();
        let mut f = CalendarFacts {
            immatriculated_on: Some(date!(2023 - 03 - 15)),
            capital: capital(
                100,
                &[mv(
                    date!(2023 - 03 - 01),
                    MovementKind::Subscription,
                    1,
                    None,
                    10,
                    0,
                )],
            ),
            ordinary_assemblies: vec![(2024, date!(2025 - 05 - 20))],
            mandates: vec![("Chair: Fatima".into(), date!(2026 - 12 - 31))],
            ..Default::default()
        };
        let today = date!(2026 - 11 - 23);
        let cal = calendar(&f, today, &rules);
        let find = |key: &str| cal.iter().find(|o| o.key == key).map(|o| (o.due, o.state));
        assert_eq!(
            find("capital_paid_up"),
            Some((date!(2026 - 03 - 15), ObligationState::Overdue))
        );
        assert_eq!(
            find("ordinary_assembly:2025"),
            Some((date!(2026 - 06 - 30), ObligationState::Overdue))
        );
        assert_eq!(
            find("ordinary_assembly:2024"),
            Some((date!(2025 - 06 - 30), ObligationState::Done))
        );
        assert_eq!(
            find("accounts_filing:2024"),
            Some((date!(2025 - 06 - 19), ObligationState::Overdue))
        );
        assert_eq!(
            find("mandate:Chair: Fatima:2026-12-31"),
            Some((date!(2026 - 12 - 31), ObligationState::DueSoon))
        );
        assert_eq!(cal[0].state, ObligationState::Overdue, "overdue first");
        f.accounts_filed.push(2024);
        let cal = calendar(&f, today, &rules);
        assert!(
            cal.iter()
                .any(|o| o.key == "accounts_filing:2024" && o.state == ObligationState::Done)
        );
    }

    #[test]
    fn members_are_checked() {
        let today = date!(2026 - 11 - 23);
        let raw = RawMember {
            member_kind: "legal_person".into(),
            name: "Coopérative Nakhil".into(),
            gender: "woman".into(),
            joined_on: "2027-01-01".into(),
            ..Default::default()
        };
        let codes: Vec<_> = raw
            .parse(today)
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("joined_on", "date_in_future"),
                ("gender", "legal_person_no_gender")
            ]
        );
        let m = Member {
            birth_year: Some(1995),
            ..member(1, date!(2020 - 01 - 01), None)
        };
        assert!(m.is_young_on(today, &SpaceRules::default()));
        assert!(m.is_member_on(today) && !m.is_member_on(date!(2019 - 12 - 31)));
    }
}
