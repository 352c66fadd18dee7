import { launch, screenshot, workspace } from "../support/app.ts";

describe("the sample workspace", () => {
  it("opens on its journey map, in Japanese", async () => {
    await launch(workspace("sample", true), "sample");
    const headers = await $$('[data-testid="stage-header"] .stage-name');
    await expect(headers).toBeElementsArrayOfSize(4);
    await expect(headers[0]).toHaveText("オンボーディング");
    await expect(headers[3]).toHaveText("更新");
    await expect($$('[data-testid="journey-item"]')).toBeElementsArrayOfSize(2);
    // WebKitWebDriver reads no text from this ellipsised one-line element, though it renders; the DOM is checked.
    await expect($('[data-testid="file-name"]')).toHaveElementProperty("textContent", "sample");
    // The emotion curve is drawn from the emotion cards.
    await expect($$('[data-testid="emotion-point"]')).toBeElementsArrayOfSize(6);
    await expect($('[data-testid="save-indicator"]')).toHaveText(expect.stringContaining("保存済み"));
    // The header fits the window (1440 px): each button's Japanese label on one line, nothing past
    // the edge.
    const header = await browser.execute(() => {
      const bar = document.querySelector(".toolbar")!;
      const lines = [...bar.querySelectorAll("button")].map((b) => Math.round(b.getBoundingClientRect().height));
      return { tallest: Math.max(...lines), overflow: bar.scrollWidth - bar.clientWidth };
    });
    expect(header.tallest).toBeLessThan(34);
    expect(header.overflow).toBe(0);
    await screenshot("01-sample");
  });

  it("selects a CS action and highlights the stumbling point it addresses", async () => {
    await $("div.card-text=帳票移行ワークショップを2回開催し、一緒にテンプレートを作る").click();
    await expect($(".properties")).toHaveText(expect.stringContaining("対応するつまずきポイント"));
    await expect($(".card.related")).toHaveText(expect.stringContaining("帳票テンプレートの作り方がわからず手が止まる"));
    await screenshot("02-sample-selection");
  });
});
