// A participant in the room: joins with the PIN, sees the board live, adds notes (kept in the
// browser until the host acknowledges them, and sent again after a cut with the same client id, so
// none is lost or doubled), votes, and follows the facilitator. Text is always rendered as text.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { i18next } from "../i18n";
import { clock, useRemaining } from "../workshop/clock";
import { applyPatch, type Action, type Board, type FromHost, type Note, type Room } from "./protocol";

const TOKEN = "michi.workshop.token";
const pendingKey = (token: string) => `michi.workshop.pending.${token}`;
const STOPPED = { running: false, remainingMs: 0 };
const PERSPECTIVES = ["problem", "productOrOperation", "proposal", "behaviour", "request"];

type Pending = { client: string; action: Action };

function loadPending(token: string): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(pendingKey(token)) ?? "[]") as Pending[];
  } catch {
    return [];
  }
}

function newClientId(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}


export function Participant() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN));
  if (!token) return <Join onJoined={(t) => { sessionStorage.setItem(TOKEN, t); setToken(t); }} />;
  return <Live token={token} onForgotten={() => { sessionStorage.removeItem(TOKEN); setToken(null); }} />;
}

function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="lang"
      onClick={() => {
        const next = i18next.language === "ja" ? "en" : "ja";
        localStorage.setItem("michi.workshop.lang", next);
        void i18next.changeLanguage(next);
      }}
    >
      {t("participant.language")}
    </button>
  );
}

function Join({ onJoined }: { onJoined: (token: string) => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState("");
  const [name, setName] = useState(() => localStorage.getItem("michi.workshop.name") ?? "");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const res = await fetch("/api/join", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pin, name }),
    }).catch(() => null);
    if (!res) return setError(t("participant.connecting"));
    const body = (await res.json().catch(() => ({}))) as { token?: string; reason?: string };
    if (res.ok && body.token) {
      localStorage.setItem("michi.workshop.name", name);
      return onJoined(body.token);
    }
    if (res.status === 401) return setError(t("participant.wrongPin"));
    if (res.status === 429) return setError(t("participant.tooManyPins"));
    if (body.reason === "full") return setError(t("participant.full"));
    setError(t("participant.badName"));
  };
  return (
    <main className="join">
      <LanguageSwitch />
      <h1>{t("participant.title")}</h1>
      <form onSubmit={submit}>
        <label>
          {t("participant.pin")}
          <input data-testid="pin" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} autoFocus />
        </label>
        <label>
          {t("participant.name")}
          <input data-testid="name" maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button data-testid="join" type="submit" disabled={!pin || !name.trim()}>
          {t("participant.join")}
        </button>
        {error && <p className="error" role="alert" data-testid="join-error">{error}</p>}
      </form>
    </main>
  );
}

function Live({ token, onForgotten }: { token: string; onForgotten: () => void }) {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board | null>(null);
  const [room, setRoom] = useState<Room | null>(null);
  const [me, setMe] = useState("");
  const [online, setOnline] = useState(false);
  const [pending, setPending] = useState<Pending[]>(() => loadPending(token));
  const [notice, setNotice] = useState<string | null>(null);
  const [picture, setPicture] = useState(0);
  const socket = useRef<WebSocket | null>(null);
  const nextId = useRef(1);
  const inFlight = useRef(new Map<number, string | null>());
  const pendingRef = useRef(pending);
  const followSeq = useRef<number | null>(null);
  const revision = useRef(-1);
  const pictureTimer = useRef<number | null>(null);

  const savePending = useCallback(
    (next: Pending[]) => {
      pendingRef.current = next;
      localStorage.setItem(pendingKey(token), JSON.stringify(next));
      setPending(next);
    },
    [token],
  );

  const send = useCallback((action: Action, client: string | null) => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    const id = nextId.current++;
    inFlight.current.set(id, client);
    ws.send(JSON.stringify({ id, action }));
    return true;
  }, []);

  useEffect(() => {
    let stopped = false;
    let delay = 500;
    let timer: number | undefined;
    const open = () => {
      const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/socket?token=${encodeURIComponent(token)}`);
      socket.current = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        delay = 500;
        setOnline(true);
        inFlight.current.clear();
        // Every note not acknowledged yet goes again, with its client id: the host adds it once.
        for (const p of pendingRef.current) send(p.action, p.client);
      };
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as FromHost;
        if (m.type === "full") {
          setBoard(m.board);
          setRoom(m.room);
          setMe(m.me);
          revision.current = m.revision;
          setPicture((n) => n + 1);
        } else if (m.type === "patch") {
          setBoard((b) => (b ? applyPatch(b, m) : b));
          if (m.room) setRoom(m.room);
          // The model moved (the facilitator's edits too): the picture is fetched again, at most
          // once a second.
          if (m.revision !== revision.current) {
            revision.current = m.revision;
            if (pictureTimer.current === null) {
              pictureTimer.current = window.setTimeout(() => {
                pictureTimer.current = null;
                setPicture((n) => n + 1);
              }, 1000);
            }
          }
        } else if (m.type === "ack" || m.type === "refused") {
          const id = m.id ?? -1;
          const client = inFlight.current.get(id) ?? null;
          inFlight.current.delete(id);
          if (client) savePending(pendingRef.current.filter((p) => p.client !== client));
          if (m.type === "refused") {
            const reason = m.reason && i18next.exists(`participant.reasons.${m.reason}`) ? m.reason : "other";
            setNotice(t("participant.refused", { reason: t(`participant.reasons.${reason}`) }));
          }
        }
      };
      ws.onclose = () => {
        setOnline(false);
        if (stopped || socket.current !== ws) return;
        if (!opened) {
          // Refused before opening: a token the host no longer knows means joining again.
          void fetch(`/api/picture.svg?token=${encodeURIComponent(token)}`).then((r) => {
            if (r.status === 401) onForgotten();
          }).catch(() => undefined);
        }
        timer = window.setTimeout(open, delay);
        delay = Math.min(delay * 2, 5000);
      };
    };
    // The network gone (Wi-Fi lost): close at once rather than wait for a timeout; notes written
    // meanwhile wait in the browser. Back: reconnect now.
    const offline = () => socket.current?.close();
    const online = () => {
      window.clearTimeout(timer);
      delay = 500;
      if (socket.current?.readyState !== WebSocket.OPEN) open();
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    open();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      socket.current?.close();
    };
  }, [token, send, savePending, onForgotten, t]);

  // "Bring everyone to me": scroll to what the facilitator points at.
  useEffect(() => {
    if (!room) return;
    if (followSeq.current !== null && room.follow.seq > followSeq.current) {
      const target = room.follow.focus && document.getElementById(`place-${room.follow.focus}`);
      (target || document.getElementById("picture"))?.scrollIntoView({ behavior: "smooth", block: "start" });
      setNotice(t("participant.followed"));
    }
    followSeq.current = room.follow.seq;
  }, [room, t]);

  const addNote = (text: string, on: string | null, row: string | null, perspective: string | null) => {
    const client = newClientId();
    const action: Action = { type: "note", client, text, on, row, perspective };
    savePending([...pendingRef.current, { client, action }]);
    send(action, client);
  };

  // Before any early return: a hook runs on every render.
  const remaining = useRemaining(room?.timer ?? STOPPED);
  if (!board || !room) return <main className="live"><p>{t("participant.connecting")}</p></main>;
  const step = room.timer.step !== null ? board.agenda[room.timer.step] : undefined;
  const notesOn = (on: string | null) => board.notes.filter((n) => n.on === on);

  return (
    <main className="live">
      <header>
        <h1 data-testid="workshop-name">{board.name}</h1>
        <span className="me">{t("participant.me", { name: me })}</span>
        <LanguageSwitch />
      </header>
      <div className="status">
        <span data-testid="connection" className={online ? "online" : "offline"}>
          {online
            ? pending.length > 0 && t("participant.pending", { count: pending.length })
            : t("participant.reconnecting", { count: pending.length })}
        </span>
        {room.locked && <span className="badge" data-testid="locked">{t("participant.locked")}</span>}
        {room.private && <span className="badge" data-testid="private">{t("participant.private")}</span>}
      </div>
      <section className="timer" data-testid="timer">
        {step ? (
          <>
            <span>{t("participant.step", { n: (room.timer.step ?? 0) + 1, name: step.name })}</span>
            <strong className={remaining < 0 ? "over" : ""} data-testid="timer-left">
              {remaining < 0 ? t("participant.overtime", { time: clock(-remaining) }) : t("participant.timer", { time: clock(remaining) })}
            </strong>
          </>
        ) : (
          <span>{t("participant.noStep")}</span>
        )}
      </section>
      {notice && (
        <p className="notice" role="status" data-testid="notice" onClick={() => setNotice(null)}>
          {notice}
        </p>
      )}
      {!room.locked && <NoteForm board={board} onAdd={addNote} />}
      <Votes board={board} send={(a) => send(a, null)} locked={room.locked} />
      <section className="places">
        {board.places.map((p) => (
          <div key={p.id} id={`place-${p.id}`} className="place" data-testid="place">
            <h2>{p.name}</h2>
            <Notes notes={notesOn(p.id)} rows={board.rows} />
          </div>
        ))}
        <div id="place-parking" className="place parking" data-testid="parking-lot">
          <h2>{t("participant.parkingLot")}</h2>
          <Notes notes={notesOn(null)} rows={[]} />
        </div>
      </section>
      {board.view && (
        <figure id="picture">
          <img src={`/api/picture.svg?token=${encodeURIComponent(token)}&v=${picture}`} alt={t("participant.picture")} />
          <figcaption>{board.view.name}</figcaption>
        </figure>
      )}
      {board.placed.length > 0 && (
        <section className="placed">
          <h2>{t("participant.placed")}</h2>
          <ul>
            {board.placed.map((n) => (
              <li key={n.id} data-testid="placed-note">
                {n.text} <span className="became">{n.became && t("participant.became", { kind: t(`kinds.${n.becameKind}`), name: n.became.name })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function Notes({ notes, rows }: { notes: Note[]; rows: string[] }) {
  const { t } = useTranslation();
  const byRow = rows.length > 0 ? [...rows, null] : [null];
  return (
    <>
      {byRow.map((row) => {
        const here = notes.filter((n) => (rows.length > 0 ? (n.row ?? null) === row : true));
        if (here.length === 0) return null;
        return (
          <div key={row ?? "none"} className="row">
            {row && <h3>{t(`kinds.${row}`)}</h3>}
            <ul>
              {here.map((n) => (
                <li key={n.id} className={n.masked ? "note masked" : "note"} data-testid="note">
                  <span className="text">{n.masked ? t("participant.hidden") : n.text}</span>
                  <span className="author">{t("participant.byAuthor", { author: n.author })}</span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

function NoteForm({ board, onAdd }: { board: Board; onAdd: (text: string, on: string | null, row: string | null, perspective: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [on, setOn] = useState<string>("");
  const [row, setRow] = useState<string>("");
  const [kind, setKind] = useState<string>("");
  const placeKind = useMemo(() => board.places.find((p) => p.id === on)?.kind, [board.places, on]);
  const submit = () => {
    const words = text.trim();
    if (!words) return;
    onAdd(words, on || null, placeKind === "stage" && row ? row : null, kind || null);
    setText("");
  };
  return (
    <section className="new-note">
      <h2>{t("participant.newNote")}</h2>
      <textarea
        data-testid="note-text"
        aria-label={t("participant.text")}
        maxLength={500}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div className="choices">
        <label>
          {t("participant.kindOfNote")}
          <select data-testid="note-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("participant.plainNote")}</option>
            {PERSPECTIVES.map((p) => (
              <option key={p} value={p}>
                {t("participant.quoteUnder", { perspective: t(`perspective.${p}`) })}
              </option>
            ))}
          </select>
        </label>
        {!kind && (
          <label>
            {t("participant.where")}
            <select data-testid="note-place" value={on} onChange={(e) => setOn(e.target.value)}>
              <option value="">{t("participant.parkingLot")}</option>
              {board.places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {!kind && placeKind === "stage" && (
          <label>
            {t("participant.row")}
            <select data-testid="note-row" value={row} onChange={(e) => setRow(e.target.value)}>
              <option value="">{t("participant.anyRow")}</option>
              {board.rows.map((r) => (
                <option key={r} value={r}>
                  {t(`kinds.${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" data-testid="add-note" onClick={submit} disabled={!text.trim()}>
          {t("participant.add")}
        </button>
      </div>
    </section>
  );
}

function Votes({ board, send, locked }: { board: Board; send: (a: Action) => boolean; locked: boolean }) {
  const { t } = useTranslation();
  if (board.votes.length === 0) return null;
  return (
    <section className="votes">
      <h2>{t("participant.votes")}</h2>
      {board.votes.map((v) => {
        const left = v.dots - v.mine.length;
        return (
          <div key={v.id} className="vote" data-testid="vote">
            <h3>{v.question}</h3>
            {v.open ? (
              <>
                <p>
                  {t("participant.voteOpen")} · <span data-testid="dots-left">{t("participant.dotsLeft", { count: left })}</span>
                </p>
                <ul>
                  {v.candidates.map((c) => {
                    const mine = v.mine.filter((m) => m === c.id).length;
                    return (
                      <li key={c.id} data-testid="candidate">
                        <span className="name">{c.name}</span>
                        <span className="dots">{"●".repeat(mine)}</span>
                        <button type="button" disabled={left <= 0 || locked} onClick={() => send({ type: "vote", vote: v.id, target: c.id })}>
                          {t("participant.dot")}
                        </button>
                        {mine > 0 && (
                          <button type="button" onClick={() => send({ type: "unvote", vote: v.id, target: c.id })}>
                            {t("participant.undot")}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : (
              <ol data-testid="results">
                {v.results.length === 0 && <li>{t("participant.noVotes")}</li>}
                {v.results.map((r) => (
                  <li key={r.id}>
                    {r.name} <strong>{r.dots}</strong>
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
    </section>
  );
}
