// The app as a person starts it: `cold_start_ms`, `idle_rss_mb` and `rss_10k_mb` of the release
// build (target/release/michi-desktop, driven by tauri-driver under Xvfb), each beside its peer in
// the same run: WebKitGTK's own MiniBrowser (same engine, same machine, driven by WebKitWebDriver)
// opening a blank local page, the floor any WebKitGTK app starts from. Rounds alternate the two,
// the one going first swapped each round; medians. Prints `name: value` lines.
//
// - cold start: from the process's start (/proc/PID/stat, 10 ms ticks) to the page's
//   `michi-interactive` mark (set by the UI after the frame that paints the first workspace), or,
//   for MiniBrowser, to its page's load event; both read on the same clock (the epoch).
// - memory: resident set of the process and every process it started (WebKit's web and network
//   processes), summed, 10 s after the mark: with the sample workspace, and with a workspace of
//   about 10,000 elements (B.2.0 tiled ×50 and imported by `michi import`); and the proportional
//   sets (`*_pss_mb`, shared pages divided among the processes sharing them).
//
// usage: node scripts/bench-app.mjs ROUNDS   (run by scripts/bench.sh under xvfb-run)

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { CLI, ROOT, alternate, median, michiSession, miniBrowserSession, run, sleep, startDrivers, waitFor } from "./webkit.mjs";

const TMP = join(ROOT, "target/bench/app");
const ROUNDS = Number(process.argv[2] ?? 5);
const IDLE_MS = 10_000;

const TICKS = 100; // getconf CLK_TCK on Linux
const bootMs = Number(/btime (\d+)/.exec(readFileSync("/proc/stat", "utf8"))[1]) * 1000;

/** The process's start, in epoch milliseconds. */
function startedAt(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return bootMs + (Number(fields[19]) * 1000) / TICKS;
}

/** Every process: pid → { ppid, name }. */
function processes() {
  const all = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      all.set(Number(d), { ppid, name });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** The newest process named `name` (its command name, 15 characters at most). */
function newest(name) {
  const found = [...processes()].filter(([, p]) => p.name === name.slice(0, 15)).map(([pid]) => pid);
  if (found.length === 0) throw new Error(`no ${name} process`);
  return found.reduce((a, b) => (startedAt(b) >= startedAt(a) ? b : a));
}

/** Resident memory of `pid` and all its descendants, in MB: the resident sets summed (a library the
 * processes share counts once per process) and the proportional sets (each shared page divided
 * among the processes sharing it: what the tree costs the machine). */
function treeRssMb(pid) {
  const all = processes();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [p, info] of all) if (info.ppid === tree[i]) tree.push(p);
  }
  let kb = 0;
  let pssKb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { mb: kb / 1024, pssMb: pssKb / 1024, processes: tree.length };
}

/** One start of Michi on `file`: cold start and, after the idle time, memory. */
async function michi(file, profile) {
  const browser = await michiSession(["--config-dir", join(TMP, `config-${profile}`), file]);
  try {
    const at = await waitFor(
      browser,
      () => {
        const m = performance.getEntriesByName("michi-interactive")[0];
        return m ? performance.timeOrigin + m.startTime : null;
      },
      "michi-interactive",
    );
    const pid = newest("michi-desktop");
    const coldMs = at - startedAt(pid);
    await sleep(IDLE_MS);
    return { coldMs, ...treeRssMb(pid) };
  } finally {
    await browser.deleteSession().catch(() => {});
  }
}

/** One start of MiniBrowser on a blank local page: the engine's own floor. */
async function miniBrowser(page) {
  const browser = await miniBrowserSession();
  try {
    await browser.url(`file://${page}`);
    const at = await waitFor(
      browser,
      () => (document.readyState === "complete" ? performance.timeOrigin + performance.getEntriesByType("navigation")[0].loadEventEnd : null),
      "the page's load",
    );
    const pid = newest("MiniBrowser");
    const coldMs = at - startedAt(pid);
    await sleep(IDLE_MS);
    return { coldMs, ...treeRssMb(pid) };
  } finally {
    await browser.deleteSession().catch(() => {});
  }
}

async function main() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const sample = join(TMP, "sample.michi");
  execFileSync(CLI, ["new", sample, "--sample"]);
  const large = join(TMP, "10k.michi");
  execFileSync(CLI, ["import", join(ROOT, "target/bench/B.2.0x50.bpmn"), "--output", large]);
  const page = join(TMP, "blank.html");
  writeFileSync(page, "<!doctype html><title>blank</title><p>blank</p>");

  const stopDrivers = await startDrivers();
  try {
    const ours = { cold: [], idle: [], idlePss: [], large: [], largePss: [] };
    const peer = { cold: [], idle: [], idlePss: [] };
    await alternate(
      ROUNDS,
      async (r) => {
        const s = await michi(sample, `s${r}`);
        ours.cold.push(s.coldMs);
        ours.idle.push(s.mb);
        ours.idlePss.push(s.pssMb);
        const l = await michi(large, `l${r}`);
        ours.large.push(l.mb);
        ours.largePss.push(l.pssMb);
      },
      async () => {
        const m = await miniBrowser(page);
        peer.cold.push(m.coldMs);
        peer.idle.push(m.mb);
        peer.idlePss.push(m.pssMb);
      },
    );
    console.log(`cold_start_ms: ${median(ours.cold).toFixed(0)}`);
    console.log(`minibrowser_cold_start_ms: ${median(peer.cold).toFixed(0)}`);
    console.log(`idle_rss_mb: ${median(ours.idle).toFixed(0)}`);
    console.log(`minibrowser_idle_rss_mb: ${median(peer.idle).toFixed(0)}`);
    console.log(`idle_pss_mb: ${median(ours.idlePss).toFixed(0)}`);
    console.log(`minibrowser_idle_pss_mb: ${median(peer.idlePss).toFixed(0)}`);
    console.log(`rss_10k_mb: ${median(ours.large).toFixed(0)}`);
    console.log(`pss_10k_mb: ${median(ours.largePss).toFixed(0)}`);
  } finally {
    await stopDrivers();
  }
}

run("bench-app", main);
