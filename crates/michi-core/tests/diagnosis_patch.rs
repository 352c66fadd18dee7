//! A diagnosis patch (`diagnosis_patch`) turns the diagnosis a front end holds into the next one:
//! after every step of random edit sequences, the diagnosis patched from the previous one equals
//! the diagnosis computed afresh; a patch that does not fit a diagnosis is refused.

use michi_core::diagnose::patch::{Added, DiagnosisPatch, apply_patch, diagnosis_patch};
use michi_core::diagnose::{Diagnosis, diagnosis};
use michi_core::testing::walk_edits;
use proptest::prelude::*;

/// From a workspace of 20 random edits, `steps` more; `each(step, old, new)` after each one.
fn walk<E>(seed: u64, steps: usize, each: impl FnMut(&str, &Diagnosis, &Diagnosis) -> Result<(), E>) -> Result<(), E> {
    walk_edits(seed, 20, steps, diagnosis, each)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn a_patched_diagnosis_equals_the_one_computed_afresh(seed: u64, n in 1usize..40) {
        walk(seed, n, |step, held, now| {
            // Findings are listed in a fixed order (rule, then elements): a patch always fits.
            let patch = diagnosis_patch(held, now);
            prop_assert!(patch.is_some(), "{}: no patch", step);
            let patch = patch.unwrap();
            let patched = apply_patch(held, &patch);
            prop_assert_eq!(patched.as_ref(), Some(now), "{}", step);
            if held == now {
                prop_assert!(patch.removed.is_empty() && patch.added.is_empty(), "{}", step);
            }
            Ok(())
        })?;
    }
}

/// The random edits the property walks do change findings (else it would check nothing).
#[test]
fn the_random_edits_add_and_remove_findings() {
    let (mut added, mut removed) = (0, 0);
    for seed in 0..10 {
        walk(seed, 30, |_, held, now| {
            let patch = diagnosis_patch(held, now).unwrap();
            added += patch.added.len();
            removed += patch.removed.len();
            Ok::<(), ()>(())
        })
        .unwrap();
    }
    assert!(added > 0 && removed > 0, "added {added}, removed {removed}");
}

fn sample() -> Diagnosis {
    diagnosis(&michi_core::sample::sample())
}

#[test]
fn the_same_diagnosis_patches_to_nothing_and_one_finding_gone_is_one_index() {
    let d = sample();
    assert!(d.findings.len() > 3, "the sample has findings to patch");
    let same = diagnosis_patch(&d, &d).unwrap();
    assert!(same.removed.is_empty() && same.added.is_empty());
    let mut fewer = d.clone();
    let gone = fewer.findings.remove(2);
    let patch = diagnosis_patch(&d, &fewer).unwrap();
    assert_eq!(patch.removed, vec![2]);
    assert!(patch.added.is_empty());
    // And back: the finding added at its place.
    let back = diagnosis_patch(&fewer, &d).unwrap();
    assert_eq!(back.added, vec![Added { at: 2, finding: gone }]);
    assert_eq!(apply_patch(&fewer, &back).unwrap(), d);
}

#[test]
fn findings_kept_in_another_order_are_not_patched_and_a_patch_that_does_not_fit_is_refused() {
    let d = sample();
    let mut swapped = d.clone();
    swapped.findings.swap(0, 1);
    assert!(d.findings[0] != d.findings[1]);
    assert_eq!(diagnosis_patch(&d, &swapped), None);
    let beyond = DiagnosisPatch {
        removed: vec![d.findings.len() as u32],
        added: vec![],
        counts: d.counts,
        config: d.config.clone(),
    };
    assert_eq!(apply_patch(&d, &beyond), None);
    let far = Added { at: d.findings.len() as u32 + 1, finding: d.findings[0].clone() };
    let past = DiagnosisPatch { removed: vec![], added: vec![far], counts: d.counts, config: d.config.clone() };
    assert_eq!(apply_patch(&d, &past), None);
}
