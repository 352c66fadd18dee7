//! The process diagram as the canvas draws it: shapes in drawing order (pools, lanes, containers,
//! nodes, artifacts) with what each belongs to, and connectors with their routes.

use serde::Serialize;

use super::geometry::bounds;
use super::{process_of, process_of_pool};
use crate::element::{Element, ElementData, ElementKind};
use crate::id::{ElementId, ViewId};
use crate::look;
use crate::relation::RelationKind;
use crate::text::Text;
use crate::view::{Bounds, Point, ViewKind};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProcessDiagram {
    pub view: ViewId,
    pub name: String,
    pub root: Element,
    /// The diagrams above this one (a sub-process's diagram lists its parents), outermost first.
    pub parents: Vec<DiagramLink>,
    pub shapes: Vec<ShapeView>,
    pub edges: Vec<EdgeView>,
    /// Elements of the diagram's process(es) that this view does not place (a file without layout).
    pub unplaced: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiagramLink {
    pub view: ViewId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ShapeView {
    pub element: Element,
    pub bounds: Bounds,
    pub pool: Option<ElementId>,
    pub lane: Option<ElementId>,
    /// A sub-process drawn open, its contents inside it.
    pub expanded: bool,
    /// The diagram to drill down into (a sub-process's own).
    pub diagram: Option<ViewId>,
    /// The activity a boundary event sits on.
    pub host: Option<ElementId>,
    /// Journey stages the activity serves.
    pub serves: Vec<ElementId>,
    /// Glossary terms the element uses.
    pub terms: Vec<ElementId>,
    pub label: Option<Bounds>,
    /// The mark drawn in the shape (a gateway's ×, a user task's 人), from [`crate::look`].
    pub mark: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EdgeView {
    pub element: Element,
    pub source: Option<ElementId>,
    pub target: Option<ElementId>,
    pub waypoints: Vec<Point>,
    pub label: Option<Bounds>,
}

fn mark(data: &ElementData) -> Option<Text> {
    match data {
        ElementData::Gateway(g) => Some(Text::same(look::gateway_mark(g.kind))),
        ElementData::Activity(a) => look::activity_mark(a.kind),
        _ => None,
    }
}

fn draw_order(kind: ElementKind) -> u8 {
    match kind {
        ElementKind::Pool => 0,
        ElementKind::Lane => 1,
        ElementKind::Group => 2,
        ElementKind::Activity => 3,
        ElementKind::Event => 5,
        _ => 4,
    }
}

/// The name a diagram goes by: its own, else its root's.
pub fn diagram_name(ws: &Workspace, view: &ViewId) -> String {
    let Some(v) = ws.view(view) else { return String::new() };
    if !v.name.is_empty() {
        return v.name.clone();
    }
    let ViewKind::Process { root, .. } = &v.kind else { return String::new() };
    let own = ws.data(root).map(|d| d.label().to_string()).unwrap_or_default();
    if !own.is_empty() {
        return own;
    }
    ws.container(root, RelationKind::InModel)
        .and_then(|m| ws.data(&m).map(|d| d.label().to_string()))
        .unwrap_or_default()
}

pub fn process_diagram(ws: &Workspace, view: &ViewId) -> Option<ProcessDiagram> {
    let v = ws.view(view)?;
    let ViewKind::Process { root, .. } = &v.kind else { return None };
    let root_element = ws.element(root)?.clone();
    let mut shapes: Vec<ShapeView> = Vec::new();
    let mut edges: Vec<EdgeView> = Vec::new();
    for (id, p) in &v.placements {
        let Some(element) = ws.element(id).cloned() else { continue };
        let kind = element.data.kind();
        let extra = p.extra();
        if kind.is_connector() {
            edges.push(EdgeView {
                source: ws.container(id, RelationKind::Source),
                target: ws.container(id, RelationKind::Target),
                waypoints: p.waypoints().to_vec(),
                label: extra.and_then(|e| e.label),
                element,
            });
            continue;
        }
        let pool = match kind {
            ElementKind::Pool => None,
            ElementKind::Lane => {
                // Up through nested lanes to the process, then its pool.
                let mut parent = ws.container(id, RelationKind::LaneIn);
                while let Some(p) = parent.clone().filter(|p| ws.kind_of(p) == Some(ElementKind::Lane)) {
                    parent = ws.container(&p, RelationKind::LaneIn);
                }
                parent.and_then(|process| super::pool_of_process(ws, &process))
            }
            _ => process_of(ws, id).and_then(|process| super::pool_of_process(ws, &process)),
        };
        shapes.push(ShapeView {
            bounds: bounds(p),
            pool,
            lane: ws
                .outgoing(id, RelationKind::InLane)
                .into_iter()
                .map(|r| r.to)
                .find(|l| v.placements.contains_key(l)),
            expanded: extra.and_then(|e| e.expanded).unwrap_or(false),
            diagram: ws.views_about(id).first().map(|d| d.id.clone()).filter(|d| d != view),
            host: ws.container(id, RelationKind::AttachedTo),
            serves: ws.outgoing(id, RelationKind::Serves).into_iter().map(|r| r.to).collect(),
            terms: ws.outgoing(id, RelationKind::UsesTerm).into_iter().map(|r| r.to).collect(),
            label: extra.and_then(|e| e.label),
            mark: mark(&element.data),
            element,
        });
    }
    // Containers before what they contain; larger before smaller within a kind (outer sub-processes first).
    shapes.sort_by(|a, b| {
        (draw_order(a.element.data.kind()), -(a.bounds.width * a.bounds.height) as i64, &a.element.id).cmp(&(
            draw_order(b.element.data.kind()),
            -(b.bounds.width * b.bounds.height) as i64,
            &b.element.id,
        ))
    });
    Some(ProcessDiagram {
        view: view.clone(),
        name: diagram_name(ws, view),
        root: root_element,
        parents: parents(ws, root),
        unplaced: unplaced(ws, v, root),
        shapes,
        edges,
    })
}

/// The diagrams enclosing a sub-process's diagram, outermost first.
fn parents(ws: &Workspace, root: &ElementId) -> Vec<DiagramLink> {
    let mut out = Vec::new();
    let mut current = root.clone();
    while ws.kind_of(&current) == Some(ElementKind::Activity) {
        let Some(container) = ws.container(&current, RelationKind::ChildOf) else { break };
        // The diagram showing the container: its own, or the pool's collaboration's.
        let shown = ws
            .views()
            .find(|v| matches!(&v.kind, ViewKind::Process { .. }) && v.placements.contains_key(&current))
            .map(|v| v.id.clone());
        if let Some(view) = shown {
            out.push(DiagramLink { name: diagram_name(ws, &view), view });
        }
        current = container;
    }
    out.reverse();
    out
}

/// How many flow nodes of the diagram's processes this view does not place.
fn unplaced(ws: &Workspace, v: &crate::view::View, root: &ElementId) -> u32 {
    let processes: Vec<ElementId> = match ws.kind_of(root) {
        Some(ElementKind::Collaboration) => {
            ws.ordered_members(root, RelationKind::PoolIn).iter().filter_map(|pool| process_of_pool(ws, pool)).collect()
        }
        _ => vec![root.clone()],
    };
    processes
        .iter()
        .flat_map(|p| ws.sources(p, RelationKind::ChildOf))
        .filter(|e| e.data.kind().is_flow_node() && !v.placements.contains_key(&e.id))
        .count() as u32
}

/// Process diagrams worth listing: those of collaborations and processes (a sub-process's own
/// diagram is reached by drilling down).
pub fn top_diagrams(ws: &Workspace) -> Vec<DiagramLink> {
    let mut out: Vec<DiagramLink> = ws
        .views()
        .filter(|v| matches!(&v.kind, ViewKind::Process { root, .. } if matches!(ws.kind_of(root), Some(ElementKind::Collaboration | ElementKind::Process))))
        .map(|v| DiagramLink { view: v.id.clone(), name: diagram_name(ws, &v.id) })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.view).cmp(&(&b.name, &b.view)));
    out
}

/// What changed from one [`ProcessDiagram`] of a view to the next, for a front end that holds the
/// first: the shapes and connectors that are new or differ, the ids gone, and the drawing order
/// when it is not the old one's without those gone. [`apply_patch`] turns the old diagram into the
/// new one; a front end does the same (`ui/src/process/patch.ts`), keeping what did not change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiagramPatch {
    pub view: ViewId,
    pub name: String,
    pub root: Element,
    pub parents: Vec<DiagramLink>,
    pub unplaced: u32,
    /// Shapes new to the diagram or changed in any way.
    pub shapes: Vec<ShapeView>,
    /// Connectors new to the diagram or changed in any way.
    pub edges: Vec<EdgeView>,
    /// Shapes and connectors no longer drawn.
    pub removed: Vec<ElementId>,
    /// Every shape id in drawing order, when that is not the old order less what was removed.
    pub shape_order: Option<Vec<ElementId>>,
    /// Every connector id in order, when that is not the old order less what was removed.
    pub edge_order: Option<Vec<ElementId>>,
}

/// The patch that turns `old` into `new` (two diagrams of the same view).
pub fn diagram_patch(old: &ProcessDiagram, new: &ProcessDiagram) -> DiagramPatch {
    use std::collections::{HashMap, HashSet};
    fn part<'a, T: PartialEq + Clone>(
        old: &'a [T],
        new: &'a [T],
        id: impl Fn(&T) -> &ElementId,
        removed: &mut Vec<ElementId>,
    ) -> (Vec<T>, Option<Vec<ElementId>>) {
        // The same shapes in the same order (a move, a rename): compared side by side.
        if old.len() == new.len() && old.iter().zip(new).all(|(o, n)| id(o) == id(n)) {
            return (old.iter().zip(new).filter(|(o, n)| o != n).map(|(_, n)| n.clone()).collect(), None);
        }
        let before: HashMap<&ElementId, &T> = old.iter().map(|x| (id(x), x)).collect();
        let now: HashSet<&ElementId> = new.iter().map(&id).collect();
        let changed = new.iter().filter(|x| before.get(id(x)).is_none_or(|o| *o != *x)).cloned().collect();
        let gone: Vec<&ElementId> = old.iter().map(&id).filter(|i| !now.contains(i)).collect();
        removed.extend(gone.iter().map(|i| (*i).clone()));
        let kept = old.iter().map(&id).filter(|i| now.contains(i));
        let order = (!kept.eq(new.iter().map(&id))).then(|| new.iter().map(|x| id(x).clone()).collect());
        (changed, order)
    }
    let mut removed = Vec::new();
    let (shapes, shape_order) = part(&old.shapes, &new.shapes, |s| &s.element.id, &mut removed);
    let (edges, edge_order) = part(&old.edges, &new.edges, |e| &e.element.id, &mut removed);
    DiagramPatch {
        view: new.view.clone(),
        name: new.name.clone(),
        root: new.root.clone(),
        parents: new.parents.clone(),
        unplaced: new.unplaced,
        shapes,
        edges,
        removed,
        shape_order,
        edge_order,
    }
}

/// `old` with `patch` applied: the diagram the patch was made to.
pub fn apply_patch(old: &ProcessDiagram, patch: &DiagramPatch) -> ProcessDiagram {
    use std::collections::{HashMap, HashSet};
    fn part<T: Clone>(
        old: &[T],
        changed: &[T],
        order: Option<&Vec<ElementId>>,
        removed: &HashSet<&ElementId>,
        id: impl Fn(&T) -> &ElementId,
    ) -> Vec<T> {
        let mut by_id: HashMap<&ElementId, &T> = old.iter().map(|x| (id(x), x)).collect();
        by_id.extend(changed.iter().map(|x| (id(x), x)));
        match order {
            Some(order) => order.iter().filter_map(|i| by_id.get(i).map(|x| (*x).clone())).collect(),
            None => old.iter().map(&id).filter(|i| !removed.contains(i)).map(|i| by_id[i].clone()).collect(),
        }
    }
    let removed: HashSet<&ElementId> = patch.removed.iter().collect();
    ProcessDiagram {
        view: patch.view.clone(),
        name: patch.name.clone(),
        root: patch.root.clone(),
        parents: patch.parents.clone(),
        unplaced: patch.unplaced,
        shapes: part(&old.shapes, &patch.shapes, patch.shape_order.as_ref(), &removed, |s| &s.element.id),
        edges: part(&old.edges, &patch.edges, patch.edge_order.as_ref(), &removed, |e| &e.element.id),
    }
}
