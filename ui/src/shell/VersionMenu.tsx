// The workspace's versions (as-is, to-be…) in the toolbar: which one is edited, switch to another,
// copy the one edited into a new version (the consultant forks the as-is to draw the to-be),
// rename one, delete one that is not being edited. Names are asked in a small dialog of our own
// (Enter confirms, Escape cancels); Rust's refusal (a taken name) is shown in it.

import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { AppError, VersionDto } from "../bindings";
import { toAppError } from "../app/api";
import type { Session } from "../app/session";
import { useDismiss } from "./RecentMenu";
import type { HeldState } from "../diagnosis/patch";

type Dialog = { kind: "fork"; from: VersionDto } | { kind: "rename"; version: VersionDto } | { kind: "delete"; version: VersionDto };

/** `base`, or `base 2`, `base 3`…: a name no version has yet. */
function copyName(versions: VersionDto[], base: string): string {
  const taken = new Set(versions.map((v) => v.name));
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base} ${i}`;
    if (!taken.has(name)) return name;
  }
}

export function VersionMenu({ session, workspace }: { session: Session; workspace: HeldState }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const current = workspace.versions.find((v) => v.id === workspace.version);
  const name = (id: number | null) => workspace.versions.find((v) => v.id === id)?.name ?? "";

  useDismiss(open, ref, close);

  if (!current) return null;
  const choose = (d: Dialog) => {
    setOpen(false);
    setDialog(d);
  };

  return (
    <div className="menu version-menu" ref={ref}>
      <button data-testid="version-menu" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={t("versions.hint")}>
        <span className="muted small">{t("versions.label")}</span> <strong data-testid="version-current">{current.name}</strong> ▾
      </button>
      {open && (
        <ul className="menu-list" role="menu">
          {workspace.versions.map((v) => (
            <li key={v.id} role="none" className="version-row">
              <button
                role="menuitemradio"
                aria-checked={v.id === current.id}
                data-testid="version-item"
                disabled={workspace.readOnly && v.id !== current.id}
                onClick={() => {
                  setOpen(false);
                  if (v.id !== current.id) void session.switchVersion(v.id);
                }}
              >
                <strong>
                  {v.id === current.id ? "✓ " : ""}
                  {v.name}
                </strong>
                <span className="muted small">
                  {v.forkedFrom !== null ? t("versions.forkedFrom", { name: name(v.forkedFrom) }) : t("versions.original")}
                </span>
              </button>
              {!workspace.readOnly && v.id !== current.id && (
                <button className="version-delete" data-testid="version-delete" title={t("versions.delete")} aria-label={`${t("versions.delete")} ${v.name}`} onClick={() => choose({ kind: "delete", version: v })}>
                  ×
                </button>
              )}
            </li>
          ))}
          {!workspace.readOnly && (
            <>
              <li role="separator" className="menu-separator" />
              <li role="none">
                <button role="menuitem" data-testid="version-fork" onClick={() => choose({ kind: "fork", from: current })}>
                  {t("versions.fork", { name: current.name })}
                </button>
              </li>
              <li role="none">
                <button role="menuitem" data-testid="version-rename" onClick={() => choose({ kind: "rename", version: current })}>
                  {t("versions.rename")}
                </button>
              </li>
            </>
          )}
        </ul>
      )}
      {dialog && (
        <VersionDialog
          dialog={dialog}
          initial={
            dialog.kind === "fork"
              ? copyName(workspace.versions, dialog.from.forkedFrom === null && workspace.versions.length === 1 ? t("versions.toBe") : t("versions.copyOf", { name: dialog.from.name }))
              : dialog.kind === "rename"
                ? dialog.version.name
                : ""
          }
          session={session}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

function VersionDialog({ dialog, initial, session, onClose }: { dialog: Dialog; initial: string; session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === "fork") await session.forkVersion(dialog.from.id, value);
      else if (dialog.kind === "rename") await session.renameVersion(dialog.version.id, value);
      else await session.deleteVersion(dialog.version.id);
      onClose();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  const title =
    dialog.kind === "fork"
      ? t("versions.forkTitle", { name: dialog.from.name })
      : dialog.kind === "rename"
        ? t("versions.renameTitle", { name: dialog.version.name })
        : t("versions.deleteTitle", { name: dialog.version.name });

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal version-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="version-dialog"
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
          // Enter in the name field confirms; on a button, the button itself answers (Enter on
          // Cancel must never delete).
          if (e.key === "Enter" && !busy && e.target instanceof HTMLInputElement) void confirm();
        }}
      >
        <h2>{title}</h2>
        {dialog.kind === "delete" ? (
          <p className="small">{t("versions.deleteHint")}</p>
        ) : (
          <>
            {dialog.kind === "fork" && <p className="muted small">{t("versions.forkHint")}</p>}
            <label className="field">
              {t("versions.name")}
              <input ref={input} data-testid="version-name" value={value} autoFocus onChange={(e) => setValue(e.target.value)} />
            </label>
          </>
        )}
        {error && (
          <p className="warn-text small" role="alert" data-testid="version-error">
            {error.reason ? t(`versions.reason.${error.reason}`) : error.message}
          </p>
        )}
        <div className="modal-actions">
          <button onClick={onClose}>{t("versions.cancel")}</button>
          <button className={dialog.kind === "delete" ? "danger" : "primary"} data-testid="version-ok" disabled={busy} autoFocus={dialog.kind === "delete"} onClick={() => void confirm()}>
            {dialog.kind === "delete" ? t("versions.deleteOk") : dialog.kind === "fork" ? t("versions.forkOk") : t("versions.renameOk")}
          </button>
        </div>
      </div>
    </div>
  );
}
