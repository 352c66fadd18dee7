//! Journey edits: journeys with their map, stages in order, cards in their stage's lanes, lanes
//! hidden or shown on a map.

use std::collections::BTreeSet;

use super::intent::{CardClip, EditError};
use super::shared::{New, expect_kind, lane_siblings, rank_at, reorder};
use crate::element::{ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::op::{Op, OpError};
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::view::{Lane, View, ViewKind};
use crate::workspace::Workspace;

/// A new journey with its journey-map view.
pub(super) fn create_journey(new: &mut New, name: String) -> Vec<Op> {
    let journey = new.element(ElementData::new_with_label(ElementKind::Journey, name));
    let view = View {
        id: new.view(),
        name: String::new(),
        kind: ViewKind::JourneyMap { journey: journey.id.clone(), hidden_lanes: Vec::new() },
        placements: Default::default(),
    };
    vec![Op::AddElement { element: journey }, Op::AddView { view }]
}

pub(super) fn add_stage(
    ws: &Workspace,
    new: &mut New,
    journey: ElementId,
    index: Option<u32>,
    name: String,
) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &journey, ElementKind::Journey)?;
    let rank = rank_at(&ws.incoming(&journey, RelationKind::InJourney), index);
    let stage = new.element(ElementData::new_with_label(ElementKind::Stage, name));
    let relation = Relation { kind: RelationKind::InJourney, from: stage.id.clone(), to: journey, rank };
    Ok(vec![Op::AddElement { element: stage }, Op::Relate { relation }])
}

pub(super) fn move_stage(ws: &Workspace, stage: ElementId, index: u32) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &stage, ElementKind::Stage)?;
    let journey = ws.container(&stage, RelationKind::InJourney).ok_or_else(|| EditError::NoJourney(stage.clone()))?;
    let siblings = ws.incoming(&journey, RelationKind::InJourney);
    Ok(reorder(siblings, &stage, index))
}

pub(super) fn add_card(
    ws: &Workspace,
    new: &mut New,
    stage: ElementId,
    index: Option<u32>,
    data: ElementData,
) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &stage, ElementKind::Stage)?;
    let kind = data.kind();
    let rel = RelationKind::placing_in_stage(kind).ok_or(EditError::NotACard(kind))?;
    let rank = rank_at(&lane_siblings(ws, &stage, kind, rel), index);
    let card = new.element(data);
    let relation = Relation { kind: rel, from: card.id.clone(), to: stage, rank };
    Ok(vec![Op::AddElement { element: card }, Op::Relate { relation }])
}

pub(super) fn paste_cards(
    ws: &Workspace,
    new: &mut New,
    stage: ElementId,
    after: Option<ElementId>,
    cards: Vec<CardClip>,
) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &stage, ElementKind::Stage)?;
    let mut ops = Vec::new();
    // Per lane, the window new cards go into: after `after` (or at the end), one after another.
    let mut windows: Vec<(ElementKind, Option<Rank>, Option<Rank>)> = Vec::new();
    for clip in cards {
        let kind = clip.data.kind();
        let rel = RelationKind::placing_in_stage(kind).ok_or(EditError::NotACard(kind))?;
        let at = match windows.iter().position(|w| w.0 == kind) {
            Some(i) => i,
            None => {
                let siblings = lane_siblings(ws, &stage, kind, rel);
                let i = after
                    .as_ref()
                    .and_then(|a| siblings.iter().position(|r| &r.from == a))
                    .map_or(siblings.len(), |p| p + 1);
                let lo = i.checked_sub(1).map(|j| siblings[j].rank.clone());
                windows.push((kind, lo, siblings.get(i).map(|r| r.rank.clone())));
                windows.len() - 1
            }
        };
        let rank = Rank::between(windows[at].1.as_ref(), windows[at].2.as_ref());
        windows[at].1 = Some(rank.clone());
        let card = new.element(clip.data);
        let id = card.id.clone();
        ops.push(Op::AddElement { element: card });
        ops.push(Op::Relate { relation: Relation { kind: rel, from: id.clone(), to: stage.clone(), rank } });
        let drawn_for = RelationKind::IsFor.schema().from.contains(&kind);
        for segment in clip.segments.into_iter().filter(|s| drawn_for && ws.kind_of(s) == Some(ElementKind::Segment)) {
            let relation = Relation { kind: RelationKind::IsFor, from: id.clone(), to: segment, rank: Rank::default() };
            ops.push(Op::Relate { relation });
        }
    }
    Ok(ops)
}

pub(super) fn move_card(
    ws: &Workspace,
    card: ElementId,
    from: ElementId,
    to: ElementId,
    index: u32,
) -> Result<Vec<Op>, EditError> {
    let kind = ws.kind_of(&card).ok_or_else(|| OpError::UnknownElement(card.clone()))?;
    let rel = RelationKind::placing_in_stage(kind).ok_or(EditError::NotACard(kind))?;
    expect_kind(ws, &to, ElementKind::Stage)?;
    let old = RelationKey { kind: rel, from: card.clone(), to: from.clone() };
    if ws.relation(&old).is_none() {
        return Err(EditError::NotInStage { card, stage: from });
    }
    Ok(if from == to {
        reorder(lane_siblings(ws, &to, kind, rel), &card, index)
    } else {
        let siblings = lane_siblings(ws, &to, kind, rel);
        let rank = rank_at(&siblings, Some(index));
        vec![Op::Unrelate { key: old }, Op::Relate { relation: Relation { kind: rel, from: card, to, rank } }]
    })
}

pub(super) fn set_lane_hidden(ws: &Workspace, view: ViewId, lane: Lane, hidden: bool) -> Result<Vec<Op>, EditError> {
    let v = ws.view(&view).ok_or_else(|| OpError::UnknownView(view.clone()))?;
    let ViewKind::JourneyMap { journey, hidden_lanes } = &v.kind else {
        return Err(EditError::NotAJourneyMap(view));
    };
    let mut lanes: BTreeSet<Lane> = hidden_lanes.iter().copied().collect();
    if hidden {
        lanes.insert(lane);
    } else {
        lanes.remove(&lane);
    }
    let kind = ViewKind::JourneyMap { journey: journey.clone(), hidden_lanes: lanes.into_iter().collect() };
    Ok(vec![Op::SetView { id: view, name: v.name.clone(), kind }])
}
