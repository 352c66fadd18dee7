//! A diagnosis sent as what changed from the one a front end holds: most edits (a shape moved, a
//! label typed) leave nearly all of a large workspace's findings as they were, and the whole list
//! (hundreds of kilobytes at 10,000 elements) need not cross to the front end again.
//! [`apply_patch`] turns the old diagnosis into the new one; the front end does the same
//! (`ui/src/diagnosis/patch.ts`), keeping the findings that did not change.

use std::collections::HashMap;

use serde::Serialize;

use super::{Counts, Diagnosis, Finding, LintConfig};

/// A finding new in a diagnosis, at its place in the new list.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Added {
    pub at: u32,
    pub finding: Finding,
}

/// What turns one diagnosis into another: the findings gone (their places in the old list,
/// ascending), those new (their places in the new list, ascending), and the counts and settings
/// as they are now.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiagnosisPatch {
    pub removed: Vec<u32>,
    pub added: Vec<Added>,
    pub counts: Counts,
    pub config: LintConfig,
}

/// The patch that turns `old` into `new`, or `None` when the findings both keep are not in the same
/// order in both (then the whole diagnosis is to be sent).
pub fn diagnosis_patch(old: &Diagnosis, new: &Diagnosis) -> Option<DiagnosisPatch> {
    // The old findings by rule and elements; each new finding takes the first equal one not taken.
    let mut by_key: HashMap<(&str, &[crate::ElementId]), Vec<usize>> = HashMap::new();
    for (i, f) in old.findings.iter().enumerate() {
        by_key.entry((f.rule.as_str(), f.elements.as_slice())).or_default().push(i);
    }
    let mut kept = vec![false; old.findings.len()];
    let mut added = Vec::new();
    for (at, f) in new.findings.iter().enumerate() {
        let same = by_key
            .get_mut(&(f.rule.as_str(), f.elements.as_slice()))
            .and_then(|list| list.iter().position(|&i| old.findings[i] == *f).map(|k| list.remove(k)));
        match same {
            Some(i) => kept[i] = true,
            None => added.push(Added { at: u32::try_from(at).ok()?, finding: f.clone() }),
        }
    }
    let removed = kept
        .iter()
        .enumerate()
        .filter(|(_, k)| !**k)
        .map(|(i, _)| u32::try_from(i).ok())
        .collect::<Option<Vec<u32>>>()?;
    let patch = DiagnosisPatch { removed, added, counts: new.counts, config: new.config.clone() };
    // The findings kept must keep their order: checked by applying the patch.
    (apply_patch(old, &patch).as_ref() == Some(new)).then_some(patch)
}

/// `old` with `patch` applied; `None` when the patch does not fit it (a place out of range).
pub fn apply_patch(old: &Diagnosis, patch: &DiagnosisPatch) -> Option<Diagnosis> {
    let mut removed = patch.removed.iter().map(|&r| r as usize).peekable();
    let mut kept = old.findings.iter().enumerate().filter_map(|(i, f)| {
        if removed.peek() == Some(&i) {
            removed.next();
            None
        } else {
            Some(f)
        }
    });
    let mut added = patch.added.iter().peekable();
    let mut findings: Vec<Finding> = Vec::with_capacity(old.findings.len() + patch.added.len());
    loop {
        let next = match added.peek() {
            Some(a) if a.at as usize == findings.len() => added.next().map(|a| &a.finding),
            _ => kept.next(),
        };
        match next {
            Some(f) => findings.push(f.clone()),
            None => break,
        }
    }
    drop(kept);
    // A place past the end, or a removed one past the old list: not a patch of `old`.
    if added.next().is_some() || removed.next().is_some() {
        return None;
    }
    Some(Diagnosis { findings, counts: patch.counts, config: patch.config.clone() })
}
