// Unit test: join/leave announcements (as the page words them) — one event in a quiet room goes out at once, churn is gathered into one join and one leave line a second.
import { describe, expect, it } from "vitest";
import { announcementText } from "../../../../game/ui/wording.ts";
import { ANNOUNCE_INTERVAL_MS, Announcer } from "../../../../server/rooms/announcements.ts";

function harness() {
  let now = 0;
  const lines: string[] = [];
  const timers: { at: number; run: () => void }[] = [];
  const announcer = new Announcer({
    send: (news) => lines.push(announcementText(news)),
    later: (run, ms) => { timers.push({ at: now + ms, run }); },
    now: () => now,
  });
  const advance = (ms: number): void => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
  };
  return { announcer, lines, advance };
}

describe("Announcer", () => {
  it("announces a single join or leave in a quiet room at once, in the usual words", () => {
    const { announcer, lines, advance } = harness();
    announcer.joined("Sam", "red");
    expect(lines).toEqual(["Sam joined team red"]);
    advance(ANNOUNCE_INTERVAL_MS);
    announcer.left("Sam");
    expect(lines).toEqual(["Sam joined team red", "Sam left"]);
  });

  it("gathers what happens within the interval into one line per kind", () => {
    const { announcer, lines, advance } = harness();
    announcer.joined("Ann", "red");
    announcer.joined("Bob", "blue");
    announcer.joined("Cy", "spectator");
    announcer.left("Dee");
    expect(lines).toEqual(["Ann joined team red"]);
    advance(ANNOUNCE_INTERVAL_MS);
    expect(lines.slice(1)).toEqual(["Bob and Cy joined", "Dee left"]);
  });

  it("sends at most one join and one leave line per interval under 1,000 join/leave cycles in 5 s", () => {
    const { announcer, lines, advance } = harness();
    for (let i = 0; i < 1000; i++) {
      announcer.joined(`Churn${i}`, "spectator");
      announcer.left(`Churn${i}`);
      advance(5);
    }
    advance(ANNOUNCE_INTERVAL_MS);
    expect(lines.length).toBeLessThanOrEqual(2 * (5000 / ANNOUNCE_INTERVAL_MS + 1));
    expect(lines).toContain("200 players joined");
    expect(lines).toContain("200 players left");
  });
});
