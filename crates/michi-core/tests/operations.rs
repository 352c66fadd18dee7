//! Property tests of the operation algebra: any sequence of operations (or edits) followed by its
//! inverses returns the exact starting workspace; redo after undo restores the exact state; a refused
//! operation changes nothing; and the reported changes cover every key that changed.

use michi_core::testing::{Rng, covers, differing_keys, random_edit, random_op};
use michi_core::{IdGen, Op, Workspace, apply, perform};
use proptest::prelude::*;

/// Undoes every step (inverses in reverse order) and checks the start comes back; then redoes every
/// step and checks the end comes back.
fn undo_all_then_redo_all(ws: &mut Workspace, log: &[(Op, Op)], start: &Workspace) -> Result<(), TestCaseError> {
    let end = ws.clone();
    for (_, inverse) in log.iter().rev() {
        apply(ws, inverse.clone()).unwrap();
    }
    prop_assert_eq!(&*ws, start);
    for (forward, _) in log {
        apply(ws, forward.clone()).unwrap();
    }
    prop_assert_eq!(&*ws, &end);
    Ok(())
}

/// A non-trivial starting workspace built by random edits, so sequences start from a real model.
fn seeded(rng: &mut Rng, ids: &mut IdGen, edits: usize) -> Workspace {
    let mut ws = Workspace::new();
    for _ in 0..edits {
        let edit = random_edit(&ws, rng);
        let _ = perform(&mut ws, edit, ids);
    }
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn operations_then_inverses_restore_the_start(seed: u64, n in 1usize..80) {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let mut ws = seeded(&mut rng, &mut ids, 25);
        let start = ws.clone();
        let mut log: Vec<(Op, Op)> = Vec::new();
        for _ in 0..n {
            let op = random_op(&ws, &mut rng, &mut ids);
            let before = ws.clone();
            match apply(&mut ws, op.clone()) {
                Ok(applied) => {
                    prop_assert!(covers(&applied.changes, &differing_keys(&before, &ws)));
                    // Undo this step, then redo it: both exact.
                    let after = ws.clone();
                    let mut probe = ws.clone();
                    apply(&mut probe, applied.inverse.clone()).unwrap();
                    prop_assert_eq!(&probe, &before);
                    apply(&mut probe, op.clone()).unwrap();
                    prop_assert_eq!(&probe, &after);
                    log.push((op, applied.inverse));
                }
                Err(_) => prop_assert_eq!(&ws, &before, "a refused operation changed the workspace"),
            }
        }
        undo_all_then_redo_all(&mut ws, &log, &start)?;
    }

    #[test]
    fn edits_then_inverses_restore_the_start(seed: u64, n in 1usize..60) {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let mut ws = seeded(&mut rng, &mut ids, 15);
        let start = ws.clone();
        let mut log: Vec<(Op, Op)> = Vec::new();
        for _ in 0..n {
            let edit = random_edit(&ws, &mut rng);
            let before = ws.clone();
            match perform(&mut ws, edit, &mut ids) {
                Ok(p) => {
                    prop_assert!(covers(&p.changes, &differing_keys(&before, &ws)));
                    log.push((p.forward, p.inverse));
                }
                Err(_) => prop_assert_eq!(&ws, &before),
            }
        }
        undo_all_then_redo_all(&mut ws, &log, &start)?;
    }

    #[test]
    fn a_workspace_survives_its_data_form(seed: u64) {
        let mut rng = Rng::new(seed);
        let mut ids = IdGen::sequential();
        let ws = seeded(&mut rng, &mut ids, 60);
        let json = serde_json::to_string(&ws.to_data()).unwrap();
        let back = Workspace::from_data(serde_json::from_str(&json).unwrap()).unwrap();
        prop_assert_eq!(back, ws);
    }
}

/// Guards against a generator that silently degenerates: sequences must reach deep states and
/// produce both accepted and refused operations.
#[test]
fn the_generators_reach_deep_states_and_refusals() {
    let mut rng = Rng::new(7);
    let mut ids = IdGen::sequential();
    let mut ws = seeded(&mut rng, &mut ids, 300);
    assert!(ws.element_count() > 40, "{} elements", ws.element_count());
    assert!(ws.relation_count() > 30, "{} relations", ws.relation_count());
    let (mut ok, mut refused) = (0, 0);
    for _ in 0..500 {
        let op = random_op(&ws, &mut rng, &mut ids);
        match apply(&mut ws, op) {
            Ok(_) => ok += 1,
            Err(_) => refused += 1,
        }
    }
    assert!(ok > 250 && refused > 20, "ok {ok}, refused {refused}");
}
