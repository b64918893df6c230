//! Entries of a court's chronological register, chained by SHA-256 so that an auditor can show
//! no past entry was changed, removed or reordered.
//!
//! # The hash of an entry (format 1)
//!
//! Every field is written as text (integers in decimal, `-` before a negative one; the kind as
//! its code; an absent `corrects` as the empty text) and framed by its length, so no two
//! different entries can give the same bytes:
//!
//! ```text
//! field(s) = length of UTF-8(s) in bytes, as 8 bytes big-endian ‖ UTF-8(s)
//! message  = field("taawun-register-entry-v1") ‖ field(prev_hash) ‖ field(court_code)
//!          ‖ field(number) ‖ field(kind) ‖ field(cooperative_id) ‖ field(entry_date)
//!          ‖ field(recorded_at) ‖ field(content) ‖ field(corrects or "")
//! hash     = SHA-256(message), 64 lowercase hexadecimal digits
//! ```
//!
//! In Python, for example:
//!
//! ```text
//! import hashlib
//! def field(s): b = s.encode(); return len(b).to_bytes(8, "big") + b
//! def entry_hash(prev, e):
//!     parts = ["taawun-register-entry-v1", prev, e["court_code"], str(e["number"]), e["kind"],
//!              str(e["cooperative_id"]), e["entry_date"], str(e["recorded_at"]), e["content"],
//!              "" if e["corrects"] is None else str(e["corrects"])]
//!     return hashlib.sha256(b"".join(field(p) for p in parts)).hexdigest()
//! ```
//!
//! `content` is hashed as the exact text stored, so whoever writes it must keep it byte for
//! byte (the store writes canonical JSON once and never re-serialises it). The chain shows that
//! nothing *inside* it changed; that nothing was cut off its end needs the last hash kept
//! elsewhere (the office's central register records each court's latest number and hash).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cooperative::code_enum;
use crate::{CourtCode, ValidationError};

/// The `prev_hash` of each court's first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Names the encoding; a future format would use another tag, and old entries keep theirs.
const FORMAT_TAG: &str = "taawun-register-entry-v1";

code_enum!(
    /// What an entry of the chronological register records.
    EntryKind, "kind", "invalid_choice" {
        /// Immatriculation — «التقييد في السجل المحلي للتعاونيات» (Decree 2-15-617 art. 1).
        Immatriculation => "immatriculation",
        /// Modifying inscription — «تقييد تعديلي».
        Modification => "modification",
        /// Adaptation of a pre-existing cooperative — «الملاءمة».
        Adaptation => "adaptation",
        /// Radiation — «التشطيب».
        Radiation => "radiation",
        /// Correction of a clerical mistake in an earlier entry, which stays as it was: entries
        /// are never edited. `corrects` holds the number of the corrected entry.
        Correction => "correction",
    }
);

/// What an entry says, as hashed. The store keeps these with `prev_hash` and `hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFacts {
    /// The court whose register holds the entry ([`CourtCode`] format), as it was when entered.
    pub court_code: String,
    /// Order number in the court's register: 1, 2, 3 … without gaps.
    pub number: i64,
    pub kind: EntryKind,
    pub cooperative_id: i64,
    /// Legal date of the entry, `YYYY-MM-DD`.
    pub entry_date: String,
    /// When it was written, Unix seconds.
    pub recorded_at: i64,
    /// The analytical record after this entry: canonical JSON, hashed as stored.
    pub content: String,
    /// For a correction: the number of the corrected entry in the same register.
    pub corrects: Option<i64>,
}

/// The hash of an entry chained to the previous one ([`GENESIS_HASH`] for the first); see the
/// module documentation for the exact bytes.
pub fn entry_hash(prev_hash: &str, facts: &EntryFacts) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_be_bytes());
        h.update(s.as_bytes());
    };
    field(FORMAT_TAG);
    field(prev_hash);
    field(&facts.court_code);
    field(&facts.number.to_string());
    field(facts.kind.as_str());
    field(&facts.cooperative_id.to_string());
    field(&facts.entry_date);
    field(&facts.recorded_at.to_string());
    field(&facts.content);
    field(&facts.corrects.map(|n| n.to_string()).unwrap_or_default());
    h.finalize().iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Why a chain does not hold at an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakReason {
    /// The entry's number is not the next one: an entry before it is missing, or its number is
    /// repeated.
    Gap { expected: i64 },
    /// Its stored `prev_hash` is not the hash of the entry before it (or [`GENESIS_HASH`]).
    WrongPrevious,
    /// Its stored hash is not the hash of its facts: a field was changed.
    WrongHash,
    /// It belongs to another court's register than the first entry.
    OtherCourt,
    /// A correction that does not point to an earlier entry, or another kind that points to one.
    BadCorrection,
}

/// The first entry at which a chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("register chain broken at entry {number}: {reason:?}")]
pub struct ChainBreak {
    pub number: i64,
    pub reason: BreakReason,
}

/// Walks one court's entries in number order (the input may come in any order), each given with
/// its stored `prev_hash` and `hash`, and returns how many hold, or the first that does not. The
/// first entry is number 1 and links to [`GENESIS_HASH`].
pub fn verify_chain(
    entries: impl IntoIterator<Item = (EntryFacts, String, String)>,
) -> Result<usize, ChainBreak> {
    let mut entries: Vec<_> = entries.into_iter().collect();
    entries.sort_by_key(|(facts, _, _)| facts.number);
    let mut prev = GENESIS_HASH.to_string();
    let mut court: Option<String> = None;
    for (i, (facts, prev_hash, hash)) in entries.iter().enumerate() {
        let fail = |reason| ChainBreak {
            number: facts.number,
            reason,
        };
        let expected = i as i64 + 1;
        if facts.number != expected {
            return Err(fail(BreakReason::Gap { expected }));
        }
        if court.get_or_insert_with(|| facts.court_code.clone()) != &facts.court_code {
            return Err(fail(BreakReason::OtherCourt));
        }
        let correction_ok = match (facts.kind, facts.corrects) {
            (EntryKind::Correction, Some(n)) => (1..facts.number).contains(&n),
            (EntryKind::Correction, None) => false,
            (_, corrects) => corrects.is_none(),
        };
        if !correction_ok {
            return Err(fail(BreakReason::BadCorrection));
        }
        if *prev_hash != prev {
            return Err(fail(BreakReason::WrongPrevious));
        }
        if *hash != entry_hash(prev_hash, facts) {
            return Err(fail(BreakReason::WrongHash));
        }
        prev.clone_from(hash);
    }
    Ok(entries.len())
}

/// The registration number printed on certificates and extracts: `<court code>/<number>`, the
/// number padded to six digits (longer ones print in full), e.g. `tpi-errachidia/000123`.
///
/// The law says only that the local register gives the number (its format is **unverified**,
/// `law-112-12.md` §3), so it is built from what identifies an entry: the court and its order
/// number. Use the court code stored in the entry, not the court's current code, so the number
/// never changes once printed. A reader in Arabic sees it isolated as Latin text.
pub fn registration_number(court_code: &str, number: i64) -> String {
    format!("{court_code}/{number:06}")
}

/// Reads a registration number as typed (any case, spaces around): the court and the number,
/// or `invalid_registration_number` on the field `registration_number`.
pub fn parse_registration_number(raw: &str) -> Result<(CourtCode, i64), ValidationError> {
    let invalid = || ValidationError::new("registration_number", "invalid_registration_number");
    let s = raw.trim().to_ascii_lowercase();
    let (court, number) = s.rsplit_once('/').ok_or_else(invalid)?;
    let court = CourtCode::parse("registration_number", court.trim()).map_err(|_| invalid())?;
    let number = number.trim();
    if number.is_empty() || number.len() > 12 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    match number.parse::<i64>() {
        Ok(n) if n > 0 => Ok((court, n)),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn facts(number: i64) -> EntryFacts {
        EntryFacts {
            court_code: "tpi-errachidia".into(),
            number,
            kind: if number == 1 {
                EntryKind::Immatriculation
            } else {
                EntryKind::Modification
            },
            cooperative_id: 7,
            entry_date: "2026-11-23".into(),
            recorded_at: 1_795_000_000 + number,
            content: format!(r#"{{"capital":{},"name_ar":"تعاونية النور"}}"#, 1000 * number),
            corrects: None,
        }
    }

    /// A well-formed chain of `n` entries, as the store would hold it.
    fn chain(n: i64) -> Vec<(EntryFacts, String, String)> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|i| {
                let f = facts(i);
                let hash = entry_hash(&prev, &f);
                let row = (f, prev.clone(), hash.clone());
                prev = hash;
                row
            })
            .collect()
    }

    #[test]
    fn hash_is_pinned() {
        // Computed independently with the Python snippet of the module documentation: changing
        // the encoding breaks every stored chain, so it must not change silently.
        let f = EntryFacts {
            court_code: "tpi-errachidia".into(),
            number: 1,
            kind: EntryKind::Immatriculation,
            cooperative_id: 42,
            entry_date: "2026-01-15".into(),
            recorded_at: 1_768_470_000,
            content: r#"{"name_ar":"تعاونية النور"}"#.into(),
            corrects: None,
        };
        assert_eq!(entry_hash(GENESIS_HASH, &f), PINNED);
        assert_eq!(GENESIS_HASH.len(), 64);
        let h = entry_hash(GENESIS_HASH, &f);
        assert!(
            h.len() == 64
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
    }

    const PINNED: &str = "6a58b3c17fe7ba86831049b3ecb8e456e3755c8b45a0526ffe0d6a7406ca7a6e";

    #[test]
    fn a_good_chain_holds() {
        assert_eq!(verify_chain(chain(5)), Ok(5));
        assert_eq!(verify_chain(Vec::new()), Ok(0));
        let mut reversed = chain(5);
        reversed.reverse();
        assert_eq!(verify_chain(reversed), Ok(5));
    }

    #[test]
    fn a_changed_field_is_found() {
        let mut c = chain(5);
        c[2].0.content = c[2].0.content.replace("3000", "30000");
        assert_eq!(
            verify_chain(c),
            Err(ChainBreak {
                number: 3,
                reason: BreakReason::WrongHash
            })
        );
        // Recomputing the changed entry's hash moves the break to the next link.
        let mut c = chain(5);
        c[2].0.cooperative_id = 8;
        c[2].2 = entry_hash(&c[2].1, &c[2].0);
        assert_eq!(
            verify_chain(c),
            Err(ChainBreak {
                number: 4,
                reason: BreakReason::WrongPrevious
            })
        );
    }

    #[test]
    fn a_deleted_entry_is_found() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(
            verify_chain(c),
            Err(ChainBreak {
                number: 3,
                reason: BreakReason::Gap { expected: 2 }
            })
        );
        // Renumbering the rest to hide the gap breaks the hashes instead.
        let mut c = chain(5);
        c.remove(1);
        for (facts, _, _) in c.iter_mut().skip(1) {
            facts.number -= 1;
        }
        assert_eq!(
            verify_chain(c),
            Err(ChainBreak {
                number: 2,
                reason: BreakReason::WrongPrevious
            })
        );
    }

    #[test]
    fn a_reordered_pair_is_found() {
        // Swapping the numbers of entries 2 and 3 (what they say now comes in the other order).
        let mut c = chain(5);
        c[1].0.number = 3;
        c[2].0.number = 2;
        assert_eq!(
            verify_chain(c),
            Err(ChainBreak {
                number: 2,
                reason: BreakReason::WrongPrevious
            })
        );
        // Swapping their facts but keeping the stored hashes in place.
        let mut c = chain(5);
        let (a, b) = (c[1].0.clone(), c[2].0.clone());
        c[1].0 = EntryFacts { number: 2, ..b };
        c[2].0 = EntryFacts { number: 3, ..a };
        assert_eq!(
            verify_chain(c),
            Err(ChainBreak {
                number: 2,
                reason: BreakReason::WrongHash
            })
        );
    }

    #[test]
    fn corrections_and_courts() {
        let mut c = chain(3);
        let mut f = facts(4);
        f.kind = EntryKind::Correction;
        f.corrects = Some(2);
        let h = entry_hash(&c[2].2, &f);
        c.push((f, c[2].2.clone(), h));
        assert_eq!(verify_chain(c.clone()), Ok(4));
        c[3].0.corrects = Some(4);
        assert_eq!(
            verify_chain(c.clone()).map_err(|b| b.reason),
            Err(BreakReason::BadCorrection)
        );
        let mut c = chain(3);
        c[1].0.court_code = "tpi-midelt".into();
        assert_eq!(
            verify_chain(c).map_err(|b| b.reason),
            Err(BreakReason::OtherCourt)
        );
        let mut c = chain(3);
        c[0].1 = "f".repeat(64);
        assert_eq!(
            verify_chain(c).map_err(|b| (b.number, b.reason)),
            Err((1, BreakReason::WrongPrevious))
        );
    }

    #[test]
    fn fields_are_framed() {
        // Without the length prefixes these two would hash the same bytes ("2026-11-2" +
        // "31795000001" and "2026-11-23" + "1795000001").
        let mut a = facts(1);
        let mut b = facts(1);
        a.entry_date = "2026-11-2".into();
        a.recorded_at = 31_795_000_001;
        b.recorded_at = 1_795_000_001;
        assert_ne!(entry_hash(GENESIS_HASH, &a), entry_hash(GENESIS_HASH, &b));
    }

    #[test]
    fn registration_numbers() {
        assert_eq!(
            registration_number("tpi-errachidia", 123),
            "tpi-errachidia/000123"
        );
        assert_eq!(registration_number("tpi-fes", 1_234_567), "tpi-fes/1234567");
        let (court, n) = parse_registration_number(" TPI-Errachidia/000123 ").expect("valid");
        assert_eq!((court.as_str(), n), ("tpi-errachidia", 123));
        for bad in [
            "",
            "tpi-errachidia",
            "tpi-errachidia/",
            "/12",
            "tpi errachidia/12",
            "tpi-x/0",
            "tpi-x/-3",
            "tpi-x/1e3",
        ] {
            assert_eq!(
                parse_registration_number(bad).map_err(|e| e.code),
                Err("invalid_registration_number"),
                "{bad}"
            );
        }
    }

    proptest! {
        /// Changing any one field of any entry breaks the chain at that entry or the next.
        #[test]
        fn any_change_is_found(n in 2i64..8, at in 0usize..8, which in 0usize..7, text in "[a-z0-9]{0,4}") {
            let mut c = chain(n);
            let at = at % c.len();
            let f = &mut c[at].0;
            let before = f.clone();
            match which {
                0 => f.court_code.push('x'),
                1 => f.kind = if f.kind == EntryKind::Radiation { EntryKind::Adaptation } else { EntryKind::Radiation },
                2 => f.cooperative_id += 1,
                3 => f.entry_date.push_str(&text),
                4 => f.recorded_at -= 1,
                5 => f.content.push_str(if text.is_empty() { " " } else { &text }),
                _ => c[at].1.push('0'),
            }
            prop_assume!(c[at].0 != before || which == 6);
            let broken = verify_chain(c).expect_err("a change must break the chain");
            prop_assert_eq!(broken.number, at as i64 + 1);
        }

        /// The registration number reads back as written.
        #[test]
        fn registration_number_round_trips(court in "tpi-[a-z]{2,10}", number in 1i64..100_000_000) {
            let printed = registration_number(&court, number);
            let (c, n) = parse_registration_number(&printed).expect("reads back");
            prop_assert_eq!((c.as_str(), n), (court.as_str(), number));
        }
    }
}
