//! `npm run bench` figures for derivations: `name: value` lines.
//!
//! - `derive_all_10k_ms`: the playbook and the metrics catalog of every journey, and the org
//!   recommendation, on a workspace of 10,000 elements (journeys of stages full of cards), median.
//! - `outline_10k_ms`: the peer in the same run, the outline the app reads after every edit (the
//!   cheapest whole-workspace read model).
//! - `coverage_20k_quotes_ms`: the evidence coverage (every segment cell and every element) of the
//!   same workspace with 1,000 conversations of 20 quotes each, every quote supporting one or two
//!   elements; `outline_evidence_ms`, its peer, alternated in the same run.

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
    coverage_bench(ws);
}

fn coverage_bench(mut ws: michi_core::Workspace) {
    use michi_core::element::{CompanySize, Conversation, ElementData, Quote};
    use michi_core::{Element, IdGen, Op, Rank, Relation, RelationKind, apply};
    let targets: Vec<_> = ws
        .elements()
        .filter(|e| e.data.kind().is_card() || matches!(e.data.kind(), ElementKind::Stage | ElementKind::Activity))
        .map(|e| e.id.clone())
        .collect();
    let mut ids = IdGen::sequential();
    let mut ops = Vec::new();
    let sizes = [CompanySize::Enterprise, CompanySize::MidMarket, CompanySize::Small];
    for c in 0..1_000usize {
        let talk = ids.element("talk");
        let data = Conversation {
            date: Some(1_767_225_600.0 + (c % 365) as f64 * 86_400.0),
            account: format!("A-{}", c % 300),
            size: Some(sizes[c % 3]),
            industry: ["製造", "サービス", "小売"][(c / 3) % 3].to_string(),
            ..Default::default()
        };
        ops.push(Op::AddElement {
            element: Element { id: talk.clone(), data: ElementData::Conversation(Box::new(data)) },
        });
        for q in 0..20usize {
            let quote = ids.element("quote");
            let data = ElementData::Quote(Quote { text: format!("引用 {c}-{q}"), perspective: None });
            ops.push(Op::AddElement { element: Element { id: quote.clone(), data } });
            let relate = |kind, to: &michi_core::ElementId| Op::Relate {
                relation: Relation { kind, from: quote.clone(), to: to.clone(), rank: Rank::unordered() },
            };
            ops.push(relate(RelationKind::QuoteOf, &talk));
            let n = c * 20 + q;
            ops.push(relate(RelationKind::Supports, &targets[n * 7 % targets.len()]));
            let second = &targets[(n * 13 + 5) % targets.len()];
            if n % 3 == 0 && second != &targets[n * 7 % targets.len()] {
                ops.push(relate(RelationKind::Supports, second));
            }
        }
    }
    apply(&mut ws, Op::Batch { ops }).expect("the evidence applies");
    let (mut coverage, mut outline) = (Vec::new(), Vec::new());
    let mut behind = 0;
    for round in 0..11 {
        let mut time_coverage = || {
            let t = Instant::now();
            let c = michi_core::derive::evidence::coverage(&ws);
            behind = c.elements.len();
            t.elapsed().as_secs_f64() * 1000.0
        };
        let time_outline = || {
            let t = Instant::now();
            let o = michi_core::read::outline(&ws);
            assert!(!o.journeys.is_empty());
            t.elapsed().as_secs_f64() * 1000.0
        };
        if round % 2 == 0 {
            coverage.push(time_coverage());
            outline.push(time_outline());
        } else {
            outline.push(time_outline());
            coverage.push(time_coverage());
        }
    }
    assert!(behind > 1_000, "quotes are behind many elements");
    println!("coverage_elements_behind: {behind}");
    println!("coverage_20k_quotes_ms: {:.1}", median(coverage));
    println!("outline_evidence_ms: {:.1}", median(outline));
}
