// Customer conversations as evidence on the real app: the sample's five conversations leave the
// enterprise segment unheard; three more are logged with the keyboard (accounts in three
// segments), a note's words are quoted with Ctrl+Enter, one quote is linked to a stumbling point by
// typing its name and another to a stage by picking it on the journey map; coverage changes and two
// findings disappear; two tags are merged and the merge undone; the coverage layer marks the map;
// everything is there after a relaunch.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { TMP, answerDialog, expectCount, expectText, launch, saved, screenshot, workspace } from "../support/app.ts";



const HEADER = (name: string) => `//div[@data-testid="stage-header"][.//div[contains(@class,"stage-name") and normalize-space()="${name}"]]`;

async function findings(rule: string): Promise<number> {
  return browser.execute((r) => document.querySelectorAll(`[data-testid="finding"][data-rule="${r}"]`).length, rule);
}

async function heard(): Promise<string> {
  return browser.execute(() => document.querySelector('[data-testid="coverage-heard"]')?.textContent ?? "");
}

async function cellConversations(segment: string): Promise<string> {
  return browser.execute(
    (s) => document.querySelector(`[data-testid="coverage-cell"][data-segment="${s}"] [data-testid="cell-conversations"]`)?.textContent ?? "",
    segment,
  );
}

async function tagCount(path: string): Promise<number> {
  return browser.execute((p) => {
    const row = document.querySelector(`[data-testid="tag-row"][data-path="${p}"]`);
    return row ? Number(row.querySelector(".muted")?.textContent ?? "-1") : -1;
  }, path);
}

/** Logs a conversation with the keyboard: a new one (Alt+N), its account, segment and one note. */
async function logConversation(account: string, segment: string, behaviour: string) {
  const before = await browser.execute(() => document.querySelectorAll('[data-testid="conversation-row"]').length);
  await browser.keys(["Alt", "n"]);
  await expectCount('[data-testid="conversation-row"]', before + 1);
  // The account field has the focus: type, then Tab on.
  await expect($('[data-testid="conversation-account"]')).toBeFocused();
  await browser.keys([...account, "Tab"]);
  await saved();
  await $('[data-testid="conversation-segment"]').selectByVisibleText(segment);
  await saved();
  await $('[data-testid="note-behaviour"]').click();
  await browser.keys([...behaviour, "Tab"]);
  await saved();
  await expectText('//*[@data-testid="conversation-editor"]//h3', account);
}

/** Selects `words` in the behaviour note and quotes them with Ctrl+Enter. */
async function quoteWords(words: string) {
  const before = await browser.execute(() => document.querySelectorAll('[data-testid="quote-item"]').length);
  await $('[data-testid="note-behaviour"]').click();
  await browser.execute((w) => {
    const el = document.querySelector<HTMLTextAreaElement>('[data-testid="note-behaviour"]')!;
    const at = el.value.indexOf(w);
    el.setSelectionRange(at, at + w.length);
  }, words);
  await browser.keys(["Control", "Enter"]);
  await expectCount('[data-testid="quote-item"]', before + 1);
  await saved();
  expect(await browser.execute(() => [...document.querySelectorAll<HTMLTextAreaElement>('[data-testid="quote-text"]')].map((q) => q.value))).toContain(words);
}

describe("customer conversations as evidence", () => {
  let file = "";

  it("shows the sample's coverage: five customers heard, the enterprise segment unheard", async () => {
    file = workspace("evidence", true);
    await launch(file, "evidence");
    await $('[data-testid="evidence-item"]').click();
    await expect($('[data-testid="evidence-view"]')).toBeDisplayed();
    await expectCount('[data-testid="conversation-row"]', 5);
    expect(await heard()).toContain("5 社");
    expect(await cellConversations("大手製造業")).toBe("0");
    await browser.keys(["Control", "Shift", "m"]);
    await $('[data-testid="filter-rule"]').selectByVisibleText("segment-heard");
    expect(await findings("segment-heard")).toBe(1);
    await browser.keys(["Control", "Shift", "m"]);
    // The target is the team's to set (20 by default).
    await $('[data-testid="coverage-target"]').setValue("25");
    await browser.keys("Tab");
    await saved();
    await browser.waitUntil(async () => (await heard()).includes("目標 25 社"));
    await screenshot("52-evidence-sample");
  });

  it("logs three conversations in three segments with the keyboard and quotes a note's words", async () => {
    await logConversation("中央ホールディングス製造", "大手製造業", "他の工場は誰が推進するのか決まっていないと言われた。");
    await quoteWords("他の工場は誰が推進するのか決まっていない");
    await logConversation("北斗精機", "中堅製造業", "拡大の話をすると、まず本社の了解が要ると言われた。");
    await quoteWords("まず本社の了解が要る");
    await logConversation("カフェ・ひだまり", "中小サービス業", "通知が多すぎて切ってしまった。");
    await expectCount('[data-testid="conversation-row"]', 8);
    await browser.waitUntil(async () => (await heard()).includes("8 社"));
    expect(await cellConversations("大手製造業")).toBe("1");
  });

  it("links a quote to a stumbling point by name and another to a stage picked on the map; findings go", async () => {
    // 中央ホールディングス製造's quote, by typing the stumbling point's name.
    await $('//button[@data-testid="conversation-row"][.//span[normalize-space()="中央ホールディングス製造"]]').click();
    await expectText('//*[@data-testid="conversation-editor"]//h3', "中央ホールディングス製造");
    const link = $('[data-testid="quote-link-input"]');
    await link.click();
    await browser.keys([..."他工場の担当者が決まらない", "Enter"]);
    await saved();
    await expectText('//*[@data-testid="quote-support"]', { contains: "他工場の担当者が決まらない" });

    // 北斗精機's quote, by picking the stage 拡大 on the journey map.
    await $('//button[@data-testid="conversation-row"][.//span[normalize-space()="北斗精機"]]').click();
    await expectText('//*[@data-testid="conversation-editor"]//h3', "北斗精機");
    await $('[data-testid="quote-pick"]').click();
    const stage = $(HEADER("拡大"));
    await stage.waitForDisplayed();
    await browser.execute((el) => (el as unknown as HTMLElement).scrollIntoView({ inline: "center" }), await stage);
    await stage.click();
    await saved();
    await expect($('[data-testid="evidence-view"]')).toBeDisplayed();
    await expectText('//*[@data-testid="quote-support"]', { contains: "拡大" });

    // Every segment is heard now, and the stumbling point has a customer's words behind it.
    await browser.keys(["Control", "Shift", "m"]);
    await $('[data-testid="filter-rule"]').selectByVisibleText("stumbling-point-evidence");
    expect(await findings("stumbling-point-evidence")).toBe(4);
    expect(await findings("segment-heard")).toBe(0);
    await browser.keys(["Control", "Shift", "m"]);
    await screenshot("53-evidence-conversation");
  });

  it("merges two tags in one step and undoes it", async () => {
    expect(await tagCount("オンボーディング/招待")).toBe(2);
    expect(await tagCount("オンボーディング/帳票")).toBe(3);
    await $('//li[@data-testid="tag-row"][@data-path="オンボーディング/招待"]//select[@data-testid="tag-merge"]').selectByVisibleText("オンボーディング/帳票");
    await saved();
    await expectCount('[data-testid="tag-row"][data-path="オンボーディング/招待"]', 0);
    expect(await tagCount("オンボーディング/帳票")).toBe(5);
    await $(".evidence-view .gaps-title").click();
    await browser.keys(["Control", "z"]);
    await saved();
    await expectCount('[data-testid="tag-row"][data-path="オンボーディング/招待"]', 1);
    expect(await tagCount("オンボーディング/帳票")).toBe(3);
  });

  it("lays the coverage layer over the journey map and cites the quotes in the properties", async () => {
    await $('//button[contains(@class,"journey-item")][.//span[starts-with(normalize-space(),"中堅製造業")]]').click();
    await $('[data-testid="evidence-layer"]').click();
    await expectCount('[data-testid="evidence-badge"]', { gte: 5 });
    const point = $('//div[@data-card][.//div[@class="card-text" and normalize-space()="他工場の担当者が決まらない"]]');
    await browser.execute((el) => (el as unknown as HTMLElement).scrollIntoView({ block: "center", inline: "center" }), await point);
    await expect(point.$('[data-testid="evidence-badge"]')).toHaveAttribute("data-accounts", "1");
    await point.click();
    await expectText('//*[@data-testid="citation"]', { contains: "他の工場は誰が推進するのか決まっていない" });
    await screenshot("54-evidence-layer");
  });

  it("imports a conversation from Markdown and exports the evidence as a REFI-QDA project", async () => {
    await $('[data-testid="evidence-item"]').click();
    const md = join(TMP, "evidence-talk.md");
    writeFileSync(md, "# 日本重機工業 2026-11-20\n- 顧客ID: C-1018\n- セグメント: 大手製造業\n\n## 顧客の行動とつまずき\n> 他工場の担当者がまだ決まっていない\n");
    await answerDialog(md);
    await $('[data-testid="evidence-import-md"]').click();
    await saved();
    await expectCount('[data-testid="conversation-row"]', 9);
    expect(await cellConversations("大手製造業")).toBe("2");
    // One undo step takes it back; redo brings it again.
    await $(".evidence-view .gaps-title").click();
    await browser.keys(["Control", "z"]);
    await saved();
    await expectCount('[data-testid="conversation-row"]', 8);
    await browser.keys(["Control", "y"]);
    await saved();
    await expectCount('[data-testid="conversation-row"]', 9);

    const qdpx = join(TMP, "evidence.qdpx");
    await answerDialog(qdpx);
    await $('[data-testid="evidence-export"]').click();
    await browser.waitUntil(() => existsSync(qdpx));
    expect(readFileSync(qdpx).subarray(0, 2).toString()).toBe("PK");
  });

  it("keeps every conversation, quote and link after a relaunch", async () => {
    await launch(file, "evidence");
    await $('[data-testid="evidence-item"]').click();
    await expectCount('[data-testid="conversation-row"]', 9);
    await $('//button[@data-testid="conversation-row"][.//span[normalize-space()="北斗精機"]]').click();
    await expectText('//*[@data-testid="quote-support"]', { contains: "拡大" });
    expect(await tagCount("オンボーディング/招待")).toBe(2);
  });
});
