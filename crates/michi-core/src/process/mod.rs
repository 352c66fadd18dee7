//! Process diagrams: how the structure (pools, lanes, processes, containment) is read, and the
//! scene an edit works on: a view's placements as the edit changes them (moves, lane fitting,
//! rerouting) before turning the changes into operations.

pub mod clip;
pub mod edit;
pub mod geometry;
pub mod read;

use std::collections::{BTreeMap, BTreeSet};

use crate::element::{ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::op::Op;
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::view::{Bounds, Placement, Point, ViewKind};
use crate::workspace::Workspace;
use geometry::{HEADER, LANE_MIN_HEIGHT, PAD, bottom, bounds, center, contains, right, route, union};

/// The process a pool shows.
pub fn process_of_pool(ws: &Workspace, pool: &ElementId) -> Option<ElementId> {
    ws.incoming(pool, RelationKind::ProcessOf).into_iter().next().map(|r| r.from)
}

/// The pool showing a process.
pub fn pool_of_process(ws: &Workspace, process: &ElementId) -> Option<ElementId> {
    ws.container(process, RelationKind::ProcessOf)
}

/// The process `element` belongs to, through sub-processes.
pub fn process_of(ws: &Workspace, element: &ElementId) -> Option<ElementId> {
    let mut current = element.clone();
    for _ in 0..64 {
        if ws.kind_of(&current) == Some(ElementKind::Process) {
            return Some(current);
        }
        current = ws.container(&current, RelationKind::ChildOf)?;
    }
    None
}

/// The lanes of a process or lane, top to bottom, nested ones flattened after their parent.
pub fn lanes_under(ws: &Workspace, parent: &ElementId) -> Vec<ElementId> {
    ws.ordered_members(parent, RelationKind::LaneIn)
}

/// Lanes without nested lanes, top to bottom.
pub fn leaf_lanes(ws: &Workspace, parent: &ElementId) -> Vec<ElementId> {
    let mut out = Vec::new();
    for lane in lanes_under(ws, parent) {
        let inner = leaf_lanes(ws, &lane);
        if inner.is_empty() {
            out.push(lane);
        } else {
            out.extend(inner);
        }
    }
    out
}

/// The collaboration a view shows, if it shows one.
pub fn collaboration_of_view(ws: &Workspace, view: &ViewId) -> Option<ElementId> {
    match &ws.view(view)?.kind {
        ViewKind::Process { root, .. } if ws.kind_of(root) == Some(ElementKind::Collaboration) => Some(root.clone()),
        _ => None,
    }
}

/// Whether `kind` sits in lanes (is done by a role).
pub fn is_lane_member(kind: ElementKind) -> bool {
    kind.is_flow_node() || matches!(kind, ElementKind::DataObject | ElementKind::System)
}

/// A view's placements as one edit changes them: the view's own, and the edit's copy of each it
/// changed (an edit that moves one shape of thousands copies a few placements, not all of them).
pub struct Placed<'a> {
    view: &'a BTreeMap<ElementId, Placement>,
    changed: BTreeMap<ElementId, Placement>,
}

impl Placed<'_> {
    pub fn get(&self, id: &ElementId) -> Option<&Placement> {
        self.changed.get(id).or_else(|| self.view.get(id))
    }

    pub fn contains_key(&self, id: &ElementId) -> bool {
        self.changed.contains_key(id) || self.view.contains_key(id)
    }

    pub fn insert(&mut self, id: ElementId, placement: Placement) {
        self.changed.insert(id, placement);
    }

    /// Every element placed, in id order.
    pub fn keys(&self) -> Vec<&ElementId> {
        let mut keys: Vec<&ElementId> =
            self.view.keys().chain(self.changed.keys().filter(|id| !self.view.contains_key(*id))).collect();
        keys.sort_unstable();
        keys
    }
}

impl std::ops::Index<&ElementId> for Placed<'_> {
    type Output = Placement;

    fn index(&self, id: &ElementId) -> &Placement {
        self.get(id).expect("a placed element")
    }
}

/// A view's placements being changed by one edit.
pub struct Scene<'a> {
    pub ws: &'a Workspace,
    pub view: ViewId,
    pub root: ElementId,
    pub placements: Placed<'a>,
    changed: BTreeSet<ElementId>,
    /// Elements created by the edit, not in the workspace yet: id → kind.
    pub added: BTreeMap<ElementId, ElementData>,
    /// Relations the edit adds or removes.
    pub relate: Vec<Relation>,
    pub unrelate: Vec<RelationKey>,
}

impl<'a> Scene<'a> {
    pub fn new(ws: &'a Workspace, view: &ViewId) -> Option<Scene<'a>> {
        let v = ws.view(view)?;
        let ViewKind::Process { root, .. } = &v.kind else { return None };
        Some(Scene {
            ws,
            view: view.clone(),
            root: root.clone(),
            placements: Placed { view: &v.placements, changed: BTreeMap::new() },
            changed: BTreeSet::new(),
            added: BTreeMap::new(),
            relate: Vec::new(),
            unrelate: Vec::new(),
        })
    }

    pub fn kind(&self, id: &ElementId) -> Option<ElementKind> {
        self.added.get(id).map(ElementData::kind).or_else(|| self.ws.kind_of(id))
    }

    pub fn bounds(&self, id: &ElementId) -> Option<Bounds> {
        self.placements.get(id).map(bounds)
    }

    pub fn set(&mut self, id: &ElementId, placement: Placement) {
        self.placements.insert(id.clone(), placement);
        self.changed.insert(id.clone());
    }

    fn translate(&mut self, id: &ElementId, dx: f64, dy: f64) {
        if let Some(mut p) = self.placements.get(id).cloned() {
            p.translate(dx, dy);
            self.set(id, p);
        }
    }

    /// The pools placed in this view, top to bottom.
    pub fn pools(&self) -> Vec<ElementId> {
        let pools = self.ws.elements_of_kind(ElementKind::Pool).map(|e| &e.id);
        let added = self.added.iter().filter(|(_, data)| data.kind() == ElementKind::Pool).map(|(id, _)| id);
        let mut pools: Vec<(f64, ElementId)> =
            pools.chain(added).filter_map(|id| Some((self.placements.get(id)?.y, id.clone()))).collect();
        pools.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        pools.into_iter().map(|(_, id)| id).collect()
    }

    pub fn pool_at(&self, point: Point) -> Option<ElementId> {
        self.pools().into_iter().find(|pool| self.bounds(pool).is_some_and(|b| contains(&b, point)))
    }

    /// The pool a shape with bounds `b` lands in: the one holding its centre, else the one it
    /// overlaps most (a shape dropped on a pool's edge still lands in it).
    pub fn pool_for(&self, b: &Bounds) -> Option<ElementId> {
        if let Some(pool) = self.pool_at(center(b)) {
            return Some(pool);
        }
        let overlap = |p: &Bounds| {
            let w = right(p).min(right(b)) - p.x.max(b.x);
            let h = bottom(p).min(bottom(b)) - p.y.max(b.y);
            if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
        };
        self.pools()
            .into_iter()
            .filter_map(|pool| self.bounds(&pool).map(|pb| (overlap(&pb), pool)))
            .filter(|(area, _)| *area > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, pool)| pool)
    }

    /// The placed leaf lane of `process` holding `point`, else the nearest one above or below it.
    pub fn lane_at(&self, process: &ElementId, point: Point) -> Option<ElementId> {
        let lanes: Vec<(ElementId, Bounds)> =
            leaf_lanes(self.ws, process).into_iter().filter_map(|l| self.bounds(&l).map(|b| (l, b))).collect();
        if let Some((lane, _)) = lanes.iter().find(|(_, b)| contains(b, point)) {
            return Some(lane.clone());
        }
        let distance = |b: &Bounds| if point.y < b.y { b.y - point.y } else { (point.y - bottom(b)).max(0.0) };
        lanes.into_iter().min_by(|a, b| distance(&a.1).total_cmp(&distance(&b.1))).map(|(l, _)| l)
    }

    /// Elements placed here whose process is `process` (the contents of its pool).
    fn contents_of(&self, process: &ElementId) -> Vec<ElementId> {
        // What may belong to the process: what its containment reaches in the graph, and whatever
        // this edit gives a container (never every placement of a large diagram: a pool of a
        // 5,000-shape diagram holds a hundred); then the test of what does, in placement order.
        let mut candidates: std::collections::BTreeSet<ElementId> =
            self.relate.iter().filter(|r| r.kind == RelationKind::ChildOf).map(|r| r.from.clone()).collect();
        let mut stack = vec![process.clone()];
        let mut seen = std::collections::HashSet::new();
        while let Some(container) = stack.pop() {
            for child in self.ws.sources(&container, RelationKind::ChildOf) {
                if seen.insert(child.id.clone()) {
                    stack.push(child.id.clone());
                    candidates.insert(child.id.clone());
                }
            }
        }
        candidates
            .into_iter()
            .filter(|id| self.placements.contains_key(id))
            .filter(|id| {
                let kind = self.kind(id);
                !matches!(kind, Some(ElementKind::Pool | ElementKind::Lane))
                    && !kind.is_some_and(ElementKind::is_connector)
            })
            .filter(|id| {
                let container = self.new_container(id).or_else(|| self.ws.container(id, RelationKind::ChildOf));
                container.is_some_and(|c| &c == process || process_of(self.ws, &c).as_ref() == Some(process))
            })
            .collect()
    }

    /// The container an element gets from this edit, if it changes.
    fn new_container(&self, id: &ElementId) -> Option<ElementId> {
        self.relate.iter().find(|r| r.kind == RelationKind::ChildOf && &r.from == id).map(|r| r.to.clone())
    }

    /// The lane an element is in after this edit.
    pub fn lane_of(&self, id: &ElementId) -> Option<ElementId> {
        if let Some(r) = self.relate.iter().find(|r| r.kind == RelationKind::InLane && &r.from == id) {
            return Some(r.to.clone());
        }
        let removed = |to: &ElementId| {
            self.unrelate.iter().any(|k| k.kind == RelationKind::InLane && &k.from == id && &k.to == to)
        };
        self.ws.outgoing(id, RelationKind::InLane).into_iter().map(|r| r.to).find(|to| !removed(to))
    }

    /// Moves a shape's top-left corner; a pool brings its lanes and contents, an activity its
    /// boundary events, an expanded sub-process its contents.
    pub fn move_shape(&mut self, id: &ElementId, x: f64, y: f64) {
        let Some(b) = self.bounds(id) else { return };
        let (dx, dy) = (x - b.x, y - b.y);
        if dx == 0.0 && dy == 0.0 {
            return;
        }
        let mut moving = vec![id.clone()];
        match self.kind(id) {
            Some(ElementKind::Pool) => {
                if let Some(process) = process_of_pool(self.ws, id) {
                    moving.extend(lanes_all(self.ws, &process));
                    moving.extend(self.contents_of(&process));
                }
            }
            Some(ElementKind::Activity) => {
                moving.extend(self.ws.incoming(id, RelationKind::AttachedTo).into_iter().map(|r| r.from));
                moving.extend(self.ws.incoming(id, RelationKind::ChildOf).into_iter().map(|r| r.from).filter(|c| {
                    self.placements.contains_key(c) && !self.kind(c).is_some_and(ElementKind::is_connector)
                }));
            }
            _ => {}
        }
        moving.sort();
        moving.dedup();
        for m in moving {
            self.translate(&m, dx, dy);
        }
    }

    /// After a shape moved: its pool (process) and lane follow where its centre now is.
    pub fn settle(&mut self, id: &ElementId) {
        let Some(kind) = self.kind(id) else { return };
        if !is_lane_member(kind) && !matches!(kind, ElementKind::Annotation | ElementKind::Group) {
            return;
        }
        let Some(b) = self.bounds(id) else { return };
        let c = center(&b);
        // Boundary events stay with their activity; contents of a sub-process stay in it.
        if self.ws.container(id, RelationKind::AttachedTo).is_some() {
            return;
        }
        let current = self.new_container(id).or_else(|| self.ws.container(id, RelationKind::ChildOf));
        if current.as_ref().is_some_and(|c| self.kind(c) == Some(ElementKind::Activity)) {
            return;
        }
        if let Some(pool) = self.pool_for(&b)
            && let Some(process) = process_of_pool(self.ws, &pool)
        {
            if current.as_ref() != Some(&process) {
                if let Some(old) = &current
                    && self
                        .ws
                        .relation(&RelationKey { kind: RelationKind::ChildOf, from: id.clone(), to: old.clone() })
                        .is_some()
                {
                    self.unrelate.push(RelationKey { kind: RelationKind::ChildOf, from: id.clone(), to: old.clone() });
                }
                self.relate.retain(|r| !(r.kind == RelationKind::ChildOf && &r.from == id));
                self.relate.push(Relation {
                    kind: RelationKind::ChildOf,
                    from: id.clone(),
                    to: process.clone(),
                    rank: Rank::unordered(),
                });
            }
            if is_lane_member(kind) {
                let lane = self.lane_at(&process, c);
                if lane != self.lane_of(id) {
                    for old in self.ws.outgoing(id, RelationKind::InLane) {
                        if !self.unrelate.contains(&old.key()) {
                            self.unrelate.push(old.key());
                        }
                    }
                    self.relate.retain(|r| !(r.kind == RelationKind::InLane && &r.from == id));
                    if let Some(lane) = lane {
                        self.relate.push(Relation {
                            kind: RelationKind::InLane,
                            from: id.clone(),
                            to: lane,
                            rank: Rank::unordered(),
                        });
                    }
                }
            }
        }
    }

    /// Grows the lanes and the pool of `process` to hold their contents: a lane grows downwards and
    /// pushes the lanes below (and what they hold) down; the pool grows to the right and down.
    pub fn fit_pool(&mut self, pool: &ElementId) {
        let Some(process) = process_of_pool(self.ws, pool) else { return };
        let Some(mut pool_b) = self.bounds(pool) else { return };
        let lanes: Vec<ElementId> =
            lanes_under(self.ws, &process).into_iter().filter(|l| self.placements.contains_key(l)).collect();
        let contents = self.contents_of(&process);
        // Lane by lane, top to bottom.
        let mut shift = 0.0;
        for lane in &lanes {
            if shift != 0.0 {
                let members: Vec<ElementId> =
                    contents.iter().filter(|c| self.lane_of(c).as_ref() == Some(lane)).cloned().collect();
                self.translate(lane, 0.0, shift);
                for m in members {
                    self.translate(&m, 0.0, shift);
                }
            }
            let Some(lane_b) = self.bounds(lane) else { continue };
            let needed = contents
                .iter()
                .filter(|c| self.lane_of(c).as_ref() == Some(lane))
                .filter_map(|c| self.bounds(c))
                .map(|b| bottom(&b) + PAD)
                .fold(lane_b.y + LANE_MIN_HEIGHT.min(lane_b.height), f64::max);
            if needed > bottom(&lane_b) {
                let grow = needed - bottom(&lane_b);
                let mut p = self.placements[lane].clone();
                p.height += grow;
                self.set(lane, p);
                shift += grow;
            }
        }
        // The pool holds its lanes and its contents.
        let lane_boxes: Vec<Bounds> = lanes.iter().filter_map(|l| self.bounds(l)).collect();
        let content_boxes: Vec<Bounds> = contents
            .iter()
            .filter_map(|c| self.bounds(c))
            .map(|b| Bounds { x: b.x - PAD, y: b.y - PAD, width: b.width + 2.0 * PAD, height: b.height + 2.0 * PAD })
            .collect();
        let needed =
            union(lane_boxes.iter().copied().chain(content_boxes).chain([pool_b])).expect("the pool's own box");
        let grown = Bounds {
            x: needed.x.min(pool_b.x),
            y: needed.y.min(pool_b.y),
            width: right(&needed).max(right(&pool_b)) - needed.x.min(pool_b.x),
            height: bottom(&needed).max(bottom(&pool_b)) - needed.y.min(pool_b.y),
        };
        if grown != pool_b {
            let mut p = self.placements[pool].clone();
            (p.x, p.y, p.width, p.height) = (grown.x, grown.y, grown.width, grown.height);
            self.set(pool, p);
            pool_b = grown;
        }
        // Lanes span the pool's width (after its name band) and together its height.
        let count = lanes.len();
        for (i, lane) in lanes.iter().enumerate() {
            let Some(mut p) = self.placements.get(lane).cloned() else { continue };
            let before = p.clone();
            p.x = pool_b.x + HEADER;
            p.width = pool_b.width - HEADER;
            if i == 0 && p.y > pool_b.y {
                p.height += p.y - pool_b.y;
                p.y = pool_b.y;
            }
            if i + 1 == count && bottom(&bounds(&p)) < bottom(&pool_b) {
                p.height = bottom(&pool_b) - p.y;
            }
            if p != before {
                self.set(lane, p);
            }
        }
    }

    /// Reroutes the connectors touching any of `moved`.
    pub fn reroute(&mut self, moved: &BTreeSet<ElementId>) {
        let connectors: BTreeSet<ElementId> = moved
            .iter()
            .flat_map(|id| {
                let mut c: Vec<ElementId> =
                    self.ws.incoming(id, RelationKind::Source).into_iter().map(|r| r.from).collect();
                c.extend(self.ws.incoming(id, RelationKind::Target).into_iter().map(|r| r.from));
                c
            })
            .chain(
                self.relate
                    .iter()
                    .filter(|r| matches!(r.kind, RelationKind::Source | RelationKind::Target))
                    .map(|r| r.from.clone()),
            )
            .filter(|c| self.placements.contains_key(c) || self.added.contains_key(c))
            .collect();
        for c in connectors {
            let end = |kind: RelationKind| {
                self.relate
                    .iter()
                    .find(|r| r.kind == kind && r.from == c)
                    .map(|r| r.to.clone())
                    .or_else(|| self.ws.container(&c, kind))
            };
            let (Some(s), Some(t)) = (end(RelationKind::Source), end(RelationKind::Target)) else { continue };
            let (Some(sb), Some(tb)) = (self.bounds(&s), self.bounds(&t)) else { continue };
            let mut p = geometry::edge_placement(route(&sb, &tb));
            if let Some(old) = self.placements.get(&c).and_then(|p| p.extra.clone()) {
                // Keep what the route does not decide (its interchange id, colours).
                let extra = p.extra_mut();
                extra.di_id = old.di_id;
                extra.foreign = old.foreign;
            }
            self.set(&c, p);
        }
    }

    /// The ids whose placement changed.
    pub fn changed(&self) -> &BTreeSet<ElementId> {
        &self.changed
    }

    /// The operations placing what changed and changing relations, after `before` (the edit's own
    /// element additions).
    pub fn into_ops(self, before: Vec<Op>) -> Vec<Op> {
        let mut ops = before;
        ops.extend(self.unrelate.into_iter().map(|key| Op::Unrelate { key }));
        ops.extend(self.relate.into_iter().map(|relation| Op::Relate { relation }));
        for id in &self.changed {
            ops.push(Op::Place {
                view: self.view.clone(),
                element: id.clone(),
                placement: self.placements[id].clone(),
            });
        }
        ops
    }
}

/// Every lane of a process, nested ones included.
pub fn lanes_all(ws: &Workspace, parent: &ElementId) -> Vec<ElementId> {
    let mut out = Vec::new();
    for lane in lanes_under(ws, parent) {
        out.push(lane.clone());
        out.extend(lanes_all(ws, &lane));
    }
    out
}

/// Whether an element (of a kind) may be a node on a process canvas.
pub fn is_canvas_node(data: &ElementData) -> bool {
    is_lane_member(data.kind()) || matches!(data.kind(), ElementKind::Annotation | ElementKind::Group)
}
