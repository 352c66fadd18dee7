//! One pass over the graph: who is related to whom, by kind, borrowed from the workspace. Every rule
//! reads this instead of walking the graph again.

use std::collections::HashMap;

use crate::element::{ElementData, ElementKind};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::workspace::Workspace;

type Ends<'a> = Vec<(RelationKind, &'a ElementId)>;

pub struct Index<'a> {
    pub ws: &'a Workspace,
    out: HashMap<&'a ElementId, Ends<'a>>,
    inc: HashMap<&'a ElementId, Ends<'a>>,
    by_kind: HashMap<ElementKind, Vec<&'a ElementId>>,
}

impl<'a> Index<'a> {
    pub fn new(ws: &'a Workspace) -> Index<'a> {
        let mut out: HashMap<&ElementId, Ends> = HashMap::with_capacity(ws.element_count());
        let mut inc: HashMap<&ElementId, Ends> = HashMap::with_capacity(ws.element_count());
        for (kind, from, to) in ws.relation_ends() {
            out.entry(from).or_default().push((kind, to));
            inc.entry(to).or_default().push((kind, from));
        }
        let mut by_kind: HashMap<ElementKind, Vec<&ElementId>> = HashMap::new();
        for e in ws.elements() {
            by_kind.entry(e.data.kind()).or_default().push(&e.id);
        }
        // Kinds keep the graph's order (a file's document order), as bpmnlint visits elements.
        Index { ws, out, inc, by_kind }
    }

    pub fn of_kind(&self, kind: ElementKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.by_kind.get(&kind).into_iter().flatten().copied()
    }

    pub fn data(&self, id: &ElementId) -> Option<&'a ElementData> {
        self.ws.data(id)
    }

    pub fn kind(&self, id: &ElementId) -> Option<ElementKind> {
        self.ws.kind_of(id)
    }

    pub fn label(&self, id: &ElementId) -> &'a str {
        self.ws.data(id).map(ElementData::label).unwrap_or("")
    }

    /// Elements `from` points to by `kind` (a card's stage, a node's lane, a flow's source).
    pub fn targets(&self, from: &ElementId, kind: RelationKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.out.get(from).into_iter().flatten().filter(move |(k, _)| *k == kind).map(|(_, id)| *id)
    }

    /// Elements pointing at `to` by `kind` (a stage's cards, a lane's nodes, the flows leaving a node).
    pub fn sources(&self, to: &ElementId, kind: RelationKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.inc.get(to).into_iter().flatten().filter(move |(k, _)| *k == kind).map(|(_, id)| *id)
    }

    pub fn target(&self, from: &ElementId, kind: RelationKind) -> Option<&'a ElementId> {
        self.targets(from, kind).next()
    }

    /// A connector's two ends.
    pub fn ends(&self, connector: &ElementId) -> (Option<&'a ElementId>, Option<&'a ElementId>) {
        (self.target(connector, RelationKind::Source), self.target(connector, RelationKind::Target))
    }

    /// Connectors of `kind` leaving `node`.
    pub fn outgoing(&self, node: &ElementId, kind: ElementKind) -> Vec<&'a ElementId> {
        let mut v: Vec<&ElementId> =
            self.sources(node, RelationKind::Source).filter(|c| self.kind(c) == Some(kind)).collect();
        v.sort();
        v
    }

    /// Connectors of `kind` arriving at `node`.
    pub fn incoming(&self, node: &ElementId, kind: ElementKind) -> Vec<&'a ElementId> {
        let mut v: Vec<&ElementId> =
            self.sources(node, RelationKind::Target).filter(|c| self.kind(c) == Some(kind)).collect();
        v.sort();
        v
    }

    /// What directly contains `id` (a process, a sub-process or a collaboration).
    pub fn parent(&self, id: &ElementId) -> Option<&'a ElementId> {
        self.target(id, RelationKind::ChildOf)
    }

    /// What `container` directly contains, in id order.
    pub fn children(&self, container: &ElementId) -> Vec<&'a ElementId> {
        let mut v: Vec<&ElementId> = self.sources(container, RelationKind::ChildOf).collect();
        v.sort();
        v
    }

    /// Members of an ordered relation, in order (a journey's stages).
    pub fn ordered(&self, to: &ElementId, kind: RelationKind) -> Vec<ElementId> {
        self.ws.ordered_members(to, kind)
    }
}
