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
