// The evidence screen (domain.md §2): the conversations logged, the tags, the coverage against the
// target and, when open, one conversation with its notes and quotes. Everything shown is Rust's
// (derive::evidence); this store keeps which conversation is open and a quote being linked by
// picking on a canvas.

import type { Conversation, ConversationPage, Coverage, Document, Edit, ElementId, KnownAccount, Log, Quote, Ref, Screen, Supported, TagRow } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";

export interface EvidenceData {
  coverage: Coverage;
  log: Log;
  page: ConversationPage | null;
  linkable: Supported[];
  accounts: KnownAccount[];
  segments: Ref[];
  document: Document;
}

export interface EvidenceState {
  data: EvidenceData | null;
  /** The conversation asked for. */
  conversation: ElementId | null;
  /** A quote waiting for the element it supports to be picked on a canvas. */
  picking: { quote: ElementId; text: string } | null;
}

const INITIAL: EvidenceState = { data: null, conversation: null, picking: null };

export class EvidenceStore extends Store<EvidenceState> {
  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set(INITIAL);
  }

  screen(): Screen {
    return { type: "evidence", conversation: this.getState().conversation };
  }

  receive(data: EvidenceData) {
    // A conversation undone away closes.
    this.set({ data, conversation: data.page?.id ?? null });
  }

  /** Shows the evidence, with conversation `conversation` open (null: none; left out: the one open). */
  open(conversation?: ElementId | null): Promise<boolean> {
    if (conversation !== undefined) this.set({ conversation });
    return this.session.navigate({ type: "evidence", conversation: this.getState().conversation });
  }

  /** A new conversation dated today, opened. */
  async create(): Promise<ElementId | null> {
    const today = new Date();
    const date = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) / 1000;
    const data: Conversation = { date, account: "", accountName: "", people: [], interviewer: "", industry: "", notes: {} };
    const created = await this.session.edit({ type: "create", data: { kind: "conversation", ...data } });
    const id = created?.[0] ?? null;
    if (id) await this.open(id);
    return id;
  }

  /** Replaces the open conversation's properties (one undoable edit). */
  update(id: ElementId, conversation: Conversation): Promise<unknown> {
    return this.session.edit({ type: "update", id, data: { kind: "conversation", ...conversation } });
  }

  addQuote(conversation: ElementId | null, quote: Quote, supports: ElementId[] = []): Promise<ElementId[] | null> {
    return this.session.edit({ type: "addQuote", conversation, quote, tags: [], supports });
  }

  /** Waits for the element `quote` supports to be picked on a canvas, and goes to the first diagram. */
  async pick(quote: ElementId, text: string): Promise<void> {
    this.set({ picking: { quote, text } });
    const { outline } = this.session.getState();
    const journey = outline?.journeys.find((j) => j.view)?.view;
    if (journey) await this.session.journey.open(journey);
    else if (outline?.diagrams[0]) await this.session.process.open(outline.diagrams[0].view);
  }

  cancelPick() {
    this.set({ picking: null });
  }

  /** The element picked for the waiting quote: linked (one edit), and back to the evidence. */
  async picked(element: ElementId): Promise<boolean> {
    const picking = this.getState().picking;
    if (!picking) return false;
    this.set({ picking: null });
    const done = await this.session.edit({ type: "link", kind: "supports", from: picking.quote, to: element });
    if (done) await this.open();
    return true;
  }
}

/** The edit making a tag typed as `親/子` (under the existing tag at the path before the last
 * `/`, else at the top, named by the whole text), given at once to `quotes`; null for nothing typed. */
export function newTag(typed: string, tags: TagRow[], quotes: ElementId[]): Edit | null {
  const text = typed.trim();
  const at = text.lastIndexOf("/");
  const parent = at > 0 ? tags.find((t) => t.path === text.slice(0, at)) : undefined;
  const name = parent ? text.slice(at + 1).trim() : text;
  return name ? { type: "addTag", name, parent: parent?.id ?? null, quotes } : null;
}
