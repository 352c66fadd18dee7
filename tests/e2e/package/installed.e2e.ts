// The installed package, not the build tree: tests/package/run.sh installs the .deb and runs this
// spec with MICHI_APP=/usr/bin/michi-desktop and MICHI_CLI=/usr/bin/michi, so the sample is made by
// the installed CLI, opened by the installed app, and read back by the installed CLI.

import { execFileSync } from "node:child_process";

import { APP, CLI, launch, saved, screenshot, workspace } from "../support/app.ts";

/** The elements the installed CLI counts in `file`. */
function elements(file: string): number {
  return JSON.parse(execFileSync(CLI, ["info", file, "--json"], { encoding: "utf8" })).elements;
}

describe("the installed package", () => {
  it("opens the sample made by the installed CLI with the installed app, and an edit reaches the file", async () => {
    expect(APP).toBe("/usr/bin/michi-desktop");
    expect(CLI).toBe("/usr/bin/michi");
    const file = workspace("installed-sample", true);
    const before = elements(file);
    await launch(file, "installed");
    const headers = await $$('[data-testid="stage-header"] .stage-name');
    await expect(headers).toBeElementsArrayOfSize(4);
    await expect(headers[0]).toHaveText("オンボーディング");
    await expect($$('[data-testid="journey-item"]')).toBeElementsArrayOfSize(2);
    await expect($('[data-testid="file-name"]')).toHaveElementProperty("textContent", "installed-sample");
    await screenshot("package-installed-sample");
    // Ctrl+D duplicates a card: one more element in the file, read by the installed CLI.
    await $('//div[@data-testid="card"][contains(., "キックオフミーティング")]').click();
    await browser.keys(["Control", "d"]);
    await saved();
    // The app holds the file while open: quit it (a new session on another file), then read.
    await launch(workspace("installed-empty", false), "installed");
    expect(elements(file)).toBe(before + 1);
  });
});
