// Growable byte writer and bounds-checked byte reader (varints, int8, float64, UTF-8 strings) for the replay file.

/** A read past the end (`pastEnd`: the bytes were cut short) or a value out of range (they were never a replay). */
export class ByteRangeError extends Error {
  readonly pastEnd: boolean;

  constructor(message: string, pastEnd = false) {
    super(message);
    this.pastEnd = pastEnd;
  }
}

const MAX_STRING_BYTES = 64 * 1024;

export class ByteWriter {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + count) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value & 0xff;
  }

  i8(value: number): void {
    this.room(1);
    this.view.setInt8(this.length++, value);
  }

  u32(value: number): void {
    this.room(4);
    this.view.setUint32(this.length, value >>> 0);
    this.length += 4;
  }

  /** Unsigned LEB128: small counts and indices take one byte. */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.u8((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.u8(rest);
  }

  /** Exact to the bit (keeps -0 and NaN payloads), unlike JSON. */
  f64(value: number): void {
    this.room(8);
    this.view.setFloat64(this.length, value);
    this.length += 8;
  }

  string(value: string): void {
    const encoded = utf8(value);
    this.varint(encoded.length);
    this.raw(encoded);
  }

  raw(chunk: Uint8Array): void {
    this.room(chunk.length);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** Hands over the bytes written so far and starts empty (the buffer is kept for reuse). */
  take(): Uint8Array {
    const bytes = this.finish();
    this.length = 0;
    return bytes;
  }
}

export class ByteReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  offset = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw new ByteRangeError(`needs ${count} more bytes at ${this.offset} of ${this.bytes.length}`, true);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  i8(): number {
    this.need(1);
    return this.view.getInt8(this.offset++);
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 0x80;
    }
    throw new ByteRangeError(`varint longer than 8 bytes at ${this.offset}`);
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.offset);
    this.offset += 8;
    return value;
  }

  string(): string {
    const length = this.varint();
    if (length > MAX_STRING_BYTES) throw new ByteRangeError(`string of ${length} bytes`);
    this.need(length);
    const text = fromUtf8(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }
}

/** UTF-8 by hand: TextEncoder is a host API, and shared/ stays pure. Lone surrogates become U+FFFD. */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(out);
}

function fromUtf8(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const extra = lead < 0x80 ? 0 : lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : -1;
    if (extra < 0 || i + extra >= bytes.length) throw new ByteRangeError(`bad UTF-8 at ${i}`);
    let code = extra === 0 ? lead : lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) throw new ByteRangeError(`bad UTF-8 at ${i + k}`);
      code = (code << 6) | (next & 63);
    }
    i += extra + 1;
    if (code > 0x10ffff) throw new ByteRangeError(`bad UTF-8 at ${i}`);
    text += String.fromCodePoint(code);
  }
  return text;
}
