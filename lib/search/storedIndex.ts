/**
 * The stored search index as a page reads it, without the database code: checking and loading a
 * stored row, and reading the papers of hits through an EntryReader. The popup's first results
 * need only this, so it imports no Dexie (lib/search/store.ts, which writes the row and reads it
 * through Dexie, re-exports it).
 */
import { mergeEntries } from '../db/catalog';
import type { Paper, StoredEntry } from '../types';
import { isSerializedSearchIndex, loadSearchIndex, type SearchHit, type SearchIndex, type SerializedSearchIndex } from './engine';

/** The db.kv row under SEARCH_INDEX_KEY. */
export interface StoredSearchIndex {
  fingerprint: string;
  index: SerializedSearchIndex;
}

/**
 * A stored index row (as Dexie or the popup's early read returns it, unchecked): its fingerprint
 * and loaded index, or undefined when the row is absent, of another version or damaged.
 */
export function loadStoredSearchIndex(value: unknown): { fingerprint: unknown; index: SearchIndex } | undefined {
  const row = value as Partial<StoredSearchIndex> | undefined;
  const index = loadSearchIndex(row?.index);
  return index ? { fingerprint: row?.fingerprint, index } : undefined;
}

/** Whether a stored index row (unchecked) holds an index of this version that loads, without loading it. */
export function isStoredSearchIndex(value: unknown): boolean {
  return isSerializedSearchIndex((value as Partial<StoredSearchIndex> | undefined)?.index);
}

/** The index of a stored row if it was built for `fingerprint` (checked before anything is decoded), else undefined. */
export function indexBuiltFor(value: unknown, fingerprint: unknown): SearchIndex | undefined {
  const row = value as Partial<StoredSearchIndex> | undefined;
  return row?.fingerprint === fingerprint ? loadSearchIndex(row?.index) : undefined;
}

/** How the papers of hits are read: the stored entries (in enabled lists) of some paper ids. */
export interface EntryReader {
  withIds(ids: string[]): Promise<StoredEntry[]>;
}

/**
 * The papers of some hits, in hit order. A loaded index carries only ids (the papers stay in the
 * database), so the popup reads just the rows it shows, in one read by id. A hit whose paper is
 * gone (a list rewritten under an open popup, before its new index arrives) is left out.
 */
export async function papersForHits(hits: readonly SearchHit[], read: EntryReader): Promise<Paper[]> {
  const missing = hits.filter((hit) => !hit.paper).map((hit) => hit.id);
  const fetched = new Map<string, Paper>();
  if (missing.length > 0) for (const paper of mergeEntries(await read.withIds(missing))) fetched.set(paper.id, paper);
  return hits.flatMap((hit) => {
    const paper = hit.paper ?? fetched.get(hit.id);
    return paper ? [paper] : [];
  });
}
