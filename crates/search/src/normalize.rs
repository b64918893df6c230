//! Text normalisation for cooperative names, in Arabic, Latin (French/Amazigh) and Tifinagh.
//!
//! The goal is that two spellings a clerk would call "the same name" produce the same string:
//!
//! * **Arabic letter variants.** Founders type hamza forms inconsistently (أ إ آ ٱ are all
//!   written ا on many keyboards and in hand-filled forms), ؤ → و and ئ → ي for the same reason,
//!   a lone ء is dropped (it is usually omitted: «الوفاء» / «الوفا»), ة and ه are confused at the
//!   end of a word (they sound the same in pause), and ى / ي are the same letter in Moroccan
//!   handwriting. Persian/Maghrebi letters (ڭ گ ک, ڤ, پ, چ, ژ, ی) fold to their Arabic base so
//!   «بوڭماز» and «بوكماز» meet.
//! * **Arabic decorations.** Harakat (short vowels, shadda, sukun, tanwin), Quranic marks and the
//!   tatweel ـ only change the look of a word, never the name.
//! * **Latin.** Case, accents (é è ê ë, ç, ï …), compatibility forms (ﬁ, full-width letters,
//!   mathematical letters) and Amazigh Latin letters (ɣ → gh, ɛ → e) fold to plain ASCII where
//!   a plain equivalent exists.
//! * **Invisible characters.** Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069), marks
//!   (LRM/RLM/ALM), zero-width characters and soft hyphens are removed: they are invisible in a
//!   form but would make two identical-looking names differ (and are a classic spoofing trick).
//! * **Spacing and punctuation.** Every non-letter, non-digit is a word separator; runs of
//!   separators collapse to one ASCII space; words in two scripts glued together
//!   («Coopérativeتعاونية») are split, because a word never legitimately mixes scripts.
//!
//! The output only contains lower-case letters/digits and single spaces, and normalising twice
//! gives the same result as normalising once (a property test checks this).

use crate::fold_table::FOLD_TABLE;

/// Writing system of a letter or of a whole name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Arabic script (Arabic, and Amazigh written in Arabic letters).
    Arabic,
    /// Latin script (French, Amazigh Latin transcriptions, English …).
    Latin,
    /// Neo-Tifinagh, the official script of Amazigh in Morocco (IRCAM).
    Tifinagh,
    /// Any other script.
    Other,
    /// Several of the above (only returned by [`detect_script`]).
    Mixed,
}

/// Script of one character; `None` for digits, punctuation, spaces and other neutral characters.
pub fn char_script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if !c.is_alphabetic() {
        return None;
    }
    let cp = c as u32;
    Some(match cp {
        0x0600..=0x06FF
        | 0x0750..=0x077F
        | 0x0870..=0x08FF
        | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFF
        | 0x1EE00..=0x1EEFF => Script::Arabic,
        0x00C0..=0x024F
        | 0x0250..=0x02AF
        | 0x1D00..=0x1DBF
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xAB30..=0xAB6F
        | 0xFB00..=0xFB06
        | 0xFF21..=0xFF5A => Script::Latin,
        0x2D30..=0x2D7F => Script::Tifinagh,
        _ => Script::Other,
    })
}

/// Script of a whole text: `None` if it has no letter, [`Script::Mixed`] if it has letters of
/// several scripts.
pub fn detect_script(text: &str) -> Option<Script> {
    let mut found: Option<Script> = None;
    for c in text.chars() {
        if let Some(s) = char_script(c) {
            match found {
                None => found = Some(s),
                Some(f) if f != s => return Some(Script::Mixed),
                Some(_) => {}
            }
        }
    }
    found
}

/// Combining diacritics: Latin accents (when typed as separate marks) and Arabic harakat,
/// shadda, sukun, tanwin, superscript alef and Quranic annotation marks.
pub fn is_diacritic(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0897..=0x089F
        | 0x08CA..=0x08E1
        | 0x08E3..=0x08FF
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

/// Invisible formatting characters: bidi embeddings/overrides/isolates and marks, zero-width
/// characters, soft hyphen, variation selectors, tags, Arabic number signs.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x034F
        | 0x0600..=0x0605
        | 0x061C
        | 0x06DD
        | 0x08E2
        | 0x180B..=0x180F
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x206F
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFF9..=0xFFFB
        | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Arabic tatweel (kashida), a purely typographic elongation.
pub const TATWEEL: char = '\u{0640}';

/// Characters removed without leaving a word break.
fn is_dropped(c: char) -> bool {
    c == TATWEEL
        || c == '\u{0621}' // lone hamza ء: usually omitted in practice («الوفاء» = «الوفا»)
        || c == '\u{0674}' // high hamza
        || is_diacritic(c)
        || is_invisible_format(c)
}

/// The 34 Arabic letters that survive normalisation unchanged (ا ب ت ث … غ ف ق ك ل م ن ه و ي,
/// without ة and ى which fold to ه and ي).
fn is_arabic_base(c: char) -> bool {
    matches!(c, '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}') && c != 'ة' && c != 'ى'
}

/// One step of folding: what a character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Char(char),
    Sep,
}

/// Arabic letter variants → base letter. `None` when `c` is not a variant.
fn fold_arabic(c: char) -> Option<char> {
    Some(match c {
        // Hamza seats and wasla on alef: all written ا on most keyboards.
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => 'ا',
        'ؤ' | '\u{0676}' | '\u{0677}' => 'و',
        // Hamza on yeh, alef maqsura and Persian/Urdu yehs: same letter in Maghrebi use.
        'ئ' | 'ى' | '\u{06CC}' | '\u{06D0}' | '\u{06CD}' | '\u{0678}' | '\u{06D2}' => 'ي',
        // Ta marbuta is pronounced like ha in pause and the two are confused in writing.
        'ة' | '\u{06D5}' | '\u{06C0}' | '\u{06C3}' | '\u{06BE}' | '\u{06C1}' => 'ه',
        // Keheh, gaf and the Moroccan ڭ write /g/, which Arabic spells with ك.
        '\u{06A9}' | '\u{06AD}' | '\u{06AF}' | '\u{06AA}' | '\u{06B3}' | '\u{06B1}' => 'ك',
        // Maghrebi/Persian letters for sounds Arabic lacks.
        '\u{06A4}' | '\u{06A5}' | '\u{06A2}' => 'ف', // ڤ v
        '\u{06A8}' => 'ق',                           // ڨ Algerian g
        '\u{067E}' => 'ب',                           // پ p
        '\u{0686}' => 'ج',                           // چ ch
        '\u{0698}' => 'ز',                           // ژ zh
        '\u{06BA}' => 'ن',                           // noon ghunna
        '\u{066E}' => 'ب',                           // dotless beh
        '\u{066F}' => 'ق',                           // dotless qaf
        // Arabic-Indic and extended (Persian) digits.
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => return None,
    })
}

fn table_lookup(c: char) -> Option<&'static str> {
    let cp = c as u32;
    FOLD_TABLE
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .map(|i| FOLD_TABLE[i].1)
}

/// Folds one character, calling `emit` for each resulting piece. `depth` bounds the recursion
/// through the fold table (a table entry's characters are folded once more, e.g. the
/// presentation form ﺃ → أ → ا).
fn fold_char(c: char, depth: u8, emit: &mut dyn FnMut(Piece)) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            emit(Piece::Char(c.to_ascii_lowercase()));
        } else {
            emit(Piece::Sep);
        }
        return;
    }
    if is_arabic_base(c) {
        emit(Piece::Char(c));
        return;
    }
    if is_dropped(c) {
        return;
    }
    if let Some(b) = fold_arabic(c) {
        emit(Piece::Char(b));
        return;
    }
    if let Some(s) = table_lookup(c).filter(|_| depth < 2) {
        for d in s.chars() {
            if d == ' ' {
                emit(Piece::Sep);
            } else {
                fold_char(d, depth + 1, emit);
            }
        }
        return;
    }
    if c.is_alphanumeric() {
        for lc in c.to_lowercase() {
            if lc == c {
                if c.is_uppercase() {
                    // An "upper-case" letter without a lower-case form (e.g. mathematical
                    // capitals not in the table): treat as a separator rather than keep it.
                    emit(Piece::Sep);
                } else {
                    emit(Piece::Char(c));
                }
            } else if depth < 2 {
                fold_char(lc, depth + 1, emit);
            } else if lc.is_alphanumeric() && !lc.is_uppercase() && !is_dropped(lc) {
                emit(Piece::Char(lc));
            }
        }
    } else {
        emit(Piece::Sep);
    }
}

/// True when normalising `c` alone gives back exactly `c`. Characters failing this test are
/// not allowed in the output, which makes [`normalize`] idempotent by construction.
fn is_stable(c: char) -> bool {
    if c.is_ascii_lowercase() || c.is_ascii_digit() || is_arabic_base(c) {
        return true;
    }
    let mut ok = true;
    let mut n = 0;
    fold_char(c, 0, &mut |p| {
        n += 1;
        if p != Piece::Char(c) {
            ok = false;
        }
    });
    ok && n == 1
}

/// Normalises a name: see the module documentation for what is folded and why.
///
/// The result is lower-case, contains only letters, digits and single ASCII spaces between
/// words, has no leading/trailing space, and `normalize(&normalize(x)) == normalize(x)`.
pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    // Script of the last letter of the word being built, to split words mixing scripts.
    let mut word_script: Option<Script> = None;
    let mut need_space = false;
    let mut push = |p: Piece| match p {
        Piece::Sep => {
            if !out.is_empty() {
                need_space = true;
            }
            word_script = None;
        }
        Piece::Char(d) => {
            if !is_stable(d) {
                return;
            }
            let s = char_script(d);
            if matches!((word_script, s), (Some(prev), Some(cur)) if prev != cur) && !out.is_empty() {
                need_space = true;
            }
            if need_space {
                out.push(' ');
                need_space = false;
            }
            out.push(d);
            if s.is_some() {
                word_script = s;
            }
        }
    };
    for c in input.chars() {
        fold_char(c, 0, &mut push);
    }
    out
}

/// Splits a normalised string into words.
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(' ').filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letter_variants() {
        assert_eq!(normalize("أإآٱ"), "اااا");
        assert_eq!(normalize("مؤسسة"), "موسسه");
        assert_eq!(normalize("عائشة"), "عايشه");
        assert_eq!(normalize("الوفاء"), "الوفا");
        assert_eq!(normalize("هدى"), "هدي");
        assert_eq!(normalize("بوڭماز"), "بوكماز");
        assert_eq!(normalize("تعاونيّة"), "تعاونيه");
    }

    #[test]
    fn arabic_diacritics_and_tatweel() {
        assert_eq!(normalize("تَعَاوُنِيَّةُ النُّورِ"), "تعاونيه النور");
        assert_eq!(normalize("تعـــاونية"), "تعاونيه");
        assert_eq!(normalize("\u{FE83}\u{FEE3}\u{FEDE}"), "امل"); // presentation forms of أمل
        assert_eq!(normalize("٢٠١٩"), "2019");
    }

    #[test]
    fn latin_case_accents_punctuation() {
        assert_eq!(
            normalize("Coopérative  TIWIZI d'Argane"),
            "cooperative tiwizi d argane"
        );
        assert_eq!(normalize("Aït-Bouguemez"), "ait bouguemez");
        assert_eq!(normalize("Œuvre ﬁne"), "oeuvre fine");
        assert_eq!(normalize("Ｃｏｏｐ"), "coop");
        assert_eq!(normalize("Taɣawsa"), "taghawsa");
        assert_eq!(normalize("  «Al-Khaïr»  "), "al khair");
        assert_eq!(normalize("e\u{301}"), "e");
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(normalize("تعاو\u{200F}نية\u{202E}"), "تعاونيه");
        assert_eq!(normalize("Am\u{200B}al\u{2067}"), "amal");
        assert_eq!(normalize("a\u{0}b"), "a b");
    }

    #[test]
    fn scripts_are_split_and_detected() {
        assert_eq!(normalize("coopتعاونية"), "coop تعاونيه");
        assert_eq!(detect_script("تعاونية 12"), Some(Script::Arabic));
        assert_eq!(detect_script("Coop 12"), Some(Script::Latin));
        assert_eq!(detect_script("Coop تعاونية"), Some(Script::Mixed));
        assert_eq!(detect_script("ⵜⴰⵡⵓⵏⵜ"), Some(Script::Tifinagh));
        assert_eq!(detect_script("12 !"), None);
    }

    #[test]
    fn idempotent_on_samples() {
        for s in ["İstanbul", "ǅemal", "𝐀𝐁𝐂", "ﷲ", "Ǆ", "ß", "ŀl", "ᾈ"] {
            let n = normalize(s);
            assert_eq!(normalize(&n), n, "{s}");
        }
    }
}
