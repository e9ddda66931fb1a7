// Integration test: attacker clients send thousands of bad frames into a live match on a server process; it never crashes, throws them out (or drops their frames), and the honest players' world and step timing stay untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import { LIMITS, PLAYER, TICK_HZ } from "../../shared/constants.ts";
import type { MatchState } from "../../shared/state.ts";
import { AttackerHarness, DECODER_BOMBS } from "../helpers/attacker.ts";
import { HonestPlayer } from "../helpers/honestPlayer.ts";
import { startServerProcess, type ServerProcess } from "../helpers/processes.ts";
import { createMatch, freePort, joinMatch, leaveQuietly, sleep, waitFor, type Joined } from "../helpers/server.ts";
import { logText } from "../helpers/serverLog.ts";

const SEED = 0x5eed6;

let server: ServerProcess;
const honestClients: Joined[] = [];

beforeAll(async () => { server = await startServerProcess(await freePort()); });
afterAll(async () => {
  // A frozen server would never answer the leave: stop waiting after 3 s, then stop the server.
  await Promise.race([leaveQuietly(...honestClients), sleep(3000)]);
  await server?.stop(5000);
});

/** Runs sideways away from the centre (and from where attackers are seated), turning every 50/40 frames. */
function shuttle(direction: 1 | -1): (frame: number) => InputIntent {
  return (frame) => ({ moveX: (frame % 90 < 50 ? direction : -direction) * AXIS_MAX, moveY: 0, kick: false });
}

/** Settings, score, phase and roles: everything an attacker must not be able to change. */
function rulesOf(state: MatchState): string {
  const s = state.settings;
  return JSON.stringify({
    phase: state.phase, scoreRed: state.scoreRed, scoreBlue: state.scoreBlue, hostId: state.hostId,
    roomName: s.roomName, playersPerTeam: s.playersPerTeam, scoreLimit: s.scoreLimit, timeLimitSeconds: s.timeLimitSeconds,
    isPrivate: s.isPrivate, locked: s.locked,
  });
}

describe("hostile clients in a live match", () => {
  it("are thrown out or ignored while the honest players play on exactly", async () => {
    const red = await createMatch(server.endpoint, { name: "Honest Red" });
    const blue = await joinMatch(server.endpoint, red.room.roomId, { name: "Honest Blue" });
    const watcher = await joinMatch(server.endpoint, red.room.roomId, { name: "Honest Watcher", spectate: true });
    honestClients.push(red, blue, watcher);
    const honestIds = new Set(honestClients.map((j) => j.room.sessionId));
    await waitFor(() => honestClients.every((j) => j.room.state.players.size === 3), "all three honest clients to see each other");
    const rulesBefore = rulesOf(watcher.room.state);

    // What the honest watcher sees of attackers that reach the pitch: never NaN, and never further over any
    // half second or more than the top speed allows. Measured from positions (others' velocities are not sent).
    let attackerNonFinite = 0;
    let attackerMaxExcessPx = 0;
    let attackerFastestPxPerSecond = 0;
    const tracks = new Map<string, { team: string; samples: { tick: number; x: number; y: number }[] }>();
    watcher.room.onStateChange((state) => {
      state.players.forEach((player, id) => {
        if (honestIds.has(id) || player.team === "spectator") return;
        if (![player.x, player.y].every(Number.isFinite)) attackerNonFinite += 1;
        let track = tracks.get(id);
        if (!track || track.team !== player.team) tracks.set(id, track = { team: player.team, samples: [] }); // a team change teleports
        track.samples.push({ tick: state.tick, x: player.x, y: player.y });
        if (track.samples.length > 120) track.samples.shift();
        for (const old of track.samples) {
          const ticks = state.tick - old.tick;
          if (ticks < TICK_HZ / 2) break;
          const distance = Math.hypot(player.x - old.x, player.y - old.y);
          attackerMaxExcessPx = Math.max(attackerMaxExcessPx, distance - (PLAYER.maxSpeed * ticks) / TICK_HZ);
          attackerFastestPxPerSecond = Math.max(attackerFastestPxPerSecond, (distance * TICK_HZ) / ticks);
        }
      });
    });

    const players = [new HonestPlayer(red, "Honest Red", shuttle(-1)), new HonestPlayer(blue, "Honest Blue", shuttle(1))];
    for (const player of players) player.start();
    await sleep(500);
    await server.resetMetrics();

    const harness = new AttackerHarness(server.endpoint, red.room.roomId, SEED);
    const started = Date.now();
    await Promise.all([
      harness.randomBytes(2000),
      (async () => {
        await harness.decoderBombs();
        await harness.wrongTypes();
        await harness.unknownTypes();
        await harness.oversize();
        await harness.flood(3000);
      })(),
      harness.forgedHostActions(600, red.room.sessionId),
      (async () => {
        await harness.outOfRangeInputs(240);
        await harness.rawInputFrames(240);
        await harness.inputFlood(2);
        await harness.teamChangeSpam(250);
      })(),
    ]);
    const attackSeconds = (Date.now() - started) / 1000;

    // Every attacker is gone at once: thrown out, not "dropped" with a seat held for a reconnection —
    // except the flooder, closed for rate with a code the SDK may reconnect from (its seat is held).
    let attackersLeft = 0;
    await waitFor(() => (attackersLeft = watcher.room.state.players.size - 3) === 1, "every other attacker's seat to be freed", 3000)
      .catch(() => undefined);
    for (const player of players) player.stop();
    await waitFor(() => players.every((p) => p.allAcked), "the server to ack every honest input");
    await sleep(300);
    const metrics = await server.metrics();
    const health = await fetch(`${server.endpoint}/healthz`).then((r) => r.ok);

    console.log(`\nHostile input: ${harness.totalFrames()} bad frames in ${attackSeconds.toFixed(1)} s against room ${red.room.roomId}`);
    console.table(harness.rows());
    console.log("What the honest players saw:");
    console.table(players.map((p) => ({
      player: p.report.name, "inputs sent": p.report.inputsSent, acked: p.report.inputsAcked,
      "replay checks": p.report.checks, mismatches: p.report.mismatches, patches: p.report.patches,
      "max patch gap ms": Math.round(p.report.maxPatchGapMs), "max ticks/patch": p.report.maxTicksPerPatch,
    })));
    console.table([{
      "rules unchanged": rulesOf(watcher.room.state) === rulesBefore,
      "phase": watcher.room.state.phase,
      "score": `${watcher.room.state.scoreRed}:${watcher.room.state.scoreBlue}`,
      "attacker px/s (≥0.5 s)": Math.round(attackerFastestPxPerSecond),
      "attacker px beyond top speed": Number(attackerMaxExcessPx.toFixed(1)),
      "honest notices": honestClients.reduce((n, j) => n + j.notices.length, 0),
      "chat from attackers": watcher.chat.filter((line) => !line.system).length,
      "attacker seats left": attackersLeft,
      "team changes announced": watcher.chat.filter((line) => line.system && /^Mallory\d+ moved to/.test(line.text)).length,
      "step p50/p99 ms": `${metrics.stepP50Ms.toFixed(3)} / ${metrics.stepP99Ms.toFixed(3)}`,
      "late steps (overran / started late)": `${metrics.lateSteps} / ${metrics.lateStarts} of ${metrics.totalSteps}`,
      "loop delay p99 ms": Number(metrics.eventLoopDelayP99Ms.toFixed(1)),
    }]);

    // The server never crashed and never froze.
    expect(server.child.exitCode).toBeNull();
    expect(health).toBe(true);
    expect(logText(server.output())).not.toMatch(/uncaught|FATAL|heap out of memory/i);
    expect(harness.totalFrames()).toBeGreaterThan(3000);

    // How each attack was answered.
    const outcomes = (attack: string): string[] => [...(harness.tallies.get(attack)?.outcomes.keys() ?? [])];
    expect(outcomes("decoder bombs")).toEqual(expect.arrayContaining([expect.stringMatching(/^closed 4/)]));
    // Every bomb was answered by an app/framework close or harmlessly dropped — never a crash-like 1006.
    for (const outcome of outcomes("decoder bombs")) expect(outcome).toMatch(/^closed 4\d{3}|^open \(frames dropped\)$/);
    expect(harness.tallies.get("decoder bombs")?.outcomes.get("open (frames dropped)") ?? 0).toBeLessThanOrEqual(1);
    expect([...harness.tallies.get("decoder bombs")!.outcomes.values()].reduce((a, b) => a + b)).toBe(DECODER_BOMBS.length);
    expect(outcomes("wrong payload types")).toEqual(["closed 4002 (framework: with error)"]);
    expect(outcomes("unknown message types")).toEqual(["closed 4102 (badInput)"]);
    expect(outcomes("oversize strings").sort()).toEqual(["closed 1009 (message too big)", "closed 4002 (framework: with error)", "join refused (400)"]);
    expect(outcomes("flood over the rate cap")).toEqual(["closed 4010 (tooFast)"]);
    expect(outcomes("forged host actions")).toEqual(["open (frames dropped)"]);
    expect(outcomes("out-of-range inputs (room.input)")).toEqual(["open (frames dropped)"]);
    expect(outcomes("raw input frames")).toEqual(["open (frames dropped)"]);
    expect(outcomes("input flood (100/s, speed hack)")).toEqual(["open (frames dropped)"]);
    expect(outcomes("team-change spam")).toEqual(["open (frames dropped)"]);
    const teamChangeLines = watcher.chat.filter((line) => line.system && /^Mallory\d+ moved to/.test(line.text)).length;
    expect(teamChangeLines).toBeGreaterThan(0);
    expect(teamChangeLines).toBeLessThanOrEqual(LIMITS.chatPerWindow);
    expect(outcomes("random bytes (raw socket)").length).toBeGreaterThan(0);
    for (const outcome of outcomes("random bytes (raw socket)")) expect(outcome).not.toMatch(/abnormal|refused/);

    // Attackers' inputs were sanitised: no super speed, no NaN in the world.
    expect(attackerNonFinite).toBe(0);
    expect(attackerFastestPxPerSecond).toBeGreaterThan(PLAYER.maxSpeed / 2);
    // A few ticks of jitter catch-up are allowed (MAX_INPUT_CREDIT in MatchRoom: 4 ticks ≈ 16 px), no more.
    expect(attackerMaxExcessPx).toBeLessThanOrEqual(24);

    // Honest players: every input acked and replayed exactly; the match's rules, score and phase untouched.
    for (const player of players) {
      expect(player.report.firstMismatch).toBeNull();
      expect(player.report.checks).toBeGreaterThan(100);
    }
    expect(rulesOf(watcher.room.state)).toBe(rulesBefore);
    for (const honest of honestClients) {
      expect(honest.leftWith).toBeNull();
      expect(honest.notices).toEqual([]);
      expect(honest.room.state.players.get(honest.room.sessionId)?.connected).toBe(true);
    }
    expect(red.room.state.players.get(red.room.sessionId)?.team).toBe("red");
    expect(red.room.state.players.get(blue.room.sessionId)?.team).toBe("blue");
    expect(watcher.chat.filter((line) => !line.system)).toEqual([]);
    expect(watcher.chat.filter((line) => line.text.includes("holding the slot"))).toHaveLength(1);
    expect(attackersLeft).toBe(1);

    // The room kept stepping through the attack. (How long a step took is a benchmark figure, printed above, not
    // asserted: on a shared 2-core machine it measures the neighbours as much as the code.)
    expect(metrics.totalSteps).toBeGreaterThan(attackSeconds * 50);
  }, 90_000);
});
