//! Behaviour of [`TextIndex`] on small, hand-written knowledge bases.

use super::*;

fn doc(key: &str, lang: DocLang, title: &str, body: &str) -> TextDoc {
    TextDoc {
        key: key.to_owned(),
        lang,
        title: title.to_owned(),
        body: body.to_owned(),
        keywords: String::new(),
    }
}

fn keys(hits: &[TextHit]) -> Vec<String> {
    hits.iter()
        .map(|h| format!("{}.{}", h.key, h.lang.as_str()))
        .collect()
}

fn top(index: &TextIndex, q: &str, lang: DocLang) -> Option<String> {
    keys(&index.search(q, lang, 5)).into_iter().next()
}

/// A small bilingual knowledge base; `dissolution` exists only in Arabic.
fn kb() -> TextIndex {
    let mut idx = TextIndex::new();
    for d in [
        doc(
            "q001",
            DocLang::Ar,
            "ما هو الحد الأدنى لعدد أعضاء التعاونية؟",
            "يجب ألا يقل عدد الأعضاء المؤسسين للتعاونية عن خمسة أشخاص ذاتيين، طبقا للقانون 112.12.",
        ),
        doc(
            "q001",
            DocLang::Fr,
            "Quel est le nombre minimum de membres d'une coopérative ?",
            "Une coopérative est constituée d'au moins cinq membres fondateurs, personnes physiques, selon la loi 112-12.",
        ),
        doc(
            "q002",
            DocLang::Ar,
            "كيف يتم تقييد التعاونية في السجل؟",
            "يودع المسير ملف التقييد لدى كتابة الضبط بالمحكمة الابتدائية داخل أجل شهر من تاريخ الجمع العام التأسيسي.",
        ),
        doc(
            "q002",
            DocLang::Fr,
            "Comment immatriculer la coopérative au registre ?",
            "Le gérant dépose le dossier d'immatriculation au greffe du tribunal de première instance dans le mois qui suit l'assemblée générale constitutive.",
        ),
        doc(
            "guide/vie#dissolution",
            DocLang::Ar,
            "حل التعاونية وتصفيتها",
            "تحل التعاونية بقرار من الجمع العام الاستثنائي، ثم يعين مصفي يتولى تصفية أموالها وفق القانون.",
        ),
        doc(
            "q003",
            DocLang::Fr,
            "Qui siège au conseil d'administration ?",
            "Le conseil d'administration est élu par l'assemblée générale parmi les membres pour un mandat de quatre ans.",
        ),
        doc(
            "q004",
            DocLang::Fr,
            "Le rôle du conseil",
            "Un conseil de gestion peut exister. L'administration fiscale demande des comptes chaque année en 2019.",
        ),
    ] {
        idx.upsert(d);
    }
    idx
}

#[test]
fn finds_the_question_in_its_language() {
    let idx = kb();
    assert_eq!(idx.len(), 7);
    assert_eq!(
        top(&idx, "عدد أعضاء التعاونية", DocLang::Ar).as_deref(),
        Some("q001.ar")
    );
    assert_eq!(
        top(&idx, "membres d'une coopérative", DocLang::Ar).as_deref(),
        Some("q001.fr")
    );
    assert_eq!(
        top(&idx, "immatriculation registre", DocLang::Fr).as_deref(),
        Some("q002.fr")
    );
    assert_eq!(
        top(&idx, "كيفاش نسجل التعاونية فالسجل", DocLang::Ar).as_deref(),
        Some("q002.ar")
    );
}

#[test]
fn cross_language_fallback() {
    let idx = kb();
    let hits = idx.search("dissolution coopérative", DocLang::Fr, 5);
    assert_eq!(
        keys(&hits).first().map(String::as_str),
        Some("guide/vie#dissolution.ar"),
        "{hits:?}"
    );
    let text: String = hits[0].snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(text.contains("تحل التعاونية"), "{text}");
    // The same question in Arabic finds it directly.
    assert_eq!(
        top(&idx, "حل التعاونية", DocLang::Fr).as_deref(),
        Some("guide/vie#dissolution.ar")
    );
}

#[test]
fn only_the_arabic_page_exists() {
    let mut idx = TextIndex::new();
    idx.upsert(doc(
        "guide/dissolution",
        DocLang::Ar,
        "حل التعاونية",
        "يقرر الجمع العام الاستثنائي حل التعاونية وتعيين مصف.",
    ));
    let hits = idx.search("dissolution cooperative", DocLang::Fr, 3);
    assert_eq!(keys(&hits), ["guide/dissolution.ar"]);
    assert!(idx.search("recette du couscous", DocLang::Fr, 3).is_empty());
}

#[test]
fn a_good_answer_in_its_own_language_is_not_translated() {
    let idx = kb();
    let hits = idx.search("conseil d'administration", DocLang::Fr, 10);
    assert!(hits.iter().all(|h| h.lang == DocLang::Fr), "{hits:?}");
}

#[test]
fn typos_are_tolerated() {
    let idx = kb();
    assert_eq!(
        top(&idx, "immatriculaton registre", DocLang::Fr).as_deref(),
        Some("q002.fr")
    );
    assert_eq!(
        top(&idx, "conseil d'adminsitration", DocLang::Fr).as_deref(),
        Some("q003.fr")
    );
    assert_eq!(
        top(&idx, "تقيبد التعاونية", DocLang::Ar).as_deref(),
        Some("q002.ar")
    );
    // Short words are not corrected: «loi» is not «lot».
    assert!(idx.search("lot", DocLang::Fr, 5).is_empty());
}

#[test]
fn numbers_match_exactly() {
    let idx = kb();
    let hits = idx.search("112.12", DocLang::Fr, 5);
    let mut k = keys(&hits);
    k.sort();
    assert_eq!(k, ["q001.fr"]);
    // The reader's language decides for a question without letters... and the other
    // language is tried when it has nothing.
    assert_eq!(keys(&idx.search("112-12", DocLang::Ar, 1)), ["q001.ar"]);
    assert_eq!(keys(&idx.search("2019", DocLang::Ar, 5)), ["q004.fr"]);
    assert!(idx.search("112.13", DocLang::Fr, 5).is_empty());
    assert!(idx.search("2018", DocLang::Fr, 5).is_empty());
}

#[test]
fn adjacent_terms_rank_higher() {
    let idx = kb();
    let hits = idx.search("conseil administration", DocLang::Fr, 5);
    assert_eq!(keys(&hits)[..2], ["q003.fr", "q004.fr"]);
    let p = idx.plan(
        &analyze::query_terms("conseil administration"),
        [false, true],
        false,
    );
    let q3 = idx.by_key[&("q003".to_owned(), DocLang::Fr)];
    let q4 = idx.by_key[&("q004".to_owned(), DocLang::Fr)];
    let bonus = |slot| idx.adjacency(&p, slot, idx.doc(slot).expect("doc"));
    assert!(bonus(q3) > 0.0);
    assert_eq!(bonus(q4), 0.0);
}

#[test]
fn snippets_highlight_the_matched_words() {
    let idx = kb();
    let hits = idx.search("كتابة الضبط بالمحكمة الابتدائية", DocLang::Ar, 1);
    let highlighted: Vec<&str> = hits[0]
        .snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(highlighted, ["كتابة", "الضبط", "بالمحكمة", "الابتدائية"]);
    let body = "يودع المسير ملف التقييد لدى كتابة الضبط بالمحكمة الابتدائية داخل أجل شهر من تاريخ الجمع العام التأسيسي";
    let all: String = hits[0].snippet.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(all, body);
}

#[test]
fn upsert_replaces_and_remove_forgets() {
    let mut idx = kb();
    let n = idx.len();
    idx.upsert(doc(
        "q003",
        DocLang::Fr,
        "Qui nomme le liquidateur ?",
        "L'assemblée générale extraordinaire nomme un liquidateur.",
    ));
    assert_eq!(idx.len(), n);
    let hits = idx.search("élu pour un mandat", DocLang::Fr, 5);
    assert!(hits.is_empty(), "{hits:?}");
    assert_eq!(top(&idx, "liquidateur", DocLang::Fr).as_deref(), Some("q003.fr"));
    idx.remove("q003", DocLang::Fr);
    idx.remove("q003", DocLang::Fr);
    idx.remove("absent", DocLang::Ar);
    assert_eq!(idx.len(), n - 1);
    assert!(!idx.contains("q003", DocLang::Fr));
    // Liquidation is still found, in Arabic now (التصفية), since no French page has it.
    assert_eq!(
        top(&idx, "liquidation", DocLang::Fr).as_deref(),
        Some("guide/vie#dissolution.ar")
    );
    // Removing the Arabic version of q001 keeps the French one.
    idx.remove("q001", DocLang::Ar);
    assert!(idx.contains("q001", DocLang::Fr));
    assert_eq!(top(&idx, "أعضاء", DocLang::Ar).as_deref(), Some("q001.fr"));
    // Slots are reused and statistics stay consistent.
    idx.upsert(doc("q001", DocLang::Ar, "أعضاء التعاونية", "خمسة أعضاء"));
    assert_eq!(top(&idx, "أعضاء", DocLang::Ar).as_deref(), Some("q001.ar"));
    for key in ["q001", "q002", "guide/vie#dissolution", "q004"] {
        for lang in DocLang::ALL {
            idx.remove(key, lang);
        }
    }
    assert!(idx.is_empty());
    assert!(idx.search("التعاونية", DocLang::Ar, 5).is_empty());
    assert!(idx.stats.iter().all(|s| s.docs == 0 && s.len_sum == [0; 3]));
    assert!(idx.terms.iter().all(|t| t.postings.is_empty()));
}

#[test]
fn ties_are_broken_by_key() {
    let mut idx = TextIndex::new();
    for key in ["b", "c", "a"] {
        idx.upsert(doc(key, DocLang::Fr, "Statuts", "Les statuts."));
    }
    assert_eq!(
        keys(&idx.search("statuts", DocLang::Fr, 5)),
        ["a.fr", "b.fr", "c.fr"]
    );
}

#[test]
fn title_weighs_more_than_body() {
    let mut idx = TextIndex::new();
    idx.upsert(doc("body", DocLang::Fr, "Autre sujet", "Parle des statuts."));
    idx.upsert(doc("title", DocLang::Fr, "Les statuts", "Parle d'autre chose."));
    assert_eq!(top(&idx, "statuts", DocLang::Fr).as_deref(), Some("title.fr"));
}

#[test]
fn mixed_script_questions_search_both_languages() {
    let idx = kb();
    let hits = idx.search("registre السجل", DocLang::Fr, 5);
    let k = keys(&hits);
    assert!(k.contains(&"q002.fr".to_owned()), "{k:?}");
    assert!(k.contains(&"q002.ar".to_owned()), "{k:?}");
}

#[test]
fn glossary_variants_in_the_same_language() {
    let mut idx = TextIndex::new();
    idx.upsert(doc(
        "ag",
        DocLang::Fr,
        "Convocation",
        "L'AG se réunit chaque année.",
    ));
    idx.upsert(doc("other", DocLang::Fr, "Autre", "Réunion du comité."));
    assert_eq!(
        top(&idx, "assemblée générale", DocLang::Fr).as_deref(),
        Some("ag.fr")
    );
    idx.upsert(doc("members", DocLang::Ar, "الأعضاء", "لائحة الأعضاء"));
    assert_eq!(top(&idx, "عضو", DocLang::Ar).as_deref(), Some("members.ar"));
}

#[test]
fn empty_and_stopword_queries() {
    let idx = kb();
    assert!(idx.search("", DocLang::Ar, 5).is_empty());
    assert!(idx.search("  ?! ", DocLang::Ar, 5).is_empty());
    assert!(idx.search("comment est-ce que", DocLang::Fr, 5).is_empty());
    assert!(idx.search("شنو هو", DocLang::Ar, 5).is_empty());
    assert!(idx.search("التعاونية", DocLang::Ar, 0).is_empty());
    assert!(TextIndex::new().search("x", DocLang::Ar, 5).is_empty());
}
