// Compares how stale the same live match looks over the WebSocket state feed and over HTTP polling, on one clock.
import type { LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { summarize, type Summary } from "../lib/stats.ts";
import type { ObservedSnapshot } from "./botMeter.ts";
import type { RoomCalibration } from "./roomCalibration.ts";

interface Sighting {
  receivedAt: number;
  /** Room-clock time at which the data was true. */
  serverTimeMs: number;
  scoreTotal: number;
}

export interface FeedStaleness {
  feed: string;
  updates: number;
  /** Age of each update when it arrived (server change → in the client's hands). */
  arrivalAgeMs: Summary;
  /** Age of what the client would be showing, sampled every few ms through the window. */
  shownAgeMs: Summary;
  /** For each goal the WebSocket feed delivered in the window: how long after the goal this feed showed the new score. */
  goalDelayMs: number[];
}

export interface LiveCompareReport {
  goals: number;
  feeds: FeedStaleness[];
}

const SAMPLE_EVERY_MS = 5;

export class LiveComparison {
  private readonly calibration: RoomCalibration;
  private readonly feeds = new Map<string, Sighting[]>();

  constructor(calibration: RoomCalibration) {
    this.calibration = calibration;
  }

  private feed(name: string): Sighting[] {
    let sightings = this.feeds.get(name);
    if (!sightings) {
      sightings = [];
      this.feeds.set(name, sightings);
    }
    return sightings;
  }

  recordWebSocket(snapshot: ObservedSnapshot): void {
    this.feed("websocket").push({ receivedAt: snapshot.receivedAt, serverTimeMs: snapshot.serverTimeMs, scoreTotal: snapshot.scoreRed + snapshot.scoreBlue });
  }

  recordPoll(feed: string, receivedAt: number, snapshot: LiveSnapshot): void {
    this.feed(feed).push({ receivedAt, serverTimeMs: snapshot.serverTime, scoreTotal: snapshot.scoreRed + snapshot.scoreBlue });
  }

  /** Goal instants (wall) as first shown by the WebSocket feed inside the window. */
  private goals(from: number, to: number): { total: number; at: number }[] {
    const goals: { total: number; at: number }[] = [];
    let previous: number | null = null;
    for (const sighting of this.feeds.get("websocket") ?? []) {
      if (previous !== null && sighting.scoreTotal > previous && sighting.receivedAt >= from && sighting.receivedAt <= to) {
        goals.push({ total: sighting.scoreTotal, at: this.calibration.wallOf(sighting.serverTimeMs) });
      }
      previous = sighting.scoreTotal;
    }
    return goals;
  }

  report(from: number, to: number): LiveCompareReport {
    const goals = this.goals(from, to);
    const feeds: FeedStaleness[] = [];
    for (const [name, sightings] of this.feeds) {
      const inWindow = sightings.filter((s) => s.receivedAt >= from && s.receivedAt <= to);
      const arrival = inWindow.map((s) => s.receivedAt - this.calibration.wallOf(s.serverTimeMs));
      const shown: number[] = [];
      let index = -1;
      for (let t = from; t <= to; t += SAMPLE_EVERY_MS) {
        while (index + 1 < sightings.length && sightings[index + 1].receivedAt <= t) index++;
        if (index >= 0) shown.push(t - this.calibration.wallOf(sightings[index].serverTimeMs));
      }
      const goalDelayMs: number[] = [];
      for (const goal of goals) {
        const seen = sightings.find((s) => s.scoreTotal >= goal.total && s.receivedAt >= goal.at);
        if (seen) goalDelayMs.push(seen.receivedAt - goal.at);
      }
      feeds.push({ feed: name, updates: inWindow.length, arrivalAgeMs: summarize(arrival), shownAgeMs: summarize(shown), goalDelayMs });
    }
    return { goals: goals.length, feeds };
  }
}
