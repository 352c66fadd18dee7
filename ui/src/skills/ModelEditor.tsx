// The capability model editor (domain.md §4): skill elements × five levels, each cell what a person
// at that level can do and the evidence that shows it. The texts are edited in the UI's language
// (the other language's text is kept); each change is one undoable edit of the skill.

import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { LevelText, SkillGroup, SkillRow, Text } from "../bindings";
import type { Session } from "../app/session";
import type { SkillsData } from "./store";
import { useText } from "./SkillsView";

const GROUPS: SkillGroup[] = ["insightsActions", "outcomes", "transform"];

/** The skill as stored, from its row, with `patch` applied. */
function skillData(s: SkillRow, patch: Partial<Pick<SkillRow, "name" | "group" | "axis" | "description" | "levels">>) {
  return {
    kind: "skill" as const,
    key: s.key,
    name: patch.name ?? s.name,
    group: patch.group === undefined ? s.group : patch.group,
    axis: patch.axis ?? s.axis,
    description: patch.description ?? s.description,
    levels: patch.levels ?? s.levels,
    position: s.position,
  };
}

/** Five levels, the missing ones empty. */
function fiveLevels(levels: LevelText[]): LevelText[] {
  const empty = (): LevelText => ({ can: { ja: "", en: "" }, evidence: { ja: "", en: "" } });
  return [0, 1, 2, 3, 4].map((i) => levels[i] ?? empty());
}

/** A text field committing on blur or Enter, when changed. */
function Field({ value, onCommit, multiline, label, placeholder, testId, disabled }: { value: string; onCommit: (v: string) => void; multiline?: boolean; label: string; placeholder?: string; testId?: string; disabled: boolean }) {
  const [draft, setDraft] = useState(value);
  const [last, setLast] = useState(value);
  if (value !== last) {
    // The model changed underneath (undo, another edit): show it.
    setLast(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const common = {
    "aria-label": label,
    "data-testid": testId,
    placeholder,
    value: draft,
    disabled,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(e.target.value),
    onBlur: commit,
  };
  return multiline ? (
    <textarea {...common} rows={3} />
  ) : (
    <input
      {...common}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
      }}
    />
  );
}

export function ModelEditor({ session, data, readOnly }: { session: Session; data: SkillsData; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const en = i18n.language === "en";
  const m = data.matrix;
  const [name, setName] = useState("");
  const [axis, setAxis] = useState("cs");
  const [axisFilter, setAxisFilter] = useState<string | null>(null);
  const [newAxis, setNewAxis] = useState(false);
  const [customAxis, setCustomAxis] = useState("");
  // Rust lists the built-in axes first, always, then the company's own.
  const axes = m.axes;
  const withText = (old: Text, value: string): Text => (en ? { ...old, en: value } : { ...old, ja: value });
  const update = (s: SkillRow, patch: Parameters<typeof skillData>[1]) => void session.edit({ type: "update", id: s.id, data: skillData(s, patch) });

  const add = () => {
    const n = name.trim();
    const chosenAxis = newAxis ? customAxis.trim() : axis;
    if (!n || !chosenAxis) return;
    setName("");
    setNewAxis(false);
    setCustomAxis("");
    setAxis(chosenAxis);
    const last = m.skills.reduce((p, s) => Math.max(p, s.position), 0);
    void session.edit({
      type: "create",
      data: { kind: "skill", key: "", name: { ja: n, en: n }, group: null, axis: chosenAxis, description: { ja: "", en: "" }, levels: fiveLevels([]), position: last + 10 },
    });
  };

  const skills = m.skills.filter((s) => !axisFilter || s.axis === axisFilter);
  return (
    <div className="skills-model" data-testid="model-editor">
      <div className="skills-filters">
        {data.defaultMissing && !readOnly && (
          <button className="primary" data-testid="seed-skills" onClick={() => void session.edit({ type: "seedSkills" })}>
            {m.skills.length === 0 ? t("skills.seed") : t("skills.seedMissing")}
          </button>
        )}
        <label>
          {t("skills.axis")}
          <select value={axisFilter ?? ""} onChange={(e) => setAxisFilter(e.target.value || null)}>
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
              add();
            }}
          >
            <input data-testid="skill-name" placeholder={t("skills.skillName")} value={name} onChange={(e) => setName(e.target.value)} />
            <select aria-label={t("skills.axis")} data-testid="skill-axis" value={newAxis ? "" : axis} onChange={(e) => (e.target.value === "" ? setNewAxis(true) : (setNewAxis(false), setAxis(e.target.value)))}>
              {axes.map((a) => (
                <option key={a.axis} value={a.axis}>
                  {text(a.name)}
                </option>
              ))}
              <option value="">{t("skills.newAxis")}</option>
            </select>
            {newAxis && <input aria-label={t("skills.newAxisName")} placeholder={t("skills.newAxisName")} value={customAxis} onChange={(e) => setCustomAxis(e.target.value)} />}
            <button type="submit" data-testid="skill-add" disabled={!name.trim() || (newAxis && !customAxis.trim())}>
              {t("skills.addSkill")}
            </button>
          </form>
        )}
      </div>
      <p className="muted small">{t("skills.modelHint")}</p>
      <div className="skills-model-wrap">
        <table className="skills-model-table">
          <thead>
            <tr>
              <th>{t("skills.skill")}</th>
              {[1, 2, 3, 4, 5].map((n) => (
                <th key={n}>
                  {t("skills.level", { n })}
                  <span className="muted small"> {n >= 4 ? t("skills.organisational") : t("skills.individual")}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {skills.map((s) => {
              const levels = fiveLevels(s.levels);
              const setLevel = (i: number, part: "can" | "evidence", value: string) =>
                update(s, { levels: levels.map((l, j) => (j === i ? { ...l, [part]: withText(l[part] ?? { ja: "", en: "" }, value) } : l)) });
              return (
                <tr key={s.id} data-testid="model-row" data-skill={s.key || s.id}>
                  <th>
                    <Field label={t("skills.skillName")} testId="model-name" value={text(s.name)} disabled={readOnly} onCommit={(v) => update(s, { name: withText(s.name, v) })} />
                    <div className="muted small">
                      {text(s.axisName)}
                      {s.groupName && ` · ${text(s.groupName)}`}
                    </div>
                    <select
                      aria-label={t("skills.group")}
                      value={s.group ?? ""}
                      disabled={readOnly}
                      onChange={(e) => update(s, { group: (e.target.value || null) as SkillGroup | null })}
                    >
                      <option value="">{t("skills.noGroup")}</option>
                      {GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {t(`skills.group.${g}`)}
                        </option>
                      ))}
                    </select>
                    <Field label={t("skills.description")} multiline value={text(s.description)} disabled={readOnly} onCommit={(v) => update(s, { description: withText(s.description, v) })} />
                    {!readOnly && (
                      <button
                        className="danger small"
                        data-testid="model-delete"
                        onClick={() => {
                          if (window.confirm(t("skills.deleteSkillConfirm", { name: text(s.name) }))) void session.edit({ type: "delete", ids: [s.id] });
                        }}
                      >
                        {t("skills.deleteSkill")}
                      </button>
                    )}
                  </th>
                  {levels.map((l, i) => (
                    <td key={i} className={i >= 3 ? "organisational" : ""}>
                      <Field label={t("skills.can", { n: i + 1 })} placeholder={t("skills.canPlaceholder")} testId="model-can" multiline value={text(l.can)} disabled={readOnly} onCommit={(v) => setLevel(i, "can", v)} />
                      <Field label={t("skills.evidenceLabel", { n: i + 1 })} placeholder={t("skills.evidencePlaceholder")} multiline value={text(l.evidence)} disabled={readOnly} onCommit={(v) => setLevel(i, "evidence", v)} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
