import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type ElementData, type Outline } from "../bindings";
import { call } from "../app/api";
import type { Mode, Session } from "../app/session";
import { useStore } from "../app/store";
import { exportBpmnWithDialog, importBpmnWithDialog } from "../app/files";
import { startingPools } from "../process/palette";
import { InlineEditor } from "../journey/InlineEditor";
import { type Selection } from "../journey/model";
import { labelOf } from "../app/elements";

interface Props {
  session: Session;
  outline: Outline;
  mode: Mode;
  selection: Selection | null;
}

export function Sidebar({ session, outline, mode, selection }: Props) {
  const { t } = useTranslation();
  const journeyView = useStore(session.journey).view;
  const diagramView = useStore(session.process).view;
  const { data: outputs, tab: outputsTab } = useStore(session.outputs);
  const view = mode === "journey" ? journeyView : mode === "process" ? diagramView : null;
  const [naming, setNaming] = useState(false);
  const [namingDiagram, setNamingDiagram] = useState(false);

  const createDiagram = async (name: string) => {
    setNamingDiagram(false);
    // Rust reports the diagram the edit created.
    const result = await session.run((show) => call(commands.edit({ type: "createProcessDiagram", name, pools: startingPools(t) }, show)));
    const view = result?.createdViews[0];
    if (view) await session.process.open(view);
  };

  const createTerm = async () => {
    const created = await session.edit({ type: "create", data: { kind: "term", term: t("glossary.newTerm"), termEn: "", definition: "", definitionEn: "" } });
    if (mode !== "glossary") await session.glossaryView.open();
    if (created?.[0]) session.glossaryView.select({ id: created[0], stage: null });
  };

  const createJourney = async (name: string) => {
    setNaming(false);
    const created = await session.edit({ type: "createJourney", name });
    if (!created?.[0]) return;
    const fresh = session.getState().outline?.journeys.find((j) => j.id === created[0]);
    if (fresh?.view) await session.journey.open(fresh.view);
    session.journey.startEditing({ kind: "newStage" });
  };

  const create = async (data: ElementData) => {
    const created = await session.edit({ type: "create", data });
    if (created?.[0]) session.journey.select({ id: created[0], stage: null });
  };

  // The journey whose outputs the sidebar offers: the one on screen, else the first.
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
                  if (j.view && (j.view !== view || mode !== "journey")) await session.journey.open(j.view);
                  session.journey.select({ id: j.id, stage: null });
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
                onClick={() => void session.process.open(d.view)}
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
          <button className="sidebar-small" data-testid="import-bpmn" onClick={() => void importBpmnWithDialog(session, t)}>
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
                className={`sidebar-small${outputsTab === tab && mode === "outputs" ? " active" : ""}`}
                data-testid={`open-${tab}`}
                aria-current={outputsTab === tab && mode === "outputs"}
                onClick={() => void session.outputs.open(current.id, tab)}
              >
                {t(`outputs.${tab}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      <section>
        <h2>{t("evidence.section")}</h2>
        <button
          className={`journey-item${mode === "evidence" ? " active" : ""}`}
          aria-current={mode === "evidence"}
          data-testid="evidence-item"
          onClick={() => void session.evidence.open()}
        >
          <span className="journey-name">{t("evidence.title")}</span>
          <span className="muted small">{t("evidence.sidebarNote")}</span>
        </button>
      </section>
      <section>
        <h2>{t("skills.section")}</h2>
        <button
          className={`journey-item${mode === "skills" ? " active" : ""}`}
          aria-current={mode === "skills"}
          data-testid="skills-item"
          onClick={() => void session.skills.open()}
        >
          <span className="journey-name">{t("skills.title")}</span>
          <span className="muted small">{t("skills.sidebarNote")}</span>
        </button>
      </section>
      <section>
        <h2>{t("gaps.section")}</h2>
        <button
          className={`journey-item${mode === "gaps" ? " active" : ""}`}
          aria-current={mode === "gaps"}
          data-testid="gaps-item"
          onClick={() => void session.openGaps()}
        >
          <span className="journey-name">{t("gaps.title")}</span>
          <span className="muted small">{t("gaps.sidebarNote")}</span>
        </button>
      </section>
      <section>
        <h2>{t("health.section")}</h2>
        <button
          className={`journey-item${mode === "health" ? " active" : ""}`}
          aria-current={mode === "health"}
          data-testid="health-item"
          onClick={() => void session.health.open({ account: null })}
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
          onClick={() => void session.glossaryView.open()}
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
                  onClick={() => (mode === "glossary" ? session.glossaryView : session.journey).select({ id: e.id, stage: null })}
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
