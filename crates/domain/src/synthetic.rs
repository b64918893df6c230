//! Contacts reserved for demonstration and synthetic data (`taawun serve --demo`, `taawun synth`).
//!
//! A demo started with a mail relay (or an SMS gateway) must not write to real people, so the demo
//! and the generator give only these contacts, and the senders refuse them: a message to one is
//! set aside in the outbox, never delivered.
//!
//! E-mail: the domains reserved for documentation and testing (RFC 2606 and RFC 6761: `.example`,
//! `.invalid`, `.test`, `.localhost`, `example.com/.net/.org`) and `example.ma`. Phones: the blocks
//! `+212 5 000…` and `+212 6 000…`, chosen as synthetic by this platform; whether ANRT's numbering
//! plan leaves them unassigned was not verified, which is why the senders refuse them whatever the
//! operator would do.

/// Domain suffixes that never belong to a real person.
const RESERVED_DOMAINS: &[&str] = &[
    "example",
    "invalid",
    "test",
    "localhost",
    "example.com",
    "example.net",
    "example.org",
    "example.ma",
];

/// E.164 prefixes of the synthetic phone blocks.
pub const SYNTHETIC_PHONE_PREFIXES: &[&str] = &["+2125000", "+2126000"];

/// True when `address` is at a reserved domain (or a subdomain of one).
pub fn is_synthetic_email(address: &str) -> bool {
    let Some((_, domain)) = address.trim().rsplit_once('@') else {
        return false;
    };
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    RESERVED_DOMAINS
        .iter()
        .any(|r| domain == *r || domain.ends_with(&format!(".{r}")))
}

/// True when `phone` (E.164, as the platform stores phones) is in a synthetic block.
pub fn is_synthetic_phone(phone: &str) -> bool {
    let compact: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
    SYNTHETIC_PHONE_PREFIXES.iter().any(|p| compact.starts_with(p))
}

/// True when an outbox address (an e-mail or a phone) is synthetic.
pub fn is_synthetic_address(address: &str) -> bool {
    if address.contains('@') {
        is_synthetic_email(address)
    } else {
        is_synthetic_phone(address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_contacts_are_recognised() {
        for synthetic in [
            "coop@example.ma",
            "a.b@mail.example",
            "x@coop.invalid",
            "admin@demo.taawun.example",
            "X@EXAMPLE.COM",
            "+212600012345",
            "+212 5000 12345",
        ] {
            assert!(is_synthetic_address(synthetic), "{synthetic}");
        }
        for real in [
            "fatima@gmail.com",
            "coop@notexample.ma",
            "contact@example.ma.evil.com",
            "+212661000101",
            "+212500100000",
            "",
        ] {
            assert!(!is_synthetic_address(real), "{real}");
        }
    }
}
