// Integration: the attack suite at its small size (the same code as `npm run attack`) against a real server process — fails if an
// honest player loses a seat, or a late joiner decodes a state that differs from an honest player's, under any class of issue 9.
import { describe, expect, it } from "vitest";
import { TINY_SCALE } from "../../bench/attack/attacks.ts";
import { runAttackSuite, type SuiteResult } from "../../bench/attack/suite.ts";

describe("attack suite (small)", () => {
  it("every attack leaves every honest player in its seat and every late joiner with the server's state", async () => {
    const result: SuiteResult = await runAttackSuite(TINY_SCALE);
    const classes = new Set(result.rows.map((row) => row.issueClass));
    expect([...classes].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const row of result.rows) {
      expect({ attack: row.attack, seats: row.seatsKept, lateJoiner: row.lateJoinerDifference }).toEqual({ attack: row.attack, seats: "3/3", lateJoiner: null });
    }
    const byName = (fragment: string) => result.rows.find((row) => row.attack.includes(fragment))!;
    // The effect each fix is for, as the attacker saw it.
    expect(byName("reservation flood").outcome).toMatch(/password room: 401 ×30; friend joined$/);
    expect(byName("reservation flood").outcome).toContain("429");
    expect(byName("room creation flood").outcome).toContain("429");
    expect(byName("huge chunked body").unit).not.toMatch(new RegExp(`\\(${TINY_SCALE.bodyMegabytes} of`));
    expect(byName("socket flood").outcome).toContain("4429 refused");
    expect(byName("disclosure").outcome).toBe("no leak");
    expect(byName("lone surrogates").outcome).not.toMatch(/room name 200/);
  }, 600_000);
});
