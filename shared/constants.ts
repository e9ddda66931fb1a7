// Tunable rules of the Rebound world: field geometry, physics per tick, match defaults, network limits.

/** Fixed simulation rate (Hz). The server's setFixedTimestep and the client's prediction both use it. */
export const TICK_HZ = 60;
/** State patch interval (ms): 30 snapshots per second, half the tick rate to halve bandwidth. */
export const PATCH_MS = 1000 / 30;

export const FIELD = {
  width: 1000,
  height: 500,
  /** Half-height of each goal mouth, centred on the short sides. */
  goalHalfWidth: 70,
  /** How deep the net sits behind the goal line (drawn, and a wall for the ball). */
  goalDepth: 36,
} as const;

export const PLAYER = {
  radius: 16,
  /** Acceleration per second while an input is held (px/s²). */
  acceleration: 1500,
  /** Top speed while not kicking (px/s). */
  maxSpeed: 240,
  /** Top speed while holding kick: slower, to trade mobility for power (like HaxBall). */
  maxSpeedKicking: 190,
  /** Velocity kept per tick when no input pushes (exponential damping). */
  damping: 0.90,
  /** Collision restitution between two players. */
  bounce: 0.5,
  mass: 1,
} as const;

export const BALL = {
  radius: 10,
  /** Velocity kept per tick (rolling friction). */
  damping: 0.99,
  /** Energy kept on a wall bounce. */
  wallBounce: 0.8,
  /** Energy kept when bumping a player. */
  playerBounce: 0.5,
  mass: 0.5,
  maxSpeed: 900,
} as const;

export const KICK = {
  /** Extra distance between the two discs' edges within which a kick connects. */
  reach: 6,
  /** Speed added to the ball by a kick (px/s), along the player→ball direction. */
  impulse: 520,
  /** Ticks a player must wait between kicks. */
  cooldownTicks: 12,
} as const;

/** Grids every position (1/32 px) and velocity (1/16 px/s) is snapped to after each step.
 * Why: the wire carries them as 16-bit quantized values over power-of-two ranges (WIRE below),
 * which hold exactly these grid values — so the server's state, the wire and the client's replay
 * agree bit for bit while a coordinate costs 2 bytes instead of 4. */
export const POSITION_GRID = 32;
export const VELOCITY_GRID = 16;
/** Speeds below this (px/s) snap to 0. Why: on a coarse velocity grid, damping alone can stall
 * just above zero and a ball would creep forever. */
export const STOP_SPEED = 2;

/** Wire ranges of the quantized fields: 65,536 steps over a power-of-two span, so grid values are exact. */
export const WIRE = {
  position: { min: -512, max: 1536 },
  velocity: { min: -2048, max: 2048 },
} as const;

export const MATCH_DEFAULTS = {
  playersPerTeam: 4,
  scoreLimit: 3,
  timeLimitSeconds: 180,
} as const;

export const MATCH_LIMITS = {
  playersPerTeam: { min: 1, max: 6 },
  scoreLimit: { min: 0, max: 20 },
  timeLimitSeconds: { min: 0, max: 1800 },
  maxSpectators: 20,
  /** Hidden observers (compare pages) per room: never seated, so capped on their own. */
  maxObservers: 4,
} as const;

export const TIMING = {
  /** Ticks of 3-2-1 before play starts (3 s). */
  countdownTicks: 3 * TICK_HZ,
  /** Ticks of goal celebration before the kickoff reset. */
  goalCelebrationTicks: 2 * TICK_HZ,
} as const;

export const LIMITS = {
  nameLength: 20,
  chatLength: 200,
  roomNameLength: 40,
  passwordLength: 64,
  /** Frames per second one socket may send, sustained: inputs at 60 Hz plus chat/control messages leave
   * plenty of headroom under this (server/messageRate.ts). */
  maxMessagesPerSecond: 120,
  /** Frames one socket may send at once after a silence: the inputs that queue up during a 5 s stall of
   * the server or of the player's network (300 at 60 Hz) arrive together, with room to spare. */
  messageBurst: 600,
  /** Chat lines a client may send per 5 s window. */
  chatPerWindow: 5,
  chatWindowMs: 5000,
  /** Seconds a dropped player's slot is held. */
  reconnectGraceSeconds: 30,
} as const;

/** Application close codes (the framework owns 4000–4010). */
export const CLOSE = {
  /** Over the message rate even after throttling. The framework's MAY_TRY_RECONNECT: the SDK reconnects
   * by itself and the room holds the seat, so a rate close never silently costs a seat. */
  tooFast: 4010,
  kicked: 4101,
  badInput: 4102,
  serverRestart: 4103,
  /** Refused at connect: too many open sockets from one address (the 429 of WebSockets). */
  tooManyConnections: 4429,
} as const;
