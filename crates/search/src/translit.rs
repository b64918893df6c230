//! Phonetic keys: one key space shared by Arabic, French-style Latin and Tifinagh spellings.
//!
//! A cooperative called «الشروق» is registered in French as *Echourouk*, *Chourouk* or
//! *Achourouk*; «أيت بوكماز» is *Ait Bouguemez* or *Aït Bouguemmez*. Rather than trying to
//! produce *the* transliteration (there is none), every word is reduced to a **consonant
//! skeleton** in which all the usual spellings of the same sounds coincide:
//!
//! * **Vowels are dropped.** Arabic does not write short vowels and French transcriptions
//!   write them inconsistently (*Amal*/*Amel*, *Tafilalet*/*Tafilalt*).
//! * **w / y are kept only where they are consonants**: at the start of a word
//!   («وجدة» *Oujda*, «أيت» *Ait*), next to another vowel («بوعزة» *Bouazza*), otherwise
//!   و/ي/ou/i are long vowels and dropped («الخير» *Khair*). The same rule runs on both
//!   scripts, so both sides agree even when the rule is "wrong" linguistically.
//! * **French digraphs** map to one sound: ch/sh/sch → ش, kh/x → خ, dh → ذ/د, th → ث/ت,
//!   dj/j → ج, ou/w → و, ph → f, qu/q/ck/k → ك/ق, c → k or s (French rule before e/i/y),
//!   gu+e/i → hard g, g+e/i → j.
//! * **gh ≈ r**: غ is written *gh* in modern transcriptions but *r* / *rh* in many French and
//!   Amazigh ones (*Tighza*/*Tirza*, *Rharb* for «الغرب»), so غ and ر share a key letter.
//! * **Emphatics merge with their plain counterparts** (ص/س, ض/د, ط/ت, ظ/ذ): French spelling
//!   cannot tell them apart. ق, ك and the Moroccan /g/ (ڭ, Latin g) merge for the same reason:
//!   *Bouguemez* is «بوكماز», *Guelmim* is «كلميم».
//! * **ع is a vowel** (*Draa* «درعة», *Zaafaran* «زعفران»), ء is ignored.
//! * **Doubled letters collapse** (shadda is never written, *Tafilalt*/*Tafillalt*); this also
//!   absorbs assimilated articles: *Annour* → n-n-r → `nr` = «النور» without its article.
//! * **A final h or t is dropped**: ة is pronounced *a* in pause but *at* before a noun
//!   (*Zahrat* «زهرة»), final ه is often silent, and French adds an *e* before a final t
//!   (*Tafilalet*).
//!
//! Keys are short ASCII strings; [`key_distance`] compares them with a weighted edit distance
//! where the ambiguous operations (w/y, h, close consonants) are cheap.

/// Longest key kept (longer words are truncated; real name words are far shorter).
pub const MAX_KEY_LEN: usize = 24;

/// One sound of a word before the w/y and vowel rules are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ph {
    /// A consonant, as its key letter.
    C(u8),
    /// A plain vowel (a, e, o, ا, ع), with its vowel class `b'A'`, `b'E'` (Latin e: a or i)
    /// or `b'O'` (Latin o: a or u).
    A(u8),
    /// i-like: ي, Latin i (vowel or consonant y).
    I,
    /// u-like: و, Latin u/ou (vowel or consonant w).
    U,
    /// Latin/Tifinagh explicit w: always a consonant.
    W,
    /// Latin/Tifinagh explicit y: a consonant at the start of a word, else like `I`.
    Y,
}

fn arabic_phoneme(c: char) -> Option<Ph> {
    use Ph::*;
    Some(match c {
        'ا' | 'ع' | 'ى' | 'أ' | 'إ' | 'آ' => A(b'A'),
        'و' | 'ؤ' => U,
        'ي' | 'ئ' => I,
        'ب' | 'پ' => C(b'b'),
        'ت' | 'ط' | 'ث' => C(b't'),
        'ج' | 'چ' => C(b'j'),
        'ح' | 'ه' | 'ة' => C(b'h'),
        'خ' => C(b'x'),
        'د' | 'ذ' | 'ض' | 'ظ' => C(b'd'),
        'ر' | 'غ' => C(b'r'),
        'ز' | 'ژ' => C(b'z'),
        'س' | 'ص' => C(b's'),
        'ش' => C(b'c'),
        'ف' | 'ڤ' => C(b'f'),
        'ق' | 'ك' | 'ڭ' | 'گ' => C(b'k'),
        'ل' => C(b'l'),
        'م' => C(b'm'),
        'ن' => C(b'n'),
        '0'..='9' => C(c as u8),
        _ => return None,
    })
}

fn tifinagh_phoneme(c: char) -> Option<Ph> {
    use Ph::*;
    Some(match c {
        'ⴰ' | 'ⵄ' => A(b'A'),
        'ⴻ' | 'ⵦ' => A(b'E'),
        'ⵉ' => I,
        'ⵓ' | 'ⵧ' => U,
        'ⵡ' => W,
        'ⵢ' => Y,
        'ⴱ' | 'ⴲ' | 'ⵒ' => C(b'b'),
        'ⴳ' | 'ⴴ' | 'ⴽ' | 'ⴾ' | 'ⴿ' | 'ⵇ' | 'ⵈ' => C(b'k'),
        'ⴵ' | 'ⴶ' | 'ⵊ' | 'ⵋ' | 'ⵌ' | 'ⵘ' => C(b'j'),
        'ⴷ' | 'ⴸ' | 'ⴹ' | 'ⴺ' => C(b'd'),
        'ⴼ' | 'ⵠ' => C(b'f'),
        'ⵀ' | 'ⵁ' | 'ⵂ' | 'ⵃ' => C(b'h'),
        'ⵅ' | 'ⵆ' => C(b'x'),
        'ⵍ' => C(b'l'),
        'ⵎ' => C(b'm'),
        'ⵏ' | 'ⵐ' | 'ⵑ' => C(b'n'),
        'ⵔ' | 'ⵕ' | 'ⵖ' | 'ⵗ' => C(b'r'),
        'ⵙ' | 'ⵚ' => C(b's'),
        'ⵛ' | 'ⵞ' => C(b'c'),
        'ⵜ' | 'ⵝ' | 'ⵟ' => C(b't'),
        'ⵣ' | 'ⵤ' | 'ⵥ' => C(b'z'),
        '0'..='9' => C(c as u8),
        _ => return None,
    })
}

fn is_front_vowel(b: Option<&u8>) -> bool {
    matches!(b, Some(b'e' | b'i' | b'y'))
}

fn is_latin_vowel(b: Option<&u8>) -> bool {
    matches!(b, Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// French-style Latin spelling → sounds. Non-ASCII characters are ignored.
fn latin_phonemes(word: &str, out: &mut Vec<Ph>) {
    use Ph::*;
    let w = word.as_bytes();
    let has_letter = w.iter().any(u8::is_ascii_alphabetic);
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let n1 = w.get(i + 1);
        let n2 = w.get(i + 2);
        let (ph, step) = match c {
            b'a' => (Some(A(b'A')), 1),
            b'e' => (Some(A(b'E')), 1),
            b'o' => match n1 {
                Some(b'u') | Some(b'o') => (Some(U), 2),
                _ => (Some(A(b'O')), 1),
            },
            b'i' => (Some(I), 1),
            b'u' => (Some(U), 1),
            b'y' => (Some(Y), 1),
            b'w' => (Some(W), 1),
            b'c' => match n1 {
                Some(b'h') => (Some(C(b'c')), 2),
                Some(b'k') => (Some(C(b'k')), 2),
                _ if is_front_vowel(n1) => (Some(C(b's')), 1),
                _ => (Some(C(b'k')), 1),
            },
            b's' => match (n1, n2) {
                (Some(b'h'), _) => (Some(C(b'c')), 2),
                (Some(b'c'), Some(b'h')) => (Some(C(b'c')), 3),
                _ => (Some(C(b's')), 1),
            },
            b'k' => match n1 {
                Some(b'h') => (Some(C(b'x')), 2),
                _ => (Some(C(b'k')), 1),
            },
            b'g' => match n1 {
                Some(b'h') => (Some(C(b'r')), 2),
                Some(b'u') if is_front_vowel(n2) => (Some(C(b'k')), 2),
                _ if is_front_vowel(n1) => (Some(C(b'j')), 1),
                _ => (Some(C(b'k')), 1),
            },
            b'd' => match n1 {
                Some(b'h') => (Some(C(b'd')), 2),
                Some(b'j') => (Some(C(b'j')), 2),
                _ => (Some(C(b'd')), 1),
            },
            b't' => match (n1, n2) {
                (Some(b'h'), _) => (Some(C(b't')), 2),
                (Some(b'c'), Some(b'h')) => (Some(C(b'c')), 3),
                _ => (Some(C(b't')), 1),
            },
            b'p' => match n1 {
                Some(b'h') => (Some(C(b'f')), 2),
                _ => (Some(C(b'b')), 1),
            },
            b'q' => match n1 {
                Some(b'u') if is_latin_vowel(n2) => (Some(C(b'k')), 2),
                _ => (Some(C(b'k')), 1),
            },
            b'x' => (Some(C(b'x')), 1),
            b'v' | b'f' => (Some(C(b'f')), 1),
            b'b' | b'h' | b'j' | b'l' | b'm' | b'n' | b'r' | b'z' => (Some(C(c)), 1),
            // "Arabizi" digits, as typed on phones: 3 = ع, 7 = ح, 9 = ق, 5 = خ, 2 = ء, 8 = غ.
            b'0'..=b'9' if has_letter => match c {
                b'3' => (Some(A(b'A')), 1),
                b'7' => (Some(C(b'h')), 1),
                b'9' => (Some(C(b'k')), 1),
                b'5' => (Some(C(b'x')), 1),
                b'8' => (Some(C(b'r')), 1),
                b'2' => (None, 1),
                _ => (Some(C(c)), 1),
            },
            b'0'..=b'9' => (Some(C(c)), 1),
            _ => (None, 1),
        };
        if let Some(p) = ph {
            out.push(p);
        }
        i += step;
    }
}

/// One resolved sound: a consonant (key letter, including consonantal w/y) or a vowel class
/// (`A`, `E`, `O`, `I`, `U`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    Cons(u8),
    Vowel(u8),
}

/// Applies the w/y rule (see the module doc). `arabic` selects the word-initial rule: an Arabic
/// initial و/ي is always a consonant, a Latin initial *i*/*u* is a vowel (*Imilchil*
/// «إملشيل») but *ou* is a w (*Oujda* «وجدة»).
fn resolve(ph: &[Ph], arabic: bool) -> Vec<Sound> {
    let is_a = |p: &Ph| matches!(p, Ph::A(_));
    let mut out: Vec<Sound> = Vec::with_capacity(ph.len());
    for (p, &s) in ph.iter().enumerate() {
        let sound = match s {
            Ph::C(b) => Sound::Cons(b),
            Ph::W => Sound::Cons(b'w'),
            Ph::A(v) => Sound::Vowel(v),
            Ph::I | Ph::U | Ph::Y => {
                let at_start = p == 0 && (arabic || matches!(s, Ph::U | Ph::Y));
                let after_leading_vowels = p > 0 && ph[..p].iter().all(is_a);
                let after_long_vowel = p > 0 && !is_a(&ph[p - 1]) && matches!(out[p - 1], Sound::Vowel(_));
                let before_vowel = ph.get(p + 1).is_some_and(is_a);
                if at_start || after_leading_vowels || after_long_vowel || before_vowel {
                    Sound::Cons(if s == Ph::U { b'w' } else { b'y' })
                } else {
                    Sound::Vowel(if s == Ph::U { b'U' } else { b'I' })
                }
            }
        };
        out.push(sound);
    }
    out
}

/// Consonant skeleton: vowels dropped, doubles collapsed, final h / t stripped.
fn skeleton(sounds: &[Sound], key: &mut String) {
    let mut raw: Vec<u8> = sounds
        .iter()
        .filter_map(|s| match s {
            Sound::Cons(b) => Some(*b),
            Sound::Vowel(_) => None,
        })
        .collect();
    raw.dedup();
    if raw.len() > 1 && raw.last() == Some(&b'h') {
        raw.pop();
    }
    if raw.len() > 2 && raw.last() == Some(&b't') {
        raw.pop();
    }
    raw.truncate(MAX_KEY_LEN);
    key.extend(raw.iter().map(|&b| char::from(b)));
}

/// Sounds of a normalised word, and whether it is Arabic script.
fn sounds(word: &str) -> (Vec<Sound>, bool) {
    let mut ph = Vec::with_capacity(word.len());
    let mut arabic = false;
    let mut tifinagh = false;
    for c in word.chars() {
        if let Some(p) = arabic_phoneme(c).filter(|_| !c.is_ascii()) {
            arabic = true;
            ph.push(p);
        } else if let Some(p) = tifinagh_phoneme(c).filter(|_| !c.is_ascii()) {
            tifinagh = true;
            ph.push(p);
        }
    }
    if arabic || tifinagh {
        // Digits inside an Arabic/Tifinagh word (normalised from Arabic-Indic digits).
        ph.clear();
        for c in word.chars() {
            if let Some(p) = arabic_phoneme(c).or_else(|| tifinagh_phoneme(c)) {
                ph.push(p);
            }
        }
    } else {
        latin_phonemes(word, &mut ph);
    }
    (resolve(&ph, arabic), arabic)
}

/// Phonetic key of one **normalised** word (see [`crate::normalize::normalize`]), in any of the
/// supported scripts. Words in other scripts, or made only of vowels, give an empty key.
///
/// ```
/// use taawun_search::translit::phonetic_key;
/// assert_eq!(phonetic_key("شروق"), phonetic_key("echourouk"));
/// assert_eq!(phonetic_key("بوكماز"), phonetic_key("bouguemez"));
/// assert_eq!(phonetic_key("تيغزي"), phonetic_key("tighza"));
/// ```
pub fn phonetic_key(word: &str) -> String {
    let (snd, _) = sounds(word);
    let mut key = String::with_capacity(snd.len());
    skeleton(&snd, &mut key);
    key
}

/// The sounds of a word with its vowels kept (`A`, `E`, `O`, `I`, `U` for vowel classes,
/// lower-case key letters for consonants), used to tell apart words with the same skeleton
/// across scripts («نور» *Nour* vs «نار» *Nar*). Repeated consonants collapse; a final h/t is
/// stripped as in the key; an Arabic final ي (often ى, pronounced a) becomes the wildcard `E`.
pub fn vowel_pattern(word: &str) -> String {
    let (snd, arabic) = sounds(word);
    let mut out: Vec<u8> = Vec::with_capacity(snd.len());
    for s in &snd {
        let b = match *s {
            Sound::Cons(b) | Sound::Vowel(b) => b,
        };
        if b.is_ascii_lowercase() {
            // A consonant repeated after nothing but short vowels is written once in Arabic
            // («دزز» may be *dazaz*): drop the repeat on both sides.
            let prev = out.iter().rev().find(|x| !matches!(x, b'A' | b'E' | b'O'));
            if prev == Some(&b) {
                continue;
            }
        }
        out.push(b);
    }
    let cons = |v: &[u8]| v.iter().filter(|b| b.is_ascii_lowercase()).count();
    let last_cons = |v: &[u8]| v.iter().rposition(|b| b.is_ascii_lowercase());
    if let Some(i) = last_cons(&out).filter(|&i| out[i] == b'h' && cons(&out) > 1) {
        out.remove(i);
    }
    if let Some(i) = last_cons(&out).filter(|&i| out[i] == b't' && cons(&out) > 2) {
        out.remove(i);
    }
    if let Some(l) = out.last_mut().filter(|l| arabic && **l == b'I') {
        *l = b'E';
    }
    out.truncate(MAX_DP);
    out.into_iter().map(char::from).collect()
}

/// Distance between the [`vowel_pattern`]s of an Arabic word and a Latin word. Latin short
/// vowels missing from the Arabic cost little (Arabic does not write them); an Arabic long
/// vowel missing or different in the Latin costs more.
pub fn cross_script_vowel_distance(arabic: &str, latin: &str) -> f32 {
    let a = &arabic.as_bytes()[..arabic.len().min(MAX_DP)];
    let b = &latin.as_bytes()[..latin.len().min(MAX_DP)];
    let is_vowel = |x: u8| x.is_ascii_uppercase();
    let compatible = |x: u8, y: u8| {
        x == y
            || (x == b'E' && matches!(y, b'A' | b'I' | b'E' | b'O'))
            || (y == b'E' && matches!(x, b'A' | b'I'))
            || (y == b'O' && matches!(x, b'A' | b'U'))
    };
    osa2(
        a,
        b,
        |x| match *x {
            b'E' => 0.2,
            v if is_vowel(v) => 0.6,
            c => indel_cost(c),
        },
        |y| match *y {
            b'A' | b'E' | b'O' => 0.1,
            b'I' | b'U' => 0.35,
            c => indel_cost(c),
        },
        |x, y| match (is_vowel(*x), is_vowel(*y)) {
            (true, true) => {
                if compatible(*x, *y) {
                    0.0
                } else {
                    0.6
                }
            }
            (false, false) => sub_cost(*x, *y),
            _ => 1.5,
        },
    )
}

/// Cost of inserting or deleting key letter `b`: w/y come and go between spellings
/// (*Imane*/«إيمان»), h is often silent.
fn indel_cost(b: u8) -> f32 {
    match b {
        b'w' | b'y' => 0.35,
        b'h' => 0.6,
        _ => 1.0,
    }
}

/// Cost of substituting key letters `a` and `b` (`a != b`): sounds that French spellings or
/// Moroccan pronunciation routinely confuse cost half.
fn sub_cost(a: u8, b: u8) -> f32 {
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    match (x, y) {
        (b's', b'z') | (b'd', b't') | (b'j', b'k') | (b'h', b'x') | (b'k', b'x') | (b'c', b's') => 0.5,
        (b'w', b'y') | (b'c', b'j') | (b'j', b'z') => 0.6,
        _ => 1.0,
    }
}

const MAX_DP: usize = 32;

/// Weighted optimal-string-alignment distance between two keys (insertions, deletions,
/// substitutions and adjacent transpositions). Inputs longer than 32 bytes are truncated.
pub fn key_distance(a: &str, b: &str) -> f32 {
    let a = &a.as_bytes()[..a.len().min(MAX_DP)];
    let b = &b.as_bytes()[..b.len().min(MAX_DP)];
    osa(a, b, |x| indel_cost(*x), |x, y| sub_cost(*x, *y))
}

/// Similarity of two keys in `0.0..=1.0`: `1 - distance / longest length`.
pub fn key_similarity(a: &str, b: &str) -> f32 {
    let n = a.len().max(b.len()).min(MAX_DP);
    if n == 0 {
        return if a.is_empty() && b.is_empty() { 1.0 } else { 0.0 };
    }
    (1.0 - key_distance(a, b) / n as f32).max(0.0)
}

/// Similarity of two normalised words as typed, in `0.0..=1.0`, from the plain
/// Damerau (OSA) edit distance on characters: one typo in a 9-letter word gives 0.89.
pub fn text_similarity(a: &str, b: &str) -> f32 {
    if a.is_ascii() && b.is_ascii() {
        let (a, b) = (
            &a.as_bytes()[..a.len().min(MAX_DP)],
            &b.as_bytes()[..b.len().min(MAX_DP)],
        );
        let n = a.len().max(b.len());
        if n == 0 {
            return 1.0;
        }
        return (1.0 - osa(a, b, |_| 1.0, |_, _| 1.0) / n as f32).max(0.0);
    }
    let mut ab = [' '; MAX_DP];
    let mut bb = [' '; MAX_DP];
    let mut na = 0;
    for c in a.chars().take(MAX_DP) {
        ab[na] = c;
        na += 1;
    }
    let mut nb = 0;
    for c in b.chars().take(MAX_DP) {
        bb[nb] = c;
        nb += 1;
    }
    let n = na.max(nb);
    if n == 0 {
        return 1.0;
    }
    let d = osa(&ab[..na], &bb[..nb], |_| 1.0, |_, _| 1.0);
    (1.0 - d / n as f32).max(0.0)
}

/// Optimal string alignment distance with custom costs; both inputs at most [`MAX_DP`] long.
fn osa<T: PartialEq>(a: &[T], b: &[T], indel: impl Fn(&T) -> f32, sub: impl Fn(&T, &T) -> f32) -> f32 {
    osa2(a, b, &indel, &indel, sub)
}

/// [`osa`] with different insertion/deletion costs for each side.
fn osa2<T: PartialEq>(
    a: &[T],
    b: &[T],
    del_a: impl Fn(&T) -> f32,
    ins_b: impl Fn(&T) -> f32,
    sub: impl Fn(&T, &T) -> f32,
) -> f32 {
    let (n, m) = (a.len().min(MAX_DP), b.len().min(MAX_DP));
    let mut prev2 = [0f32; MAX_DP + 1];
    let mut prev = [0f32; MAX_DP + 1];
    let mut cur = [0f32; MAX_DP + 1];
    for j in 1..=m {
        prev[j] = prev[j - 1] + ins_b(&b[j - 1]);
    }
    for i in 1..=n {
        cur[0] = prev[0] + del_a(&a[i - 1]);
        for j in 1..=m {
            let cost = if a[i - 1] == b[j - 1] {
                0.0
            } else {
                sub(&a[i - 1], &b[j - 1])
            };
            let mut v = (prev[j] + del_a(&a[i - 1]))
                .min(cur[j - 1] + ins_b(&b[j - 1]))
                .min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1.0);
            }
            cur[j] = v;
        }
        prev2 = prev;
        prev = cur;
    }
    prev[m]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn k(s: &str) -> String {
        phonetic_key(&normalize(s))
    }

    #[test]
    fn arabic_and_latin_meet() {
        let same = [
            ("شروق", "chourouk"),
            ("شروق", "echourouk"),
            ("شروق", "achourouk"),
            ("شروق", "shorouk"),
            ("نور", "annour"),
            ("نور", "nour"),
            ("نور", "noor"),
            ("خير", "khair"),
            ("خير", "kheir"),
            ("خير", "khayr"),
            ("امل", "amal"),
            ("امل", "amel"),
            ("وفا", "wafa"),
            ("وفا", "wafae"),
            ("وفا", "ouafa"),
            ("تيويزي", "tiwizi"),
            ("تيويزي", "tiouizi"),
            ("بوكماز", "bouguemez"),
            ("بوكماز", "bouguemmez"),
            ("ايت", "ait"),
            ("ايت", "aït"),
            ("ايت", "ayt"),
            ("تافيلالت", "tafilalet"),
            ("تافيلالت", "tafilalt"),
            ("درعة", "draa"),
            ("زهرة", "zahrat"),
            ("زهرة", "zahra"),
            ("زعفران", "zaafaran"),
            ("تيغزى", "tighza"),
            ("تيغزى", "tirza"),
            ("اركان", "argane"),
            ("كسكس", "couscous"),
            ("وجدة", "oujda"),
            ("أولاد", "ouled"),
            ("بوعزة", "bouazza"),
            ("سعيد", "said"),
            ("عائشة", "aicha"),
            ("فيروز", "fayrouz"),
            ("إملشيل", "imilchil"),
            ("ورزازات", "ouarzazate"),
            ("غرب", "gharb"),
            ("ذهب", "dhahab"),
            ("ثريا", "thouraya"),
            ("قصبة", "kasba"),
            ("قصبة", "qasba"),
            ("ⵜⵉⵡⵉⵣⵉ", "tiwizi"),
            ("ⵜⵉⵖⵣⴰ", "tighza"),
        ];
        for (ar, lat) in same {
            assert_eq!(k(ar), k(lat), "{ar} vs {lat}");
            assert!(!k(ar).is_empty(), "{ar}");
        }
    }

    #[test]
    fn different_names_differ() {
        for (a, b) in [
            ("نور", "امل"),
            ("chourouk", "chorfa"),
            ("tiwizi", "tizi"),
            ("wafa", "fayha"),
        ] {
            assert_ne!(k(a), k(b), "{a} vs {b}");
        }
    }

    #[test]
    fn vowel_patterns_tell_same_skeletons_apart() {
        let d = |ar: &str, lat: &str| {
            cross_script_vowel_distance(&vowel_pattern(&normalize(ar)), &vowel_pattern(&normalize(lat)))
        };
        assert_eq!(vowel_pattern("نور"), "nUr");
        assert_eq!(vowel_pattern("annour"), "AnUr");
        assert!(d("نور", "annour") < 0.2);
        assert!(d("نار", "annour") > 0.5);
        assert!(d("تيغزى", "tighza") < 0.2);
        assert!(d("تافيلالت", "tafilalet") < 0.2);
        assert!(d("امل", "amal") < 0.25);
        assert!(d("زهرة", "zahrat") < 0.25);
        assert!(d("شروق", "echourouk") < 0.5);
        assert!(d("امين", "amane") > 0.5);
    }

    #[test]
    fn distances() {
        assert_eq!(key_distance("tfl", "tfl"), 0.0);
        assert!((key_distance("ymn", "mn") - 0.35).abs() < 1e-6);
        assert!((key_distance("ab", "ba") - 1.0).abs() < 1e-6);
        assert!(key_similarity("bkmz", "bkms") > 0.8);
        assert!(text_similarity("tafilalet", "tafilaket") > 0.88);
        assert_eq!(text_similarity("", ""), 1.0);
        assert_eq!(key_similarity("", "abc"), 0.0);
    }
}
