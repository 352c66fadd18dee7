import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeAll, describe, expect, it } from "vitest";

import type { Outline, WorkspaceState } from "../src/bindings";
import { App } from "../src/app/App";
import { Session } from "../src/app/session";
import { initI18n, i18next } from "../src/i18n";
import { fixtureMap } from "./fixtures";

const workspace: WorkspaceState = {
  path: "/w/a.michi",
  name: "a",
  revision: 0,
  undo: null,
  redo: null,
  diagnosis: { findings: [], counts: { error: 0, warning: 0, info: 0 }, config: { profile: "documentation", rules: {} } },
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

/** Mocks the commands; records every call in order. */
function backend(overrides: Record<string, Handler> = {}) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const handlers: Record<string, Handler> = {
    open_workspace: () => workspace,
    outline: () => outline,
    journey_map: () => fixtureMap(),
    glossary: () => ({ terms: [] }),
    recent_files: () => [],
    set_language: () => null,
    edit: () => ({ state: { ...workspace, revision: 1, undo: "addCard" }, created: ["new-1"] }),
    ...overrides,
  };
  mockIPC(async (cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
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
    expect(s.view).toBe("view-1");
    expect(s.map?.stages).toHaveLength(3);
  });

  it("opens a workspace without journeys on its first process diagram", async () => {
    const diagram = { view: "pd-1", name: "B.2.0", root: { id: "c-1", data: { kind: "collaboration", name: "" } }, parents: [], shapes: [], edges: [], unplaced: 0 };
    backend({
      outline: () => ({ ...outline, journeys: [], diagrams: [{ view: "pd-1", name: "B.2.0", model: "m-1" }] }),
      process_diagram: () => diagram,
    });
    const session = new Session();
    expect(await session.open("/w/b.michi")).toBe(true);
    const s = session.getState();
    expect(s.mode).toBe("process");
    expect(s.view).toBe("pd-1");
    expect(s.diagram?.name).toBe("B.2.0");
    expect(s.map).toBeNull();
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
        return { state: { ...workspace, revision: i, undo: "update" }, created: [] };
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
    expect(session.getState().error).toEqual({ code: "unexpected", message: "Command edit not allowed by ACL", path: null, reason: null, problems: [] });
  });

  it("keeps the previous workspace when opening another fails", async () => {
    let fail = false;
    backend({
      open_workspace: () => {
        if (fail) throw { code: "notAWorkspace", message: "x is not a Michi workspace", path: "/w/x.txt" };
        return workspace;
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
    await waitFor(() => expect(session.getState().selection).toEqual({ id: "new-1", stage: "stage-b" }));
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

  it("switches the language and remembers the choice", async () => {
    const { calls } = await openApp();
    expect(screen.getByText("+ ステージを追加")).toBeTruthy();
    fireEvent.click(screen.getByTestId("lang-en"));
    await waitFor(() => expect(screen.getByText("+ Add stage")).toBeTruthy());
    expect(calls.find((c) => c.cmd === "set_language")?.args).toEqual({ language: "en" });
    await i18next.changeLanguage("ja");
  });
});
