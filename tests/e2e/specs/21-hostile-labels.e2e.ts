// Text from a file or a person is shown as text, never run (docs/security.md): a stage and a card
// named with HTML that would run script, then the playbook derived from them, and a BPMN file whose
// pool, lane and tasks carry such names, on the process canvas and in the diagnosis. Each place
// shows the text literally; no handler ran (`window.__pwned` stays unset) and no element the text
// describes exists in the page.

import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { Key } from "webdriverio";

import { TMP, answerDialog, launch, screenshot, workspace } from "../support/app.ts";

const IMG = `<img src="x" onerror="window.__pwned='img'">`;
const SCRIPT = `<script>window.__pwned='script'</script>`;
const SVG = `<svg onload="window.__pwned='svg'"></svg>`;
const IFRAME = `<iframe src="javascript:window.__pwned='iframe'"></iframe>`;

/** What ran, if anything, and elements the names describe, if any made it into the page. */
async function ranOrInjected() {
  return browser.execute(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    injected: document.querySelectorAll('img[src="x"], iframe[src^="javascript"], svg[onload], [onerror]').length,
    scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__pwned")).length,
  }));
}

const clean = { pwned: null, injected: 0, scripts: 0 };

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("labels holding HTML or script", () => {
  it("are text on the journey map and in the playbook", async () => {
    await launch(workspace("hostile", false), "hostile");
    await $("button=+ 新しいジャーニー").click();
    await $(".sidebar-new textarea").setValue(`導入 ${SVG}`);
    await browser.keys(Key.Enter);
    await $(".add-stage-cell textarea").setValue(IMG);
    await browser.keys(Key.Enter);
    await expect($('[data-testid="stage-header"] .stage-name')).toHaveText(IMG);
    const cell = $('[data-testid="cell-customerAction"]');
    await cell.$('[aria-label="顧客の行動を追加"]').click();
    await cell.$("textarea").setValue(SCRIPT);
    await browser.keys(Key.Enter);
    await expect(cell.$('[data-testid="card"]')).toHaveText(expect.stringContaining(SCRIPT));
    const csAction = $('[data-testid="cell-csAction"]');
    await csAction.$('[aria-label="CSアクションを追加"]').click();
    await csAction.$("textarea").setValue(IFRAME);
    await browser.keys(Key.Enter);
    await expect(csAction.$('[data-testid="card"]')).toHaveText(expect.stringContaining(IFRAME));
    expect(await ranOrInjected()).toEqual(clean);
    await screenshot("60-hostile-journey");

    await $('[data-testid="open-playbook"]').click();
    await expect($('[data-testid="playbook"] h1')).toHaveText(expect.stringContaining(SVG));
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining(IMG));
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining(IFRAME));
    expect(await ranOrInjected()).toEqual(clean);
    await screenshot("61-hostile-playbook");
  });

  it("are text on the process canvas and in the diagnosis, from a BPMN file", async () => {
    const bpmn = join(TMP, "hostile-labels.bpmn");
    writeFileSync(
      bpmn,
      `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="x">
  <collaboration id="c"><participant id="pa" name="${escapeXml(SVG)}" processRef="p"/></collaboration>
  <process id="p">
    <laneSet id="ls"><lane id="l" name="${escapeXml(IFRAME)}"><flowNodeRef>t1</flowNodeRef><flowNodeRef>t2</flowNodeRef></lane></laneSet>
    <task id="t1" name="${escapeXml(IMG)}"/>
    <task id="t2" name="${escapeXml(SCRIPT)}"/>
  </process>
  <bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="c">
    <bpmndi:BPMNShape id="pa_di" bpmnElement="pa" isHorizontal="true"><dc:Bounds x="0" y="0" width="700" height="250"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="l_di" bpmnElement="l" isHorizontal="true"><dc:Bounds x="30" y="0" width="670" height="250"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="t1_di" bpmnElement="t1"><dc:Bounds x="120" y="80" width="160" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="t2_di" bpmnElement="t2"><dc:Bounds x="380" y="80" width="160" height="80"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>
`,
    );
    await answerDialog(bpmn);
    await $('[data-testid="import-bpmn"]').click();
    const labels = () => $$('[data-testid="shape-label"]').map((l) => l.getProperty("textContent"));
    await browser.waitUntil(async () => (await labels()).includes(IMG), { timeout: 10000, timeoutMsg: "the imported labels are not shown" });
    expect(await labels()).toEqual(expect.arrayContaining([IMG, SCRIPT, SVG, IFRAME]));
    expect(await ranOrInjected()).toEqual(clean);
    await screenshot("62-hostile-process");
    // The diagnosis names the shapes by their labels (the tasks are unconnected).
    await $('[data-testid="problem-counts"]').click();
    await expect($('[data-testid="problems-panel"]')).toHaveText(expect.stringContaining(SCRIPT));
    expect(await ranOrInjected()).toEqual(clean);
    await screenshot("63-hostile-diagnosis");
  });
});
