// The mark a diagnosis finding leaves on a shape, a stage or a card; the worst finding per element.

import { useTranslation } from "react-i18next";

import type { Diagnosis, ElementId, Severity } from "../bindings";
import { SEVERITY_MARK } from "./ProblemsPanel";

const RANK: Record<Severity, number> = { off: 0, info: 1, warning: 2, error: 3 };

/** The most severe finding on each element a finding names first. */
export function worstByElement(diagnosis: Diagnosis | null): Map<ElementId, Severity> {
  const worst = new Map<ElementId, Severity>();
  for (const f of diagnosis?.findings ?? []) {
    const id = f.elements[0];
    if (!id) continue;
    const now = worst.get(id);
    if (!now || RANK[f.severity] > RANK[now]) worst.set(id, f.severity);
  }
  return worst;
}

export function ProblemBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`problem-badge sev-${severity}`} data-testid="problem-badge" data-severity={severity} title={t(`severity.${severity}`)}>
      {SEVERITY_MARK[severity]}
    </span>
  );
}
