/**
 * Finds which listed titles a reference's text contains ("… Large language models encode
 * clinical knowledge. Nature 620 …" contains the listed "Large Language Models Encode Clinical
 * Knowledge"), comparing normalized keys (lib/title.ts) word by word. Built for many titles and
 * long texts: every title is filed under a hash of its words by its word count; a text is read
 * once per distinct title length with a rolling hash, and only hash hits are compared as
 * strings. Work: O(words of text × distinct title lengths), whatever the number of titles.
 */

/** Titles shorter than this (in words or characters) are names or generic phrases, not evidence. */
export const MIN_SCAN_WORDS = 4;
export const MIN_SCAN_CHARS = 24;
/** Longer titles are junk, not titles; they are never looked for. */
const MAX_SCAN_WORDS = 64;

const BASE = 0x01000193;

function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** prefix[i] = hash of words[0..i) under the rolling hash. */
function prefixHashes(words: readonly string[]): Uint32Array {
  const prefix = new Uint32Array(words.length + 1);
  for (let i = 0; i < words.length; i++) prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + wordHash(words[i]!)) >>> 0;
  return prefix;
}

function power(length: number): number {
  let result = 1;
  for (let i = 0; i < length; i++) result = Math.imul(result, BASE) >>> 0;
  return result;
}

export interface TitleScanner {
  /** The title keys (as given) that `textKey`, a normalized text, contains as whole words; each once. */
  find(textKey: string): string[];
}

/**
 * A scanner for these title keys (already normalized with titleKey). Keys shorter than
 * MIN_SCAN_WORDS words or MIN_SCAN_CHARS characters, or longer than 64 words, are left out.
 */
export function titleScanner(titleKeys: Iterable<string>): TitleScanner {
  const byLength = new Map<number, Map<number, string[]>>();
  for (const key of titleKeys) {
    if (key.length < MIN_SCAN_CHARS) continue;
    const words = key.split(' ');
    if (words.length < MIN_SCAN_WORDS || words.length > MAX_SCAN_WORDS) continue;
    const hash = prefixHashes(words)[words.length]!;
    let table = byLength.get(words.length);
    if (!table) byLength.set(words.length, (table = new Map()));
    const same = table.get(hash);
    if (!same) table.set(hash, [key]);
    else if (!same.includes(key)) same.push(key);
  }
  const lengths = [...byLength.keys()].map((length) => ({ length, table: byLength.get(length)!, shift: power(length) }));
  return {
    find(textKey) {
      if (lengths.length === 0 || textKey === '') return [];
      const words = textKey.split(' ');
      const prefix = prefixHashes(words);
      const found = new Set<string>();
      for (const { length, table, shift } of lengths) {
        for (let i = 0; i + length <= words.length; i++) {
          const hash = (prefix[i + length]! - Math.imul(prefix[i]!, shift)) >>> 0;
          const keys = table.get(hash);
          if (!keys) continue;
          const slice = words.slice(i, i + length).join(' ');
          for (const key of keys) if (key === slice) found.add(key);
        }
      }
      return [...found];
    },
  };
}
