/**
 * Finds which listed titles a reference's text may contain ("… Large language models encode
 * clinical knowledge. Nature 620 …" contains the listed "Large Language Models Encode Clinical
 * Knowledge"), comparing normalized keys (lib/title.ts) word by word: every title has a hash of
 * its words; a text is read once per distinct title length with a rolling hash, and each run's
 * hash is tested against the titles' (lib/db/keyFilter.ts holds them). Work: O(words of text ×
 * distinct title lengths), whatever the number of titles.
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

/** The hash a scan computes for a run of words equal to this title key (hash of its whole word sequence). */
export function titleHash(titleKey: string): number {
  return titleWords(titleKey).hash;
}

/**
 * titleHash and the number of words of a title key, in one pass over it without splitting it
 * (a list's key filter takes both for every title).
 */
export function titleWords(titleKey: string): { hash: number; words: number } {
  let prefix = 0;
  let word = 0x811c9dc5;
  let words = 1;
  for (let i = 0; i < titleKey.length; i++) {
    const ch = titleKey.charCodeAt(i);
    if (ch === 0x20) {
      prefix = (Math.imul(prefix, BASE) + (word >>> 0)) >>> 0;
      word = 0x811c9dc5;
      words++;
    } else {
      word ^= ch;
      word = Math.imul(word, 0x01000193);
    }
  }
  return { hash: (Math.imul(prefix, BASE) + (word >>> 0)) >>> 0, words };
}

/** Whether a title key is looked for in texts at all (MIN_SCAN_WORDS, MIN_SCAN_CHARS, MAX_SCAN_WORDS). */
export function isScannedTitle(titleKey: string): boolean {
  return titleKey.length >= MIN_SCAN_CHARS && isScannedTitleOf(titleKey, titleWords(titleKey).words);
}

/** isScannedTitle of a title key of `words` words (titleWords). */
export function isScannedTitleOf(titleKey: string, words: number): boolean {
  return titleKey.length >= MIN_SCAN_CHARS && words >= MIN_SCAN_WORDS && words <= MAX_SCAN_WORDS;
}

/**
 * The runs of words of `textKey` (a normalized text) with one of these word counts whose hash
 * passes `has`: candidates for titles, each once, to be confirmed against the titles themselves.
 * Work: O(words × lengths) hash tests.
 */
export function titleCandidates(textKey: string, lengths: Iterable<number>, has: (hash: number) => boolean): string[] {
  if (textKey === '') return [];
  const words = textKey.split(' ');
  const prefix = prefixHashes(words);
  const found = new Set<string>();
  for (const length of lengths) {
    if (length < MIN_SCAN_WORDS || length > MAX_SCAN_WORDS) continue;
    const shift = power(length);
    for (let i = 0; i + length <= words.length; i++) {
      if (has((prefix[i + length]! - Math.imul(prefix[i]!, shift)) >>> 0)) found.add(words.slice(i, i + length).join(' '));
    }
  }
  return [...found];
}
