// Commands into the match simulation (join, leave, team change, rename, host commands) and the rules that accept or refuse them.
import { kickoffSpot, placeBallForKickoff, placeBody } from "../kickoff.ts";
import { startMatch, stopMatch } from "../matchFlow.ts";
import { emit, type EventSink } from "./events.ts";
import { uniqueName } from "./names.ts";
import { isMatchRunning } from "./phase.ts";
import type { MatchSettingsData, MatchSim, SimPlayer } from "./sim.ts";
import { countTeam, freeTeam, humanCount, isPlayingTeam, seatedCount, teamFull, type PlayingTeam, type Team } from "./teams.ts";

export type MatchCommand =
  /** A person takes a seat: on the team with room (or the spectators when asked or when both are full). */
  | { kind: "join"; id: string; name: string; spectate: boolean }
  | { kind: "leave"; id: string }
  | { kind: "setTeam"; id: string; team: Team }
  | { kind: "rename"; id: string; name: string }
  | { kind: "start" }
  | { kind: "stop" }
  | { kind: "addBot"; team: PlayingTeam }
  /** Without an id, the newest bot leaves. */
  | { kind: "removeBot"; id?: string }
  | { kind: "settings"; settings: Partial<MatchSettingsData> };

/** Why a command was refused, as a code with data (worded by refusalText). */
export type Refusal =
  | { code: "noSuchPlayer" }
  | { code: "teamFull"; team: PlayingTeam }
  | { code: "spectatorsFull" }
  | { code: "botsCannotSpectate" }
  | { code: "nobodyOnTeam" }
  | { code: "matchRunning" };

/** Applies one command between steps; returns why it was refused, or null. */
export function applyCommand(sim: MatchSim, command: MatchCommand, sink: EventSink): Refusal | null {
  const phaseBefore = sim.phase;
  const refusal = dispatch(sim, command, sink);
  if (sim.phase !== phaseBefore) emit(sink, { kind: "phase", from: phaseBefore, to: sim.phase });
  return refusal;
}

function dispatch(sim: MatchSim, command: MatchCommand, sink: EventSink): Refusal | null {
  switch (command.kind) {
    case "join": return join(sim, command.id, command.name, command.spectate);
    case "leave": return leave(sim, command.id);
    case "setTeam": return changeTeam(sim, command.id, command.team, sink);
    case "rename": return rename(sim, command.id, command.name);
    case "start": return start(sim, sink);
    case "stop": return stop(sim, sink);
    case "addBot": return addBot(sim, command.team, sink);
    case "removeBot": return removeBot(sim, command.id, sink);
    case "settings": return changeSettings(sim, command.settings, sink);
  }
}

/** The team a newcomer gets: the spectators when asked or when both teams are full, else the smaller team. */
function seatFor(sim: MatchSim, spectate: boolean): Team {
  return spectate ? "spectator" : (freeTeam(sim.players, sim.settings.playersPerTeam) ?? "spectator");
}

function newPlayer(sim: MatchSim, name: string, team: Team, botNumber: number): SimPlayer {
  return {
    name, team, isBot: botNumber > 0, goals: 0, joinedSeq: ++sim.joinCounter, inputCredit: 0, botNumber,
    x: 0, y: 0, vx: 0, vy: 0, kicking: false, kickCooldown: 0,
  };
}

function join(sim: MatchSim, id: string, name: string, spectate: boolean): null {
  const player = newPlayer(sim, uniqueName(sim.players, name), seatFor(sim, spectate), 0);
  sim.players.set(id, player);
  if (isPlayingTeam(player.team)) placeNewcomer(sim, player, player.team);
  return null;
}

function leave(sim: MatchSim, id: string): null {
  sim.players.delete(id);
  // Bots alone do not keep a room alive.
  if (humanCount(sim.players) === 0) for (const [botId, player] of sim.players) if (player.isBot) sim.players.delete(botId);
  return null;
}

/** Stands a player who just arrived on a team on the next free kickoff spot of that team. */
function placeNewcomer(sim: MatchSim, player: SimPlayer, team: PlayingTeam): void {
  const spot = kickoffSpot(team, countTeam(sim.players, team) - 1);
  placeBody(player, spot.x, spot.y);
  player.kicking = false;
}

function changeTeam(sim: MatchSim, id: string, team: Team, sink: EventSink): Refusal | null {
  const player = sim.players.get(id);
  if (!player) return { code: "noSuchPlayer" };
  if (player.team === team) return null;
  if (isPlayingTeam(team) && teamFull(sim.players, team, sim.settings.playersPerTeam)) return { code: "teamFull", team };
  if (team === "spectator" && player.isBot) return { code: "botsCannotSpectate" };
  if (team === "spectator" && teamFull(sim.players, team, sim.settings.playersPerTeam)) return { code: "spectatorsFull" };
  player.team = team;
  player.vx = 0;
  player.vy = 0;
  player.kicking = false;
  if (isPlayingTeam(team)) placeNewcomer(sim, player, team);
  emit(sink, { kind: "teamChanged", name: player.name, team });
  return null;
}

function rename(sim: MatchSim, id: string, name: string): Refusal | null {
  const player = sim.players.get(id);
  if (!player) return { code: "noSuchPlayer" };
  player.name = name;
  return null;
}

function start(sim: MatchSim, sink: EventSink): Refusal | null {
  if (seatedCount(sim.players) === 0) return { code: "nobodyOnTeam" };
  for (const player of sim.players.values()) player.goals = 0;
  // Read before startMatch clears the winner: a match that ended with one is being replayed.
  const rematch = sim.winner !== "";
  startMatch(sim);
  kickoff(sim, sink);
  emit(sink, { kind: "matchStarted", rematch });
  return null;
}

function stop(sim: MatchSim, sink: EventSink): null {
  stopMatch(sim);
  emit(sink, { kind: "matchStopped" });
  return null;
}

/** Everyone to their kickoff spot, ball to the centre. */
export function kickoff(sim: MatchSim, sink: EventSink): void {
  const indexes = { red: 0, blue: 0 };
  for (const player of sim.players.values()) {
    if (!isPlayingTeam(player.team)) continue;
    const spot = kickoffSpot(player.team, indexes[player.team]++);
    placeBody(player, spot.x, spot.y);
  }
  placeBallForKickoff(sim.ball);
  sim.lastTouch = "";
  emit(sink, { kind: "kickoff" });
}

function addBot(sim: MatchSim, team: PlayingTeam, sink: EventSink): Refusal | null {
  if (teamFull(sim.players, team, sim.settings.playersPerTeam)) return { code: "teamFull", team };
  const number = ++sim.botCounter;
  const bot = newPlayer(sim, uniqueName(sim.players, `Bot ${number}`), team, number);
  sim.players.set(`bot-${number}`, bot);
  placeNewcomer(sim, bot, team);
  emit(sink, { kind: "botJoined", name: bot.name, team });
  return null;
}

function removeBot(sim: MatchSim, id: string | undefined, sink: EventSink): null {
  let target = id;
  if (!target) {
    let newest = -1;
    for (const [playerId, player] of sim.players) {
      if (player.isBot && player.joinedSeq > newest) { newest = player.joinedSeq; target = playerId; }
    }
  }
  const bot = target ? sim.players.get(target) : undefined;
  if (!target || !bot?.isBot) return null;
  sim.players.delete(target);
  emit(sink, { kind: "botLeft", name: bot.name });
  return null;
}

function changeSettings(sim: MatchSim, settings: Partial<MatchSettingsData>, sink: EventSink): Refusal | null {
  if (isMatchRunning(sim.phase)) return { code: "matchRunning" };
  applySettings(sim, settings);
  emit(sink, { kind: "settingsChanged" });
  return null;
}

/** Copies the settings that are given (the room's create options use it too, unrefused). */
export function applySettings(sim: MatchSim, settings: Partial<MatchSettingsData>): void {
  const target = sim.settings;
  if (settings.roomName !== undefined) target.roomName = settings.roomName;
  if (settings.playersPerTeam !== undefined) target.playersPerTeam = settings.playersPerTeam;
  if (settings.scoreLimit !== undefined) target.scoreLimit = settings.scoreLimit;
  if (settings.timeLimitSeconds !== undefined) target.timeLimitSeconds = settings.timeLimitSeconds;
}

/** Ball back to the centre without a kickoff: a warm-up goal counts for nothing. */
export function resetBall(sim: MatchSim): void {
  placeBallForKickoff(sim.ball);
}
