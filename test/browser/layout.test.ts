// Browser end-to-end: at desktop, laptop, tablet and phone sizes (touch in both phone orientations) no visible HUD element covers the pitch, for a host with the host controls and the network panel open.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PitchBox } from "../../game/stage.ts";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, poll, waitForMatch } from "./support/session.ts";


interface Overlap {
  element: string;
  box: { left: number; top: number; right: number; bottom: number };
}

/** Every visible element in the page's overlay (HUD, chat, panels, touch controls), clipped by the scroll boxes it sits in, that intersects the pitch. */
function overlapsWithPitch(page: Page): Promise<{ pitch: PitchBox | null; overlaps: Overlap[]; checked: number }> {
  return page.evaluate(() => {
    const pitch = window.reboundPitch?.() ?? null;
    const overlaps: { element: string; box: { left: number; top: number; right: number; bottom: number } }[] = [];
    let checked = 0;
    if (!pitch) return { pitch, overlaps, checked };
    const overlay = document.getElementById("overlay")!;
    for (const element of overlay.querySelectorAll<HTMLElement>("*")) {
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const rect = element.getBoundingClientRect();
      let box = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
      // What a scrolling or clipping ancestor hides is not on screen.
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.display === "contents" || (style.overflowX === "visible" && style.overflowY === "visible")) continue;
        const clip = parent.getBoundingClientRect();
        box = { left: Math.max(box.left, clip.left), top: Math.max(box.top, clip.top), right: Math.min(box.right, clip.right), bottom: Math.min(box.bottom, clip.bottom) };
      }
      box = { left: Math.max(box.left, 0), top: Math.max(box.top, 0), right: Math.min(box.right, innerWidth), bottom: Math.min(box.bottom, innerHeight) };
      if (box.right - box.left < 1 || box.bottom - box.top < 1) continue;
      checked += 1;
      // Half a pixel of rounding is not covering anything.
      const intersects = box.left < pitch.right - 0.5 && box.right > pitch.left + 0.5 && box.top < pitch.bottom - 0.5 && box.bottom > pitch.top + 0.5;
      if (intersects) overlaps.push({ element: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${element.className}`, box });
    }
    return { pitch, overlaps, checked };
  });
}

const SIZES = [
  { name: "1920x1080", width: 1920, height: 1080, touch: false },
  { name: "1280x720", width: 1280, height: 720, touch: false },
  { name: "1024x768", width: 1024, height: 768, touch: false },
  { name: "844x390-touch", width: 844, height: 390, touch: true },
  { name: "390x844-touch", width: 390, height: 844, touch: true },
];

/** HUD parts that must be on the page at every size (touch adds its stick and button). */
const MUST_SHOW = ["#score-red", "#clock", "#roster", "#host-panel", "#share-link", "#chat-input", "#net-panel", "#net-toggle", "#compare-link", "#mute"];

let session: BrowserSession;
const contexts: BrowserContext[] = [];

/** A context at this size; phones get touch and the mobile viewport. Closed after each test. */
async function openContext(size: (typeof SIZES)[number]): Promise<BrowserContext> {
  const context = await session.browser.newContext({
    viewport: { width: size.width, height: size.height }, hasTouch: size.touch, isMobile: size.touch, deviceScaleFactor: 1,
  });
  contexts.push(context);
  return context;
}

describe("a layout that frames the pitch", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => { await session?.stop(); });

  for (const size of SIZES) {
    it(`keeps every HUD element off the pitch at ${size.name}`, async () => {
      const context = await openContext(size);
      const page = await context.newPage();
      const errors = watchErrors(page, size.name);
      await page.goto(session.server.url);
      await page.waitForSelector("#menu", { timeout: 60_000 });
      // Touch screens are told about the stick and the button, not WASD.
      const help = await page.textContent("#controls-help");
      if (size.touch) expect(help).toMatch(/stick/i); else expect(help).toMatch(/WASD/);
      await context.close();

      const hostContext = await openContext(size);
      const hostPage = await hostContext.newPage();
      const hostErrors = watchErrors(hostPage, `${size.name} host`);
      await hostRoom(hostPage, session.server.url, "Framer");
      // Players on the pitch, the host controls shown, the network panel open.
      await hostPage.click("#add-bot-red");
      await hostPage.click("#add-bot-blue");
      await waitForMatch(hostPage, (v) => v.players.length === 3, "two bots in the room");
      await hostPage.click("#net-toggle");
      await hostPage.waitForSelector("#net-panel", { state: "visible" });
      for (const selector of [...MUST_SHOW, ...(size.touch ? ["#touch-stick", "#touch-kick"] : [])]) {
        expect(await hostPage.locator(selector).isVisible(), `${selector} shown at ${size.name}`).toBe(true);
      }
      // The layout and the canvas settle (the canvas follows its box): read until two reads agree.
      let previous = "";
      const settled = await poll(() => overlapsWithPitch(hostPage), (result) => {
        const key = JSON.stringify(result.pitch);
        const same = key === previous;
        previous = key;
        return result.pitch !== null && result.pitch.scene === "match" && same;
      }, "the pitch to settle", 60_000);
      await hostPage.screenshot({ path: `${SCREENSHOT_DIR}layout-${size.name}.png` });
      const pitch = settled.pitch!;
      const pitchWidth = pitch.right - pitch.left;
      const pitchHeight = pitch.bottom - pitch.top;
      console.log(`${size.name}: pitch ${Math.round(pitchWidth)}×${Math.round(pitchHeight)} px at (${Math.round(pitch.left)}, ${Math.round(pitch.top)}); ${settled.checked} HUD boxes checked`);
      // The pitch is whole on screen and not shrunk to a stamp.
      expect(pitch.left).toBeGreaterThanOrEqual(-0.5);
      expect(pitch.top).toBeGreaterThanOrEqual(-0.5);
      expect(pitch.right).toBeLessThanOrEqual(size.width + 0.5);
      expect(pitch.bottom).toBeLessThanOrEqual(size.height + 0.5);
      expect(pitchWidth).toBeGreaterThan(size.width * (size.width < size.height ? 0.9 : 0.5));
      expect(settled.checked).toBeGreaterThan(20);
      expect(settled.overlaps).toEqual([]);
      if (size.touch) {
        // A spectator has nothing to steer: the stick and the button go, and the pitch stays where it was.
        await hostPage.click("#spectate");
        await hostPage.waitForSelector("#touch-stick", { state: "hidden", timeout: 30_000 });
        expect(await hostPage.locator("#touch-kick").isVisible()).toBe(false);
        expect((await overlapsWithPitch(hostPage)).pitch).toEqual(pitch);
        await hostPage.click("#join-red");
        await hostPage.waitForSelector("#touch-stick", { state: "visible", timeout: 30_000 });
      }
      expect([...errors, ...hostErrors]).toEqual([]);
    });
  }
});
