// The process editor on the real app: the sample's diagram, a new two-pool process drawn from the
// palette (lanes, a decision, a hand-off), an activity linked to the journey stage it serves, a
// state CSV laid over the drawing, and everything still there after a relaunch.

import { join } from "node:path";

import { Key } from "webdriverio";

import { ROOT, expectCount, launch, screenshot, shiftDragBox, workspace } from "../support/app.ts";

const CSV = join(ROOT, "tests/data/state/onboarding-cases.csv");
const BAD_CSV = join(ROOT, "tests/data/state/onboarding-cases.bad-date.csv");

type El = ReturnType<typeof $>;

/** The node of the shape labelled `name`. */
function shape(name: string) {
  return $(`//div[contains(concat(" ", @class, " "), " react-flow__node ")][.//div[@data-testid="shape-label" and normalize-space()="${name}"]]`);
}

/**
 * Selects the shape named `name`, clicking again while the properties name another element: a
 * click aimed while the canvas is still fitting itself into view can land on the lane behind.
 */
async function select(name: string) {
  await browser.waitUntil(
    async () => {
      await shape(name).click();
      const shown = await browser.execute(() =>
        [...document.querySelectorAll(".properties input, .properties textarea")].map((f) => (f as HTMLInputElement).value),
      );
      return shown.includes(name);
    },
    { timeout: 15_000, interval: 500, timeoutMsg: `could not select ${name}` },
  );
}

/** The element id of the shape labelled `name`. */
async function idOf(name: string): Promise<string> {
  const id = await shape(name).getAttribute("data-id");
  if (!id) throw new Error(`no shape labelled ${name}`);
  return id;
}

/** The centre of the element matching `selector`, in viewport pixels. */
async function centre(selector: string): Promise<{ x: number; y: number }> {
  await $(selector).waitForExist();
  return browser.execute((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
  }, selector);
}

/** A lane's node, by the role written in its band. */
function lane(name: string) {
  return $(`//div[@data-testid="lane"][.//div[contains(@class,"band-label") and normalize-space()="${name}"]]`);
}

async function place(paletteKey: string, target: El, x: number, name: string) {
  await $(`[data-testid="palette-${paletteKey}"]`).click();
  await target.click({ x, y: 0 });
  const editor = $(".shape-rename");
  await editor.waitForExist();
  if (name) await editor.setValue(name);
  await browser.keys("Enter");
  await expectCount(".shape-rename", 0);
}

/** Clicks `a`, then Shift+clicks `b`: two shapes selected, in that order. */
async function selectTwo(a: El, b: El) {
  await a.click();
  await b.waitForExist();
  await browser.action("key").down(Key.Shift).perform(true);
  await browser.action("pointer").move({ origin: b }).down().up().perform(true);
  await browser.action("key").up(Key.Shift).perform();
  await expect($(".properties-kind")).toHaveText(expect.stringContaining("2"));
}

async function connect(a: string, b: string) {
  await selectTwo(await shape(a), await shape(b));
  await $('[data-testid="connect"]').click();
}

describe("the process editor", () => {
  let file = "";

  it("opens the sample's process diagram: two pools, five lanes, activities", async () => {
    file = workspace("process", true);
    await launch(file, "process");
    await $('[data-testid="diagram-item"]').click();
    await expect($$('[data-testid="pool"]')).toBeElementsArrayOfSize(2);
    await expect($$('[data-testid="lane"]')).toBeElementsArrayOfSize(5);
    await expect(shape("キックオフを実施")).toBeExisting();
    await expect($$(".michi-connector")).toBeElementsArrayOfSize({ gte: 6 });
    await screenshot("11-process-sample");
  });

  it("draws a two-pool process with lanes, a decision and a hand-off", async () => {
    await $('[data-testid="new-diagram"]').click();
    await $(".sidebar-new textarea").setValue("導入プロセス（ワークショップ）");
    await browser.keys("Enter");
    await expect($('[data-testid="diagram-name"]')).toHaveElementProperty("textContent", "導入プロセス（ワークショップ）");
    await expect($$('[data-testid="pool"]')).toBeElementsArrayOfSize(2);
    await expect($$('[data-testid="lane"]')).toBeElementsArrayOfSize(3);

    await place("start", await lane("営業"), -250, "受注");
    await place("activity", await lane("営業"), -120, "契約内容を引き継ぐ");
    await place("decision", await lane("カスタマーサクセス"), -20, "導入支援が必要？");
    await place("activity", await lane("カスタマーサクセス"), 120, "キックオフを実施");
    await place("activity", await lane("顧客の担当者"), 20, "キックオフに参加");
    await place("end", await lane("カスタマーサクセス"), 260, "");

    await connect("受注", "契約内容を引き継ぐ");
    await connect("契約内容を引き継ぐ", "導入支援が必要？");
    await connect("導入支援が必要？", "キックオフを実施");
    // Across pools the connector is a hand-off (message flow).
    await connect("キックオフを実施", "キックオフに参加");
    await expect($$(".michi-connector")).toBeElementsArrayOfSize(4);
    await expect($$(".michi-connector.messageFlow")).toBeElementsArrayOfSize(1);
    await expect($$(".michi-connector.sequenceFlow")).toBeElementsArrayOfSize(3);

    // Into a start event: refused, with the reason in the user's language; nothing changes.
    await connect("キックオフを実施", "受注");
    await expect($('[data-testid="error-reason"]')).toHaveText("開始イベントへは流れを描けません。");
    await $(".error-banner button").click();
    await expect($$(".michi-connector")).toBeElementsArrayOfSize(4);

    // A selected connector's end dragged onto another shape reconnects it; Ctrl+Z takes that back.
    const ids = async () => ({ decision: await idOf("導入支援が必要？"), kickoff: await idOf("キックオフを実施"), handover: await idOf("契約内容を引き継ぐ") });
    const { decision, kickoff, handover } = await ids();
    const between = (from: string, to: string) => `[data-testid="connector"][data-source="${from}"][data-target="${to}"]`;
    await expectCount(between(decision, kickoff), 1);
    const middle = await browser.execute((sel) => {
      const path = document.querySelector(`${sel} path.connector`) as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      // The layer's svg stands at the flow's origin; the viewport's transform gives the zoom.
      const origin = path.ownerSVGElement!.getBoundingClientRect();
      const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
      return { x: Math.round(origin.left + p.x * zoom), y: Math.round(origin.top + p.y * zoom) };
    }, between(decision, kickoff));
    await browser.action("pointer").move({ x: middle.x, y: middle.y, origin: "viewport" }).down().up().perform();
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("流れ"));
    await expectCount('[data-testid="connector-end"]', 2);
    const end = await centre('[data-testid="connector-end"][data-end="target"]');
    const onto = await centre(`.react-flow__node[data-id="${handover}"]`);
    await browser
      .action("pointer")
      .move({ x: end.x, y: end.y, origin: "viewport" })
      .down()
      .move({ x: Math.round((end.x + onto.x) / 2), y: Math.round((end.y + onto.y) / 2), origin: "viewport", duration: 100 })
      .move({ x: onto.x, y: onto.y, origin: "viewport", duration: 100 })
      .up()
      .perform();
    await expectCount(between(decision, handover), 1);
    await expectCount(between(decision, kickoff), 0);
    await expect($('[data-testid="save-indicator"]')).toHaveText(expect.stringContaining("保存済み"));
    await screenshot("12a-process-reconnected");
    await $(".react-flow__pane").click();
    await browser.keys(["Control", "z"]);
    await expectCount(between(decision, kickoff), 1);
    await expectCount(between(decision, handover), 0);

    // Space on a focused connector selects it; a double click on its line renames it.
    await $(".react-flow__pane").click();
    await expect($(".properties-kind")).not.toHaveText(expect.stringContaining("流れ"));
    await browser.execute((sel) => (document.querySelector(sel) as SVGGElement).focus(), between(decision, kickoff));
    await browser.keys(" ");
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("流れ"));
    await browser.action("pointer").move({ x: middle.x, y: middle.y, origin: "viewport" }).down().up().pause(40).down().up().perform();
    const label = $(".edge-rename input");
    await label.waitForExist();
    await label.setValue("支援あり");
    await browser.keys("Enter");
    const named = '//div[@data-testid="connector-label" and normalize-space()="支援あり"]';
    await expect($$(named)).toBeElementsArrayOfSize(1);
    await browser.keys(["Control", "z"]);
    await expect($$(named)).toBeElementsArrayOfSize(0);

    // A lane grows with its content: a new lane, and the diagram lays itself out.
    await select("キックオフを実施");
    await $('[data-testid="add-lane"]').click();
    await expect($$('[data-testid="lane"]')).toBeElementsArrayOfSize(4);
    await $('[data-testid="auto-layout"]').click();
    await expect($('[data-testid="save-indicator"]')).toHaveText(expect.stringContaining("保存済み"));
    await screenshot("12-process-drawn");
  });

  it("links an activity to the journey stage it serves", async () => {
    await select("キックオフを実施");
    const stage = $('//fieldset[legend[normalize-space()="支えるジャーニーのステージ"]]//label[.//span[starts-with(normalize-space(),"オンボーディング")]]//input');
    await stage.click();
    await expect(stage).toBeSelected();
    await screenshot("13-process-serves-stage");
  });

  it("copies, pastes, deletes and undoes on the canvas", async () => {
    await (await shape("キックオフに参加")).click();
    await browser.keys(["Control", "c"]);
    await browser.keys(["Control", "v"]);
    await expect($$('//div[@data-testid="shape-label" and normalize-space()="キックオフに参加"]')).toBeElementsArrayOfSize(2);
    await browser.keys("Delete");
    await expect($$('//div[@data-testid="shape-label" and normalize-space()="キックオフに参加"]')).toBeElementsArrayOfSize(1);
    await browser.keys(["Control", "z"]);
    await expect($$('//div[@data-testid="shape-label" and normalize-space()="キックオフに参加"]')).toBeElementsArrayOfSize(2);
    await browser.keys(["Control", "z"]);
    await expect($$('//div[@data-testid="shape-label" and normalize-space()="キックオフに参加"]')).toBeElementsArrayOfSize(1);
  });

  it("takes the connectors between the shapes a selection box takes in", async () => {
    const [start, handover] = [await idOf("受注"), await idOf("契約内容を引き継ぐ")];
    const flow = `[data-testid="connector"][data-source="${start}"][data-target="${handover}"]`;
    await expectCount(`${flow}.selected`, 0);
    const box = await browser.execute((ids) => {
      const rects = ids.map((id) => document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect());
      return {
        x0: Math.round(Math.min(...rects.map((r) => r.left)) - 12),
        y0: Math.round(Math.min(...rects.map((r) => r.top)) - 12),
        x1: Math.round(Math.max(...rects.map((r) => r.right)) + 12),
        y1: Math.round(Math.max(...rects.map((r) => r.bottom)) + 12),
      };
    }, [start, handover]);
    await shiftDragBox(box.x0, box.y0, box.x1, box.y1);
    await expectCount(`${flow}.selected`, 1);
    await $(".react-flow__pane").click();
    await expectCount(`${flow}.selected`, 0);
  });

  it("finds a shape by its label with Ctrl+F", async () => {
    await $(".react-flow__pane").click();
    await browser.keys(["Control", "f"]);
    await $('[data-testid="search"]').setValue("キックオフ");
    await expect($('[data-testid="search-count"]')).toHaveText("2 件");
    await browser.keys("Enter");
    await expect($(".properties-kind")).toHaveText(expect.stringContaining("アクティビティ"));
    await browser.keys("Escape");
  });

  it("lays a state CSV over the sample process: counts, stuck cases, and a refused bad file", async () => {
    await $('//button[@data-testid="diagram-item"][.//span[normalize-space()="オンボーディング業務プロセス"]]').click();
    await expect($('[data-testid="diagram-name"]')).toHaveElementProperty("textContent", "オンボーディング業務プロセス");
    // The threshold is the activity's: 14 days at the migration workshop.
    await select("帳票移行ワークショップ");
    const days = $('//div[contains(@class,"field")][label[normalize-space()="滞留とみなす日数"]]//input');
    await days.setValue("14");
    await browser.keys("Enter");
    await expect($('[data-testid="save-indicator"]')).toHaveText(expect.stringContaining("保存済み"));

    // A bad row: the line and the column are named, nothing is imported.
    await $('[data-testid="import-csv"]').click();
    await $('[data-testid="csv-path"]').setValue(BAD_CSV);
    await browser.keys("Enter");
    await expect($('[data-testid="csv-info"]')).toHaveText(expect.stringContaining("33 行"));
    await $('[data-testid="csv-import"]').click();
    await expect($('[data-testid="csv-error"]')).toHaveText(expect.stringContaining("15行目「日時」"));
    await screenshot("14-process-csv-error");
    await $('[data-testid="csv-path"]').setValue(CSV);
    await browser.keys("Enter");
    await expectCount('[data-testid="csv-error"]', 0);
    await $('[data-testid="csv-name"]').setValue("11月20日の状況");
    await $('[data-testid="csv-import"]').click();
    await expectCount('[data-testid="csv-dialog"]', 0);

    // One query per badge: a chained lookup can hit a node just re-rendered (stale in WebKitWebDriver).
    const badge = (name: string, testid: string) =>
      $(`//div[contains(concat(" ", @class, " "), " react-flow__node ")][.//div[@data-testid="shape-label" and normalize-space()="${name}"]]//*[@data-testid="${testid}"]`);
    const count = async (name: string) => badge(name, "state-count");
    await expect(await count("営業からCSへ引き継ぎ")).toHaveText("3");
    await expect(await count("キックオフを実施")).toHaveText("3");
    await expect(await count("帳票移行ワークショップ")).toHaveText("2");
    await expect(await count("個別に操作サポート")).toHaveText("1");
    await expect(await count("利用状況レビュー")).toHaveText("3");
    await expect(badge("帳票移行ワークショップ", "state-stuck")).toHaveText("⚠ 2");
    await expect($('[data-testid="state-summary"]')).toHaveText(expect.stringContaining("滞留 2 件"));
    await (await shape("帳票移行ワークショップ")).click();
    await expect($('[data-testid="stuck-list"]')).toHaveText(expect.stringContaining("C-002"));
    await screenshot("15-process-state-overlay");

    // Structure only hides the state layer.
    await $('[data-testid="structure-only"]').click();
    await expectCount('[data-testid="state-count"]', 0);
    await $('[data-testid="structure-only"]').click();
    await expectCount('[data-testid="state-count"]', { gte: 5 });
  });

  it("keeps the drawing, the link and the snapshot after a relaunch", async () => {
    await launch(file, "process");
    await $('//button[@data-testid="diagram-item"][.//span[normalize-space()="導入プロセス（ワークショップ）"]]').click();
    await expect($$(".michi-connector")).toBeElementsArrayOfSize(4);
    await select("キックオフを実施");
    await expect(
      $('//fieldset[legend[normalize-space()="支えるジャーニーのステージ"]]//label[.//span[starts-with(normalize-space(),"オンボーディング")]]//input'),
    ).toBeSelected();
    await expect($('[data-testid="snapshot-select"] option:nth-child(2)')).toHaveText(expect.stringContaining("11月20日の状況"));
    await screenshot("16-process-relaunched");
  });
});
