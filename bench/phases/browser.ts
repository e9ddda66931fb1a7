// Browser: Debian Chromium plays one 8-player match (this page + 7 SDK bots) on the production build; fps from requestAnimationFrame.
import type { Page } from "playwright-core";
import type { ReboundDebugView } from "../../game/app.ts";
import { TICK_HZ, TIMING } from "../../shared/constants.ts";
import { launchChromium, watchErrors } from "../../harness/chromium.ts";
import { measureFirstLoad } from "../../harness/firstLoad.ts";
import { FleetGroup } from "../lib/fleetGroup.ts";
import { startServer } from "../lib/servers.ts";
import { percentile, round } from "../lib/stats.ts";
import { sleep } from "../lib/wallClock.ts";
import type { BrowserFigures, FrameStats } from "../report/resultTypes.ts";

const BOTS = 7;
const JOIN_TIMEOUT_MS = 30_000;
const BLANK_PAGE_MS = 2000;
/** Keys the page's player holds in turn during the measurement (it plays, it does not stand still). */
const KEYS = ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"];

async function waitForPlayers(page: Page, count: number): Promise<ReboundDebugView> {
  const deadline = Date.now() + JOIN_TIMEOUT_MS;
  for (;;) {
    const view = await page.evaluate(() => window.reboundDebug?.() ?? null);
    if (view && view.players.length >= count) return view;
    if (Date.now() > deadline) throw new Error(`the page did not see ${count} players (last view: ${JSON.stringify(view)})`);
    await sleep(200);
  }
}

/** requestAnimationFrame timestamps for `ms`, taken inside the page. */
function frameTimes(page: Page, ms: number): Promise<number[]> {
  return page.evaluate((duration) => new Promise<number[]>((resolve) => {
    const times: number[] = [];
    const frame = (t: number): void => {
      times.push(t);
      if (times.length > 1 && t - times[0] >= duration) resolve(times);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), ms);
}

/** Holds one arrow key after another until `until` (bounded by the measurement window). */
async function play(page: Page, until: number): Promise<void> {
  for (let i = 0; Date.now() < until && i < 1000; i++) {
    const key = KEYS[i % KEYS.length];
    await page.keyboard.down(key);
    await sleep(Math.min(400, Math.max(0, until - Date.now())));
    await page.keyboard.up(key);
  }
}

function frameStats(times: readonly number[]): FrameStats {
  const deltas = times.slice(1).map((t, i) => t - times[i]);
  const frameTimeMedianMs = percentile(deltas, 50);
  const frameTime95thPercentileMs = percentile(deltas, 95);
  return { frames: deltas.length, fpsMedian: 1000 / frameTimeMedianMs, fps5thPercentile: 1000 / frameTime95thPercentileMs, frameTimeMedianMs, frameTime95thPercentileMs };
}

export async function runBrowser(windowMs: number, log: (line: string) => void): Promise<BrowserFigures> {
  const server = await startServer("rebound", { serveClient: true });
  const group = new FleetGroup();
  const browser = await launchChromium();
  try {
    const ready = await group.add({
      kind: "rebound", endpoint: server.url, rooms: 1, botsPerRoom: BOTS, spectators: 0, pollIntervalsMs: [],
      simulatedOneWayMs: 0, namePrefix: "w", joinConcurrency: 1, maxLifetimeMs: 10 * 60_000,
    }, 60_000);
    const roomId = ready.roomIds[0];
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    // Control: the frame rate this headless Chromium reaches on an empty page on this machine right now.
    const blank = await context.newPage();
    const blankStats = frameStats(await frameTimes(blank, BLANK_PAGE_MS));
    await blank.close();
    // A first visit in its own context: nothing cached.
    const visitContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { load } = await measureFirstLoad(visitContext, server.url);
    await visitContext.close();
    const page = await context.newPage();
    const errors = watchErrors(page, "bench");
    // A share link shows its join card first: Play joins.
    await page.goto(`${server.url}/r/${roomId}`);
    await page.click("#join-card-play", { timeout: 60_000 });
    const view = await waitForPlayers(page, BOTS + 1);
    await page.waitForFunction(() => performance.getEntriesByName("rebound:first-match-frame").length > 0, undefined, { timeout: JOIN_TIMEOUT_MS });
    const firstMatchFrameMs = await page.evaluate(() => performance.getEntriesByName("rebound:first-match-frame")[0].startTime);
    await group.startMatch();
    await sleep((TIMING.countdownTicks / TICK_HZ) * 1000 + 500);
    // First half with the network panel closed, second half open: the target is with it open.
    const half = Math.max(1000, windowMs / 2);
    const [closedTimes] = await Promise.all([frameTimes(page, half), play(page, Date.now() + half)]);
    await page.keyboard.press("KeyN");
    const networkPanelOpen = await page.locator("#net-panel").isVisible().catch(() => false);
    const [times] = await Promise.all([frameTimes(page, half), play(page, Date.now() + half)]);
    const open = frameStats(times);
    const closed = frameStats(closedTimes);
    const figures: BrowserFigures = {
      durationSeconds: (times[times.length - 1] - times[0]) / 1000,
      playersInMatch: view.players.length,
      frames: open.frames,
      fpsMedian: open.fpsMedian,
      fps5thPercentile: open.fps5thPercentile,
      frameTimeMedianMs: open.frameTimeMedianMs,
      frameTime95thPercentileMs: open.frameTime95thPercentileMs,
      networkPanelOpen,
      panelClosed: closed,
      blankPageFpsMedian: blankStats.fpsMedian,
      pageErrors: errors.slice(0, 20),
      firstLoad: { bytesOnWire: load.bytesOnWire, menuMs: load.menuMs, firstMatchFrameMs },
    };
    log(`  browser: ${figures.playersInMatch} players, panel open: median ${round(figures.fpsMedian, 1)} fps, 5th percentile ${round(figures.fps5thPercentile, 1)} fps`
      + ` (panel closed: ${round(closed.fpsMedian, 1)} / ${round(closed.fps5thPercentile, 1)}; empty page: ${round(blankStats.fpsMedian, 1)}), network panel ${networkPanelOpen ? "open" : "not found"}`);
    log(`  first load: ${figures.firstLoad.bytesOnWire} bytes on the wire, menu at ${round(load.menuMs)} ms, first match frame at ${round(firstMatchFrameMs)} ms after opening a room link`);
    await context.close();
    return figures;
  } finally {
    await browser.close();
    await group.stop();
    await server.stop();
  }
}
