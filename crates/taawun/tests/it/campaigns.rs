//! Campaigns and meetings end to end on the real server: the office sets up a campaign, a
//! meeting and its programme; the public registers from the form and the API; the capacity
//! holds under a burst of simultaneous registrations; cancellations move the waiting list up;
//! staff check people in; figures, exports, the iCal feed, the kit and the report.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::{Backend, STAFF_PASSWORD, TestApp, location, plain};
use reqwest::StatusCode;
use serde_json::{Value, json};
use taawun_domain::Role;

both_backends!(
    a_meeting_from_set_up_to_report,
    capacity_holds_under_a_burst,
    registrations_are_limited_and_links_are_the_sites_own
);

fn in_days(n: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(n)).to_string()
}

/// Signs in a national office agent and creates a campaign with one meeting of `capacity`
/// places in Errachidia; returns (campaign id, meeting id).
async fn set_up(app: &TestApp, capacity: &str) -> (i64, i64) {
    app.create_staff("agent@office.ma", Role::OfficeAgent, None, None)
        .await;
    assert_eq!(
        app.sign_in("agent@office.ma", STAFF_PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let r = app
        .post_form(
            "/campaigns/new",
            &[
                ("title_ar", "حملة الحكامة"),
                ("title_fr", "Campagne gouvernance"),
                ("slogan_ar", "تعاونية منظمة"),
                ("slogan_fr", "Une coopérative en ordre"),
                ("objectives_fr", "Tenir les registres\nTenir les assemblées"),
                ("target_groups", "cooperative_manager"),
                ("target_groups", "student"),
                ("starts_on", &in_days(1)),
                ("ends_on", &in_days(60)),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let campaign: i64 = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    let r = app
        .post_form(
            &format!("/campaigns/{campaign}/meetings/new"),
            &[
                ("level", "provincial"),
                ("city_ar", "الرشيدية"),
                ("city_fr", "Errachidia"),
                ("region_code", "08"),
                ("province_code", "08.201"),
                ("venue_fr", "Salle de la province"),
                ("date", &in_days(10)),
                ("starts_at", "09:00"),
                ("ends_at", "16:00"),
                ("capacity", capacity),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let to = location(&r);
    assert!(to.ends_with("/programme"), "{to}");
    let meeting: i64 = to.split('/').nth(2).unwrap().parse().unwrap();
    (campaign, meeting)
}

async fn api_register(
    client: &reqwest::Client,
    app: &TestApp,
    meeting: i64,
    body: Value,
) -> (StatusCode, Value) {
    let r = client
        .post(app.url(&format!("/api/v1/meetings/{meeting}/registrations")))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn a_meeting_from_set_up_to_report(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    // Bad input is refused with the field named, in the page's language.
    let r = app
        .post_form("/campaigns/new", &[("title_ar", ""), ("title_fr", "x")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "not signed in: sent to sign in"
    );
    let (campaign, meeting) = set_up(&app, "2").await;
    let r = app
        .post_form(
            &format!("/campaigns/{campaign}/meetings/new"),
            &[
                ("level", "provincial"),
                ("city_ar", "x"),
                ("city_fr", "x"),
                ("region_code", "08"),
                ("capacity", "0"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("href=\"#capacity\"") && page.contains("href=\"#province_code\""),
        "{page}"
    );

    // The programme: a talk and a workshop.
    for (kind, title) in [("talk", "Perspectives"), ("workshop", "Cadre juridique")] {
        let r = app
            .post_form(
                &format!("/meetings/{meeting}/programme"),
                &[
                    ("item_kind", kind),
                    ("starts_at", "10:00"),
                    ("ends_at", "11:00"),
                    ("title_ar", "فقرة"),
                    ("title_fr", title),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let programme = app.store.programme(meeting).await.unwrap();
    let workshop = programme.iter().find(|i| i.kind == "workshop").unwrap().id;

    // The public sees it, in the API as the contract says.
    let (public, _) = app.new_visitor();
    let list: Value = public
        .get(app.url("/api/v1/campaigns"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == campaign)
    );
    let meetings: Value = public
        .get(app.url(&format!("/api/v1/campaigns/{campaign}/meetings?lang=fr")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let m = &meetings["items"][0];
    assert_eq!(
        (m["id"].as_i64(), m["city"].as_str(), m["region_code"].as_str()),
        (Some(meeting), Some("Errachidia"), Some("08"))
    );
    assert_eq!(
        (m["capacity"].as_i64(), m["confirmed_count"].as_i64()),
        (Some(2), Some(0))
    );
    assert_eq!(m["date"].as_str(), Some(in_days(10).as_str()));
    let detail: Value = public
        .get(app.url(&format!("/api/v1/meetings/{meeting}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["programme"].as_array().unwrap().len(), 2);
    assert_eq!(detail["confirmed_count"], 0);

    // Registrations through the API: bad fields named, duplicates caught, capacity then list.
    let (s, e) = api_register(&public, &app, meeting, json!({"name": "Amina", "phone": "0612"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "target_group", "{e}");
    let (s, e) = api_register(
        &public,
        &app,
        meeting,
        json!({"name": "Amina", "phone": "12", "target_group": "student"}),
    )
    .await;
    assert_eq!(
        (s, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("phone"))
    );
    let (s, e) = api_register(
        &public,
        &app,
        meeting,
        json!({"name": "Amina", "target_group": "student"}),
    )
    .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("contact_required"))
    );
    let (s, first) = api_register(
        &public,
        &app,
        meeting,
        json!({"name": "Amina Ouali", "phone": "0612345678", "target_group": "cooperative_manager", "gender": "woman", "workshops": [workshop]}),
    )
    .await;
    assert_eq!(
        (s, first["status"].as_str()),
        (StatusCode::CREATED, Some("confirmed")),
        "{first}"
    );
    let (s, e) = api_register(
        &public,
        &app,
        meeting,
        json!({"name": "Amina O.", "phone": "+212 6 12 34 56 78", "target_group": "student"}),
    )
    .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_registered"))
    );
    let (s, second) = api_register(
        &public,
        &app,
        meeting,
        json!({"name": "Youssef", "email": "youssef@example.ma", "target_group": "student", "gender": "man"}),
    )
    .await;
    assert_eq!(
        (s, second["status"].as_str()),
        (StatusCode::CREATED, Some("confirmed"))
    );

    // Full: the form puts the next person on the waiting list, with a ticket page that says so.
    let visitor = TestApp::at(&app.db.as_ref().unwrap().url).await;
    let r = visitor.get(&format!("/meetings/{meeting}/register")).await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(&format!("name=\"workshops\" value=\"{workshop}\"")),
        "workshops offered"
    );
    let r = visitor
        .post_form(
            &format!("/meetings/{meeting}/register"),
            &[
                ("name", "فاطمة"),
                ("email", "fatima@example.ma"),
                ("target_group", "association"),
                ("gender", "woman"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let ticket = location(&r);
    let (_, page) = visitor.get_text(&ticket).await;
    assert!(
        page.contains("لائحة الانتظار") && page.contains("1"),
        "waitlisted, first in line"
    );
    let outbox = app.store.outbox(Some("meeting_registration"), 10).await.unwrap();
    assert!(
        outbox
            .iter()
            .any(|m| m.to_address == "fatima@example.ma" && m.body.contains(&ticket)),
        "waiting-list e-mail with the ticket link"
    );

    // The first person cancels: Fatima moves up and is told.
    let token = first["ticket_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let r = visitor.post_form(&format!("/tickets/{token}/cancel"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = visitor.get_text(&ticket).await;
    assert!(page.contains("تسجيلك مؤكد"), "moved up: {page}");
    assert_eq!(app.store.meeting(meeting).await.unwrap().confirmed_count, 2);
    let outbox = app.store.outbox(Some("meeting_registration"), 10).await.unwrap();
    assert_eq!(
        outbox
            .iter()
            .filter(|m| m.to_address == "fatima@example.ma")
            .count(),
        2
    );

    // The office moves the meeting by a day: everyone registered is told, in their language.
    let r = app
        .post_form(
            &format!("/meetings/{meeting}/edit"),
            &[
                ("level", "provincial"),
                ("city_ar", "الرشيدية"),
                ("city_fr", "Errachidia"),
                ("region_code", "08"),
                ("province_code", "08.201"),
                ("venue_fr", "Salle de la province"),
                ("date", &in_days(11)),
                ("starts_at", "09:00"),
                ("ends_at", "16:00"),
                ("capacity", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let moved = app.store.outbox(Some("meeting_change"), 10).await.unwrap();
    let told: Vec<_> = moved.iter().map(|m| m.to_address.as_str()).collect();
    assert!(
        told.contains(&"fatima@example.ma") && told.contains(&"youssef@example.ma"),
        "{told:?}"
    );

    // The door: a walk-in is refused when full; tickets are checked in by link, twice is fine;
    // a cancelled ticket is not.
    let r = app
        .post_form(
            &format!("/meetings/{meeting}/walk-in"),
            &[
                ("name", "Sans billet"),
                ("phone", "0700000001"),
                ("target_group", "other"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let full_ticket = app.url(&ticket);
    let door = format!("/meetings/{meeting}/check-in");
    let (_, page) = app.get_text(&door).await;
    assert!(plain(&page).contains("الحاضرون: 0 من أصل"), "{page}");
    let ticket_field = [("ticket", full_ticket.as_str())];
    let check_in = || app.post_form(&door, &ticket_field);
    let r = check_in().await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&location(&r)).await;
    let page = plain(&page);
    assert!(page.contains("سجل حضور") && !page.contains("سبق تسجيل"), "{page}");
    assert!(page.contains("الحاضرون: 1 من أصل"), "the counter moved: {page}");
    // The same ticket again: no second check-in, and the door says when it was done.
    let r = check_in().await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).contains("already=1"));
    let (_, again) = app.get_text(&location(&r)).await;
    assert!(
        plain(&again).contains("سبق تسجيل حضور") && again.contains("class=\"warning\""),
        "{again}"
    );
    let json = app
        .client
        .post(app.url(&format!("/meetings/{meeting}/check-in")))
        .header("accept", "application/json")
        .form(&[
            ("ticket", full_ticket.as_str()),
            ("csrf_token", &app.form_token()),
        ])
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(json["status"], "already_checked_in", "{json}");
    assert!(
        plain(json["message"].as_str().unwrap()).contains("سبق تسجيل حضور"),
        "{json}"
    );
    assert!(
        plain(json["count"].as_str().unwrap()).starts_with("الحاضرون: 1 من أصل"),
        "{json}"
    );
    let r = app
        .client
        .post(app.url(&format!("/meetings/{meeting}/check-in")))
        .header("accept", "application/json")
        .form(&[("ticket", token.as_str()), ("csrf_token", &app.form_token())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "not_confirmed");
    let short = &second["ticket_url"].as_str().unwrap().rsplit('/').next().unwrap()[..8];
    let r = app
        .post_form(&format!("/meetings/{meeting}/check-in"), &[("ticket", short)])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "the eight characters under the QR code are enough"
    );
    let (_, page) = app
        .get_text(&format!("/meetings/{meeting}/check-in?q=youss"))
        .await;
    assert!(page.contains("Youssef"));
    // The door's search forgives spelling like every search: «فاطمه» finds «فاطمة».
    let (_, page) = app
        .get_text(&format!(
            "/meetings/{meeting}/check-in?q=%D9%81%D8%A7%D8%B7%D9%85%D9%87"
        ))
        .await;
    assert!(page.contains("فاطمة"), "{page}");
    let (_, page) = app
        .get_text(&format!(
            "/meetings/{meeting}/check-in?q=%D9%85%D8%B1%D9%8A%D9%85"
        ))
        .await;
    assert!(!page.contains("فاطمة"), "another name finds no one: {page}");

    // Figures and exports, for the meeting's staff only.
    let (_, page) = app.get_text(&format!("/meetings/{meeting}/registrations")).await;
    assert!(page.contains("فاطمة") && page.contains("Youssef"));
    let r = app.get(&format!("/meetings/{meeting}/registrations.csv")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(csv.contains("youssef@example.ma") && csv.contains("فاطمة"));
    let r = app.get(&format!("/campaigns/{campaign}/attendance.xlsx")).await;
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let counts = app.store.attendance(campaign).await.unwrap();
    let present: i64 = counts.iter().filter(|c| c.present).map(|c| c.count).sum();
    let women_present: i64 = counts
        .iter()
        .filter(|c| c.present && c.gender.as_deref() == Some("woman"))
        .map(|c| c.count)
        .sum();
    assert_eq!((present, women_present), (2, 1));
    let (_, page) = app.get_text(&format!("/campaigns/{campaign}/attendance")).await;
    assert!(page.contains("50"), "women's share among the registered is 50 %");
    for path in [
        format!("/meetings/{meeting}/registrations"),
        format!("/meetings/{meeting}/registrations.csv"),
    ] {
        let r = public.get(app.url(&path)).send().await.unwrap();
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "{path}: the public is sent to sign in"
        );
    }
    app.create_staff("agent.souss@office.ma", Role::OfficeAgent, None, Some("09"))
        .await;
    let other = TestApp::at(&app.db.as_ref().unwrap().url).await;
    other.sign_in("agent.souss@office.ma", STAFF_PASSWORD).await;
    assert_eq!(
        other.get(&format!("/meetings/{meeting}/check-in")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        other
            .get(&format!("/meetings/{meeting}/registrations.csv"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // The calendar feed, the kit, the programme on paper.
    let (status, ics) = visitor
        .get_text(&format!("/campaigns/{campaign}/meetings.ics"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        ics.contains("BEGIN:VEVENT")
            && ics.contains(&format!("DTSTART:{}T090000", in_days(11).replace('-', "")))
    );
    let (status, kit) = visitor.get_text(&format!("/meetings/{meeting}/kit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kit.contains("/kb/guides/founding.pdf") && kit.contains("/kit/questions.pdf"));
    let r = visitor
        .get(&format!("/meetings/{meeting}/programme.pdf?lang=fr"))
        .await;
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));

    // The report: publishing needs both summaries; once published, everyone reads it.
    let r = app
        .post_form(
            &format!("/meetings/{meeting}/report/edit"),
            &[("summary_ar", "خلاصة"), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &format!("/meetings/{meeting}/report/edit"),
            &[
                ("summary_ar", "انعقد اللقاء بحضور المسيرات."),
                ("summary_fr", "La rencontre a réuni des dirigeantes."),
                ("weaknesses_fr", "Autofinancement faible\nAccès au marché"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = visitor.get_text(&format!("/meetings/{meeting}")).await;
    assert!(page.contains("انعقد اللقاء بحضور المسيرات."));
    visitor.get("/lang/fr").await;
    let (_, page) = visitor.get_text(&format!("/meetings/{meeting}")).await;
    assert!(page.contains("<li>Accès au marché</li>"), "{page}");

    // A person asks for their data, then for its erasure (Law 09-08); the figures stay.
    let mine = app
        .store
        .registrations_with_email("YOUSSEF@example.ma")
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let system = taawun_store::Actor::System("test");
    assert_eq!(
        app.store
            .forget_registrations_with_email("youssef@example.ma", &system)
            .await
            .unwrap(),
        1
    );
    assert!(
        app.store
            .registrations_with_email("youssef@example.ma")
            .await
            .unwrap()
            .is_empty()
    );

    // A year after, names and contacts go; the figures stay.
    let before = app.store.attendance(campaign).await.unwrap();
    let after_meeting = time::OffsetDateTime::now_utc().date() + time::Duration::days(12);
    assert_eq!(app.store.forget_past_registrants(after_meeting).await.unwrap(), 2);
    assert_eq!(app.store.forget_past_registrants(after_meeting).await.unwrap(), 0);
    assert_eq!(app.store.attendance(campaign).await.unwrap(), before);
    let csv = app
        .get(&format!("/meetings/{meeting}/registrations.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("youssef@example.ma") && !csv.contains("فاطمة"));

    other.stop().await;
    visitor.stop().await;
    app.stop().await;
}

/// Many people register at once for few places: exactly `capacity` get one, the others wait in
/// line, a person registering twice at once gets one registration; cancellations hand places to
/// the waiting list without ever exceeding the capacity.
async fn capacity_holds_under_a_burst(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, meeting) = set_up(&app, "10").await;
    let client = reqwest::Client::new();
    let mut tasks = Vec::new();
    for n in 0..40 {
        let client = client.clone();
        let url = app.url(&format!("/api/v1/meetings/{meeting}/registrations"));
        tasks.push(tokio::spawn(async move {
            let body = json!({"name": format!("Person {n}"), "phone": format!("06{:08}", n), "target_group": "cooperative_member"});
            let r = client.post(url).json(&body).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }));
    }
    // And one person pressing the button eight times.
    for _ in 0..8 {
        let client = client.clone();
        let url = app.url(&format!("/api/v1/meetings/{meeting}/registrations"));
        tasks.push(tokio::spawn(async move {
            let body = json!({"name": "Impatient", "phone": "0799999999", "target_group": "student"});
            let r = client.post(url).json(&body).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }));
    }
    let mut confirmed = Vec::new();
    let (mut waitlisted, mut conflicts) = (0, 0);
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match (status, body["status"].as_str()) {
            (StatusCode::CREATED, Some("confirmed")) => {
                confirmed.push(body["ticket_url"].as_str().unwrap().to_string())
            }
            (StatusCode::CREATED, Some("waitlisted")) => waitlisted += 1,
            (StatusCode::CONFLICT, _) => conflicts += 1,
            other => panic!("unexpected answer {other:?}: {body}"),
        }
    }
    assert_eq!((confirmed.len(), waitlisted, conflicts), (10, 31, 7));
    let m = app.store.meeting(meeting).await.unwrap();
    assert_eq!(m.confirmed_count, 10);
    let all = app.store.meeting_registrations(meeting).await.unwrap();
    assert_eq!(all.iter().filter(|r| r.status == "confirmed").count(), 10);

    // Five cancel at once: five move up, in order of registration.
    let first_waiting: Vec<i64> = all
        .iter()
        .filter(|r| r.status == "waitlisted")
        .map(|r| r.id)
        .take(5)
        .collect();
    let mut tasks = Vec::new();
    for url in confirmed.iter().take(5) {
        let token = url.rsplit('/').next().unwrap().to_string();
        let store = app.store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .cancel_registration(&token, &|_: &taawun_store::MeetingRegistration| None)
                .await
                .unwrap()
        }));
    }
    let mut promoted = Vec::new();
    for t in tasks {
        promoted.extend(t.await.unwrap().into_iter().map(|r| r.id));
    }
    promoted.sort_unstable();
    assert_eq!(promoted, first_waiting);
    let all = app.store.meeting_registrations(meeting).await.unwrap();
    assert_eq!(all.iter().filter(|r| r.status == "confirmed").count(), 10);
    assert_eq!(app.store.meeting(meeting).await.unwrap().confirmed_count, 10);
    app.stop().await;
}

/// One visitor cannot queue messages to any number of addresses, and the links in those messages
/// lead to this site whatever `Host` the visitor sent. Issuing extracts has its own limit.
async fn registrations_are_limited_and_links_are_the_sites_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, meeting) = set_up(&app, "500").await;
    let (client, jar) = app.new_visitor();
    let register = app.url(&format!("/meetings/{meeting}/register"));
    let r = client
        .get(&register)
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let token = common::form_token_in(&jar, &app.base);
    let limit = taawun_web::ratelimit::LIMITS
        .iter()
        .find(|l| l.bucket == "meeting_registration")
        .unwrap()
        .max;
    let post = |n: i64| {
        let client = client.clone();
        let (register, token) = (register.clone(), token.clone());
        async move {
            let email = format!("person{n}@cooperative-ziz.ma");
            client
                .post(register)
                .header("host", "evil.example")
                .form(&[
                    ("name", "زينب"),
                    ("email", email.as_str()),
                    ("target_group", "association"),
                    ("gender", "woman"),
                    ("csrf_token", token.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for n in 0..limit {
        assert_eq!(post(n).await, StatusCode::SEE_OTHER, "registration {n}");
    }
    assert_eq!(post(limit).await, StatusCode::TOO_MANY_REQUESTS);
    let outbox = app.store.outbox(Some("meeting_registration"), 100).await.unwrap();
    assert_eq!(
        outbox.len() as i64,
        limit,
        "one message per admitted registration"
    );
    for m in &outbox {
        assert!(!m.body.contains("evil.example"), "{}", m.body);
        assert!(m.body.contains(&format!("{}/tickets/", app.base)), "{}", m.body);
    }

    // Extracts: counted per visitor whatever the cooperative asked for.
    let extracts = taawun_web::ratelimit::LIMITS
        .iter()
        .find(|l| l.bucket == "extract")
        .unwrap()
        .max;
    let mut last = StatusCode::OK;
    for _ in 0..=extracts {
        last = client
            .post(app.url("/cooperatives/999999/extracts"))
            .form(&[("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap()
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
