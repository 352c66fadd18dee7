// Where a pan's frames go in Michi's page (run by hand; not part of `npm run bench`): the
// 5,000-shape model opened zoomed to fit, then `frames` as scripts/bench-canvas.mjs runs it
// (a drag, a wheel zoom in, a wheel zoom out), ROUNDS times; each phase's intervals between frames
// in ms, and their 95th percentile in all. Needs the release build and
// target/bench/B.2.0x54-grid.bpmn (written by scripts/bench-canvas.mjs).
//
// usage: xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" node scripts/pan-probe.mjs [ROUNDS]
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CLI, ROOT, frames, framesP95, michiSession, startDrivers, waitFor } from "./webkit.mjs";

const TMP = join(ROOT, "target/bench/probe");
mkdirSync(TMP, { recursive: true });
const MODEL = join(ROOT, "target/bench/B.2.0x54-grid.bpmn");
const stop = await startDrivers();
const file = join(TMP, "e.michi");
rmSync(file, { force: true });
execFileSync(CLI, ["new", file]);
const browser = await michiSession(["--config-dir", join(TMP, "config"), file]);
try {
  await waitFor(browser, () => performance.getEntriesByName("michi-interactive").length > 0, "interactive");
  await browser.executeAsync((path, done) => {
    window.__michiDialogAnswers = [path];
    document.querySelector('[data-testid="import-bpmn"]').click();
    const poll = () => (document.querySelectorAll(".react-flow__node, [data-testid=overview]").length > 0 ? setTimeout(done, 3000) : setTimeout(poll, 50));
    poll();
  }, MODEL);
  for (let k = 0; k < Number(process.argv[2] ?? 2); k++) {
    const f = await browser.executeAsync(frames, ".react-flow__pane", ".react-flow__viewport", false);
    const p95 = framesP95("Michi", f);
    for (const phase of ["drag", "zoomIn", "zoomOut"]) console.log(phase.padEnd(8), f.phases[phase].map(Math.round).join(" "));
    console.log(`p95 ${p95.toFixed(1)} ms`);
  }
} finally {
  await browser.deleteSession().catch(() => {});
  await stop();
}
