//! Awareness campaigns (الحملة التحسيسية) and their meetings: a national campaign made of
//! regional then provincial meetings, each with a programme, public registration within a
//! capacity, a waiting list, check-in on the day and a published report.
//!
//! Everything here is pure: parsing what a form or the API sends, and the rule that decides
//! whether a registration is confirmed or waitlisted. The store applies that rule inside a
//! transaction that holds the meeting's lock, so the capacity holds under concurrent requests.

use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::{
    Email, ProvinceCode, RegionCode, ValidationError, ValidationErrors,
    cooperative::{code_enum, parse_date, parse_phone},
    error::required_text,
};

code_enum!(
    /// Who a participant is, as the campaign's target groups (الفئات المستهدفة) list them.
    TargetGroup, "target_group", "invalid_choice" {
        /// Managers of cooperatives and unions — «مسيرو التعاونيات والاتحادات».
        CooperativeManager => "cooperative_manager",
        /// Members of cooperatives and unions.
        CooperativeMember => "cooperative_member",
        /// Local development associations — «الجمعيات التنموية المحلية».
        Association => "association",
        /// Members of professional chambers — «الغرف المهنية».
        Chamber => "chamber",
        /// Staff of technical administrations — «الإدارات التقنية».
        Administration => "administration",
        /// Local authorities — «السلطات المحلية».
        LocalAuthority => "local_authority",
        /// University and institute students.
        Student => "student",
        Other => "other",
    }
);

code_enum!(
    /// Regional meetings come first, then provincial ones.
    MeetingLevel, "level", "invalid_choice" {
        Regional => "regional",
        Provincial => "provincial",
    }
);

code_enum!(
    /// A line of a meeting's programme.
    ItemKind, "kind", "invalid_choice" {
        /// Reception and registration of participants — «استقبال وتسجيل المشاركين».
        Reception => "reception",
        /// Opening speeches — «كلمات افتتاحية».
        Opening => "opening",
        /// A talk, with the body presenting it.
        Talk => "talk",
        /// A workshop participants choose when they register.
        Workshop => "workshop",
        Break => "break",
        Closing => "closing",
    }
);

code_enum!(
    /// Where a registration stands. Presence is recorded separately (checked in or not).
    RegistrationStatus, "status", "invalid_choice" {
        Confirmed => "confirmed",
        /// Past capacity: moves up, in order, when a confirmed place frees.
        Waitlisted => "waitlisted",
        Cancelled => "cancelled",
    }
);

code_enum!(
    /// Declared by the participant, only to count women's share of the audience; optional.
    Gender, "gender", "invalid_choice" {
        Woman => "woman",
        Man => "man",
    }
);

/// The largest audience a meeting may announce.
pub const MAX_CAPACITY: i64 = 100_000;

/// A campaign as an office agent writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawCampaign {
    pub title_ar: String,
    pub title_fr: String,
    pub slogan_ar: String,
    pub slogan_fr: String,
    pub objectives_ar: String,
    pub objectives_fr: String,
    pub axes_ar: String,
    pub axes_fr: String,
    pub partners_ar: String,
    pub partners_fr: String,
    /// Target-group codes, any number.
    pub target_groups: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
}

/// A checked campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignDraft {
    pub title_ar: String,
    pub title_fr: String,
    pub slogan_ar: String,
    pub slogan_fr: String,
    pub objectives_ar: String,
    pub objectives_fr: String,
    pub axes_ar: String,
    pub axes_fr: String,
    pub partners_ar: String,
    pub partners_fr: String,
    pub target_groups: Vec<TargetGroup>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

/// Optional free text: trimmed, bounded, no characters that would disguise it.
fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<String, ValidationError> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        required_text(field, raw, max)
    }
}

impl RawCampaign {
    pub fn parse(&self) -> Result<CampaignDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title_ar = e.check(required_text("title_ar", &self.title_ar, 200));
        let title_fr = e.check(required_text("title_fr", &self.title_fr, 200));
        let mut texts = [
            ("slogan_ar", &self.slogan_ar, 300),
            ("slogan_fr", &self.slogan_fr, 300),
            ("objectives_ar", &self.objectives_ar, 4000),
            ("objectives_fr", &self.objectives_fr, 4000),
            ("axes_ar", &self.axes_ar, 4000),
            ("axes_fr", &self.axes_fr, 4000),
            ("partners_ar", &self.partners_ar, 2000),
            ("partners_fr", &self.partners_fr, 2000),
        ]
        .map(|(field, raw, max)| e.check(optional_text(field, raw, max)).unwrap_or_default());
        let mut groups = Vec::new();
        for g in &self.target_groups {
            if let Some(g) = e.check(TargetGroup::parse("target_groups", g))
                && !groups.contains(&g)
            {
                groups.push(g);
            }
        }
        groups.sort();
        let starts_on = e.check(parse_date("starts_on", &self.starts_on)).flatten();
        let ends_on = e.check(parse_date("ends_on", &self.ends_on)).flatten();
        if let (Some(s), Some(end)) = (starts_on, ends_on)
            && end < s
        {
            e.push(ValidationError::new("ends_on", "end_before_start"));
        }
        e.into_result()?;
        let take = |i: usize, t: &mut [String; 8]| std::mem::take(&mut t[i]);
        Ok(CampaignDraft {
            title_ar: title_ar.unwrap_or_default(),
            title_fr: title_fr.unwrap_or_default(),
            slogan_ar: take(0, &mut texts),
            slogan_fr: take(1, &mut texts),
            objectives_ar: take(2, &mut texts),
            objectives_fr: take(3, &mut texts),
            axes_ar: take(4, &mut texts),
            axes_fr: take(5, &mut texts),
            partners_ar: take(6, &mut texts),
            partners_fr: take(7, &mut texts),
            target_groups: groups,
            starts_on,
            ends_on,
        })
    }
}

/// A meeting as an office agent writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawMeeting {
    pub level: String,
    pub city_ar: String,
    pub city_fr: String,
    pub region_code: String,
    pub province_code: String,
    pub venue_ar: String,
    pub venue_fr: String,
    /// Empty while the date is not fixed (the 2018 closing meeting in Fès had none).
    pub date: String,
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: String,
    pub organisers: String,
    pub partners: String,
    pub animators: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    pub level: MeetingLevel,
    pub city_ar: String,
    pub city_fr: String,
    pub region: RegionCode,
    pub province: Option<ProvinceCode>,
    pub venue_ar: String,
    pub venue_fr: String,
    pub date: Option<Date>,
    pub starts_at: Option<Time>,
    pub ends_at: Option<Time>,
    pub capacity: i64,
    pub organisers: String,
    pub partners: String,
    pub animators: String,
}

/// `09:30` → 09:30. Empty is no time.
pub fn parse_time(field: &'static str, raw: &str) -> Result<Option<Time>, ValidationError> {
    let s = ascii_digits(raw.trim());
    let s = s.as_str();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || ValidationError::new(field, "invalid_time");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let digits =
        |p: &str, min: usize| p.len() >= min && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 1) || !digits(m, 2) {
        return Err(bad());
    }
    let (h, m) = (
        h.parse::<u8>().map_err(|_| bad())?,
        m.parse::<u8>().map_err(|_| bad())?,
    );
    Time::from_hms(h, m, 0).map(Some).map_err(|_| bad())
}

fn parse_capacity(raw: &str) -> Result<i64, ValidationError> {
    match crate::number::whole_number_in(raw, 1..=MAX_CAPACITY) {
        Ok(Some(n)) => Ok(n),
        _ => Err(ValidationError::new("capacity", "invalid_capacity").with_arg("max", MAX_CAPACITY)),
    }
}

impl RawMeeting {
    pub fn parse(&self) -> Result<MeetingDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let level = e.check(MeetingLevel::parse("level", &self.level));
        let city_ar = e.check(required_text("city_ar", &self.city_ar, 100));
        let city_fr = e.check(required_text("city_fr", &self.city_fr, 100));
        let region = e.check(RegionCode::parse("region_code", &self.region_code));
        let province = if self.province_code.trim().is_empty() {
            if level == Some(MeetingLevel::Provincial) {
                e.push(ValidationError::new("province_code", "required"));
            }
            None
        } else {
            e.check(ProvinceCode::parse("province_code", &self.province_code))
        };
        if let (Some(r), Some(p)) = (&region, &province)
            && !p.as_str().starts_with(&format!("{}.", r.as_str()))
        {
            e.push(ValidationError::new("province_code", "province_not_in_region"));
        }
        let venue_ar = e.check(optional_text("venue_ar", &self.venue_ar, 200));
        let venue_fr = e.check(optional_text("venue_fr", &self.venue_fr, 200));
        let date = e.check(parse_date("date", &self.date)).flatten();
        let starts_at = e.check(parse_time("starts_at", &self.starts_at)).flatten();
        let ends_at = e.check(parse_time("ends_at", &self.ends_at)).flatten();
        if let (Some(s), Some(end)) = (starts_at, ends_at)
            && end <= s
        {
            e.push(ValidationError::new("ends_at", "end_before_start"));
        }
        let capacity = e.check(parse_capacity(&self.capacity));
        let organisers = e.check(optional_text("organisers", &self.organisers, 2000));
        let partners = e.check(optional_text("partners", &self.partners, 2000));
        let animators = e.check(optional_text("animators", &self.animators, 2000));
        e.into_result()?;
        match (level, city_ar, city_fr, region, capacity) {
            (Some(level), Some(city_ar), Some(city_fr), Some(region), Some(capacity)) => Ok(MeetingDraft {
                level,
                city_ar,
                city_fr,
                region,
                province,
                venue_ar: venue_ar.unwrap_or_default(),
                venue_fr: venue_fr.unwrap_or_default(),
                date,
                starts_at,
                ends_at,
                capacity,
                organisers: organisers.unwrap_or_default(),
                partners: partners.unwrap_or_default(),
                animators: animators.unwrap_or_default(),
            }),
            // Every `None` above pushed its error, so this is unreachable in practice; say so
            // rather than panic.
            _ => Err(ValidationError::new("level", "required").into()),
        }
    }
}

/// A programme line as an office agent writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawItem {
    pub item_kind: String,
    pub starts_at: String,
    pub ends_at: String,
    pub title_ar: String,
    pub title_fr: String,
    /// The body presenting a talk (the office, INDH, …) or the workshop's animator.
    pub presenter_ar: String,
    pub presenter_fr: String,
    pub room: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    pub kind: ItemKind,
    pub starts_at: Option<Time>,
    pub ends_at: Option<Time>,
    pub title_ar: String,
    pub title_fr: String,
    pub presenter_ar: String,
    pub presenter_fr: String,
    pub room: String,
}

impl RawItem {
    pub fn parse(&self) -> Result<ItemDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check(ItemKind::parse("item_kind", &self.item_kind));
        let starts_at = e.check(parse_time("starts_at", &self.starts_at)).flatten();
        let ends_at = e.check(parse_time("ends_at", &self.ends_at)).flatten();
        if let (Some(s), Some(end)) = (starts_at, ends_at)
            && end <= s
        {
            e.push(ValidationError::new("ends_at", "end_before_start"));
        }
        let title_ar = e.check(required_text("title_ar", &self.title_ar, 300));
        let title_fr = e.check(required_text("title_fr", &self.title_fr, 300));
        let presenter_ar = e.check(optional_text("presenter_ar", &self.presenter_ar, 300));
        let presenter_fr = e.check(optional_text("presenter_fr", &self.presenter_fr, 300));
        let room = e.check(optional_text("room", &self.room, 100));
        e.into_result()?;
        Ok(ItemDraft {
            kind: kind.unwrap_or(ItemKind::Talk),
            starts_at,
            ends_at,
            title_ar: title_ar.unwrap_or_default(),
            title_fr: title_fr.unwrap_or_default(),
            presenter_ar: presenter_ar.unwrap_or_default(),
            presenter_fr: presenter_fr.unwrap_or_default(),
            room: room.unwrap_or_default(),
        })
    }
}

/// A registration as the public sends it (form or API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RawRegistration {
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    pub target_group: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub gender: String,
    /// Where the participant comes from; by default the meeting's province.
    #[serde(default)]
    pub province_code: String,
    /// The central number of the participant's cooperative, if any (checked against the
    /// register by the store).
    #[serde(default)]
    pub cooperative_number: String,
    /// Programme items (workshops) chosen, by id.
    #[serde(default)]
    pub workshops: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationDraft {
    pub name: String,
    /// `+212…` for Moroccan numbers.
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub target_group: TargetGroup,
    pub organisation: String,
    pub gender: Option<Gender>,
    pub province: Option<ProvinceCode>,
    pub cooperative_number: Option<String>,
    pub workshops: Vec<i64>,
}

impl RegistrationDraft {
    /// What identifies a person within one meeting, to catch a second registration: the phone
    /// number, else the e-mail address, else the name folded to lower case.
    pub fn identity(&self) -> String {
        match (&self.phone, &self.email) {
            (Some(p), _) => format!("tel:{p}"),
            (None, Some(e)) => format!("mail:{}", e.as_str().to_lowercase()),
            (None, None) => format!("name:{}", self.name.to_lowercase()),
        }
    }
}

pub use crate::number::ascii_digits;

impl RawRegistration {
    /// Checks everything at once. `workshops` are the ids of the meeting's workshops, to refuse
    /// a choice that is not one of them.
    pub fn parse(&self, workshops: &[i64]) -> Result<RegistrationDraft, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check(required_text("name", &self.name, 120));
        let phone = e
            .check(parse_phone("phone", &ascii_digits(&self.phone)))
            .flatten();
        let email = if self.email.trim().is_empty() {
            None
        } else {
            e.check(Email::parse("email", &self.email))
        };
        if self.phone.trim().is_empty() && self.email.trim().is_empty() {
            e.push(ValidationError::new("phone", "contact_required"));
        }
        let target_group = if self.target_group.trim().is_empty() {
            e.push(ValidationError::new("target_group", "required"));
            None
        } else {
            e.check(TargetGroup::parse("target_group", &self.target_group))
        };
        let organisation = e.check(optional_text("organisation", &self.organisation, 200));
        let gender = if self.gender.trim().is_empty() {
            None
        } else {
            e.check(Gender::parse("gender", &self.gender))
        };
        let province = if self.province_code.trim().is_empty() {
            None
        } else {
            e.check(ProvinceCode::parse("province_code", &self.province_code))
        };
        let number = ascii_digits(self.cooperative_number.trim());
        let cooperative_number = if number.is_empty() {
            None
        } else if number.len() <= 20
            && number
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-/.".contains(c))
        {
            Some(number)
        } else {
            e.push(ValidationError::new(
                "cooperative_number",
                "invalid_central_number",
            ));
            None
        };
        let mut chosen = Vec::new();
        for id in &self.workshops {
            if !workshops.contains(id) {
                e.push(ValidationError::new("workshops", "invalid_choice"));
                break;
            }
            if !chosen.contains(id) {
                chosen.push(*id);
            }
        }
        e.into_result()?;
        match (name, target_group) {
            (Some(name), Some(target_group)) => Ok(RegistrationDraft {
                name,
                phone,
                email,
                target_group,
                organisation: organisation.unwrap_or_default(),
                gender,
                province,
                cooperative_number,
                workshops: chosen,
            }),
            _ => Err(ValidationError::new("name", "required").into()),
        }
    }
}

/// Whether a new registration gets a place: confirmed while fewer than `capacity` people hold
/// one, waitlisted after. The caller counts under the meeting's lock.
pub fn admission(confirmed: i64, capacity: i64) -> RegistrationStatus {
    if confirmed < capacity {
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waitlisted
    }
}

/// Why a meeting does not take registrations now, if it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationClosed {
    /// No date fixed yet.
    NotScheduled,
    /// The meeting is over.
    Past,
    Cancelled,
}

/// Registration is open until the end of the meeting's day (people register at the door too).
pub fn registration_open(date: Option<Date>, cancelled: bool, today: Date) -> Result<(), RegistrationClosed> {
    if cancelled {
        return Err(RegistrationClosed::Cancelled);
    }
    match date {
        None => Err(RegistrationClosed::NotScheduled),
        Some(d) if d < today => Err(RegistrationClosed::Past),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    fn reg(name: &str, phone: &str, email: &str, group: &str) -> RawRegistration {
        RawRegistration {
            name: name.into(),
            phone: phone.into(),
            email: email.into(),
            target_group: group.into(),
            ..Default::default()
        }
    }

    fn fields(e: &ValidationErrors) -> Vec<(&str, &str)> {
        e.iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_registration_needs_a_name_a_contact_and_a_group() {
        let err = reg("", "", "", "").parse(&[]).unwrap_err();
        assert_eq!(
            fields(&err),
            [
                ("name", "required"),
                ("phone", "contact_required"),
                ("target_group", "required")
            ]
        );
        let err = reg("فاطمة", "", "", "farmer").parse(&[]).unwrap_err();
        assert_eq!(
            fields(&err),
            [("phone", "contact_required"), ("target_group", "invalid_choice")]
        );
    }

    #[test]
    fn phones_typed_in_arabic_digits_are_read() {
        let ok = reg("فاطمة الزهراء", "٠٦١٢٣٤٥٦٧٨", "", "cooperative_manager")
            .parse(&[])
            .expect("valid");
        assert_eq!(ok.phone.as_deref(), Some("+212612345678"));
        assert_eq!(ok.identity(), "tel:+212612345678");
        let err = reg("Fatima", "12", "", "student").parse(&[]).unwrap_err();
        assert_eq!(fields(&err), [("phone", "invalid_phone")]);
    }

    #[test]
    fn identity_prefers_phone_then_email() {
        let r = reg("Ali", "", "Ali@Example.ma", "student")
            .parse(&[])
            .expect("valid");
        assert_eq!(r.identity(), "mail:ali@example.ma");
    }

    #[test]
    fn workshops_must_belong_to_the_meeting() {
        let mut raw = reg("Ali", "0612345678", "", "student");
        raw.workshops = vec![3, 3, 4];
        assert_eq!(raw.parse(&[3, 4]).expect("valid").workshops, [3, 4]);
        raw.workshops = vec![9];
        assert_eq!(
            fields(&raw.parse(&[3, 4]).unwrap_err()),
            [("workshops", "invalid_choice")]
        );
    }

    #[test]
    fn bidi_overrides_in_a_name_are_refused() {
        let err = reg("Ali\u{202E}ilA", "0612345678", "", "student")
            .parse(&[])
            .unwrap_err();
        assert_eq!(fields(&err), [("name", "forbidden_characters")]);
    }

    #[test]
    fn admission_fills_places_then_the_waiting_list() {
        assert_eq!(admission(0, 1), RegistrationStatus::Confirmed);
        assert_eq!(admission(1, 1), RegistrationStatus::Waitlisted);
        assert_eq!(admission(5, 3), RegistrationStatus::Waitlisted);
    }

    #[test]
    fn registration_closes_after_the_day() {
        let today = date!(2026 - 11 - 23);
        assert_eq!(registration_open(Some(today), false, today), Ok(()));
        assert_eq!(
            registration_open(Some(date!(2018 - 05 - 10)), false, today),
            Err(RegistrationClosed::Past)
        );
        assert_eq!(
            registration_open(None, false, today),
            Err(RegistrationClosed::NotScheduled)
        );
        assert_eq!(
            registration_open(Some(today), true, today),
            Err(RegistrationClosed::Cancelled)
        );
    }

    #[test]
    fn meetings_check_province_region_times_and_capacity() {
        let raw = RawMeeting {
            level: "provincial".into(),
            city_ar: "الرشيدية".into(),
            city_fr: "Errachidia".into(),
            region_code: "08".into(),
            province_code: "01.051".into(),
            date: "2018-05-10".into(),
            starts_at: "15:00".into(),
            ends_at: "09:00".into(),
            capacity: "0".into(),
            ..Default::default()
        };
        let err = raw.parse().unwrap_err();
        assert_eq!(
            fields(&err),
            [
                ("province_code", "province_not_in_region"),
                ("ends_at", "end_before_start"),
                ("capacity", "invalid_capacity")
            ]
        );
        let ok = RawMeeting {
            province_code: "".into(),
            level: "regional".into(),
            ends_at: "17:30".into(),
            capacity: "250".into(),
            ..raw
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.capacity, 250);
        assert_eq!(ok.date, Some(date!(2018 - 05 - 10)));
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(parse_time("t", "9:05"), Ok(Time::from_hms(9, 5, 0).ok()));
        for bad in ["25:00", "09:60", "nine", "09:", ":30"] {
            assert!(parse_time("t", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_campaign_ends_after_it_starts() {
        let raw = RawCampaign {
            title_ar: "الحملة".into(),
            title_fr: "Campagne".into(),
            starts_on: "2018-05-01".into(),
            ends_on: "2018-01-01".into(),
            target_groups: vec!["student".into(), "chamber".into(), "student".into()],
            ..Default::default()
        };
        assert_eq!(
            fields(&raw.parse().unwrap_err()),
            [("ends_on", "end_before_start")]
        );
        let ok = RawCampaign {
            ends_on: "2018-06-30".into(),
            ..raw
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.target_groups, [TargetGroup::Chamber, TargetGroup::Student]);
    }
}
