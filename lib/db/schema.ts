/**
 * Lantern's IndexedDB schema, declared in one place: every version with its stores and its
 * upgrade. To change the schema, append a version to `SCHEMA_VERSIONS` (never edit a past one),
 * add `tests/fixtures/db/v<n>.json` with data as that version stored it, and the upgrade test
 * (tests/unit/db-schema.test.ts) checks that every earlier example opens under the new schema.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { ListInfo, SavedItem, StoredEntry } from '../types';

/** A small key-value table for state that is not a row of its own (search index, refresh state, settings). */
export interface KeyValue {
  key: string;
  value: unknown;
}

export interface SchemaVersion {
  version: number;
  /** Dexie store declarations that change in this version (unchanged tables may be omitted). */
  stores: Record<string, string | null>;
  /** Rewrites data stored by the previous version; runs once, inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      lists: 'id',
      // One row per paper per list; `keys` holds every identifier ("arxiv:…", "doi:…", "title:…")
      // so any identifier finds the paper through one multi-entry index.
      entries: '[listId+id], id, listId, *keys, *categories, year, addedAt',
      saved: 'id, status, *tags, addedAt, updatedAt',
    },
  },
  {
    version: 2,
    // The key-value table, and the optional star on saved items. `starred` is a boolean, which
    // IndexedDB cannot index, so it is filtered in memory rather than declared as an index.
    stores: { kv: 'key' },
    upgrade: async (tx) => {
      await tx
        .table('saved')
        .toCollection()
        .modify((item: Partial<SavedItem>) => {
          if (typeof item.starred !== 'boolean') item.starred = false;
        });
    },
  },
];

export const DB_NAME = 'lantern';

export class LanternDB extends Dexie {
  lists!: EntityTable<ListInfo, 'id'>;
  entries!: Table<StoredEntry, [string, string]>;
  saved!: EntityTable<SavedItem, 'id'>;
  kv!: EntityTable<KeyValue, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const step of SCHEMA_VERSIONS) {
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade) version.upgrade(step.upgrade);
    }
  }
}
