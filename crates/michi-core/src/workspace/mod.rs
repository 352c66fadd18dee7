//! The workspace: one typed graph (petgraph) of elements and relations, plus the views drawn from it.
//!
//! Only [`crate::op`] mutates a workspace (through the crate-private primitives at the end of this
//! file); everything else reads. Node and edge indices are private and never leave this module: ids
//! are the only stable names. `Workspace::from_data` lives with the operations (`op.rs`), since it
//! checks the data by applying them; graph queries the floors above share (which views show an
//! element, the segments a card is for, the singleton elements) are in `queries.rs`.

mod queries;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use serde::{Deserialize, Serialize};

use crate::element::{Element, ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::view::{Placement, View};

#[derive(Clone, Debug)]
struct Edge {
    kind: RelationKind,
    rank: Rank,
}

/// The graph's nodes at the ends of a relation being made (`Workspace::ends`): indices stay in
/// this module, this carries them between the checks and the insertion.
#[derive(Clone, Copy)]
pub(crate) struct Ends {
    from: NodeIndex,
    to: NodeIndex,
}

#[derive(Clone, Debug, Default)]
pub struct Workspace {
    graph: StableDiGraph<Element, Edge>,
    nodes: FxHashMap<ElementId, NodeIndex>,
    views: BTreeMap<ViewId, View>,
}

/// A workspace as plain data, in a canonical order: what tests compare, what samples are written in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceData {
    #[serde(default)]
    pub elements: Vec<Element>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    #[serde(default)]
    pub views: Vec<View>,
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn to_data(&self) -> WorkspaceData {
        let mut elements: Vec<Element> = self.elements().cloned().collect();
        elements.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relations: Vec<Relation> = self.relations().collect();
        relations.sort_by_key(Relation::key);
        WorkspaceData { elements, relations, views: self.views.values().cloned().collect() }
    }

    // ---- elements ----

    pub fn element(&self, id: &ElementId) -> Option<&Element> {
        self.nodes.get(id).map(|&n| &self.graph[n])
    }

    pub fn data(&self, id: &ElementId) -> Option<&ElementData> {
        self.element(id).map(|e| &e.data)
    }

    pub fn kind_of(&self, id: &ElementId) -> Option<ElementKind> {
        self.data(id).map(ElementData::kind)
    }

    pub fn contains(&self, id: &ElementId) -> bool {
        self.nodes.contains_key(id)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.graph.node_weights()
    }

    pub fn elements_of_kind(&self, kind: ElementKind) -> impl Iterator<Item = &Element> {
        self.elements().filter(move |e| e.data.kind() == kind)
    }

    pub fn element_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn count_by_kind(&self) -> BTreeMap<ElementKind, usize> {
        let mut counts = BTreeMap::new();
        for e in self.elements() {
            *counts.entry(e.data.kind()).or_insert(0) += 1;
        }
        counts
    }

    // ---- relations ----

    fn relation_of(&self, e: EdgeIndex) -> Relation {
        let (a, b) = self.graph.edge_endpoints(e).expect("edge index from this graph");
        let edge = &self.graph[e];
        Relation {
            kind: edge.kind,
            from: self.graph[a].id.clone(),
            to: self.graph[b].id.clone(),
            rank: edge.rank.clone(),
        }
    }

    fn edge_index(&self, key: &RelationKey) -> Option<EdgeIndex> {
        let a = *self.nodes.get(&key.from)?;
        let b = *self.nodes.get(&key.to)?;
        self.graph.edges_connecting(a, b).find(|e| e.weight().kind == key.kind).map(|e| e.id())
    }

    pub fn relation(&self, key: &RelationKey) -> Option<Relation> {
        self.edge_index(key).map(|e| self.relation_of(e))
    }

    pub fn relations(&self) -> impl Iterator<Item = Relation> + '_ {
        self.graph.edge_indices().map(|e| self.relation_of(e))
    }

    /// Every relation as its kind and the elements at its ends, in no particular order: one pass,
    /// nothing looked up by id (for reads over tens of thousands of relations).
    pub fn relation_elements(&self) -> impl Iterator<Item = (RelationKind, &Element, &Element)> + '_ {
        (&self.graph).edge_references().map(|e| (e.weight().kind, &self.graph[e.source()], &self.graph[e.target()]))
    }

    /// Every relation as its kind and borrowed ends, in no particular order: one pass, nothing cloned.
    pub fn relation_ends(&self) -> impl Iterator<Item = (RelationKind, &ElementId, &ElementId)> + '_ {
        (&self.graph)
            .edge_references()
            .map(|e| (e.weight().kind, &self.graph[e.source()].id, &self.graph[e.target()].id))
    }

    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every relation touching `id`, in either direction.
    pub fn relations_of(&self, id: &ElementId) -> Vec<Relation> {
        let Some(&n) = self.nodes.get(id) else { return Vec::new() };
        let mut out: Vec<Relation> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .chain(self.graph.edges_directed(n, Direction::Incoming))
            .map(|e| self.relation_of(e.id()))
            .collect();
        out.sort_by_key(Relation::key);
        out
    }

    /// How many relations of `kind` leave `from` (without building them).
    pub fn count_outgoing(&self, from: &ElementId, kind: RelationKind) -> usize {
        self.nodes.get(from).map_or(0, |&n| self.outgoing_count(n, kind))
    }

    fn outgoing_count(&self, n: NodeIndex, kind: RelationKind) -> usize {
        self.graph.edges_directed(n, Direction::Outgoing).filter(|e| e.weight().kind == kind).count()
    }

    /// Relations of `kind` leaving `from`, ordered by target id.
    pub fn outgoing(&self, from: &ElementId, kind: RelationKind) -> Vec<Relation> {
        self.directed(from, kind, Direction::Outgoing)
    }

    /// Relations of `kind` arriving at `to`: by rank for ordered kinds, then by source id.
    pub fn incoming(&self, to: &ElementId, kind: RelationKind) -> Vec<Relation> {
        self.directed(to, kind, Direction::Incoming)
    }

    fn directed(&self, id: &ElementId, kind: RelationKind, dir: Direction) -> Vec<Relation> {
        let Some(&n) = self.nodes.get(id) else { return Vec::new() };
        let mut out: Vec<Relation> = self
            .graph
            .edges_directed(n, dir)
            .filter(|e| e.weight().kind == kind)
            .map(|e| self.relation_of(e.id()))
            .collect();
        out.sort_by(|a, b| (&a.rank, &a.from, &a.to).cmp(&(&b.rank, &b.from, &b.to)));
        out
    }

    /// The elements related to `to` by `kind`, in no particular order and without building the
    /// relations: for reads over many members (a workshop's notes), which order them themselves.
    pub fn sources(&self, to: &ElementId, kind: RelationKind) -> impl Iterator<Item = &Element> + '_ {
        self.neighbours(to, kind, Direction::Incoming)
    }

    /// The elements `from` relates to by `kind`, in no particular order (see [`Workspace::sources`]).
    pub fn targets(&self, from: &ElementId, kind: RelationKind) -> impl Iterator<Item = &Element> + '_ {
        self.neighbours(from, kind, Direction::Outgoing)
    }

    fn neighbours(&self, id: &ElementId, kind: RelationKind, dir: Direction) -> impl Iterator<Item = &Element> + '_ {
        let node = self.nodes.get(id).copied();
        node.into_iter().flat_map(move |n| {
            self.graph.edges_directed(n, dir).filter(move |e| e.weight().kind == kind).map(move |e| {
                let (a, b) = self.graph.edge_endpoints(e.id()).expect("edge index from this graph");
                &self.graph[if dir == Direction::Incoming { a } else { b }]
            })
        })
    }

    /// The elements related to `to` by `kind`, in order: the stages of a journey, the cards of a stage.
    pub fn ordered_members(&self, to: &ElementId, kind: RelationKind) -> Vec<ElementId> {
        self.incoming(to, kind).into_iter().map(|r| r.from).collect()
    }

    /// The single target of a `kind` relation leaving `from` (the stage of a card, the journey of a stage).
    pub fn container(&self, from: &ElementId, kind: RelationKind) -> Option<ElementId> {
        // The first of `outgoing` (by rank, then target id), found without building the relations:
        // reads over a whole diagram ask this of every shape several times.
        let &n = self.nodes.get(from)?;
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().kind == kind)
            .map(|e| (&e.weight().rank, &self.graph[e.target()].id))
            .min()
            .map(|(_, to)| to.clone())
    }

    // ---- views ----

    pub fn view(&self, id: &ViewId) -> Option<&View> {
        self.views.get(id)
    }

    pub fn views(&self) -> impl Iterator<Item = &View> {
        self.views.values()
    }

    /// The views whose subject is `id` (the journey map of a journey).
    pub fn views_about(&self, id: &ElementId) -> Vec<&View> {
        self.views.values().filter(|v| v.kind.subject() == Some(id)).collect()
    }

    // ---- slots: a dense numbering for one read (the diagnosis index) ----
    //
    // A slot is a small integer naming an element while the workspace is borrowed unchanged (it is
    // the graph's node index, which an edit may reuse): readers that make one pass over the whole
    // graph keep per-element data in a `Vec` by slot instead of a map by id.

    /// One more than the largest slot.
    pub(crate) fn slot_bound(&self) -> usize {
        self.graph.node_bound()
    }

    pub(crate) fn slot(&self, id: &ElementId) -> Option<usize> {
        self.nodes.get(id).map(|n| n.index())
    }

    /// Every element with its slot, in graph order.
    pub(crate) fn slotted(&self) -> impl Iterator<Item = (usize, &Element)> + '_ {
        self.graph.node_indices().map(|n| (n.index(), &self.graph[n]))
    }

    /// The element in `slot`, if any.
    pub(crate) fn at_slot(&self, slot: usize) -> Option<&Element> {
        self.graph.node_weight(NodeIndex::new(slot))
    }

    /// Every relation as (its number, its kind, the slots of its ends), in the order of its number
    /// (numbers, like slots, name relations only while the workspace is borrowed unchanged).
    pub(crate) fn relation_slots(&self) -> impl Iterator<Item = RelationSlots> + '_ {
        (&self.graph).edge_references().map(relation_slots)
    }

    /// The relations of the element in `slot`, both directions.
    pub(crate) fn relation_slots_of(&self, slot: usize) -> impl Iterator<Item = RelationSlots> + '_ {
        let n = NodeIndex::new(slot);
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .chain(self.graph.edges_directed(n, Direction::Incoming))
            .map(relation_slots)
    }

    // ---- mutation primitives, for `op` only; they check nothing that `op` checks ----

    /// Room for `elements` more elements and `relations` more relations (a large batch grows the
    /// graph and the index once instead of doubling them again and again).
    pub(crate) fn reserve(&mut self, elements: usize, relations: usize) {
        self.graph.reserve_nodes(elements);
        self.graph.reserve_edges(relations);
        self.nodes.reserve(elements);
    }

    pub(crate) fn insert_element(&mut self, element: Element) {
        let id = element.id.clone();
        let n = self.graph.add_node(element);
        self.nodes.insert(id, n);
    }

    /// Removes an element that has no relations left.
    pub(crate) fn remove_bare_element(&mut self, id: &ElementId) -> Option<Element> {
        let n = self.nodes.remove(id)?;
        debug_assert_eq!(self.graph.neighbors_undirected(n).count(), 0);
        self.graph.remove_node(n)
    }

    pub(crate) fn replace_data(&mut self, id: &ElementId, data: ElementData) -> Option<ElementData> {
        let n = *self.nodes.get(id)?;
        Some(std::mem::replace(&mut self.graph[n].data, data))
    }

    /// The elements at a relation's ends, looked up once for the checks and the insertion of one
    /// relation (valid until the graph next changes); the id not found, if one is not.
    pub(crate) fn ends<'i>(&self, from: &'i ElementId, to: &'i ElementId) -> Result<Ends, &'i ElementId> {
        let from_node = *self.nodes.get(from).ok_or(from)?;
        let to_node = *self.nodes.get(to).ok_or(to)?;
        Ok(Ends { from: from_node, to: to_node })
    }

    pub(crate) fn kinds_at(&self, ends: Ends) -> (ElementKind, ElementKind) {
        (self.graph[ends.from].data.kind(), self.graph[ends.to].data.kind())
    }

    /// Whether the ends are already related by `kind`.
    pub(crate) fn related_at(&self, ends: Ends, kind: RelationKind) -> bool {
        self.graph.edges_connecting(ends.from, ends.to).any(|e| e.weight().kind == kind)
    }

    pub(crate) fn count_outgoing_at(&self, ends: Ends, kind: RelationKind) -> usize {
        self.outgoing_count(ends.from, kind)
    }

    pub(crate) fn insert_relation_at(&mut self, ends: Ends, kind: RelationKind, rank: Rank) {
        self.graph.add_edge(ends.from, ends.to, Edge { kind, rank });
    }

    pub(crate) fn remove_relation(&mut self, key: &RelationKey) -> Option<Relation> {
        let e = self.edge_index(key)?;
        let relation = self.relation_of(e);
        self.graph.remove_edge(e);
        Some(relation)
    }

    pub(crate) fn replace_rank(&mut self, key: &RelationKey, rank: Rank) -> Option<Rank> {
        let e = self.edge_index(key)?;
        Some(std::mem::replace(&mut self.graph[e].rank, rank))
    }

    pub(crate) fn insert_view(&mut self, view: View) {
        self.views.insert(view.id.clone(), view);
    }

    pub(crate) fn remove_view(&mut self, id: &ViewId) -> Option<View> {
        self.views.remove(id)
    }

    pub(crate) fn view_mut(&mut self, id: &ViewId) -> Option<&mut View> {
        self.views.get_mut(id)
    }

    /// Views that place `id`, with the placement.
    pub(crate) fn placements_of(&self, id: &ElementId) -> Vec<(ViewId, Placement)> {
        self.views.values().filter_map(|v| v.placements.get(id).map(|p| (v.id.clone(), p.clone()))).collect()
    }
}

/// A relation as (its number, its kind, the slots of its ends): see [`Workspace::relation_slots`].
pub(crate) type RelationSlots = (usize, RelationKind, usize, usize);

fn relation_slots(e: petgraph::stable_graph::EdgeReference<'_, Edge>) -> RelationSlots {
    (e.id().index(), e.weight().kind, e.source().index(), e.target().index())
}

/// Two workspaces are equal when they hold the same elements, relations (with ranks) and views,
/// whatever the internal graph indices.
impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        self.element_count() == other.element_count()
            && self.relation_count() == other.relation_count()
            && self.to_data() == other.to_data()
    }
}
