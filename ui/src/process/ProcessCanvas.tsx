// The process editor: Rust's ProcessDiagram drawn with @xyflow/react. The canvas keeps only what a
// gesture in progress needs (positions while dragging, the tool being placed); every change is an
// edit sent to Rust, and the canvas redraws what Rust returns.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  ConnectionMode,
  Controls,
  type NodeChange,
  type Viewport,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  getNodesBounds,
  getViewportForBounds,
  useReactFlow,
  useStore,
  useStoreApi,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useTranslation } from "react-i18next";

import type { Behind, Diagnosis, EdgeView, ElementId, ProcessDiagram, ShapeMove, ShapeView } from "../bindings";
import type { TFunction } from "i18next";
import { worstByElement } from "../diagnosis/ProblemBadge";
import type { OverlayState, Session } from "../app/session";
import { labelOf, withLabel } from "../app/elements";
import { type Connector, type ConnectorActions, ConnectorLayer, ConnectorMarkers, joining } from "./edges";
import { Kept } from "./kept";
import { rect } from "./geometry";
import { layoutMoves } from "./layout";
import { type ShapeNode, nodeType, nodeTypes } from "./nodes";
import { Minimap } from "./minimap";
import { OVERVIEW_ZOOM, Overview, isBand, nodeInOverview, shapeAt, shapesInBox } from "./overview";
import { heatColor } from "../overlay/Badges";
import { PALETTE, type PaletteItem, newPool } from "./palette";
import { StateBar } from "../overlay/StateBar";
import { evidenceIndex, evidenceOf } from "../evidence/Badge";
import { type Marks, NO_MARKS } from "../diff/marks";
import { OtherDiagram } from "../diff/OtherDiagram";

interface Props {
  session: Session;
  diagram: ProcessDiagram;
  selected: ElementId[];
  overlay: OverlayState | null;
  structureOnly: boolean;
  findRequest: number;
  diagnosis: Diagnosis | null;
  /** An element to bring into view (a finding was clicked). */
  focus: { id: ElementId; seq: number } | null;
  /** The changes from a version compared with, marked on the diagram. */
  marks?: Marks;
  /** That version's diagram: what this one removed is drawn as ghosts, or beside it whole. */
  other?: ProcessDiagram | null;
  sideBySide?: boolean;
  /** The coverage layer: the evidence behind each element (null: the layer is off). */
  evidence?: Behind[] | null;
}

export function ProcessCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

const MIME = "application/x-michi-palette";
const NO_CONNECTORS: Connector[] = [];
/** Fit to every shape, those the overview draws (hidden nodes) included. */
const FIT = { padding: 0.08, includeHiddenNodes: true };
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 3;

/** The viewport that fits every shape into a pane of this size. */
function fitted(nodes: ShapeNode[], width: number, height: number): Viewport {
  if (nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(getNodesBounds(nodes), width, height, MIN_ZOOM, MAX_ZOOM, FIT.padding);
}
const farSelector = (s: { transform: [number, number, number] }) => s.transform[2] < OVERVIEW_ZOOM;

function Canvas({ session, diagram, selected, overlay, structureOnly, findRequest, diagnosis, focus: focusRequest, marks = NO_MARKS, other = null, sideBySide = false, evidence = null }: Props) {
  const evidenceIx = useMemo(() => evidenceIndex(evidence), [evidence]);
  const { t } = useTranslation();
  const flow = useReactFlow<ShapeNode>();
  // The canvas opens fitted to the diagram: the viewport is worked out from the pane's size before
  // the flow is first drawn (a large diagram is never drawn shape by shape at 100 % first).
  const pane = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport | null>(null);
  // Zoomed out below OVERVIEW_ZOOM: shapes and connectors are drawn by the overview, not as nodes.
  // Until the flow has taken the opening viewport, that viewport decides.
  const [ready, setReady] = useState(false);
  const farNow = useStore(farSelector);
  const far = ready ? farNow : (opening?.zoom ?? 0) < OVERVIEW_ZOOM;
  const [placing, setPlacing] = useState<PaletteItem | null>(null);
  const [renaming, setRenaming] = useState<ElementId | null>(null);
  const [query, setQuery] = useState("");
  const [searching, setSearching] = useState(false);
  const [hitIndex, setHitIndex] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const lastPointer = useRef<{ x: number; y: number } | null>(null);
  // The viewport, shared with the version drawn beside this one.
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const beside = sideBySide && other !== null;
  useEffect(() => {
    if (beside) setViewport(flow.getViewport());
  }, [beside, flow]);

  const problemOf = useMemo(() => worstByElement(diagnosis), [diagnosis]);
  const byId = useMemo(() => new Map(diagram.shapes.map((s) => [s.element.id, s])), [diagram]);
  const overlayOf = useMemo(() => {
    if (!overlay || structureOnly) return new Map();
    return new Map(overlay.data.nodes.map((n) => [n.element, n]));
  }, [overlay, structureOnly]);
  const hits = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!searching || !q) return [];
    return diagram.shapes.filter((s) => labelOf(s.element.data).toLowerCase().includes(q)).map((s) => s.element.id);
  }, [diagram, query, searching]);

  const rename = useCallback(
    (id: ElementId, text: string | null) => {
      setRenaming(null);
      const shape = byId.get(id) ?? diagram.edges.find((e) => e.element.id === id);
      if (text === null || !shape || text === labelOf(shape.element.data)) return;
      void session.edit({ type: "update", id, data: withLabel(shape.element.data, text) });
    },
    [byId, diagram, session],
  );

  // Nodes and edges are made again only for what changed (a patch from Rust keeps the other shapes'
  // objects), so xyflow and React redraw those alone.
  const keptNodes = useRef(new Kept<ShapeNode>()).current;
  const keptEdges = useRef(new Kept<Connector>()).current;
  const renameRef = useRef(rename);
  renameRef.current = rename;

  const built = useMemo<ShapeNode[]>(() => {
    const selectedSet = new Set(selected);
    const hitSet = new Set(hits);
    const nodes = diagram.shapes.map((s, i) => {
      const id = s.element.id;
      const mark = marks.of.get(id);
      const overlay = overlayOf.get(id) ?? null;
      const hit = hitSet.has(id);
      // In the overview a shape's name is edited over the canvas (FloatingRename), not in the node.
      const editing = renaming === id && !far;
      const problem = problemOf.get(id) ?? null;
      const evidence = evidenceOf(evidenceIx, id, s.element.data);
      const isSelected = selectedSet.has(id);
      return keptNodes.get(id, [s, i, isSelected, mark, overlay, hit, editing, problem, evidence, far, t], () => {
        const node = shapeNode(s, i, t);
        return {
          ...node,
          hidden: far && !nodeInOverview(node, isSelected),
          selected: isSelected,
          className: mark ? `diff-${mark}` : undefined,
          data: {
            ...node.data,
            overlay,
            hit,
            editing,
            onRename: (text: string | null) => renameRef.current(id, text),
            onDrill: s.diagram ? () => void session.process.open(s.diagram!) : null,
            problem,
            evidence,
          },
        };
      });
    });
    keptNodes.done();
    // What this version removed, where the version compared with drew it: ghosts, not editable.
    const ghosts = (other?.shapes ?? [])
      .filter((s) => marks.removed.has(s.element.id) && s.element.data.kind !== "pool" && s.element.data.kind !== "lane")
      .map((s, i) => ({ ...shapeNode(s, diagram.shapes.length + i, t), id: `ghost:${s.element.id}`, className: "diff-removed ghost", hidden: far, selectable: false, draggable: false, connectable: false }));
    return ghosts.length > 0 ? [...nodes, ...ghosts] : nodes;
  }, [diagram, selected, hits, overlayOf, renaming, session, t, problemOf, marks, other, evidenceIx, far, keptNodes]);

  // The opening viewport, from the pane's size, before the flow is first drawn.
  useLayoutEffect(() => {
    if (opening || !pane.current) return;
    const { width, height } = pane.current.getBoundingClientRect();
    setOpening(fitted(built, width, height));
  }, [opening, built]);

  // Positions follow a drag locally; anything Rust sends replaces them, in the same render (not in
  // an effect, which would draw the canvas once more with the old nodes).
  const [nodes, setNodes] = useState<ShapeNode[]>(built);
  const [taken, setTaken] = useState(built);
  if (taken !== built) {
    setTaken(built);
    setNodes(built);
  }

  // The frame that paints what Rust sent last (a diagram opened, an edit's result with its
  // diagnosis) is marked `michi-canvas-painted`: what `npm run bench` times an open and an edit's
  // round trip to (scripts/bench-canvas.mjs). Only the latest mark is kept.
  useEffect(() => {
    if (nodes !== built) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        performance.clearMarks("michi-canvas-painted");
        performance.mark("michi-canvas-painted");
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [nodes, built]);

  const edges = useMemo<Connector[]>(() => {
    const selectedSet = new Set(selected);
    const mine: Connector[] = [];
    for (const e of diagram.edges) {
      const source = e.source ? byId.get(e.source) : undefined;
      const target = e.target ? byId.get(e.target) : undefined;
      if (!source || !target) continue;
      const mark = marks.of.get(e.element.id);
      const isSelected = selectedSet.has(e.element.id);
      mine.push(
        keptEdges.get(e.element.id, [e, source, target, isSelected, mark], () => ({
          ...connector(e, source, target),
          selected: isSelected,
          className: mark ? `diff-${mark}` : undefined,
        })),
      );
    }
    keptEdges.done();
    if (!other || marks.removed.size === 0) return mine;
    // Removed connectors between shapes drawn here (or their ghosts).
    const drawn = new Set([...byId.keys()]);
    const end = (id: string) => (drawn.has(id) && !marks.removed.has(id) ? id : `ghost:${id}`);
    const ghosts = connectors(other)
      .filter((e) => marks.removed.has(e.id))
      .map((e) => ({ ...e, id: `ghost:${e.id}`, source: end(e.source), target: end(e.target), className: "diff-removed ghost", ghost: true }));
    return [...mine, ...ghosts];
  }, [diagram, byId, selected, marks, other, keptEdges]);

  // xyflow takes `nodes` into its store in an effect, after the frame that drew the canvas around
  // them: one paint more per answer (two per drag step) on a large diagram. They go in here before
  // that frame instead; its own effect then finds the same objects (the mount is left to xyflow).
  // Connectors are not xyflow's: ConnectorLayer draws them (edges.tsx says why).
  const flowStore = useStoreApi<ShapeNode>();
  useLayoutEffect(() => {
    const s = flowStore.getState();
    if (!ready) return;
    if (s.nodes !== nodes) s.setNodes(nodes);
  }, [flowStore, ready, nodes]);

  // Where a selection box (Shift+drag) began, in flow coordinates. Below the overview's zoom xyflow's
  // box sees only pools and lanes (the other shapes are hidden nodes): the shapes wholly inside it
  // are added when it closes, as xyflow selects nodes.
  const boxStart = useRef<{ x: number; y: number } | null>(null);

  // Selection is the session's (so Properties, copy and delete see it); clicks and the selection
  // box arrive here as changes, in the order they were made.
  const applySelection = useCallback(
    (changes: NodeChange<ShapeNode>[]) => {
      let next = [...session.process.getState().selected];
      let changed = false;
      for (const c of changes) {
        if (c.type !== "select") continue;
        changed = true;
        if (c.selected) {
          if (!next.includes(c.id)) next.push(c.id);
        } else next = next.filter((id) => id !== c.id);
      }
      if (changed) session.process.selectShapes(next);
    },
    [session],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ShapeNode>[]) => {
      applySelection(changes);
      setNodes((current) => {
        let next = applyNodeChanges(
          changes.filter((c) => c.type === "position" || c.type === "dimensions"),
          current,
        );
        // A pool carries what it holds while it is dragged.
        for (const c of changes) {
          if (c.type !== "position" || !c.position) continue;
          const pool = byId.get(c.id);
          if (pool?.element.data.kind !== "pool") continue;
          const pb = rect(pool.bounds);
          const dx = c.position.x - pb.x;
          const dy = c.position.y - pb.y;
          next = next.map((n) => {
            const s = byId.get(n.id);
            if (!s || s.element.id === c.id || (s.pool !== c.id && s.element.id !== c.id)) return n;
            const sb = rect(s.bounds);
            return { ...n, position: { x: sb.x + dx, y: sb.y + dy } };
          });
        }
        return next;
      });
    },
    [byId, applySelection],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, _node: ShapeNode, dragged: ShapeNode[]) => {
      const pools = new Set(dragged.filter((n) => byId.get(n.id)?.element.data.kind === "pool").map((n) => n.id));
      const moves: ShapeMove[] = dragged
        .filter((n) => {
          const s = byId.get(n.id);
          if (!s || s.element.data.kind === "lane") return false;
          // What a dragged pool holds moves with it in Rust.
          if (s.pool && pools.has(s.pool)) return false;
          const b = rect(s.bounds);
          return Math.abs(n.position.x - b.x) > 0.5 || Math.abs(n.position.y - b.y) > 0.5;
        })
        .map((n) => ({ id: n.id, x: Math.round(n.position.x), y: Math.round(n.position.y) }));
      if (moves.length > 0) void session.edit({ type: "moveShapes", view: diagram.view, moves });
    },
    [byId, diagram.view, session],
  );

  const place = useCallback(
    async (item: PaletteItem, clientX: number, clientY: number) => {
      setPlacing(null);
      const at = flow.screenToFlowPosition({ x: clientX, y: clientY });
      const created = await session.edit({ type: "addNode", view: diagram.view, data: item.data(t), at });
      const id = created?.[0];
      if (id) {
        session.process.selectShapes([id]);
        setRenaming(id);
      }
    },
    [diagram.view, flow, session, t],
  );

  const connect = useCallback(
    (from: ElementId, to: ElementId) => void session.edit({ type: "connect", view: diagram.view, from, to }),
    [diagram.view, session],
  );

  const arrange = useCallback(async () => {
    const moves = await layoutMoves(diagram);
    if (moves.length > 0) await session.edit({ type: "arrange", view: diagram.view, moves });
    window.setTimeout(() => void flow.fitView({ ...FIT, duration: 200, padding: 0.1 }), 50);
  }, [diagram, flow, session]);

  const focus = useCallback(
    (id: ElementId) => {
      const s = byId.get(id);
      if (!s) return;
      session.process.selectShapes([id]);
      const b = rect(s.bounds);
      void flow.setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 200 });
    },
    [byId, flow, session],
  );

  // In the overview a click lands on the pane (or a selected pool or lane): the shape drawn there is
  // the one meant (6 px of slack on screen), with `bands` else the pool or lane drawn there. Shift,
  // Ctrl or Cmd adds it to the selection or takes it out.
  const farShape = useCallback(
    (e: React.MouseEvent, bands = false) => {
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      return shapeAt(nodes, at, 6 / flow.getZoom(), bands);
    },
    [flow, nodes],
  );
  const farClick = useCallback(
    (e: React.MouseEvent): boolean => {
      const hit = farShape(e, true);
      if (!hit) return false;
      const current = session.process.getState().selected;
      if (e.shiftKey || e.ctrlKey || e.metaKey) {
        session.process.selectShapes(current.includes(hit.id) ? current.filter((id) => id !== hit.id) : [...current, hit.id]);
      } else session.process.selectShapes([hit.id]);
      return true;
    },
    [farShape, session],
  );

  // A finding or a usage was clicked: bring its element into view (also right after this canvas opened).
  const seenFocus = useRef<number | null>(null);
  useEffect(() => {
    if (!focusRequest || focusRequest.seq === seenFocus.current || !byId.has(focusRequest.id)) return;
    seenFocus.current = focusRequest.seq;
    const id = focusRequest.id;
    window.setTimeout(() => focus(id), 60);
  }, [focusRequest, byId, focus]);

  // Ctrl+F opens the search (App counts requests); Enter goes from hit to hit.
  const seenFind = useRef(findRequest);
  useEffect(() => {
    if (findRequest === seenFind.current) return;
    seenFind.current = findRequest;
    setSearching(true);
    window.setTimeout(() => searchRef.current?.select(), 0);
  }, [findRequest]);

  // Rename on Enter/F2 from App; Ctrl+V pastes where the pointer is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
      if ((e.key === "Enter" || e.key === "F2") && selected.length === 1 && selected[0]) {
        const kind = byId.get(selected[0])?.element.data.kind;
        if (kind || diagram.edges.some((x) => x.element.id === selected[0])) {
          e.preventDefault();
          setRenaming(selected[0]);
        }
      }
      if (e.key === "Escape" && placing) setPlacing(null);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [byId, diagram.edges, placing, selected]);

  const pasteHere = useCallback(() => {
    const clip = session.process.getState().clipboard;
    if (!clip) return;
    const xs = clip.placements.map((c) => c.placement.x ?? 0);
    const ys = clip.placements.map((c) => c.placement.y ?? 0);
    const p = lastPointer.current ?? { x: Math.min(...xs) + 40, y: Math.min(...ys) + 40 };
    void session.process.paste(p);
  }, [session]);
  useEffect(() => {
    const onPaste = () => pasteHere();
    window.addEventListener("michi:paste", onPaste);
    return () => window.removeEventListener("michi:paste", onPaste);
  }, [pasteHere]);

  const selectedPool = useMemo(() => {
    for (const id of selected) {
      const s = byId.get(id);
      if (s?.element.data.kind === "pool") return s.element.id;
      if (s?.pool) return s.pool;
    }
    return diagram.shapes.find((s) => s.element.data.kind === "pool")?.element.id ?? null;
  }, [byId, diagram, selected]);

  const connectorActions = useMemo<ConnectorActions>(
    () => ({
      select: (id, add) => {
        const now = session.process.getState().selected;
        if (!add) session.process.selectShapes([id]);
        else session.process.selectShapes(now.includes(id) ? now.filter((x) => x !== id) : [...now, id]);
      },
      rename: (id) => setRenaming(id),
      reconnect: (flow, source, to) => void session.edit({ type: "reconnect", view: diagram.view, flow, source, to }),
    }),
    [diagram.view, session],
  );

  const connectable = selected.length === 2 && selected.every((id) => byId.has(id));

  return (
    <div className="process-editor">
      <div className="process-toolbar" role="toolbar" aria-label={t("process.toolbar")}>
        <nav className="breadcrumb" aria-label={t("process.breadcrumb")}>
          {diagram.parents.map((p) => (
            <span key={p.view}>
              <button className="link" onClick={() => void session.process.open(p.view)}>
                {p.name || "—"}
              </button>
              <span className="crumb-sep">›</span>
            </span>
          ))}
          <strong data-testid="diagram-name">{diagram.name || "—"}</strong>
        </nav>
        <div className="palette" aria-label={t("process.palette")}>
          {PALETTE.map((item) => (
            <button
              key={item.key}
              className={`palette-item${placing?.key === item.key ? " on" : ""}`}
              draggable
              data-testid={`palette-${item.key}`}
              aria-pressed={placing?.key === item.key}
              title={t(`palette.${item.key}Hint`)}
              onDragStart={(e) => {
                e.dataTransfer.setData(MIME, item.key);
                e.dataTransfer.effectAllowed = "copy";
              }}
              onClick={() => setPlacing(placing?.key === item.key ? null : item)}
            >
              <span className={`palette-icon ${item.key}`} aria-hidden="true" />
              {t(`palette.${item.key}`)}
            </button>
          ))}
        </div>
        <div className="toolbar-group">
          <button
            data-testid="add-lane"
            disabled={!selectedPool}
            onClick={() => selectedPool && void session.edit({ type: "addLane", view: diagram.view, pool: selectedPool, name: t("process.newLaneName") })}
          >
            + {t("process.addLane")}
          </button>
          <button
            data-testid="add-pool"
            disabled={diagram.root.data.kind !== "collaboration"}
            onClick={() => void session.edit({ type: "addPool", view: diagram.view, pool: newPool(t, "partner") })}
          >
            + {t("process.addPool")}
          </button>
          <button data-testid="connect" disabled={!connectable} title={t("process.connectHint")} onClick={() => connectable && connect(selected[0]!, selected[1]!)}>
            {t("process.connect")}
          </button>
          <button data-testid="auto-layout" onClick={() => void arrange()}>
            {t("process.autoLayout")}
          </button>
        </div>
      </div>
      <StateBar session={session} defaultTarget={modelOf(session, diagram)} overlay={overlay} structureOnly={structureOnly} />
      <div className={sideBySide && other ? "side-by-side process" : "single"}>
      {sideBySide && other && (
        <OtherDiagram
          diagram={other}
          marks={marks}
          name={session.getState().comparison?.version.name ?? ""}
          viewport={viewport}
          onViewport={(v) => {
            setViewport(v);
            void flow.setViewport(v);
          }}
        />
      )}
      <div
        ref={pane}
        className={`process-flow${placing ? " placing" : ""}${sideBySide && other ? " pane this" : ""}`}
        data-testid="process-canvas"
        onPointerMove={(e) => {
          lastPointer.current = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        }}
        onClick={(e) => {
          // A connector's label selects the connector (a label is easier to hit than a line).
          const edge = (e.target as HTMLElement).closest<HTMLElement>("[data-edge]")?.dataset.edge;
          if (edge && !edge.startsWith("ghost:")) session.process.selectShapes([edge]);
        }}
        onDoubleClick={(e) => {
          // In the overview a double click on a shape (drawn over the pane) zooms to it; one on
          // a pool or lane renames it, as nearer.
          if (!far || !(e.target as Element).classList.contains("react-flow__pane")) return;
          const hit = farShape(e, true);
          if (hit && isBand(hit)) {
            session.process.selectShapes([hit.id]);
            setRenaming(hit.id);
          } else if (hit) focus(hit.id);
        }}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(MIME)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
          }
        }}
        onDrop={(e) => {
          const key = e.dataTransfer.getData(MIME);
          const item = PALETTE.find((p) => p.key === key);
          if (!item) return;
          e.preventDefault();
          void place(item, e.clientX, e.clientY);
        }}
      >
        {searching && (
          <div className="search-bar" role="search">
            <input
              ref={searchRef}
              data-testid="search"
              placeholder={t("process.searchPlaceholder")}
              aria-label={t("process.search")}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setHitIndex(0);
              }}
              onKeyDown={(e) => {
                if (e.nativeEvent.isComposing || e.keyCode === 229) return;
                if (e.key === "Enter" && hits.length > 0) {
                  const i = (e.shiftKey ? hitIndex - 1 + hits.length : hitIndex) % hits.length;
                  focus(hits[i]!);
                  setHitIndex(i + (e.shiftKey ? 0 : 1));
                }
                if (e.key === "Escape") {
                  setSearching(false);
                  setQuery("");
                }
              }}
            />
            <span className="muted small" data-testid="search-count">
              {query.trim() ? t("process.hits", { count: hits.length }) : ""}
            </span>
            <button className="link" onClick={() => (setSearching(false), setQuery(""))}>
              {t("process.closeSearch")}
            </button>
          </div>
        )}
        {placing && <div className="placing-hint">{t("process.placingHint", { item: t(`palette.${placing.key}`) })}</div>}
        {diagram.unplaced > 0 && <div className="placing-hint warn">{t("process.unplaced", { count: diagram.unplaced })}</div>}
        <ConnectorMarkers />
        {opening && (
          <ReactFlow<ShapeNode>
            nodes={nodes}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onNodeDragStop={onNodeDragStop}
            onConnect={(c) => c.source && c.target && connect(c.source, c.target)}
            onMove={sideBySide && other ? (_, vp) => setViewport(vp) : undefined}
            onNodeClick={(e, node) => {
              if (far && !placing && farClick(e)) return;
              if (placing) {
                e.stopPropagation();
                void place(placing, e.clientX, e.clientY);
              } else if (!e.shiftKey && !e.ctrlKey && !e.metaKey) {
                // A plain click selects just this shape (whatever the selection box left behind).
                session.process.selectShapes([node.id]);
              }
            }}
            onNodeDoubleClick={(e, node) => {
              const hit = far ? farShape(e) : null;
              if (hit) focus(hit.id);
              else if (node.data.onDrill) node.data.onDrill();
              else setRenaming(node.id);
            }}
            onPaneClick={(e) => {
              if (placing) void place(placing, e.clientX, e.clientY);
              else if (!(far && farClick(e))) session.process.selectShapes([]);
            }}
            connectionMode={ConnectionMode.Loose}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            onSelectionStart={() => {
              const r = flowStore.getState().userSelectionRect;
              boxStart.current = r ? { x: r.startX, y: r.startY } : null;
            }}
            onSelectionEnd={(e) => {
              const start = boxStart.current;
              boxStart.current = null;
              const before = session.process.getState().selected;
              let now = before;
              if (far && start) {
                const inside = shapesInBox(nodes, start, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
                now = [...now, ...inside.filter((id) => !now.includes(id))];
              }
              // The connectors between the shapes the box took in come with them.
              const between = joining(edges, new Set(now));
              if (now !== before || between.length > 0) session.process.selectShapes([...now, ...between]);
            }}
            multiSelectionKeyCode={["Shift", "Meta", "Control"]}
            zoomOnDoubleClick={false}
            onlyRenderVisibleElements
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            defaultViewport={opening}
            onInit={() => setReady(true)}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} size={1} color="#dde1e8" />
            <Minimap nodes={nodes} color={minimapColor} label={t("process.minimap")} />
            <Controls showInteractive={false} fitViewOptions={FIT} />
            <ConnectorLayer connectors={far ? NO_CONNECTORS : edges} nodes={nodes} actions={connectorActions} />
            {far && <Overview nodes={nodes} connectors={edges} />}
          </ReactFlow>
        )}
        {renaming && diagram.edges.some((e) => e.element.id === renaming) && (
          <FloatingRename
            label={t("process.flowLabel")}
            initial={labelOf(diagram.edges.find((e) => e.element.id === renaming)!.element.data)}
            onDone={(text) => rename(renaming, text)}
          />
        )}
        {renaming && far && byId.has(renaming) && (
          <FloatingRename
            label={t(`kinds.${byId.get(renaming)!.element.data.kind}`)}
            initial={labelOf(byId.get(renaming)!.element.data)}
            onDone={(text) => rename(renaming, text)}
          />
        )}
      </div>
      </div>
    </div>
  );
}

/** A name edited over the canvas: a connector's, or a shape's in the overview (too small there to
 * edit in place). Enter or leaving keeps it, Esc drops it. */
function FloatingRename({ label, initial, onDone }: { label: string; initial: string; onDone: (text: string | null) => void }) {
  const [text, setText] = useState(initial);
  return (
    <div className="edge-rename">
      <label>
        {label}
        <input
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => onDone(text)}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing || e.keyCode === 229) return;
            if (e.key === "Enter") onDone(text);
            if (e.key === "Escape") onDone(null);
          }}
        />
      </label>
    </div>
  );
}

/** The process model a diagram (or the diagram it drills down from) belongs to. */
function modelOf(session: Session, diagram: ProcessDiagram): ElementId | null {
  const diagrams = session.getState().outline?.diagrams ?? [];
  const own = diagrams.find((d) => d.view === diagram.view) ?? diagrams.find((d) => diagram.parents.some((p) => p.view === d.view));
  return own?.model ?? null;
}

/** A shape's colour on the minimap (one function for every render: a new one would draw the
 * minimap's bitmap again). */
function minimapColor(n: ShapeNode): string {
  const o = n.data.overlay;
  if (o) return heatColor(o.heat ?? 0);
  const kind = n.data.shape.element.data.kind;
  return kind === "pool" ? "#eef1f7" : kind === "lane" ? "#f6f7fa" : "#8a94a6";
}

/** Containers (pools, lanes) are drawn below every other shape; connectors go over all of them
 * (ConnectorLayer). */
const BELOW = -1_000_000;

/** A shape as an xyflow node, before what the canvas adds (selection, overlay, editing); `i` is its
 * place in drawing order. */
export function shapeNode(s: ShapeView, i: number, t: TFunction): ShapeNode {
  const kind = s.element.data.kind;
  const container = kind === "pool" || kind === "lane";
  const b = rect(s.bounds);
  return {
    id: s.element.id,
    type: nodeType(kind),
    position: { x: b.x, y: b.y },
    width: b.width,
    height: b.height,
    // Known sizes: without them xyflow forgets each node's handles whenever the array changes,
    // re-measures every node and draws all of them, visible or not.
    measured: { width: b.width, height: b.height },
    zIndex: container ? BELOW + i : i,
    draggable: kind !== "lane",
    connectable: !container,
    ariaLabel: `${t(`kinds.${kind}`)} ${labelOf(s.element.data)}`,
    data: { shape: s, overlay: null, hit: false, editing: false, onRename: () => undefined, onDrill: null, problem: null },
  };
}

/** A connector between two shapes, as the canvas draws it. */
function connector(e: EdgeView, source: ShapeView, target: ShapeView): Connector {
  return {
    id: e.element.id,
    source: source.element.id,
    target: target.element.id,
    edge: e,
    sourceBounds: rect(source.bounds),
    targetBounds: rect(target.bounds),
    selected: false,
  };
}

/** A diagram's connectors between its shapes. */
export function connectors(diagram: ProcessDiagram): Connector[] {
  const byId = new Map(diagram.shapes.map((s) => [s.element.id, s]));
  return diagram.edges.flatMap((e) => {
    const source = e.source ? byId.get(e.source) : undefined;
    const target = e.target ? byId.get(e.target) : undefined;
    return source && target ? [connector(e, source, target)] : [];
  });
}
