// The outputs of a journey, derived by Rust from the model on every change: the playbook (a
// document to print and hand over) and the metrics catalog with its KPI tree. Every line links to
// the element it comes from.

import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ElementId, KpiNode, MetricsCatalog, OrgRecommendation, Play, Playbook, ProgressMetric, Sizing, Step, ViewId } from "../bindings";
import { exportOutputWithDialog } from "../app/files";
import type { OutputsState, Session } from "../app/session";
import { CatalogDialog } from "./CatalogDialog";
import { TraceButton } from "./TraceButton";

type CatalogSection = "interventions" | "functions" | "sizing";

interface Props {
  session: Session;
  outputs: OutputsState;
  /** The journey map's view, where traced elements are shown. */
  journeyView: string | null;
}

export function OutputsView({ session, outputs, journeyView }: Props) {
  const { t, i18n } = useTranslation();
  const trace = (id: ElementId) => void session.reveal(id, journeyView ? [journeyView] : []);
  const [catalog, setCatalog] = useState<CatalogSection | null>(null);
  const closeCatalog = useCallback(() => setCatalog(null), []);
  const variants = outputs.playbook.variants;
  return (
    <div className="outputs-view" data-testid="outputs-view">
      <header className="outputs-header no-print">
        <div className="tabs" role="tablist">
          {(["playbook", "metrics", "org"] as const).map((tab) => (
            <button
              key={tab}
              role="tab"
              aria-selected={outputs.tab === tab}
              className={outputs.tab === tab ? "active" : ""}
              data-testid={`tab-${tab}`}
              onClick={() => void session.showOutputs(outputs.journey, tab)}
            >
              {t(`outputs.${tab}`)}
            </button>
          ))}
        </div>
        {outputs.tab === "playbook" && variants.length > 0 && (
          <label className="variant-picker">
            {t("outputs.variant")}
            <select
              data-testid="variant-select"
              value={outputs.segment ?? ""}
              onChange={(e) => void session.showOutputs(outputs.journey, "playbook", e.target.value === "" ? null : e.target.value)}
            >
              <option value="">{t("outputs.whole")}</option>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="toolbar-spacer" />
        <button data-testid="edit-catalog" onClick={() => setCatalog(outputs.tab === "org" ? "functions" : "interventions")}>
          {t("outputs.editCatalog")}
        </button>
        <button
          data-testid="export-output"
          onClick={() => void exportOutputWithDialog(session, t, outputs.tab, outputs.journey, outputs.segment, i18n.language === "en" ? "en" : "ja")}
        >
          {t("outputs.export")}
        </button>
        <button onClick={() => window.print()}>{t("outputs.print")}</button>
      </header>
      <div className="document-scroll">
        {outputs.tab === "playbook" ? (
          <PlaybookDocument playbook={outputs.playbook} trace={trace} />
        ) : outputs.tab === "metrics" ? (
          <MetricsDocument catalog={outputs.metrics} trace={trace} />
        ) : (
          <OrgDocument session={session} org={outputs.org} reveal={(id, views) => void session.reveal(id, views)} editAssumptions={() => setCatalog("sizing")} />
        )}
      </div>
      {catalog && <CatalogDialog session={session} section={catalog} onClose={closeCatalog} />}
    </div>
  );
}

/** A link from a derived line to the first element it comes from. */
function Trace({ ids, trace }: { ids: ElementId[]; trace: (id: ElementId) => void }) {
  const id = ids[0];
  return id ? <TraceButton element={id} onClick={() => trace(id)} /> : null;
}

function PlaybookDocument({ playbook, trace }: { playbook: Playbook; trace: (id: ElementId) => void }) {
  const { t } = useTranslation();
  return (
    <article className="document" data-testid="playbook">
      <h1>
        {t("outputs.playbookTitle")} — {playbook.journey.name}
        {playbook.segment && <span data-testid="playbook-segment">（{playbook.segment.name}）</span>}
      </h1>
      {playbook.audience.length > 0 && (
        <p className="muted">
          {t("outputs.audience")}: {playbook.audience.map((a) => a.name).join("、")}
        </p>
      )}
      {playbook.stages.map((s, i) => (
        <section key={s.stage.id} className="doc-stage" data-testid="playbook-stage">
          <h2>
            {i + 1}. {s.stage.name} <Trace ids={[s.stage.id]} trace={trace} />
          </h2>
          <dl className="doc-facts">
            {s.goal && (
              <>
                <dt>{t("outputs.goal")}</dt>
                <dd>{s.goal}</dd>
              </>
            )}
            {s.entryCriteria && (
              <>
                <dt>{t("outputs.entry")}</dt>
                <dd>{s.entryCriteria.text}</dd>
              </>
            )}
            <dt>{t("outputs.exit")}</dt>
            <dd>{s.exitCriteria || <span className="placeholder">{t("outputs.missing")}</span>}</dd>
            <dt>{t("outputs.ttv")}</dt>
            <dd>{s.ttvTargetDays != null ? t("outputs.days", { n: s.ttvTargetDays }) : <span className="placeholder">{t("outputs.missing")}</span>}</dd>
          </dl>
          {s.plays.length === 0 ? (
            <p className="muted">{t("outputs.noPlays")}</p>
          ) : (
            s.plays.map((play, j) => <PlayBlock key={j} play={play} trace={trace} />)
          )}
        </section>
      ))}
    </article>
  );
}

function triggerText(t: (k: string, o?: Record<string, unknown>) => string, play: Play): string {
  const tr = play.trigger;
  switch (tr.type) {
    case "stageEntered":
      return t("outputs.trigger.stageEntered");
    case "stumblingPoint":
      return t("outputs.trigger.stumblingPoint", { name: tr.point.name });
    case "emotionDip":
      return t("outputs.trigger.emotionDip", { name: tr.emotion.name });
    case "exitCriteriaLate":
      return t("outputs.trigger.exitCriteriaLate", { days: tr.afterDays });
  }
}

function PlayBlock({ play, trace }: { play: Play; trace: (id: ElementId) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="doc-play" data-testid="play">
      <h3>
        {triggerText(t, play)}
        {play.trigger.type === "stumblingPoint" && play.trigger.reason && <span className="chip">{t(`reasonShort.${play.trigger.reason}`)}</span>}
        <Trace ids={play.sources} trace={trace} />
      </h3>
      {play.owner && (
        <p className="play-owner" data-testid="play-owner" data-function={play.owner.function ?? ""}>
          {t("outputs.owner")}: {i18n.language === "en" ? play.owner.name.en : play.owner.name.ja}
          {play.owner.suggested && (
            <span className="chip suggestion" title={t("outputs.suggestedHint")}>
              {t("outputs.suggested")}
            </span>
          )}
        </p>
      )}
      <ol>
        {play.steps.map((step, k) => (
          <StepLine key={k} step={step} trace={trace} />
        ))}
      </ol>
    </div>
  );
}

function StepLine({ step, trace }: { step: Step; trace: (id: ElementId) => void }) {
  const { t, i18n } = useTranslation();
  const text = i18n.language === "en" ? step.text.en : step.text.ja;
  return (
    <li data-testid="step" className={step.suggested ? "suggested" : ""}>
      {text}
      {step.touch && <span className={`chip touch-${step.touch}`}>{t(`touch.${step.touch}`)}</span>}
      {step.channel && <span className="chip">{t(`channel.${step.channel}`)}</span>}
      {step.suggested && <span className="chip suggestion" title={t("outputs.suggestedHint")}>{t("outputs.suggested")}</span>}
      {step.segments.length > 0 && (
        <span className="chip segment" data-testid="step-segments">
          {t("outputs.onlyFor", { names: step.segments.map((s) => s.name).join(i18n.language === "en" ? ", " : "・") })}
        </span>
      )}
      <Trace ids={step.sources} trace={trace} />
    </li>
  );
}

function MetricsDocument({ catalog, trace }: { catalog: MetricsCatalog; trace: (id: ElementId) => void }) {
  const { t } = useTranslation();
  const value = (p: ProgressMetric) => {
    if (p.value === null || p.value === undefined) return "—";
    return p.metric.type === "conversionToNext" ? `${Math.round(p.value * 100)}%` : p.value.toFixed(p.metric.type === "stuckCount" ? 0 : 1);
  };
  const progressName = (p: ProgressMetric) =>
    p.metric.type === "conversionToNext" ? t("outputs.metric.conversion", { name: p.metric.next.name }) : t(`outputs.metric.${p.metric.type}`);
  return (
    <article className="document" data-testid="metrics">
      <h1>
        {t("outputs.metricsTitle")} — {catalog.journey.name}
      </h1>
      <p className="muted">{catalog.snapshot ? t("outputs.valuesFrom", { name: catalog.snapshot.name }) : t("outputs.noSnapshot")}</p>
      {catalog.stages.map((s) => (
        <section key={s.stage.id} className="doc-stage" data-testid="metrics-stage">
          <h2>
            {s.stage.name} <Trace ids={[s.stage.id]} trace={trace} />
          </h2>
          <table className="doc-table">
            <thead>
              <tr>
                <th>{t("outputs.metric.name")}</th>
                <th>{t("outputs.metric.value")}</th>
                <th>{t("outputs.metric.target")}</th>
                <th>{t("outputs.metric.role")}</th>
              </tr>
            </thead>
            <tbody>
              {s.progress.map((p, i) => (
                <tr key={`p${i}`}>
                  <td>{progressName(p)}</td>
                  <td>{value(p)}</td>
                  <td>{p.metric.type === "stuckCount" ? "0" : p.target != null ? t("outputs.days", { n: p.target }) : "—"}</td>
                  <td className="muted">{t("outputs.metric.progress")}</td>
                </tr>
              ))}
              {s.attached.map((a) => (
                <tr key={a.metric.id} data-testid="attached-metric">
                  <td>
                    {a.metric.name} <Trace ids={a.sources} trace={trace} />
                    {a.definition && <div className="muted small">{a.definition}</div>}
                  </td>
                  <td>—</td>
                  <td>{a.target || "—"}</td>
                  <td>{a.role ? t(`metricRole.${a.role}`) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {catalog.gaps.length > 0 && (
        <section className="doc-gaps" data-testid="metric-gaps">
          <h2>{t("outputs.gaps")}</h2>
          <ul>
            {catalog.gaps.map((g) => (
              <li key={g.id}>
                {g.name} <Trace ids={[g.id]} trace={trace} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="doc-tree" data-testid="kpi-tree">
        <h2>{t("outputs.kpiTree")}</h2>
        <ul>
          <TreeNode node={catalog.tree} trace={trace} />
        </ul>
      </section>
    </article>
  );
}

function TreeNode({ node, trace }: { node: KpiNode; trace: (id: ElementId) => void }) {
  const { t } = useTranslation();
  return (
    <li className={`kpi kpi-${node.kind}`}>
      <span className="kpi-kind">{t(`kinds.${node.kind}`)}</span> {node.element.name} <Trace ids={[node.element.id]} trace={trace} />
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <TreeNode key={c.element.id} node={c} trace={trace} />
          ))}
        </ul>
      )}
    </li>
  );
}

function OrgDocument({
  session,
  org,
  reveal,
  editAssumptions,
}: {
  session: Session;
  org: OrgRecommendation;
  reveal: (id: ElementId, views: ViewId[]) => void;
  editAssumptions: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const adoptedFunctions = new Set(org.adopted.flatMap((a) => (a.function ? [a.function] : [])));
  return (
    <article className="document" data-testid="org">
      <h1>{t("outputs.orgTitle")}</h1>
      <p className="muted">{t("outputs.orgIntro")}</p>
      <div className="org-grid">
        {org.recommended.map((r) => (
          <section key={r.function} className="org-function" data-testid="org-function" data-function={r.function}>
            <h2>
              {en ? r.name.en : r.name.ja}
              {adoptedFunctions.has(r.function) ? (
                <span className="chip linked">{t("outputs.adopted")}</span>
              ) : (
                <button
                  className="adopt no-print"
                  data-testid="accept-function"
                  onClick={() => void session.edit({ type: "acceptFunction", function: r.function })}
                >
                  + {t("outputs.adopt")}
                </button>
              )}
            </h2>
            <p className="muted small">{en ? r.description.en : r.description.ja}</p>
            <ul>
              {r.reasons.map((reason, i) => (
                <li key={i}>
                  {en ? reason.why.en : reason.why.ja}
                  <TraceButton element={reason.element.id} onClick={() => reveal(reason.element.id, reason.views)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {org.adopted.length > 0 && <OrgDesign session={session} org={org} reveal={reveal} />}
      <SizingSection sizing={org.sizing} reveal={reveal} editAssumptions={editAssumptions} />
      {org.notRecommended.length > 0 && (
        <p className="muted">
          {t("outputs.notRecommended")}: {org.notRecommended.map((f) => (en ? f.name.en : f.name.ja)).join(en ? ", " : "、")}
        </p>
      )}
    </article>
  );
}

/** The org design: adopted functions, what each owns, its roles and headcount, and the stages nobody owns. */
function OrgDesign({ session, org, reveal }: { session: Session; org: OrgRecommendation; reveal: (id: ElementId, views: ViewId[]) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const name = (a: OrgRecommendation["adopted"][number]) => (en ? a.name.en : a.name.ja);
  return (
    <section className="org-design" data-testid="org-design">
      <h2>{t("outputs.design")}</h2>
      <div className="org-grid">
        {org.adopted.map((a) => (
          <section key={a.element.id} className="org-function adopted" data-testid="adopted-function" data-function={a.function ?? ""}>
            <h2>
              {name(a)} <span className="chip">{t("outputs.headcount", { n: a.headcount })}</span>
            </h2>
            <div className="muted small">{t("outputs.owns")}</div>
            <ul>
              {a.owns.map((o) => (
                <li key={o.element.id} data-testid="owned">
                  {o.element.name}
                  <TraceButton element={o.element.id} onClick={() => reveal(o.element.id, o.views)} />
                  <button
                    className="remove no-print"
                    data-testid="unown"
                    title={t("outputs.removeOwn")}
                    aria-label={t("outputs.removeOwn")}
                    onClick={() => void session.edit({ type: "unlink", kind: "owns", from: a.element.id, to: o.element.id })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {org.stages.some((s) => !a.owns.some((o) => o.element.id === s.id)) && (
              <select
                className="no-print"
                data-testid="own-stage"
                aria-label={t("outputs.addOwn")}
                value=""
                onChange={(e) => e.target.value && void session.edit({ type: "link", kind: "owns", from: a.element.id, to: e.target.value })}
              >
                <option value="">{t("outputs.addOwn")}</option>
                {org.stages
                  .filter((s) => !a.owns.some((o) => o.element.id === s.id))
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </select>
            )}
            <div className="muted small">{t("outputs.roles")}</div>
            <ul className="roles">
              {a.roles.map((r) => (
                <li key={r.element.id} data-testid="role">
                  <input
                    aria-label={t("outputs.roleName")}
                    defaultValue={r.element.name}
                    onBlur={(e) => e.target.value !== r.element.name && void session.edit({ type: "update", id: r.element.id, data: { kind: "role", name: e.target.value, headcount: r.headcount } })}
                  />
                  <input
                    type="number"
                    min={0}
                    step={0.5}
                    data-testid="role-headcount"
                    aria-label={t("outputs.roleHeadcount")}
                    defaultValue={r.headcount ?? ""}
                    onKeyDown={(e) => e.key === "Enter" && (e.target as HTMLInputElement).blur()}
                    onBlur={(e) => {
                      const v = e.target.value === "" ? null : Number(e.target.value);
                      if (v !== r.headcount && (v === null || v >= 0)) void session.edit({ type: "update", id: r.element.id, data: { kind: "role", name: r.element.name, headcount: v } });
                    }}
                  />
                </li>
              ))}
            </ul>
            <button className="no-print" data-testid="add-role" onClick={() => void session.edit({ type: "addRole", function: a.element.id, name: t("outputs.newRole") })}>
              + {t("outputs.addRole")}
            </button>
          </section>
        ))}
      </div>
      {org.unownedStages.length > 0 && (
        <p data-testid="unowned-stages">
          {t("outputs.unowned")}: {org.unownedStages.map((s) => s.name).join(en ? ", " : "、")}
        </p>
      )}
    </section>
  );
}

/** The touch load and the headcount it takes, with the arithmetic of every line. */
function SizingSection({ sizing, reveal, editAssumptions }: { sizing: Sizing; reveal: (id: ElementId, views: ViewId[]) => void; editAssumptions: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const pick = (x: { ja: string; en: string }) => (en ? x.en : x.ja);
  const hours = (h: number) => h.toLocaleString(en ? "en" : "ja", { maximumFractionDigits: 1 });
  return (
    <section className="org-sizing" data-testid="sizing">
      <h2>
        {t("outputs.sizing")}
        <button className="no-print" data-testid="edit-assumptions" onClick={editAssumptions}>
          {t("outputs.editAssumptions")}
        </button>
      </h2>
      <p className="muted small" data-testid="sizing-summary">{pick(sizing.summary)}</p>
      {sizing.functions.length === 0 && <p className="muted">{t("outputs.noLoad")}</p>}
      {sizing.functions.map((f, i) => (
        <div key={f.element ?? f.function ?? i} className="sizing-function" data-testid="sizing-function" data-function={f.function ?? ""}>
          <h3>
            {pick(f.name)}
            {f.suggested && <span className="chip suggestion">{t("outputs.suggested")}</span>}
            <span className="chip" data-testid="sizing-fte">{t("outputs.functionTotal", { hours: hours(f.hours ?? 0), fte: f.fte })}</span>
          </h3>
          <table className="doc-table">
            <thead>
              <tr>
                <th>{t("outputs.touchpoint")}</th>
                <th>{t("outputs.stage")}</th>
                <th>{t("outputs.arithmetic")}</th>
              </tr>
            </thead>
            <tbody>
              {f.lines.map((line) => (
                <tr key={line.touchpoint.id} data-testid="sizing-line">
                  <td>
                    {line.touchpoint.name}
                    <TraceButton element={line.touchpoint.id} onClick={() => reveal(line.touchpoint.id, line.views)} />
                  </td>
                  <td>{line.stage.name}</td>
                  <td>{pick(line.arithmetic)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sizing-arithmetic">{pick(f.arithmetic)}</p>
        </div>
      ))}
      <p className="sizing-total" data-testid="sizing-total">
        <strong>{t("outputs.total", { hours: hours(sizing.hours ?? 0), fte: sizing.fte })}</strong>
      </p>
      {sizing.unknownAccounts.length > 0 && (
        <p className="muted small" data-testid="unknown-accounts">
          {t("outputs.unknownAccounts")}: {sizing.unknownAccounts.map((r) => r.name).join(en ? ", " : "、")}
        </p>
      )}
    </section>
  );
}
