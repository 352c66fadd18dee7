//! The diagnosis kept current edit by edit (`LiveDiagnosis`) equals the full diagnosis after every
//! step of random sequences of edits and of primitive operations (any element kind, relation, view
//! and placement, settings included), and after undoing them.

use michi_core::diagnose;
use michi_core::diagnose::live::LiveDiagnosis;
use michi_core::testing::{Rng, diagnosis_difference, edited_workspace, random_edit, random_op};
use michi_core::{IdGen, Workspace, apply, perform};
use proptest::prelude::*;

fn same(live: &LiveDiagnosis, ws: &Workspace, step: &str) -> Result<(), TestCaseError> {
    match diagnosis_difference(&live.diagnosis(), &diagnose::diagnosis(ws)) {
        Some(difference) => Err(TestCaseError::fail(format!("after {step}: {difference}"))),
        None => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn live_diagnosis_equals_the_full_one_after_every_edit(seed: u64, n in 1usize..60) {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let mut ws = edited_workspace(&mut rng, &mut ids, 30);
        let mut live = LiveDiagnosis::new(&ws);
        same(&live, &ws, "the start")?;
        let mut inverses = Vec::new();
        for i in 0..n {
            let edit = random_edit(&ws, &mut rng);
            let step = format!("edit {i} {edit:?}");
            if let Ok(done) = perform(&mut ws, edit, &mut ids) {
                live.update(&ws, &done.changes);
                same(&live, &ws, &step)?;
                inverses.push(done.inverse);
            }
        }
        for (i, inverse) in inverses.into_iter().rev().enumerate() {
            let applied = apply(&mut ws, inverse).unwrap();
            live.update(&ws, &applied.changes);
            same(&live, &ws, &format!("undo {i}"))?;
        }
    }

    #[test]
    fn live_diagnosis_equals_the_full_one_after_every_operation(seed: u64, n in 1usize..80) {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let mut ws = edited_workspace(&mut rng, &mut ids, 20);
        let mut live = LiveDiagnosis::new(&ws);
        for i in 0..n {
            let op = random_op(&ws, &mut rng, &mut ids);
            let step = format!("op {i} {op:?}");
            if let Ok(applied) = apply(&mut ws, op) {
                live.update(&ws, &applied.changes);
                same(&live, &ws, &step)?;
            }
        }
    }
}

/// A move changes placements alone: the kept diagnosis re-checks only the rules that read where
/// shapes are drawn, and still finds an overlap made by the move and forgets it when undone.
#[test]
fn a_shape_moved_onto_another_is_found_overlapping_and_free_again_after_undo() {
    use michi_core::process::edit::ShapeMove;
    use michi_core::{Edit, ElementKind, RelationKind, ViewKind};
    let mut ws = michi_core::sample::sample();
    let mut ids = IdGen::sequential();
    let mut live = LiveDiagnosis::new(&ws);
    let view = ws.views().find(|v| matches!(v.kind, ViewKind::Process { .. })).expect("a process diagram").clone();
    // Two activities of one lane: moving one onto the other keeps it in its lane (no relation changes).
    let lane = |id: &michi_core::ElementId| ws.targets(id, RelationKind::InLane).next().map(|l| l.id.clone());
    let activities: Vec<_> =
        view.placements.iter().filter(|(id, _)| ws.kind_of(id) == Some(ElementKind::Activity)).collect();
    let (moved, under, at) = activities
        .iter()
        .find_map(|(a, _)| {
            let (b, p) = activities.iter().find(|(b, _)| b != a && lane(b) == lane(a))?;
            Some(((*a).clone(), (*b).clone(), (*p).clone()))
        })
        .expect("two activities in one lane");
    let overlapping = |live: &LiveDiagnosis| {
        live.diagnosis().findings.iter().any(|f| f.rule == "no-overlapping-elements" && f.elements == [moved.clone()])
    };
    assert!(!overlapping(&live), "{moved} overlaps before the move");

    let edit = Edit::MoveShapes {
        view: view.id.clone(),
        moves: vec![ShapeMove { id: moved.clone(), x: at.x + 5.0, y: at.y + 5.0 }],
    };
    let done = perform(&mut ws, edit, &mut ids).unwrap();
    assert!(done.changes.elements.is_empty() && done.changes.relations.is_empty(), "a move changes placements alone");
    live.update(&ws, &done.changes);
    same(&live, &ws, "the move").unwrap();
    assert!(overlapping(&live), "{moved}, moved onto {under}, is not found overlapping");

    let undone = apply(&mut ws, done.inverse).unwrap();
    live.update(&ws, &undone.changes);
    same(&live, &ws, "the undo").unwrap();
    assert!(!overlapping(&live), "{moved} still overlaps after the undo");
}
