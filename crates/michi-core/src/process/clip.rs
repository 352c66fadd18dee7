//! Copy and paste on process diagrams. A clip holds elements, the relations among them (and to
//! things outside they may keep, such as the stage an activity serves) and their placements.
//! Pasting gives everything new ids and lets each node settle in the pool and lane it lands in.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::edit::ProcessError;
use super::geometry::{bounds, center, union};
use super::{Scene, is_canvas_node, is_lane_member};
use crate::element::{Element, ElementKind};
use crate::id::{ElementId, IdGen, ViewId};
use crate::op::Op;
use crate::rank::Rank;
use crate::relation::{Relation, RelationKind};
use crate::view::{Placement, Point};
use crate::workspace::Workspace;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Clip {
    pub elements: Vec<Element>,
    pub relations: Vec<Relation>,
    pub placements: Vec<ClipPlacement>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClipPlacement {
    pub element: ElementId,
    pub placement: Placement,
}

/// Relations a clip keeps to elements outside it, if they still exist where it is pasted.
const KEPT_OUTSIDE: &[RelationKind] = &[RelationKind::Serves, RelationKind::UsesTerm];

/// The selection `ids` in `view` with what belongs to it: boundary events of selected activities,
/// the contents of selected sub-processes, and connectors whose both ends are in the clip.
pub fn copy(ws: &Workspace, view: &ViewId, ids: &[ElementId]) -> Clip {
    let Some(v) = ws.view(view) else { return Clip::default() };
    let mut chosen: BTreeSet<ElementId> = BTreeSet::new();
    let mut queue: Vec<ElementId> = ids
        .iter()
        .filter(|id| ws.data(id).is_some_and(is_canvas_node) && v.placements.contains_key(*id))
        .cloned()
        .collect();
    while let Some(id) = queue.pop() {
        if !chosen.insert(id.clone()) {
            continue;
        }
        queue.extend(ws.incoming(&id, RelationKind::AttachedTo).into_iter().map(|r| r.from));
        queue.extend(
            ws.incoming(&id, RelationKind::ChildOf)
                .into_iter()
                .map(|r| r.from)
                .filter(|c| ws.data(c).is_some_and(is_canvas_node) && v.placements.contains_key(c)),
        );
    }
    let connectors: Vec<ElementId> = ws
        .elements()
        .filter(|e| e.data.kind().is_connector() && v.placements.contains_key(&e.id))
        .filter(|e| {
            let end = |k| ws.container(&e.id, k);
            end(RelationKind::Source).is_some_and(|s| chosen.contains(&s))
                && end(RelationKind::Target).is_some_and(|t| chosen.contains(&t))
        })
        .map(|e| e.id.clone())
        .collect();
    chosen.extend(connectors);
    let mut relations = Vec::new();
    for id in &chosen {
        for r in ws.relations_of(id).into_iter().filter(|r| &r.from == id) {
            let inside = chosen.contains(&r.to);
            if inside || KEPT_OUTSIDE.contains(&r.kind) {
                relations.push(r);
            }
        }
    }
    Clip {
        elements: chosen.iter().filter_map(|id| ws.element(id).cloned()).collect(),
        relations,
        placements: chosen
            .iter()
            .filter_map(|id| v.placements.get(id).map(|p| ClipPlacement { element: id.clone(), placement: p.clone() }))
            .collect(),
    }
}

/// Pastes `clip` with its top-left corner at `at`.
pub fn paste(
    ws: &Workspace,
    ids: &mut IdGen,
    created: &mut Vec<ElementId>,
    view: &ViewId,
    clip: &Clip,
    at: Point,
) -> Result<Vec<Op>, ProcessError> {
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let renamed: BTreeMap<ElementId, ElementId> =
        clip.elements.iter().map(|e| (e.id.clone(), ids.element(e.data.kind().id_prefix()))).collect();
    let mut before = Vec::new();
    for e in &clip.elements {
        let id = renamed[&e.id].clone();
        created.push(id.clone());
        scene.added.insert(id.clone(), e.data.clone());
        before.push(Op::AddElement { element: Element { id, data: e.data.clone() } });
    }
    let origin =
        union(clip.placements.iter().filter(|p| p.placement.waypoints().is_empty()).map(|p| bounds(&p.placement)))
            .map_or(Point::default(), |b| Point { x: b.x, y: b.y });
    let (dx, dy) = (at.x - origin.x, at.y - origin.y);
    for p in &clip.placements {
        let mut placement = p.placement.clone();
        placement.translate(dx, dy);
        if let Some(extra) = placement.extra.as_mut() {
            extra.di_id = None;
        }
        scene.set(&renamed[&p.element], placement);
    }
    // Relations inside the clip follow the new ids; those to the outside stay if they still can.
    for r in &clip.relations {
        let from = renamed[&r.from].clone();
        let to = match renamed.get(&r.to) {
            Some(to) => to.clone(),
            None if ws.contains(&r.to) && KEPT_OUTSIDE.contains(&r.kind) => r.to.clone(),
            None => continue,
        };
        // Membership of pools and lanes is decided by where the paste lands.
        if matches!(r.kind, RelationKind::InLane) || (r.kind == RelationKind::ChildOf && !renamed.contains_key(&r.to)) {
            continue;
        }
        scene.relate.push(Relation { kind: r.kind, from, to, rank: r.rank.clone() });
    }
    // Top-level nodes take the container under them (or the diagram's root) and their lane.
    let inner: BTreeSet<&ElementId> = clip
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::ChildOf && renamed.contains_key(&r.to))
        .map(|r| &r.from)
        .collect();
    let attached: BTreeSet<&ElementId> =
        clip.relations.iter().filter(|r| r.kind == RelationKind::AttachedTo).map(|r| &r.from).collect();
    let top: Vec<(ElementId, ElementKind)> = clip
        .elements
        .iter()
        .filter(|e| !inner.contains(&e.id))
        .map(|e| (renamed[&e.id].clone(), e.data.kind()))
        .collect();
    let (connectors, nodes): (Vec<_>, Vec<_>) = top.into_iter().partition(|(_, k)| k.is_connector());
    for (id, kind) in &nodes {
        let Some(b) = scene.bounds(id) else { continue };
        let c = center(&b);
        let container = match scene.pool_at(c) {
            Some(pool) => super::process_of_pool(ws, &pool).ok_or(ProcessError::PoolWithoutProcess)?,
            None if ws.kind_of(&scene.root) == Some(ElementKind::Collaboration)
                && !matches!(kind, ElementKind::Annotation | ElementKind::Group) =>
            {
                return Err(ProcessError::OutsidePool);
            }
            None => scene.root.clone(),
        };
        scene.relate.push(Relation {
            kind: RelationKind::ChildOf,
            from: id.clone(),
            to: container.clone(),
            rank: Rank::unordered(),
        });
        if is_lane_member(*kind)
            && !attached.contains(id)
            && let Some(process) = super::process_of(ws, &container)
                .or_else(|| (ws.kind_of(&container) == Some(ElementKind::Process)).then(|| container.clone()))
            && let Some(lane) = scene.lane_at(&process, c)
        {
            scene.relate.push(Relation {
                kind: RelationKind::InLane,
                from: id.clone(),
                to: lane,
                rank: Rank::unordered(),
            });
        }
    }
    // A connector lives where its source lives; a hand-off in the collaboration.
    for (id, kind) in &connectors {
        let source =
            scene.relate.iter().find(|r| r.kind == RelationKind::Source && &r.from == id).map(|r| r.to.clone());
        let source_container = source.and_then(|s| {
            scene.relate.iter().find(|r| r.kind == RelationKind::ChildOf && r.from == s).map(|r| r.to.clone())
        });
        let container = match kind {
            ElementKind::MessageFlow => super::collaboration_of_view(ws, view),
            _ => source_container,
        }
        .unwrap_or_else(|| scene.root.clone());
        scene.relate.push(Relation {
            kind: RelationKind::ChildOf,
            from: id.clone(),
            to: container,
            rank: Rank::unordered(),
        });
    }
    for pool in scene.pools() {
        scene.fit_pool(&pool);
    }
    Ok(scene.into_ops(before))
}
