import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ElementData, Outline, ViewId } from "../bindings";
import type { Session } from "../app/session";
import { InlineEditor } from "../journey/InlineEditor";
import { type Selection, labelOf } from "../journey/model";

interface Props {
  session: Session;
  outline: Outline;
  view: ViewId | null;
  selection: Selection | null;
}

export function Sidebar({ session, outline, view, selection }: Props) {
  const { t } = useTranslation();
  const [naming, setNaming] = useState(false);

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

  return (
    <nav className="sidebar" aria-label={t("sidebar.journeys")}>
      <section>
        <h2>{t("sidebar.journeys")}</h2>
        <ul className="journey-list">
          {outline.journeys.map((j) => (
            <li key={j.id}>
              <button
                className={`journey-item${j.view === view ? " active" : ""}`}
                aria-current={j.view === view}
                data-testid="journey-item"
                onClick={async () => {
                  if (j.view && j.view !== view) await session.showView(j.view);
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
