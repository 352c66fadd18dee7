//! Journey edits: journeys with their map, stages in order, cards in their stage's lanes, lanes
//! hidden or shown on a map.

use std::collections::BTreeSet;

use super::intent::EditError;
use super::shared::{New, expect_kind, lane_siblings, rank_at, reorder};
use crate::element::{ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::op::{Op, OpError};
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
