import { describe, expect, it } from "vitest";

import { actionFor } from "../src/app/shortcuts";
import en from "../src/i18n/en";
import { pickLanguage } from "../src/i18n";
import ja from "../src/i18n/ja";
import { moveEdit, neighbour } from "../src/journey/keyboard";
import { findCard, findElement, stumblingPoints } from "../src/journey/model";
import { labelOf, withLabel } from "../src/app/elements";
import { fixtureMap } from "./fixtures";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe("language", () => {
  it("follows the user's choice, then the OS, with Japanese first", () => {
    expect(pickLanguage("en", "ja-JP")).toBe("en");
    expect(pickLanguage(null, "ja-JP")).toBe("ja");
    expect(pickLanguage(null, "en-US")).toBe("en");
    expect(pickLanguage(null, "fr-FR")).toBe("en");
    expect(pickLanguage(null, null)).toBe("ja");
    expect(pickLanguage(null, "C")).toBe("ja");
  });

  it("has the same keys in Japanese and English, none empty", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
    expect(keys(en).sort()).toEqual(keys(ja).sort());
    const empty = (o: object): boolean => Object.values(o).some((v) => (typeof v === "string" ? v === "" : empty(v)));
    expect(empty(ja)).toBe(false);
    expect(empty(en)).toBe(false);
  });
});

describe("shortcuts", () => {
  it("maps undo, redo, delete, escape and arrows", () => {
    expect(actionFor(key("z", { ctrlKey: true }), false)).toEqual({ type: "undo" });
    expect(actionFor(key("Z", { ctrlKey: true, shiftKey: true }), false)).toEqual({ type: "redo" });
    expect(actionFor(key("y", { ctrlKey: true }), false)).toEqual({ type: "redo" });
    expect(actionFor(key("M", { ctrlKey: true, shiftKey: true }), false)).toEqual({ type: "problems" });
    expect(actionFor(key("Delete"), false)).toEqual({ type: "delete" });
    expect(actionFor(key("Escape"), false)).toEqual({ type: "escape" });
    expect(actionFor(key("F2"), false)).toEqual({ type: "edit" });
    expect(actionFor(key("ArrowLeft"), false)).toEqual({ type: "navigate", direction: "left" });
    expect(actionFor(key("ArrowDown", { altKey: true }), false)).toEqual({ type: "move", direction: "down" });
    expect(actionFor(key("d", { ctrlKey: true }), false)).toEqual({ type: "duplicate" });
    expect(actionFor(key("S", { ctrlKey: true, shiftKey: true }), false)).toEqual({ type: "saveAs" });
  });

  it("leaves text fields their own keys except file shortcuts", () => {
    expect(actionFor(key("z", { ctrlKey: true }), true)).toBeNull();
    expect(actionFor(key("Delete"), true)).toBeNull();
    expect(actionFor(key("ArrowLeft"), true)).toBeNull();
    expect(actionFor(key("o", { ctrlKey: true }), true)).toEqual({ type: "open" });
    expect(actionFor(key("S", { ctrlKey: true, shiftKey: true }), true)).toEqual({ type: "saveAs" });
    expect(actionFor(key("d", { ctrlKey: true }), true)).toBeNull();
  });
});

describe("journey map lookups", () => {
  const map = fixtureMap();

  it("finds cards, stages and links", () => {
    expect(findCard(map, "act-3")?.stageIndex).toBe(1);
    expect(findCard(map, "act-2")?.index).toBe(1);
    expect(findElement(map, null, "stage-b")?.data.kind).toBe("stage");
    expect(findElement(map, null, "nope")).toBeNull();
    expect(stumblingPoints(map).map((s) => s.card.element.id)).toEqual(["sp-1"]);
  });
});

describe("labels", () => {
  it("reads and replaces the name of named kinds and the text of cards", () => {
    const stage = { kind: "stage", name: "活用", goal: "g", exitCriteria: "", ttvTargetDays: 30 } as const;
    const card = { kind: "csAction", text: "説明会", note: "n" } as const;
    expect(labelOf(stage)).toBe("活用");
    expect(labelOf(card)).toBe("説明会");
    expect(withLabel(stage, "定着")).toEqual({ ...stage, name: "定着" });
    expect(withLabel(card, "勉強会")).toEqual({ ...card, text: "勉強会" });
  });
});

describe("keyboard navigation", () => {
  const map = fixtureMap();
  const at = (id: string, stage: string) => ({ id, stage });

  it("moves within a cell, across lanes and across stages", () => {
    expect(neighbour(map, at("act-1", "stage-a"), "down")).toEqual(at("act-2", "stage-a"));
    // From the last action, down skips the empty touchpoint lane to the emotion.
    expect(neighbour(map, at("act-2", "stage-a"), "down")).toEqual(at("emo-1", "stage-a"));
    expect(neighbour(map, at("act-1", "stage-a"), "up")).toEqual(at("stage-a", "stage-a"));
    expect(neighbour(map, at("act-2", "stage-a"), "right")).toEqual(at("act-3", "stage-b"));
    expect(neighbour(map, at("act-3", "stage-b"), "right")).toBeNull();
    expect(neighbour(map, at("stage-a", "stage-a"), "right")).toEqual(at("stage-b", "stage-b"));
    expect(neighbour(map, at("stage-a", "stage-a"), "down")).toEqual(at("act-1", "stage-a"));
  });

  it("skips hidden lanes", () => {
    const hidden = fixtureMap(["emotion"]);
    expect(neighbour(hidden, at("act-2", "stage-a"), "down")).toEqual(at("sp-1", "stage-a"));
  });

  it("turns Alt+arrows into move edits with Rust's index semantics", () => {
    expect(moveEdit(map, at("act-1", "stage-a"), "down")).toEqual({ type: "moveCard", card: "act-1", from: "stage-a", to: "stage-a", index: 1 });
    expect(moveEdit(map, at("act-1", "stage-a"), "up")).toBeNull();
    expect(moveEdit(map, at("act-2", "stage-a"), "right")).toEqual({ type: "moveCard", card: "act-2", from: "stage-a", to: "stage-b", index: 1 });
    expect(moveEdit(map, at("act-1", "stage-a"), "left")).toBeNull();
    expect(moveEdit(map, at("stage-b", "stage-b"), "left")).toEqual({ type: "moveStage", stage: "stage-b", index: 0 });
    expect(moveEdit(map, at("stage-c", "stage-c"), "right")).toBeNull();
  });
});

describe("diagnosis badges", () => {
  it("keep the worst finding of each element", async () => {
    const { worstByElement } = await import("../src/diagnosis/ProblemBadge");
    const finding = (rule: string, severity: "info" | "warning" | "error", elements: string[]) => ({
      rule,
      severity,
      category: "journey" as const,
      elements,
      message: { ja: "", en: "" },
      fix: null,
      views: [],
    });
    const worst = worstByElement({
      findings: [finding("a", "info", ["s1"]), finding("b", "error", ["s1", "s2"]), finding("c", "warning", ["s2"])],
      counts: { error: 1, warning: 1, info: 1 },
      config: { profile: "documentation", rules: {} },
    });
    expect(worst.get("s1")).toBe("error");
    // Only a finding's first element is marked: s2 is named second by the error.
    expect(worst.get("s2")).toBe("warning");
    expect(worstByElement(null).size).toBe(0);
  });
});
