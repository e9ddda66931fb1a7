// The one check for every string a client sends that can reach the state, the chat or another client: well-formed, NFC, no control or bidi-override characters, something visible, within its length.
//
// Why each rule:
// - Lone surrogates: @colyseus/schema announces a string's length from Buffer.byteLength (which counts
//   a lone surrogate as the 3 bytes of U+FFFD) but writes more, so every later joiner decoded a
//   corrupt state ("definition mismatch", roomName "\u0002", players without a team).
// - NFC: "é" typed two ways is one name, not two look-alikes.
// - Control characters (NUL, newlines, escape sequences) and bidi overrides/isolates (U+202A–E,
//   U+2066–9) make text that displays as something else ("Bob" + RLO reverses what follows it).
// - A visible character: a name of zero-width spaces, Hangul fillers or blanks looks like nobody.

export type TextProblem = "empty" | "tooLong" | "malformed" | "control" | "bidi" | "invisible";

export type TextCheck =
  | { ok: true; text: string }
  | { ok: false; problem: TextProblem; message: string };

export interface TextRule {
  /** Most UTF-16 units after normalising (the same count as an <input maxlength>). */
  maxLength: number;
  /** "" (or only spaces, kept as "") is accepted (e.g. an optional kick reason). */
  allowEmpty?: boolean;
  /** Only well-formedness and length (a password: compared, never shown, so left as typed). */
  opaque?: boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 (NUL, tab, newlines, ESC…), DEL and C1. */
const CONTROL = /\p{Cc}/u;
/** Embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** A character that draws something: not a space, not a default-ignorable (zero-width, fillers,
 * variation selectors), not a lone combining mark, not a format/private/unassigned code point, not
 * the blank braille pattern. */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\p{C}\u2800]/u;

const MESSAGES: Record<TextProblem, (rule: TextRule) => string> = {
  empty: () => "must not be empty",
  tooLong: (rule) => `must be at most ${rule.maxLength} characters`,
  malformed: () => "contains a broken character (a lone UTF-16 surrogate)",
  control: () => "contains a control character",
  bidi: () => "contains a text-direction override",
  invisible: () => "needs at least one visible character",
};

function refuse(problem: TextProblem, rule: TextRule): TextCheck {
  return { ok: false, problem, message: MESSAGES[problem](rule) };
}

/** Checks `raw` against `rule`; on success `text` is what to keep (trimmed and NFC-normalised). */
export function checkText(raw: string, rule: TextRule): TextCheck {
  if (LONE_SURROGATE.test(raw)) return refuse("malformed", rule);
  if (rule.opaque) return raw.length <= rule.maxLength ? { ok: true, text: raw } : refuse("tooLong", rule);
  if (CONTROL.test(raw)) return refuse("control", rule);
  if (BIDI_CONTROL.test(raw)) return refuse("bidi", rule);
  const text = raw.normalize("NFC").trim();
  if (text.length === 0) return rule.allowEmpty ? { ok: true, text } : refuse(raw.length === 0 ? "empty" : "invisible", rule);
  if (text.length > rule.maxLength) return refuse("tooLong", rule);
  if (!VISIBLE.test(text)) return refuse("invisible", rule);
  return { ok: true, text };
}

/** `text` cut to at most `maxLength` UTF-16 units without splitting a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  let out = "";
  for (const char of text) {
    if (out.length + char.length > maxLength) break;
    out += char;
  }
  return out;
}
