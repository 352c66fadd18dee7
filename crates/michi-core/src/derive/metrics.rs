//! The metrics catalog of a journey (domain.md §3, step 3): per stage, the progress metrics every
//! stage has (conversion to the next stage, time in stage against the time-to-value target, stuck
//! accounts), the metrics the user attached, and the stages nobody measures; and a KPI tree from the
//! customer's goal down to the stage metrics. Values come from the journey's latest state snapshot
//! when there is one. Every metric traces to its stage.

use serde::Serialize;

use super::playbook::Ref;
use crate::element::{ElementData, ElementKind, MetricRole};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::state::{self, SECONDS_PER_DAY};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MetricsCatalog {
    pub journey: Ref,
    /// The state snapshot the values come from (the journey's latest), if any.
    pub snapshot: Option<Ref>,
    pub stages: Vec<StageMetrics>,
    /// Stages with no metric attached.
    pub gaps: Vec<Ref>,
    pub tree: KpiNode,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageMetrics {
    pub stage: Ref,
    pub progress: Vec<ProgressMetric>,
    pub attached: Vec<AttachedMetric>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Progress {
    /// Accounts that entered the next stage, over those that entered this one.
    ConversionToNext { next: Ref },
    /// Median days in the stage, against the time-to-value target.
    TimeInStage,
    /// Accounts in the stage longer than its stuck threshold.
    StuckCount,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProgressMetric {
    pub metric: Progress,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// The stage (and the snapshot the value comes from).
    pub sources: Vec<ElementId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttachedMetric {
    pub metric: Ref,
    pub definition: String,
    pub data_source: String,
    pub target: String,
    pub role: Option<MetricRole>,
    /// The metric and the stage it measures.
    pub sources: Vec<ElementId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KpiNode {
    pub element: Ref,
    pub kind: ElementKind,
    pub children: Vec<KpiNode>,
}

impl KpiNode {
    fn leaf(ws: &Workspace, id: &ElementId) -> KpiNode {
        KpiNode { element: Ref::of(ws, id), kind: ws.kind_of(id).unwrap_or(ElementKind::Metric), children: Vec::new() }
    }
}

/// The latest snapshot whose entries include a stage of `stages`.
fn latest_snapshot(ws: &Workspace, stages: &[ElementId]) -> Option<ElementId> {
    ws.elements_of_kind(ElementKind::StateSnapshot)
        .filter_map(|e| match &e.data {
            ElementData::StateSnapshot(s) if s.entries.iter().any(|n| stages.contains(&n.element)) => {
                Some((s.as_of, &e.id))
            }
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, id)| id.clone())
}

pub fn metrics(ws: &Workspace, journey: &ElementId) -> Option<MetricsCatalog> {
    if ws.kind_of(journey) != Some(ElementKind::Journey) {
        return None;
    }
    let stage_ids = ws.ordered_members(journey, RelationKind::InJourney);
    let snapshot = latest_snapshot(ws, &stage_ids);
    let overlay = snapshot.as_ref().and_then(|s| state::overlay(ws, s, None));
    let entries = match snapshot.as_ref().and_then(|s| ws.data(s)) {
        Some(ElementData::StateSnapshot(s)) => s.entries.clone(),
        _ => Vec::new(),
    };
    let entered = |stage: &ElementId| entries.iter().find(|n| &n.element == stage).map(|n| n.entered);
    let with_snapshot = |stage: &ElementId, has_value: bool| {
        let mut sources = vec![stage.clone()];
        if let (true, Some(s)) = (has_value, &snapshot) {
            sources.push(s.clone());
        }
        sources
    };

    let mut stages = Vec::new();
    let mut gaps = Vec::new();
    let mut tree_stages = Vec::new();
    for (i, stage) in stage_ids.iter().enumerate() {
        let Some(ElementData::Stage(data)) = ws.data(stage) else { continue };
        let mut progress = Vec::new();
        if let Some(next) = stage_ids.get(i + 1) {
            let value = match (entered(stage), entered(next)) {
                (Some(here), Some(there)) if here > 0 => Some(f64::from(there) / f64::from(here)),
                (Some(here), None) if here > 0 => Some(0.0),
                _ => None,
            };
            progress.push(ProgressMetric {
                metric: Progress::ConversionToNext { next: Ref::of(ws, next) },
                value,
                target: None,
                sources: with_snapshot(stage, value.is_some()),
            });
        }
        let days = entries
            .iter()
            .find(|n| &n.element == stage)
            .and_then(|n| n.median_hours)
            .map(|h| h * 3600.0 / SECONDS_PER_DAY);
        progress.push(ProgressMetric {
            metric: Progress::TimeInStage,
            value: days,
            target: data.ttv_target_days.map(f64::from),
            sources: with_snapshot(stage, days.is_some()),
        });
        let stuck = overlay
            .as_ref()
            .map(|o| o.nodes.iter().find(|n| &n.element == stage).map_or(0.0, |n| n.stuck.len() as f64));
        progress.push(ProgressMetric {
            metric: Progress::StuckCount,
            value: stuck,
            target: Some(0.0),
            sources: with_snapshot(stage, stuck.is_some()),
        });

        let measuring: Vec<ElementId> = ws.ordered_members(stage, RelationKind::Measures);
        let attached: Vec<AttachedMetric> = measuring
            .iter()
            .filter_map(|m| match ws.data(m) {
                Some(ElementData::Metric(d)) => Some(AttachedMetric {
                    metric: Ref::of(ws, m),
                    definition: d.definition.clone(),
                    data_source: d.data_source.clone(),
                    target: d.target.clone(),
                    role: d.role,
                    sources: vec![m.clone(), stage.clone()],
                }),
                _ => None,
            })
            .collect();
        if attached.is_empty() {
            gaps.push(Ref::of(ws, stage));
        }
        let goals = ws
            .ordered_members(stage, RelationKind::InStage)
            .into_iter()
            .filter(|c| ws.kind_of(c) == Some(ElementKind::CustomerGoal));
        let mut children: Vec<KpiNode> = goals.map(|g| KpiNode::leaf(ws, &g)).collect();
        children.extend(measuring.iter().map(|m| KpiNode::leaf(ws, m)));
        tree_stages.push(KpiNode { element: Ref::of(ws, stage), kind: ElementKind::Stage, children });
        stages.push(StageMetrics { stage: Ref::of(ws, stage), progress, attached });
    }
    let tree = KpiNode { element: Ref::of(ws, journey), kind: ElementKind::Journey, children: tree_stages };
    Some(MetricsCatalog {
        journey: Ref::of(ws, journey),
        snapshot: snapshot.as_ref().map(|s| Ref::of(ws, s)),
        stages,
        gaps,
        tree,
    })
}

/// A progress metric's name, value and target as table cells in `ja` or `en` (shared by the
/// Markdown and HTML documents).
pub fn progress_cells(p: &ProgressMetric, japanese: bool) -> [String; 3] {
    let l = |ja: String, en: String| if japanese { ja } else { en };
    let num = |v: Option<f64>, pct: bool| match v {
        None => "—".to_string(),
        Some(v) if pct => format!("{:.0}%", v * 100.0),
        Some(v) => format!("{v:.1}"),
    };
    match &p.metric {
        Progress::ConversionToNext { next } => [
            l(format!("「{}」への移行率", next.name), format!("Conversion to \"{}\"", next.name)),
            num(p.value, true),
            "—".to_string(),
        ],
        Progress::TimeInStage => [
            l("ステージ滞在日数（中央値）".into(), "Days in stage (median)".into()),
            num(p.value, false),
            p.target.map_or("—".to_string(), |t| format!("{t:.0}")),
        ],
        Progress::StuckCount => [l("滞留件数".into(), "Stuck accounts".into()), num(p.value, false), "0".to_string()],
    }
}

/// " (leading)" / "（先行）" after a metric's name.
pub fn role_suffix(role: Option<MetricRole>, japanese: bool) -> &'static str {
    match (role, japanese) {
        (Some(MetricRole::Leading), true) => "（先行）",
        (Some(MetricRole::Leading), false) => " (leading)",
        (Some(MetricRole::Lagging), true) => "（遅行）",
        (Some(MetricRole::Lagging), false) => " (lagging)",
        (None, _) => "",
    }
}

/// The catalog as Markdown in `ja` or `en`; each line ends with the ids it comes from.
pub fn markdown(c: &MetricsCatalog, japanese: bool) -> String {
    use std::fmt::Write;
    let l = |ja: &str, en: &str| if japanese { ja.to_string() } else { en.to_string() };
    let mut md = String::new();
    let _ = writeln!(md, "# {} — {}\n", l("指標カタログ", "Metrics catalog"), c.journey.name);
    if let Some(s) = &c.snapshot {
        let _ = writeln!(md, "{}: {} <!-- {} -->\n", l("値の出典", "Values from"), s.name, s.id);
    }
    for s in &c.stages {
        let _ = writeln!(md, "## {} <!-- {} -->\n", s.stage.name, s.stage.id);
        let _ =
            writeln!(md, "| {} | {} | {} |\n|---|---|---|", l("指標", "Metric"), l("値", "Value"), l("目標", "Target"));
        for p in &s.progress {
            let [name, value, target] = progress_cells(p, japanese);
            let _ = writeln!(md, "| {name} | {value} | {target} |");
        }
        for a in &s.attached {
            let role = role_suffix(a.role, japanese);
            let _ = writeln!(md, "| {}{role} <!-- {} --> | — | {} |", a.metric.name, a.metric.id, a.target);
        }
        md.push('\n');
    }
    if !c.gaps.is_empty() {
        let names: Vec<String> = c.gaps.iter().map(|g| format!("{} <!-- {} -->", g.name, g.id)).collect();
        let _ = writeln!(md, "{}: {}\n", l("指標のないステージ", "Stages with no metric"), names.join(", "));
    }
    md
}
