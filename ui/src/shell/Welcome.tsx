import { useTranslation } from "react-i18next";

import type { RecentFile, RecentTeam } from "../bindings";
import { createWithDialog, openWithDialog } from "../app/files";
import type { Session } from "../app/session";
import type { Lang } from "../i18n";
import { LanguageSwitch } from "./LanguageSwitch";

interface Props {
  session: Session;
  recent: RecentFile[];
  recentTeams: RecentTeam[];
  opening: boolean;
  onLanguage: (lang: Lang) => void;
}

export function Welcome({ session, recent, recentTeams, opening, onLanguage }: Props) {
  const { t } = useTranslation();
  return (
    <main className="welcome" aria-busy={opening}>
      <div className="welcome-card">
        <LanguageSwitch onLanguage={onLanguage} className="welcome-language" />
        <img className="welcome-logo" src="/michi.svg" alt="" width={88} height={88} />
        <h1>{t("welcome.title")}</h1>
        <p className="lead">{t("welcome.lead")}</p>
        <div className="welcome-actions">
          <button className="primary" onClick={() => void createWithDialog(session, t, false)}>
            {t("welcome.newWorkspace")}
          </button>
          <button onClick={() => void openWithDialog(session, t)}>{t("welcome.openWorkspace")}</button>
          <button onClick={() => void createWithDialog(session, t, true)}>{t("welcome.openSample")}</button>
          <button data-testid="welcome-open-team" onClick={() => session.openTeamDialog({ kind: "open" })}>
            {t("menu.openTeam")}
          </button>
        </div>
        <h2>{t("welcome.recent")}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t("welcome.noRecent")}</p>
        ) : (
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button className="recent-item" disabled={!r.exists} onClick={() => void session.open(r.path)} title={r.path}>
                  <span className="recent-name">{r.name}</span>
                  <span className="muted small">{r.exists ? r.path : `${t("welcome.missing")} — ${r.path}`}</span>
                </button>
                <button className="icon" title={t("welcome.forget")} aria-label={t("welcome.forget")} onClick={() => void session.forgetRecent(r.path)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {recentTeams.length > 0 && (
          <>
            <h2>{t("welcome.recentTeams")}</h2>
            <ul className="recent-list" data-testid="recent-teams">
              {recentTeams.map((r) => (
                <li key={`${r.url} ${r.name}`}>
                  <button className="recent-item" onClick={() => session.openTeamDialog({ kind: "open", url: r.url, name: r.name })} title={r.url}>
                    <span className="recent-name">{r.name}</span>
                    <span className="muted small">{r.url}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </main>
  );
}
