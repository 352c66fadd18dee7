// A process diagram patched with what Rust says changed: the result is the new diagram, and what did
// not change keeps its object (the canvas redraws only the rest).

import { describe, expect, it } from "vitest";

import type { Diagnosis, DiagramPatch, EdgeView, Finding, LintConfig, ProcessDiagram, ShapeView } from "../src/bindings";
import { applyDiagnosisPatch, heldState } from "../src/diagnosis/patch";
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

describe("a diagnosis patched", () => {
  const finding = (rule: string, id: string) => ({ rule, severity: "warning", category: "bpmn", elements: [id], message: { ja: rule, en: rule }, fix: null, views: [] }) as unknown as Finding;
  const counts = (warning: number) => ({ error: 0, warning, info: 0 });
  const config = { profile: "documentation", rules: {} } as unknown as LintConfig;
  const old: Diagnosis = { findings: [finding("a", "1"), finding("b", "2"), finding("c", "3")], counts: counts(3), config };

  it("removes and adds at their places, keeping the other findings' objects", () => {
    const added = finding("d", "4");
    const now = applyDiagnosisPatch(old, { removed: [1], added: [{ at: 0, finding: added }, { at: 3, finding: finding("e", "5") }], counts: counts(4), config })!;
    expect(now.findings.map((f) => f.rule)).toEqual(["d", "a", "c", "e"]);
    expect(now.findings[1]).toBe(old.findings[0]);
    expect(now.findings[2]).toBe(old.findings[2]);
    expect(now.counts.warning).toBe(4);
  });

  it("is the same object when nothing changed, and null when it does not fit", () => {
    expect(applyDiagnosisPatch(old, { removed: [], added: [], counts: counts(3), config: { ...config } })).toBe(old);
    expect(applyDiagnosisPatch(old, { removed: [3], added: [], counts: counts(2), config })).toBeNull();
    expect(applyDiagnosisPatch(old, { removed: [], added: [{ at: 5, finding: finding("x", "9") }], counts: counts(4), config })).toBeNull();
  });

  it("makes the state whole from the one held, only when it is the one the patch is made from", () => {
    const state = { path: "/w/a.michi", name: "a", revision: 1, readOnly: false, undo: null, redo: null, versions: [], version: 1, team: null };
    const held = heldState({ ...state, diagnosis: { type: "whole", diagnosis: old, stamp: 7 } }, null)!;
    expect(held.diagnosisStamp).toBe(7);
    const patch = { removed: [0], added: [], counts: counts(2), config };
    const next = heldState({ ...state, diagnosis: { type: "patch", patch, base: 7, stamp: 8 } }, held)!;
    expect(next.diagnosis.findings.map((f) => f.rule)).toEqual(["b", "c"]);
    expect(next.diagnosisStamp).toBe(8);
    expect(heldState({ ...state, diagnosis: { type: "patch", patch, base: 6, stamp: 9 } }, held)).toBeNull();
    expect(heldState({ ...state, diagnosis: { type: "patch", patch, base: 7, stamp: 9 } }, null)).toBeNull();
  });
});
