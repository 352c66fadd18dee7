// What the two CSV import dialogs (case events, accounts) share: the file field with its Browse…
// button, the column pickers, the file's first rows, and the list of problems Rust found, each with
// its line and column.

import { open } from "../app/dialogs";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AppError, ColumnDates, DateOrder } from "../bindings";
import { toAppError } from "../app/api";

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Asks for a CSV file; `null` when the dialog is cancelled. */
export async function browseCsv(): Promise<string | null> {
  const chosen = await open({ multiple: false, directory: false, filters: [{ name: "CSV", extensions: ["csv", "txt", "tsv"] }] });
  return typeof chosen === "string" ? chosen : null;
}

/** The file to import: typed (read on Enter or when the field is left) or chosen with Browse…. */
export function CsvPathField(props: { id: string; testId: string; path: string; loaded: boolean; onPath: (p: string) => void; onLoad: (p: string) => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const browse = async () => {
    try {
      const chosen = await browseCsv();
      if (chosen) props.onLoad(chosen);
    } catch (e) {
      props.onError(e);
    }
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>{t("csv.file")}</label>
      <div className="with-button">
        <input
          id={props.id}
          data-testid={props.testId}
          value={props.path}
          placeholder={t("csv.pathPlaceholder")}
          onChange={(e) => props.onPath(e.target.value)}
          onBlur={() => props.path !== "" && !props.loaded && props.onLoad(props.path)}
          onKeyDown={(e) => e.key === "Enter" && props.onLoad(props.path)}
        />
        <button onClick={() => void browse()}>{t("csv.browse")}</button>
      </div>
    </div>
  );
}

/** Why an import was refused: every bad cell by line and column, or the error's message. */
export function CsvErrors({ error, testId }: { error: AppError; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="csv-error" role="alert" data-testid={testId}>
      <strong>{t(`errors.${error.code}`)}</strong>
      {error.problems.length > 0 ? (
        <ul>
          {error.problems.map((p, i) => (
            <li key={i}>{t(`csv.problem.${p.kind}`, { line: p.line, column: p.column, value: p.value })}</li>
          ))}
          {error.moreProblems > 0 && (
            <li className="muted" data-testid={`${testId}-more`}>
              {t("csv.moreProblems", { count: error.moreProblems })}
            </li>
          )}
        </ul>
      ) : (
        <div className="small">{error.message}</div>
      )}
    </div>
  );
}

/** Which column of the file holds one field; `optional` offers "no column". */
export function ColumnSelect(props: { label: string; testId: string; headers: string[]; value: number | null | undefined; optional: boolean; onChange: (column: number | null) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      {props.label}
      <select data-testid={props.testId} value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value === "" ? null : Number(e.target.value))}>
        {props.optional && <option value="">{t("csv.noColumn")}</option>}
        {props.headers.map((h, i) => (
          <option key={i} value={i}>
            {h || `#${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The file's first `count` rows, each column headed by its name and what it is read as, if anything. */
export function CsvSample({ headers, rows, count, readAs }: { headers: string[]; rows: string[][]; count: number; readAs: (column: number, header: string) => string | null }) {
  return (
    <div className="csv-preview">
      <table>
        <thead>
          <tr>
            {headers.map((h, i) => {
              const role = readAs(i, h);
              return (
                <th key={i} className={role ? "mapped" : ""}>
                  {h}
                  {role && <small>{role}</small>}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, count).map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A dialog's error and busy state, and `run`, which imports: busy while it runs, closes the dialog
 * when done, keeps a failure (a bad row, with its line and column) in the dialog. */
export function useImport(onClose: () => void) {
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => setError(toAppError(e));
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
      onClose();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, setError, fail, run };
}

/**
 * How the dates of the column read as dates are read: said when a date past the 12th decides it,
 * asked when every date reads either way (3/4/2026), nothing when they are written year first.
 */
export function DateOrderField(props: { testId: string; dates: ColumnDates | undefined; value: DateOrder | null; onChange: (order: DateOrder | null) => void }) {
  const { t } = useTranslation();
  const dates = props.dates;
  if (!dates || (!dates.ambiguous && !dates.order)) return null;
  if (!dates.ambiguous) {
    return (
      <p className="muted small" data-testid={`${props.testId}-decided`}>
        {t(`csv.dates.decided.${dates.order}`)}
      </p>
    );
  }
  return (
    <div className={`field date-order${props.value ? "" : " needs-choice"}`} role="group" aria-label={t("csv.dates.label")}>
      <label htmlFor={`${props.testId}-select`}>{t("csv.dates.label")}</label>
      <select id={`${props.testId}-select`} data-testid={props.testId} value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value === "" ? null : (e.target.value as DateOrder))}>
        <option value="">{t("csv.dates.choose")}</option>
        <option value="dayFirst">{t("csv.dates.dayFirst")}</option>
        <option value="monthFirst">{t("csv.dates.monthFirst")}</option>
      </select>
      <p className="small warn-text">{t("csv.dates.ambiguous")}</p>
    </div>
  );
}

/** Whether the mapping can be imported as far as dates go: an ambiguous column needs a choice. */
export function datesReady(dates: ColumnDates | undefined, chosen: DateOrder | null | undefined): boolean {
  return !dates?.ambiguous || chosen != null;
}
