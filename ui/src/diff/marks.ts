// How the other version's changes mark this version's diagram: added, changed (renamed, another
// value or type, reconnected, moved, reordered), layout only; and which of the other version's
// elements are drawn as ghosts (those this version removed). The changes are Rust's.

import type { ElementId, ShownCompare } from "../bindings";

export type Mark = "added" | "changed" | "layout";

export interface Marks {
  of: Map<ElementId, Mark>;
  /** Ids (the other version's) of what this version no longer has. */
  removed: Set<ElementId>;
}

export const NO_MARKS: Marks = { of: new Map(), removed: new Set() };

export function marksOf(c: ShownCompare | null): Marks {
  if (!c) return NO_MARKS;
  const of = new Map<ElementId, Mark>();
  const removed = new Set<ElementId>();
  const layoutOnly = new Set(c.layoutOnly);
  for (const ch of c.changes) {
    if (ch.class === "removed") {
      if (ch.old) removed.add(ch.old);
      continue;
    }
    if (!ch.new) continue;
    if (ch.class === "added") of.set(ch.new, "added");
    else if (ch.class === "layoutChanged") {
      if (layoutOnly.has(ch.new) && !of.has(ch.new)) of.set(ch.new, "layout");
    } else if (of.get(ch.new) !== "added") of.set(ch.new, "changed");
  }
  return { of, removed };
}
