// The gap list screen: the edited version against the one it is compared with, as Rust derives it
// (rows by impact, the document for export, what the derived outputs gain and lose).

import type { Document, Edit, GapList, GapRow, OutputChanges, Owner, VersionDto } from "../bindings";
import type { Session } from "../app/session";
import { Store } from "../app/store";

export interface GapsData {
  base: VersionDto | null;
  list: GapList;
  document: Document;
  outputs: OutputChanges;
  functions: Owner[];
}

export interface GapsState {
  data: GapsData | null;
}

export class GapsStore extends Store<GapsState> {
  constructor(private readonly session: Session) {
    super({ data: null });
  }

  reset() {
    this.set({ data: null });
  }

  receive(data: GapsData) {
    this.set({ data });
  }

  /** Shows the gap list against version `against` (null: the one this version was made from;
   * left out: the version compared with now). */
  open(against?: number | null): Promise<boolean> {
    return this.session.openGaps(against);
  }
}

/** The edits that set a field of a row: a row no one has kept yet is kept with it. */
export function keepWith(row: GapRow, patch: { status?: GapRow["status"]; effort?: number | null; owner?: string | null; title?: string; note?: string }): Edit | null {
  if (row.item) return null;
  return {
    type: "addGapItem",
    data: {
      title: patch.title ?? "",
      note: patch.note ?? row.note,
      change: row.change,
      effort: patch.effort === undefined ? row.effort : patch.effort,
      status: patch.status ?? row.status,
    },
    concerns: row.concerns.map((c) => c.id),
    owner: patch.owner === undefined ? (row.owner?.id ?? null) : patch.owner,
  };
}
