// Unit test: the simulated bad network keeps a WebSocket's order, delays by the chosen amount, turns loss into hold-and-burst, and is a no-op when off.
import { describe, expect, it } from "vitest";
import type { Room } from "@colyseus/sdk";
import { NetworkConditioner } from "../../../../game/net/badNetwork.ts";

interface FakeConnection {
  isOpen: boolean;
  sent: { byte: number; at: number }[];
  send(data: Uint8Array): void;
  events: { onmessage?: ((event: MessageEvent) => void) | null };
}

/** Just the two things the conditioner wraps: connection.send and connection.events.onmessage. */
function fakeRoom(received: { byte: number; at: number }[]): { room: Pick<Room, "connection">; connection: FakeConnection } {
  const connection: FakeConnection = {
    isOpen: true,
    sent: [],
    send(data) { this.sent.push({ byte: data[0], at: performance.now() }); },
    events: { onmessage: (event) => { received.push({ byte: new Uint8Array(event.data as ArrayBuffer)[0], at: performance.now() }); } },
  };
  return { room: { connection } as unknown as Pick<Room, "connection">, connection };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("NetworkConditioner", () => {
  it("passes frames straight through while off", () => {
    const received: { byte: number; at: number }[] = [];
    const { room, connection } = fakeRoom(received);
    new NetworkConditioner().attach(room);
    room.connection.send(new Uint8Array([7]));
    room.connection.events.onmessage?.(new MessageEvent("message", { data: new Uint8Array([9]).buffer }));
    expect(connection.sent.map((f) => f.byte)).toEqual([7]);
    expect(received.map((f) => f.byte)).toEqual([9]);
  });

  it("delays both directions, never reorders, and holds frames behind a 'lost' one", async () => {
    const received: { byte: number; at: number }[] = [];
    const { room, connection } = fakeRoom(received);
    const conditioner = new NetworkConditioner();
    conditioner.attach(room);
    conditioner.configure({ enabled: true, delayMs: 40, jitterMs: 30, lossPercent: 20 });
    const shared = new Uint8Array(1);
    const start = performance.now();
    for (let i = 0; i < 40; i++) {
      // The SDK reuses one buffer: the conditioner must have copied each frame.
      shared[0] = i;
      room.connection.send(shared);
      room.connection.events.onmessage?.(new MessageEvent("message", { data: new Uint8Array([i]).buffer }));
      await sleep(2);
    }
    const deadline = Date.now() + 5000;
    while ((connection.sent.length < 40 || received.length < 40) && Date.now() < deadline) await sleep(10);
    const order = Array.from({ length: 40 }, (_, i) => i);
    expect(connection.sent.map((f) => f.byte)).toEqual(order);
    expect(received.map((f) => f.byte)).toEqual(order);
    // Nothing arrives sooner than delay − jitter after the first send.
    expect(connection.sent[0].at - start).toBeGreaterThanOrEqual(9);
    // With 20 % loss over 80 frames, some were "resent" (held ≥ 200 ms), and the stats say so.
    expect(conditioner.stats.retransmits).toBeGreaterThan(0);
    const last = Math.max(connection.sent[39].at, received[39].at) - start;
    expect(last).toBeGreaterThan(200);
    expect(conditioner.stats).toMatchObject({ heldUp: 0, heldDown: 0 });
  });

  it("clamps settings to the panel's limits", () => {
    const conditioner = new NetworkConditioner();
    conditioner.configure({ enabled: true, delayMs: 9999, jitterMs: -5, lossPercent: Number.NaN });
    expect(conditioner.current).toEqual({ enabled: true, delayMs: 500, jitterMs: 0, lossPercent: 0 });
  });
});
