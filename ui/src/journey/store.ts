// The journey-map screen: which map is open, what is selected and what is being typed into.

import type { ElementId, JourneyMap, Lane, Outline, Screen, ViewId } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";
import { type Selection, findElement } from "./model";

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
}

const INITIAL: JourneyState = { view: null, map: null, selection: null, editing: null };

export class JourneyStore extends Store<JourneyState> {
  constructor(private readonly session: Session) {
    super(INITIAL);
  }

  reset() {
    this.set(INITIAL);
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
    this.set({ selection });
  }

  startEditing(editing: Editing) {
    this.set({ editing });
  }

  stopEditing() {
    this.set({ editing: null });
  }
}
