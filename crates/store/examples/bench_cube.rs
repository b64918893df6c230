//! Times the statistics cube on a synthetic national register:
//! `cargo run --release -p taawun-store --example bench_cube -- 1000000`.
//!
//! The facts are drawn with the distributions of `taawun synth` (12 regions, 75 provinces,
//! sectors and branches, 60 years, statuses), so the group sizes are realistic.

use std::time::Instant;

use taawun_store::{CooperativeFilter, Cube, Dimension, RawFact};

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let mut seed: u64 = 7;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let t = Instant::now();
    let facts: Vec<RawFact> = (1..=n)
        .map(|id| {
            let province = next(75);
            let sector = next(12);
            let values = [
                format!("{:02}", province % 12 + 1),
                format!("p{province:03}"),
                format!("s{sector}"),
                format!("s{sector}b{}", next(6)),
                [
                    "active",
                    "active",
                    "active",
                    "in_dissolution",
                    "radiated",
                    "lapsed",
                ][next(6) as usize]
                    .to_string(),
                if next(50) == 0 { "union" } else { "cooperative" }.to_string(),
                format!("{}", 1960 + next(66)),
                ["not_concerned", "not_filed", "filed", "adapted", "out_of_time"][next(5) as usize]
                    .to_string(),
            ];
            let members = next(60) as i64 + 5;
            RawFact {
                id,
                values,
                members: Some(members),
                women_members: Some(if next(3) == 0 {
                    members
                } else {
                    next(members as u64) as i64
                }),
                young_members: Some(next(members as u64) as i64),
                capital: Some(1000 + next(100_000) as i64),
            }
        })
        .collect();
    let cube = Cube::from_facts(facts);
    println!("built {n} facts in {:.2?}", t.elapsed());
    let all = CooperativeFilter::default();
    let region = CooperativeFilter {
        region: Some("08".into()),
        ..Default::default()
    };
    let cases: [(&str, Vec<Dimension>, &CooperativeFilter); 5] = [
        ("by=region", vec![Dimension::Region], &all),
        (
            "by=region,sector",
            vec![Dimension::Region, Dimension::Sector],
            &all,
        ),
        (
            "by=province,year",
            vec![Dimension::Province, Dimension::Year],
            &all,
        ),
        ("by=sector&region=08", vec![Dimension::Sector], &region),
        ("total", vec![], &all),
    ];
    for (label, dims, filter) in cases {
        let mut times = Vec::new();
        for _ in 0..21 {
            let t = Instant::now();
            let rows = cube.stats(&dims, filter);
            times.push(t.elapsed());
            std::hint::black_box(rows);
        }
        times.sort();
        println!("{label:24} p50 {:>8.2?}  max {:>8.2?}", times[10], times[20]);
    }
}
