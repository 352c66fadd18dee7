// Connectors, drawn along the waypoints Rust routed (the diagram's BPMN DI), all in one SVG inside
// the flow's viewport, over the shapes (as bpmn-js draws them). xyflow draws each edge in an <svg>
// of its own, and WebKitGTK pays for each of them on every frame, whatever changed: on a 5,000-node
// diagram at 100 % a frame took ~75 ms with its 33 edge svgs and ~30 ms with this layer
// (scripts/frame-floor.mjs). Over the shapes, not between pools and shapes: there WebKitGTK gave
// every shape above the layer a compositing layer of its own (WEBKIT_SHOW_COMPOSITING_DEBUG_VISUALS
// shows them): slower frames (~30 ms against ~24 here), and the two web-process crashes seen while
// zooming a 2,000- and a 5,000-shape diagram came with that arrangement. A connector's line takes clicks 14 px wide except near its ends, so the shapes' handles
// and borders there stay the shapes'. Only the connectors near the view are drawn. While a shape is
// dragged the ends of its connectors follow it; Rust reroutes when the drag ends. A selected
// connector shows handles at its ends: one dragged onto another shape reconnects that end.

import { memo, useEffect, useMemo, useRef, useState } from "react";
import { ViewportPortal, useReactFlow, useStoreApi } from "@xyflow/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import type { EdgeView } from "../bindings";
import { type Rect, type XY, rect, xy } from "./geometry";
import { labelOf } from "../app/elements";
import { Kept } from "./kept";
import type { ShapeNode } from "./nodes";

/** A connector between two shapes drawn on the canvas. */
export interface Connector {
  id: string;
  source: string;
  target: string;
  edge: EdgeView;
  /** Where its ends' shapes stood when Rust routed it. */
  sourceBounds: Rect;
  targetBounds: Rect;
  selected: boolean;
  /** The comparison's mark (`diff-added`, `diff-removed ghost`…). */
  className?: string;
  /** Drawn from the version compared with (what this one removed): not selectable. */
  ghost?: boolean;
}

/** A box in flow coordinates. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A connector's drawing: its route now, the path, the box it covers (label included). */
export interface Drawn {
  connector: Connector;
  points: XY[];
  d: string;
  /** The part of the route that takes clicks. */
  hit: string;
  box: Box;
  label: string;
  labelAt: XY | null;
}

function center(b: Rect): XY {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Points of the route now: the stored waypoints, with the ends shifted by how far their shapes moved. */
export function routePoints(
  waypoints: XY[],
  source: { stored: Rect | null; now: XY | null },
  target: { stored: Rect | null; now: XY | null },
): XY[] {
  const ds = source.stored && source.now ? { x: source.now.x - source.stored.x, y: source.now.y - source.stored.y } : { x: 0, y: 0 };
  const dt = target.stored && target.now ? { x: target.now.x - target.stored.x, y: target.now.y - target.stored.y } : { x: 0, y: 0 };
  let points = waypoints;
  if (points.length < 2 && source.stored && target.stored) points = [center(source.stored), center(target.stored)];
  if (points.length < 2) return points;
  if (ds.x === 0 && ds.y === 0 && dt.x === 0 && dt.y === 0) return points;
  const first = { x: points[0]!.x + ds.x, y: points[0]!.y + ds.y };
  const last = { x: points[points.length - 1]!.x + dt.x, y: points[points.length - 1]!.y + dt.y };
  const midX = (first.x + last.x) / 2;
  return [first, { x: midX, y: first.y }, { x: midX, y: last.y }, last];
}

/** The route without `cut` units at each end (nothing when it is not longer than twice that). */
export function trimmed(points: XY[], cut: number): XY[] {
  const cutStart = (ps: XY[]): XY[] => {
    let left = cut;
    for (let i = 0; i + 1 < ps.length; i++) {
      const a = ps[i]!;
      const b = ps[i + 1]!;
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      if (len > left) {
        const t = left / len;
        return [{ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, ...ps.slice(i + 1)];
      }
      left -= len;
    }
    return [];
  };
  let length = 0;
  for (let i = 0; i + 1 < points.length; i++) length += Math.hypot(points[i + 1]!.x - points[i]!.x, points[i + 1]!.y - points[i]!.y);
  if (length <= 2 * cut) return [];
  return cutStart(cutStart(points).reverse()).reverse();
}

/** The connectors (ghosts aside) not in `chosen` whose both ends are: what a selection box adds to
 * the shapes it took in. */
export function joining(connectors: Connector[], chosen: ReadonlySet<string>): string[] {
  return connectors.filter((c) => !c.ghost && !chosen.has(c.id) && chosen.has(c.source) && chosen.has(c.target)).map((c) => c.id);
}

/** How far from its ends a connector's line takes no clicks (flow units). */
const END_GAP = 12;

export function pathOf(points: XY[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");
}

/** Where the label goes: its stored box, else the middle of the route. */
function labelPoint(edge: EdgeView, points: XY[]): XY | null {
  if (edge.label) {
    const l = rect(edge.label);
    return { x: l.x + l.width / 2, y: l.y + l.height / 2 };
  }
  if (points.length < 2) return null;
  const i = Math.floor((points.length - 1) / 2);
  const a = points[i]!;
  const b = points[i + 1]!;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 10 };
}

/** How far a label may reach from its centre (flow units): a generous bound for culling. */
const LABEL_REACH = { x: 160, y: 20 };

/** The connector `c` with its ends' shapes now at `sourceNow` and `targetNow` (null: where Rust
 * routed it); null when it has no route. */
export function drawConnector(c: Connector, sourceNow: XY | null, targetNow: XY | null): Drawn | null {
  const points = routePoints(c.edge.waypoints.map(xy), { stored: c.sourceBounds, now: sourceNow }, { stored: c.targetBounds, now: targetNow });
  if (points.length < 2) return null;
  const label = labelOf(c.edge.element.data);
  const labelAt = label ? labelPoint(c.edge, points) : null;
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of points) {
    box.x0 = Math.min(box.x0, p.x);
    box.y0 = Math.min(box.y0, p.y);
    box.x1 = Math.max(box.x1, p.x);
    box.y1 = Math.max(box.y1, p.y);
  }
  if (labelAt) {
    box.x0 = Math.min(box.x0, labelAt.x - LABEL_REACH.x);
    box.y0 = Math.min(box.y0, labelAt.y - LABEL_REACH.y);
    box.x1 = Math.max(box.x1, labelAt.x + LABEL_REACH.x);
    box.y1 = Math.max(box.y1, labelAt.y + LABEL_REACH.y);
  }
  return { connector: c, points, d: pathOf(points), hit: pathOf(trimmed(points, END_GAP)), box, label, labelAt };
}

/** The part of the flow a pane of `width`×`height` shows at `transform` ([x, y, zoom]). */
export function shownBox(transform: readonly [number, number, number], width: number, height: number): Box {
  const [x, y, zoom] = transform;
  return { x0: -x / zoom, y0: -y / zoom, x1: (width - x) / zoom, y1: (height - y) / zoom };
}

/** `b` grown by `by` times its width and height on each side. */
export function grown(b: Box, by: number): Box {
  const dx = (b.x1 - b.x0) * by;
  const dy = (b.y1 - b.y0) * by;
  return { x0: b.x0 - dx, y0: b.y0 - dy, x1: b.x1 + dx, y1: b.y1 + dy };
}

export function covers(outer: Box, inner: Box): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}

export function meets(a: Box, b: Box): boolean {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

/** What the layer draws: the shown part of the flow and half a pane around it, taken again when
 * the view leaves it or the zoom changes by more than twice (a pan redraws nothing until then). */
export interface DrawWindow {
  box: Box;
  zoom: number;
}

export function nextWindow(current: DrawWindow | null, transform: readonly [number, number, number], width: number, height: number): DrawWindow | null {
  if (width <= 0 || height <= 0) return current;
  const shown = shownBox(transform, width, height);
  const zoom = transform[2];
  if (current && covers(current.box, shown) && zoom <= current.zoom * 2 && zoom >= current.zoom / 2) return current;
  return { box: grown(shown, 0.5), zoom };
}

function useDrawWindow(): DrawWindow | null {
  const store = useStoreApi();
  const [win, setWin] = useState<DrawWindow | null>(() => {
    const s = store.getState();
    return nextWindow(null, s.transform, s.width, s.height);
  });
  useEffect(() => {
    const check = () => {
      const s = store.getState();
      setWin((w) => nextWindow(w, s.transform, s.width, s.height));
    };
    check();
    return store.subscribe(check);
  }, [store]);
  return win;
}

const MARKER_END: Record<string, string> = {
  sequenceFlow: "url(#michi-arrow)",
  messageFlow: "url(#michi-open-arrow)",
  dataAssociation: "url(#michi-line-arrow)",
};

/** What a connector on the editable canvas does when it is clicked, double-clicked or has an end
 * dragged onto a shape. */
export interface ConnectorActions {
  select: (id: string, add: boolean) => void;
  rename: (id: string) => void;
  reconnect: (id: string, source: boolean, to: string) => void;
}

const ConnectorPath = memo(function ConnectorPath({ drawn, interactive, t }: { drawn: Drawn; interactive: boolean; t: TFunction }) {
  const c = drawn.connector;
  const kind = c.edge.element.data.kind;
  const classes = ["michi-connector", kind, c.selected ? "selected" : "", c.className ?? ""].filter(Boolean).join(" ");
  const live = interactive && !c.ghost;
  return (
    <g
      className={classes}
      data-id={c.id}
      data-source={c.source}
      data-target={c.target}
      data-testid="connector"
      tabIndex={live ? 0 : undefined}
      role={live ? "button" : undefined}
      aria-label={`${t(`kinds.${kind}`)} ${drawn.label}`.trim()}
      aria-pressed={live ? c.selected : undefined}
    >
      <path className={`connector ${kind}`} d={drawn.d} markerEnd={MARKER_END[kind]} markerStart={kind === "messageFlow" ? "url(#michi-circle)" : undefined} />
      {live && drawn.hit && <path className="connector-hit nopan" d={drawn.hit} />}
    </g>
  );
});

const ConnectorLabel = memo(function ConnectorLabel({ drawn }: { drawn: Drawn }) {
  const at = drawn.labelAt!;
  const c = drawn.connector;
  return (
    <div
      className={`connector-label nopan${c.selected ? " selected" : ""}${c.ghost ? " ghost" : ""}`}
      data-edge={c.id}
      data-testid="connector-label"
      style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
    >
      {drawn.label}
    </div>
  );
});

interface Dragging {
  id: string;
  /** Which end moves. */
  source: boolean;
  fixed: XY;
  now: XY;
}

/**
 * The connectors of a canvas, drawn inside its viewport (a child of `<ReactFlow>`). `nodes` are the
 * shapes as drawn now (a drag moves them before Rust hears of it). Without `actions` the layer is
 * read-only (the version drawn beside this one).
 */
export function ConnectorLayer({ connectors, nodes, actions }: { connectors: Connector[]; nodes: ShapeNode[]; actions?: ConnectorActions }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const kept = useRef(new Kept<Drawn | null>()).current;
  const drawn = useMemo(() => {
    const out: Drawn[] = [];
    for (const c of connectors) {
      const s = byId.get(c.source);
      const e = byId.get(c.target);
      const d = kept.get(c.id, [c, s, e], () => drawConnector(c, s?.position ?? null, e?.position ?? null));
      if (d) out.push(d);
    }
    kept.done();
    return out;
  }, [connectors, byId, kept]);
  const win = useDrawWindow();
  const shown = useMemo(() => (win ? drawn.filter((d) => meets(d.box, win.box)) : []), [drawn, win]);
  const interactive = actions !== undefined;

  // An end being dragged to another shape.
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const byIdRef = useRef(byId);
  byIdRef.current = byId;
  useEffect(() => {
    if (!dragging) return;
    const id = dragging.id;
    const source = dragging.source;
    const move = (e: PointerEvent) => setDragging((d) => d && { ...d, now: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
    const up = (e: PointerEvent) => {
      setDragging(null);
      const to = shapeUnder(e.clientX, e.clientY, byIdRef.current);
      const c = connectors.find((x) => x.id === id);
      if (!to || !c || to === (source ? c.source : c.target)) return;
      const kind = byIdRef.current.get(to)?.data.shape.element.data.kind;
      // A pool takes only hand-offs; any other pair is Rust's to accept or refuse (with its reason).
      if (kind === "pool" && c.edge.element.data.kind !== "messageFlow") return;
      actionsRef.current?.reconnect(id, source, to);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        setDragging(null);
      }
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("keydown", key, true);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("keydown", key, true);
    };
    // The drag's identity, not its pointer position, decides the listeners.
  }, [dragging?.id, dragging?.source, flow, connectors]);

  const idOf = (e: React.SyntheticEvent) => (e.target as Element).closest("[data-id]")?.getAttribute("data-id") ?? null;
  const live = (id: string | null): id is string => id !== null && !id.startsWith("ghost:");
  const ends = interactive ? shown.filter((d) => d.connector.selected && !d.connector.ghost) : [];

  return (
    <ViewportPortal>
      <svg
        className="michi-connectors"
        aria-label={t("process.connectors")}
        onClick={(e) => {
          const id = idOf(e);
          if (actions && live(id)) actions.select(id, e.shiftKey || e.ctrlKey || e.metaKey);
        }}
        onDoubleClick={(e) => {
          const id = idOf(e);
          if (actions && live(id)) actions.rename(id);
        }}
        onKeyDown={(e) => {
          const id = idOf(e);
          if (!actions || !live(id) || e.defaultPrevented) return;
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            actions.select(id, e.shiftKey);
          }
        }}
      >
        {shown.map((d) => (
          <ConnectorPath key={d.connector.id} drawn={d} interactive={interactive} t={t} />
        ))}
      </svg>
      <div
        className="connector-labels"
        onDoubleClick={(e) => {
          const id = (e.target as Element).closest("[data-edge]")?.getAttribute("data-edge") ?? null;
          if (actions && live(id)) actions.rename(id);
        }}
      >
        {shown.map((d) => d.labelAt && <ConnectorLabel key={d.connector.id} drawn={d} />)}
      </div>
      {(ends.length > 0 || dragging) && (
        <svg className="connector-ends">
          {dragging && <path className="connector-drag" d={pathOf([dragging.fixed, dragging.now])} />}
          {ends.flatMap((d) =>
            ([true, false] as const).map((source) => {
              const p = source ? d.points[0]! : d.points[d.points.length - 1]!;
              const other = source ? d.points[d.points.length - 1]! : d.points[0]!;
              return (
                <circle
                  key={`${d.connector.id}:${source ? "s" : "t"}`}
                  className="connector-end nopan"
                  data-id={d.connector.id}
                  data-end={source ? "source" : "target"}
                  data-testid="connector-end"
                  cx={p.x}
                  cy={p.y}
                  r={6}
                  onPointerDown={(e) => {
                    if (e.button !== 0) return;
                    e.stopPropagation();
                    e.preventDefault();
                    setDragging({ id: d.connector.id, source, fixed: other, now: p });
                  }}
                >
                  <title>{t("process.dragEnd")}</title>
                </circle>
              );
            }),
          )}
        </svg>
      )}
    </ViewportPortal>
  );
}

/** The shape under a screen point that a connector's end may go to: the topmost node, lanes passed
 * through to the pool below them. */
function shapeUnder(x: number, y: number, byId: Map<string, ShapeNode>): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const id = el.closest<HTMLElement>(".react-flow__node")?.dataset.id;
    if (!id || id.startsWith("ghost:")) continue;
    const kind = byId.get(id)?.data.shape.element.data.kind;
    if (kind && kind !== "lane") return id;
  }
  return null;
}

/** The markers connectors refer to, drawn once per canvas. */
export function ConnectorMarkers() {
  return (
    <svg className="connector-markers" aria-hidden="true">
      <defs>
        <marker id="michi-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#3a4556" />
        </marker>
        <marker id="michi-open-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#fff" stroke="#3a4556" />
        </marker>
        <marker id="michi-line-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10" fill="none" stroke="#3a4556" />
        </marker>
        <marker id="michi-circle" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="7" markerHeight="7">
          <circle cx="5" cy="5" r="4" fill="#fff" stroke="#3a4556" />
        </marker>
      </defs>
    </svg>
  );
}
