/**
 * Title normalization for matching: two spellings of the same title ("AlpaCare:Instruction" and
 * "AlpaCare: Instruction.", curly or straight quotes, en or em dashes, accents) get one key.
 */

/** Apostrophes are dropped rather than spaced so "Alzheimer's" and "Alzheimer’s" both read "alzheimers". */
const APOSTROPHES = /['’‘ʼ′`´]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const NOT_ASCII_LETTER_OR_DIGIT = /[^a-z0-9]+/g;

/** The normalized title: NFKD, diacritics stripped, lower-case, punctuation as single spaces, trimmed. */
export function titleKey(title: string): string {
  // Plain ASCII (most titles) needs no Unicode decomposition or Unicode-aware classes, which cost several times more.
  if (PRINTABLE_ASCII.test(title)) {
    return title.toLowerCase().replace(APOSTROPHES, '').replace(NOT_ASCII_LETTER_OR_DIGIT, ' ').trim();
  }
  return title
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/** The words of the title key, in order. */
export function titleWords(title: string): string[] {
  const key = titleKey(title);
  return key === '' ? [] : key.split(' ');
}
