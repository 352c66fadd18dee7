// The process canvas from far away. Below OVERVIEW_ZOOM the canvas stops drawing each shape and
// connector as elements of their own (thousands of them make every frame of a pan cost seconds in
// WebKitGTK) and draws them here instead, on one 2D canvas: one Path2D per look (kind of
// connector; finding, selection, search hit, compare mark, heat of a shape), made when the shapes
// change. An SVG of the same paths cost ~100 ms a frame to paint at 5,000 shapes
// (scripts/bench-canvas.mjs). Pools and lanes are drawn here too, names and all (as nodes,
// WebKitGTK gave each of them a compositing layer and a frame cost twice the engine's floor,
// scripts/frame-floor.mjs); a selected one is a node again, so that it can be dragged. The canvas
// is a sheet larger than the pane, moved and scaled as the view pans and zooms and drawn again only
// when it no longer covers the pane (`sheetPlace`). What the shapes carry is the canvas's: the
// paths follow a drag as the nodes do. A click selects the shape under the pointer, or else the
// pool or lane (`shapeAt`). The looks are the stylesheet's (`.overview-shape`, `.overview-edge`,
// `.overview-band`…), read once per class from a hidden SVG path.

import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useStore } from "@xyflow/react";

import { labelOf } from "../app/elements";
import { heatColor } from "../overlay/Badges";
import { type Connector, pathOf, routePoints } from "./edges";
import { xy } from "./geometry";
import type { ShapeNode } from "./nodes";

/** Below this zoom the canvas draws the overview (a task is 30 px wide there, its text long gone). */
export const OVERVIEW_ZOOM = 0.3;

/** Pools and lanes: drawn as bands in the overview. */
export function isBand(node: ShapeNode): boolean {
  const kind = node.data.shape.element.data.kind;
  return kind === "pool" || kind === "lane";
}

/** Whether the canvas keeps `node` a node of its own in the overview: a selected pool or lane
 * (to be dragged there); everything else is drawn here. */
export function nodeInOverview(node: ShapeNode, selected: boolean): boolean {
  return isBand(node) && selected;
}

/** The width of a pool's or lane's name band (the stylesheet's `.band`), in flow units. */
const BAND = 30;
/** A band's name, in flow units as the stylesheet's `.band-label`. */
const BAND_FONT = 12;

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
  const el = d.shape.element.data;
  const kind = el.kind;
  const looks = isBand(node) ? ["overview-band", `kind-${kind}`, `side-${el.kind === "pool" ? (el.side ?? "none") : "none"}`] : ["overview-shape", `kind-${kind}`];
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
  /** Text: the font's weight and family. */
  weight: string;
  font: string;
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
    weight: style.fontWeight,
    font: style.fontFamily,
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

/** What the overview's bitmap holds: the flow drawn at the view (x, y, zoom) over the pane
 * (width × height) grown by `mx` and `my` screen pixels on each side, from `drawing`. */
export interface Sheet {
  /** The view it was drawn for. */
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  mx: number;
  my: number;
  /** What was drawn (a sheet of an older drawing is drawn again). */
  drawing: unknown;
}

/** A sheet's margins: a quarter of the pane on each side (2.25 panes of bitmap in all). */
export function sheetFor(x: number, y: number, zoom: number, width: number, height: number, drawing: unknown): Sheet {
  return { x, y, zoom, width, height, mx: Math.round(width / 4), my: Math.round(height / 4), drawing };
}

/** How the sheet is placed over the pane for the view (x, y, zoom): its CSS transform (from the
 * pane's top left corner, scaled about the sheet's), or null when it no longer covers the pane
 * (panned past its margins, zoomed out past them or in by more than 2×: blurred) and must be
 * drawn again. */
export function sheetPlace(s: Sheet, x: number, y: number, zoom: number, width: number, height: number): { dx: number; dy: number; scale: number } | null {
  if (s.width !== width || s.height !== height) return null;
  const scale = zoom / s.zoom;
  if (scale > 2) return null;
  // Where the sheet's top left corner lands now (a flow point p was drawn at s.x + s.mx + s.zoom·p
  // on it and belongs at x + zoom·p on the pane), and its size there.
  const left = x - scale * (s.x + s.mx);
  const top = y - scale * (s.y + s.my);
  const w = scale * (width + 2 * s.mx);
  const h = scale * (height + 2 * s.my);
  if (left > 0.5 || top > 0.5 || left + w < width - 0.5 || top + h < height - 0.5) return null;
  return { dx: left, dy: top, scale };
}

/** After this long without a change of zoom, a scaled sheet is drawn again at the new zoom. */
const SETTLE_MS = 120;

export function Overview({ nodes, connectors }: { nodes: ShapeNode[]; connectors: Connector[] }) {
  const [x, y, zoom, width, height] = useStore(seen, same);
  const canvas = useRef<HTMLCanvasElement>(null);
  const sheet = useRef<Sheet | null>(null);
  const settle = useRef<number | null>(null);
  const drawing = useMemo(() => {
    const paths = pathsOf(nodes, connectors);
    const drawn = (p: Path): Drawn => ({ look: lookOf(p.className), fill: p.fill ?? null, path: new Path2D(p.d.join("")) });
    return { bands: paths.bands.map(drawn), labels: paths.labels, connectors: paths.connectors.map(drawn), shapes: paths.shapes.map(drawn), count: paths.count, bandCount: paths.bandCount };
  }, [nodes, connectors]);
  const ratio = Math.min(window.devicePixelRatio || 1, 2);

  useLayoutEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    const place = (p: { dx: number; dy: number; scale: number }) => {
      el.style.transform = `translate(${p.dx}px, ${p.dy}px) scale(${p.scale})`;
    };
    const draw = () => {
      const s = sheetFor(x, y, zoom, width, height, drawing);
      sheet.current = s;
      const [w, h] = [Math.round((width + 2 * s.mx) * ratio), Math.round((height + 2 * s.my) * ratio)];
      if (el.width !== w || el.height !== h) [el.width, el.height] = [w, h];
      el.style.width = `${width + 2 * s.mx}px`;
      el.style.height = `${height + 2 * s.my}px`;
      place({ dx: -s.mx, dy: -s.my, scale: 1 });
      paint(ctx, drawing, w, h, ratio, zoom, x + s.mx, y + s.my);
    };
    if (settle.current !== null) window.clearTimeout(settle.current);
    settle.current = null;
    const s = sheet.current;
    const at = s && s.drawing === drawing && el.width === Math.round((width + 2 * s.mx) * ratio) ? sheetPlace(s, x, y, zoom, width, height) : null;
    if (!at) return draw();
    place(at);
    // Zoomed: sharp again once the zoom rests.
    if (at.scale !== 1) settle.current = window.setTimeout(draw, SETTLE_MS);
  }, [drawing, x, y, zoom, width, height, ratio]);
  useEffect(() => () => void (settle.current !== null && window.clearTimeout(settle.current)), []);

  return <canvas ref={canvas} className="overview" data-testid="overview" data-shapes={drawing.count} data-bands={drawing.bandCount} aria-hidden="true" />;
}

type Drawing = { bands: Drawn[]; labels: BandLabel[]; connectors: Drawn[]; shapes: Drawn[] };

/** Draws the overview on a bitmap `w` × `h`, the flow at `zoom` with its origin at (ox, oy) in
 * screen pixels: bands, their names, connectors, shapes. */
function paint(ctx: CanvasRenderingContext2D, drawing: Drawing, w: number, h: number, ratio: number, zoom: number, ox: number, oy: number) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.setTransform(zoom * ratio, 0, 0, zoom * ratio, ox * ratio, oy * ratio);
  // Widths and dashes are screen pixels at any zoom.
  const stroke = (d: Drawn) => {
    if (!d.look.stroke) return;
    ctx.strokeStyle = d.look.stroke;
    ctx.lineWidth = d.look.width / zoom;
    ctx.setLineDash(d.look.dash.map((n) => n / zoom));
    ctx.stroke(d.path);
  };
  const fill = (d: Drawn) => {
    const paint = d.fill ?? d.look.fill;
    if (!paint) return;
    ctx.fillStyle = paint;
    ctx.fill(d.path);
  };
  for (const d of drawing.bands) fill(d);
  for (const d of drawing.bands) stroke(d);
  // The bands' names at their size in the flow, once they are big enough to read.
  if (BAND_FONT * zoom >= 3) {
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (const l of drawing.labels) {
      const look = lookOf(l.look);
      ctx.font = `${look.weight} ${BAND_FONT}px ${look.font}`;
      ctx.fillStyle = look.fill ?? "#000";
      const text = (l.fit ??= fitted(ctx, l.text, l.room));
      if (!text) continue;
      ctx.save();
      ctx.translate(l.x, l.y);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(text, 0, 0);
      ctx.restore();
    }
  }
  for (const d of drawing.connectors) stroke(d);
  for (const d of drawing.shapes) {
    fill(d);
    stroke(d);
  }
}

/** A pool's or lane's name as the overview writes it: in its band, turned to read upwards,
 * centred at (x, y) in flow units, at most `room` long. */
interface BandLabel {
  look: string;
  text: string;
  x: number;
  y: number;
  room: number;
  /** The text cut to `room`, once measured. */
  fit?: string;
}

/** The outline of a band: a pool's box, a lane's top edge; and the line beside its name. */
function bandOutline(kind: string, x: number, y: number, w: number, h: number): string {
  const strip = `M${x + Math.min(BAND, w)},${y}V${y + h}`;
  return kind === "pool" ? `M${x},${y}h${w}v${h}h${-w}z${strip}` : `M${x},${y}H${x + w}${strip}`;
}

/** The overview's paths: pools and lanes grouped by look, then connectors, then shapes (marked
 * ones last, drawn over the others); the bands' names; `count`, `bandCount`: the shapes and the
 * pools and lanes drawn. Nodes the canvas keeps in the overview (`hidden` false) are not drawn
 * here. */
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
  const bands = new Map<string, Path>();
  const labels: BandLabel[] = [];
  const shapes = new Map<string, Path>();
  let count = 0;
  let bandCount = 0;
  for (const n of nodes) {
    if (n.hidden === false) continue;
    const w = n.width ?? 0;
    const h = n.height ?? 0;
    const kind = n.data.shape.element.data.kind;
    if (isBand(n)) {
      group(bands, shapeLook(n), undefined, bandOutline(kind, n.position.x, n.position.y, w, h));
      const text = labelOf(n.data.shape.element.data);
      bandCount++;
      if (text) labels.push({ look: `overview-band-label kind-${kind}`, text, x: n.position.x + Math.min(BAND, w) / 2, y: n.position.y + h / 2, room: h - 8 });
      continue;
    }
    const heat = n.data.overlay ? (n.data.overlay.heat ?? 0) : null;
    group(shapes, shapeLook(n), heat === null ? undefined : heatColor(heat), outline(kind, n.position.x, n.position.y, w, h));
    count++;
  }
  const marks = (p: Path) => p.className.split(" ").length;
  const ordered = [...shapes.values()].sort((a, b) => marks(a) - marks(b));
  // Pools under lanes, then by mark as the shapes.
  const pools = [...bands.values()].sort((a, b) => Number(a.className.includes("kind-lane")) - Number(b.className.includes("kind-lane")) || marks(a) - marks(b));
  return { bands: pools, labels, connectors: [...lines.values()], shapes: ordered, count, bandCount };
}

/** `text` cut with an ellipsis to fit `room` (the context's font). */
function fitted(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (room <= 0) return "";
  if (ctx.measureText(text).width <= room) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(chars.slice(0, mid).join("") + "…").width <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? "" : chars.slice(0, lo).join("") + "…";
}

/** The shape drawn at `p` (flow coordinates; `slack`: how far off a click may land), the
 * smallest when several overlap; with `bands`, where no shape is, the smallest pool or lane that
 * holds `p`. */
export function shapeAt(nodes: ShapeNode[], p: { x: number; y: number }, slack: number, bands = false): ShapeNode | null {
  let best: ShapeNode | null = null;
  let bestScore = Infinity;
  let band: ShapeNode | null = null;
  let bandArea = Infinity;
  for (const n of nodes) {
    if (n.id.startsWith("ghost:")) continue;
    const w = n.width ?? 0;
    const h = n.height ?? 0;
    const dx = Math.max(n.position.x - p.x, 0, p.x - (n.position.x + w));
    const dy = Math.max(n.position.y - p.y, 0, p.y - (n.position.y + h));
    if (isBand(n)) {
      if (bands && dx === 0 && dy === 0 && w * h < bandArea) [band, bandArea] = [n, w * h];
      continue;
    }
    if (dx > slack || dy > slack) continue;
    // Inside beats near; among those inside, the smallest (a task over its sub-process).
    const score = dx === 0 && dy === 0 ? w * h : 1e12 + Math.hypot(dx, dy);
    if (score < bestScore) [best, bestScore] = [n, score];
  }
  return best ?? band;
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
