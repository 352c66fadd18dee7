import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type ElementData, type Outline, type ViewId } from "../bindings";
import { call } from "../app/api";
import type { Mode, Session } from "../app/session";
import { exportBpmnWithDialog, importBpmnWithDialog } from "../app/files";
import { startingPools } from "../process/palette";
import { InlineEditor } from "../journey/InlineEditor";
import { type Selection, labelOf } from "../journey/model";

interface Props {
  session: Session;
  outline: Outline;
  view: ViewId | null;
  mode: Mode;
  selection: Selection | null;
}

export function Sidebar({ session, outline, view, mode, selection }: Props) {
  const { t } = useTranslation();
  const [naming, setNaming] = useState(false);
  const [namingDiagram, setNamingDiagram] = useState(false);

  const createDiagram = async (name: string) => {
    setNamingDiagram(false);
    // Rust reports the diagram the edit created.
    const result = await session.run(() => call(commands.edit({ type: "createProcessDiagram", name, pools: startingPools(t) })));
    const view = result?.createdViews[0];
    if (view) await session.showDiagram(view);
  };

  const createTerm = async () => {
    const created = await session.edit({ type: "create", data: { kind: "term", term: t("glossary.newTerm"), termEn: "", definition: "", definitionEn: "" } });
    if (mode !== "glossary") await session.showGlossary();
    if (created?.[0]) session.select({ id: created[0], stage: null });
  };

  const createJourney = async (name: string) => {
    setNaming(false);
    const created = await session.edit({ type: "createJourney", name });
    if (!created?.[0]) return;
    const fresh = session.getState().outline?.journeys.find((j) => j.id === created[0]);
    if (fresh?.view) await session.showView(fresh.view);
    session.startEditing({ kind: "newStage" });
  };

  const create = async (data: ElementData) => {
    const created = await session.edit({ type: "create", data });
    if (created?.[0]) session.select({ id: created[0], stage: null });
  };

  // The journey whose outputs the sidebar offers: the one on screen, else the first.
  const outputs = session.getState().outputs;
  const current =
    (mode === "outputs" && outputs ? outline.journeys.find((j) => j.id === outputs.journey) : undefined) ??
    outline.journeys.find((j) => j.view === view) ??
    outline.journeys[0];

  return (
    <nav className="sidebar" aria-label={t("sidebar.journeys")}>
      <section>
        <h2>{t("sidebar.journeys")}</h2>
        <ul className="journey-list">
          {outline.journeys.map((j) => (
            <li key={j.id}>
              <button
                className={`journey-item${mode === "journey" && j.view === view ? " active" : ""}`}
                aria-current={mode === "journey" && j.view === view}
                data-testid="journey-item"
                onClick={async () => {
                  if (j.view && (j.view !== view || mode !== "journey")) await session.showView(j.view);
                  session.select({ id: j.id, stage: null });
                }}
              >
                <span className="journey-name">{j.name || "—"}</span>
                <span className="muted small">{t("sidebar.stages", { count: j.stageCount })}</span>
              </button>
            </li>
          ))}
        </ul>
        {naming ? (
          <div className="sidebar-new">
            <InlineEditor
              initial=""
              label={t("sidebar.newJourneyName")}
              onCommit={(name) => void createJourney(name)}
              onCancel={() => setNaming(false)}
            />
          </div>
        ) : (
          <button className="sidebar-add" onClick={() => setNaming(true)}>
            + {t("sidebar.newJourney")}
          </button>
        )}
      </section>
      <section>
        <h2>{t("sidebar.processes")}</h2>
        {outline.diagrams.length === 0 && <p className="muted small">{t("sidebar.empty")}</p>}
        <ul className="journey-list">
          {outline.diagrams.map((d) => (
            <li key={d.view}>
              <button
                className={`journey-item${mode === "process" && d.view === view ? " active" : ""}`}
                aria-current={mode === "process" && d.view === view}
                data-testid="diagram-item"
                onClick={() => void session.showDiagram(d.view)}
              >
                <span className="journey-name">{d.name || "—"}</span>
              </button>
            </li>
          ))}
        </ul>
        {namingDiagram ? (
          <div className="sidebar-new">
            <InlineEditor
              initial=""
              label={t("sidebar.newDiagramName")}
              onCommit={(name) => void createDiagram(name)}
              onCancel={() => setNamingDiagram(false)}
            />
          </div>
        ) : (
          <button className="sidebar-add" data-testid="new-diagram" onClick={() => setNamingDiagram(true)}>
            + {t("sidebar.newDiagram")}
          </button>
        )}
        <div className="sidebar-row">
          <button className="sidebar-small" onClick={() => void importBpmnWithDialog(session, t)}>
            {t("sidebar.importBpmn")}
          </button>
          <button
            className="sidebar-small"
            disabled={!outline.diagrams.some((d) => d.model)}
            onClick={() => void exportBpmnWithDialog(session, t)}
          >
            {t("sidebar.exportBpmn")}
          </button>
        </div>
      </section>
      {current && (
        <section>
          <h2>{t("outputs.section")}</h2>
          <p className="muted small sidebar-note">{current.name}</p>
          <div className="sidebar-row">
            {(["playbook", "metrics", "org"] as const).map((tab) => (
              <button
                key={tab}
                className={`sidebar-small${outputs?.tab === tab && mode === "outputs" ? " active" : ""}`}
                data-testid={`open-${tab}`}
                aria-current={outputs?.tab === tab && mode === "outputs"}
                onClick={() => void session.showOutputs(current.id, tab)}
              >
                {t(`outputs.${tab}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      <section>
        <h2>{t("health.section")}</h2>
        <button
          className={`journey-item${mode === "health" ? " active" : ""}`}
          aria-current={mode === "health"}
          data-testid="health-item"
          onClick={() => void session.showHealth({ account: null })}
        >
          <span className="journey-name">{t("health.open")}</span>
          <span className="muted small">{t("health.sidebarNote")}</span>
        </button>
      </section>
      <section>
        <h2>{t("sidebar.glossary")}</h2>
        <button
          className={`journey-item${mode === "glossary" ? " active" : ""}`}
          aria-current={mode === "glossary"}
          data-testid="glossary-item"
          onClick={() => void session.showGlossary()}
        >
          <span className="journey-name">{t("sidebar.glossaryOpen")}</span>
          <span className="muted small">{t("sidebar.terms", { count: outline.terms.length })}</span>
        </button>
        <button className="sidebar-add" data-testid="new-term" onClick={() => void createTerm()}>
          + {t("sidebar.newTerm")}
        </button>
      </section>
      {(
        [
          ["segments", outline.segments, () => create({ kind: "segment", name: t("sidebar.newSegmentName"), size: null, industry: "", motivation: null, literacy: null }), "sidebar.newSegment"],
          ["personas", outline.personas, () => create({ kind: "persona", name: t("sidebar.newPersonaName"), role: "", description: "" }), "sidebar.newPersona"],
        ] as const
      ).map(([key, items, add, addLabel]) => (
        <section key={key}>
          <h2>{t(`sidebar.${key}`)}</h2>
          {items.length === 0 && <p className="muted small">{t("sidebar.empty")}</p>}
          <ul className="element-list">
            {items.map((e) => (
              <li key={e.id}>
                <button
                  className={`element-item${selection?.id === e.id ? " active" : ""}`}
                  onClick={() => session.select({ id: e.id, stage: null })}
                >
                  {labelOf(e.data) || "—"}
                </button>
              </li>
            ))}
          </ul>
          <button className="sidebar-add" onClick={() => void add()}>
            + {t(addLabel)}
          </button>
        </section>
      ))}
    </nav>
  );
}
