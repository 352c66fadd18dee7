// What the state layer draws on a shape or a stage: the cases present, stuck cases, what moved since
// the compared snapshot, and a heat colour for the share of cases.

import { useTranslation } from "react-i18next";

import type { NodeOverlay } from "../bindings";

/** A shade from white to warm red for a node's share of the cases (0..1). */
export function heatColor(heat: number): string {
  const h = Math.max(0, Math.min(1, heat));
  const light = 97 - h * 27;
  return `hsl(${30 - h * 22}deg 90% ${light}%)`;
}

/** Badges on a node's corner, or `inline` in a row (a journey stage's state strip). */
export function OverlayBadges({ overlay, inline = false }: { overlay: NodeOverlay; inline?: boolean }) {
  const { t } = useTranslation();
  const stuck = overlay.stuck.length;
  return (
    <div className={`state-badges${inline ? " inline" : ""}`} data-testid="state-badges">
      <span className="state-count" title={t("state.presentTitle", { count: overlay.present })} data-testid="state-count">
        {overlay.present}
      </span>
      {stuck > 0 && (
        <span
          className="state-stuck"
          data-testid="state-stuck"
          title={t("state.stuckTitle", { count: stuck, days: overlay.stuckAfterDays ?? 0, cases: overlay.stuck.map((s) => s.account ?? s.case).join("、") })}
        >
          ⚠ {stuck}
        </span>
      )}
      {overlay.moved !== null && overlay.moved !== 0 && (
        <span className={`state-moved ${overlay.moved > 0 ? "up" : "down"}`} data-testid="state-moved">
          {overlay.moved > 0 ? `+${overlay.moved}` : `−${-overlay.moved}`}
        </span>
      )}
    </div>
  );
}
