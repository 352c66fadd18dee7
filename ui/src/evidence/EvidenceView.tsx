// The evidence screen (domain.md §2): conversations with customers logged under the five
// perspectives, facts first; quotes taken from the notes (or typed), tagged and linked to what they
// support; the segment cells covered against the target. Made to keep up in a meeting: every field
// is reached with Tab, saved as it is left (or after a pause in typing) as one undoable edit, and
// Ctrl+Enter in a note turns the selected words into a quote. Coverage and the tags' counts are
// Rust's (derive::evidence).

import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { CompanySize, Conversation, ConversationPage, Edit, ElementId, Level, Person, PersonRole, Perspective, QuoteRow, Supported, TagRow } from "../bindings";
import { exportEvidenceWithDialog, importConversationsWithDialog, importQuotesWithDialog } from "../app/files";
import type { Session } from "../app/session";
import { useStore } from "../app/store";
import { isoDay as formatDate } from "../app/dates";
import { type EvidenceData, newTag } from "./store";

export const PERSPECTIVES: Perspective[] = ["problem", "productOrOperation", "proposal", "behaviour", "request"];
const ROLES: PersonRole[] = ["owner", "decisionMaker", "member", "opponent"];
const SIZES: CompanySize[] = ["enterprise", "midMarket", "small"];
const LEVELS: Level[] = ["high", "medium", "low"];

/** A choice of `values` or none, each named by the translations under `namespace`. */
function Choice<T extends string>(props: { values: readonly T[]; namespace: string; value: T | null | undefined; none: string; testid?: string; label?: string; disabled?: boolean; onChange: (v: T | null) => void }) {
  const { t } = useTranslation();
  return (
    <select data-testid={props.testid} aria-label={props.label} value={props.value ?? ""} disabled={props.disabled} onChange={(e) => props.onChange((e.target.value || null) as T | null)}>
      <option value="">{props.none}</option>
      {props.values.map((v) => (
        <option key={v} value={v}>
          {t(`${props.namespace}.${v}`)}
        </option>
      ))}
    </select>
  );
}

/** A text field saved when left, on Enter (a one-line field), or after a pause in typing. */
function useDraft(value: string, commit: (v: string) => void, delay = 1200) {
  const [draft, setDraft] = useState(value);
  const dirty = useRef(false);
  const timer = useRef<number | null>(null);
  const latest = useRef(commit);
  latest.current = commit;
  useEffect(() => {
    if (!dirty.current) setDraft(value);
  }, [value]);
  const flush = (v: string = draft) => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current) return;
    dirty.current = false;
    if (v !== value) latest.current(v);
  };
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);
  const change = (v: string) => {
    dirty.current = true;
    setDraft(v);
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => flush(v), delay);
  };
  return { draft, change, flush };
}

function TextField({ value, onCommit, label, testid, list, placeholder, readOnly }: { value: string; onCommit: (v: string) => void; label: string; testid: string; list?: string; placeholder?: string; readOnly: boolean }) {
  const { draft, change, flush } = useDraft(value, onCommit);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        data-testid={testid}
        value={draft}
        list={list}
        placeholder={placeholder}
        readOnly={readOnly}
        onChange={(e) => change(e.target.value)}
        onBlur={() => flush()}
        onKeyDown={(e) => {
          if (e.key === "Enter") flush();
        }}
      />
    </label>
  );
}

/** One perspective's note: Ctrl+Enter quotes the selected words. */
function NoteField({ perspective, value, onCommit, onQuote, readOnly }: { perspective: Perspective; value: string; onCommit: (v: string) => void; onQuote: (text: string) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const { draft, change, flush } = useDraft(value, onCommit);
  const ref = useRef<HTMLTextAreaElement>(null);
  const quoteSelection = () => {
    const el = ref.current;
    if (!el) return;
    const text = el.value.slice(el.selectionStart, el.selectionEnd).trim();
    flush(el.value);
    if (text) onQuote(text);
  };
  return (
    <div className="note-field">
      <label htmlFor={`note-${perspective}`}>{t(`perspective.${perspective}`)}</label>
      <textarea
        id={`note-${perspective}`}
        ref={ref}
        data-testid={`note-${perspective}`}
        value={draft}
        rows={3}
        readOnly={readOnly}
        onChange={(e) => change(e.target.value)}
        onBlur={() => flush()}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            quoteSelection();
          }
        }}
      />
      {!readOnly && (
        <button className="link-button small" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={quoteSelection} title={t("evidence.quoteSelectionHint")}>
          {t("evidence.quoteSelection")}
        </button>
      )}
    </div>
  );
}

/** An input that picks from `options` by typing (a datalist), answering the chosen option's value. */
function PickInput({ options, placeholder, testid, onPick, readOnly }: { options: { value: string; label: string }[]; placeholder: string; testid: string; onPick: (value: string, typed: string) => void; readOnly: boolean }) {
  const [text, setText] = useState("");
  const id = useRef(`pick-${Math.random().toString(36).slice(2)}`);
  if (readOnly) return null;
  const choose = () => {
    const typed = text.trim();
    if (!typed) return;
    const found = options.find((o) => o.label === typed) ?? options.find((o) => o.label.toLowerCase().startsWith(typed.toLowerCase()));
    setText("");
    onPick(found?.value ?? "", typed);
  };
  return (
    <>
      <input
        className="pick-input"
        data-testid={testid}
        list={id.current}
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            choose();
          }
        }}
      />
      <datalist id={id.current}>
        {options.map((o) => (
          <option key={o.value} value={o.label} />
        ))}
      </datalist>
    </>
  );
}

function supportLabel(t: (k: string) => string, s: Supported) {
  return `${s.name} — ${t(`kinds.${s.kind}`)}`;
}

function QuoteItem({ session, quote, data, readOnly }: { session: Session; quote: QuoteRow; data: EvidenceData; readOnly: boolean }) {
  const { t } = useTranslation();
  const edit = (e: Edit) => void session.edit(e);
  const { draft, change, flush } = useDraft(quote.text, (text) => edit({ type: "update", id: quote.id, data: { kind: "quote", text, perspective: quote.perspective } }));
  const tagOptions = data.log.tags.map((tag) => ({ value: tag.id, label: tag.path }));
  const linkOptions = data.linkable.filter((s) => !quote.supports.some((x) => x.id === s.id)).map((s) => ({ value: s.id, label: supportLabel(t, s) }));
  const addTag = (id: string, typed: string) => {
    if (id) return edit({ type: "link", kind: "taggedWith", from: quote.id, to: id });
    const made = newTag(typed, data.log.tags, [quote.id]);
    if (made) edit(made);
  };
  return (
    <li className="quote-item" data-testid="quote-item">
      <div className="quote-head">
        <textarea
          className="quote-text"
          data-testid="quote-text"
          value={draft}
          rows={2}
          readOnly={readOnly}
          onChange={(e) => change(e.target.value)}
          onBlur={() => flush()}
        />
        <Choice
          values={PERSPECTIVES}
          namespace="perspective"
          label={t("evidence.perspective")}
          value={quote.perspective}
          none={t("evidence.noPerspective")}
          disabled={readOnly}
          onChange={(perspective) => edit({ type: "update", id: quote.id, data: { kind: "quote", text: quote.text, perspective } })}
        />
        {!readOnly && (
          <button className="icon" data-testid="quote-delete" title={t("evidence.deleteQuote")} aria-label={t("evidence.deleteQuote")} onClick={() => edit({ type: "delete", ids: [quote.id] })}>
            ×
          </button>
        )}
      </div>
      <div className="quote-links">
        <span className="muted small">{t("evidence.tags")}</span>
        {quote.tags.map((tag) => (
          <span key={tag.id} className="chip tag-chip" data-testid="quote-tag">
            {data.log.tags.find((x) => x.id === tag.id)?.path ?? tag.name}
            {!readOnly && (
              <button className="chip-x" aria-label={t("evidence.untag")} onClick={() => edit({ type: "unlink", kind: "taggedWith", from: quote.id, to: tag.id })}>
                ×
              </button>
            )}
          </span>
        ))}
        <PickInput options={tagOptions} placeholder={t("evidence.addTag")} testid="quote-tag-input" onPick={addTag} readOnly={readOnly} />
      </div>
      <div className="quote-links">
        <span className="muted small">{t("evidence.supports")}</span>
        {quote.supports.map((s) => (
          <span key={s.id} className={`chip support-chip kind-${s.kind}`} data-testid="quote-support">
            {supportLabel(t, s)}
            {!readOnly && (
              <button className="chip-x" aria-label={t("evidence.unlink")} onClick={() => edit({ type: "unlink", kind: "supports", from: quote.id, to: s.id })}>
                ×
              </button>
            )}
          </span>
        ))}
        <PickInput
          options={linkOptions}
          placeholder={t("evidence.linkByName")}
          testid="quote-link-input"
          onPick={(id) => (id ? edit({ type: "link", kind: "supports", from: quote.id, to: id }) : session.showNotice(t("evidence.nothingNamed"), []))}
          readOnly={readOnly}
        />
        {!readOnly && (
          <button className="small" data-testid="quote-pick" onClick={() => void session.evidence.pick(quote.id, quote.text)}>
            {t("evidence.pickOnCanvas")}
          </button>
        )}
      </div>
    </li>
  );
}

/** Types a quote of one's own (not from a note): Enter adds it. */
function TypedQuote({ onAdd }: { onAdd: (text: string, perspective: Perspective | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [perspective, setPerspective] = useState<Perspective | null>("behaviour");
  const add = () => {
    if (!text.trim()) return;
    onAdd(text.trim(), perspective);
    setText("");
  };
  return (
    <div className="typed-quote">
      <input data-testid="quote-new" value={text} placeholder={t("evidence.typeQuote")} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
      <Choice values={PERSPECTIVES} namespace="perspective" label={t("evidence.perspective")} value={perspective} none={t("evidence.noPerspective")} onChange={setPerspective} />
      <button onClick={add}>{t("evidence.addQuote")}</button>
    </div>
  );
}

function ConversationEditor({ session, page, data, readOnly }: { session: Session; page: ConversationPage; data: EvidenceData; readOnly: boolean }) {
  const { t } = useTranslation();
  // The conversation with every change sent so far: two fields left in quick succession each
  // build on the one before, not on a screen that has not redrawn yet.
  const current = useRef<Conversation>(page.conversation);
  useEffect(() => {
    current.current = page.conversation;
  }, [page.conversation]);
  const patch = (p: Partial<Conversation>, more: Edit[] = []) => {
    current.current = { ...current.current, ...p };
    const update: Edit = { type: "update", id: page.id, data: { kind: "conversation", ...current.current } };
    void session.edit(more.length > 0 ? { type: "batch", edits: [update, ...more] } : update);
  };
  const c = page.conversation;
  const notes = c.notes ?? {};
  const people = c.people ?? [];
  const named = page.namedSegments[0] ?? "";
  const segmentEdits = (to: string): Edit[] => [
    ...page.namedSegments.filter((s) => s !== to).map((s): Edit => ({ type: "unlink", kind: "isFor", from: page.id, to: s })),
    ...(to && !page.namedSegments.includes(to) ? [{ type: "link", kind: "isFor", from: page.id, to } as Edit] : []),
  ];
  const setAccount = (typed: string) => {
    const v = typed.trim();
    const known = data.accounts.find((a) => `${a.id} ${a.name}` === v || a.id === v || a.name === v);
    if (!known) return patch({ account: v, accountName: v });
    patch(
      { account: known.id, accountName: known.name, size: known.size, industry: known.industry, motivation: known.motivation, literacy: known.literacy },
      known.segment ? segmentEdits(known.segment) : [],
    );
  };
  const setPerson = (i: number, p: Partial<Person>) => {
    const list = [...(current.current.people ?? [])];
    list[i] = { ...list[i], ...p };
    patch({ people: list });
  };
  const quote = (perspective: Perspective | null, text: string) => void session.evidence.addQuote(page.id, { text, perspective });
  const accountValue = c.account && c.accountName && c.account !== c.accountName ? `${c.account} ${c.accountName}` : (c.accountName ?? c.account ?? "");
  const date = c.date != null ? formatDate(c.date) : "";
  return (
    <section className="conversation-editor" data-testid="conversation-editor" aria-label={t("evidence.conversation")}>
      <header className="conversation-head">
        <h3>{accountValue || t("evidence.untitled")}</h3>
        {!readOnly && (
          <button className="small" data-testid="conversation-delete" onClick={() => void session.edit({ type: "delete", ids: [page.id] }).then(() => session.evidence.open(null))}>
            {t("evidence.deleteConversation")}
          </button>
        )}
      </header>
      <div className="conversation-fields">
        <label className="field">
          <span>{t("evidence.date")}</span>
          <input
            type="date"
            data-testid="conversation-date"
            defaultValue={date}
            key={date}
            readOnly={readOnly}
            onBlur={(e) => {
              const v = e.target.value;
              const at = v ? Date.parse(`${v}T00:00:00Z`) / 1000 : null;
              if (v !== date && (at === null || Number.isFinite(at))) patch({ date: at });
            }}
          />
        </label>
        <TextField label={t("evidence.account")} testid="conversation-account" value={accountValue} list="evidence-accounts" placeholder={t("evidence.accountHint")} onCommit={setAccount} readOnly={readOnly} />
        <datalist id="evidence-accounts">
          {data.accounts.map((a) => (
            <option key={a.id} value={`${a.id} ${a.name}`} />
          ))}
        </datalist>
        <label className="field">
          <span>{t("evidence.segment")}</span>
          <select data-testid="conversation-segment" value={named} disabled={readOnly} onChange={(e) => void session.edit({ type: "batch", edits: segmentEdits(e.target.value) })}>
            <option value="">{t("evidence.byAttributes")}</option>
            {data.segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("props.size")}</span>
          <Choice values={SIZES} namespace="size" testid="conversation-size" value={c.size} none="—" disabled={readOnly} onChange={(size) => patch({ size })} />
        </label>
        <TextField label={t("evidence.industry")} testid="conversation-industry" value={c.industry ?? ""} onCommit={(industry) => patch({ industry })} readOnly={readOnly} />
        {(["motivation", "literacy"] as const).map((k) => (
          <label className="field" key={k}>
            <span>{t(`evidence.${k}`)}</span>
            <Choice values={LEVELS} namespace="level" testid={`conversation-${k}`} value={c[k]} none="—" disabled={readOnly} onChange={(l) => patch({ [k]: l })} />
          </label>
        ))}
        <TextField label={t("evidence.interviewer")} testid="conversation-interviewer" value={c.interviewer ?? ""} onCommit={(interviewer) => patch({ interviewer })} readOnly={readOnly} />
      </div>
      <div className="people">
        <h4>{t("evidence.people")}</h4>
        {people.map((p, i) => (
          <div className="person" key={i} data-testid="person">
            <TextField label={t("evidence.personName")} testid="person-name" value={p.name ?? ""} onCommit={(name) => setPerson(i, { name })} readOnly={readOnly} />
            <TextField label={t("evidence.personTitle")} testid="person-title" value={p.title ?? ""} onCommit={(title) => setPerson(i, { title })} readOnly={readOnly} />
            <label className="field">
              <span>{t("evidence.personRole")}</span>
              <Choice values={ROLES} namespace="personRole" testid="person-role" value={p.role} none="—" disabled={readOnly} onChange={(role) => setPerson(i, { role })} />
            </label>
            {!readOnly && (
              <button className="icon" aria-label={t("evidence.removePerson")} title={t("evidence.removePerson")} onClick={() => patch({ people: (current.current.people ?? []).filter((_, j) => j !== i) })}>
                ×
              </button>
            )}
          </div>
        ))}
        {!readOnly && (
          <button className="small" data-testid="person-add" onClick={() => patch({ people: [...(current.current.people ?? []), { name: "", title: "", role: null }] })}>
            {t("evidence.addPerson")}
          </button>
        )}
      </div>
      <div className="notes">
        <h4>
          {t("evidence.notes")} <span className="muted small">{t("evidence.factsFirst")}</span>
        </h4>
        {PERSPECTIVES.map((p) => (
          <NoteField key={p} perspective={p} value={notes[p] ?? ""} readOnly={readOnly} onCommit={(v) => patch({ notes: { ...(current.current.notes ?? {}), [p]: v } })} onQuote={(text) => quote(p, text)} />
        ))}
      </div>
      <div className="quotes">
        <h4>
          {t("evidence.quotes")} <span className="muted small">{page.quotes.length}</span>
        </h4>
        <ul className="quote-list">
          {page.quotes.map((q) => (
            <QuoteItem key={q.id} session={session} quote={q} data={data} readOnly={readOnly} />
          ))}
        </ul>
        {!readOnly && <TypedQuote onAdd={(text, perspective) => quote(perspective, text)} />}
      </div>
    </section>
  );
}

function TagTree({ session, tags, readOnly }: { session: Session; tags: TagRow[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<ElementId | null>(null);
  const [name, setName] = useState("");
  const [adding, setAdding] = useState("");
  const rename = (tag: TagRow) => {
    setRenaming(null);
    const v = name.trim();
    if (v && v !== tag.name) void session.edit({ type: "update", id: tag.id, data: { kind: "tag", name: v } });
  };
  const onKey = (e: KeyboardEvent, tag: TagRow) => {
    if (e.key === "Enter") rename(tag);
    if (e.key === "Escape") setRenaming(null);
  };
  return (
    <section className="tag-tree" data-testid="tag-tree">
      <h3>{t("evidence.tags")}</h3>
      {tags.length === 0 && <p className="muted small">{t("evidence.noTags")}</p>}
      <ul>
        {tags.map((tag) => (
          <li key={tag.id} data-testid="tag-row" data-path={tag.path} style={{ paddingLeft: tag.depth * 14 }}>
            {renaming === tag.id ? (
              <input autoFocus data-testid="tag-rename-input" value={name} onChange={(e) => setName(e.target.value)} onBlur={() => rename(tag)} onKeyDown={(e) => onKey(e, tag)} />
            ) : (
              <button
                className="link-button tag-name"
                data-testid="tag-name"
                disabled={readOnly}
                title={t("evidence.renameHint")}
                onClick={() => {
                  setName(tag.name);
                  setRenaming(tag.id);
                }}
              >
                {tag.name}
              </button>
            )}
            <span className="muted small">{tag.quotes}</span>
            {!readOnly && (
              <>
                <select
                  className="tag-merge"
                  data-testid="tag-merge"
                  aria-label={t("evidence.mergeInto", { name: tag.name })}
                  value=""
                  onChange={(e) => e.target.value && void session.edit({ type: "mergeTags", from: tag.id, into: e.target.value })}
                >
                  <option value="">{t("evidence.merge")}</option>
                  {tags
                    .filter((o) => o.id !== tag.id)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.path}
                      </option>
                    ))}
                </select>
                <button className="icon" aria-label={t("evidence.deleteTag")} title={t("evidence.deleteTag")} onClick={() => void session.edit({ type: "delete", ids: [tag.id] })}>
                  ×
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <input
          data-testid="tag-new"
          value={adding}
          placeholder={t("evidence.newTag")}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            const made = e.key === "Enter" ? newTag(adding, tags, []) : null;
            if (!made) return;
            setAdding("");
            void session.edit(made);
          }}
        />
      )}
    </section>
  );
}

function CoveragePanel({ session, data, readOnly }: { session: Session; data: EvidenceData; readOnly: boolean }) {
  const { t } = useTranslation();
  const c = data.coverage;
  const settings = (patch: Partial<typeof c.settings>) => void session.edit({ type: "setEvidenceSettings", settings: { ...c.settings, ...patch } });
  const target = c.settings.target ?? 20;
  const stale = c.settings.staleAfterDays ?? 365;
  const share = target > 0 ? Math.min(1, c.accountsHeard / target) : 1;
  return (
    <section className="coverage" data-testid="coverage">
      <h3>{t("evidence.coverage")}</h3>
      <p data-testid="coverage-heard">{t("evidence.heard", { heard: c.accountsHeard, target, conversations: c.conversations })}</p>
      <div className="coverage-bar" role="progressbar" aria-valuemin={0} aria-valuemax={target} aria-valuenow={c.accountsHeard}>
        <div style={{ width: `${share * 100}%` }} />
      </div>
      <div className="coverage-settings">
        <label className="field">
          <span>{t("evidence.target")}</span>
          <input type="number" min={1} data-testid="coverage-target" defaultValue={target} key={target} readOnly={readOnly} onBlur={(e) => Number(e.target.value) > 0 && Number(e.target.value) !== target && settings({ target: Math.round(Number(e.target.value)) })} />
        </label>
        <label className="field">
          <span>{t("evidence.staleAfter")}</span>
          <input type="number" min={1} data-testid="coverage-stale" defaultValue={stale} key={stale} readOnly={readOnly} onBlur={(e) => Number(e.target.value) > 0 && Number(e.target.value) !== stale && settings({ staleAfterDays: Math.round(Number(e.target.value)) })} />
        </label>
      </div>
      <table className="coverage-cells" data-testid="coverage-cells">
        <thead>
          <tr>
            <th>{t("evidence.segment")}</th>
            <th>{t("evidence.conversations")}</th>
            <th>{t("evidence.customers")}</th>
          </tr>
        </thead>
        <tbody>
          {c.cells.map((cell) => (
            <tr key={cell.segment.id} data-testid="coverage-cell" data-segment={cell.segment.name} className={cell.conversations === 0 ? "unheard" : ""}>
              <td>{cell.segment.name}</td>
              <td data-testid="cell-conversations">{cell.conversations}</td>
              <td>{cell.conversations === 0 ? <span className="chip warn">{t("evidence.unheard")}</span> : cell.accounts.join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.cells.length === 0 && <p className="muted small">{t("evidence.noSegments")}</p>}
      {c.unplaced.length > 0 && <p className="muted small" data-testid="coverage-unplaced">{t("evidence.unplaced", { names: c.unplaced.join("、") })}</p>}
    </section>
  );
}

/** A new conversation, opened, with the typing in its account field. */
function newConversation(session: Session) {
  return session.evidence.create().then(() => document.querySelector<HTMLInputElement>("[data-testid=conversation-account]")?.focus());
}

export function EvidenceView({ session, data, readOnly }: { session: Session; data: EvidenceData; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { picking } = useStore(session.evidence);
  const open = data.page?.id ?? null;
  // Alt+N: a new conversation, wherever the typing is (the meeting goes on).
  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === "n") {
        e.preventDefault();
        (document.activeElement as HTMLElement | null)?.blur();
        void newConversation(session);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [session, readOnly]);
  return (
    <div className="evidence-view" data-testid="evidence-view">
      <header className="outputs-header">
        <h2 className="gaps-title">{t("evidence.title")}</h2>
        {!readOnly && (
          <button className="primary" data-testid="conversation-new" title={t("evidence.newConversationHint")} onClick={() => void newConversation(session)}>
            {t("evidence.newConversation")}
          </button>
        )}
        <div className="toolbar-spacer" />
        {!readOnly && (
          <>
            <button data-testid="evidence-import-csv" onClick={() => void importQuotesWithDialog(session, t)}>
              {t("evidence.importCsv")}
            </button>
            <button data-testid="evidence-import-md" onClick={() => void importConversationsWithDialog(session, t)}>
              {t("evidence.importMarkdown")}
            </button>
          </>
        )}
        <button data-testid="evidence-export" onClick={() => void exportEvidenceWithDialog(session, t, i18n.language === "en" ? "en" : "ja")}>
          {t("evidence.export")}
        </button>
      </header>
      {picking && <p className="notice-banner" role="status">{t("evidence.picking", { text: picking.text })}</p>}
      <div className="evidence-body">
        <nav className="conversation-list" aria-label={t("evidence.conversations")}>
          <h3>{t("evidence.conversations")}</h3>
          {data.log.conversations.length === 0 && <p className="muted small">{t("evidence.noConversations")}</p>}
          <ul>
            {data.log.conversations.map((c) => (
              <li key={c.id}>
                <button className={`conversation-row${c.id === open ? " active" : ""}`} aria-current={c.id === open} data-testid="conversation-row" onClick={() => void session.evidence.open(c.id)}>
                  <span className="conversation-date">{c.date != null ? formatDate(c.date) : "—"}</span>
                  <span className="conversation-account">{c.accountName || t("evidence.untitled")}</span>
                  <span className="muted small">
                    {c.segments.map((s) => s.name).join("、") || t("evidence.noSegment")} · {t("evidence.quoteCount", { count: c.quotes })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="conversation-main">
          {data.page ? (
            <ConversationEditor key={data.page.id} session={session} page={data.page} data={data} readOnly={readOnly} />
          ) : (
            <div className="conversation-none">
              <p className="muted">{t("evidence.pickConversation")}</p>
              {data.log.loose.length > 0 && (
                <>
                  <h4>{t("evidence.loose")}</h4>
                  <ul className="quote-list">
                    {data.log.loose.map((q) => (
                      <QuoteItem key={q.id} session={session} quote={q} data={data} readOnly={readOnly} />
                    ))}
                  </ul>
                </>
              )}
              {!readOnly && <TypedQuote onAdd={(text, perspective) => void session.evidence.addQuote(null, { text, perspective })} />}
            </div>
          )}
        </div>
        <aside className="evidence-side">
          <CoveragePanel session={session} data={data} readOnly={readOnly} />
          <TagTree session={session} tags={data.log.tags} readOnly={readOnly} />
        </aside>
      </div>
    </div>
  );
}
