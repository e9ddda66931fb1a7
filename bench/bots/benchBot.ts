// The interface every benchmark bot offers the fleet driver, whichever server (Rebound or the naive baseline) it plays on.
import type { BotMeter } from "./botMeter.ts";

export interface BenchBot {
  readonly roomId: string;
  readonly meter: BotMeter;
  /** False for spectators: they never send game input. */
  readonly plays: boolean;
  readonly connected: boolean;
  /** Sends one input for one fixed step, steering at the ball like a player would. */
  step(): void;
  /** Asks the server to start the match (only the room's host is obeyed). */
  startMatch(): void;
  leave(): Promise<void>;
}

/** How a fleet makes bots of one kind. */
export interface BotFactory {
  create(name: string): Promise<BenchBot>;
  join(roomId: string, name: string, spectate: boolean): Promise<BenchBot>;
}
