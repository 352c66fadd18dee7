// End-to-end tests of the real app: WebdriverIO → tauri-driver (:4444) → WebKitWebDriver (:4445) →
// target/debug/michi-desktop in WebKitGTK, run under Xvfb by scripts/test.sh.
// See ../shared/testing-tauri.md for the pitfalls these settings avoid.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

import { ARTIFACTS, TMP, launchOptions, screenshot } from "./support/app.ts";
import { portOpen } from "./support/net.ts";

let driver: ChildProcess | null = null;

async function waitForPort(port: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export const config: WebdriverIO.Config = {
  runner: "local",
  hostname: "127.0.0.1",
  port: 4444,
  specs: ["./specs/**/*.e2e.ts"],
  maxInstances: 1,
  // Only tauri:options: tauri-driver refuses other capabilities (no browserName).
  capabilities: [launchOptions(join(TMP, "unused.michi"), "boot") as WebdriverIO.Capabilities],
  logLevel: "warn",
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 120_000 },
  waitforTimeout: 15_000,

  // One driver for the whole run, started by the launcher before any worker.
  async onPrepare() {
    rmSync(TMP, { recursive: true, force: true });
    mkdirSync(TMP, { recursive: true });
    // A later run (the installed package's) adds its screenshots to the main run's.
    if (!process.env.MICHI_E2E_KEEP_ARTIFACTS) rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const bin = process.env.TAURI_DRIVER ?? join(homedir(), ".cargo", "bin", "tauri-driver");
    driver = spawn(bin, [], { stdio: ["ignore", "inherit", "inherit"] });
    // tauri-driver answers before WebKitWebDriver is ready; wait for both.
    await waitForPort(4444, 20_000);
    await waitForPort(4445, 20_000);
  },

  // A failed test leaves a screenshot of what the app showed, named after the test.
  async afterTest(test: { title: string }, _context: unknown, result: { passed: boolean }) {
    if (!result.passed) await screenshot(`failed-${test.title.slice(0, 24)}`);
  },

  async onComplete() {
    // SIGTERM lets tauri-driver stop WebKitWebDriver; SIGKILL would orphan it and keep port 4445.
    if (!driver) return;
    const exited = new Promise((r) => driver!.once("exit", r));
    driver.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    driver = null;
  },
};
