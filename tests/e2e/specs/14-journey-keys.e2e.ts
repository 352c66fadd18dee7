// The journey map's keys, as the process canvas has them: copy and paste a card into another stage
// (Ctrl+C, Ctrl+V), duplicate one in place (Ctrl+D), each one undo step; find cards by their text
// (Ctrl+F, Enter to go from one to the next).

import { expectCount, launch, saved, screenshot, workspace } from "../support/app.ts";

const CARD = (text: string) => `//div[@data-testid="card"][contains(., "${text}")]`;

/** Waits until `n` cards of the open map have `text`. */
async function cards(text: string, n: number) {
  await browser.waitUntil(
    async () =>
      (await browser.execute((t: string) => [...document.querySelectorAll('[data-testid="card"]')].filter((c) => c.textContent?.includes(t)).length, text)) === n,
    { timeoutMsg: `expected ${n} cards with ${text}` },
  );
}

describe("journey map keys", () => {
  it("copies a card into another stage, with its segments, and undo takes it back", async () => {
    await launch(workspace("journey-keys", true), "journey-keys");
    await cards("週次の導入定例", 1);
    await $(CARD("週次の導入定例")).click();
    await browser.keys(["Control", "c"]);
    // Into the adoption stage: select its first touchpoint, paste after it.
    await $(CARD("利用状況レポート")).click();
    await browser.keys(["Control", "v"]);
    await saved();
    await cards("週次の導入定例", 2);
    // The copy is selected, in the adoption stage, drawn for the same segment.
    const copy = $('//div[@data-testid="card"][@aria-selected="true"]');
    await expect(copy).toHaveText(expect.stringContaining("週次の導入定例"));
    await expect($('[data-testid="undo"]')).toHaveAttribute("title", expect.stringContaining("カードの貼り付け"));
    await $('[data-testid="undo"]').click();
    await saved();
    await cards("週次の導入定例", 1);
  });

  it("duplicates a card in place with Ctrl+D", async () => {
    await $(CARD("キックオフミーティング")).click();
    await browser.keys(["Control", "d"]);
    await saved();
    await cards("キックオフミーティング", 2);
    await screenshot("44-duplicated-card");
    await browser.keys(["Control", "z"]);
    await saved();
    await cards("キックオフミーティング", 1);
  });

  it("finds cards by their text and goes from one to the next", async () => {
    await $('[data-testid="journey-map"]').click();
    await browser.keys(["Control", "f"]);
    const search = $('[data-testid="search"]');
    await expect(search).toBeDisplayed();
    await search.setValue("帳票");
    await expect($('[data-testid="search-count"]')).toHaveText(expect.stringMatching(/[3-9]/));
    await expectCount('[data-testid="card"].hit', { gte: 3 });
    await browser.keys("Enter");
    await expect($('//div[@data-testid="card"][@aria-selected="true"]')).toHaveText(expect.stringContaining("帳票"));
    const first = await $('//div[@data-testid="card"][@aria-selected="true"]').getAttribute("data-card");
    await browser.keys("Enter");
    const second = await $('//div[@data-testid="card"][@aria-selected="true"]').getAttribute("data-card");
    expect(second).not.toEqual(first);
    await screenshot("45-journey-find");
    await browser.keys("Escape");
    await expectCount('[data-testid="search"]', 0);
  });
});
