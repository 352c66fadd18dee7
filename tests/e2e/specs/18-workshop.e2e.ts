// A workshop on the real app with two participants in Debian's chromium (chromium-driver) on
// 127.0.0.1: the facilitator starts a session (nothing listened before), a wrong PIN is refused,
// both join, add notes and see each other's, see the agenda's timer; one participant's network is
// cut and restored and the note written meanwhile arrives once; a dot vote is cast and closed; the
// facilitator turns a note into a stumbling point with a key, the diagnosis finds it has no
// evidence yet; after a relaunch everything is there.

import { existsSync, readFileSync } from "node:fs";
import { join as joinPath } from "node:path";

import { portOpen } from "../support/net.ts";
import { TMP, answerDialog, expectCount, launch, screenshot, workspace } from "../support/app.ts";
import { type Participant, addNote, join, notesSeen, participant, startChromium, stopChromium, waitFor } from "../support/participants.ts";

const panelNotes = () =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="workshop-note"] .text')].map((e) => e.textContent ?? ""));

const cards = () => browser.execute(() => [...document.querySelectorAll(".card, [data-testid='card']")].map((e) => e.textContent ?? ""));

/** Whether the host at `url` listens. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return portOpen(Number(port), hostname);
}

describe("a workshop with participants on the LAN", () => {
  let file = "";
  let url = "";
  let pin = "";
  let sato: Participant;
  let suzuki: Participant;
  let stage = "";

  before(async () => {
    await startChromium();
  });

  after(async () => {
    await sato?.deleteSession().catch(() => undefined);
    await suzuki?.deleteSession().catch(() => undefined);
    stopChromium();
  });

  it("starts a session on 127.0.0.1 and shows its URL, QR code and PIN", async () => {
    file = workspace("workshop", true);
    await launch(file, "workshop");
    await $('[data-testid="workshop-open"]').click();
    await $('[data-testid="workshop-name"]').setValue("導入ワークショップ");
    await $('[data-testid="workshop-address"]').selectByAttribute("value", "127.0.0.1");
    await $('[data-testid="workshop-start"]').click();
    await expect($('[data-testid="workshop-pin"]')).toHaveText(/^\d{6}$/);
    url = await $('[data-testid="workshop-url"]').getText();
    pin = await $('[data-testid="workshop-pin"]').getText();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await listening(url)).toBe(true);
    // The agenda: one timeboxed step, started.
    await $('[data-testid="agenda-step"]').setValue("現状の洗い出し");
    await $('[data-testid="agenda-minutes"]').setValue("10");
    await $('[data-testid="agenda-add"]').click();
    await $('[data-testid="agenda-start"]').click();
    await expect($('[data-testid="workshop-timer"]')).toHaveText(/^現状の洗い出し (10:00|[0-9]:[0-5][0-9])$/);
    await screenshot("55-workshop-started");
  });

  it("refuses a wrong PIN and lets two participants in", async () => {
    sato = await participant(url);
    await join(sato, "000000", "佐藤");
    await sato.$('[data-testid="join-error"]').waitForDisplayed();
    expect(await sato.$('[data-testid="join-error"]').getText()).toContain("PIN が違います");
    await sato.$('[data-testid="pin"]').setValue(pin);
    await sato.$('[data-testid="join"]').click();
    await sato.$('[data-testid="workshop-name"]').waitForDisplayed();
    expect(await sato.$('[data-testid="workshop-name"]').getText()).toBe("導入ワークショップ");
    suzuki = await participant(url);
    await join(suzuki, pin, "鈴木");
    await suzuki.$('[data-testid="workshop-name"]').waitForDisplayed();
    await expect($('[data-testid="workshop-participants"]')).toHaveText("佐藤、鈴木");
    // Both see the timer of the step running.
    for (const p of [sato, suzuki]) {
      await waitFor("the timer", async () => /\d+:\d\d/.test(await p.$('[data-testid="timer-left"]').getText()));
    }
  });

  it("takes notes from both, each seen by the other and by the facilitator", async () => {
    stage = await sato.execute(() => (document.querySelectorAll('[data-testid="note-place"] option')[1] as HTMLOptionElement).text);
    await addNote(sato, "他工場への展開で誰が説明するか決まっていない", stage, "つまずきポイント");
    await addNote(suzuki, "月次の報告を手で作っている", null);
    await waitFor("佐藤's note at 鈴木", async () => (await notesSeen(suzuki)).includes("他工場への展開で誰が説明するか決まっていない"));
    await waitFor("鈴木's note at 佐藤", async () => (await notesSeen(sato)).includes("月次の報告を手で作っている"));
    // Text from a participant is text: markup in a note is shown as typed and never runs.
    const markup = `<img src=x onerror="document.title='pwned'">`;
    await addNote(sato, markup, null);
    await waitFor("the markup note at 鈴木", async () => (await notesSeen(suzuki)).includes(markup));
    await waitFor("three notes in the panel", async () => (await panelNotes()).length === 3);
    expect(await panelNotes()).toContain(markup);
    expect(await suzuki.getTitle()).not.toBe("pwned");
    expect(await browser.getTitle()).not.toBe("pwned");
    expect(await suzuki.execute(() => document.querySelectorAll('[data-testid="note"] img').length)).toBe(0);
    await screenshot("56-workshop-notes-in");
    await sato.saveScreenshot("tests/e2e/artifacts/57-participant-board.png");
  });

  it("keeps a note written while the network was cut and sends it once when it is back", async () => {
    await suzuki.setNetworkConditions({ offline: true, latency: 0, download_throughput: 0, upload_throughput: 0 });
    await suzuki.execute(() => window.dispatchEvent(new Event("offline")));
    await addNote(suzuki, "回線が切れている間に書いた付箋", null);
    await waitFor("the note waiting", async () => (await suzuki.$('[data-testid="connection"]').getText()).includes("1"));
    await suzuki.saveScreenshot("tests/e2e/artifacts/58-participant-offline.png");
    expect(await panelNotes()).not.toContain("回線が切れている間に書いた付箋");
    await suzuki.deleteNetworkConditions();
    await suzuki.execute(() => window.dispatchEvent(new Event("online")));
    await waitFor("the note at the host", async () => (await panelNotes()).includes("回線が切れている間に書いた付箋"), 15_000);
    await browser.pause(1500);
    const all = await panelNotes();
    expect(all.filter((n) => n === "回線が切れている間に書いた付箋")).toHaveLength(1);
    expect(all).toHaveLength(4);
  });

  it("runs a dot vote whose results show once it closes", async () => {
    await $('[data-testid="vote-question"]').setValue("どのつまずきから直す？");
    await $('[data-testid="vote-start"]').click();
    await sato.$('[data-testid="candidate"]').waitForDisplayed();
    const vote = async (p: Participant, index: number) => {
      const before = await p.$('[data-testid="dots-left"]').getText();
      await p.$$('[data-testid="candidate"]')[index]!.$("button").click();
      await waitFor("the dot counted", async () => (await p.$('[data-testid="dots-left"]').getText()) !== before);
    };
    await vote(sato, 0);
    await vote(sato, 0);
    await vote(suzuki, 1);
    expect(await sato.$('[data-testid="dots-left"]').getText()).toContain("1");
    await expect($('[data-testid="workshop-vote"]')).toHaveText(expect.stringContaining("2 人が 3 票"));
    await $('[data-testid="vote-close"]').click();
    await expect($('[data-testid="vote-results"] li')).toHaveText(expect.stringContaining("2"));
    await sato.$('[data-testid="results"]').waitForDisplayed();
    const first = await sato.execute(() => document.querySelector('[data-testid="results"] li')?.textContent ?? "");
    expect(first).toMatch(/ 2$/);
  });

  it("turns a note into a stumbling point with a key; the diagnosis sees it", async () => {
    const picture = await sato.$("#picture img").getAttribute("src");
    await $('[data-testid="promote-reason"]').selectByAttribute("value", "guidanceLacking");
    const note = $('//li[@data-testid="workshop-note"][.//span[normalize-space()="他工場への展開で誰が説明するか決まっていない"]]');
    await note.scrollIntoView();
    await browser.execute((el) => (el as unknown as HTMLElement).focus(), await note);
    await browser.keys("Enter");
    await waitFor("the note placed", async () => (await panelNotes()).length === 3);
    await waitFor("the card on the map", async () => (await cards()).some((c) => c.includes("他工場への展開で誰が説明するか決まっていない")));
    await expect($('[data-testid="workshop-placed"]')).toHaveText(expect.stringContaining("つまずきポイント"));
    // The diagnosis runs on the result: the new stumbling point rests on no customer's words yet.
    await browser.keys(["Control", "Shift", "m"]);
    await $('[data-testid="filter-rule"]').selectByVisibleText("stumbling-point-evidence");
    await waitFor("the finding", async () =>
      browser.execute(
        () => [...document.querySelectorAll('[data-testid="finding"][data-rule="stumbling-point-evidence"]')].some((f) => (f.textContent ?? "").includes("他工場への展開")),
      ),
    );
    await browser.keys(["Control", "Shift", "m"]);
    // Participants see it leave the board, and the picture of the map drawn again with the card.
    await waitFor("the note placed at 佐藤", async () => !(await notesSeen(sato)).includes("他工場への展開で誰が説明するか決まっていない"));
    await waitFor("the picture drawn again", async () => (await sato.$("#picture img").getAttribute("src")) !== picture);
    await $('[data-testid="workshop-projector"]').click();
    await expect($('[data-testid="projector-strip"]')).toBeDisplayed();
    await expect($('[data-testid="projector-notes"]')).toHaveText(expect.stringContaining("月次の報告を手で作っている"));
    await screenshot("59-workshop-projector");
    await $('[data-testid="projector-strip"] button').click();
  });

  it("writes the record of the room: who added what, the votes, the parking lot and the diagnosis", async () => {
    const record = joinPath(TMP, "workshop-record.md");
    await answerDialog(record);
    await $('[data-testid="workshop-export"]').click();
    await waitFor("the record", async () => existsSync(record));
    const md = readFileSync(record, "utf8");
    for (const want of ["ワークショップの記録：導入ワークショップ", "現状の洗い出し（10 分）", "他工場への展開で誰が説明するか決まっていない", "どのつまずきから直す？", "月次の報告を手で作っている（鈴木）", "## 診断", "stumbling-point-evidence"]) {
      expect(md).toContain(want);
    }
  });

  it("stops listening when the session ends, and keeps everything after a relaunch", async () => {
    await $('[data-testid="workshop-stop"]').click();
    await $('[data-testid="workshop-start"]').waitForDisplayed();
    await waitFor("nothing listens", async () => !(await listening(url)));
    await launch(file, "workshop");
    await waitFor("the card after a relaunch", async () => (await cards()).some((c) => c.includes("他工場への展開で誰が説明するか決まっていない")));
    await $('[data-testid="workshop-open"]').click();
    await $('[data-testid="workshop-name"]').setValue("導入ワークショップ");
    await $('[data-testid="workshop-address"]').selectByAttribute("value", "127.0.0.1");
    await $('[data-testid="workshop-start"]').click();
    await waitFor("the notes of the workshop", async () => (await panelNotes()).length === 3);
    expect(await panelNotes()).toEqual(expect.arrayContaining(["月次の報告を手で作っている", "回線が切れている間に書いた付箋"]));
    await expectCount('[data-testid="workshop-placed"]', 1);
    await expect($('[data-testid="vote-results"]')).toBeDisplayed();
    await $('[data-testid="workshop-stop"]').click();
  });
});
