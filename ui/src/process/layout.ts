// Automatic layout that respects lanes. elkjs's layered algorithm orders each pool's flow left to
// right; every node then goes back into its own lane's band, in rows where two would overlap. The
// result is one `arrange` edit: Rust keeps each node's lane and grows lanes to hold the rows.


import type { ElementId, ProcessDiagram, ShapeMove, ShapeView } from "../bindings";
import { type Rect, rect } from "./geometry";

const LAYOUT_KINDS = new Set(["activity", "event", "gateway", "dataObject", "system"]);
const FLOW_KINDS = new Set(["sequenceFlow", "dataAssociation", "association"]);
/** Space between a lane's name band and its first node, and around rows. */
const INSET = 40;
const ROW_GAP = 44;
const COLUMN_GAP = 36;

type Elk = InstanceType<typeof import("elkjs/lib/elk.bundled.js").default>;
let elk: Elk | null = null;

function inside(a: ShapeView | Rect, b: ShapeView | Rect): boolean {
  const inner = "element" in a ? rect(a.bounds) : a;
  const outer = "element" in b ? rect(b.bounds) : b;
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The shapes a layout moves: flow nodes and data, not boundary events nor the contents of open sub-processes. */
function movable(diagram: ProcessDiagram): ShapeView[] {
  const open = diagram.shapes.filter((s) => s.expanded);
  return diagram.shapes.filter(
    (s) =>
      LAYOUT_KINDS.has(s.element.data.kind) &&
      !s.host &&
      !open.some((o) => o.element.id !== s.element.id && inside(s, o)),
  );
}

interface Band {
  lane: ElementId | null;
  x: number;
  y: number;
}

/** Moves for every movable shape of the diagram, pool by pool. */
export async function layoutMoves(diagram: ProcessDiagram): Promise<ShapeMove[]> {
  // Loaded on first use: the layout engine is large and most sessions never need it.
  if (!elk) {
    const ELK = (await import("elkjs/lib/elk.bundled.js")).default;
    elk = new ELK();
  }
  const nodes = movable(diagram);
  const pools = diagram.shapes.filter((s) => s.element.data.kind === "pool");
  const lanes = diagram.shapes.filter((s) => s.element.data.kind === "lane");
  // A diagram of a process without pools is one group.
  const groups: { pool: ShapeView | null; members: ShapeView[] }[] =
    pools.length > 0
      ? pools.map((p) => ({ pool: p, members: nodes.filter((n) => n.pool === p.element.id) }))
      : [{ pool: null, members: nodes }];
  const moves: ShapeMove[] = [];
  for (const { pool, members } of groups) {
    if (members.length === 0) continue;
    const ids = new Set(members.map((m) => m.element.id));
    const graph = await elk.layout({
      id: "root",
      layoutOptions: {
        "elk.algorithm": "layered",
        "elk.direction": "RIGHT",
        "elk.spacing.nodeNode": "30",
        "elk.layered.spacing.nodeNodeBetweenLayers": String(COLUMN_GAP),
        "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      },
      children: members.map((m) => ({ id: m.element.id, width: rect(m.bounds).width, height: rect(m.bounds).height })),
      edges: diagram.edges
        .filter((e) => FLOW_KINDS.has(e.element.data.kind) && e.source && e.target && ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
        .map((e) => ({ id: e.element.id, sources: [e.source!], targets: [e.target!] })),
    });
    const xOf = new Map((graph.children ?? []).map((c) => [c.id, c.x ?? 0]));
    const poolLanes = pool ? lanes.filter((l) => l.pool === pool.element.id) : [];
    // The innermost lanes are the bands nodes live in.
    const leaves = poolLanes.filter((l) => !poolLanes.some((o) => o !== l && inside(o, l) && rect(o.bounds).height < rect(l.bounds).height));
    const bandOf = (m: ShapeView): Band => {
      const lane = leaves.find((l) => l.element.id === m.lane);
      if (lane) return { lane: lane.element.id, x: rect(lane.bounds).x, y: rect(lane.bounds).y };
      if (pool) return { lane: null, x: rect(pool.bounds).x + 30, y: rect(pool.bounds).y };
      return { lane: null, x: 0, y: 0 };
    };
    const byBand = new Map<string, { band: Band; members: ShapeView[] }>();
    for (const m of members) {
      const band = bandOf(m);
      const key = band.lane ?? "pool";
      if (!byBand.has(key)) byBand.set(key, { band, members: [] });
      byBand.get(key)!.members.push(m);
    }
    const left = Math.min(...[...byBand.values()].map((b) => b.band.x));
    for (const { band, members: inBand } of byBand.values()) {
      const rowHeight = Math.max(...inBand.map((m) => rect(m.bounds).height)) + ROW_GAP;
      // Rows: each node goes in the first row where it does not overlap the row's last node.
      const rowsEnd: number[] = [];
      const sorted = [...inBand].sort((a, b) => (xOf.get(a.element.id) ?? 0) - (xOf.get(b.element.id) ?? 0));
      for (const m of sorted) {
        const x = left + INSET + (xOf.get(m.element.id) ?? 0);
        let row = rowsEnd.findIndex((end) => end + 20 <= x);
        if (row < 0) {
          row = rowsEnd.length;
          rowsEnd.push(0);
        }
        const b = rect(m.bounds);
        rowsEnd[row] = x + b.width;
        const y = band.y + ROW_GAP / 2 + row * rowHeight + (rowHeight - ROW_GAP - b.height) / 2;
        if (Math.abs(x - b.x) > 0.5 || Math.abs(y - b.y) > 0.5) {
          moves.push({ id: m.element.id, x: Math.round(x), y: Math.round(y) });
        }
      }
    }
  }
  return moves;
}
