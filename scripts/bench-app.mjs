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

import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";

import { remote } from "webdriverio";

const ROOT = resolve(import.meta.dirname, "..");
const APP = join(ROOT, "target/release/michi-desktop");
const CLI = join(ROOT, "target/release/michi");
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const TMP = join(ROOT, "target/bench/app");
const ROUNDS = Number(process.argv[2] ?? 5);
const IDLE_MS = 10_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

async function waitFor(browser, script, what) {
  for (let i = 0; i < 600; i++) {
    const v = await browser.execute(script).catch(() => null);
    if (v) return v;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** One start of Michi on `file`: cold start and, after the idle time, memory. */
async function michi(file, profile) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4460,
    logLevel: "error",
    capabilities: { "tauri:options": { application: APP, args: ["--config-dir", join(TMP, `config-${profile}`), file] } },
  });
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
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4462,
    logLevel: "error",
    capabilities: {
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    },
  });
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

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const sample = join(TMP, "sample.michi");
  execFileSync(CLI, ["new", sample, "--sample"]);
  const large = join(TMP, "10k.michi");
  execFileSync(CLI, ["import", join(ROOT, "target/bench/B.2.0x50.bpmn"), "--output", large]);
  const page = join(TMP, "blank.html");
  writeFileSync(page, "<!doctype html><title>blank</title><p>blank</p>");

  const tauriDriver = process.env.TAURI_DRIVER ?? join(homedir(), ".cargo", "bin", "tauri-driver");
  const drivers = [
    spawn(tauriDriver, ["--port", "4460", "--native-port", "4461"], { stdio: "ignore" }),
    spawn("WebKitWebDriver", ["--port=4462"], { stdio: "ignore" }),
  ];
  try {
    await waitForPort(4460);
    await waitForPort(4461).catch(() => {});
    await waitForPort(4462);
    const ours = { cold: [], idle: [], idlePss: [], large: [], largePss: [] };
    const peer = { cold: [], idle: [], idlePss: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const runOurs = async () => {
        const s = await michi(sample, `s${r}`);
        ours.cold.push(s.coldMs);
        ours.idle.push(s.mb);
        ours.idlePss.push(s.pssMb);
      };
      const runPeer = async () => {
        const m = await miniBrowser(page);
        peer.cold.push(m.coldMs);
        peer.idle.push(m.mb);
        peer.idlePss.push(m.pssMb);
      };
      if (r % 2 === 0) {
        await runOurs();
        await runPeer();
      } else {
        await runPeer();
        await runOurs();
      }
      const l = await michi(large, `l${r}`);
      ours.large.push(l.mb);
      ours.largePss.push(l.pssMb);
    }
    console.log(`cold_start_ms: ${median(ours.cold).toFixed(0)}`);
    console.log(`minibrowser_cold_start_ms: ${median(peer.cold).toFixed(0)}`);
    console.log(`idle_rss_mb: ${median(ours.idle).toFixed(0)}`);
    console.log(`minibrowser_idle_rss_mb: ${median(peer.idle).toFixed(0)}`);
    console.log(`idle_pss_mb: ${median(ours.idlePss).toFixed(0)}`);
    console.log(`minibrowser_idle_pss_mb: ${median(peer.idlePss).toFixed(0)}`);
    console.log(`rss_10k_mb: ${median(ours.large).toFixed(0)}`);
    console.log(`pss_10k_mb: ${median(ours.largePss).toFixed(0)}`);
  } finally {
    for (const d of drivers) d.kill("SIGTERM");
    await sleep(500);
  }
}

main().catch((e) => {
  console.error(`bench-app: ${e.stack ?? e}`);
  process.exit(1);
});
