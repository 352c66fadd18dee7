// Segment variants, play owners, the sizing and the catalog on the real app: a playbook for one
// segment; an edited touchpoint changes the hours; the catalog's assumptions and default
// interventions are edited in the app, undone with the rest; a function adopted and given another
// stage owns its plays; a journey map is written as SVG.

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { TMP, expectCount, launch, saved, screenshot, workspace } from "../support/app.ts";

const SIZING_LINE = (name: string) => `//tr[@data-testid="sizing-line"][contains(., "${name}")]`;

describe("org design, sizing and the catalog", () => {
  it("shows a segment's variant of the playbook, each play with its owner", async () => {
    await launch(workspace("org-design", true), "org-design");
    await $('[data-testid="open-playbook"]').click();
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining("工場ごとの立ち上げ支援（訪問）"));
    // The whole playbook names the segment of a step drawn for one segment only.
    await expect($('//li[@data-testid="step"][contains(., "工場ごとの立ち上げ支援")]//span[@data-testid="step-segments"]')).toHaveText("大手製造業のみ");
    await expectCount('[data-testid="play-owner"]', { gte: 6 });
    await expect($('[data-testid="play-owner"]')).toHaveText(expect.stringContaining("サービス（導入・実装）"));
    await $('[data-testid="variant-select"]').selectByVisibleText("大手製造業");
    await expect($('[data-testid="playbook-segment"]')).toHaveText(expect.stringContaining("大手製造業"));
    await expect($('[data-testid="playbook"]')).not.toHaveText(expect.stringContaining("週次の導入定例"));
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining("工場ごとの立ち上げ支援（訪問）"));
    await screenshot("31-playbook-variant");
    await $('[data-testid="variant-select"]').selectByVisibleText("全体（すべてのセグメント）");
    await expect($('[data-testid="playbook"]')).toHaveText(expect.stringContaining("週次の導入定例"));
  });

  it("sizes the touch load with its arithmetic, and follows an edited touchpoint", async () => {
    await $('[data-testid="tab-org"]').click();
    await expect($(SIZING_LINE("キックオフミーティング（訪問）"))).toHaveText(expect.stringContaining("新規 30社／年 × 1回 × 120分 = 60時間"));
    await expect($('[data-testid="sizing-total"]')).toHaveText(expect.stringContaining("2.02 人"));
    // Give the kick-off twice the time, in the touchpoint's properties.
    await $('//button[@data-testid="journey-item"][contains(., "中堅製造業")]').click();
    await $('//div[@data-testid="card"][contains(., "キックオフミーティング（訪問）")]').click();
    const minutes = $('[data-testid="touch-minutes"]');
    await expect(minutes).toHaveValue("120");
    await minutes.setValue("240");
    await browser.keys("Enter");
    await saved();
    await $('[data-testid="open-org"]').click();
    await expect($(SIZING_LINE("キックオフミーティング（訪問）"))).toHaveText(expect.stringContaining("新規 30社／年 × 1回 × 240分 = 120時間"));
    await expect($('[data-testid="sizing-total"]')).toHaveText(expect.stringContaining("2.08 人"));
  });

  it("edits the sizing assumptions in the catalog, and undo restores them", async () => {
    await $('[data-testid="edit-assumptions"]').click();
    await expect($('[data-testid="catalog-sizing"]')).toBeDisplayed();
    await $('[data-testid="sizing-hoursPerFte"]').setValue("1500");
    await screenshot("32-catalog-sizing");
    await $('[data-testid="catalog-save"]').click();
    await expectCount('[data-testid="catalog-dialog"]', 0);
    await saved();
    await expect($('[data-testid="sizing-summary"]')).toHaveText(expect.stringContaining("年1,500時間"));
    await expect($('[data-testid="sizing-total"]')).toHaveText(expect.stringContaining("2.49 人"));
    await $('[data-testid="undo"]').click();
    await saved();
    await expect($('[data-testid="sizing-summary"]')).toHaveText(expect.stringContaining("年1,800時間"));
  });

  it("edits a default intervention, and the playbook suggests the new text", async () => {
    await $('[data-testid="open-playbook"]').click();
    await $('[data-testid="edit-catalog"]').click();
    const none = $('[data-testid="intervention-none-ja"]');
    await expect(none).toHaveValue(expect.stringContaining("つまずきの理由を顧客と確かめ"));
    await none.setValue("担当者が決まらない理由を決裁者に聞き、推進体制を組み直してもらう");
    await $('[data-testid="catalog-save"]').click();
    await saved();
    const step = $('//li[@data-testid="step"][contains(., "推進体制を組み直してもらう")]');
    await expect(step).toHaveText(expect.stringContaining("提案"));
  });

  it("adopts a function, gives it another stage, and it owns that stage's plays", async () => {
    await $('[data-testid="tab-org"]').click();
    await $('//section[@data-testid="org-function"][@data-function="services"]//button[@data-testid="accept-function"]').click();
    await saved();
    const services = '//section[@data-testid="adopted-function"][@data-function="services"]';
    // Its reasons point at the two onboarding stages and the four process activities serving one.
    await expectCount('[data-testid="adopted-function"][data-function="services"] [data-testid="owned"]', 6);
    // The sample's Account Management owns the adoption stage: it gives it up first.
    const am = '//section[@data-testid="adopted-function"][@data-function="accountManagement"]';
    await $(`${am}//li[@data-testid="owned"][contains(., "活用・定着")]//button[@data-testid="unown"]`).click();
    await saved();
    await $(`${services}//select[@data-testid="own-stage"]`).selectByVisibleText("活用・定着");
    await saved();
    await expectCount('[data-testid="adopted-function"][data-function="services"] [data-testid="owned"]', 7);
    await expect($(services)).toHaveText(expect.stringContaining("活用・定着"));
    // The sizing now puts the adoption stage's touchpoints on Services too, no longer suggested.
    await expect($('//*[@data-testid="sizing-function"][@data-function="services"]')).toHaveText(expect.stringContaining("利用状況レポート（月次）"));
    await $('[data-testid="sizing"]').scrollIntoView();
    await screenshot("33-org-sizing");
    await $('[data-testid="tab-playbook"]').click();
    const adoption = '//section[@data-testid="playbook-stage"][.//h2[contains(., "活用・定着")]]';
    await expect($(`${adoption}//p[@data-testid="play-owner"]`)).toHaveText(expect.stringContaining("担当: サービス（導入・実装）"));
    // Unowning gives the stage back to the suggestions.
    await $('[data-testid="tab-org"]').click();
    await $(`${services}//li[@data-testid="owned"][contains(., "活用・定着")]//button[@data-testid="unown"]`).click();
    await saved();
    await expectCount('[data-testid="adopted-function"][data-function="services"] [data-testid="owned"]', 6);
  });

  it("writes the journey map as an SVG picture", async () => {
    const svgPath = join(TMP, "journey.svg");
    const error = await browser.executeAsync((path: string, done: (e: string | null) => void) => {
      const w = window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } };
      w.__TAURI_INTERNALS__
        .invoke("outline", {})
        .then((o) => {
          const view = (o as { journeys: { view: string; name: string }[] }).journeys.find((j) => j.name.includes("中堅製造業"))!.view;
          return w.__TAURI_INTERNALS__.invoke("export_svg", { view, language: "ja", path });
        })
        .then(
          () => done(null),
          (e) => done(JSON.stringify(e)),
        );
    }, svgPath);
    expect(error).toBeNull();
    const svg = readFileSync(svgPath, "utf8");
    expect(svg).toContain("タッチポイント");
    expect(svg).toContain("キックオフミーティング（訪問）");
  });
});
