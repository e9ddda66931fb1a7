// Browser end-to-end: a match with a goal is in the history page; its replay opens from there, the goal mark and the
// timeline scrub to the goal and the viewer shows it (score, ball in the net, every recorded hash reproduced); a replay
// file from disk opens, a cut-short one is refused in words; a share link starts at its moment.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { FIELD } from "../../shared/constants.ts";
import type { ReplayDebugView } from "../../game/replay/replayPage.ts";
import { replayProblemText } from "../../game/ui/wording.ts";
import { finishedMatchOf, replayBytes } from "../helpers/history.ts";
import { createMatch, joinMatch, leaveQuietly } from "../helpers/server.ts";
import { playToOneGoal } from "../helpers/steer.ts";
import { BrowserSession } from "./support/session.ts";

let session: BrowserSession;

const viewer = (page: Page): Promise<ReplayDebugView> => page.evaluate(() => window.reboundReplay!());

async function waitForViewer(page: Page, accept: (view: ReplayDebugView) => boolean, what: string): Promise<ReplayDebugView> {
  await page.waitForFunction(() => typeof window.reboundReplay === "function", undefined, { timeout: 30_000 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const view = await viewer(page);
    if (accept(view)) return view;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; viewer: ${JSON.stringify(view)}`);
    await page.waitForTimeout(100);
  }
}

/** Pauses the viewer if it is playing (the Play button toggles; at the end it would start over). */
async function pause(page: Page): Promise<void> {
  if ((await viewer(page)).playing) await page.click("button.play");
  await waitForViewer(page, (v) => !v.playing, "the viewer paused");
}

describe("match history and replays in the browser", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterAll(async () => { await session?.stop(); });

  it("opens a played match's replay from the history and scrubs to its goal", async () => {
    // The match: two real SDK clients, Ann scores, full time at the score limit.
    const endpoint = session.server.url;
    const ann = await createMatch(endpoint, { name: "Ann", scoreLimit: 1, roomName: "Replay night" });
    const bob = await joinMatch(endpoint, ann.room.roomId, { name: "Bob" });
    try {
      await playToOneGoal(ann, bob);
    } finally {
      await leaveQuietly(ann, bob);
    }
    const match = await finishedMatchOf(endpoint, ann.room.roomId);

    const { page } = await session.open();
    const errors = watchErrors(page, "viewer");
    await page.goto(`${endpoint}/history?player=Ann`);
    const card = page.locator(`[data-match-id="${match.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator(".score").textContent()).toBe("1 – 0");
    expect(await card.locator(".team.red").textContent()).toBe("Ann");
    expect(await card.locator(".scorers").textContent()).toContain("Ann");
    await page.screenshot({ path: `${SCREENSHOT_DIR}history.png`, fullPage: true });
    await card.locator("a.watch").click();
    await page.waitForURL(`**/replay/${match.id}`);
    const loaded = await waitForViewer(page, (v) => v.totalSteps > 0, "the replay to load");
    expect(loaded.goalSteps).toHaveLength(1);
    expect(loaded.problem).toBeNull();

    // Pause, then the goal mark: it starts a few seconds before the goal and plays into it.
    await pause(page);
    await page.click(".mark.red");
    const scored = await waitForViewer(page, (v) => v.scoreRed === 1, "the replayed goal");
    expect(scored.scoreBlue).toBe(0);
    expect(await page.textContent(".scoreline .red")).toBe("1");

    // Scrub the timeline back to the start: no goal yet; then to the end: the ball was put into the right-hand net.
    await pause(page);
    await page.$eval("input.timeline", (input) => {
      (input as HTMLInputElement).value = "0";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await waitForViewer(page, (v) => v.step === 0 && v.scoreRed === 0, "the start after scrubbing back");
    const end = await waitForViewer(page, () => true, "the viewer");
    await page.$eval("input.timeline", (input) => {
      const range = input as HTMLInputElement;
      range.value = range.max;
      range.dispatchEvent(new Event("input", { bubbles: true }));
    });
    const final = await waitForViewer(page, (v) => v.step === end.totalSteps, "the end after scrubbing");
    expect([final.scoreRed, final.scoreBlue, final.phase]).toEqual([1, 0, "ended"]);
    expect(final.hashesChecked).toBeGreaterThanOrEqual(match.durationSeconds - 1);
    expect(final.hashMismatches).toBe(0);
    expect(await page.textContent(".verify")).toContain("all match");
    await page.screenshot({ path: `${SCREENSHOT_DIR}replay-end.png`, fullPage: true });

    // Scrubbed to the goal's step: the ball is past the goal line, in the right-hand net.
    await page.$eval("input.timeline", (input, step) => {
      const range = input as HTMLInputElement;
      range.value = String(step);
      range.dispatchEvent(new Event("input", { bubbles: true }));
    }, loaded.goalSteps[0]);
    const goalView = await waitForViewer(page, (v) => v.step === loaded.goalSteps[0], "the goal's step after scrubbing");
    expect(goalView.scoreRed).toBe(1);
    expect(goalView.ball.x).toBeGreaterThan(FIELD.width);
    await page.screenshot({ path: `${SCREENSHOT_DIR}replay-goal.png`, fullPage: true });
    expect(errors).toEqual([]);

    // A share link starts at its moment.
    await page.click("button.share");
    const link = await page.inputValue("input.share-link");
    expect(link).toMatch(new RegExp(`/replay/${match.id}\\?t=\\d+$`));
    const seconds = Number(new URL(link).searchParams.get("t"));
    const { page: friend } = await session.open();
    await friend.goto(link);
    const shared = await waitForViewer(friend, (v) => v.totalSteps > 0, "the shared replay");
    expect(shared.step).toBeGreaterThanOrEqual(seconds * 60);

    // The file from disk: the whole file plays; a cut-short one is refused in words.
    const bytes = await replayBytes(endpoint, match.id);
    const folder = tmpdir();
    const whole = join(folder, `rebound-${match.id}.rbrp`);
    const cut = join(folder, `rebound-${match.id}-cut.rbrp`);
    writeFileSync(whole, bytes);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await page.goto(`${endpoint}/replay`);
    await page.setInputFiles("input.file", cut);
    await waitForViewer(page, (v) => v.problem === replayProblemText("truncated"), "the cut-short file refused");
    expect(await page.textContent(".problem")).toBe(replayProblemText("truncated"));
    await page.setInputFiles("input.file", whole);
    const fromDisk = await waitForViewer(page, (v) => v.problem === null && v.totalSteps === end.totalSteps, "the file from disk");
    expect(fromDisk.goalSteps).toEqual(loaded.goalSteps);
    expect(readFileSync(whole).length).toBe(match.replayBytes);
  });
});
