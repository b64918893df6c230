//! Recall on variant queries over 20,000 synthetic names (the benchmark measures the same on
//! 1M names in release mode; here only quality is checked, never timing).
#![allow(clippy::unwrap_used)]

use crate::NameIndex;
use crate::synth::{Generator, VariantKind};

#[test]
fn recall_at_10_on_variants_of_20k_names() {
    let mut g = Generator::new(7, 12_000);
    let names: Vec<_> = (0..20_000).map(|_| g.name()).collect();
    // A fifth registered in Arabic only, a fifth in French only, the rest in both.
    let reg = |i: usize| -> (bool, bool) {
        match i % 5 {
            0 => (true, false),
            1 => (false, true),
            _ => (true, true),
        }
    };
    let idx = NameIndex::from_names(names.iter().enumerate().map(|(i, n)| {
        let (a, f) = reg(i);
        (
            i as i64,
            if a { n.ar.as_str() } else { "" },
            if f { n.fr.as_str() } else { "" },
        )
    }));
    assert_eq!(idx.len(), 20_000);
    let mut worst = 1.0f64;
    let (mut all_hits, mut all_total) = (0u32, 0u32);
    let mut report = Vec::new();
    for kind in VariantKind::ALL {
        let (mut hit, mut total) = (0u32, 0u32);
        let mut misses = Vec::new();
        for i in (0..names.len()).step_by(97) {
            let (a, f) = reg(i);
            if kind == VariantKind::CrossScript && a && f {
                continue;
            }
            if kind == VariantKind::WordOrder && names[i].words.len() < 2 {
                continue;
            }
            let q = g.variant(&names[i], kind, a);
            total += 1;
            let res = idx.search(&q, 10);
            if res.iter().any(|m| m.id == i as i64) {
                hit += 1;
            } else if misses.len() < 5 {
                misses.push(format!(
                    "  {q:?} -> wanted {:?} / {:?}, got {:?}",
                    names[i].ar,
                    names[i].fr,
                    res.first()
                ));
            }
        }
        all_hits += hit;
        all_total += total;
        let recall = f64::from(hit) / f64::from(total.max(1));
        worst = worst.min(recall);
        report.push(format!(
            "{kind:?}: {hit}/{total} = {recall:.3}\n{}",
            misses.join("\n")
        ));
    }
    let overall = f64::from(all_hits) / f64::from(all_total.max(1));
    let report = format!("overall {overall:.3}\n{}", report.join("\n"));
    eprintln!("{report}");
    assert!(overall >= 0.95, "recall@10 below 0.95:\n{report}");
    assert!(worst >= 0.9, "recall@10 of a variant kind below 0.9:\n{report}");
}
