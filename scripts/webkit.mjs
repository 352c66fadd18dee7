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

/** 60 frames of a drag on the element at `selector`, then 60 of wheel zoom (30 in, 30 out): the
 * intervals between frames (each of the three phases cut short after 30 s: the frames so far), and whether the
 * element at `viewport` (what the app transforms) changed with the drag and with the zoom. */
export function frames(selector, viewport, ctrlKey, done) {
  const target = document.querySelector(selector);
  const view = document.querySelector(viewport);
  const transform = () => view.getAttribute("transform") ?? view.getAttribute("style");
  const r = target.getBoundingClientRect();
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  const mouse = (type, x, y) =>
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === "mouseup" ? 0 : 1 }));
  // The intervals between consecutive frames of each phase.
  const phases = { drag: [], zoomIn: [], zoomOut: [] };
  let phase = phases.drag;
  let last = null;
  const frame = () =>
    new Promise((res) =>
      requestAnimationFrame((t) => {
        if (last !== null) phase.push(t - last);
        last = t;
        res();
      }),
    );
  // Waits (outside the phases) until the view shows what the input did, 5 s at most.
  const settled = async (from) => {
    const until = performance.now() + 5000;
    while (transform() === from && performance.now() < until) await new Promise((res) => setTimeout(res, 20));
    return transform();
  };
  let start = performance.now();
  const late = () => performance.now() - start > 30_000;
  // A phase of 30 wheel steps of `deltaY`, one a frame.
  const wheel = async (into, deltaY) => {
    phase = into;
    last = null;
    start = performance.now();
    for (let i = 0; i < 30 && !late(); i++) {
      await frame();
      target.dispatchEvent(new WheelEvent("wheel", { bubbles: true, cancelable: true, view: window, clientX: cx, clientY: cy, deltaY, deltaMode: 0, ctrlKey }));
    }
  };
  (async () => {
    const before = transform();
    mouse("mouseover", cx, cy);
    mouse("mousedown", cx, cy);
    for (let i = 0; i < 60 && !late(); i++) {
      await frame();
      const side = Math.floor(i / 20) % 2 === 0 ? 1 : -1;
      mouse("mousemove", cx + side * 6 * (i % 20) + 1, cy + side * 3 * (i % 20) + 1);
    }
    mouse("mouseup", cx, cy);
    const dragged = await settled(before);
    await wheel(phases.zoomIn, -40);
    const zoomed = await settled(dragged);
    await wheel(phases.zoomOut, 40);
    await frame();
    const intervals = [...phases.drag, ...phases.zoomIn, ...phases.zoomOut];
    done({ intervals, phases, panned: dragged !== before, zoomed: zoomed !== dragged });
  })().catch((e) => done({ error: String(e) }));
}

/** Checks what `frames` gave and returns the frames' 95th percentile. */
export function framesP95(app, f) {
  if (f.error) throw new Error(`${app}: ${f.error}`);
  if (!f.panned || !f.zoomed) throw new Error(`${app}: the view did not follow the ${f.panned ? "wheel" : "drag"}`);
  return p95(f.intervals);
}
