/**
 * Starts reading the stored search index with plain IndexedDB before the popup's main code
 * (Preact, Dexie, the search engine: ~170 kB to parse) has run, so the two overlap. Imports only
 * the import-free bucket arithmetic: the popup's first script must stay tiny. The row and table
 * names are those of lib/search/store.ts and lib/db/schema.ts (a unit test checks they agree).
 */
import { idKey, keyBucket } from '../../lib/db/buckets';

export const DB_NAME = 'lantern';
export const SEARCH_INDEX_ROW = 'search-index';

export interface EarlyRead {
  /** The stored `search-index` row's value, unchecked. */
  stored: unknown;
  /** The `lists` table's rows, unchecked. */
  lists: unknown[];
  /**
   * The stored entries of these paper ids in enabled lists, unchecked, over the connection this
   * read opened (kept open: Dexie's own first query waits ~40 ms at 100k entries for its
   * opening). Rejects once the connection is gone (closed for a schema upgrade).
   */
  entriesWithIds(ids: readonly string[]): Promise<unknown[]>;
  /** The stored entries at these places (paper id, list, chunk), unchecked, in one read of their chunks; rejects likewise. */
  entriesAt(places: readonly EarlyPlace[]): Promise<unknown[]>;
}

/** Where a paper is stored: lib/db/layout.ts's EntryPlace. */
export interface EarlyPlace {
  listId: string;
  id: string;
  chunk: number;
}

/** The rows of lib/db/layout.ts this script reads, as far as it reads them. */
interface KeyBucketRow {
  keys: string[];
  chunks: number[];
}
interface ChunkRow {
  entries: { id: string }[];
}

/**
 * The entries of these ids in these lists, in one transaction: the key buckets of their ids
 * (lib/db/layout.ts), then the chunks those point at.
 */
function entriesWithIds(db: IDBDatabase, listIds: readonly string[], ids: readonly string[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const wanted = new Set(ids);
    const wantedKeys = new Set(ids.map(idKey));
    const found: unknown[] = [];
    const tx = db.transaction(['entryKeys', 'entryChunks'], 'readonly');
    const keyRows = tx.objectStore('entryKeys');
    const chunkRows = tx.objectStore('entryChunks');
    const buckets = new Set([...wantedKeys].map(keyBucket));
    for (const listId of listIds) {
      // Two wanted ids in different buckets may share a chunk: it is read once.
      const chunksRead = new Set<number>();
      for (const bucket of buckets) {
        const read = keyRows.get([listId, bucket]);
        read.onsuccess = () => {
          const row = read.result as KeyBucketRow | undefined;
          const chunks = new Set<number>();
          row?.keys.forEach((key, i) => {
            const chunk = row.chunks[i]!;
            if (wantedKeys.has(key) && !chunksRead.has(chunk)) chunks.add(chunk);
          });
          for (const chunk of chunks) {
            chunksRead.add(chunk);
            const rows = chunkRows.get([listId, chunk]);
            rows.onsuccess = () => {
              for (const entry of (rows.result as ChunkRow | undefined)?.entries ?? []) if (wanted.has(entry.id)) found.push(entry);
            };
          }
        };
      }
    }
    tx.oncomplete = () => resolve(found);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function entriesAt(db: IDBDatabase, places: readonly EarlyPlace[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const wanted = new Map<string, Set<string>>();
    for (const { listId, chunk, id } of places) {
      const key = `${listId}\n${chunk}`;
      const ids = wanted.get(key);
      if (ids) ids.add(id);
      else wanted.set(key, new Set([id]));
    }
    const found: unknown[] = [];
    const tx = db.transaction('entryChunks', 'readonly');
    const chunkRows = tx.objectStore('entryChunks');
    for (const { listId, chunk } of places) {
      const ids = wanted.get(`${listId}\n${chunk}`);
      if (!ids) continue;
      wanted.delete(`${listId}\n${chunk}`);
      const read = chunkRows.get([listId, chunk]);
      read.onsuccess = () => {
        for (const entry of (read.result as ChunkRow | undefined)?.entries ?? []) if (ids.has(entry.id)) found.push(entry);
      };
    }
    tx.oncomplete = () => resolve(found);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function enabledListIds(lists: readonly unknown[]): string[] {
  return lists.flatMap((list) => {
    const { id, enabled } = (list ?? {}) as { id?: unknown; enabled?: unknown };
    return typeof id === 'string' && enabled === true ? [id] : [];
  });
}

/** Undefined when there is nothing to read yet (first run) or the read failed: the app then loads normally. */
export function readStoredIndexEarly(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<EarlyRead | undefined> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(name);
    } catch {
      resolve(undefined);
      return;
    }
    // No database yet: creating it is Dexie's job (with the real schema), so do not.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onblocked = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      // Never stand in the way of an upgrade (the background's Dexie may bring a new schema).
      db.onversionchange = () => db.close();
      const done = (value: EarlyRead | undefined) => {
        if (!value) db.close();
        resolve(value);
      };
      try {
        const tx = db.transaction(['kv', 'lists'], 'readonly');
        const row = tx.objectStore('kv').get(SEARCH_INDEX_ROW);
        const lists = tx.objectStore('lists').getAll();
        tx.oncomplete = () =>
          done({
            stored: (row.result as { value?: unknown } | undefined)?.value,
            lists: lists.result,
            entriesWithIds: (ids) => entriesWithIds(db, enabledListIds(lists.result as unknown[]), ids),
            entriesAt: (places) => entriesAt(db, places),
          });
        tx.onerror = () => done(undefined);
        tx.onabort = () => done(undefined);
      } catch {
        done(undefined);
      }
    };
  });
}
