// Binary encoding of plain data (null, booleans, numbers to the bit, strings, arrays, objects, Maps): the replay's start state and commands.
import { ByteRangeError, type ByteReader, type ByteWriter } from "./bytes.ts";

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue } | Map<string, PlainValue>;

const TAG = { null: 0, false: 1, true: 2, number: 3, string: 4, array: 5, object: 6, map: 7, count: 8 } as const;
/** Nesting deeper than the sim's own data ever goes is a hostile file. */
const MAX_DEPTH = 8;
const MAX_ITEMS = 4096;

export function writePlain(out: ByteWriter, value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw new RangeError("value nested too deep");
  if (value === null || value === undefined) return out.u8(TAG.null);
  if (typeof value === "boolean") return out.u8(value ? TAG.true : TAG.false);
  if (typeof value === "number") {
    // Small non-negative integers (ticks, counts, scores) in a byte or two; everything else exactly as a double.
    if (Number.isSafeInteger(value) && value >= 0 && !Object.is(value, -0)) {
      out.u8(TAG.count);
      return out.varint(value);
    }
    out.u8(TAG.number);
    return out.f64(value);
  }
  if (typeof value === "string") {
    out.u8(TAG.string);
    return out.string(value);
  }
  if (Array.isArray(value)) {
    out.u8(TAG.array);
    out.varint(value.length);
    for (const item of value) writePlain(out, item, depth + 1);
    return;
  }
  if (value instanceof Map) {
    out.u8(TAG.map);
    out.varint(value.size);
    for (const [key, item] of value) {
      out.string(String(key));
      writePlain(out, item, depth + 1);
    }
    return;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    out.u8(TAG.object);
    out.varint(entries.length);
    for (const [key, item] of entries) {
      out.string(key);
      writePlain(out, item, depth + 1);
    }
    return;
  }
  throw new TypeError(`not plain data: ${typeof value}`);
}

export function readPlain(input: ByteReader, depth = 0): PlainValue {
  if (depth > MAX_DEPTH) throw new ByteRangeError("value nested too deep");
  const tag = input.u8();
  switch (tag) {
    case TAG.null: return null;
    case TAG.false: return false;
    case TAG.true: return true;
    case TAG.number: return input.f64();
    case TAG.count: return input.varint();
    case TAG.string: return input.string();
    case TAG.array: {
      const length = items(input);
      const list: PlainValue[] = [];
      for (let i = 0; i < length; i++) list.push(readPlain(input, depth + 1));
      return list;
    }
    case TAG.map: {
      const size = items(input);
      const map = new Map<string, PlainValue>();
      for (let i = 0; i < size; i++) map.set(input.string(), readPlain(input, depth + 1));
      return map;
    }
    case TAG.object: {
      const size = items(input);
      const object: { [key: string]: PlainValue } = {};
      for (let i = 0; i < size; i++) {
        const key = input.string();
        // A key that would reach the prototype is never data the sim wrote.
        if (key === "__proto__" || key === "constructor" || key === "prototype") throw new ByteRangeError(`key ${key}`);
        object[key] = readPlain(input, depth + 1);
      }
      return object;
    }
    default: throw new ByteRangeError(`unknown value tag ${tag}`);
  }
}

function items(input: ByteReader): number {
  const count = input.varint();
  if (count > MAX_ITEMS) throw new ByteRangeError(`${count} items`);
  return count;
}
