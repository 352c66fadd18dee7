// Account health on the bonfire model: the accounts table (each link's score, the weakest link in
// chain order and the next action), the firewood × fire plot with its four quadrants, one account's
// page (why, what next, the trend, the judgements), and the model itself. Rust scores and
// explains; this view draws and sends edits.

import { isoDay } from "../app/dates";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type AccountLine, type AccountPage, type Bonfire, type HealthTable, type IndicatorValue, type Quadrant, type SortBy, type Verdict } from "../bindings";
import { call } from "../app/api";
import { day, endOfDay, today } from "../app/dates";
import type { Session } from "../app/session";
import type { HealthShown } from "./store";
import { TraceButton } from "../outputs/TraceButton";
import { AccountsImportDialog } from "./AccountsImportDialog";
import { ModelEditor } from "./ModelEditor";

const CHAIN: Bonfire[] = ["firewood", "ember", "wind", "fire"];
const QUADRANTS: Quadrant[] = ["success", "kindling", "atRisk", "churnRisk"];

function score(x: number | null | undefined): string {
  return x === null || x === undefined ? "—" : Math.round(x).toString();
}

/** A colour from red (0) to green (100) for a score cell. */
function heat(x: number | null | undefined, weakBelow = 50): string {
  if (x === null || x === undefined) return "score-none";
  return x < weakBelow ? "score-weak" : x < 75 ? "score-mid" : "score-good";
}

export function VerdictText({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  if (verdict.type === "healthy") return <span className="verdict healthy">{t("health.healthy")}</span>;
  return (
    <span className={`verdict ${verdict.type}`} data-testid="verdict" data-link={verdict.link}>
      {verdict.type === "weak" ? t("health.weak", { link: t(`bonfire.${verdict.link}`) }) : t("health.unknown", { link: t(`bonfire.${verdict.link}`) })}
    </span>
  );
}

export function HealthView({ session, health }: { session: Session; health: HealthShown }) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  const closeImport = useCallback(() => setImporting(false), []);
  // The sample accounts that ship with the app: one undoable edit, errors in the app's error bar.
  const trySample = async () => {
    await session.run((show) => call(commands.importSampleAccounts(show)));
  };
  const { table } = health;
  return (
    <div className="health-view" data-testid="health-view">
      <header className="outputs-header">
        <div className="tabs" role="tablist">
          {(["accounts", "map", "model"] as const).map((tab) => (
            <button
              key={tab}
              role="tab"
              aria-selected={health.tab === tab && !health.account}
              className={health.tab === tab && !health.account ? "active" : ""}
              data-testid={`health-tab-${tab}`}
              onClick={() => void session.health.open({ tab, account: null })}
            >
              {t(`health.tab.${tab}`)}
            </button>
          ))}
        </div>
        {table.snapshot && (
          <span className="muted small health-asof" data-testid="health-asof">
            {t("health.asOf", { name: table.snapshot.name, count: table.snapshot.accounts })}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button className="primary" data-testid="import-accounts" onClick={() => setImporting(true)}>
          {t("health.import")}
        </button>
      </header>
      <div className="document-scroll">
        {health.account ? (
          <AccountPageView session={session} page={health.account} table={table} />
        ) : health.tab === "model" ? (
          <ModelEditor session={session} state={health.model} />
        ) : !table.snapshot ? (
          <div className="health-empty" data-testid="health-empty">
            <h2>{t("health.emptyTitle")}</h2>
            <p className="muted">{t("health.emptyText")}</p>
            <div className="actions">
              <button className="primary" onClick={() => setImporting(true)}>
                {t("health.import")}
              </button>
              <button data-testid="import-sample-accounts" title={t("health.trySampleHint")} onClick={() => void trySample()}>
                {t("health.trySample")}
              </button>
            </div>
            <p className="muted small">{t("health.trySampleHint")}</p>
          </div>
        ) : health.tab === "map" ? (
          <BonfireMap session={session} table={table} />
        ) : (
          <AccountsTable session={session} health={health} />
        )}
      </div>
      {importing && <AccountsImportDialog session={session} onClose={closeImport} />}
    </div>
  );
}

function QuadrantChips({ session, health }: { session: Session; health: HealthShown }) {
  const { t } = useTranslation();
  const current = health.query.quadrant ?? null;
  return (
    <div className="quadrant-chips" data-testid="quadrant-chips">
      {QUADRANTS.map((q, i) => (
        <button
          key={q}
          className={`chip quadrant-${q}${current === q ? " active" : ""}`}
          data-testid={`quadrant-${q}`}
          aria-pressed={current === q}
          onClick={() => void session.health.open({ query: { quadrant: current === q ? null : q, offset: 0 } })}
        >
          {t(`quadrant.${q}`)} {health.table.quadrants[i]}
        </button>
      ))}
    </div>
  );
}

function AccountsTable({ session, health }: { session: Session; health: HealthShown }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const { table, query } = health;
  const [search, setSearch] = useState(query.search ?? "");
  const sortBy = (sort: SortBy) => void session.health.open({ query: { sort, descending: query.sort === sort ? !query.descending : false, offset: 0 } });
  const header = (sort: SortBy, label: string) => (
    <th>
      <button className={`sort${query.sort === sort ? " active" : ""}`} data-testid={`sort-${sort}`} onClick={() => sortBy(sort)}>
        {label}
        {query.sort === sort ? (query.descending ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  const limit = query.limit || 200;
  const offset = query.offset ?? 0;
  const weakBelow = (b: Bonfire) => table.links.find((l) => l.element === b)?.weakBelow ?? 50;
  return (
    <div className="accounts">
      <div className="accounts-filters">
        <select
          data-testid="segment-filter"
          aria-label={t("health.segment")}
          value={query.segment ?? ""}
          onChange={(e) => void session.health.open({ query: { segment: e.target.value, offset: 0 } })}
        >
          <option value="">{t("health.allSegments")}</option>
          {table.segments.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input
          type="search"
          data-testid="account-search"
          placeholder={t("health.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && void session.health.open({ query: { search, offset: 0 } })}
          onBlur={() => search !== (query.search ?? "") && void session.health.open({ query: { search, offset: 0 } })}
        />
        <QuadrantChips session={session} health={health} />
      </div>
      <table className="doc-table accounts-table" data-testid="accounts-table">
        <thead>
          <tr>
            {header("name", t("health.account"))}
            <th>{t("health.segment")}</th>
            <th>{t("health.stage")}</th>
            {CHAIN.map((b) => (
              <th key={b} className="num">
                <button className={`sort${query.sort === b ? " active" : ""}`} data-testid={`sort-${b}`} onClick={() => sortBy(b)}>
                  {t(`bonfireShort.${b}`)}
                  {query.sort === b ? (query.descending ? " ▼" : " ▲") : ""}
                </button>
              </th>
            ))}
            {header("overall", t("health.overall"))}
            {header("verdict", t("health.verdict"))}
            <th>{t("health.nextAction")}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r: AccountLine) => (
            <tr key={r.id} data-testid="account-row" data-account={r.id} className="clickable" onClick={() => void session.health.open({ account: r.id })}>
              <td>
                <button
                  className="link account-name"
                  data-testid="open-account"
                  onClick={(e) => {
                    e.stopPropagation();
                    void session.health.open({ account: r.id });
                  }}
                >
                  {r.name || r.id}
                </button>
                <div className="muted small">{r.id}</div>
              </td>
              <td className="nowrap">{r.segment}</td>
              <td className="nowrap">{r.stage?.name ?? "—"}</td>
              {CHAIN.map((b, i) => (
                <td key={b} className={`num ${heat(r.score.links[i], weakBelow(b))}`} data-testid={`score-${b}`}>
                  {score(r.score.links[i])}
                </td>
              ))}
              <td className="num strong">{score(r.score.overall)}</td>
              <td>
                <VerdictText verdict={r.score.verdict} />
              </td>
              <td className="small">
                <div className="next-action">{r.nextAction ? (en ? r.nextAction.en : r.nextAction.ja) : ""}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <span className="muted small" data-testid="accounts-total">
          {t("health.showing", { from: table.total === 0 ? 0 : offset + 1, to: Math.min(offset + limit, table.total), total: table.total })}
        </span>
        <button disabled={offset === 0} onClick={() => void session.health.open({ query: { offset: Math.max(0, offset - limit) } })}>
          ‹
        </button>
        <button disabled={offset + limit >= table.total} onClick={() => void session.health.open({ query: { offset: offset + limit } })}>
          ›
        </button>
      </div>
      <DroppedAccounts session={session} table={table} />
      <ImportHistory session={session} table={table} />
    </div>
  );
}

/** The accounts whose links fell since the previous snapshot (10 points or more), the largest fall first. */
function DroppedAccounts({ session, table }: { session: Session; table: HealthTable }) {
  const { t } = useTranslation();
  if (table.droppedTotal === 0) return null;
  const since = table.dropped[0]?.drops[0]?.since ?? "";
  return (
    <section className="dropped" data-testid="dropped-accounts">
      <h3>{t("health.dropped", { since, count: table.droppedTotal })}</h3>
      <ul>
        {table.dropped.map((d) => (
          <li key={d.id} data-testid="dropped-account" data-account={d.id}>
            <button className="link" onClick={() => void session.health.open({ account: d.id })}>
              {d.name || d.id}
            </button>{" "}
            <span className="muted small">
              {d.drops.map((x) => `${t(`bonfire.${x.link}`)} ${Math.round(x.from ?? 0)} → ${Math.round(x.to ?? 0)}`).join("、")}
            </span>
          </li>
        ))}
      </ul>
      {table.droppedTotal > table.dropped.length && <p className="muted small">{t("health.droppedMore", { count: table.droppedTotal - table.dropped.length })}</p>}
    </section>
  );
}

/** The imported snapshots, newest first; a wrong import can be removed (one undoable edit). */
function ImportHistory({ session, table }: { session: Session; table: HealthTable }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  if (table.snapshots.length === 0) return null;
  return (
    <details className="import-history" data-testid="import-history">
      <summary>{t("health.history", { count: table.snapshots.length })}</summary>
      <ul>
        {[...table.snapshots].reverse().map((s) => (
          <li key={s.id} data-testid="history-snapshot">
            {s.name} · {day(s.asOf ?? 0, en)} · {t("health.accountsCount", { count: s.accounts })}
            <button
              className="remove"
              data-testid="remove-snapshot"
              title={t("health.removeSnapshot")}
              aria-label={t("health.removeSnapshot")}
              // With the journeys' state snapshot the same import made.
              onClick={() => void session.edit({ type: "delete", ids: s.state ? [s.id, s.state] : [s.id] })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The firewood × fire plot: each account a dot, the quadrants named, a click opens the account. */
function BonfireMap({ session, table }: { session: Session; table: HealthTable }) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<string | null>(null);
  const w = (b: Bonfire) => table.links.find((l) => l.element === b)?.weakBelow ?? 50;
  const size = 520;
  const pad = 48;
  const x = (v: number) => pad + (v / 100) * size;
  const y = (v: number) => pad + size - (v / 100) * size;
  const wood = w("firewood");
  const fire = w("fire");
  const label = (q: Quadrant, lx: number, ly: number, anchor: "start" | "end") => (
    <text x={lx} y={ly} className={`quadrant-label quadrant-${q}`} textAnchor={anchor} data-testid={`map-quadrant-${q}`}>
      {t(`quadrant.${q}`)} ({table.quadrants[QUADRANTS.indexOf(q)]})
    </text>
  );
  return (
    <div className="bonfire-map">
      <svg width={size + pad * 2} height={size + pad * 2} role="img" aria-label={t("health.mapTitle")} data-testid="bonfire-map">
        <rect x={x(wood)} y={y(100)} width={x(100) - x(wood)} height={y(fire) - y(100)} className="q-success" />
        <rect x={x(0)} y={y(fire)} width={x(wood) - x(0)} height={y(0) - y(fire)} className="q-churn" />
        <rect x={x(0)} y={y(0) - size} width={size} height={size} className="q-frame" />
        <line x1={x(wood)} y1={y(0)} x2={x(wood)} y2={y(100)} className="q-line" />
        <line x1={x(0)} y1={y(fire)} x2={x(100)} y2={y(fire)} className="q-line" />
        {label("success", x(100) - 8, y(100) + 18, "end")}
        {label("atRisk", x(0) + 8, y(100) + 18, "start")}
        {label("kindling", x(100) - 8, y(0) - 10, "end")}
        {label("churnRisk", x(0) + 8, y(0) - 10, "start")}
        <text x={x(50)} y={y(0) + 34} textAnchor="middle" className="axis-label">
          {t("bonfire.firewood")} →
        </text>
        <text transform={`translate(${pad - 30} ${y(50)}) rotate(-90)`} textAnchor="middle" className="axis-label">
          {t("bonfire.fire")} →
        </text>
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <text x={x(v)} y={y(0) + 16} textAnchor="middle" className="tick">
              {v}
            </text>
            <text x={x(0) - 8} y={y(v) + 4} textAnchor="end" className="tick">
              {v}
            </text>
          </g>
        ))}
        {table.dots.map((d) => (
          <circle
            key={d.id}
            cx={x(d.firewood ?? 0)}
            cy={y(d.fire ?? 0)}
            r={hover === d.id ? 7 : 5}
            className="dot"
            data-testid="map-dot"
            data-account={d.id}
            onMouseEnter={() => setHover(d.id)}
            onMouseLeave={() => setHover(null)}
            onClick={() => void session.health.open({ account: d.id })}
          >
            <title>
              {d.name} — {t("bonfire.firewood")} {Math.round(d.firewood ?? 0)} / {t("bonfire.fire")} {Math.round(d.fire ?? 0)}
            </title>
          </circle>
        ))}
      </svg>
      <p className="muted small">{t("health.mapHint")}</p>
    </div>
  );
}

/** A small line chart of the overall score and the four links over the snapshots. */
function Trend({ page }: { page: AccountPage }) {
  const { t, i18n } = useTranslation();
  const points = page.trend;
  if (points.length === 0) return null;
  const w = 520;
  const h = 160;
  const pad = 28;
  // Room on both sides for the dates under the first and last points.
  const side = 56;
  const xs = (i: number) => (points.length === 1 ? w / 2 : side + (i * (w - 2 * side)) / (points.length - 1));
  const ys = (v: number) => pad / 2 + (h - pad * 1.5) * (1 - v / 100);
  const series: { key: string; values: (number | null)[] }[] = [
    { key: "overall", values: points.map((p) => p.overall ?? null) },
    ...CHAIN.map((b, i) => ({ key: b, values: points.map((p) => p.links[i] ?? null) })),
  ];
  return (
    <svg width={w} height={h + 20} className="trend" data-testid="trend" data-points={points.length}>
      <line x1={pad} y1={ys(50)} x2={w - pad} y2={ys(50)} className="q-line" />
      {[0, 50, 100].map((v) => (
        <text key={v} x={pad - 6} y={ys(v) + 4} textAnchor="end" className="tick">
          {v}
        </text>
      ))}
      {series.map((s) => {
        const d = s.values.map((v, i) => (v === null ? null : `${xs(i)},${ys(v)}`)).filter(Boolean);
        return (
          <g key={s.key} className={`series series-${s.key}`}>
            {d.length > 1 && <polyline points={d.join(" ")} fill="none" />}
            {s.values.map((v, i) => v !== null && <circle key={i} cx={xs(i)} cy={ys(v)} r={s.key === "overall" ? 4 : 3} />)}
          </g>
        );
      })}
      {points.map((p, i) => (
        <text key={i} x={xs(i)} y={h + 14} textAnchor="middle" className="tick">
          {p.snapshot ? day(p.asOf ?? 0, i18n.language === "en") : t("health.judgedSince")}
        </text>
      ))}
    </svg>
  );
}

/** One indicator's score over the same points as the trend chart, in its link's colour. */
function IndicatorTrend({ page, ix, link }: { page: AccountPage; ix: number; link: Bonfire }) {
  const { i18n } = useTranslation();
  const values = page.trend.map((p) => p.indicators[ix] ?? null);
  if (values.length < 2 || values.every((v) => v === null)) return null;
  const w = 84;
  const h = 22;
  const xs = (i: number) => 4 + (i * (w - 8)) / (values.length - 1);
  const ys = (v: number) => 3 + (h - 6) * (1 - v / 100);
  const d = values.map((v, i) => (v === null ? null : `${xs(i)},${ys(v)}`)).filter(Boolean);
  const label = page.trend
    .map((p, i) => `${p.snapshot ? day(p.asOf ?? 0, i18n.language === "en") : "→"} ${values[i] === null ? "—" : Math.round(values[i]!)}`)
    .join(", ");
  return (
    <svg width={w} height={h} className={`trend spark series-${link}`} data-testid="indicator-trend" data-values={values.map((v) => (v === null ? "" : Math.round(v))).join(",")} aria-label={label}>
      <title>{label}</title>
      <polyline points={d.join(" ")} fill="none" />
      {values.map((v, i) => v !== null && <circle key={i} cx={xs(i)} cy={ys(v)} r={2} />)}
    </svg>
  );
}

function AccountPageView({ session, page, table }: { session: Session; page: AccountPage; table: HealthTable }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const line = page.line;
  const weakBelow = (b: Bonfire) => table.links.find((l) => l.element === b)?.weakBelow ?? 50;
  return (
    <article className="document account-page" data-testid="account-page">
      <button className="link no-print" data-testid="back-to-accounts" onClick={() => void session.health.open({ account: null })}>
        ‹ {t("health.back")}
      </button>
      <h1>
        {line.name || line.id} <span className="muted small">{line.id}</span>
      </h1>
      <p className="muted">
        {[line.segment, line.stage?.name, line.quadrant ? t(`quadrant.${line.quadrant}`) : null].filter(Boolean).join(" · ")}
      </p>
      <dl className="doc-facts account-facts" data-testid="account-facts">
        {page.size && (
          <>
            <dt>{t("props.size")}</dt>
            <dd>{t(`size.${page.size}`)}</dd>
          </>
        )}
        {page.industry && (
          <>
            <dt>{t("props.industry")}</dt>
            <dd>{page.industry}</dd>
          </>
        )}
        {page.motivation && (
          <>
            <dt>{t("props.motivation")}</dt>
            <dd>{t(`level.${page.motivation}`)}</dd>
          </>
        )}
        {page.literacy && (
          <>
            <dt>{t("props.literacy")}</dt>
            <dd>{t(`level.${page.literacy}`)}</dd>
          </>
        )}
      </dl>
      <div className="link-scores">
        {CHAIN.map((b, i) => (
          <div key={b} className={`link-score ${heat(line.score.links[i], weakBelow(b))}${line.score.verdict.type !== "healthy" && line.score.verdict.link === b ? " verdict-link" : ""}`} data-testid={`link-${b}`}>
            <div className="small">{t(`bonfire.${b}`)}</div>
            <div className="big">{score(line.score.links[i])}</div>
            {page.drops
              .filter((d) => d.link === b)
              .map((d) => (
                <div key={d.link} className="small drop" data-testid={`drop-${b}`} title={t("health.dropTitle", { since: d.since })}>
                  ↓ {Math.round(d.from ?? 0)} → {Math.round(d.to ?? 0)}
                </div>
              ))}
          </div>
        ))}
        <div className="link-score overall" data-testid="overall">
          <div className="small">{t("health.overall")}</div>
          <div className="big">{score(line.score.overall)}</div>
        </div>
      </div>
      <section>
        <h2>
          <VerdictText verdict={line.score.verdict} />
        </h2>
        <p data-testid="explanation">{en ? page.explanation.en : page.explanation.ja}</p>
        {page.quotes.length > 0 && (
          <>
            <h3>{t("evidence.cited")}</h3>
            <ul className="citations" data-testid="account-quotes">
              {page.quotes.slice(0, 5).map((q) => (
                <li key={q.id}>
                  「{q.text}」<span className="muted small"> {q.date != null ? isoDay(q.date) : ""}</span>
                </li>
              ))}
            </ul>
            <button className="link-button small" onClick={() => void session.evidence.open(page.quotes[0]?.conversation ?? null)}>
              {t("evidence.openEvidence")}
            </button>
          </>
        )}
        {page.nextActions.length > 0 && (
          <>
            <h3>{t("health.nextActions")}</h3>
            <ol data-testid="next-actions">
              {page.nextActions.map((a, i) => (
                <li key={i}>
                  {en ? a.text.en : a.text.ja}
                  {a.source && <TraceButton element={a.source} onClick={() => void session.reveal(a.source!, a.views)} />}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <section>
        <h2>{t("health.trend")}</h2>
        <Trend page={page} />
        <div className="trend-legend small">
          {["overall", ...CHAIN].map((k) => (
            <span key={k} className={`legend series-${k}`}>
              {k === "overall" ? t("health.overall") : t(`bonfire.${k}`)}
            </span>
          ))}
        </div>
      </section>
      <section>
        <h2>{t("health.indicators")}</h2>
        <IndicatorsTable session={session} page={page} />
      </section>
    </article>
  );
}

function IndicatorsTable({ session, page }: { session: Session; page: AccountPage }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const [judging, setJudging] = useState<IndicatorValue | null>(null);
  return (
    <>
      <table className="doc-table" data-testid="indicators">
        <thead>
          <tr>
            <th>{t("health.element")}</th>
            <th>{t("health.indicator")}</th>
            <th className="num">{t("health.value")}</th>
            <th className="num">{t("health.score")}</th>
            <th>{t("health.trend")}</th>
            <th>{t("health.source")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {page.indicators.map((ind, ix) => (
            <tr key={ind.key} data-testid="indicator" data-key={ind.key}>
              <td>{t(`bonfire.${ind.link}`)}</td>
              <td>{en ? ind.name.en : ind.name.ja}</td>
              <td className="num">{ind.value === null || ind.value === undefined ? <span className="placeholder">{t("health.missing")}</span> : formatValue(ind, t)}</td>
              <td className={`num ${heat(ind.score)}`}>{score(ind.score)}</td>
              <td>
                <IndicatorTrend page={page} ix={ix} link={ind.link} />
              </td>
              <td className="small muted">
                {ind.judgement ? t("health.judgedBy", { by: ind.judgement.by || "—", date: day(ind.judgement.at ?? 0, en) }) : ind.value !== null && ind.value !== undefined ? t("health.fromFile") : ""}
                {ind.judgement?.note && <div className="small">{ind.judgement.note}</div>}
                {ind.judgement && (
                  <button
                    className="remove no-print"
                    data-testid="remove-judgement"
                    title={t("health.removeJudgement")}
                    aria-label={t("health.removeJudgement")}
                    onClick={() => void session.edit({ type: "delete", ids: [ind.judgement!.id] })}
                  >
                    ×
                  </button>
                )}
              </td>
              <td>
                <button className="no-print" data-testid="judge" onClick={() => setJudging(ind)}>
                  {t("health.judge")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {judging && (
        <JudgementForm
          key={judging.key}
          session={session}
          account={page.line.id}
          indicator={judging}
          // A save that lands after another indicator's form was opened closes its own form only.
          onClose={() => setJudging((open) => (open?.key === judging.key ? null : open))}
        />
      )}
    </>
  );
}

function formatValue(ind: IndicatorValue, t: (k: string) => string): string {
  const v = ind.value ?? 0;
  if (ind.kind === "yesNo") return v >= 0.5 ? t("health.yes") : t("health.no");
  if (ind.kind === "judgement") return `${v} / 5`;
  return Math.abs(v) <= 1 && !Number.isInteger(v) ? `${Math.round(v * 100)}%` : v.toLocaleString();
}

/** A CS member's judgement of one indicator: the value, who, when; one undoable edit. */
function JudgementForm({ session, account, indicator, onClose }: { session: Session; account: string; indicator: IndicatorValue; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const [value, setValue] = useState<number | null>(indicator.value ?? null);
  const [by, setBy] = useState(() => localStorage.getItem("michi.judge.by") ?? "");
  const [date, setDate] = useState(today());
  const [note, setNote] = useState("");
  const save = async () => {
    if (value === null || !Number.isFinite(value)) return;
    localStorage.setItem("michi.judge.by", by);
    const at = endOfDay(date);
    const ok = await session.edit({ type: "create", data: { kind: "judgement", account, indicator: indicator.key, value, at, by: by.trim(), note: note.trim() } });
    if (ok) onClose();
  };
  return (
    <div className="judgement-form" data-testid="judgement-form">
      <h3>{t("health.judgeTitle", { name: en ? indicator.name.en : indicator.name.ja })}</h3>
      {indicator.kind === "judgement" ? (
        <div className="segments">
          {[1, 2, 3, 4, 5].map((v) => (
            <button key={v} className={value === v ? "active" : ""} data-testid={`judge-${v}`} onClick={() => setValue(v)}>
              {v}
            </button>
          ))}
        </div>
      ) : indicator.kind === "yesNo" ? (
        <div className="segments">
          {[1, 0].map((v) => (
            <button key={v} className={value === v ? "active" : ""} data-testid={`judge-${v === 1 ? "yes" : "no"}`} onClick={() => setValue(v)}>
              {v === 1 ? t("health.yes") : t("health.no")}
            </button>
          ))}
        </div>
      ) : (
        <input type="number" step="any" data-testid="judge-number" value={value ?? ""} onChange={(e) => setValue(e.target.value === "" ? null : Number(e.target.value))} />
      )}
      <div className="judgement-meta">
        <label>
          {t("health.by")}
          <input data-testid="judge-by" value={by} onChange={(e) => setBy(e.target.value)} />
        </label>
        <label>
          {t("health.date")}
          <input type="date" data-testid="judge-date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="grow">
          {t("health.note")}
          <input data-testid="judge-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <div className="modal-actions">
        <button onClick={onClose}>{t("catalog.cancel")}</button>
        <button className="primary" data-testid="judge-save" disabled={value === null} onClick={() => void save()}>
          {t("health.saveJudgement")}
        </button>
      </div>
    </div>
  );
}
