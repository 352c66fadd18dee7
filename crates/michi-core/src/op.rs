//! Operations: the only way a workspace changes.
//!
//! [`apply`] checks an operation against the workspace, performs it, and returns its inverse and the
//! keys it touched. An operation that fails leaves the workspace exactly as it was (a batch rolls back
//! the part it had done). Applying the inverse right after returns the exact previous workspace: undo
//! is applying the inverse, redo is applying the operation again.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::element::{Element, ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::view::{Placement, View, ViewKind};
use crate::workspace::{Ends, Workspace, WorkspaceData};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Op {
    AddElement {
        element: Element,
    },
    /// Removes an element with its relations and placements (the inverse restores them).
    RemoveElement {
        id: ElementId,
    },
    /// Replaces an element's properties; the kind cannot change.
    SetElement {
        id: ElementId,
        data: ElementData,
    },
    Relate {
        relation: Relation,
    },
    Unrelate {
        key: RelationKey,
    },
    SetRank {
        key: RelationKey,
        rank: Rank,
    },
    AddView {
        view: View,
    },
    RemoveView {
        id: ViewId,
    },
    /// Replaces a view's name and kind; its placements stay.
    SetView {
        id: ViewId,
        name: String,
        kind: ViewKind,
    },
    /// Places an element in a view, or moves it there.
    Place {
        view: ViewId,
        element: ElementId,
        placement: Placement,
    },
    Unplace {
        view: ViewId,
        element: ElementId,
    },
    /// Several operations applied as one: all or nothing.
    Batch {
        ops: Vec<Op>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OpError {
    #[error("there is no element {0}")]
    UnknownElement(ElementId),
    #[error("an element with id {0} already exists")]
    DuplicateElement(ElementId),
    #[error("element {id} is a {found:?}, not a {expected:?}")]
    KindMismatch { id: ElementId, expected: ElementKind, found: ElementKind },
    #[error("invalid value for {id}: {reason}")]
    InvalidValue { id: ElementId, reason: String },
    #[error("a {kind:?} relation cannot go from a {from:?} to a {to:?}")]
    RelationNotAllowed { kind: RelationKind, from: ElementKind, to: ElementKind },
    #[error("an element cannot be related to itself ({0})")]
    SelfRelation(ElementId),
    #[error("the relation {0:?} already exists")]
    DuplicateRelation(RelationKey),
    #[error("there is no relation {0:?}")]
    UnknownRelation(RelationKey),
    #[error("{from} already has its {kind:?} relation")]
    TooManyRelations { kind: RelationKind, from: ElementId },
    #[error("{kind:?} relations {}", if *.ordered { "need a rank" } else { "have no rank" })]
    BadRank { kind: RelationKind, ordered: bool },
    #[error("there is no view {0}")]
    UnknownView(ViewId),
    #[error("a view with id {0} already exists")]
    DuplicateView(ViewId),
    #[error("{element} is shown by view {view}; remove the view first")]
    SubjectOfView { element: ElementId, view: ViewId },
    #[error("a {kind:?} ({element}) cannot be what a view of this kind shows")]
    NotAViewSubject { element: ElementId, kind: ElementKind },
    #[error("{element} is not placed in view {view}")]
    NotPlaced { view: ViewId, element: ElementId },
}

/// The keys an operation touched. The store rewrites exactly these rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub elements: BTreeSet<ElementId>,
    pub relations: BTreeSet<RelationKey>,
    pub views: BTreeSet<ViewId>,
    pub placements: BTreeSet<(ViewId, ElementId)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty() && self.relations.is_empty() && self.views.is_empty() && self.placements.is_empty()
    }

    pub fn merge(&mut self, other: Changes) {
        self.elements.extend(other.elements);
        self.relations.extend(other.relations);
        self.views.extend(other.views);
        self.placements.extend(other.placements);
    }
}

/// The keys touched while applying, in the order met, repeats included: pushed onto lists and
/// sorted into [`Changes`] once at the end (for an import's batch of 100,000 operations that is
/// several times faster than inserting each key into the sets as it comes).
#[derive(Default)]
struct Touched {
    elements: Vec<ElementId>,
    relations: Vec<RelationKey>,
    views: Vec<ViewId>,
    placements: Vec<(ViewId, ElementId)>,
}

impl Touched {
    fn view_with_placements(&mut self, view: &View) {
        self.views.push(view.id.clone());
        self.placements.extend(view.placements.keys().map(|element| (view.id.clone(), element.clone())));
    }

    fn into_changes(self) -> Changes {
        Changes {
            elements: self.elements.into_iter().collect(),
            relations: self.relations.into_iter().collect(),
            views: self.views.into_iter().collect(),
            placements: self.placements.into_iter().collect(),
        }
    }
}

/// What applying an operation produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub inverse: Op,
    pub changes: Changes,
}

/// Applies `op` to `ws`. On error `ws` is unchanged.
pub fn apply(ws: &mut Workspace, op: Op) -> Result<Applied, OpError> {
    let mut touched = Touched::default();
    let inverse = apply_into(ws, op, &mut touched)?;
    Ok(Applied { inverse, changes: touched.into_changes() })
}

/// Applies `op`, noting the keys it touches in `touched` (one record for a whole batch). On error
/// `ws` is unchanged and `touched` is to be dropped.
fn apply_into(ws: &mut Workspace, op: Op, touched: &mut Touched) -> Result<Op, OpError> {
    let inverse = match op {
        Op::AddElement { element } => {
            if ws.contains(&element.id) {
                return Err(OpError::DuplicateElement(element.id));
            }
            check_data(&element.id, &element.data)?;
            touched.elements.push(element.id.clone());
            let id = element.id.clone();
            ws.insert_element(element);
            Op::RemoveElement { id }
        }
        Op::RemoveElement { id } => {
            let element = ws.element(&id).cloned().ok_or_else(|| OpError::UnknownElement(id.clone()))?;
            if let Some(view) = ws.views_about(&id).first() {
                return Err(OpError::SubjectOfView { element: id, view: view.id.clone() });
            }
            let relations = ws.relations_of(&id);
            let placements = ws.placements_of(&id);
            let mut restore = vec![Op::AddElement { element }];
            for (view, placement) in placements {
                ws.view_mut(&view).expect("view listed by placements_of").placements.remove(&id);
                touched.placements.push((view.clone(), id.clone()));
                restore.push(Op::Place { view, element: id.clone(), placement });
            }
            for relation in relations {
                let key = relation.key();
                ws.remove_relation(&key);
                touched.relations.push(key);
                restore.push(Op::Relate { relation });
            }
            ws.remove_bare_element(&id);
            touched.elements.push(id);
            Op::Batch { ops: restore }
        }
        Op::SetElement { id, data } => {
            let found = ws.kind_of(&id).ok_or_else(|| OpError::UnknownElement(id.clone()))?;
            if found != data.kind() {
                return Err(OpError::KindMismatch { id, expected: found, found: data.kind() });
            }
            check_data(&id, &data)?;
            let old = ws.replace_data(&id, data).expect("element checked above");
            touched.elements.push(id.clone());
            Op::SetElement { id, data: old }
        }
        Op::Relate { relation } => {
            let ends = check_relation(ws, &relation)?;
            let key = relation.key();
            ws.insert_relation_at(ends, relation.kind, relation.rank);
            touched.relations.push(key.clone());
            Op::Unrelate { key }
        }
        Op::Unrelate { key } => {
            let relation = ws.remove_relation(&key).ok_or_else(|| OpError::UnknownRelation(key.clone()))?;
            touched.relations.push(key);
            Op::Relate { relation }
        }
        Op::SetRank { key, rank } => {
            if ws.relation(&key).is_none() {
                return Err(OpError::UnknownRelation(key));
            }
            check_rank(key.kind, &rank)?;
            let old = ws.replace_rank(&key, rank).expect("relation checked above");
            touched.relations.push(key.clone());
            Op::SetRank { key, rank: old }
        }
        Op::AddView { view } => {
            if ws.view(&view.id).is_some() {
                return Err(OpError::DuplicateView(view.id));
            }
            check_view_subject(ws, &view.kind)?;
            if let Some(missing) = view.placements.keys().find(|e| !ws.contains(e)) {
                return Err(OpError::UnknownElement(missing.clone()));
            }
            touched.view_with_placements(&view);
            let id = view.id.clone();
            ws.insert_view(view);
            Op::RemoveView { id }
        }
        Op::RemoveView { id } => {
            let view = ws.remove_view(&id).ok_or_else(|| OpError::UnknownView(id.clone()))?;
            touched.view_with_placements(&view);
            Op::AddView { view }
        }
        Op::SetView { id, name, kind } => {
            if ws.view(&id).is_none() {
                return Err(OpError::UnknownView(id));
            }
            check_view_subject(ws, &kind)?;
            let view = ws.view_mut(&id).expect("view checked above");
            let old_name = std::mem::replace(&mut view.name, name);
            let old_kind = std::mem::replace(&mut view.kind, kind);
            touched.views.push(id.clone());
            Op::SetView { id, name: old_name, kind: old_kind }
        }
        Op::Place { view, element, placement } => {
            if !ws.contains(&element) {
                return Err(OpError::UnknownElement(element));
            }
            let v = ws.view_mut(&view).ok_or_else(|| OpError::UnknownView(view.clone()))?;
            let old = v.placements.insert(element.clone(), placement);
            touched.placements.push((view.clone(), element.clone()));
            match old {
                Some(placement) => Op::Place { view, element, placement },
                None => Op::Unplace { view, element },
            }
        }
        Op::Unplace { view, element } => {
            let v = ws.view_mut(&view).ok_or_else(|| OpError::UnknownView(view.clone()))?;
            let placement = v
                .placements
                .remove(&element)
                .ok_or_else(|| OpError::NotPlaced { view: view.clone(), element: element.clone() })?;
            touched.placements.push((view.clone(), element.clone()));
            Op::Place { view, element, placement }
        }
        Op::Batch { ops } => {
            let elements = ops.iter().filter(|op| matches!(op, Op::AddElement { .. })).count();
            let relations = ops.iter().filter(|op| matches!(op, Op::Relate { .. })).count();
            ws.reserve(elements, relations);
            let mut inverses = Vec::with_capacity(ops.len());
            for op in ops {
                match apply_into(ws, op, touched) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        for inverse in inverses.into_iter().rev() {
                            apply_into(ws, inverse, touched).expect("the inverse of an operation just applied applies");
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Op::Batch { ops: inverses }
        }
    };
    Ok(inverse)
}

fn check_data(id: &ElementId, data: &ElementData) -> Result<(), OpError> {
    data.check().map_err(|reason| OpError::InvalidValue { id: id.clone(), reason })
}

fn check_rank(kind: RelationKind, rank: &Rank) -> Result<(), OpError> {
    let ordered = kind.schema().ordered;
    if ordered == rank.is_unordered() {
        return Err(OpError::BadRank { kind, ordered });
    }
    Ok(())
}

/// Checks `relation` against the graph and the schema; its ends, looked up once, to insert it.
fn check_relation(ws: &Workspace, relation: &Relation) -> Result<Ends, OpError> {
    let ends = ws.ends(&relation.from, &relation.to).map_err(|missing| OpError::UnknownElement(missing.clone()))?;
    let (from, to) = ws.kinds_at(ends);
    if relation.from == relation.to {
        return Err(OpError::SelfRelation(relation.from.clone()));
    }
    let schema = relation.kind.schema();
    if !schema.from.contains(&from) || !schema.to.contains(&to) {
        return Err(OpError::RelationNotAllowed { kind: relation.kind, from, to });
    }
    if ws.related_at(ends, relation.kind) {
        return Err(OpError::DuplicateRelation(relation.key()));
    }
    if let Some(max) = schema.max_from_one
        && ws.count_outgoing_at(ends, relation.kind) >= max
    {
        return Err(OpError::TooManyRelations { kind: relation.kind, from: relation.from.clone() });
    }
    check_rank(relation.kind, &relation.rank)?;
    Ok(ends)
}

fn check_view_subject(ws: &Workspace, kind: &ViewKind) -> Result<(), OpError> {
    let subject = kind.subject().expect("every view kind has a subject");
    let found = ws.kind_of(subject).ok_or_else(|| OpError::UnknownElement(subject.clone()))?;
    let fits = match kind {
        ViewKind::JourneyMap { .. } => found == ElementKind::Journey,
        // Any activity: a sub-process's diagram stays valid if it is turned into a task (its
        // contents are still there, and turning it back shows them again).
        ViewKind::Process { .. } => {
            matches!(found, ElementKind::Collaboration | ElementKind::Process | ElementKind::Activity)
        }
    };
    if !fits {
        return Err(OpError::NotAViewSubject { element: subject.clone(), kind: found });
    }
    Ok(())
}

impl Workspace {
    /// Builds a workspace from data, checking it with the same rules as the operations.
    pub fn from_data(data: WorkspaceData) -> Result<Workspace, OpError> {
        let mut ws = Workspace::new();
        let ops = data
            .elements
            .into_iter()
            .map(|element| Op::AddElement { element })
            .chain(data.relations.into_iter().map(|relation| Op::Relate { relation }))
            .chain(data.views.into_iter().map(|view| Op::AddView { view }));
        for op in ops {
            apply(&mut ws, op)?;
        }
        Ok(ws)
    }
}
