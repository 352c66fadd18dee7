//! What changed in the derived outputs from one workspace (or version) to another: the diagnosis
//! findings the new side adds or no longer has, the CS functions it calls for or no longer does,
//! the plays it adds or drops, and the metrics it adds, drops or defines differently. Outputs are derived, never stored, so they are derived from both
//! sides and compared by what identifies them: a finding by its rule and elements, a function by
//! itself, a play by its journey, stage, trigger and the elements it comes from, a metric by its
//! journey, stage and what it measures (a progress metric's kind, an attached metric's element).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::derive::metrics::{Progress, metrics, progress_name};
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

/// A metric of a stage that came, went or reads differently: its definition and target as one
/// line (`old` and `new` differ for a changed one; the missing side is empty).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MetricChange {
    pub journey: String,
    pub stage: String,
    pub name: Text,
    pub old: String,
    pub new: String,
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
    pub metrics_added: Vec<MetricChange>,
    pub metrics_removed: Vec<MetricChange>,
    /// The same metric with another definition, data source or target.
    pub metrics_changed: Vec<MetricChange>,
}

impl OutputChanges {
    pub fn is_empty(&self) -> bool {
        self.findings_added.is_empty()
            && self.findings_removed.is_empty()
            && self.functions_added.is_empty()
            && self.functions_removed.is_empty()
            && self.plays_added.is_empty()
            && self.plays_removed.is_empty()
            && self.metrics_added.is_empty()
            && self.metrics_removed.is_empty()
            && self.metrics_changed.is_empty()
    }
}

/// The keyed items of one side, in their order.
fn findings(ws: &Workspace) -> BTreeMap<String, Finding> {
    diagnosis(ws).findings.into_iter().map(|f| (f.key(), f)).collect()
}

/// The findings of `old` that `new` no longer has: fixed, or gone with their elements.
pub fn findings_removed(old: &Workspace, new: &Workspace) -> Vec<Finding> {
    only_in(&findings(old), &findings(new))
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

/// Each journey's metrics by journey, stage and what they measure; what a metric reads as is its
/// definition, data source and target (for a progress metric, its target: the stage's
/// time-to-value days or none).
fn metric_lines(ws: &Workspace) -> BTreeMap<String, MetricChange> {
    let mut out = BTreeMap::new();
    for j in ws.elements_of_kind(ElementKind::Journey) {
        let Some(c) = metrics(ws, &j.id) else { continue };
        for s in &c.stages {
            let line = |name: Text, reads: String| MetricChange {
                journey: c.journey.name.clone(),
                stage: s.stage.name.clone(),
                name,
                old: String::new(),
                new: reads,
            };
            for p in &s.progress {
                let what = match &p.metric {
                    Progress::ConversionToNext { next } => format!("conversion {}", next.id),
                    Progress::TimeInStage => "time".to_string(),
                    Progress::StuckCount => "stuck".to_string(),
                };
                let reads = p.target.map(|t| t.to_string()).unwrap_or_default();
                out.insert(format!("{} {} {what}", j.id, s.stage.id), line(progress_name(&p.metric), reads));
            }
            for m in &s.attached {
                let reads = [m.definition.as_str(), m.data_source.as_str(), m.target.as_str()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                let name = Text::new(m.metric.name.clone(), m.metric.name.clone());
                out.insert(format!("{} {} metric {}", j.id, s.stage.id, m.metric.id), line(name, reads));
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
    let (mo, mn) = (metric_lines(old), metric_lines(new));
    let metrics_removed =
        only_in(&mo, &mn).into_iter().map(|m| MetricChange { old: m.new, new: String::new(), ..m }).collect();
    let metrics_changed = mn
        .iter()
        .filter_map(|(k, n)| {
            mo.get(k).filter(|o| o.new != n.new).map(|o| MetricChange { old: o.new.clone(), ..n.clone() })
        })
        .collect();
    OutputChanges {
        metrics_added: only_in(&mn, &mo),
        metrics_removed,
        metrics_changed,
        findings_added: only_in(&fn_, &fo),
        findings_removed: only_in(&fo, &fn_),
        functions_added: only_in(&cn, &co),
        functions_removed: only_in(&co, &cn),
        plays_added: only_in(&pn, &po),
        plays_removed: only_in(&po, &pn),
    }
}
