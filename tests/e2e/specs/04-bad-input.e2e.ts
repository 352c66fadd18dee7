// A file Michi cannot open gives a clear message in the UI and stays exactly as it was. (A
// write-protected one opens read-only: 13-files.)

import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { TMP, launch, screenshot, workspace } from "../support/app.ts";

async function expectRefused(file: string, code: string, words: string, shot: string) {
  const before = readFileSync(file);
  await launch(file, `bad-${code}`);
  const banner = $('[data-testid="error-banner"]');
  await expect(banner).toHaveAttribute("data-code", code);
  await expect(banner).toHaveText(expect.stringContaining(words));
  await expect(banner).toHaveText(expect.stringContaining(file));
  await screenshot(shot);
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe("files Michi cannot open", () => {
  it("a file that is not a workspace", async () => {
    const file = join(TMP, "会議メモ.michi");
    writeFileSync(file, "これは会議のメモです。\n");
    await expectRefused(file, "notAWorkspace", "Michi のワークスペースではありません", "07-not-a-workspace");
  });

  it("a truncated workspace", async () => {
    const file = workspace("truncated", true);
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    await expectRefused(file, "corrupt", "壊れている", "08-truncated");
  });

  it("a workspace from a newer version", async () => {
    const file = workspace("newer", true);
    const bytes = readFileSync(file);
    bytes.writeUInt32BE(999, 60);
    writeFileSync(file, bytes);
    await expectRefused(file, "tooNew", "新しいバージョン", "09-newer");
  });
});
