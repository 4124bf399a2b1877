import 'fake-indexeddb/auto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { entriesOfChunk } from '../../lib/db/buckets';
import { mergeEntries, papersByKeys } from '../../lib/db/catalog';
import { entryKeys, type EntryKeyBucket } from '../../lib/db/layout';
import { LanternDB, legacyAuthorList, SCHEMA_VERSIONS } from '../../lib/db/schema';
import { unsavePaper } from '../../lib/db/readingList';
import { layoutListV7 } from '../../lib/db/frozen/layoutV7';
import { MERGED_NOTE_SEPARATOR } from '../../lib/db/frozen/titleKeysV8';
import { SET_ASIDE_KEY, setAsideRows } from '../../lib/db/setAside';
import { listAutoBackups, readAutoBackup } from '../../lib/db/autoBackups';
import { readZoteroSent } from '../../lib/zotero/sent';
import { currentTitleId, titleKey } from '../../lib/title';
import type { CatalogEntry, LaidOutEntry, RemovedItem, SavedItem, StoredEntry } from '../../lib/types';

const FIXTURES = resolve(__dirname, '../fixtures/db');
const CURRENT = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

interface VersionExample {
  version: number;
  tables: Record<string, Record<string, unknown>[]>;
}

function readExample(version: number): VersionExample {
  return JSON.parse(readFileSync(resolve(FIXTURES, `v${version}.json`), 'utf8')) as VersionExample;
}

/** A database exactly as schema version `version` created it, holding that version's example data. */
async function createAtVersion(name: string, version: number, example: VersionExample): Promise<void> {
  const old = new Dexie(name);
  for (const step of SCHEMA_VERSIONS.filter((s) => s.version <= version)) old.version(step.version).stores(step.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(example.tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

/** What every row must look like under the current schema. */
async function expectCurrentShape(db: LanternDB): Promise<void> {
  for (const item of await db.saved.toArray()) {
    expect(typeof item.starred, `saved ${item.id}: starred`).toBe('boolean');
    expect(['to-read', 'reading', 'read']).toContain(item.status);
    expect(Array.isArray(item.tags)).toBe(true);
    expect(typeof item.note).toBe('string');
    expect(item.paper.id).toBe(item.id);
    expect(currentTitleId(item.id), `saved ${item.id}: a title id of today's rule`).toBe(item.id);
    expect(titleKey(item.paper.titleKey), `saved ${item.id}: a title key of today's rule`).toBe(item.paper.titleKey);
    expect(Array.isArray(item.paper.authorList.names), `saved ${item.id}: authorList`).toBe(true);
  }
  for (const row of await db.removed.toArray()) {
    expect(row.item.id, `removed ${row.id}`).toBe(row.id);
    expect(Number.isFinite(row.removedAt)).toBe(true);
  }
  const lists = await db.lists.toArray();
  for (const list of lists) {
    const manifest = await db.manifests.get(list.id);
    expect(manifest?.ids.length ?? 0, `list ${list.id}: entryCount`).toBe(list.entryCount);
  }
  for (const entry of await storedEntries(db)) {
    expect(entry).not.toHaveProperty('keys');
    const paper = mergeEntries([entry])[0]!;
    expect(currentTitleId(entry.id), `${entry.id}: a title id of today's rule`).toBe(entry.id);
    expect(titleKey(paper.titleKey), `${entry.id}: a title key of today's rule`).toBe(paper.titleKey);
    expect(typeof paper.authorList.etAl, `${entry.id}: authorList`).toBe('boolean');
    for (const key of entryKeys(paper)) {
      expect((await papersByKeys(db, [key])).map((p) => p.id), `${entry.id} by ${key}`).toContain(entry.id);
    }
  }
}

async function storedEntries(db: LanternDB): Promise<StoredEntry[]> {
  return (await db.entryChunks.toArray()).flatMap(entriesOfChunk);
}

/** Rows of an example's table after the upgrade: v1's `entries` rows live on inside chunks (v3). */
async function rowsAfterUpgrade(db: LanternDB, table: string): Promise<number> {
  return table === 'entries' ? (await storedEntries(db)).length : db.table(table).count();
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('schema versions', () => {
  it('declares versions in increasing order, the first with every original table', () => {
    const numbers = SCHEMA_VERSIONS.map((s) => s.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Object.keys(SCHEMA_VERSIONS[0]!.stores).sort()).toEqual(['entries', 'lists', 'saved']);
  });

  it('has an example of the data for every version, and no example for an undeclared one', () => {
    for (const { version } of SCHEMA_VERSIONS) {
      expect(existsSync(resolve(FIXTURES, `v${version}.json`)), `tests/fixtures/db/v${version}.json is missing`).toBe(true);
    }
    const declared = new Set(SCHEMA_VERSIONS.map((s) => `v${s.version}.json`));
    expect(readdirSync(FIXTURES).filter((f) => !declared.has(f))).toEqual([]);
  });

  for (const { version } of SCHEMA_VERSIONS) {
    it(`opens the v${version} example under the current schema (v${CURRENT}) without losing rows`, async () => {
      const name = `upgrade-from-v${version}`;
      const example = readExample(version);
      expect(example.version).toBe(version);
      await createAtVersion(name, version, example);

      const db = new LanternDB(name);
      opened.push(db);
      await db.open();
      expect(db.verno).toBe(CURRENT);
      for (const [table, rows] of Object.entries(example.tables)) {
        if (table === 'entryKeys') {
          // Key buckets are derived from the entries: a later layout may file an entry under more
          // keys (so in more buckets), never under fewer.
          const filed = (buckets: unknown[]) => (buckets as EntryKeyBucket[]).flatMap((b) => b.keys.map((key, i) => `${key} → ${b.ids[i]}`));
          expect(filed(await db.entryKeys.toArray()), 'entryKeys after upgrade').toEqual(expect.arrayContaining(filed(rows)));
          continue;
        }
        expect(await rowsAfterUpgrade(db, table), `${table} rows after upgrade`).toBe(rows.length);
      }
      await expectCurrentShape(db);
    });
  }
});

describe('upgrade to v2', () => {
  it('gives every saved item an unstarred default and keeps everything else', async () => {
    const example = readExample(1);
    await createAtVersion('v1-to-v2', 1, example);
    const db = new LanternDB('v1-to-v2');
    opened.push(db);

    const saved = await db.saved.orderBy('addedAt').toArray();
    expect(saved.map((s) => s.starred)).toEqual([false, false]);
    const before = example.tables.saved!;
    expect(saved.map(({ starred: _, paper: { authorList: _authors, ...paper }, ...rest }) => ({ ...rest, paper }))).toEqual(before);
    await db.kv.put({ key: 'probe', value: { n: 1 } });
    expect((await db.kv.get('probe'))?.value).toEqual({ n: 1 });
  });

  it('keeps a star that is already there', async () => {
    const example = readExample(2);
    await createAtVersion('v2-stays', 2, example);
    const db = new LanternDB('v2-stays');
    opened.push(db);
    const starred = (await db.saved.toArray()).filter((s) => s.starred).map((s) => s.id);
    expect(starred).toEqual(['arxiv:2311.16452']);
  });
});

describe('upgrade to v3 and v4', () => {
  it('moves every entry into the chunked layout, in list order, with its date, and drops the old table', async () => {
    const example = readExample(2);
    await createAtVersion('v2-to-v4', 2, example);
    const db = new LanternDB('v2-to-v4');
    opened.push(db);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('entries');
    const before = (example.tables.entries as unknown as (StoredEntry & { keys: string[] })[]).sort((a, b) => a.line - b.line);
    expect(before.length).toBeGreaterThan(1);
    const after = (await storedEntries(db)).map(({ authorList: _authorList, ...entry }) => entry);
    expect(after).toEqual(before.map(({ keys: _keys, ...entry }) => entry));
    expect(await db.manifests.get('seed')).toMatchObject({ ids: before.map((e) => e.id), addedAt: before.map((e) => e.addedAt) });
    // Every key the old multi-entry index held still finds its entry.
    for (const old of before) {
      for (const key of old.keys) expect((await papersByKeys(db, [key])).map((p) => p.id), key).toEqual([old.id]);
    }
    const saved = (await db.saved.toArray()).map(({ paper: { authorList: _authorList, ...paper }, ...item }) => ({ ...item, paper }));
    expect(saved).toEqual(example.tables.saved);
  });
});

describe('upgrade to v5', () => {
  it('gives every list entry and saved item structured authors and changes nothing else', async () => {
    const example = readExample(4);
    await createAtVersion('v4-to-v5', 4, example);
    const db = new LanternDB('v4-to-v5');
    opened.push(db);
    const expected = readExample(5);
    expect(await db.saved.orderBy('addedAt').toArray()).toEqual(expected.tables.saved);
    expect(await db.entryChunks.toArray()).toEqual(expected.tables.entryChunks);
    expect(await db.manifests.toArray()).toEqual(example.tables.manifests);
  });

  it('reads a page-saved byline of "Last, First" pairs as pairs, and a list byline as a list', async () => {
    const saved = new Map(readExample(5).tables.saved!.map((row) => [row.id as string, (row.paper as SavedItem['paper']).authorList] as const));
    expect(saved.get('url:https://example.org/preprint/43')).toEqual({
      names: [{ family: 'Nori', given: 'Harsha' }, { family: 'Lee', given: 'Yin Tat' }],
      etAl: false,
    });
    expect(saved.get('title:global strategy on digital health')).toEqual({
      names: [{ literal: 'World Health Organization' }, { family: 'Rivera', given: 'J. Q.', suffix: 'Jr.' }],
      etAl: false,
    });
    expect(legacyAuthorList({ authors: 'Harsha Nori, Yin Tat Lee', links: [{ kind: 'paper', url: 'https://x.org/', label: 'page' }] }).names).toEqual([
      { family: 'Nori', given: 'Harsha' },
      { family: 'Lee', given: 'Yin Tat' },
    ]);
    expect(legacyAuthorList({ authors: 'Nori, Harsha', links: [] }).names).toEqual([{ literal: 'Nori' }, { literal: 'Harsha' }]);
  });

  it('reads names with its own frozen copy of the v5 readers, never the live lib/names.ts', () => {
    const imports = (file: string) => [...readFileSync(resolve(__dirname, '../../lib/db', file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports('schema.ts')).toContain('./frozen/namesV5');
    expect(imports('schema.ts')).not.toContain('../names');
    expect(imports('frozen/namesV5.ts')).toEqual(['../../types']);
  });
});

describe('upgrade to v6', () => {
  it('adds an empty "removed" table and changes nothing else; unsaving then keeps the item there', async () => {
    const example = readExample(5);
    await createAtVersion('v5-to-v6', 5, example);
    const db = new LanternDB('v5-to-v6');
    opened.push(db);
    expect(await db.removed.count()).toBe(0);
    expect(await db.saved.orderBy('addedAt').toArray()).toEqual(example.tables.saved);
    const first = example.tables.saved![0] as unknown as SavedItem;
    await unsavePaper(db, first.id, 1_800_000_000_000);
    expect(await db.saved.get(first.id)).toBeUndefined();
    expect(await db.removed.get(first.id)).toEqual({ id: first.id, removedAt: 1_800_000_000_000, item: first });
  });

  it('reads the v6 example’s removed item back whole', async () => {
    const example = readExample(6);
    await createAtVersion('v6-stays', 6, example);
    const db = new LanternDB('v6-stays');
    opened.push(db);
    const [row] = await db.removed.toArray();
    expect(row?.item.note).toBe('Read section 3 again.');
    expect(row?.item.tags).toEqual(['radiology']);
  });
});

describe('upgrade to v7', () => {
  it('makes every list’s links that name no identifier keys of their entries, as v7 lays them out', async () => {
    // The v7 example's entries as v6 stored them: chunks, with v6's keys (no "link:" keys) and a v6 key filter.
    const v7 = readExample(7);
    const asV6: VersionExample = {
      version: 6,
      tables: {
        ...v7.tables,
        entryKeys: (v7.tables.entryKeys as unknown as { keys: string[]; ids: string[]; chunks: number[] }[]).map((bucket) => {
          const keep = bucket.keys.map((key) => !key.startsWith('link:'));
          return { ...bucket, keys: bucket.keys.filter((_, i) => keep[i]), ids: bucket.ids.filter((_, i) => keep[i]), chunks: bucket.chunks.filter((_, i) => keep[i]) };
        }),
        kv: [...(v7.tables.kv ?? []), { key: 'keyFilter:seed', value: { stale: true } }],
      },
    };
    expect(JSON.stringify(asV6.tables.entryKeys)).not.toContain('link:');
    await createAtVersion('v6-to-v7', 6, asV6);
    const db = new LanternDB('v6-to-v7');
    opened.push(db);
    await db.open();
    const palmyra = 'title:palmyra med a generative large language model for healthcare';
    expect((await papersByKeys(db, ['link:huggingface.co/writer'])).map((p) => p.id)).toEqual([palmyra]);
    expect((await papersByKeys(db, ['link:writer.com/blog/palmyra-med'])).map((p) => p.id)).toEqual([palmyra]);
    const byBucket = (rows: unknown[]) => [...(rows as { bucket: number }[])].sort((a, b) => a.bucket - b.bucket);
    expect(byBucket(await db.entryKeys.toArray())).toEqual(byBucket(v7.tables.entryKeys!));
    expect(await db.kv.get('keyFilter:seed')).toBeUndefined();
  });
});

/**
 * Data as v7 stored it whose title keys keep letters v8 spells in ASCII: a list entry twice (as
 * "Straße" and as "Strasse"), saved items that become one paper, a removed item of that paper, a
 * paper sent to Zotero, an automatic backup, the stored search index and a key filter.
 */
function v7WithOldTitleKeys(): VersionExample {
  const v7 = readExample(7);
  const at = 1_733_000_000_000;
  // Rows of v7 (and so this test's) still hold authorList.
  type V7Entry = LaidOutEntry & Pick<CatalogEntry, 'authorList'>;
  const entry = (title: string, key: string, line: number): V7Entry => ({
    listId: 'seed',
    id: `title:${key}`,
    title,
    authors: 'A. Müller et al.',
    authorList: { names: [{ family: 'Müller', given: 'A.' }], etAl: true },
    venue: 'Preprint',
    year: 2024,
    categories: ['Medical LLMs'],
    links: [],
    ids: { repos: [] },
    titleKey: key,
    line,
    addedAt: at,
  });
  const listed = [
    ...(v7.tables.entryChunks as unknown as { entries: V7Entry[] }[]).flatMap((chunk) => chunk.entries),
    entry('Die Straße zur Diagnose: Sprachmodelle in der Klinik', 'die straße zur diagnose sprachmodelle in der klinik', 90),
    entry('Die Strasse zur Diagnose: Sprachmodelle in der Klinik', 'die strasse zur diagnose sprachmodelle in der klinik', 91),
  ];
  const layout = layoutListV7('seed', listed);
  const saved = (id: string, paper: V7Entry, over: Partial<SavedItem>): SavedItem => {
    const { line: _line, listId: _listId, addedAt: _addedAt, ...rest } = paper;
    return { id, paper: rest, status: 'to-read', statusChangedAt: at, tags: [], note: '', starred: false, addedAt: at, updatedAt: at, ...over };
  };
  const lodz = entry('Łódź Cohort Notes', 'łódź cohort notes', 0);
  const oesophagus = entry('Œsophageal Cancer Triage', 'œsophageal cancer triage', 0);
  const straße = saved(listed[3]!.id, listed[3]!, { status: 'reading', statusChangedAt: at + 5, tags: ['german'], note: 'Read the methods.', addedAt: at + 1, updatedAt: at + 5 });
  const strasse = saved(listed[4]!.id, listed[4]!, {
    status: 'read',
    statusChangedAt: at + 2,
    tags: ['German', 'clinical'],
    note: 'Compare with Med-PaLM.',
    starred: true,
    addedAt: at + 2,
    updatedAt: at + 9,
    changedAt: { starred: at + 9 },
  });
  const backupItems = [straße, strasse];
  return {
    version: 7,
    tables: {
      ...v7.tables,
      lists: [{ ...v7.tables.lists![0]!, entryCount: listed.length }],
      entryChunks: layout.chunks as unknown as Record<string, unknown>[],
      entryKeys: layout.buckets as unknown as Record<string, unknown>[],
      manifests: [layout.manifest as unknown as Record<string, unknown>],
      saved: [...v7.tables.saved!, straße, strasse, saved(lodz.id, lodz, { tags: ['cohort'] })] as unknown as Record<string, unknown>[],
      removed: [
        ...v7.tables.removed!,
        { id: straße.id, removedAt: at - 10, item: { ...straße, note: 'An older note.' } },
        { id: oesophagus.id, removedAt: at + 20, item: saved(oesophagus.id, oesophagus, { note: 'Not now.' }) },
      ] as unknown as Record<string, unknown>[],
      kv: [
        ...v7.tables.kv!,
        { key: 'zotero-sent', value: { [lodz.id]: at + 30, 'arxiv:2311.16452': at + 31 } },
        { key: 'auto-backups', value: [{ id: 'b1', takenAt: at + 40, reason: 'import', count: 2 }] },
        { key: 'auto-backup:b1', value: { id: 'b1', takenAt: at + 40, reason: 'import', count: 2, items: backupItems } },
        { key: 'search-index', value: { fingerprint: 'f', index: { stale: true } } },
        { key: 'search-index-fingerprint', value: 'f' },
        { key: 'keyFilter:seed', value: { stale: true } },
        { key: 'sync-state', value: { base: [{ id: straße.id, savedAt: at + 1, fields: {} }], writes: [] } },
      ],
    },
  };
}

describe('upgrade to v8', () => {
  it('rewrites title keys and "title:" ids everywhere a paper id is kept, as the v8 example holds them', async () => {
    await createAtVersion('v7-to-v8', 7, v7WithOldTitleKeys());
    const db = new LanternDB('v7-to-v8');
    opened.push(db);
    await db.open();
    const expected = readExample(8).tables;
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(await db.saved.toArray())).toEqual(byId(expected.saved as unknown as SavedItem[]));
    expect(byId(await db.removed.toArray())).toEqual(byId(expected.removed as unknown as RemovedItem[]));
    expect(await db.entryChunks.toArray()).toEqual(expected.entryChunks);
    expect(await db.manifests.toArray()).toEqual(expected.manifests);
    const kv = await db.kv.toArray();
    expect(kv.filter((row) => row.key !== SET_ASIDE_KEY)).toEqual(expected.kv);
  });

  it('merges the saved items that become one paper, keeping both notes and all tags, and keeps the colliding removed item aside', async () => {
    await createAtVersion('v7-to-v8-merge', 7, v7WithOldTitleKeys());
    const db = new LanternDB('v7-to-v8-merge');
    opened.push(db);
    const id = 'title:die strasse zur diagnose sprachmodelle in der klinik';
    const merged = await db.saved.get(id);
    expect(merged).toMatchObject({
      id,
      paper: { id, title: 'Die Straße zur Diagnose: Sprachmodelle in der Klinik', titleKey: id.slice('title:'.length) },
      status: 'reading',
      tags: ['german', 'clinical'],
      note: `Read the methods.${MERGED_NOTE_SEPARATOR}Compare with Med-PaLM.`,
      starred: true,
      addedAt: 1_733_000_000_001,
      updatedAt: 1_733_000_000_009,
    });
    const ids = (await db.saved.toCollection().primaryKeys()) as string[];
    expect(ids.filter((saved) => /[ßæœøđðłıþ]/.test(saved))).toEqual([]);
    expect(ids).toContain('title:lodz cohort notes');
    expect(await db.removed.get('title:oesophageal cancer triage')).toMatchObject({ item: { id: 'title:oesophageal cancer triage', note: 'Not now.' } });
    const aside = await setAsideRows(db);
    expect(aside.map((row) => [row.table, row.version, (row.value as RemovedItem).item.note])).toEqual([['removed', 8, 'An older note.']]);
    // The list holds the title once, found by its new key, and the old key finds nothing.
    expect((await papersByKeys(db, [`${id}`])).map((p) => p.id)).toEqual([id]);
    expect(await papersByKeys(db, ['title:die straße zur diagnose sprachmodelle in der klinik'])).toEqual([]);
    expect((await db.lists.get('seed'))?.entryCount).toBe(4);
    expect((await readZoteroSent(db))['title:lodz cohort notes']).toBe(1_733_000_000_030);
    const backup = await readAutoBackup(db, 'b1');
    expect(backup?.items.map((item) => item.id)).toEqual([id]);
    expect((await listAutoBackups(db)).map((info) => info.count)).toEqual([1]);
    expect(await db.kv.get('search-index')).toBeUndefined();
    expect(await db.kv.get('keyFilter:seed')).toBeUndefined();
  });

  describe('with odd or damaged data', () => {
    const at = 1_733_000_000_000;
    function savedItem(id: string, title: string, over: Partial<SavedItem> = {}, paper: Partial<SavedItem['paper']> = {}): SavedItem {
      return {
        id,
        paper: { id, title, authors: '', authorList: { names: [], etAl: false }, venue: '', categories: [], links: [], ids: { repos: [] }, titleKey: id.slice(6), ...paper },
        status: 'to-read',
        statusChangedAt: at,
        tags: [],
        note: '',
        starred: false,
        addedAt: at,
        updatedAt: at,
        ...over,
      };
    }
    const upgraded = async (name: string, tables: VersionExample['tables']): Promise<LanternDB> => {
      await createAtVersion(name, 7, { version: 7, tables });
      const db = new LanternDB(name);
      opened.push(db);
      await db.open();
      return db;
    };

    it('keeps the star set last, even when the other copy was edited after it', async () => {
      const starred = savedItem('title:die straße', 'Die Straße', { starred: true, updatedAt: at + 9, changedAt: { starred: at + 9 } });
      const edited = savedItem('title:die strasse', 'Die Strasse', { addedAt: at + 1, note: 'n', updatedAt: at + 10, changedAt: { note: at + 10 } });
      const db = await upgraded('v8-star', { saved: [starred, edited] as unknown as Record<string, unknown>[] });
      const merged = await db.saved.get('title:die strasse');
      expect(merged?.starred).toBe(true);
      expect(merged?.changedAt?.starred).toBe(at + 9);
      expect(merged?.note).toBe('n');
    });

    it('keeps the authors, links and categories only the later-saved copy has', async () => {
      const bare = savedItem('title:łódź notes', 'Łódź Notes');
      const full = savedItem('title:lodz notes', 'Lodz Notes', { addedAt: at + 1 }, {
        authors: 'A. Nowak',
        authorList: { names: [{ family: 'Nowak', given: 'A.' }], etAl: false },
        links: [{ kind: 'code', url: 'https://github.com/x/y', label: 'code' }],
        categories: ['Cohorts'],
      });
      const db = await upgraded('v8-fields', { saved: [bare, full] as unknown as Record<string, unknown>[] });
      const merged = await db.saved.get('title:lodz notes');
      expect(merged?.paper.title).toBe('Łódź Notes');
      expect(merged?.paper.authors).toBe('A. Nowak');
      expect(merged?.paper.authorList.names).toEqual([{ family: 'Nowak', given: 'A.' }]);
      expect(merged?.paper.links.map((link) => link.url)).toEqual(['https://github.com/x/y']);
      expect(merged?.paper.categories).toEqual(['Cohorts']);
    });

    it('keeps apart two papers whose ids fold to no key at all', async () => {
      const db = await upgraded('v8-empty', { saved: [savedItem('title:???', '???', { note: 'A' }), savedItem('title:!!!', '!!!', { addedAt: at + 1, note: 'B' })] as unknown as Record<string, unknown>[] });
      expect((await db.saved.toArray()).map((item) => [item.id, item.note]).sort()).toEqual([['title:!!!', 'B'], ['title:???', 'A']]);
    });

    it('opens, keeping aside a list entry whose identifiers are damaged, when the list holds a title it rewrites', async () => {
      const entry = (id: string, title: string, line: number): LaidOutEntry => ({
        listId: 'seed',
        id,
        title,
        authors: '',
        authorList: { names: [], etAl: false },
        venue: '',
        categories: [],
        links: [],
        ids: { repos: [] },
        titleKey: id.slice(6),
        line,
        addedAt: at,
      });
      const layout = layoutListV7('seed', [entry('title:die straße', 'Die Straße', 1), entry('title:other paper', 'Other Paper', 2)]);
      const chunks = layout.chunks.map((chunk) => ({ ...chunk, entries: chunk.entries.map((e) => (e.id === 'title:other paper' ? { ...e, ids: null } : e)) }));
      const db = await upgraded('v8-damaged-entry', {
        lists: [{ id: 'seed', name: 'Seed', sourceUrl: 'https://raw.githubusercontent.com/o/r/main/README.md', enabled: true, fetchedAt: at, entryCount: 2 }],
        entryChunks: chunks as unknown as Record<string, unknown>[],
        entryKeys: layout.buckets as unknown as Record<string, unknown>[],
        manifests: [layout.manifest as unknown as Record<string, unknown>],
      });
      expect((await setAsideRows(db)).map((row) => [row.table, (row.value as StoredEntry).id])).toEqual([['entryChunks', 'title:other paper']]);
      expect((await storedEntries(db)).map((e) => e.id)).toEqual(['title:die strasse']);
    });

    it('reads chunk rows of today’s shape too, which leave out list, title key and authors (so will an upgrade after v8)', async () => {
      const full: LaidOutEntry = { listId: 'seed', id: 'title:die straße', title: 'Die Straße', authors: 'A. Nowak', authorList: { names: [{ family: 'Nowak', given: 'A.' }], etAl: false }, venue: '', categories: [], links: [], ids: { repos: [] }, titleKey: 'die straße', line: 1, addedAt: at };
      const layout = layoutListV7('seed', [full]);
      const { listId: _listId, titleKey: _titleKey, authorList: _authorList, ...slim } = full;
      const db = await upgraded('v8-slim-rows', {
        lists: [{ id: 'seed', name: 'Seed', sourceUrl: 'https://raw.githubusercontent.com/o/r/main/README.md', enabled: true, fetchedAt: at, entryCount: 1 }],
        entryChunks: layout.chunks.map((chunk) => ({ ...chunk, entries: [slim] })) as unknown as Record<string, unknown>[],
        entryKeys: layout.buckets as unknown as Record<string, unknown>[],
        manifests: [layout.manifest as unknown as Record<string, unknown>],
      });
      expect(await setAsideRows(db)).toEqual([]);
      expect((await papersByKeys(db, ['title:die strasse'])).map((p) => [p.id, p.lists, p.authorList.names])).toEqual([['title:die strasse', ['seed'], [{ family: 'Nowak', given: 'A.' }]]]);
    });
  });

  it('moves ids with its own frozen copy of the v8 title key, never the live lib/title.ts', () => {
    const imports = (file: string) => [...readFileSync(resolve(__dirname, '../../lib/db', file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports('schema.ts')).toContain('./frozen/titleKeysV8');
    expect(imports('schema.ts')).not.toContain('../title');
    expect(imports('frozen/titleKeysV8.ts')).toEqual(['../../types']);
  });
});
