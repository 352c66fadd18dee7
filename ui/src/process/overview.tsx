// The process canvas from far away. Below OVERVIEW_ZOOM the canvas stops drawing each shape and
// connector as elements of their own (thousands of them make every frame of a pan cost seconds in
// WebKitGTK) and draws them here instead, on one 2D canvas the size of the pane: one Path2D per
// look (kind of connector; finding, selection, search hit, compare mark, heat of a shape), made
// when the shapes change and stroked again at each frame of a pan or zoom. An SVG of the same paths
// cost ~100 ms a frame to paint at 5,000 shapes (scripts/bench-canvas.mjs). Pools and lanes stay
// nodes, names and all. What the shapes carry is the canvas's: the paths follow a drag as the
// nodes do. A click selects the shape under the pointer (`shapeAt`). The looks are the
// stylesheet's (`.overview-shape`, `.overview-edge`…), read once per class from a hidden SVG path.

import { useLayoutEffect, useMemo, useRef } from "react";
import { useStore } from "@xyflow/react";

import { heatColor } from "../overlay/Badges";
import { type Connector, pathOf, routePoints } from "./edges";
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

/** How a class of paths is drawn, as the stylesheet says: colours, and widths and dashes in screen
 * pixels. */
interface Look {
  fill: string | null;
  stroke: string | null;
  width: number;
  dash: number[];
}

const LOOKS = new Map<string, Look>();

/** The look of each class name, read from the stylesheet (cached: it does not change). */
function lookOf(className: string): Look {
  const kept = LOOKS.get(className);
  if (kept) return kept;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "overview");
  svg.setAttribute("style", "visibility: hidden; --px: 1px");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("class", className);
  svg.appendChild(path);
  document.body.appendChild(svg);
  const style = getComputedStyle(path);
  const paint = (v: string) => (v === "none" || v === "" ? null : v);
  const look: Look = {
    fill: paint(style.fill),
    stroke: paint(style.stroke),
    width: parseFloat(style.strokeWidth) || 1,
    dash: style.strokeDasharray === "none" ? [] : style.strokeDasharray.split(/[ ,]+/).map(parseFloat).filter((n) => !Number.isNaN(n)),
  };
  svg.remove();
  LOOKS.set(className, look);
  return look;
}

interface Drawn {
  look: Look;
  fill: string | null;
  path: Path2D;
}

const seen = (s: { transform: [number, number, number]; width: number; height: number }) => [s.transform[0], s.transform[1], s.transform[2], s.width, s.height] as const;
const same = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x === b[i]);

export function Overview({ nodes, connectors }: { nodes: ShapeNode[]; connectors: Connector[] }) {
  const [x, y, zoom, width, height] = useStore(seen, same);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useMemo(() => {
    const paths = pathsOf(nodes, connectors);
    const drawn = (p: Path): Drawn => ({ look: lookOf(p.className), fill: p.fill ?? null, path: new Path2D(p.d.join("")) });
    return { connectors: paths.connectors.map(drawn), shapes: paths.shapes.map(drawn), count: paths.count };
  }, [nodes, connectors]);
  const ratio = Math.min(window.devicePixelRatio || 1, 2);

  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width * ratio, height * ratio);
    ctx.setTransform(zoom * ratio, 0, 0, zoom * ratio, x * ratio, y * ratio);
    // Widths and dashes are screen pixels at any zoom.
    const stroke = (d: Drawn) => {
      if (!d.look.stroke) return;
      ctx.strokeStyle = d.look.stroke;
      ctx.lineWidth = d.look.width / zoom;
      ctx.setLineDash(d.look.dash.map((n) => n / zoom));
      ctx.stroke(d.path);
    };
    for (const d of drawing.connectors) stroke(d);
    for (const d of drawing.shapes) {
      const fill = d.fill ?? d.look.fill;
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill(d.path);
      }
      stroke(d);
    }
  }, [drawing, x, y, zoom, width, height, ratio]);

  return <canvas ref={canvas} className="overview" data-testid="overview" data-shapes={drawing.count} aria-hidden="true" width={Math.round(width * ratio)} height={Math.round(height * ratio)} />;
}

/** The overview's paths: connectors grouped by look, then shapes grouped by look (marked ones
 * last, drawn over the others); `count`: the shapes drawn. */
function pathsOf(nodes: ShapeNode[], connectors: Connector[]) {
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  const lines = new Map<string, Path>();
  for (const e of connectors) {
    const points = routePoints(
      e.edge.waypoints.map(xy),
      { stored: e.sourceBounds, now: at.get(e.source) ?? null },
      { stored: e.targetBounds, now: at.get(e.target) ?? null },
    );
    if (points.length < 2) continue;
    const className = ["overview-edge", e.edge.element.data.kind, e.selected ? "selected" : "", e.className ?? ""].filter(Boolean).join(" ");
    group(lines, className, undefined, pathOf(points));
  }
  const shapes = new Map<string, Path>();
  let count = 0;
  for (const n of nodes) {
    if (isBand(n)) continue;
    const w = n.width ?? 0;
    const h = n.height ?? 0;
    const heat = n.data.overlay ? (n.data.overlay.heat ?? 0) : null;
    group(shapes, shapeLook(n), heat === null ? undefined : heatColor(heat), outline(n.data.shape.element.data.kind, n.position.x, n.position.y, w, h));
    count++;
  }
  const marks = (p: Path) => p.className.split(" ").length;
  const ordered = [...shapes.values()].sort((a, b) => marks(a) - marks(b));
  return { connectors: [...lines.values()], shapes: ordered, count };
}

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

/** The shapes wholly inside the box from `a` to `b` (flow coordinates), pools, lanes and ghosts
 * left out: what a selection box takes in the overview. */
export function shapesInBox(nodes: ShapeNode[], a: { x: number; y: number }, b: { x: number; y: number }): string[] {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return nodes
    .filter((n) => !isBand(n) && !n.id.startsWith("ghost:"))
    .filter((n) => n.position.x >= x0 && n.position.y >= y0 && n.position.x + (n.width ?? 0) <= x1 && n.position.y + (n.height ?? 0) <= y1)
    .map((n) => n.id);
}
