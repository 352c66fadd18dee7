// The process canvas's overview: which shape a click far out lands on.

import { describe, expect, it } from "vitest";

import type { ShapeNode } from "../src/process/nodes";
import { isBand, nodeInOverview, shapeAt, shapesInBox, sheetFor, sheetPlace } from "../src/process/overview";

function node(id: string, kind: string, x: number, y: number, width: number, height: number): ShapeNode {
  return {
    id,
    position: { x, y },
    width,
    height,
    data: { shape: { element: { id, data: { kind } } } },
  } as unknown as ShapeNode;
}

const pool = node("pool", "pool", 0, 0, 1000, 400);
const sub = node("sub", "activity", 100, 100, 400, 200);
const task = node("task", "activity", 150, 150, 100, 80);
const event = node("event", "event", 600, 100, 36, 36);
const nodes = [pool, sub, task, event];

describe("shapeAt", () => {
  it("picks the smallest shape under the point, never a pool or lane", () => {
    expect(shapeAt(nodes, { x: 160, y: 160 }, 0)?.id).toBe("task");
    expect(shapeAt(nodes, { x: 450, y: 250 }, 0)?.id).toBe("sub");
    expect(shapeAt(nodes, { x: 900, y: 350 }, 50)).toBeNull();
    expect(isBand(pool)).toBe(true);
  });

  it("takes a click just beside a small shape within the slack, and not beyond it", () => {
    expect(shapeAt(nodes, { x: 640, y: 118 }, 10)?.id).toBe("event");
    expect(shapeAt(nodes, { x: 660, y: 118 }, 10)).toBeNull();
  });

  it("with bands, takes the smallest pool or lane holding a click that lands on no shape", () => {
    const lane = node("lane", "lane", 0, 200, 1000, 200);
    const all = [pool, lane, sub, task, event];
    expect(shapeAt(all, { x: 160, y: 160 }, 0, true)?.id).toBe("task");
    expect(shapeAt(all, { x: 900, y: 100 }, 0, true)?.id).toBe("pool");
    expect(shapeAt(all, { x: 900, y: 350 }, 0, true)?.id).toBe("lane");
    expect(shapeAt(all, { x: 900, y: 350 }, 0)).toBeNull();
    expect(shapeAt(all, { x: 1200, y: 350 }, 50, true)).toBeNull();
  });

  it("skips the ghosts of removed shapes", () => {
    expect(shapeAt([node("ghost:x", "activity", 0, 0, 50, 50)], { x: 10, y: 10 }, 0)).toBeNull();
  });
});

describe("shapesInBox", () => {
  it("takes the shapes wholly inside the box, whichever way it was drawn, never a pool or a ghost", () => {
    expect(shapesInBox(nodes, { x: 90, y: 90 }, { x: 700, y: 320 })).toEqual(["sub", "task", "event"]);
    expect(shapesInBox(nodes, { x: 260, y: 240 }, { x: 140, y: 140 })).toEqual(["task"]);
    expect(shapesInBox(nodes, { x: 140, y: 140 }, { x: 200, y: 200 })).toEqual([]);
    expect(shapesInBox([node("ghost:x", "activity", 0, 0, 50, 50)], { x: -1, y: -1 }, { x: 60, y: 60 })).toEqual([]);
  });
});

describe("nodeInOverview", () => {
  it("keeps a selected pool or lane a node (to be dragged), nothing else", () => {
    expect(nodeInOverview(pool, true)).toBe(true);
    expect(nodeInOverview(pool, false)).toBe(false);
    expect(nodeInOverview(task, true)).toBe(false);
  });
});

describe("the overview's sheet", () => {
  // Drawn for a 1000 × 600 pane at zoom 0.1 with the flow's origin at the pane's corner.
  const s = sheetFor(0, 0, 0.1, 1000, 600, null);

  it("has a quarter pane of margin on each side, placed over the pane as drawn", () => {
    expect([s.mx, s.my]).toEqual([250, 150]);
    expect(sheetPlace(s, 0, 0, 0.1, 1000, 600)).toEqual({ dx: -250, dy: -150, scale: 1 });
  });

  it("moves with a pan inside its margins and is drawn again past them", () => {
    expect(sheetPlace(s, 200, -100, 0.1, 1000, 600)).toEqual({ dx: -50, dy: -250, scale: 1 });
    expect(sheetPlace(s, 260, 0, 0.1, 1000, 600)).toBeNull();
    expect(sheetPlace(s, 0, -151, 0.1, 1000, 600)).toBeNull();
  });

  it("is scaled for a zoom about the pane's middle until it no longer covers the pane or would blur", () => {
    // Zoomed by k about (500, 300): the origin goes to 500 − k·500, 300 − k·300.
    const about = (k: number) => sheetPlace(s, 500 - k * 500, 300 - k * 300, 0.1 * k, 1000, 600);
    expect(about(0.7)).toMatchObject({ scale: expect.closeTo(0.7, 9) as number });
    expect(about(0.7)!.dx).toBeCloseTo(-25, 6);
    expect(about(0.6)).toBeNull();
    expect(about(1.9)).toMatchObject({ scale: expect.closeTo(1.9, 9) as number });
    expect(about(2.1)).toBeNull();
  });

  it("is drawn again for another pane size", () => {
    expect(sheetPlace(s, 0, 0, 0.1, 1200, 600)).toBeNull();
  });
});
