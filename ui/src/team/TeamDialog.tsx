// "Share with a team…" and "Open a team workspace…": where the team's PostgreSQL database is, which
// workspace, and the name the others will see on this person's changes. Rust connects, copies and
// opens; this dialog only asks.

import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AppError, commands } from "../bindings";
import { call, toAppError } from "../app/api";
import type { Session, TeamDialogRequest } from "../app/session";

interface Props {
  session: Session;
  request: TeamDialogRequest;
  onClose: () => void;
}

export function TeamDialog({ session, request, onClose }: Props) {
  const { t } = useTranslation();
  const { kind } = request;
  const { workspace, teamUrl, recentTeams } = session.getState();
  // Where the last one was, unless a recent team workspace was picked.
  const [url, setUrl] = useState(request.url ?? (teamUrl || (recentTeams[0]?.url ?? "")));
  const [name, setName] = useState(request.name ?? (kind === "share" ? (workspace?.name ?? "") : ""));
  const [author, setAuthor] = useState("");
  const [names, setNames] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void call(commands.teamAuthor()).then(setAuthor, () => undefined);
  }, []);

  const list = async () => {
    setBusy(true);
    setError(null);
    try {
      const found = await call(commands.teamWorkspaces(url));
      setNames(found);
      if (kind === "open" && !name && found[0]) setName(found[0]);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(commands.setTeamAuthor(author.trim() || null));
      const ok = kind === "share" ? await session.shareWithTeam(url, name) : await session.openTeam(url, name);
      if (ok) onClose();
      else setError(session.getState().error);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const title = kind === "share" ? t("team.shareTitle") : t("team.openTitle");
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal team-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="team-dialog"
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
          if (e.key === "Enter" && !busy && e.target instanceof HTMLInputElement) void confirm();
        }}
      >
        <h2>{title}</h2>
        <p className="muted small">{kind === "share" ? t("team.shareHint") : t("team.openHint")}</p>
        <label className="field">
          {t("team.connection")}
          <input data-testid="team-url" value={url} autoFocus spellCheck={false} placeholder="host=… port=5432 dbname=… user=…" onChange={(e) => setUrl(e.target.value)} />
        </label>
        <p className="muted small">{t("team.connectionHint")}</p>
        <div className="team-name-row">
          <label className="field">
            {t("team.name")}
            <input data-testid="team-name" value={name} list="team-names" onChange={(e) => setName(e.target.value)} />
          </label>
          <button data-testid="team-list" disabled={busy || !url.trim()} onClick={() => void list()}>
            {t("team.list")}
          </button>
        </div>
        <datalist id="team-names">
          {(names ?? []).map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {names && (
          <p className="muted small" data-testid="team-names">
            {names.length === 0 ? t("team.none") : t("team.found", { names: names.join("、") })}
          </p>
        )}
        <label className="field">
          {t("team.author")}
          <input data-testid="team-author" value={author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        {error && (
          <p className="warn-text small" role="alert" data-testid="team-error">
            {t(`errors.${error.code}`, { defaultValue: t("errors.unexpected") })} {error.message}
          </p>
        )}
        <div className="modal-actions">
          <button onClick={onClose}>{t("team.cancel")}</button>
          <button className="primary" data-testid="team-ok" disabled={busy || !url.trim() || (kind === "open" && !name.trim())} onClick={() => void confirm()}>
            {kind === "share" ? t("team.share") : t("team.open")}
          </button>
        </div>
      </div>
    </div>
  );
}
