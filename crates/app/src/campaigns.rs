//! Awareness campaigns and their meetings: what the staff at the door search.

use taawun_search::normalize::normalize;
use taawun_store::MeetingRegistration;

/// The registrations of `all` that the staff's search `query` designates, in their order: a
/// name containing the query under the normalisation every search of the platform shares
/// (hamza and alef forms, ta marbuta, alef maqsura, harakat, tatweel, case and accents: «اوعلي»
/// finds «أوعلي», *fatima* finds *Fatima*), an e-mail address containing it, or a phone number
/// containing its digits typed in either digit form, with or without the leading 0. An empty
/// query designates none.
pub fn find_registrations<'a>(
    all: &'a [MeetingRegistration],
    query: &str,
) -> impl Iterator<Item = &'a MeetingRegistration> + 'a {
    let name = normalize(query);
    let email = query.trim().to_lowercase();
    let digits: String = taawun_domain::number::ascii_digits(query)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    // Numbers are stored +2126…; a national number is typed 06….
    let phone = digits.strip_prefix('0').unwrap_or(&digits).to_string();
    all.iter().filter(move |r| {
        (!name.is_empty() && normalize(&r.name).contains(&name))
            || (!email.is_empty()
                && r.email
                    .as_deref()
                    .is_some_and(|e| e.to_lowercase().contains(&email)))
            || (!phone.is_empty() && r.phone.as_deref().is_some_and(|p| p.contains(&phone)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registration(id: i64, name: &str, phone: Option<&str>, email: Option<&str>) -> MeetingRegistration {
        MeetingRegistration {
            id,
            meeting_id: 1,
            token: format!("t{id}"),
            name: name.into(),
            phone: phone.map(str::to_string),
            email: email.map(str::to_string),
            target_group: "women".into(),
            organisation: String::new(),
            gender: None,
            province_code: None,
            cooperative_id: None,
            status: "confirmed".into(),
            lang: "ar".into(),
            walk_in: false,
            created_at: 0,
            cancelled_at: None,
            checked_in_at: None,
        }
    }

    #[test]
    fn the_door_search_forgives_what_every_search_forgives() {
        let all = [
            registration(1, "فاطمة أوعلي", Some("+212612345678"), None),
            registration(2, "Fatima Zahra Ouali", None, Some("F.Ouali@example.ma")),
            registration(3, "خديجة الإدريسي", Some("+212700000001"), None),
        ];
        let ids = |q: &str| find_registrations(&all, q).map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids("اوعلي"), [1]);
        assert_eq!(ids("أوعلى"), [1]);
        assert_eq!(ids("فاطمه"), [1]);
        assert_eq!(ids("الادريسي"), [3]);
        assert_eq!(ids("fatima zahra"), [2]);
        assert_eq!(ids("FÂTIMA"), [2]);
        assert_eq!(ids("f.ouali@"), [2]);
        assert_eq!(ids("0612345678"), [1]);
        assert_eq!(ids("٠٦١٢٣٤٥٦٧٨"), [1]);
        assert_eq!(ids("6123"), [1]);
        assert!(ids("").is_empty() && ids("  ").is_empty());
        assert!(ids("مريم").is_empty());
    }
}
