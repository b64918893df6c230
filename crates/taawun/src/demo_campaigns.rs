//! Demo campaigns: the 2018 national awareness campaign as the seed describes it (slogan,
//! target groups, partners, the twelve regional meetings with their dates, the programme of a
//! meeting) and the Errachidia meeting's report as its first published report; then a small
//! campaign dated from today so that registration, the waiting list and check-in can be tried.
//!
//! Times and capacities are not in the seed: they are illustrative.

use anyhow::Context;
use taawun_domain::campaign::{RawCampaign, RawItem, RawMeeting, RawRegistration};
use taawun_store::{Actor, Entry, MeetingReport, NewRegistration, Store};

const ACTOR: Actor = Actor::System("demo");

/// The regional meetings of 2018: city (ar, fr), region, province of the city, date. The
/// closing meeting in Fès had no date in the seed.
const MEETINGS_2018: [(&str, &str, &str, &str, &str); 12] = [
    ("العيون", "Laâyoune", "11", "11.321", "2018-01-12"),
    ("كلميم", "Guelmim", "10", "10.261", "2018-02-16"),
    ("أكادير", "Agadir", "09", "09.001", "2018-05-03"),
    ("الدار البيضاء", "Casablanca", "06", "06.141", "2018-05-08"),
    ("وجدة", "Oujda", "02", "02.411", "2018-05-09"),
    ("القنيطرة", "Kénitra", "04", "04.281", "2018-05-10"),
    ("الرشيدية", "Errachidia", "08", "08.201", "2018-05-10"),
    ("الداخلة", "Dakhla", "12", "12.391", "2018-05-11"),
    ("مراكش", "Marrakech", "07", "07.351", "2018-05-14"),
    ("بني ملال", "Béni Mellal", "05", "05.091", "2018-05-14"),
    ("طنجة", "Tanger", "01", "01.511", "2018-05-14"),
    ("فاس", "Fès", "03", "03.231", ""),
];

/// The programme of a meeting (seed 000): kind, start, end, title (ar, fr), presenter (ar, fr).
const PROGRAMME: [(&str, &str, &str, &str, &str, &str, &str); 10] = [
    (
        "reception",
        "09:00",
        "09:30",
        "استقبال وتسجيل المشاركين",
        "Accueil et inscription des participants",
        "",
        "",
    ),
    (
        "opening",
        "09:30",
        "10:00",
        "كلمات افتتاحية",
        "Allocutions d’ouverture",
        "",
        "",
    ),
    (
        "talk",
        "10:00",
        "10:30",
        "آفاق وتحديات تطوير العمل التعاوني",
        "Perspectives et défis du développement du travail coopératif",
        "مكتب تنمية التعاون",
        "Office du développement de la coopération",
    ),
    (
        "talk",
        "10:30",
        "11:00",
        "تطوير الجودة في مجال منتوجات تعاونيات الصناعة التقليدية",
        "Développer la qualité des produits des coopératives d’artisanat",
        "كتابة الدولة المكلفة بالصناعة التقليدية والاقتصاد الاجتماعي",
        "Secrétariat d’État chargé de l’artisanat et de l’économie sociale",
    ),
    (
        "talk",
        "11:00",
        "11:30",
        "وضعية القطاع بالجهة",
        "La situation du secteur dans la région",
        "الإدارة التقنية المعنية بالنشاط الأكثر تمثيلا بالجهة",
        "L’administration technique de l’activité la plus représentée dans la région",
    ),
    (
        "talk",
        "11:30",
        "12:00",
        "دعم المشاريع التعاونية في إطار المبادرة الوطنية للتنمية البشرية",
        "Le soutien aux projets coopératifs dans le cadre de l’INDH",
        "المبادرة الوطنية للتنمية البشرية",
        "Initiative nationale pour le développement humain (INDH)",
    ),
    (
        "break",
        "12:00",
        "14:00",
        "استراحة الغداء",
        "Pause déjeuner",
        "",
        "",
    ),
    (
        "workshop",
        "14:00",
        "16:00",
        "الإطار القانوني للتعاونيات",
        "Le cadre juridique des coopératives",
        "مكتب تنمية التعاون",
        "ODCO",
    ),
    (
        "workshop",
        "14:00",
        "16:00",
        "التربية المالية",
        "L’éducation financière",
        "",
        "",
    ),
    (
        "workshop",
        "14:00",
        "16:00",
        "جودة منتوجات التعاونيات",
        "La qualité des produits des coopératives",
        "",
        "",
    ),
];

const PARTNERS_AR: &str = "الولاية\nمجلس الجهة\nالغرف المهنية\nوكالة الإنعاش والتنمية الاقتصادية والاجتماعية\nالمكتب الوطني للاستشارة الفلاحية\nالوكالة الوطنية لإنعاش التشغيل والكفاءات\nالإدارات التقنية\nالمنتخبون\nالجامعات";
const PARTNERS_FR: &str = "La Wilaya\nLe conseil régional\nLes chambres professionnelles\nL’agence de promotion et de développement économique et social\nL’Office national du conseil agricole (ONCA)\nL’ANAPEC\nLes administrations techniques\nLes élus\nLes universités";
const ANIMATORS: &str = "Cadres du Secrétariat d’État chargé de l’artisanat et de l’économie sociale / أطر كتابة الدولة\nCadres de l’ODCO / أطر مكتب تنمية التعاون\nINDH / المبادرة الوطنية للتنمية البشرية\nONCA / المكتب الوطني للاستشارة الفلاحية\nDirections régionales de l’agriculture / المديريات الجهوية للفلاحة\nANAPEC\nUniversité / الجامعة";

fn campaign_2018() -> RawCampaign {
    RawCampaign {
        title_ar: "الحملة التحسيسية الوطنية حول آفاق تطوير العمل التعاوني".into(),
        title_fr: "Campagne nationale de sensibilisation sur les perspectives du travail coopératif".into(),
        slogan_ar: "العمل التعاوني، رافعة لنموذج تنموي جديد".into(),
        slogan_fr: "Le travail coopératif, levier d’un nouveau modèle de développement".into(),
        objectives_ar: "تقديم مستجدات القانون رقم 112.12 المتعلق بالتعاونيات\nتحسيس وحث التعاونيات واتحاداتها القائمة على إجراء الملاءمة قبل 31 دجنبر 2019 (القانون رقم 74.16)\nتقديم الحركة التعاونية المغربية: إنجازاتها والمعيقات التي تعترضها".into(),
        objectives_fr: "Présenter les nouveautés de la loi n° 112-12 relative aux coopératives\nSensibiliser les coopératives et unions existantes à la mise en conformité avant le 31 décembre 2019 (loi n° 74-16)\nPrésenter le mouvement coopératif marocain : ses réalisations et ses obstacles".into(),
        axes_ar: "المواكبة وتشجيع المبادرات التعاونية\nتطوير قدرات مسيري التعاونيات\nالتسويق عبر تقنيات الإعلام والتواصل والأسواق المتنقلة والمعارض والمساحات الكبرى وفضاءات العرض بالمطارات ومستقبلا بمحطات القطارات\nالمساعدة على التصديق على منتوجات التعاونيات".into(),
        axes_fr: "Accompagner et encourager les initiatives coopératives\nRenforcer les capacités des dirigeants de coopératives\nCommercialiser par les technologies de l’information, les marchés itinérants, les salons, les grandes surfaces et des espaces d’exposition dans les aéroports, puis les gares\nAider à la certification des produits des coopératives".into(),
        partners_ar: PARTNERS_AR.into(),
        partners_fr: PARTNERS_FR.into(),
        target_groups: [
            "cooperative_manager",
            "cooperative_member",
            "association",
            "chamber",
            "administration",
            "local_authority",
            "student",
        ]
        .map(String::from)
        .to_vec(),
        starts_on: "2018-01-12".into(),
        ends_on: "2018-06-30".into(),
    }
}

fn meeting(
    city_ar: &str,
    city_fr: &str,
    region: &str,
    province: &str,
    date: &str,
    capacity: i64,
) -> RawMeeting {
    RawMeeting {
        level: "regional".into(),
        city_ar: city_ar.into(),
        city_fr: city_fr.into(),
        region_code: region.into(),
        province_code: province.into(),
        venue_ar: String::new(),
        venue_fr: String::new(),
        date: date.into(),
        starts_at: "09:00".into(),
        ends_at: "16:00".into(),
        capacity: capacity.to_string(),
        organisers: "Office du développement de la coopération (ODCO) / مكتب تنمية التعاون\nSecrétariat d’État chargé de l’artisanat et de l’économie sociale / كتابة الدولة المكلفة بالصناعة التقليدية والاقتصاد الاجتماعي".into(),
        partners: PARTNERS_FR.into(),
        animators: ANIMATORS.into(),
    }
}

async fn add_programme(store: &Store, meeting_id: i64) -> anyhow::Result<Vec<i64>> {
    let mut workshops = Vec::new();
    for (kind, start, end, title_ar, title_fr, presenter_ar, presenter_fr) in PROGRAMME {
        let item = RawItem {
            item_kind: kind.into(),
            starts_at: start.into(),
            ends_at: end.into(),
            title_ar: title_ar.into(),
            title_fr: title_fr.into(),
            presenter_ar: presenter_ar.into(),
            presenter_fr: presenter_fr.into(),
            room: if kind == "workshop" {
                format!("{}", workshops.len() + 1)
            } else {
                String::new()
            },
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo programme: {e}"))?;
        let id = store.add_programme_item(meeting_id, &item, &ACTOR).await?;
        if kind == "workshop" {
            workshops.push(id);
        }
    }
    Ok(workshops)
}

/// The Errachidia report (seed 003), in both languages.
fn errachidia_report() -> MeetingReport {
    MeetingReport {
        summary_ar: "انعقد اللقاء التحسيسي يوم الخميس 10 ماي 2018 بالرشيدية في إطار الحملة التحسيسية الوطنية حول آفاق تطوير العمل التعاوني، أمام عدد من رؤساء ورئيسات تعاونيات الإقليم وفاعلين في مجال الاقتصاد الاجتماعي والتضامني.\n\nأبرز اللقاء ما يختزنه القطاع من فرص للتشغيل الذاتي وقيم التعاون والتضامن، وقدم منهجية دعم المشاريع في إطار المبادرة الوطنية للتنمية البشرية، وتطوير جودة منتوجات الصناعة التقليدية، وشروط حصول التعاونيات الغذائية على شهادة السلامة الصحية.".into(),
        summary_fr: "La rencontre de sensibilisation s’est tenue le jeudi 10 mai 2018 à Errachidia, dans le cadre de la campagne nationale sur les perspectives du travail coopératif, devant des présidentes et présidents de coopératives de la province et des acteurs de l’économie sociale et solidaire.\n\nElle a souligné les possibilités d’auto-emploi du secteur et ses valeurs de coopération et de solidarité, présenté la méthode de soutien aux projets de l’INDH, le développement de la qualité des produits de l’artisanat et les conditions d’accès des coopératives alimentaires au certificat sanitaire.".into(),
        speakers_ar: "ممثل عن مكتب تنمية التعاون: وضعية العمل التعاوني بالجهة وأهمية اللقاء\nحسن بوناجي، قسم العمل الاجتماعي بولاية جهة درعة تافيلالت: مبادئ المبادرة الوطنية للتنمية البشرية وطريقة انتقاء المشاريع (لجنة الانتقاء الأولي ثم لجن محلية وإقليمية وجهوية حسب نوع المشروع) ومواكبة حاملي المشاريع\nمحمد باحو، المديرية الإقليمية للصناعة التقليدية بالرشيدية: تطوير الجودة في منتجات تعاونيات الصناعة التقليدية\nرجاء القاسمي، المديرية الجهوية للمكتب الوطني للسلامة الصحية للمنتوجات الغذائية: منهجية الحصول على شهادة جودة المنتوجات الغذائية".into(),
        speakers_fr: "Un représentant de l’ODCO : la situation du travail coopératif dans la région et l’enjeu de la rencontre\nHassan Bounaji, division de l’action sociale de la Wilaya de Drâa-Tafilalet : principes de l’INDH, sélection des projets (comité de présélection puis comités local, provincial ou régional selon le type de projet) et accompagnement des porteurs\nMohamed Bahou, direction provinciale de l’artisanat d’Errachidia : développer la qualité des produits des coopératives d’artisanat\nRaja El Kasmi, direction régionale de l’ONSSA : la méthode d’obtention du certificat de qualité des produits alimentaires".into(),
        figures_ar: "1386 تعاونية بجهة درعة تافيلالت\nأزيد من 146 تعاونية بإقليم الرشيدية\nتمثل تعاونيات الجهة 6 بالمائة من مجموع التعاونيات على الصعيد الوطني\n265 فرعا للإنتاج في الصناعة التقليدية بالإقليم\nالنسيج 70 في المائة من تعاونيات الصناعة التقليدية\n5 تعاونيات فقط في الفخار، وأقل في الجلود".into(),
        figures_fr: "1 386 coopératives dans la région de Drâa-Tafilalet\nPlus de 146 coopératives dans la province d’Errachidia\nLes coopératives de la région représentent 6 % du total national\n265 branches de production artisanale dans la province\nLe textile : 70 % des coopératives d’artisanat\nSeulement 5 coopératives de poterie, moins encore dans le cuir".into(),
        weaknesses_ar: "ضعف التمويل الذاتي\nضعف المشاركة التنموية\nصعوبة الولوج إلى شبكة التسويق\nغياب بنية تحتية ملائمة\nاختلاف جودة الإنتاج من فرع لآخر".into(),
        weaknesses_fr: "Un autofinancement faible\nUne participation faible au développement\nUn accès difficile aux réseaux de commercialisation\nL’absence d’infrastructures adaptées\nUne qualité de production inégale d’une branche à l’autre".into(),
        recommendations_ar: "مواكبة التعاونيات حاملة المشاريع من طرف الولاية ومصالح المبادرة الوطنية للتنمية البشرية\nهدف الوزارة: خلق أكثر من 20 ألف مقاولة في قطاع الصناعة التقليدية\nعرض المنتجات في الصالونات والمعارض لإبراز جودتها وتقوية الموارد\nتمكين التعاونيات الغذائية من شهادة السلامة الصحية لتصدير منتجاتها".into(),
        recommendations_fr: "Accompagnement des coopératives porteuses de projets par la Wilaya et les services de l’INDH\nObjectif du ministère : créer plus de 20 000 entreprises dans l’artisanat\nExposer les produits dans les salons et foires pour en montrer la qualité et renforcer les ressources\nPermettre aux coopératives alimentaires d’obtenir l’autorisation sanitaire pour exporter".into(),
        published_at: None,
    }
}

/// Participants of the Errachidia meeting, to give its figures something to count: name,
/// phone, target group, gender, present.
const ERRACHIDIA_PEOPLE: [(&str, &str, &str, &str, bool); 8] = [
    ("فاطمة أوحمو", "0600000101", "cooperative_manager", "woman", true),
    ("زهرة بلقاسم", "0600000102", "cooperative_manager", "woman", true),
    ("محمد أمزيان", "0600000103", "cooperative_member", "man", true),
    (
        "خديجة الإدريسي",
        "0600000104",
        "cooperative_member",
        "woman",
        false,
    ),
    ("Hassan Ait Ali", "0600000105", "chamber", "man", true),
    ("Amina Ouali", "0600000106", "association", "woman", true),
    ("Youssef Benali", "0600000107", "student", "man", false),
    ("سعيد الحسني", "0600000108", "administration", "man", true),
];

/// Loads the demo campaigns once (when there is none yet).
pub async fn load(store: &Store) -> anyhow::Result<()> {
    if !store.campaigns().await?.is_empty() {
        return Ok(());
    }
    let draft = campaign_2018()
        .parse()
        .map_err(|e| anyhow::anyhow!("demo campaign: {e}"))?;
    let campaign = store.create_campaign(&draft, &ACTOR).await?;
    let no_message = |_: &taawun_store::MeetingRegistration| None;
    for (city_ar, city_fr, region, province, date) in MEETINGS_2018 {
        let m = meeting(city_ar, city_fr, region, province, date, 300)
            .parse()
            .map_err(|e| anyhow::anyhow!("demo meeting {city_fr}: {e}"))?;
        let id = store.create_meeting(campaign, &m, &ACTOR).await?;
        let workshops = add_programme(store, id).await?;
        if city_fr == "Errachidia" {
            for (n, (name, phone, group, gender, present)) in ERRACHIDIA_PEOPLE.into_iter().enumerate() {
                let raw = RawRegistration {
                    name: name.into(),
                    phone: phone.into(),
                    target_group: group.into(),
                    gender: gender.into(),
                    workshops: vec![workshops[n % workshops.len()]],
                    ..Default::default()
                };
                let draft = raw
                    .parse(&workshops)
                    .map_err(|e| anyhow::anyhow!("demo participant: {e}"))?;
                // Registered before the day (registration closes once a meeting is past, but
                // the store records what the office enters).
                let r = store
                    .register_participant(
                        id,
                        &NewRegistration {
                            draft: &draft,
                            token: &taawun_web::random_token(),
                            lang: "ar",
                            entry: Entry::Public,
                        },
                        &no_message,
                        &ACTOR,
                    )
                    .await?;
                if present {
                    store
                        .check_in(id, taawun_store::RegistrationKey::Id(r.registration.id), &ACTOR)
                        .await?;
                }
            }
            store
                .save_meeting_report(id, &errachidia_report(), true, &ACTOR)
                .await
                .context("demo report")?;
        }
    }
    load_upcoming(store).await
}

/// A campaign dated from today, so the public journey can be tried on the demo.
async fn load_upcoming(store: &Store) -> anyhow::Result<()> {
    let today = time::OffsetDateTime::now_utc().date();
    let day = |n: i64| (today + time::Duration::days(n)).to_string();
    let draft = RawCampaign {
        title_ar: "لقاءات تواصلية حول الحكامة التعاونية (عرض تجريبي)".into(),
        title_fr: "Rencontres sur la gouvernance coopérative (démonstration)".into(),
        slogan_ar: "تعاونية منظمة، تعاونية قوية".into(),
        slogan_fr: "Une coopérative en ordre est une coopérative forte".into(),
        objectives_ar: "مسك الوثائق التي يجب أن تحتفظ بها التعاونية\nانعقاد الجموع العامة في آجالها".into(),
        objectives_fr: "Tenir les documents qu’une coopérative doit conserver\nTenir les assemblées générales dans les délais".into(),
        target_groups: vec!["cooperative_manager".into(), "cooperative_member".into()],
        starts_on: day(14),
        ends_on: day(45),
        ..Default::default()
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("demo campaign: {e}"))?;
    let campaign = store.create_campaign(&draft, &ACTOR).await?;
    for (city_ar, city_fr, region, province, offset, capacity) in [
        ("الرشيدية", "Errachidia", "08", "08.201", 14, 120),
        ("أرفود", "Arfoud", "08", "08.201", 21, 40),
        ("ورزازات", "Ouarzazate", "08", "", 28, 80),
    ] {
        let mut raw = meeting(city_ar, city_fr, region, province, &day(offset), capacity);
        if !province.is_empty() {
            raw.level = "provincial".into();
        }
        raw.venue_ar = "قاعة الاجتماعات بمقر العمالة".into();
        raw.venue_fr = "Salle de réunion de la province".into();
        let m = raw
            .parse()
            .map_err(|e| anyhow::anyhow!("demo meeting {city_fr}: {e}"))?;
        let id = store.create_meeting(campaign, &m, &ACTOR).await?;
        add_programme(store, id).await?;
    }
    Ok(())
}
