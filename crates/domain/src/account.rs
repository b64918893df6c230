//! People who sign in, and what their role lets them do.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{CourtCode, RegionCode, ValidationError, error::has_forbidden_chars};

/// An e-mail address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(ValidationError::new(field, "required"));
        }
        // Addresses in other scripts (Cyrillic «а», fullwidth «ａ») look like Latin ones: one
        // person could hold accounts under addresses nobody can tell apart. The office's mail
        // and its users' addresses are Latin, as almost every address in Morocco is.
        if !s.is_ascii() {
            return Err(ValidationError::new(field, "email_not_latin"));
        }
        let valid = s.len() <= 254
            && !has_forbidden_chars(&s)
            && !s.chars().any(char::is_whitespace)
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if !valid {
            return Err(ValidationError::new(field, "invalid_email"));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name a person shows on the platform (`display_name`). It may not pass for the office, a
/// court or the platform itself, in either script, whatever look-alike letters are used.
pub fn display_name(field: &'static str, raw: &str) -> Result<String, ValidationError> {
    let name = crate::error::required_text(field, raw, 120)?;
    let words = fold_look_alikes(&name);
    let reserved = words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| RESERVED_WORDS.contains(&w.strip_prefix("ال").unwrap_or(w)));
    if reserved {
        return Err(ValidationError::new(field, "reserved_name"));
    }
    Ok(name)
}

/// Words a person's name may not contain, after [`fold_look_alikes`] (Arabic without its article).
const RESERVED_WORDS: &[&str] = &[
    "admin",
    "administrateur",
    "administratrice",
    "administrator",
    "administration",
    "moderateur",
    "moderator",
    "odco",
    "office",
    "bureau",
    "greffe",
    "greffier",
    "greffiere",
    "tribunal",
    "taawun",
    "support",
    "officiel",
    "official",
    "ministere",
    "مكتب",
    "ادارة",
    "اداره",
    "مدير",
    "مديرة",
    "مشرف",
    "ضبط",
    "محكمة",
    "محكمه",
    "تعاون",
    "رسمي",
    "وزارة",
];

/// Lower case; Latin accents and the Latin look-alikes of other scripts (Cyrillic, Greek,
/// fullwidth) folded to plain Latin; Arabic hamza and alef forms folded to bare alef; tatweel
/// and harakat removed. Enough to compare against [`RESERVED_WORDS`], not a general normaliser.
fn fold_look_alikes(raw: &str) -> String {
    raw.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            let c = match c {
                // Fullwidth forms: the ASCII letter or digit they copy.
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                _ => c,
            };
            Some(match c {
                'à' | 'á' | 'â' | 'ä' | 'а' | 'α' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'е' | 'ε' => 'e',
                'î' | 'ï' | 'í' | 'і' | 'ι' => 'i',
                'ô' | 'ö' | 'ó' | 'о' | 'ο' => 'o',
                'û' | 'ü' | 'ù' | 'υ' => 'u',
                'ç' | 'с' => 'c',
                'р' | 'ρ' => 'p',
                'х' | 'χ' => 'x',
                'у' => 'y',
                'к' | 'κ' => 'k',
                'м' | 'μ' => 'm',
                'т' | 'τ' => 't',
                'н' | 'η' => 'n',
                'в' | 'β' => 'b',
                'ԁ' => 'd',
                'ɡ' => 'g',
                'ѕ' => 's',
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ـ' | '\u{064b}'..='\u{065f}' | '\u{0670}' => return None,
                c => c,
            })
        })
        .collect()
}

/// A password someone chooses. Length is what makes a password strong (NIST SP 800-63B), so we
/// ask for a minimum length and refuse only the obviously guessable, not arbitrary character mixes.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(field: &'static str, raw: &str, email: Option<&Email>) -> Result<Self, ValidationError> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(ValidationError::new(field, "required"));
        }
        if n < Self::MIN_CHARS {
            return Err(ValidationError::new(field, "password_too_short").with_arg("min", Self::MIN_CHARS));
        }
        if n > Self::MAX_CHARS {
            return Err(ValidationError::new(field, "too_long").with_arg("max", Self::MAX_CHARS));
        }
        let mut chars = raw.chars();
        let first = chars.next();
        let all_same = chars.all(|c| Some(c) == first);
        let is_email = email.is_some_and(|e| raw.trim().eq_ignore_ascii_case(e.as_str()));
        if all_same || is_email || COMMON_PASSWORDS.contains(&raw.to_lowercase().as_str()) {
            return Err(ValidationError::new(field, "password_too_common"));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// Passwords that meet the length rule but appear at the top of every leaked-password list.
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "0123456789",
    "12345678910",
    "123456789a",
    "azertyuiop",
    "qwertyuiop",
    "password123",
    "password1234",
    "motdepasse",
    "motdepasse123",
    "administrator",
    "cooperative",
    "cooperative1",
    "taawun12345",
    "maroc12345",
    "morocco123",
];

/// What a signed-in account is. The public (no account) is not a role: it is the absence of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages one or more cooperatives (مسير التعاونية): founding, adaptation, members.
    CooperativeManager,
    /// Clerk of a court of first instance (كاتب الضبط) keeping its local register (art. 9).
    CourtClerk,
    /// Agent of the office (مكتب تنمية التعاون), national or limited to one region.
    OfficeAgent,
    /// A partner of the sector (INDH, ONSSA, chambers, …): committees, certifications, fairs.
    Partner,
    /// Runs the platform: accounts, reference data such as courts.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::CooperativeManager,
        Role::CourtClerk,
        Role::OfficeAgent,
        Role::Partner,
        Role::Administrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::CooperativeManager => "cooperative_manager",
            Role::CourtClerk => "court_clerk",
            Role::OfficeAgent => "office_agent",
            Role::Partner => "partner",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| ValidationError::new(field, "invalid_role"))
    }

    pub fn can_edit_reference_data(self) -> bool {
        matches!(self, Role::Administrator)
    }
}

/// The part of the country or of the register a staff account works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoleScope {
    /// Managers, partners, administrators and national office agents.
    National,
    /// A regional office agent: the delegation of one region.
    Region { region: RegionCode },
    /// A clerk: the local register of one court.
    Court { court: CourtCode },
}

impl RoleScope {
    /// Checks that a role comes with the scope it needs: a clerk belongs to exactly one court;
    /// only an office agent may be limited to a region.
    pub fn for_role(
        role: Role,
        court: Option<CourtCode>,
        region: Option<RegionCode>,
    ) -> Result<Self, ValidationError> {
        match (role, court, region) {
            (Role::CourtClerk, Some(court), None) => Ok(RoleScope::Court { court }),
            (Role::CourtClerk, None, _) => Err(ValidationError::new("court", "clerk_needs_court")),
            (Role::OfficeAgent, None, Some(region)) => Ok(RoleScope::Region { region }),
            (_, None, None) => Ok(RoleScope::National),
            (_, Some(_), _) => Err(ValidationError::new("court", "court_only_for_clerks")),
            (_, None, Some(_)) => Err(ValidationError::new("region", "region_only_for_agents")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_other_scripts_are_refused() {
        for look_alike in [
            "f\u{0430}tima@example.ma",
            "ｆatima@example.ma",
            "fatima@exаmple.ma",
        ] {
            assert_eq!(
                Email::parse("email", look_alike).map_err(|e| e.code),
                Err("email_not_latin"),
                "{look_alike}"
            );
        }
        assert!(Email::parse("email", "Fatima@Example.MA").is_ok());
    }

    #[test]
    fn names_may_not_pass_for_the_office() {
        for taken in [
            "Administrateur",
            "Admin ODCO",
            "\u{0410}dmin",
            "ａｄｍｉｎ",
            "Greffe du tribunal",
            "Bureau",
            "مكتب تنمية التعاون",
            "الإدارة",
            "إدارة",
            "المـديـر",
            "Taawun",
        ] {
            assert_eq!(
                display_name("display_name", taken).map_err(|e| e.code),
                Err("reserved_name"),
                "{taken}"
            );
        }
        for person in [
            "Khadija Ait Ouahmane",
            "فاطمة الزهراء",
            "Officina Amal",
            "Admina Bennani",
            "تعاونية النور",
            "Mohamed Moderato",
        ] {
            assert!(display_name("display_name", person).is_ok(), "{person}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("email", "  Fatima@Example.MA ").map(|e| e.0),
            Ok("fatima@example.ma".into())
        );
        for bad in [
            "fatima", "a@b", "@x.ma", "a b@x.ma", "a@x..ma", "a@@x.ma", "a@.x.ma",
        ] {
            assert_eq!(
                Email::parse("email", bad).map_err(|e| e.code),
                Err("invalid_email"),
                "{bad}"
            );
        }
        assert_eq!(Email::parse("email", " ").map_err(|e| e.code), Err("required"));
    }

    #[test]
    fn passwords() {
        let email = Email::parse("e", "someone@example.ma").ok();
        assert!(NewPassword::parse("p", "correct horse battery", email.as_ref()).is_ok());
        assert!(NewPassword::parse("p", "كلمة سر طويلة جدا", None).is_ok());
        let code = |s: &str| NewPassword::parse("p", s, email.as_ref()).err().map(|e| e.code);
        assert_eq!(code("short"), Some("password_too_short"));
        assert_eq!(code("aaaaaaaaaaaa"), Some("password_too_common"));
        assert_eq!(code("Azertyuiop"), Some("password_too_common"));
        assert_eq!(code("someone@example.ma"), Some("password_too_common"));
        assert_eq!(code(&"x1".repeat(65)), Some("too_long"));
    }

    #[test]
    fn scopes() {
        let court = CourtCode::parse("c", "tpi-errachidia").ok();
        let region = RegionCode::parse("r", "08").ok();
        assert!(matches!(
            RoleScope::for_role(Role::CourtClerk, court.clone(), None),
            Ok(RoleScope::Court { .. })
        ));
        assert!(RoleScope::for_role(Role::CourtClerk, None, None).is_err());
        assert!(matches!(
            RoleScope::for_role(Role::OfficeAgent, None, region.clone()),
            Ok(RoleScope::Region { .. })
        ));
        assert!(matches!(
            RoleScope::for_role(Role::OfficeAgent, None, None),
            Ok(RoleScope::National)
        ));
        assert!(RoleScope::for_role(Role::Partner, None, region).is_err());
        assert!(RoleScope::for_role(Role::Administrator, court, None).is_err());
        assert_eq!(Role::parse("role", "court_clerk"), Ok(Role::CourtClerk));
        assert!(Role::parse("role", "root").is_err());
    }
}
