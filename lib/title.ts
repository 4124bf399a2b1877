/**
 * Title normalization for matching: two spellings of the same title ("AlpaCare:Instruction" and
 * "AlpaCare: Instruction.", curly or straight quotes, en or em dashes, accents, "ß" or "ss") get
 * one key. Letters are folded by the one rule of ./fold.ts, so a title key, a search term and a
 * BibTeX key agree on every letter.
 */
import { foldText } from './fold';

/** Apostrophes are dropped rather than spaced so "Alzheimer's" and "Alzheimer’s" both read "alzheimers". */
const APOSTROPHES = /['’‘ʼ′`´]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const NOT_ASCII_LETTER_OR_DIGIT = /[^a-z0-9]+/g;
const TITLE_ID = 'title:';

/**
 * The normalized title: letters folded as foldText folds them (NFKD, diacritics dropped,
 * lower-case, "ß" → "ss", "Ł" → "l"), apostrophes dropped, every run of other characters that are
 * not letters or digits one space, trimmed. Applying it to a key gives the key back.
 */
export function titleKey(title: string): string {
  // Plain ASCII (most titles) needs no Unicode decomposition or Unicode-aware classes, which cost several times more.
  if (PRINTABLE_ASCII.test(title)) {
    return title.toLowerCase().replace(APOSTROPHES, '').replace(NOT_ASCII_LETTER_OR_DIGIT, ' ').trim();
  }
  return foldText(title).replace(APOSTROPHES, '').replace(NOT_LETTER_OR_DIGIT, ' ').trim();
}

/** A final period that belongs to the title's last word: an initialism ("U.S.", "A.I.") or a common abbreviation. */
const ABBREVIATION_AT_END = /(?:^|[\s(])(?:\p{L}\.)+$|\b(?:et al|etc|inc|ltd|co|corp|vs|no|jr|sr|dr|st)\.$/iu;

/**
 * A title without the period a list ends it with, as a sentence ("… Language Models." is "…
 * Language Models"): the period is the list's punctuation, not the title's (arXiv, PubMed and
 * Crossref write these titles without it), and citation styles add their own, so an exported
 * title would end "..". An ellipsis and a final abbreviation ("in the U.S.", "et al.") keep theirs.
 */
export function withoutFinalPeriod(title: string): string {
  if (!title.endsWith('.') || title.endsWith('..') || ABBREVIATION_AT_END.test(title)) return title;
  return title.slice(0, -1).trimEnd();
}

/** The words of the title key, in order. */
export function titleWords(title: string): string[] {
  const key = titleKey(title);
  return key === '' ? [] : key.split(' ');
}

/** Whether a paper id (or a match key) is made from a title ("title:…") rather than an identifier. */
export function isTitleId(id: string): boolean {
  return id.startsWith(TITLE_ID);
}

/**
 * A paper id with its title key as titleKey makes it today: "title:straße" (a key of an earlier
 * rule, from a backup or another device's sync) → "title:strasse"; every other id unchanged.
 * Right because titleKey of an earlier key equals titleKey of the title it was made from: the
 * earlier rule differed only in keeping the letters foldText spells in ASCII.
 */
export function currentTitleId(id: string): string {
  if (!isTitleId(id)) return id;
  const key = titleKey(id.slice(TITLE_ID.length));
  // A key that folds to nothing names no title (an edited backup's "title:???"): left as it is, so two never become one.
  return key === '' ? id : TITLE_ID + key;
}
