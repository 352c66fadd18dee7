// A process diagram patched with what Rust says changed (`DiagramPatch`, made by
// `michi_core::process::read::diagram_patch`; `apply_patch` there is the reference). What did not
// change keeps its object, so the canvas redraws only the shapes and connectors that did.

import type { DiagramPatch, ElementId, ProcessDiagram } from "../bindings";

function part<T>(old: T[], changed: T[], order: ElementId[] | null, removed: Set<ElementId>, id: (x: T) => ElementId): T[] {
  if (changed.length === 0 && removed.size === 0 && !order) return old;
  const byId = new Map(old.map((x) => [id(x), x]));
  for (const x of changed) byId.set(id(x), x);
  if (order) return order.map((i) => byId.get(i)).filter((x): x is T => x !== undefined);
  return old.filter((x) => !removed.has(id(x))).map((x) => byId.get(id(x))!);
}

export function applyPatch(old: ProcessDiagram, patch: DiagramPatch): ProcessDiagram {
  const removed = new Set(patch.removed);
  return {
    view: patch.view,
    name: patch.name,
    root: patch.root,
    parents: patch.parents,
    unplaced: patch.unplaced,
    shapes: part(old.shapes, patch.shapes, patch.shapeOrder, removed, (s) => s.element.id),
    edges: part(old.edges, patch.edges, patch.edgeOrder, removed, (e) => e.element.id),
  };
}
