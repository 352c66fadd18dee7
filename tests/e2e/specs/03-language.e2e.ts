import { launch, screenshot, workspace } from "../support/app.ts";

describe("the language", () => {
  const file = workspace("language", true);

  it("switches to English and back, and keeps the choice across restarts", async () => {
    await launch(file, "language");
    await expect($("button.add-stage")).toHaveText("+ ステージを追加");
    await $('[data-testid="lang-en"]').click();
    await expect($("button.add-stage")).toHaveText("+ Add stage");
    await expect($(".lane-label.lane-stumblingPoint")).toHaveText(expect.stringContaining("Stumbling points"));
    // Content stays in the language it was written in.
    await expect($('[data-testid="stage-header"] .stage-name')).toHaveText("オンボーディング");
    await screenshot("06-english");

    await launch(file, "language");
    await expect($("button.add-stage")).toHaveText("+ Add stage");
    await $('[data-testid="lang-ja"]').click();
    await expect($("button.add-stage")).toHaveText("+ ステージを追加");
  });
});
