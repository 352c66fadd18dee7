// The health model, edited as a whole: the overall formula; per bonfire link its weight, its
// "weak below" threshold and its next action; per indicator its name (ja/en), kind, column,
// scoring function and weight. Saving is one undoable edit (`setHealthModel`); the diagnosis
// reports weights that do not sum to 100, thresholds out of order and columns no file has.

import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type { HealthModel, HealthModelState, Indicator, IndicatorKind, Link, Scoring } from "../bindings";
import type { Session } from "../app/session";

const KINDS: IndicatorKind[] = ["judgement", "number", "yesNo"];

/** Thresholds as people type them: "0:100, 15:70, 31:35". */
function stepsText(s: Scoring): string {
  return s.type === "thresholds" ? s.steps.map((x) => `${x.atLeast}:${x.score}`).join(", ") : "";
}

function parseSteps(text: string): Scoring | null {
  const steps = text
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map((part) => part.split(/[:：→]/).map(Number));
  if (steps.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return null;
  return { type: "thresholds", steps: steps.map(([atLeast, score]) => ({ atLeast: atLeast!, score: score! })) };
}

function sum(xs: (number | null)[]): number {
  return Math.round(xs.reduce<number>((a, b) => a + (b ?? 0), 0) * 100) / 100;
}

export function ModelEditor({ session, state }: { session: Session; state: HealthModelState }) {
  const { t } = useTranslation();
  const [model, setModel] = useState<HealthModel>(state.model);
  const [dirty, setDirty] = useState(false);
  // Every edit re-reads the model; only a model that changed (undo, redo, another save) replaces
  // what is being edited here.
  const stored = JSON.stringify(state.model);
  useEffect(() => {
    setModel(JSON.parse(stored) as HealthModel);
    setDirty(false);
  }, [stored]);
  const links = model.links ?? [];
  const change = (next: HealthModel) => {
    setModel(next);
    setDirty(true);
  };
  const setLink = (i: number, patch: Partial<Link>) => change({ ...model, links: links.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const setIndicator = (i: number, k: number, patch: Partial<Indicator>) =>
    setLink(i, { indicators: links[i]!.indicators.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
  const save = async () => {
    if (await session.edit({ type: "setHealthModel", model })) setDirty(false);
  };
  const linkTotal = sum(links.map((l) => l.weight));
  return (
    <article className="document model-editor" data-testid="model-editor">
      <h1>{t("health.modelTitle")}</h1>
      <p className="muted">{t("health.modelIntro")}</p>
      <div className="model-top">
        <label>
          {t("health.modelName")}
          <input value={model.name ?? ""} onChange={(e) => change({ ...model, name: e.target.value })} />
        </label>
        <label>
          {t("health.formula")}
          <select data-testid="overall-formula" value={model.overall ?? "weighted"} onChange={(e) => change({ ...model, overall: e.target.value as HealthModel["overall"] })}>
            <option value="weighted">{t("health.formulaWeighted")}</option>
            <option value="weakest">{t("health.formulaWeakest")}</option>
          </select>
        </label>
        {(model.overall ?? "weighted") === "weighted" && (
          <span className={linkTotal === 100 ? "muted small" : "warn-text small"} data-testid="link-weights-total">
            {t("health.weightsTotal", { total: linkTotal })}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button onClick={() => change(state.model)} disabled={!dirty}>
          {t("catalog.cancel")}
        </button>
        <button className="primary" data-testid="save-model" disabled={!dirty} onClick={() => void save()}>
          {t("catalog.save")}
        </button>
      </div>
      {links.map((link, i) => {
        const total = sum(link.indicators.map((x) => x.weight));
        return (
          <section key={link.element} className="model-link" data-testid="model-link" data-link={link.element}>
            <h2>{t(`bonfire.${link.element}`)}</h2>
            <div className="model-link-fields">
              <label>
                {t("health.linkWeight")}
                <input type="number" min={0} data-testid={`link-weight-${link.element}`} value={link.weight ?? 0} onChange={(e) => setLink(i, { weight: Number(e.target.value) })} />
              </label>
              <label>
                {t("health.weakBelow")}
                <input type="number" min={0} max={100} value={link.weakBelow ?? 0} onChange={(e) => setLink(i, { weakBelow: Number(e.target.value) })} />
              </label>
              <label className="grow">
                {t("health.linkAction")}
                <input value={link.nextAction.ja} lang="ja" onChange={(e) => setLink(i, { nextAction: { ...link.nextAction, ja: e.target.value } })} />
                <input value={link.nextAction.en} lang="en" onChange={(e) => setLink(i, { nextAction: { ...link.nextAction, en: e.target.value } })} />
              </label>
            </div>
            <table className="doc-table model-indicators">
              <thead>
                <tr>
                  <th>{t("health.indicatorName")}</th>
                  <th>{t("health.kind")}</th>
                  <th>{t("health.column")}</th>
                  <th>{t("health.scoring")}</th>
                  <th className="num">{t("health.weight")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {link.indicators.map((ind, k) => (
                  <tr key={k} data-testid="model-indicator">
                    <td>
                      <input value={ind.name.ja} lang="ja" aria-label={t("catalog.ja")} onChange={(e) => setIndicator(i, k, { name: { ...ind.name, ja: e.target.value } })} />
                      <input value={ind.name.en} lang="en" aria-label={t("catalog.en")} onChange={(e) => setIndicator(i, k, { name: { ...ind.name, en: e.target.value } })} />
                    </td>
                    <td>
                      <select value={ind.kind} onChange={(e) => setIndicator(i, k, { kind: e.target.value as IndicatorKind })}>
                        {KINDS.map((x) => (
                          <option key={x} value={x}>
                            {t(`health.kinds.${x}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input value={ind.column} data-testid="indicator-column" onChange={(e) => setIndicator(i, k, { column: e.target.value })} />
                    </td>
                    <td>
                      <ScoringField scoring={ind.scoring} onChange={(scoring) => setIndicator(i, k, { scoring })} />
                    </td>
                    <td className="num">
                      <input type="number" min={0} className="narrow" value={ind.weight ?? 0} onChange={(e) => setIndicator(i, k, { weight: Number(e.target.value) })} />
                    </td>
                    <td>
                      <button className="remove" aria-label={t("health.removeIndicator")} title={t("health.removeIndicator")} onClick={() => setLink(i, { indicators: link.indicators.filter((_, j) => j !== k) })}>
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="model-link-foot">
              <button
                data-testid={`add-indicator-${link.element}`}
                onClick={() =>
                  setLink(i, {
                    indicators: [
                      ...link.indicators,
                      {
                        key: `${link.element}-${Date.now().toString(36)}`,
                        name: { ja: t("health.newIndicator"), en: "New indicator" },
                        kind: "judgement",
                        column: "",
                        scoring: { type: "linear", from: 1, to: 5 },
                        weight: 0,
                      },
                    ],
                  })
                }
              >
                + {t("health.addIndicator")}
              </button>
              <span className={total === 100 || link.indicators.length === 0 ? "muted small" : "warn-text small"}>{t("health.weightsTotal", { total })}</span>
            </div>
          </section>
        );
      })}
    </article>
  );
}

function ScoringField({ scoring, onChange }: { scoring: Scoring; onChange: (s: Scoring) => void }) {
  const { t } = useTranslation();
  const [steps, setSteps] = useState(stepsText(scoring));
  useEffect(() => setSteps(stepsText(scoring)), [scoring]);
  return (
    <div className="scoring">
      <select
        value={scoring.type}
        onChange={(e) =>
          onChange(e.target.value === "linear" ? { type: "linear", from: 0, to: 1 } : { type: "thresholds", steps: [{ atLeast: 0, score: 0 }, { atLeast: 1, score: 100 }] })
        }
      >
        <option value="linear">{t("health.linear")}</option>
        <option value="thresholds">{t("health.thresholds")}</option>
      </select>
      {scoring.type === "linear" ? (
        <span className="scoring-linear">
          <input type="number" step="any" className="narrow" aria-label={t("health.from")} value={scoring.from ?? 0} onChange={(e) => onChange({ ...scoring, from: Number(e.target.value) })} />
          →
          <input type="number" step="any" className="narrow" aria-label={t("health.to")} value={scoring.to ?? 0} onChange={(e) => onChange({ ...scoring, to: Number(e.target.value) })} />
        </span>
      ) : (
        <input
          className="steps"
          value={steps}
          title={t("health.stepsHint")}
          onChange={(e) => setSteps(e.target.value)}
          onBlur={() => {
            const parsed = parseSteps(steps);
            if (parsed) onChange(parsed);
            else setSteps(stepsText(scoring));
          }}
        />
      )}
    </div>
  );
}
