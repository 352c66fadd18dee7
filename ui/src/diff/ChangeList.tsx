// The changes from the version compared with to this one, by class (Rust's diff): click one to
// select its element; take one back into this version (one undoable edit).

import { useTranslation } from "react-i18next";

import type { ChangeClass, ShownCompare } from "../bindings";
import type { Session } from "../app/session";

const ORDER: ChangeClass[] = ["added", "removed", "renamed", "attributeChanged", "typeChanged", "reconnected", "moved", "reordered", "layoutChanged"];

export function ChangeList({ session, comparison, readOnly }: { session: Session; comparison: ShownCompare; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  // A journey lane's end is a card kind; anything else is a name already ("—" when it has none).
  const named = (s: string) => (s === "" ? "—" : i18n.exists(`kinds.${s}`) ? t(`kinds.${s}`) : s);
  const changes = [...comparison.changes].sort((a, b) => ORDER.indexOf(a.class) - ORDER.indexOf(b.class));
  return (
    <aside className="change-list" data-testid="change-list" aria-label={t("compare.changes")}>
      <header>
        <h3>{t("compare.changesFrom", { name: comparison.version.name })}</h3>
        <button className="icon" aria-label={t("compare.closeChanges")} onClick={() => session.toggleChanges(false)}>
          ×
        </button>
      </header>
      {changes.length === 0 ? (
        <p className="muted small">{t("compare.same")}</p>
      ) : (
        <ul>
          {changes.map((c, i) => {
            const id = c.new ?? c.old;
            const detail = [...c.attrs.map((a) => `${a.path}: ${a.old} → ${a.new}`), ...c.ends.map((e) => `${(e.oldLabels ?? e.old).map(named).join("、")} → ${(e.newLabels ?? e.new).map(named).join("、")}`)].join("; ");
            return (
              <li key={`${c.class}-${id}-${i}`} className={`change diff-${c.class}`} data-testid="change" data-class={c.class}>
                <button
                  className="change-main"
                  disabled={!c.new}
                  title={c.new ? t("compare.select") : t("compare.removedHint")}
                  onClick={() => c.new && void session.reveal(c.new, comparison.views[c.new] ?? c.views)}
                >
                  <span className="change-class">{t(`changeClass.${c.class}`)}</span>
                  <span className="change-label">{c.label || t(`kinds.${c.elementKind}`)}</span>
                  <span className="muted small">{t(`kinds.${c.elementKind}`)}</span>
                  {detail && <span className="change-detail muted small">{detail}</span>}
                </button>
                <button className="take-back" data-testid="take-back" disabled={readOnly} title={t("compare.takeBackHint", { name: comparison.version.name })} onClick={() => void session.takeBack(c)}>
                  {t("compare.takeBack")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
