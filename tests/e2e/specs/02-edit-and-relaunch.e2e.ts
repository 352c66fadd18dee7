import { Key } from "webdriverio";

import { launch, screenshot, workspace } from "../support/app.ts";

const stageNames = async () => {
  // webdriverio's element arrays map asynchronously.
  return $$('[data-testid="stage-header"] .stage-name').map((n) => n.getText());
};

const firstActionCell = () => $('[data-testid="cell-customerAction"]');

describe("editing a journey and finding it after a restart", () => {
  const file = workspace("edits", false);

  it("creates a journey, stages and a card with Japanese text", async () => {
    await launch(file, "edits");
    await $("button=+ 新しいジャーニー").click();
    await $(".sidebar-new textarea").setValue("テスト導入ジャーニー");
    await browser.keys(Key.Enter);
    // A new journey asks for its first stage straight away.
    await $(".add-stage-cell textarea").setValue("準備");
    await browser.keys(Key.Enter);
    await $("button.add-stage").click();
    await $(".add-stage-cell textarea").setValue("実行と定着");
    await browser.keys(Key.Enter);
    await browser.waitUntil(async () => (await stageNames()).length === 2);
    expect(await stageNames()).toEqual(["準備", "実行と定着"]);

    const cell = await firstActionCell();
    await cell.$('[aria-label="顧客の行動を追加"]').click();
    await cell.$("textarea").setValue("説明会に参加する");
    await browser.keys(Key.Enter);
    await expect(cell.$('[data-testid="card"]')).toHaveText(expect.stringContaining("説明会に参加する"));
    await expect($('[data-testid="save-indicator"]')).toHaveAttribute("data-state", "saved");
    await screenshot("03-edited");
  });

  it("undoes and redoes, with the buttons and the keyboard", async () => {
    const cell = await firstActionCell();
    await $('[data-testid="undo"]').click();
    await expect(cell.$$('[data-testid="card"]')).toBeElementsArrayOfSize(0);
    await screenshot("04-undone");
    await browser.keys([Key.Ctrl, Key.Shift, "z"]);
    await expect(cell.$$('[data-testid="card"]')).toBeElementsArrayOfSize(1);
    await browser.keys([Key.Ctrl, "z"]);
    await expect(cell.$$('[data-testid="card"]')).toBeElementsArrayOfSize(0);
    await browser.keys([Key.Ctrl, "y"]);
    await expect(cell.$$('[data-testid="card"]')).toBeElementsArrayOfSize(1);
    await expect($('[data-testid="redo"]')).toBeDisabled();
  });

  it("finds every edit, and the undo history, after quitting and relaunching", async () => {
    await launch(file, "edits");
    await expect($('[data-testid="journey-item"]')).toHaveText(expect.stringContaining("テスト導入ジャーニー"));
    await browser.waitUntil(async () => (await stageNames()).length === 2);
    expect(await stageNames()).toEqual(["準備", "実行と定着"]);
    const cell = await firstActionCell();
    await expect(cell.$('[data-testid="card"]')).toHaveText(expect.stringContaining("説明会に参加する"));
    await screenshot("05-relaunched");
    // The history is in the file: undo still works after the restart.
    await expect($('[data-testid="undo"]')).toBeEnabled();
    await $('[data-testid="undo"]').click();
    await expect(cell.$$('[data-testid="card"]')).toBeElementsArrayOfSize(0);
    await $('[data-testid="redo"]').click();
    await expect(cell.$$('[data-testid="card"]')).toBeElementsArrayOfSize(1);
  });

  it("moves a card to the next stage with Alt+Right and deletes it with Delete", async () => {
    await $("div.card-text=説明会に参加する").click();
    await browser.keys([Key.Alt, Key.ArrowRight]);
    const cells = await $$('[data-testid="cell-customerAction"]');
    await expect(cells[1]!.$('[data-testid="card"]')).toHaveText(expect.stringContaining("説明会に参加する"));
    await browser.keys(Key.Delete);
    await expect(cells[1]!.$$('[data-testid="card"]')).toBeElementsArrayOfSize(0);
    await browser.keys([Key.Ctrl, "z"]);
    await expect(cells[1]!.$$('[data-testid="card"]')).toBeElementsArrayOfSize(1);
  });
});
