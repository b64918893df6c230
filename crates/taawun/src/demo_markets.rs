//! Demo certifications: the demo manager keeps two food cooperatives of Errachidia — a dates
//! cooperative whose ONSSA authorization expires in 25 days (renewal due, reminder queued) and a
//! honey cooperative half-way through its checklist — and food and handicraft cooperatives of
//! every region hold certificates, so the catalogue can be searched by region and kind.
//!
//! Numbers, issuers and dates are illustrative, not real certificates.

use taawun_domain::{
    Email,
    markets::{RawCertification, is_food_producer},
};
use taawun_store::{Actor, CooperativeFilter, CooperativeRow, Store, StoreError};

const ACTOR: Actor = Actor::System("demo");

/// Per branch: certificate kind, issuer, products (Arabic — French, one per line).
const BY_BRANCH: &[(&str, &str, &str, &str)] = &[
    (
        "dates",
        "onssa_authorization",
        "ONSSA",
        "تمور المجهول — Dattes Mejhoul\nعجينة التمر — Pâte de dattes",
    ),
    (
        "olives",
        "onssa_authorization",
        "ONSSA",
        "زيت الزيتون البكر الممتاز — Huile d’olive extra vierge",
    ),
    (
        "beekeeping",
        "onssa_authorization",
        "ONSSA",
        "عسل الزعتر — Miel de thym\nعسل السدر — Miel de jujubier",
    ),
    (
        "dairy",
        "onssa_approval",
        "ONSSA",
        "حليب مبستر — Lait pasteurisé\nجبن طري — Fromage frais",
    ),
    (
        "saffron",
        "geographical_indication",
        "Ministère de l’Agriculture",
        "زعفران تالوين — Safran de Taliouine (AOP)",
    ),
    (
        "cactus",
        "organic",
        "Ecocert Maroc",
        "زيت بذور الصبار — Huile de pépins de figue de Barbarie",
    ),
    (
        "argan_oil",
        "geographical_indication",
        "Ministère de l’Agriculture",
        "زيت أركان غذائي — Huile d’argan alimentaire (IGP)",
    ),
    (
        "aromatic_medicinal",
        "organic",
        "Ecocert Maroc",
        "زعتر مجفف — Thym séché\nإكليل الجبل — Romarin",
    ),
    (
        "couscous_pasta",
        "onssa_authorization",
        "ONSSA",
        "كسكس الشعير — Couscous d’orge\nالمحمصة — Mhamsa",
    ),
    (
        "carpets",
        "handicraft_label",
        "Ministère de l’Artisanat",
        "زربية أمازيغية منسوجة يدويا — Tapis amazigh tissé main",
    ),
    (
        "weaving_textile",
        "handicraft_label",
        "Ministère de l’Artisanat",
        "حايك — Haïk\nأغطية صوفية — Couvertures en laine",
    ),
    (
        "pottery",
        "handicraft_label",
        "Ministère de l’Artisanat",
        "أواني فخارية — Poterie de Tamegroute",
    ),
];

fn in_days(n: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(n)).to_string()
}

/// Records a certificate, leaving it alone when it is already there (the demo loads again);
/// then the products it covers as product records linked to it, unless the cooperative has
/// products already.
async fn certify(store: &Store, coop: &CooperativeRow, raw: &RawCertification) -> anyhow::Result<()> {
    let today = time::OffsetDateTime::now_utc().date();
    let food = is_food_producer(coop.sector.as_deref(), coop.branch.as_deref());
    let draft = raw
        .parse(food, today)
        .map_err(|e| anyhow::anyhow!("demo certificate {}: {e}", raw.number))?;
    let id = match store.add_certification(coop.id, &draft, &ACTOR).await {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if !store.products_of(coop.id).await?.is_empty() {
        return Ok(());
    }
    let (category, low, high, description_ar, description_fr) = PRODUCT_DETAILS
        .iter()
        .find(|(b, ..)| Some(*b) == coop.branch.as_deref())
        .map_or(("other", 50, 200, "", ""), |(_, c, l, h, ar, fr)| {
            (*c, *l, *h, *ar, *fr)
        });
    for (n, line) in raw.products.lines().enumerate() {
        let (name_ar, name_fr) = line.split_once(" — ").unwrap_or((line, line));
        // The second product of a line is the cheaper one (paste, second choice).
        let factor = if n == 0 { 1 } else { 2 };
        let product = taawun_domain::products::RawProduct {
            category: category.into(),
            name_ar: name_ar.trim().into(),
            name_fr: name_fr.trim().into(),
            description_ar: description_ar.into(),
            description_fr: description_fr.into(),
            price_min_dh: (low / factor).to_string(),
            price_max_dh: (high / factor).to_string(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo product {line}: {e}"))?;
        store.add_product(coop.id, &product, &[id], &ACTOR).await?;
    }
    // A cooperative that sells publishes its contacts for buyers (the managers' choice; the
    // default is unpublished).
    store.set_contact_public(coop.id, true, &ACTOR).await?;
    Ok(())
}

/// Per branch: product category, price range in dirhams (illustrative), descriptions.
const PRODUCT_DETAILS: &[(&str, &str, i64, i64, &str, &str)] = &[
    (
        "dates",
        "dates",
        60,
        140,
        "تمور من واحات الجنوب الشرقي، تباع بالكيلوغرام، في علب من 1 و5 كيلوغرامات.",
        "Dattes des oasis du Sud-Est, au kilo, en boîtes de 1 et 5 kg.",
    ),
    (
        "olives",
        "olive_oil",
        70,
        110,
        "زيت زيتون من العصرة الأولى، باللتر.",
        "Huile d’olive de première pression, au litre.",
    ),
    (
        "beekeeping",
        "honey",
        150,
        400,
        "عسل طبيعي من مناحل التعاونية، في برطمانات من 250 و500 غرام.",
        "Miel naturel des ruchers de la coopérative, pots de 250 et 500 g.",
    ),
    (
        "dairy",
        "dairy",
        10,
        60,
        "منتجات الحليب الطازجة، تحفظ في الثلاجة.",
        "Produits laitiers frais, à conserver au froid.",
    ),
    (
        "saffron",
        "herbs_spices",
        30,
        60,
        "زعفران بالغرام، من قطف هذا الموسم.",
        "Safran au gramme, récolte de la saison.",
    ),
    (
        "cactus",
        "cosmetics",
        250,
        600,
        "زيت مستخلص على البارد، في قنينات من 15 و30 مل.",
        "Huile pressée à froid, flacons de 15 et 30 ml.",
    ),
    (
        "argan_oil",
        "argan_oil",
        180,
        350,
        "زيت أركان غذائي محمص، في قنينات من 250 و500 مل.",
        "Huile d’argan alimentaire torréfiée, flacons de 250 et 500 ml.",
    ),
    (
        "aromatic_medicinal",
        "herbs_spices",
        20,
        80,
        "أعشاب مجففة في الظل، في أكياس من 100 غرام.",
        "Plantes séchées à l’ombre, sachets de 100 g.",
    ),
    (
        "couscous_pasta",
        "cereals",
        25,
        60,
        "كسكس مفتول باليد، بالكيلوغرام.",
        "Couscous roulé à la main, au kilo.",
    ),
    (
        "carpets",
        "carpets",
        1500,
        9000,
        "زرابي منسوجة يدويا من الصوف الطبيعي، حسب المقاس.",
        "Tapis tissés main en laine naturelle, selon la taille.",
    ),
    (
        "weaving_textile",
        "textiles",
        300,
        1500,
        "منسوجات صوفية تقليدية.",
        "Tissages traditionnels en laine.",
    ),
    (
        "pottery",
        "pottery",
        80,
        900,
        "أواني مصنوعة ومطلية يدويا.",
        "Pièces tournées et émaillées à la main.",
    ),
];

/// Active cooperatives of a region and branch, the first `n` by name.
async fn of_branch(
    store: &Store,
    region: &str,
    sector: &str,
    branch: &str,
    n: usize,
) -> anyhow::Result<Vec<CooperativeRow>> {
    let filter = CooperativeFilter {
        region: Some(region.into()),
        sector: Some(sector.into()),
        status: Some("active".into()),
        ..Default::default()
    };
    let (rows, _) = store.list_cooperatives(&filter, None, 2000, 0).await?;
    Ok(rows
        .into_iter()
        .filter(|c| c.branch.as_deref() == Some(branch) && !c.history)
        .take(n)
        .collect())
}

fn sector_of(branch: &str) -> &'static str {
    taawun_domain::SECTORS
        .iter()
        .find(|(_, branches)| branches.contains(&branch))
        .map_or("", |(s, _)| s)
}

pub async fn load(store: &Store) -> anyhow::Result<()> {
    // The demo manager's two food cooperatives in Drâa-Tafilalet.
    let email =
        Email::parse("email", "manager@demo.taawun.example").map_err(|e| anyhow::anyhow!("{}", e.code))?;
    if let Some((manager, _)) = store.user_for_sign_in(&email).await? {
        if let Some(dates) = of_branch(store, "08", "agriculture", "dates", 1).await?.first() {
            store.link_manager(dates.id, manager.id, &ACTOR).await?;
            certify(
                store,
                dates,
                &RawCertification {
                    kind: "onssa_authorization".into(),
                    number: "AS.08.201.DEMO/001".into(),
                    issuer: "ONSSA — Direction régionale Drâa-Tafilalet".into(),
                    products: "تمور المجهول — Dattes Mejhoul\nعجينة التمر — Pâte de dattes".into(),
                    issued_on: in_days(-5 * 365 + 25),
                    expires_on: in_days(25),
                },
            )
            .await?;
        }
        if let Some(honey) = of_branch(store, "08", "agriculture", "beekeeping", 1)
            .await?
            .first()
        {
            store.link_manager(honey.id, manager.id, &ACTOR).await?;
            if store.checklist(honey.id).await?.is_empty() {
                store
                    .set_checklist(honey.id, &["title_known".into(), "premises".into()], &ACTOR)
                    .await?;
            }
        }
    }
    // Certified cooperatives in every region, for the catalogue and the office's coverage.
    for region in 1..=12 {
        let region = format!("{region:02}");
        for (i, (branch, kind, issuer, products)) in BY_BRANCH.iter().enumerate() {
            for (j, coop) in of_branch(store, &region, sector_of(branch), branch, 2)
                .await?
                .iter()
                .enumerate()
            {
                // The demo manager's cooperatives keep their own story: the honey one has no
                // certificate yet (it shows the checklist), the dates one has the one above.
                if region == "08" && matches!(*branch, "beekeeping" | "dates") && j == 0 {
                    continue;
                }
                // Spread the expiry dates: most valid, some due for renewal.
                let days = [400, 700, 60, 1000][(i + j) % 4];
                certify(
                    store,
                    coop,
                    &RawCertification {
                        kind: (*kind).into(),
                        number: format!("DEMO-{region}-{}-{j}", i + 1),
                        issuer: (*issuer).into(),
                        products: (*products).into(),
                        issued_on: in_days(days - 3 * 365),
                        expires_on: in_days(days),
                    },
                )
                .await?;
            }
        }
    }
    events(store).await
}

/// Two fairs: last year's, its stands allocated (the rotation counts it), and the coming dates
/// fair of Erfoud with applications waiting for the national agent to allocate its stands.
async fn events(store: &Store) -> anyhow::Result<()> {
    if !store.market_events(1000).await?.is_empty() {
        return Ok(());
    }
    let agent =
        Email::parse("email", "agent@demo.taawun.example").map_err(|e| anyhow::anyhow!("{}", e.code))?;
    let organiser = store.user_for_sign_in(&agent).await?.map(|(u, _)| u.id);
    let mut applicants = Vec::new();
    for (region, sector, branch) in [
        ("08", "agriculture", "dates"),
        ("08", "agriculture", "olives"),
        ("07", "agriculture", "dates"),
        ("09", "argan", "argan_oil"),
        ("08", "handicraft", "carpets"),
    ] {
        // Not the demo manager's cooperatives (the first of Errachidia's dates and honey): the
        // manager applies in the browser.
        let skip = usize::from(region == "08" && branch == "dates");
        applicants.extend(
            of_branch(store, region, sector, branch, 2 + skip)
                .await?
                .into_iter()
                .skip(skip),
        );
    }
    let year = time::OffsetDateTime::now_utc().year();
    let fairs = [
        (
            -300,
            3,
            "المعرض الدولي للفلاحة بمكناس",
            "Salon international de l’agriculture de Meknès",
            "مكناس",
            "Meknès",
            "03",
        ),
        (
            40,
            4,
            "المعرض الدولي للتمور بأرفود",
            "Salon international des dattes d’Erfoud",
            "أرفود",
            "Erfoud",
            "08",
        ),
    ];
    for (days, stands, title_ar, title_fr, place_ar, place_fr, region) in fairs {
        let raw = taawun_domain::markets::RawMarketEvent {
            kind: "fair".into(),
            title_ar: format!("{title_ar} {year}"),
            title_fr: format!("{title_fr} {year}"),
            place_ar: place_ar.into(),
            place_fr: place_fr.into(),
            region_code: region.into(),
            starts_on: in_days(days),
            ends_on: in_days(days + 4),
            stands: stands.to_string(),
            conditions_ar: "منتوجات محلية بشهادة سارية إن وجدت؛ حضور عضوين من التعاونية طيلة المعرض.".into(),
            conditions_fr:
                "Produits locaux, certifiés s’il y a lieu ; deux membres présents pendant tout le salon."
                    .into(),
            ..Default::default()
        };
        let draft = raw.parse().map_err(|e| anyhow::anyhow!("demo fair: {e}"))?;
        let id = store.create_market_event(&draft, organiser, &ACTOR).await?;
        for c in &applicants {
            let products = BY_BRANCH
                .iter()
                .find(|(b, ..)| Some(*b) == c.branch.as_deref())
                .map_or("منتوجات محلية — Produits du terroir", |(.., p)| p);
            store.apply_to_market(id, c.id, products, &ACTOR).await?;
        }
        if days < 0 {
            // Last year's fair was allocated by the same rule the site applies.
            let today = time::OffsetDateTime::now_utc().date().to_string();
            let apps = store
                .market_applications(id, &today, taawun_domain::markets::ROTATION_EVENTS)
                .await?;
            let inputs: Vec<taawun_domain::markets::Applicant> = apps
                .iter()
                .map(|a| taawun_domain::markets::Applicant {
                    cooperative_id: a.cooperative_id,
                    recent_places: 0,
                    certified: a.certified,
                    local: a.region_code == draft.region_code,
                    women: taawun_domain::markets::women_majority(a.women_members, a.members),
                })
                .collect();
            let ranking: Vec<(i64, i64, bool)> = taawun_domain::markets::allocate(id, stands, &inputs)
                .iter()
                .map(|r| (r.cooperative_id, i64::from(r.rank), r.allocated))
                .collect();
            store.record_allocation(id, &ranking, &[], &ACTOR).await?;
            // What the cooperatives with a stand reported selling (illustrative figures).
            for (n, (coop, _, _)) in ranking.iter().filter(|(_, _, won)| *won).enumerate() {
                let amount = [18_400, 9_750, 31_200][n % 3];
                store.report_sales(id, *coop, amount, &ACTOR).await?;
            }
        }
    }
    Ok(())
}
