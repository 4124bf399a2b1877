/**
 * Starts reading the stored search index with plain IndexedDB before the popup's main code
 * (Preact, Dexie, the search engine: ~170 kB to parse) has run, so the two overlap. Imports only
 * the import-free bucket helpers (lib/db/buckets.ts) and the schema's names (lib/db/schemaNames.ts):
 * the popup's first script must stay tiny. It lives with the database code because it is a
 * database read: no page opens a transaction of its own.
 */
import { entriesAtPlaces, idKey, keyBucket, placesInBuckets } from './buckets';
import type { EntryChunk, EntryKeyBucket, EntryPlace } from './layout';
import { DB_NAME, SEARCH_INDEX_KEY, TABLES } from './schemaNames';

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
}

/** Chunk rows of these places, each read once, in one transaction (then the entries at the places). */
function readChunks(tx: IDBTransaction, places: readonly EntryPlace[], onRead: (chunks: (EntryChunk | undefined)[]) => void): void {
  const keys = new Map(places.map((p) => [`${p.listId}\n${p.chunk}`, [p.listId, p.chunk]]));
  const reads = [...keys.values()].map((key) => tx.objectStore(TABLES.entryChunks).get(key));
  let left = reads.length;
  if (left === 0) onRead([]);
  for (const read of reads) {
    read.onsuccess = () => {
      if (--left === 0) onRead(reads.map((r) => r.result as EntryChunk | undefined));
    };
  }
}

function finish(tx: IDBTransaction, found: () => unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(found());
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** The entries of these ids in these lists: the key buckets of their ids, then the chunks those point at, in one transaction. */
function entriesWithIds(db: IDBDatabase, listIds: readonly string[], ids: readonly string[]): Promise<unknown[]> {
  const wanted = new Set(ids.map(idKey));
  const buckets = new Set([...wanted].map(keyBucket));
  const tx = db.transaction([TABLES.entryKeys, TABLES.entryChunks], 'readonly');
  const reads = listIds.flatMap((listId) => [...buckets].map((bucket) => tx.objectStore(TABLES.entryKeys).get([listId, bucket])));
  let found: unknown[] = [];
  let left = reads.length;
  for (const read of reads) {
    read.onsuccess = () => {
      if (--left > 0) return;
      const rows = reads.map((r) => r.result as EntryKeyBucket | undefined).filter((r): r is EntryKeyBucket => r !== undefined);
      const places = placesInBuckets(rows, (key) => wanted.has(key));
      readChunks(tx, places, (chunks) => (found = entriesAtPlaces(chunks, places)));
    };
  }
  return finish(tx, () => found);
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
        const tx = db.transaction([TABLES.kv, TABLES.lists], 'readonly');
        const row = tx.objectStore(TABLES.kv).get(SEARCH_INDEX_KEY);
        const lists = tx.objectStore(TABLES.lists).getAll();
        tx.oncomplete = () =>
          done({
            stored: (row.result as { value?: unknown } | undefined)?.value,
            lists: lists.result,
            entriesWithIds: (ids) => entriesWithIds(db, enabledListIds(lists.result as unknown[]), ids),
          });
        tx.onerror = () => done(undefined);
        tx.onabort = () => done(undefined);
      } catch {
        done(undefined);
      }
    };
  });
}
