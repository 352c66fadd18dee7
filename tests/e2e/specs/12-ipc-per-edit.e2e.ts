// One edit, one call: on the real app, an edit on the journey map or the process canvas costs the
// UI exactly one IPC call, whose answer carries what the screen redraws (the changed view's read
// model, the outline and the diagnosis). The app, started with --log-commands, writes the name of
// every command it receives to a file; the test counts the lines an edit adds.

import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import { TMP, launch, saved, workspace } from "../support/app.ts";

const LOG = join(TMP, "ipc-commands.log");
let mark = 0;

/** Starts counting the commands the app receives from now on. */
function startCounting() {
  mark = existsSync(LOG) ? readFileSync(LOG, "utf8").length : 0;
}

/** The commands the app received since counting started, in order (plugins aside). */
async function calls(): Promise<string[]> {
  // Let anything still in flight arrive.
  await browser.pause(400);
  const text = existsSync(LOG) ? readFileSync(LOG, "utf8").slice(mark) : "";
  return text.split("\n").filter((c) => c !== "" && !c.startsWith("plugin:"));
}

describe("one IPC call per edit", () => {
  it("adds a card on the journey map with one call, and the map shows it", async () => {
    rmSync(LOG, { force: true });
    await launch(workspace("ipc", true), "ipc", ["--log-commands", LOG]);
    await expect($('[data-testid="journey-map"]')).toBeExisting();
    startCounting();
    const cell = $('[data-testid="cell-customerAction"]');
    await cell.moveTo();
    await cell.$('button[aria-label="顧客の行動を追加"]').click();
    await browser.keys([..."ワンコール", "Enter"]);
    await expect($('//div[@data-testid="card"][contains(., "ワンコール")]')).toBeExisting();
    await saved();
    expect(await calls()).toEqual(["edit"]);
  });

  it("moves a card with Alt+Up with one call", async () => {
    startCounting();
    await browser.keys(["Alt", "ArrowUp"]);
    await saved();
    expect(await calls()).toEqual(["edit"]);
  });

  it("undoes with one call", async () => {
    startCounting();
    await $('[data-testid="undo"]').click();
    await saved();
    expect(await calls()).toEqual(["undo"]);
  });

  it("renames a shape on the process canvas with one call, and the canvas shows it", async () => {
    await $('[data-testid="diagram-item"]').click();
    await expect($('[data-testid="diagram-name"]')).toBeExisting();
    const shape = $('//div[contains(concat(" ", @class, " "), " react-flow__node ")][.//div[@data-testid="shape-label" and normalize-space()="キックオフを実施"]]');
    await shape.click();
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("アクティビティ"));
    startCounting();
    // An activity's name is a text area: Ctrl+Enter commits it.
    const name = $('//aside[contains(@class,"properties")]//div[contains(@class,"field")][label[normalize-space()="名前"]]//textarea');
    await name.setValue("キックオフを実施する");
    await browser.keys(["Control", "Enter"]);
    await expect($('//div[@data-testid="shape-label"][normalize-space()="キックオフを実施する"]')).toBeExisting();
    await saved();
    expect(await calls()).toEqual(["edit"]);
  });
});
