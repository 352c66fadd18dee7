// The facilitator's panel (beside the canvas): start a session on this machine's address, show
// the URL, QR code and PIN, run the agenda's timer, lock, private mode, "bring everyone here", dot
// votes, and the notes that came in — each turned into a card, a stumbling point or an activity
// with a key (Enter: what its row says; 1–6 a card kind, A an activity; P the parking lot).
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Board, BoardNote, ElementKind, Panel, StumblingReason, Workshop } from "../bindings";
import { exportWorkshopSummaryWithDialog } from "../app/files";
import type { Session } from "../app/session";
import { clock, useRemaining } from "./clock";
import { useStore } from "../app/store";

const CARD_KEYS: Record<string, ElementKind> = {
  "1": "customerGoal",
  "2": "customerAction",
  "3": "touchpoint",
  "4": "emotion",
  "5": "stumblingPoint",
  "6": "csAction",
};
const VOTABLE: ElementKind[] = ["stumblingPoint", "customerAction", "csAction", "activity", "gapItem", "stickyNote"];
const REASONS: StumblingReason[] = ["benefitUnclear", "notNow", "guidanceLacking", "noNeedBias", "other"];


export function WorkshopPanel({ session, view }: { session: Session; view: string | null }) {
  const { t } = useTranslation();
  const { panel, addresses } = useStore(session.workshop);
  return (
    <aside className="properties workshop-panel" aria-label={t("workshop.title")} data-testid="workshop-panel">
      <div className="properties-kind">{t("workshop.title")}</div>
      {panel ? <Running session={session} panel={panel} view={view} /> : <Start session={session} addresses={addresses} view={view} />}
    </aside>
  );
}

function Start({ session, addresses, view }: { session: Session; addresses: string[]; view: string | null }) {
  const { t, i18n } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [name, setName] = useState(t("workshop.defaultName", { date: today }));
  const [address, setAddress] = useState("");
  const [port, setPort] = useState("0");
  const chosen = address || addresses[0] || "127.0.0.1";
  return (
    <form
      className="workshop-start"
      onSubmit={(e) => {
        e.preventDefault();
        void session.workshop.start({ workshop: null, name, view, address: chosen, port: Number(port) || 0 });
      }}
    >
      <p className="small">{t("workshop.intro")}</p>
      <label>
        {t("workshop.name")}
        <input data-testid="workshop-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("workshop.address")}
        <select data-testid="workshop-address" value={chosen} onChange={(e) => setAddress(e.target.value)}>
          {(addresses.length ? addresses : ["127.0.0.1"]).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("workshop.port")}
        <input data-testid="workshop-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
      </label>
      <p className="small">{view ? t("workshop.onView") : t("workshop.noView")}</p>
      <button className="primary" type="submit" data-testid="workshop-start" disabled={!name.trim()}>
        {t("workshop.start")}
      </button>
      <button type="button" data-testid="workshop-export-last" onClick={() => void exportWorkshopSummaryWithDialog(session, t, null, i18n.language === "en" ? "en" : "ja")}>
        {t("workshop.exportLast")}
      </button>
    </form>
  );
}

function Running({ session, panel, view }: { session: Session; panel: Panel; view: string | null }) {
  const { t, i18n } = useTranslation();
  const { status, board } = panel;
  const { room } = status;
  const { note: selected, projector } = useStore(session.workshop);
  const ws = session.workshop;
  const qr = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(panel.qr)}`, [panel.qr]);
  return (
    <div className="workshop-running">
      <section className="join-info">
        <img className="qr" src={qr} alt={t("workshop.qr")} />
        <div>
          <div className="small">{t("workshop.url")}</div>
          <div className="url" data-testid="workshop-url">{panel.url}</div>
          <div className="small">{t("workshop.pin")}</div>
          <div className="pin" data-testid="workshop-pin">{status.pin}</div>
        </div>
      </section>
      <Timer session={session} board={board} panel={panel} />
      <section>
        <h3>{t("workshop.participants", { count: room.participants.length })}</h3>
        <div className="small" data-testid="workshop-participants">{room.participants.join("、") || t("workshop.nobody")}</div>
      </section>
      <section className="controls">
        <label>
          <input type="checkbox" data-testid="workshop-lock" checked={room.locked} onChange={(e) => void ws.control({ type: "lock", locked: e.target.checked })} />
          {t("workshop.lock")}
        </label>
        <label>
          <input type="checkbox" data-testid="workshop-private" checked={room.private} onChange={(e) => void ws.control({ type: "private", private: e.target.checked })} />
          {t("workshop.private")}
        </label>
        <button data-testid="workshop-reveal" disabled={!board.notes.some((n) => n.hidden)} onClick={() => void ws.edit({ type: "revealNotes", workshop: board.workshop })}>
          {t("workshop.reveal")}
        </button>
        <button data-testid="workshop-follow" onClick={() => void ws.control({ type: "follow", view, focus: session.selection()?.id ?? null })}>
          {t("workshop.follow")}
        </button>
        <button data-testid="workshop-projector" onClick={() => ws.setProjector(!projector)}>
          {projector ? t("workshop.projectorOff") : t("workshop.projectorOn")}
        </button>
      </section>
      <Notes session={session} board={board} selected={selected} />
      <Votes session={session} board={board} />
      <button data-testid="workshop-export" onClick={() => void exportWorkshopSummaryWithDialog(session, t, board.workshop, i18n.language === "en" ? "en" : "ja")}>
        {t("workshop.export")}
      </button>
      <button className="danger" data-testid="workshop-stop" onClick={() => void ws.stop()}>
        {t("workshop.stop")}
      </button>
    </div>
  );
}

function Timer({ session, board, panel }: { session: Session; board: Board; panel: Panel }) {
  const { t } = useTranslation();
  const { timer } = panel.status.room;
  const [step, setStep] = useState("");
  const [minutes, setMinutes] = useState("10");
  const left = useRemaining(timer);
  const current = timer.step !== null ? board.agenda[timer.step] : undefined;
  const data: Workshop = { name: board.name, date: board.date, agenda: board.agenda, dots: board.dots };
  const ws = session.workshop;
  return (
    <section className="agenda">
      <h3>{t("workshop.agenda")}</h3>
      <div className={`timer${left < 0 ? " over" : ""}`} data-testid="workshop-timer">
        {current ? `${current.name} ${clock(left)}` : t("workshop.noStep")}
      </div>
      {current && (
        <div className="row-buttons">
          {timer.running ? (
            <button onClick={() => void ws.control({ type: "pause" })}>{t("workshop.pause")}</button>
          ) : (
            <button onClick={() => void ws.control({ type: "resume" })}>{t("workshop.resume")}</button>
          )}
          <button onClick={() => void ws.control({ type: "addMinute" })}>{t("workshop.addMinute")}</button>
        </div>
      )}
      <ol>
        {board.agenda.map((s, i) => (
          <li key={i} className={timer.step === i ? "current" : ""}>
            {s.name}（{t("workshop.minutes", { count: s.minutes })}）
            <button data-testid="agenda-start" onClick={() => void ws.control({ type: "step", step: i })}>
              {t("workshop.startStep")}
            </button>
          </li>
        ))}
      </ol>
      <form
        className="row-buttons"
        onSubmit={(e) => {
          e.preventDefault();
          const m = Math.max(1, Math.min(240, Number(minutes) || 0));
          if (!step.trim()) return;
          void ws.edit({ type: "update", id: board.workshop, data: { kind: "workshop", ...data, agenda: [...board.agenda, { name: step.trim(), minutes: m }] } });
          setStep("");
        }}
      >
        <input data-testid="agenda-step" placeholder={t("workshop.stepName")} value={step} onChange={(e) => setStep(e.target.value)} />
        <input data-testid="agenda-minutes" className="narrow" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-label={t("workshop.stepMinutes")} />
        <button type="submit" data-testid="agenda-add">{t("workshop.addStep")}</button>
      </form>
    </section>
  );
}

function Votes({ session, board }: { session: Session; board: Board }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState("");
  const [dots, setDots] = useState(String(board.dots || 3));
  const [kinds, setKinds] = useState<ElementKind[]>(["stumblingPoint"]);
  const ws = session.workshop;
  return (
    <section className="votes">
      <h3>{t("workshop.votes")}</h3>
      {board.votes.map((v) => (
        <div key={v.id} className="vote" data-testid="workshop-vote">
          <strong>{v.question}</strong>
          {v.open ? (
            <>
              <div className="small">{t("workshop.voteProgress", { voters: v.voters, placed: v.placed })}</div>
              <button data-testid="vote-close" onClick={() => void ws.edit({ type: "setVoteOpen", vote: v.id, open: false })}>
                {t("workshop.closeVote")}
              </button>
            </>
          ) : (
            <ol data-testid="vote-results">
              {v.results.map((r) => (
                <li key={r.id}>
                  {r.name} <strong>{r.dots}</strong>
                </li>
              ))}
              {v.results.length === 0 && <li>{t("workshop.noDots")}</li>}
            </ol>
          )}
        </div>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!question.trim()) return;
          void ws.edit({
            type: "startVote",
            workshop: board.workshop,
            vote: { question: question.trim(), dots: Math.max(1, Math.min(20, Number(dots) || 3)), kinds, open: true, ballots: [] },
          });
          setQuestion("");
        }}
      >
        <input data-testid="vote-question" placeholder={t("workshop.question")} value={question} onChange={(e) => setQuestion(e.target.value)} />
        <label>
          {t("workshop.dots")}
          <input className="narrow" inputMode="numeric" value={dots} onChange={(e) => setDots(e.target.value)} />
        </label>
        <div className="kinds">
          {VOTABLE.map((k) => (
            <label key={k}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
        <button type="submit" data-testid="vote-start">{t("workshop.startVote")}</button>
      </form>
    </section>
  );
}

function Notes({ session, board, selected }: { session: Session; board: Board; selected: string | null }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<StumblingReason | "">("");
  const ws = session.workshop;
  const groups = [...board.places.map((p) => ({ id: p.id as string | null, name: p.name, kind: p.kind })), { id: null, name: t("workshop.parkingLot"), kind: null }];
  const promote = (n: BoardNote, kind: ElementKind | null) =>
    void ws.edit({ type: "promoteNote", note: n.id, kind, reason: (kind ?? n.row) === "stumblingPoint" && reason ? reason : null });
  const onKey = (n: BoardNote, e: React.KeyboardEvent) => {
    const kind = CARD_KEYS[e.key];
    if (e.key === "Enter") promote(n, null);
    else if (kind) promote(n, kind);
    else if (e.key === "a" || e.key === "A") promote(n, "activity");
    else if (e.key === "p" || e.key === "P") void ws.edit({ type: "moveNote", note: n.id, on: null, row: null });
    else return;
    e.preventDefault();
  };
  return (
    <section className="notes">
      <h3>{t("workshop.notes", { count: board.notes.length })}</h3>
      <p className="small">{t("workshop.keys")}</p>
      <label className="small">
        {t("workshop.reason")}
        <select data-testid="promote-reason" value={reason} onChange={(e) => setReason(e.target.value as StumblingReason | "")}>
          <option value="">—</option>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {groups.map((g) => {
        const here = board.notes.filter((n) => n.on === g.id);
        if (here.length === 0) return null;
        return (
          <div key={g.id ?? "parking"} className="note-group">
            <h4>{g.name}</h4>
            <ul>
              {here.map((n) => (
                <li
                  key={n.id}
                  tabIndex={0}
                  className={`sticky${n.masked ? " masked" : ""}${selected === n.id ? " selected" : ""}`}
                  data-testid="workshop-note"
                  onFocus={() => ws.selectNote(n.id)}
                  onKeyDown={(e) => onKey(n, e)}
                >
                  <span className="text">{n.masked ? t("workshop.hidden") : n.text}</span>
                  <span className="small">
                    {n.author}
                    {n.row && ` · ${t(`kinds.${n.row}`)}`}
                  </span>
                  {g.kind === "stage" && (
                    <select
                      aria-label={t("workshop.row")}
                      data-testid="note-row"
                      value={n.row ?? ""}
                      onChange={(e) => void ws.edit({ type: "moveNote", note: n.id, on: n.on, row: (e.target.value || null) as ElementKind | null })}
                    >
                      <option value="">{t("workshop.anyRow")}</option>
                      {board.rows.map((r) => (
                        <option key={r} value={r}>
                          {t(`kinds.${r}`)}
                        </option>
                      ))}
                    </select>
                  )}
                  {g.kind === null && (
                    <select
                      aria-label={t("workshop.place")}
                      data-testid="note-place"
                      value=""
                      onChange={(e) => e.target.value && void ws.edit({ type: "moveNote", note: n.id, on: e.target.value, row: null })}
                    >
                      <option value="">{t("workshop.placeOn")}</option>
                      {board.places.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  )}
                  {g.kind !== null && (
                    <button data-testid="note-promote" onClick={() => promote(n, null)}>
                      {t("workshop.promote")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {board.placed.length > 0 && (
        <div className="note-group placed">
          <h4>{t("workshop.placed", { count: board.placed.length })}</h4>
          <ul>
            {board.placed.map((n) => (
              <li key={n.id} className="small" data-testid="workshop-placed">
                {n.text} → {n.becameKind && t(`kinds.${n.becameKind}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
