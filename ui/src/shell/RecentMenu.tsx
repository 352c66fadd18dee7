import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { RecentFile } from "../bindings";
import type { Session } from "../app/session";

/** "Recent files" in the toolbar: reopen a workspace without going back to the welcome screen. */
export function RecentMenu({ session, recent, current }: { session: Session; recent: RecentFile[]; current: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const ref = useRef<HTMLDivElement>(null);
  const others = recent.filter((r) => r.path !== current);

  useDismiss(open, ref, close);

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

/** Closes a popup menu on Escape or a click outside `ref` while `open`. */
export function useDismiss(open: boolean, ref: RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onEvent = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener("mousedown", onEvent);
    window.addEventListener("keydown", onEvent);
    return () => {
      window.removeEventListener("mousedown", onEvent);
      window.removeEventListener("keydown", onEvent);
    };
  }, [open, ref, close]);
}
