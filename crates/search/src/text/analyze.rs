//! From text to index terms, the same way for pages and questions.
//!
//! 1. **Words of the original text.** A word is a run of letters, digits, combining marks,
//!    tatweel and invisible format characters (so «تعـاونيّة» or a word wrapped in bidi
//!    isolates is one word); everything else separates words, including apostrophes (*l'*,
//!    *d'*, *qu'* become stopwords of their own) and hyphens. Dots, commas, slashes and hyphens
//!    *between two digits* belong to the word, so «112.12», «112-12» and «2019/05/12» are one
//!    number. Each word keeps its byte range for snippets.
//! 2. **Normalisation** with [`crate::normalize::normalize`]; a word mixing scripts or
//!    letters and digits («و2019») is split.
//! 3. **Numbers** match exactly: «112.12» and «112-12» give the term `112.12`; in pages its
//!    groups (`112`, `12`) are also indexed at the same position, so a question about «2019»
//!    finds «12/05/2019».
//! 4. **Moroccan darija** words are mapped to their standard Arabic equivalent (الكواغط →
//!    وثائق) or, for question words and fillers (شحال, واش, كيفاش, شنو, ديال, بغيت …), dropped
//!    with the standard Arabic stopwords.
//! 5. **Stopwords** (Arabic, French, single letters), then **light stemming** ([`super::stem`]).
//!
//! Positions count index terms only, so «conseil d'administration» has `conseil` and
//! `administr` adjacent, as in the question «conseil administration».

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::stem;
use crate::normalize::{self, Script, char_script};

/// What a term is; only words are typo-tolerant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// An Arabic-script word (stemmed).
    Arabic,
    /// A Latin-script word (stemmed as French).
    Latin,
    /// A word of another script (Tifinagh …), kept as normalised.
    Other,
    /// A number, matched exactly.
    Number,
}

/// One index term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// The index term: a stem, or a number in canonical form.
    pub text: String,
    /// The normalised word before stemming (for typo tolerance); empty for numbers.
    pub surface: String,
    pub kind: TermKind,
    /// Position among the index terms of the field.
    pub pos: u32,
    /// A group of a compound number («2019» of «12/05/2019»): indexed, never queried.
    pub part: bool,
}

/// One word of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range in the original text (on character boundaries).
    pub start: u32,
    pub end: u32,
    /// Range of its terms in [`Analysis::terms`] (empty for stopwords).
    pub first_term: u32,
    pub term_count: u32,
}

/// A field of a page, analysed.
#[derive(Debug, Default, Clone)]
pub(crate) struct Analysis {
    pub words: Vec<Word>,
    pub terms: Vec<Term>,
    /// Number of positions used (one past the last term position).
    pub positions: u32,
}

/// Terms of a question, in order, without number groups.
pub(crate) fn query_terms(text: &str) -> Vec<Term> {
    analyze(text).terms.into_iter().filter(|t| !t.part).collect()
}

/// Analyses a text (see module doc).
pub(crate) fn analyze(text: &str) -> Analysis {
    let mut out = Analysis::default();
    for (start, end) in raw_words(text) {
        let first = out.terms.len();
        analyze_word(&text[start..end], &mut out.positions, &mut out.terms);
        out.words.push(Word {
            start: start as u32,
            end: end as u32,
            first_term: first as u32,
            term_count: (out.terms.len() - first) as u32,
        });
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Separators that belong to a number when between two digits: 112.12, 112-12, 1,5,
/// 12/05/2019, and the Arabic decimal and thousands separators.
fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '-' | '/' | '\u{066B}' | '\u{066C}')
}

/// Spaces used as thousands separators in French («1 000 dirhams»): part of a number when
/// between a group of one to three digits and exactly three digits («en 2019 100
/// coopératives» stays two numbers).
fn is_thousands_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// True when `rest` starts with exactly three digits.
fn three_digits(rest: &str) -> bool {
    let mut it = rest.chars();
    it.by_ref().take(3).filter(|&c| is_digit(c)).count() == 3 && !it.next().is_some_and(is_digit)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || normalize::is_diacritic(c)
        || normalize::is_invisible_format(c)
        || c == normalize::TATWEEL
        || c == '\u{0621}'
}

/// Byte ranges of the words of `text`.
fn raw_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // Digits immediately before the current character.
    let mut digits = 0usize;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = i + c.len_utf8();
        let in_word = is_word_char(c)
            || (start.is_some()
                && digits > 0
                && ((is_number_joiner(c) && it.peek().is_some_and(|&(_, n)| is_digit(n)))
                    || (is_thousands_space(c) && digits <= 3 && three_digits(&text[next..]))));
        if in_word {
            start.get_or_insert(i);
            digits = if is_digit(c) { digits + 1 } else { 0 };
        } else {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            digits = 0;
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // A word made only of invisible characters normalises to nothing: not a word.
    out.retain(|&(s, e)| text[s..e].chars().any(|c| c.is_alphanumeric()));
    out
}

fn push(out: &mut Vec<Term>, text: String, surface: &str, kind: TermKind, pos: u32, part: bool) {
    out.push(Term {
        text,
        surface: surface.to_owned(),
        kind,
        pos,
        part,
    });
}

/// Terms of one word of the original text.
fn analyze_word(raw: &str, pos: &mut u32, out: &mut Vec<Term>) {
    if raw
        .chars()
        .all(|c| is_digit(c) || is_number_joiner(c) || is_thousands_space(c))
    {
        // Canonical form: ASCII digits, thousands spaces removed, other separators as «.».
        let mut canonical = String::with_capacity(raw.len());
        for c in raw.chars() {
            if let Some(d) = c.to_digit(10).or_else(|| arabic_digit(c)) {
                canonical.extend(char::from_digit(d, 10));
            } else if is_number_joiner(c) {
                canonical.push('.');
            }
        }
        let groups: Vec<&str> = canonical.split('.').filter(|g| !g.is_empty()).collect();
        if groups.is_empty() {
            return;
        }
        push(out, groups.join("."), "", TermKind::Number, *pos, false);
        if groups.len() > 1 {
            for g in groups {
                push(out, g.to_owned(), "", TermKind::Number, *pos, true);
            }
        }
        *pos += 1;
        return;
    }
    let normalized = normalize::normalize(raw);
    for w in normalize::words(&normalized) {
        for run in digit_runs(w) {
            if run.starts_with(|c: char| c.is_ascii_digit()) {
                push(out, run.to_owned(), "", TermKind::Number, *pos, false);
                *pos += 1;
            } else if let Some(n) = number_word(run) {
                push(out, n.to_owned(), "", TermKind::Number, *pos, false);
                *pos += 1;
            } else if let Some((text, kind)) = word_term(run) {
                push(out, text, run, kind, *pos, false);
                *pos += 1;
            }
        }
    }
}

/// Value of an Arabic-Indic or extended Arabic-Indic digit.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Numbers written in words, which the pages and the readers use interchangeably with digits
/// («cinq membres», «5 membres», «خمسة أعضاء»). «un»/«une»/«واحد» are articles more often
/// than numbers and are left out, as are ambiguous words («neuf» is also "new", «ربع» a quarter).
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("deux", "2"),
    ("trois", "3"),
    ("quatre", "4"),
    ("cinq", "5"),
    ("six", "6"),
    ("sept", "7"),
    ("huit", "8"),
    ("dix", "10"),
    ("onze", "11"),
    ("douze", "12"),
    ("quinze", "15"),
    ("vingt", "20"),
    ("trente", "30"),
    ("cent", "100"),
    ("mille", "1000"),
    ("اثنان", "2"),
    ("اثنين", "2"),
    ("اثنتان", "2"),
    ("اثنتين", "2"),
    ("جوج", "2"),
    ("ثلاثه", "3"),
    ("ثلاث", "3"),
    ("تلاته", "3"),
    ("اربعه", "4"),
    ("اربع", "4"),
    ("ربعه", "4"),
    ("خمسه", "5"),
    ("خمس", "5"),
    ("سته", "6"),
    ("ست", "6"),
    ("سبعه", "7"),
    ("سبع", "7"),
    ("ثمانيه", "8"),
    ("تمنيه", "8"),
    ("تسعه", "9"),
    ("عشره", "10"),
    ("عشر", "10"),
    ("عشرين", "20"),
    ("عشرون", "20"),
    ("ثلاثين", "30"),
    ("ثلاثون", "30"),
    ("تلاتين", "30"),
    ("ميه", "100"),
    ("مايه", "100"),
    ("ميات", "100"),
    ("الف", "1000"),
];

static NUMBERS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());

/// The digits of a number word (normalised), also after an Arabic article or proclitic.
fn number_word(w: &str) -> Option<&'static str> {
    NUMBERS.get(w).copied().or_else(|| {
        ["وال", "بال", "ال", "و", "ب"]
            .iter()
            .find_map(|p| w.strip_prefix(p))
            .and_then(|r| NUMBERS.get(r).copied())
    })
}

/// Splits a normalised word into runs of ASCII digits and runs of other characters.
fn digit_runs(w: &str) -> impl Iterator<Item = &str> {
    let mut rest = w;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let digits = first.is_ascii_digit();
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_ascii_digit() != digits)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

/// The index term of one normalised word without digits; `None` for a stopword.
fn word_term(w: &str) -> Option<(String, TermKind)> {
    match w.chars().next().and_then(char_script) {
        Some(Script::Arabic) => arabic_term(w).map(|t| (t, TermKind::Arabic)),
        Some(Script::Latin) => {
            if w.chars().count() < 2 || FR_STOP.contains(w) {
                None
            } else {
                Some((stem::french(w), TermKind::Latin))
            }
        }
        _ => Some((w.to_owned(), TermKind::Other)),
    }
}

fn arabic_term(w: &str) -> Option<String> {
    if w.chars().count() < 2 {
        return None;
    }
    // Darija first: «شنو» is a question word, «الكواغط» are documents. A glued و or ف
    // («وشحال») does not change the word.
    let lookup = |w: &str| DARIJA.get(w);
    let mapped = lookup(w).or_else(|| {
        w.strip_prefix(['و', 'ف'])
            .filter(|r| r.chars().count() >= 2)
            .and_then(lookup)
    });
    let w = match mapped {
        Some(None) => return None,
        Some(Some(msa)) => msa.as_str(),
        None => match darija_verb(w) {
            Some(inner) => match DARIJA.get(inner) {
                Some(None) => return None,
                Some(Some(msa)) => msa.as_str(),
                None => inner,
            },
            None => w,
        },
    };
    let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    if AR_STOP.contains(w) || AR_STOP.contains(bare) {
        return None;
    }
    Some(stem::arabic(w))
}

/// Darija verb forms that standard Arabic does not have, reduced to the verb: the negation
/// ما…ش («مادرناش» → «درنا») and the plural of the present or future, ن/ت/ي (after كـ or غـ)
/// … و, possibly with a pronoun («نحلو» → «حل», «ناسسو» → «اسس», «ناخدوها» → «اخد»). The bare
/// singular «كتخلص» is left alone: «كتابة» starts the same way.
fn darija_verb(w: &str) -> Option<&str> {
    if let Some(inner) = w
        .strip_prefix("ما")
        .and_then(|r| r.strip_suffix('ش'))
        .filter(|r| r.chars().count() >= 3)
    {
        return Some(darija_verb(inner).unwrap_or(inner));
    }
    let plural = ["وها", "وهم", "وه", "ولنا", "و"]
        .iter()
        .find_map(|s| w.strip_suffix(s))?;
    ["كن", "كت", "كي", "غن", "غت", "غي", "ن", "ت", "ي"]
        .iter()
        .find_map(|p| plural.strip_prefix(p))
        .filter(|r| r.chars().count() >= 2)
}

/// Arabic stopwords (normalised: hamza forms folded, ة → ه, ى → ي). Prepositions, pronouns,
/// demonstratives, relatives, question words, particles and modal verbs («يجب», «يمكن»).
/// A glued و or ف is ignored when checking («وهو», «فما»).
const AR_STOP_WORDS: &str = "في من الي علي عن مع عند لدي حتي منذ خلال عبر حول ضد دون بدون بين تحت \
    فوق امام وراء قبل بعد ضمن حسب وفق وفقا طبقا لكي كي الا الان لان اذ اذا اذن ان انه انها \
    هذا هذه هذان هاتان هولا ذلك تلك اوليك هنا هناك هنالك ذا الذي التي الذين اللذان اللتان \
    اللواتي اللاتي هو هي هم هن هما انا نحن انت انتم انتن انتما ما ماذا كيف كم هل متي اين \
    لماذا لم لما اي ايه او ام ثم بل لكن لا لن ليس ليست قد لقد سوف كل بعض جميع غير سوي ايضا \
    فقط كان كانت يكون تكون يكن كانوا يجب ينبغي يمكن يمكنني يمكننا يمكنه يمكنها يجوز عليه \
    عليها عليهم فيه فيها فيهم منه منها منهم له لها لهم لنا لي به بها بهم اليه اليها عنه عنها \
    تم يتم تتم مثل عندما حيث كذلك اما اي اية ايها لذا عندنا عندي عندك عندهم عندها لدينا لديه \
    لديها لمن";

/// French stopwords (normalised). Articles, pronouns, prepositions, conjunctions, question
/// words, auxiliaries and modal verbs. Single letters (*l'*, *d'*, *j'*) are dropped anyway.
const FR_STOP_WORDS: &str = "au aux avec ce ces cet cette dans de des du elle elles en et est \
    etre eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on \
    ou par pas pour qu que qui quoi quel quelle quels quelles sa se ses son sont sur ta te tes toi \
    ton tu un une vos votre vous comment combien pourquoi quand puis peut peuvent pourrait \
    pouvons pouvez doit doivent dois devons devez faut faire fait avoir ai as avons avez ont \
    suis es sommes etes sera seront serait etait ete lors entre sans sous chez vers tout tous \
    toute toutes autre autres aussi plus moins tres bien si non oui ainsi donc alors car cela \
    celui celle ceux celles dont lequel laquelle lesquels lesquelles auquel duquel etc veux \
    voudrais voudrait souhaite souhaitons faudrait existe quelqu quelque quelques chaque cas ci \
    notamment afin selon vs versus";

static AR_STOP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| AR_STOP_WORDS.split_whitespace().collect());
static FR_STOP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FR_STOP_WORDS.split_whitespace().collect());

/// Moroccan darija → standard Arabic (both normalised at start-up). Question words map to their standard
/// equivalents, which are stopwords: شحال = كم, واش = هل, كيفاش = كيف, اشنو/شنو = ما,
/// فين = اين, علاش = لماذا, امتى = متى, شكون = من; fillers (ديال «of», بغيت «I want», خاصني
/// «I need», باش «in order to» …) are dropped; a few content words get their standard form.
const DARIJA_WORDS: &[(&str, Option<&str>)] = &[
    ("شحال", Some("كم")),
    ("شحا", Some("كم")),
    ("قداش", Some("كم")),
    ("واش", Some("هل")),
    ("كيفاش", Some("كيف")),
    ("كيداير", Some("كيف")),
    ("اشنو", Some("ما")),
    ("شنو", Some("ما")),
    ("شنوا", Some("ما")),
    ("شنوه", Some("ما")),
    ("اش", Some("ما")),
    ("اشناهو", Some("ما")),
    ("اشناهي", Some("ما")),
    ("فين", Some("اين")),
    ("فاين", Some("اين")),
    ("علاش", Some("لماذا")),
    ("امتي", Some("متي")),
    ("فوقاش", Some("متي")),
    ("شكون", Some("من")),
    ("ديال", None),
    ("ديالي", None),
    ("ديالنا", None),
    ("ديالها", None),
    ("ديالو", None),
    ("ديالهم", None),
    ("ديالك", None),
    ("بغيت", None),
    ("بغينا", None),
    ("بغا", None),
    ("بغات", None),
    ("باغي", None),
    ("باغيه", None),
    ("كنبغي", None),
    ("خاص", None),
    ("خاصني", None),
    ("خاصنا", None),
    ("خاصك", None),
    ("خاصو", None),
    ("خاصها", None),
    ("خصني", None),
    ("خصنا", None),
    ("خص", None),
    ("كيخص", None),
    ("نقدر", None),
    ("نقدرو", None),
    ("تقدر", None),
    ("يقدر", None),
    ("نعرف", None),
    ("كاين", None),
    ("كاينه", None),
    ("كاينين", None),
    ("دابا", None),
    ("هاد", None),
    ("هادي", None),
    ("هادا", None),
    ("هادو", None),
    ("داك", None),
    ("ديك", None),
    ("اللي", None),
    ("ماشي", None),
    ("واخا", None),
    ("حيت", None),
    ("باش", None),
    ("شي", None),
    ("عافاك", None),
    ("عفاك", None),
    ("ياك", None),
    ("بزاف", None),
    ("واحد", None),
    ("ليا", None),
    ("ليك", None),
    ("ليه", None),
    ("ليها", None),
    ("راه", None),
    ("راني", None),
    ("ندير", None),
    ("نديرو", None),
    ("دير", None),
    ("كندير", None),
    ("كيدير", None),
    ("نسول", None),
    ("مزيان", None),
    ("مازال", None),
    ("مزال", None),
    ("باقي", None),
    ("بلي", None),
    ("درنا", None),
    ("دارت", None),
    ("درت", None),
    ("غادي", None),
    ("شلا", None),
    ("كيفما", None),
    ("الكواغط", Some("وثائق")),
    ("كواغط", Some("وثائق")),
    ("لكواغط", Some("وثائق")),
    ("الوراق", Some("وثائق")),
    ("لوراق", Some("وثائق")),
    ("فلوس", Some("مال")),
    ("الفلوس", Some("مال")),
    ("لفلوس", Some("مال")),
    ("الكريدي", Some("قرض")),
    ("كريدي", Some("قرض")),
    ("البانكا", Some("بنك")),
    ("لبانكا", Some("بنك")),
    ("بانكا", Some("بنك")),
    ("ناسس", Some("تاسيس")),
    ("نفتح", Some("تاسيس")),
    ("نسجل", Some("تسجيل")),
    ("نبيع", Some("بيع")),
    ("نبيعو", Some("بيع")),
    ("نسد", Some("حل")),
    ("نسدو", Some("حل")),
    ("نخرج", Some("انسحاب")),
    ("الخدامه", Some("اجراء")),
    ("خدامه", Some("اجراء")),
    ("نخدم", Some("عمل")),
    ("خلص", Some("اداء")),
    ("نخلص", Some("اداء")),
    ("كنخلص", Some("اداء")),
    ("كتخلص", Some("اداء")),
    ("كيخلص", Some("اداء")),
    ("كيتخلص", Some("اداء")),
    ("تخلص", Some("اداء")),
    ("يخلص", Some("اداء")),
    ("لخدمه", Some("عمل")),
];

/// Darija word → `None` (drop) or its standard Arabic equivalent.
static DARIJA: LazyLock<HashMap<String, Option<String>>> = LazyLock::new(|| {
    DARIJA_WORDS
        .iter()
        .map(|&(w, m)| (normalize::normalize(w), m.map(normalize::normalize)))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        query_terms(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn darija_question_words_are_dropped() {
        assert_eq!(
            texts("شحال خاص من عضو باش نأسس تعاونية؟"),
            texts("كم عضو لتأسيس تعاونية")
        );
        assert_eq!(texts("واش التعاونية"), texts("هل التعاونية"));
        assert_eq!(texts("كيفاش نسجل تعاونية"), texts("تسجيل تعاونية"));
        assert_eq!(
            texts("اشنو هي الكواغط ديال التعاونية"),
            texts("الوثائق التعاونية")
        );
        assert_eq!(texts("فين نحط الملف"), texts("نحط الملف"));
        assert_eq!(texts("علاش بغيت نعرف"), Vec::<String>::new());
    }

    #[test]
    fn stopwords_and_elisions() {
        assert_eq!(
            texts("Quels sont les statuts d'une coopérative ?"),
            ["statut", "cooper"]
        );
        assert_eq!(texts("l'assemblée générale"), ["assembl", "general"]);
        assert_eq!(texts("ما هي شروط العضوية في التعاونية"), ["شروط", "عضو", "تعاون"]);
        assert_eq!(texts("وهو"), Vec::<String>::new());
    }

    #[test]
    fn numbers_are_kept_whole() {
        assert_eq!(texts("loi 112.12"), ["loi", "112.12"]);
        assert_eq!(texts("القانون 112-12"), ["قانون", "112.12"]);
        assert_eq!(texts("القانون ١١٢.١٢"), ["قانون", "112.12"]);
        assert_eq!(texts("en 2019."), ["2019"]);
        assert_eq!(texts("و2019"), ["2019"]);
        let a = analyze("le 12/05/2019");
        let t: Vec<(&str, u32, bool)> = a.terms.iter().map(|t| (t.text.as_str(), t.pos, t.part)).collect();
        assert_eq!(
            t,
            [
                ("12.05.2019", 0, false),
                ("12", 0, true),
                ("05", 0, true),
                ("2019", 0, true)
            ]
        );
    }

    #[test]
    fn darija_verbs_and_number_words() {
        assert_eq!(texts("بغينا نحلو التعاونيه"), texts("حل التعاونية"));
        assert_eq!(texts("مادرناش الملاءمه"), texts("الملاءمة"));
        assert_eq!(texts("ناخدوها"), ["اخد"]);
        assert_eq!(texts("كتابة الضبط"), ["كتاب", "ضبط"]);
        assert_eq!(texts("cinq membres"), texts("5 membres"));
        assert_eq!(texts("خمسة أعضاء"), texts("5 أعضاء"));
        assert_eq!(texts("الخمسة"), ["5"]);
        assert_eq!(texts("1 000 dirhams"), texts("1000 dirhams"));
        assert_eq!(texts("capital de 10 000 dirhams")[1], "10000");
        assert_eq!(texts("5 1000"), ["5", "1000"]);
        assert_eq!(texts("2019 100"), ["2019", "100"]);
        assert_eq!(texts("1 000 000"), ["1000000"]);
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let text = "« تعـاونيّة » de l'Atlas, 112.12";
        let a = analyze(text);
        let words: Vec<&str> = a
            .words
            .iter()
            .map(|w| &text[w.start as usize..w.end as usize])
            .collect();
        assert_eq!(words, ["تعـاونيّة", "de", "l", "Atlas", "112.12"]);
        let counts: Vec<u32> = a.words.iter().map(|w| w.term_count).collect();
        assert_eq!(counts, [1, 0, 0, 1, 3]);
        let pos: Vec<u32> = a.terms.iter().map(|t| t.pos).collect();
        assert_eq!(pos, [0, 1, 2, 2, 2]);
    }
}
