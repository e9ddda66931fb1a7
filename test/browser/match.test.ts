// Browser end-to-end: two real Chromium pages play one match on the production build that `npm start` serves.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, joinByLink, waitForMatch } from "./support/session.ts";

let session: BrowserSession;

async function hold(page: Page, key: string, ms: number): Promise<void> {
  await page.keyboard.down(key);
  await page.waitForTimeout(ms);
  await page.keyboard.up(key);
}

describe("two friends in two browsers", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterAll(async () => { await session?.stop(); });

  it("host creates a room, a friend joins by its /r/<id> link, both see both players move", async () => {
    const url = session.server.url;
    const host = await session.newPage();
    const hostErrors = watchErrors(host, "host");
    const hostView = await hostRoom(host, url, "Alice");
    expect(host.url()).toContain(`/r/${hostView.roomId}`);
    const shareLink = await host.inputValue("#share-link");
    expect(shareLink).toBe(`${url}/r/${hostView.roomId}`);

    const friend = await session.newPage();
    const friendErrors = watchErrors(friend, "friend");
    await joinByLink(friend, shareLink, "Bob");
    const friendView = await waitForMatch(friend, (view) => view.players.length === 2, "both players on the friend's page");
    expect(friendView.roomId).toBe(hostView.roomId);
    const start = await waitForMatch(host, (view) => view.players.length === 2, "both players on the host's page");
    const hostStart = start.players.find((p) => p.sessionId === hostView.sessionId)!;
    const friendStart = start.players.find((p) => p.sessionId === friendView.sessionId)!;
    expect(hostStart.team).not.toBe(friendStart.team);

    // Each presses keys in its own page: host runs down, friend runs up.
    await Promise.all([hold(host, "KeyS", 700), hold(friend, "ArrowUp", 700)]);

    for (const page of [host, friend]) {
      const view = await waitForMatch(page, (v) => {
        const h = v.players.find((p) => p.sessionId === hostView.sessionId);
        const f = v.players.find((p) => p.sessionId === friendView.sessionId);
        return !!h && !!f && h.y > hostStart.y + 40 && f.y < friendStart.y - 40;
      }, "both players to have moved");
      expect(view.players).toHaveLength(2);
    }

    await host.screenshot({ path: `${SCREENSHOT_DIR}match-host.png` });
    await friend.screenshot({ path: `${SCREENSHOT_DIR}match-friend.png` });
    expect([...hostErrors, ...friendErrors]).toEqual([]);
  });
});
