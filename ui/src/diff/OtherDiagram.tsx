// The version compared with, drawn beside this one (read-only): its process diagram with what this
// version removed marked, panned and zoomed with this one.

import { useMemo } from "react";
import { ConnectionMode, ReactFlow, ReactFlowProvider, type Viewport } from "@xyflow/react";
import { useTranslation } from "react-i18next";

import type { ProcessDiagram } from "../bindings";
import type { Marks } from "./marks";
import { connectors, shapeNode } from "../process/ProcessCanvas";
import { ConnectorLayer } from "../process/edges";
import { nodeTypes } from "../process/nodes";

export function OtherDiagram({ diagram, marks, name, viewport, onViewport }: { diagram: ProcessDiagram; marks: Marks; name: string; viewport: Viewport | null; onViewport: (v: Viewport) => void }) {
  const { t } = useTranslation();
  const nodes = useMemo(
    () =>
      diagram.shapes.map((s, i) => ({
        ...shapeNode(s, i, t),
        draggable: false,
        connectable: false,
        selectable: false,
        className: marks.removed.has(s.element.id) ? "diff-removed" : undefined,
      })),
    [diagram, marks, t],
  );
  const lines = useMemo(() => connectors(diagram).map((e) => ({ ...e, className: marks.removed.has(e.id) ? "diff-removed" : undefined })), [diagram, marks]);
  return (
    <div className="pane other" data-testid="other-pane">
      <div className="pane-title" data-testid="other-pane-title">{t("compare.otherPane", { name })}</div>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          connectionMode={ConnectionMode.Loose}
          {...(viewport ? { viewport, onViewportChange: onViewport } : { fitView: true })}
          minZoom={0.05}
          maxZoom={3}
          proOptions={{ hideAttribution: true }}
        >
          <ConnectorLayer connectors={lines} nodes={nodes} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
