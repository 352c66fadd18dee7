import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { RecentFile } from "../bindings";
import type { Session } from "../app/session";

/** "Recent files" in the toolbar: reopen a workspace without going back to the welcome screen. */
export function RecentMenu({ session, recent, current }: { session: Session; recent: RecentFile[]; current: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const others = recent.filter((r) => r.path !== current);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("mousedown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("mousedown", close);
      window.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="menu" ref={ref}>
      <button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t("menu.recent")} ▾
      </button>
      {open && (
        <ul className="menu-list" role="menu">
          {others.length === 0 && <li className="empty">{t("welcome.noRecent")}</li>}
          {others.map((r) => (
            <li key={r.path} role="none">
              <button
                role="menuitem"
                disabled={!r.exists}
                title={r.path}
                onClick={() => {
                  setOpen(false);
                  void session.open(r.path);
                }}
              >
                <strong>{r.name}</strong>
                <span className="muted small">{r.exists ? r.path : `${t("welcome.missing")} — ${r.path}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
