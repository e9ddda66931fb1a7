// Unit test: the zod schemas the server validates messages by — oversize chat, unknown fields, bad values are rejected.
import { describe, expect, it } from "vitest";
import { LIMITS, MATCH_LIMITS } from "../../../shared/constants.ts";
import { ChatPayload, CreateOptions, EmptyPayload, JoinOptions, SetTeamPayload, SettingsPayload } from "../../../shared/protocol.ts";

describe("ChatPayload", () => {
  it("accepts a normal line and one at the length limit, trimmed", () => {
    expect(ChatPayload.parse({ text: "  gg  " })).toEqual({ text: "gg" });
    expect(ChatPayload.safeParse({ text: "a".repeat(LIMITS.chatLength) }).success).toBe(true);
  });

  it("rejects oversize chat", () => {
    expect(ChatPayload.safeParse({ text: "a".repeat(LIMITS.chatLength + 1) }).success).toBe(false);
    expect(ChatPayload.safeParse({ text: "a".repeat(5000) }).success).toBe(false);
  });

  it("rejects unknown fields", () => {
    expect(ChatPayload.safeParse({ text: "hi", from: "admin" }).success).toBe(false);
    expect(ChatPayload.safeParse({ text: "hi", system: true }).success).toBe(false);
  });

  it("rejects empty, blank, missing and non-string text", () => {
    for (const bad of [{ text: "" }, { text: "   " }, {}, { text: 123 }, { text: null }, { text: ["hi"] }, "hi", null, undefined]) {
      expect(ChatPayload.safeParse(bad).success).toBe(false);
    }
  });
});

describe("SetTeamPayload", () => {
  it("accepts the three teams only", () => {
    for (const team of ["red", "blue", "spectator"]) expect(SetTeamPayload.safeParse({ team }).success).toBe(true);
    for (const team of ["purple", "RED", "", 1, null]) expect(SetTeamPayload.safeParse({ team }).success).toBe(false);
  });

  it("rejects unknown fields", () => {
    expect(SetTeamPayload.safeParse({ team: "red", sessionId: "someone-else" }).success).toBe(false);
  });
});

describe("EmptyPayload", () => {
  it("accepts nothing, null or {} and rejects anything carrying data", () => {
    for (const ok of [undefined, null, {}]) expect(EmptyPayload.safeParse(ok).success).toBe(true);
    for (const bad of [{ force: true }, "go", 1, []]) expect(EmptyPayload.safeParse(bad).success).toBe(false);
  });
});

describe("SettingsPayload", () => {
  it("accepts a partial update within limits", () => {
    expect(SettingsPayload.safeParse({ scoreLimit: 5 }).success).toBe(true);
    expect(SettingsPayload.safeParse({ roomName: "Friday", playersPerTeam: MATCH_LIMITS.playersPerTeam.max, timeLimitSeconds: 0 }).success).toBe(true);
  });

  it("rejects out-of-range, non-integer and unknown fields", () => {
    expect(SettingsPayload.safeParse({ playersPerTeam: MATCH_LIMITS.playersPerTeam.max + 1 }).success).toBe(false);
    expect(SettingsPayload.safeParse({ playersPerTeam: 0 }).success).toBe(false);
    expect(SettingsPayload.safeParse({ scoreLimit: 2.5 }).success).toBe(false);
    expect(SettingsPayload.safeParse({ timeLimitSeconds: MATCH_LIMITS.timeLimitSeconds.max + 1 }).success).toBe(false);
    expect(SettingsPayload.safeParse({ roomName: "x".repeat(LIMITS.roomNameLength + 1) }).success).toBe(false);
    expect(SettingsPayload.safeParse({ hostId: "me" }).success).toBe(false);
  });
});

describe("join and create options", () => {
  it("validate names and drop unknown options instead of passing them on", () => {
    expect(JoinOptions.parse({ name: " Ann ", spectate: true, admin: true })).toEqual({ name: "Ann", spectate: true });
    expect(JoinOptions.safeParse({ name: "x".repeat(LIMITS.nameLength + 1) }).success).toBe(false);
    expect(JoinOptions.safeParse({ name: "   " }).success).toBe(false);
    expect(JoinOptions.safeParse({ spectate: "yes" }).success).toBe(false);
    expect(CreateOptions.parse({ scoreLimit: 1, isPrivate: true, rogue: 1 })).toEqual({ scoreLimit: 1, isPrivate: true });
    expect(CreateOptions.safeParse({ playersPerTeam: 99 }).success).toBe(false);
  });
});
