import { describe, expect, it } from "vitest";

import { applyPatch, type Board, type Note } from "../src/participant/protocol";

const note = (id: string, text: string, on: string | null = null): Note => ({
  id, text, author: "佐藤", on, row: null, hidden: false, masked: false, perspective: null, became: null, becameKind: null,
});

const board: Board = {
  workshop: "workshop-1", name: "W", agenda: [], view: null, places: [], rows: [],
  notes: [note("a", "一"), note("b", "二")], placed: [], votes: [],
};

describe("the participant's board", () => {
  it("keeps a changed note in its place, adds new ones last and drops removed ones", () => {
    const next = applyPatch(board, { type: "patch", notes: [note("b", "二（直し）", "stage-1"), note("c", "三")], removed: ["a"], placed: [], unplaced: [], revision: 2 });
    expect(next.notes.map((n) => [n.id, n.text, n.on])).toEqual([["b", "二（直し）", "stage-1"], ["c", "三", null]]);
  });

  it("moves a note turned into an element from the board to the placed list", () => {
    const placed = { ...note("a", "一"), became: { id: "stumble-1", name: "一" }, becameKind: "stumblingPoint" };
    const next = applyPatch(board, { type: "patch", notes: [], removed: ["a"], placed: [placed], unplaced: [], revision: 3 });
    expect(next.notes.map((n) => n.id)).toEqual(["b"]);
    expect(next.placed.map((n) => n.becameKind)).toEqual(["stumblingPoint"]);
  });
});
