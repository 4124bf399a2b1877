/**
 * Lantern's IndexedDB schema, declared in one place: every version with its stores and its
 * upgrade. To change the schema, append a version to `SCHEMA_VERSIONS` (never edit a past one),
 * add `tests/fixtures/db/v<n>.json` with data as that version stored it, and the upgrade test
 * (tests/unit/db-schema.test.ts) checks that every earlier example opens under the new schema.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { nameFromText, namesFromByline } from '../names';
import type { AuthorList, CslName, ListInfo, RemovedItem, SavedItem, SavedPaper, StoredEntry } from '../types';
import { layoutList, type EntryChunk, type EntryKeyBucket, type ListManifest } from './layout';

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
  {
    version: 3,
    // Lists stored as chunks, key buckets and a manifest (layout.ts) instead of one row per entry:
    // ~30× faster to write a large list. The rows of v1's `entries` are moved over here and the
    // table itself is dropped in v4 (Dexie lets an upgrade read only tables that still exist).
    stores: { entryChunks: '[listId+chunk]', entryKeys: '[listId+bucket]', manifests: 'listId' },
    upgrade: async (tx) => {
      const rows = (await tx.table('entries').toArray()) as (StoredEntry & { keys?: unknown })[];
      const byList = new Map<string, StoredEntry[]>();
      for (const { keys: _keys, ...entry } of rows) {
        const list = byList.get(entry.listId);
        if (list) list.push(entry);
        else byList.set(entry.listId, [entry]);
      }
      for (const [listId, entries] of byList) {
        entries.sort((a, b) => a.line - b.line || (a.id < b.id ? -1 : 1));
        const layout = layoutList(listId, entries);
        await tx.table('entryChunks').bulkAdd(layout.chunks);
        await tx.table('entryKeys').bulkAdd(layout.buckets);
        await tx.table('manifests').add(layout.manifest);
        await tx.table('lists').update(listId, { entryCount: entries.length });
      }
    },
  },
  {
    version: 4,
    stores: { entries: null },
  },
  {
    version: 5,
    // Authors kept structured (CSL-JSON names) beside the byline, in list entries and saved items.
    stores: {},
    upgrade: async (tx) => {
      await tx
        .table('entryChunks')
        .toCollection()
        .modify((chunk: EntryChunk) => {
          for (const entry of chunk.entries) entry.authorList ??= namesFromByline(entry.authors ?? '');
        });
      await tx
        .table('saved')
        .toCollection()
        .modify((item: SavedItem) => {
          item.paper.authorList ??= legacyAuthorList(item.paper);
        });
    },
  },
  {
    version: 6,
    // Unsaving never destroys: removed saved items wait here, whole, for 30 days (lib/db/readingList.ts).
    stores: { removed: 'id, removedAt' },
  },
];

/**
 * The authors of a paper saved before they were kept structured. A paper saved from a page
 * joined the page's names with ", ", so "Nori, Harsha, Lee, Yin Tat" is read as pairs when it
 * splits into an even number of parts of which some are one word ("First Last" names are two
 * words or more); every other byline is read as a list writes it.
 */
export function legacyAuthorList(paper: Pick<SavedPaper, 'authors' | 'links'>): AuthorList {
  const authors = paper.authors ?? '';
  const fromPage = paper.links.some((link) => link.label === 'page');
  const parts = authors.split(',').map((part) => part.trim());
  if (fromPage && parts.length % 2 === 0 && parts.every(Boolean) && parts.some((part) => !part.includes(' '))) {
    const names: CslName[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const name = nameFromText(`${parts[i]}, ${parts[i + 1]}`);
      if (name) names.push(name);
    }
    return { names, etAl: false };
  }
  return namesFromByline(authors);
}

export const DB_NAME = 'lantern';

export class LanternDB extends Dexie {
  lists!: EntityTable<ListInfo, 'id'>;
  entryChunks!: Table<EntryChunk, [string, number]>;
  entryKeys!: Table<EntryKeyBucket, [string, number]>;
  manifests!: EntityTable<ListManifest, 'listId'>;
  saved!: EntityTable<SavedItem, 'id'>;
  removed!: EntityTable<RemovedItem, 'id'>;
  kv!: EntityTable<KeyValue, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const step of SCHEMA_VERSIONS) {
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade) version.upgrade(step.upgrade);
    }
  }
}
