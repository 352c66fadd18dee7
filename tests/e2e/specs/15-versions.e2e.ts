// Versions of a workspace on the real app: the sample's as-is (it also holds a to-be) forked into
// another to-be from the toolbar, a stage renamed there while the as-is keeps its name and its own
// undo history, a version renamed (a taken name refused in the dialog), the version edited
// remembered after a relaunch, and the as-is deleted.

import { expectCount, expectText, launch, saved, screenshot, workspace } from "../support/app.ts";

const HEADER = (name: string) => `//div[@data-testid="stage-header"]//div[contains(@class,"stage-name") and normalize-space()="${name}"]`;

async function current(name: string) {
  await expectText('//*[@data-testid="version-current"]', name);
}

async function openMenu() {
  await $('[data-testid="version-menu"]').click();
  await expectCount('[data-testid="version-item"]', { gte: 1 });
}

async function switchTo(name: string) {
  await openMenu();
  await $(`//button[@data-testid="version-item"][.//strong[contains(., "${name}")]]`).click();
  await saved();
  await current(name);
}

describe("versions of a workspace", () => {
  let file = "";

  it("forks the as-is into another to-be and edits it there", async () => {
    file = workspace("versions", true);
    await launch(file, "versions");
    await current("現状");
    await openMenu();
    await screenshot("45-versions-menu");
    await $('[data-testid="version-fork"]').click();
    // The sample has a to-be already: the copy is offered under the as-is's name.
    await expect($('[data-testid="version-name"]')).toHaveValue("現状 のコピー");
    await $('[data-testid="version-name"]').setValue("案B");
    await browser.keys("Enter");
    await expectCount('[data-testid="version-dialog"]', 0);
    await saved();
    await current("案B");
    await expect($('[data-testid="undo"]')).toBeDisabled();

    await $(HEADER("オンボーディング")).click();
    const name = $('//div[contains(@class,"field")][label[normalize-space()="名前"]]//input');
    await name.setValue("導入");
    await browser.keys("Enter");
    await saved();
    await expect($(HEADER("導入"))).toBeDisplayed();
    await expect($('[data-testid="undo"]')).toBeEnabled();
  });

  it("keeps the as-is as it was, with its own undo history", async () => {
    await switchTo("現状");
    await expect($(HEADER("オンボーディング"))).toBeDisplayed();
    await expect($('[data-testid="undo"]')).toBeDisabled();
    await switchTo("案B");
    await expect($(HEADER("導入"))).toBeDisplayed();
    await expect($('[data-testid="undo"]')).toBeEnabled();
  });

  it("renames a version, and refuses a name another version has", async () => {
    await openMenu();
    await $('[data-testid="version-rename"]').click();
    await $('[data-testid="version-name"]').setValue("現状");
    await browser.keys("Enter");
    await expectText('//*[@data-testid="version-error"]', "その名前のバージョンはすでにあります。");
    await $('[data-testid="version-name"]').setValue("案B 2027");
    await browser.keys("Enter");
    await expectCount('[data-testid="version-dialog"]', 0);
    await current("案B 2027");
  });

  it("opens on the version last edited after a relaunch, and deletes the as-is", async () => {
    await launch(file, "versions");
    await current("案B 2027");
    await expect($(HEADER("導入"))).toBeDisplayed();
    await openMenu();
    await expectCount('[data-testid="version-item"]', 3);
    // Only the versions not being edited can be deleted.
    await expectCount('[data-testid="version-delete"]', 2);
    // Enter on Cancel cancels: nothing is deleted.
    await $('[data-testid="version-delete"]').click();
    await browser.keys(["Shift", "Tab"]);
    await browser.keys("Enter");
    await expectCount('[data-testid="version-dialog"]', 0);
    await openMenu();
    await expectCount('[data-testid="version-item"]', 3);
    await $('[data-testid="version-delete"]').click();
    await expectText('//*[@data-testid="version-dialog"]//h2', "「現状」を削除しますか？");
    await screenshot("46-version-delete");
    await $('[data-testid="version-ok"]').click();
    await expectCount('[data-testid="version-dialog"]', 0);
    await saved();
    await openMenu();
    await expectCount('[data-testid="version-item"]', 2);
    await browser.keys("Escape");
  });
});
