// Browser end-to-end: kick in an in-game dialog (Cancel really cancels), a kicked friend cannot come back by the link, mute for yourself, a password room refuses a wrong password in words.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, joinByLink, waitForMatch } from "./support/session.ts";

let session: BrowserSession;

async function say(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

const chatHas = (page: Page, text: string) =>
  page.waitForFunction((t) => document.querySelector("#chat-lines")?.textContent?.includes(t), text, { timeout: 30_000 });

describe("moderation in the browser", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterAll(async () => { await session?.stop(); });

  it("mutes for yourself, cancels a kick, then kicks for good", async () => {
    const { page: host } = await session.open();
    const hostErrors = watchErrors(host, "host");
    const hostView = await hostRoom(host, session.server.url, "Hostess");
    const link = await host.inputValue("#share-link");
    const { page: friend } = await session.open();
    const friendView = await joinByLink(friend, link, "Rowdy");
    await waitForMatch(host, (v) => v.players.length === 2, "Rowdy on the host's page");

    // Renaming in the room: a taken name (any case) is refused with a clear message, a free one is announced.
    await host.click("#rename");
    await host.waitForSelector("#dialog");
    await host.fill("#dialog-input", "rowdy");
    await host.screenshot({ path: `${SCREENSHOT_DIR}moderation-rename-dialog.png` });
    await host.click("#dialog-confirm");
    await host.waitForFunction(() => document.querySelector("#toast")?.textContent?.includes("already taken"), undefined, { timeout: 30_000 });
    await host.click("#rename");
    await host.fill("#dialog-input", "Boss");
    await host.click("#dialog-confirm");
    await chatHas(friend, "Hostess is now Boss");
    await waitForMatch(friend, (v) => v.players.some((p) => p.sessionId === hostView.sessionId && p.name === "Boss"), "the new name on Rowdy's page");
    expect(await host.evaluate(() => localStorage.getItem("rebound.name"))).toBe("Boss");

    // Rowdy hides the host's chat on his own page: lines sent meanwhile never show, later ones do.
    await friend.click(`[data-mute-for-me="${hostView.sessionId}"]`);
    await say(host, "you cannot read this");
    await chatHas(host, "you cannot read this");
    await friend.click(`[data-mute-for-me="${hostView.sessionId}"]`);
    await say(host, "now you can");
    await chatHas(friend, "now you can");
    expect(await friend.textContent("#chat-lines")).not.toContain("you cannot read this");

    // Kick, then Cancel: nothing happens. The chat line sent after it arrives while Rowdy is still in.
    await host.click(`[data-kick="${friendView.sessionId}"]`);
    await host.waitForSelector("#dialog");
    await host.fill("#dialog-input", "second thoughts");
    await host.screenshot({ path: `${SCREENSHOT_DIR}moderation-kick-dialog.png` });
    await host.click("#dialog-cancel");
    expect(await host.isVisible("#dialog")).toBe(false);
    await say(host, "still friends");
    await chatHas(friend, "still friends");
    expect((await waitForMatch(friend, () => true, "Rowdy's view")).players.length).toBe(2);

    // Kick with a reason: Rowdy is back at the menu with the reason.
    await host.click(`[data-kick="${friendView.sessionId}"]`);
    await host.fill("#dialog-input", "too rough");
    await host.click("#dialog-confirm");
    await friend.waitForSelector("#menu");
    expect(await friend.textContent("#menu-error")).toContain("too rough");
    await waitForMatch(host, (v) => v.players.length === 1, "Rowdy gone from the host's page");

    // The link no longer lets him in: the card says why.
    await friend.goto(link);
    await friend.waitForSelector("#join-card");
    await friend.click("#join-card-play");
    await friend.waitForFunction(() => document.querySelector("#join-card-error")?.textContent?.includes("removed you"), undefined, { timeout: 30_000 });
    await friend.screenshot({ path: `${SCREENSHOT_DIR}moderation-kicked-card.png` });
    expect((await waitForMatch(host, () => true, "the host's view")).players.length).toBe(1);

    expect(hostErrors).toEqual([]);
  }, 240_000);

  it("words a refused join from its status: a wrong password on the card, then the right one seats the friend", async () => {
    const { page: host } = await session.open();
    await hostRoom(host, session.server.url, "Keeper", (page) => page.fill("#host-form input[name=password]", "open sesame"));
    const link = await host.inputValue("#share-link");
    const { page: friend } = await session.open();
    const friendErrors = watchErrors(friend, "friend");
    await friend.goto(link);
    await friend.waitForSelector("#join-card-password", { timeout: 60_000 });
    await friend.fill("#join-card-name", "Guest");
    await friend.fill("#join-card-password", "open sesame?");
    await friend.click("#join-card-play");
    // The server answers 401 with "wrong password"; the page's own words come from the status (game/ui/wording.ts).
    await friend.waitForFunction(() => document.querySelector("#join-card-error")?.textContent?.includes("Wrong password: type the room's password"), undefined, { timeout: 30_000 });
    await friend.screenshot({ path: `${SCREENSHOT_DIR}moderation-wrong-password.png` });
    await friend.fill("#join-card-password", "open sesame");
    await friend.click("#join-card-play");
    await waitForMatch(friend, (v) => v.players.some((p) => p.sessionId === v.sessionId && p.name === "Guest"), "Guest seated with the right password");
    await chatHas(host, "Guest joined team");
    // Chromium logs every non-2xx response; the refused reservation is the only one, and nothing else went wrong.
    expect(friendErrors).toEqual(["[friend] console: Failed to load resource: the server responded with a status of 401 (Unauthorized)"]);
  }, 240_000);
});
