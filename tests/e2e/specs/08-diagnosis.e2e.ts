// Model diagnosis on the real app: the sample's findings in the status bar and the problems panel;
// a finding selects its element (a journey stage; a process activity, in its diagram); fixing the
// model removes the finding; a rule's severity changed in the settings is followed by the panel and
// kept in the workspace across a relaunch.

import { launch, saved, screenshot, workspace } from "../support/app.ts";

function findings(rule: string) {
  return $$(`//button[@data-testid="finding"][@data-rule="${rule}"]`);
}

function field(label: string) {
  return $(`//div[contains(@class,"field")][label[normalize-space()="${label}"]]//input`);
}


describe("model diagnosis", () => {
  let file = "";

  it("shows the sample's findings in the status bar and the problems panel", async () => {
    file = workspace("diagnosis", true);
    await launch(file, "diagnosis");
    const counts = $('[data-testid="problem-counts"]');
    // Sixteen warnings: four on the model, five stumbling points no customer's words support, the
    // segment no one has heard (the sample's evidence), three stages no function owns and three
    // stages whose plays Account Management owns with one qualified person (the sample's team).
    await expect(counts).toHaveText(expect.stringContaining("⚠ 16"));
    // Badges on the map: the stage without a time-to-value target.
    await expect($$('[data-testid="problem-badge"]')).toBeElementsArrayOfSize({ gte: 3 });
    await counts.click();
    await expect($('[data-testid="problems-panel"]')).toBeDisplayed();
    await expect($$('[data-testid="finding"]')).toBeElementsArrayOfSize({ gte: 8, lte: 30 });
    // Filter by severity: warnings only.
    await $('[data-testid="filter-info"]').click();
    await expect($$('//button[@data-testid="finding"][contains(@class,"sev-info")]')).toBeElementsArrayOfSize(0);
    await $('[data-testid="filter-info"]').click();
    await screenshot("22-problems-panel");
  });

  it("selects the element of a finding, and the finding goes when the model is fixed", async () => {
    await expect(findings("stage-ttv-target")).toBeElementsArrayOfSize(1);
    await findings("stage-ttv-target")[0]!.click();
    const renewal = $('//div[@data-testid="stage-header"][.//div[contains(@class,"stage-name") and normalize-space()="更新"]]');
    await expect(renewal).toHaveAttribute("aria-selected", "true");
    await field("Time to value 目標（日）").setValue("60");
    await browser.keys("Enter");
    await saved();
    await expect(findings("stage-ttv-target")).toBeElementsArrayOfSize(0);

    // A process finding opens its diagram with the activity selected.
    await findings("fake-join")[0]!.click();
    await expect($('[data-testid="diagram-name"]')).toHaveElementProperty("textContent", "オンボーディング業務プロセス");
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("アクティビティ"));
    await expect($('.react-flow__node.selected [data-testid="shape-label"]')).toHaveElementProperty("textContent", "帳票移行ワークショップ");
    await screenshot("23-finding-selected-on-canvas");
  });

  it("follows a rule's severity changed in the settings", async () => {
    await expect(findings("stage-served")).toBeElementsArrayOfSize({ gte: 2 });
    await $('[data-testid="diagnosis-settings"]').click();
    const row = $('//tr[@data-testid="rule-row"][@data-rule="stage-served"]');
    await row.$('[data-testid="rule-severity"]').selectByAttribute("value", "off");
    await saved();
    await screenshot("24-diagnosis-settings");
    await $('[data-testid="settings-close"]').click();
    await expect(findings("stage-served")).toBeElementsArrayOfSize(0);
    // Raised to an error, the rule's findings come back as errors.
    await $('[data-testid="diagnosis-settings"]').click();
    await row.$('[data-testid="rule-severity"]').selectByAttribute("value", "error");
    await saved();
    await $('[data-testid="settings-close"]').click();
    await expect($$('//button[@data-testid="finding"][@data-rule="stage-served"][contains(@class,"sev-error")]')).toBeElementsArrayOfSize({ gte: 2 });
    await expect($('[data-testid="problem-counts"] .sev-error')).not.toHaveText(expect.stringContaining(" 0"));
  });

  it("keeps the settings after a relaunch", async () => {
    await launch(file, "diagnosis");
    await $('[data-testid="problem-counts"]').click();
    await expect($$('//button[@data-testid="finding"][@data-rule="stage-served"][contains(@class,"sev-error")]')).toBeElementsArrayOfSize({ gte: 2 });
    await expect(findings("stage-ttv-target")).toBeElementsArrayOfSize(0);
  });
});
