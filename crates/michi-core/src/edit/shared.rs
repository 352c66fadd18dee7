//! What the edit handlers share: making new elements and views, checking an element's kind, and
//! ranks for inserting or moving an item among ordered siblings.

use super::intent::EditError;
use crate::element::{Element, ElementData, ElementKind};
use crate::id::{ElementId, IdGen, ViewId};
use crate::op::{Op, OpError};
use crate::process::edit::Made;
use crate::rank::Rank;
use crate::relation::{Relation, RelationKind};
use crate::workspace::Workspace;

/// Makes the elements and views an edit creates, recording their ids for the caller.
pub(super) struct New<'a> {
    pub ids: &'a mut IdGen,
    pub made: &'a mut Made,
}

impl New<'_> {
    pub fn element(&mut self, data: ElementData) -> Element {
        let id = self.ids.element(data.kind().id_prefix());
        self.made.elements.push(id.clone());
        Element { id, data }
    }

    pub fn view(&mut self) -> ViewId {
        let id = self.ids.view();
        self.made.views.push(id.clone());
        id
    }
}

pub(super) fn expect_kind(ws: &Workspace, id: &ElementId, expected: ElementKind) -> Result<(), EditError> {
    let found = ws.kind_of(id).ok_or_else(|| OpError::UnknownElement(id.clone()))?;
    if found != expected {
        return Err(EditError::WrongKind { id: id.clone(), expected, found });
    }
    Ok(())
}

/// An unordered relation of `kind` from `from` to `to`, added.
pub(super) fn relate(kind: RelationKind, from: &ElementId, to: &ElementId) -> Op {
    Op::Relate { relation: Relation { kind, from: from.clone(), to: to.clone(), rank: Rank::unordered() } }
}

/// The rank that puts a new item at `index` in `siblings` (clamped to the end).
pub(super) fn rank_at(siblings: &[Relation], index: Option<u32>) -> Rank {
    let i = index.map_or(siblings.len(), |i| (i as usize).min(siblings.len()));
    let lo = i.checked_sub(1).map(|j| &siblings[j].rank);
    Rank::between(lo, siblings.get(i).map(|r| &r.rank))
}

/// The relations ordering the cards of `kind` in `stage`.
pub(super) fn lane_siblings(ws: &Workspace, stage: &ElementId, kind: ElementKind, rel: RelationKind) -> Vec<Relation> {
    ws.incoming(stage, rel).into_iter().filter(|r| ws.kind_of(&r.from) == Some(kind)).collect()
}

/// Moves `item` to `index` among `siblings` (ordered relations arriving at one element).
/// Moving to where it already is produces no operation.
pub(super) fn reorder(siblings: Vec<Relation>, item: &ElementId, index: u32) -> Vec<Op> {
    let Some(current) = siblings.iter().position(|r| &r.from == item) else { return Vec::new() };
    let key = siblings[current].key();
    let others: Vec<Relation> = siblings.into_iter().filter(|r| &r.from != item).collect();
    let target = (index as usize).min(others.len());
    if target == current {
        return Vec::new();
    }
    vec![Op::SetRank { key, rank: rank_at(&others, Some(target as u32)) }]
}
