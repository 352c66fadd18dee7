// The skill matrix on the real app: the sample's team in the heatmap (levels against what the role
// needs), a level raised in the cell editor and by the keyboard, the coverage mark on the plays
// going once two people meet Account Management's requirement, a CSV of assessments imported, a
// person's development plan, the capability model edited and undone, and all of it after a relaunch.

import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { TMP, answerDialog, expectCount, expectText, launch, saved, screenshot, workspace } from "../support/app.ts";

const cell = (person: string, skill: string) =>
  `//tr[@data-testid="heatmap-row"][@data-person="${person}"]//button[@data-testid="skill-cell"][@data-skill="${skill}"]`;

async function expectCell(person: string, skill: string, level: string, below: boolean) {
  await browser.waitUntil(
    async () =>
      browser.execute(
        (x: string, l: string, b: string) => {
          const node = document.evaluate(x, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue as HTMLElement | null;
          return node?.dataset.level === l && node.dataset.below === b;
        },
        cell(person, skill),
        level,
        String(below),
      ),
    { timeoutMsg: `${person}'s ${skill} is not ${level} (below: ${below})` },
  );
}

const renewalOwner = '//section[@data-testid="playbook-stage"][.//h2[contains(., "更新")]]//p[@data-testid="play-owner"]';

describe("skill matrix", () => {
  let file = "";

  it("shows the sample's team against what Account Management needs", async () => {
    file = workspace("skills", true);
    await launch(file, "skills");
    await $('[data-testid="skills-item"]').click();
    await expectCount('[data-testid="heatmap-row"]', 4);
    await expectCount('[data-testid="skill-cell"]', 4 * 16);
    // 鈴木 is one level short on risk escalation; 佐藤 meets it.
    await expectCell("鈴木 健太", "risk", "2", true);
    await expectCell("佐藤 美咲", "risk", "3", false);
    // Filtered by Account Management's role, the fourth person (no role) goes.
    await $('[data-testid="filter-role"]').selectByVisibleText("アカウントマネージャー（アカウントマネジメント）");
    await expectCount('[data-testid="heatmap-row"]', 3);
    await screenshot("60-skills-heatmap");
    await $('[data-testid="filter-role"]').selectByIndex(0);
    await expectCount('[data-testid="heatmap-row"]', 4);
    // Compared with 1 April 2026: what moved since, marked on the cells.
    await $('[data-testid="skills-compare"]').selectByIndex(2);
    await expectText('//section[@data-testid="skills-changes"]', { contains: "鈴木 健太 — リスクの把握: 1 → 2" });
    await expectCount('[data-testid="skill-cell"].changed', { gte: 10 });
    await $('[data-testid="skills-compare"]').selectByIndex(0);
    await expectCount('[data-testid="skills-changes"]', 0);

    // The gaps: two short, train 鈴木 and 高橋.
    await $('[data-testid="skills-tab-gaps"]').click();
    await expectText('//article[@data-testid="skills-document"]//tr[@data-testid="skill-gap"]', { contains: "育成" });
    await expectText('//article[@data-testid="skills-document"]', { contains: "鈴木 健太、高橋 綾" });
    await screenshot("65-skills-gaps");
    // The playbook marks the renewal plays: one person can run them.
    await $('[data-testid="open-playbook"]').click();
    await expectText(renewalOwner, { contains: "要件を満たす人 1 人" });
    await expectText(renewalOwner, { contains: "2 人に届きません" });
    await $('[data-testid="open-org"]').click();
    await expectText('//p[@data-testid="function-qualified"]', { contains: "人数が足りません" });
  });

  it("raises a level in the cell editor, and the mark on the plays goes", async () => {
    await $('[data-testid="skills-item"]').click();
    await $('[data-testid="skills-tab-team"]').click();
    await $(cell("鈴木 健太", "risk")).click();
    await expect($('[data-testid="cell-editor"]')).toBeDisplayed();
    await $('[data-testid="cell-current"]').selectByAttribute("value", "3");
    await $('[data-testid="cell-evidence"]').setValue("高リスク判定の顧客が更新した");
    await screenshot("61-skills-cell-editor");
    await $('[data-testid="cell-save"]').click();
    await saved();
    await expectCell("鈴木 健太", "risk", "3", false);
    await $('[data-testid="open-playbook"]').click();
    await expectText(renewalOwner, { contains: "要件を満たす人 2 人" });
    const owner = await $(renewalOwner).getText();
    expect(owner).not.toContain("届きません");
    // The org view says so too, without the mark.
    await $('[data-testid="open-org"]').click();
    await expectText('//p[@data-testid="function-qualified"]', "スキル要件を満たす人 2 人（スキルマトリクス）");
  });

  it("steps a level with the keyboard, and Undo takes it back", async () => {
    await $('[data-testid="skills-item"]').click();
    await $('[data-testid="skills-tab-team"]').click();
    await browser.execute((x: string) => {
      const node = document.evaluate(x, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue as HTMLElement;
      node.focus();
    }, cell("高橋 綾", "renewal"));
    await browser.keys("+");
    await saved();
    await expectCell("高橋 綾", "renewal", "3", false);
    await browser.keys(["Control", "z"]);
    await saved();
    await expectCell("高橋 綾", "renewal", "2", true);
  });

  it("imports a CSV of assessments as one step", async () => {
    const csv = join(TMP, "skills-import.csv");
    writeFileSync(csv, "名前,役割,スキル,日付,現在,目標,評価者\n伊藤 花,アカウントマネージャー,リスクの把握,2026-11-20,3,4,山本 部長\n伊藤 花,アカウントマネージャー,契約更新,2026-11-20,2,3,山本 部長\n");
    await answerDialog(csv);
    await $('[data-testid="skills-import"]').click();
    await saved();
    await expectCount('[data-testid="heatmap-row"]', 5);
    await expectCell("伊藤 花", "risk", "3", false);
    await expectCell("伊藤 花", "renewal", "2", true);
    // A file with a bad cell is refused whole, naming where.
    const bad = join(TMP, "skills-bad.csv");
    writeFileSync(bad, "名前,スキル,日付,現在\n伊藤 花,リスクの把握,2026-11-21,9\n");
    await answerDialog(bad);
    await $('[data-testid="skills-import"]').click();
    await expect($('[data-testid="error-banner"]')).toHaveText(expect.stringContaining("2行目「現在」: 「9」はレベル"));
    await expectCell("伊藤 花", "risk", "3", false);
    await screenshot("64-skills-import-refused");
    await $('//div[@data-testid="error-banner"]/button').click();
  });

  it("shows a person's development plan and history", async () => {
    await $('//tr[@data-testid="heatmap-row"][@data-person="高橋 綾"]//button[@data-testid="open-person"]').click();
    await expect($('[data-testid="person-name"]')).toHaveText("高橋 綾");
    await expectCount('[data-testid="plan-step"]', 5);
    await expectText('(//li[@data-testid="plan-step"])[1]', { contains: "役割に必要" });
    await expectText('//table[@data-testid="person-history"]', { contains: "2025" });
    await screenshot("62-skills-person");
    // Another person, renamed on their page.
    await $('[data-testid="person-pick"]').selectByVisibleText("田中 誠");
    await expect($('[data-testid="person-name"]')).toHaveText("田中 誠");
    await $('[data-testid="person-rename"]').setValue("田中 誠司");
    await browser.keys("Enter");
    await saved();
    await expect($('[data-testid="person-name"]')).toHaveText("田中 誠司");
  });

  it("edits the capability model, and Undo restores the text", async () => {
    await $('[data-testid="skills-tab-model"]').click();
    await expectCount('[data-testid="model-row"]', 16);
    const can = $('//tr[@data-testid="model-row"][@data-skill="advocacy"]//textarea[@data-testid="model-can"]');
    await expect(can).toHaveValue("満足している顧客を見つけ、チームに伝える");
    await can.setValue("満足している顧客を見つけ、事例の候補として記録する");
    await $('[data-testid="skills-tab-model"]').click();
    await saved();
    await screenshot("63-skills-model");
    await browser.keys(["Control", "z"]);
    await saved();
    await expect(can).toHaveValue("満足している顧客を見つけ、チームに伝える");
  });

  it("sets when an assessment goes stale, and the mark follows", async () => {
    await $('[data-testid="skills-tab-team"]').click();
    const stale = `${cell("高橋 綾", "health")}[contains(@class,"stale")]`;
    await expectCount('[data-testid="skill-cell"].stale', 1);
    await expect($(stale)).toBeExisting();
    await $('[data-testid="skills-settings"]').click();
    await $('[data-testid="skills-staleAfterDays"]').setValue("600");
    await $('[data-testid="catalog-save"]').click();
    await saved();
    await expectCount('[data-testid="skill-cell"].stale', 0);
  });

  it("has the team after a relaunch", async () => {
    await launch(file, "skills");
    await $('[data-testid="skills-item"]').click();
    await expectCount('[data-testid="heatmap-row"]', 5);
    await expectCell("鈴木 健太", "risk", "3", false);
    await expectCell("伊藤 花", "risk", "3", false);
  });
});
