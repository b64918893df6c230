//! Numbers as people type them, one reading for every count, amount, price, time and year of the
//! platform, so that no field accepts a digit form another refuses: Latin (`2800`) or
//! Arabic-Indic (`٢٨٠٠`, and the Persian forms `۲۸۰۰` of some keyboards) digits, with spaces
//! (ordinary, no-break, thin) or the Arabic thousands separator `٬` between groups.

use std::ops::RangeInclusive;

/// Arabic-Indic and Persian digits typed on an Arabic keyboard, as ASCII digits; every other
/// character is kept.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

/// A typed value that is not a whole number in the range asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInRange;

/// The whole number typed in `raw`, if it lies in `range`; None when the field is empty.
/// Signs, decimals and letters are refused, so `12,5` is never read as 125.
pub fn whole_number_in(raw: &str, range: RangeInclusive<i64>) -> Result<Option<i64>, NotInRange> {
    let digits: String = ascii_digits(raw.trim())
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{066c}'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotInRange);
    }
    match digits.parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(NotInRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_digit_forms_and_group_separators() {
        for typed in ["2800", "٢٨٠٠", "۲۸۰۰", "2 800", "٢٬٨٠٠", "2\u{202f}800", " 2800 "] {
            assert_eq!(whole_number_in(typed, 0..=10_000), Ok(Some(2800)), "{typed}");
        }
        assert_eq!(whole_number_in("  ", 0..=10), Ok(None));
        for bad in [
            "-5",
            "+5",
            "12,5",
            "12.5",
            "١٢٫٥",
            "5 dh",
            "0x10",
            "99999999999999999999",
        ] {
            assert_eq!(whole_number_in(bad, 0..=i64::MAX), Err(NotInRange), "{bad}");
        }
        assert_eq!(whole_number_in("11", 0..=10), Err(NotInRange));
    }

    proptest! {
        /// Any number, written in either digit form, reads back as itself.
        #[test]
        fn every_number_reads_the_same_in_both_forms(n in 0i64..=1_000_000_000_000) {
            let latin = n.to_string();
            let arabic: String = latin.chars().map(|c| char::from_u32(0x0660 + (c as u32 - 0x30)).unwrap_or(c)).collect();
            prop_assert_eq!(whole_number_in(&latin, 0..=i64::MAX), Ok(Some(n)));
            prop_assert_eq!(whole_number_in(&arabic, 0..=i64::MAX), Ok(Some(n)));
        }
    }
}
