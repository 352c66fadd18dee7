// The journey-map screen: which map is open, what is selected and what is being typed into.

import type { CardClip, ElementId, JourneyMap, Lane, Outline, Screen, ViewId } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";
import { type Selection, findCard, findElement } from "./model";

/** What is being typed into: an element's text, or a card or stage not created yet. */
export type Editing =
  | { kind: "element"; id: ElementId; stage: ElementId | null }
  | { kind: "newCard"; stage: ElementId; lane: Lane }
  | { kind: "newStage" };

export interface JourneyState {
  view: ViewId | null;
  /** The open map; null when the workspace has no journey. */
  map: JourneyMap | null;
  /** What is selected: a card, a stage, the journey, or a segment or persona of the outline. */
  selection: Selection | null;
  editing: Editing | null;
  /** Cards copied (Ctrl+C), to paste into any stage of any journey of the workspace. */
  clipboard: CardClip[] | null;
}

const INITIAL: JourneyState = { view: null, map: null, selection: null, editing: null, clipboard: null };

export class JourneyStore extends Store<JourneyState> {
  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set(INITIAL);
  }

  /** The selected card as a clip (its properties and segments), or null when no card is selected. */
  private selectedClip(): { clip: CardClip; id: ElementId; stage: ElementId } | null {
    const { map, selection } = this.getState();
    if (!map || !selection || !selection.stage) return null;
    const place = findCard(map, selection.id, selection.stage);
    if (!place) return null;
    return { clip: { data: place.card.element.data, segments: place.card.segments }, id: place.card.element.id, stage: selection.stage };
  }

  /** Copies the selected card (Ctrl+C); false when no card is selected. */
  copy(): boolean {
    const selected = this.selectedClip();
    if (!selected) return false;
    this.set({ clipboard: [selected.clip] });
    return true;
  }

  /** Pastes the copied cards (Ctrl+V) after the selected card, or at the end of the selected stage's
   * lanes (the first stage's when nothing is selected); selects the first pasted card. */
  async paste(): Promise<void> {
    const { map, selection, clipboard } = this.getState();
    if (!map || !clipboard || clipboard.length === 0) return;
    const stage = selection?.stage ?? (map.stages.some((s) => s.stage.id === selection?.id) ? selection?.id : null) ?? map.stages[0]?.stage.id;
    if (!stage) return;
    const after = selection && selection.stage ? selection.id : null;
    await this.pasteInto(stage, after, clipboard);
  }

  /** Duplicates the selected card right after it (Ctrl+D), leaving the clipboard as it is. */
  async duplicate(): Promise<void> {
    const selected = this.selectedClip();
    if (!selected) return;
    await this.pasteInto(selected.stage, selected.id, [selected.clip]);
  }

  private async pasteInto(stage: ElementId, after: ElementId | null, cards: CardClip[]) {
    const created = await this.session.edit({ type: "pasteCards", stage, after, cards });
    const first = created?.[0];
    if (first) this.set({ selection: { id: first, stage } });
  }

  screen(): Screen {
    const view = this.getState().view;
    return view ? { type: "journeyMap", view } : { type: "home" };
  }

  /** A map from Rust; the selection stays if what it names is still there. */
  receive(map: JourneyMap | null, outline: Outline) {
    const { selection, view } = this.getState();
    const same = map?.view === view;
    const kept = selection && findElement(map, outline, selection.id) ? selection : null;
    this.set({ map, view: map?.view ?? null, selection: kept, editing: same ? this.getState().editing : null });
  }

  /** Shows another journey map. */
  open(view: ViewId): Promise<boolean> {
    this.set({ selection: null, editing: null });
    return this.session.navigate({ type: "journeyMap", view });
  }

  select(selection: Selection | null) {
    // A quote waiting for what it supports takes the element clicked.
    if (selection && this.session.evidence.getState().picking) {
      void this.session.evidence.picked(selection.id);
      return;
    }
    this.set({ selection });
  }

  startEditing(editing: Editing) {
    this.set({ editing });
  }

  stopEditing() {
    this.set({ editing: null });
  }
}
