// Importing a CSV of case events as a state snapshot: choose the file, check the columns Michi
// guessed, name the snapshot, import. Rust reads and checks every row; a bad row is shown with its
// line and column, and nothing is imported.

import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type EventMapping, type ElementId, type Preview } from "../bindings";
import { call } from "../app/api";
import { endOfDay } from "../app/dates";
import type { Session } from "../app/session";
import { ColumnSelect, CsvErrors, CsvPathField, CsvSample, DateOrderField, datesReady, fileName, useImport } from "../csv/CsvParts";

interface Props {
  session: Session;
  /** What the events are about when the dialog opens: the process or journey being looked at. */
  defaultTarget: ElementId | null;
  onClose: () => void;
}

type Column = Exclude<keyof EventMapping, "dateOrder">;
const COLUMNS: Column[] = ["case", "node", "time", "account"];

export function CsvImportDialog({ session, defaultTarget, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const outline = session.getState().outline;
  const diagrams = outline?.diagrams ?? [];
  const targets = [
    ...diagrams.filter((d) => d.model).map((d) => ({ id: d.model!, label: `${t("state.targetProcess")}: ${d.name}` })),
    ...(outline?.journeys ?? []).map((j) => ({ id: j.id, label: `${t("state.targetJourney")}: ${j.name}` })),
  ].filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i);

  const [path, setPath] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<EventMapping | null>(null);
  const [target, setTarget] = useState(targets.find((x) => x.id === defaultTarget)?.id ?? targets[0]?.id ?? "");
  const [name, setName] = useState("");
  const [asOf, setAsOf] = useState("");
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
      const pv = await call(commands.csvPreview(p.trim()));
      setPreview(pv);
      setMapping(pv.guess ?? { case: 0, node: Math.min(1, pv.headers.length - 1), time: Math.min(2, pv.headers.length - 1), account: null, dateOrder: null });
      if (!name) setName(fileName(p.trim()).replace(/\.[^.]+$/, ""));
    } catch (e) {
      fail(e);
    }
  };

  const submit = () => {
    if (!preview || !mapping || !target) return;
    // A date typed here is the moment described, on the file's clock (read as written).
    const moment = asOf ? endOfDay(asOf) : null;
    // Through the session's queue, as every change; a bad row stays in this dialog.
    return run(async () => {
      const result = await session.submit((show) => call(commands.importStateCsv(path.trim(), mapping, target, name.trim() || fileName(path), moment, show)));
      if (result.created[0]) await session.showOverlay(result.created[0]);
    });
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal csv-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="csv-dialog">
        <h2 id={titleId}>{t("csv.title")}</h2>
        <p className="muted small">{t("csv.intro")}</p>
        <CsvPathField id={`${titleId}-path`} testId="csv-path" path={path} loaded={preview !== null} onPath={setPath} onLoad={(p) => void load(p)} onError={fail} />
        {preview && mapping && (
          <>
            <p className="muted small" data-testid="csv-info">
              {t("csv.info", { rows: preview.totalRows, encoding: preview.encoding, delimiter: preview.delimiter === "\t" ? "TAB" : preview.delimiter })}
            </p>
            <div className="mapping">
              {COLUMNS.map((c) => (
                <ColumnSelect
                  key={c}
                  label={t(`csv.column.${c}`)}
                  testId={`map-${c}`}
                  headers={preview.headers}
                  value={mapping[c]}
                  optional={c === "account"}
                  onChange={(v) => setMapping({ ...mapping, [c]: c === "account" ? v : (v ?? 0) })}
                />
              ))}
            </div>
            <DateOrderField testId="csv-date-order" dates={preview.dates[mapping.time]} value={mapping.dateOrder ?? null} onChange={(o) => setMapping({ ...mapping, dateOrder: o })} />
            <CsvSample
              headers={preview.headers}
              rows={preview.rows}
              count={6}
              readAs={(i) => {
                const role = COLUMNS.find((c) => mapping[c] === i);
                return role ? t(`csv.column.${role}`) : null;
              }}
            />
            <div className="mapping">
              <label className="field">
                {t("csv.target")}
                <select data-testid="csv-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                  {targets.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("csv.name")}
                <input data-testid="csv-name" value={name} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="field">
                {t("csv.asOf")}
                <input type="date" data-testid="csv-as-of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
              </label>
            </div>
            <p className="muted small">{t("csv.asOfHint")}</p>
          </>
        )}
        {error && <CsvErrors error={error} testId="csv-error" />}
        <div className="modal-actions">
          <button onClick={onClose}>{t("csv.cancel")}</button>
          <button className="primary" data-testid="csv-import" disabled={!preview || !mapping || !target || busy || !datesReady(preview.dates[mapping.time], mapping.dateOrder)} onClick={() => void submit()}>
            {t("csv.import")}
          </button>
        </div>
      </div>
    </div>
  );
}
