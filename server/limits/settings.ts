// Per-address limits and HTTP policy: one table of settings with their environment variables and defaults.
//
// The defaults are sized so that a LAN party never meets them: a dozen friends behind one NAT address,
// each with a tab or two (a match socket and a room-list socket per tab), quick play and several hosted
// rooms. One address flooding the server meets them at once (issue 9: 2,220 rooms in 8 s, 500 sockets).

export interface Limits {
  /** Open WebSockets from one address (match and room-list sockets alike). */
  socketsPerAddress: number;
  /** Rooms alive at once that one address created. */
  liveRoomsPerAddress: number;
  /** Rooms one address may create per minute (a bucket that refills continuously). */
  roomCreationsPerMinute: number;
  /** Seat reservations from one address not yet taken up by a WebSocket (the SDK connects at once). */
  pendingJoinsPerAddress: number;
  /** Largest request body any HTTP route reads (join options are a few hundred bytes). */
  bodyBytes: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For hop is trusted (0: use the socket's address). */
  trustProxyHops: number;
  /** Origins (scheme://host[:port]) other than the page's own that may call the API from a browser. */
  corsOrigins: string[];
  /** When set, GET /metrics and POST /metrics/reset need `Authorization: Bearer <token>`; without one, reset is off. */
  metricsToken: string;
}

interface Setting {
  key: keyof Limits;
  env: string;
  fallback: string;
  about: string;
}

/** Every setting once: its environment variable, its default, and what it is for (README lists the same). */
export const LIMIT_SETTINGS: readonly Setting[] = [
  { key: "socketsPerAddress", env: "REBOUND_MAX_SOCKETS_PER_ADDRESS", fallback: "64", about: "open WebSockets per address" },
  { key: "liveRoomsPerAddress", env: "REBOUND_MAX_ROOMS_PER_ADDRESS", fallback: "24", about: "live rooms created by one address" },
  { key: "roomCreationsPerMinute", env: "REBOUND_ROOM_CREATIONS_PER_MINUTE", fallback: "30", about: "rooms one address may create per minute" },
  { key: "pendingJoinsPerAddress", env: "REBOUND_MAX_PENDING_JOINS_PER_ADDRESS", fallback: "16", about: "seat reservations per address not yet connected" },
  { key: "bodyBytes", env: "REBOUND_MAX_BODY_BYTES", fallback: "16384", about: "largest HTTP request body" },
  { key: "trustProxyHops", env: "REBOUND_TRUST_PROXY_HOPS", fallback: "0", about: "trusted reverse proxies (X-Forwarded-For)" },
  { key: "corsOrigins", env: "REBOUND_CORS_ORIGINS", fallback: "", about: "other origins allowed to call the API (comma-separated)" },
  { key: "metricsToken", env: "REBOUND_METRICS_TOKEN", fallback: "", about: "bearer token for /metrics and /metrics/reset" },
];

function parse(setting: Setting, raw: string): Limits[keyof Limits] {
  if (setting.key === "corsOrigins") return raw.split(",").map((origin) => origin.trim().replace(/\/$/, "")).filter(Boolean);
  if (setting.key === "metricsToken") return raw;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${setting.env} must be a whole number ≥ 0 (got "${raw}")`);
  return value;
}

/** The limits from `env`, each unset variable at its default. A bad value stops the server at start. */
export function limitsFromEnv(env: Record<string, string | undefined>): Limits {
  const limits: Record<string, unknown> = {};
  for (const setting of LIMIT_SETTINGS) limits[setting.key] = parse(setting, env[setting.env] ?? setting.fallback);
  return limits as unknown as Limits;
}

export const DEFAULT_LIMITS: Limits = limitsFromEnv({});

/** The process's limits (rooms and the HTTP gate read them; createGameServer sets them). */
export const limits: Limits = { ...DEFAULT_LIMITS };

/** Benchmarks and load tests run hundreds of honest bots from one loopback address: they raise the
 * per-address caps (never the body limit) through these variables. */
export const LOAD_TEST_LIMITS_ENV: Readonly<Record<string, string>> = {
  REBOUND_MAX_SOCKETS_PER_ADDRESS: "100000",
  REBOUND_MAX_ROOMS_PER_ADDRESS: "100000",
  REBOUND_ROOM_CREATIONS_PER_MINUTE: "1000000",
  REBOUND_MAX_PENDING_JOINS_PER_ADDRESS: "100000",
};

/** The same raised caps, for servers started inside a test process. */
export const LOAD_TEST_LIMITS: Partial<Limits> = {
  socketsPerAddress: 100_000,
  liveRoomsPerAddress: 100_000,
  roomCreationsPerMinute: 1_000_000,
  pendingJoinsPerAddress: 100_000,
};
