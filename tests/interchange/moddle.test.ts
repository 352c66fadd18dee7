// Files Michi exports are read by bpmn-moddle (the parser under bpmn-js and Camunda Modeler) without
// errors, warnings or unresolved references, and it sees every element the original had, with the
// same type.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { BpmnModdle } from "bpmn-moddle";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const cli = process.env.MICHI_CLI ?? join(root, "target/debug/michi");
const miwg = join(root, "tests/data/bpmn/miwg");
const work = mkdtempSync(join(tmpdir(), "michi-moddle-"));

type Parsed = Awaited<ReturnType<BpmnModdle["fromXML"]>>;

async function parse(xml: string): Promise<Parsed> {
  return new BpmnModdle().fromXML(xml);
}

function roundTrip(file: string): string {
  const name = file.replace(/\.bpmn$/, "");
  const michi = join(work, `${name}.michi`);
  const out = join(work, `${name}.exported.bpmn`);
  execFileSync(cli, ["import", join(miwg, file), "-o", michi, "--force"], { stdio: "pipe" });
  execFileSync(cli, ["export", michi, "-o", out], { stdio: "pipe" });
  return readFileSync(out, "utf8");
}

const files = readdirSync(miwg).filter((f) => f.endsWith(".bpmn")).sort();

describe("bpmn-moddle reads a diagram drawn in Michi", () => {
  it("the sample's onboarding process: no warnings, pools, lanes, hand-offs and data", async () => {
    const michi = join(work, "sample.michi");
    const out = join(work, "sample.bpmn");
    execFileSync(cli, ["new", michi, "--sample", "--force"], { stdio: "pipe" });
    execFileSync(cli, ["export", michi, "-o", out], { stdio: "pipe" });
    const parsed = await parse(readFileSync(out, "utf8"));
    expect(parsed.warnings.map((w) => w.message)).toEqual([]);
    const byType = (t: string) => Object.values(parsed.elementsById).filter((e) => e.$type === t);
    expect(byType("bpmn:Participant")).toHaveLength(2);
    expect(byType("bpmn:Lane")).toHaveLength(5);
    expect(byType("bpmn:MessageFlow")).toHaveLength(3);
    expect(byType("bpmn:ExclusiveGateway")).toHaveLength(1);
    expect(byType("bpmn:DataOutputAssociation").length).toBeGreaterThanOrEqual(1);
    // Every flow node has a shape in the diagram.
    const shapes = new Set(byType("bpmndi:BPMNShape").map((s) => (s.bpmnElement as { id: string }).id));
    for (const t of ["bpmn:Task", "bpmn:UserTask", "bpmn:StartEvent", "bpmn:EndEvent", "bpmn:ExclusiveGateway"]) {
      for (const e of byType(t)) expect(shapes.has(e.id as string), `${e.id} has a shape`).toBe(true);
    }
  });
});

describe("bpmn-moddle reads what Michi exports", () => {
  it("has the reference models to read", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(`${file}: no warnings, no unresolved references, every element kept with its type`, async () => {
      const exported = await parse(roundTrip(file));
      expect(exported.warnings.map((w) => w.message)).toEqual([]);
      expect(exported.rootElement.$type).toBe("bpmn:Definitions");

      const original = await parse(readFileSync(join(miwg, file), "utf8"));
      const types = (p: Parsed) =>
        Object.fromEntries(Object.entries(p.elementsById).map(([id, el]) => [id, (el as { $type: string }).$type]));
      const before = types(original);
      delete before[original.rootElement.id as string];
      const after = types(exported);
      for (const [id, type] of Object.entries(before)) {
        expect(after[id], `${id} (${type})`).toBe(type);
      }
    });
  }
});
