// The workspace's catalog: the default intervention for each reason a customer does not act, the
// names and descriptions of the twelve CS functions, and the sizing assumptions, in Japanese and
// English. Rust gives it complete (built-in text where the workspace has none); saving is one
// undoable edit (`setCatalog`), refused with a message when an assumption cannot be used.

import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Catalog, type SizingAssumptions, type SkillAssumptions, type Text } from "../bindings";
import { call } from "../app/api";
import type { Session } from "../app/session";

export type Section = "interventions" | "functions" | "sizing" | "skills";

export function CatalogDialog({ session, section, onClose }: { session: Session; section: Section; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [tab, setTab] = useState<Section>(section);
  useEffect(() => {
    call(commands.catalog()).then(setCatalog, (e: unknown) => session.showError(e));
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [session, onClose]);
  const save = async () => {
    if (!catalog) return;
    if (await session.edit({ type: "setCatalog", catalog })) onClose();
  };
  const text = (value: Text, onChange: (v: Text) => void, testId?: string, multiline = true) => (
    <div className="bilingual">
      {(["ja", "en"] as const).map((lang) =>
        multiline ? (
          <textarea key={lang} rows={2} lang={lang} aria-label={t(`catalog.${lang}`)} data-testid={testId ? `${testId}-${lang}` : undefined} value={value[lang]} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
        ) : (
          <input key={lang} lang={lang} aria-label={t(`catalog.${lang}`)} value={value[lang]} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
        ),
      )}
    </div>
  );
  const sizing = catalog?.sizing;
  const setSizing = (patch: Partial<SizingAssumptions>) => catalog && setCatalog({ ...catalog, sizing: { ...catalog.sizing, ...patch } });
  const number = (key: keyof SizingAssumptions, label: string, unit: string, scale = 1) =>
    sizing && (
      <label className="catalog-number" key={key}>
        <span>{label}</span>
        <input
          type="number"
          min={0}
          step="any"
          data-testid={`sizing-${key}`}
          value={Math.round((sizing[key] ?? 0) * scale * 100) / 100}
          onChange={(e) => setSizing({ [key]: e.target.value === "" ? 0 : Number(e.target.value) / scale })}
        />
        <span className="muted">{unit}</span>
      </label>
    );
  const skills = catalog?.skills;
  const skillNumber = (key: keyof SkillAssumptions, label: string, unit: string) =>
    skills && (
      <label className="catalog-number" key={key}>
        <span>{label}</span>
        <input
          type="number"
          min={1}
          step={1}
          data-testid={`skills-${key}`}
          value={skills[key] ?? 0}
          onChange={(e) => catalog && setCatalog({ ...catalog, skills: { ...skills, [key]: e.target.value === "" ? 0 : Math.round(Number(e.target.value)) } })}
        />
        <span className="muted">{unit}</span>
      </label>
    );
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal catalog-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="catalog-dialog">
        <h2 id={titleId}>{t("catalog.title")}</h2>
        <p className="muted small">{t("catalog.intro")}</p>
        <div className="tabs" role="tablist">
          {(["interventions", "functions", "sizing", "skills"] as const).map((s) => (
            <button key={s} role="tab" aria-selected={tab === s} className={tab === s ? "active" : ""} data-testid={`catalog-tab-${s}`} onClick={() => setTab(s)}>
              {t(`catalog.${s}`)}
            </button>
          ))}
        </div>
        {!catalog ? (
          <p className="muted">…</p>
        ) : tab === "interventions" ? (
          <div className="catalog-list">
            {(catalog.interventions ?? []).map((entry, i) => (
              <div key={entry.reason ?? "none"} className="catalog-entry">
                <div className="catalog-label">{entry.reason ? t(`reason.${entry.reason}`) : t("catalog.noReason")}</div>
                {text(entry.text, (v) => setCatalog({ ...catalog, interventions: (catalog.interventions ?? []).map((x, j) => (j === i ? { ...x, text: v } : x)) }), `intervention-${entry.reason ?? "none"}`)}
              </div>
            ))}
          </div>
        ) : tab === "functions" ? (
          <div className="catalog-list">
            {(catalog.functions ?? []).map((f, i) => {
              const set = (patch: Partial<typeof f>) => setCatalog({ ...catalog, functions: (catalog.functions ?? []).map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div key={f.function} className="catalog-entry" data-testid="catalog-function">
                  {text(f.name, (name) => set({ name }), undefined, false)}
                  {text(f.description, (description) => set({ description }))}
                </div>
              );
            })}
          </div>
        ) : tab === "skills" ? (
          <div className="catalog-list" data-testid="catalog-skills">
            {skillNumber("staleAfterDays", t("catalog.staleAfterDays"), t("catalog.daysUnit"))}
            {skillNumber("minQualified", t("catalog.minQualified"), t("catalog.peopleUnit"))}
            <p className="muted small">{t("catalog.skillsHint")}</p>
          </div>
        ) : (
          <div className="catalog-list" data-testid="catalog-sizing">
            {number("hoursPerFte", t("catalog.hoursPerFte"), t("catalog.hoursUnit"))}
            {number("customerShare", t("catalog.customerShare"), "%", 100)}
            {number("perYear", t("catalog.perYear"), t("catalog.timesUnit"))}
            {number("minutesHigh", t("catalog.minutesHigh"), t("catalog.minutesUnit"))}
            {number("minutesLow", t("catalog.minutesLow"), t("catalog.minutesUnit"))}
            {number("minutesTech", t("catalog.minutesTech"), t("catalog.minutesUnit"))}
            {number("programRuns", t("catalog.programRuns"), t("catalog.timesUnit"))}
            {number("programMinutes", t("catalog.programMinutes"), t("catalog.minutesUnit"))}
            {number("minutesPerContact", t("catalog.minutesPerContact"), t("catalog.minutesUnit"))}
            {number("contractYears", t("catalog.contractYears"), t("catalog.yearsUnit"))}
            <p className="muted small">{t("catalog.sizingHint")}</p>
          </div>
        )}
        <div className="modal-actions">
          <button onClick={onClose}>{t("catalog.cancel")}</button>
          <button className="primary" data-testid="catalog-save" disabled={!catalog} onClick={() => void save()}>
            {t("catalog.save")}
          </button>
        </div>
      </div>
    </div>
  );
}
