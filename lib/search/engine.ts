/**
 * Paper search: a compact inverted index, MiniSearch's radix tree (SearchableMap) for fuzzy
 * term lookup, and field-weighted BM25-style ranking.
 *
 * Why not a whole library index: measured at 100k synthetic papers (tests/bench/search.ts), a
 * full MiniSearch index is tens of times larger, slower to load from its stored form and slower
 * per keystroke on one-letter prefixes. Lantern's index is stored in db.kv as a few byte arrays
 * and strings (IndexedDB clones those at memcpy speed) and is read whole at every popup open, so
 * it is kept compact: terms front-coded, postings delta-encoded as varints (lib/search/compact.ts).
 * Nothing is decoded at load: a query decodes the terms and postings it reaches, and the radix
 * tree is built from the vocabulary only when a query first needs typo tolerance.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { runAtOnce, runInSlices, type Sliced } from '../slices';
import type { Paper } from '../types';
import { COMMON_ABBREVIATIONS, abbreviationTable, abbreviationTerms, abbreviationsDefinedInAll, type AbbreviationTable } from './abbreviations';
import { ByteWriter, decodeAll, decodeBlock, firstOfBlock, frontCode, isFrontCoded, nthOfBlock, readVarint, type ByteReader, type FrontCoded } from './compact';
import { TopDocs } from './topDocs';
import { IndexTerms, tokenizeQuery } from './tokenize';
import { categoryLeaf, categoryParts, isWithinCategory } from '../categories';
import { modelNamesOf } from './modelNames';

export { tokenizeForIndex, tokenizeQuery } from './tokenize';

/** Bumped whenever the serialized layout or the tokenizer changes: stored indexes are rebuilt. */
export const SEARCH_INDEX_VERSION = 7;

const FIELD_TITLE = 1;
const FIELD_AUTHORS = 2;
const FIELD_VENUE = 4;
const FIELD_CATEGORIES = 8;
/** The term is in the title's first word group: usually the model name ("MEDITRON-70B: …"). */
const FIELD_TITLE_LEAD = 16;
/**
 * The term stands for an abbreviation in the title, or the title's words for a short form
 * ("TCM" for "Traditional Chinese Medicine", and the reverse): lib/search/abbreviations.ts.
 * Set only where the paper lacks the term in every other field, and weighted below all of them,
 * so expanded matches rank below literal ones.
 */
const FIELD_EXPANDED = 32;
/**
 * The term is in a model name the paper goes by that its title does not write ("Med-PaLM 2":
 * lib/search/modelNames.ts). Set only where the paper lacks the term in every other field;
 * weighted as the authors, below the title.
 */
const FIELD_NAMED = 64;

const FIELD_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [FIELD_TITLE, 3],
  [FIELD_AUTHORS, 2],
  [FIELD_VENUE, 1],
  [FIELD_CATEGORIES, 1],
  [FIELD_TITLE_LEAD, 1.5],
  [FIELD_EXPANDED, 0.6],
  [FIELD_NAMED, 2],
];

/** Terms per front-coded block: a lookup decodes one block; larger blocks store less and decode more. */
const TERM_BLOCK = 16;
/** Paper ids per front-coded block: a hit's id is decoded from the start of its block. */
const ID_BLOCK = 16;

/** What is stored in db.kv: numbers, strings and typed arrays only (structured-clone friendly). */
export interface SerializedSearchIndex {
  version: number;
  /** How many papers: document numbers are 0 … size - 1, in the order the papers were given. */
  size: number;
  /** Paper ids by document number, front-coded in blocks of ID_BLOCK. */
  ids: FrontCoded;
  termCount: number;
  /**
   * The sorted unique terms, front-coded in blocks of TERM_BLOCK; after each term's lengths, two
   * varints: how many papers it reaches, and the length in bytes of its postings.
   */
  terms: FrontCoded;
  /** Where each term block's postings start in `postings`, then where the last one ends. */
  termOffsets: Uint32Array;
  /**
   * Each term's postings, one per paper it reaches, in document order: a varint of
   * (gap from the previous document - 1) * 2, plus 1 when a byte of FIELD_* bits follows because
   * they differ from the previous posting's (the first posting compares with FIELD_TITLE alone).
   */
  postings: Uint8Array;
  /** year * 16 + month (0 when unknown), for date sorting and year filters. */
  dates: Uint16Array;
  /** Title length in terms (at most 255), for length normalization. */
  titleLengths: Uint8Array;
  /** One bit per paper (bit d % 8 of byte d / 8): the paper links code. */
  hasCode: Uint8Array;
  categoryNames: string[];
  /** Per paper, varints: how many categories it has, then their numbers in categoryNames. */
  categories: Uint8Array;
  listNames: string[];
  /** Per list of listNames, one bit per paper (as in hasCode): the paper is in that list. */
  listMembers: Uint8Array;
}

/**
 * What is stored after a run of consecutive terms' lengths, read without decoding the terms:
 * entry i is term `first + i`.
 */
interface TermNumbers {
  first: number;
  /** How many papers each term reaches. */
  counts: Uint32Array;
  /** Where each term's postings start in `postings` (they end where the next term's start). */
  starts: Uint32Array;
  /** Each term's length in characters. */
  lengths: Uint32Array;
}

export interface SearchIndex {
  readonly data: SerializedSearchIndex;
  readonly size: number;
  /** Present when the index was given the papers (small lists, tests): hits then carry them. */
  readonly papers?: readonly Paper[];
  /** Built on first fuzzy query. */
  fuzzyTerms?: SearchableMap<number>;
  /** Every id, decoded on first need (the saved-papers filter asks about every candidate). */
  allIds?: string[];
  /** The categories of paper d are refs[offsets[d] .. offsets[d + 1]); decoded on first need. */
  categoryLists?: { offsets: Uint32Array; refs: Uint32Array };
  /** Reused score buffers: one allocation per index, not per keystroke. */
  readonly scores: Float32Array;
  readonly matched: Uint32Array;
  readonly bestForTerm: Float32Array;
  readonly touchedDocs: Uint32Array;
  readonly termDocs: Uint32Array;
  /** Searches so far: the clock of `decoded`. */
  searches: number;
  /** Decoded postings of common terms that recent searches read, by term number. */
  readonly decoded: Map<number, DecodedPostings>;
  /** How many postings `decoded` holds. */
  decodedPostings: number;
  /** Where other postings are decoded for the time of one term's scan. */
  scratch: DecodedPostings;
  /** Where the numbers of a query word's completions are read for the time of one expansion. */
  range: TermNumbers;
}

export interface SearchFilters {
  /** Full category paths; a paper matches when one of its categories is one of them or below one. */
  categories?: readonly string[];
  yearFrom?: number;
  yearTo?: number;
  hasCode?: boolean;
  /** Only papers whose id is in this set (the reading list). */
  savedIds?: ReadonlySet<string>;
  listId?: string;
}

export type SearchSort = 'relevance' | 'date';

export interface SearchOptions {
  filters?: SearchFilters;
  sort?: SearchSort;
  /** Default 50. */
  limit?: number;
}

/** A paper found: its id (read it from the catalog), or the paper itself when the index was built with them. */
export interface SearchHit {
  id: string;
  score: number;
  paper?: Paper;
}

function hasCode(paper: Paper): boolean {
  return paper.links.some((link) => link.kind === 'code') || paper.ids.repos.length > 0;
}

/** The items once each, in order; most papers have one category and one list, which need no Set. */
function distinct<T>(items: readonly T[]): readonly T[] {
  return items.length < 2 ? items : [...new Set(items)];
}

function hasBit(bits: Uint8Array, offset: number, doc: number): boolean {
  return (((bits[offset + (doc >>> 3)] ?? 0) >>> (doc & 7)) & 1) === 1;
}

export interface BuildOptions {
  /**
   * Index abbreviations (default true): COMMON_ABBREVIATIONS and those the papers' titles and
   * categories define, expanded in titles both ways. False gives the literal index, for
   * measuring what abbreviations add.
   */
  abbreviations?: boolean;
}

/**
 * Indexes title (weighted most), authors, venue and categories of every paper, and the
 * abbreviations of its title (see BuildOptions), and the model names it goes by that its title does
 * not write (lib/search/modelNames.ts).
 */
export function buildSearchIndex(papers: readonly Paper[], options: BuildOptions = {}): SearchIndex {
  return runAtOnce(indexPapers(papers, options));
}

/** buildSearchIndex in slices that hand the thread back (lib/slices.ts): for large lists in the background. */
export function buildSearchIndexInSlices(papers: readonly Paper[], options: BuildOptions = {}): Promise<SearchIndex> {
  return runInSlices(indexPapers(papers, options));
}

/** A title's first word group with its punctuation, up to a space, colon or comma ("MEDITRON-70B"). */
const TITLE_LEAD = /^[^\s:,]+/;

/** Papers indexed between two points where the build may pause. */
const PAPERS_PER_STEP = 256;
/** Terms encoded between two points where the build may pause. */
const TERMS_PER_STEP = 2048;

/** The table of COMMON_ABBREVIATIONS and of those defined by the papers' titles and categories. */
function* learnAbbreviations(papers: readonly Paper[]): Sliced<AbbreviationTable> {
  const texts = new Set<string>();
  // Thousands of papers share a category: its headings are added once.
  const categories = new Set<string>();
  for (let doc = 0; doc < papers.length; doc++) {
    if (doc % PAPERS_PER_STEP === PAPERS_PER_STEP - 1) yield;
    const paper = papers[doc]!;
    texts.add(paper.title);
    for (const category of paper.categories) {
      if (categories.has(category)) continue;
      categories.add(category);
      for (const heading of categoryParts(category)) texts.add(heading);
    }
  }
  yield;
  return abbreviationTable([...COMMON_ABBREVIATIONS, ...abbreviationsDefinedInAll(texts)]);
}

function* indexPapers(papers: readonly Paper[], options: BuildOptions): Sliced<SearchIndex> {
  const abbreviations = options.abbreviations === false ? undefined : yield* learnAbbreviations(papers);
  const size = papers.length;
  const bitBytes = Math.ceil(size / 8);
  const indexTerms = new IndexTerms();
  /** By term number: the term's postings so far, pairs of (document, FIELD_* bits). */
  const postingsByTerm: number[][] = [];
  const dates = new Uint16Array(size);
  const codeBits = new Uint8Array(bitBytes);
  const titleLengths = new Uint8Array(size);
  const categoryNames: string[] = [];
  const categoryNumbers = new Map<string, number>();
  const categories = new ByteWriter();
  const listNames: string[] = [];
  const listNumbers = new Map<string, number>();
  const listOffsets = new Uint32Array(size + 1);
  const listRefs: number[] = [];
  const numberOf = (names: string[], numbers: Map<string, number>, name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) {
      n = names.length;
      names.push(name);
      numbers.set(name, n);
    }
    return n;
  };

  // The paper being indexed: the FIELD_* bits of each of its terms by term number (0 for the
  // others), and its terms. Reused from paper to paper, cleared as its postings are written.
  let fieldsOfTerm = new Uint8Array(1024);
  const paperTerms: number[] = [];
  const addField = (term: number, field: number): void => {
    if (term >= fieldsOfTerm.length) {
      const grown = new Uint8Array(Math.max(fieldsOfTerm.length * 2, term + 1));
      grown.set(fieldsOfTerm);
      fieldsOfTerm = grown;
    }
    if (fieldsOfTerm[term] === 0) paperTerms.push(term);
    fieldsOfTerm[term] = (fieldsOfTerm[term] ?? 0) | field;
  };
  /** Adds a field only to terms the paper lacks (see FIELD_EXPANDED and FIELD_NAMED). */
  const addFieldIfNew = (term: number, field: number): void => {
    if ((fieldsOfTerm[term] ?? 0) === 0) addField(term, field);
  };
  const addTitle = (term: number): void => addField(term, FIELD_TITLE);
  const addLead = (term: number): void => addField(term, FIELD_TITLE_LEAD);
  const addAuthors = (term: number): void => addField(term, FIELD_AUTHORS);
  const addNamed = (term: number): void => addFieldIfNew(term, FIELD_NAMED);

  // Venues and categories repeat across thousands of papers: tokenize each distinct one once.
  const termsOfText = new Map<string, number[]>();
  const addCached = (text: string, field: number): void => {
    let terms = termsOfText.get(text);
    if (!terms) {
      const numbers: number[] = [];
      indexTerms.tokenize(text, (term) => numbers.push(term));
      termsOfText.set(text, (terms = numbers));
    }
    for (const term of terms) addField(term, field);
  };

  for (let doc = 0; doc < papers.length; doc++) {
    if (doc % PAPERS_PER_STEP === PAPERS_PER_STEP - 1) yield;
    const paper = papers[doc]!;
    const titleLength = indexTerms.tokenize(paper.title, addTitle);
    const lead = TITLE_LEAD.exec(paper.title.trim())?.[0];
    if (lead) indexTerms.tokenize(lead, addLead);
    indexTerms.tokenize(paper.authors, addAuthors);
    addCached(paper.venue, FIELD_VENUE);
    for (const category of paper.categories) addCached(category, FIELD_CATEGORIES);
    if (abbreviations) {
      for (const term of abbreviationTerms(paper.title, abbreviations)) addFieldIfNew(indexTerms.numberOf(term), FIELD_EXPANDED);
    }
    for (const name of modelNamesOf(paper.ids)) indexTerms.tokenize(name, addNamed);
    for (const term of paperTerms) {
      let postings = postingsByTerm[term];
      if (!postings) postingsByTerm[term] = postings = [];
      postings.push(doc, fieldsOfTerm[term] ?? 0);
      fieldsOfTerm[term] = 0;
    }
    paperTerms.length = 0;
    const year = paper.year && paper.year >= 1900 && paper.year < 4000 ? paper.year : 0;
    dates[doc] = year * 16 + (year && paper.month ? paper.month : 0);
    if (hasCode(paper)) codeBits[doc >>> 3] = (codeBits[doc >>> 3] ?? 0) | (1 << (doc & 7));
    titleLengths[doc] = Math.min(255, titleLength);
    const paperCategories = distinct(paper.categories);
    categories.varint(paperCategories.length);
    for (const category of paperCategories) categories.varint(numberOf(categoryNames, categoryNumbers, category));
    for (const list of distinct(paper.lists)) listRefs.push(numberOf(listNames, listNumbers, list));
    listOffsets[doc + 1] = listRefs.length;
  }

  const listMembers = new Uint8Array(listNames.length * bitBytes);
  for (let doc = 0; doc < size; doc++) {
    for (let i = listOffsets[doc] ?? 0; i < (listOffsets[doc + 1] ?? 0); i++) {
      const at = (listRefs[i] ?? 0) * bitBytes + (doc >>> 3);
      listMembers[at] = (listMembers[at] ?? 0) | (1 << (doc & 7));
    }
  }

  const terms = [...indexTerms.terms].sort();
  const termOffsets = new Uint32Array(Math.ceil(terms.length / TERM_BLOCK) + 1);
  const counts = new Uint32Array(terms.length);
  const byteLengths = new Uint32Array(terms.length);
  const postings = new ByteWriter();
  for (let t = 0; t < terms.length; t++) {
    if (t % TERMS_PER_STEP === TERMS_PER_STEP - 1) yield;
    if (t % TERM_BLOCK === 0) termOffsets[t / TERM_BLOCK] = postings.length;
    const termPostings = postingsByTerm[indexTerms.numberOf(terms[t]!)] ?? [];
    const start = postings.length;
    let previousDoc = -1;
    let previousFields = FIELD_TITLE;
    for (let i = 0; i < termPostings.length; i += 2) {
      const doc = termPostings[i] ?? 0;
      const fields = termPostings[i + 1] ?? 0;
      const changed = fields !== previousFields;
      postings.varint((doc - previousDoc - 1) * 2 + (changed ? 1 : 0));
      if (changed) postings.byte(fields);
      previousDoc = doc;
      previousFields = fields;
    }
    counts[t] = termPostings.length / 2;
    byteLengths[t] = postings.length - start;
  }
  termOffsets[termOffsets.length - 1] = postings.length;
  yield;

  const data: SerializedSearchIndex = {
    version: SEARCH_INDEX_VERSION,
    size,
    ids: frontCode(
      papers.map((paper) => paper.id),
      ID_BLOCK,
    ),
    termCount: terms.length,
    terms: frontCode(terms, TERM_BLOCK, (t) => [counts[t] ?? 0, byteLengths[t] ?? 0]),
    termOffsets,
    postings: postings.finish(),
    dates,
    titleLengths,
    hasCode: codeBits,
    categoryNames,
    categories: categories.finish(),
    listNames,
    listMembers,
  };
  return withBuffers(data, papers);
}

function withBuffers(data: SerializedSearchIndex, papers?: readonly Paper[]): SearchIndex {
  const { size } = data;
  return {
    data,
    size,
    range: { first: 0, counts: new Uint32Array(0), starts: new Uint32Array(0), lengths: new Uint32Array(0) },
    scores: new Float32Array(size),
    matched: new Uint32Array(size),
    bestForTerm: new Float32Array(size),
    touchedDocs: new Uint32Array(size),
    termDocs: new Uint32Array(size),
    searches: 0,
    decoded: new Map(),
    decodedPostings: 0,
    scratch: { docs: new Uint32Array(0), fields: new Uint8Array(0), readAt: 0 },
    ...(papers ? { papers } : {}),
  };
}

/** The value to store in db.kv. */
export function serializeSearchIndex(index: SearchIndex): SerializedSearchIndex {
  return index.data;
}

/** Whether `value` is a serialized index of this version whose parts fit together (checked, not decoded). */
export function isSerializedSearchIndex(value: unknown): value is SerializedSearchIndex {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SerializedSearchIndex>;
  if (v.version !== SEARCH_INDEX_VERSION || !Number.isInteger(v.size) || !Number.isInteger(v.termCount)) return false;
  const size = v.size!;
  const termCount = v.termCount!;
  const bitBytes = Math.ceil(size / 8);
  const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;
  return (
    size >= 0 &&
    termCount >= 0 &&
    isObject(v.ids) &&
    isFrontCoded(v.ids, size, ID_BLOCK) &&
    isObject(v.terms) &&
    isFrontCoded(v.terms, termCount, TERM_BLOCK) &&
    v.termOffsets instanceof Uint32Array &&
    v.termOffsets.length === Math.ceil(termCount / TERM_BLOCK) + 1 &&
    v.postings instanceof Uint8Array &&
    v.termOffsets[v.termOffsets.length - 1] === v.postings.length &&
    v.dates instanceof Uint16Array &&
    v.dates.length === size &&
    v.titleLengths instanceof Uint8Array &&
    v.titleLengths.length === size &&
    v.hasCode instanceof Uint8Array &&
    v.hasCode.length === bitBytes &&
    Array.isArray(v.categoryNames) &&
    v.categories instanceof Uint8Array &&
    Array.isArray(v.listNames) &&
    v.listMembers instanceof Uint8Array &&
    v.listMembers.length === v.listNames.length * bitBytes
  );
}

/**
 * Revives a stored index. Returns undefined for anything that is not an index of the current
 * version (an older layout, a damaged value): the caller rebuilds.
 */
export function loadSearchIndex(serialized: unknown, papers?: readonly Paper[]): SearchIndex | undefined {
  if (!isSerializedSearchIndex(serialized)) return undefined;
  if (papers && papers.length !== serialized.size) return undefined;
  return withBuffers(serialized, papers);
}

/**
 * The numbers of terms [first, end) (see TermNumbers), in `index.range`, whose arrays are reused:
 * they hold until the next call.
 */
function readTermNumbers(index: SearchIndex, first: number, end: number): TermNumbers {
  const { data } = index;
  let range = index.range;
  if (range.counts.length < end - first) {
    const room = end - first;
    range = index.range = { first, counts: new Uint32Array(room), starts: new Uint32Array(room), lengths: new Uint32Array(room) };
  }
  range.first = first;
  const { counts, starts, lengths } = range;
  const reader: ByteReader = { bytes: data.terms.entries, at: 0 };
  for (let block = Math.floor(first / TERM_BLOCK); block * TERM_BLOCK < end; block++) {
    reader.at = data.terms.blockEntries[block] ?? 0;
    let at = data.termOffsets[block] ?? 0;
    const last = Math.min(end, (block + 1) * TERM_BLOCK);
    for (let t = block * TERM_BLOCK; t < last; t++) {
      // Each term's entry: shared length, rest length, papers reached, postings' byte length.
      const length = readVarint(reader) + readVarint(reader);
      const count = readVarint(reader);
      if (t >= first) {
        counts[t - first] = count;
        starts[t - first] = at;
        lengths[t - first] = length;
      }
      at += readVarint(reader);
    }
  }
  return range;
}

/** The id of document `doc`. */
function idOf(index: SearchIndex, doc: number): string {
  if (index.allIds) return index.allIds[doc] ?? '';
  return nthOfBlock(index.data.ids, Math.floor(doc / ID_BLOCK), doc % ID_BLOCK);
}

function allIds(index: SearchIndex): string[] {
  index.allIds ??= decodeAll(index.data.ids, index.size);
  return index.allIds;
}

function categoryLists(index: SearchIndex): { offsets: Uint32Array; refs: Uint32Array } {
  if (!index.categoryLists) {
    const { size, categories } = index.data;
    const offsets = new Uint32Array(size + 1);
    const refs: number[] = [];
    const reader: ByteReader = { bytes: categories, at: 0 };
    for (let doc = 0; doc < size; doc++) {
      for (let count = readVarint(reader); count > 0; count--) refs.push(readVarint(reader));
      offsets[doc + 1] = refs.length;
    }
    index.categoryLists = { offsets, refs: Uint32Array.from(refs) };
  }
  return index.categoryLists;
}

function skipTermNumbers(_: number, reader: ByteReader): void {
  readVarint(reader);
  readVarint(reader);
}

/** First term number t with term t >= key (the term count when there is none). */
function lowerBound(index: SearchIndex, key: string): number {
  const { data } = index;
  // The first block whose first term is above the key: the answer is in the block before it.
  let low = 0;
  let high = data.termOffsets.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (firstOfBlock(data.terms, mid) <= key) low = mid + 1;
    else high = mid;
  }
  if (low === 0) return 0;
  const block = low - 1;
  const count = Math.min(TERM_BLOCK, data.termCount - block * TERM_BLOCK);
  // Each term's lengths are followed by two numbers (see SerializedSearchIndex.terms).
  const terms = decodeBlock(data.terms, block, count, skipTermNumbers);
  for (let i = 0; i < terms.length; i++) if ((terms[i] ?? '') >= key) return block * TERM_BLOCK + i;
  return Math.min(low * TERM_BLOCK, data.termCount);
}

/** Longest query read, in characters: far past any title, short enough that a pasted page costs nothing. */
const MAX_QUERY_CHARS = 1000;

/**
 * Longest word read with typo tolerance, in characters. Typo matching costs the square of the
 * word's length (MiniSearch's fuzzyGet builds a length × length matrix), and no word in a paper
 * title is longer; a longer one (a pasted blob) is matched as written.
 */
const MAX_FUZZY_TERM_CHARS = 64;

/** Typos allowed for a typed word: none for short words, one from 4 letters, two from 6, none past MAX_FUZZY_TERM_CHARS. */
export function allowedTypos(term: string): number {
  if (term.length > MAX_FUZZY_TERM_CHARS) return 0;
  if (term.length >= 6) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/**
 * A one- or two-letter prefix can reach most of a 100k index. Its completions are taken most
 * frequent first until this many postings, so a keystroke stays cheap; longer prefixes never
 * come near it.
 */
const PREFIX_POSTING_BUDGET = 20_000;
/** Typo matches are looked up only when the word as typed reaches fewer papers than this. */
const FUZZY_BELOW_POSTINGS = 50;

/**
 * Index terms a query term reaches, in the order they are scored: their numbers, how well each
 * matches (1 = exact), how many papers each reaches and where its postings start.
 */
interface Reached {
  terms: number[];
  qualities: number[];
  counts: number[];
  starts: number[];
}

/**
 * The first term not starting with `prefix` among those after it: terms starting with it are
 * below the prefix with its last character's code raised by one, and all others above it are not.
 */
function afterCompletions(index: SearchIndex, prefix: string, first: number): number {
  const last = prefix.length > 0 ? prefix.charCodeAt(prefix.length - 1) : 0xffff;
  if (last === 0xffff) return index.data.termCount;
  return Math.max(first, lowerBound(index, prefix.slice(0, -1) + String.fromCharCode(last + 1)));
}

/** Index terms a query term reaches: its completions (within PREFIX_POSTING_BUDGET), then typo matches. */
function expandTerm(index: SearchIndex, queryTerm: string): Reached {
  // The completions of the typed word: the consecutive terms [first, end) that start with it.
  const first = lowerBound(index, queryTerm);
  const end = afterCompletions(index, queryTerm, first);
  const { counts, starts, lengths } = readTermNumbers(index, first, end);
  let postings = 0;
  for (let i = 0; i < end - first; i++) postings += counts[i] ?? 0;
  const reached: Reached = { terms: [], qualities: [], counts: [], starts: [] };
  const reach = (t: number): void => {
    const i = t - first;
    const length = lengths[i] ?? 0;
    reached.terms.push(t);
    // A prefix match is worth more the more of the word is typed.
    reached.qualities.push(length === queryTerm.length ? 1 : 0.5 + 0.4 * (queryTerm.length / length));
    reached.counts.push(counts[i] ?? 0);
    reached.starts.push(starts[i] ?? 0);
  };
  if (postings <= PREFIX_POSTING_BUDGET) {
    for (let t = first; t < end; t++) reach(t);
  } else {
    for (const t of mostFrequentFirst(counts, first, end)) reach(t);
    // The word itself (the only completion as long as it) is always taken, after the others if they used the budget.
    if (lengths[0] === queryTerm.length && !reached.terms.includes(first)) reach(first);
  }
  const typos = allowedTypos(queryTerm);
  if (typos > 0 && postings < FUZZY_BELOW_POSTINGS) {
    for (const [, [t, distance]] of fuzzyTerms(index).fuzzyGet(queryTerm, typos)) {
      if (reached.terms.includes(t)) continue;
      const numbers = readTermNumbers(index, t, t + 1);
      reached.terms.push(t);
      reached.qualities.push(distance === 1 ? 0.45 : 0.3);
      reached.counts.push(numbers.counts[0] ?? 0);
      reached.starts.push(numbers.starts[0] ?? 0);
    }
  }
  return reached;
}

/** Above this many terms taken, mostFrequentFirst sorts the range instead of scanning it again per term. */
const MAX_SCANS = 8;

/**
 * Terms of [first, end), most papers first (of equal counts, the lower term number first), until
 * they reach PREFIX_POSTING_BUDGET postings; `counts[i]` is term first + i's. Usually one or two
 * very common terms use the whole budget: each is found by a scan of the range, which costs less
 * than sorting it.
 */
function mostFrequentFirst(counts: Uint32Array, first: number, end: number): number[] {
  const taken: number[] = [];
  let spent = 0;
  // The last term taken: the next one is the best of those after it in (count down, number up) order.
  let lastCount = Infinity;
  let lastTerm = -1;
  while (spent < PREFIX_POSTING_BUDGET && taken.length < MAX_SCANS) {
    let best = -1;
    let bestCount = -1;
    for (let t = first; t < end; t++) {
      const count = counts[t - first] ?? 0;
      if (count > lastCount || (count === lastCount && t <= lastTerm)) continue;
      if (count > bestCount) {
        best = t;
        bestCount = count;
      }
    }
    if (best < 0) return taken;
    taken.push(best);
    spent += bestCount;
    lastCount = bestCount;
    lastTerm = best;
  }
  if (spent >= PREFIX_POSTING_BUDGET) return taken;
  // Many small terms: sort them all (a stable sort keeps equal counts in term order).
  const byFrequency = Array.from({ length: end - first }, (_, i) => first + i).sort((a, b) => (counts[b - first] ?? 0) - (counts[a - first] ?? 0));
  taken.length = 0;
  spent = 0;
  for (const t of byFrequency) {
    if (spent >= PREFIX_POSTING_BUDGET) break;
    taken.push(t);
    spent += counts[t - first] ?? 0;
  }
  return taken;
}

/** Every term, for typo matches: decodes the whole vocabulary, once, on the first query that needs it. */
function fuzzyTerms(index: SearchIndex): SearchableMap<number> {
  if (!index.fuzzyTerms) {
    const map = new SearchableMap<number>();
    // Each term's lengths are followed by two numbers (see SerializedSearchIndex.terms).
    decodeAll(index.data.terms, index.data.termCount, 2).forEach((term, t) => map.set(term, t));
    index.fuzzyTerms = map;
  }
  return index.fuzzyTerms;
}

function fieldWeight(fields: number): number {
  let weight = 0;
  for (const [field, fieldWeightValue] of FIELD_WEIGHTS) if (fields & field) weight += fieldWeightValue;
  return weight;
}

/** Field weights for every bit combination, computed once. */
const WEIGHT_OF_FIELDS = Float32Array.from({ length: 128 }, (_, fields) => fieldWeight(fields));

function docFilter(index: SearchIndex, filters: SearchFilters | undefined): ((doc: number) => boolean) | undefined {
  if (!filters) return undefined;
  const { data } = index;
  const checks: Array<(doc: number) => boolean> = [];
  if (filters.categories && filters.categories.length > 0) {
    const wanted = filters.categories;
    const allowed = new Set<number>();
    data.categoryNames.forEach((name, n) => {
      if (wanted.some((path) => isWithinCategory(name, path))) allowed.add(n);
    });
    const { offsets, refs } = categoryLists(index);
    checks.push((doc) => {
      for (let i = offsets[doc] ?? 0; i < (offsets[doc + 1] ?? 0); i++) {
        if (allowed.has(refs[i] ?? -1)) return true;
      }
      return false;
    });
  }
  if (filters.yearFrom !== undefined) {
    const from = filters.yearFrom * 16;
    checks.push((doc) => (data.dates[doc] ?? 0) >= from);
  }
  if (filters.yearTo !== undefined) {
    const to = filters.yearTo * 16 + 15;
    checks.push((doc) => {
      const date = data.dates[doc] ?? 0;
      return date > 0 && date <= to;
    });
  }
  if (filters.hasCode !== undefined) {
    const want = filters.hasCode;
    checks.push((doc) => hasBit(data.hasCode, 0, doc) === want);
  }
  if (filters.savedIds) {
    const saved = filters.savedIds;
    const ids = allIds(index);
    checks.push((doc) => saved.has(ids[doc] ?? ''));
  }
  if (filters.listId !== undefined) {
    const list = data.listNames.indexOf(filters.listId);
    const offset = list * Math.ceil(index.size / 8);
    checks.push((doc) => list >= 0 && hasBit(data.listMembers, offset, doc));
  }
  if (checks.length === 0) return undefined;
  return (doc) => checks.every((check) => check(doc));
}

function toHit(index: SearchIndex, doc: number, score: number): SearchHit {
  const paper = index.papers?.[doc];
  return paper ? { id: paper.id, score, paper } : { id: idOf(index, doc), score };
}

/**
 * Ranked papers for a typed query. Every word must match (prefix, exact or within the typos
 * its length allows); when no paper has them all, papers matching the most words come first.
 * When few papers have every word, papers that write two neighbouring words as one come next
 * ("hua tuo" also finds HuatuoGPT, "sun simiao" Sunsimiao: pinyin names are spelled both ways).
 * An empty query lists papers (filtered) newest first.
 */
export function searchPapers(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 50;
  forgetUnreadPostings(index);
  const accept = docFilter(index, options.filters);
  // Cut before folding: NFKD can turn one character into eighteen.
  const queryTerms = tokenizeQuery(query.slice(0, MAX_QUERY_CHARS)).slice(0, 16);

  if (queryTerms.length === 0) {
    const { dates } = index.data;
    const top = new TopDocs(limit);
    for (let doc = 0; doc < index.size; doc++) if (!accept || accept(doc)) top.offer(doc, dates[doc] ?? 0);
    return top.docs.map((doc) => toHit(index, doc, 0));
  }

  const hits = rankedHits(index, queryTerms, limit, options.sort, accept, false);
  const few = hits.length < Math.min(limit, JOIN_BELOW_HITS);
  if (few && options.sort !== 'date' && queryTerms.length > 1 && queryTerms.length <= MAX_WORDS_TO_JOIN) {
    const seen = new Set(hits.map((hit) => hit.id));
    for (let i = 0; i + 1 < queryTerms.length && hits.length < limit; i++) {
      const joined = [...queryTerms.slice(0, i), `${queryTerms[i]!}${queryTerms[i + 1]!}`, ...queryTerms.slice(i + 2)];
      for (const hit of rankedHits(index, joined, limit - hits.length, options.sort, accept, false)) {
        if (!seen.has(hit.id)) hits.push(hit);
        seen.add(hit.id);
      }
    }
  }
  if (hits.length > 0 || queryTerms.length === 1) return hits;
  // No paper has every word: rank the papers having the most of them.
  return rankedHits(index, queryTerms, limit, options.sort, accept, true);
}

/** Fewer papers than this with every word of a query: neighbouring words are also tried joined. */
const JOIN_BELOW_HITS = 5;
/** Longer queries are sentences, not names spelled in pieces. */
const MAX_WORDS_TO_JOIN = 4;

/**
 * The `limit` best papers having every query word, or with `mostWords` those having the most of
 * them (more words first, then relevance).
 */
function rankedHits(
  index: SearchIndex,
  queryTerms: readonly string[],
  limit: number,
  sort: SearchSort | undefined,
  accept: ((doc: number) => boolean) | undefined,
  mostWords: boolean,
): SearchHit[] {
  const { data, scores, matched, touchedDocs } = index;
  const { dates, titleLengths } = data;
  const allBits = (1 << queryTerms.length) - 1;
  const touchedCount = accumulateScores(index, queryTerms, !mostWords);
  const relevance = (doc: number): number => {
    const score = (scores[doc] ?? 0) * (LENGTH_NORM[titleLengths[doc] ?? 8] ?? 1);
    return mostWords ? bitCount(matched[doc] ?? 0) * 1000 + score : score;
  };
  const byDate = sort === 'date';
  const top = new TopDocs(limit);
  // The candidates are the touched papers, in the order they were touched.
  for (let i = 0; i < touchedCount; i++) {
    const doc = touchedDocs[i] ?? 0;
    if (!mostWords && matched[doc] !== allBits) continue;
    if (accept && !accept(doc)) continue;
    top.offer(doc, byDate ? (dates[doc] ?? 0) * 1e6 + relevance(doc) : relevance(doc));
  }
  const hits = top.docs.map((doc) => toHit(index, doc, relevance(doc)));
  resetScores(index, touchedCount);
  return hits;
}

/**
 * Per title length in terms: shorter titles that match are more about the query (BM25's length
 * normalization, lightly).
 */
const LENGTH_NORM = Float64Array.from({ length: 256 }, (_, length) => 1 / (0.75 + 0.25 * (length / 8)));

function bitCount(bits: number): number {
  let count = 0;
  for (let b = bits; b; b &= b - 1) count++;
  return count;
}

/**
 * Adds each query word's best match per paper into `scores` and its bit into `matched`;
 * returns how many papers it touched (listed in `touchedDocs`). With `allWords`, a paper is
 * considered for a word only if it matched every earlier word: later, common words then cost
 * a scan of their postings but no writes.
 */
function accumulateScores(index: SearchIndex, queryTerms: readonly string[], allWords: boolean): number {
  const { size, scores, matched, bestForTerm, touchedDocs, termDocs } = index;
  let touchedCount = 0;
  for (let q = 0; q < queryTerms.length; q++) {
    const bit = 1 << q;
    const required = bit - 1;
    const pruned = allWords && q > 0;
    const reached = expandTerm(index, queryTerms[q] ?? '');
    // One index term: each paper appears once in its postings, so its weight is the word's best.
    const single = reached.terms.length === 1;
    let termCount = 0;
    for (let r = 0; r < reached.terms.length; r++) {
      const t = reached.terms[r] ?? 0;
      const df = reached.counts[r] ?? 0;
      // Inverse document frequency, rounded to 32 bits as it always was.
      const termWeight = Math.fround(Math.log(1 + (size - df + 0.5) / (df + 0.5))) * (reached.qualities[r] ?? 0);
      const { docs, fields } = postingsOf(index, t, df, reached.starts[r] ?? 0);
      for (let p = 0; p < df; p++) {
        const doc = docs[p] ?? 0;
        if (pruned && matched[doc] !== required) continue;
        const weight = termWeight * (WEIGHT_OF_FIELDS[fields[p] ?? 0] ?? 0);
        if (single) {
          if (matched[doc] === 0) touchedDocs[touchedCount++] = doc;
          matched[doc] = (matched[doc] ?? 0) | bit;
          scores[doc] = (scores[doc] ?? 0) + Math.fround(weight);
          termCount++;
          continue;
        }
        const best = bestForTerm[doc] ?? 0;
        if (best === 0) termDocs[termCount++] = doc;
        // Several index terms can answer one query word ("radi" → radiology, radiologist): the best counts.
        if (weight > best) bestForTerm[doc] = weight;
      }
    }
    if (!single) {
      for (let i = 0; i < termCount; i++) {
        const doc = termDocs[i] ?? 0;
        if (matched[doc] === 0) touchedDocs[touchedCount++] = doc;
        matched[doc] = (matched[doc] ?? 0) | bit;
        scores[doc] = (scores[doc] ?? 0) + (bestForTerm[doc] ?? 0);
        bestForTerm[doc] = 0;
      }
    }
    if (pruned && termCount === 0) break;
  }
  return touchedCount;
}

/** A term's postings decoded: the papers in document order, and the FIELD_* bits of each. */
interface DecodedPostings {
  docs: Uint32Array;
  fields: Uint8Array;
  /** The search (SearchIndex.searches) that last read them. */
  readAt: number;
}

/**
 * Postings of terms reaching at least this many papers are kept decoded while searches keep
 * reading them: typing "medic", "medici", "medicin" reads the same common terms at every keystroke.
 */
const KEEP_DECODED_FROM = 1024;
/** Most postings kept decoded, in all (5 bytes each). */
const MAX_KEPT_DECODED = 1 << 18;
/** Decoded postings not read by one of this many latest searches are dropped. */
const KEEP_DECODED_FOR_SEARCHES = 2;

/**
 * Term t's postings (`count` of them, from byte `start`), decoded (see SerializedSearchIndex.postings);
 * the kept copy when there is one.
 */
function postingsOf(index: SearchIndex, t: number, count: number, start: number): DecodedPostings {
  const kept = index.decoded.get(t);
  if (kept) {
    kept.readAt = index.searches;
    return kept;
  }
  const keep = count >= KEEP_DECODED_FROM && index.decodedPostings + count <= MAX_KEPT_DECODED;
  let decoded: DecodedPostings;
  if (keep) {
    decoded = { docs: new Uint32Array(count), fields: new Uint8Array(count), readAt: index.searches };
    index.decoded.set(t, decoded);
    index.decodedPostings += count;
  } else {
    if (index.scratch.docs.length < count) index.scratch = { docs: new Uint32Array(count), fields: new Uint8Array(count), readAt: 0 };
    decoded = index.scratch;
  }
  const { docs, fields } = decoded;
  const { postings } = index.data;
  let doc = -1;
  let field = FIELD_TITLE;
  let p = start;
  for (let n = 0; n < count; n++) {
    // The posting's varint, inlined: this is the hot loop.
    let value = postings[p++] ?? 0;
    if (value >= 0x80) {
      value &= 0x7f;
      let shift = 7;
      let byte: number;
      do {
        byte = postings[p++] ?? 0;
        value |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte >= 0x80);
    }
    doc += (value >>> 1) + 1;
    if (value & 1) field = postings[p++] ?? 0;
    docs[n] = doc;
    fields[n] = field;
  }
  return decoded;
}

/** Drops the decoded postings the latest searches did not read; called once per search. */
function forgetUnreadPostings(index: SearchIndex): void {
  index.searches++;
  for (const [t, decoded] of index.decoded) {
    if (index.searches - decoded.readAt <= KEEP_DECODED_FOR_SEARCHES) continue;
    index.decoded.delete(t);
    index.decodedPostings -= decoded.docs.length;
  }
}

function resetScores(index: SearchIndex, touchedCount: number): void {
  for (let i = 0; i < touchedCount; i++) {
    const doc = index.touchedDocs[i] ?? 0;
    index.scores[doc] = 0;
    index.matched[doc] = 0;
  }
}

export interface CategoryCount {
  /** Full heading path, e.g. "Evaluation › Strategies": pass it to `filters.categories`. */
  path: string;
  /** The last segment, shown to users. */
  leaf: string;
  count: number;
}

/** Categories with their paper counts, most papers first (the empty-box view). */
export function categoryCounts(source: SearchIndex | readonly Paper[]): CategoryCount[] {
  const counts = new Map<string, number>();
  if (Array.isArray(source)) {
    for (const paper of source as readonly Paper[]) {
      for (const path of new Set(paper.categories)) counts.set(path, (counts.get(path) ?? 0) + 1);
    }
  } else {
    const index = source as SearchIndex;
    const perCategory = new Uint32Array(index.data.categoryNames.length);
    for (const ref of categoryLists(index).refs) perCategory[ref] = (perCategory[ref] ?? 0) + 1;
    index.data.categoryNames.forEach((path, n) => counts.set(path, perCategory[n] ?? 0));
  }
  return [...counts]
    .map(([path, count]) => ({ path, leaf: categoryLeaf(path), count }))
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
}

/**
 * Each paper's id and categories by document number: the categories of paper d are
 * categoryNames[categoryRefs[categoryOffsets[d] … categoryOffsets[d + 1])]. Decodes every id
 * (once per index), so it is for views that need them all (progress per category).
 */
export function paperCategories(index: SearchIndex): {
  ids: readonly string[];
  categoryNames: readonly string[];
  categoryOffsets: Uint32Array;
  categoryRefs: Uint32Array;
} {
  const { offsets, refs } = categoryLists(index);
  return { ids: allIds(index), categoryNames: index.data.categoryNames, categoryOffsets: offsets, categoryRefs: refs };
}

/** The distinct years of the indexed papers, newest first (for a year-range filter). */
export function indexYears(index: SearchIndex): number[] {
  const years = new Set<number>();
  for (const date of index.data.dates) if (date > 0) years.add(Math.floor(date / 16));
  return [...years].sort((a, b) => b - a);
}

