// Browser end-to-end: the kickoff whistle sounds (WebAudio) unless muted, the mute choice is remembered, and team marks stand beside the names.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, poll, waitForMatch } from "./support/session.ts";


let session: BrowserSession;

const soundsStarted = (page: Page, name: string): Promise<number> =>
  page.evaluate((sound) => performance.getEntriesByName(`rebound:sound:${sound}`).length, name);

/** Hosts a room with one bot on each team and starts the match; resolves when play has begun. */
async function kickOff(page: Page, name: string): Promise<void> {
  await hostRoom(page, session.server.url, name);
  await page.click("#add-bot-red");
  await page.click("#add-bot-blue");
  await waitForMatch(page, (v) => v.players.length === 3, "two bots");
  await page.click("#start-match");
  await waitForMatch(page, (v) => v.phase === "playing", "the kickoff", 60_000);
}

describe("sound and team marks", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterEach(async () => { await session.closePages(); });
  afterAll(async () => { await session?.stop(); });

  it("blows the kickoff whistle, stays silent once muted, and remembers the mute", async () => {
    const { page, context } = await session.open();
    const errors = watchErrors(page, "player");
    await kickOff(page, "Whistler");
    expect(await page.textContent("#mute")).toBe("Sound: on");
    // The kickoff whistle came from the server's phase change, after a click had unlocked audio.
    await poll(() => soundsStarted(page, "whistle"), (count) => count >= 1, "the kickoff whistle", 30_000);
    // Team marks: the host is on red, with its triangle in the roster.
    expect(await page.locator("#roster li.me .mark.red").textContent()).toBe("▲");
    expect(await page.locator("#roster .blue li .mark.blue").first().textContent()).toBe("■");

    await page.click("#mute");
    expect(await page.textContent("#mute")).toBe("Sound: off");
    await page.click("#leave");
    await page.waitForSelector("#menu");

    // The same browser later: still muted, and a new kickoff makes no sound.
    const again = await context.newPage();
    await kickOff(again, "Whistler");
    expect(await again.textContent("#mute")).toBe("Sound: off");
    // Give the scene frames to react to the kickoff it has already decoded.
    await again.evaluate(() => new Promise<void>((resolve) => {
      let frames = 0;
      const frame = () => (++frames >= 10 ? resolve() : requestAnimationFrame(frame));
      requestAnimationFrame(frame);
    }));
    expect(await again.evaluate(() => performance.getEntriesByName("rebound:first-match-frame").length)).toBe(1);
    expect(await soundsStarted(again, "whistle")).toBe(0);
    expect(errors).toEqual([]);
  });
});
