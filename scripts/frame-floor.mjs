// Where a frame's cost lies in Michi's page (run by hand; not part of `npm run bench`): the
// engine's frame floor (as scripts/bench-canvas.mjs measures it: 30 frames that each change one
// 8-pixel square; median/second-worst interval in ms) on an empty workspace, on the 5,000-shape
// model fitted and at 100 %, then with parts of the canvas hidden one after another. Needs the
// release build and target/bench/B.2.0x54-grid.bpmn (written by scripts/bench-canvas.mjs).
//
// usage: xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" node scripts/frame-floor.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CLI, ROOT, floorFrames, median, michiSession, startDrivers, waitFor, zoomCanvasTo100 } from "./webkit.mjs";
const TMP = join(ROOT, "target/bench/floor"); mkdirSync(TMP, { recursive: true });
const MODEL = join(ROOT, "target/bench/B.2.0x54-grid.bpmn");
const stop = await startDrivers();
const file = join(TMP, "e.michi"); rmSync(file, { force: true }); execFileSync(CLI, ["new", file]);
const browser = await michiSession(["--config-dir", join(TMP, "config"), file]);
/** The floor now: the median and second-worst of `floorFrames`' intervals, in ms. */
const floor = async () => {
  const v = [...(await browser.executeAsync(floorFrames))].sort((a, b) => a - b);
  return `${median(v).toFixed(0)}/${v[v.length - 2].toFixed(0)}`;
};
try {
  await waitFor(browser, () => performance.getEntriesByName("michi-interactive").length > 0, "interactive");
  console.log("empty workspace:", await floor());
  await browser.executeAsync((path, done) => { window.__michiDialogAnswers = [path]; document.querySelector('[data-testid="import-bpmn"]').click(); const poll = () => (document.querySelectorAll(".react-flow__node, [data-testid=overview]").length > 0 ? setTimeout(done, 3000) : setTimeout(poll, 50)); poll(); }, MODEL);
  console.log("5k fitted:", await floor());
  const hide = async (sel) => {
    const n = await browser.execute((s) => { const els = [...document.querySelectorAll(s)]; els.forEach((e) => (e.style.display = "none")); return els.length; }, sel);
    console.log(`+ ${sel} hidden (${n}):`, await floor());
  };
  const showAll = () => browser.execute(() => document.querySelectorAll("[style*='display: none']").forEach((e) => (e.style.display = "")));
  for (const sel of [".overview", ".michi-minimap", ".react-flow__nodes"]) await hide(sel);
  await showAll();
  await browser.executeAsync(zoomCanvasTo100);
  await new Promise((r) => setTimeout(r, 1000));
  console.log("5k at 100%:", await floor());
  for (const sel of [".michi-minimap", ".react-flow__background", ".react-flow__controls", ".michi-connectors", ".react-flow__nodes", ".react-flow"]) await hide(sel);
} finally { await browser.deleteSession().catch(() => {}); await stop(); }
