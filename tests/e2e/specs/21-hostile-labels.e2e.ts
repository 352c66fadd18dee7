// Text from a file or a person is shown as text, never run (docs/security.md): a stage and a card
// named with HTML that would run script, then the playbook derived from them; a BPMN file whose
// pool, lane and tasks carry such names, on the process canvas and in the diagnosis; accounts so
// named in the health view; a stage so named in the metrics and org outputs and in the versions
// compared side by side. Each place shows the text literally; no handler ran (`window.__pwned`
// stays unset) and no element the text describes exists in the page.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { Key } from "webdriverio";

import { ROOT, TMP, answerDialog, expectCount, launch, saved, screenshot, workspace } from "../support/app.ts";

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
    // The same names in a pool, a lane and tasks (the file the CLI's test exports and draws).
    const bpmn = join(ROOT, "tests/data/hostile/bpmn/script-labels.bpmn");
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

  it("are text in the health view, the metrics and org outputs, and the versions compared beside", async () => {
    await launch(workspace("hostile-sample", true), "hostile-sample");
    // A CRM export whose company names hold such HTML.
    const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const october = readFileSync(join(ROOT, "crates/michi-core/samples/accounts-2026-10.csv"), "utf8");
    const csv = join(TMP, "hostile-accounts-2026-10.csv");
    writeFileSync(csv, october.replace("山田製作所", quoted(IMG)).replace("青葉食品工業", quoted(SCRIPT)));
    await $('[data-testid="health-item"]').click();
    await $('[data-testid="import-accounts"]').click();
    await $('[data-testid="accounts-path"]').setValue(csv);
    await browser.keys("Enter");
    await expect($('[data-testid="accounts-info"]')).toHaveText(expect.stringContaining("40"));
    await $('[data-testid="accounts-import"]').click();
    await expectCount('[data-testid="accounts-dialog"]', 0);
    await saved();
    const rows = await $$('[data-testid="account-row"]').map((r) => r.getProperty("textContent"));
    expect(rows.join("\n")).toEqual(expect.stringContaining(IMG));
    expect(rows.join("\n")).toEqual(expect.stringContaining(SCRIPT));
    expect(await ranOrInjected()).toEqual(clean);
    // Brought into view: the two accounts (C-1001, C-1002) and their neighbours.
    await $('[data-testid="account-search"]').setValue("C-100");
    await browser.keys("Enter");
    await expectCount('[data-testid="account-row"]', 9);
    await browser.keys("Tab");
    await screenshot("64-hostile-health");

    // A to-be version whose first stage is renamed so.
    await $('[data-testid="version-menu"]').click();
    await $('[data-testid="version-fork"]').click();
    await $('[data-testid="version-name"]').setValue("案X");
    await browser.keys("Enter");
    await expectCount('[data-testid="version-dialog"]', 0);
    await saved();
    await $('//button[contains(@class,"journey-item")][.//span[contains(., "中堅製造業")]]').click();
    await $('//div[@data-testid="stage-header"][.//div[contains(@class,"stage-name") and normalize-space()="オンボーディング"]]').click();
    const name = $('//div[contains(@class,"field")][label[normalize-space()="名前"]]//input');
    await name.setValue(SVG);
    await browser.keys("Enter");
    await saved();
    await expect($('[data-testid="stage-header"] .stage-name')).toHaveText(SVG);

    await $('[data-testid="open-playbook"]').click();
    await $('[data-testid="tab-metrics"]').click();
    await expect($('[data-testid="metrics"]')).toHaveText(expect.stringContaining(SVG));
    expect(await ranOrInjected()).toEqual(clean);
    await screenshot("65-hostile-metrics");
    await $('[data-testid="tab-org"]').click();
    await expectCount('[data-testid="org-function"]', { gte: 6 });
    expect(await ranOrInjected()).toEqual(clean);

    await $('//button[contains(@class,"journey-item")][.//span[contains(., "中堅製造業")]]').click();
    await $('[data-testid="version-compare"]').selectByVisibleText("現状");
    await $('[data-testid="side-by-side"]').click();
    await expectCount('[data-testid="other-pane"]', 1);
    const headers = await $$('[data-testid="stage-header"] .stage-name').map((h) => h.getProperty("textContent"));
    expect(headers).toEqual(expect.arrayContaining([SVG, "オンボーディング"]));
    expect(await ranOrInjected()).toEqual(clean);
    await screenshot("66-hostile-side-by-side");
  });
});
