// Unit test: shared/text.ts — what a name, room name or chat line may contain, and the reason given when it may not.
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../shared/constants.ts";
import { ChatPayload, JoinOptions, KickPlayerPayload, SettingsPayload, describeIssue, playerName } from "../../../shared/protocol.ts";
import { checkText, truncateText, type TextProblem } from "../../../shared/text.ts";

const NAME = { maxLength: LIMITS.nameLength };

describe("checkText", () => {
  const refused: [string, string, TextProblem][] = [
    ["a lone high surrogate", "x\uD800", "malformed"],
    ["a lone low surrogate", "\uDC00y", "malformed"],
    ["a reversed pair", "a\uDC00\uD800b", "malformed"],
    ["NUL", "Sam\u0000", "control"],
    ["a newline", "Sam\nAdmin", "control"],
    ["an ANSI escape", "\u001b[31mSam", "control"],
    ["DEL", "Sam\u007f", "control"],
    ["a C1 control", "Sam\u0085", "control"],
    ["a right-to-left override", "Bob\u202Etxt.exe", "bidi"],
    ["a left-to-right embedding", "\u202ABob", "bidi"],
    ["a first-strong isolate", "\u2068Bob\u2069", "bidi"],
    ["zero-width spaces only", "\u200B\u200B", "invisible"],
    ["a zero-width joiner and a word joiner", "\u200D\u2060", "invisible"],
    ["Hangul fillers only", "\u3164\u3164", "invisible"],
    ["a byte-order mark and a variation selector", "\uFEFF\uFE0F", "invisible"],
    ["combining marks only", "\u0301\u0308", "invisible"],
    ["a blank braille pattern", "\u2800", "invisible"],
    ["spaces only", "   ", "invisible"],
    ["nothing", "", "empty"],
    ["one character too many", "x".repeat(LIMITS.nameLength + 1), "tooLong"],
  ];
  for (const [what, raw, problem] of refused) {
    it(`refuses ${what} (${problem}) with a reason`, () => {
      const result = checkText(raw, NAME);
      expect(result).toMatchObject({ ok: false, problem });
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    });
  }

  const accepted: [string, string, string][] = [
    ["a plain name", "Sam", "Sam"],
    ["surrounding spaces, trimmed", "  Sam  ", "Sam"],
    ["a decomposed é, composed (NFC)", "Ame\u0301lie", "Amélie"],
    ["an emoji (a surrogate pair)", "Sam 🎉", "Sam 🎉"],
    ["right-to-left script without overrides", "שלום", "שלום"],
    ["a family emoji with zero-width joiners", "👨‍👩‍👧", "👨‍👩‍👧"],
    ["HTML-looking text (always shown as text)", "<b>Sam</b>", "<b>Sam</b>"],
    ["exactly the longest name", "x".repeat(LIMITS.nameLength), "x".repeat(LIMITS.nameLength)],
  ];
  for (const [what, raw, text] of accepted) {
    it(`accepts ${what}`, () => {
      expect(checkText(raw, NAME)).toEqual({ ok: true, text });
    });
  }

  it("counts length after NFC, so a decomposed name that fits composed is accepted", () => {
    const decomposed = "e\u0301".repeat(LIMITS.nameLength);
    expect(decomposed.length).toBe(LIMITS.nameLength * 2);
    expect(checkText(decomposed, NAME)).toEqual({ ok: true, text: "é".repeat(LIMITS.nameLength) });
  });

  it("lets an optional field be empty or spaces, but never invisible", () => {
    const rule = { maxLength: 20, allowEmpty: true };
    expect(checkText("", rule)).toEqual({ ok: true, text: "" });
    expect(checkText("   ", rule)).toEqual({ ok: true, text: "" });
    expect(checkText("\u200B", rule)).toMatchObject({ ok: false, problem: "invisible" });
  });

  it("checks an opaque field (a password) only for well-formedness and length, keeping it as typed", () => {
    const rule = { maxLength: 8, opaque: true };
    expect(checkText(" p\u0301 ", rule)).toEqual({ ok: true, text: " p\u0301 " });
    expect(checkText("p\uD800", rule)).toMatchObject({ ok: false, problem: "malformed" });
    expect(checkText("p".repeat(9), rule)).toMatchObject({ ok: false, problem: "tooLong" });
  });
});

describe("truncateText", () => {
  it("never splits a surrogate pair", () => {
    expect(truncateText("ab🎉", 3)).toBe("ab");
    expect(truncateText("ab🎉", 4)).toBe("ab🎉");
  });
});

describe("the protocol's schemas use it", () => {
  it("names in join options", () => {
    const refused = JoinOptions.safeParse({ name: "x\uD800" });
    expect(refused.success).toBe(false);
    if (!refused.success) expect(describeIssue(refused.error)).toBe("name: contains a broken character (a lone UTF-16 surrogate)");
    expect(JoinOptions.parse({ name: " Ame\u0301lie " }).name).toBe("Amélie");
    expect(playerName.safeParse("\u200B").success).toBe(false);
  });

  it("room names, chat lines and kick reasons", () => {
    expect(SettingsPayload.safeParse({ roomName: "Cup final\uD800" }).success).toBe(false);
    expect(SettingsPayload.safeParse({ roomName: "Cup\u202Efinal" }).success).toBe(false);
    expect(ChatPayload.safeParse({ text: "hi\u0000" }).success).toBe(false);
    expect(ChatPayload.parse({ text: " caf\u0065\u0301 " }).text).toBe("café");
    expect(KickPlayerPayload.safeParse({ sessionId: "a", reason: "\u2066spam" }).success).toBe(false);
    expect(KickPlayerPayload.parse({ sessionId: "a", reason: "" }).reason).toBe("");
  });
});
