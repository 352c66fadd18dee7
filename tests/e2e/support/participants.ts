// Workshop participants for the end-to-end tests: Debian's chromium, headless, driven by
// chromium-driver on a port of its own, one fresh profile per participant.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";

import { remote } from "webdriverio";

import { portOpen } from "./net.ts";

const PORT = 9515;
let driver: ChildProcess | null = null;

export async function startChromium() {
  if (driver) return;
  driver = spawn("/usr/bin/chromedriver", [`--port=${PORT}`], { stdio: "ignore" });
  const until = Date.now() + 15_000;
  while (!(await portOpen(PORT))) {
    if (Date.now() > until) throw new Error("chromedriver did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function stopChromium() {
  driver?.kill();
  driver = null;
}

export type Participant = WebdriverIO.Browser;

/** A participant's browser on `url` (a fresh profile, in Japanese). */
export async function participant(url: string): Promise<Participant> {
  const profile = mkdtempSync(joinPath(tmpdir(), "michi-participant-"));
  const browser = await remote({
    logLevel: "warn",
    hostname: "127.0.0.1",
    port: PORT,
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--lang=ja",
          "--window-size=1000,1400",
          `--user-data-dir=${profile}`,
        ],
        prefs: { "intl.accept_languages": "ja" },
      },
    },
  });
  await browser.url(url);
  return browser;
}

/** Joins with `pin` and `name`. */
export async function join(p: Participant, pin: string, name: string) {
  await p.$('[data-testid="pin"]').setValue(pin);
  await p.$('[data-testid="name"]').setValue(name);
  await p.$('[data-testid="join"]').click();
}

/** Writes a note and adds it, on the place whose name is `place` (the parking lot when null). */
export async function addNote(p: Participant, text: string, place: string | null, row?: string) {
  await p.$('[data-testid="note-text"]').setValue(text);
  if (place) await p.$('[data-testid="note-place"]').selectByVisibleText(place);
  if (place && row) await p.$('[data-testid="note-row"]').selectByVisibleText(row);
  await p.$('[data-testid="add-note"]').click();
}

/** The texts of the notes `p` sees. */
export function notesSeen(p: Participant): Promise<string[]> {
  return p.execute(() => [...document.querySelectorAll('[data-testid="note"] .text')].map((e) => e.textContent ?? ""));
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeout = 10_000) {
  const until = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
