// The skill matrix (domain.md §4): the team heatmap (people × skills, each level against the
// person's target and what their roles need), a person's page with their development plan, the
// capability model editor, and the gaps per function with the call to train or to hire. Every
// figure is Rust's (derive::skills); edits go through the session as one step each, undoable.

import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ElementId, SkillCell, SkillRow, Text, TeamPersonRow } from "../bindings";
import { day, isoDay } from "../app/dates";
import { exportAssessmentsWithDialog, exportSkillGapsWithDialog, importAssessmentsWithDialog } from "../app/files";
import type { Session } from "../app/session";
import { useStore } from "../app/store";
import { CatalogDialog } from "../outputs/CatalogDialog";
import { DocumentView } from "../outputs/DocumentView";
import { ModelEditor } from "./ModelEditor";
import { type SkillsData, type SkillsTab, todayStart } from "./store";

export function useText() {
  const { i18n } = useTranslation();
  return (t: Text | null | undefined) => (t ? (i18n.language === "en" ? t.en : t.ja) : "");
}

const TABS: SkillsTab[] = ["team", "person", "model", "gaps"];

export function SkillsView({ session, data, readOnly }: { session: Session; data: SkillsData; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const state = useStore(session.skills);
  const en = i18n.language === "en";
  const m = data.matrix;
  const language = en ? "en" : "ja";
  const dates = m.dates.filter((d): d is number => d !== null);
  const [settings, setSettings] = useState(false);

  return (
    <div className="skills-view" data-testid="skills-view">
      <header className="outputs-header skills-header">
        <h2>{t("skills.title")}</h2>
        <label className="variant-picker">
          {t("skills.asOf")}
          <select
            data-testid="skills-as-of"
            value={state.asOf ?? ""}
            onChange={(e) => void session.skills.open({ asOf: e.target.value === "" ? null : Number(e.target.value) })}
          >
            <option value="">{t("skills.latest")}</option>
            {dates.map((d) => (
              <option key={d} value={d}>
                {day(d, en)}
              </option>
            ))}
          </select>
        </label>
        <label className="variant-picker">
          {t("skills.compareWith")}
          <select
            data-testid="skills-compare"
            value={state.compare ?? ""}
            onChange={(e) => void session.skills.open({ compare: e.target.value === "" ? null : Number(e.target.value) })}
          >
            <option value="">{t("skills.noCompare")}</option>
            {dates.map((d) => (
              <option key={d} value={d}>
                {day(d, en)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        {!readOnly && (
          <button data-testid="skills-import" onClick={() => void importAssessmentsWithDialog(session, t)}>
            {t("skills.import")}
          </button>
        )}
        <button data-testid="skills-export-long" onClick={() => void exportAssessmentsWithDialog(session, t, "long", state.asOf, language)}>
          {t("skills.exportLong")}
        </button>
        <button data-testid="skills-export-wide" onClick={() => void exportAssessmentsWithDialog(session, t, "wide", state.asOf, language)}>
          {t("skills.exportWide")}
        </button>
        <button data-testid="skills-export" onClick={() => void exportSkillGapsWithDialog(session, t, state.asOf, language)}>
          {t("skills.exportGaps")}
        </button>
        {!readOnly && (
          <button data-testid="skills-settings" onClick={() => setSettings(true)}>
            {t("skills.settings")}
          </button>
        )}
      </header>
      {settings && <CatalogDialog session={session} section="skills" onClose={() => setSettings(false)} />}
      <nav className="tabs" role="tablist">
        {TABS.map((tab) => (
          <button
            key={tab}
            role="tab"
            aria-selected={state.tab === tab}
            className={state.tab === tab ? "active" : ""}
            data-testid={`skills-tab-${tab}`}
            onClick={() => session.skills.setTab(tab)}
          >
            {t(`skills.tab.${tab}`)}
          </button>
        ))}
      </nav>
      {data.changes && <Changes data={data} />}
      {state.tab === "team" && <Heatmap session={session} data={data} readOnly={readOnly} />}
      {state.tab === "person" && <PersonPage session={session} data={data} readOnly={readOnly} />}
      {state.tab === "model" && <ModelEditor session={session} data={data} readOnly={readOnly} />}
      {state.tab === "gaps" && <GapsTab session={session} data={data} readOnly={readOnly} />}
    </div>
  );
}

/** The class of a cell: its level's colour, below what the role needs, N/A, stale. */
function cellClass(c: SkillCell): string {
  const level = c.notApplicable ? "na" : c.current === null ? "none" : `l${c.current}`;
  const below = !c.notApplicable && c.needed > (c.current ?? 0);
  return `skill-cell ${level}${below ? " below" : ""}${c.stale ? " stale" : ""}`;
}

function Heatmap({ session, data, readOnly }: { session: Session; data: SkillsData; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const en = i18n.language === "en";
  const state = useStore(session.skills);
  const m = data.matrix;
  const { filter, cell } = state;
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  const grid = useRef<HTMLTableElement>(null);
  const changed = new Set((data.changes ?? []).map((c) => `${c.person.id} ${c.skill}`));

  const columns = m.skills.map((s, i) => ({ s, i })).filter(({ s }) => !filter.axis || s.axis === filter.axis);
  const people = m.people.filter(
    (p) => (!filter.function || p.functions.includes(filter.function)) && (!filter.role || p.roles.includes(filter.role)),
  );
  const roleName = (id: ElementId) => data.roles.find((r) => r.role.id === id)?.role.name ?? "";

  const add = async () => {
    const n = name.trim();
    if (!n) return;
    setName("");
    await session.edit({ type: "addMember", name: n, roles: role ? [role] : [] });
  };

  /** Raises or lowers a cell by one level, assessed today (keeping its target and evidence). */
  const step = (p: TeamPersonRow, i: number, by: number) => {
    if (readOnly) return;
    const c = p.cells[i]!;
    const current = Math.max(0, Math.min(5, (c.current ?? 0) + by));
    void session.skills.assess(p.person.id, i, { date: todayStart(), current, target: c.target, notApplicable: false, assessor: "", evidence: "" });
  };

  const focusCell = (row: number, col: number) => {
    const el = grid.current?.querySelector<HTMLButtonElement>(`[data-row="${row}"][data-col="${col}"]`);
    el?.focus();
  };

  const onKey = (e: React.KeyboardEvent, p: TeamPersonRow, row: number, col: number, i: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      focusCell(row + move[0], col + move[1]);
    } else if (e.key === "+" || e.key === "=") {
      e.preventDefault();
      step(p, i, 1);
    } else if (e.key === "-") {
      e.preventDefault();
      step(p, i, -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      session.skills.selectCell({ person: p.person.id, skill: i });
    }
  };

  return (
    <div className="skills-team">
      <div className="skills-filters">
        <label>
          {t("skills.function")}
          <select data-testid="filter-function" value={filter.function ?? ""} onChange={(e) => session.skills.setFilter({ function: e.target.value || null })}>
            <option value="">{t("skills.all")}</option>
            {m.functions.map((f) => (
              <option key={f.function.id} value={f.function.id}>
                {text(f.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("skills.role")}
          <select data-testid="filter-role" value={filter.role ?? ""} onChange={(e) => session.skills.setFilter({ role: e.target.value || null })}>
            <option value="">{t("skills.all")}</option>
            {data.roles.map((r) => (
              <option key={r.role.id} value={r.role.id}>
                {r.role.name}（{text(r.functionName)}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("skills.axis")}
          <select data-testid="filter-axis" value={filter.axis ?? ""} onChange={(e) => session.skills.setFilter({ axis: e.target.value || null })}>
            <option value="">{t("skills.all")}</option>
            {m.axes.map((a) => (
              <option key={a.axis} value={a.axis}>
                {text(a.name)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        {!readOnly && (
          <form
            className="skills-add-member"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <input data-testid="member-name" placeholder={t("skills.memberName")} value={name} onChange={(e) => setName(e.target.value)} />
            <select data-testid="member-role" value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">{t("skills.noRole")}</option>
              {data.roles.map((r) => (
                <option key={r.role.id} value={r.role.id}>
                  {r.role.name}（{text(r.functionName)}）
                </option>
              ))}
            </select>
            <button type="submit" data-testid="member-add" disabled={!name.trim()}>
              {t("skills.addMember")}
            </button>
          </form>
        )}
      </div>
      <p className="muted small skills-legend">
        <span className="skill-cell l0">0</span>…<span className="skill-cell l5">5</span> {t("skills.legendLevels")}
        <span className="skill-cell l2 below">2</span> {t("skills.legendBelow")}
        <span className="skill-cell na">N/A</span> {t("skills.legendNa")}
        <span className="skill-cell l3 stale">3</span> {t("skills.legendStale", { days: m.staleAfterDays })}
        {!readOnly && <> · {t("skills.keys")}</>}
      </p>
      {m.people.length === 0 ? (
        <p className="muted" data-testid="skills-no-people">{t("skills.noPeople")}</p>
      ) : m.skills.length === 0 ? (
        <p className="muted">{t("skills.noSkills")}</p>
      ) : (
        <div className="skills-grid-wrap">
          <table className="skills-grid" data-testid="heatmap" ref={grid}>
            <thead>
              <tr>
                <th className="person-col">{t("skills.person")}</th>
                {columns.map(({ s }) => (
                  <th key={s.id} className="skill-head" title={text(s.description)}>
                    <span>{text(s.name)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {people.map((p, row) => (
                <tr key={p.person.id} data-testid="heatmap-row" data-person={p.person.name}>
                  <th className="person-col">
                    <button className="link" data-testid="open-person" onClick={() => void session.skills.openPerson(p.person.id)}>
                      {p.person.name}
                    </button>
                    <span className="muted small">{p.roles.map(roleName).join("、")}</span>
                  </th>
                  {columns.map(({ s, i }, col) => {
                    const c = p.cells[i]!;
                    const open = cell?.person === p.person.id && cell.skill === i;
                    const title = [
                      `${p.person.name} — ${text(s.name)}`,
                      c.notApplicable ? "N/A" : `${t("skills.current")}: ${c.current ?? "—"}`,
                      c.target !== null ? `${t("skills.target")}: ${c.target}` : "",
                      c.needed ? `${t("skills.needed")}: ${c.needed}` : "",
                      c.date !== null ? day(c.date, en) : t("skills.notAssessed"),
                    ]
                      .filter(Boolean)
                      .join(" · ");
                    return (
                      <td key={s.id}>
                        <button
                          className={`${cellClass(c)}${open ? " open" : ""}${changed.has(`${p.person.id} ${s.id}`) ? " changed" : ""}`}
                          data-testid="skill-cell"
                          data-skill={s.key || s.id}
                          data-level={c.notApplicable ? "na" : (c.current ?? "")}
                          data-below={!c.notApplicable && c.needed > (c.current ?? 0)}
                          data-row={row}
                          data-col={col}
                          title={title}
                          onClick={() => session.skills.selectCell({ person: p.person.id, skill: i })}
                          onKeyDown={(e) => onKey(e, p, row, col, i)}
                        >
                          {c.notApplicable ? "N/A" : (c.current ?? "·")}
                          {!c.notApplicable && c.target !== null && c.target > (c.current ?? 0) && <small>→{c.target}</small>}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cell && <CellEditor key={`${cell.person}-${cell.skill}`} session={session} data={data} person={cell.person} skill={cell.skill} readOnly={readOnly} />}
    </div>
  );
}

/** The editor of one cell: a new assessment (today by default; the same day's is replaced), with
 * the level descriptions to judge by. */
function CellEditor({ session, data, person, skill, readOnly }: { session: Session; data: SkillsData; person: ElementId; skill: number; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const p = data.matrix.people.find((x) => x.person.id === person);
  const s: SkillRow | undefined = data.matrix.skills[skill];
  const c = p?.cells[skill];
  const [current, setCurrent] = useState(c?.current ?? 0);
  const [target, setTarget] = useState<number | null>(c?.target ?? null);
  const [na, setNa] = useState(c?.notApplicable ?? false);
  const [date, setDate] = useState(isoDay(todayStart()));
  const [assessor, setAssessor] = useState("");
  const [evidence, setEvidence] = useState("");
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  if (!p || !s || !c) return null;
  const save = async () => {
    const when = Date.parse(`${date}T00:00:00Z`) / 1000;
    if (!Number.isFinite(when)) return;
    await session.skills.assess(person, skill, { date: when, current, target, notApplicable: na, assessor, evidence });
    session.skills.selectCell(null);
  };
  const level = (n: number) => s.levels[n - 1];
  return (
    <aside
      className="skills-cell-editor"
      data-testid="cell-editor"
      onKeyDown={(e) => {
        if (e.key === "Escape") session.skills.selectCell(null);
      }}
    >
      <header>
        <h3>
          {p.person.name} — {text(s.name)}
        </h3>
        <button className="icon" aria-label={t("skills.close")} onClick={() => session.skills.selectCell(null)}>
          ×
        </button>
      </header>
      <p className="muted small">
        {c.date !== null ? t("skills.lastAssessed", { date: day(c.date, i18n.language === "en") }) : t("skills.notAssessed")}
        {c.needed ? ` · ${t("skills.neededBy", { level: c.needed })}` : ""}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="skills-fields">
          <label>
            {t("skills.current")}
            <select ref={first} data-testid="cell-current" value={current} disabled={readOnly || na} onChange={(e) => setCurrent(Number(e.target.value))}>
              {[0, 1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("skills.target")}
            <select data-testid="cell-target" value={target ?? ""} disabled={readOnly || na} onChange={(e) => setTarget(e.target.value === "" ? null : Number(e.target.value))}>
              <option value="">—</option>
              {[0, 1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" data-testid="cell-na" checked={na} disabled={readOnly} onChange={(e) => setNa(e.target.checked)} />
            {t("skills.notApplicable")}
          </label>
          <label>
            {t("skills.date")}
            <input type="date" data-testid="cell-date" value={date} disabled={readOnly} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label>
            {t("skills.assessor")}
            <input data-testid="cell-assessor" value={assessor} disabled={readOnly} onChange={(e) => setAssessor(e.target.value)} />
          </label>
        </div>
        <label className="wide">
          {t("skills.evidence")}
          <textarea data-testid="cell-evidence" rows={2} value={evidence} disabled={readOnly} onChange={(e) => setEvidence(e.target.value)} />
        </label>
        {!readOnly && (
          <button type="submit" className="primary" data-testid="cell-save">
            {t("skills.save")}
          </button>
        )}
      </form>
      <ol className="skills-levels">
        {[1, 2, 3, 4, 5].map((n) => (
          <li key={n} className={`${n === current && !na ? "current" : ""}${n === c.needed ? " needed" : ""}`}>
            <strong>{n}</strong> {text(level(n)?.can)}
            {level(n) && <span className="muted"> — {t("skills.evidenceOf", { evidence: text(level(n)!.evidence) })}</span>}
            {n >= 4 && <span className="chip">{t("skills.organisational")}</span>}
          </li>
        ))}
      </ol>
    </aside>
  );
}

function PersonPage({ session, data, readOnly }: { session: Session; data: SkillsData; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const en = i18n.language === "en";
  const m = data.matrix;
  const state = useStore(session.skills);
  const [role, setRole] = useState("");
  const p = m.people.find((x) => x.person.id === state.person);
  const detail = data.person;
  const functionName = (id: ElementId) => text(m.functions.find((f) => f.function.id === id)?.name);
  const roleChoice = (id: ElementId) => data.roles.find((r) => r.role.id === id);

  return (
    <div className="skills-person" data-testid="person-page">
      <label className="variant-picker">
        {t("skills.person")}
        <select data-testid="person-pick" value={state.person ?? ""} onChange={(e) => void session.skills.open({ person: e.target.value || null })}>
          <option value="">{t("skills.pickPerson")}</option>
          {m.people.map((x) => (
            <option key={x.person.id} value={x.person.id}>
              {x.person.name}
            </option>
          ))}
        </select>
      </label>
      {!p ? (
        <p className="muted">{t("skills.pickPersonHint")}</p>
      ) : (
        <>
          <h3 data-testid="person-name">{p.person.name}</h3>
          {!readOnly && (
            <div className="skills-person-fields">
              <label>
                {t("skills.name")}
                <input
                  key={`name-${p.person.id}-${p.person.name}`}
                  data-testid="person-rename"
                  defaultValue={p.person.name}
                  onKeyDown={(e) => e.key === "Enter" && (e.target as HTMLInputElement).blur()}
                  onBlur={(e) => {
                    const name = e.target.value.trim();
                    if (name && name !== p.person.name) void session.edit({ type: "update", id: p.person.id, data: { kind: "teamMember", name, note: detail?.note ?? "" } });
                  }}
                />
              </label>
              <label className="wide">
                {t("skills.note")}
                <textarea
                  key={`note-${p.person.id}-${detail?.note ?? ""}`}
                  rows={2}
                  defaultValue={detail?.note ?? ""}
                  onBlur={(e) => {
                    if (e.target.value !== (detail?.note ?? "")) void session.edit({ type: "update", id: p.person.id, data: { kind: "teamMember", name: p.person.name, note: e.target.value } });
                  }}
                />
              </label>
            </div>
          )}
          <section>
            <h4>{t("skills.roles")}</h4>
            <ul className="chips">
              {p.roles.map((r) => (
                <li key={r} className="chip" data-testid="person-role">
                  {roleChoice(r)?.role.name}（{text(roleChoice(r)?.functionName)}）
                  {!readOnly && (
                    <button className="icon" aria-label={t("skills.removeRole")} onClick={() => void session.edit({ type: "unlink", kind: "memberOf", from: p.person.id, to: r })}>
                      ×
                    </button>
                  )}
                </li>
              ))}
              {p.roles.length === 0 && <li className="muted">{t("skills.noRoleYet")}</li>}
            </ul>
            {!readOnly && (
              <div className="row">
                <select data-testid="person-add-role" value={role} onChange={(e) => setRole(e.target.value)}>
                  <option value="">{t("skills.pickRole")}</option>
                  {data.roles
                    .filter((r) => !p.roles.includes(r.role.id))
                    .map((r) => (
                      <option key={r.role.id} value={r.role.id}>
                        {r.role.name}（{text(r.functionName)}）
                      </option>
                    ))}
                </select>
                <button
                  disabled={!role}
                  onClick={() => {
                    setRole("");
                    void session.edit({ type: "link", kind: "memberOf", from: p.person.id, to: role });
                  }}
                >
                  {t("skills.addRole")}
                </button>
              </div>
            )}
            <p className="muted small" data-testid="person-meets">
              {p.functions.length === 0
                ? t("skills.inNoFunction")
                : p.functions.map((f) => `${functionName(f)}: ${p.meets.includes(f) ? t("skills.meets") : t("skills.doesNotMeet")}`).join(" · ")}
            </p>
          </section>
          <section>
            <h4>{t("skills.plan")}</h4>
            {p.plan.length === 0 ? (
              <p className="muted">{t("skills.noPlan")}</p>
            ) : (
              <ol className="skills-plan" data-testid="plan">
                {p.plan.map((g) => {
                  const s = m.skills[g.skill]!;
                  const next = s.levels[g.next - 1];
                  return (
                    <li key={s.id} data-testid="plan-step">
                      <strong>{text(s.name)}</strong> {t("skills.step", { current: g.current, next: g.next, goal: g.goal })}
                      {g.required && <span className="chip warn">{t("skills.neededByRole")}</span>}
                      {next && (
                        <div className="muted">
                          {text(next.can)} — {t("skills.evidenceOf", { evidence: text(next.evidence) })}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
          <section>
            <h4>{t("skills.history")}</h4>
            <table className="skills-history" data-testid="person-history">
              <thead>
                <tr>
                  <th>{t("skills.skill")}</th>
                  <th>{t("skills.date")}</th>
                  <th>{t("skills.current")}</th>
                  <th>{t("skills.target")}</th>
                  <th>{t("skills.assessor")}</th>
                  <th>{t("skills.evidence")}</th>
                </tr>
              </thead>
              <tbody>
                {(detail?.history ?? []).flatMap((h, i) =>
                  h.map((a) => (
                    <tr key={a.assessment}>
                      <td>{text(m.skills[i]?.name)}</td>
                      <td>{a.date !== null ? day(a.date, en) : ""}</td>
                      <td>{a.notApplicable ? "N/A" : a.current}</td>
                      <td>{a.target ?? "—"}</td>
                      <td>{a.assessor}</td>
                      <td>{a.evidence}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </section>
          {!readOnly && (
            <button
              className="danger"
              data-testid="person-delete"
              onClick={() => {
                if (window.confirm(t("skills.deletePersonConfirm", { name: p.person.name }))) void session.edit({ type: "delete", ids: [p.person.id] });
              }}
            >
              {t("skills.deletePerson")}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function GapsTab({ session, data, readOnly }: { session: Session; data: SkillsData; readOnly: boolean }) {
  const { t } = useTranslation();
  const text = useText();
  const m = data.matrix;
  const trace = (id: ElementId, views: string[]) => void session.reveal(id, views);
  return (
    <div className="skills-gaps">
      <section className="skills-requirements">
        <h3>{t("skills.requirements")}</h3>
        {m.functions.length === 0 && <p className="muted">{t("skills.noFunctions")}</p>}
        {m.functions.map((f) => (
          <div key={f.function.id} className="skills-requirement" data-testid="requirement-function" data-function={f.kind ?? ""}>
            <h4>{text(f.name)}</h4>
            <Requirements
              session={session}
              data={data}
              holder={f.function.id}
              levels={f.requires.map((r) => ({ skill: r.skill, level: r.level }))}
              readOnly={readOnly}
            />
            {m.roles
              .filter((r) => r.function === f.function.id)
              .map((r) => (
                <div key={r.role.id} className="skills-role-requirement" data-testid="requirement-role">
                  <h5>{t("skills.roleAlso", { role: r.role.name })}</h5>
                  <Requirements
                    session={session}
                    data={data}
                    holder={r.role.id}
                    levels={r.requires.map((q) => ({ skill: m.skills[q.skill]!.id, level: q.level }))}
                    readOnly={readOnly}
                  />
                </div>
              ))}
          </div>
        ))}
      </section>
      <DocumentView doc={data.document} testId="skills-document" trace={trace} />
    </div>
  );
}

function Changes({ data }: { data: SkillsData }) {
  const { t } = useTranslation();
  const text = useText();
  if (!data.changes) return null;
  return (
        <section data-testid="skills-changes">
          <h3>{t("skills.changes", { count: data.changes.length })}</h3>
          <ul>
            {data.changes.map((c) => (
              <li key={`${c.person.id}-${c.skill}`} data-testid="skills-change">
                {c.person.name} — {text(c.name)}: {c.from ?? "—"} → {c.to ?? "—"}
                {c.fromTarget !== c.toTarget && ` (${t("skills.target")} ${c.fromTarget ?? "—"} → ${c.toTarget ?? "—"})`}
              </li>
            ))}
          </ul>
        </section>
  );
}

/** The levels a function or a role requires, each editable, and one more to add. */
function Requirements({ session, data, holder, levels, readOnly }: { session: Session; data: SkillsData; holder: ElementId; levels: { skill: ElementId; level: number }[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const text = useText();
  const [pick, setPick] = useState({ skill: "", level: 3 });
  const skills = data.matrix.skills;
  const setLevel = (skill: ElementId, level: number | null) => void session.edit({ type: "setRequirement", holder, skill, level });
  const nameOf = (id: ElementId) => text(skills.find((s) => s.id === id)?.name);
  return (
    <>
      <ul>
        {levels.map((r) => (
          <li key={r.skill} data-testid="requirement">
            <span className="grow">{nameOf(r.skill)}</span>
            <select aria-label={t("skills.requiredLevel")} value={r.level} disabled={readOnly} onChange={(e) => setLevel(r.skill, Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            {!readOnly && (
              <button className="icon" aria-label={t("skills.removeRequirement")} onClick={() => setLevel(r.skill, null)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="row">
          <select data-testid="requirement-skill" value={pick.skill} onChange={(e) => setPick({ ...pick, skill: e.target.value })}>
            <option value="">{t("skills.pickSkill")}</option>
            {skills
              .filter((s) => !levels.some((r) => r.skill === s.id))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {text(s.name)}
                </option>
              ))}
          </select>
          <select aria-label={t("skills.requiredLevel")} value={pick.level} onChange={(e) => setPick({ ...pick, level: Number(e.target.value) })}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button
            data-testid="requirement-add"
            disabled={!pick.skill}
            onClick={() => {
              setPick({ skill: "", level: 3 });
              setLevel(pick.skill, pick.level);
            }}
          >
            {t("skills.addRequirement")}
          </button>
        </div>
      )}
    </>
  );
}
