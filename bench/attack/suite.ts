// Runs every attack of issue 9 against a real server process, each at a fresh room of honest SDK players, and collects one row per attack.
import { execFileSync } from "node:child_process";
import { startTcpProxy, type TcpProxy } from "../../harness/tcpProxy.ts";
import { startChildServer, type ChildServer } from "../../harness/childServer.ts";
import { describeMachine, type MachineInfo } from "../lib/machine.ts";
import { sampleProcess } from "../lib/procStats.ts";
import { freePort } from "../../harness/ports.ts";
import { sleep } from "../lib/wallClock.ts";
import { attackerHeaders, ATTACKS, type Attack, type Scale } from "./attacks.ts";
import { HonestRoom } from "./honest.ts";

export interface AttackRow {
  issueClass: number;
  attack: string;
  sent: number;
  unit: string;
  outcome: string;
  honestTicksPerSecond: number;
  worstPatchGapMs: number;
  /** Most system chat lines (joins/leaves) an honest player got in one second. */
  systemLinesPerSecond: number;
  seatsKept: string;
  /** Every honest player still in its seat (same session, team, connected) after the attack. */
  allSeatsKept: boolean;
  /** First difference between a late joiner's decoded state and an honest player's, or null. */
  lateJoinerDifference: string | null;
  serverLogBytes: number;
  rssBeforeMb: number;
  rssAfterMb: number;
}

export interface SuiteResult {
  startedAt: string;
  scale: Scale;
  machine: MachineInfo;
  uptime: string;
  /** `git rev-parse --short HEAD` of the code under attack. */
  commit: string;
  rows: AttackRow[];
}

const HONEST_PLAYERS = 3;
/** A player dropped by a stall gets this long to reconnect into its seat before it counts as lost. */
const SEAT_SETTLE_MS = 15_000;

function shell(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const megabytes = (bytes: number): number => Math.round(bytes / (1 << 20));

/** Ticks/s is read over at least this long from the attack's start, so short attacks still have a window. */
const MIN_WINDOW_MS = 3000;

async function runOne(server: ChildServer, attack: Attack, index: number, scale: Scale, logBytes: () => number): Promise<AttackRow> {
  let proxy: TcpProxy | null = null;
  if (attack.needsProxy) proxy = await startTcpProxy(server.port);
  const honest = await HonestRoom.open(server.url, HONEST_PLAYERS, proxy ? [server.url, proxy.endpoint] : []);
  try {
    await sleep(1000);
    const rssBefore = sampleProcess(server.pid).rssBytes;
    const logBefore = logBytes();
    const from = performance.now();
    const result = await attack.run({ endpoint: server.url, serverPid: server.pid, roomId: honest.roomId, scale, attacker: attackerHeaders(index), proxy });
    await sleep(Math.max(0, from + MIN_WINDOW_MS - performance.now()));
    const to = performance.now();
    const figures = await honest.figures(from, to, SEAT_SETTLE_MS);
    const lateJoinerDifference = await honest.lateJoinerDifference();
    return {
      issueClass: attack.issueClass,
      attack: attack.name,
      sent: result.sent,
      unit: result.unit,
      outcome: result.outcome,
      honestTicksPerSecond: Math.round(figures.ticksPerSecond * 10) / 10,
      worstPatchGapMs: Math.round(figures.worstPatchGapMs),
      systemLinesPerSecond: figures.systemLinesPerSecond,
      seatsKept: `${figures.seatsKept}/${figures.seats}`,
      allSeatsKept: figures.seatsKept === figures.seats,
      lateJoinerDifference,
      serverLogBytes: logBytes() - logBefore,
      rssBeforeMb: megabytes(rssBefore),
      rssAfterMb: megabytes(sampleProcess(server.pid).rssBytes),
    };
  } finally {
    await honest.close();
    await proxy?.close();
  }
}

/** The server runs with its default limits, trusting one proxy hop so that the honest players and the
 * attacker can be told apart on one machine (each sends its own X-Forwarded-For, as behind nginx). */
export async function runAttackSuite(scale: Scale, only: (attack: Attack) => boolean = () => true, log: (line: string) => void = () => undefined): Promise<SuiteResult> {
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const server = await startChildServer({ entry: "server/index.ts", port: await freePort(), env: { REBOUND_SERVE_CLIENT: "0", REBOUND_TRUST_PROXY_HOPS: "1" } });
  let logged = 0;
  server.process.stdout?.on("data", (chunk: Buffer) => { logged += chunk.length; });
  server.process.stderr?.on("data", (chunk: Buffer) => { logged += chunk.length; });
  const rows: AttackRow[] = [];
  // A signal would skip the launcher's exit sweep: stop the server under attack first.
  const stopOnSignal = (): void => { void server.stop().finally(() => process.exit(130)); };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    for (const [index, attack] of ATTACKS.entries()) {
      if (!only(attack)) continue;
      log(`attack ${attack.issueClass}: ${attack.name}…`);
      rows.push(await runOne(server, attack, index, scale, () => logged));
      log(`  ${JSON.stringify(rows[rows.length - 1])}`);
    }
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
    await server.stop();
  }
  return { startedAt, scale, machine, uptime: shell("uptime", []), commit: shell("git", ["rev-parse", "--short", "HEAD"]), rows };
}
