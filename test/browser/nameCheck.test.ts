// Browser end-to-end: the menu's name box says why a name cannot be used (the shared text check) as it is typed, and Quick play with such a name shows the reason instead of joining.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, matchView } from "./support/session.ts";

let session: BrowserSession;
beforeAll(async () => { session = await BrowserSession.start(); });
afterAll(async () => { await session?.stop(); });

describe("the name box", () => {
  it("shows the reason a name is refused, and Quick play does not join with it", async () => {
    const page = await session.newPage();
    const errors = watchErrors(page, "menu");
    await page.goto(session.server.url);
    await page.waitForSelector("#name");

    const hintFor = async (name: string): Promise<string> => {
      await page.fill("#name", name);
      return (await page.textContent("#name-problem")) ?? "";
    };
    expect(await hintFor("\u200B\u200B")).toBe("Name needs at least one visible character");
    expect(await hintFor("Bob\u202Eevil")).toBe("Name contains a text-direction override");
    expect(await hintFor("Sam\u0007")).toBe("Name contains a control character");
    await page.screenshot({ path: `${SCREENSHOT_DIR}name-check.png` });

    await page.click("#quick-play");
    await page.waitForFunction(() => document.querySelector(".menu .error[role=alert]")?.textContent === "Name contains a control character");
    expect(await matchView(page)).toBeNull();
    // A fine name clears the hint, and is remembered as typed (NFC).
    expect(await hintFor("Ame\u0301lie")).toBe("");
    expect(await page.evaluate(() => localStorage.getItem("rebound.name"))).toBe("Amélie");
    expect(errors).toEqual([]);
  });
});
