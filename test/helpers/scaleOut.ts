// Test helper: two server processes behind one Redis — each process's env, which process a client landed on, and a room on each.
import { createMatch, sleep, type Joined } from "./server.ts";

/** Each process advertises the address its own clients must connect to (see README: publicAddress). */
export const scaleOutEnv = (redisUrl: string, port: number): Record<string, string> => ({ REDIS_URL: redisUrl, PUBLIC_ADDRESS: `localhost:${port}` });

/** The port of the process a joined client's WebSocket actually went to (from the seat reservation's publicAddress). */
export function hostPort(joined: Joined): number {
  const url = joined.room.connection.url;
  if (!url) throw new Error("room has no connection url");
  return Number(new URL(url).port);
}

/**
 * Creates rooms through `endpoint` until one lives on each port: the matchmaker puts each on the process with the
 * fewest rooms, by counts each process publishes to Redis at most once a second (hence the pause). Every host made is
 * pushed to `made` (the caller leaves them); returns the first host on each port.
 */
export async function roomOnEach(endpoint: string, ports: readonly [number, number], made: Joined[], options: Parameters<typeof createMatch>[1] = {}): Promise<[Joined, Joined]> {
  const hosts = new Map<number, Joined>();
  for (let attempt = 1; attempt <= 6 && hosts.size < 2; attempt++) {
    if (attempt > 1) await sleep(1100);
    const host = await createMatch(endpoint, { name: `Host${attempt}`, ...options });
    made.push(host);
    if (!hosts.has(hostPort(host))) hosts.set(hostPort(host), host);
  }
  const [first, second] = [hosts.get(ports[0]), hosts.get(ports[1])];
  if (!first || !second) throw new Error(`rooms landed on ${[...hosts.keys()].join(", ")}, not on both ${ports.join(" and ")}`);
  return [first, second];
}
