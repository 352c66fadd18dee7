// Files as a CS lead meets them: a write-protected workspace opens read-only (view, derive, save a
// copy) and Save As goes on in an editable copy; Save a copy stays put; a file another Michi holds
// is refused as locked, naming the file; a file moved away while open refuses the next edit, saying
// so, and Save As keeps every edit acknowledged before. The save dialog is GTK's: the path it would answer is
// queued for the app's dialog module.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";

import { APP, CLI, answerDialog, expectCount, launch, saved, screenshot, TMP, workspace } from "../support/app.ts";

/** The number of elements `michi info` counts in `file`. */
function elements(file: string): number {
  return Number(/^elements:\s+(\d+)/m.exec(execFileSync(CLI, ["info", file]).toString())?.[1]);
}

/** Whether another process holds `file` (the CLI cannot read it). */
function held(file: string): boolean {
  try {
    execFileSync(CLI, ["info", file], { stdio: "pipe" });
    return false;
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? "").includes("open in another");
  }
}

describe("files", () => {
  let holder: ChildProcess | null = null;
  after(() => holder?.kill("SIGKILL"));

  it("opens a write-protected workspace read-only: it shows, derives, and refuses a change", async () => {
    const file = workspace("protected", true);
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    await launch(file, "files");
    await expect($('[data-testid="read-only"]')).toHaveText(expect.stringContaining("読み取り専用で開いています"));
    await expect($('[data-testid="undo"]')).toBeDisabled();
    await expect($('[data-testid="card"]')).toBeDisplayed();
    await screenshot("42-read-only");
    // A change is refused with what to do.
    await $('[data-testid="card"]').click();
    await browser.keys("Delete");
    await expect($('[data-testid="error-banner"]')).toHaveAttribute("data-code", "readOnly");
    await expect($('[data-testid="error-banner"]')).toHaveText(expect.stringContaining("コピーを保存してください"));
    await $('[data-testid="error-banner"] button').click();
    // Derived outputs are there.
    await $('[data-testid="open-playbook"]').click();
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining("キックオフミーティング"));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("saves a copy to edit, and goes on in it; the protected file is untouched", async () => {
    const file = join(TMP, "protected.michi");
    const before = readFileSync(file);
    const mine = join(TMP, "protected-mine.michi");
    execFileSync("rm", ["-f", mine]);
    await answerDialog(mine);
    await $('[data-testid="read-only-save-as"]').click();
    await expect($('[data-testid="file-name"]')).toHaveElementProperty("textContent", "protected-mine");
    await expectCount('[data-testid="read-only"]', 0);
    await $('[data-testid="tab-playbook"]').isExisting();
    await $('//button[@data-testid="journey-item"][contains(., "中堅製造業")]').click();
    await $('[data-testid="card"]').click();
    await browser.keys("Delete");
    await saved();
    await expect($('[data-testid="undo"]')).toBeEnabled();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("saves a copy and stays in the open workspace", async () => {
    const copy = join(TMP, "protected-copy.michi");
    execFileSync("rm", ["-f", copy]);
    await answerDialog(copy);
    await $('[data-testid="save-copy"]').click();
    await expect($('[data-testid="notice"]')).toHaveText(expect.stringContaining("複製を"));
    await expect($('[data-testid="file-name"]')).toHaveElementProperty("textContent", "protected-mine");
    expect(existsSync(copy)).toBe(true);
    expect(execFileSync(CLI, ["info", copy]).toString()).toContain("journey         2");
  });

  it("refuses a workspace another Michi has open, naming it", async () => {
    const file = workspace("held", true);
    holder = spawn(APP, ["--config-dir", join(TMP, "config-holder"), file], { stdio: "ignore" });
    await browser.waitUntil(async () => held(file), { timeout: 30_000, timeoutMsg: "the other Michi did not open the file" });
    await launch(file, "locked");
    const banner = $('[data-testid="error-banner"]');
    await expect(banner).toHaveAttribute("data-code", "locked");
    await expect(banner).toHaveText(expect.stringContaining("別の Michi"));
    await expect(banner).toHaveText(expect.stringContaining(file));
    await screenshot("43-locked");
    holder.kill("SIGKILL");
    holder = null;
  });

  it("refuses the next edit when the file is moved away while open, and Save As keeps every acknowledged one", async () => {
    const file = workspace("moved", true);
    const before = elements(file);
    await launch(file, "moved");
    await $('//button[@data-testid="journey-item"][contains(., "中堅製造業")]').click();
    const cards = async () => (await $$('[data-testid="card"]')).length;
    const shown = await cards();
    await $('[data-testid="card"]').click();
    await browser.keys("Delete");
    await saved();
    await expectCount('[data-testid="card"]', shown - 1);
    // Another program moves the file (a sync client, a person in the file manager).
    const elsewhere = join(TMP, "moved-elsewhere.michi");
    renameSync(file, elsewhere);
    await $('[data-testid="card"]').click();
    await browser.keys("Delete");
    const banner = $('[data-testid="error-banner"]');
    await expect(banner).toHaveAttribute("data-code", "writeFailed");
    await expect(banner).toHaveText(expect.stringContaining("保存できませんでした"));
    // Why, and what to do, in the person's language; the English details beneath.
    await expect($('[data-testid="error-reason"]')).toHaveText(expect.stringContaining("移動または削除されました"));
    await expect($('[data-testid="error-reason"]')).toHaveText(expect.stringContaining("名前を付けて保存"));
    expect(await banner.getProperty("textContent")).toContain("moved or deleted while it was open");
    // The window shows what was acknowledged: the refused deletion is not shown as done.
    await expectCount('[data-testid="card"]', shown - 1);
    await screenshot("67-file-moved-away");
    await $('[data-testid="error-banner"] button').click();
    // Save As: the edit acknowledged before the move is in the new file, the refused one is not.
    const kept = join(TMP, "moved-kept.michi");
    execFileSync("rm", ["-f", kept]);
    await answerDialog(kept);
    await $('[data-testid="save-as"]').click();
    await expect($('[data-testid="file-name"]')).toHaveElementProperty("textContent", "moved-kept");
    await expectCount('[data-testid="card"]', shown - 1);
    await $('[data-testid="card"]').click();
    await browser.keys("Delete");
    await saved();
    await expectCount('[data-testid="error-banner"]', 0);
    await expectCount('[data-testid="card"]', shown - 2);
    // The moved file holds what was acknowledged before it moved.
    expect(elements(elsewhere)).toBe(before - 1);
  });
});
