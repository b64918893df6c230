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
    cooperative::{code_enum, parse_date, required_date},
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
        let issued_on = match e.check(required_date("issued_on", &self.issued_on)) {
            Some(d) if d > today => {
                e.push(ValidationError::new("issued_on", "date_in_future"));
                None
            }
            other => other,
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

code_enum!(
    /// The market openings of the office's strategy (seed 000): fairs, exhibitions, mobile-market
    /// tours, partnerships with large retail stores, display spaces in airports and stations.
    EventKind, "kind", "invalid_choice" {
        Fair => "fair",
        Exhibition => "exhibition",
        /// A tour of the mobile markets (الأسواق المتنقلة).
        MobileMarket => "mobile_market",
        /// Shelves in a large retail store.
        Retail => "retail",
        /// A display space in an airport or a train station.
        DisplaySpace => "display_space",
    }
);

/// The largest number of stands or slots an event may offer.
pub const MAX_STANDS: i64 = 1000;

/// An event as its organiser (the office or a partner) writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawMarketEvent {
    pub kind: String,
    pub title_ar: String,
    pub title_fr: String,
    pub place_ar: String,
    pub place_fr: String,
    pub region_code: String,
    pub starts_on: String,
    pub ends_on: String,
    pub stands: String,
    pub conditions_ar: String,
    pub conditions_fr: String,
    /// The allocation rule's parameters (see [`AllocationRule`]); empty for the default.
    pub rotation_events: String,
    pub certified_points: String,
    pub local_points: String,
    /// `yes` or `no`; empty for the default (`yes`).
    pub women_first: String,
}

/// A checked event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketEventDraft {
    pub kind: EventKind,
    pub title_ar: String,
    pub title_fr: String,
    pub place_ar: String,
    pub place_fr: String,
    pub region_code: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub stands: i64,
    pub conditions_ar: String,
    pub conditions_fr: String,
    pub rule: AllocationRule,
}

impl RawMarketEvent {
    pub fn parse(&self) -> Result<MarketEventDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(EventKind::parse("kind", &self.kind));
        let title_ar = e.check(required_text("title_ar", &self.title_ar, 200));
        let title_fr = e.check(required_text("title_fr", &self.title_fr, 200));
        let place_ar = e.check(required_text("place_ar", &self.place_ar, 200));
        let place_fr = e.check(required_text("place_fr", &self.place_fr, 200));
        let region = e.check(crate::RegionCode::parse("region_code", &self.region_code));
        let mut date = |field: &'static str, raw: &str| e.check(required_date(field, raw));
        let starts_on = date("starts_on", &self.starts_on);
        let ends_on = date("ends_on", &self.ends_on);
        if let (Some(s), Some(end)) = (starts_on, ends_on)
            && end < s
        {
            e.push(ValidationError::new("ends_on", "end_before_start"));
        }
        let stands = match crate::number::whole_number_in(&self.stands, 1..=MAX_STANDS) {
            Ok(Some(n)) => Some(n),
            _ => {
                e.push(ValidationError::new("stands", "invalid_capacity").with_arg("max", MAX_STANDS));
                None
            }
        };
        let mut optional = |field: &'static str, raw: &str| {
            if raw.trim().is_empty() {
                String::new()
            } else {
                e.check(required_text(field, raw, 4000)).unwrap_or_default()
            }
        };
        let conditions_ar = optional("conditions_ar", &self.conditions_ar);
        let conditions_fr = optional("conditions_fr", &self.conditions_fr);
        let rule = match AllocationRule::parse(
            &self.rotation_events,
            &self.certified_points,
            &self.local_points,
            &self.women_first,
        ) {
            Ok(rule) => Some(rule),
            Err(errors) => {
                for x in errors.iter() {
                    e.push(x.clone());
                }
                None
            }
        };
        e.into_result()?;
        match (
            kind, title_ar, title_fr, place_ar, place_fr, region, starts_on, ends_on, stands,
        ) {
            (
                Some(kind),
                Some(title_ar),
                Some(title_fr),
                Some(place_ar),
                Some(place_fr),
                Some(region),
                Some(starts_on),
                Some(ends_on),
                Some(stands),
            ) => Ok(MarketEventDraft {
                kind,
                title_ar,
                title_fr,
                place_ar,
                place_fr,
                region_code: region.as_str().to_string(),
                starts_on,
                ends_on,
                stands,
                conditions_ar,
                conditions_fr,
                rule: rule.unwrap_or_default(),
            }),
            // Every `None` above pushed an error, so this arm is not reached.
            _ => Err(ValidationError::new("kind", "required").into()),
        }
    }
}

/// How many of the latest allocated events count for the rotation, unless the organiser
/// chooses otherwise for an event.
pub const ROTATION_EVENTS: usize = 3;

/// The most points a criterion may weigh, and the most events the rotation may look back on.
pub const MAX_POINTS: u32 = 10;
pub const MAX_ROTATION_EVENTS: u32 = 10;

/// The parameters of an event's allocation rule, chosen by its organiser when publishing it
/// and shown on its page. The order of the rule is fixed (rotation first, so the same
/// cooperatives do not always win); what the organiser weighs is how far the rotation looks
/// back and what each criterion is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationRule {
    /// How many of the latest allocated events count for the rotation (1 to
    /// [`MAX_ROTATION_EVENTS`]).
    pub rotation_events: u32,
    /// Points for a running certificate (0 to [`MAX_POINTS`]).
    pub certified_points: u32,
    /// Points for a seat in the event's region.
    pub local_points: u32,
    /// Women's cooperatives first among equal scores.
    pub women_first: bool,
}

impl Default for AllocationRule {
    /// The office's rule before organisers could choose: the last 3 events, 2 points for a
    /// running certificate, 1 for a local seat, women's cooperatives first.
    fn default() -> Self {
        AllocationRule {
            rotation_events: ROTATION_EVENTS as u32,
            certified_points: 2,
            local_points: 1,
            women_first: true,
        }
    }
}

impl AllocationRule {
    /// Reads the parameters as a form sends them; an empty field keeps the default. Every
    /// wrong field is reported, not only the first.
    pub fn parse(
        rotation_events: &str,
        certified_points: &str,
        local_points: &str,
        women_first: &str,
    ) -> Result<Self, ValidationErrors> {
        let d = AllocationRule::default();
        let mut e = ValidationErrors::new();
        let mut number = |field: &'static str, raw: &str, min: u32, max: u32, default: u32| {
            match crate::number::whole_number_in(raw, i64::from(min)..=i64::from(max)) {
                Ok(None) => default,
                Ok(Some(n)) => u32::try_from(n).unwrap_or(default),
                _ => {
                    e.push(
                        ValidationError::new(field, "invalid_points")
                            .with_arg("min", min)
                            .with_arg("max", max),
                    );
                    default
                }
            }
        };
        let rule = AllocationRule {
            rotation_events: number(
                "rotation_events",
                rotation_events,
                1,
                MAX_ROTATION_EVENTS,
                d.rotation_events,
            ),
            certified_points: number(
                "certified_points",
                certified_points,
                0,
                MAX_POINTS,
                d.certified_points,
            ),
            local_points: number("local_points", local_points, 0, MAX_POINTS, d.local_points),
            women_first: match women_first.trim() {
                "" | "yes" => true,
                "no" => false,
                _ => {
                    e.push(ValidationError::new("women_first", "invalid_choice"));
                    true
                }
            },
        };
        e.into_result()?;
        Ok(rule)
    }

    /// The criteria score of an applicant under this rule.
    pub fn score(&self, a: &Applicant) -> u32 {
        self.certified_points * u32::from(a.certified) + self.local_points * u32::from(a.local)
    }
}

/// A cooperative applying for a stand, with what the allocation rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applicant {
    pub cooperative_id: i64,
    /// Places it won in the [`ROTATION_EVENTS`] latest allocated events.
    pub recent_places: u32,
    /// It holds a running certificate (quality shown to buyers).
    pub certified: bool,
    /// Its seat is in the event's region (local producers).
    pub local: bool,
    /// Women are the majority of its members.
    pub women: bool,
}

/// An applicant's place in the allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub cooperative_id: i64,
    /// 1 for the first.
    pub rank: u32,
    pub allocated: bool,
    /// The criteria score: 2 for a running certificate, 1 for a seat in the region.
    pub score: u32,
}

/// A women's cooperative, for the tie-break: women are more than half of its members.
pub fn women_majority(women_members: Option<i64>, members: Option<i64>) -> bool {
    matches!((women_members, members), (Some(w), Some(m)) if m > 0 && 2 * w > m)
}

/// The criteria score of an applicant under the default rule (see [`allocate`]).
pub fn criteria_score(a: &Applicant) -> u32 {
    AllocationRule::default().score(a)
}

/// The lottery draw of a cooperative for an event: a fixed mix (SplitMix64) of both ids, so the
/// draw is the same every time it is computed and anyone can recompute it, yet differs from
/// one event to the next.
pub fn lottery(event_id: i64, cooperative_id: i64) -> u64 {
    let mut z = (event_id as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(cooperative_id as u64);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Allocates an event's `stands` among its applicants. The rule, shown on the event's page:
/// 1. rotation: fewer places won in the latest [`ROTATION_EVENTS`] allocated events first, so
///    the same cooperatives do not always win;
/// 2. then the higher criteria score (running certificate 2, seat in the event's region 1);
/// 3. then women's cooperatives;
/// 4. then the lottery draw seeded by the event's id ([`lottery`]).
///
/// The first `stands` get a place; the others follow in order on the waiting list. Pure and
/// deterministic: the same applicants give the same result, whatever their order.
pub fn allocate(event_id: i64, stands: usize, applicants: &[Applicant]) -> Vec<Ranked> {
    allocate_by(&AllocationRule::default(), event_id, stands, applicants)
}

/// [`allocate`] under an event's own [`AllocationRule`]: the same order of steps, with the
/// organiser's points (and the women's step skipped when the organiser left it out). The
/// rotation's window is applied by whoever counts `recent_places`.
pub fn allocate_by(
    rule: &AllocationRule,
    event_id: i64,
    stands: usize,
    applicants: &[Applicant],
) -> Vec<Ranked> {
    let mut sorted: Vec<&Applicant> = applicants.iter().collect();
    sorted.sort_by_key(|a| {
        (
            a.recent_places,
            std::cmp::Reverse(rule.score(a)),
            rule.women_first && !a.women,
            lottery(event_id, a.cooperative_id),
            a.cooperative_id,
        )
    });
    sorted
        .iter()
        .enumerate()
        .map(|(i, a)| Ranked {
            cooperative_id: a.cooperative_id,
            rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
            allocated: i < stands,
            score: rule.score(a),
        })
        .collect()
}

#[cfg(test)]
mod allocation_tests {
    use super::*;

    fn applicant(id: i64, recent: u32, certified: bool, local: bool, women: bool) -> Applicant {
        Applicant {
            cooperative_id: id,
            recent_places: recent,
            certified,
            local,
            women,
        }
    }

    #[test]
    fn the_rule_in_order() {
        let list = [
            // Certified, local, women's, but won twice lately: rotation puts it last.
            applicant(1, 2, true, true, true),
            applicant(2, 0, false, false, false),
            applicant(3, 0, true, false, false),
            applicant(4, 0, false, true, false),
            applicant(5, 0, false, true, true),
        ];
        let ranked = allocate(7, 3, &list);
        let order: Vec<i64> = ranked.iter().map(|r| r.cooperative_id).collect();
        assert_eq!(order, vec![3, 5, 4, 2, 1]);
        assert_eq!(
            ranked
                .iter()
                .filter(|r| r.allocated)
                .map(|r| r.cooperative_id)
                .collect::<Vec<_>>(),
            vec![3, 5, 4]
        );
        assert_eq!(ranked[0].rank, 1);
        assert_eq!(ranked[0].score, 2);
    }

    #[test]
    fn deterministic_whatever_the_order_and_a_fair_lottery() {
        let list: Vec<Applicant> = (1..=40).map(|id| applicant(id, 0, false, false, false)).collect();
        let mut reversed = list.clone();
        reversed.reverse();
        assert_eq!(allocate(11, 10, &list), allocate(11, 10, &reversed));
        // Another event draws another order.
        assert_ne!(allocate(11, 10, &list), allocate(12, 10, &list));
        // Over many events, equal applicants each win about as often (10 places of 40).
        let mut wins = [0u32; 41];
        for event in 0..400 {
            for r in allocate(event, 10, &list).iter().filter(|r| r.allocated) {
                wins[r.cooperative_id as usize] += 1;
            }
        }
        assert!(wins[1..].iter().all(|w| (60..=140).contains(w)), "{wins:?}");
    }

    #[test]
    fn the_organisers_points_change_the_order_not_the_rotation() {
        let list = [
            applicant(1, 0, true, false, false),
            applicant(2, 0, false, true, false),
            applicant(3, 1, true, true, true),
        ];
        let local_first = AllocationRule {
            certified_points: 1,
            local_points: 3,
            ..Default::default()
        };
        let order = |rule: &AllocationRule| -> Vec<i64> {
            allocate_by(rule, 7, 1, &list)
                .iter()
                .map(|r| r.cooperative_id)
                .collect()
        };
        assert_eq!(order(&AllocationRule::default()), vec![1, 2, 3]);
        assert_eq!(order(&local_first), vec![2, 1, 3]);
        assert_eq!(allocate_by(&local_first, 7, 1, &list)[0].score, 3);
        assert_eq!(
            AllocationRule::parse("", "", "", ""),
            Ok(AllocationRule::default())
        );
        assert_eq!(
            AllocationRule::parse("5", "0", "4", "no").map(|r| (r.rotation_events, r.women_first)),
            Ok((5, false))
        );
        let fields: Vec<&str> = AllocationRule::parse("0", "11", "x", "maybe")
            .err()
            .map(|e| e.iter().map(|e| e.field).collect())
            .unwrap_or_default();
        assert_eq!(
            fields,
            vec![
                "rotation_events",
                "certified_points",
                "local_points",
                "women_first"
            ]
        );
    }

    #[test]
    fn events_are_checked_whole() {
        let raw = RawMarketEvent {
            kind: "fair".into(),
            title_ar: "المعرض الجهوي للتمور".into(),
            title_fr: "Salon régional des dattes".into(),
            place_ar: "أرفود".into(),
            place_fr: "Erfoud".into(),
            region_code: "08".into(),
            starts_on: "2026-10-28".into(),
            ends_on: "2026-11-01".into(),
            stands: "40".into(),
            ..Default::default()
        };
        assert_eq!(raw.parse().map(|d| d.stands), Ok(40));
        let bad = RawMarketEvent {
            kind: "bazaar".into(),
            stands: "0".into(),
            ends_on: "2026-10-01".into(),
            ..raw
        };
        let codes: Vec<(&str, &str)> = bad
            .parse()
            .err()
            .map(|e| e.iter().map(|e| (e.field, e.code)).collect())
            .unwrap_or_default();
        assert_eq!(
            codes,
            vec![
                ("kind", "invalid_choice"),
                ("ends_on", "end_before_start"),
                ("stands", "invalid_capacity")
            ]
        );
    }
}

/// The largest sales figure a cooperative may report for one event, in dirhams.
pub const MAX_SALES_DH: i64 = 100_000_000;

/// Sales reported after an event, in whole dirhams: only by a cooperative that had a stand
/// (the caller checks), only once the event is over.
pub fn parse_sales(raw: &str, event_ends_on: Date, today: Date) -> Result<i64, ValidationError> {
    if today <= event_ends_on {
        return Err(ValidationError::new("sales_dh", "sales_before_end"));
    }
    match crate::number::whole_number_in(raw, 0..=MAX_SALES_DH) {
        Ok(Some(n)) => Ok(n),
        _ => Err(ValidationError::new("sales_dh", "invalid_number")),
    }
}

#[cfg(test)]
mod sales_tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn sales_after_the_event_only() {
        let end = date!(2026 - 05 - 10);
        assert_eq!(parse_sales("12 500", end, date!(2026 - 05 - 11)), Ok(12_500));
        assert_eq!(
            parse_sales("100", end, end).map_err(|e| e.code),
            Err("sales_before_end")
        );
        for bad in ["-5", "abc", "", "1000000000"] {
            assert_eq!(
                parse_sales(bad, end, date!(2026 - 06 - 01)).map_err(|e| e.code),
                Err("invalid_number"),
                "{bad}"
            );
        }
    }
}
