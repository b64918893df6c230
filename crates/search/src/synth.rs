//! Synthetic Moroccan-looking cooperative names and query variants, for the recall test and the
//! benchmark example. Deterministic (seeded), dependency-free. Not part of the stable API.
//!
//! Words are generated as sound sequences and rendered in both scripts (with a random choice
//! among the usual French spellings), so that a name comes with a consistent Arabic and Latin
//! form, and variants (another spelling, a typo, another order …) can be derived from it.

/// Small, fast, seedable PRNG (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// A random element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Consonants: Arabic letter and the usual Latin spellings (first = most common).
const CONS: &[(&str, &[&str])] = &[
    ("ب", &["b"]),
    ("ت", &["t"]),
    ("ث", &["th", "t"]),
    ("ج", &["j", "dj"]),
    ("ح", &["h"]),
    ("خ", &["kh", "x"]),
    ("د", &["d"]),
    ("ذ", &["dh", "d"]),
    ("ر", &["r", "rr"]),
    ("ز", &["z", "zz"]),
    ("س", &["s", "ss"]),
    ("ش", &["ch", "sh"]),
    ("ص", &["s", "ss"]),
    ("ض", &["d", "dh"]),
    ("ط", &["t"]),
    ("ع", &[""]),
    ("غ", &["gh", "r"]),
    ("ف", &["f"]),
    ("ق", &["k", "q"]),
    ("ك", &["k"]),
    ("ل", &["l", "ll"]),
    ("م", &["m", "mm"]),
    ("ن", &["n", "nn"]),
    ("ه", &["h"]),
];

/// Vowel after a consonant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// Short a, not written in Arabic.
    Short,
    /// ا
    LongA,
    /// ي
    LongI,
    /// و
    LongU,
    /// No vowel (only at the end of a word).
    None,
}

/// A generated word: its sounds, and whether it takes the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Initial semivowel: 0 none, 1 و, 2 ي.
    initial: u8,
    syllables: Vec<(u8, Vowel)>,
    feminine: bool,
    /// Takes the article ال / Al.
    pub article: bool,
}

impl Word {
    fn random(rng: &mut Rng) -> Word {
        let n = 2 + rng.below(2);
        let initial = if rng.chance(0.1) {
            1 + rng.below(2) as u8
        } else {
            0
        };
        let mut syllables = Vec::with_capacity(n);
        for i in 0..n {
            let c = rng.below(CONS.len()) as u8;
            let last = i + 1 == n;
            let v = match rng.below(if last { 6 } else { 5 }) {
                0 | 1 => Vowel::Short,
                2 => Vowel::LongA,
                3 => Vowel::LongI,
                4 => Vowel::LongU,
                _ => Vowel::None,
            };
            syllables.push((c, v));
        }
        let feminine = rng.chance(0.2) && syllables.last().is_some_and(|s| s.1 == Vowel::Short);
        Word {
            initial,
            syllables,
            feminine,
            article: rng.chance(0.3),
        }
    }

    /// Arabic spelling.
    pub fn arabic(&self, rng: &mut Rng, variants: bool) -> String {
        let mut s = String::new();
        if self.article {
            s.push_str("ال");
        }
        match self.initial {
            1 => s.push_str("وا"),
            2 => s.push_str("يا"),
            _ => {}
        }
        for &(c, v) in &self.syllables {
            s.push_str(CONS[c as usize].0);
            if variants && rng.chance(0.3) {
                s.push(*rng.pick(&['\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}']));
            }
            if variants && rng.chance(0.05) {
                s.push('\u{0640}');
            }
            match v {
                Vowel::LongA => s.push('ا'),
                Vowel::LongI => s.push('ي'),
                Vowel::LongU => s.push('و'),
                Vowel::Short | Vowel::None => {}
            }
        }
        if self.feminine {
            s.push('ة');
        }
        if variants {
            // Hamza forms and ة/ه, ى/ي confusions.
            if let Some(rest) = s.strip_prefix("ا") {
                s = format!("{}{rest}", rng.pick(&["أ", "إ", "ا"]));
            }
            if let Some(rest) = s.strip_suffix('ة') {
                if rng.chance(0.5) {
                    s = format!("{rest}ه");
                }
            } else if let Some(rest) = s.strip_suffix('ي').filter(|_| rng.chance(0.5)) {
                s = format!("{rest}ى");
            }
        }
        s
    }

    /// Latin spelling; `alt` picks random alternative spellings.
    pub fn latin(&self, rng: &mut Rng, alt: bool) -> String {
        let mut s = String::new();
        if self.article {
            let art = if alt {
                *rng.pick(&["Al ", "El ", "Al-", "El-", "Al"])
            } else {
                "Al "
            };
            s.push_str(art);
        }
        match self.initial {
            1 => s.push_str(if alt && rng.chance(0.5) { "wa" } else { "oua" }),
            2 => s.push_str("ya"),
            _ => {}
        }
        for &(c, v) in &self.syllables {
            let spellings = CONS[c as usize].1;
            let sp = if alt { *rng.pick(spellings) } else { spellings[0] };
            s.push_str(sp);
            let vowel = match v {
                Vowel::Short => {
                    if alt && rng.chance(0.4) {
                        "e"
                    } else {
                        "a"
                    }
                }
                Vowel::LongA => "a",
                Vowel::LongI => "i",
                Vowel::LongU => {
                    if alt && rng.chance(0.3) {
                        "u"
                    } else {
                        "ou"
                    }
                }
                Vowel::None => {
                    if sp.is_empty() {
                        "a"
                    } else {
                        ""
                    }
                }
            };
            s.push_str(vowel);
        }
        if self.feminine {
            s.push('a');
        }
        capitalize_words(&s)
    }
}

fn capitalize_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// Real-looking distinctive words (Arabic, French spelling), mixed into the vocabulary.
pub const REAL_WORDS: &[(&str, &str)] = &[
    ("النور", "Annour"),
    ("الأمل", "Al Amal"),
    ("الشروق", "Echourouk"),
    ("الخير", "Al Khair"),
    ("الوفاء", "El Wafae"),
    ("تيويزي", "Tiwizi"),
    ("تافيلالت", "Tafilalet"),
    ("درعة", "Draa"),
    ("زهرة", "Zahrat"),
    ("الفتح", "Al Fath"),
    ("النجاح", "Annajah"),
    ("السلام", "Essalam"),
    ("البركة", "Al Baraka"),
    ("الإخلاص", "Al Ikhlas"),
    ("التضامن", "Attadamoun"),
    ("الأطلس", "Al Atlas"),
    ("تودغى", "Todgha"),
    ("إملشيل", "Imilchil"),
    ("مرزوكة", "Merzouga"),
    ("بوكماز", "Bouguemez"),
    ("تيغزى", "Tighza"),
    ("الرحمة", "Errahma"),
    ("الصفاء", "Essafae"),
    ("المستقبل", "Al Moustakbal"),
    ("الوحدة", "Al Wahda"),
    ("الازدهار", "Al Izdihar"),
    ("تنغير", "Tinghir"),
    ("زاكورة", "Zagora"),
    ("الريف", "Rif"),
    ("أكادير", "Agadir"),
];

/// Product/activity phrases appended to names (Arabic, French).
const SUFFIXES: &[(&str, &str)] = &[
    ("للحليب ومشتقاته", "laitière"),
    ("لإنتاج الكسكس", "pour la production du couscous"),
    ("للتمور", "des dattes"),
    ("للزعفران", "du safran"),
    ("النسوية", "féminine"),
    ("الفلاحية", "agricole"),
    ("لتربية النحل", "apicole"),
    ("للأركان", "d'argane"),
    ("للنسيج", "de tissage"),
    ("للزرابي", "des tapis"),
    ("لتربية الماعز", "d'élevage caprin"),
    (
        "للنباتات العطرية والطبية",
        "des plantes aromatiques et médicinales",
    ),
];

/// A generated name with its parts.
#[derive(Debug, Clone)]
pub struct SynthName {
    /// Arabic name as registered.
    pub ar: String,
    /// French name as registered.
    pub fr: String,
    /// Distinctive words (indices into the generator's vocabulary).
    pub words: Vec<usize>,
    /// Generic prefix (Arabic, French).
    pub prefix: (&'static str, &'static str),
    /// Optional product phrase (Arabic, French).
    pub suffix: Option<(&'static str, &'static str)>,
    /// Starts with «أيت» / *Aït*.
    pub ait: bool,
}

/// Kinds of query variants measured by recall tests (see the issue's benchmark targets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariantKind {
    /// Arabic name with hamza forms, ة/ه, ى/ي, harakat, tatweel.
    LetterVariants,
    /// Latin name spelled another usual way.
    Transliteration,
    /// The name in the other script than the registered one.
    CrossScript,
    /// Distinctive words in another order.
    WordOrder,
    /// One letter inserted, deleted, replaced or two swapped in a distinctive word.
    Typo,
    /// Without the generic words (legal form, product).
    MissingGeneric,
}

impl VariantKind {
    /// All kinds.
    pub const ALL: [VariantKind; 6] = [
        VariantKind::LetterVariants,
        VariantKind::Transliteration,
        VariantKind::CrossScript,
        VariantKind::WordOrder,
        VariantKind::Typo,
        VariantKind::MissingGeneric,
    ];
}

/// Generates names from a vocabulary of random and real words, with a skewed (Zipf-like)
/// word frequency like real registers.
#[derive(Debug, Clone)]
pub struct Generator {
    /// Vocabulary of distinctive words.
    pub vocab: Vec<Word>,
    /// Spelling of the real words (index < REAL_WORDS.len()).
    real: usize,
    rng: Rng,
    /// Distinctive word sets already used: registered names are unique.
    used: std::collections::HashSet<(bool, Vec<usize>)>,
}

impl Generator {
    /// A generator with `vocab_size` random words plus the real ones.
    pub fn new(seed: u64, vocab_size: usize) -> Self {
        let mut rng = Rng::new(seed);
        let mut vocab = Vec::with_capacity(vocab_size + REAL_WORDS.len());
        for _ in 0..REAL_WORDS.len() {
            vocab.push(Word {
                initial: 0,
                syllables: Vec::new(),
                feminine: false,
                article: false,
            });
        }
        // Registered names are unique, so words are too: no two vocabulary words may be
        // spelled the same (after normalisation and without the article) in either script.
        let canon = |s: &str| -> String {
            let n = crate::normalize::normalize(s);
            crate::normalize::words(&n)
                .filter_map(|w| crate::lexicon::analyze(w).map(|(t, _)| t.to_owned()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut seen = std::collections::HashSet::new();
        for (ar, fr) in REAL_WORDS {
            seen.insert(canon(ar));
            seen.insert(canon(fr));
        }
        let mut attempts = 0;
        while vocab.len() < vocab_size + REAL_WORDS.len() && attempts < vocab_size * 20 {
            attempts += 1;
            let w = Word::random(&mut rng);
            let ar = canon(&w.arabic(&mut rng, false));
            let fr = canon(&w.latin(&mut rng, false));
            if ar.is_empty() || fr.is_empty() || seen.contains(&ar) || seen.contains(&fr) {
                continue;
            }
            seen.insert(ar);
            seen.insert(fr);
            vocab.push(w);
        }
        Generator {
            vocab,
            real: REAL_WORDS.len(),
            rng,
            used: std::collections::HashSet::new(),
        }
    }

    fn word_ar(&mut self, w: usize, variants: bool) -> String {
        if w < self.real {
            let ar = REAL_WORDS[w].0;
            if variants {
                return ar.replacen('ا', "أ", 1).replacen('ة', "ه", 1);
            }
            return ar.to_owned();
        }
        let word = self.vocab[w].clone();
        word.arabic(&mut self.rng, variants)
    }

    fn word_fr(&mut self, w: usize, alt: bool) -> String {
        if w < self.real {
            let fr = REAL_WORDS[w].1;
            if alt {
                return fr.replace("Al ", "El ").replace("ou", "u").replace("ch", "sh");
            }
            return fr.to_owned();
        }
        let word = self.vocab[w].clone();
        word.latin(&mut self.rng, alt)
    }

    fn pick_word(&mut self) -> usize {
        // Skewed: low indices (incl. the real words) are much more frequent.
        let u = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * self.vocab.len() as f64) as usize % self.vocab.len()
    }

    /// A new random name, whose distinctive words differ from all previous names'.
    pub fn name(&mut self) -> SynthName {
        let (words, ait) = loop {
            let n = match self.rng.below(10) {
                0..=3 => 1,
                4..=8 => 2,
                _ => 3,
            };
            let mut words = Vec::with_capacity(n);
            while words.len() < n {
                let w = self.pick_word();
                if !words.contains(&w) {
                    words.push(w);
                }
            }
            let ait = self.rng.chance(0.08);
            let mut set = words.clone();
            set.sort_unstable();
            if self.used.insert((ait, set)) {
                break (words, ait);
            }
        };
        let n = words.len();
        let prefix = if self.rng.chance(0.05) {
            ("اتحاد تعاونيات", "Union des coopératives")
        } else {
            ("تعاونية", "Coopérative")
        };
        let suffix = self.rng.chance(0.5).then(|| *self.rng.pick(SUFFIXES));
        let mut name = SynthName {
            ar: String::new(),
            fr: String::new(),
            words,
            prefix,
            suffix,
            ait,
        };
        let order: Vec<usize> = (0..n).collect();
        name.ar = self.render_ar(&name, &order, false, true);
        name.fr = self.render_fr(&name, &order, false, true);
        name
    }

    fn render_ar(&mut self, n: &SynthName, order: &[usize], variants: bool, generic: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        if generic {
            parts.push(n.prefix.0.to_owned());
        }
        if n.ait {
            parts.push("أيت".to_owned());
        }
        for &i in order {
            parts.push(self.word_ar(n.words[i], variants));
        }
        if let Some(s) = n.suffix.filter(|_| generic) {
            parts.push(s.0.to_owned());
        }
        parts.join(" ")
    }

    fn render_fr(&mut self, n: &SynthName, order: &[usize], alt: bool, generic: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        if generic {
            parts.push(n.prefix.1.to_owned());
        }
        if n.ait {
            parts.push(if alt { "Ait" } else { "Aït" }.to_owned());
        }
        for &i in order {
            parts.push(self.word_fr(n.words[i], alt));
        }
        if let Some(s) = n.suffix.filter(|_| generic) {
            parts.push(s.1.to_owned());
        }
        let s = parts.join(" ");
        if alt && self.rng.chance(0.3) {
            s.to_uppercase()
        } else {
            s
        }
    }

    /// A query variant of `n`. `registered_ar` says which script the name is registered in
    /// (used by [`VariantKind::CrossScript`], which queries the other one).
    pub fn variant(&mut self, n: &SynthName, kind: VariantKind, registered_ar: bool) -> String {
        let k = n.words.len();
        let order: Vec<usize> = (0..k).collect();
        match kind {
            VariantKind::LetterVariants => self.render_ar(n, &order, true, true),
            VariantKind::Transliteration => self.render_fr(n, &order, true, true),
            VariantKind::CrossScript => {
                if registered_ar {
                    n.fr.clone()
                } else {
                    n.ar.clone()
                }
            }
            VariantKind::WordOrder => {
                let mut order = order;
                if k >= 2 {
                    order.rotate_left(1);
                }
                if self.rng.chance(0.5) {
                    self.render_ar(n, &order, false, true)
                } else {
                    self.render_fr(n, &order, false, true)
                }
            }
            VariantKind::Typo => {
                let use_ar = self.rng.chance(0.5);
                let mut words: Vec<String> = (0..k)
                    .map(|i| {
                        if use_ar {
                            self.word_ar(n.words[i], false)
                        } else {
                            self.word_fr(n.words[i], false)
                        }
                    })
                    .collect();
                // Typo in the longest distinctive word (real typos hit long words more).
                let longest = (0..k).max_by_key(|&i| words[i].chars().count()).unwrap_or(0);
                words[longest] = self.typo(&words[longest]);
                let (pre, suf) = if use_ar {
                    (n.prefix.0, n.suffix.map(|s| s.0))
                } else {
                    (n.prefix.1, n.suffix.map(|s| s.1))
                };
                let mut parts = vec![pre.to_owned()];
                if n.ait {
                    parts.push(if use_ar { "أيت" } else { "Aït" }.to_owned());
                }
                parts.extend(words);
                if let Some(s) = suf {
                    parts.push(s.to_owned());
                }
                parts.join(" ")
            }
            VariantKind::MissingGeneric => {
                if self.rng.chance(0.5) {
                    self.render_ar(n, &order, false, false)
                } else {
                    self.render_fr(n, &order, false, false)
                }
            }
        }
    }

    fn typo(&mut self, w: &str) -> String {
        typo(&mut self.rng, w)
    }
}

/// One letter inserted, deleted, replaced, or two swapped in `w` (never in a leading article).
pub fn typo(rng: &mut Rng, w: &str) -> String {
    let mut chars: Vec<char> = w.chars().collect();
    // Do not touch a leading article.
    let skip = if w.starts_with("ال") {
        2
    } else if w.starts_with("Al ") || w.starts_with("El ") {
        3
    } else {
        0
    };
    if chars.len() <= skip + 1 {
        return w.to_owned();
    }
    let arabic = chars.iter().any(|c| ('\u{0600}'..='\u{06FF}').contains(c));
    let alphabet: Vec<char> = if arabic {
        "بتجحدرزسشصطعفقكلمنهوي".chars().collect()
    } else {
        "bdfghklmnrstz".chars().collect()
    };
    let i = skip + rng.below(chars.len() - skip);
    match rng.below(4) {
        0 => chars[i] = *rng.pick(&alphabet),
        1 => {
            chars.remove(i);
        }
        2 => chars.insert(i, *rng.pick(&alphabet)),
        _ => {
            if i + 1 < chars.len() {
                chars.swap(i, i + 1);
            } else {
                chars.swap(i - 1, i);
            }
        }
    }
    chars.into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// Variants of names given as text (any register, e.g. `taawun synth`'s), for labelled queries.

/// True for an Arabic letter or mark.
fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

/// True when the word carries only legal form, sector or function meaning (تعاونية,
/// *coopérative*, النسوية, *de* …): what a founder leaves out when typing a name.
fn is_generic_word(w: &str) -> bool {
    let n = crate::normalize::normalize(w);
    crate::normalize::words(&n)
        .all(|part| crate::lexicon::analyze(part).is_none_or(|(_, class)| !class.tier.is_core()))
}

/// Another Arabic spelling of the same name: hamza forms, ة/ه, ى/ي, harakat, tatweel.
fn letter_variant(rng: &mut Rng, ar: &str) -> String {
    let words: Vec<String> = ar
        .split(' ')
        .map(|w| {
            let mut s = String::with_capacity(w.len() + 8);
            for c in w.chars() {
                s.push(c);
                if is_arabic(c) && rng.chance(0.15) {
                    s.push(*rng.pick(&['\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}']));
                }
                if is_arabic(c) && rng.chance(0.03) {
                    s.push('\u{0640}');
                }
            }
            if let Some(rest) = s.strip_prefix("ال") {
                if let Some(r) = rest.strip_prefix('ا') {
                    s = format!("ال{}{r}", rng.pick(&["أ", "إ"]));
                }
            } else if let Some(r) = s.strip_prefix('ا') {
                s = format!("{}{r}", rng.pick(&["أ", "إ"]));
            } else if let Some(r) = s.strip_prefix('أ').or_else(|| s.strip_prefix('إ')) {
                s = format!("ا{r}");
            }
            if let Some(r) = s.strip_suffix('ة') {
                s = format!("{r}ه");
            } else if let Some(r) = s.strip_suffix('ي').filter(|_| rng.chance(0.5)) {
                s = format!("{r}ى");
            }
            s
        })
        .collect();
    words.join(" ")
}

/// Another usual Latin spelling: ou/u, ch/sh, Al/El, accents dropped, case changed.
fn transliteration_variant(rng: &mut Rng, fr: &str) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("ou", "u"),
        ("ch", "sh"),
        ("Al ", "El "),
        ("El ", "Al "),
        ("kh", "x"),
        ("ss", "s"),
        ("é", "e"),
        ("è", "e"),
        ("ï", "i"),
        ("dj", "j"),
        ("gh", "r"),
        ("ai", "ay"),
        ("ou", "w"),
        ("Aït", "Ait"),
    ];
    let mut s = fr.to_owned();
    let mut changed = 0;
    for _ in 0..4 {
        let (from, to) = *rng.pick(SWAPS);
        if s.contains(from) {
            s = s.replacen(from, to, 1);
            changed += 1;
            if changed >= 2 {
                break;
            }
        }
    }
    if changed == 0 || rng.chance(0.3) {
        s = if rng.chance(0.5) {
            s.to_uppercase()
        } else {
            s.to_lowercase()
        };
    }
    s
}

/// A query variant of a registered name given as text: `ar`/`fr` are its registered forms
/// (empty when absent). `None` when this kind cannot be made from this name (e.g. a word order
/// change of a one-word name, a cross-script query of a name registered in both scripts).
pub fn text_variant(rng: &mut Rng, ar: &str, fr: &str, kind: VariantKind) -> Option<String> {
    let pick = |rng: &mut Rng| -> Option<&str> {
        match (ar.is_empty(), fr.is_empty()) {
            (false, false) => Some(if rng.chance(0.5) { ar } else { fr }),
            (false, true) => Some(ar),
            (true, false) => Some(fr),
            (true, true) => None,
        }
    };
    let out = match kind {
        VariantKind::LetterVariants => letter_variant(rng, (!ar.is_empty()).then_some(ar)?),
        VariantKind::Transliteration => transliteration_variant(rng, (!fr.is_empty()).then_some(fr)?),
        // The caller gives the other script's form as the registered one's partner: here
        // the name is registered in one script only and queried in the other.
        VariantKind::CrossScript => return None,
        VariantKind::WordOrder => {
            let name = pick(rng)?;
            let words: Vec<&str> = name.split(' ').collect();
            // The distinctive words move; the legal form stays in front.
            let movable: Vec<usize> = (0..words.len()).filter(|&i| !is_generic_word(words[i])).collect();
            if movable.len() < 2 {
                return None;
            }
            let mut out: Vec<&str> = words.clone();
            let (a, b) = (movable[0], movable[movable.len() - 1]);
            out.swap(a, b);
            out.join(" ")
        }
        VariantKind::Typo => {
            let name = pick(rng)?;
            let mut words: Vec<String> = name.split(' ').map(str::to_owned).collect();
            let longest = (0..words.len())
                .filter(|&i| !is_generic_word(&words[i]))
                .max_by_key(|&i| words[i].chars().count())?;
            if words[longest].chars().count() < 4 {
                return None;
            }
            words[longest] = typo(rng, &words[longest]);
            words.join(" ")
        }
        VariantKind::MissingGeneric => {
            let name = pick(rng)?;
            let kept: Vec<&str> = name.split(' ').filter(|w| !is_generic_word(w)).collect();
            let total = name.split(' ').count();
            if kept.is_empty() || kept.len() == total {
                return None;
            }
            kept.join(" ")
        }
    };
    (out != ar && out != fr).then_some(out)
}
