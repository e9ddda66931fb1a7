// Browser end-to-end: two real Chromium pages play one match on the production build that `npm start` serves.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReboundDebugView } from "../../game/app.ts";
import { launchChromium, SCREENSHOT_DIR, watchErrors } from "./support/chromium.ts";
import { startProductionServer, type RunningServer } from "./support/productionServer.ts";

const PORT = 25791;

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function debugView(page: Page): Promise<ReboundDebugView | null> {
  return page.evaluate(() => window.reboundDebug?.() ?? null);
}

async function waitForView(page: Page, accept: (view: ReboundDebugView) => boolean, what: string): Promise<ReboundDebugView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const view = await debugView(page);
    if (view && accept(view)) return view;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last view: ${JSON.stringify(view)}`);
    await page.waitForTimeout(100);
  }
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  contexts.push(context);
  return context.newPage();
}

async function hold(page: Page, key: string, ms: number): Promise<void> {
  await page.keyboard.down(key);
  await page.waitForTimeout(ms);
  await page.keyboard.up(key);
}

describe("two friends in two browsers", () => {
  beforeAll(async () => {
    server = await startProductionServer(PORT);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it("host creates a room, a friend joins by its /r/<id> link, both see both players move", async () => {
    const host = await newPage();
    const hostErrors = watchErrors(host, "host");
    await host.goto(server.url);
    await host.waitForSelector("#menu");
    await host.fill("#name", "Alice");
    await host.click("#host-room");
    await host.fill("input[name=roomName]", "Alice's test room");
    await host.click("#create-room");
    const hostView = await waitForView(host, (view) => view.players.length === 1, "the host in the room");
    expect(host.url()).toContain(`/r/${hostView.roomId}`);
    const shareLink = await host.inputValue("#share-link");
    expect(shareLink).toBe(`${server.url}/r/${hostView.roomId}`);

    const friend = await newPage();
    const friendErrors = watchErrors(friend, "friend");
    await friend.goto(shareLink);
    const friendView = await waitForView(friend, (view) => view.players.length === 2, "both players on the friend's page");
    expect(friendView.roomId).toBe(hostView.roomId);
    await waitForView(host, (view) => view.players.length === 2, "both players on the host's page");

    const start = await debugView(host);
    const hostStart = start!.players.find((p) => p.sessionId === hostView.sessionId)!;
    const friendStart = start!.players.find((p) => p.sessionId === friendView.sessionId)!;
    expect(hostStart.team).not.toBe(friendStart.team);

    // Each presses keys in its own page: host runs down, friend runs up.
    await Promise.all([hold(host, "KeyS", 700), hold(friend, "ArrowUp", 700)]);

    for (const page of [host, friend]) {
      const view = await waitForView(page, (v) => {
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
