//! `npm run bench` figures for derivations: `name: value` lines.
//!
//! - `derive_all_10k_ms`: the playbook and the metrics catalog of every journey, and the org
//!   recommendation, on a workspace of 10,000 elements (journeys of stages full of cards), median.
//! - `outline_10k_ms`: the peer in the same run, the outline the app reads after every edit (the
//!   cheapest whole-workspace read model).
//! - `coverage_20k_quotes_ms`: the evidence coverage (every segment cell and every element) of the
//!   same workspace with 1,000 conversations of 20 quotes each, every quote supporting one or two
//!   elements; `outline_evidence_ms`, its peer, alternated in the same run.
//! - `skills_gaps_1k_ms`: the skill matrix with every gap and coverage figure (each person's cells
//!   against their roles' needs and plans, each function's gap and call, the plays' coverage) for
//!   1,000 people × 60 skills × 12 adopted functions on the sample's journeys, 60,000 assessments;
//!   `outline_skills_ms`, its peer, alternated in the same run.

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
    // SKILLS_ONLY=1: the skill matrix's figures alone (to profile them).
    if std::env::var("SKILLS_ONLY").is_ok() {
        skills_bench();
        return;
    }
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
    skills_bench();
}

fn skills_bench() {
    use michi_core::derive::skills;
    use michi_core::edit::AssessmentImport;
    use michi_core::element::{Assessment, CsFunction, ElementData, Role, Skill};
    use michi_core::{Edit, IdGen, Text, perform};
    let mut ws = michi_core::sample::sample();
    let mut ids = IdGen::sequential_from(1_000_000);
    let mut run = |ws: &mut michi_core::Workspace, edit: Edit| perform(ws, edit, &mut ids).expect("applies").created;
    // 60 skills: the default model's 16 and 44 of the company's own.
    for i in 0..44 {
        let skill = Skill {
            name: Text::new(format!("独自スキル {i}"), format!("Own skill {i}")),
            axis: if i % 2 == 0 { "cs".into() } else { "domain".into() },
            position: 1_000 + i,
            ..Default::default()
        };
        run(&mut ws, Edit::Create { data: ElementData::Skill(Box::new(skill)) });
    }
    let skills: Vec<_> = ws.elements_of_kind(ElementKind::Skill).map(|e| e.id.clone()).collect();
    assert_eq!(skills.len(), 60);
    // Every function of the method adopted (Account Management is already), each with a role.
    let mut roles = ws.elements_of_kind(ElementKind::Role).map(|e| e.id.clone()).collect::<Vec<_>>();
    for f in CsFunction::ALL.into_iter().filter(|f| *f != CsFunction::AccountManagement) {
        let function = run(&mut ws, Edit::AcceptFunction { function: f }).remove(0);
        let role = run(&mut ws, Edit::AddRole { function, name: format!("{f:?}") }).remove(0);
        let data = ElementData::Role(Role { name: format!("{f:?}"), headcount: Some(80.0) });
        run(&mut ws, Edit::Update { id: role.clone(), data });
        roles.push(role);
    }
    assert_eq!(ws.elements_of_kind(ElementKind::OrgFunction).count(), 12);
    let mut rows = Vec::new();
    for p in 0..1_000usize {
        for (s, skill) in skills.iter().enumerate() {
            rows.push(AssessmentImport {
                member: format!("メンバー {p:04}"),
                roles: vec![roles[p % roles.len()].clone()],
                skill: skill.clone(),
                assessment: Assessment {
                    date: 1_767_225_600.0 + ((p + s) % 400) as f64 * 86_400.0,
                    current: ((p * 7 + s * 3) % 6) as u8,
                    target: Some(((p * 7 + s * 3) % 6).max(3) as u8),
                    ..Default::default()
                },
            });
        }
    }
    run(&mut ws, Edit::ImportAssessments { rows });
    let (mut gaps, mut outline) = (Vec::new(), Vec::new());
    let mut figures = 0;
    for round in 0..11 {
        let mut time_gaps = || {
            let t = Instant::now();
            let m = skills::matrix(&ws, None);
            figures = m.people.iter().map(|p| p.cells.len() + p.plan.len()).sum::<usize>()
                + m.functions.iter().map(|f| f.requires.len()).sum::<usize>()
                + m.plays.len();
            t.elapsed().as_secs_f64() * 1000.0
        };
        let time_outline = || {
            let t = Instant::now();
            let o = michi_core::read::outline(&ws);
            assert!(!o.journeys.is_empty());
            t.elapsed().as_secs_f64() * 1000.0
        };
        if round % 2 == 0 {
            gaps.push(time_gaps());
            outline.push(time_outline());
        } else {
            outline.push(time_outline());
            gaps.push(time_gaps());
        }
    }
    if std::env::var("SKILLS_PROFILE").is_ok() {
        for _ in 0..3 {
            let t = Instant::now();
            let team = michi_core::derive::team::Team::read(&ws, None);
            eprintln!("team read {:.1} ms ({} members)", t.elapsed().as_secs_f64() * 1000.0, team.members.len());
            let t = Instant::now();
            let m = skills::matrix_with(&ws, None, false);
            eprintln!("matrix without plays {:.1} ms ({})", t.elapsed().as_secs_f64() * 1000.0, m.people.len());
            let t = Instant::now();
            for j in ws.elements_of_kind(ElementKind::Journey) {
                michi_core::derive::playbook::playbook(&ws, &j.id);
            }
            eprintln!("playbooks {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    assert!(figures > 60_000, "every cell, plan step, requirement and play: {figures}");
    println!("skills_elements: {}", ws.element_count());
    println!("skills_gaps_1k_ms: {:.1}", median(gaps));
    println!("outline_skills_ms: {:.1}", median(outline));
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
