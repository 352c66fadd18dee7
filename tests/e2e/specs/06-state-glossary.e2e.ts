// The state layer on a journey map and the common language, on the real app: two monthly CSVs of
// account events laid over the sample journey's stages (counts, a stuck account, what moved between
// the months), counts typed by hand in a workshop, a glossary term linked to a stage, and all of it
// still there after a relaunch.

import { join } from "node:path";

import { ROOT, expectCount, expectText, launch, saved, screenshot, workspace } from "../support/app.ts";

const OCTOBER = join(ROOT, "tests/data/state/journey-accounts-2026-10.csv");
const NOVEMBER = join(ROOT, "tests/data/state/journey-accounts-2026-11.csv");

/** The header of the stage named `name`. */
function stageHeader(name: string) {
  return $(`//div[@data-testid="stage-header"][.//div[contains(@class,"stage-name") and normalize-space()="${name}"]]`);
}

const STAGE_STATE = (name: string) =>
  `//div[contains(@class,"stage-cell")][.//div[contains(@class,"stage-name") and normalize-space()="${name}"]]//div[@data-testid="stage-state"]`;

/** The XPath of the state strip under the stage named `name`. */
function stageState(name: string) {
  return STAGE_STATE(name);
}

/** The XPath of a badge of that strip (read in one query: a chained lookup can hit a strip just re-rendered). */
function stageBadge(name: string, badge: "state-count" | "state-stuck" | "state-moved") {
  return `${STAGE_STATE(name)}//*[@data-testid="${badge}"]`;
}

/** A field of the properties panel, by its label. */
function field(label: string) {
  return $(`//div[contains(@class,"field")][label[normalize-space()="${label}"]]//*[self::input or self::textarea]`);
}

/** The text of the option a select shows now (WebKitWebDriver's `:checked` keeps the first render's). */
async function chosen(testId: string): Promise<string> {
  return browser.execute((id) => {
    const select = document.querySelector(`[data-testid="${id}"]`) as HTMLSelectElement | null;
    return select?.options[select.selectedIndex]?.text ?? "";
  }, testId);
}


async function importCsv(path: string, name: string) {
  await $('[data-testid="import-csv"]').click();
  await $('[data-testid="csv-path"]').setValue(path);
  await browser.keys("Enter");
  await expect($('[data-testid="csv-info"]')).toHaveText(expect.stringContaining("行"));
  // The journey on screen is what the events are about.
  expect(await chosen("csv-target")).toContain("中堅製造業 導入〜更新ジャーニー");
  await $('[data-testid="csv-name"]').setValue(name);
  await $('[data-testid="csv-import"]').click();
  await expectCount('[data-testid="csv-dialog"]', 0);
}

describe("the state layer on a journey, and the glossary", () => {
  let file = "";

  it("lays two months of account events over the journey's stages and shows what moved", async () => {
    file = workspace("journey-state", true);
    await launch(file, "journey-state");
    await expectCount('[data-testid="journey-map"]', 1);
    // An account waiting more than 30 days in onboarding is stuck.
    await stageHeader("オンボーディング").click();
    await field("滞留とみなす日数").setValue("30");
    await browser.keys("Enter");
    await saved();

    await importCsv(OCTOBER, "10月末の状況");
    await expectText(stageBadge("オンボーディング", "state-count"), "4");
    await importCsv(NOVEMBER, "11月18日の状況");
    await expectText(stageBadge("オンボーディング", "state-count"), "3");
    await expectText(stageBadge("活用・定着", "state-count"), "3");
    await expectText(stageBadge("拡大", "state-count"), "2");
    await expectText(stageState("更新"), "ケースなし");
    await expectText(stageBadge("オンボーディング", "state-stuck"), "⚠ 1");
    await expect($('[data-testid="state-summary"]')).toHaveText(expect.stringContaining("滞留 1 件"));
    await stageHeader("オンボーディング").click();
    await expect($('[data-testid="stuck-list"]')).toHaveText(expect.stringContaining("有限会社やまびこ印刷"));

    // Compared with the end of October: who moved where.
    await $('[data-testid="compare-select"]').selectByVisibleText(
      await $('//select[@data-testid="compare-select"]/option[contains(., "10月末の状況")]').getText(),
    );
    await expectText(stageBadge("オンボーディング", "state-moved"), "−1");
    await expectText(stageBadge("活用・定着", "state-moved"), "+2");
    await expectText(stageBadge("拡大", "state-moved"), "+1");
    await screenshot("17-journey-state-compared");

    // Structure only hides the layer on the journey too.
    await $('[data-testid="structure-only"]').click();
    await expectCount('[data-testid="stage-state"]', 0);
    await $('[data-testid="structure-only"]').click();
    await expectCount('[data-testid="stage-state"]', 4);
  });

  it("takes counts typed by hand in a workshop", async () => {
    await $('[data-testid="manual-snapshot"]').click();
    await browser.waitUntil(async () => (await chosen("snapshot-select")).includes("ワークショップでの件数"), {
      timeoutMsg: "the new manual snapshot is not shown",
    });
    await expectText(stageState("更新"), "ケースなし");
    await stageHeader("更新").click();
    await $('[data-testid="manual-count"]').setValue("5");
    await browser.keys("Enter");
    await expectText(stageBadge("更新", "state-count"), "5");
    await stageHeader("拡大").click();
    await $('[data-testid="manual-count"]').setValue("12");
    await browser.keys("Enter");
    await expectText(stageBadge("拡大", "state-count"), "12");
    await saved();
    // Undo takes the last count back.
    await $(".corner-title").click();
    await browser.keys(["Control", "z"]);
    await expectText(stageState("拡大"), "ケースなし");
    await browser.keys(["Control", "Shift", "z"]);
    await expectText(stageBadge("拡大", "state-count"), "12");
    await screenshot("18-journey-manual-counts");
  });

  it("keeps a glossary term, links it to a stage and shows where it is used", async () => {
    await $('[data-testid="new-term"]').click();
    await expect($('[data-testid="glossary-view"]')).toBeExisting();
    await field("用語（日本語）").setValue("価値実感");
    await browser.keys("Enter");
    await field("定義（日本語）").setValue("顧客が製品の価値を自分の言葉で語れる状態。");
    await field("用語（日本語）").click();
    await saved();
    const row = $('//tr[@data-testid="term-row"][.//div[contains(@class,"term-name") and normalize-space()="価値実感"]]');
    await expect(row).toHaveText(expect.stringContaining("顧客が製品の価値を自分の言葉で語れる状態。"));
    await expect(row).toHaveText(expect.stringContaining("まだどの要素にもひも付いていません"));

    // The stage uses the term: tick it in the stage's properties.
    await $('[data-testid="journey-item"]').click();
    await stageHeader("活用・定着").click();
    const term = $('//fieldset[legend[normalize-space()="使う用語"]]//label[.//span[starts-with(normalize-space(),"価値実感")]]//input');
    await term.click();
    await expect(term).toBeSelected();
    await saved();

    await $('[data-testid="glossary-item"]').click();
    const usage = row.$('[data-testid="term-usage"]');
    await expect(usage).toHaveText("活用・定着");
    await screenshot("19-glossary");
    // A usage opens the journey with the stage selected.
    await usage.click();
    await expectCount('[data-testid="journey-map"]', 1);
    await expect(stageHeader("活用・定着")).toHaveAttribute("aria-selected", "true");
  });

  it("keeps the snapshots, the counts and the glossary after a relaunch", async () => {
    await launch(file, "journey-state");
    await expect($$('//select[@data-testid="snapshot-select"]/option')).toBeElementsArrayOfSize(4);
    await $('[data-testid="snapshot-select"]').selectByVisibleText(
      await $('//select[@data-testid="snapshot-select"]/option[contains(., "11月18日の状況")]').getText(),
    );
    await expectText(stageBadge("オンボーディング", "state-stuck"), "⚠ 1");
    await $('[data-testid="glossary-item"]').click();
    await expect($('//tr[@data-testid="term-row"][.//div[normalize-space()="価値実感"]]//button[@data-testid="term-usage"]')).toHaveText("活用・定着");
  });
});
