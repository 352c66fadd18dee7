//! Edits on any element: free-standing elements created, properties replaced, elements deleted with
//! what they own, relations added and removed; and counts typed by hand into a state snapshot.

use std::collections::BTreeSet;

use super::intent::EditError;
use super::shared::New;
use crate::element::{ElementData, ElementKind, NodeState};
use crate::id::{ElementId, ViewId};
use crate::op::{Op, OpError};
use crate::process::edit as process_edit;
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::workspace::Workspace;

/// An element that stands on its own (a segment, a term, a snapshot…); cards and stages are
/// created by the edits that place them.
pub(super) fn create(new: &mut New, data: ElementData) -> Result<Vec<Op>, EditError> {
    let kind = data.kind();
    if !matches!(
        kind,
        ElementKind::Segment
            | ElementKind::Persona
            | ElementKind::Metric
            | ElementKind::Term
            | ElementKind::StateSnapshot
            | ElementKind::OrgFunction
            | ElementKind::AccountSnapshot
            | ElementKind::Judgement
            | ElementKind::GapItem
            | ElementKind::Conversation
            | ElementKind::Quote
            | ElementKind::Tag
            | ElementKind::Workshop
            | ElementKind::Skill
            | ElementKind::TeamMember
    ) {
        return Err(EditError::NotFreeStanding(kind));
    }
    Ok(vec![Op::AddElement { element: new.element(data) }])
}

pub(super) fn link(ws: &Workspace, kind: RelationKind, from: ElementId, to: ElementId) -> Vec<Op> {
    let rank = if kind.schema().ordered {
        Rank::between(ws.incoming(&to, kind).last().map(|r| &r.rank), None)
    } else {
        Rank::unordered()
    };
    vec![Op::Relate { relation: Relation { kind, from, to, rank } }]
}

pub(super) fn unlink(kind: RelationKind, from: ElementId, to: ElementId) -> Vec<Op> {
    vec![Op::Unrelate { key: RelationKey { kind, from, to } }]
}

/// A count typed by hand for `element` in a snapshot (`None` takes it away).
pub(super) fn set_manual_count(
    ws: &Workspace,
    snapshot: ElementId,
    element: ElementId,
    present: Option<u32>,
) -> Result<Vec<Op>, EditError> {
    let Some(ElementData::StateSnapshot(mut s)) = ws.data(&snapshot).cloned() else {
        let found = ws.kind_of(&snapshot).ok_or_else(|| OpError::UnknownElement(snapshot.clone()))?;
        return Err(EditError::WrongKind { id: snapshot, expected: ElementKind::StateSnapshot, found });
    };
    if !ws.contains(&element) {
        return Err(OpError::UnknownElement(element).into());
    }
    match (s.entries.iter_mut().find(|e| e.element == element), present) {
        (Some(e), _) => e.present_count = present,
        (None, Some(_)) => {
            s.entries.push(NodeState { present_count: present, ..NodeState::empty(element) });
        }
        (None, None) => {}
    }
    s.entries.retain(|e| e.present_count.is_some() || !e.present.is_empty() || e.entered > 0);
    Ok(vec![Op::SetElement { id: snapshot, data: ElementData::StateSnapshot(s) }])
}

/// The operations deleting `ids` and everything they own, in a deterministic order.
pub(super) fn deletion(ws: &Workspace, ids: Vec<ElementId>) -> Result<Vec<Op>, EditError> {
    let mut doomed: BTreeSet<ElementId> = BTreeSet::new();
    let mut queue = ids;
    while let Some(id) = queue.pop() {
        if !ws.contains(&id) {
            return Err(OpError::UnknownElement(id).into());
        }
        if !doomed.insert(id.clone()) {
            continue;
        }
        for kind in RelationKind::ALL.into_iter().filter(|k| k.schema().owned_by_target) {
            for member in ws.incoming(&id, kind) {
                // Owned only if every container it has of this kind is going too (a metric that still
                // measures another stage stays).
                let all_doomed = ws.outgoing(&member.from, kind).iter().all(|r| doomed.contains(&r.to));
                if all_doomed && !doomed.contains(&member.from) {
                    queue.push(member.from);
                }
            }
        }
    }
    let mut ops = Vec::new();
    let mut views: BTreeSet<ViewId> = BTreeSet::new();
    for id in &doomed {
        views.extend(ws.views_about(id).into_iter().map(|v| v.id.clone()));
    }
    ops.extend(views.into_iter().map(|id| Op::RemoveView { id }));
    ops.extend(process_edit::absorb_deleted_lanes(ws, &doomed));
    ops.extend(doomed.into_iter().map(|id| Op::RemoveElement { id }));
    Ok(ops)
}
