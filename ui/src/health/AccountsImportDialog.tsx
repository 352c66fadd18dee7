// Importing an accounts CSV as a dated snapshot: choose the file, check the columns Michi guessed
// (id, name, segment attributes, stage), see which of the model's columns the file has, date it,
// import. Rust checks every cell; a bad one is shown with its line and column, and nothing is
// imported. One undo step.

import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type AccountMapping, type AccountPreview } from "../bindings";
import { call } from "../app/api";
import { endOfDay, today } from "../app/dates";
import type { Session } from "../app/session";
import { ColumnSelect, CsvErrors, CsvPathField, CsvSample, DateOrderField, datesReady, fileName, useImport } from "../csv/CsvParts";

type Column = Exclude<keyof AccountMapping, "dateOrder">;
const COLUMNS: Column[] = ["id", "name", "segment", "size", "industry", "motivation", "literacy", "stage", "stageSince"];

export function AccountsImportDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const journeys = session.getState().outline?.journeys ?? [];
  const [path, setPath] = useState("");
  const [preview, setPreview] = useState<AccountPreview | null>(null);
  const [mapping, setMapping] = useState<AccountMapping | null>(null);
  const [journey, setJourney] = useState("");
  const [name, setName] = useState("");
  const [asOf, setAsOf] = useState(today());
  const { error, busy, setError, fail, run } = useImport(onClose);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const load = async (p: string) => {
    setPath(p);
    setError(null);
    setPreview(null);
    if (!p.trim()) return;
    try {
      const pv = await call(commands.accountsPreview(p.trim()));
      setPreview(pv);
      setMapping(pv.guess ?? { id: 0, name: null, segment: null, size: null, industry: null, motivation: null, literacy: null, stage: null, stageSince: null, dateOrder: null });
      if (!name) setName(fileName(p.trim()).replace(/\.[^.]+$/, ""));
      // A date in the file name (accounts-2026-11.csv) is the likely moment described.
      const m = /(\d{4})[-_.]?(\d{2})(?:[-_.]?(\d{2}))?/.exec(fileName(p));
      if (m) {
        const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null];
        if (mo >= 1 && mo <= 12) setAsOf(d ? `${m[1]}-${m[2]}-${m[3]}` : new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10));
      }
    } catch (e) {
      fail(e);
    }
  };

  const submit = () => {
    if (!preview || !mapping) return;
    const moment = endOfDay(asOf);
    // Through the session's queue, as every change; a bad cell stays in this dialog.
    return run(async () => {
      await session.submit((show) =>
        call(commands.importAccountsCsv(path.trim(), mapping, journey || null, name.trim() || fileName(path), Number.isFinite(moment) ? moment : Date.now() / 1000, show)),
      );
      await session.health.open({ account: null });
    });
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal csv-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="accounts-dialog">
        <h2 id={titleId}>{t("accounts.title")}</h2>
        <p className="muted small">{t("accounts.intro")}</p>
        <CsvPathField id={`${titleId}-path`} testId="accounts-path" path={path} loaded={preview !== null} onPath={setPath} onLoad={(p) => void load(p)} onError={fail} />
        {preview && mapping && (
          <>
            <p className="muted small" data-testid="accounts-info">
              {t("csv.info", { rows: preview.totalRows, encoding: preview.encoding, delimiter: preview.delimiter === "\t" ? "TAB" : preview.delimiter })}
            </p>
            <div className="mapping">
              {COLUMNS.map((c) => (
                <ColumnSelect
                  key={c}
                  label={t(`accounts.column.${c}`)}
                  testId={`accounts-map-${c}`}
                  headers={preview.headers}
                  value={mapping[c]}
                  optional={c !== "id"}
                  onChange={(v) => setMapping({ ...mapping, [c]: c === "id" ? (v ?? 0) : v })}
                />
              ))}
            </div>
            <DateOrderField
              testId="accounts-date-order"
              dates={mapping.stageSince == null ? undefined : preview.dates[mapping.stageSince]}
              value={mapping.dateOrder ?? null}
              onChange={(o) => setMapping({ ...mapping, dateOrder: o })}
            />
            <p className="small" data-testid="accounts-columns">
              {t("accounts.modelColumns", { found: preview.modelColumns.length, total: preview.modelColumns.length + preview.missingColumns.length })}
              {preview.missingColumns.length > 0 && <span className="warn-text"> {t("accounts.missing", { columns: preview.missingColumns.join("、") })}</span>}
            </p>
            <CsvSample
              headers={preview.headers}
              rows={preview.rows}
              count={5}
              readAs={(i, header) => {
                const role = COLUMNS.find((c) => mapping[c] === i);
                return role ? t(`accounts.column.${role}`) : preview.modelColumns.includes(header) ? t("accounts.indicator") : null;
              }}
            />
            <div className="mapping">
              <label className="field">
                {t("accounts.journey")}
                <select data-testid="accounts-journey" value={journey} onChange={(e) => setJourney(e.target.value)}>
                  <option value="">{t("accounts.anyJourney")}</option>
                  {journeys.map((j) => (
                    <option key={j.id} value={j.id}>
                      {j.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("csv.name")}
                <input data-testid="accounts-name" value={name} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="field">
                {t("accounts.asOf")}
                <input type="date" data-testid="accounts-as-of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
              </label>
            </div>
          </>
        )}
        {error && <CsvErrors error={error} testId="accounts-error" />}
        <div className="modal-actions">
          <button onClick={onClose}>{t("csv.cancel")}</button>
          <button className="primary" data-testid="accounts-import" disabled={!preview || !mapping || busy || !asOf || !datesReady(mapping.stageSince == null ? undefined : preview.dates[mapping.stageSince], mapping.dateOrder)} onClick={() => void submit()}>
            {t("csv.import")}
          </button>
        </div>
      </div>
    </div>
  );
}
