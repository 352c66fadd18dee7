//! `npm run bench` figures for derivations: `name: value` lines.
//!
//! - `derive_all_10k_ms`: the playbook and the metrics catalog of every journey, and the org
//!   recommendation, on a workspace of 10,000 elements (journeys of stages full of cards), median.
//! - `outline_10k_ms`: the peer in the same run, the outline the app reads after every edit (the
//!   cheapest whole-workspace read model).

use std::time::Instant;

use michi_core::derive::{metrics, org, playbook};
use michi_core::element::ElementKind;

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let ws = michi_core::testing::generated_workspace(10_000);
    let journeys: Vec<_> = ws.elements_of_kind(ElementKind::Journey).map(|e| e.id.clone()).collect();
    let (mut all, mut outline) = (Vec::new(), Vec::new());
    let mut lines = 0;
    for _ in 0..11 {
        let t = Instant::now();
        lines = 0;
        for j in &journeys {
            let pb = playbook::playbook(&ws, j).unwrap();
            lines += pb.stages.iter().map(|s| s.plays.len()).sum::<usize>();
            lines += metrics::metrics(&ws, j).unwrap().stages.len();
        }
        lines += org::recommend(&ws).recommended.len();
        all.push(t.elapsed().as_secs_f64() * 1000.0);

        let t = Instant::now();
        let o = michi_core::read::outline(&ws);
        outline.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!o.journeys.is_empty());
    }
    assert!(lines > 100);
    println!("derive_elements: {}", ws.element_count());
    println!("derive_all_10k_ms: {:.1}", median(all));
    println!("outline_10k_ms: {:.1}", median(outline));
}
