// "Try a bad network": adds delay, jitter and loss to a room's WebSocket frames in both directions, on the client, off by default.
import type { Room } from "@colyseus/sdk";

export interface BadNetworkSettings {
  enabled: boolean;
  /** One-way delay added to every frame, each direction (ms). */
  delayMs: number;
  /** Random extra delay, ± this much, per frame (ms). */
  jitterMs: number;
  /** Chance that a frame is "lost" and must be retransmitted (percent). */
  lossPercent: number;
}

export const BAD_NETWORK_LIMITS = { delayMs: 500, jitterMs: 200, lossPercent: 20 } as const;

/**
 * Why loss means "hold, then burst" here: a WebSocket runs over TCP, which never drops a frame
 * the application can see. When a segment is lost, TCP retransmits it about one retransmission
 * timeout later (Linux waits at least 200 ms), and everything sent after it waits behind the gap
 * (head-of-line blocking) and then arrives in one burst. So a "lost" frame is delayed by a
 * retransmission timeout, and the frames behind it are never delivered before it.
 */
const MIN_RETRANSMIT_MS = 200;

interface HeldFrame {
  releaseAt: number;
  deliver: () => void;
}

/** Frames of one direction, released in order at their due time (an ordered stream, like TCP). */
class HeldStream {
  private readonly frames: HeldFrame[] = [];
  private lastReleaseAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  heldNow = 0;
  retransmits = 0;

  get empty(): boolean {
    return this.frames.length === 0;
  }

  push(deliver: () => void, settings: BadNetworkSettings): void {
    const now = performance.now();
    let due = now;
    if (settings.enabled) {
      const jitter = (Math.random() * 2 - 1) * settings.jitterMs;
      due = now + Math.max(0, settings.delayMs + jitter);
      if (Math.random() * 100 < settings.lossPercent) {
        due += Math.max(MIN_RETRANSMIT_MS, 2 * settings.delayMs);
        this.retransmits += 1;
      }
    }
    // Nothing overtakes an earlier frame: a late frame holds back the ones behind it.
    due = Math.max(due, this.lastReleaseAt);
    this.lastReleaseAt = due;
    this.frames.push({ releaseAt: due, deliver });
    this.heldNow = this.frames.length;
    this.pump();
  }

  private pump = (): void => {
    this.timer = null;
    const now = performance.now();
    while (this.frames.length > 0 && this.frames[0].releaseAt <= now) {
      const frame = this.frames.shift();
      frame?.deliver();
    }
    this.heldNow = this.frames.length;
    if (this.frames.length > 0) this.timer = setTimeout(this.pump, Math.max(0, this.frames[0].releaseAt - now));
  };

  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.frames.length = 0;
    this.heldNow = 0;
  }
}

/**
 * Wraps a room's connection (like TrafficMeter does) so outgoing frames and incoming messages pass
 * through a simulated network. Attach it after the TrafficMeter: the meter then counts frames as
 * they leave and arrive through the simulated network, which is what the player experiences.
 */
export class NetworkConditioner {
  private settings: BadNetworkSettings = { enabled: false, delayMs: 100, jitterMs: 20, lossPercent: 2 };
  private readonly up = new HeldStream();
  private readonly down = new HeldStream();

  get current(): Readonly<BadNetworkSettings> {
    return this.settings;
  }

  /** Frames waiting in the simulated network right now, and retransmissions simulated so far. */
  get stats(): { heldUp: number; heldDown: number; retransmits: number } {
    return { heldUp: this.up.heldNow, heldDown: this.down.heldNow, retransmits: this.up.retransmits + this.down.retransmits };
  }

  private readonly listeners: (() => void)[] = [];

  /** Called after every change of the settings. */
  onConfigure(listener: () => void): void {
    this.listeners.push(listener);
  }

  configure(settings: Partial<BadNetworkSettings>): void {
    const next = { ...this.settings, ...settings };
    this.settings = {
      enabled: next.enabled === true,
      delayMs: clamp(next.delayMs, BAD_NETWORK_LIMITS.delayMs),
      jitterMs: clamp(next.jitterMs, BAD_NETWORK_LIMITS.jitterMs),
      lossPercent: clamp(next.lossPercent, BAD_NETWORK_LIMITS.lossPercent),
    };
    for (const listener of this.listeners) listener();
  }

  attach(room: Pick<Room, "connection">): void {
    const connection = room.connection;
    const send = connection.send.bind(connection);
    connection.send = (data: Uint8Array) => {
      if (!this.settings.enabled && this.up.empty) {
        send(data);
        return;
      }
      // The SDK reuses one buffer for some frames (ping, inputs): keep our own copy while it waits.
      const copy = data.slice();
      this.up.push(() => {
        if (connection.isOpen) send(copy);
      }, this.settings);
    };
    const events = connection.events;
    const onMessage = events.onmessage;
    events.onmessage = (event: MessageEvent) => {
      if (!this.settings.enabled && this.down.empty) {
        onMessage?.call(events, event);
        return;
      }
      this.down.push(() => onMessage?.call(events, event), this.settings);
    };
  }

  /** Drops whatever is still in flight (leaving the match). */
  dispose(): void {
    this.settings = { ...this.settings, enabled: false };
    this.up.clear();
    this.down.clear();
  }
}

function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(max, value)) : 0;
}
