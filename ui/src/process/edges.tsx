// Connectors, drawn along the waypoints Rust routed (the diagram's BPMN DI). While a shape is being
// dragged its ends follow it; Rust reroutes when the drag ends.

import { memo } from "react";
import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps, useInternalNode } from "@xyflow/react";

import type { EdgeView } from "../bindings";
import { type Rect, type XY, rect, xy } from "./geometry";
import { labelOf } from "../app/elements";

export interface ConnectorData extends Record<string, unknown> {
  edge: EdgeView;
  sourceBounds: Rect | null;
  targetBounds: Rect | null;
}

export type ConnectorEdge = Edge<ConnectorData>;

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

function pathOf(points: XY[]): string {
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

export const Connector = memo(function Connector({ id, source, target, data, selected }: EdgeProps<ConnectorEdge>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!data) return null;
  const points = routePoints(
    data.edge.waypoints.map(xy),
    { stored: data.sourceBounds, now: s?.internals.positionAbsolute ?? null },
    { stored: data.targetBounds, now: t?.internals.positionAbsolute ?? null },
  );
  if (points.length < 2) return null;
  const kind = data.edge.element.data.kind;
  const label = labelOf(data.edge.element.data);
  const at = label ? labelPoint(data.edge, points) : null;
  const marker =
    kind === "sequenceFlow" ? "url(#michi-arrow)" : kind === "messageFlow" ? "url(#michi-open-arrow)" : kind === "dataAssociation" ? "url(#michi-line-arrow)" : undefined;
  const start = kind === "messageFlow" ? "url(#michi-circle)" : undefined;
  return (
    <>
      <BaseEdge
        id={id}
        path={pathOf(points)}
        markerEnd={marker}
        markerStart={start}
        className={`connector ${kind}${selected ? " selected" : ""}`}
        interactionWidth={14}
      />
      {at && (
        <EdgeLabelRenderer>
          <div className="connector-label nopan" data-edge={id} data-testid="connector-label" style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)`, pointerEvents: "all" }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes = { connector: Connector };

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
