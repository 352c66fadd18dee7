// What the app benches share (scripts/bench-app.mjs, scripts/bench-canvas.mjs): the two WebDriver
// servers (tauri-driver for Michi's release build, WebKitWebDriver for WebKitGTK's own
// MiniBrowser, the same engine), sessions on each, and the figures' arithmetic.

import { spawn } from "node:child_process";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";

import { remote } from "webdriverio";

export const ROOT = resolve(import.meta.dirname, "..");
export const APP = process.env.MICHI_BENCH_APP ?? join(ROOT, "target/release/michi-desktop");
export const CLI = process.env.MICHI_BENCH_CLI ?? join(ROOT, "target/release/michi");
export const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/** Michi's window (src-tauri/tauri.conf.json), given to MiniBrowser too. */
export const WINDOW = { width: 1440, height: 900 };

/** How long a script in the page may take (opening a 5,000-node model in bpmn-js takes seconds). */
const SCRIPT_MS = 180_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portOpen(port) {
  return new Promise((done) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), done(true)));
    s.once("error", () => done(false));
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 200; i++) {
    if (await portOpen(port)) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** Starts tauri-driver (4460, its WebKitWebDriver on 4461) and WebKitWebDriver for MiniBrowser
 * (4462); resolves to a function that stops both. */
export async function startDrivers() {
  const tauriDriver = process.env.TAURI_DRIVER ?? join(homedir(), ".cargo", "bin", "tauri-driver");
  const drivers = [
    spawn(tauriDriver, ["--port", "4460", "--native-port", "4461"], { stdio: "ignore" }),
    spawn("WebKitWebDriver", ["--port=4462"], { stdio: "ignore" }),
  ];
  const stop = async () => {
    for (const d of drivers) d.kill("SIGTERM");
    await sleep(500);
  };
  try {
    await waitForPort(4460);
    await waitForPort(4461).catch(() => {});
    await waitForPort(4462);
  } catch (e) {
    await stop();
    throw e;
  }
  return stop;
}

/** A session on Michi's release build, started with `args`. */
export async function michiSession(args) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4460,
    logLevel: "error",
    connectionRetryTimeout: SCRIPT_MS + 30_000,
    capabilities: { "tauri:options": { application: APP, args } },
  });
  await browser.setTimeout({ script: SCRIPT_MS });
  return browser;
}

/** A session on a new MiniBrowser window of Michi's size. */
export async function miniBrowserSession() {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4462,
    logLevel: "error",
    connectionRetryTimeout: SCRIPT_MS + 30_000,
    capabilities: { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } },
  });
  await browser.setWindowSize(WINDOW.width, WINDOW.height).catch(() => {});
  await browser.setTimeout({ script: SCRIPT_MS });
  return browser;
}

/** Polls `script` in the page until it returns something truthy (30 s at most). */
export async function waitFor(browser, script, what, ...args) {
  for (let i = 0; i < 600; i++) {
    const v = await browser.execute(script, ...args).catch(() => null);
    if (v) return v;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** The 95th percentile (nearest rank). */
export const p95 = (v) => [...v].sort((a, b) => a - b)[Math.max(0, Math.ceil(v.length * 0.95) - 1)];

// ---- In the page (passed to WebDriver's executeAsync: self-contained functions) ----

/** The engine's floor: 30 frames that each change one 8-pixel square over what the page shows (no
 * work of the app's own); the intervals between them. What a frame costs WebKitGTK here at least,
 * whatever the app draws. */
export function floorFrames(done) {
  const dot = document.createElement("div");
  dot.style.cssText = "position:fixed;left:0;top:0;width:8px;height:8px;z-index:99999;background:#000";
  document.body.appendChild(dot);
  const intervals = [];
  let last = null;
  let i = 0;
  const step = (t) => {
    if (last !== null) intervals.push(t - last);
    last = t;
    dot.style.background = i % 2 === 0 ? "#fff" : "#000";
    if (++i <= 30) return requestAnimationFrame(step);
    dot.remove();
    done(intervals);
  };
  requestAnimationFrame(step);
}

/** Wheels Michi's process canvas in at the pane's middle until it shows 100 % or more. */
export function zoomCanvasTo100(done) {
  const pane = document.querySelector(".react-flow__pane");
  const r = pane.getBoundingClientRect();
  const scale = () => Number(/scale\(([\d.]+)\)/.exec(document.querySelector(".react-flow__viewport").style.transform)[1]);
  const step = () => {
    if (scale() >= 1) return done();
    pane.dispatchEvent(new WheelEvent("wheel", { bubbles: true, cancelable: true, view: window, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, deltaY: -200 }));
    requestAnimationFrame(() => requestAnimationFrame(step));
  };
  step();
}

/** `rounds` rounds of Michi's run (`ours(r)`) and its peer's (`peer(r)`), the one going first
 * swapped each round. */
export async function alternate(rounds, ours, peer) {
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      await ours(r);
      await peer(r);
    } else {
      await peer(r);
      await ours(r);
    }
  }
}

/** Runs a bench's `main`; a failure prints its stack under the bench's name and exits 1. */
export function run(name, main) {
  main().catch((e) => {
    console.error(`${name}: ${e.stack ?? e}`);
    process.exit(1);
  });
}
