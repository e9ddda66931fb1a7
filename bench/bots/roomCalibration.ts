// Maps one room's clock (ms since the room started, stamped on every snapshot) onto this machine's wall clock.

/**
 * Maps one room's clock onto the wall clock. Both Colyseus (Clock over Date.now) and the baseline stamp
 * each snapshot with `serverTime` = ms since the room started, so wall = roomStart + serverTime. The
 * room's start is taken from the lowest observed (arrival − serverTime) minus the known simulated
 * one-way delay: the fastest snapshot of the run stands for the loopback floor. Checked in-process
 * against a room's real clock: the estimate lands about 1 ms late, so ages read about 1 ms low.
 */
export class RoomCalibration {
  minRaw = Number.POSITIVE_INFINITY;
  /** Wall time just before the create request (known only in the process of the room's creator). */
  createRequestedAt: number | null = null;
  readonly simulatedOneWayMs: number;

  constructor(simulatedOneWayMs: number) {
    this.simulatedOneWayMs = simulatedOneWayMs;
  }

  observe(raw: number): void {
    if (raw < this.minRaw) this.minRaw = raw;
  }

  /** Estimated wall time at which the room clock read 0. */
  get roomStart(): number {
    return this.minRaw - this.simulatedOneWayMs;
  }

  /** Wall time of a room-clock instant. */
  wallOf(serverTimeMs: number): number {
    return this.roomStart + serverTimeMs;
  }

  /** How far the estimated start lies after the create request was sent: must be ≥ 0 and small. */
  get slackMs(): number | null {
    return this.createRequestedAt === null || !Number.isFinite(this.minRaw) ? null : this.roomStart - this.createRequestedAt;
  }
}
