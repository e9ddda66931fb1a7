// What the match scene draws, frame by frame, next to the server state this page received: a read-only record for the debug hook, the network panel and the browser tests.
import type { Room } from "@colyseus/sdk";
import type { MatchState } from "../../shared/state.ts";

export interface Point { x: number; y: number }

/** One rendered frame: where the scene put things, and the clocks and inputs at that moment. */
export interface DrawnFrame {
  /** Rendered frames so far (1 = the first). */
  frame: number;
  /** performance.now() of the frame (the scene's clock). */
  at: number;
  /** The estimated server clock at this frame, and the server time of the newest snapshot held. */
  serverNow: number;
  snapshotServerTime: number;
  /** The clock's smoothed round trip at this frame (ms). */
  rtt: number;
  /** Fixed steps predicted (and inputs sent) this frame. */
  steps: number;
  /** Own player as drawn (predicted), null for a spectator. */
  self: Point | null;
  /** Other players on the pitch as drawn (interpolated), by session id. */
  remotes: Record<string, Point>;
  ball: Point;
  inputsSent: number;
  inputsAcked: number;
  corrections: number;
}

/** One state patch as it arrived: the server's positions at the server time it was encoded. */
export interface ReceivedSnapshot {
  at: number;
  serverTime: number;
  ball: Point;
  players: Record<string, Point>;
}

/** How far in the past moving remote entities (players, ball) are drawn, measured from drawn positions. */
export interface DrawnLag {
  /** Behind the newest snapshot held at that frame (the interpolation delay as drawn), median ms. */
  behindNewestSnapshotMs: number;
  /** Behind the server's clock (interpolation plus the snapshot's age), median ms. */
  behindServerMs: number;
  /** Of that, beyond half the round trip at each frame (the interpolation delay as drawn), median ms. */
  beyondHalfRttMs: number;
  /** Frame·entity samples the medians come from (drawn between two snapshots). */
  samples: number;
  /** Samples drawn at the newest snapshot, waiting for the next (the buffer ran dry); not in the medians. */
  underruns: number;
}

/** What window.reboundDrawn() returns. */
export interface DrawnStateView {
  sessionId: string;
  /** The newest frame, and recent history (oldest first) for tests and tools. */
  latest: DrawnFrame | null;
  frames: DrawnFrame[];
  snapshots: ReceivedSnapshot[];
  /** The server's state as this page holds it now (the newest snapshot). */
  server: { serverTime: number; self: Point | null; ball: Point; players: Record<string, Point> };
  pendingInputs: number;
  lastCorrectionSize: number;
  /** Input steps this page dropped in hitches (a frame over 500 ms: a frozen tab's held key does not run on). */
  droppedSteps: number;
  lag: DrawnLag | null;
}

/** About 10 s of frames at 60 fps and of snapshots at 30 Hz. */
const FRAME_HISTORY = 600;
const SNAPSHOT_HISTORY = 300;
/** A drawn point within this of a segment between two snapshots lies on it (px; positions are on a 1/32 px grid). */
const ON_SEGMENT_PX = 0.5;
/** A move this long between two snapshots is a teleport (kickoff, first state), not motion: no time is read off it.
 * The fastest thing, the ball at 900 px/s, covers about 30 px per 30 Hz snapshot. */
const TELEPORT_PX = 100;
/** The lag medians cover this much recent history (ms). */
const LAG_WINDOW_MS = 2000;

const copy = (p: Point): Point => ({ x: p.x, y: p.y });

export class DrawnStateRecorder {
  private readonly frames: DrawnFrame[] = [];
  private readonly snapshots: ReceivedSnapshot[] = [];
  private frameCount = 0;

  private readonly room: Room<unknown, MatchState>;

  constructor(room: Room<unknown, MatchState>) {
    this.room = room;
    room.onStateChange(() => this.recordSnapshot());
  }

  private recordSnapshot(): void {
    const state = this.room.state;
    if (!state?.ball || !state.players) return;
    const players: Record<string, Point> = {};
    state.players.forEach((player, sessionId) => { players[sessionId] = copy(player); });
    push(this.snapshots, { at: performance.now(), serverTime: this.room.clock.lastServerTime(), ball: copy(state.ball), players }, SNAPSHOT_HISTORY);
  }

  /** Called by the scene once per rendered frame, after it has positioned everything. */
  recordFrame(frame: Omit<DrawnFrame, "frame" | "serverNow" | "snapshotServerTime" | "rtt">): void {
    this.frameCount += 1;
    const clock = this.room.clock;
    push(this.frames, {
      ...frame, frame: this.frameCount, serverNow: clock.serverNow(), snapshotServerTime: clock.lastServerTime(), rtt: clock.smoothedRtt(),
    }, FRAME_HISTORY);
  }

  view(extra: { pendingInputs: number; lastCorrectionSize: number; droppedSteps: number }): DrawnStateView {
    const state = this.room.state;
    const players: Record<string, Point> = {};
    state.players.forEach((player, sessionId) => { players[sessionId] = copy(player); });
    return {
      sessionId: this.room.sessionId,
      latest: this.frames.at(-1) ?? null,
      frames: this.frames.slice(),
      snapshots: this.snapshots.slice(),
      server: { serverTime: this.room.clock.lastServerTime(), self: players[this.room.sessionId] ?? null, ball: copy(state.ball), players },
      pendingInputs: extra.pendingInputs,
      lastCorrectionSize: extra.lastCorrectionSize,
      droppedSteps: extra.droppedSteps,
      lag: this.lag(),
    };
  }

  /** Measured drawn lag of the ball and remote players over the last two seconds; null while nothing moves. */
  lag(): DrawnLag | null {
    return measureDrawnLag(this.frames, this.snapshots, LAG_WINDOW_MS);
  }
}

function push<T>(ring: T[], item: T, limit: number): void {
  ring.push(item);
  if (ring.length > limit) ring.splice(0, ring.length - limit);
}

/**
 * For each recent frame and each moving remote entity, finds the server time at which the server had the
 * entity where the scene drew it (on the path between two received snapshots), and compares it with the
 * frame's clocks. Pure: the browser tests call it on the same records.
 */
export function measureDrawnLag(frames: readonly DrawnFrame[], snapshots: readonly ReceivedSnapshot[], windowMs: number): DrawnLag | null {
  const newest = frames.at(-1);
  if (!newest || snapshots.length < 2) return null;
  const behindNewest: number[] = [];
  const behindServer: number[] = [];
  const beyondHalfRtt: number[] = [];
  let underruns = 0;
  for (const frame of frames) {
    if (frame.at < newest.at - windowMs) continue;
    const entities: [Point, (s: ReceivedSnapshot) => Point | undefined][] = [[frame.ball, (s) => s.ball]];
    for (const [id, point] of Object.entries(frame.remotes)) entities.push([point, (s) => s.players[id]]);
    for (const [drawn, pick] of entities) {
      const serverTime = serverTimeOfPosition(drawn, snapshots, pick, frame.snapshotServerTime);
      if (serverTime === null) continue;
      if (frame.snapshotServerTime - serverTime < 1) {
        underruns += 1;
        continue;
      }
      behindNewest.push(frame.snapshotServerTime - serverTime);
      behindServer.push(frame.serverNow - serverTime);
      beyondHalfRtt.push(frame.serverNow - serverTime - frame.rtt / 2);
    }
  }
  if (behindNewest.length === 0) return null;
  return { behindNewestSnapshotMs: median(behindNewest), behindServerMs: median(behindServer), beyondHalfRttMs: median(beyondHalfRtt), samples: behindNewest.length, underruns };
}

/**
 * The server time at which a moving entity was at `drawn`, searching snapshots no newer than `newestServerTime`.
 * A path that doubles back (a ball off a wall) passes a point more than once: the newest pass counts, or with
 * `near` the pass closest to that server time (where the renderer meant to draw).
 */
export function serverTimeOfPosition(
  drawn: Point, snapshots: readonly ReceivedSnapshot[], pick: (s: ReceivedSnapshot) => Point | undefined, newestServerTime: number, near?: number,
): number | null {
  let best: number | null = null;
  for (let i = snapshots.length - 1; i > 0; i--) {
    const later = snapshots[i];
    const earlier = snapshots[i - 1];
    if (later.serverTime > newestServerTime || later.serverTime <= earlier.serverTime) continue;
    const b = pick(later);
    const a = pick(earlier);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    // Teleported: no motion to read a time off.
    if (length2 > TELEPORT_PX * TELEPORT_PX) continue;
    let time: number;
    if (length2 < 1) {
      // (Nearly) still between these two: drawn here, it stands for any moment of that stretch. Only a caller
      // that says which moment it expects can use that (the one closest to it); a lag measurement cannot.
      if (near === undefined || Math.hypot(drawn.x - a.x, drawn.y - a.y) > ON_SEGMENT_PX + 1) continue;
      time = Math.min(later.serverTime, Math.max(earlier.serverTime, near));
    } else {
      const u = ((drawn.x - a.x) * dx + (drawn.y - a.y) * dy) / length2;
      if (u < 0 || u > 1) continue;
      const off = Math.hypot(a.x + u * dx - drawn.x, a.y + u * dy - drawn.y);
      if (off > ON_SEGMENT_PX) continue;
      time = earlier.serverTime + u * (later.serverTime - earlier.serverTime);
    }
    if (near === undefined) return time;
    if (best === null || Math.abs(time - near) < Math.abs(best - near)) best = time;
  }
  return best;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
