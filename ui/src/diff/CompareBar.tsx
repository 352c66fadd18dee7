// Comparing the diagram on screen with another version: which one, the legend of the marks, the
// number of changes, side by side, and the list of changes.

import { useTranslation } from "react-i18next";

import type { ShownCompare } from "../bindings";
import type { Session } from "../app/session";
import type { HeldState } from "../diagnosis/patch";

export function CompareBar({ session, workspace, comparison, sideBySide, changesOpen }: { session: Session; workspace: HeldState; comparison: ShownCompare | null; sideBySide: boolean; changesOpen: boolean }) {
  const { t } = useTranslation();
  const others = workspace.versions.filter((v) => v.id !== workspace.version);
  if (others.length === 0) return null;
  const compare = session.getState().compare;
  return (
    <div className={`compare-bar${comparison ? " on" : ""}`} data-testid="compare-bar" role="toolbar" aria-label={t("compare.label")}>
      <label>
        {t("compare.with")}
        <select data-testid="version-compare" value={compare ?? ""} onChange={(e) => void session.compareWith(e.target.value === "" ? null : Number(e.target.value))}>
          <option value="">{t("compare.none")}</option>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {comparison && (
        <>
          <span className="compare-count" data-testid="compare-count">
            {t("compare.count", { count: comparison.changes.length, name: comparison.version.name })}
          </span>
          <span className="legend" aria-label={t("compare.legend")}>
            <span className="swatch diff-added">{t("compare.added")}</span>
            <span className="swatch diff-removed">{t("compare.removed")}</span>
            <span className="swatch diff-changed">{t("compare.changed")}</span>
            <span className="swatch diff-layout">{t("compare.layout")}</span>
          </span>
          <button data-testid="side-by-side" aria-pressed={sideBySide} className={sideBySide ? "on" : ""} onClick={() => session.setSideBySide(!sideBySide)}>
            {t("compare.sideBySide")}
          </button>
          <button data-testid="changes-toggle" aria-pressed={changesOpen} className={changesOpen ? "on" : ""} onClick={() => session.toggleChanges()}>
            {t("compare.changes")}
          </button>
          <button data-testid="open-gaps" onClick={() => void session.openGaps()}>
            {t("compare.gaps")}
          </button>
        </>
      )}
    </div>
  );
}
