// The app controller: routes (/ and /r/<roomId>), menu → match → menu, and wiring of HUD, keyboard and connection.
import { CLOSE } from "../shared/constants.ts";
import { IDLE_INTENT, type InputIntent } from "../shared/input.ts";
import type { CreateOptions } from "../shared/protocol.ts";
import { KeyboardInput } from "./input/keyboard.ts";
import { isTouchScreen, TouchControls } from "./input/touch.ts";
import { MatchConnection } from "./net/connection.ts";
import { JoinRefused } from "./net/joinRefused.ts";
import type { DrawnStateView } from "./net/drawnState.ts";
import type { MatchSceneData } from "./scenes/MatchScene.ts";
import { Hud } from "./ui/hud.ts";
import { NetPanel } from "./ui/netPanel.ts";
import { LobbyFeed } from "./net/lobby.ts";
import { fetchJoinCard } from "./net/roomCard.ts";
import { deviceId, forgetSeat, savedSeat } from "./net/seat.ts";
import { showJoinCard, type JoinCardHandle } from "./ui/joinCard.ts";
import { showMenu, type MenuActions, type MenuHandle } from "./ui/menu.ts";
import type { Stage } from "./stage.ts";
import { rememberName } from "./ui/playerName.ts";
import { InstantReplayView } from "./ui/instantReplayView.ts";
import { joinRefusalText, noticeText } from "./ui/wording.ts";
import { roomIdFromPath } from "../shared/roomId.ts";

/** Waits between attempts to reclaim this tab's seat after a reload (about 8 s in all). */
const RECLAIM_BACKOFF_MS = [250, 500, 1000, 2000, 2000, 2000];

/** Read-only view for debugging and the browser tests: what this page knows about its match. */
export interface ReboundDebugView {
  roomId: string;
  sessionId: string;
  phase: string;
  score: { red: number; blue: number };
  players: { sessionId: string; name: string; team: string; x: number; y: number; connected: boolean }[];
  reconnecting: boolean;
  /** Instant replays shown on this page, skipped, and whether one is up now. */
  instantReplay: { shown: number; skipped: number; visible: boolean };
}

declare global {
  interface Window {
    reboundDebug?: () => ReboundDebugView | null;
    /** What the scene draws (predicted self, interpolated others and ball) next to the server state received. */
    reboundDrawn?: () => DrawnStateView | null;
  }
}

/** What to tell a player whose room ended for them (empty for leaving on purpose). */
function leaveMessage(code: number, reason?: string): string {
  if (code === 4000 || code === 1000) return "";
  if (code === CLOSE.kicked) return reason || "You were kicked by the host.";
  if (code === CLOSE.serverRestart || code === 4001) return "The server is restarting — try again in a moment.";
  if (code === CLOSE.badInput || code === 4002) return "Disconnected: the server rejected a message from this page.";
  return `Disconnected (${code}${reason ? `: ${reason}` : ""})`;
}

/** What to show for a failed join, quick play or host: a refusal is worded by its status, anything else as it says. */
function friendlyError(error: unknown): string {
  if (error instanceof JoinRefused) return joinRefusalText(error.status, error.message);
  return error instanceof Error ? error.message : String(error);
}

/** Runs a join; a failure comes back as an Error whose message the menu or join card can show. */
async function shownIfRefused<T>(join: () => Promise<T>): Promise<T> {
  try {
    return await join();
  } catch (error) {
    throw new Error(friendlyError(error));
  }
}

export function startApp(stage: Stage): void {
  let menu: { handle: MenuHandle; lobby: LobbyFeed } | null = null;
  let card: JoinCardHandle | null = null;
  let current: {
    connection: MatchConnection; hud: Hud; netPanel: NetPanel; keyboard: KeyboardInput; touch: TouchControls | null;
    instantReplay: InstantReplayView; reconnecting: boolean;
  } | null = null;

  window.reboundDebug = () => {
    if (!current) return null;
    const { connection } = current;
    const players: ReboundDebugView["players"] = [];
    connection.state.players.forEach((player, sessionId) => {
      players.push({ sessionId, name: player.name, team: player.team, x: player.x, y: player.y, connected: player.connected });
    });
    return {
      roomId: connection.roomId,
      sessionId: connection.sessionId,
      phase: connection.state.phase,
      score: { red: connection.state.scoreRed, blue: connection.state.scoreBlue },
      players,
      reconnecting: current.reconnecting,
      instantReplay: { shown: current.instantReplay.shown, skipped: current.instantReplay.skipped, visible: current.instantReplay.visible },
    };
  };

  // Read-only and safe to ship: positions, clocks and counters this page already holds, no secrets.
  window.reboundDrawn = () => current?.connection.drawnView() ?? null;
  /** The address bar says where this tab sits, so a reload that cannot reclaim the seat rejoins in the same role. */
  const showRoleInUrl = (connection: MatchConnection) => {
    const me = connection.me;
    const url = `/r/${connection.roomId}${me?.team === "spectator" || (!me && location.search.includes("spectate")) ? "?spectate" : ""}`;
    if (location.pathname + location.search !== url) history.replaceState(null, "", url);
  };

  const enterMatch = (connection: MatchConnection) => {
    closeMenu();
    showRoleInUrl(connection);
    const mutedForMe = new Set<string>();
    let myName = connection.me?.name ?? "";
    const keyboard = new KeyboardInput();
    const hud = new Hud({
      chat: (text) => connection.send("chat", { text }),
      setTeam: (team) => connection.send("setTeam", { team }),
      start: () => connection.send("startMatch", {}),
      stop: () => connection.send("stopMatch", {}),
      leave: () => void connection.leave(),
      movePlayer: (sessionId, team) => connection.send("movePlayer", { sessionId, team }),
      kickPlayer: (sessionId, reason) => connection.send("kickPlayer", reason ? { sessionId, reason } : { sessionId }),
      mutePlayer: (sessionId, muted) => connection.send("mutePlayer", { sessionId, muted }),
      muteForMe: (sessionId, muted) => { if (muted) mutedForMe.add(sessionId); else mutedForMe.delete(sessionId); },
      isMutedForMe: (sessionId) => mutedForMe.has(sessionId),
      rename: (name) => connection.send("rename", { name }),
      addBot: (team) => connection.send("addBot", { team }),
      removeBot: () => connection.send("removeBot", {}),
      lock: (locked) => connection.send("lockRoom", { locked }),
      updateSettings: (settings) => connection.send("updateSettings", settings),
    });
    const touch = isTouchScreen() ? new TouchControls() : null;
    const netPanel = new NetPanel(connection);
    const instantReplay = new InstantReplayView();
    const session = { connection, hud, netPanel, keyboard, touch, instantReplay, reconnecting: false };
    current = session;
    connection.on({
      // Muting someone for yourself hides their lines on this page only; the server never knows.
      chat: (line) => { if (line.system || !mutedForMe.has(line.fromId)) hud.chat.add(line); },
      notice: (notice) => hud.showToast(noticeText(notice.reason)),
      instantReplay: (bytes) => instantReplay.show(bytes),
      drop: () => { session.reconnecting = true; },
      reconnect: () => { session.reconnecting = false; },
      leave: (code, reason) => exitMatch(leaveMessage(code, reason)),
    });
    window.addEventListener("keydown", focusChatOnEnter);
    const data: MatchSceneData = {
      connection,
      readIntent: (timeMs): InputIntent => (hud.chat.typing ? IDLE_INTENT : (touch?.intent() ?? keyboard.intentAt(timeMs))),
      afterFrame: (now, frameMs) => {
        showRoleInUrl(connection);
        touch?.setPlaying(connection.me !== undefined && connection.me.team !== "spectator");
        const name = connection.me?.name ?? myName;
        // A rename the server accepted becomes the name this browser remembers.
        if (name !== myName) { myName = name; rememberName(name); }
        hud.update({
          state: connection.state,
          sessionId: connection.sessionId,
          roomId: connection.roomId,
          pingMs: connection.clock.rtt,
          reconnecting: session.reconnecting,
        });
        netPanel.update(now, frameMs);
        instantReplay.update(connection.state.phase);
      },
    };
    stage.showMatch(data);
  };

  const focusChatOnEnter = (event: KeyboardEvent) => {
    if (event.key === "Enter" && current && !current.hud.chat.typing) {
      event.preventDefault();
      current.hud.chat.focus();
    }
  };

  const exitMatch = (message: string) => {
    if (!current) return;
    current.hud.destroy();
    current.netPanel.destroy();
    current.keyboard.destroy();
    current.touch?.destroy();
    current.instantReplay.destroy();
    current = null;
    window.removeEventListener("keydown", focusChatOnEnter);
    history.replaceState(null, "", "/");
    stage.showMenu();
    openMenu(message);
  };

  const actions: MenuActions = {
    quickPlay: async (name) => enterMatch(await shownIfRefused(() => MatchConnection.quickPlay({ name, deviceId: deviceId() }))),
    host: async (options: CreateOptions) => enterMatch(await shownIfRefused(() => MatchConnection.host({ ...options, deviceId: deviceId() }))),
    join: async (roomId, name, spectate, password) => {
      if (!roomId) throw new Error("Enter a room code or link");
      enterMatch(await shownIfRefused(() => MatchConnection.joinById(roomId, { name, spectate, deviceId: deviceId(), ...(password ? { password } : {}) })));
    },
  };

  const closeMenu = () => {
    card?.close();
    card = null;
    menu?.lobby.close();
    menu?.handle.close();
    menu = null;
  };

  const openMenu = (message = "") => {
    closeMenu();
    const handle = showMenu(actions, message);
    const lobby = new LobbyFeed((rooms) => handle.setRooms(rooms));
    lobby.open().catch(() => handle.setRooms([]));
    menu = { handle, lobby };
  };

  const backToMenu = (message: string) => {
    history.replaceState(null, "", "/");
    openMenu(message);
  };

  /** A link: back into this tab's own seat if it still holds one (a reload), else the join card. */
  const openLink = async (roomId: string, preferSpectate: boolean) => {
    const seat = savedSeat(roomId);
    if (seat) {
      const reclaimed = await reclaimSeat(seat.token);
      if (reclaimed) return enterMatch(reclaimed);
      forgetSeat(); // the grace period is over or the room is gone: join afresh from the card
    }
    let info;
    try {
      info = await fetchJoinCard(roomId);
    } catch (error) {
      return backToMenu(friendlyError(error));
    }
    card = showJoinCard(info, preferSpectate,
      (choice) => actions.join(roomId, choice.name, choice.spectate, choice.password),
      () => { closeMenu(); backToMenu(""); });
  };

  /** The server holds a dropped seat for the grace period; a reload can race the old socket's close (a busy server
   * handles it late), so try for about 8 s, backing off — well inside the 30 s grace, short of a long wait when the
   * room is really gone. */
  const reclaimSeat = async (token: string): Promise<MatchConnection | null> => {
    for (const waitMs of [...RECLAIM_BACKOFF_MS, null]) {
      try {
        return await MatchConnection.reconnect(token);
      } catch (error) {
        console.info(`seat reclaim failed (${error instanceof Error ? error.message : String(error)})${waitMs === null ? "" : `; again in ${waitMs} ms`}`);
        if (waitMs === null) return null;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    return null;
  };

  // Route at once: the DOM menu (or a deep-link join) does not wait for Phaser, which loads behind it.
  {
    const deepLink = roomIdFromPath(location.pathname, "r");
    if (!deepLink) {
      openMenu();
      return;
    }
    void openLink(deepLink, new URLSearchParams(location.search).has("spectate"));
  }
}
