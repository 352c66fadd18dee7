//! Process diagram edits compiled into operations: creating a diagram, pools, lanes and nodes,
//! moving and resizing shapes, connecting. The diagramming rules live here: a node belongs to the
//! pool and lane it lands in, lanes grow to hold their content, and what two shapes can be joined by
//! (a sequence flow within a pool, a message flow between pools…) follows from what they are.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::geometry::{self, HEADER, LANE_MIN_HEIGHT, POOL_DEFAULT_WIDTH, bottom, center, default_size, right, route};
use super::{Scene, collaboration_of_view, is_canvas_node, is_lane_member, lanes_under, process_of, process_of_pool};
use crate::element::{
    Association, Collaboration, DataAssociation, Element, ElementData, ElementKind, EventPosition, MessageFlow, Pool,
    Process, ProcessLane, ProcessModel, SequenceFlow, Side,
};
use crate::id::{ElementId, IdGen, ViewId};
use crate::op::Op;
use crate::rank::Rank;
use crate::relation::{Relation, RelationKey, RelationKind};
use crate::view::{DiagramInterchange, Placement, Point, View, ViewKind};
use crate::workspace::Workspace;

/// A pool to create, with its lanes (roles), top to bottom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewPool {
    pub name: String,
    pub side: Option<Side>,
    pub lanes: Vec<String>,
}

/// Where a shape's top-left corner goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ShapeMove {
    pub id: ElementId,
    pub x: f64,
    pub y: f64,
}

/// Why a process edit cannot be made. Each has a stable key the UI translates.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ProcessError {
    #[error("{0} is not a process diagram")]
    NotAProcessDiagram(ViewId),
    #[error("a {0:?} cannot be drawn as a node")]
    NotANode(ElementKind),
    #[error("this diagram has pools: place the element inside one")]
    OutsidePool,
    #[error("{0} is not drawn in this diagram")]
    NotPlaced(ElementId),
    #[error("{0} is not a pool")]
    NotAPool(ElementId),
    #[error("a pool without a process cannot hold anything")]
    PoolWithoutProcess,
    #[error("{from:?} and {to:?} cannot be connected: {reason}")]
    CannotConnect { from: ElementKind, to: ElementKind, reason: ConnectRefusal },
}

impl ProcessError {
    /// A stable key for the UI's translations.
    pub fn reason_key(&self) -> &'static str {
        match self {
            ProcessError::NotAProcessDiagram(_) => "notAProcessDiagram",
            ProcessError::NotANode(_) => "notANode",
            ProcessError::OutsidePool => "outsidePool",
            ProcessError::NotPlaced(_) => "notPlaced",
            ProcessError::NotAPool(_) => "notAPool",
            ProcessError::PoolWithoutProcess => "poolWithoutProcess",
            ProcessError::CannotConnect { reason, .. } => reason.key(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ConnectRefusal {
    #[error("an element cannot connect to itself")]
    Itself,
    #[error("nothing flows out of an end event")]
    FromEndEvent,
    #[error("nothing flows into a start event")]
    IntoStartEvent,
    #[error("a hand-off (message flow) joins two different pools")]
    SamePoolMessage,
    #[error("these two kinds of element cannot be joined")]
    Kinds,
}

impl ConnectRefusal {
    pub fn key(self) -> &'static str {
        match self {
            ConnectRefusal::Itself => "connectItself",
            ConnectRefusal::FromEndEvent => "connectFromEnd",
            ConnectRefusal::IntoStartEvent => "connectIntoStart",
            ConnectRefusal::SamePoolMessage => "connectSamePool",
            ConnectRefusal::Kinds => "connectKinds",
        }
    }
}

/// What a process edit created (the ids it reports to the caller).
#[derive(Default)]
pub struct Made {
    pub elements: Vec<ElementId>,
    pub views: Vec<ViewId>,
}

fn new_element(ids: &mut IdGen, made: &mut Made, data: ElementData) -> Element {
    let id = ids.element(data.kind().id_prefix());
    made.elements.push(id.clone());
    Element { id, data }
}

fn relation(kind: RelationKind, from: &ElementId, to: &ElementId, rank: Rank) -> Relation {
    Relation { kind, from: from.clone(), to: to.clone(), rank }
}

fn horizontal(mut p: Placement) -> Placement {
    p.extra_mut().horizontal = Some(true);
    p
}

/// Where a new pool goes.
struct PoolPlace<'a> {
    collaboration: &'a ElementId,
    model: Option<&'a ElementId>,
    rank: Rank,
    view: &'a ViewId,
    x: f64,
    y: f64,
    width: f64,
}

/// The operations creating a pool with its process and lanes, and the pool's height.
fn pool_ops(ids: &mut IdGen, made: &mut Made, spec: &NewPool, at: PoolPlace) -> (Vec<Op>, f64) {
    let PoolPlace { collaboration, model, rank, view, x, y, width } = at;
    let pool = new_element(
        ids,
        made,
        ElementData::Pool(Pool { name: spec.name.clone(), side: spec.side, ..Default::default() }),
    );
    let process =
        new_element(ids, made, ElementData::Process(Process { name: spec.name.clone(), ..Default::default() }));
    let height = LANE_MIN_HEIGHT * spec.lanes.len().max(1) as f64;
    let mut ops = vec![
        Op::AddElement { element: pool.clone() },
        Op::AddElement { element: process.clone() },
        Op::Relate { relation: relation(RelationKind::PoolIn, &pool.id, collaboration, rank) },
        Op::Relate { relation: relation(RelationKind::ProcessOf, &process.id, &pool.id, Rank::unordered()) },
    ];
    if let Some(model) = model {
        ops.push(Op::Relate { relation: relation(RelationKind::InModel, &process.id, model, Rank::unordered()) });
    }
    let mut place = vec![(pool.id.clone(), horizontal(Placement::rect(x, y, width, height)))];
    for (i, (name, lane_rank)) in spec.lanes.iter().zip(Rank::sequence(spec.lanes.len())).enumerate() {
        let lane = new_element(ids, made, ElementData::Lane(ProcessLane { name: name.clone(), ..Default::default() }));
        ops.push(Op::AddElement { element: lane.clone() });
        ops.push(Op::Relate { relation: relation(RelationKind::LaneIn, &lane.id, &process.id, lane_rank) });
        let ly = y + i as f64 * LANE_MIN_HEIGHT;
        place.push((lane.id, horizontal(Placement::rect(x + HEADER, ly, width - HEADER, LANE_MIN_HEIGHT))));
    }
    for (element, placement) in place {
        ops.push(Op::Place { view: view.clone(), element, placement });
    }
    (ops, height)
}

/// A model, a collaboration with `pools`, and the diagram's view.
pub fn create_diagram(ids: &mut IdGen, made: &mut Made, name: String, pools: &[NewPool]) -> Vec<Op> {
    let model =
        new_element(ids, made, ElementData::ProcessModel(ProcessModel { name: name.clone(), ..Default::default() }));
    let collaboration = new_element(ids, made, ElementData::Collaboration(Collaboration::default()));
    let view = ids.view();
    made.views.push(view.clone());
    let mut ops = vec![
        Op::AddElement { element: model.clone() },
        Op::AddElement { element: collaboration.clone() },
        Op::Relate { relation: relation(RelationKind::InModel, &collaboration.id, &model.id, Rank::unordered()) },
        Op::AddView {
            view: View {
                id: view.clone(),
                name,
                kind: ViewKind::Process { root: collaboration.id.clone(), interchange: DiagramInterchange::default() },
                placements: Default::default(),
            },
        },
    ];
    let mut y = 0.0;
    for (spec, rank) in pools.iter().zip(Rank::sequence(pools.len())) {
        let at = PoolPlace {
            collaboration: &collaboration.id,
            model: Some(&model.id),
            rank,
            view: &view,
            x: 0.0,
            y,
            width: POOL_DEFAULT_WIDTH,
        };
        let (pool_ops, height) = pool_ops(ids, made, spec, at);
        ops.extend(pool_ops);
        y += height + 40.0;
    }
    ops
}

/// A pool below the others in a collaboration diagram.
pub fn add_pool(
    ws: &Workspace,
    ids: &mut IdGen,
    made: &mut Made,
    view: &ViewId,
    spec: &NewPool,
) -> Result<Vec<Op>, ProcessError> {
    let scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let collaboration =
        collaboration_of_view(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let model = ws.container(&collaboration, RelationKind::InModel);
    let boxes: Vec<_> = scene.pools().iter().filter_map(|p| scene.bounds(p)).collect();
    let x = boxes.iter().map(|b| b.x).fold(f64::INFINITY, f64::min);
    let x = if x.is_finite() { x } else { 0.0 };
    let y = boxes.iter().map(bottom).fold(-40.0, f64::max) + 40.0;
    let width = boxes.iter().map(|b| b.width).fold(POOL_DEFAULT_WIDTH, f64::max);
    let last = ws.incoming(&collaboration, RelationKind::PoolIn).last().map(|r| r.rank.clone());
    let rank = Rank::between(last.as_ref(), None);
    let at = PoolPlace { collaboration: &collaboration, model: model.as_ref(), rank, view, x, y, width };
    Ok(pool_ops(ids, made, spec, at).0)
}

/// A lane at the bottom of a pool (the pool grows). The first lane of a pool covers it all and takes
/// in what the pool holds.
pub fn add_lane(
    ws: &Workspace,
    ids: &mut IdGen,
    made: &mut Made,
    view: &ViewId,
    pool: &ElementId,
    name: String,
) -> Result<Vec<Op>, ProcessError> {
    if ws.kind_of(pool) != Some(ElementKind::Pool) {
        return Err(ProcessError::NotAPool(pool.clone()));
    }
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let process = process_of_pool(ws, pool).ok_or(ProcessError::PoolWithoutProcess)?;
    let pool_b = scene.bounds(pool).ok_or_else(|| ProcessError::NotPlaced(pool.clone()))?;
    let lane = new_element(ids, made, ElementData::Lane(ProcessLane { name, ..Default::default() }));
    let last = ws.incoming(&process, RelationKind::LaneIn).last().map(|r| r.rank.clone());
    let before = vec![
        Op::AddElement { element: lane.clone() },
        Op::Relate { relation: relation(RelationKind::LaneIn, &lane.id, &process, Rank::between(last.as_ref(), None)) },
    ];
    scene.added.insert(lane.id.clone(), lane.data.clone());
    let existing: Vec<ElementId> =
        lanes_under(ws, &process).into_iter().filter(|l| scene.bounds(l).is_some()).collect();
    if existing.is_empty() {
        scene.set(
            &lane.id,
            horizontal(Placement::rect(pool_b.x + HEADER, pool_b.y, pool_b.width - HEADER, pool_b.height)),
        );
        let members: Vec<ElementId> = scene
            .placements
            .keys()
            .into_iter()
            .filter(|id| scene.kind(id).is_some_and(is_lane_member) && process_of(ws, id).as_ref() == Some(&process))
            .cloned()
            .collect();
        for m in members {
            scene.relate.push(relation(RelationKind::InLane, &m, &lane.id, Rank::unordered()));
        }
    } else {
        scene.set(
            &lane.id,
            horizontal(Placement::rect(pool_b.x + HEADER, bottom(&pool_b), pool_b.width - HEADER, LANE_MIN_HEIGHT)),
        );
        let mut p = scene.placements[pool].clone();
        p.height += LANE_MIN_HEIGHT;
        scene.set(pool, p);
    }
    Ok(scene.into_ops(before))
}

/// A node centred at `at`, in the pool and lane it lands in.
pub fn add_node(
    ws: &Workspace,
    ids: &mut IdGen,
    made: &mut Made,
    view: &ViewId,
    data: ElementData,
    at: Point,
) -> Result<Vec<Op>, ProcessError> {
    if !is_canvas_node(&data) {
        return Err(ProcessError::NotANode(data.kind()));
    }
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let kind = data.kind();
    let artifact = matches!(kind, ElementKind::Annotation | ElementKind::Group);
    let (w, h) = default_size(&data);
    let shape = crate::view::Bounds { x: at.x - w / 2.0, y: at.y - h / 2.0, width: w, height: h };
    let (container, pool) = match ws.kind_of(&scene.root) {
        Some(ElementKind::Collaboration) => match scene.pool_for(&shape) {
            Some(pool) => (process_of_pool(ws, &pool).ok_or(ProcessError::PoolWithoutProcess)?, Some(pool)),
            None if artifact => (scene.root.clone(), None),
            None => return Err(ProcessError::OutsidePool),
        },
        _ => (scene.root.clone(), None),
    };
    let element = new_element(ids, made, data);
    let before = vec![Op::AddElement { element: element.clone() }];
    let id = element.id.clone();
    scene.added.insert(id.clone(), element.data.clone());
    scene.relate.push(relation(RelationKind::ChildOf, &id, &container, Rank::unordered()));
    scene.set(&id, Placement::rect(at.x - w / 2.0, at.y - h / 2.0, w, h));
    if is_lane_member(kind)
        && let Some(process) = process_of(ws, &container)
            .or_else(|| (ws.kind_of(&container) == Some(ElementKind::Process)).then(|| container.clone()))
        && let Some(lane) = scene.lane_at(&process, at)
    {
        scene.relate.push(relation(RelationKind::InLane, &id, &lane, Rank::unordered()));
    }
    let mut extra_ops = Vec::new();
    if let ElementData::Activity(a) = &element.data
        && a.kind.is_container()
    {
        // A sub-process gets a diagram of its own to drill down into.
        let child = ids.view();
        made.views.push(child.clone());
        extra_ops.push(Op::AddView {
            view: View {
                id: child,
                name: String::new(),
                kind: ViewKind::Process { root: id.clone(), interchange: DiagramInterchange::default() },
                placements: Default::default(),
            },
        });
    }
    if let Some(pool) = pool {
        scene.fit_pool(&pool);
    }
    let mut ops = scene.into_ops(before);
    ops.extend(extra_ops);
    Ok(ops)
}

/// Moves shapes; what moved settles in the pool and lane its centre is in, lanes and pools grow
/// to hold their content, and the connectors touching anything moved are rerouted.
pub fn move_shapes(ws: &Workspace, view: &ViewId, moves: &[ShapeMove]) -> Result<Vec<Op>, ProcessError> {
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    for m in moves {
        if scene.bounds(&m.id).is_none() {
            return Err(ProcessError::NotPlaced(m.id.clone()));
        }
    }
    for m in moves {
        // A lane's place follows from its pool; it does not move on its own.
        if scene.kind(&m.id) == Some(ElementKind::Lane) {
            continue;
        }
        scene.move_shape(&m.id, m.x, m.y);
    }
    for m in moves {
        scene.settle(&m.id);
    }
    for pool in scene.pools() {
        scene.fit_pool(&pool);
    }
    let moved: BTreeSet<ElementId> = scene.changed().clone();
    scene.reroute(&moved);
    Ok(scene.into_ops(Vec::new()))
}

/// Moves nodes as an automatic layout placed them: each keeps its pool and lane (the layout puts
/// it in its lane's band); lanes then grow to hold their content and connectors are rerouted.
pub fn arrange(ws: &Workspace, view: &ViewId, moves: &[ShapeMove]) -> Result<Vec<Op>, ProcessError> {
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    for m in moves {
        if scene.bounds(&m.id).is_none() {
            return Err(ProcessError::NotPlaced(m.id.clone()));
        }
    }
    for m in moves {
        if !matches!(scene.kind(&m.id), Some(ElementKind::Lane | ElementKind::Pool)) {
            scene.move_shape(&m.id, m.x, m.y);
        }
    }
    for pool in scene.pools() {
        scene.fit_pool(&pool);
    }
    let moved: BTreeSet<ElementId> = scene.changed().clone();
    scene.reroute(&moved);
    Ok(scene.into_ops(Vec::new()))
}

/// Resizes a shape (a sub-process, a group, a pool…), then lets pools fit and routes follow.
pub fn resize_shape(
    ws: &Workspace,
    view: &ViewId,
    id: &ElementId,
    width: f64,
    height: f64,
) -> Result<Vec<Op>, ProcessError> {
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let mut p = scene.placements.get(id).cloned().ok_or_else(|| ProcessError::NotPlaced(id.clone()))?;
    p.width = width.max(20.0);
    p.height = height.max(20.0);
    scene.set(id, p);
    for pool in scene.pools() {
        scene.fit_pool(&pool);
    }
    let moved: BTreeSet<ElementId> = scene.changed().clone();
    scene.reroute(&moved);
    Ok(scene.into_ops(Vec::new()))
}

/// Connects `from` to `to` with the connector their kinds call for.
pub fn connect(
    ws: &Workspace,
    ids: &mut IdGen,
    made: &mut Made,
    view: &ViewId,
    from: &ElementId,
    to: &ElementId,
) -> Result<Vec<Op>, ProcessError> {
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let (fb, tb) = (
        scene.bounds(from).ok_or_else(|| ProcessError::NotPlaced(from.clone()))?,
        scene.bounds(to).ok_or_else(|| ProcessError::NotPlaced(to.clone()))?,
    );
    let (data, container) = connector(ws, &scene.root, from, to)?;
    let element = new_element(ids, made, data);
    let id = element.id.clone();
    let before = vec![Op::AddElement { element: element.clone() }];
    scene.added.insert(id.clone(), element.data);
    scene.relate.push(relation(RelationKind::ChildOf, &id, &container, Rank::unordered()));
    scene.relate.push(relation(RelationKind::Source, &id, from, Rank::unordered()));
    scene.relate.push(relation(RelationKind::Target, &id, to, Rank::unordered()));
    scene.set(&id, geometry::edge_placement(route(&fb, &tb)));
    Ok(scene.into_ops(before))
}

/// The connector two shapes call for (a sequence flow in one process, a hand-off between pools, a
/// data association, an association to an artifact) and the element it belongs to, or why they
/// cannot be joined.
fn connector(
    ws: &Workspace,
    root: &ElementId,
    from: &ElementId,
    to: &ElementId,
) -> Result<(ElementData, ElementId), ProcessError> {
    let (fk, tk) = (ws.kind_of(from).expect("placed elements exist"), ws.kind_of(to).expect("placed"));
    let refuse = |reason| Err(ProcessError::CannotConnect { from: fk, to: tk, reason });
    if from == to {
        return refuse(ConnectRefusal::Itself);
    }
    let data_kind = |k: ElementKind| matches!(k, ElementKind::DataObject | ElementKind::System);
    let artifact = |k: ElementKind| matches!(k, ElementKind::Annotation | ElementKind::Group);
    let pool_of = |id: &ElementId| match ws.kind_of(id) {
        Some(ElementKind::Pool) => Some(id.clone()),
        _ => process_of(ws, id).and_then(|p| super::pool_of_process(ws, &p)),
    };
    let (data, container) = if artifact(fk) || artifact(tk) {
        let container =
            ws.container(if artifact(fk) { from } else { to }, RelationKind::ChildOf).unwrap_or(root.clone());
        (ElementData::Association(Association::default()), container)
    } else if data_kind(fk) && tk.is_flow_node() || fk.is_flow_node() && data_kind(tk) {
        let activity = if fk.is_flow_node() { from } else { to };
        let container = ws.container(activity, RelationKind::ChildOf).unwrap_or(root.clone());
        (ElementData::DataAssociation(DataAssociation::default()), container)
    } else if (fk.is_flow_node() || fk == ElementKind::Pool) && (tk.is_flow_node() || tk == ElementKind::Pool) {
        let same_process =
            fk != ElementKind::Pool && tk != ElementKind::Pool && process_of(ws, from) == process_of(ws, to);
        if same_process {
            if matches!(ws.data(from), Some(ElementData::Event(e)) if e.position == EventPosition::End) {
                return refuse(ConnectRefusal::FromEndEvent);
            }
            if matches!(ws.data(to), Some(ElementData::Event(e)) if matches!(e.position, EventPosition::Start | EventPosition::Boundary))
            {
                return refuse(ConnectRefusal::IntoStartEvent);
            }
            let container = ws.container(from, RelationKind::ChildOf).unwrap_or(root.clone());
            (ElementData::SequenceFlow(SequenceFlow::default()), container)
        } else {
            let (pf, pt) = (pool_of(from), pool_of(to));
            if pf.is_none() || pt.is_none() || pf == pt {
                return refuse(ConnectRefusal::SamePoolMessage);
            }
            let collaboration =
                ws.container(pf.as_ref().expect("checked"), RelationKind::PoolIn).unwrap_or(root.clone());
            (ElementData::MessageFlow(MessageFlow::default()), collaboration)
        }
    } else {
        return refuse(ConnectRefusal::Kinds);
    };
    Ok((data, container))
}

/// Moves one end of a connector (`source`, else its target) to another shape; the connector keeps
/// its properties and is routed again. Refused when the new pair calls for another kind of connector.
pub fn reconnect(
    ws: &Workspace,
    view: &ViewId,
    flow: &ElementId,
    source: bool,
    to: &ElementId,
) -> Result<Vec<Op>, ProcessError> {
    let mut scene = Scene::new(ws, view).ok_or_else(|| ProcessError::NotAProcessDiagram(view.clone()))?;
    let kind = ws.kind_of(flow).filter(|k| k.is_connector()).ok_or_else(|| ProcessError::NotPlaced(flow.clone()))?;
    let end = if source { RelationKind::Source } else { RelationKind::Target };
    let other_end = if source { RelationKind::Target } else { RelationKind::Source };
    let old = ws.container(flow, end).ok_or_else(|| ProcessError::NotPlaced(flow.clone()))?;
    let other = ws.container(flow, other_end).ok_or_else(|| ProcessError::NotPlaced(flow.clone()))?;
    if &old == to {
        return Ok(Vec::new());
    }
    let (from_id, to_id) = if source { (to, &other) } else { (&other, to) };
    let (data, container) = connector(ws, &scene.root, from_id, to_id)?;
    if data.kind() != kind {
        let (fk, tk) = (ws.kind_of(from_id).expect("placed"), ws.kind_of(to_id).expect("placed"));
        return Err(ProcessError::CannotConnect { from: fk, to: tk, reason: ConnectRefusal::Kinds });
    }
    let (fb, tb) = (
        scene.bounds(from_id).ok_or_else(|| ProcessError::NotPlaced(from_id.clone()))?,
        scene.bounds(to_id).ok_or_else(|| ProcessError::NotPlaced(to_id.clone()))?,
    );
    let mut before = vec![Op::Unrelate { key: RelationKey { kind: end, from: flow.clone(), to: old } }];
    if ws.container(flow, RelationKind::ChildOf).as_ref() != Some(&container) {
        if let Some(c) = ws.container(flow, RelationKind::ChildOf) {
            before.push(Op::Unrelate { key: RelationKey { kind: RelationKind::ChildOf, from: flow.clone(), to: c } });
        }
        scene.relate.push(relation(RelationKind::ChildOf, flow, &container, Rank::unordered()));
    }
    scene.relate.push(relation(end, flow, to, Rank::unordered()));
    scene.set(flow, geometry::edge_placement(route(&fb, &tb)));
    Ok(scene.into_ops(before))
}

/// When lanes are deleted, the lane above (or below) takes their area and their members, so that
/// the pool has no gap. Returns the operations to add to the deletion.
pub fn absorb_deleted_lanes(ws: &Workspace, doomed: &BTreeSet<ElementId>) -> Vec<Op> {
    let mut ops = Vec::new();
    for lane in doomed.iter().filter(|l| ws.kind_of(l) == Some(ElementKind::Lane)) {
        let Some(parent) = ws.container(lane, RelationKind::LaneIn) else { continue };
        if doomed.contains(&parent) {
            continue;
        }
        let siblings = lanes_under(ws, &parent);
        let at = siblings.iter().position(|l| l == lane).expect("a lane is among its parent's");
        let heir = siblings[..at].iter().rev().chain(siblings[at + 1..].iter()).find(|l| !doomed.contains(*l));
        let Some(heir) = heir else { continue };
        for member in ws.incoming(lane, RelationKind::InLane) {
            if !doomed.contains(&member.from)
                && ws
                    .relation(&RelationKey { kind: RelationKind::InLane, from: member.from.clone(), to: heir.clone() })
                    .is_none()
            {
                ops.push(Op::Relate {
                    relation: relation(RelationKind::InLane, &member.from, heir, Rank::unordered()),
                });
            }
        }
        for view in ws.views() {
            let (Some(gone), Some(kept)) = (view.placements.get(lane), view.placements.get(heir)) else { continue };
            let (top, end) = (gone.y.min(kept.y), (gone.y + gone.height).max(kept.y + kept.height));
            let mut p = kept.clone();
            p.y = top;
            p.height = end - top;
            p.width = p.width.max(right(&geometry::bounds(gone)) - p.x);
            ops.push(Op::Place { view: view.id.clone(), element: heir.clone(), placement: p });
        }
    }
    ops
}

/// The centre of a shape, for tests and the clipboard.
pub fn shape_center(ws: &Workspace, view: &ViewId, id: &ElementId) -> Option<Point> {
    ws.view(view)?.placements.get(id).map(|p| center(&geometry::bounds(p)))
}
