//! Try the matcher by hand:
//! `cargo run -p taawun-search --example name_check -- "<registered ar>|<registered fr>" ... -- "<query>"`
//! Without arguments, checks a few queries against a small built-in register.

use taawun_search::{CONFLICT_THRESHOLD, NameIndex};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let (registered, queries) = args.split_at(split);
    let mut names: Vec<(i64, String, String)> = registered
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (ar, fr) = r.split_once('|').unwrap_or((r.as_str(), ""));
            (i as i64 + 1, ar.to_owned(), fr.to_owned())
        })
        .collect();
    if names.is_empty() {
        names = vec![
            (
                1,
                "تعاونية النور النسوية لإنتاج الكسكس".into(),
                "Coopérative Annour féminine pour la production du couscous".into(),
            ),
            (
                2,
                "تعاونية أركان تيويزي".into(),
                "Coopérative Tiwizi d'argane".into(),
            ),
            (3, "تعاونية الشروق".into(), "Coopérative Echourouk".into()),
        ];
    }
    let queries: Vec<String> = if queries.len() > 1 {
        queries[1..].to_vec()
    } else {
        vec![
            "Coopérative Chourouk".into(),
            "تعاونية تيويزي".into(),
            "Annour".into(),
        ]
    };
    let idx: NameIndex = names
        .iter()
        .map(|(i, a, f)| (*i, a.as_str(), f.as_str()))
        .collect();
    for q in &queries {
        let check = idx.check(q, 10);
        println!("{q:?}: available = {}", check.available);
        for m in check.matches {
            let (_, ar, fr) = &names[(m.id - 1) as usize];
            let flag = if m.score >= CONFLICT_THRESHOLD {
                "CONFLICT"
            } else {
                ""
            };
            println!(
                "  {:.3} {:<26} {flag:8} #{} {ar} / {fr}",
                m.score,
                m.reason.as_str(),
                m.id
            );
        }
    }
}
