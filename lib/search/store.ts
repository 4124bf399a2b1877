/**
 * Where the search index lives: built from Dexie (the source of truth) and kept in db.kv, so the
 * popup loads it in milliseconds instead of building it (seconds at 100k papers). A fingerprint
 * of the lists follows changes: any list refreshed, added, removed or toggled means a rebuild.
 * Extension pages and the background only (imports the database).
 */
import { liveQuery } from 'dexie';
import { allPapers, entriesWithIds, mergeEntries } from '../db/catalog';
import type { LanternDB } from '../db/schema';
import { SEARCH_INDEX_KEY } from '../db/schemaNames';
import type { ListInfo, Paper, StoredEntry } from '../types';
import {
  SEARCH_INDEX_VERSION,
  buildSearchIndexInSlices,
  isSerializedSearchIndex,
  loadSearchIndex,
  serializeSearchIndex,
  type SearchHit,
  type SearchIndex,
  type SerializedSearchIndex,
} from './engine';

export { SEARCH_INDEX_KEY };
/** The fingerprint alone, so the background can check freshness without reading megabytes. */
export const SEARCH_INDEX_FINGERPRINT_KEY = 'search-index-fingerprint';

interface StoredSearchIndex {
  fingerprint: string;
  index: SerializedSearchIndex;
}

/** Changes whenever the indexed papers may have: list contents, dates, enabled flags, entry count. */
export async function searchIndexFingerprint(db: LanternDB): Promise<string> {
  const lists = await db.lists.toArray();
  const listState = lists
    .map((list) => [list.id, list.enabled, list.entryCount, list.fetchedAt, list.etag ?? '', list.lastModified ?? ''])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return JSON.stringify([SEARCH_INDEX_VERSION, listState]);
}

/** Builds the index from the enabled lists and stores it. `known`: some lists' entries, exactly as just stored, not read again. */
export async function rebuildSearchIndex(db: LanternDB, known?: ReadonlyMap<string, readonly StoredEntry[]>): Promise<SearchIndex> {
  const fingerprint = await searchIndexFingerprint(db);
  const papers = await allPapers(db, known ? { known } : {});
  const index = await buildSearchIndexInSlices(papers);
  const stored: StoredSearchIndex = { fingerprint, index: serializeSearchIndex(index) };
  await db.kv.bulkPut([
    { key: SEARCH_INDEX_KEY, value: stored },
    { key: SEARCH_INDEX_FINGERPRINT_KEY, value: fingerprint },
  ]);
  return index;
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
function indexBuiltFor(value: unknown, fingerprint: unknown): SearchIndex | undefined {
  const row = value as Partial<StoredSearchIndex> | undefined;
  return row?.fingerprint === fingerprint ? loadSearchIndex(row?.index) : undefined;
}

/** The stored index if it was built for `fingerprint`, else undefined (absent, outdated or unreadable). */
export async function storedSearchIndexFor(db: LanternDB, fingerprint: unknown): Promise<SearchIndex | undefined> {
  return indexBuiltFor((await db.kv.get(SEARCH_INDEX_KEY))?.value, fingerprint);
}

/**
 * What tells a page that the stored index may have changed: the small fingerprint row stored beside
 * it (not the megabytes of the index) and the lists. Reads only those two tables, so a liveQuery
 * over it wakes only when they change.
 */
export async function searchIndexState(db: LanternDB): Promise<{ fingerprint: unknown; lists: ListInfo[] }> {
  const [row, lists] = await Promise.all([db.kv.get(SEARCH_INDEX_FINGERPRINT_KEY), db.lists.toArray()]);
  return { fingerprint: row?.value, lists };
}

/**
 * One index task at a time per database: the background's watcher and a refresh that waits for a
 * fresh index would otherwise both see a stale fingerprint and build it twice, side by side.
 */
const indexTasks = new WeakMap<LanternDB, Promise<unknown>>();

function oneAtATime<T>(db: LanternDB, task: () => Promise<T>): Promise<T> {
  const run = (indexTasks.get(db) ?? Promise.resolve()).then(task, task);
  indexTasks.set(db, run.catch(() => undefined));
  return run;
}

/** The stored index when it matches the lists, else a freshly built (and stored) one. */
export function getSearchIndex(db: LanternDB): Promise<SearchIndex> {
  return oneAtATime(db, async () => {
    const [fingerprint, row] = await Promise.all([searchIndexFingerprint(db), db.kv.get(SEARCH_INDEX_KEY)]);
    return indexBuiltFor(row?.value, fingerprint) ?? rebuildSearchIndex(db);
  });
}

/**
 * The background's keeper of the stored index: it rebuilds the index whenever the lists change.
 * A list write hands it the entries it just stored (`offerStoredList`), so the rebuild that
 * follows does not read them back (a second or more at 100k entries); entries are taken only
 * while their list is still the one stored with them.
 */
export interface SearchIndexKeeper {
  /** Offers a list's entries, just stored with this row, to the next rebuild. */
  offerStoredList(list: ListInfo, entries: readonly StoredEntry[]): void;
  /** Makes sure the stored index matches the lists, rebuilding it when not; never loads it. */
  ensureStored(): Promise<void>;
  /**
   * Rebuilds the stored index whenever the lists change (seed, refresh, add, remove, toggle), so
   * the popup always finds a fresh one to load. Returns a stop function, which resolves once the
   * database's index tasks under way (this watch's or any other's) have ended: it can then close.
   */
  keepFresh(onError?: (error: unknown) => void): () => Promise<void>;
}

export function createSearchIndexKeeper(db: LanternDB): SearchIndexKeeper {
  let offered = new Map<string, { list: ListInfo; entries: readonly StoredEntry[] }>();
  /** The offered entries of lists whose row is still the one stored with them; forgets all offers. */
  const takeOffered = async (): Promise<Map<string, readonly StoredEntry[]>> => {
    const taken = offered;
    offered = new Map();
    const known = new Map<string, readonly StoredEntry[]>();
    for (const row of await db.lists.bulkGet([...taken.keys()])) {
      const given = row && taken.get(row.id);
      if (given && given.list.fetchedAt === row.fetchedAt && given.list.entryCount === row.entryCount) known.set(row.id, given.entries);
    }
    return known;
  };
  const ensureStored = (): Promise<void> =>
    oneAtATime(db, async () => {
      const [fingerprint, stored] = await Promise.all([searchIndexFingerprint(db), db.kv.get(SEARCH_INDEX_FINGERPRINT_KEY)]);
      if (stored?.value !== fingerprint) await rebuildSearchIndex(db, await takeOffered());
      // Nothing left to build from offered entries: do not keep them in memory.
      else offered = new Map();
    });
  return {
    offerStoredList(list, entries) {
      offered.set(list.id, { list, entries });
    },
    ensureStored,
    keepFresh(onError = console.error) {
      const subscription = liveQuery(() => searchIndexFingerprint(db)).subscribe({
        // No rebuild when the stored index already matches (a worker restart, or a refresh that waited for it).
        next: () => {
          ensureStored().catch(onError);
        },
        error: onError,
      });
      return async () => {
        subscription.unsubscribe();
        // The database's chain of index tasks, whoever asked for them; it never rejects.
        await indexTasks.get(db);
      };
    },
  };
}

/** How the papers of hits are read: the stored entries (in enabled lists) of some paper ids. */
export interface EntryReader {
  withIds(ids: string[]): Promise<StoredEntry[]>;
}

export function dexieEntryReader(db: LanternDB): EntryReader {
  return { withIds: (ids) => entriesWithIds(db, ids) };
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
