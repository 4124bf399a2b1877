/**
 * Tokenization for paper search: model names, hyphens and diacritics.
 *
 * A "word group" is letters/digits joined by connectors (`-`, `.`, `'`, `&`, `+`, `/`), e.g.
 * `GPT-4V(ision)`, `LLaVA-Med`, `X-ray`, `Clinfo.AI`. The index side emits every part, the
 * camel-case pieces of each part and the joined form, so `x-ray`, `xray` and `X-ray` all meet
 * on `xray`, and `llava` reaches `LLaVA-Med`. The query side emits only the joined form of
 * each group: one term per word the user typed.
 */
import { foldText } from '../fold';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A word group, optionally followed by a parenthesized completion glued to it:
 * `GPT-4V(ision)` is written shorthand for both "GPT-4V" and "GPT-4Vision".
 */
const WORD_GROUP = /[\p{L}\p{N}]+(?:[-‐‑'’.&+/][\p{L}\p{N}]+)*(?:\([\p{L}]+\))?/gu;
/** The same for ASCII text; non-Unicode regexes are several times faster in V8. */
const ASCII_WORD_GROUP = /[A-Za-z0-9]+(?:[-'.&+/][A-Za-z0-9]+)*(?:\([A-Za-z]+\))?/g;
const CONNECTOR = /[-‐‑'’.&+/]/;
const POSSESSIVE = /['’]s$/i;
const COMPLETION = /\(([\p{L}]+)\)$/u;
/** Splits "HuatuoGPT" → Huatuo|GPT, "MedAlpaca" → Med|Alpaca (the whole word is kept too). */
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;
const HAS_CAMEL_BOUNDARY = /[a-z][A-Z]|\p{Ll}\p{Lu}/u;

/** Words too common to help; dropped on both sides (except the word being typed). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it',
  'of', 'on', 'or', 'the', 'to', 'via', 'with', 'et', 'al',
]);

interface WordGroup {
  /** Connector-separated parts, original case, diacritics intact. */
  parts: string[];
  /** The parenthesized completion, if any ("ision"). */
  completion?: string;
}

/**
 * An ASCII word indexed whole: no connector and no camel-case boundary ("Radiology", "GPT"), so
 * termsOfWordGroup's longer way would give the same single term. "mRNA" is not one.
 */
const PLAIN_ASCII_WORD = /^(?:[A-Za-z0-9][a-z0-9]*|[A-Z0-9]+)$/;

function wordGroup(word: string): WordGroup | undefined {
  let completion: string | undefined;
  const completionMatch = word.endsWith(')') ? COMPLETION.exec(word) : null;
  if (completionMatch) {
    completion = completionMatch[1];
    word = word.slice(0, completionMatch.index);
  }
  word = word.replace(POSSESSIVE, '');
  const parts = CONNECTOR.test(word) ? word.split(CONNECTOR).filter((part) => part.length > 0) : [word];
  if (parts.length === 0) return undefined;
  return completion ? { parts, completion } : { parts };
}

/** The word groups of a text as written (NFC); `ascii` says the text is ASCII (it then needs no normalizing). */
function wordGroupTexts(text: string, ascii: boolean): string[] {
  return (ascii ? text.match(ASCII_WORD_GROUP) : text.normalize('NFC').match(WORD_GROUP)) ?? [];
}

function wordGroups(text: string): WordGroup[] {
  const groups: WordGroup[] = [];
  for (const word of wordGroupTexts(text, !NON_ASCII.test(text))) {
    const group = wordGroup(word);
    if (group) groups.push(group);
  }
  return groups;
}

/**
 * The terms to index for one word group of a text, `ascii` when the whole text is: plain words of
 * ASCII texts take a shortcut to the same terms.
 */
function termsOfWordGroup(word: string, ascii: boolean): string[] {
  if (ascii && PLAIN_ASCII_WORD.test(word)) {
    const term = word.toLowerCase();
    return STOP_WORDS.has(term) ? [] : [term];
  }
  const group = wordGroup(word);
  if (!group) return [];
  const { parts, completion } = group;
  const terms: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string): void => {
    const term = foldText(raw);
    if (term.length === 0 || seen.has(term)) return;
    seen.add(term);
    if (!STOP_WORDS.has(term)) terms.push(term);
  };
  for (const part of parts) {
    add(part);
    if (HAS_CAMEL_BOUNDARY.test(part)) for (const piece of part.split(CAMEL_BOUNDARY)) add(piece);
  }
  const joined = parts.join('');
  if (parts.length > 1) add(joined);
  if (completion) add(joined + completion);
  return terms;
}

/** Terms to index for a field's text. May repeat a term (term frequency counts). */
export function tokenizeForIndex(text: string): string[] {
  const ascii = !NON_ASCII.test(text);
  return wordGroupTexts(text, ascii).flatMap((word) => termsOfWordGroup(word, ascii));
}

/**
 * tokenizeForIndex for the texts of a whole list, with every term numbered (its place in `terms`).
 * Each distinct word group is tokenized once: names and words repeat across thousands of papers.
 */
export class IndexTerms {
  /** Every term met so far, by number. */
  readonly terms: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** The term numbers of each word group met, in ASCII texts and in others (see termsOfWordGroup). */
  private readonly ofAsciiWord = new Map<string, readonly number[]>();
  private readonly ofOtherWord = new Map<string, readonly number[]>();

  /** The number of a term, a new one for a term not met before. */
  numberOf(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.terms.length;
      this.terms.push(term);
      this.numbers.set(term, n);
    }
    return n;
  }

  /** Calls `onTerm` with the number of each term of tokenizeForIndex(text), in order; returns how many there are. */
  tokenize(text: string, onTerm: (term: number) => void): number {
    const ascii = !NON_ASCII.test(text);
    const ofWord = ascii ? this.ofAsciiWord : this.ofOtherWord;
    let count = 0;
    for (const word of wordGroupTexts(text, ascii)) {
      let numbers = ofWord.get(word);
      if (!numbers) ofWord.set(word, (numbers = termsOfWordGroup(word, ascii).map((term) => this.numberOf(term))));
      for (const n of numbers) onTerm(n);
      count += numbers.length;
    }
    return count;
  }
}

/**
 * Terms of a typed query: one per word group, joined ("gpt-4v" → "gpt4v"), folded.
 * Stop words are dropped except the last word, which may be a prefix still being typed.
 */
export function tokenizeQuery(text: string): string[] {
  const groups = wordGroups(text);
  const terms: string[] = [];
  groups.forEach(({ parts }, index) => {
    const term = foldText(parts.join(''));
    const isLast = index === groups.length - 1;
    if (term.length > 0 && (isLast || !STOP_WORDS.has(term))) terms.push(term);
  });
  return terms;
}
