/**
 * Abbreviations in paper search: "TCM" finds "Traditional Chinese Medicine" titles and the
 * reverse, "EHR" finds "electronic health records", "RAG" finds "retrieval-augmented generation".
 *
 * Pairs come from a small table of common clinical and machine-learning abbreviations
 * (COMMON_ABBREVIATIONS) and from the lists themselves: a title or heading that defines a short
 * form ("Traditional Chinese Medicine (TCM)", "TCM (Traditional Chinese Medicine)",
 * "(TCM) Traditional Chinese Medicine") or a model name spelled out by its subtitle
 * ("CPLLM: Clinical Prediction with Large Language Models", "ShenNong-TCM: A Traditional Chinese
 * Medicine …"). A pair is only taken when the short form's capitals are the initials of
 * consecutive words of the long form (stop words and the later parts of hyphenated words may be
 * skipped): the definition pattern of Schwartz & Hearst, "A simple algorithm for identifying
 * abbreviation definitions in biomedical text" (PSB 2003), made stricter (initials only).
 *
 * The index adds, to a title, the terms of the long forms of the short forms it uses and the
 * short forms of the long forms it uses, in a field of its own weighted below every literal one
 * (lib/search/engine.ts). Everything here runs in time linear in the text: a definition is looked
 * for only in a bounded window of words around a parenthesis or a title's colon.
 */
import { foldText } from '../fold';
import { STOP_WORDS, tokenizeForIndex } from './tokenize';

/**
 * Common abbreviations, short form → long form, as written in paper titles. Clinical ones follow
 * the NLM's Medical Subject Headings (MeSH) entry terms and the names of the exams and datasets
 * as their owners write them (USMLE, MIMIC); machine-learning ones follow the paper that
 * introduced the term, or its common usage in titles when no single paper did.
 */
export const COMMON_ABBREVIATIONS: ReadonlyArray<readonly [short: string, long: string]> = [
  // Clinical (MeSH entry terms and owners' names)
  ['TCM', 'Traditional Chinese Medicine'],
  ['EHR', 'Electronic Health Records'],
  ['EMR', 'Electronic Medical Records'],
  ['USMLE', 'United States Medical Licensing Examination'],
  ['MIMIC', 'Medical Information Mart for Intensive Care'],
  ['ICU', 'Intensive Care Unit'],
  ['ED', 'Emergency Department'],
  ['CT', 'Computed Tomography'],
  ['MRI', 'Magnetic Resonance Imaging'],
  ['ECG', 'Electrocardiogram'],
  ['EEG', 'Electroencephalogram'],
  ['CXR', 'Chest X-ray'],
  ['AD', "Alzheimer's Disease"],
  ['COPD', 'Chronic Obstructive Pulmonary Disease'],
  ['CKD', 'Chronic Kidney Disease'],
  ['AKI', 'Acute Kidney Injury'],
  ['DR', 'Diabetic Retinopathy'],
  ['ADE', 'Adverse Drug Event'],
  ['CDS', 'Clinical Decision Support'],
  ['ICD', 'International Classification of Diseases'],
  ['UMLS', 'Unified Medical Language System'],
  ['PMC', 'PubMed Central'],
  ['OSCE', 'Objective Structured Clinical Examination'],
  ['NEJM', 'New England Journal of Medicine'],
  ['JAMA', 'Journal of the American Medical Association'],
  ['PHI', 'Protected Health Information'],
  // Machine learning (the defining paper's words, or common usage in titles)
  ['AI', 'Artificial Intelligence'],
  ['AGI', 'Artificial General Intelligence'],
  ['ML', 'Machine Learning'],
  ['DL', 'Deep Learning'],
  ['NLP', 'Natural Language Processing'],
  ['NLG', 'Natural Language Generation'],
  ['NLU', 'Natural Language Understanding'],
  ['NER', 'Named Entity Recognition'],
  ['QA', 'Question Answering'],
  ['VQA', 'Visual Question Answering'],
  ['RAG', 'Retrieval-Augmented Generation'],
  // Titles say "RAG" of retrieval augmentation of any model ("Retrieval-Augmented Language Models").
  ['RAG', 'Retrieval-Augmented'],
  ['LLM', 'Large Language Model'],
  ['LMM', 'Large Multimodal Model'],
  ['MLLM', 'Multimodal Large Language Model'],
  ['VLM', 'Vision-Language Model'],
  ['RLHF', 'Reinforcement Learning from Human Feedback'],
  ['RL', 'Reinforcement Learning'],
  ['CoT', 'Chain-of-Thought'],
  ['ICL', 'In-Context Learning'],
  ['SFT', 'Supervised Fine-Tuning'],
  ['PEFT', 'Parameter-Efficient Fine-Tuning'],
  ['LoRA', 'Low-Rank Adaptation'],
  ['MoE', 'Mixture-of-Experts'],
  ['KG', 'Knowledge Graph'],
  ['GNN', 'Graph Neural Network'],
  ['CNN', 'Convolutional Neural Network'],
  ['ViT', 'Vision Transformer'],
  ['ASR', 'Automatic Speech Recognition'],
  ['OCR', 'Optical Character Recognition'],
  ['DPO', 'Direct Preference Optimization'],
  ['KD', 'Knowledge Distillation'],
];

/** A word of a text, or a mark that bounds definitions. */
interface Piece {
  /** '' for a mark. */
  word: string;
  /** '(' / ')' / ':' / '.' (any other punctuation that ends a phrase); '' for a word. */
  mark: string;
  /** The word follows a hyphen directly ("Augmented" in "Retrieval-Augmented"). */
  joined: boolean;
}

/**
 * Words (letters and digits), possessive "'s" dropped, and the marks that matter. Hyphens join
 * words; other punctuation ends a phrase. One regex pass.
 */
const PIECES = /([\p{L}\p{N}]+)|(['’][sS](?![\p{L}\p{N}]))|([-‐‑])|([():])|([^\s\p{L}\p{N}])/gu;
/** The same for ASCII text; non-Unicode regexes are several times faster in V8. */
const ASCII_PIECES = /([A-Za-z0-9]+)|('[sS](?![A-Za-z0-9]))|(-)|([():])|([^\sA-Za-z0-9])/g;
const NON_ASCII = /[^\x00-\x7f]/;

function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let wordEnd = -1;
  // Where a hyphen touching the end of a word is ("Retrieval-"), else -1 (a dash after a space).
  let hyphenAt = -1;
  // exec on the shared regex, not matchAll: matchAll copies the regex and makes an iterator per
  // text, which costs about as much as the matching (every title is read here twice per build).
  const pattern = NON_ASCII.test(text) ? PIECES : ASCII_PIECES;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const at = match.index;
    if (match[1] !== undefined) {
      pieces.push({ word: match[1], mark: '', joined: hyphenAt >= 0 && at === hyphenAt + 1 });
      wordEnd = at + match[1].length;
      hyphenAt = -1;
    } else if (match[3] !== undefined) {
      hyphenAt = at === wordEnd ? at : -1;
    } else if (match[2] === undefined) {
      pieces.push({ word: '', mark: match[4] ?? '.', joined: false });
      hyphenAt = -1;
    }
  }
  return pieces;
}

/** Longest short form considered, in characters. */
const MAX_SHORT = 10;
/** Most words a long form may have. */
const MAX_LONG_WORDS = 12;
/** Most long forms kept per short form (a hostile list could define one short form thousands of ways). */
const MAX_LONG_FORMS = 4;

const SHORT_FORM = /^[A-Z][A-Za-z]{1,9}$/;
const CAPITALS = /[A-Z]/g;
const PLURAL_SHORT = /^[A-Z]+s$/;

/**
 * The letters a short form spells (its capitals, lower-cased: "LoRA" → "lra"), or undefined when
 * the word is not written like a short form: 2–10 letters, a capital first, at least two
 * capitals and at most two small letters ("LLMs", "CoT", "LLaVA", not "Medicine").
 */
function shortLetters(word: string): string | undefined {
  if (!SHORT_FORM.test(word)) return undefined;
  const capitals = word.match(CAPITALS)?.length ?? 0;
  if (capitals < 2 || word.length - capitals > 2) return undefined;
  const letters = (PLURAL_SHORT.test(word) ? word.slice(0, -1) : word).replace(/[^A-Z]/g, '');
  return letters.length >= 2 ? letters.toLowerCase() : undefined;
}

/** The search term of a short form: folded, a plural "s" after capitals dropped ("LLMs" → "llm"). */
function shortTerm(word: string): string {
  return foldText(PLURAL_SHORT.test(word) ? word.slice(0, -1) : word);
}

const CAPITAL_FIRST = /^\p{Lu}/u;

/** A word's first letter, folded ("É" → "e"). */
function initialOf(word: string): string {
  return foldText(word[0] ?? '');
}

/**
 * How many pieces from `from` on spell `letters` by their initials, the fewest, or 0. Each letter
 * is the initial of the next word other than a stop word (stop words are passed over; so may be
 * the later parts of a hyphenated word). The first word must spell the first letter and the last
 * word the last letter; with `end`, the long form must end just before `end`; with `capitalized`,
 * every word that spells a letter must start with a capital (for titles in title case, where a
 * model name's spelling is a claim only if its words stand out). At most MAX_LONG_WORDS words are
 * read and the readings are kept as a bit set (one bit per letters spelled): bounded work.
 */
function spelledLength(letters: string, pieces: readonly Piece[], from: number, end?: number, capitalized = false): number {
  const first = pieces[from];
  if (!first || first.mark !== '' || first.joined || STOP_WORDS.has(first.word.toLowerCase())) return 0;
  if (initialOf(first.word) !== letters[0] || (capitalized && !CAPITAL_FIRST.test(first.word))) return 0;
  const n = letters.length;
  const done = 1 << n;
  let states = 1 << 1;
  let fallback = 0;
  const stop = Math.min(pieces.length, from + MAX_LONG_WORDS, end ?? Infinity);
  for (let at = from + 1; at < stop; at++) {
    const piece = pieces[at]!;
    if (piece.mark !== '') return 0;
    const stopWord = STOP_WORDS.has(piece.word.toLowerCase());
    const skippable = piece.joined || stopWord;
    const spells = !stopWord && (!capitalized || piece.joined || CAPITAL_FIRST.test(piece.word));
    const initial = initialOf(piece.word);
    let next = 0;
    for (let i = 1; i < n; i++) {
      if (!(states & (1 << i))) continue;
      if (spells && initial === letters[i]) next |= 1 << (i + 1);
      if (skippable) next |= 1 << i;
    }
    if (next & done) {
      if (end === at + 1) return at + 1 - from;
      // A hyphenated word's later part spelling the last letter is a reading of last resort:
      // "Generative Pre-trained Transformer", not "Generative Pre-trained", spells GPT.
      if (end === undefined) {
        if (!piece.joined) return at + 1 - from;
        fallback ||= at + 1 - from;
      }
      next &= ~done;
    }
    if (next === 0) return fallback;
    states = next;
  }
  return fallback;
}

function wordsOf(pieces: readonly Piece[], from: number, count: number): string {
  let text = '';
  for (let i = from; i < from + count; i++) {
    const piece = pieces[i]!;
    text += (i === from ? '' : piece.joined ? '-' : ' ') + piece.word;
  }
  return text;
}

const CAPITALS_PIECE = /^[A-Z]{2,}s?$/;

/** The parts of a word that may be short forms: the word, and its camel-case pieces in capitals ("MedLLM" → "LLM"). */
function nameParts(word: string): string[] {
  const parts = [word];
  for (const piece of word.split(/(?<=[a-z])(?=[A-Z])/)) if (piece !== word && CAPITALS_PIECE.test(piece)) parts.push(piece);
  return parts;
}

/** Words a title's model name may have before its colon. */
const MAX_NAME_WORDS = 4;
/** Subtitle words searched for a model name's spelling. */
const MAX_SUBTITLE_WORDS = 40;

/**
 * The abbreviations a text defines, as [short form, long form] as written: "Traditional Chinese
 * Medicine (TCM)", "TCM (Traditional Chinese Medicine)", "(TCM) Traditional Chinese Medicine",
 * and a title's model name spelled by its subtitle ("CPLLM: Clinical Prediction with Large
 * Language Models"). Linear in the text.
 */
export function abbreviationsDefinedIn(text: string): Array<[short: string, long: string]> {
  const pieces = piecesOf(text);
  const found: Array<[string, string]> = [];
  for (let at = 0; at < pieces.length; at++) {
    if (pieces[at]!.mark !== '(') continue;
    const inside = pieces[at + 1];
    const close = pieces[at + 2]?.mark === ')';
    const insideLetters = inside && inside.mark === '' && close ? shortLetters(inside.word) : undefined;
    if (inside && insideLetters) {
      // "Long Form (SF)": the long form ends just before the parenthesis.
      for (let from = at - 1; from >= Math.max(0, at - MAX_LONG_WORDS); from--) {
        if (pieces[from]!.mark !== '') break;
        if (spelledLength(insideLetters, pieces, from, at) > 0) {
          found.push([inside.word, wordsOf(pieces, from, at - from)]);
          break;
        }
      }
      // "(SF) Long Form": the long form starts just after it.
      const after = spelledLength(insideLetters, pieces, at + 3);
      if (after > 0) found.push([inside.word, wordsOf(pieces, at + 3, after)]);
    }
    // "SF (Long Form)": the parenthesis holds the long form, whole.
    const before = pieces[at - 1];
    const beforeLetters = before && before.mark === '' ? shortLetters(before.word) : undefined;
    if (before && beforeLetters) {
      let end = at + 1;
      while (end < pieces.length && end <= at + MAX_LONG_WORDS && pieces[end]!.mark === '') end++;
      if (pieces[end]?.mark === ')' && spelledLength(beforeLetters, pieces, at + 1, end) > 0) {
        found.push([before.word, wordsOf(pieces, at + 1, end - at - 1)]);
      }
    }
  }
  // "Name: subtitle": a short form in the model name spelled by words of the subtitle.
  let colon = -1;
  for (let at = 0; at <= MAX_NAME_WORDS && at < pieces.length; at++) {
    if (pieces[at]!.mark === ':') {
      colon = at;
      break;
    }
    if (pieces[at]!.mark !== '') break;
  }
  if (colon > 0) {
    const end = Math.min(pieces.length, colon + 1 + MAX_SUBTITLE_WORDS);
    for (let n = 0; n < colon; n++) {
      for (const part of nameParts(pieces[n]!.word)) {
        const letters = shortLetters(part);
        // Two letters are spelled by chance too often ("LM": "Learning for Medicine").
        if (!letters || letters.length < 3) continue;
        for (let from = colon + 1; from < end; from++) {
          const length = spelledLength(letters, pieces, from, undefined, true);
          if (length > 0) {
            found.push([part, wordsOf(pieces, from, length)]);
            break;
          }
        }
      }
    }
  }
  return found;
}

/** A trie over long forms, word by word (stemmed), for finding them in a text. */
interface PhraseNode {
  next: Map<string, PhraseNode>;
  /** Short forms whose long form ends here. */
  shorts: string[];
}

/** Abbreviations ready for indexing: long forms by short form, and a trie of the long forms. */
export interface AbbreviationTable {
  /** Short-form term → index terms of each of its long forms. */
  readonly longTerms: ReadonlyMap<string, readonly string[]>;
  readonly phrases: PhraseNode;
  /** Length of the longest short form in the table (for splitting "TCMLLM"). */
  readonly longestShort: number;
}

/** Plural and singular meet: "records" and "record" are one word for matching long forms. */
function stem(word: string): string {
  const lower = foldText(word);
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}

/**
 * The index terms of a long form, its last word in the plural ("models"): a query reaches a term
 * by its prefixes too, so both "large language model" and "large language models" reach an "LLM"
 * title through "models", with one term indexed instead of two.
 */
function longFormTerms(long: string): string[] {
  const terms = tokenizeForIndex(long);
  const last = terms.length - 1;
  if (last > 0 && !/(s|ing)$/.test(terms[last]!)) terms[last] = `${terms[last]!}s`;
  return terms;
}

/** Builds the table from [short, long] pairs (COMMON_ABBREVIATIONS, then those the lists define). */
export function abbreviationTable(pairs: Iterable<readonly [string, string]>): AbbreviationTable {
  const longForms = new Map<string, Map<string, string>>();
  for (const [short, long] of pairs) {
    const term = shortTerm(short);
    const key = piecesOf(long)
      .filter((piece) => piece.mark === '')
      .map((piece) => stem(piece.word))
      .join(' ');
    if (term.length < 2 || term.length > MAX_SHORT || !key.includes(' ')) continue;
    let forms = longForms.get(term);
    if (!forms) longForms.set(term, (forms = new Map()));
    if (forms.size < MAX_LONG_FORMS && !forms.has(key)) forms.set(key, long);
  }
  const longTerms = new Map<string, string[]>();
  const phrases: PhraseNode = { next: new Map(), shorts: [] };
  let longestShort = 0;
  for (const [term, forms] of longForms) {
    longTerms.set(term, [...new Set([...forms.values()].flatMap(longFormTerms))]);
    longestShort = Math.max(longestShort, term.length);
    for (const key of forms.keys()) {
      let node = phrases;
      for (const word of key.split(' ')) {
        let child = node.next.get(word);
        if (!child) node.next.set(word, (child = { next: new Map(), shorts: [] }));
        node = child;
      }
      if (!node.shorts.includes(term)) node.shorts.push(term);
    }
  }
  return { longTerms, phrases, longestShort };
}

/** Every pair the texts define (see abbreviationsDefinedIn), each text read once. */
export function* abbreviationsDefinedInAll(texts: Iterable<string>): Generator<readonly [string, string]> {
  for (const text of texts) if (text.includes('(') || text.includes(':')) yield* abbreviationsDefinedIn(text);
}

/**
 * Splits an all-capitals word into short forms of the table ("TCMLLM" → tcm, llm), or returns
 * undefined when it is not made of them. Linear in the word times the longest short form.
 */
function splitIntoShorts(word: string, table: AbbreviationTable): string[] | undefined {
  const lower = word.toLowerCase();
  const n = lower.length;
  // cut[i]: the start of the short form ending at i on one way to split lower[0, i), or -1.
  const cut = new Int32Array(n + 1).fill(-1);
  cut[0] = 0;
  for (let i = 2; i <= n; i++) {
    for (let length = 2; length <= Math.min(i, table.longestShort); length++) {
      if (cut[i - length] !== -1 && table.longTerms.has(lower.slice(i - length, i))) {
        cut[i] = i - length;
        break;
      }
    }
  }
  if (cut[n] === -1) return undefined;
  const shorts: string[] = [];
  for (let i = n; i > 0; i = cut[i]!) shorts.push(lower.slice(cut[i]!, i));
  return shorts.reverse();
}

const ALL_CAPITALS = /^[A-Z]{4,24}$/;
/** Two capitals somewhere: the least a word needs to hold a short form. */
const TWO_CAPITALS = /[A-Z][^A-Z]*[A-Z]/;

/**
 * The terms a text gains from abbreviations: the long-form terms of the short forms it writes as
 * words ("EHR" → electronic, health, records; "TCMLLM" → those of TCM and LLM) and the short
 * forms of the long forms it writes ("Visual Question Answering" → vqa, qa). Terms may repeat.
 * Linear in the text (each trie walk is at most MAX_LONG_WORDS words).
 */
export function abbreviationTerms(text: string, table: AbbreviationTable): string[] {
  const pieces = piecesOf(text);
  const stems = pieces.map((piece) => (piece.mark === '' ? stem(piece.word) : ''));
  const terms: string[] = [];
  const addLong = (short: string): boolean => {
    const long = table.longTerms.get(short);
    if (long) for (const term of long) terms.push(term);
    return long !== undefined;
  };
  for (let at = 0; at < pieces.length; at++) {
    const { word } = pieces[at]!;
    if (word === '') continue;
    // Whole words only: the GPT of "HuatuoGPT" names a model family more than it abbreviates.
    if (TWO_CAPITALS.test(word) && !(shortLetters(word) && addLong(shortTerm(word))) && ALL_CAPITALS.test(word)) {
      for (const short of splitIntoShorts(word, table) ?? []) addLong(short);
    }
    let node: PhraseNode | undefined = table.phrases;
    for (let next = at; node && next < pieces.length && next - at < MAX_LONG_WORDS; next++) {
      if (pieces[next]!.mark !== '') break;
      node = node.next.get(stems[next]!);
      if (node) for (const short of node.shorts) terms.push(short);
    }
  }
  return terms;
}
