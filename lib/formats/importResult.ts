/**
 * What every reading-list import parser returns: items to merge, or a plain-words reason why not
 * (with each problem of the file in `problems` when there are several).
 */
import type { SavedItem } from '../types';
import { cleanText } from '../page/text';

export type ImportResult =
  | { ok: true; items: SavedItem[]; warnings: string[] }
  | { ok: false; error: string; problems?: string[] };

/**
 * Files larger than this are refused before parsing: a 10,000-item backup is about 9 MB (see
 * `npm run bench`), and parsing a file many times that size would freeze the page for seconds.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The refusal message for a file of this size, or undefined when it may be parsed. The UI can
 * call it with `File.size` before reading the file; the parsers call it with the text's length
 * (a lower bound on its UTF-8 size).
 */
export function sizeProblem(byteLength: number): string | undefined {
  return byteLength > MAX_IMPORT_BYTES
    ? `The file is too large to import (${megabytes(byteLength)}; the limit is ${megabytes(MAX_IMPORT_BYTES)}).`
    : undefined;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The text of an imported file, whatever encoding and line ends it was saved with: a byte order
 * mark (UTF-8, UTF-16 LE or BE) decides the encoding; UTF-16 without one is recognised by its
 * zero bytes; otherwise UTF-8, or Windows-1252 when most of the bytes beyond ASCII are not
 * UTF-8 (older BibTeX tools on Windows). Line ends become "\n": a CR-only file (classic Mac, some exporters)
 * would otherwise be one long line, and a "%" comment would swallow every entry after it.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  const bom = byteOrderMark(bytes);
  let text: string;
  // TextDecoder leaves out the byte order mark of its own encoding.
  if (bom) text = new TextDecoder(bom).decode(bytes);
  else if (looksLikeUtf16(bytes, 1)) text = new TextDecoder('utf-16le').decode(bytes);
  else if (looksLikeUtf16(bytes, 0)) text = new TextDecoder('utf-16be').decode(bytes);
  else {
    text = new TextDecoder('utf-8').decode(bytes);
    // More bytes that are not UTF-8 (each a U+FFFD) than characters beyond ASCII that are: an
    // older Windows tool's file, where a pair of accented letters may read as one UTF-8
    // character by chance. Fewer: UTF-8 with stray bytes, each of which spoils one character only.
    if (text.includes('\ufffd') && notUtf8Share(text) > 0.5) text = new TextDecoder('windows-1252').decode(bytes);
  }
  return normalizeImportText(text);
}

/** Of a decoded text's characters beyond ASCII, the share that are U+FFFD (bytes that were not UTF-8). */
function notUtf8Share(text: string): number {
  let beyond = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    beyond++;
    if (code === 0xfffd) replaced++;
  }
  return replaced / beyond;
}

/** The encoding a byte order mark at the start names, if there is one. */
export function byteOrderMark(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return undefined;
}

/** Whether the bytes are UTF-16 text (a byte order mark, or mostly-ASCII text's zero bytes): zeros then are no sign of a binary file. */
export function isUtf16(bytes: Uint8Array): boolean {
  return byteOrderMark(bytes)?.startsWith('utf-16') || looksLikeUtf16(bytes, 1) || looksLikeUtf16(bytes, 0);
}

/** Mostly-ASCII UTF-16 has a zero in every other byte: at odd offsets for little-endian, even for big-endian. */
function looksLikeUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  const sample = Math.min(bytes.length, 512) & ~1;
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = zeroAt; i < sample; i += 2) if (bytes[i] === 0) zeros++;
  return zeros / (sample / 2) > 0.6;
}

/** Text with no byte order mark, "\n" line ends (from CRLF and lone CR), and no control characters but tab and line ends. */
export function normalizeImportText(text: string): string {
  // Control characters other than tab and line breaks are no text anyone wrote (a NUL stops the BibTeX parser).
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * A text value from an imported file as a message quotes it: control and invisible characters
 * (bidi overrides included) removed, whitespace collapsed, cut to 40 characters (code points),
 * in JSON quotes.
 */
export function quotedValue(value: string): string {
  // Cut before cleaning, so cleanText (which refuses text over its limit) never drops it.
  const chars = [...(cleanText(value.slice(0, 400), 400) ?? '')];
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join(''));
}
