// The peer of `lint_*_ms`: bpmnlint (npm, the recommended configuration) parsing and linting the same
// tiled files, a fresh Linter per file (a reused one keeps state in no-duplicate-sequence-flows).
// One round (`scripts/bench.sh` alternates rounds with Michi's and takes the medians): per file,
// once to warm up and once measured: `bpmnlint_940_ms`, `bpmnlint_4700_ms`, `bpmnlint_9400_ms`.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { BpmnModdle } = require("bpmn-moddle");
const { Linter } = require("bpmnlint");
const NodeResolver = require("bpmnlint/lib/resolver/node-resolver");

for (const [copies, name] of [[10, "bpmnlint_940_ms"], [50, "bpmnlint_4700_ms"], [100, "bpmnlint_9400_ms"]]) {
  const path = new URL(`../target/bench/B.2.0x${copies}.bpmn`, import.meta.url);
  let ms = 0;
  let found = 0;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const xml = readFileSync(path, "utf8");
    const { rootElement } = await new BpmnModdle().fromXML(xml);
    const linter = new Linter({ config: { extends: "bpmnlint:recommended" }, resolver: new NodeResolver() });
    const reports = await linter.lint(rootElement);
    ms = performance.now() - t;
    found = Object.values(reports).reduce((n, list) => n + list.length, 0);
  }
  if (found === 0) throw new Error(`bpmnlint found nothing in ${path}: the peer did not run as expected`);
  console.log(`${name}: ${ms.toFixed(1)}`);
  console.log(`${name.replace(/_ms$/, "")}_findings: ${found}`);
}
