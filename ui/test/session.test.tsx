import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeAll, describe, expect, it } from "vitest";

import type { EditResult, Outline, ProcessDiagram, Shown, WorkspaceState } from "../src/bindings";
import { App } from "../src/app/App";
import { Session } from "../src/app/session";
import { initI18n, i18next } from "../src/i18n";
import { fixtureMap } from "./fixtures";

const workspace: WorkspaceState = {
  path: "/w/a.michi",
  name: "a",
  revision: 0,
  readOnly: false,
  undo: null,
  redo: null,
  diagnosis: { type: "whole", stamp: 1, diagnosis: { findings: [], counts: { error: 0, warning: 0, info: 0 }, config: { profile: "documentation", rules: {} } } },
  versions: [{ id: 1, name: "現状", forkedFrom: null, created: "2026-12-03T00:00:00Z" }],
  version: 1,
  team: null,
};
const outline: Outline = {
  journeys: [{ id: "journey-1", name: "導入ジャーニー", stageCount: 3, stages: [], view: "view-1" }],
  segments: [],
  personas: [],
  diagrams: [],
  terms: [],
  snapshots: [],
  elementCount: 12,
};

type Handler = (args: Record<string, unknown>) => unknown | Promise<unknown>;

/** What Rust answers a change or a screen with: the journey map by default. */
function shown(screen: Shown["screen"] = { type: "journeyMap", map: fixtureMap() }, o: Outline = outline): Shown {
  return { outline: o, glossary: { terms: [] }, overlay: null, screen, compare: null, evidence: null, cited: null };
}

function changed(patch: Partial<EditResult> = {}): EditResult {
  return { state: { ...workspace, revision: 1, undo: { ja: "カードの追加", en: "add a card" } }, created: ["new-1"], createdViews: [], warnings: [], shown: shown(), ...patch };
}

/** Mocks the commands; records every call in order. */
function backend(overrides: Record<string, Handler> = {}) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const handlers: Record<string, Handler> = {
    open_workspace: () => ({ state: workspace, shown: shown() }),
    show: () => shown(),
    recent_files: () => [],
    recent_teams: () => [],
    set_language: () => null,
    edit: () => changed(),
    // The app listens for workshop participants (a Tauri event), not a command of Michi's own.
    "plugin:event|listen": () => 1,
    "plugin:event|unlisten": () => null,
    ...overrides,
  };
  mockIPC(async (cmd, args) => {
    if (!cmd.startsWith("plugin:event|")) calls.push({ cmd, args: args as Record<string, unknown> });
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(args as Record<string, unknown>);
  });
  return calls;
}

beforeAll(async () => {
  await initI18n("ja");
});

describe("session", () => {
  it("opens a workspace and shows its first journey", async () => {
    backend();
    const session = new Session();
    expect(await session.open("/w/a.michi")).toBe(true);
    const s = session.getState();
    expect(s.workspace?.name).toBe("a");
    expect(s.mode).toBe("journey");
    expect(session.journey.getState().view).toBe("view-1");
    expect(session.journey.getState().map?.stages).toHaveLength(3);
  });

  it("opens a workspace without journeys on its first process diagram", async () => {
    const diagram = { view: "pd-1", name: "B.2.0", root: { id: "c-1", data: { kind: "collaboration", name: "" } }, parents: [], shapes: [], edges: [], unplaced: 0 } as unknown as ProcessDiagram;
    const calls = backend({
      // Rust chooses the first screen: the first process diagram when there is no journey.
      open_workspace: () => ({ state: workspace, shown: shown({ type: "processDiagram", diagram, stamp: 1 }, { ...outline, journeys: [], diagrams: [{ view: "pd-1", name: "B.2.0", model: "m-1" }] }) }),
    });
    const session = new Session();
    expect(await session.open("/w/b.michi")).toBe(true);
    expect(calls.find((c) => c.cmd === "open_workspace")?.args.show).toEqual({ screen: { type: "home" }, overlay: null, compare: null, evidence: false, cited: null, held: null, heldDiagnosis: null });
    expect(session.getState().mode).toBe("process");
    expect(session.process.getState().view).toBe("pd-1");
    expect(session.process.getState().diagram?.name).toBe("B.2.0");
    expect(session.journey.getState().map).toBeNull();
  });

  it("costs one call per edit: the edit's result carries what the screen redraws", async () => {
    const calls = backend({
      edit: () => {
        const map = fixtureMap();
        map.stages[2]!.stage = { id: "stage-c", data: { kind: "stage", name: "契約更新", goal: "", exitCriteria: "", ttvTargetDays: null } };
        return changed({ shown: shown({ type: "journeyMap", map }) });
      },
    });
    const session = new Session();
    await session.open("/w/a.michi");
    const before = calls.length;
    await session.edit({ type: "update", id: "stage-c", data: { kind: "stage", name: "契約更新", goal: "", exitCriteria: "", ttvTargetDays: null } });
    expect(calls.slice(before).map((c) => c.cmd)).toEqual(["edit"]);
    // The edit told Rust what is on screen, and the map on screen is the one it sent back.
    expect(calls.at(-1)?.args.show).toEqual({ screen: { type: "journeyMap", view: "view-1" }, overlay: null, compare: null, evidence: false, cited: null, held: null, heldDiagnosis: 1 });
    expect(session.journey.getState().map?.stages[2]?.stage.data).toMatchObject({ name: "契約更新" });
    expect(session.getState().workspace?.undo).toEqual({ ja: "カードの追加", en: "add a card" });
  });

  it("follows Rust to another screen when the one on show is gone", async () => {
    const diagram = { view: "pd-1", name: "P", root: { id: "c-1", data: { kind: "collaboration", name: "" } }, parents: [], shapes: [], edges: [], unplaced: 0 } as unknown as ProcessDiagram;
    backend({ show: () => shown({ type: "processDiagram", diagram, stamp: 1 }), edit: () => changed({ shown: shown() }) });
    const session = new Session();
    await session.open("/w/a.michi");
    await session.process.open("pd-1");
    expect(session.getState().mode).toBe("process");
    // The diagram was deleted: Rust answers with the first journey map.
    await session.edit({ type: "delete", ids: ["c-1"] });
    expect(session.getState().mode).toBe("journey");
    expect(session.journey.getState().map?.view).toBe("view-1");
  });

  it("sends edits one after another, in the order they were made", async () => {
    const events: string[] = [];
    let n = 0;
    backend({
      edit: async (args) => {
        const i = ++n;
        events.push(`start ${i} ${(args.edit as { type: string }).type}`);
        await new Promise((r) => setTimeout(r, i === 1 ? 40 : 0));
        events.push(`end ${i}`);
        return changed({ state: { ...workspace, revision: i, undo: { ja: "編集", en: "edit" } }, created: [] });
      },
    });
    const session = new Session();
    await session.open("/w/a.michi");
    const first = session.edit({ type: "moveStage", stage: "stage-b", index: 0 });
    const second = session.edit({ type: "delete", ids: ["act-1"] });
    await Promise.all([first, second]);
    expect(events).toEqual(["start 1 moveStage", "end 1", "start 2 delete", "end 2"]);
    expect(session.getState().save.kind).toBe("saved");
    expect(session.getState().workspace?.revision).toBe(2);
  });

  it("sends an edit at once when nothing is pending, and queues what a running task queues after it", async () => {
    const calls = backend();
    const session = new Session();
    await session.open("/w/a.michi");
    await session.enqueue(async () => undefined);
    const before = calls.length;
    const sent = session.edit({ type: "delete", ids: ["act-1"] });
    // The request left in the same turn as the gesture (before the page redraws it).
    expect(calls.slice(before).map((c) => c.cmd)).toEqual(["edit"]);
    await sent;

    const order: string[] = [];
    await session.enqueue(async () => {
      order.push("outer starts");
      void session.enqueue(async () => void order.push("inner"));
      await new Promise((r) => setTimeout(r, 10));
      order.push("outer ends");
    });
    await session.enqueue(async () => undefined);
    expect(order).toEqual(["outer starts", "outer ends", "inner"]);
  });

  it("turns a failed save into a visible 'not saved' state with the error's code", async () => {
    backend({
      edit: () => {
        throw { code: "writeFailed", message: "could not save to /w/a.michi: the disk is full", path: "/w/a.michi" };
      },
    });
    const session = new Session();
    await session.open("/w/a.michi");
    expect(await session.edit({ type: "delete", ids: ["act-1"] })).toBeNull();
    expect(session.getState().error?.code).toBe("writeFailed");
    expect(session.getState().save.kind).toBe("failed");
  });

  it("gives failures outside Michi's commands the 'unexpected' code", async () => {
    backend({
      edit: () => {
        throw "Command edit not allowed by ACL";
      },
    });
    const session = new Session();
    await session.open("/w/a.michi");
    await session.edit({ type: "delete", ids: ["act-1"] });
    expect(session.getState().error).toEqual({ code: "unexpected", message: "Command edit not allowed by ACL", path: null, reason: null, problems: [], moreProblems: 0 });
  });

  it("keeps the previous workspace when opening another fails", async () => {
    let fail = false;
    backend({
      open_workspace: () => {
        if (fail) throw { code: "notAWorkspace", message: "x is not a Michi workspace", path: "/w/x.txt" };
        return { state: workspace, shown: shown() };
      },
    });
    const session = new Session();
    await session.open("/w/a.michi");
    fail = true;
    expect(await session.open("/w/x.txt")).toBe(false);
    expect(session.getState().workspace?.path).toBe("/w/a.michi");
    expect(session.getState().error?.code).toBe("notAWorkspace");
  });
});

describe("the journey map in the app", () => {
  async function openApp(overrides: Record<string, Handler> = {}) {
    const calls = backend(overrides);
    const session = new Session();
    await session.open("/w/a.michi");
    render(<App session={session} />);
    return { calls, session };
  }

  it("shows card text as text, never as HTML", async () => {
    await openApp();
    const map = screen.getByTestId("journey-map");
    expect(within(map).getByText("<b>x</b>")).toBeTruthy();
    expect(map.querySelector("b")).toBeNull();
  });

  it("adds a card through the inline editor with one edit", async () => {
    const { calls, session } = await openApp();
    const cell = screen.getAllByTestId("cell-customerAction").find((c) => c.dataset.stage === "stage-b")!;
    fireEvent.click(within(cell).getByRole("button", { name: "顧客の行動を追加" }));
    const editor = within(cell).getByRole("textbox");
    fireEvent.change(editor, { target: { value: "ダッシュボードを見る" } });
    fireEvent.keyDown(editor, { key: "Enter" });
    await waitFor(() => expect(calls.some((c) => c.cmd === "edit")).toBe(true));
    const edit = calls.find((c) => c.cmd === "edit")!.args.edit;
    expect(edit).toEqual({
      type: "addCard",
      stage: "stage-b",
      index: null,
      data: { kind: "customerAction", text: "ダッシュボードを見る", note: "" },
    });
    await waitFor(() => expect(session.journey.getState().selection).toEqual({ id: "new-1", stage: "stage-b" }));
  });

  it("does not confirm while an input method is composing", async () => {
    const { calls } = await openApp();
    const cell = screen.getAllByTestId("cell-customerAction")[0]!;
    fireEvent.click(within(cell).getByRole("button", { name: "顧客の行動を追加" }));
    const editor = within(cell).getByRole("textbox");
    fireEvent.change(editor, { target: { value: "かんじ" } });
    fireEvent.keyDown(editor, { key: "Enter", keyCode: 229 });
    expect(calls.some((c) => c.cmd === "edit")).toBe(false);
    expect(within(cell).getByRole("textbox")).toBeTruthy();
  });

  it("deletes the selected card with the Delete key", async () => {
    const { calls } = await openApp();
    fireEvent.click(screen.getByText("毎日記録する"));
    fireEvent.keyDown(window, { key: "Delete" });
    await waitFor(() => expect(calls.find((c) => c.cmd === "edit")?.args.edit).toEqual({ type: "delete", ids: ["act-3"] }));
  });

  it("shows a CS action's stumbling point as related when selected", async () => {
    await openApp();
    fireEvent.click(screen.getByText("操作説明会"));
    const related = document.querySelector('[data-card="sp-1"]')!;
    expect(related.classList.contains("related")).toBe(true);
  });

  it("selects a journey from the sidebar, so that it can be renamed or deleted", async () => {
    const { calls } = await openApp();
    fireEvent.click(screen.getByTestId("journey-item"));
    const panel = await screen.findByRole("complementary", { name: "プロパティ" });
    await waitFor(() => expect(within(panel).getByDisplayValue("導入ジャーニー")).toBeTruthy());
    fireEvent.click(within(panel).getByRole("button", { name: "削除" }));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "edit")?.args.edit).toEqual({ type: "delete", ids: ["journey-1"] }),
    );
  });

  it("draws the lanes and the emotion curve the read model gives, as the exported picture does", async () => {
    await openApp();
    const map = fixtureMap();
    // Each lane in its colour from Rust.
    for (const lane of map.lanes) {
      const label = screen.getByText(lane.look.name.ja, { selector: ".lane-label span" }).parentElement!;
      expect(label.style.getPropertyValue("--lane")).toBe(lane.look.colour);
    }
    // One point per emotion card, where the read model puts it: x in columns, y down the band.
    const drawn = screen.getAllByTestId("emotion-point");
    expect(drawn.map((g) => g.dataset.card)).toEqual(map.emotion.points.map((p) => p.card));
    const circles = drawn.map((g) => g.querySelector("circle")!);
    const width = Number(circles[0]!.getAttribute("cx")) / map.emotion.points[0]!.x!;
    map.emotion.points.forEach((p, i) => {
      expect(Number(circles[i]!.getAttribute("cx"))).toBeCloseTo(p.x! * width);
      expect(circles[i]!.getAttribute("fill")).toBe(p.colour);
    });
    // The curve is the read model's path, scaled to the columns and the band.
    expect(document.querySelector(".emotion-curve .curve")!.getAttribute("d")).toBe(map.emotion.path);
  });

  it("switches the language and remembers the choice", async () => {
    const { calls } = await openApp();
    expect(screen.getByText("+ ステージを追加")).toBeTruthy();
    fireEvent.click(screen.getByTestId("lang-en"));
    await waitFor(() => expect(screen.getByText("+ Add stage")).toBeTruthy());
    expect(calls.find((c) => c.cmd === "set_language")?.args).toEqual({ language: "en" });
    await i18next.changeLanguage("ja");
  });
});
