// The problems panel: the model diagnosis Rust sends with every change, filtered by severity, rule
// and view. A finding opens the diagram that shows its element, selected and in view.

import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Diagnosis, Finding, Severity, ViewId } from "../bindings";
import type { Session } from "../app/session";

const SHOWN: Severity[] = ["error", "warning", "info"];
/** Rows drawn at once: a large imported model can have thousands of findings; filters narrow them. */
const MAX_ROWS = 500;

export const SEVERITY_MARK: Record<Severity, string> = { error: "⛔", warning: "⚠", info: "ⓘ", off: "" };

interface Props {
  session: Session;
  diagnosis: Diagnosis;
  /** The diagram on screen, for the "this diagram only" filter. */
  view: ViewId | null;
}

export function ProblemsPanel({ session, diagnosis, view }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const [severities, setSeverities] = useState<Set<Severity>>(new Set(SHOWN));
  const [rule, setRule] = useState("");
  const [here, setHere] = useState(false);
  const rules = useMemo(() => [...new Set(diagnosis.findings.map((f) => f.rule))].sort(), [diagnosis]);
  const shown = diagnosis.findings.filter(
    (f) => severities.has(f.severity) && (!rule || f.rule === rule) && (!here || (view !== null && f.views.includes(view))),
  );
  const toggle = (s: Severity) => {
    const next = new Set(severities);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    setSeverities(next);
  };
  const text = (f: Finding) => (en ? f.message.en : f.message.ja);
  return (
    <section className="problems" aria-label={t("problems.title")} data-testid="problems-panel">
      <header className="problems-bar">
        <strong title={t("problems.shortcut")}>{t("problems.title")}</strong>
        {SHOWN.map((s) => (
          <label key={s} className={`problems-toggle sev-${s}`}>
            <input type="checkbox" data-testid={`filter-${s}`} checked={severities.has(s)} onChange={() => toggle(s)} />
            {SEVERITY_MARK[s]} {t(`severity.${s}`)} {diagnosis.counts[s as "error" | "warning" | "info"]}
          </label>
        ))}
        <select data-testid="filter-rule" value={rule} onChange={(e) => setRule(e.target.value)} aria-label={t("problems.rule")}>
          <option value="">{t("problems.allRules")}</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label className="problems-toggle">
          <input type="checkbox" data-testid="filter-view" checked={here} disabled={!view} onChange={(e) => setHere(e.target.checked)} />
          {t("problems.thisView")}
        </label>
        <span className="toolbar-spacer" />
        <button data-testid="diagnosis-settings" onClick={() => session.showDiagnosisSettings(true)}>
          {t("problems.settings")}
        </button>
        <button className="icon" aria-label={t("problems.close")} title={t("problems.close")} onClick={() => session.toggleProblems(false)}>
          ×
        </button>
      </header>
      {shown.length === 0 ? (
        <p className="muted problems-empty" data-testid="problems-empty">
          {diagnosis.findings.length === 0 ? t("problems.none") : t("problems.noneShown")}
        </p>
      ) : (
        <ul className="problems-list">
          {shown.slice(0, MAX_ROWS).map((f, i) => (
            <li key={`${f.rule}-${f.elements.join(",")}-${i}`}>
              <button
                className={`finding sev-${f.severity}`}
                data-testid="finding"
                data-rule={f.rule}
                data-element={f.elements[0]}
                onClick={() => void (f.category === "health" ? session.health.open({ tab: "model", account: null }) : session.reveal(f.elements[0]!, f.views))}
              >
                <span className="finding-mark" aria-label={t(`severity.${f.severity}`)}>
                  {SEVERITY_MARK[f.severity]}
                </span>
                <span className="finding-text">
                  {text(f)}
                  {f.fix && <span className="finding-fix muted">{en ? f.fix.en : f.fix.ja}</span>}
                </span>
                <span className="finding-rule muted">{f.rule}</span>
              </button>
            </li>
          ))}
          {shown.length > MAX_ROWS && (
            <li className="muted problems-more" data-testid="problems-more">
              {t("problems.more", { count: shown.length - MAX_ROWS })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
