// The process canvas against bpmn-js (the Camunda modeler's library), both in WebKitGTK on this
// machine, in one run: Michi's release build through tauri-driver, bpmn-js's Modeler (npm,
// node_modules/bpmn-js/dist) on a local page in WebKitGTK's own MiniBrowser through
// WebKitWebDriver. Rounds alternate the two, the one going first swapped each round; a fresh
// process each round; medians over rounds. Prints `name: value` lines.
//
// The model: MIWG B.2.0 tiled ×54 into one diagram, 9 copies to a row (scripts/tile_bpmn.py
// --single-diagram --columns 9): 5,076 flow nodes, 5,346 shapes, 10,532 elements in Michi.
//
// - open (`canvas_open_5k_ms` / `bpmnjs_open_5k_ms`): Michi: from the click on "Import BPMN…" (the
//   file dialog answered at once with the file) to the canvas's `michi-canvas-painted` mark (set
//   after the frame that paints what Rust sent), once no later mark follows for a second: the
//   file read, imported, stored, diagnosed and drawn zoomed to fit. bpmn-js: the XML already in
//   the page, from `importXML` to the frame after `zoom("fit-viewport")`.
// - frames (`pan_frame_p95_ms` / `bpmnjs_pan_frame_p95_ms`): right after opening (all 5,000 shapes
//   on screen), 60 frames of a mouse drag on the empty canvas, then 60 frames of wheel zoom (30 in,
//   30 out), one input event per requestAnimationFrame; the 95th percentile of the intervals
//   between frames (each phase stops after 30 s: bpmn-js takes seconds per frame here). Each app
//   gets its own zoom gesture (Michi: the wheel; bpmn-js: Ctrl+wheel).
// - edit (`edit_roundtrip_p95_ms` / `bpmnjs_edit_roundtrip_p95_ms`): zoomed to 100 %, a task
//   dragged 40 px with the mouse, 20 times; from the mouse button's release to the frame that
//   paints the result: in Michi the move stored, the diagnosis brought up to date and the
//   canvas redrawn from what Rust sent (`michi-canvas-painted`); in bpmn-js the move command
//   executed (`commandStack.changed`), the frame after it. bpmn-js diagnoses nothing here.
//   `edit_answer_p95_ms` is the part of Michi's round trip until Rust's answer is in the page
//   (`michi-answered`, ui/src/app/api.ts); the rest is drawing.
// - floor (`frame_floor_p95_ms` / `bpmnjs_frame_floor_p95_ms`): after the edits, 30 frames that each
//   change one 8-pixel square over the page (no work of the app's): the least a frame costs the
//   engine here, under which neither pan nor edit figure can fall.
//
// usage: node scripts/bench-canvas.mjs ROUNDS   (run by scripts/bench.sh under xvfb-run)

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { CLI, ROOT, alternate, floorFrames, frames, framesP95, median, michiSession, miniBrowserSession, p95, run, startDrivers, waitFor, zoomCanvasTo100 } from "./webkit.mjs";

const TMP = join(ROOT, "target/bench/canvas");
const MODEL = join(ROOT, "target/bench/B.2.0x54-grid.bpmn");
const ROUNDS = Number(process.argv[2] ?? 5);
const MOVES = 20;

// ---- In the page (passed to WebDriver's execute: self-contained functions) ----


/** Drags the element at `sel` by (dx, dy) over three frames; resolves to the release's time. */
function dragScript() {
  return `
    window.__drag = (el, dx, dy) => new Promise((res) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const mouse = (type, px, py) => el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: px, clientY: py, button: 0, buttons: type === "mouseup" ? 0 : 1 }));
      mouse("mousedown", x, y);
      let i = 0;
      const step = () => requestAnimationFrame(() => {
        i++;
        if (i <= 3) { mouse("mousemove", x + (dx * i) / 3, y + (dy * i) / 3); step(); return; }
        const t0 = performance.now();
        mouse("mouseup", x + dx, y + dy);
        res(t0);
      });
      step();
    });`;
}

// ---- Michi ----

async function michi(round) {
  const file = join(TMP, `empty-${round}.michi`);
  rmSync(file, { force: true });
  execFileSync(CLI, ["new", file]);
  const browser = await michiSession(["--config-dir", join(TMP, `config-${round}`), file]);
  try {
    await waitFor(browser, () => performance.getEntriesByName("michi-interactive").length > 0, "michi-interactive");
    const open = await browser.executeAsync((path, done) => {
      window.__michiDialogAnswers = [path];
      const t0 = performance.now();
      document.querySelector('[data-testid="import-bpmn"]').click();
      let last = null;
      let since = 0;
      const poll = () => {
        const m = performance.getEntriesByName("michi-canvas-painted")[0];
        // Shapes drawn: nodes, or shapes on the overview's canvas (zoomed out, there are no nodes).
        const nodes = document.querySelectorAll(".react-flow__node").length + Number(document.querySelector('[data-testid="overview"]')?.dataset.shapes ?? 0);
        const at = m && m.startTime > t0 && nodes > 0 ? m.startTime : null;
        if (at !== last) [last, since] = [at, performance.now()];
        if (last !== null && performance.now() - since > 1000) return done({ ms: last - t0, nodes });
        if (performance.now() - t0 > 120_000) return done({ error: "no complete paint in 120 s" });
        setTimeout(poll, 10);
      };
      poll();
    }, MODEL);
    if (open.error) throw new Error(`Michi: ${open.error}`);
    const frame = framesP95("Michi", await browser.executeAsync(frames, ".react-flow__pane", ".react-flow__viewport", false));
    if (round === 0) await browser.saveScreenshot(join(TMP, "michi-open.png"));

    // Zoomed in to 100 % at the middle of the canvas, as a person edits.
    await browser.executeAsync(zoomCanvasTo100);
    await browser.execute(dragScript());
    const trips = [];
    const answers = [];
    for (let i = 0; i < MOVES; i++) {
      const trip = await browser.executeAsync((i, done) => {
        const pane = document.querySelector(".react-flow__pane").getBoundingClientRect();
        const center = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
        const distance = (el) => {
          const r = el.getBoundingClientRect();
          return Math.hypot(r.left + r.width / 2 - center.x, r.top + r.height / 2 - center.y);
        };
        const node = [...document.querySelectorAll(".react-flow__node-activity")].sort((a, b) => distance(a) - distance(b))[0];
        if (!node) return done({ error: "no activity on screen" });
        const before = node.style.transform;
        const sign = i % 2 === 0 ? 1 : -1;
        window.__drag(node, 40 * sign, 20 * sign).then((t0) => {
          const poll = () => {
            const m = performance.getEntriesByName("michi-canvas-painted")[0];
            if (m && m.startTime > t0) {
              const moved = node.style.transform !== before;
              // Where the answer arrived (ui/src/app/api.ts marks it): what Rust and the IPC took.
              const answered = performance.getEntriesByName("michi-answered")[0];
              const answer = answered && answered.startTime > t0 ? answered.startTime - t0 : null;
              return setTimeout(() => done(moved ? { ms: m.startTime - t0, answer } : { error: "the shape did not move" }), 150);
            }
            if (performance.now() - t0 > 30_000) return done({ error: "no repaint in 30 s" });
            setTimeout(poll, 2);
          };
          poll();
        });
      }, i);
      if (trip.error) throw new Error(`Michi: ${trip.error}`);
      if (trip.answer === null) throw new Error("Michi: the edit was not answered before the repaint");
      trips.push(trip.ms);
      answers.push(trip.answer);
    }
    if (round === 0) await browser.saveScreenshot(join(TMP, "michi-edited.png"));
    const floor = p95(await browser.executeAsync(floorFrames));
    return { open: open.ms, frame, edit: p95(trips), answer: p95(answers), floor };
  } finally {
    await browser.deleteSession().catch(() => {});
  }
}

// ---- bpmn-js ----

function bpmnJsPage() {
  const dist = join(ROOT, "node_modules/bpmn-js/dist");
  const page = join(TMP, "bpmn-js.html");
  writeFileSync(
    page,
    `<!doctype html><meta charset="utf-8"><title>bpmn-js</title>
<link rel="stylesheet" href="file://${dist}/assets/diagram-js.css">
<link rel="stylesheet" href="file://${dist}/assets/bpmn-js.css">
<link rel="stylesheet" href="file://${dist}/assets/bpmn-font/css/bpmn-embedded.css">
<style>html, body, #canvas { margin: 0; width: 100%; height: 100%; overflow: hidden }</style>
<div id="canvas"></div>
<script src="file://${dist}/bpmn-modeler.production.min.js"></script>
<script>window.modeler = new BpmnJS({ container: "#canvas" });</script>`,
  );
  return page;
}

async function bpmnJs(page, xml, round) {
  const browser = await miniBrowserSession();
  try {
    await browser.url(`file://${page}`);
    await waitFor(browser, () => typeof window.modeler === "object", "bpmn-js");
    await browser.execute((x) => void (window.xml = x), xml);
    const open = await browser.executeAsync((done) => {
      const t0 = performance.now();
      window.modeler.importXML(window.xml).then(
        (r) => {
          window.modeler.get("canvas").zoom("fit-viewport");
          requestAnimationFrame(() => requestAnimationFrame(() => done({ ms: performance.now() - t0, warnings: r.warnings.length })));
        },
        (e) => done({ error: String(e) }),
      );
    });
    if (open.error) throw new Error(`bpmn-js: ${open.error}`);
    const frame = framesP95("bpmn-js", await browser.executeAsync(frames, ".djs-container > svg", ".djs-container > svg > .viewport", true));
    if (round === 0) await browser.saveScreenshot(join(TMP, "bpmn-js-open.png"));

    await browser.execute(() => {
      const canvas = window.modeler.get("canvas");
      const vb = canvas.viewbox();
      canvas.zoom(1, { x: vb.outer.width / 2, y: vb.outer.height / 2 });
    });
    await browser.execute(dragScript());
    const trips = [];
    for (let i = 0; i < MOVES; i++) {
      const trip = await browser.executeAsync((i, done) => {
        const canvas = window.modeler.get("canvas");
        const vb = canvas.viewbox();
        const center = { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 };
        const tasks = window.modeler.get("elementRegistry").filter((e) => /Task$/.test(e.type));
        const distance = (e) => Math.hypot(e.x + e.width / 2 - center.x, e.y + e.height / 2 - center.y);
        const task = tasks.sort((a, b) => distance(a) - distance(b))[0];
        if (!task) return done({ error: "no task" });
        const before = task.x;
        const gfx = window.modeler.get("elementRegistry").getGraphics(task).querySelector(".djs-hit");
        const sign = i % 2 === 0 ? 1 : -1;
        const bus = window.modeler.get("eventBus");
        let changed = null;
        const onChange = () => (changed = performance.now());
        bus.on("commandStack.changed", onChange);
        window.__drag(gfx, 40 * sign, 20 * sign).then((t0) => {
          const poll = () => {
            if (changed !== null) {
              bus.off("commandStack.changed", onChange);
              return requestAnimationFrame(() =>
                requestAnimationFrame(() => {
                  const ms = performance.now() - t0;
                  setTimeout(() => done(task.x !== before ? { ms } : { error: "the task did not move" }), 150);
                }),
              );
            }
            if (performance.now() - t0 > 30_000) return done({ error: "no move in 30 s" });
            setTimeout(poll, 0);
          };
          poll();
        });
      }, i);
      if (trip.error) throw new Error(`bpmn-js: ${trip.error}`);
      trips.push(trip.ms);
    }
    const floor = p95(await browser.executeAsync(floorFrames));
    return { open: open.ms, frame, edit: p95(trips), floor };
  } finally {
    await browser.deleteSession().catch(() => {});
  }
}

async function main() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  if (!existsSync(MODEL)) {
    execFileSync("python3", [join(ROOT, "scripts/tile_bpmn.py"), join(ROOT, "tests/data/bpmn/miwg/B.2.0.bpmn"), "54", MODEL, "--single-diagram", "--columns", "9"]);
  }
  const xml = readFileSync(MODEL, "utf8");
  const page = bpmnJsPage();
  const stopDrivers = await startDrivers();
  try {
    const ours = { open: [], frame: [], edit: [], answer: [], floor: [] };
    const peer = { open: [], frame: [], edit: [], floor: [] };
    await alternate(
      ROUNDS,
      async (r) => {
        const m = await michi(r);
        for (const k of Object.keys(ours)) ours[k].push(m[k]);
        console.error(`bench-canvas: Michi round ${r + 1}: ${JSON.stringify(m)}`);
      },
      async (r) => {
        const b = await bpmnJs(page, xml, r);
        for (const k of Object.keys(peer)) peer[k].push(b[k]);
        console.error(`bench-canvas: bpmn-js round ${r + 1}: ${JSON.stringify(b)}`);
      },
    );
    console.log(`canvas_open_5k_ms: ${median(ours.open).toFixed(0)}`);
    console.log(`bpmnjs_open_5k_ms: ${median(peer.open).toFixed(0)}`);
    console.log(`canvas_open_ratio: ${(median(peer.open) / median(ours.open)).toFixed(2)}`);
    console.log(`pan_frame_p95_ms: ${median(ours.frame).toFixed(1)}`);
    console.log(`bpmnjs_pan_frame_p95_ms: ${median(peer.frame).toFixed(1)}`);
    console.log(`edit_roundtrip_p95_ms: ${median(ours.edit).toFixed(1)}`);
    console.log(`bpmnjs_edit_roundtrip_p95_ms: ${median(peer.edit).toFixed(1)}`);
    // Of Michi's round trip, the part until Rust's answer is in the page (the rest is drawing).
    console.log(`edit_answer_p95_ms: ${median(ours.answer).toFixed(1)}`);
    // The engine's floor under each page (zoomed to 100 %, after the edits): the least a frame costs.
    console.log(`frame_floor_p95_ms: ${median(ours.floor).toFixed(1)}`);
    console.log(`bpmnjs_frame_floor_p95_ms: ${median(peer.floor).toFixed(1)}`);
  } finally {
    await stopDrivers();
  }
}

run("bench-canvas", main);
