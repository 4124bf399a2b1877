/**
 * Starts reading the stored search index with plain IndexedDB before the popup's main code
 * (Preact, Dexie, the search engine: ~170 kB to parse) has run, so the two overlap. Kept free of
 * imports on purpose: the popup's first script must stay tiny. The row and table names are those
 * of lib/search/store.ts and lib/db/schema.ts (a unit test checks they agree).
 */
export const DB_NAME = 'lantern';
export const SEARCH_INDEX_ROW = 'search-index';

export interface EarlyRead {
  /** The stored `search-index` row's value, unchecked. */
  stored: unknown;
  /** The `lists` table's rows, unchecked. */
  lists: unknown[];
  /**
   * The `entries` rows of these paper ids, unchecked, over the connection this read opened (kept
   * open: Dexie's own first query waits ~40 ms at 100k entries for its opening). Rejects once the
   * connection is gone (closed for a schema upgrade).
   */
  entriesWithIds(ids: readonly string[]): Promise<unknown[]>;
}

const ENTRIES_BY_ID = 'id';

function entriesWithIds(db: IDBDatabase, ids: readonly string[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('entries', 'readonly');
    const byId = tx.objectStore('entries').index(ENTRIES_BY_ID);
    const reads = ids.map((id) => byId.getAll(id));
    tx.oncomplete = () => resolve(reads.flatMap((read) => read.result as unknown[]));
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
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
            entriesWithIds: (ids) => entriesWithIds(db, ids),
          });
        tx.onerror = () => done(undefined);
        tx.onabort = () => done(undefined);
      } catch {
        done(undefined);
      }
    };
  });
}
