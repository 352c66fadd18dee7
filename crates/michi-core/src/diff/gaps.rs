//! The gap list (domain.md §2): what has to change to get from one version of the model (the
//! as-is) to this one (the to-be), as items ordered by impact.
//!
//! Each element that differs (any change but its layout) is a gap item of its own, except a
//! connector added, removed or reconnected with an element it joins that was itself added or
//! removed, which is part of that element's item; the team keeps
//! one — with an owner, a status, an effort — by storing it (a `GapItem` standing for that
//! difference), and adds items by hand. Stored items are this version's; the ones not stored yet
//! are derived again on every read, never stored.
//!
//! ## Impact
//!
//! `impact = (1 + A + S + 5·E + 2·W) × P`, rounded to one decimal, where for the stages an item
//! affects (the element's own stage: a stage itself, a card's stage, a metric's stage, the stages an
//! activity serves, those of a flow's two ends, those of the activities in a lane, all of a
//! journey's) and the elements it concerns:
//! - `A`: accounts at those stages and activities in the latest state snapshot;
//! - `S`: of those, the accounts stuck there (so a stuck account weighs twice);
//! - `E`, `W`: the as-is's error and warning findings that this version no longer has, on the
//!   element, the elements it concerns, those stages or the cards in them (the findings the change
//!   removes where it happens);
//! - `P`: how far up the journey it sits, `1 + (n − i) / n` for the earliest stage affected, the
//!   `i`-th (from 0) of its journey's `n`: 2 for the first stage, just over 1 for the last; 1 with no
//!   stage.
//!
//! Items are sorted by impact (highest first), then by effort (smallest first), then by title.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::outputs::findings_removed;
use super::{ChangeClass, Diff};
use crate::derive::document::{Block, DocRole, Document, Line, Row, Section, Span, SpanKind};
use crate::derive::org::design::function_name;
use crate::derive::shared::Ref;
use crate::diagnose::Finding;
use crate::element::{ElementData, ElementKind, GapStatus, Severity};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

/// What an item's impact is made of, so it can be checked by hand.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Impact {
    /// Accounts at the affected stages and activities (latest state snapshot).
    pub accounts: u32,
    /// Of those, the stuck ones.
    pub stuck: u32,
    /// The as-is's error and warning findings there that this version no longer has.
    pub errors_removed: u32,
    pub warnings_removed: u32,
    /// The earliest affected stage: its place in its journey (from 1) and the journey's stage count.
    pub stage_position: Option<(u32, u32)>,
    /// `P` of the formula.
    pub position_weight: f64,
    pub score: f64,
}

/// An org function that owns, or can own, an item: its id and what it is called.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Owner {
    pub id: ElementId,
    pub name: Text,
}

impl Owner {
    fn of(ws: &Workspace, id: &ElementId) -> Owner {
        Owner { id: id.clone(), name: name_of(ws, id) }
    }
}

/// The org functions of `ws`, each as an owner to pick.
pub fn owners(ws: &Workspace) -> Vec<Owner> {
    ws.elements_of_kind(ElementKind::OrgFunction).map(|f| Owner::of(ws, &f.id)).collect()
}

/// What an element is called: its label, or for an org function its function's name.
fn name_of(ws: &Workspace, id: &ElementId) -> Text {
    match ws.data(id) {
        Some(ElementData::OrgFunction(f)) => function_name(ws, f),
        Some(d) => Text::same(d.label()),
        None => Text::same(""),
    }
}

/// One item of the gap list.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GapRow {
    /// The stored item; `None` for a difference no one has kept yet.
    pub item: Option<ElementId>,
    /// The element that differs (its id on the side that has it); `None` for an item added by hand.
    pub change: Option<String>,
    /// The item's title, or the difference's name ("Moved: Onboarding").
    pub title: Text,
    /// The title the team gave the stored item (empty: the difference names it).
    pub own_title: String,
    /// How the element differs; empty for an item added by hand, or a stored item whose
    /// difference is gone (see `settled`).
    pub classes: Vec<ChangeClass>,
    /// The kind of the element that differs.
    pub element_kind: Option<ElementKind>,
    /// Where: the elements it concerns that this version has (the element that differs first).
    pub concerns: Vec<Ref>,
    /// The stages it affects.
    pub stages: Vec<Ref>,
    pub impact: Impact,
    pub effort: Option<u8>,
    pub owner: Option<Owner>,
    pub status: GapStatus,
    pub note: String,
    /// A stored item for a difference the versions no longer have (taken back, or made in both).
    pub settled: bool,
    /// The customers' words behind the item and what it concerns, newest first.
    pub evidence: Vec<crate::derive::evidence::QuoteRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GapList {
    pub rows: Vec<GapRow>,
}

/// "Moved, renamed: Onboarding".
fn difference_title(classes: &[ChangeClass], label: Text, kind: ElementKind) -> Text {
    let words = |ja: bool| classes.iter().map(|c| c.name().pick(ja).to_string()).collect::<Vec<_>>();
    let label = if label.ja.is_empty() { kind.name() } else { label };
    Text::new(format!("{}: {}", words(true).join("・"), label.ja), format!("{}: {}", words(false).join(", "), label.en))
}

/// The stages an element sits in or serves.
fn stages_of(ws: &Workspace, id: &ElementId) -> Vec<ElementId> {
    let Some(kind) = ws.kind_of(id) else { return Vec::new() };
    match kind {
        ElementKind::Stage => vec![id.clone()],
        ElementKind::Journey => ws.ordered_members(id, RelationKind::InJourney),
        ElementKind::Metric => ws.outgoing(id, RelationKind::Measures).into_iter().map(|r| r.to).collect(),
        k if k.is_card() => ws.container(id, RelationKind::InStage).into_iter().collect(),
        ElementKind::Activity => ws.outgoing(id, RelationKind::Serves).into_iter().map(|r| r.to).collect(),
        ElementKind::SequenceFlow | ElementKind::MessageFlow => [RelationKind::Source, RelationKind::Target]
            .into_iter()
            .filter_map(|k| ws.container(id, k))
            .filter(|end| ws.kind_of(end) == Some(ElementKind::Activity))
            .flat_map(|end| stages_of(ws, &end))
            .collect(),
        ElementKind::Lane => ws
            .incoming(id, RelationKind::InLane)
            .into_iter()
            .filter(|r| ws.kind_of(&r.from) == Some(ElementKind::Activity))
            .flat_map(|r| stages_of(ws, &r.from))
            .collect(),
        _ => Vec::new(),
    }
}

/// The latest state snapshot's counts by element: (accounts present, stuck).
fn state_counts(ws: &Workspace) -> BTreeMap<ElementId, (u32, u32)> {
    let latest = ws
        .elements_of_kind(ElementKind::StateSnapshot)
        .filter_map(|e| match &e.data {
            ElementData::StateSnapshot(s) => Some((s.as_of, e.id.clone())),
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let Some((_, snapshot)) = latest else { return BTreeMap::new() };
    let Some(overlay) = crate::state::overlay(ws, &snapshot, None) else { return BTreeMap::new() };
    overlay.nodes.into_iter().map(|n| (n.element, (n.present, n.stuck.len() as u32))).collect()
}

/// A stage's place in its journey: (index from 0, stage count).
fn stage_place(ws: &Workspace, stage: &ElementId) -> Option<(usize, usize)> {
    let journey = ws.container(stage, RelationKind::InJourney)?;
    let stages = ws.ordered_members(&journey, RelationKind::InJourney);
    Some((stages.iter().position(|s| s == stage)?, stages.len()))
}

struct Context<'a> {
    base: &'a Workspace,
    ws: &'a Workspace,
    counts: BTreeMap<ElementId, (u32, u32)>,
    /// The as-is's findings this version no longer has.
    removed: Vec<Finding>,
}

impl Context<'_> {
    /// The impact of an item about `elements` (ids of either side).
    fn impact(&self, elements: &[ElementId]) -> (Impact, Vec<ElementId>) {
        let mut stages: BTreeSet<ElementId> = BTreeSet::new();
        for e in elements {
            let side = if self.ws.contains(e) { self.ws } else { self.base };
            stages.extend(stages_of(side, e).into_iter().filter(|s| self.ws.contains(s) || self.base.contains(s)));
        }
        let mut at: BTreeSet<&ElementId> = stages.iter().collect();
        at.extend(
            elements
                .iter()
                .filter(|e| matches!(self.ws.kind_of(e).or(self.base.kind_of(e)), Some(ElementKind::Activity))),
        );
        let (mut accounts, mut stuck) = (0, 0);
        for e in &at {
            if let Some((p, s)) = self.counts.get(*e) {
                accounts += p;
                stuck += s;
            }
        }
        let mut touched: BTreeSet<&ElementId> = elements.iter().collect();
        touched.extend(stages.iter());
        let cards: Vec<ElementId> = stages
            .iter()
            .flat_map(|s| {
                let side = if self.base.contains(s) { self.base } else { self.ws };
                side.incoming(s, RelationKind::InStage).into_iter().map(|r| r.from)
            })
            .collect();
        touched.extend(cards.iter());
        let (mut errors, mut warnings) = (0, 0);
        for f in &self.removed {
            if f.elements.iter().any(|e| touched.contains(e)) {
                match f.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                    _ => {}
                }
            }
        }
        let earliest = stages
            .iter()
            .filter_map(|s| stage_place(self.ws, s).or_else(|| stage_place(self.base, s)))
            .min_by(|a, b| (a.0 * b.1).cmp(&(b.0 * a.1)));
        let weight = earliest.map_or(1.0, |(i, n)| 1.0 + (n - i) as f64 / n as f64);
        let raw = (1 + accounts + stuck + 5 * errors + 2 * warnings) as f64 * weight;
        let impact = Impact {
            accounts,
            stuck,
            errors_removed: errors,
            warnings_removed: warnings,
            stage_position: earliest.map(|(i, n)| (i as u32 + 1, n as u32)),
            position_weight: (weight * 1000.0).round() / 1000.0,
            score: (raw * 10.0).round() / 10.0,
        };
        let mut ordered: Vec<ElementId> = stages.into_iter().collect();
        ordered.sort_by_key(|s| stage_place(self.ws, s).or_else(|| stage_place(self.base, s)));
        (impact, ordered)
    }

    /// What an element of either side is called.
    fn name(&self, id: &ElementId) -> Text {
        name_of(if self.ws.contains(id) { self.ws } else { self.base }, id)
    }

    fn refs(&self, ids: &[ElementId]) -> Vec<Ref> {
        ids.iter()
            .filter_map(|id| {
                let side = if self.ws.contains(id) { self.ws } else { self.base };
                side.contains(id).then(|| Ref::of(side, id))
            })
            .collect()
    }
}

/// The gap list of `ws` against `base` (the as-is), given the diff from `base` to `ws`.
pub fn gap_list(base: &Workspace, ws: &Workspace, d: &Diff) -> GapList {
    gap_list_given(base, ws, d, findings_removed(base, ws))
}

/// The gap list, given also the findings of `base` that `ws` no longer has (when the caller has
/// them already, from [`super::outputs::compare`]).
pub fn gap_list_given(base: &Workspace, ws: &Workspace, d: &Diff, removed: Vec<Finding>) -> GapList {
    let cx = Context { base, ws, counts: state_counts(ws), removed };

    // The differences, by element: its classes, kind and label.
    let mut differences: BTreeMap<String, (Vec<ChangeClass>, ElementKind, String, ElementId)> = BTreeMap::new();
    for c in &d.changes {
        // Not model changes: the gap items themselves; people and their assessments (facts about
        // the team, not a design); a function's required levels (read with the function).
        if c.class == ChangeClass::LayoutChanged
            || matches!(
                c.element_kind,
                ElementKind::GapItem
                    | ElementKind::TeamMember
                    | ElementKind::Assessment
                    | ElementKind::SkillRequirement
            )
        {
            continue;
        }
        let Some(id) = c.new.as_ref().or(c.old.as_ref()) else { continue };
        let entry = differences
            .entry(id.to_string())
            .or_insert_with(|| (Vec::new(), c.element_kind, c.label.clone(), id.clone()));
        if !entry.0.contains(&c.class) {
            entry.0.push(c.class);
        }
    }

    // A connector added, removed or reconnected along with an element it joins that was added or
    // removed is part of that element's item (drawing an activity into a flow is one change).
    let new_or_gone = |key: &str| {
        differences.get(key).is_some_and(|d| d.0.iter().any(|c| matches!(c, ChangeClass::Added | ChangeClass::Removed)))
    };
    let mut folded: BTreeMap<String, Vec<ElementId>> = BTreeMap::new();
    let mut folded_away: BTreeSet<String> = BTreeSet::new();
    for (key, (_, kind, _, id)) in &differences {
        if !kind.is_connector() {
            continue;
        }
        let ends: Vec<ElementId> = [base, ws]
            .iter()
            .flat_map(|side| {
                [RelationKind::Source, RelationKind::Target].into_iter().filter_map(|k| side.container(id, k))
            })
            .collect();
        if let Some(end) = ends.iter().find(|e| e.as_str() != key && new_or_gone(e.as_str())) {
            folded.entry(end.to_string()).or_default().push(id.clone());
            folded_away.insert(key.clone());
        }
    }

    let mut rows = Vec::new();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    for e in ws.elements_of_kind(ElementKind::GapItem) {
        let ElementData::GapItem(item) = &e.data else { continue };
        let concerns: Vec<ElementId> = ws.outgoing(&e.id, RelationKind::Concerns).into_iter().map(|r| r.to).collect();
        let difference = item.change.as_ref().and_then(|c| differences.get(c));
        if let Some(c) = &item.change {
            kept.insert(c.clone());
        }
        let mut about: Vec<ElementId> = difference.map(|d| vec![d.3.clone()]).unwrap_or_default();
        for c in concerns {
            if !about.contains(&c) {
                about.push(c);
            }
        }
        let (impact, stages) = cx.impact(&about);
        let title = if item.title.trim().is_empty() {
            difference.map_or_else(|| Text::same(""), |(cl, k, _, id)| difference_title(cl, cx.name(id), *k))
        } else {
            Text::same(item.title.clone())
        };
        rows.push(GapRow {
            item: Some(e.id.clone()),
            change: item.change.clone(),
            title,
            own_title: item.title.clone(),
            classes: difference.map(|d| d.0.clone()).unwrap_or_default(),
            element_kind: difference.map(|d| d.1),
            concerns: cx.refs(&about.iter().filter(|a| ws.contains(a)).cloned().collect::<Vec<_>>()),
            stages: cx.refs(&stages),
            impact,
            effort: item.effort,
            owner: ws.incoming(&e.id, RelationKind::Owns).first().map(|r| Owner::of(ws, &r.from)),
            status: item.status,
            note: item.note.clone(),
            settled: item.change.is_some() && difference.is_none(),
            evidence: crate::derive::evidence::quotes_behind_any(ws, std::iter::once(&e.id).chain(&about)),
        });
    }
    for (key, (classes, kind, _, id)) in &differences {
        if kept.contains(key) || folded_away.contains(key) {
            continue;
        }
        let mut about = vec![id.clone()];
        about.extend(folded.get(key).into_iter().flatten().cloned());
        let (impact, stages) = cx.impact(&about);
        rows.push(GapRow {
            item: None,
            change: Some(key.clone()),
            title: difference_title(classes, cx.name(id), *kind),
            own_title: String::new(),
            classes: classes.clone(),
            element_kind: Some(*kind),
            concerns: cx.refs(&about.iter().filter(|a| ws.contains(a)).cloned().collect::<Vec<_>>()),
            stages: cx.refs(&stages),
            impact,
            effort: None,
            owner: None,
            status: GapStatus::Identified,
            note: String::new(),
            settled: false,
            evidence: crate::derive::evidence::quotes_behind_any(ws, &about),
        });
    }
    rows.sort_by(|a, b| {
        b.impact
            .score
            .total_cmp(&a.impact.score)
            .then_with(|| a.effort.unwrap_or(u8::MAX).cmp(&b.effort.unwrap_or(u8::MAX)))
            .then_with(|| a.title.ja.cmp(&b.title.ja))
    });
    GapList { rows }
}

/// The formula, as the document states it.
pub fn formula() -> Text {
    Text::new(
        "影響度 = (1 + 顧客数 + 滞留数 + 5×解消するエラー + 2×解消する警告) × 位置の重み。顧客数と滞留数は最新の状態スナップショットで、影響するステージとアクティビティにいる顧客。位置の重みはジャーニーの上流ほど大きく、最初のステージで2、最後のステージで1をわずかに超える（ステージなしは1）。",
        "Impact = (1 + accounts + stuck + 5 × errors removed + 2 × warnings removed) × position weight. Accounts and stuck are those at the affected stages and activities in the latest state snapshot. The position weight grows further up the journey: 2 at the first stage, just over 1 at the last (1 with no stage).",
    )
}

/// The gap list as a document: a table sorted by impact, each row traced to what it concerns.
pub fn document(list: &GapList, base_name: &str, name: &str) -> Document {
    let mut doc = Document::new(Line::text(Text::new(
        format!("ギャップ一覧（{base_name} → {name}）"),
        format!("Gap list ({base_name} → {name})"),
    )));
    doc.intro.push(Block::muted(Line::text(formula())));
    let columns = vec![
        Text::new("#", "#"),
        Text::new("項目", "Item"),
        Text::new("場所", "Where"),
        Text::new("影響度", "Impact"),
        Text::new("内訳", "Made of"),
        Text::new("工数", "Effort"),
        Text::new("担当", "Owner"),
        Text::new("状況", "Status"),
        Text::new("顧客の声", "Customer voices"),
    ];
    let rows = list
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let trace: Vec<ElementId> = r.item.iter().cloned().chain(r.concerns.iter().map(|c| c.id.clone())).collect();
            let mut title = Line::new(vec![Span::plain(r.title.clone())]);
            if r.item.is_none() {
                title = title.push(Span::of(SpanKind::Suggested, Text::new("未登録", "not kept yet")));
            }
            if r.settled {
                title = title.push(Span::of(SpanKind::Chip, Text::new("差分なし", "no longer differs")));
            }
            // Where: its stages, then what else it concerns (not the element the title names).
            let mut place: Vec<String> = r.stages.iter().map(|s| s.name.clone()).collect();
            place.extend(
                r.concerns
                    .iter()
                    .filter(|c| !r.stages.iter().any(|s| s.id == c.id))
                    .filter(|c| r.change.as_deref() != Some(c.id.as_str()) && !c.name.is_empty())
                    .map(|c| c.name.clone()),
            );
            let m = &r.impact;
            let position = m.stage_position.map_or_else(String::new, |(i, n)| format!(" · {i}/{n}"));
            let made_of = Text::new(
                format!(
                    "顧客{} 滞留{} エラー解消{} 警告解消{} 位置×{}{}",
                    m.accounts, m.stuck, m.errors_removed, m.warnings_removed, m.position_weight, position
                ),
                format!(
                    "accounts {} stuck {} errors removed {} warnings removed {} position ×{}{}",
                    m.accounts, m.stuck, m.errors_removed, m.warnings_removed, m.position_weight, position
                ),
            );
            let owner = match &r.owner {
                Some(o) => Line::text(o.name.clone()),
                None => Line::new(vec![Span::of(SpanKind::Missing, Text::new("なし", "none"))]),
            };
            let effort = match r.effort {
                Some(e) => Line::words(&e.to_string()),
                None => Line::new(vec![Span::of(SpanKind::Missing, Text::new("未設定", "not set"))]),
            };
            Row {
                cells: vec![
                    Line::words(&(i + 1).to_string()),
                    title,
                    Line::words(&place.join(", ")),
                    Line::words(&m.score.to_string()),
                    Line::text(made_of),
                    effort,
                    owner,
                    Line::text(r.status.name()),
                    crate::derive::evidence::citation_cell(&r.evidence, 2),
                ],
                trace,
                role: Some(DocRole::GapItem),
            }
        })
        .collect();
    let mut section = Section::new(Line::text(Text::new("項目（影響度順）", "Items, by impact")));
    if list.rows.is_empty() {
        section.blocks.push(Block::muted(Line::text(Text::new("差分はありません。", "The versions do not differ."))));
    } else {
        section.blocks.push(Block::Table { columns, rows });
    }
    doc.sections.push(section);
    doc
}
