//! The metrics catalog of a journey (domain.md §3, step 3): per stage, the progress metrics every
//! stage has (conversion to the next stage, time in stage against the time-to-value target, stuck
//! accounts), the metrics the user attached with their definition, data source, target and kind,
//! and the stages nobody measures; and a KPI tree from the journey's goal down to each stage's
//! outcome (its exit criteria and lagging metrics) and the leading metrics that drive it. Values
//! come from the journey's latest state snapshot when there is one. Every metric traces to its
//! stage.
//!
//! Which leading metric drives which outcome: the lagging metrics it is linked to (`drives`), else
//! the lagging metrics of its own stage, else its stage's outcome itself.

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
    /// For a metric: leading or lagging.
    pub role: Option<MetricRole>,
    /// What the node stands for: the journey's goal, a stage's exit criteria, a metric's target.
    pub note: String,
    pub children: Vec<KpiNode>,
}

impl KpiNode {
    fn metric(ws: &Workspace, id: &ElementId, children: Vec<KpiNode>) -> KpiNode {
        let (role, note) = match ws.data(id) {
            Some(ElementData::Metric(m)) => (m.role, m.target.clone()),
            _ => (None, String::new()),
        };
        KpiNode { element: Ref::of(ws, id), kind: ElementKind::Metric, role, note, children }
    }
}

/// The KPI tree of a journey: its goal; each stage's outcome (exit criteria) with the customer's
/// goals there and its lagging metrics; under each lagging metric the leading metrics driving it
/// (linked, else of its stage); leading metrics driving no lagging metric under their stage.
fn kpi_tree(ws: &Workspace, journey: &ElementId, stage_ids: &[ElementId]) -> KpiNode {
    let role = |m: &ElementId| match ws.data(m) {
        Some(ElementData::Metric(d)) => d.role,
        _ => None,
    };
    let drives = |m: &ElementId| -> Vec<ElementId> {
        ws.outgoing(m, RelationKind::Drives)
            .into_iter()
            .map(|r| r.to)
            .filter(|t| t != m && role(t) == Some(MetricRole::Lagging))
            .collect()
    };
    let measured: Vec<Vec<ElementId>> =
        stage_ids.iter().map(|s| ws.ordered_members(s, RelationKind::Measures)).collect();
    let mut stages = Vec::new();
    for (i, stage) in stage_ids.iter().enumerate() {
        let Some(ElementData::Stage(data)) = ws.data(stage) else { continue };
        let lagging: Vec<&ElementId> = measured[i].iter().filter(|m| role(m) == Some(MetricRole::Lagging)).collect();
        let mut children: Vec<KpiNode> = ws
            .ordered_members(stage, RelationKind::InStage)
            .into_iter()
            .filter(|c| ws.kind_of(c) == Some(ElementKind::CustomerGoal))
            .map(|g| KpiNode {
                element: Ref::of(ws, &g),
                kind: ElementKind::CustomerGoal,
                role: None,
                note: String::new(),
                children: Vec::new(),
            })
            .collect();
        for outcome in &lagging {
            // Leading metrics of any stage linked to this outcome, then this stage's unlinked ones.
            let mut drivers: Vec<ElementId> = Vec::new();
            for other in measured.iter().flatten() {
                if role(other) == Some(MetricRole::Leading)
                    && drives(other).contains(outcome)
                    && !drivers.contains(other)
                {
                    drivers.push(other.clone());
                }
            }
            for own in &measured[i] {
                if role(own) == Some(MetricRole::Leading) && drives(own).is_empty() && !drivers.contains(own) {
                    drivers.push(own.clone());
                }
            }
            let leaves = drivers.iter().map(|d| KpiNode::metric(ws, d, Vec::new())).collect();
            children.push(KpiNode::metric(ws, outcome, leaves));
        }
        // Leading metrics driving nothing named here drive the stage's outcome itself; metrics
        // with no kind sit under the stage.
        for m in &measured[i] {
            let placed = match role(m) {
                Some(MetricRole::Lagging) => true,
                Some(MetricRole::Leading) => !drives(m).is_empty() || !lagging.is_empty(),
                None => false,
            };
            if !placed {
                children.push(KpiNode::metric(ws, m, Vec::new()));
            }
        }
        stages.push(KpiNode {
            element: Ref::of(ws, stage),
            kind: ElementKind::Stage,
            role: None,
            note: data.exit_criteria.clone(),
            children,
        });
    }
    let goal = match ws.data(journey) {
        Some(ElementData::Journey(j)) => j.description.clone(),
        _ => String::new(),
    };
    KpiNode { element: Ref::of(ws, journey), kind: ElementKind::Journey, role: None, note: goal, children: stages }
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
        stages.push(StageMetrics { stage: Ref::of(ws, stage), progress, attached });
    }
    let tree = kpi_tree(ws, journey, &stage_ids);
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

/// What a progress metric counts, in one sentence.
pub fn progress_definition(p: &Progress) -> Text {
    match p {
        Progress::ConversionToNext { .. } => Text::new(
            "期間中にこのステージにいた顧客（前回から在籍＋到着）のうち、次へ進んだ割合",
            "Of the accounts at this stage in the period (carried over and arrived), the share that moved on",
        ),
        Progress::TimeInStage => Text::new(
            "ステージに入ってから出るまでの日数の中央値",
            "The median days from entering the stage to leaving it",
        ),
        Progress::StuckCount => Text::new(
            "滞留とみなす日数を超えてこのステージにいる顧客の数",
            "Accounts at this stage longer than its stuck threshold",
        ),
    }
}

fn dash() -> Line {
    Line::words("—")
}

/// A progress metric as a table row: name, value, target, kind, definition, data source.
fn progress_row(p: &ProgressMetric, snapshot: Option<&Ref>) -> Row {
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
    let source = match snapshot {
        Some(s) => Line::text(Text::new(format!("状態「{}」", s.name), format!("State \"{}\"", s.name))),
        None => Line::text(Text::new("状態のスナップショット", "A state snapshot")),
    };
    Row {
        cells: vec![
            Line::text(progress_name(&p.metric)),
            Line::words(&value),
            target,
            Line::new(vec![Span::of(SpanKind::Muted, Text::new("進捗", "Progress"))]),
            Line::text(progress_definition(&p.metric)),
            source,
        ],
        trace: p.sources.clone(),
        role: None,
    }
}

fn attached_row(a: &AttachedMetric) -> Row {
    let or_dash = |t: &str| if t.trim().is_empty() { dash() } else { Line::words(t) };
    Row {
        cells: vec![
            Line::words(&a.metric.name).traced(a.sources.iter().cloned()),
            dash(),
            or_dash(&a.target),
            a.role.map_or_else(dash, |r| Line::text(r.name())),
            or_dash(&a.definition),
            or_dash(&a.data_source),
        ],
        trace: a.sources.clone(),
        role: Some(DocRole::AttachedMetric),
    }
}

fn tree_node(node: &KpiNode) -> TreeNode {
    let kind = match node.role {
        Some(role) => role.name(),
        None => node.kind.name(),
    };
    let mut line =
        Line::new(vec![Span::of(SpanKind::Muted, kind), Span::plain(Text::same(format!(" {}", node.element.name)))]);
    if !node.note.trim().is_empty() {
        let label = match node.kind {
            ElementKind::Journey => Text::new("目標", "Goal"),
            ElementKind::Stage => Text::new("完了条件", "Exit criteria"),
            _ => Text::new("目標値", "Target"),
        };
        line = line.push(Span::of(
            SpanKind::Muted,
            Text::new(format!(" — {}: {}", label.ja, node.note), format!(" — {}: {}", label.en, node.note)),
        ));
    }
    TreeNode { line: line.traced([node.element.id.clone()]), children: node.children.iter().map(tree_node).collect() }
}

/// The catalog as a document: where the values come from, each stage's table of progress and
/// attached metrics (with definitions and data sources), the stages nobody measures, and the KPI
/// tree.
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
        Text::new("定義", "Definition"),
        Text::new("データソース", "Data source"),
    ];
    for s in &c.stages {
        let mut section =
            Section::new(Line::words(&s.stage.name).traced([s.stage.id.clone()])).with_role(DocRole::MetricsStage);
        let rows = s
            .progress
            .iter()
            .map(|p| progress_row(p, c.snapshot.as_ref()))
            .chain(s.attached.iter().map(attached_row))
            .collect();
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
    tree.blocks.push(Block::muted(Line::text(Text::new(
        "ジャーニーの目標 → 各ステージの成果（完了条件と遅行指標） → それを動かす先行指標。",
        "The journey's goal → each stage's outcome (its exit criteria and lagging metrics) → the leading metrics that drive it.",
    ))));
    tree.blocks.push(Block::Tree { root: tree_node(&c.tree) });
    doc.sections.push(tree);
    doc.with_views(ws)
}
