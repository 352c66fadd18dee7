import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands } from "../bindings";
import { type Lang, i18next } from "../i18n";
import { neighbour, moveEdit } from "../journey/keyboard";
import { DiagnosisSettings } from "../diagnosis/DiagnosisSettings";
import { ProblemsPanel } from "../diagnosis/ProblemsPanel";
import { GlossaryView } from "../glossary/GlossaryView";
import { OutputsView } from "../outputs/OutputsView";
import { HealthView } from "../health/HealthView";
import { EvidenceView } from "../evidence/EvidenceView";
import { GapsView } from "../gaps/GapsView";
import { SkillsView } from "../skills/SkillsView";
import { WorkshopPanel } from "../workshop/WorkshopPanel";
import { ProjectorStrip } from "../workshop/ProjectorStrip";
import { CompareBar } from "../diff/CompareBar";
import { ChangeList } from "../diff/ChangeList";
import { marksOf } from "../diff/marks";
import { JourneyMapView } from "../journey/JourneyMapView";
import { ProcessCanvas } from "../process/ProcessCanvas";
import { Properties } from "../panels/Properties";
import { Sidebar } from "../panels/Sidebar";
import { ErrorBanner } from "../shell/ErrorBanner";
import { StatusBar } from "../shell/StatusBar";
import { Toolbar } from "../shell/Toolbar";
import { Welcome } from "../shell/Welcome";
import { TeamDialog } from "../team/TeamDialog";
import { call } from "./api";
import { createWithDialog, openWithDialog, saveAsWithDialog } from "./files";
import type { Session } from "./session";
import { actionFor, isTextField } from "./shortcuts";
import { useStore } from "./store";
import { setWindowTitle } from "./window";

export async function changeLanguage(session: Session, lang: Lang) {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  await call(commands.setLanguage(lang)).catch((e) => session.showError(e));
}

export function App({ session }: { session: Session }) {
  const state = useStore(session);
  const journey = useStore(session.journey);
  const process = useStore(session.process);
  const glossaryView = useStore(session.glossaryView);
  const outputs = useStore(session.outputs);
  const health = useStore(session.health);
  const gaps = useStore(session.gaps);
  const evidence = useStore(session.evidence);
  const skills = useStore(session.skills);
  const workshop = useStore(session.workshop);
  const { t } = useTranslation();
  const marks = useMemo(() => marksOf(state.comparison), [state.comparison]);
  const onCanvas = state.mode === "journey" || state.mode === "process";
  const { workspace } = state;
  const { map } = journey;
  const selection = state.mode === "journey" ? journey.selection : state.mode === "process" ? process.selection : state.mode === "glossary" ? glossaryView.selection : null;
  // Each Ctrl+F asks the open canvas to show its search box.
  const [findRequest, setFindRequest] = useState(0);

  useEffect(() => {
    void session.workshop.attach();
    void session.attachTeam();
    return () => {
      session.workshop.detach();
      session.detachTeam();
    };
  }, [session]);

  useEffect(() => {
    setWindowTitle(workspace ? `${workspace.name} — Michi` : "Michi");
  }, [workspace]);

  // The first workspace on screen, marked after the frame that paints it: what `npm run bench`
  // reads as the end of a cold start (scripts/bench-app.mjs).
  const opened = workspace !== null;
  useEffect(() => {
    if (!opened || performance.getEntriesByName("michi-interactive").length > 0) return;
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("michi-interactive")));
  }, [opened]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = actionFor(e, isTextField(e.target));
      if (!action) return;
      const s = session.getState();
      const j = session.journey.getState();
      const p = session.process.getState();
      const selected = session.selection();
      switch (action.type) {
        case "new":
          void createWithDialog(session, t, false);
          break;
        case "open":
          void openWithDialog(session, t);
          break;
        case "saveAs":
          if (s.workspace) void saveAsWithDialog(session, t, false);
          break;
        case "undo":
          void session.undo();
          break;
        case "problems":
          if (s.workspace) session.toggleProblems();
          break;
        case "redo":
          void session.redo();
          break;
        case "escape":
          if (session.evidence.getState().picking) {
            session.evidence.cancelPick();
            void session.evidence.open();
          } else if (j.editing) session.journey.stopEditing();
          else if (s.error) session.dismissError();
          else if (s.mode === "process") session.process.selectShapes([]);
          else if (s.mode === "glossary") session.glossaryView.select(null);
          else session.journey.select(null);
          break;
        case "delete":
          if (s.mode === "process") {
            // Pools and lanes go with an explicit button; a key press removes what is drawn in them.
            const ids = p.selected.filter((id) => {
              const kind = p.diagram?.shapes.find((x) => x.element.id === id)?.element.data.kind;
              return kind !== "pool";
            });
            if (ids.length === 0) return;
            void session.edit({ type: "delete", ids });
            break;
          }
          if (!selected) return;
          void session.edit({ type: "delete", ids: [selected.id] });
          break;
        case "copy":
          if (s.mode === "journey") {
            if (!session.journey.copy()) return;
            break;
          }
          if (s.mode !== "process") return;
          void session.process.copy();
          break;
        case "paste":
          if (s.mode === "journey") {
            void session.journey.paste();
            break;
          }
          if (s.mode !== "process") return;
          window.dispatchEvent(new Event("michi:paste"));
          break;
        case "duplicate":
          if (s.mode !== "journey") return;
          void session.journey.duplicate();
          break;
        case "selectAll":
          if (s.mode !== "process" || !p.diagram) return;
          session.process.selectShapes(
            p.diagram.shapes.filter((x) => x.element.data.kind !== "pool" && x.element.data.kind !== "lane").map((x) => x.element.id),
          );
          break;
        case "find":
          if (s.mode !== "process" && s.mode !== "journey") return;
          setFindRequest((n) => n + 1);
          break;
        case "edit":
          if (s.mode !== "journey" || !j.selection || !j.map) return;
          session.journey.startEditing({ kind: "element", id: j.selection.id, stage: j.selection.stage });
          break;
        case "navigate": {
          if (s.mode !== "journey" || !j.map) return;
          const first = j.map.stages[0];
          const next = j.selection ? neighbour(j.map, j.selection, action.direction) : first ? { id: first.stage.id, stage: first.stage.id } : null;
          if (next) session.journey.select(next);
          break;
        }
        case "move": {
          if (s.mode !== "journey" || !j.map || !j.selection) return;
          const edit = moveEdit(j.map, j.selection, action.direction);
          if (!edit) return;
          void session.edit(edit).then(() => {
            if (edit.type === "moveCard") session.journey.select({ id: edit.card, stage: edit.to });
          });
          break;
        }
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [session, t]);

  return (
    <div className={`app${workshop.projector && workshop.panel ? " projector" : ""}`}>
      {state.error && <ErrorBanner error={state.error} onDismiss={() => session.dismissError()} />}
      {state.notice && (
        <div className="notice-banner" role="status" data-testid="notice">
          <div className="error-text">
            {state.notice.text}
            {state.notice.details.length > 0 && (
              <ul className="small">
                {state.notice.details.slice(0, 5).map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
          <button onClick={() => session.dismissNotice()}>{t("errors.dismiss")}</button>
        </div>
      )}
      {workspace && state.outline ? (
        <>
          <Toolbar session={session} workspace={workspace} recent={state.recent} onLanguage={(lang) => void changeLanguage(session, lang)} />
          {workshop.projector && workshop.panel && <ProjectorStrip session={session} panel={workshop.panel} />}
          {workspace.readOnly && (
            <div className="notice-banner read-only" role="status" data-testid="read-only">
              <div className="error-text">{workspace.team ? t("readOnly.teamBanner", { name: workspace.team.name }) : t("readOnly.banner")}</div>
              <button className="primary" data-testid="read-only-save-as" onClick={() => void saveAsWithDialog(session, t, false)}>
                {t("readOnly.saveAs")}
              </button>
            </div>
          )}
          <div className={`workspace${state.mode === "health" || state.mode === "gaps" || state.mode === "evidence" || state.mode === "skills" ? " wide" : ""}${workspace.readOnly ? " read-only" : ""}`}>
            <Sidebar session={session} outline={state.outline} mode={state.mode} selection={selection} />
            <main className="canvas">
              {onCanvas && <CompareBar session={session} workspace={workspace} comparison={state.comparison} sideBySide={state.sideBySide} changesOpen={state.changesOpen} />}
              {state.mode === "process" && process.diagram ? (
                <ProcessCanvas
                  key={process.diagram.view}
                  session={session}
                  diagram={process.diagram}
                  selected={process.selected}
                  overlay={state.overlay}
                  structureOnly={state.structureOnly}
                  findRequest={findRequest}
                  diagnosis={workspace.diagnosis}
                  focus={state.focus}
                  marks={marks}
                  other={state.comparison?.other?.type === "processDiagram" ? state.comparison.other.diagram : null}
                  sideBySide={state.sideBySide}
                  evidence={state.evidence}
                />
              ) : state.mode === "evidence" && evidence.data ? (
                <EvidenceView session={session} data={evidence.data} readOnly={workspace.readOnly} />
              ) : state.mode === "skills" && skills.data ? (
                <SkillsView session={session} data={skills.data} readOnly={workspace.readOnly} />
              ) : state.mode === "gaps" && gaps.data ? (
                <GapsView session={session} data={gaps.data} current={workspace.version} readOnly={workspace.readOnly} />
              ) : state.mode === "outputs" && outputs.data ? (
                <OutputsView session={session} data={outputs.data} />
              ) : state.mode === "health" && health.table && health.model ? (
                <HealthView session={session} health={{ tab: health.tab, query: health.query, table: health.table, model: health.model, account: health.page }} />
              ) : state.mode === "glossary" && state.glossary ? (
                <GlossaryView session={session} glossary={state.glossary} selection={selection} />
              ) : map ? (
                <JourneyMapView
                  session={session}
                  map={map}
                  selection={selection}
                  editing={journey.editing}
                  overlay={state.overlay}
                  structureOnly={state.structureOnly}
                  diagnosis={workspace.diagnosis}
                  focus={state.focus}
                  findRequest={findRequest}
                  marks={marks}
                  other={state.comparison?.other?.type === "journeyMap" ? state.comparison.other.map : null}
                  sideBySide={state.sideBySide}
                  evidence={state.evidence}
                />
              ) : (
                <div className="map-empty">
                  <p>{t("map.noJourney")}</p>
                </div>
              )}
              {onCanvas && state.changesOpen && state.comparison && <ChangeList session={session} comparison={state.comparison} readOnly={workspace.readOnly} />}
              {state.problemsOpen && (
                <ProblemsPanel session={session} diagnosis={workspace.diagnosis} view={state.mode === "journey" ? journey.view : state.mode === "process" ? process.view : null} />
              )}
            </main>
            {workshop.open && !workshop.projector && state.mode !== "health" && state.mode !== "gaps" && state.mode !== "evidence" && state.mode !== "skills" ? (
              <WorkshopPanel session={session} view={state.mode === "journey" ? journey.view : state.mode === "process" ? process.view : null} />
            ) : state.mode !== "health" && state.mode !== "gaps" && state.mode !== "evidence" && state.mode !== "skills" && (
              <Properties
                session={session}
                map={state.mode === "journey" ? map : null}
                outline={state.outline}
                selection={selection}
                diagram={state.mode === "process" ? process.diagram : null}
                glossary={state.glossary}
                overlay={state.mode === "glossary" ? null : state.overlay}
                selectedCount={state.mode === "process" ? process.selected.length : selection ? 1 : 0}
                readOnly={workspace.readOnly}
              />
            )}
          </div>
          <StatusBar session={session} save={state.save} outline={state.outline} diagnosis={workspace.diagnosis} problemsOpen={state.problemsOpen} team={workspace.team} />
          {state.settingsOpen && <DiagnosisSettings session={session} config={workspace.diagnosis.config} />}
        </>
      ) : (
        <Welcome
          session={session}
          recent={state.recent}
          recentTeams={state.recentTeams}
          opening={state.opening}
          onLanguage={(lang) => void changeLanguage(session, lang)}
        />
      )}
      {state.teamDialog && <TeamDialog session={session} request={state.teamDialog} onClose={() => session.openTeamDialog(null)} />}
    </div>
  );
}
