import { describe, expect, it } from "vitest";

import type { Change, ShownCompare } from "../src/bindings";
import { marksOf } from "../src/diff/marks";

function change(cls: Change["class"], old: string | null, now: string | null): Change {
  return { class: cls, old, new: now, elementKind: "activity", label: "", attrs: [], ends: [], views: [] };
}

describe("the marks of a comparison", () => {
  it("marks added, changed and layout-only elements, and keeps the removed ones for ghosts", () => {
    const c: ShownCompare = {
      version: { id: 1, name: "現状", forkedFrom: null, created: "" },
      changes: [
        change("added", null, "a"),
        change("layoutChanged", "a", "a"),
        change("removed", "r", null),
        change("renamed", "c", "c"),
        change("layoutChanged", "c", "c"),
        change("layoutChanged", "l", "l"),
      ],
      layoutOnly: ["l"],
      views: {},
      other: null,
    };
    const m = marksOf(c);
    expect(Object.fromEntries(m.of)).toEqual({ a: "added", c: "changed", l: "layout" });
    expect([...m.removed]).toEqual(["r"]);
    expect(marksOf(null).of.size).toBe(0);
  });
});
