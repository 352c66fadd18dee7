// A large diagram stays usable: the MIWG B.2.0 model tiled 22 times into one drawing (2,068 flow
// nodes, over 4,000 elements), imported by the CLI, opened in the app. Zoomed out to fit, the
// overview draws the shapes, connectors, pools and lanes (on one canvas, no node at all); a click
// there selects the shape under the pointer; a selected pool is a node there, to be dragged, and is
// renamed over the canvas; Ctrl+F finds a shape and zooms to it, where shapes are nodes with their
// text again. The times printed are for reading, not
// asserted: speed targets live in `npm run bench`.

import { execFileSync } from "node:child_process";
import { join } from "node:path";

import { CLI, ROOT, TMP, launch, screenshot, shiftDragBox } from "../support/app.ts";

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

  it("opens zoomed to fit, the overview drawing the shapes, pools and lanes", async () => {
    const started = Date.now();
    await launch(file, "large");
    await expect($('[data-testid="overview"]')).toExist();
    console.log(`large_diagram_open_ms: ${Date.now() - started}`);
    // Every shape is drawn by the overview, none a node of its own; pools and lanes too.
    expect(Number(await $('[data-testid="overview"]').getAttribute("data-shapes"))).toBeGreaterThan(2000);
    expect(Number(await $('[data-testid="overview"]').getAttribute("data-bands"))).toBeGreaterThanOrEqual(COPIES * 4);
    // And drawn: the shapes' outlines darken thousands of the overview's pixels.
    expect(await browser.execute(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="overview"]')!;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 128 && d[i]! < 160) n++;
      return n;
    })).toBeGreaterThan(2000);
    await expect($$(".react-flow__node")).toBeElementsArrayOfSize(0);
    await expect($$('[data-testid="shape-label"]')).toBeElementsArrayOfSize(0);
    // The minimap draws every shape (a bitmap), not only the pools and lanes that are nodes here:
    // pixels darker than a pool's or a lane's fill are the shapes'.
    const dark = await browser.execute(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="minimap"] canvas')!;
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && d[i]! < 200) n++;
      return n;
    });
    expect(dark).toBeGreaterThan(500);
    // Dragging in the minimap moves the view.
    const transform = () => browser.execute(() => document.querySelector<HTMLElement>(".react-flow__viewport")!.style.transform);
    const before = await transform();
    const map = await $('[data-testid="minimap"] svg').getLocation();
    await browser.action("pointer").move({ x: Math.round(map.x + 100), y: Math.round(map.y + 75), origin: "viewport" }).down().move({ x: Math.round(map.x + 130), y: Math.round(map.y + 95), origin: "viewport", duration: 200 }).up().perform();
    await browser.waitUntil(async () => (await transform()) !== before, { timeout: 5000, timeoutMsg: "the view did not follow the minimap" });
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

  it("selects a shape with a click in the overview", async () => {
    // Zoomed out around the shape found (centred), past the overview's threshold.
    for (let i = 0; i < 8; i++) await $(".react-flow__controls-zoomout").click();
    await expect($('[data-testid="overview"]')).toExist();
    // The overview's pixels in the selection's colour (the stylesheet's --accent) near the middle
    // of the pane, where the shape found is.
    const accent = () =>
      browser.execute(() => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="overview"]')!;
        const hex = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim();
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        // The pane's middle on the overview's bitmap (larger than the pane, moved as the view pans).
        const pane = document.querySelector(".react-flow__pane")!.getBoundingClientRect();
        const sheet = c.getBoundingClientRect();
        const px = c.width / sheet.width;
        const [mx, my] = [(pane.left + pane.width / 2 - sheet.left) * px, (pane.top + pane.height / 2 - sheet.top) * px];
        const box = 40 * px;
        const d = c.getContext("2d")!.getImageData(mx - box, my - box, 2 * box, 2 * box).data;
        let n = 0;
        // Near the accent and as blue as it (the outlines' greys, blended, come near in value only).
        const blue = b! - r!;
        for (let i = 0; i < d.length; i += 4) {
          const [pr, pg, pb] = [d[i]!, d[i + 1]!, d[i + 2]!];
          if (Math.abs(pr - r!) < 40 && Math.abs(pg - g!) < 40 && Math.abs(pb - b!) < 40 && pb - pr > blue * 0.7 && d[i + 3]! > 128) n++;
        }
        return n;
      });
    // The shape found is still selected, drawn in the selection's outline.
    await browser.waitUntil(async () => (await accent()) > 5, { timeout: 5000, timeoutMsg: "no selection outline in the overview" });
    const { shape, empty } = await browser.execute(() => {
      const pane = document.querySelector(".react-flow__pane")!.getBoundingClientRect();
      return { shape: { x: Math.round(pane.left + pane.width / 2), y: Math.round(pane.top + pane.height / 2) }, empty: { x: Math.round(pane.left + 12), y: Math.round(pane.top + 12) } };
    });
    const clickAt = (at: { x: number; y: number }) => browser.action("pointer").move({ ...at, origin: "viewport" }).down().up().perform();
    // A click where nothing is drawn selects nothing; one on the shape selects it again.
    await clickAt(empty);
    await browser.waitUntil(async () => (await accent()) === 0, { timeout: 5000, timeoutMsg: "the selection outline stayed" });
    await clickAt(shape);
    await browser.waitUntil(async () => (await accent()) > 5, { timeout: 5000, timeoutMsg: "the click did not select the shape" });
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("アクティビティ"));
    await screenshot("22-large-diagram-overview-selected");
  });

  it("selects the shapes inside a selection box in the overview", async () => {
    // Shift+drag a box 240 px wide around the middle (the shape found and its neighbours).
    const pane = await $(".react-flow__pane").getLocation();
    const size = await $(".react-flow__pane").getSize();
    const [cx, cy] = [Math.round(pane.x + size.width / 2), Math.round(pane.y + size.height / 2)];
    await shiftDragBox(cx - 120, cy - 90, cx + 120, cy + 90);
    // More than one shape selected, though none of them is a node at this zoom.
    await expect($(".properties-kind")).toHaveText(expect.stringMatching(/· ([2-9]|\d{2,}) 個選択/));
    await screenshot("23-large-diagram-overview-box");
  });

  it("keeps a selected pool a node in the overview, to drag it, and renames it over the canvas", async () => {
    // Found by name (zoomed in to it, selected), then zoomed out past the overview's threshold.
    await browser.keys(["Control", "f"]);
    await $('[data-testid="search"]').setValue("Participant");
    await browser.keys("Enter");
    await browser.keys("Escape");
    for (let i = 0; i < 8; i++) await $(".react-flow__controls-zoomout").click();
    await expect($('[data-testid="overview"]')).toExist();
    // The selected pool alone is a node; the overview draws the other bands.
    await expect($$(".react-flow__node")).toBeElementsArrayOfSize(1);
    const pool = $(".react-flow__node-pool");
    await expect(pool).toExist();
    await expect(pool.$('[data-testid="shape-label"]')).toHaveElementProperty("textContent", "Participant");
    // Dragged by its name band 40 px to the right: moved, and back with Ctrl+Z.
    const before = await pool.getAttribute("style");
    const at = await pool.getLocation();
    const size = await pool.getSize();
    const [x, y] = [Math.round(at.x + 1), Math.round(at.y + size.height / 2)];
    await browser.action("pointer").move({ x, y, origin: "viewport" }).down().move({ x: x + 20, y, origin: "viewport", duration: 100 }).move({ x: x + 40, y, origin: "viewport", duration: 100 }).up().perform();
    await browser.waitUntil(async () => (await $(".react-flow__node-pool").getAttribute("style")) !== before, { timeout: 5000, timeoutMsg: "the pool did not move" });
    await screenshot("24-large-diagram-overview-pool");
    await browser.keys(["Control", "z"]);
    await browser.waitUntil(async () => (await $(".react-flow__node-pool").getAttribute("style")) === before, { timeout: 5000, timeoutMsg: "Ctrl+Z did not put the pool back" });
    // F2 opens its name over the canvas (the pool is a few pixels tall here); Enter keeps it.
    await browser.keys("F2");
    const input = $(".edge-rename input");
    await expect(input).toBeDisplayed();
    await expect($(".edge-rename label")).toHaveText(expect.stringContaining("プール"));
    await expect(input).toBeFocused();
    await browser.keys(["Control", "a"]);
    await browser.keys("顧客側の窓口");
    await browser.keys("Enter");
    await expect($(".react-flow__node-pool [data-testid='shape-label']")).toHaveElementProperty("textContent", "顧客側の窓口");
    await browser.keys(["Control", "z"]);
    await expect($(".react-flow__node-pool [data-testid='shape-label']")).toHaveElementProperty("textContent", "Participant");
  });
});
