// The gap list (domain.md §2): what has to change from the version compared with (the as-is) to
// this one, by impact, as Rust derives it. Each row is a difference, or an item the team added; a
// difference becomes a kept item as soon as someone gives it an owner, a status or an effort (one
// edit). The formula, the rows' figures and the export are Rust's.

import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Edit, GapRow, GapStatus, Line, Text } from "../bindings";
import { exportGapsWithDialog } from "../app/files";
import type { Session } from "../app/session";
import { type GapsData, keepWith } from "./store";

const STATUSES: GapStatus[] = ["identified", "planned", "started", "done"];

function useText() {
  const { i18n } = useTranslation();
  return (t: Text) => (i18n.language === "en" ? t.en : t.ja);
}

export function GapsView({ session, data, current, readOnly }: { session: Session; data: GapsData; current: number; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const text = useText();
  const [adding, setAdding] = useState("");
  const versions = session.getState().workspace?.versions ?? [];
  const lineText = (line: Line | undefined) => (line ? line.spans.map((s) => text(s.text)).join("") : "");
  const table = data.document.sections[0]?.blocks.find((b) => b.type === "table");
  const docRows = table && table.type === "table" ? table.rows : [];

  const set = (row: GapRow, patch: { status?: GapStatus; effort?: number | null; owner?: string | null }) => {
    const keep = keepWith(row, patch);
    if (keep) return void session.edit(keep);
    if (!row.item) return;
    if (patch.owner !== undefined) return void session.edit({ type: "setGapOwner", item: row.item, owner: patch.owner });
    const edit: Edit = {
      type: "update",
      id: row.item,
      data: {
        kind: "gapItem",
        title: row.ownTitle,
        note: row.note,
        change: row.change,
        effort: patch.effort === undefined ? row.effort : patch.effort,
        status: patch.status ?? row.status,
      },
    };
    void session.edit(edit);
  };

  const add = () => {
    const title = adding.trim();
    if (!title) return;
    setAdding("");
    void session.edit({ type: "addGapItem", data: { title, note: "", change: null, effort: null, status: "identified" }, concerns: [], owner: null });
  };

  const o = data.outputs;
  const outputLines: [string, string[]][] = [
    [t("gaps.findingsRemoved"), o.findingsRemoved.map((f) => text(f.message))],
    [t("gaps.findingsAdded"), o.findingsAdded.map((f) => text(f.message))],
    [t("gaps.playsAdded"), o.playsAdded.map((p) => `${p.stage}: ${text(p.firstStep)}`)],
    [t("gaps.playsRemoved"), o.playsRemoved.map((p) => `${p.stage}: ${text(p.firstStep)}`)],
    [t("gaps.metricsChanged"), [...o.metricsAdded, ...o.metricsRemoved, ...o.metricsChanged].map((m) => `${m.stage}: ${text(m.name)}${m.old && m.new ? ` (${m.old} → ${m.new})` : ""}`)],
    [t("gaps.functionsChanged"), [...o.functionsAdded, ...o.functionsRemoved].map((f) => text(f.name))],
  ];

  return (
    <div className="gaps-view" data-testid="gaps-view">
      <header className="outputs-header">
        <h2 className="gaps-title">{t("gaps.title")}</h2>
        <label className="variant-picker">
          {t("gaps.against")}
          <select
            data-testid="gaps-base"
            value={data.base?.id ?? ""}
            onChange={(e) => void session.openGaps(e.target.value === "" ? null : Number(e.target.value))}
          >
            {!data.base && <option value="">{t("gaps.pickBase")}</option>}
            {versions
              .filter((v) => v.id !== current)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
          </select>
        </label>
        <div className="toolbar-spacer" />
        <button data-testid="gaps-export" disabled={!data.base} onClick={() => void exportGapsWithDialog(session, t, data.base?.id ?? null, i18n.language === "en" ? "en" : "ja")}>
          {t("gaps.export")}
        </button>
      </header>
      {!data.base ? (
        <p className="muted gaps-empty" data-testid="gaps-no-base">{t("gaps.noBase")}</p>
      ) : (
        <>
          <p className="muted small gaps-formula" data-testid="gaps-formula">{lineText(data.document.intro[0]?.type === "paragraph" ? data.document.intro[0].line : undefined)}</p>
          <table className="gaps-table" data-testid="gaps-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t("gaps.item")}</th>
                <th>{t("gaps.where")}</th>
                <th>{t("gaps.impact")}</th>
                <th>{t("gaps.effort")}</th>
                <th>{t("gaps.owner")}</th>
                <th>{t("gaps.status")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.list.rows.map((row, i) => {
                const doc = docRows[i];
                const focus = row.concerns.find((c) => (data.document.views[c.id] ?? []).length > 0);
                return (
                  <tr key={row.item ?? row.change ?? i} data-testid="gap-row" data-kept={row.item ? "true" : "false"} className={row.settled ? "settled" : ""}>
                    <td>{i + 1}</td>
                    <td>
                      <span data-testid="gap-title">{text(row.title)}</span>
                      {!row.item && <span className="chip suggestion" title={t("gaps.notKeptHint")}>{t("gaps.notKept")}</span>}
                      {row.settled && <span className="chip">{t("gaps.settled")}</span>}
                      {row.evidence.length > 0 && (
                        <ul className="citations" data-testid="gap-quotes">
                          {row.evidence.slice(0, 2).map((q) => (
                            <li key={q.id}>
                              「{q.text}」<span className="muted small"> {q.account}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {row.item && !row.change ? (
                        <Where session={session} row={row} readOnly={readOnly} />
                      ) : focus ? (
                        <button className="link" title={t("gaps.show")} onClick={() => void session.reveal(focus.id, data.document.views[focus.id] ?? [])}>
                          {lineText(doc?.cells[2]) || "—"}
                        </button>
                      ) : (
                        lineText(doc?.cells[2]) || "—"
                      )}
                    </td>
                    <td className="impact" title={lineText(doc?.cells[4])} data-testid="gap-impact">
                      <strong>{row.impact.score}</strong>
                      <div className="muted small">{lineText(doc?.cells[4])}</div>
                    </td>
                    <td>
                      <select
                        aria-label={t("gaps.effort")}
                        data-testid="gap-effort"
                        disabled={readOnly}
                        value={row.effort ?? ""}
                        onChange={(e) => set(row, { effort: e.target.value === "" ? null : Number(e.target.value) })}
                      >
                        <option value="">{t("gaps.notSet")}</option>
                        {[1, 2, 3, 4, 5].map((n) => (
                          <option key={n} value={n}>
                            {t(`gaps.effort${n}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={t("gaps.owner")}
                        data-testid="gap-owner"
                        disabled={readOnly || data.functions.length === 0}
                        title={data.functions.length === 0 ? t("gaps.noFunctions") : undefined}
                        value={row.owner?.id ?? ""}
                        onChange={(e) => set(row, { owner: e.target.value === "" ? null : e.target.value })}
                      >
                        <option value="">{t("gaps.noOwner")}</option>
                        {data.functions.map((f) => (
                          <option key={f.id} value={f.id}>
                            {text(f.name)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={t("gaps.status")}
                        data-testid="gap-status"
                        disabled={readOnly}
                        value={row.status}
                        onChange={(e) => set(row, { status: e.target.value as GapStatus })}
                      >
                        {STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`gapStatus.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {row.item && (
                        <button className="icon danger" title={t("gaps.remove")} aria-label={t("gaps.remove")} disabled={readOnly} onClick={() => void session.edit({ type: "delete", ids: [row.item!] })}>
                          ×
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.list.rows.length === 0 && <p className="muted">{t("gaps.none")}</p>}
          <form
            className="gaps-add"
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <input data-testid="gap-add-title" value={adding} disabled={readOnly} placeholder={t("gaps.addPlaceholder")} aria-label={t("gaps.addPlaceholder")} onChange={(e) => setAdding(e.target.value)} />
            <button type="submit" disabled={readOnly || !adding.trim()} data-testid="gap-add">
              + {t("gaps.add")}
            </button>
          </form>
          <section className="gaps-outputs" data-testid="gaps-outputs">
            <h3>{t("gaps.outputs")}</h3>
            {outputLines.every(([, items]) => items.length === 0) ? (
              <p className="muted small">{t("gaps.outputsSame")}</p>
            ) : (
              <ul>
                {outputLines
                  .filter(([, items]) => items.length > 0)
                  .map(([label, items]) => (
                    <li key={label}>
                      <strong>
                        {label} ({items.length})
                      </strong>
                      <ul className="small">
                        {items.slice(0, 8).map((x, j) => (
                          <li key={j}>{x}</li>
                        ))}
                      </ul>
                    </li>
                  ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** The stages an item added by hand concerns: listed (each can be taken off), and one more picked
 * from the journeys' stages. */
function Where({ session, row, readOnly }: { session: Session; row: GapRow; readOnly: boolean }) {
  const { t } = useTranslation();
  const journeys = session.getState().outline?.journeys ?? [];
  const linked = new Set(row.concerns.map((c) => c.id));
  const item = row.item!;
  return (
    <div className="gap-where">
      {row.concerns.map((c) => (
        <span key={c.id} className="chip">
          {c.name || "—"}
          <button
            className="icon"
            disabled={readOnly}
            aria-label={t("gaps.unlink", { name: c.name })}
            onClick={() => void session.edit({ type: "unlink", kind: "concerns", from: item, to: c.id })}
          >
            ×
          </button>
        </span>
      ))}
      <select
        data-testid="gap-link"
        aria-label={t("gaps.link")}
        disabled={readOnly}
        value=""
        onChange={(e) => e.target.value && void session.edit({ type: "link", kind: "concerns", from: item, to: e.target.value })}
      >
        <option value="">{t("gaps.link")}</option>
        {journeys.map((j) => (
          <optgroup key={j.id} label={j.name}>
            {j.stages
              .filter((s) => !linked.has(s.id))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
