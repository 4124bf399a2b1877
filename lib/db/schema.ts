/**
 * Lantern's IndexedDB schema, declared in one place: every version with its stores and its
 * upgrade. To change the schema, append a version to `SCHEMA_VERSIONS` (never change what a past
 * one stores), add `tests/fixtures/db/v<n>.json` with data as that version stored it, and the
 * upgrade test (tests/unit/db-schema.test.ts) checks that every earlier example opens under the
 * new schema. An upgrade runs the code as it was at its version (./frozen/), never live code that
 * may change later: an old database must upgrade the same way whenever it is opened.
 *
 * An upgrade converts row by row, and a row it cannot convert is taken out and kept aside
 * (./setAside.ts) instead of failing the upgrade: a failed upgrade leaves the database closed,
 * at every start, for one bad row. Past upgrades were made tolerant this way after they shipped;
 * that changes nothing for a database they already upgraded.
 *
 * Chunk rows come in two shapes under the latest version, without a version of their own: entries
 * written by today's layout leave out their list, title key and structured authors (layout.ts
 * ChunkEntry), rows written before hold them. Readers take both, and so does listEntries here, which upgrades read through.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { nameFromText, namesFromByline } from './frozen/namesV5';
import type { AuthorList, CslName, LaidOutEntry, ListInfo, RemovedItem, SavedItem, SavedPaper } from '../types';
import { entryDigestV3, entryKeysV3, layoutListV3 } from './frozen/layoutV3';
import { entryKeysV7, layoutListV7 } from './frozen/layoutV7';
import { paperIdV8, paperV8, savedItemsV8, titleKeyV8 } from './frozen/titleKeysV8';
import type { EntryChunk, EntryKeyBucket, ListLayout, ListManifest } from './layout';
import { failureReason, keepAside, type SetAsideRow } from './setAside';
import { DB_NAME } from './schemaNames';

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
      await convertRows(tx, 'saved', 2, (item: Partial<SavedItem>) => {
        // Every later version and every page reads `paper`: a row without one cannot be shown.
        if (typeof item.paper !== 'object' || item.paper === null) throw new TypeError('the saved item has no paper');
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
      const rows = (await tx.table('entries').toArray()) as (LaidOutEntry & { keys?: unknown })[];
      const byList = new Map<string, LaidOutEntry[]>();
      const aside: SetAsideRow[] = [];
      for (const row of rows) {
        const { keys: _keys, ...entry } = row;
        try {
          // What the layout computes of an entry: an entry it cannot lay out stays behind.
          entryDigestV3(entry);
          entryKeysV3(entry);
        } catch (error) {
          aside.push({ table: 'entries', version: 3, at: Date.now(), reason: failureReason(error), value: row });
          continue;
        }
        const list = byList.get(entry.listId);
        if (list) list.push(entry);
        else byList.set(entry.listId, [entry]);
      }
      for (const [listId, entries] of byList) {
        entries.sort((a, b) => a.line - b.line || (a.id < b.id ? -1 : 1));
        const layout = layoutListV3(listId, entries);
        await tx.table('entryChunks').bulkAdd(layout.chunks);
        await tx.table('entryKeys').bulkAdd(layout.buckets);
        await tx.table('manifests').add(layout.manifest);
        await tx.table('lists').update(listId, { entryCount: entries.length });
      }
      await keepAside(tx, aside);
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
      const aside: SetAsideRow[] = [];
      const relayout = new Set<string>();
      await tx
        .table('entryChunks')
        .toCollection()
        .modify((chunk: OldEntryChunk, ref: { value?: OldEntryChunk }) => {
          if (!Array.isArray(chunk.entries)) {
            aside.push({ table: 'entryChunks', version: 5, at: Date.now(), reason: 'the chunk holds no list of entries', value: chunk });
            delete ref.value;
            relayout.add(chunk.listId);
            return;
          }
          const kept: LaidOutEntry[] = [];
          for (const entry of chunk.entries) {
            try {
              entry.authorList ??= namesFromByline(entry.authors ?? '');
              kept.push(entry);
            } catch (error) {
              aside.push({ table: 'entryChunks', version: 5, at: Date.now(), reason: failureReason(error), value: entry });
            }
          }
          if (kept.length < chunk.entries.length) {
            chunk.entries = kept;
            relayout.add(chunk.listId);
          }
        });
      // A list that lost an entry is laid out again, so its keys and manifest name only what is stored.
      for (const listId of relayout) await relayoutList(tx, listId, layoutListV3);
      await keepAside(tx, aside);
      await convertRows(tx, 'saved', 5, (item: SavedItem) => {
        const authorList = item.paper.authorList ?? legacyAuthorList(item.paper);
        item.paper.authorList = authorList;
      });
    },
  },
  {
    version: 6,
    // Unsaving never destroys: removed saved items wait here, whole, for 30 days (lib/db/readingList.ts).
    stores: { removed: 'id, removedAt' },
  },
  {
    version: 7,
    // A listed link that names none of its entry's identifiers is a key too (lib/ids/link.ts):
    // every list is laid out again from its stored entries (./frozen/layoutV7.ts), and its key
    // filter is rebuilt from the new keys on first use.
    stores: {},
    upgrade: async (tx) => {
      const listIds = (await tx.table('lists').toCollection().primaryKeys()) as string[];
      for (const listId of listIds) await relayoutList(tx, listId, layoutListV7);
      await tx.table('kv').bulkDelete(listIds.map((listId) => `keyFilter:${listId}`));
    },
  },
  {
    version: 8,
    // Title keys fold letters by the one rule of lib/fold.ts ("ß" → "ss", "Ł" → "l"), so stored
    // keys and "title:" ids are rewritten (./frozen/titleKeysV8.ts) wherever a paper id is kept:
    // list entries (laid out again, as v7 lays them out), saved and removed items, the papers
    // marked as sent to Zotero, and automatic backups. Saved items that become one id are merged
    // (mergeSavedV8: nothing of either is lost); a removed item whose id is now a saved item's, or
    // another removed item's (the older removal), is kept aside whole. Sync's record of what the
    // devices last agreed on is left as it was: an old id it holds is no longer in the reading list,
    // so the next sync tells the other devices it was removed, beside the new id saved with
    // everything it held (lib/sync/doc.ts maps the old ids that devices not yet upgraded send).
    // The stored search index names papers by id: it is dropped, and built again when next used.
    stores: {},
    upgrade: async (tx) => {
      const aside: SetAsideRow[] = [];
      const setAside = (table: string) => (value: unknown, error: unknown) => aside.push({ table, version: 8, at: Date.now(), reason: failureReason(error), value });
      const listIds = (await tx.table('lists').toCollection().primaryKeys()) as string[];
      for (const listId of listIds) {
        const entries = await listEntries(tx, listId);
        const moved: LaidOutEntry[] = [];
        for (const entry of entries) {
          try {
            const entryV8 = paperV8(entry);
            // Its keys are made here, not only when the list is laid out: an entry that cannot be
            // (identifiers damaged) is kept aside instead of stopping the upgrade and the database.
            entryKeysV7(entryV8);
            moved.push(entryV8);
          } catch (error) {
            setAside('entryChunks')(entry, error);
          }
        }
        if (moved.length === entries.length && moved.every((entry, i) => entry.id === entries[i]!.id && entry.titleKey === entries[i]!.titleKey)) continue;
        // Two entries of one list that are now one title: the first in list order stays (a
        // refresh of the list makes them one entry, as the parser does with one title).
        const seen = new Set<string>();
        await writeListLayout(tx, listId, moved.filter((entry) => !seen.has(entry.id) && seen.add(entry.id)), layoutListV7);
        await tx.table('kv').delete(`keyFilter:${listId}`);
      }

      const saved = (await tx.table('saved').toArray()) as SavedItem[];
      const savedNow = savedItemsV8(saved, setAside('saved'));
      await tx.table('saved').clear();
      await tx.table('saved').bulkAdd(savedNow);
      const savedIds = new Set(savedNow.map((item) => item.id));

      // The latest removal of an id stays; an older one, or one of a saved paper's id, is kept aside.
      const removed = (await tx.table('removed').toArray()) as RemovedItem[];
      const keptRemoved = new Map<string, RemovedItem>();
      for (const row of [...removed].sort((a, b) => b.removedAt - a.removedAt)) {
        try {
          const id = paperIdV8(row.id);
          if (savedIds.has(id) || keptRemoved.has(id)) throw new Error(`another item now has its id, ${id}`);
          keptRemoved.set(id, { ...row, id, item: { ...row.item, id, paper: paperV8(row.item.paper) } });
        } catch (error) {
          setAside('removed')(row, error);
        }
      }
      await tx.table('removed').clear();
      await tx.table('removed').bulkAdd([...keptRemoved.values()]);

      const kv = tx.table('kv');
      const sent = (await kv.get('zotero-sent'))?.value;
      if (typeof sent === 'object' && sent !== null && !Array.isArray(sent)) {
        const moved: Record<string, number> = {};
        for (const [id, at] of Object.entries(sent)) if (typeof at === 'number') moved[paperIdV8(id)] = Math.max(moved[paperIdV8(id)] ?? at, at);
        await kv.put({ key: 'zotero-sent', value: moved });
      }

      // A backup is restored exactly as kept: its items move as the reading list's do. A damaged
      // item in it stays as it was (the backup is a copy, not the reading list).
      const backups = (await kv.where('key').startsWith('auto-backup:').toArray()) as KeyValue[];
      const counts = new Map<string, number>();
      for (const row of backups) {
        const backup = row.value as { id?: unknown; items?: unknown } | undefined;
        if (!Array.isArray(backup?.items)) continue;
        const damaged: SavedItem[] = [];
        const items = [...savedItemsV8(backup.items as SavedItem[], (item) => damaged.push(item)), ...damaged];
        if (typeof backup.id === 'string') counts.set(backup.id, items.length);
        await kv.put({ key: row.key, value: { ...backup, items, count: items.length } });
      }
      const index = (await kv.get('auto-backups'))?.value;
      if (Array.isArray(index)) {
        const count = (info: { id?: unknown } | null) => (typeof info?.id === 'string' ? counts.get(info.id) : undefined);
        await kv.put({ key: 'auto-backups', value: (index as ({ id?: unknown } | null)[]).map((info) => (count(info) === undefined ? info : { ...info, count: count(info) })) });
      }

      await kv.bulkDelete(['search-index', 'search-index-fingerprint']);
      await keepAside(tx, aside);
    },
  },
];

/**
 * Runs `convert` on every row of `table` (it changes the row in place, only once it can no longer
 * throw); a row it throws on is deleted from the table and kept aside as it was stored.
 */
async function convertRows<T>(tx: Transaction, table: string, version: number, convert: (row: T) => void): Promise<void> {
  const aside: SetAsideRow[] = [];
  await tx
    .table(table)
    .toCollection()
    .modify((row: T, ref: { value?: T }) => {
      try {
        convert(row);
      } catch (error) {
        aside.push({ table, version, at: Date.now(), reason: failureReason(error), value: row });
        delete ref.value;
      }
    });
  await keepAside(tx, aside);
}

type LayoutList = (listId: string, entries: readonly LaidOutEntry[]) => ListLayout;

/**
 * A chunk row as the versions up to v8 wrote it before chunks left fields out: every entry with
 * every field. Only the v5 upgrade's own pass reads chunks as this; the others go through listEntries.
 */
type OldEntryChunk = Omit<EntryChunk, 'entries'> & { entries: LaidOutEntry[] };

/**
 * One list's stored entries, in list order, each with what a layout reads: a row of today's shape
 * (layout.ts ChunkEntry) is given back its list and its title key, by the rule of v8, under which
 * it was written. Its structured authors stay left out: readers derive them.
 */
async function listEntries(tx: Transaction, listId: string): Promise<LaidOutEntry[]> {
  const chunks = (await tx.table('entryChunks').where('[listId+chunk]').between([listId, Dexie.minKey], [listId, Dexie.maxKey]).toArray()) as EntryChunk[];
  return chunks
    .sort((a, b) => a.chunk - b.chunk)
    .flatMap((chunk) => chunk.entries.map((entry) => ({ ...entry, listId: entry.listId ?? chunk.listId, titleKey: entry.titleKey ?? titleKeyV8(entry.title) })));
}

/** Rewrites one list's chunks, key buckets and manifest (in `layout`, a frozen one) from the entries its chunks hold now. */
async function relayoutList(tx: Transaction, listId: string, layoutList: LayoutList): Promise<void> {
  await writeListLayout(tx, listId, await listEntries(tx, listId), layoutList);
}

/** Stores `entries` (in list order, ids unique) as the whole of one list, laid out by `layoutList`. */
async function writeListLayout(tx: Transaction, listId: string, entries: readonly LaidOutEntry[], layoutList: LayoutList): Promise<void> {
  const layout = layoutList(listId, entries);
  await tx.table('entryChunks').where('[listId+chunk]').between([listId, Dexie.minKey], [listId, Dexie.maxKey]).delete();
  await tx.table('entryKeys').where('[listId+bucket]').between([listId, Dexie.minKey], [listId, Dexie.maxKey]).delete();
  await tx.table('entryChunks').bulkAdd(layout.chunks);
  await tx.table('entryKeys').bulkAdd(layout.buckets);
  await tx.table('manifests').put(layout.manifest);
  await tx.table('lists').update(listId, { entryCount: entries.length });
}

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

export { DB_NAME };

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
