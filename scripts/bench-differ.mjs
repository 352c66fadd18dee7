// The peer of `diff_10k_ms`: bpmn-js-differ (npm, the bpmn.io diff library) on the same pair, both
// read with bpmn-moddle first; the diff alone, once to warm up and once measured. One round
// (`scripts/bench.sh` alternates rounds with Michi's and takes the medians).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { diff } from "bpmn-js-differ";

const require = createRequire(import.meta.url);
const { BpmnModdle } = require("bpmn-moddle");

const read = async (name) =>
  (await new BpmnModdle().fromXML(readFileSync(new URL(`../target/bench/${name}`, import.meta.url), "utf8"))).rootElement;
const [a, b] = [await read("B.2.0x50.bpmn"), await read("B.2.0x50-5pct.bpmn")];
let ms = 0;
let found = 0;
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const d = diff(a, b);
  ms = performance.now() - t;
  found = [d._added, d._removed, d._changed, d._layoutChanged].reduce((n, o) => n + Object.keys(o).length, 0);
}
if (found === 0) throw new Error("bpmn-js-differ found no change: the peer did not run as expected");
console.log(`bpmn_js_differ_10k_ms: ${ms.toFixed(1)}`);
console.log(`bpmn_js_differ_changes: ${found}`);
