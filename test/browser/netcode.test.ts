// Browser end-to-end: prediction and interpolation as the scene draws them, under the bad-network switch (window.reboundDrawn()).
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INTERPOLATION_DELAY_MS } from "../../game/net/connection.ts";
import { measureDrawnLag, serverTimeOfPosition, type DrawnFrame, type DrawnStateView, type Point, type ReceivedSnapshot } from "../../game/net/drawnState.ts";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, joinByLink, poll, waitForMatch } from "./support/session.ts";

let session: BrowserSession;

const DELAY_MS = 100;

const drawnView = (page: Page): Promise<DrawnStateView | null> => page.evaluate(() => window.reboundDrawn?.() ?? null);

async function drawn(page: Page, accept: (view: DrawnStateView) => boolean, what: string, timeoutMs = 60_000): Promise<DrawnStateView> {
  let last = null as DrawnStateView | null;
  try {
    await poll(async () => (last = await drawnView(page)), (v) => v !== null && accept(v), what, timeoutMs);
  } catch {
    // The full history is too long for a failure message: the newest frame and the server state tell the story.
    throw new Error(`timed out waiting for ${what}; newest frame ${JSON.stringify(last?.latest)}, server ${JSON.stringify(last?.server)}`);
  }
  if (!last) throw new Error(`no drawn view for ${what}`);
  return last;
}

/** Drawn where the server has it: the prediction has caught up and nothing is in motion. */
const atRest = (v: DrawnStateView): boolean =>
  v.latest?.self !== null && v.latest?.self !== undefined && v.server.self !== null && distance(v.latest.self, v.server.self) === 0;

async function setSlider(page: Page, selector: string, value: number): Promise<void> {
  await page.$eval(selector, (input, next) => {
    (input as HTMLInputElement).value = String(next);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/** Switches the page's bad network on (delay each way, no jitter, `lossPercent`) and waits until the ping shows it. */
async function badNetwork(page: Page, lossPercent: number): Promise<number> {
  await page.keyboard.press("KeyN");
  await page.waitForSelector("#net-panel", { state: "visible", timeout: 30_000 });
  await page.check("#net-sim-enabled");
  await setSlider(page, "#net-sim-delay", DELAY_MS);
  await setSlider(page, "#net-sim-jitter", 0);
  await setSlider(page, "#net-sim-loss", lossPercent);
  const ping = await poll(() => page.$eval("#net-ping", (cell) => Number((cell as HTMLElement).dataset.value)),
    (ms) => ms >= 2 * DELAY_MS, "the ping to include the simulated delay");
  return ping;
}

/** Notes the newest rendered frame and the event's time stamp at the moment a key goes down. */
async function markKeyDown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as Window & { keyDown?: { frame: number | undefined; at: number } };
    delete w.keyDown;
    window.addEventListener("keydown", (event) => { w.keyDown ??= { frame: window.reboundDrawn?.()?.latest?.frame, at: event.timeStamp }; },
      { capture: true, once: true });
  });
}

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

const STEP_MS = 1000 / 60;
const PATCH_MS = 1000 / 30;
/** The server applies a player's inputs on credit, banked up to this many ticks (MAX_INPUT_CREDIT in the room): the
 * burst after a longer frame cannot all be applied on time, so the server steps the player a tick without input. */
const SERVER_INPUT_BANK = 4;

/** Frames that came later than the server's input bank can absorb: a starved page, where the replay may be corrected. */
function lateFrames(frames: readonly DrawnFrame[]): number {
  return frames.filter((f, i) => i > 0 && f.at - frames[i - 1].at > SERVER_INPUT_BANK * STEP_MS + 1).length;
}

/** The distance from a point to a polyline (the server's path through its snapshots). */
function distanceToPath(p: Point, path: readonly Point[]): number {
  let nearest = path.length > 0 ? distance(p, path[0]) : Infinity;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1], path[i]];
    const length2 = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
    const u = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length2));
    nearest = Math.min(nearest, distance(p, { x: a.x + u * (b.x - a.x), y: a.y + u * (b.y - a.y) }));
  }
  return nearest;
}

/** The longest time between two rendered frames: what a drawn position can be measured to, on a busy page. */
function longestFrameMs(frames: readonly DrawnFrame[]): number {
  return Math.max(STEP_MS, ...frames.slice(1).map((f, i) => f.at - frames[i].at));
}

/** The fastest the server moved an entity between two snapshots (px per ms of server time). */
function serverSpeed(snapshots: readonly ReceivedSnapshot[], pick: (s: ReceivedSnapshot) => Point | undefined): number {
  let fastest = 0;
  for (let i = 1; i < snapshots.length; i++) {
    const a = pick(snapshots[i - 1]);
    const b = pick(snapshots[i]);
    const dt = snapshots[i].serverTime - snapshots[i - 1].serverTime;
    if (a && b && dt > 0) fastest = Math.max(fastest, distance(a, b) / dt);
  }
  return fastest;
}

/** The render timeline's instant for a frame: the SDK draws remotes at serverNow − delay − rtt/2. */
const renderClock = (f: DrawnFrame): number => f.serverNow - f.rtt / 2;

/**
 * The largest step the scene drew between consecutive frames beyond what the server's own speed allows in the time the
 * render timeline advanced since the drawing last moved (wall time, or more when the page's clock estimate moved on).
 * Counting from the last move, not the last frame: a starved page holds a remote at the newest snapshot when the next
 * one is late (an underrun) and then draws it where the render time has reached — a catch-up along the server's path,
 * not a teleport. A jump is a step the server's motion cannot explain in that time.
 */
function worstJump(frames: readonly DrawnFrame[], pick: (f: DrawnFrame) => Point | undefined, speed: number): { excessPx: number; moves: number; allowedPx: number } {
  let excessPx = -Infinity;
  let allowedPx = 0;
  let moves = 0;
  let lastMoved: DrawnFrame | null = null;
  for (let i = 1; i < frames.length; i++) {
    const a = pick(frames[i - 1]);
    const b = pick(frames[i]);
    if (!a || !b || frames[i].frame !== frames[i - 1].frame + 1) {
      lastMoved = null;
      continue;
    }
    const from = lastMoved ?? frames[i - 1];
    const step = distance(a, b);
    if (step === 0) continue;
    moves += 1;
    // 25 % headroom over the server's fastest motion in that time plus two snapshot intervals (the snapshots' server
    // stamps and the page's clock estimate are each good to about one, and their errors add), plus a pixel of rounding.
    // One interval was too tight for a page at load ~7: a 105 px catch-up step against 98 px allowed (a teleport is
    // hundreds of px).
    const advanced = Math.max(frames[i].at - from.at, renderClock(frames[i]) - renderClock(from)) + 2 * PATCH_MS;
    const allowed = speed * 1.25 * advanced + 1;
    if (step - allowed > excessPx) [excessPx, allowedPx] = [step - allowed, allowed];
    lastMoved = frames[i];
  }
  return { excessPx, moves, allowedPx };
}

// Each case takes 10–40 s on a quiet machine; pages rendering under load take longer (the conditions wait, not the clock).
describe("netcode as drawn, under a 100 ms bad network", { timeout: 240_000 }, () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterEach(async () => { await session.closePages(); });
  afterAll(async () => { await session?.stop(); });

  it("draws the own player moved on the next frame after a key press, before any ack, and never corrects it in steady play", async () => {
    const page = await session.newPage();
    const errors = watchErrors(page, "player");
    await hostRoom(page, session.server.url, "Pred");
    const ping = await badNetwork(page, 0);
    // At rest: drawn where the server has it, so only the key can move it.
    const before = await drawn(page, (v) => atRest(v) && v.latest!.inputsAcked > 0, "a settled player");
    const correctionsBefore = before.latest!.corrections;
    const start = before.latest!.self!;

    await markKeyDown(page);
    await page.keyboard.down("ArrowDown");
    const moving = await drawn(page, (v) => (v.latest?.self?.y ?? 0) > start.y + 60, "the player to run down");
    await page.keyboard.up("ArrowDown");
    const keyDown = await page.evaluate(() => (window as Window & { keyDown?: { frame: number | undefined; at: number } }).keyDown);
    const keyFrame = keyDown?.frame;
    if (!keyDown || keyFrame === undefined) throw new Error("the key press was not seen");
    const keyFrameRecord = moving.frames.find((f) => f.frame === keyFrame);
    const after = moving.frames.filter((f) => f.frame > keyFrame);
    // Fixed steps stand for moments up to one step before the frame that runs them (stepPacer.ts), so a key pressed
    // in the last fraction of a step counts in the next step. The first frame rendered a full step after the key
    // that ran a step has run the key's step: it already draws the player moved down, and nothing before the key did…
    const firstStep = after.find((f) => f.steps > 0 && (f.at >= keyDown.at + STEP_MS || f.self!.y !== start.y));
    if (!firstStep || !keyFrameRecord) throw new Error(`frames around the key press missing (key frame ${keyFrame})`);
    expect(moving.frames.filter((f) => f.frame > before.latest!.frame && f.frame <= keyFrame).every((f) => f.self!.y === start.y)).toBe(true);
    expect(firstStep.self!.y).toBeGreaterThan(start.y);
    // …while the server had acknowledged none of the inputs sent after the key went down.
    expect(firstStep.inputsAcked).toBeLessThanOrEqual(keyFrameRecord.inputsSent);
    const ackedFrame = after.find((f) => f.inputsAcked > keyFrameRecord.inputsSent);
    const ackedAfterFrames = ackedFrame ? ackedFrame.frame - firstStep.frame : "more than the recorded";

    // Steady play: up and left, then let every input be acknowledged: zero corrections, drawn = server.
    await page.keyboard.down("ArrowUp");
    await drawn(page, (v) => (v.latest?.self?.y ?? 1e9) < start.y - 40, "the player to run up");
    await page.keyboard.up("ArrowUp");
    await page.keyboard.down("ArrowLeft");
    await drawn(page, (v) => (v.latest?.self?.x ?? 1e9) < start.x - 40, "the player to run left");
    await page.keyboard.up("ArrowLeft");
    const stoppedAt = (await drawnView(page))?.latest?.inputsSent ?? 0;
    const settled = await drawn(page, (v) => v.latest!.inputsAcked > stoppedAt && atRest(v),
      "prediction and the server to agree once the inputs after the keys are acked");
    const played = settled.frames.filter((f) => f.frame >= keyFrame);
    const corrections = settled.latest!.corrections - correctionsBefore;
    const late = lateFrames(played);
    console.log(`steady play: ${corrections} corrections (last ${settled.lastCorrectionSize} px) over ${played.length} frames, `
      + `${late} of them later than the server's input bank (${SERVER_INPUT_BANK} steps)`);
    // The replay is exact: zero corrections while the page keeps up with real time. On a starved page a frame later than
    // the server's input bank means ticks the server stepped without that frame's inputs; at most one correction each.
    expect(corrections).toBeLessThanOrEqual(late);
    if (late === 0) expect(settled.lastCorrectionSize).toBe(0);
    console.log(`prediction under +${DELAY_MS} ms each way (ping ${Math.round(ping)} ms): moved on frame ${firstStep.frame} after the key at frame ${keyFrame}; `
      + `the first ack came ${ackedAfterFrames} frames later; corrections in steady play: ${settled.latest!.corrections - correctionsBefore}`);
    expect(errors).toEqual([]);
  });

  it("draws a remote player about the interpolation delay plus half the round trip behind the server, without jumps", async () => {
    const { observer, friendId, friend, ping, errors } = await observerAndFriend(0);
    const startView = await drawnView(observer);
    const friendStart = startView!.server.players[friendId];
    const moveFrom = startView!.latest!.at;
    await friend.keyboard.down("ArrowUp");
    await drawn(observer, (v) => (v.latest?.remotes[friendId]?.y ?? 1e9) < friendStart.y - 120, "the observer to draw the friend running up");
    await friend.keyboard.up("ArrowUp");
    await friend.keyboard.down("ArrowDown");
    const view = await drawn(observer, (v) => (v.latest?.remotes[friendId]?.y ?? 0) > friendStart.y - 20, "the observer to draw the friend running back");
    await friend.keyboard.up("ArrowDown");

    const moving = view.frames.filter((f) => f.at >= moveFrom);
    const lag = measureDrawnLag(moving, view.snapshots, 60_000);
    if (!lag) throw new Error("no drawn lag could be measured");
    const snapshotAge = view.frames.map((f) => f.serverNow - f.snapshotServerTime).sort((a, b) => a - b)[Math.floor(view.frames.length / 2)];
    const panelLag = await observer.$eval("#net-interp", (cell) => Number((cell as HTMLElement).dataset.value));
    const rtt = await observer.$eval("#net-ping", (cell) => Number((cell as HTMLElement).dataset.value));
    const jump = worstJump(moving, (f) => f.remotes[friendId], serverSpeed(view.snapshots, (s) => s.players[friendId]));
    console.log(`remote player drawn ${lag.behindServerMs.toFixed(0)} ms behind the server and ${lag.behindNewestSnapshotMs.toFixed(0)} ms behind `
      + `the newest snapshot (round trip ${Math.round(rtt)} ms, at the start ${Math.round(ping)} ms; snapshot age median ${snapshotAge.toFixed(0)} ms; `
      + `${lag.samples} samples; beyond half the round trip of each frame ${lag.beyondHalfRttMs.toFixed(0)} ms; ${lag.underruns} frames held at the newest snapshot); the panel says ${panelLag} ms; `
      + `worst excess step ${jump.excessPx.toFixed(1)} px over ${jump.moves} moving frames (allowed ${jump.allowedPx.toFixed(1)} px)`);
    expect(lag.samples).toBeGreaterThan(10);
    // Drawn the interpolation delay plus half the round trip (each frame's own smoothed figure) behind the server's clock,
    // within a snapshot interval plus however much the page's own round-trip estimate wandered meanwhile (a starved page's does).
    const rtts = moving.map((f) => f.rtt);
    const uncertaintyMs = 34 + (Math.max(...rtts) - Math.min(...rtts)) / 2 + (longestFrameMs(moving) - STEP_MS);
    expect(Math.abs(lag.beyondHalfRttMs - INTERPOLATION_DELAY_MS)).toBeLessThan(uncertaintyMs);
    // …never ahead of the newest snapshot the page holds, and the panel shows that measured figure, not the setting.
    expect(lag.behindNewestSnapshotMs).toBeGreaterThanOrEqual(0);
    expect(panelLag).toBeGreaterThan(INTERPOLATION_DELAY_MS + DELAY_MS / 2);
    expect(jump.moves).toBeGreaterThan(10);
    expect(jump.excessPx).toBeLessThanOrEqual(0);
    expect(errors()).toEqual([]);
  });

  it("keeps the ball smooth across a dropped (held, then resent) snapshot", async () => {
    const { observer, friend, errors } = await observerAndFriend(20);
    // The observer watches from the bench and kicks off; the friend plays alone.
    await observer.click("#spectate");
    await drawn(observer, (v) => v.latest !== null && v.latest.self === null, "the observer on the bench");
    await observer.click("#start-match");
    await waitForMatch(friend, (v) => v.phase === "playing", "kickoff", 40_000);
    // The friend runs left into the ball, kicking, so the ball rolls while the observer's snapshots stall and burst.
    const startView = await drawnView(observer);
    const ballStart = startView!.server.ball;
    await friend.keyboard.down("ArrowLeft");
    await friend.keyboard.down("Space");
    await drawn(observer, (v) => distance(v.server.ball, ballStart) > 60, "the ball to roll", 40_000);
    const view = await drawn(observer, (v) => v.frames.filter((f) => distance(f.ball, ballStart) > 0).length > 30,
      "thirty frames and more of the ball rolling as drawn", 60_000);
    await friend.keyboard.up("Space");
    await friend.keyboard.up("ArrowLeft");
    // The roll, up to a goal's reset to the centre spot if one happens (a teleport, not motion).
    const moved = view.snapshots.findIndex((s) => distance(s.ball, ballStart) > 0);
    const teleport = view.snapshots.findIndex((s, i) => i > moved && distance(s.ball, view.snapshots[i - 1].ball) > 120);
    const rolling = view.snapshots.slice(Math.max(0, moved - 1), teleport > 0 ? teleport : undefined);
    const gaps = rolling.slice(1).map((snap, i) => snap.at - rolling[i].at);
    const stalls = gaps.filter((gap) => gap >= 150).length;
    const lastServerTime = rolling[rolling.length - 1].serverTime;
    const frames = view.frames.filter((f) => f.at >= rolling[0].at && f.snapshotServerTime <= lastServerTime);
    // Each frame's drawn ball, read back as the server time at which the server had the ball there.
    // Where the ball's path doubles back (off a wall or a player), the pass nearest the render timeline counts.
    const drawnAt = frames.map((f) => ({
      frame: f, serverTime: serverTimeOfPosition(f.ball, rolling, (snap) => snap.ball, f.snapshotServerTime, renderClock(f) - INTERPOLATION_DELAY_MS),
    }));
    const movingFrames = drawnAt.filter((d, i) => i > 0 && distance(d.frame.ball, drawnAt[i - 1].frame.ball) > 0);
    let worstBackMs = 0;
    let worstAheadMs = -Infinity;
    let worstBack = "none";
    let worstAhead = "none";
    for (let i = 0; i < drawnAt.length; i++) {
      const b = drawnAt[i];
      if (b.serverTime === null) continue;
      // Ahead of the render timeline (the instant the SDK interpolates to) is extrapolation: after a stall the ball may
      // catch up to where the timeline has reached, never beyond it.
      const aheadMs = b.serverTime - (renderClock(b.frame) - INTERPOLATION_DELAY_MS);
      if (aheadMs > worstAheadMs) {
        worstAheadMs = aheadMs;
        worstAhead = `frame ${b.frame.frame} drawn at server ${b.serverTime.toFixed(0)}, render clock ${renderClock(b.frame).toFixed(0)}`;
      }
      const a = drawnAt[i - 1];
      if (!a || a.serverTime === null) continue;
      // Backwards in the server's time is a glitch unless the render timeline itself stepped back (a round-trip estimate rising).
      if (renderClock(b.frame) >= renderClock(a.frame) && a.serverTime - b.serverTime > worstBackMs) {
        worstBackMs = a.serverTime - b.serverTime;
        worstBack = `frames ${a.frame.frame}→${b.frame.frame} drawn at server ${a.serverTime.toFixed(0)}→${b.serverTime.toFixed(0)}, `
          + `render clock ${renderClock(a.frame).toFixed(0)}→${renderClock(b.frame).toFixed(0)}`;
      }
    }
    // Off the path: how far a moving frame's ball is from the nearest segment of the server's path up to its newest snapshot.
    const offPathPx = movingFrames.filter((d) => d.serverTime === null)
      .map((d) => distanceToPath(d.frame.ball, rolling.filter((snap) => snap.serverTime <= d.frame.snapshotServerTime).map((snap) => snap.ball)));
    const offPath = offPathPx.length;
    const worstOffPx = Math.max(0, ...offPathPx);
    const rtts = frames.map((f) => f.rtt);
    // A snapshot interval, plus however far the page's round-trip estimate (which sets the render timeline) wandered,
    // plus a frame of a busy page beyond the 60 Hz one (positions are only drawn once a frame).
    const uncertaintyMs = 34 + (Math.max(...rtts) - Math.min(...rtts)) / 2 + (longestFrameMs(frames) - STEP_MS);
    console.log(`ball over ${rolling.length} snapshots with ${stalls} stalls ≥ 150 ms (longest ${Math.max(...gaps).toFixed(0)} ms): `
      + `${movingFrames.length} moving frames, ${offPath} off the server's path (furthest ${worstOffPx.toFixed(2)} px), worst step back ${worstBackMs.toFixed(0)} ms, `
      + `furthest ahead of the render timeline ${worstAheadMs.toFixed(0)} ms (allowed ${uncertaintyMs.toFixed(0)} ms); `
      + `worst back: ${worstBack}; furthest ahead: ${worstAhead}`);
    expect(stalls).toBeGreaterThan(0);
    expect(movingFrames.length).toBeGreaterThan(10);
    // Across every stall the ball stays on the path the server's ball took (interpolated, never extrapolated off it or
    // teleported) and never runs backwards against its render timeline. The SDK's lerp holds at the newest snapshot when
    // the buffer runs dry, so a hold longer than the delay ends in a catch-up: to the render timeline, never past it
    // (no extrapolation), within a snapshot interval plus however much the page's round-trip estimate wandered.
    // The SDK interpolates x and y on their own sample rings, so when one axis holds still for a patch the drawn ball
    // can sit a hair off the straight segment between two snapshots: within a pixel, never more.
    expect(worstOffPx).toBeLessThanOrEqual(1);
    // A step back within the same uncertainty is the clock estimate's own wobble (serverNow is re-read every frame; on a
    // starved page it wanders further).
    expect(worstBackMs).toBeLessThan(uncertaintyMs);
    expect(worstAheadMs).toBeLessThan(uncertaintyMs);
    await observer.screenshot({ path: `${SCREENSHOT_DIR}netcode-ball.png` });
    expect(errors()).toEqual([]);
  });
});

/** A host page watching under the bad network (on the bench, out of the way) and a friend page playing on a clean one. */
async function observerAndFriend(lossPercent: number) {
  const { page: observer } = await session.open();
  const observerErrors = watchErrors(observer, "observer");
  await hostRoom(observer, session.server.url, "Watcher");
  const link = await observer.inputValue("#share-link");
  const { page: friend } = await session.open();
  const friendErrors = watchErrors(friend, "friend");
  await joinByLink(friend, link, "Runner");
  const friendView = await waitForMatch(friend, (v) => v.players.length === 2, "the friend in the room");
  // The observer stays a player (its inputs give the clock a round trip) but moves up out of the ball's way.
  await observer.bringToFront();
  await observer.keyboard.down("ArrowUp");
  await drawn(observer, (v) => (v.latest?.self?.y ?? 1e9) < 120, "the observer out of the way");
  await observer.keyboard.up("ArrowUp");
  const ping = await badNetwork(observer, lossPercent);
  await drawn(observer, (v) => v.latest !== null && v.latest.remotes[friendView.sessionId] !== undefined, "the friend drawn on the observer's page");
  return { observer, friend, friendId: friendView.sessionId, ping, errors: () => [...observerErrors, ...friendErrors] };
}
