//! One pass over the graph: every element's kind and properties and who is related to whom, by
//! kind, borrowed from the workspace. Every rule reads this instead of walking the graph again.
//! Sequence flows in and out of each node are listed once here: most process rules ask for them.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use crate::element::{ElementData, ElementKind};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::view::{Placement, ViewKind};
use crate::workspace::Workspace;

type Ends<'a> = Vec<(RelationKind, &'a ElementId)>;

struct Entry<'a> {
    data: &'a ElementData,
    out: Ends<'a>,
    inc: Ends<'a>,
    /// Sequence flows leaving and entering the element (a flow node).
    seq_out: Vec<&'a ElementId>,
    seq_in: Vec<&'a ElementId>,
}

pub struct Index<'a> {
    pub ws: &'a Workspace,
    entries: FxHashMap<&'a ElementId, Entry<'a>>,
    by_kind: FxHashMap<ElementKind, Vec<&'a ElementId>>,
    /// Where each element is drawn in the process diagrams (its first placement), built when a rule asks.
    placed: OnceCell<FxHashMap<&'a ElementId, &'a Placement>>,
}

const NO_ENDS: &[(RelationKind, &ElementId)] = &[];

impl<'a> Index<'a> {
    pub fn new(ws: &'a Workspace) -> Index<'a> {
        let mut entries: FxHashMap<&ElementId, Entry> = FxHashMap::default();
        entries.reserve(ws.element_count());
        let mut by_kind: FxHashMap<ElementKind, Vec<&ElementId>> = FxHashMap::default();
        // Kinds keep the graph's order (a file's document order), as bpmnlint visits elements.
        for e in ws.elements() {
            entries.insert(
                &e.id,
                Entry { data: &e.data, out: Vec::new(), inc: Vec::new(), seq_out: Vec::new(), seq_in: Vec::new() },
            );
            by_kind.entry(e.data.kind()).or_default().push(&e.id);
        }
        for (kind, from, to) in ws.relation_ends() {
            if let Some(e) = entries.get_mut(from) {
                e.out.push((kind, to));
            }
            if let Some(e) = entries.get_mut(to) {
                e.inc.push((kind, from));
            }
        }
        // A sequence flow's `source` and `target` relations point at the nodes it joins.
        if let Some(flows) = by_kind.get(&ElementKind::SequenceFlow) {
            for &flow in flows {
                let ends: Vec<(RelationKind, &ElementId)> = entries[flow].out.clone();
                for (kind, node) in ends {
                    if let Some(n) = entries.get_mut(node) {
                        match kind {
                            RelationKind::Source => n.seq_out.push(flow),
                            RelationKind::Target => n.seq_in.push(flow),
                            _ => {}
                        }
                    }
                }
            }
        }
        Index { ws, entries, by_kind, placed: OnceCell::new() }
    }

    pub fn of_kind(&self, kind: ElementKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.by_kind.get(&kind).into_iter().flatten().copied()
    }

    pub fn data(&self, id: &ElementId) -> Option<&'a ElementData> {
        self.entries.get(id).map(|e| e.data)
    }

    pub fn kind(&self, id: &ElementId) -> Option<ElementKind> {
        self.entries.get(id).map(|e| e.data.kind())
    }

    pub fn label(&self, id: &ElementId) -> &'a str {
        self.data(id).map(ElementData::label).unwrap_or("")
    }

    fn out_of(&self, id: &ElementId) -> &[(RelationKind, &'a ElementId)] {
        self.entries.get(id).map_or(NO_ENDS, |e| e.out.as_slice())
    }

    fn inc_of(&self, id: &ElementId) -> &[(RelationKind, &'a ElementId)] {
        self.entries.get(id).map_or(NO_ENDS, |e| e.inc.as_slice())
    }

    /// Elements `from` points to by `kind` (a card's stage, a node's lane, a flow's source).
    pub fn targets(&self, from: &ElementId, kind: RelationKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.out_of(from).iter().filter(move |(k, _)| *k == kind).map(|(_, id)| *id)
    }

    /// Elements pointing at `to` by `kind` (a stage's cards, a lane's nodes, the flows leaving a node).
    pub fn sources(&self, to: &ElementId, kind: RelationKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.inc_of(to).iter().filter(move |(k, _)| *k == kind).map(|(_, id)| *id)
    }

    pub fn target(&self, from: &ElementId, kind: RelationKind) -> Option<&'a ElementId> {
        self.targets(from, kind).next()
    }

    /// A connector's two ends.
    pub fn ends(&self, connector: &ElementId) -> (Option<&'a ElementId>, Option<&'a ElementId>) {
        (self.target(connector, RelationKind::Source), self.target(connector, RelationKind::Target))
    }

    /// Sequence flows leaving a node.
    pub fn seq_out(&self, node: &ElementId) -> &[&'a ElementId] {
        self.entries.get(node).map_or(&[], |e| e.seq_out.as_slice())
    }

    /// Sequence flows entering a node.
    pub fn seq_in(&self, node: &ElementId) -> &[&'a ElementId] {
        self.entries.get(node).map_or(&[], |e| e.seq_in.as_slice())
    }

    /// Connectors of `kind` leaving `node`.
    pub fn outgoing(&self, node: &ElementId, kind: ElementKind) -> Vec<&'a ElementId> {
        if kind == ElementKind::SequenceFlow {
            return self.seq_out(node).to_vec();
        }
        self.sources(node, RelationKind::Source).filter(|c| self.kind(c) == Some(kind)).collect()
    }

    /// What directly contains `id` (a process, a sub-process or a collaboration).
    pub fn parent(&self, id: &ElementId) -> Option<&'a ElementId> {
        self.target(id, RelationKind::ChildOf)
    }

    /// What `container` directly contains.
    pub fn children(&self, container: &ElementId) -> Vec<&'a ElementId> {
        self.sources(container, RelationKind::ChildOf).collect()
    }

    /// Where `id` is drawn in a process diagram, if it is.
    pub fn placement(&self, id: &ElementId) -> Option<&'a Placement> {
        let placed = self.placed.get_or_init(|| {
            let mut placed = FxHashMap::default();
            for v in self.ws.views() {
                if let ViewKind::Process { .. } = v.kind {
                    for (id, p) in &v.placements {
                        placed.entry(id).or_insert(p);
                    }
                }
            }
            placed
        });
        placed.get(id).copied()
    }
}
