// The outputs screen: a journey's playbook (the whole, or a segment's variant), its metrics catalog
// and the org, as the documents Rust derives; the tab on show is the UI's own.

import type { Document, ElementId, OrgRecommendation, Ref, Screen } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";

export type OutputsTab = "playbook" | "metrics" | "org";

export interface OutputsData {
  journey: ElementId;
  /** The playbook's segment variant on screen; null for the whole playbook. */
  segment: ElementId | null;
  variants: Ref[];
  playbook: Document;
  metrics: Document;
  org: Document;
  /** The org recommendation and design as data, for the org view's editors. */
  design: OrgRecommendation;
}

export interface OutputsState {
  tab: OutputsTab;
  data: OutputsData | null;
}

export class OutputsStore extends Store<OutputsState> {
  constructor(private readonly session: Session) {
    super({ tab: "playbook", data: null });
  }

  reset() {
    this.set({ tab: "playbook", data: null });
  }

  screen(): Screen {
    const data = this.getState().data;
    return data ? { type: "outputs", journey: data.journey, segment: data.segment } : { type: "home" };
  }

  receive(data: OutputsData) {
    this.set({ data });
  }

  /** Shows a journey's outputs on `tab`; the segment variant stays for the same journey unless given. */
  open(journey: ElementId, tab: OutputsTab, segment?: ElementId | null): Promise<boolean> {
    const current = this.getState().data;
    const kept = current?.journey === journey ? current.segment : null;
    this.set({ tab });
    return this.session.navigate({ type: "outputs", journey, segment: segment === undefined ? kept : segment });
  }
}
