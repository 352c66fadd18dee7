//! What changed in the derived outputs from one workspace (or version) to another: the diagnosis
//! findings the new side adds or no longer has, the CS functions it calls for or no longer does,
//! and the plays it adds or drops. Outputs are derived, never stored, so they are derived from both
//! sides and compared by what identifies them: a finding by its rule and elements, a function by
//! itself, a play by its journey, stage, trigger and the elements it comes from.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::derive::org::recommend;
use crate::derive::playbook::playbook;
use crate::diagnose::{Finding, diagnosis};
use crate::element::{CsFunction, ElementKind};
use crate::text::Text;
use crate::workspace::Workspace;

/// A play as the change list names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlayChange {
    pub journey: String,
    pub stage: String,
    /// Its first step, in both languages.
    pub first_step: Text,
}

/// A recommended function that came or went.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FunctionChange {
    pub function: CsFunction,
    pub name: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OutputChanges {
    /// Findings of the new side that the old did not have (by rule and elements).
    pub findings_added: Vec<Finding>,
    /// Findings of the old side that the new no longer has: fixed, or gone with their elements.
    pub findings_removed: Vec<Finding>,
    pub functions_added: Vec<FunctionChange>,
    pub functions_removed: Vec<FunctionChange>,
    pub plays_added: Vec<PlayChange>,
    pub plays_removed: Vec<PlayChange>,
}

impl OutputChanges {
    pub fn is_empty(&self) -> bool {
        self.findings_added.is_empty()
            && self.findings_removed.is_empty()
            && self.functions_added.is_empty()
            && self.functions_removed.is_empty()
            && self.plays_added.is_empty()
            && self.plays_removed.is_empty()
    }
}

/// The keyed items of one side, in their order.
fn findings(ws: &Workspace) -> BTreeMap<String, Finding> {
    diagnosis(ws).findings.into_iter().map(|f| (format!("{} {:?}", f.rule, f.elements), f)).collect()
}

fn functions(ws: &Workspace) -> BTreeMap<CsFunction, FunctionChange> {
    recommend(ws)
        .recommended
        .into_iter()
        .map(|r| (r.function, FunctionChange { function: r.function, name: r.name }))
        .collect()
}

fn plays(ws: &Workspace) -> BTreeMap<String, PlayChange> {
    let mut out = BTreeMap::new();
    for j in ws.elements_of_kind(ElementKind::Journey) {
        let Some(pb) = playbook(ws, &j.id) else { continue };
        for stage in &pb.stages {
            for play in &stage.plays {
                let mut sources: Vec<&str> = play.sources.iter().map(|s| s.as_str()).collect();
                sources.sort();
                let key = format!(
                    "{} {} {} {:?}",
                    j.id,
                    stage.stage.id,
                    serde_json::to_string(&play.trigger).unwrap_or_default(),
                    sources
                );
                let first_step = play.steps.first().map(|s| s.text.clone()).unwrap_or_else(|| Text::new("", ""));
                out.insert(
                    key,
                    PlayChange { journey: pb.journey.name.clone(), stage: stage.stage.name.clone(), first_step },
                );
            }
        }
    }
    out
}

/// The items only `a` has, in its key order.
fn only_in<K: Ord, V: Clone>(a: &BTreeMap<K, V>, b: &BTreeMap<K, V>) -> Vec<V> {
    a.iter().filter(|(k, _)| !b.contains_key(k)).map(|(_, v)| v.clone()).collect()
}

/// What the derived outputs of `new` add to and drop from those of `old`.
pub fn compare(old: &Workspace, new: &Workspace) -> OutputChanges {
    let (fo, fn_) = (findings(old), findings(new));
    let (co, cn) = (functions(old), functions(new));
    let (po, pn) = (plays(old), plays(new));
    OutputChanges {
        findings_added: only_in(&fn_, &fo),
        findings_removed: only_in(&fo, &fn_),
        functions_added: only_in(&cn, &co),
        functions_removed: only_in(&co, &cn),
        plays_added: only_in(&pn, &po),
        plays_removed: only_in(&po, &pn),
    }
}
