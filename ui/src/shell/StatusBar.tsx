import { useTranslation } from "react-i18next";

import type { Diagnosis, Outline, TeamDto } from "../bindings";
import type { SaveStatus, Session } from "../app/session";
import { SEVERITY_MARK } from "../diagnosis/ProblemsPanel";
import { TeamStatus } from "../team/TeamStatus";
import { SaveIndicator } from "./SaveIndicator";

interface Props {
  session: Session;
  save: SaveStatus;
  outline: Outline | null;
  diagnosis: Diagnosis;
  problemsOpen: boolean;
  team: TeamDto | null;
}

export function StatusBar({ session, save, outline, diagnosis, problemsOpen, team }: Props) {
  const { t } = useTranslation();
  const { error, warning, info } = diagnosis.counts;
  return (
    <footer className="statusbar">
      <SaveIndicator save={save} />
      {team && <TeamStatus session={session} team={team} />}
      <button
        className={`status-problems${problemsOpen ? " active" : ""}`}
        data-testid="problem-counts"
        aria-pressed={problemsOpen}
        title={t("problems.open")}
        aria-label={`${t("problems.open")}: ${t("problems.count", { error, warning, info })}`}
        onClick={() => session.toggleProblems()}
      >
        <span className="sev-error">{SEVERITY_MARK.error} {error}</span>
        <span className="sev-warning">{SEVERITY_MARK.warning} {warning}</span>
        <span className="sev-info">{SEVERITY_MARK.info} {info}</span>
      </button>
      <span className="statusbar-spacer" />
      {outline && <span>{t("status.elements", { count: outline.elementCount })}</span>}
    </footer>
  );
}
