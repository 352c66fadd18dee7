// The ↗ button on a derived line (a playbook step, an org reason, a next action…): it opens the
// element the line comes from.

import { useTranslation } from "react-i18next";

import type { ElementId } from "../bindings";

/** The ↗ button from a derived line to the element it comes from. */
export function TraceButton({ element, onClick }: { element: ElementId; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button className="trace no-print" data-testid="trace" data-element={element} title={t("outputs.trace")} aria-label={t("outputs.trace")} onClick={onClick}>
      ↗
    </button>
  );
}
