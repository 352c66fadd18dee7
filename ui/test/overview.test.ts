// The process canvas's overview: which shape a click far out lands on.

import { describe, expect, it } from "vitest";

import type { ShapeNode } from "../src/process/nodes";
import { isBand, shapeAt, shapesInBox } from "../src/process/overview";

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
