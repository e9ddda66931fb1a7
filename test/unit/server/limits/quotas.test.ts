// Unit: the per-address books behind the limits (creation bucket refill, live-room cap, reservations lapsing and claimed, sockets), at the default settings.
import { beforeEach, describe, expect, it } from "vitest";
import { quotas } from "../../../../server/limits/quotas.ts";
import { DEFAULT_LIMITS, limits, limitsFromEnv } from "../../../../server/limits/settings.ts";

const MINUTE = 60_000;

describe("per-address quotas", () => {
  beforeEach(() => { Object.assign(limits, DEFAULT_LIMITS); });

  it("lets one address create roomCreationsPerMinute rooms at once, then one more per refill interval", () => {
    const address = "198.51.100.1";
    const t0 = 1_000_000;
    limits.liveRoomsPerAddress = 1000;
    for (let i = 0; i < limits.roomCreationsPerMinute; i++) expect(quotas.admitRoom(address, `bucket-${i}`, t0)).toBeNull();
    const refused = quotas.admitRoom(address, "bucket-over", t0);
    expect(refused?.status).toBe(429);
    expect(refused?.message).toMatch(/^Too many new rooms from your network: try again in \d+ s\.$/);
    // A refill interval later (60 s / rate) exactly one more fits.
    const interval = MINUTE / limits.roomCreationsPerMinute;
    expect(quotas.admitRoom(address, "bucket-later", t0 + interval)).toBeNull();
    expect(quotas.admitRoom(address, "bucket-later-2", t0 + interval)?.status).toBe(429);
    // Another address has its own bucket.
    expect(quotas.admitRoom("198.51.100.2", "bucket-other", t0)).toBeNull();
    for (let i = 0; i < limits.roomCreationsPerMinute; i++) quotas.releaseRoom(`bucket-${i}`, t0 + MINUTE * 10);
    quotas.releaseRoom("bucket-later", t0 + MINUTE * 10);
    quotas.releaseRoom("bucket-other", t0 + MINUTE * 10);
  });

  it("caps live rooms per address and frees a slot when a room is disposed", () => {
    const address = "198.51.100.3";
    let now = 5_000_000;
    for (let i = 0; i < limits.liveRoomsPerAddress; i++) {
      now += MINUTE; // never rate-limited here: only the live count is tested
      expect(quotas.admitRoom(address, `live-${i}`, now)).toBeNull();
    }
    now += MINUTE;
    const refused = quotas.admitRoom(address, "live-over", now);
    expect(refused).toEqual({ status: 429, message: `Your network already has ${limits.liveRoomsPerAddress} rooms open: close one before hosting another.` });
    quotas.releaseRoom("live-0", now);
    expect(quotas.admitRoom(address, "live-again", now)).toBeNull();
  });

  it("counts reservations until claimed or lapsed", () => {
    const address = "198.51.100.4";
    const now = 9_000_000;
    for (let i = 0; i < limits.pendingJoinsPerAddress; i++) expect(quotas.admitPending(address, `seat-${i}`, now, now + 15_000)).toBeNull();
    expect(quotas.admitPending(address, "seat-over", now, now + 15_000)?.status).toBe(429);
    quotas.claimPending("seat-0");
    expect(quotas.pendingJoins(address, now)).toBe(limits.pendingJoinsPerAddress - 1);
    expect(quotas.admitPending(address, "seat-new", now, now + 15_000)).toBeNull();
    // 15 s later every reservation has lapsed.
    expect(quotas.pendingJoins(address, now + 15_000)).toBe(0);
    expect(quotas.admitPending(address, "seat-after", now + 15_000, now + 30_000)).toBeNull();
  });

  it("caps open sockets per address", () => {
    const address = "198.51.100.5";
    for (let i = 0; i < limits.socketsPerAddress; i++) expect(quotas.openSocket(address)).toBeNull();
    expect(quotas.openSocket(address)?.message).toMatch(/^Too many connections from your network/);
    quotas.closeSocket(address);
    expect(quotas.openSocket(address)).toBeNull();
    for (let i = 0; i < limits.socketsPerAddress; i++) quotas.closeSocket(address);
    expect(quotas.openSockets(address)).toBe(0);
  });

  it("reads every setting from the environment and refuses nonsense", () => {
    const parsed = limitsFromEnv({ REBOUND_MAX_SOCKETS_PER_ADDRESS: "8", REBOUND_CORS_ORIGINS: "https://a.example, https://b.example/" });
    expect(parsed.socketsPerAddress).toBe(8);
    expect(parsed.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(parsed.roomCreationsPerMinute).toBe(DEFAULT_LIMITS.roomCreationsPerMinute);
    expect(() => limitsFromEnv({ REBOUND_MAX_BODY_BYTES: "lots" })).toThrow(/REBOUND_MAX_BODY_BYTES/);
  });

  it("has defaults a LAN party of 12 friends behind one address never meets", () => {
    // 12 friends × 2 tabs × (match socket + room-list socket), 2 rooms hosted each, everyone joining at once.
    expect(DEFAULT_LIMITS.socketsPerAddress).toBeGreaterThanOrEqual(12 * 2 * 2);
    expect(DEFAULT_LIMITS.liveRoomsPerAddress).toBeGreaterThanOrEqual(12 * 2);
    expect(DEFAULT_LIMITS.roomCreationsPerMinute).toBeGreaterThanOrEqual(12 * 2);
    expect(DEFAULT_LIMITS.pendingJoinsPerAddress).toBeGreaterThanOrEqual(12);
  });
});
