// Diagnosis settings: the workspace's profile and each rule's severity, and a JSON file to share
// them with a team. Every change is one undoable edit (`setLintConfig`).

import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type LintConfig, type Profile, type RuleInfo, type Severity } from "../bindings";
import { exportLintConfigWithDialog, importLintConfigWithDialog } from "../app/files";
import type { Session } from "../app/session";

const PROFILES: Profile[] = ["documentation", "bpmnlint-recommended"];
const SEVERITIES: Severity[] = ["off", "info", "warning", "error"];

export function DiagnosisSettings({ session, config }: { session: Session; config: LintConfig }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const titleId = useId();
  const [rules, setRules] = useState<RuleInfo[]>([]);
  const close = () => session.showDiagnosisSettings(false);
  useEffect(() => {
    commands.ruleCatalog().then(setRules, (e: unknown) => session.showError(e));
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);
  const overridden = config.rules ?? {};
  const set = (next: LintConfig) => void session.edit({ type: "setLintConfig", config: next });
  const byProfile = (r: RuleInfo) => ((config.profile ?? "documentation") === "documentation" ? r.documentation : r.recommended);
  const setRule = (id: string, value: string) => {
    const rules: Record<string, Severity> = {};
    for (const [k, v] of Object.entries(overridden)) if (k !== id && v) rules[k] = v;
    if (value !== "") rules[id] = value as Severity;
    set({ ...config, rules });
  };
  const overrides = Object.keys(overridden).length;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="modal diagnosis-settings" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="diagnosis-settings-dialog">
        <h2 id={titleId}>{t("settings.title")}</h2>
        <div className="settings-row">
          <label>
            {t("settings.profile")}
            <select data-testid="profile-select" value={config.profile} onChange={(e) => set({ ...config, profile: e.target.value as Profile })}>
              {PROFILES.map((p) => (
                <option key={p} value={p}>
                  {t(`settings.profiles.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small">{t(`settings.profileHint.${config.profile}`)}</span>
        </div>
        <div className="settings-table-wrap">
          <table className="settings-table">
            <thead>
              <tr>
                <th>{t("settings.rule")}</th>
                <th>{t("settings.severity")}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id} data-testid="rule-row" data-rule={r.id}>
                  <td>
                    <div>{en ? r.title.en : r.title.ja}</div>
                    <div className="muted small">
                      <code>{r.id}</code> · {t(`settings.category.${r.category}`)}
                    </div>
                  </td>
                  <td>
                    <select
                      data-testid="rule-severity"
                      aria-label={`${r.id} ${t("settings.severity")}`}
                      value={overridden[r.id] ?? ""}
                      onChange={(e) => setRule(r.id, e.target.value)}
                    >
                      <option value="">{t("settings.byProfile", { severity: t(`severity.${byProfile(r)}`) })}</option>
                      {SEVERITIES.map((s) => (
                        <option key={s} value={s}>
                          {t(`severity.${s}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="modal-actions">
          <button onClick={() => void importLintConfigWithDialog(session, t)}>{t("settings.import")}</button>
          <button onClick={() => void exportLintConfigWithDialog(session, t)}>{t("settings.export")}</button>
          <button disabled={overrides === 0} onClick={() => set({ ...config, rules: {} })}>
            {t("settings.reset", { count: overrides })}
          </button>
          <span className="toolbar-spacer" />
          <button className="primary" data-testid="settings-close" onClick={close}>
            {t("settings.close")}
          </button>
        </div>
      </div>
    </div>
  );
}
