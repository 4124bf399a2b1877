/**
 * Paper search: a compact inverted index with typed-array postings, MiniSearch's radix tree
 * (SearchableMap) for fuzzy term lookup, and field-weighted BM25-style ranking.
 *
 * Why not a whole library index: measured at 100k synthetic papers (tests/bench/search.ts),
 * a full MiniSearch index takes ~6 s to build, ~120 MB of heap, ~1.6 s to load from JSON and
 * hundreds of ms per keystroke on one-letter prefixes. Typed-array postings are ~10x smaller,
 * are stored in db.kv as they are (IndexedDB clones typed arrays at memcpy speed), and load in
 * milliseconds; the radix tree is built from the vocabulary only when a query first needs
 * typo tolerance.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { runAtOnce, runInSlices, type Sliced } from '../slices';
import type { Paper } from '../types';
import { tokenizeForIndex, tokenizeQuery } from './tokenize';

export { foldText, tokenize, tokenizeForIndex, tokenizeQuery } from './tokenize';

/** Bumped whenever the serialized layout or the tokenizer changes: stored indexes are rebuilt. */
export const SEARCH_INDEX_VERSION = 2;

const FIELD_TITLE = 1;
const FIELD_AUTHORS = 2;
const FIELD_VENUE = 4;
const FIELD_CATEGORIES = 8;
/** The term is in the title's first word group: usually the model name ("MEDITRON-70B: …"). */
const FIELD_TITLE_LEAD = 16;

const FIELD_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [FIELD_TITLE, 3],
  [FIELD_AUTHORS, 2],
  [FIELD_VENUE, 1],
  [FIELD_CATEGORIES, 1],
  [FIELD_TITLE_LEAD, 1.5],
];

const FLAG_HAS_CODE = 1;

/** What is stored in db.kv: plain arrays and typed arrays only (structured-clone friendly). */
export interface SerializedSearchIndex {
  version: number;
  /** Paper ids, by document number. */
  ids: string[];
  /** Sorted unique terms. */
  terms: string[];
  /** Postings of term t are at [termOffsets[t], termOffsets[t+1]). */
  termOffsets: Uint32Array;
  postingDocs: Uint32Array;
  /** FIELD_* bits of each posting. */
  postingFields: Uint8Array;
  /** year * 16 + month (0 when unknown), for date sorting and year filters. */
  dates: Uint16Array;
  flags: Uint8Array;
  /** Title length in terms, for length normalization. */
  titleLengths: Uint8Array;
  categoryNames: string[];
  /** Category numbers of doc d are categoryRefs[categoryOffsets[d] .. categoryOffsets[d+1]). */
  categoryOffsets: Uint32Array;
  categoryRefs: Uint16Array;
  listNames: string[];
  listOffsets: Uint32Array;
  listRefs: Uint16Array;
  /** Beside listRefs: the chunk (lib/db/layout.ts) holding the paper in that list, or NO_CHUNK. */
  listChunks: Uint32Array;
}

/** A membership whose chunk the index was not told. */
const NO_CHUNK = 0xffffffff;

/** Where a hit's paper is stored in one list: its papers are read from there, without a lookup. */
export interface HitPlace {
  listId: string;
  chunk: number;
}

export interface SearchIndex {
  readonly data: SerializedSearchIndex;
  readonly size: number;
  /** Present when the index was given the papers (small lists, tests): hits then carry them. */
  readonly papers?: readonly Paper[];
  /** Inverse document frequency per term. */
  readonly idf: Float32Array;
  /** Built on first fuzzy query. */
  fuzzyTerms?: SearchableMap<number>;
  /** Reused score buffers: one allocation per index, not per keystroke. */
  readonly scores: Float32Array;
  readonly matched: Uint32Array;
  readonly bestForTerm: Float32Array;
  readonly touchedDocs: Uint32Array;
  readonly termDocs: Uint32Array;
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

export interface SearchHit {
  id: string;
  score: number;
  paper?: Paper;
  /** Where the paper is stored, per list, when the index knows (see buildSearchIndex). */
  places?: HitPlace[];
}

function hasCode(paper: Paper): boolean {
  return paper.links.some((link) => link.kind === 'code') || paper.ids.repos.length > 0;
}

type ChunkOf = (paperId: string, listId: string) => number | undefined;

/**
 * Indexes title (weighted most), authors, venue and categories of every paper. `chunkOf` tells
 * where each paper is stored in each of its lists, so hits can be read without a lookup.
 */
export function buildSearchIndex(papers: readonly Paper[], chunkOf?: ChunkOf): SearchIndex {
  return runAtOnce(indexPapers(papers, chunkOf));
}

/** buildSearchIndex in slices that hand the thread back (lib/slices.ts): for large lists in the background. */
export function buildSearchIndexInSlices(papers: readonly Paper[], chunkOf?: ChunkOf): Promise<SearchIndex> {
  return runInSlices(indexPapers(papers, chunkOf));
}

/** Papers indexed between two points where the build may pause. */
const PAPERS_PER_STEP = 256;

function* indexPapers(papers: readonly Paper[], chunkOf?: ChunkOf): Sliced<SearchIndex> {
  const size = papers.length;
  const postingsByTerm = new Map<string, number[]>();
  const dates = new Uint16Array(size);
  const flags = new Uint8Array(size);
  const titleLengths = new Uint8Array(size);
  const categoryNames: string[] = [];
  const categoryNumbers = new Map<string, number>();
  const categoryOffsets = new Uint32Array(size + 1);
  const categoryRefs: number[] = [];
  const listNames: string[] = [];
  const listNumbers = new Map<string, number>();
  const listOffsets = new Uint32Array(size + 1);
  const listRefs: number[] = [];
  const listChunks: number[] = [];
  const numberOf = (names: string[], numbers: Map<string, number>, name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) {
      n = names.length;
      names.push(name);
      numbers.set(name, n);
    }
    return n;
  };

  // Venues and categories repeat across thousands of papers: tokenize each distinct one once.
  const tokenCache = new Map<string, string[]>();
  const cachedTokens = (text: string): string[] => {
    let terms = tokenCache.get(text);
    if (!terms) tokenCache.set(text, (terms = tokenizeForIndex(text)));
    return terms;
  };

  for (let doc = 0; doc < papers.length; doc++) {
    if (doc % PAPERS_PER_STEP === PAPERS_PER_STEP - 1) yield;
    const paper = papers[doc]!;
    const fieldsOfTerm = new Map<string, number>();
    const addField = (terms: readonly string[], field: number): void => {
      for (const term of terms) fieldsOfTerm.set(term, (fieldsOfTerm.get(term) ?? 0) | field);
    };
    const titleTerms = tokenizeForIndex(paper.title);
    addField(titleTerms, FIELD_TITLE);
    const lead = /^[^\s:,]+/.exec(paper.title.trim())?.[0];
    if (lead) addField(tokenizeForIndex(lead), FIELD_TITLE_LEAD);
    addField(tokenizeForIndex(paper.authors), FIELD_AUTHORS);
    addField(cachedTokens(paper.venue), FIELD_VENUE);
    for (const category of paper.categories) addField(cachedTokens(category), FIELD_CATEGORIES);
    for (const [term, fields] of fieldsOfTerm) {
      let postings = postingsByTerm.get(term);
      if (!postings) postingsByTerm.set(term, (postings = []));
      postings.push(doc, fields);
    }
    const year = paper.year && paper.year >= 1900 && paper.year < 4000 ? paper.year : 0;
    dates[doc] = year * 16 + (year && paper.month ? paper.month : 0);
    flags[doc] = hasCode(paper) ? FLAG_HAS_CODE : 0;
    titleLengths[doc] = Math.min(255, titleTerms.length);
    for (const category of new Set(paper.categories)) categoryRefs.push(numberOf(categoryNames, categoryNumbers, category));
    categoryOffsets[doc + 1] = categoryRefs.length;
    for (const list of new Set(paper.lists)) {
      listRefs.push(numberOf(listNames, listNumbers, list));
      listChunks.push(chunkOf?.(paper.id, list) ?? NO_CHUNK);
    }
    listOffsets[doc + 1] = listRefs.length;
  }

  const terms = [...postingsByTerm.keys()].sort();
  let postingCount = 0;
  for (const postings of postingsByTerm.values()) postingCount += postings.length / 2;
  const termOffsets = new Uint32Array(terms.length + 1);
  const postingDocs = new Uint32Array(postingCount);
  const postingFields = new Uint8Array(postingCount);
  let at = 0;
  terms.forEach((term, t) => {
    const postings = postingsByTerm.get(term) ?? [];
    for (let i = 0; i < postings.length; i += 2) {
      postingDocs[at] = postings[i] ?? 0;
      postingFields[at] = postings[i + 1] ?? 0;
      at++;
    }
    termOffsets[t + 1] = at;
  });

  const data: SerializedSearchIndex = {
    version: SEARCH_INDEX_VERSION,
    ids: papers.map((paper) => paper.id),
    terms,
    termOffsets,
    postingDocs,
    postingFields,
    dates,
    flags,
    titleLengths,
    categoryNames,
    categoryOffsets,
    categoryRefs: Uint16Array.from(categoryRefs),
    listNames,
    listOffsets,
    listRefs: Uint16Array.from(listRefs),
    listChunks: Uint32Array.from(listChunks),
  };
  return withDerived(data, papers);
}

function withDerived(data: SerializedSearchIndex, papers?: readonly Paper[]): SearchIndex {
  const size = data.ids.length;
  const idf = new Float32Array(data.terms.length);
  for (let t = 0; t < idf.length; t++) {
    const df = (data.termOffsets[t + 1] ?? 0) - (data.termOffsets[t] ?? 0);
    idf[t] = Math.log(1 + (size - df + 0.5) / (df + 0.5));
  }
  return { data, size, idf, scores: new Float32Array(size), matched: new Uint32Array(size), bestForTerm: new Float32Array(size),
    touchedDocs: new Uint32Array(size),
    termDocs: new Uint32Array(size),
    ...(papers ? { papers } : {}) };
}

/** The value to store in db.kv. */
export function serializeSearchIndex(index: SearchIndex): SerializedSearchIndex {
  return index.data;
}

function isSerializedSearchIndex(value: unknown): value is SerializedSearchIndex {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SerializedSearchIndex>;
  return (
    v.version === SEARCH_INDEX_VERSION &&
    Array.isArray(v.ids) &&
    Array.isArray(v.terms) &&
    v.termOffsets instanceof Uint32Array &&
    v.termOffsets.length === v.terms.length + 1 &&
    v.postingDocs instanceof Uint32Array &&
    v.postingFields instanceof Uint8Array &&
    v.postingFields.length === v.postingDocs.length &&
    v.dates instanceof Uint16Array &&
    v.dates.length === v.ids.length &&
    v.flags instanceof Uint8Array &&
    v.titleLengths instanceof Uint8Array &&
    Array.isArray(v.categoryNames) &&
    v.categoryOffsets instanceof Uint32Array &&
    v.categoryOffsets.length === v.ids.length + 1 &&
    v.categoryRefs instanceof Uint16Array &&
    Array.isArray(v.listNames) &&
    v.listOffsets instanceof Uint32Array &&
    v.listOffsets.length === v.ids.length + 1 &&
    v.listRefs instanceof Uint16Array &&
    v.listChunks instanceof Uint32Array &&
    v.listChunks.length === v.listRefs.length
  );
}

/**
 * Revives a stored index. Returns undefined for anything that is not an index of the current
 * version (an older layout, a damaged value): the caller rebuilds.
 */
export function loadSearchIndex(serialized: unknown, papers?: readonly Paper[]): SearchIndex | undefined {
  if (!isSerializedSearchIndex(serialized)) return undefined;
  if (papers && papers.length !== serialized.ids.length) return undefined;
  return withDerived(serialized, papers);
}

/** First index i in sorted `terms` with terms[i] >= key. */
function lowerBound(terms: readonly string[], key: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((terms[mid] ?? '') < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Typos allowed for a typed word: none for short words, one from 4 letters, two from 6. */
export function allowedTypos(term: string): number {
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

function postingCount(index: SearchIndex, t: number): number {
  return (index.data.termOffsets[t + 1] ?? 0) - (index.data.termOffsets[t] ?? 0);
}

/** Index terms a query term reaches, each with how well it matches (1 = exact). */
function expandTerm(index: SearchIndex, queryTerm: string): Map<number, number> {
  const { terms } = index.data;
  const reached = new Map<number, number>();
  const start = lowerBound(terms, queryTerm);
  let end = start;
  let postings = 0;
  while (end < terms.length && (terms[end] ?? '').startsWith(queryTerm)) postings += postingCount(index, end++);
  let completions = Array.from({ length: end - start }, (_, i) => start + i);
  if (postings > PREFIX_POSTING_BUDGET) {
    const byFrequency = completions.sort((a, b) => postingCount(index, b) - postingCount(index, a));
    completions = [];
    let spent = 0;
    for (const t of byFrequency) {
      if (spent >= PREFIX_POSTING_BUDGET && terms[t] !== queryTerm) continue;
      completions.push(t);
      spent += postingCount(index, t);
    }
  }
  for (const t of completions) {
    const term = terms[t] ?? '';
    // A prefix match is worth more the more of the word is typed.
    reached.set(t, term.length === queryTerm.length ? 1 : 0.5 + 0.4 * (queryTerm.length / term.length));
  }
  const typos = allowedTypos(queryTerm);
  if (typos > 0 && postings < FUZZY_BELOW_POSTINGS) {
    for (const [, [t, distance]] of fuzzyTerms(index).fuzzyGet(queryTerm, typos)) {
      if (!reached.has(t)) reached.set(t, distance === 1 ? 0.45 : 0.3);
    }
  }
  return reached;
}

function fuzzyTerms(index: SearchIndex): SearchableMap<number> {
  index.fuzzyTerms ??= buildFuzzyTerms(index.data.terms);
  return index.fuzzyTerms;
}

/**
 * Builds the typo-tolerance structure now (tens of ms at 100k papers) instead of on the first
 * query with a typo: call it when the popup is idle after its first paint.
 */
export function warmSearchIndex(index: SearchIndex): void {
  fuzzyTerms(index);
}

function buildFuzzyTerms(terms: readonly string[]): SearchableMap<number> {
  const map = new SearchableMap<number>();
  terms.forEach((term, t) => map.set(term, t));
  return map;
}

function fieldWeight(fields: number): number {
  let weight = 0;
  for (const [field, fieldWeightValue] of FIELD_WEIGHTS) if (fields & field) weight += fieldWeightValue;
  return weight;
}

/** Field weights for every bit combination, computed once. */
const WEIGHT_OF_FIELDS = Float32Array.from({ length: 32 }, (_, fields) => fieldWeight(fields));

function docFilter(index: SearchIndex, filters: SearchFilters | undefined): ((doc: number) => boolean) | undefined {
  if (!filters) return undefined;
  const { data } = index;
  const checks: Array<(doc: number) => boolean> = [];
  if (filters.categories && filters.categories.length > 0) {
    const wanted = filters.categories;
    const allowed = new Set<number>();
    data.categoryNames.forEach((name, n) => {
      if (wanted.some((path) => name === path || name.startsWith(`${path} › `))) allowed.add(n);
    });
    checks.push((doc) => {
      for (let i = data.categoryOffsets[doc] ?? 0; i < (data.categoryOffsets[doc + 1] ?? 0); i++) {
        if (allowed.has(data.categoryRefs[i] ?? -1)) return true;
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
    checks.push((doc) => (((data.flags[doc] ?? 0) & FLAG_HAS_CODE) !== 0) === want);
  }
  if (filters.savedIds) {
    const saved = filters.savedIds;
    checks.push((doc) => saved.has(data.ids[doc] ?? ''));
  }
  if (filters.listId !== undefined) {
    const list = data.listNames.indexOf(filters.listId);
    checks.push((doc) => {
      for (let i = data.listOffsets[doc] ?? 0; i < (data.listOffsets[doc + 1] ?? 0); i++) {
        if (data.listRefs[i] === list) return true;
      }
      return false;
    });
  }
  if (checks.length === 0) return undefined;
  return (doc) => checks.every((check) => check(doc));
}

function toHit(index: SearchIndex, doc: number, score: number): SearchHit {
  const { data } = index;
  const id = data.ids[doc] ?? '';
  const paper = index.papers?.[doc];
  if (paper) return { id, score, paper };
  const places: HitPlace[] = [];
  for (let i = data.listOffsets[doc] ?? 0; i < (data.listOffsets[doc + 1] ?? 0); i++) {
    const chunk = data.listChunks[i] ?? NO_CHUNK;
    if (chunk !== NO_CHUNK) places.push({ listId: data.listNames[data.listRefs[i] ?? 0] ?? '', chunk });
  }
  return places.length > 0 ? { id, score, places } : { id, score };
}

/** Keeps the `limit` best (doc, key) pairs; cheaper than sorting every candidate. */
function topDocs(candidates: Iterable<number>, key: (doc: number) => number, limit: number): number[] {
  const top: number[] = [];
  const keys: number[] = [];
  for (const doc of candidates) {
    const k = key(doc);
    if (top.length === limit && k <= (keys[limit - 1] ?? -Infinity)) continue;
    let at = top.length;
    while (at > 0 && (keys[at - 1] ?? 0) < k) at--;
    top.splice(at, 0, doc);
    keys.splice(at, 0, k);
    if (top.length > limit) {
      top.pop();
      keys.pop();
    }
  }
  return top;
}

/**
 * Ranked papers for a typed query. Every word must match (prefix, exact or within the typos
 * its length allows); when no paper has them all, papers matching the most words come first.
 * An empty query lists papers (filtered) newest first.
 */
export function searchPapers(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 50;
  const accept = docFilter(index, options.filters);
  const { data, scores, matched } = index;
  const dateOf = (doc: number): number => data.dates[doc] ?? 0;
  const queryTerms = tokenizeQuery(query).slice(0, 16);

  if (queryTerms.length === 0) {
    const docs: number[] = [];
    for (let doc = 0; doc < index.size; doc++) if (!accept || accept(doc)) docs.push(doc);
    return topDocs(docs, dateOf, limit).map((doc) => toHit(index, doc, 0));
  }

  const allBits = (1 << queryTerms.length) - 1;
  let coveragePenalty = false;
  let touchedCount = accumulateScores(index, queryTerms, true);
  let candidates = collectCandidates(index, touchedCount, (doc) => matched[doc] === allBits && (!accept || accept(doc)));
  if (candidates.length === 0 && queryTerms.length > 1) {
    // No paper has every word: rank the papers having the most of them.
    resetScores(index, touchedCount);
    touchedCount = accumulateScores(index, queryTerms, false);
    candidates = collectCandidates(index, touchedCount, (doc) => !accept || accept(doc));
    coveragePenalty = true;
  }
  const relevance = (doc: number): number => {
    // Shorter titles that match are more about the query (BM25's length normalization, lightly).
    const lengthNorm = 1 / (0.75 + 0.25 * ((data.titleLengths[doc] ?? 8) / 8));
    const score = (scores[doc] ?? 0) * lengthNorm;
    return coveragePenalty ? bitCount(matched[doc] ?? 0) * 1000 + score : score;
  };
  const key = options.sort === 'date' ? (doc: number) => dateOf(doc) * 1e6 + relevance(doc) : relevance;
  const hits = topDocs(candidates, key, limit).map((doc) => toHit(index, doc, relevance(doc)));
  resetScores(index, touchedCount);
  return hits;
}

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
  const { data, scores, matched, bestForTerm, touchedDocs, termDocs, idf } = index;
  const { termOffsets, postingDocs, postingFields } = data;
  let touchedCount = 0;
  for (let q = 0; q < queryTerms.length; q++) {
    const bit = 1 << q;
    const required = bit - 1;
    const pruned = allWords && q > 0;
    let termCount = 0;
    for (const [t, quality] of expandTerm(index, queryTerms[q] ?? '')) {
      const termWeight = (idf[t] ?? 0) * quality;
      const end = termOffsets[t + 1] ?? 0;
      for (let p = termOffsets[t] ?? 0; p < end; p++) {
        const doc = postingDocs[p] ?? 0;
        if (pruned && matched[doc] !== required) continue;
        const weight = termWeight * (WEIGHT_OF_FIELDS[postingFields[p] ?? 0] ?? 0);
        const best = bestForTerm[doc] ?? 0;
        if (best === 0) termDocs[termCount++] = doc;
        // Several index terms can answer one query word ("radi" → radiology, radiologist): the best counts.
        if (weight > best) bestForTerm[doc] = weight;
      }
    }
    for (let i = 0; i < termCount; i++) {
      const doc = termDocs[i] ?? 0;
      if (matched[doc] === 0) touchedDocs[touchedCount++] = doc;
      matched[doc] = (matched[doc] ?? 0) | bit;
      scores[doc] = (scores[doc] ?? 0) + (bestForTerm[doc] ?? 0);
      bestForTerm[doc] = 0;
    }
    if (pruned && termCount === 0) break;
  }
  return touchedCount;
}

function collectCandidates(index: SearchIndex, touchedCount: number, keep: (doc: number) => boolean): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < touchedCount; i++) {
    const doc = index.touchedDocs[i] ?? 0;
    if (keep(doc)) candidates.push(doc);
  }
  return candidates;
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

function leafOf(path: string): string {
  const parts = path.split(' › ');
  return parts[parts.length - 1] ?? path;
}

/** Categories with their paper counts, most papers first (the empty-box view). */
export function categoryCounts(source: SearchIndex | readonly Paper[]): CategoryCount[] {
  const counts = new Map<string, number>();
  if (Array.isArray(source)) {
    for (const paper of source as readonly Paper[]) {
      for (const path of new Set(paper.categories)) counts.set(path, (counts.get(path) ?? 0) + 1);
    }
  } else {
    const { data } = source as SearchIndex;
    const perCategory = new Uint32Array(data.categoryNames.length);
    for (const ref of data.categoryRefs) perCategory[ref] = (perCategory[ref] ?? 0) + 1;
    data.categoryNames.forEach((path, n) => counts.set(path, perCategory[n] ?? 0));
  }
  return [...counts]
    .map(([path, count]) => ({ path, leaf: leafOf(path), count }))
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
}

/** The distinct years of the indexed papers, newest first (for a year-range filter). */
export function indexYears(index: SearchIndex): number[] {
  const years = new Set<number>();
  for (const date of index.data.dates) if (date > 0) years.add(Math.floor(date / 16));
  return [...years].sort((a, b) => b - a);
}

/** The newest papers (by list date), optionally filtered: the empty-box view. */
export function newestPapers(index: SearchIndex, limit = 10, filters?: SearchFilters): SearchHit[] {
  return searchPapers(index, '', { limit, ...(filters ? { filters } : {}) });
}
