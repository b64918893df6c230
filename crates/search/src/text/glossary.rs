//! The bilingual glossary of cooperative work: Arabic ↔ French terms and their variants.
//!
//! It serves two purposes at query time:
//!
//! * **Translation.** When a question has no good answer in its own language, its terms are
//!   translated here and the other language's pages are searched (the office publishes some
//!   guides in one language only).
//! * **Variants.** Broken plurals (عضو / أعضاء, وثيقة / وثائق), synonyms (تقييد / تسجيل,
//!   *soutien* / *appui*) and abbreviations (*AG*, *PV*) that no stemmer can conflate are
//!   added to a query, with a lower weight, in its own language.
//!
//! Entries are written naturally (one concept per line, variants separated by `|`, multiword
//! terms allowed) and analysed at first use with the same pipeline as the pages (normalisation,
//! stopwords, stemming), so what is stored and matched are index terms: «مجلس الإدارة» becomes
//! `مجلس ادار`, *conseil d'administration* becomes `conseil administr`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::DocLang;
use super::analyze;

/// One concept per line: (Arabic variants, French variants). The first variant of each side is
/// the usual term. Keep variants specific: a word listed here is matched wherever it occurs in
/// a question, and the whole line is added to the search.
const ENTRIES: &[(&str, &str)] = &[
    // The cooperative and its members.
    (
        "تعاونية|تعاونيات|التعاون|العمل التعاوني|تعاوني",
        "coopérative|coopératives|coopération|coopérateur|coop|travail coopératif",
    ),
    (
        "اتحاد|اتحادات|اتحاد التعاونيات",
        "union|unions|union de coopératives",
    ),
    (
        "جامعة|الجامعة الوطنية للتعاونيات",
        "fédération|fédération nationale des coopératives",
    ),
    ("عضو|أعضاء|عضوية", "membre|membres|qualité de membre"),
    (
        "منخرط|منخرطين|منخرطون|انخراط",
        "adhérent|adhérents|adhésion|adhérer",
    ),
    (
        "مؤسس|مؤسسين|مؤسسون|الأعضاء المؤسسين",
        "fondateur|fondateurs|membres fondateurs",
    ),
    (
        "تأسيس|إحداث|إنشاء|أسس|يؤسس",
        "constitution|création|créer|constituer|fonder|fondation",
    ),
    ("شريك|شركاء", "associé|associés|partenaire"),
    ("نساء|نسوية|المرأة|امرأة", "femmes|féminine|femme"),
    ("شباب|الشباب", "jeunes|jeunesse"),
    ("حاملي الشهادات|خريجين|خريجي", "diplômés|lauréats"),
    // Capital and money.
    ("رأسمال|رأس المال|رأس مال|الرأسمال", "capital|capital social"),
    ("حصة|حصص|الحصص", "part|parts|part sociale|parts sociales"),
    ("قيمة اسمية|القيمة الاسمية", "valeur nominale"),
    (
        "مساهمة|مساهمات|اكتتاب|حصة عينية|حصص عينية",
        "apport|apports|souscription|contribution|apport en nature",
    ),
    ("تحرير|أداء|دفع", "libération|paiement|versement|libérer"),
    (
        "احتياطي|احتياطيات|الاحتياطي القانوني",
        "réserve|réserves|réserve légale",
    ),
    ("فائض|فوائض|الفائض الصافي", "excédent|excédents|excédent net"),
    ("عجز|خسارة|خسائر", "déficit|perte|pertes"),
    ("ربح|أرباح|أرباح الأسهم", "bénéfice|bénéfices|profit|dividende"),
    ("عائد|عائدات|الرجوع", "ristourne|ristournes|retour"),
    (
        "توزيع|توزيعه|وزع|يوزع",
        "répartition|distribution|affectation|répartir|distribuer",
    ),
    ("حساب بنكي|الحساب البنكي", "compte bancaire"),
    ("بنك|أبناك|مصرف|مصارف|البنك", "banque|banques"),
    ("تمويل|التمويل|ممول", "financement|financer|financier"),
    ("قرض|قروض|سلف|القرض", "crédit|prêt|prêts|emprunt"),
    ("منحة|منح|إعانة|إعانات", "subvention|subventions|don"),
    ("مال|أموال|مالي|مالية", "argent|fonds|financier"),
    (
        "رسوم|مصاريف|تكاليف|تكلفة",
        "frais|coût|coûts|tarif|droits d'enregistrement",
    ),
    ("مجاني|مجانا|بالمجان", "gratuit|gratuitement|gratuite"),
    (
        "ضريبة|ضرائب|جبائي|جبائية|جبايات",
        "impôt|impôts|fiscal|fiscalité|taxe",
    ),
    ("إعفاء|إعفاءات|معفاة|معفى", "exonération|exonérations|exonéré"),
    ("الضريبة على القيمة المضافة", "TVA|taxe sur la valeur ajoutée"),
    ("الضريبة على الشركات", "impôt sur les sociétés|IS"),
    ("الضريبة على الدخل", "impôt sur le revenu|IR"),
    ("ميزانية|الميزانية", "budget|bilan"),
    (
        "حسابات|القوائم التركيبية|القوائم المالية",
        "comptes|états de synthèse|états financiers",
    ),
    ("محاسبة|محاسب|المحاسبة", "comptabilité|comptable"),
    (
        "سنة مالية|السنة المالية|الدورة المالية",
        "exercice|exercice comptable|exercice social",
    ),
    ("جرد", "inventaire"),
    (
        "مصادقة|المصادقة|صادق|يصادق|موافقة",
        "approbation|approuver|approuvé|adoption|adopter",
    ),
    // Governance.
    (
        "جمع عام|الجمع العام|جمعية عامة|الجمعية العامة|جمعية عمومية",
        "assemblée générale|AG|assemblées générales",
    ),
    ("جمع عام عادي|جمع عام سنوي", "assemblée générale ordinaire|AGO"),
    (
        "جمع عام استثنائي|جمع عام غير عادي",
        "assemblée générale extraordinaire|AGE",
    ),
    (
        "مجلس الإدارة|مجلس إدارة|المجلس الإداري",
        "conseil d'administration|CA",
    ),
    ("مجلس", "conseil"),
    ("إدارة|الإدارة|تسيير", "administration|gestion|administrer|gérer"),
    ("مسير|مسيرين|مسيرون|المسير", "gérant|gérants|gérante"),
    ("رئيس|رئيسة|الرئيس", "président|présidente"),
    ("نائب الرئيس|نائب", "vice-président|vice-présidente"),
    ("أمين المال|أمين الصندوق", "trésorier|trésorière"),
    ("كاتب|الكاتب العام|كاتب المجلس", "secrétaire|secrétaire général"),
    (
        "مراقب الحسابات|مدقق الحسابات|مراقبي الحسابات",
        "commissaire aux comptes|auditeur|audit",
    ),
    ("ولاية|مدة الانتداب|انتداب", "mandat|mandats"),
    ("انتخاب|انتخابات|ينتخب|منتخب", "élection|élire|élu|élus"),
    ("تصويت|التصويت|صوت|أصوات", "vote|voter|voix"),
    ("نصاب|النصاب القانوني", "quorum"),
    ("أغلبية|الأغلبية|أغلبية مطلقة", "majorité|majorité absolue"),
    ("دعوة|استدعاء|الدعوة", "convocation|convoquer"),
    ("اجتماع|اجتماعات", "réunion|réunions|session"),
    ("جدول الأعمال", "ordre du jour"),
    ("قرار|قرارات|مقرر", "décision|décisions|délibération|résolution"),
    ("مداولات|مداولة", "délibérations|délibération"),
    ("استقالة|الاستقالة", "démission|démissionner"),
    ("إقصاء|طرد|الإقصاء", "exclusion|exclure|exclu"),
    ("انسحاب|الانسحاب", "retrait|se retirer"),
    ("حقوق|حق", "droits|droit"),
    ("واجبات|التزامات|التزام", "obligations|devoirs|engagement"),
    ("مسؤولية|المسؤولية|مسؤول", "responsabilité|responsable"),
    ("نظام أساسي|النظام الأساسي|القانون الأساسي", "statuts|statut"),
    ("نظام داخلي|النظام الداخلي", "règlement intérieur"),
    ("محضر|محاضر|البيفي", "procès-verbal|procès-verbaux|PV"),
    ("تحرير المحضر|صياغة|كتابة المحضر", "rédaction|rédiger|rédigé"),
    ("تصريح|إقرار|صرح|يصرح", "déclaration|déclarer|déclarations"),
    (
        "إثبات|ثبت|يثبت|نثبت|دليل",
        "preuve|prouver|justifier|justificatif",
    ),
    (
        "تحقق|التحقق|تأكد|نتحقق",
        "vérifier|vérification|s'assurer|contrôler",
    ),
    ("تقرير|تقارير", "rapport|rapports"),
    ("التقرير الأدبي|تقرير النشاط", "rapport moral|rapport d'activité"),
    ("التقرير المالي", "rapport financier"),
    (
        "تعديل|تغيير|تعديلات|تبديل|بدل|يغير",
        "modification|modifier|modifications|changement|changer",
    ),
    ("تحيين", "mise à jour|actualisation"),
    // Life events of a cooperative.
    (
        "ملاءمة|ملائمة|مطابقة|تكييف|الملاءمة",
        "mise en conformité|adaptation|conformité|mise à niveau",
    ),
    ("حل|الحل|يحل|تحل", "dissolution|dissoudre|dissous"),
    ("تصفية|مصفي|المصفي", "liquidation|liquidateur|liquider"),
    ("اندماج|دمج|الاندماج", "fusion|fusionner"),
    ("انقسام|تقسيم", "scission"),
    ("تشطيب|شطب|التشطيب", "radiation|radier|radié"),
    ("توقف|توقيف|تجميد", "suspension|cessation|arrêt"),
    ("تحويل", "transformation|transfert"),
    (
        "تفويت|نقل الحصص|تحويل الحصص",
        "cession|cession de parts|transfert de parts",
    ),
    ("استرجاع|استرداد|إرجاع", "remboursement|restitution|rembourser"),
    ("إرث|ورثة|وفاة", "héritage|héritiers|décès"),
    // Registration and formalities.
    ("سجل|السجل|سجلات", "registre|registres"),
    (
        "سجل التعاونيات|السجل المحلي للتعاونيات",
        "registre des coopératives|registre local",
    ),
    ("السجل المركزي", "registre central"),
    (
        "تقييد|تسجيل|قيد|التقييد",
        "immatriculation|inscription|enregistrement|immatriculer|inscrire",
    ),
    ("شهادة سلبية|الشهادة السلبية", "certificat négatif"),
    ("شهادة|شواهد", "certificat|attestation|certificats"),
    ("كتابة الضبط|كاتب الضبط", "greffe|greffier"),
    (
        "محكمة ابتدائية|المحكمة الابتدائية",
        "tribunal de première instance",
    ),
    ("محكمة|المحكمة|محاكم", "tribunal|tribunaux|juridiction"),
    ("رئيس المحكمة", "président du tribunal"),
    (
        "وثيقة|وثائق|مستندات|الوثائق المطلوبة",
        "document|documents|pièces|pièces justificatives",
    ),
    ("ملف|ملفات", "dossier|dossiers"),
    ("طلب|طلبات|الطلب", "demande|demandes|requête"),
    ("إيداع|الإيداع|يودع", "dépôt|déposer|dépose"),
    ("وصل|الوصل|وصل الإيداع", "récépissé|reçu|accusé de réception"),
    ("اسم|تسمية|التسمية", "nom|dénomination|appellation"),
    ("مقر|المقر الاجتماعي|مقر اجتماعي", "siège|siège social"),
    ("عنوان|العنوان", "adresse|domiciliation"),
    ("توقيع|إمضاء|مصادقة على الإمضاء", "signature|légalisation|signer"),
    (
        "بطاقة التعريف الوطنية|بطاقة التعريف",
        "carte d'identité nationale|CIN|carte nationale",
    ),
    ("نسخة|نسخ", "copie|copies|exemplaire"),
    (
        "نموذج|نماذج|استمارة|مطبوع",
        "modèle|formulaire|imprimé|formulaires",
    ),
    ("أجل|آجال|مدة|المدة|وقت", "délai|délais|durée|temps"),
    ("تاريخ", "date"),
    (
        "نشر|الجريدة الرسمية|إشهار",
        "publication|bulletin officiel|publicité",
    ),
    ("إعلان|إعلانات", "annonce|avis"),
    (
        "إلكتروني|رقمي|عبر الإنترنت|منصة|منصة إلكترونية",
        "électronique|en ligne|plateforme|numérique",
    ),
    ("بوابة|موقع", "portail|site"),
    ("بطاقة|البطاقة", "carte"),
    // Law and authorities.
    ("قانون|القانون", "loi"),
    ("ظهير|الظهير الشريف", "dahir"),
    ("مرسوم|المرسوم", "décret"),
    ("قرار وزاري", "arrêté|arrêté ministériel"),
    ("مادة|المادة|الفصل", "article|articles"),
    ("مقتضيات|أحكام", "dispositions|disposition"),
    ("شروط|شرط|الشروط", "conditions|condition"),
    (
        "عقوبة|عقوبات|غرامة|غرامات",
        "sanction|sanctions|amende|amendes|pénalité",
    ),
    ("مخالفة|مخالفات", "infraction|infractions|contravention"),
    ("مراقبة|رقابة|المراقبة", "contrôle|contrôler|surveillance"),
    ("تفتيش|افتحاص", "inspection|audit"),
    ("نزاع|نزاعات|خلاف", "litige|conflit|différend"),
    ("تحكيم|وساطة|صلح", "arbitrage|médiation|conciliation"),
    ("طعن|الطعن", "recours|contester"),
    ("تعرض|اعتراض", "opposition"),
    ("عدل|موثق|محامي", "adoul|notaire|avocat"),
    (
        "مكتب تنمية التعاون|المكتب",
        "Office du développement de la coopération|ODCO|office",
    ),
    (
        "وزارة|الوزارة|الوزارة الوصية|السلطة الحكومية",
        "ministère|tutelle|autorité gouvernementale",
    ),
    ("عمالة|إقليم|العمالة", "préfecture|province"),
    ("جهة|جهات|الجهة", "région|régions|régional"),
    (
        "جماعة|الجماعة|الجماعات الترابية",
        "commune|collectivités territoriales|communal",
    ),
    (
        "سلطة محلية|السلطات المحلية|القائد",
        "autorité locale|autorités locales|caïd",
    ),
    (
        "المبادرة الوطنية للتنمية البشرية|المبادرة الوطنية",
        "INDH|initiative nationale pour le développement humain",
    ),
    ("تنمية|التنمية", "développement"),
    (
        "اقتصاد اجتماعي|الاقتصاد الاجتماعي والتضامني",
        "économie sociale|économie sociale et solidaire|ESS",
    ),
    ("تضامن|تضامني|تضامنية", "solidarité|solidaire"),
    ("قروي|العالم القروي|البادية", "rural|monde rural"),
    (
        "ضمان اجتماعي|الضمان الاجتماعي|الصندوق الوطني للضمان الاجتماعي",
        "sécurité sociale|CNSS",
    ),
    (
        "تغطية صحية|التأمين الإجباري عن المرض",
        "couverture médicale|AMO|assurance maladie",
    ),
    ("تأمين|التأمين", "assurance|assurer"),
    // Activity, market and support.
    ("نشاط|أنشطة|الأنشطة", "activité|activités"),
    ("قطاع|قطاعات", "secteur|secteurs|filière"),
    ("فلاحة|فلاحي|فلاحية|زراعة|زراعي", "agriculture|agricole|agricoles"),
    (
        "صناعة تقليدية|حرفي|حرفيين|الصناعة التقليدية",
        "artisanat|artisanal|artisans",
    ),
    ("سكن|السكن|سكنية", "habitat|logement"),
    ("صيد بحري", "pêche|pêche maritime"),
    ("تربية المواشي|الماشية", "élevage|bétail"),
    ("منتوج|منتجات|منتوجات|المنتجات", "produit|produits"),
    ("إنتاج|الإنتاج", "production|produire"),
    ("تثمين|تحويل المنتوجات", "valorisation|transformation"),
    (
        "غذائي|غذائية|المنتجات الغذائية",
        "alimentaire|produits alimentaires|denrées alimentaires",
    ),
    (
        "سلامة صحية|السلامة الصحية",
        "sécurité sanitaire|sécurité sanitaire des aliments",
    ),
    ("ترخيص صحي|الترخيص الصحي|رخصة صحية", "autorisation sanitaire"),
    ("ترخيص|رخصة", "autorisation|licence|permis"),
    (
        "اعتماد|الاعتماد|الاعتماد الصحي",
        "agrément|agrément sanitaire|agréé",
    ),
    (
        "المكتب الوطني للسلامة الصحية للمنتجات الغذائية|أونسا",
        "ONSSA|Office national de sécurité sanitaire des produits alimentaires",
    ),
    ("جودة|الجودة", "qualité"),
    (
        "علامة|علامة تجارية|شارة|علامة مميزة",
        "label|marque|signe distinctif",
    ),
    (
        "تسويق|التسويق|تجارة",
        "commercialisation|marketing|commerce|commercialiser",
    ),
    ("بيع|مبيعات|البيع", "vente|ventes|vendre"),
    ("شراء|مشتريات|اقتناء", "achat|achats|acheter|acquisition"),
    ("تصدير|التصدير", "exportation|export|exporter"),
    ("معرض|معارض|المعرض", "foire|salon|exposition|foires|salons"),
    (
        "سوق متنقل|الأسواق المتنقلة|أسواق متنقلة",
        "marché itinérant|marchés itinérants",
    ),
    ("سوق|أسواق|السوق", "marché|marchés"),
    ("زبون|زبناء|مستهلك", "client|clients|consommateur"),
    ("دعم|مساندة|مساعدة|الدعم", "soutien|appui|aide|aides"),
    (
        "مواكبة|مصاحبة|تأطير|المواكبة",
        "accompagnement|encadrement|accompagner",
    ),
    ("تكوين|التكوين|تدريب", "formation|formations|former"),
    ("مشروع|مشاريع|المشروع", "projet|projets"),
    (
        "دعوة لتقديم المشاريع|طلب مشاريع|دعوة لتقديم مشاريع",
        "appel à projets|appel à candidatures",
    ),
    ("برنامج|برامج", "programme|programmes"),
    ("لجنة|لجان|اللجنة", "comité|commission|comités"),
    ("شراكة|اتفاقية|اتفاقيات", "partenariat|convention|conventions"),
    ("عقد|عقود", "contrat|contrats"),
    (
        "مقاولة|مقاولات|شركة|شركات",
        "entreprise|entreprises|société|sociétés",
    ),
    ("جمعية|جمعيات", "association|associations"),
    ("تجمع ذو نفع اقتصادي", "groupement d'intérêt économique|GIE"),
    (
        "أجير|أجراء|مستخدم|مستخدمين",
        "salarié|salariés|employé|employés|personnel",
    ),
    ("تشغيل|الشغل|منصب شغل", "emploi|emplois"),
    ("عمل|العمل", "travail"),
    ("معدات|تجهيزات|آلات", "équipement|équipements|matériel"),
    ("أرض|عقار|العقار", "terrain|foncier|terre"),
    ("كراء|الكراء", "location|bail|loyer"),
    ("هبة|تبرع|تبرعات", "don|donation|dons"),
    ("خدمات|خدمة", "services|service"),
    ("عدد|العدد", "nombre"),
    ("الحد الأدنى|حد أدنى|أدنى", "minimum|seuil minimal"),
    ("الحد الأقصى|حد أقصى|أقصى", "maximum|plafond"),
    ("سنة|سنوات|سنوي|سنويا", "an|ans|année|années|annuel|annuellement"),
    ("شهر|أشهر|شهور", "mois"),
    ("يوم|أيام", "jour|jours"),
    ("درهم|دراهم", "dirham|dirhams|DH|MAD"),
    ("ملكية|ملك", "propriété|propriétaire"),
    (
        "استفادة|المستفيدين|مستفيد",
        "bénéficier|bénéficiaires|bénéficiaire",
    ),
    ("معلومات|المعلومات|بيانات", "informations|données|renseignements"),
];

/// Index of [`ENTRIES`] and its analysed variants.
#[derive(Debug)]
pub(crate) struct Glossary {
    /// For each concept, its variants as index terms: `[arabic, french]`.
    concepts: Vec<[Vec<Vec<String>>; 2]>,
    /// First term of a variant → (concept, side, variant).
    by_first: HashMap<String, Vec<(u32, DocLang, u32)>>,
}

/// A glossary term found in a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Line of the glossary.
    pub concept: usize,
    /// How many query terms it covers.
    pub len: usize,
}

pub(crate) static GLOSSARY: LazyLock<Glossary> = LazyLock::new(Glossary::build);

impl Glossary {
    fn build() -> Glossary {
        let mut concepts = Vec::with_capacity(ENTRIES.len());
        let mut by_first: HashMap<String, Vec<(u32, DocLang, u32)>> = HashMap::new();
        for (ci, (ar, fr)) in ENTRIES.iter().enumerate() {
            let mut sides: [Vec<Vec<String>>; 2] = Default::default();
            for (lang, text) in [(DocLang::Ar, ar), (DocLang::Fr, fr)] {
                let side = &mut sides[lang.index()];
                for variant in text.split('|') {
                    let terms = analyze::query_terms(variant)
                        .into_iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>();
                    if terms.is_empty() || side.contains(&terms) {
                        continue;
                    }
                    by_first
                        .entry(terms[0].clone())
                        .or_default()
                        .push((ci as u32, lang, side.len() as u32));
                    side.push(terms);
                }
            }
            concepts.push(sides);
        }
        Glossary { concepts, by_first }
    }

    /// Number of concepts.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// The longest glossary term of language `lang` that `terms` starts with (first line wins
    /// among equally long ones).
    pub fn find(&self, terms: &[&str], lang: DocLang) -> Option<Found> {
        let first = terms.first()?;
        let mut best: Option<Found> = None;
        for &(ci, side, vi) in self.by_first.get(*first)? {
            if side != lang {
                continue;
            }
            let variant = &self.concepts[ci as usize][side.index()][vi as usize];
            let n = variant.len();
            let matches = n <= terms.len() && variant.iter().zip(terms).all(|(a, b)| a == b);
            if matches && best.is_none_or(|b| n > b.len) {
                best = Some(Found {
                    concept: ci as usize,
                    len: n,
                });
            }
        }
        best
    }

    /// True when some glossary term starts with `term`.
    pub fn knows(&self, term: &str) -> bool {
        self.by_first.contains_key(term)
    }

    /// Variants of a concept in one language, as index terms.
    pub fn variants(&self, concept: usize, lang: DocLang) -> &[Vec<String>] {
        self.concepts
            .get(concept)
            .map_or(&[], |sides| sides[lang.index()].as_slice())
    }
}

/// Every Arabic word of the glossary, as written: the stemmer uses them to recognise domain
/// words whose first letter looks like a proclitic.
pub(crate) fn arabic_words() -> impl Iterator<Item = &'static str> {
    ENTRIES
        .iter()
        .flat_map(|(ar, _)| ar.split(['|', ' ']))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        analyze::query_terms(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn every_line_has_both_languages() {
        let g = &*GLOSSARY;
        assert!(g.len() >= 150, "{} concepts", g.len());
        for (i, (ar, fr)) in ENTRIES.iter().enumerate() {
            assert!(!g.variants(i, DocLang::Ar).is_empty(), "{ar}");
            assert!(!g.variants(i, DocLang::Fr).is_empty(), "{fr}");
        }
    }

    #[test]
    fn multiword_terms_are_found_longest_first() {
        let g = &*GLOSSARY;
        let q = terms("conseil d'administration de la coopérative");
        let q: Vec<&str> = q.iter().map(String::as_str).collect();
        let found = g.find(&q, DocLang::Fr).expect("found");
        assert_eq!(found.len, 2);
        let ar = g.variants(found.concept, DocLang::Ar);
        assert!(ar.contains(&terms("مجلس الإدارة")), "{ar:?}");
        let q = terms("الجمع العام الاستثنائي");
        let q: Vec<&str> = q.iter().map(String::as_str).collect();
        let found = g.find(&q, DocLang::Ar).expect("found");
        assert_eq!(found.len, 3);
        assert!(g.variants(found.concept, DocLang::Fr).contains(&terms("AGE")));
        assert_eq!(g.find(&q, DocLang::Fr), None);
    }
}
