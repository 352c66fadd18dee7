// The shapes of the process canvas. Each draws one ShapeView from Rust at the bounds Rust gave it;
// the state layer (counts, stuck badges, heat) is drawn on top when an overlay is shown.

import { memo, useEffect, useRef, useState } from "react";
import { Handle, type Node, type NodeProps, Position, useStore } from "@xyflow/react";
import { useTranslation } from "react-i18next";

import type { NodeOverlay, Severity, ShapeView } from "../bindings";
import { ProblemBadge } from "../diagnosis/ProblemBadge";
import { EvidenceBadge, type EvidenceMark } from "../evidence/Badge";
import { labelOf } from "../app/elements";
import { OverlayBadges, heatColor } from "../overlay/Badges";

export interface ShapeData extends Record<string, unknown> {
  shape: ShapeView;
  overlay: NodeOverlay | null;
  /** A search hit. */
  hit: boolean;
  editing: boolean;
  onRename: (text: string | null) => void;
  onDrill: (() => void) | null;
  /** The most severe diagnosis finding on this element, if any. */
  problem: Severity | null;
  /** The coverage layer's mark, when it is on. */
  evidence?: EvidenceMark | null;
}

export type ShapeNode = Node<ShapeData>;

/** Below this zoom the canvas draws shapes without text (a 2,000-node diagram stays fluid). */
export const LOD_ZOOM = 0.45;

const zoomSelector = (s: { transform: [number, number, number] }) => s.transform[2] < LOD_ZOOM;

function Handles() {
  // Loose connection mode: any handle starts or ends a connector; Rust decides what it becomes.
  return (
    <>
      <Handle type="source" position={Position.Top} id="t" />
      <Handle type="source" position={Position.Right} id="r" />
      <Handle type="source" position={Position.Bottom} id="b" />
      <Handle type="source" position={Position.Left} id="l" />
    </>
  );
}

function Rename({ initial, onDone }: { initial: string; onDone: (text: string | null) => void }) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <textarea
      ref={ref}
      className="shape-rename nodrag"
      value={text}
      rows={2}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onDone(text)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.nativeEvent.isComposing || e.keyCode === 229) return;
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          onDone(text);
        }
        if (e.key === "Escape") onDone(null);
      }}
    />
  );
}

function Label({ data, lod, className }: { data: ShapeData; lod: boolean; className: string }) {
  const { t } = useTranslation();
  const label = labelOf(data.shape.element.data);
  if (data.editing) return <Rename initial={label} onDone={data.onRename} />;
  if (lod) return null;
  return (
    <>
      <div className={className} data-testid="shape-label">
        {label || <span className="placeholder">{t(`kinds.${data.shape.element.data.kind}`)}</span>}
      </div>
      {data.problem && <ProblemBadge severity={data.problem} />}
    </>
  );
}

function classes(data: ShapeData, selected: boolean, ...more: string[]) {
  return ["shape", ...more, selected ? "selected" : "", data.hit ? "hit" : "", data.overlay && data.overlay.stuck.length > 0 ? "stuck" : "", data.problem ? `problem-${data.problem}` : ""]
    .filter(Boolean)
    .join(" ");
}

/** The mark Rust gives a shape (a user task's 人, a gateway's ×), in the UI's language. */
function useMark(shape: ShapeView): string | null {
  const { i18n } = useTranslation();
  const mark = shape.mark;
  return mark ? (i18n.language === "en" ? mark.en : mark.ja) : null;
}

export const ActivityNode = memo(function ActivityNode({ data, selected }: NodeProps<ShapeNode>) {
  const { t } = useTranslation();
  const lod = useStore(zoomSelector);
  const mark = useMark(data.shape);
  const d = data.shape.element.data;
  if (d.kind !== "activity") return null;
  const type = d.type ?? "task";
  const container = type === "subProcess" || type === "transaction" || type === "adHocSubProcess" || type === "callActivity";
  const expanded = data.shape.expanded;
  const heat = data.overlay ? { background: heatColor(data.overlay.heat ?? 0) } : undefined;
  return (
    <div
      className={classes(data, selected, "activity", container ? "container" : "", expanded ? "expanded" : "", type === "callActivity" ? "call" : "")}
      style={heat}
      data-testid="shape"
      data-kind="activity"
      onDoubleClick={data.onDrill ?? undefined}
    >
      <Handles />
      {!lod && mark && <span className="activity-mark">{mark}</span>}
      <Label data={data} lod={lod} className={expanded ? "shape-label top" : "shape-label"} />
      {container && !expanded && (
        <button
          className="drill nodrag"
          title={t("process.drillDown")}
          aria-label={t("process.drillDown")}
          onClick={(e) => {
            e.stopPropagation();
            data.onDrill?.();
          }}
          disabled={!data.onDrill}
        >
          +
        </button>
      )}
      {data.overlay && <OverlayBadges overlay={data.overlay} />}
      {data.evidence && <EvidenceBadge mark={data.evidence} />}
    </div>
  );
});

export const EventNode = memo(function EventNode({ data, selected }: NodeProps<ShapeNode>) {
  const lod = useStore(zoomSelector);
  const d = data.shape.element.data;
  if (d.kind !== "event") return null;
  const position = d.position ?? "start";
  const trigger = d.definitions?.[0]?.trigger;
  return (
    <div className={classes(data, selected, "event", position)} data-testid="shape" data-kind="event">
      <Handles />
      <div className="event-circle">{trigger && !lod && <span className={`trigger ${trigger}`} />}</div>
      <Label data={data} lod={lod} className="shape-label below" />
      {data.overlay && <OverlayBadges overlay={data.overlay} />}
      {data.evidence && <EvidenceBadge mark={data.evidence} />}
    </div>
  );
});

export const GatewayNode = memo(function GatewayNode({ data, selected }: NodeProps<ShapeNode>) {
  const lod = useStore(zoomSelector);
  const mark = useMark(data.shape);
  const d = data.shape.element.data;
  if (d.kind !== "gateway") return null;
  const type = d.type ?? "exclusive";
  return (
    <div className={classes(data, selected, "gateway", type)} data-testid="shape" data-kind="gateway">
      <Handles />
      <div className="diamond" />
      <span className="gateway-mark">{mark}</span>
      <Label data={data} lod={lod} className="shape-label below" />
    </div>
  );
});

export const ArtifactNode = memo(function ArtifactNode({ data, selected }: NodeProps<ShapeNode>) {
  const lod = useStore(zoomSelector);
  const kind = data.shape.element.data.kind;
  const store = kind === "dataObject" && data.shape.element.data.type === "store";
  return (
    <div className={classes(data, selected, kind, store ? "store" : "")} data-testid="shape" data-kind={kind}>
      <Handles />
      <Label data={data} lod={lod} className={kind === "annotation" ? "shape-label left" : kind === "group" ? "shape-label top" : "shape-label below"} />
    </div>
  );
});

export const PoolNode = memo(function PoolNode({ data, selected }: NodeProps<ShapeNode>) {
  const d = data.shape.element.data;
  const side = d.kind === "pool" ? (d.side ?? "none") : "none";
  return (
    <div className={classes(data, selected, "pool", `side-${side}`)} data-testid="pool">
      <div className="band">
        <Label data={data} lod={false} className="band-label" />
      </div>
    </div>
  );
});

export const LaneNode = memo(function LaneNode({ data, selected }: NodeProps<ShapeNode>) {
  return (
    <div className={classes(data, selected, "lane")} data-testid="lane">
      <div className="band">
        <Label data={data} lod={false} className="band-label" />
      </div>
    </div>
  );
});

export const nodeTypes = {
  activity: ActivityNode,
  event: EventNode,
  gateway: GatewayNode,
  artifact: ArtifactNode,
  pool: PoolNode,
  lane: LaneNode,
};

export function nodeType(kind: string): keyof typeof nodeTypes {
  switch (kind) {
    case "activity":
    case "event":
    case "gateway":
    case "pool":
    case "lane":
      return kind;
    default:
      return "artifact";
  }
}
