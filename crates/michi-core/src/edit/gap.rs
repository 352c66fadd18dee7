//! Gap list edits (a gap item added, its owner changed) and taking one change of another version
//! back into this one.

use std::collections::BTreeSet;

use super::elements::deletion;
use super::intent::{EditError, Restore};
use super::shared::{New, expect_kind, relate};
use crate::element::{Element, ElementData, ElementKind, GapItem};
use crate::id::ElementId;
use crate::op::{Op, OpError};
use crate::relation::{Relation, RelationKind};
use crate::workspace::Workspace;

pub(super) fn add_item(
    ws: &Workspace,
    new: &mut New,
    data: GapItem,
    concerns: Vec<ElementId>,
    owner: Option<ElementId>,
) -> Result<Vec<Op>, EditError> {
    if let Some(o) = &owner {
        expect_kind(ws, o, ElementKind::OrgFunction)?;
    }
    let item = new.element(ElementData::GapItem(data));
    let id = item.id.clone();
    let mut ops = vec![Op::AddElement { element: item }];
    let concerns: BTreeSet<ElementId> = concerns.into_iter().collect();
    for to in concerns {
        if !ws.contains(&to) {
            return Err(OpError::UnknownElement(to).into());
        }
        ops.push(relate(RelationKind::Concerns, &id, &to));
    }
    if let Some(o) = owner {
        ops.push(relate(RelationKind::Owns, &o, &id));
    }
    Ok(ops)
}

pub(super) fn set_owner(ws: &Workspace, item: ElementId, owner: Option<ElementId>) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &item, ElementKind::GapItem)?;
    if let Some(o) = &owner {
        expect_kind(ws, o, ElementKind::OrgFunction)?;
    }
    let mut ops = Vec::new();
    for r in ws.incoming(&item, RelationKind::Owns) {
        if Some(&r.from) != owner.as_ref() {
            ops.push(Op::Unrelate { key: r.key() });
        }
    }
    if let Some(o) = owner
        && !ws.incoming(&item, RelationKind::Owns).iter().any(|r| r.from == o)
    {
        ops.push(relate(RelationKind::Owns, &o, &item));
    }
    Ok(ops)
}

/// The operations making `r.element` here what it is in the other version, for what `r` takes
/// back. An element of another kind there (a card in another lane) is replaced: removed, added
/// with its properties there and given back the relations listed.
pub(super) fn take_back(ws: &Workspace, r: Restore) -> Result<Vec<Op>, EditError> {
    let id = r.element.clone();
    if r.gone {
        return deletion(ws, vec![id]);
    }
    let mut ops = Vec::new();
    if r.ranks_only {
        for w in &r.relations {
            if let Some(x) = ws.relation(&w.key())
                && x.rank != w.rank
            {
                ops.push(Op::SetRank { key: w.key(), rank: w.rank.clone() });
            }
        }
        return Ok(ops);
    }
    let here = ws.kind_of(&id);
    // The relations the element will have of the kinds taken back (ends here, or itself).
    let exists = |e: &ElementId| e == &id || ws.contains(e);
    let wanted: Vec<&Relation> =
        r.relations.iter().filter(|x| (x.from == id || x.to == id) && exists(&x.from) && exists(&x.to)).collect();
    let mut current: Vec<Relation> = Vec::new();
    match (here, &r.data) {
        (None, None) => return Err(OpError::UnknownElement(id).into()),
        (None, Some(data)) => ops.push(Op::AddElement { element: Element { id: id.clone(), data: data.clone() } }),
        (Some(kind), Some(data)) if kind != data.kind() => {
            // Removing takes every relation and placement; the ones of kinds not taken back are
            // given back as they are here.
            let kept: Vec<Relation> = ws.relations_of(&id).into_iter().filter(|x| !r.kinds.contains(&x.kind)).collect();
            ops.push(Op::RemoveElement { id: id.clone() });
            ops.push(Op::AddElement { element: Element { id: id.clone(), data: data.clone() } });
            for relation in kept {
                let schema = relation.kind.schema();
                let allowed = if relation.from == id { schema.from } else { schema.to };
                if allowed.contains(&data.kind()) {
                    ops.push(Op::Relate { relation });
                }
            }
            let placed: Vec<_> = ws
                .views()
                .filter_map(|v| v.placements.get(&id).map(|p| (v.id.clone(), p.clone())))
                .filter(|(v, _)| !r.placements.iter().any(|(w, _)| w == v))
                .collect();
            for (view, placement) in placed {
                ops.push(Op::Place { view, element: id.clone(), placement });
            }
        }
        (Some(_), data) => {
            if let Some(data) = data {
                ops.push(Op::SetElement { id: id.clone(), data: data.clone() });
            }
            current = ws.relations_of(&id).into_iter().filter(|x| r.kinds.contains(&x.kind)).collect();
        }
    }
    for x in &current {
        if !wanted.iter().any(|w| w.key() == x.key()) {
            ops.push(Op::Unrelate { key: x.key() });
        }
    }
    for w in wanted {
        match current.iter().find(|x| x.key() == w.key()) {
            Some(x) if x.rank != w.rank => ops.push(Op::SetRank { key: w.key(), rank: w.rank.clone() }),
            Some(_) => {}
            None => ops.push(Op::Relate { relation: w.clone() }),
        }
    }
    for (view, placement) in r.placements {
        if ws.view(&view).is_some() {
            ops.push(Op::Place { view, element: id.clone(), placement });
        }
    }
    Ok(ops)
}
