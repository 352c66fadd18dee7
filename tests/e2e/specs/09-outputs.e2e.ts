// Derived outputs on the real app: the sample journey's playbook and metrics catalog and the CS
// functions the model calls for, derived by Rust; a traced line opens its element; an edit to a
// stage shows in the playbook at once.

import { execFileSync } from "node:child_process";
import { join } from "node:path";

import { ARTIFACTS, TMP, launch, saved, screenshot, workspace } from "../support/app.ts";

function stageHeader(name: string) {
  return $(`//div[@data-testid="stage-header"][.//div[contains(@class,"stage-name") and normalize-space()="${name}"]]`);
}

describe("derived outputs", () => {
  it("shows the playbook of the journey on screen, stage by stage", async () => {
    await launch(workspace("outputs", true), "outputs");
    await $('[data-testid="open-playbook"]').click();
    await expect($('[data-testid="playbook"] h1')).toHaveText(expect.stringContaining("中堅製造業 導入〜更新ジャーニー"));
    await expect($$('[data-testid="playbook-stage"]')).toBeElementsArrayOfSize(4);
    await expect($$('[data-testid="step"]')).toBeElementsArrayOfSize({ gte: 10 });
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining("キックオフミーティング（訪問）"));
    await screenshot("25-playbook");
  });

  it("opens the element a line comes from", async () => {
    const step = $('//li[@data-testid="step"][contains(., "キックオフミーティング（訪問）")]');
    await step.$('[data-testid="trace"]').click();
    await expect($('[data-testid="journey-map"]')).toBeExisting();
    await expect($('//div[@data-testid="card"][@aria-selected="true"]')).toHaveText(expect.stringContaining("キックオフミーティング"));
  });

  it("follows an edit of a stage", async () => {
    await stageHeader("更新").click();
    const name = $('//aside[contains(@class,"properties")]//div[contains(@class,"field")][label[normalize-space()="名前"]]//input');
    await name.setValue("契約更新");
    await browser.keys("Enter");
    await expect(stageHeader("契約更新")).toBeExisting();
    await saved();
    await $('[data-testid="open-playbook"]').click();
    await expect($$('[data-testid="playbook-stage"]')[3]!.$("h2")).toHaveText(expect.stringContaining("4. 契約更新"));
  });

  it("shows the metrics catalog with its KPI tree", async () => {
    await $('[data-testid="tab-metrics"]').click();
    await expect($$('[data-testid="metrics-stage"]')).toBeElementsArrayOfSize(4);
    await expect($$('[data-testid="attached-metric"]')).toBeElementsArrayOfSize({ gte: 6 });
    await expect($('[data-testid="metrics"]')).toHaveText(expect.stringContaining("先行指標"));
    await expect($('[data-testid="kpi-tree"]')).toHaveText(expect.stringContaining("契約更新"));
    await screenshot("26-metrics-catalog");
  });

  it("recommends the CS functions the model calls for, each reason linked to its element", async () => {
    await $('[data-testid="tab-org"]').click();
    await expect($$('[data-testid="org-function"]')).toBeElementsArrayOfSize({ gte: 6 });
    const education = $('//section[@data-testid="org-function"][@data-function="education"]');
    await expect(education).toHaveText(expect.stringContaining("ガイド不足"));
    await screenshot("27-org-functions");
    // A reason on a process activity opens the process diagram with it selected.
    const services = $('//section[@data-testid="org-function"][@data-function="services"]');
    await services.$('//li[contains(., "業務「")]//button[@data-testid="trace"]').click();
    await expect($('[data-testid="diagram-name"]')).toHaveElementProperty("textContent", "オンボーディング業務プロセス");
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("アクティビティ"));
  });

  it("adopts a recommended function into the org design, and the diagnosis follows", async () => {
    await $('[data-testid="open-org"]').click();
    const education = $('//section[@data-testid="org-function"][@data-function="education"]');
    await education.$('[data-testid="accept-function"]').click();
    await saved();
    const adopted = $('//section[@data-testid="adopted-function"][@data-function="education"]');
    await expect(adopted).toHaveText(expect.stringContaining("オンボーディング"));
    // The sample's Account Management owns adoption, expansion and renewal; Education takes the
    // onboarding stages: one stage is left without an owner.
    await expect($('[data-testid="unowned-stages"]')).toHaveText(expect.stringContaining("毎日の習慣化"));
    // The diagnosis asks for an owner of that stage and for people in the new function.
    await $('[data-testid="problem-counts"]').click();
    await expect($$('//button[@data-testid="finding"][@data-rule="function-staffed"]')).toBeElementsArrayOfSize(1);
    await expect($$('//button[@data-testid="finding"][@data-rule="stage-owned"]')).toBeElementsArrayOfSize(1);
    // Two people in a role: the function is staffed.
    await adopted.$('[data-testid="add-role"]').click();
    await saved();
    const headcount = adopted.$('[data-testid="role-headcount"]');
    await headcount.setValue("2");
    await browser.keys("Enter");
    await saved();
    await expect($$('//button[@data-testid="finding"][@data-rule="function-staffed"]')).toBeElementsArrayOfSize(0);
    await expect(adopted).toHaveText(expect.stringContaining("2 人"));
    await screenshot("28-org-design");
  });

  it("prints the playbook to a PDF whose Japanese text reads back", async () => {
    await $('[data-testid="open-playbook"]').click();
    await expect($('[data-testid="playbook"]')).toBeDisplayed();
    const pdf = join(TMP, "playbook.pdf");
    // The Export… dialog is GTK's; the command it calls is invoked directly here.
    const error = await browser.executeAsync((path: string, done: (e: string | null) => void) => {
      const w = window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } };
      w.__TAURI_INTERNALS__.invoke("export_pdf", { path }).then(
        () => done(null),
        (e) => done(JSON.stringify(e)),
      );
    }, pdf);
    expect(error).toBeNull();
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("プレイブック");
    expect(text).toContain("オンボーディング");
    // The app around the document is not printed.
    expect(text).not.toContain("新しいジャーニー");
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, join(ARTIFACTS, "29-playbook-pdf-page")]);
  });

  it("writes a PNG of the diagram on screen", async () => {
    await $('[data-testid="diagram-item"]').click();
    await expect($$(".react-flow__node")).toBeElementsArrayOfSize({ gte: 10 });
    const png = join(TMP, "process.png");
    const result = await browser.executeAsync((path: string, done: (r: { error: string | null; width: number; height: number }) => void) => {
      const r = document.querySelector(".process-flow")!.getBoundingClientRect();
      const w = window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } };
      w.__TAURI_INTERNALS__.invoke("export_png", { path, rect: { x: r.x, y: r.y, width: r.width, height: r.height } }).then(
        () => done({ error: null, width: Math.round(r.width), height: Math.round(r.height) }),
        (e) => done({ error: JSON.stringify(e), width: 0, height: 0 }),
      );
    }, png);
    expect(result.error).toBeNull();
    // The picture is the canvas's size, and not blank.
    const [w, h] = execFileSync("identify", ["-format", "%w %h", png], { encoding: "utf8" }).split(" ").map(Number);
    expect(Math.abs(w! - result.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(h! - result.height)).toBeLessThanOrEqual(1);
    const colours = Number(execFileSync("identify", ["-format", "%k", png], { encoding: "utf8" }));
    expect(colours).toBeGreaterThan(20);
    execFileSync("cp", [png, join(ARTIFACTS, "30-process-png-export.png")]);
  });
});

