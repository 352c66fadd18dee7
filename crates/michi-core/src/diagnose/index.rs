//! One pass over the graph: every element's kind and properties and who is related to whom, by
//! kind, borrowed from the workspace. Every rule reads this instead of walking the graph again.
//! Sequence flows in and out of each node are listed once here: most process rules ask for them.

use std::cell::{Cell, OnceCell};

use rustc_hash::FxHashMap;

use crate::element::{ElementData, ElementKind};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::view::{Placement, View, ViewKind};
use crate::workspace::{RelationSlots, Workspace};

/// Lists per entry, flat: entry `e`'s items are `items[start[e]..start[e + 1]]` (one allocation for
/// all the entries instead of one per entry).
struct Lists<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Lists<T> {
    /// Groups `(entry, item)` pairs by entry, keeping their order within an entry.
    fn group(entries: usize, pairs: &[(u32, T)]) -> Lists<T> {
        let mut start = vec![0u32; entries + 1];
        for &(e, _) in pairs {
            start[e as usize + 1] += 1;
        }
        for i in 0..entries {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut items: Vec<Option<T>> = vec![None; pairs.len()];
        for &(e, item) in pairs {
            items[next[e as usize] as usize] = Some(item);
            next[e as usize] += 1;
        }
        Lists { start, items: items.into_iter().map(|i| i.expect("every place filled")).collect() }
    }

    fn of(&self, e: usize) -> &[T] {
        &self.items[self.start[e] as usize..self.start[e + 1] as usize]
    }
}

type End<'a> = (RelationKind, &'a ElementId);

/// The index of a whole workspace ([`Index::new`]) or of some of its elements ([`Index::of_slots`],
/// what the incremental diagnosis re-checks after an edit).
///
/// Entries are numbered densely and their relations kept in flat lists, so building the index hashes
/// no id and allocates a handful of times. Every id the index hands out borrows the element's own id
/// in the graph, and rules pass those back: a lookup first tries the id's address (one
/// multiplication, no string compared) and falls back to the workspace's map by id for an id from
/// anywhere else (a BPMN attribute naming a flow, say).
pub struct Index<'a> {
    pub ws: &'a Workspace,
    data: Vec<&'a ElementData>,
    /// Relations leaving and entering each entry: (kind, the other end).
    out: Lists<End<'a>>,
    inc: Lists<End<'a>>,
    /// Sequence flows leaving and entering each entry (a flow node).
    seq_out: Lists<&'a ElementId>,
    seq_in: Lists<&'a ElementId>,
    /// Entry of each slot (`NONE` when the slot is empty or outside the index).
    of_slot: Vec<u32>,
    /// Entry of each id borrowed from the graph, by the id's address.
    by_address: FxHashMap<usize, u32>,
    by_kind: FxHashMap<ElementKind, Vec<&'a ElementId>>,
    /// Where each element is drawn in the process diagrams (its first placement), built when a rule asks.
    placed: OnceCell<Vec<Option<&'a Placement>>>,
    /// Whether a placement was asked for since [`Index::placements_read`] last answered.
    placement_asked: Cell<bool>,
}

const NO_ENDS: &[End] = &[];
const NONE: u32 = u32::MAX;

fn address(id: &ElementId) -> usize {
    std::ptr::from_ref(id) as usize
}

impl<'a> Index<'a> {
    pub fn new(ws: &'a Workspace) -> Index<'a> {
        let mut relations = Vec::with_capacity(ws.relation_count());
        relations.extend(ws.relation_slots());
        Index::build(ws, ws.slotted(), ws.element_count(), &relations)
    }

    /// The index of the elements in `slots` only (with every relation that touches one of them):
    /// rules that read one connected part of the graph give the same findings on it as on the whole.
    pub(crate) fn of_slots(ws: &'a Workspace, slots: &[usize]) -> Index<'a> {
        // Each relation once, in the order the whole index lists them.
        let mut relations: Vec<RelationSlots> = slots.iter().flat_map(|&s| ws.relation_slots_of(s)).collect();
        relations.sort_unstable_by_key(|r| r.0);
        relations.dedup_by_key(|r| r.0);
        let elements = slots.iter().filter_map(|&s| ws.at_slot(s).map(|e| (s, e)));
        Index::build(ws, elements, slots.len(), &relations)
    }

    fn build(
        ws: &'a Workspace,
        elements: impl Iterator<Item = (usize, &'a crate::element::Element)>,
        count: usize,
        relations: &[RelationSlots],
    ) -> Index<'a> {
        let mut data = Vec::with_capacity(count);
        let mut of_slot = vec![NONE; ws.slot_bound()];
        let mut by_address = FxHashMap::default();
        by_address.reserve(count);
        let mut by_kind: FxHashMap<ElementKind, Vec<&ElementId>> = FxHashMap::default();
        // Kinds keep the graph's order (a file's document order), as bpmnlint visits elements.
        for (slot, e) in elements {
            let n = data.len() as u32;
            of_slot[slot] = n;
            by_address.insert(address(&e.id), n);
            data.push(&e.data);
            by_kind.entry(e.data.kind()).or_default().push(&e.id);
        }
        let entry = |slot: usize| of_slot.get(slot).copied().filter(|&e| e != NONE);
        let mut out = Vec::with_capacity(relations.len());
        let mut inc = Vec::with_capacity(relations.len());
        let mut seq_out = Vec::new();
        let mut seq_in = Vec::new();
        for &(_, kind, from, to) in relations {
            let (Some(a), Some(b)) = (ws.at_slot(from), ws.at_slot(to)) else { continue };
            let (ea, eb) = (entry(from), entry(to));
            if let Some(ea) = ea {
                out.push((ea, (kind, &b.id)));
            }
            if let Some(eb) = eb {
                inc.push((eb, (kind, &a.id)));
            }
            // A sequence flow's `source` and `target` relations point at the nodes it joins.
            if let (Some(eb), ElementKind::SequenceFlow) = (eb, a.data.kind()) {
                match kind {
                    RelationKind::Source => seq_out.push((eb, (from, &a.id))),
                    RelationKind::Target => seq_in.push((eb, (from, &a.id))),
                    _ => {}
                }
            }
        }
        // A node's flows in the flows' graph order (the order of the file).
        let order = |mut list: Vec<(u32, (usize, &'a ElementId))>| -> Vec<(u32, &'a ElementId)> {
            list.sort_unstable_by_key(|&(e, (slot, _))| (e, slot));
            list.into_iter().map(|(e, (_, flow))| (e, flow)).collect()
        };
        let (seq_out, seq_in) = (order(seq_out), order(seq_in));
        let n = data.len();
        Index {
            ws,
            out: Lists::group(n, &out),
            inc: Lists::group(n, &inc),
            seq_out: Lists::group(n, &seq_out),
            seq_in: Lists::group(n, &seq_in),
            data,
            of_slot,
            by_address,
            by_kind,
            placed: OnceCell::new(),
            placement_asked: Cell::new(false),
        }
    }

    fn entry(&self, id: &ElementId) -> Option<usize> {
        let e = match self.by_address.get(&address(id)) {
            Some(&e) => e,
            None => *self.of_slot.get(self.ws.slot(id)?)?,
        };
        (e != NONE).then_some(e as usize)
    }

    pub fn of_kind(&self, kind: ElementKind) -> impl Iterator<Item = &'a ElementId> + '_ {
        self.by_kind.get(&kind).into_iter().flatten().copied()
    }

    pub fn data(&self, id: &ElementId) -> Option<&'a ElementData> {
        self.entry(id).map(|e| self.data[e])
    }

    pub fn kind(&self, id: &ElementId) -> Option<ElementKind> {
        self.entry(id).map(|e| self.data[e].kind())
    }

    pub fn label(&self, id: &ElementId) -> &'a str {
        self.data(id).map(ElementData::label).unwrap_or("")
    }

    fn out_of(&self, id: &ElementId) -> &[End<'a>] {
        self.entry(id).map_or(NO_ENDS, |e| self.out.of(e))
    }

    fn inc_of(&self, id: &ElementId) -> &[End<'a>] {
        self.entry(id).map_or(NO_ENDS, |e| self.inc.of(e))
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
        self.entry(node).map_or(&[], |e| self.seq_out.of(e))
    }

    /// Sequence flows entering a node.
    pub fn seq_in(&self, node: &ElementId) -> &[&'a ElementId] {
        self.entry(node).map_or(&[], |e| self.seq_in.of(e))
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

    /// Whether a rule asked where something is drawn since the last call (which forgets it): what
    /// holds each rule to its [`super::rule::Reach`].
    pub fn placements_read(&self) -> bool {
        self.placement_asked.replace(false)
    }

    /// Where `id` is drawn in a process diagram, if it is.
    pub fn placement(&self, id: &ElementId) -> Option<&'a Placement> {
        self.placement_asked.set(true);
        let placed = self.placed.get_or_init(|| {
            let mut placed = vec![None; self.data.len()];
            let views: Vec<&View> = self.ws.views().filter(|v| matches!(v.kind, ViewKind::Process { .. })).collect();
            let placements: usize = views.iter().map(|v| v.placements.len()).sum();
            // The first placement in view order: each view's placements read once, or, for an
            // index of a few elements, each element looked up in each view.
            if self.data.len() * views.len() < placements {
                for ids in self.by_kind.values() {
                    for &id in ids {
                        let e = self.entry(id).expect("indexed");
                        placed[e] = views.iter().find_map(|v| v.placements.get(id));
                    }
                }
            } else {
                for v in views.iter().rev() {
                    for (id, p) in &v.placements {
                        if let Some(e) = self.entry(id) {
                            placed[e] = Some(p);
                        }
                    }
                }
            }
            placed
        });
        self.entry(id).and_then(|e| placed[e])
    }
}
