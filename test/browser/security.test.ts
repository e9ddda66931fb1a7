// Browser end-to-end: the pages run under the server's Content-Security-Policy (an inline script is refused and reported),
// and a limit refusal (room creation rate) reaches the player as a sentence in the menu.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom } from "./support/session.ts";

let session: BrowserSession;

describe("security headers and limits in the browser", () => {
  // One room per minute from this address, so the second "Host a room" meets the limit.
  beforeAll(async () => { session = await BrowserSession.start({ REBOUND_ROOM_CREATIONS_PER_MINUTE: "1" }); });
  afterAll(async () => { await session?.stop(); });

  it("serves the game under a CSP that refuses inline script, and the page still plays", async () => {
    const page = await session.newPage();
    const response = await page.goto(session.server.url);
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-powered-by"]).toBeUndefined();
    await page.waitForSelector("#menu");
    // An injected inline script (what an HTML-injection bug would run) does not run, and the watch sees it.
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.head.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    // Both reports arrive (the DOM event and Chromium's console line); taken here, so only this provoked one is forgiven.
    const seen: string[] = [];
    await expect.poll(() => {
      seen.push(...session.takeCspViolations());
      return seen.some((text) => text.startsWith("script-src")) && seen.some((text) => /Content Security Policy/.test(text));
    }, { timeout: 10_000 }).toBe(true);
    await session.closePages();
  });

  it("shows the room-creation refusal in the menu: status and a sentence, not a silent failure", async () => {
    const host = await session.newPage();
    await hostRoom(host, session.server.url, "Firsthost");
    const second = await session.newPage();
    await second.goto(session.server.url);
    await second.waitForSelector("#menu");
    await second.fill("#name", "Secondhost");
    await second.click("#host-room");
    await second.click("#create-room");
    const error = second.locator("#menu p.error[role=alert]");
    await expect.poll(async () => (await error.textContent()) ?? "", { timeout: 30_000 }).toMatch(/Too many new rooms from your network: try again in \d+ s\./);
    // Scrolled into view: the player sees it without hunting under the room list.
    await expect.poll(() => error.evaluate((node) => {
      const box = node.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }), { timeout: 10_000 }).toBe(true);
    await second.screenshot({ path: `${SCREENSHOT_DIR}/limit-refusal-menu.png` });
    // The menu stays usable: its buttons are enabled again.
    expect(await second.isEnabled("#create-room")).toBe(true);
    await session.closePages();
  });
});
