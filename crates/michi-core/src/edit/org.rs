//! Org design edits: a recommended function adopted (owning what its reasons point at, requiring
//! its default skill levels), roles in a function.

use super::intent::EditError;
use super::shared::New;
use crate::element::{CsFunction, ElementData, ElementKind, OrgFunction};
use crate::id::ElementId;
use crate::op::{Op, OpError};
use crate::rank::Rank;
use crate::relation::{Relation, RelationKind};
use crate::workspace::Workspace;

/// Adopts a recommended function: one element owning the stages and activities its reasons point at.
pub(super) fn accept_function(ws: &Workspace, new: &mut New, function: CsFunction) -> Vec<Op> {
    let owned = crate::derive::org::owned_by(ws, function);
    let f = new.element(ElementData::OrgFunction(OrgFunction { function: Some(function), ..Default::default() }));
    let id = f.id.clone();
    let mut ops = vec![Op::AddElement { element: f }];
    ops.extend(owned.into_iter().map(|to| Op::Relate {
        relation: Relation { kind: RelationKind::Owns, from: id.clone(), to, rank: Rank::default() },
    }));
    // The levels the function requires by default, on the skills of the model that has them.
    ops.extend(super::skills::default_requirements(new, &super::skills::skills_by_key(ws), &id, function));
    ops
}

pub(super) fn add_role(ws: &Workspace, new: &mut New, function: ElementId, name: String) -> Result<Vec<Op>, EditError> {
    if ws.kind_of(&function) != Some(ElementKind::OrgFunction) {
        let found = ws.kind_of(&function).ok_or_else(|| OpError::UnknownElement(function.clone()))?;
        return Err(EditError::WrongKind { id: function, expected: ElementKind::OrgFunction, found });
    }
    let role = new.element(ElementData::new_with_label(ElementKind::Role, name));
    let id = role.id.clone();
    Ok(vec![
        Op::AddElement { element: role },
        Op::Relate { relation: Relation { kind: RelationKind::RoleIn, from: id, to: function, rank: Rank::default() } },
    ])
}
