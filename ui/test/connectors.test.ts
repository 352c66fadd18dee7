// The connector layer's geometry: a route that follows a dragged end, the box it covers, and the
// window of the flow it draws (taken again only when the view leaves it).

import { describe, expect, it } from "vitest";

import type { EdgeView } from "../src/bindings";
import { type Connector, drawConnector, joining, meets, nextWindow, shownBox, trimmed } from "../src/process/edges";

function connector(name: string, waypoints: [number, number][], label: EdgeView["label"] = null): Connector {
  const edge = {
    element: { id: "f1", data: { kind: "sequenceFlow", name } },
    source: "a",
    target: "b",
    waypoints: waypoints.map(([x, y]) => ({ x, y })),
    label,
  } as unknown as EdgeView;
  return {
    id: "f1",
    source: "a",
    target: "b",
    edge,
    sourceBounds: { x: 0, y: 0, width: 100, height: 80 },
    targetBounds: { x: 300, y: 0, width: 100, height: 80 },
    selected: false,
  };
}

describe("drawConnector", () => {
  it("draws the stored route while its ends stand where Rust routed it", () => {
    const d = drawConnector(connector("", [[100, 40], [300, 40]]), { x: 0, y: 0 }, null)!;
    expect(d.d).toBe("M100,40 L300,40");
    expect(d.box).toEqual({ x0: 100, y0: 40, x1: 300, y1: 40 });
    expect(d.labelAt).toBeNull();
  });

  it("moves the end whose shape is dragged and bends the route between", () => {
    const d = drawConnector(connector("", [[100, 40], [300, 40]]), null, { x: 300, y: 200 })!;
    expect(d.points).toEqual([
      { x: 100, y: 40 },
      { x: 200, y: 40 },
      { x: 200, y: 240 },
      { x: 300, y: 240 },
    ]);
    expect(d.box).toEqual({ x0: 100, y0: 40, x1: 300, y1: 240 });
  });

  it("counts a label's reach in the box it covers", () => {
    const d = drawConnector(connector("はい", [[100, 40], [300, 40]], { x: 180, y: 10, width: 40, height: 14 }), null, null)!;
    expect(d.label).toBe("はい");
    expect(d.labelAt).toEqual({ x: 200, y: 17 });
    expect(d.box.x0).toBeLessThan(100);
    expect(d.box.y0).toBeLessThan(10);
  });

  it("joins the shapes' centres when Rust gave no route", () => {
    expect(drawConnector(connector("", []), null, null)?.points).toEqual([
      { x: 50, y: 40 },
      { x: 350, y: 40 },
    ]);
  });
});

describe("joining", () => {
  it("takes the connectors whose both ends are chosen, not ghosts, not those already chosen", () => {
    const c = connector("", [[100, 40], [300, 40]]);
    const half = { ...c, id: "f2", target: "z" };
    const ghost = { ...c, id: "ghost:f3", ghost: true };
    expect(joining([c, half, ghost], new Set(["a", "b"]))).toEqual(["f1"]);
    expect(joining([c], new Set(["a", "b", "f1"]))).toEqual([]);
    expect(joining([c], new Set(["a"]))).toEqual([]);
  });
});

describe("trimmed", () => {
  it("cuts a route short at both ends, around its bends", () => {
    const route = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 100 },
      { x: 100, y: 100 },
    ];
    expect(trimmed(route, 12)).toEqual([
      { x: 10, y: 2 },
      { x: 10, y: 100 },
      { x: 88, y: 100 },
    ]);
  });

  it("leaves nothing of a route not longer than the two cuts", () => {
    expect(trimmed([{ x: 0, y: 0 }, { x: 24, y: 0 }], 12)).toEqual([]);
  });
});

describe("the drawn window", () => {
  it("is the shown part of the flow and half a pane around it", () => {
    expect(shownBox([-1000, -500, 2], 800, 600)).toEqual({ x0: 500, y0: 250, x1: 900, y1: 550 });
    const w = nextWindow(null, [-1000, -500, 2], 800, 600)!;
    expect(w).toEqual({ box: { x0: 300, y0: 100, x1: 1100, y1: 700 }, zoom: 2 });
  });

  it("stays while the view pans inside it and the zoom stays within twice, and is taken again after", () => {
    const w = nextWindow(null, [0, 0, 1], 800, 600)!;
    expect(nextWindow(w, [-300, -200, 1], 800, 600)).toBe(w);
    expect(nextWindow(w, [0, 0, 1.5], 800, 600)).toBe(w);
    expect(nextWindow(w, [-500, 0, 1], 800, 600)).not.toBe(w);
    expect(nextWindow(w, [0, 0, 2.5], 800, 600)).not.toBe(w);
    expect(nextWindow(w, [0, 0, 0.45], 800, 600)).not.toBe(w);
  });

  it("waits for the pane's size", () => {
    expect(nextWindow(null, [0, 0, 1], 0, 0)).toBeNull();
  });

  it("takes in connectors whose box meets it, whatever their length", () => {
    const win = { x0: 0, y0: 0, x1: 100, y1: 100 };
    expect(meets({ x0: -500, y0: 50, x1: 500, y1: 50 }, win)).toBe(true);
    expect(meets({ x0: 101, y0: 0, x1: 200, y1: 10 }, win)).toBe(false);
  });
});
