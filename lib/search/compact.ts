/**
 * The byte-level pieces of the stored search index: unsigned LEB128 varints and front-coded
 * string runs (each string stored as the length it shares with the one before and the rest).
 * Both keep the index small enough to read whole at every popup open, and both decode only
 * what a query touches.
 */

/** An append-only byte buffer that grows as needed. */
export class ByteWriter {
  private buffer = new Uint8Array(1024);
  length = 0;

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  /** An unsigned integer below 2^32, 7 bits a byte, low bits first; the high bit says "more follows". */
  varint(value: number): void {
    this.room(5);
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buffer[this.length++] = rest;
  }

  /** The bytes written, in a buffer of their own size. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** A read position in a byte array; `at` moves past what is read. */
export interface ByteReader {
  bytes: Uint8Array;
  at: number;
}

export function readVarint(reader: ByteReader): number {
  const { bytes } = reader;
  let byte = bytes[reader.at++] ?? 0;
  let value = byte & 0x7f;
  let shift = 7;
  while (byte & 0x80) {
    byte = bytes[reader.at++] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  }
  return value;
}

/** Characters `a` and `b` share at their start. */
export function sharedPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/**
 * Strings front-coded in blocks of `blockSize`: a block's first string is whole, each other one
 * is (characters shared with the previous one, the rest). Reading string i decodes from the
 * start of its block only.
 */
export interface FrontCoded {
  /** The stored rests, one after the other. */
  text: string;
  /** Per string, varints: shared length, rest length; then any `extra` numbers it was given. */
  entries: Uint8Array;
  /** Per block: where its first entry starts in `entries`. */
  blockEntries: Uint32Array;
  /** Per block: where its first rest starts in `text`. */
  blockText: Uint32Array;
}

/** Builds a FrontCoded run; `extra(i)` numbers are stored after string i's lengths (none by default). */
export function frontCode(strings: readonly string[], blockSize: number, extra?: (i: number) => readonly number[]): FrontCoded {
  const blocks = Math.ceil(strings.length / blockSize);
  const blockEntries = new Uint32Array(blocks);
  const blockText = new Uint32Array(blocks);
  const entries = new ByteWriter();
  const rests: string[] = [];
  let textLength = 0;
  let previous = '';
  strings.forEach((string, i) => {
    const blockStart = i % blockSize === 0;
    if (blockStart) {
      blockEntries[i / blockSize] = entries.length;
      blockText[i / blockSize] = textLength;
    }
    const shared = blockStart ? 0 : sharedPrefixLength(previous, string);
    const rest = string.slice(shared);
    entries.varint(shared);
    entries.varint(rest.length);
    for (const number of extra?.(i) ?? []) entries.varint(number);
    rests.push(rest);
    textLength += rest.length;
    previous = string;
  });
  return { text: rests.join(''), entries: entries.finish(), blockEntries, blockText };
}

/** Whether `value` has FrontCoded's shape for `count` strings in blocks of `blockSize`. */
export function isFrontCoded(value: Partial<FrontCoded>, count: number, blockSize: number): boolean {
  const blocks = Math.ceil(count / blockSize);
  return (
    typeof value.text === 'string' &&
    value.entries instanceof Uint8Array &&
    value.blockEntries instanceof Uint32Array &&
    value.blockEntries.length === blocks &&
    value.blockText instanceof Uint32Array &&
    value.blockText.length === blocks
  );
}

/**
 * The strings of block `block` (the block holds `count`). `readExtras(i, reader)` reads the
 * numbers stored after string i's lengths; a run built with extras must be read with it.
 */
export function decodeBlock(coded: FrontCoded, block: number, count: number, readExtras?: (i: number, reader: ByteReader) => void): string[] {
  const reader: ByteReader = { bytes: coded.entries, at: coded.blockEntries[block] ?? 0 };
  let textAt = coded.blockText[block] ?? 0;
  const strings: string[] = [];
  let previous = '';
  for (let i = 0; i < count; i++) {
    const shared = readVarint(reader);
    const restLength = readVarint(reader);
    const string = previous.slice(0, shared) + coded.text.slice(textAt, textAt + restLength);
    textAt += restLength;
    strings.push(string);
    previous = string;
    readExtras?.(i, reader);
  }
  return strings;
}

/** String `n` of block `block` (counting from 0) of a run built without extras, decoding only those before it. */
export function nthOfBlock(coded: FrontCoded, block: number, n: number): string {
  const reader: ByteReader = { bytes: coded.entries, at: coded.blockEntries[block] ?? 0 };
  let textAt = coded.blockText[block] ?? 0;
  let string = '';
  for (let i = 0; i <= n; i++) {
    const shared = readVarint(reader);
    const restLength = readVarint(reader);
    string = string.slice(0, shared) + coded.text.slice(textAt, textAt + restLength);
    textAt += restLength;
  }
  return string;
}

/** The first string of a block, without decoding the others. */
export function firstOfBlock(coded: FrontCoded, block: number): string {
  const reader: ByteReader = { bytes: coded.entries, at: coded.blockEntries[block] ?? 0 };
  readVarint(reader);
  const length = readVarint(reader);
  const start = coded.blockText[block] ?? 0;
  return coded.text.slice(start, start + length);
}

/** Every string of a run, in order; `extras` numbers stored after each string's lengths are skipped. */
export function decodeAll(coded: FrontCoded, count: number, extras = 0): string[] {
  const strings: string[] = new Array<string>(count);
  const reader: ByteReader = { bytes: coded.entries, at: 0 };
  const { text } = coded;
  let textAt = 0;
  let previous = '';
  for (let i = 0; i < count; i++) {
    const shared = readVarint(reader);
    const restLength = readVarint(reader);
    const rest = text.slice(textAt, textAt + restLength);
    previous = shared === 0 ? rest : previous.slice(0, shared) + rest;
    strings[i] = previous;
    textAt += restLength;
    for (let e = 0; e < extras; e++) readVarint(reader);
  }
  return strings;
}
