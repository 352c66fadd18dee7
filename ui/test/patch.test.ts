// A process diagram patched with what Rust says changed: the result is the new diagram, and what did
// not change keeps its object (the canvas redraws only the rest).

import { describe, expect, it } from "vitest";

import type { DiagramPatch, EdgeView, ProcessDiagram, ShapeView } from "../src/bindings";
import { applyPatch } from "../src/process/patch";

const shape = (id: string, x: number) => ({ element: { id, data: { kind: "activity" } }, bounds: { x, y: 0, width: 100, height: 80 } }) as unknown as ShapeView;
const edge = (id: string, source: string, target: string) => ({ element: { id, data: { kind: "sequenceFlow" } }, source, target, waypoints: [], label: null }) as unknown as EdgeView;

const old: ProcessDiagram = {
  view: "v-1",
  name: "導入",
  root: { id: "c-1", data: { kind: "collaboration" } } as unknown as ProcessDiagram["root"],
  parents: [],
  unplaced: 0,
  shapes: [shape("a", 0), shape("b", 200), shape("c", 400)],
  edges: [edge("f1", "a", "b"), edge("f2", "b", "c")],
};

const patch = (p: Partial<DiagramPatch>): DiagramPatch => ({
  view: old.view,
  name: old.name,
  root: old.root,
  parents: [],
  unplaced: 0,
  shapes: [],
  edges: [],
  removed: [],
  shapeOrder: null,
  edgeOrder: null,
  ...p,
});

describe("applyPatch", () => {
  it("replaces what changed and keeps the other objects", () => {
    const moved = shape("b", 240);
    const next = applyPatch(old, patch({ shapes: [moved], name: "導入（改）" }));
    expect(next.shapes.map((s) => s.bounds.x)).toEqual([0, 240, 400]);
    expect(next.shapes[0]).toBe(old.shapes[0]);
    expect(next.shapes[1]).toBe(moved);
    expect(next.edges).toBe(old.edges);
    expect(next.name).toBe("導入（改）");
  });

  it("drops what was removed and follows a new order", () => {
    const d = shape("d", 600);
    const next = applyPatch(old, patch({ shapes: [d], removed: ["c", "f2"], shapeOrder: ["d", "a", "b"] }));
    expect(next.shapes.map((s) => s.element.id)).toEqual(["d", "a", "b"]);
    expect(next.shapes[1]).toBe(old.shapes[0]);
    expect(next.edges.map((e) => e.element.id)).toEqual(["f1"]);
  });

  it("changes nothing for an empty patch", () => {
    const next = applyPatch(old, patch({}));
    expect(next.shapes).toBe(old.shapes);
    expect(next.edges).toBe(old.edges);
  });
});
