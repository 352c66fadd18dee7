// Launching the app under test, and the files each test works on.

import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, "../../..");
export const APP = process.env.MICHI_APP ?? join(ROOT, "target/debug/michi-desktop");
export const CLI = process.env.MICHI_CLI ?? join(ROOT, "target/debug/michi");
export const TMP = join(ROOT, "tests/e2e/.tmp");
export const ARTIFACTS = join(ROOT, "tests/e2e/artifacts");

/** Capabilities that start the app on `file`, with a config folder of its own (`profile`). */
export function launchOptions(file: string, profile: string, extra: string[] = []) {
  // The app creates the folder when it first saves a setting.
  const configDir = join(TMP, `config-${profile}`);
  return { "tauri:options": { application: APP, args: ["--config-dir", configDir, ...extra, file] } };
}

/** Quits the running app and starts it again on `file` (a new WebDriver session); `extra`
 * arguments go before the file. */
export async function launch(file: string, profile: string, extra: string[] = []) {
  await browser.reloadSession(launchOptions(file, profile, extra) as WebdriverIO.Capabilities);
}

/** A new workspace file made by the `michi` CLI: empty, or the sample. */
export function workspace(name: string, sample: boolean): string {
  const file = join(TMP, `${name}.michi`);
  execFileSync(CLI, ["new", file, "--force", ...(sample ? ["--sample"] : [])]);
  return file;
}

export function copyInto(src: string, name: string): string {
  const file = join(TMP, name);
  copyFileSync(src, file);
  return file;
}

/** Saves what the webview shows, after letting WebKit paint the last change. */
export async function screenshot(name: string) {
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await browser.pause(400);
  await browser.saveScreenshot(join(ARTIFACTS, `${name}.png`));
}

/** Waits until the last edit is on disk (the status bar says so). */
export async function saved() {
  await expect($('[data-testid="save-indicator"]')).toHaveText(expect.stringContaining("保存済み"));
}

/**
 * Waits until the page has `want` elements matching `selector` (a number, or at least `gte`). The
 * count is taken inside the page: no element handles, so a re-render in between cannot make one
 * stale (WebKitWebDriver reports that as an error, which expect's retries do not absorb).
 */
export async function expectCount(selector: string, want: number | { gte: number }) {
  const ok = (n: number) => (typeof want === "number" ? n === want : n >= want.gte);
  let last = -1;
  let failure = "";
  await browser
    .waitUntil(async () => {
      try {
        last = await browser.execute((s: string) => document.querySelectorAll(s).length, selector);
      } catch (e) {
        failure = String(e);
        return false;
      }
      return ok(last);
    })
    .catch(() => {
      // The message is built when the wait gives up, so it names the last count seen.
      throw new Error(`expected ${JSON.stringify(want)} of ${selector}, found ${last}${failure ? ` (${failure})` : ""}`);
    });
}

/**
 * Waits until the element at `xpath` shows `want` (its whole trimmed text, or a part of it with
 * `{ contains }`). Read inside the page like [`expectCount`], so a re-render cannot leave a stale
 * handle behind.
 */
export async function expectText(xpath: string, want: string | { contains: string }) {
  const ok = (t: string | null) =>
    t !== null && (typeof want === "string" ? t === want : t.includes(want.contains));
  let last: string | null = null;
  let failure = "";
  await browser
    .waitUntil(async () => {
      try {
        last = await browser.execute((x: string) => {
          const node = document.evaluate(x, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null)
            .singleNodeValue as HTMLElement | null;
          return node ? node.innerText.replace(/\s+/g, " ").trim() : null;
        }, xpath);
      } catch (e) {
        failure = String(e);
        return false;
      }
      return ok(last);
    })
    .catch(() => {
      throw new Error(
        `expected ${JSON.stringify(want)} at ${xpath}, found ${JSON.stringify(last)}${failure ? ` (${failure})` : ""}`,
      );
    });
}

/** The next file dialog answers `path`, as if the user had picked it (see ui/src/app/dialogs.ts). */
export async function answerDialog(path: string) {
  await browser.execute((p: string) => {
    const w = window as unknown as { __michiDialogAnswers?: string[] };
    w.__michiDialogAnswers = [...(w.__michiDialogAnswers ?? []), p];
  }, path);
}

/** Shift+drag a selection box from (x0, y0) to (x1, y1), viewport pixels, through its middle. */
export async function shiftDragBox(x0: number, y0: number, x1: number, y1: number) {
  await browser.performActions([
    { type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "\uE008" }] },
    {
      type: "pointer",
      id: "mouse",
      parameters: { pointerType: "mouse" },
      actions: [
        { type: "pointerMove", x: x0, y: y0, origin: "viewport" },
        { type: "pointerDown", button: 0 },
        { type: "pointerMove", x: Math.round((x0 + x1) / 2), y: Math.round((y0 + y1) / 2), origin: "viewport", duration: 150 },
        { type: "pointerMove", x: x1, y: y1, origin: "viewport", duration: 150 },
        { type: "pointerUp", button: 0 },
      ],
    },
  ]);
  await browser.releaseActions();
}
