// The coverage layer on the canvases: how many quotes and customers are behind an element (Rust's
// derive::evidence::coverage); a negative stumbling point with none says so.

import { useTranslation } from "react-i18next";

import type { Behind, ElementData, ElementId } from "../bindings";
import { isoDay } from "../app/dates";

export type EvidenceMark = Behind | "none";

/** The evidence behind each element, by id (null when the layer is off). */
export function evidenceIndex(behind: Behind[] | null): Map<ElementId, Behind> | null {
  return behind ? new Map(behind.map((b) => [b.element.id, b])) : null;
}

/** What the layer shows on an element: its evidence, "none" for a negative stumbling point with none. */
export function evidenceOf(index: Map<ElementId, Behind> | null, id: ElementId, data: ElementData): EvidenceMark | null {
  if (!index) return null;
  const b = index.get(id);
  if (b) return b;
  return data.kind === "stumblingPoint" && data.polarity !== "positive" ? "none" : null;
}

export function EvidenceBadge({ mark }: { mark: EvidenceMark }) {
  const { t } = useTranslation();
  if (mark === "none") {
    return (
      <span className="evidence-badge none" data-testid="evidence-badge" data-accounts="0">
        {t("evidence.noEvidence")}
      </span>
    );
  }
  const title = t("evidence.badgeHint", { quotes: mark.quotes, accounts: mark.accounts, segments: mark.segments, newest: mark.newest != null ? isoDay(mark.newest) : "—" });
  return (
    <span className={`evidence-badge${mark.accounts <= 1 ? " one" : ""}`} data-testid="evidence-badge" data-accounts={mark.accounts} title={title}>
      {t("evidence.badge", { quotes: mark.quotes, accounts: mark.accounts })}
    </span>
  );
}
