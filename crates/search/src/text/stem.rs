//! Light stemming: Arabic after Larkey's *light10*, French after Savoy's light stemmer.
//!
//! Both take a word already passed through [`crate::normalize::normalize`] (so hamza forms,
//! ة/ه, ى/ي, accents and case are folded) and remove only affixes, never touching the root:
//! for a knowledge base of a few hundred pages, conflating «التعاونيات» with «تعاونية» and
//! *coopératives* with *coopérative* is what matters; aggressive root extraction would merge
//! unrelated words (كتابة الضبط and مكتب). Index and query go through the same functions, so
//! an over-stemmed word still meets itself.
//!
//! **Arabic.** Proclitics (وال، بال، كال، فال، لل، ال — leaving ≥ 2 letters, as in light10,
//! so «الحل» gives «حل»; و، ب، ل and وب، ول — leaving ≥ 3 letters), then one enclitic pronoun
//! (ها، هم، كم، نا — leaving ≥ 4 letters, so «مساهم» and «انتهاء» keep theirs), then
//! inflection and *nisba* suffixes repeatedly (ات، ين، يه، يا، ه، ي and the accusative ا leaving
//! ≥ 3 letters; ون، ان leaving ≥ 4, because «قانون» and «تعاون» end with them). Repeating the suffix step makes
//! «قانونية» → «قانون» and «تعاونيات» → «تعاوني» → «تعاون» agree with their bare forms.
//!
//! A single-letter proclitic cannot be told from a root letter («لجنة», «وثيقة», «بنكي»).
//! Domain words (the glossary's Arabic words and [`PROTECTED_AR`]) settle it: among the ways
//! to strip a word, the first that yields a known domain stem wins, so «للجنة», «اللجنة» and
//! «لجنة» all give «لجن», while «لتعاونية» still loses its ل.
//!
//! **French.** Plural (-s, -x, -aux → -al), then one derivational or inflectional suffix
//! (-ement, -ation, -ateur, -atif/-ative, -tion, -if/-ive, -ité, -eur, -ée, -er, -e …) chosen
//! so that the noun, the verb and the adjective of one idea meet: *liquidation* /
//! *liquidateur* → `liquid`, *immatriculation* / *immatriculer* / *immatriculée* →
//! `immatricul`, *coopérative* / *coopératif* / *coopération* / *coopérateurs* → `cooper`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::normalize::normalize;

/// Article forms (with a glued preposition or conjunction); they may leave 2 letters.
const AR_ARTICLES: [&str; 8] = ["وبال", "وال", "ولل", "بال", "كال", "فال", "لل", "ال"];

/// Single-letter proclitics (and و + one of them); they must leave 3 letters, or a domain stem.
const AR_LETTERS: [&str; 5] = ["وب", "ول", "ب", "ل", "و"];

/// Enclitic pronouns, outermost suffix of a word: (suffix, letters that must remain).
const AR_PRONOUNS: [(&str, usize); 4] = [("هم", 4), ("كم", 4), ("نا", 4), ("ها", 4)];

/// Inflection and nisba suffixes, removed repeatedly: (suffix, letters that must remain).
/// ة is already ه after normalisation, so يه covers both ية and يه.
/// The final ا is the accusative ending (تنوين الفتح: «عضواً», «مسبقاً»), kept by most writers.
const AR_SUFFIXES: [(&str, usize); 9] = [
    ("ات", 3),
    ("ون", 4),
    ("ين", 3),
    ("ان", 4),
    ("يه", 3),
    ("يا", 3),
    ("ه", 3),
    ("ي", 3),
    ("ا", 3),
];

/// Frequent domain words whose first letter looks like a proclitic (و، ب، ل). The glossary's
/// Arabic words are added to these at start-up.
const PROTECTED_AR: &[&str] = &[
    "لجنة",
    "لجان",
    "لائحة",
    "لغة",
    "وثيقة",
    "وثائق",
    "وزارة",
    "وكالة",
    "وكيل",
    "ولاية",
    "وصل",
    "وضعية",
    "وحدة",
    "وسيلة",
    "وسائل",
    "وقت",
    "وطني",
    "وظيفة",
    "وفاة",
    "وصية",
    "ورثة",
    "وديعة",
    "بنك",
    "بنكي",
    "بيع",
    "بيان",
    "بطاقة",
    "برنامج",
    "بحث",
    "بناء",
    "بلدية",
    "بيئة",
    "بضاعة",
    "فائدة",
    "فوائد",
    "فترة",
];

/// Words that light stemming would wrongly merge with another domain word: «جمعية»
/// (association) must not become «جمع» (the جمع عام, general assembly).
const EXCEPTIONS_AR: &[(&str, &str)] = &[("جمعيه", "جمعيه"), ("جمعيات", "جمعيه")];

/// Stems that decide between stripping a leading letter or keeping it (see module doc).
static PROTECTED_STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let glossary = super::glossary::arabic_words();
    PROTECTED_AR
        .iter()
        .copied()
        .chain(glossary)
        .flat_map(|w| {
            normalize(w)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let bare = w.strip_prefix("ال").filter(|r| len(r) >= 2).unwrap_or(w);
                    exception(bare).map_or_else(|| strip_suffixes(bare), str::to_owned)
                })
                .collect::<Vec<_>>()
        })
        .collect()
});

static EXCEPTIONS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| EXCEPTIONS_AR.iter().copied().collect());

fn exception(w: &str) -> Option<&'static str> {
    EXCEPTIONS.get(w).copied()
}

/// Length in characters (Arabic letters are two bytes).
fn len(s: &str) -> usize {
    s.chars().count()
}

/// Removes one pronoun, then inflection suffixes until none applies.
fn strip_suffixes(word: &str) -> String {
    let mut w = word;
    for (suffix, keep) in AR_PRONOUNS {
        if let Some(rest) = w.strip_suffix(suffix).filter(|r| len(r) >= keep) {
            w = rest;
            break;
        }
    }
    'again: loop {
        // A hamza seated on و after a long alef is dropped in the bare form: «أعضاؤه» →
        // «اعضاو» must meet «أعضاء» → «اعضا».
        if let Some(rest) = w.strip_suffix('و').filter(|r| r.ends_with('ا') && len(r) >= 3) {
            w = rest;
            continue;
        }
        for (suffix, keep) in AR_SUFFIXES {
            if let Some(rest) = w.strip_suffix(suffix).filter(|r| len(r) >= keep) {
                w = rest;
                continue 'again;
            }
        }
        break;
    }
    w.to_owned()
}

/// Arabic light stem of one normalised word (see module doc).
pub fn arabic(word: &str) -> String {
    // Every way of stripping a proclitic, most stripped first.
    let mut candidates: Vec<(&str, bool)> = Vec::with_capacity(4);
    for p in AR_ARTICLES {
        if let Some(rest) = word.strip_prefix(p).filter(|r| len(r) >= 2) {
            candidates.push((rest, true));
        }
    }
    for p in AR_LETTERS {
        if let Some(rest) = word.strip_prefix(p).filter(|r| len(r) >= 2) {
            candidates.push((rest, len(rest) >= 3));
        }
    }
    candidates.push((word, true));
    let stem_of = |rest: &str| exception(rest).map_or_else(|| strip_suffixes(rest), str::to_owned);
    let mut fallback = None;
    for (rest, allowed) in candidates {
        let stem = stem_of(rest);
        if PROTECTED_STEMS.contains(&stem) {
            return stem;
        }
        if allowed && fallback.is_none() {
            fallback = Some(stem);
        }
    }
    fallback.unwrap_or_else(|| stem_of(word))
}

/// French suffixes: (suffix, replacement, letters that must remain before the suffix). The
/// first that applies is used, so longer and more specific suffixes come first.
const FR_SUFFIXES: &[(&str, &str, usize)] = &[
    ("ement", "", 4),
    ("ment", "", 4),
    ("ation", "", 3),
    ("atrice", "", 3),
    ("ateur", "", 3),
    ("ative", "", 3),
    ("atif", "", 3),
    ("ution", "u", 3),
    ("tion", "t", 3),
    ("ive", "iv", 3),
    ("if", "iv", 3),
    ("ite", "", 4),
    ("euse", "", 3),
    ("eur", "", 3),
    ("elle", "el", 3),
    ("enne", "en", 3),
    ("ere", "", 3),
    ("ee", "", 3),
    ("ee", "e", 2),
    ("er", "", 3),
    ("e", "", 4),
];

/// French light stem of one normalised (lower-case, unaccented) word (see module doc).
pub fn french(word: &str) -> String {
    if len(word) <= 3 {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    if w.ends_with("eaux") {
        w.pop();
    } else if len(&w) >= 5 && w.ends_with("aux") {
        w.truncate(w.len() - 3);
        w.push_str("al");
    } else if (w.ends_with('s') || w.ends_with('x')) && !w.ends_with("ss") {
        w.pop();
    }
    for &(suffix, replacement, keep) in FR_SUFFIXES {
        if let Some(rest) = w.strip_suffix(suffix).filter(|r| len(r) >= keep) {
            let mut out = rest.to_owned();
            out.push_str(replacement);
            return out;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(w: &str) -> String {
        arabic(&normalize(w))
    }

    fn fr(w: &str) -> String {
        french(&normalize(w))
    }

    #[test]
    fn arabic_forms_of_cooperative_share_a_stem() {
        let s = ar("تعاونية");
        assert_eq!(s, "تعاون");
        for w in [
            "والتعاونيات",
            "التعاونية",
            "للتعاونيات",
            "تعاونيات",
            "بالتعاونية",
            "التعاون",
            "تعاوني",
            "لتعاونية",
            "التعاونيين",
        ] {
            assert_eq!(ar(w), s, "{w}");
        }
    }

    #[test]
    fn arabic_suffixes() {
        assert_eq!(ar("القانونية"), ar("قانون"));
        assert_eq!(ar("قانوني"), "قانون");
        assert_eq!(ar("أعضائها"), ar("أعضاء"));
        assert_eq!(ar("أعضاؤه"), ar("أعضاء"));
        assert_eq!(ar("المساهمين"), ar("مساهمة"));
        assert_eq!(ar("مساهم"), "مساهم");
        assert_eq!(ar("الإداريين"), ar("إدارة"));
        assert_eq!(ar("نظامها"), "نظام");
        assert_eq!(ar("حقوقهم"), "حقوق");
        assert_eq!(ar("المالية"), "مال");
        assert_eq!(ar("الشركات"), ar("شركة"));
        assert_eq!(ar("سنويا"), ar("سنوي"));
    }

    #[test]
    fn arabic_short_words_keep_their_letters() {
        assert_eq!(ar("الحل"), "حل");
        assert_eq!(ar("حل"), "حل");
        assert_eq!(ar("بحل"), "حل");
        assert_eq!(ar("عضو"), "عضو");
        assert_eq!(ar("عضواً"), "عضو");
        assert_eq!(ar("مسبقاً"), ar("المسبقة"));
    }

    #[test]
    fn root_letters_that_look_like_proclitics() {
        let committee = ar("لجنة");
        assert_eq!(committee, "لجن");
        for w in ["اللجنة", "للجنة", "ولجنة"] {
            assert_eq!(ar(w), committee, "{w}");
        }
        assert_eq!(ar("بنكي"), "بنك");
        assert_eq!(ar("البنكي"), "بنك");
        assert_eq!(ar("الوثيقة"), ar("وثيقة"));
        assert_eq!(ar("والوثائق"), ar("الوثائق"));
        assert_eq!(ar("البيع"), ar("بيع"));
        assert_eq!(ar("للبيع"), ar("بيع"));
    }

    #[test]
    fn association_is_not_assembly() {
        assert_ne!(ar("الجمعية"), ar("الجمع"));
        assert_eq!(ar("الجمعيات"), ar("جمعية"));
    }

    #[test]
    fn french_forms_share_a_stem() {
        let coop = fr("coopérative");
        for w in [
            "coopératives",
            "coopératif",
            "coopératifs",
            "coopération",
            "coopérateurs",
            "COOPERATIVE",
        ] {
            assert_eq!(fr(w), coop, "{w}");
        }
        assert_eq!(fr("liquidation"), fr("liquidateur"));
        assert_eq!(fr("immatriculation"), fr("immatriculer"));
        assert_eq!(fr("immatriculée"), fr("immatriculation"));
        assert_eq!(fr("administrateurs"), fr("administration"));
        assert_eq!(fr("générale"), fr("généraux"));
        assert_eq!(fr("assemblées"), fr("assemblée"));
        assert_eq!(fr("statuts"), "statut");
        assert_eq!(fr("membres"), fr("membre"));
        assert_eq!(fr("activité"), fr("actif"));
        assert_eq!(fr("active"), fr("actif"));
        assert_eq!(fr("direction"), fr("directeur"));
        assert_eq!(fr("constitution"), fr("constituer"));
        assert_eq!(fr("financement"), fr("financer"));
        assert_eq!(fr("créée"), fr("créer"));
        assert_eq!(fr("créé"), fr("création"));
        assert_eq!(fr("annuelle"), fr("annuel"));
        assert_eq!(fr("capitaux"), "capital");
        assert_eq!(fr("réserves"), fr("réserve"));
    }

    #[test]
    fn french_short_words_are_kept() {
        assert_eq!(fr("loi"), "loi");
        assert_eq!(fr("part"), "part");
        assert_eq!(fr("coop"), "coop");
        assert_eq!(fr("unité"), "unit");
    }
}
