/**
 * Letter folding, one rule for everything that compares or writes words: title keys (./title.ts),
 * search terms, library filters, BibTeX keys. Compatibility forms are decomposed (NFKD: "ﬁ" → "fi",
 * "²" → "2"), diacritics dropped ("Grégoire" → "gregoire"), and the letters Unicode does not
 * decompose spelled as ASCII ("Straße" → "strasse", "Łukasz" → "lukasz"). Title keys are stored:
 * a change to this rule needs a schema version that rewrites them (lib/db/schema.ts, v8).
 */

const COMBINING_MARKS = /\p{M}/gu;
/** Letters NFKD does not decompose, as they are written in ASCII. */
const EXTRA_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };
const EXTRA_FOLD_PATTERN = /[ßæœøđðłıþ]/g;
/** The same letters, to look for them first: a replace with a function costs more even where it finds nothing. */
const HAS_EXTRA_FOLD = /[ßæœøđðłıþ]/;

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-case with diacritics and compatibility forms folded; punctuation and spacing kept. */
export function foldText(text: string): string {
  // Most text is ASCII: skip Unicode normalization, the costliest step of indexing.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  const folded = text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  return HAS_EXTRA_FOLD.test(folded) ? folded.replace(EXTRA_FOLD_PATTERN, (ch) => EXTRA_FOLDS[ch] ?? ch) : folded;
}
