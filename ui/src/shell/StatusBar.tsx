import { useTranslation } from "react-i18next";

import type { Outline } from "../bindings";
import type { SaveStatus } from "../app/session";
import { SaveIndicator } from "./SaveIndicator";

export function StatusBar({ save, outline }: { save: SaveStatus; outline: Outline | null }) {
  const { t } = useTranslation();
  return (
    <footer className="statusbar">
      <SaveIndicator save={save} />
      <span className="statusbar-spacer" />
      {outline && <span>{t("status.elements", { count: outline.elementCount })}</span>}
    </footer>
  );
}
