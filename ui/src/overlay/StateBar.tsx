// The state layer's controls above the canvas: which snapshot is laid over the structure, which
// one it is compared with, structure only, and where snapshots come from (a CSV, or counts typed by hand).

import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ElementId } from "../bindings";
import type { OverlayState, Session } from "../app/session";
import { exportPngWithDialog } from "../app/files";
import { CsvImportDialog } from "./CsvImportDialog";

/** A snapshot's moment as written in its source (the file's clock, shown as is). */
export function formatAsOf(asOf: number | null, lang: string): string {
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date((asOf ?? 0) * 1000));
}

/** The snapshot's nodes on the diagram on screen (one snapshot may cover several journeys). */
function shownNodes(session: Session, overlay: OverlayState) {
  const { mode } = session.getState();
  const map = session.journey.getState().map;
  const diagram = session.process.getState().diagram;
  const shown =
    mode === "journey" && map ? new Set(map.stages.map((s) => s.stage.id)) : mode === "process" && diagram ? new Set(diagram.shapes.map((s) => s.element.id)) : null;
  return overlay.data.nodes.filter((n) => !shown || shown.has(n.element));
}

interface Props {
  session: Session;
  /** The model a CSV import targets first: the process or journey on screen. */
  defaultTarget: ElementId | null;
  overlay: OverlayState | null;
  structureOnly: boolean;
}

export function StateBar({ session, defaultTarget, overlay, structureOnly }: Props) {
  const { t, i18n } = useTranslation();
  const [importing, setImporting] = useState(false);
  const snapshots = session.getState().outline?.snapshots ?? [];
  const label = (id: ElementId) => {
    const s = snapshots.find((x) => x.id === id);
    return s ? `${s.name} (${formatAsOf(s.asOf, i18n.language)})` : id;
  };
  const createManual = async () => {
    const now = Date.now() / 1000;
    // The file's clock is local time written as is: shift "now" the same way.
    const local = now - new Date().getTimezoneOffset() * 60;
    const created = await session.edit({
      type: "create",
      data: { kind: "stateSnapshot", name: t("state.manualName"), asOf: local, source: "", manual: true, entries: [] },
    });
    if (created?.[0]) await session.showOverlay(created[0]);
  };
  return (
    <div className="state-bar" role="group" aria-label={t("state.title")}>
      <span className="state-title">{t("state.title")}</span>
      <label className="state-field">
        {t("state.snapshot")}
        <select
          data-testid="snapshot-select"
          value={overlay?.snapshot ?? ""}
          onChange={(e) => void session.showOverlay(e.target.value || null, null)}
        >
          <option value="">{t("state.none")}</option>
          {snapshots.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s.id)}
            </option>
          ))}
        </select>
      </label>
      <label className="state-field">
        {t("state.compare")}
        <select
          data-testid="compare-select"
          disabled={!overlay}
          value={overlay?.compare ?? ""}
          onChange={(e) => overlay && void session.showOverlay(overlay.snapshot, e.target.value || null)}
        >
          <option value="">{t("state.noCompare")}</option>
          {snapshots
            .filter((s) => s.id !== overlay?.snapshot)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {label(s.id)}
              </option>
            ))}
        </select>
      </label>
      <label className="state-toggle">
        <input
          type="checkbox"
          data-testid="structure-only"
          checked={structureOnly}
          disabled={!overlay}
          onChange={(e) => session.setStructureOnly(e.target.checked)}
        />
        {t("state.structureOnly")}
      </label>
      {overlay && !structureOnly && (
        <span className="state-summary" data-testid="state-summary">
          {t("state.summary", {
            cases: shownNodes(session, overlay).reduce((n, x) => n + x.present, 0),
            stuck: shownNodes(session, overlay).reduce((n, x) => n + x.stuck.length, 0),
          })}
        </span>
      )}
      <label className="state-toggle" title={t("evidence.layerHint")}>
        <input type="checkbox" data-testid="evidence-layer" checked={session.getState().evidenceLayer} onChange={(e) => void session.showEvidenceLayer(e.target.checked)} />
        {t("evidence.layer")}
      </label>
      <span className="toolbar-spacer" />
      <button data-testid="import-csv" onClick={() => setImporting(true)}>
        {t("state.importCsv")}
      </button>
      <button data-testid="manual-snapshot" onClick={() => void createManual()}>
        {t("state.newManual")}
      </button>
      <button
        data-testid="export-png"
        title={t("state.exportPngHint")}
        onClick={() => void exportPngWithDialog(session, t, document.querySelector<HTMLElement>(".process-flow, .map-scroll"), i18n.language === "en" ? "en" : "ja")}
      >
        {t("state.exportPng")}
      </button>
      {importing && <CsvImportDialog session={session} defaultTarget={defaultTarget} onClose={() => setImporting(false)} />}
    </div>
  );
}
