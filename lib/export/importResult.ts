/** What every reading-list import parser returns: items to merge, or one plain-words reason why not. */
import type { SavedItem } from '../types';

export type ImportResult =
  | { ok: true; items: SavedItem[]; warnings: string[] }
  | { ok: false; error: string };

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
