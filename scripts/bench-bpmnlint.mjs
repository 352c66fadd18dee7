// The peer of `lint_*_ms`: bpmnlint (npm, the recommended configuration) parsing and linting the same
// tiled files, a fresh Linter per file (a reused one keeps state in no-duplicate-sequence-flows).
// Prints `bpmnlint_940_ms`, `bpmnlint_4700_ms`, `bpmnlint_9400_ms`: medians of runs.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { BpmnModdle } = require("bpmn-moddle");
const { Linter } = require("bpmnlint");
const NodeResolver = require("bpmnlint/lib/resolver/node-resolver");

const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];

for (const [copies, name] of [[10, "bpmnlint_940_ms"], [50, "bpmnlint_4700_ms"], [100, "bpmnlint_9400_ms"]]) {
  const path = new URL(`../target/bench/B.2.0x${copies}.bpmn`, import.meta.url);
  const runs = [];
  let found = 0;
  for (let i = 0; i < (copies === 100 ? 3 : 5); i++) {
    const t = performance.now();
    const xml = readFileSync(path, "utf8");
    const { rootElement } = await new BpmnModdle().fromXML(xml);
    const linter = new Linter({ config: { extends: "bpmnlint:recommended" }, resolver: new NodeResolver() });
    const reports = await linter.lint(rootElement);
    runs.push(performance.now() - t);
    found = Object.values(reports).reduce((n, list) => n + list.length, 0);
  }
  console.log(`${name}: ${median(runs).toFixed(1)}`);
  console.log(`${name.replace(/_ms$/, "")}_findings: ${found}`);
}
