// The process canvas's minimap: every shape drawn into a bitmap (made again only when the shapes
// change, a drag step included), under the frame of what the view shows, dragged and wheeled as
// xyflow's own MiniMap is (XYMinimap, from @xyflow/system). xyflow's MiniMap draws an SVG element
// per node: at 5,000 shapes every change repaints all of them (~150 ms an edit in WebKitGTK under
// Xvfb, measured with scripts/bench-canvas.mjs), and it leaves hidden nodes out, which below the
// overview's zoom are all shapes but pools and lanes.

import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { Panel, type ReactFlowState, getNodesBounds, useStore, useStoreApi } from "@xyflow/react";
import { XYMinimap, type XYMinimapInstance, getBoundsOfRects } from "@xyflow/system";

import type { Rect } from "./geometry";
import type { ShapeNode } from "./nodes";

/** The minimap's size on screen (xyflow's MiniMap default). */
export const MINIMAP = { width: 200, height: 150 };
/** Room around the drawing, in minimap pixels. */
const OFFSET = 5;
/** The bitmap's pixels per minimap pixel at the widest view. */
const DETAIL = 2;

/** The shapes drawn in order (pools and lanes first: the drawing order), each at least a pixel. */
function bitmapOf(nodes: ShapeNode[], bounds: Rect, color: (n: ShapeNode) => string): HTMLCanvasElement {
  const scale = Math.min((MINIMAP.width * DETAIL) / Math.max(bounds.width, 1), (MINIMAP.height * DETAIL) / Math.max(bounds.height, 1));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.ceil(bounds.width * scale));
  canvas.height = Math.max(1, Math.ceil(bounds.height * scale));
  const ctx = canvas.getContext("2d");
  if (!ctx) return canvas;
  for (const n of nodes) {
    ctx.fillStyle = color(n);
    const w = Math.max((n.width ?? 0) * scale, 1);
    const h = Math.max((n.height ?? 0) * scale, 1);
    ctx.fillRect((n.position.x - bounds.x) * scale, (n.position.y - bounds.y) * scale, w, h);
  }
  return canvas;
}

type Seen = [number, number, number, number, number, ReactFlowState["panZoom"], ReactFlowState["translateExtent"]];
const seen = (s: ReactFlowState): Seen => [s.transform[0], s.transform[1], s.transform[2], s.width, s.height, s.panZoom, s.translateExtent];
const same = (a: Seen, b: Seen) => a.every((x, i) => x === b[i]);

export function Minimap({ nodes, color, label }: { nodes: ShapeNode[]; color: (n: ShapeNode) => string; label: string }) {
  const store = useStoreApi();
  const [tx, ty, zoom, flowWidth, flowHeight, panZoom, translateExtent] = useStore(seen, same);
  const svg = useRef<SVGSVGElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  const bounds = useMemo(() => (nodes.length > 0 ? getNodesBounds(nodes) : null), [nodes]);
  const bitmap = useMemo(() => (bounds ? bitmapOf(nodes, bounds, color) : null), [nodes, bounds, color]);

  // What the minimap shows (as xyflow's MiniMap works it out): the drawing and the view, fitted.
  const view: Rect = { x: -tx / zoom, y: -ty / zoom, width: flowWidth / zoom, height: flowHeight / zoom };
  const shown = bounds ? getBoundsOfRects(bounds, view) : view;
  const viewScale = Math.max(shown.width / MINIMAP.width, shown.height / MINIMAP.height);
  const offset = OFFSET * viewScale;
  const box: Rect = {
    x: shown.x - (viewScale * MINIMAP.width - shown.width) / 2 - offset,
    y: shown.y - (viewScale * MINIMAP.height - shown.height) / 2 - offset,
    width: viewScale * MINIMAP.width + 2 * offset,
    height: viewScale * MINIMAP.height + 2 * offset,
  };
  const viewScaleRef = useRef(viewScale);
  viewScaleRef.current = viewScale;

  // The bitmap onto the minimap, where the box puts the drawing.
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx || !canvas.current) return;
    const ratio = canvas.current.width / MINIMAP.width;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.current.width, canvas.current.height);
    if (!bitmap || !bounds) return;
    // As the SVG fits its viewBox (preserveAspectRatio's default: uniform, centred).
    const k = Math.min(MINIMAP.width / box.width, MINIMAP.height / box.height);
    const cx = (MINIMAP.width - box.width * k) / 2;
    const cy = (MINIMAP.height - box.height * k) / 2;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(bitmap, ((bounds.x - box.x) * k + cx) * ratio, ((bounds.y - box.y) * k + cy) * ratio, bounds.width * k * ratio, bounds.height * k * ratio);
  }, [bitmap, bounds, box.x, box.y, box.width, box.height]);

  // Dragging the minimap pans the canvas, the wheel zooms it (xyflow's own handling).
  const minimap = useRef<XYMinimapInstance | null>(null);
  useEffect(() => {
    if (!svg.current || !panZoom) return;
    const instance = XYMinimap({ domNode: svg.current, panZoom, getTransform: () => store.getState().transform, getViewScale: () => viewScaleRef.current });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = null;
    };
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({ translateExtent, width: flowWidth, height: flowHeight, pannable: true, zoomable: true, zoomStep: 1, inversePan: false });
  }, [translateExtent, flowWidth, flowHeight, panZoom]);

  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  return (
    <Panel position="bottom-right" className="react-flow__minimap michi-minimap" data-testid="minimap">
      <canvas ref={canvas} width={MINIMAP.width * ratio} height={MINIMAP.height * ratio} style={{ width: MINIMAP.width, height: MINIMAP.height }} />
      <svg ref={svg} width={MINIMAP.width} height={MINIMAP.height} viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} className="react-flow__minimap-svg" role="img" aria-label={label}>
        <path
          className="react-flow__minimap-mask"
          d={`M${box.x - offset},${box.y - offset}h${box.width + offset * 2}v${box.height + offset * 2}h${-box.width - offset * 2}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
