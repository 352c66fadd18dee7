// A team workspace in the status bar: connected or not, the edits waiting to be sent, the ones the
// database refused (listed with why, until dismissed), and what someone else just changed.

import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type { TeamDto, Text } from "../bindings";
import type { Session } from "../app/session";
import { useStore } from "../app/store";

export function TeamStatus({ session, team }: { session: Session; team: TeamDto }) {
  const { t, i18n } = useTranslation();
  const { remote } = useStore(session);
  const [listOpen, setListOpen] = useState(false);
  const [recent, setRecent] = useState(false);
  const word = (x: Text) => (i18n.language === "en" ? x.en : x.ja);
  // What others changed shows for a few seconds after it arrives.
  useEffect(() => {
    if (!remote || remote.changes.length === 0) return;
    setRecent(true);
    const timer = window.setTimeout(() => setRecent(false), 8000);
    return () => window.clearTimeout(timer);
  }, [remote]);
  const last = remote?.changes[remote.changes.length - 1];
  return (
    <span className="team-status">
      <span
        className={`team-badge ${team.online ? "online" : "offline"}`}
        data-testid="team-status"
        data-online={team.online}
        title={`${team.location} · ${t("team.as", { author: team.author })}`}
      >
        {team.online ? t("team.online", { name: team.name }) : t("team.offline", { name: team.name })}
        {team.pending.length > 0 && (
          <span data-testid="team-pending" title={team.pending.map(word).join("\n")}>
            {" · "}
            {t("team.pending", { count: team.pending.length })}
          </span>
        )}
      </span>
      {team.rejected.length > 0 && (
        <button className="team-rejected warn-text" data-testid="team-rejected" onClick={() => setListOpen(!listOpen)}>
          {t("team.rejected", { count: team.rejected.length })}
        </button>
      )}
      {recent && last && (
        <span className="team-remote" data-testid="team-remote">
          {t("team.remote", { author: last.author, what: word(last.label) })}
          {remote && remote.changes.length > 1 ? ` ${t("team.more", { count: remote.changes.length - 1 })}` : ""}
        </span>
      )}
      {listOpen && team.rejected.length > 0 && (
        <div className="team-rejected-list" role="dialog" aria-label={t("team.rejectedTitle")} data-testid="team-rejected-list">
          <h3>{t("team.rejectedTitle")}</h3>
          <p className="muted small">{t("team.rejectedHint")}</p>
          <ul>
            {team.rejected.map((r, i) => (
              <li key={i}>
                <strong>{word(r.label)}</strong> <span className="muted small">{new Date(r.atMs ?? 0).toLocaleString(i18n.language)}</span>
                <div className="small" data-testid="team-rejected-reason">
                  {r.gone !== null ? t("team.gone", { what: r.gone || t("team.something") }) : r.reason}
                </div>
              </li>
            ))}
          </ul>
          <button
            data-testid="team-dismiss"
            onClick={() => {
              setListOpen(false);
              void session.dismissRejected();
            }}
          >
            {t("team.dismiss")}
          </button>
        </div>
      )}
    </span>
  );
}
