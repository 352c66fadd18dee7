// A large diagram stays usable: the MIWG B.2.0 model tiled 22 times into one drawing (2,068 flow
// nodes, over 4,000 elements), imported by the CLI, opened in the app. Zoomed out to fit, shapes are
// drawn without text (level of detail) and only those on screen are in the page; Ctrl+F finds a
// shape and zooms to it, where the text is back. The times printed are for reading, not asserted:
// speed targets live in `npm run bench`.

import { execFileSync } from "node:child_process";
import { join } from "node:path";

import { CLI, ROOT, TMP, launch, screenshot } from "../support/app.ts";

const COPIES = 22;

describe("a 2,000-node diagram", () => {
  let file = "";

  before(() => {
    const bpmn = join(TMP, `B.2.0-x${COPIES}.bpmn`);
    file = join(TMP, `large-x${COPIES}.michi`);
    execFileSync("python3", [join(ROOT, "scripts/tile_bpmn.py"), join(ROOT, "tests/data/bpmn/miwg/B.2.0.bpmn"), String(COPIES), bpmn, "--single-diagram"]);
    execFileSync(CLI, ["import", bpmn, "-o", file, "--force"]);
    const info = JSON.parse(execFileSync(CLI, ["info", file, "--json"], { encoding: "utf8" })) as { elements: number };
    expect(info.elements).toBeGreaterThan(4000);
  });

  it("opens zoomed to fit, drawing shapes without text (pool and lane names stay)", async () => {
    const started = Date.now();
    await launch(file, "large");
    await expect($$(".react-flow__node")).toBeElementsArrayOfSize({ gte: 500 });
    console.log(`large_diagram_open_ms: ${Date.now() - started}`);
    await expect($$('[data-testid="shape-label"]:not(.band-label)')).toBeElementsArrayOfSize(0);
    await screenshot("20-large-diagram-fit");
  });

  it("finds a shape with Ctrl+F and zooms to it, where labels are drawn", async () => {
    await $(".react-flow__pane").click();
    await browser.keys(["Control", "f"]);
    await $('[data-testid="search"]').setValue("Service Task 14");
    await expect($('[data-testid="search-count"]')).toHaveText(`${COPIES} 件`);
    const started = Date.now();
    await browser.keys("Enter");
    await expect($$('[data-testid="shape-label"]:not(.band-label)')).toBeElementsArrayOfSize({ gte: 3 });
    console.log(`large_diagram_zoom_in_ms: ${Date.now() - started}`);
    // Zoomed in, only what is on screen is in the page.
    await expect($$(".react-flow__node")).toBeElementsArrayOfSize({ lte: 400 });
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("アクティビティ"));
    await browser.keys("Escape");
    await screenshot("21-large-diagram-found");
  });
});
