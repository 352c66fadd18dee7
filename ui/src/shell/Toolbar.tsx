import { useTranslation } from "react-i18next";

import type { RecentFile, Text } from "../bindings";
import { createWithDialog, openWithDialog, saveAsWithDialog } from "../app/files";
import type { Session } from "../app/session";
import { useStore } from "../app/store";
import type { Lang } from "../i18n";
import { LanguageSwitch } from "./LanguageSwitch";
import { RecentMenu } from "./RecentMenu";
import { VersionMenu } from "./VersionMenu";
import type { HeldState } from "../diagnosis/patch";

interface Props {
  session: Session;
  workspace: HeldState;
  recent: RecentFile[];
  onLanguage: (lang: Lang) => void;
}

export function Toolbar({ session, workspace, recent, onLanguage }: Props) {
  const { t, i18n } = useTranslation();
  // Rust names every step of the history in both languages.
  const workshopOpen = useStore(session.workshop).open;
  const what = (name: Text | null) => (name ? (i18n.language === "en" ? name.en : name.ja) : "");
  return (
    <header className="toolbar">
      <div className="brand" aria-label="Michi">
        <span className="brand-mark">道</span>
        <span className="brand-name">Michi</span>
      </div>
      <div className="file-name" title={workspace.path} data-testid="file-name">
        {workspace.name}
      </div>
      <VersionMenu session={session} workspace={workspace} />
      <div className="toolbar-group">
        <button onClick={() => void createWithDialog(session, t, false)} title={`${t("menu.new")} (Ctrl+N)`}>
          {t("menu.new")}
        </button>
        <button onClick={() => void openWithDialog(session, t)} title={`${t("menu.open")} (Ctrl+O)`}>
          {t("menu.open")}
        </button>
        <button data-testid="save-as" onClick={() => void saveAsWithDialog(session, t, false)} title={`${t("menu.saveAs")} (Ctrl+Shift+S)`}>
          {t("menu.saveAs")}
        </button>
        <button data-testid="save-copy" onClick={() => void saveAsWithDialog(session, t, true)} title={workspace.team ? t("menu.saveLocalHint") : t("menu.saveCopyHint")}>
          {workspace.team ? t("menu.saveLocal") : t("menu.saveCopy")}
        </button>
        {!workspace.team && (
          <button data-testid="share-team" onClick={() => session.openTeamDialog({ kind: "share" })} title={t("menu.shareTeamHint")}>
            {t("menu.shareTeamShort")}
          </button>
        )}
        <button data-testid="open-team" onClick={() => session.openTeamDialog({ kind: "open" })} title={t("menu.openTeamHint")}>
          {t("menu.openTeamShort")}
        </button>
        <RecentMenu session={session} recent={recent} current={workspace.path} />
        <button onClick={() => void session.close()}>{t("menu.close")}</button>
      </div>
      <div className="toolbar-group">
        <button
          data-testid="undo"
          disabled={!workspace.undo}
          onClick={() => void session.undo()}
          title={`${workspace.undo ? t("menu.undoWhat", { what: what(workspace.undo) }) : t("menu.undo")} (Ctrl+Z)`}
        >
          ↶ {t("menu.undo")}
        </button>
        <button
          data-testid="redo"
          disabled={!workspace.redo}
          onClick={() => void session.redo()}
          title={`${workspace.redo ? t("menu.redoWhat", { what: what(workspace.redo) }) : t("menu.redo")} (Ctrl+Shift+Z)`}
        >
          ↷ {t("menu.redo")}
        </button>
      </div>
      <div className="toolbar-group">
        <button data-testid="workshop-open" className={workshopOpen ? "on" : ""} onClick={() => void session.workshop.toggle()} title={t("workshop.openHint")}>
          {t("workshop.open")}
        </button>
      </div>
      <div className="toolbar-spacer" />
      <LanguageSwitch onLanguage={onLanguage} />
    </header>
  );
}
