//! The metrics catalog of a journey (domain.md §3, step 3): per stage, the progress metrics every
//! stage has (conversion to the next stage, time in stage against the time-to-value target, stuck
//! accounts), the metrics the user attached, and the stages nobody measures; and a KPI tree from the
//! customer's goal down to the stage metrics. Values come from the journey's latest state snapshot
//! when there is one. Every metric traces to its stage.

use serde::Serialize;

use super::document::{Block, DocRole, Document, Line, Row, Section, Span, SpanKind, TreeNode};
use super::shared::{Ref, days, latest_snapshot};
use crate::element::{ElementData, ElementKind, MetricRole};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::state::{self, SECONDS_PER_DAY};
use crate::text::Text;
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
    /// Accounts that moved on from this stage in the snapshot's window, over those that were at
    /// it in the window (carried over from the previous snapshot or entered since).
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
    /// The counts a ratio is made of (moved on, reached), so it can be checked by hand.
    pub counts: Option<(u32, u32)>,
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
    let entry = |stage: &ElementId| entries.iter().find(|n| &n.element == stage);
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
            let counts = entry(stage).filter(|n| n.reached() > 0).map(|n| (n.completed, n.reached()));
            let value = counts.map(|(done, reached)| f64::from(done) / f64::from(reached));
            progress.push(ProgressMetric {
                metric: Progress::ConversionToNext { next: Ref::of(ws, next) },
                value,
                target: None,
                counts,
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
            counts: None,
            sources: with_snapshot(stage, days.is_some()),
        });
        let stuck = overlay
            .as_ref()
            .map(|o| o.nodes.iter().find(|n| &n.element == stage).map_or(0.0, |n| n.stuck.len() as f64));
        progress.push(ProgressMetric {
            metric: Progress::StuckCount,
            value: stuck,
            target: Some(0.0),
            counts: None,
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

/// A progress metric's name.
pub fn progress_name(p: &Progress) -> Text {
    match p {
        Progress::ConversionToNext { next } => {
            Text::new(format!("「{}」への移行率", next.name), format!("Conversion to \"{}\"", next.name))
        }
        Progress::TimeInStage => Text::new("ステージ滞在日数（中央値）", "Days in stage (median)"),
        Progress::StuckCount => Text::new("滞留件数", "Stuck accounts"),
    }
}

fn dash() -> Line {
    Line::words("—")
}

/// A progress metric as a table row: name, value, target, kind.
fn progress_row(p: &ProgressMetric) -> Row {
    let value = match (p.value, &p.metric) {
        (None, _) => "—".to_string(),
        (Some(v), Progress::ConversionToNext { .. }) => match p.counts {
            Some((done, reached)) => format!("{:.0}% ({done}/{reached})", v * 100.0),
            None => format!("{:.0}%", v * 100.0),
        },
        (Some(v), Progress::StuckCount) => format!("{v:.0}"),
        (Some(v), Progress::TimeInStage) => format!("{v:.1}"),
    };
    let target = match (&p.metric, p.target) {
        (Progress::StuckCount, _) => Line::words("0"),
        (_, Some(t)) => Line::text(days(format!("{t:.0}"))),
        (_, None) => dash(),
    };
    Row {
        cells: vec![
            Line::text(progress_name(&p.metric)),
            Line::words(&value),
            target,
            Line::new(vec![Span::of(SpanKind::Muted, Text::new("進捗", "Progress"))]),
        ],
        trace: p.sources.clone(),
        role: None,
    }
}

fn attached_row(a: &AttachedMetric) -> Row {
    let mut name = Line::words(&a.metric.name).traced(a.sources.iter().cloned());
    if !a.definition.is_empty() {
        name = name.push(Span::of(SpanKind::Muted, Text::same(format!(" — {}", a.definition))));
    }
    Row {
        cells: vec![
            name,
            dash(),
            if a.target.is_empty() { dash() } else { Line::words(&a.target) },
            a.role.map_or_else(dash, |r| Line::text(r.name())),
        ],
        trace: a.sources.clone(),
        role: Some(DocRole::AttachedMetric),
    }
}

fn tree_node(node: &KpiNode) -> TreeNode {
    TreeNode {
        line: Line::new(vec![
            Span::of(SpanKind::Muted, node.kind.name()),
            Span::plain(Text::same(format!(" {}", node.element.name))),
        ])
        .traced([node.element.id.clone()]),
        children: node.children.iter().map(tree_node).collect(),
    }
}

/// The catalog as a document: where the values come from, each stage's table of progress and
/// attached metrics, the stages nobody measures, and the KPI tree.
pub fn document(ws: &Workspace, c: &MetricsCatalog) -> Document {
    let title = Line::text(Text::new(
        format!("指標カタログ — {}", c.journey.name),
        format!("Metrics catalog — {}", c.journey.name),
    ))
    .traced([c.journey.id.clone()]);
    let mut doc = Document::new(title);
    doc.intro.push(Block::muted(match &c.snapshot {
        Some(s) => Line::text(Text::new(
            format!("値は「{}」の時点のものです。", s.name),
            format!("Values as of \"{}\".", s.name),
        ))
        .traced([s.id.clone()]),
        None => Line::text(Text::new(
            "このジャーニーの状態スナップショットがないため、値はまだありません。",
            "No state snapshot of this journey yet, so there are no values.",
        )),
    }));
    let columns = vec![
        Text::new("指標", "Metric"),
        Text::new("値", "Value"),
        Text::new("目標", "Target"),
        Text::new("種類", "Kind"),
    ];
    for s in &c.stages {
        let mut section =
            Section::new(Line::words(&s.stage.name).traced([s.stage.id.clone()])).with_role(DocRole::MetricsStage);
        let rows = s.progress.iter().map(progress_row).chain(s.attached.iter().map(attached_row)).collect();
        section.blocks.push(Block::Table { columns: columns.clone(), rows });
        doc.sections.push(section);
    }
    if !c.gaps.is_empty() {
        let mut gaps =
            Section::new(Line::text(Text::new("指標のないステージ", "Stages with no metric"))).with_role(DocRole::Gaps);
        let items = c.gaps.iter().map(|g| Line::words(&g.name).traced([g.id.clone()])).collect();
        gaps.blocks.push(Block::List { ordered: false, items });
        doc.sections.push(gaps);
    }
    let mut tree = Section::new(Line::text(Text::new("KPIツリー", "KPI tree"))).with_role(DocRole::KpiTree);
    tree.blocks.push(Block::Tree { root: tree_node(&c.tree) });
    doc.sections.push(tree);
    doc.with_views(ws)
}
