import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands } from "../bindings";
import { type Lang, i18next } from "../i18n";
import { neighbour, moveEdit } from "../journey/keyboard";
import { DiagnosisSettings } from "../diagnosis/DiagnosisSettings";
import { ProblemsPanel } from "../diagnosis/ProblemsPanel";
import { GlossaryView } from "../glossary/GlossaryView";
import { OutputsView } from "../outputs/OutputsView";
import { HealthView } from "../health/HealthView";
import { JourneyMapView } from "../journey/JourneyMapView";
import { ProcessCanvas } from "../process/ProcessCanvas";
import { Properties } from "../panels/Properties";
import { Sidebar } from "../panels/Sidebar";
import { ErrorBanner } from "../shell/ErrorBanner";
import { StatusBar } from "../shell/StatusBar";
import { Toolbar } from "../shell/Toolbar";
import { Welcome } from "../shell/Welcome";
import { call } from "./api";
import { createWithDialog, openWithDialog } from "./files";
import type { Session } from "./session";
import { actionFor, isTextField } from "./shortcuts";
import { useSession } from "./useSession";
import { setWindowTitle } from "./window";

export async function changeLanguage(session: Session, lang: Lang) {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  await call(commands.setLanguage(lang)).catch((e) => session.showError(e));
}

export function App({ session }: { session: Session }) {
  const state = useSession(session);
  const { t } = useTranslation();
  const { workspace, map, selection } = state;
  // Each Ctrl+F asks the open canvas to show its search box.
  const [findRequest, setFindRequest] = useState(0);

  useEffect(() => {
    setWindowTitle(workspace ? `${workspace.name} — Michi` : "Michi");
  }, [workspace]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = actionFor(e, isTextField(e.target));
      if (!action) return;
      const s = session.getState();
      switch (action.type) {
        case "new":
          void createWithDialog(session, t, false);
          break;
        case "open":
          void openWithDialog(session, t);
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
          if (s.editing) session.stopEditing();
          else if (s.error) session.dismissError();
          else session.select(null);
          break;
        case "delete":
          if (s.mode === "process") {
            // Pools and lanes go with an explicit button; a key press removes what is drawn in them.
            const ids = s.selected.filter((id) => {
              const kind = s.diagram?.shapes.find((x) => x.element.id === id)?.element.data.kind;
              return kind !== "pool";
            });
            if (ids.length === 0) return;
            void session.edit({ type: "delete", ids });
            break;
          }
          if (!s.selection) return;
          void session.edit({ type: "delete", ids: [s.selection.id] });
          break;
        case "copy":
          if (s.mode !== "process") return;
          void session.copy();
          break;
        case "paste":
          if (s.mode !== "process") return;
          window.dispatchEvent(new Event("michi:paste"));
          break;
        case "selectAll":
          if (s.mode !== "process" || !s.diagram) return;
          session.selectShapes(
            s.diagram.shapes.filter((x) => x.element.data.kind !== "pool" && x.element.data.kind !== "lane").map((x) => x.element.id),
          );
          break;
        case "find":
          if (s.mode !== "process") return;
          setFindRequest((n) => n + 1);
          break;
        case "edit":
          if (s.mode !== "journey" || !s.selection || !s.map) return;
          session.startEditing({ kind: "element", id: s.selection.id, stage: s.selection.stage });
          break;
        case "navigate": {
          if (s.mode !== "journey" || !s.map) return;
          const first = s.map.stages[0];
          const next = s.selection ? neighbour(s.map, s.selection, action.direction) : first ? { id: first.stage.id, stage: first.stage.id } : null;
          if (next) session.select(next);
          break;
        }
        case "move": {
          if (s.mode !== "journey" || !s.map || !s.selection) return;
          const edit = moveEdit(s.map, s.selection, action.direction);
          if (!edit) return;
          void session.edit(edit).then(() => {
            if (edit.type === "moveCard") session.select({ id: edit.card, stage: edit.to });
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
    <div className="app">
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
          <div className={`workspace${state.mode === "health" ? " wide" : ""}`}>
            <Sidebar session={session} outline={state.outline} view={state.view} mode={state.mode} selection={selection} />
            <main className="canvas">
              {state.mode === "process" && state.diagram ? (
                <ProcessCanvas
                  key={state.diagram.view}
                  session={session}
                  diagram={state.diagram}
                  selected={state.selected}
                  overlay={state.overlay}
                  structureOnly={state.structureOnly}
                  findRequest={findRequest}
                  diagnosis={workspace.diagnosis}
                  focus={state.focus}
                />
              ) : state.mode === "outputs" && state.outputs ? (
                <OutputsView
                  session={session}
                  outputs={state.outputs}
                  journeyView={state.outline.journeys.find((j) => j.id === state.outputs?.journey)?.view ?? null}
                />
              ) : state.mode === "health" && state.health ? (
                <HealthView session={session} health={state.health} />
              ) : state.mode === "glossary" && state.glossary ? (
                <GlossaryView session={session} glossary={state.glossary} selection={selection} />
              ) : map ? (
                <JourneyMapView session={session} map={map} selection={selection} editing={state.editing} overlay={state.overlay} structureOnly={state.structureOnly} diagnosis={workspace.diagnosis} focus={state.focus} />
              ) : (
                <div className="map-empty">
                  <p>{t("map.noJourney")}</p>
                </div>
              )}
              {state.problemsOpen && <ProblemsPanel session={session} diagnosis={workspace.diagnosis} view={state.mode === "glossary" ? null : state.view} />}
            </main>
            {state.mode !== "health" && <Properties
              session={session}
              map={map}
              outline={state.outline}
              selection={selection}
              diagram={state.mode === "process" ? state.diagram : null}
              glossary={state.glossary}
              overlay={state.mode === "glossary" ? null : state.overlay}
              selectedCount={state.selected.length}
            />}
          </div>
          <StatusBar session={session} save={state.save} outline={state.outline} diagnosis={workspace.diagnosis} problemsOpen={state.problemsOpen} />
          {state.settingsOpen && <DiagnosisSettings session={session} config={workspace.diagnosis.config} />}
        </>
      ) : (
        <Welcome
          session={session}
          recent={state.recent}
          opening={state.opening}
          onLanguage={(lang) => void changeLanguage(session, lang)}
        />
      )}
    </div>
  );
}
