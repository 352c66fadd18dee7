// The glossary screen: the term selected (the glossary itself is the session's, shared with the
// properties panel of every screen).

import type { Glossary } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";
import type { Selection } from "../journey/model";

export interface GlossaryState {
  selection: Selection | null;
}

export class GlossaryStore extends Store<GlossaryState> {
  constructor(private readonly session: Session) {
    super({ selection: null });
  }

  reset() {
    this.set({ selection: null });
  }

  /** The glossary from Rust; the selected term stays if it is still there. */
  receive(glossary: Glossary) {
    const { selection } = this.getState();
    if (selection && !glossary.terms.some((t) => t.term.id === selection.id)) this.set({ selection: null });
  }

  open(): Promise<boolean> {
    return this.session.navigate({ type: "glossary" });
  }

  select(selection: Selection | null) {
    this.set({ selection });
  }
}
