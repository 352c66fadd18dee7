import { useTranslation } from "react-i18next";

import type { SaveStatus } from "../app/session";

export function SaveIndicator({ save }: { save: SaveStatus }) {
  const { t, i18n } = useTranslation();
  const time = (d: Date) => d.toLocaleTimeString(i18n.language, { hour: "2-digit", minute: "2-digit" });
  const [cls, text] =
    save.kind === "saving"
      ? ["saving", t("save.saving")]
      : save.kind === "failed"
        ? ["failed", t("save.failed")]
        : save.kind === "saved"
          ? ["saved", t("save.savedAt", { time: time(save.at) })]
          : ["saved", t("save.saved")];
  return (
    <span className={`save-indicator ${cls}`} data-testid="save-indicator" data-state={save.kind} title={t("save.hint")} role="status">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
