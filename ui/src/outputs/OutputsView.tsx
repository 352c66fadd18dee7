// The outputs of a journey, derived by Rust from the model on every change: the playbook (a
// document to print and hand over), the metrics catalog with its KPI tree, and the CS functions the
// model calls for with the org design and its sizing. Each is a document Rust writes; this view
// draws it (DocumentView) and adds the controls that edit the model: adopting a function, the org
// design's owners and roles, the catalog.

import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ElementId, OrgRecommendation, Section } from "../bindings";
import { exportOutputWithDialog } from "../app/files";
import type { Session } from "../app/session";
import { useStore } from "../app/store";
import { CatalogDialog } from "./CatalogDialog";
import { DocumentView } from "./DocumentView";
import type { OutputsData } from "./store";

type CatalogSection = "interventions" | "functions" | "sizing";

export function OutputsView({ session, data }: { session: Session; data: OutputsData }) {
  const { t, i18n } = useTranslation();
  const { tab } = useStore(session.outputs);
  const trace = (id: ElementId, views: string[]) => void session.reveal(id, views);
  const [catalog, setCatalog] = useState<CatalogSection | null>(null);
  const closeCatalog = useCallback(() => setCatalog(null), []);
  const { design } = data;
  const adopted = new Set(design.adopted.flatMap((a) => (a.function ? [a.function] : [])));
  return (
    <div className="outputs-view" data-testid="outputs-view">
      <header className="outputs-header no-print">
        <div className="tabs" role="tablist">
          {(["playbook", "metrics", "org"] as const).map((name) => (
            <button
              key={name}
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? "active" : ""}
              data-testid={`tab-${name}`}
              onClick={() => void session.outputs.open(data.journey, name)}
            >
              {t(`outputs.${name}`)}
            </button>
          ))}
        </div>
        {tab === "playbook" && data.variants.length > 0 && (
          <label className="variant-picker">
            {t("outputs.variant")}
            <select
              data-testid="variant-select"
              value={data.segment ?? ""}
              onChange={(e) => void session.outputs.open(data.journey, "playbook", e.target.value === "" ? null : e.target.value)}
            >
              <option value="">{t("outputs.whole")}</option>
              {data.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="toolbar-spacer" />
        <button data-testid="edit-catalog" onClick={() => setCatalog(tab === "org" ? "functions" : "interventions")}>
          {t("outputs.editCatalog")}
        </button>
        <button
          data-testid="export-output"
          onClick={() => void exportOutputWithDialog(session, t, tab, data.journey, data.segment, i18n.language === "en" ? "en" : "ja")}
        >
          {t("outputs.export")}
        </button>
        <button onClick={() => window.print()}>{t("outputs.print")}</button>
      </header>
      <div className="document-scroll">
        {tab === "playbook" ? (
          <DocumentView doc={data.playbook} testId="playbook" trace={trace} />
        ) : tab === "metrics" ? (
          <DocumentView doc={data.metrics} testId="metrics" trace={trace} />
        ) : (
          <DocumentView
            doc={data.org}
            testId="org"
            trace={trace}
            controls={(section) => (
              <OrgControls session={session} section={section} adopted={adopted} editAssumptions={() => setCatalog("sizing")} />
            )}
            editor={(section) => {
              const element = section.role === "adopted-function" ? section.element : null;
              return element ? <AdoptedEditor session={session} design={design} element={element} trace={trace} /> : null;
            }}
          />
        )}
      </div>
      {catalog && <CatalogDialog session={session} section={catalog} onClose={closeCatalog} />}
    </div>
  );
}

/** What the org view adds to a section's heading: adopting a recommended function, editing the sizing's assumptions. */
function OrgControls({ session, section, adopted, editAssumptions }: { session: Session; section: Section; adopted: Set<string>; editAssumptions: () => void }) {
  const { t } = useTranslation();
  const f = section.function;
  if (section.role === "org-function" && f && !adopted.has(f)) {
    return (
      <button className="adopt no-print" data-testid="accept-function" onClick={() => void session.edit({ type: "acceptFunction", function: f })}>
        + {t("outputs.adopt")}
      </button>
    );
  }
  if (section.role === "sizing") {
    return (
      <button className="no-print" data-testid="edit-assumptions" onClick={editAssumptions}>
        {t("outputs.editAssumptions")}
      </button>
    );
  }
  return null;
}

/** An adopted function's editor: the stages and activities it owns, and its roles with their headcount. */
function AdoptedEditor({
  session,
  design,
  element,
  trace,
}: {
  session: Session;
  design: OrgRecommendation;
  element: ElementId;
  trace: (id: ElementId, views: string[]) => void;
}) {
  const { t } = useTranslation();
  const a = design.adopted.find((x) => x.element.id === element);
  if (!a) return null;
  const free = design.stages.filter((s) => !a.owns.some((o) => o.element.id === s.id));
  return (
    <div className="adopted-editor">
      <div className="muted small">{t("outputs.owns")}</div>
      <ul>
        {a.owns.map((o) => (
          <li key={o.element.id} data-testid="owned">
            {o.element.name}
            <button className="trace" data-testid="trace" title={t("outputs.trace")} aria-label={t("outputs.trace")} onClick={() => trace(o.element.id, o.views)}>
              ↗
            </button>
            <button
              className="remove"
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
      {free.length > 0 && (
        <select
          data-testid="own-stage"
          aria-label={t("outputs.addOwn")}
          value=""
          onChange={(e) => e.target.value && void session.edit({ type: "link", kind: "owns", from: a.element.id, to: e.target.value })}
        >
          <option value="">{t("outputs.addOwn")}</option>
          {free.map((s) => (
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
      <button data-testid="add-role" onClick={() => void session.edit({ type: "addRole", function: a.element.id, name: t("outputs.newRole") })}>
        + {t("outputs.addRole")}
      </button>
      {a.qualified !== null && (
        <p className="small" data-testid="function-qualified">
          <button className="link" onClick={() => void session.skills.open({ tab: "gaps" })}>
            {t("outputs.qualified", { count: a.qualified })}
          </button>
          {a.shortOfQualified && <span className="chip warn">{t("outputs.tooFewQualified")}</span>}
        </p>
      )}
    </div>
  );
}
