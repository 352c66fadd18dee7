// The process canvas from far away. Below OVERVIEW_ZOOM the canvas stops drawing each shape and
// connector as elements of their own (thousands of them make every frame of a pan cost seconds in
// WebKitGTK) and draws them here instead: a few SVG paths in the flow's coordinates, one per look
// (kind of connector; finding, selection, search hit, compare mark, heat of a shape). Pools and
// lanes stay nodes, names and all. What the shapes carry is the canvas's: the paths follow a drag
// as the nodes do. A click selects the shape under the pointer (`shapeAt`).
//
// The paths live in an SVG the size of the pane, transformed inside by the flow's viewport (as
// bpmn-js draws), not in the flow's own transformed layer: WebKitGTK paints that layer at the
// flow's scale before shrinking it, seconds per frame for a drawing 20,000 units wide.

import { memo, useMemo } from "react";
import { useStore } from "@xyflow/react";

import { heatColor } from "../overlay/Badges";
import { type ConnectorEdge, routePoints } from "./edges";
import { xy } from "./geometry";
import type { ShapeNode } from "./nodes";

/** Below this zoom the canvas draws the overview (a task is 30 px wide there, its text long gone). */
export const OVERVIEW_ZOOM = 0.3;

/** Pools and lanes stay nodes in the overview. */
export function isBand(node: ShapeNode): boolean {
  const kind = node.data.shape.element.data.kind;
  return kind === "pool" || kind === "lane";
}

function outline(kind: string, x: number, y: number, w: number, h: number): string {
  switch (kind) {
    case "event": {
      const r = Math.min(w, h) / 2;
      const cx = x + w / 2;
      const cy = y + h / 2;
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0z`;
    }
    case "gateway":
      return `M${x + w / 2},${y}L${x + w},${y + h / 2}L${x + w / 2},${y + h}L${x},${y + h / 2}z`;
    case "annotation":
      return `M${x + Math.min(12, w)},${y}H${x}V${y + h}H${x + Math.min(12, w)}`;
    default:
      return `M${x},${y}h${w}v${h}h${-w}z`;
  }
}

/** The class names of a shape's look, most telling first (a finding over a compare mark). */
function shapeLook(node: ShapeNode): string {
  const d = node.data;
  const kind = d.shape.element.data.kind;
  const looks = ["overview-shape", `kind-${kind}`];
  if (node.selected) looks.push("selected");
  else if (d.hit) looks.push("hit");
  else if (d.problem) looks.push(`problem-${d.problem}`);
  if (node.className) looks.push(node.className);
  return looks.join(" ");
}

interface Path {
  className: string;
  fill?: string;
  d: string[];
}

function group(paths: Map<string, Path>, className: string, fill: string | undefined, d: string) {
  const key = `${className}|${fill ?? ""}`;
  let p = paths.get(key);
  if (!p) {
    p = { className, fill, d: [] };
    paths.set(key, p);
  }
  p.d.push(d);
}

const xSelector = (s: { transform: [number, number, number] }) => s.transform[0];
const ySelector = (s: { transform: [number, number, number] }) => s.transform[1];
const zoomSelector = (s: { transform: [number, number, number] }) => s.transform[2];

export function Overview({ nodes, edges }: { nodes: ShapeNode[]; edges: ConnectorEdge[] }) {
  const x = useStore(xSelector);
  const y = useStore(ySelector);
  const zoom = useStore(zoomSelector);
  // Lines one screen pixel wide at any zoom (`--px`, read by the stylesheet): cheaper to paint
  // than a non-scaling stroke.
  return (
    <svg className="overview" data-testid="overview" aria-hidden="true">
      <g transform={`translate(${x} ${y}) scale(${zoom})`} style={{ "--px": `${1 / zoom}px` } as React.CSSProperties}>
        <Paths nodes={nodes} edges={edges} />
      </g>
    </svg>
  );
}

const Paths = memo(function Paths({ nodes, edges }: { nodes: ShapeNode[]; edges: ConnectorEdge[] }) {
  const paths = useMemo(() => {
    const at = new Map(nodes.map((n) => [n.id, n.position]));
    const connectors = new Map<string, Path>();
    for (const e of edges) {
      if (!e.data) continue;
      const points = routePoints(
        e.data.edge.waypoints.map(xy),
        { stored: e.data.sourceBounds, now: at.get(e.source) ?? null },
        { stored: e.data.targetBounds, now: at.get(e.target) ?? null },
      );
      if (points.length < 2) continue;
      const className = ["overview-edge", e.data.edge.element.data.kind, e.selected ? "selected" : "", e.className ?? ""].filter(Boolean).join(" ");
      group(connectors, className, undefined, points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(""));
    }
    const shapes = new Map<string, Path>();
    for (const n of nodes) {
      if (isBand(n)) continue;
      const w = n.width ?? 0;
      const h = n.height ?? 0;
      const heat = n.data.overlay ? (n.data.overlay.heat ?? 0) : null;
      group(shapes, shapeLook(n), heat === null ? undefined : heatColor(heat), outline(n.data.shape.element.data.kind, n.position.x, n.position.y, w, h));
    }
    // Marked shapes last, drawn over the others.
    const marks = (p: Path) => p.className.split(" ").length;
    const ordered = [...shapes.values()].sort((a, b) => marks(a) - marks(b));
    return { connectors: [...connectors.values()], shapes: ordered };
  }, [nodes, edges]);

  return (
    <>
      {paths.connectors.map((p) => (
        <path key={p.className} className={p.className} d={p.d.join("")} />
      ))}
      {paths.shapes.map((p) => (
        <path key={`${p.className}|${p.fill ?? ""}`} className={p.className} style={p.fill ? { fill: p.fill } : undefined} d={p.d.join("")} />
      ))}
    </>
  );
});

/** The shape drawn at `p` (flow coordinates; `slack`: how far off a click may land), the
 * smallest when several overlap; pools and lanes are not looked at. */
export function shapeAt(nodes: ShapeNode[], p: { x: number; y: number }, slack: number): ShapeNode | null {
  let best: ShapeNode | null = null;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (isBand(n) || n.id.startsWith("ghost:")) continue;
    const w = n.width ?? 0;
    const h = n.height ?? 0;
    const dx = Math.max(n.position.x - p.x, 0, p.x - (n.position.x + w));
    const dy = Math.max(n.position.y - p.y, 0, p.y - (n.position.y + h));
    if (dx > slack || dy > slack) continue;
    // Inside beats near; among those inside, the smallest (a task over its sub-process).
    const score = dx === 0 && dy === 0 ? w * h : 1e12 + Math.hypot(dx, dy);
    if (score < bestScore) [best, bestScore] = [n, score];
  }
  return best;
}
