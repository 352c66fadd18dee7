// Team workspaces end to end: two instances of the real app on one PostgreSQL workspace (a cluster
// the test starts itself, on 127.0.0.1). The first shares the sample ("Share with a team…"), the
// second opens it ("Open a team workspace…"); a stage added by one appears in the other; both edit;
// the second loses its connection (a proxy between it and the server is cut), edits, and comes
// back: what it did offline reaches the first, and what no longer fits is shown to it, refused.

import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type Server, type Socket, createConnection, createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

import { Key, remote } from "webdriverio";

import { ARTIFACTS, ROOT, launch, launchOptions, screenshot, workspace } from "../support/app.ts";
import { portOpen } from "../support/net.ts";

type Browser = WebdriverIO.Browser;

/** The cluster: started by the `pg-cluster` example binary, which prints its connection string. */
function startCluster(): Promise<{ process: ChildProcess; url: string }> {
  const bin = join(ROOT, "target/debug/examples/pg-cluster");
  const process = spawn(bin, [], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process.stdout! });
    lines.once("line", (url) => resolve({ process, url }));
    process.once("exit", (code) => reject(new Error(`pg-cluster exited with ${code}`)));
  });
}

/** A TCP proxy in front of the server for the second app: cut, it drops every connection and
 * refuses new ones, as a lost network would. */
class Proxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}

  open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: "127.0.0.1", port: this.target });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.port, "127.0.0.1", () => resolve()));
  }

  cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

const stageNames = (br: Browser) =>
  br.execute(() => [...document.querySelectorAll('[data-testid="stage-header"] .stage-name')].map((n) => (n as HTMLElement).innerText.trim()));

async function expectStage(br: Browser, name: string, present = true) {
  let last: string[] = [];
  await br
    .waitUntil(async () => {
      last = await stageNames(br).catch(() => last);
      return last.includes(name) === present;
    }, { timeout: 10_000 })
    .catch(() => {
      throw new Error(`stage ${name} ${present ? "missing" : "still there"}; stages: ${last.join(", ")}`);
    });
}

async function statusText(br: Browser): Promise<string> {
  return br.execute(() => (document.querySelector('[data-testid="team-status"]') as HTMLElement | null)?.innerText ?? "");
}

async function expectStatus(br: Browser, contains: string) {
  let last = "";
  await br
    .waitUntil(async () => (last = await statusText(br).catch(() => last)).includes(contains), { timeout: 15_000 })
    .catch(() => {
      throw new Error(`team status is ${JSON.stringify(last)}, not ${contains}`);
    });
}

/** Adds a stage at the end of the journey on screen, as a person does. */
async function addStage(br: Browser, name: string) {
  await br.$("button.add-stage").click();
  await br.$(".add-stage-cell textarea").setValue(name);
  await br.keys(Key.Enter);
  await expectStage(br, name);
}

async function fillTeamDialog(br: Browser, url: string, name: string, author: string) {
  await br.$('[data-testid="team-url"]').setValue(url);
  await br.$('[data-testid="team-name"]').setValue(name);
  await br.$('[data-testid="team-author"]').setValue(author);
}

describe("a team workspace edited from two instances of the app", () => {
  let cluster: { process: ChildProcess; url: string } | null = null;
  let driver: ChildProcess | null = null;
  let proxy: Proxy | null = null;
  let b: Browser | null = null;
  let directUrl = "";
  let proxiedUrl = "";

  before(async () => {
    cluster = await startCluster();
    directUrl = cluster.url;
    const serverPort = Number(/port=(\d+)/.exec(directUrl)![1]);
    proxy = new Proxy(await freePort(), serverPort);
    await proxy.open();
    proxiedUrl = directUrl.replace(/port=\d+/, `port=${proxy.port}`);
    // The second instance has a driver of its own.
    const bin = process.env.TAURI_DRIVER ?? join(homedir(), ".cargo", "bin", "tauri-driver");
    driver = spawn(bin, ["--port", "4446", "--native-port", "4447"], { stdio: ["ignore", "inherit", "inherit"] });
    const until = Date.now() + 20_000;
    while (!((await portOpen(4446)) && (await portOpen(4447)))) {
      if (Date.now() > until) throw new Error("the second tauri-driver did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(async () => {
    await b?.deleteSession().catch(() => undefined);
    if (driver) {
      const exited = new Promise((r) => driver!.once("exit", r));
      driver.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
    await proxy?.cut();
    cluster?.process.stdin?.end();
    await new Promise((r) => setTimeout(r, 500));
    cluster?.process.kill();
  });

  it("shares the sample with the team from the first instance", async () => {
    await launch(workspace("team-a", true), "team-a");
    await $('[data-testid="share-team"]').click();
    await fillTeamDialog(browser, directUrl, "顧客A", "佐藤");
    await screenshot("70-team-share-dialog");
    await $('[data-testid="team-ok"]').click();
    await expectStatus(browser, "接続中");
    expect(await browser.execute(() => document.querySelector('[data-testid="file-name"]')?.textContent)).toBe("顧客A");
    // A local copy comes back from the database as a file.
    await expect($('[data-testid="save-copy"]')).toHaveText("ローカルに保存…");
  });

  it("opens it in the second instance and each sees the other's stage", async () => {
    b = await remote({
      hostname: "127.0.0.1",
      port: 4446,
      logLevel: "warn",
      capabilities: launchOptions(workspace("team-b", false), "team-b") as WebdriverIO.Capabilities,
    });
    await b.$('[data-testid="open-team"]').click();
    await b.$('[data-testid="team-url"]').setValue(proxiedUrl);
    await b.$('[data-testid="team-author"]').setValue("鈴木");
    await b.$('[data-testid="team-list"]').click();
    await b.waitUntil(async () => (await b!.$('[data-testid="team-names"]').getText()).includes("顧客A"));
    await b.$('[data-testid="team-name"]').setValue("顧客A");
    await b.$('[data-testid="team-ok"]').click();
    await expectStatus(b, "接続中");
    await expectStage(b, "オンボーディング");

    // The first adds a stage; the second sees it, with who made it.
    await addStage(browser, "継続利用の確認");
    await expectStage(b, "継続利用の確認");
    await b.waitUntil(async () => (await b!.$('[data-testid="team-remote"]').getText().catch(() => "")).includes("佐藤"), {
      timeout: 5_000,
      timeoutMsg: "the second instance does not say who added the stage",
    });
    await b.saveScreenshot(join(ARTIFACTS, "71-team-second-sees.png"));

    // Both edit: the second adds one, the first sees it; each undoes only its own.
    await addStage(b, "アップセルの提案");
    await expectStage(browser, "アップセルの提案");
    await screenshot("72-team-first-sees");
  });

  it("keeps the second's edits while it is offline and sends them when it is back", async () => {
    await proxy!.cut();
    await expectStatus(b!, "オフライン");
    await addStage(b!, "オフラインで追加");
    await expectStatus(b!, "未送信の変更 1 件");
    await b!.saveScreenshot(join(ARTIFACTS, "73-team-offline.png"));
    // Meanwhile the first goes on, and does not see it yet.
    await addStage(browser, "更新の準備");
    await expectStage(browser, "オフラインで追加", false);

    await proxy!.open();
    await expectStatus(b!, "接続中");
    await expectStage(browser, "オフラインで追加");
    // The second has the first's stage made meanwhile, and its own.
    await expectStage(b!, "更新の準備");
    await expectStage(b!, "オフラインで追加");
    expect((await statusText(b!)).includes("未送信")).toBe(false);
    await screenshot("74-team-back");
  });

  it("shows an offline edit that no longer fits as refused, with why, until it is dismissed", async () => {
    await proxy!.cut();
    await expectStatus(b!, "オフライン");
    // The second adds a card to a stage the first deletes meanwhile.
    const cell = (await b!.$$('[data-testid="cell-customerAction"]'))[4]!;
    await cell.$('[aria-label="顧客の行動を追加"]').click();
    await cell.$("textarea").setValue("オフラインのカード");
    await b!.keys(Key.Enter);
    await expectStatus(b!, "未送信の変更 1 件");
    await $('//div[@data-testid="stage-header"][.//div[contains(@class, "stage-name") and normalize-space()="継続利用の確認"]]').click();
    await browser.keys(Key.Delete);
    await expectStage(browser, "継続利用の確認", false);

    await proxy!.open();
    await expectStatus(b!, "接続中");
    await expectStage(b!, "継続利用の確認", false);
    await b!.$('[data-testid="team-rejected"]').waitForDisplayed({ timeout: 10_000 });
    expect(await b!.$('[data-testid="team-rejected"]').getText()).toContain("反映できなかった変更 1 件");
    await b!.$('[data-testid="team-rejected"]').click();
    await expect(b!.$('[data-testid="team-rejected-list"]')).toHaveText(expect.stringContaining("カードの追加"));
    await expect(b!.$('[data-testid="team-rejected-reason"]')).toHaveText("その間にほかの人が「継続利用の確認」を削除しました。");
    await b!.saveScreenshot(join(ARTIFACTS, "75-team-refused.png"));
    await b!.$('[data-testid="team-dismiss"]').click();
    await b!.$('[data-testid="team-rejected"]').waitForExist({ reverse: true });
  });

  it("undoes only one's own edits", async () => {
    // The first's last edits: the stage deleted, then 「更新の準備」 added. Undo takes them back, in
    // order, everywhere; the second's stages stay.
    await $('[data-testid="undo"]').click();
    await expectStage(browser, "継続利用の確認");
    await expectStage(b!, "継続利用の確認");
    await $('[data-testid="undo"]').click();
    await expectStage(browser, "更新の準備", false);
    await expectStage(browser, "オフラインで追加");
    await expectStage(b!, "更新の準備", false);
  });
});
