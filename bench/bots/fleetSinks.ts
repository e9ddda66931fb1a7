// Where a bot process gathers its bots' latency samples: bounded reservoirs, snapshot ages kept raw per room until calibrated.
import { Reservoir } from "../lib/stats.ts";
import { RoomCalibration } from "./roomCalibration.ts";

const SAMPLES_PER_SINK = 20_000;

/** Where a fleet gathers its bots' samples: bounded reservoirs, raw snapshot ages per room until calibrated. */
export class FleetSinks {
  readonly ack = new Reservoir(SAMPLES_PER_SINK, 7);
  private readonly rawAges = new Map<string, Reservoir>();
  private readonly calibrations = new Map<string, RoomCalibration>();
  private readonly simulatedOneWayMs: number;

  constructor(simulatedOneWayMs: number) {
    this.simulatedOneWayMs = simulatedOneWayMs;
  }

  calibration(roomId: string): RoomCalibration {
    let calibration = this.calibrations.get(roomId);
    if (!calibration) {
      calibration = new RoomCalibration(this.simulatedOneWayMs);
      this.calibrations.set(roomId, calibration);
    }
    return calibration;
  }

  rawAge(roomId: string): Reservoir {
    let sink = this.rawAges.get(roomId);
    if (!sink) {
      sink = new Reservoir(Math.ceil(SAMPLES_PER_SINK / 4), this.rawAges.size + 11);
      this.rawAges.set(roomId, sink);
    }
    return sink;
  }

  clear(): void {
    this.ack.clear();
    for (const sink of this.rawAges.values()) sink.clear();
  }

  /** Snapshot ages (server change → decoded by the client), calibrated per room. */
  stalenessSamples(): number[] {
    const out: number[] = [];
    for (const [roomId, sink] of this.rawAges) {
      const calibration = this.calibration(roomId);
      for (const raw of sink.values) out.push(raw - calibration.roomStart);
    }
    return out;
  }

  slacks(): number[] {
    const out: number[] = [];
    for (const calibration of this.calibrations.values()) {
      const slack = calibration.slackMs;
      if (slack !== null) out.push(slack);
    }
    return out;
  }
}
