// Per-socket message rate limit: a token bucket whose burst absorbs a stall, then a short throttle queue, then a close the SDK reconnects from.
//
// Why not the framework's `maxMessagesPerSecond`: Colyseus 0.18 counts frames in a fixed one-second
// window and closes at once (4002, seat lost) past it, so it cannot tell a flood from the inputs that
// queued up while the server or the player's network stalled and arrive together (a 5 s stall: 300
// inputs in one read). A bucket can: silence earns credit, up to `burst`.
import { LIMITS } from "../shared/constants.ts";

export interface RateLimits {
  /** Sustained frames per second. */
  perSecond: number;
  /** Frames that may arrive at once after a silence (the bucket's size). */
  burst: number;
  /** Frames held back (delivered later, in order) before the socket is closed. */
  queueFrames: number;
  /** Bytes held back before the socket is closed. */
  queueBytes: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perSecond: LIMITS.maxMessagesPerSecond,
  burst: LIMITS.messageBurst,
  queueFrames: LIMITS.maxMessagesPerSecond,
  queueBytes: 64 * 1024,
};

/**
 * One socket's budget. Frames within it pass at once; past it they are held back and released as the
 * bucket refills (a throttle, not a drop: the input channel is delta-encoded, so a dropped input frame
 * would leave that player's server-side input wrong); when the held-back queue overflows, `overflow`
 * is called once and every later frame is discarded.
 */
export class MessageRate<Frame> {
  private tokens: number;
  private refilledAt: number;
  private readonly queue: { frame: Frame; bytes: number }[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly limits: RateLimits;
  private readonly deliver: (frame: Frame) => void;
  private readonly overflow: () => void;
  private readonly now: () => number;

  constructor(limits: RateLimits, deliver: (frame: Frame) => void, overflow: () => void, now: () => number = () => performance.now()) {
    this.limits = limits;
    this.deliver = deliver;
    this.overflow = overflow;
    this.now = now;
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  /** Frames waiting for budget right now. */
  get held(): number {
    return this.queue.length;
  }

  /** A frame of `bytes` bytes arrived. */
  admit(frame: Frame, bytes: number): void {
    if (this.stopped) return;
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.deliver(frame);
      return;
    }
    this.queue.push({ frame, bytes });
    this.queuedBytes += bytes;
    if (this.queue.length > this.limits.queueFrames || this.queuedBytes > this.limits.queueBytes) {
      this.stop();
      this.overflow();
      return;
    }
    this.schedule();
  }

  /** Forgets everything held back (the socket closed). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.perSecond);
    this.refilledAt = now;
  }

  private schedule(): void {
    if (this.timer) return;
    const waitMs = Math.max(1, ((1 - this.tokens) / this.limits.perSecond) * 1000);
    this.timer = setTimeout(() => this.release(), waitMs);
  }

  private release(): void {
    this.timer = null;
    this.refill();
    while (!this.stopped && this.queue.length > 0 && this.tokens >= 1) {
      const next = this.queue.shift()!;
      this.queuedBytes -= next.bytes;
      this.tokens -= 1;
      this.deliver(next.frame);
    }
    if (!this.stopped && this.queue.length > 0) this.schedule();
  }
}
