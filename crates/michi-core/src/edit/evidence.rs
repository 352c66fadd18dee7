//! Evidence edits: tags merged (one undoable step: the quotes and sub-tags of one move to the
//! other, which keeps its name, and the first goes).

use super::intent::EditError;
use crate::element::ElementKind;
use crate::id::ElementId;
use crate::op::{Op, OpError};
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::workspace::Workspace;

fn tag(ws: &Workspace, id: &ElementId) -> Result<(), EditError> {
    match ws.kind_of(id) {
        Some(ElementKind::Tag) => Ok(()),
        Some(found) => Err(EditError::WrongKind { id: id.clone(), expected: ElementKind::Tag, found }),
        None => Err(OpError::UnknownElement(id.clone()).into()),
    }
}

pub(super) fn merge_tags(ws: &Workspace, from: ElementId, into: ElementId) -> Result<Vec<Op>, EditError> {
    tag(ws, &from)?;
    tag(ws, &into)?;
    if from == into {
        return Ok(Vec::new());
    }
    let relate = |kind, from: ElementId, to: ElementId| Op::Relate {
        relation: Relation { kind, from, to, rank: Rank::unordered() },
    };
    let mut ops = Vec::new();
    for r in ws.incoming(&from, RelationKind::TaggedWith) {
        let key = RelationKey { kind: RelationKind::TaggedWith, from: r.from.clone(), to: into.clone() };
        if ws.relation(&key).is_none() {
            ops.push(relate(RelationKind::TaggedWith, r.from.clone(), into.clone()));
        }
    }
    for r in ws.incoming(&from, RelationKind::TagIn) {
        ops.push(Op::Unrelate { key: r.key() });
        if r.from != into {
            ops.push(relate(RelationKind::TagIn, r.from.clone(), into.clone()));
        }
    }
    // `into` was under `from` (unlinked above): it takes `from`'s place.
    if ws.container(&into, RelationKind::TagIn).as_ref() == Some(&from)
        && let Some(parent) = ws.container(&from, RelationKind::TagIn)
    {
        ops.push(relate(RelationKind::TagIn, into.clone(), parent));
    }
    ops.push(Op::RemoveElement { id: from });
    Ok(ops)
}
