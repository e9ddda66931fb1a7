// Browser end-to-end: a share link's join card, then reloads mid-match that keep the seat (player, spectator, host), and Leave that frees it.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReboundDebugView } from "../../game/app.ts";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, joinByLink, waitForMatch } from "./support/session.ts";

let session: BrowserSession;

const self = (view: ReboundDebugView) => view.players.find((p) => p.sessionId === view.sessionId);
/** Everyone connected, nobody twice: a reload that left a ghost behind shows up here. */
const noGhosts = (view: ReboundDebugView, count: number) =>
  view.players.length === count && view.players.every((p) => p.connected) && new Set(view.players.map((p) => p.name)).size === count;

describe("seats survive a reload", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterAll(async () => { await session?.stop(); });

  it("joins from the link's card, then reloads mid-match back into the same seat, team and score", async () => {
    const { page: host } = await session.open();
    const hostErrors = watchErrors(host, "host");
    // The host form's room name follows the name as it is typed.
    await host.goto(session.server.url);
    await host.fill("#name", "Hostess");
    await host.click("#host-room");
    expect(await host.inputValue("input[name=roomName]")).toBe("Hostess's room");
    const hostView = await hostRoom(host, session.server.url, "Hostess");
    const link = await host.inputValue("#share-link");

    // The link shows a card before joining: the room, who is in it, a name box (remembered name), Play / Spectate.
    const { page: friend } = await session.open();
    const friendErrors = watchErrors(friend, "friend");
    await friend.goto(link);
    await friend.waitForSelector("#join-card");
    expect(await friend.textContent("#join-card-room")).toBe("Hostess's room");
    expect(await friend.textContent("#join-card-people")).toContain("Hostess");
    expect(await matchViewOf(friend)).toBeNull(); // not in the room yet
    await friend.fill("#join-card-name", "Sam");
    await friend.screenshot({ path: `${SCREENSHOT_DIR}seat-join-card.png` });
    await friend.click("#join-card-play");
    const friendView = await waitForMatch(friend, (v) => self(v)?.name === "Sam", "Sam in the room under the typed name");
    expect(self(friendView)!.team).toBe("blue");
    expect(await friend.evaluate(() => localStorage.getItem("rebound.name"))).toBe("Sam");

    // A spectator who came through the plain link (no ?spectate) and chose Spectate on the card.
    const { page: watcher } = await session.open();
    const watcherErrors = watchErrors(watcher, "watcher");
    const watcherView = await joinByLink(watcher, link, "Watcher", { spectate: true });
    expect(self(watcherView)!.team).toBe("spectator");
    await watcher.waitForURL(/\?spectate$/); // the address bar keeps the role for a reload

    // The host goes to the bench and kicks off; Sam runs the ball into the empty red goal.
    await host.click("#spectate");
    await waitForMatch(host, (v) => self(v)?.team === "spectator", "the host on the bench");
    await host.click("#start-match");
    await waitForMatch(friend, (v) => v.phase === "playing", "kickoff", 30_000);
    await friend.keyboard.down("ArrowLeft");
    await friend.keyboard.down("Space");
    await waitForMatch(host, (v) => v.score.blue > 0, "Sam's goal", 40_000);
    await friend.keyboard.up("Space");
    await friend.keyboard.up("ArrowLeft");
    const beforeReload = await waitForMatch(host, (v) => v.phase === "playing" && noGhosts(v, 3), "play resumed after the goal", 30_000);

    // Sam reloads mid-match: same session, same team, same score, and no ghost on anyone's page.
    await friend.reload();
    const back = await waitForMatch(friend, (v) => v.sessionId === friendView.sessionId && self(v) !== undefined, "Sam back in his own seat", 30_000);
    expect(self(back)!.team).toBe("blue");
    expect(back.score).toEqual(beforeReload.score);
    expect(await friend.isVisible("#join-card")).toBe(false);
    await waitForMatch(host, (v) => noGhosts(v, 3) && v.players.some((p) => p.sessionId === friendView.sessionId && p.team === "blue"), "Sam on the host's page, no ghost");

    // The spectator reloads: still a spectator, same session, no ghost.
    await watcher.reload();
    const watcherBack = await waitForMatch(watcher, (v) => v.sessionId === watcherView.sessionId && self(v) !== undefined, "the spectator back", 30_000);
    expect(self(watcherBack)!.team).toBe("spectator");
    await watcher.waitForURL(/\?spectate$/);
    await waitForMatch(host, (v) => noGhosts(v, 3), "no ghost after the spectator's reload");

    // The host reloads: still the host (the host's controls come back), same session.
    await host.reload();
    await waitForMatch(host, (v) => v.sessionId === hostView.sessionId, "the host back", 30_000);
    await host.waitForSelector("#stop-match", { state: "visible" });
    await host.waitForSelector("#host-panel", { state: "visible" });
    await waitForMatch(friend, (v) => noGhosts(v, 3), "no ghost after the host's reload");
    await host.screenshot({ path: `${SCREENSHOT_DIR}seat-after-reloads.png` });

    // Leave is a consented leave: the seat frees at once (no "reconnecting…" hold), and a reload joins afresh.
    // Leave is a consented leave: the seat frees at once (no "reconnecting…" hold), and a reload joins afresh.
    await friend.click("#leave");
    await waitForMatch(host, (v) => noGhosts(v, 2) && !v.players.some((p) => p.sessionId === friendView.sessionId), "Sam gone at once");
    await friend.waitForSelector("#menu");

    expect([...hostErrors, ...friendErrors, ...watcherErrors]).toEqual([]);
  }, 300_000);
});

function matchViewOf(page: Page): Promise<ReboundDebugView | null> {
  return page.evaluate(() => window.reboundDebug?.() ?? null);
}
