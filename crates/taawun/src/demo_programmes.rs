//! Demo support programmes: INDH Errachidia (the demo partner) runs an open call for
//! income-generating activities in Drâa-Tafilalet, where other cooperatives have already
//! applied and the demo manager can apply too; the partner sits on its preliminary and local
//! committees (as chair) to try each step. Last year's call is decided: its selected projects
//! are on the public list, one followed with its agreement, a disbursement and milestones.
//!
//! Names, amounts and numbers are illustrative.

use std::collections::BTreeMap;

use taawun_domain::{
    Email,
    programmes::{ApplicationDraft, CallDraft, RawApplication, RawCall, RawCriterion},
};
use taawun_store::{
    Actor, Agreement, CooperativeFilter, CooperativeRow, Disbursement, SessionDecision, Store,
};

const ACTOR: Actor = Actor::System("demo");

fn in_days(n: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(n)).to_string()
}

fn call(title_ar: &str, title_fr: &str, opens: i64) -> anyhow::Result<CallDraft> {
    RawCall {
        funder: "INDH — Province d’Errachidia".into(),
        title_ar: title_ar.into(),
        title_fr: title_fr.into(),
        objectives_ar: "دعم الأنشطة المدرة للدخل للتعاونيات، خاصة النسائية منها، في إطار التعاقد والتوافق والتشارك، مع مواكبة حاملي المشاريع المختارة من طرف الولاية ومصالح المبادرة.".into(),
        objectives_fr: "Soutenir les activités génératrices de revenus des coopératives, notamment féminines, par le contrat, le consensus et le partenariat, et accompagner les porteurs de projets retenus avec la Wilaya et les services de l’INDH.".into(),
        region_code: "08".into(),
        adaptation_required: true,
        budget_dh: "1500000".into(),
        ceiling_dh: "250000".into(),
        min_own_percent: "10".into(),
        documents: "محضر الجمع العام الذي صادق على المشروع — Procès-verbal de l’assemblée générale".into(),
        opens_on: in_days(opens),
        closes_on: in_days(opens + 40),
        preliminary_by: in_days(opens + 55),
        decision_by: in_days(opens + 75),
        criteria: vec![
            RawCriterion {
                label_ar: "الأثر على دخل الأعضاء".into(),
                label_fr: "Impact sur les revenus des membres".into(),
                weight: "40".into(),
            },
            RawCriterion {
                label_ar: "قابلية الاستدامة".into(),
                label_fr: "Viabilité".into(),
                weight: "35".into(),
            },
            RawCriterion {
                label_ar: "مشاركة النساء والشباب".into(),
                label_fr: "Participation des femmes et des jeunes".into(),
                weight: "25".into(),
            },
        ],
        levels: BTreeMap::from([
            ("income_generating".into(), "local".into()),
            ("equipment".into(), "local".into()),
            ("marketing".into(), "provincial".into()),
            ("premises".into(), "regional".into()),
        ]),
        ..Default::default()
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("demo call: {e}"))
}

fn project(title: &str, requested: i64, own: i64) -> anyhow::Result<ApplicationDraft> {
    RawApplication {
        project_title: title.into(),
        project_type: "income_generating".into(),
        summary: "تجهيز وحدة للتثمين والتلفيف وتكوين الأعضاء — Équipement d’une unité de valorisation et formation des membres.".into(),
        budget: vec![
            ("تجهيزات — Équipements".into(), (requested + own - 20_000).to_string()),
            ("تكوين — Formation".into(), "20000".into()),
        ],
        own_contribution_dh: own.to_string(),
        requested_dh: requested.to_string(),
        jobs: "5".into(),
    }
    .parse(
        taawun_domain::programmes::CallLimits {
            ceiling_dh: 250_000,
            min_own_percent: 10,
        },
        &[taawun_domain::programmes::ProjectType::IncomeGenerating],
    )
    .map_err(|e| anyhow::anyhow!("demo application: {e}"))
}

/// Active cooperatives of Drâa-Tafilalet not managed by the demo manager, to apply.
async fn applicants(store: &Store, skip: &[i64]) -> anyhow::Result<Vec<CooperativeRow>> {
    let filter = CooperativeFilter {
        region: Some("08".into()),
        status: Some("active".into()),
        ..Default::default()
    };
    let (rows, _) = store.list_cooperatives(&filter, None, 200, 0).await?;
    Ok(rows
        .into_iter()
        .filter(|c| !c.history && !c.pre_112_12 && !skip.contains(&c.id))
        .take(6)
        .collect())
}

async fn submitted(store: &Store, call: i64, coop: i64, draft: &ApplicationDraft) -> anyhow::Result<i64> {
    let id = store.create_application(call, coop, draft, &ACTOR).await?;
    store
        .attach_application_document(id, 0, "pv-ag.pdf", "application/pdf", DEMO_PDF, &ACTOR)
        .await?;
    store.submit_application(id, &[], &ACTOR).await?;
    Ok(id)
}

/// A one-page PDF standing for the scanned minutes of an assembly.
const DEMO_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

pub async fn load(store: &Store) -> anyhow::Result<()> {
    if !store.calls().await?.is_empty() {
        return Ok(());
    }
    let email =
        Email::parse("email", "partner@demo.taawun.example").map_err(|e| anyhow::anyhow!("{}", e.code))?;
    let Some((partner, _)) = store.user_for_sign_in(&email).await? else {
        return Ok(());
    };
    let manager =
        Email::parse("email", "manager@demo.taawun.example").map_err(|e| anyhow::anyhow!("{}", e.code))?;
    let skip: Vec<i64> = match store.user_for_sign_in(&manager).await? {
        Some((m, _)) => store
            .managed_cooperatives(m.id)
            .await?
            .iter()
            .map(|c| c.id)
            .collect(),
        None => Vec::new(),
    };
    let coops = applicants(store, &skip).await?;

    // Last year's call, decided: three selected, one on the waiting list; one project followed.
    let past = store
        .create_call(
            &call(
                "برنامج دعم الأنشطة المدرة للدخل 2025",
                "Programme d’appui aux activités génératrices de revenus 2025",
                -400,
            )?,
            Some(partner.id),
            &ACTOR,
        )
        .await?;
    let mut decisions = Vec::new();
    for (i, c) in coops.iter().take(4).enumerate() {
        let title = [
            "وحدة لتجفيف التين",
            "معصرة صغيرة للزيتون",
            "وحدة لتربية النحل",
            "ورشة للنسيج",
        ][i];
        let id = submitted(
            store,
            past,
            c.id,
            &project(title, 200_000 + 10_000 * i as i64, 30_000)?,
        )
        .await?;
        store.record_preliminary(id, true, "", &[], &ACTOR).await?;
        decisions.push(SessionDecision {
            application_id: id,
            rank: i as i64 + 1,
            status: if i < 3 { "selected" } else { "waitlisted" },
            reason: if i < 3 {
                String::new()
            } else {
                "الميزانية المتبقية لا تكفي — Budget restant insuffisant.".into()
            },
        });
    }
    store
        .record_session(
            past,
            "local",
            "اجتمعت اللجنة المحلية بعمالة الرشيدية بحضور خمسة أعضاء — Séance de la commission locale à la Province d’Errachidia, cinq membres présents.",
            &decisions,
            &[],
            &ACTOR,
        )
        .await?;
    if let Some(first) = decisions.first() {
        let id = first.application_id;
        store
            .record_agreement(
                id,
                &Agreement {
                    number: "INDH-ERR-2025-017".into(),
                    signed_on: in_days(-300),
                    amount_dh: 200_000,
                },
                &ACTOR,
            )
            .await?;
        store
            .add_disbursement(
                id,
                &Disbursement {
                    paid_on: in_days(-280),
                    amount_dh: 120_000,
                    note: "الدفعة الأولى — Première tranche".into(),
                },
                |_, _| Ok(()),
                &ACTOR,
            )
            .await?
            .map_err(|e| anyhow::anyhow!("demo disbursement: {}", e.code))?;
        store
            .add_milestone(id, "تسلم التجهيزات — Équipements livrés", &in_days(-200), &ACTOR)
            .await?;
        store
            .add_milestone(
                id,
                "انطلاق الإنتاج — Démarrage de la production",
                &in_days(45),
                &ACTOR,
            )
            .await?;
        if let Some(m) = store.follow_up(id).await?.milestones.first() {
            store.complete_milestone(id, m.id, &in_days(-210), &ACTOR).await?;
        }
    }

    // This year's call, open: two cooperatives have applied; the partner sits on the committees.
    let open = store
        .create_call(
            &call(
                "برنامج دعم الأنشطة المدرة للدخل 2026",
                "Programme d’appui aux activités génératrices de revenus 2026",
                -10,
            )?,
            Some(partner.id),
            &ACTOR,
        )
        .await?;
    for level in ["preliminary", "local"] {
        store
            .add_committee_member(open, level, partner.id, true, &ACTOR)
            .await?;
        store
            .add_committee_member(past, level, partner.id, true, &ACTOR)
            .await?;
    }
    for (i, c) in coops.iter().skip(4).take(2).enumerate() {
        let title = ["وحدة لتثمين الصبار", "تجهيز ورشة للخياطة"][i];
        submitted(store, open, c.id, &project(title, 150_000, 20_000)?).await?;
    }
    Ok(())
}
