import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { LanternDB } from '../../lib/db/schema';
import { DB_NAME, TABLES } from '../../lib/db/schemaNames';
import { createSearchIndexKeeper, SEARCH_INDEX_KEY } from '../../lib/search/store';
import { NO_FILTERS } from '../../lib/popup/filters';
import { watchPopupCatalog } from '../../entrypoints/popup/catalog';
import type { PopupCatalog } from '../../entrypoints/popup/services';
import { replaceListEntries } from '../../lib/db/catalog';
import type { CatalogEntry } from '../../lib/types';
import { readStoredIndexEarly } from '../../lib/db/earlyRead';
import { withAuthorList } from '../fixtures/authors';

describe('reading the stored index before the popup loads', () => {
  it('reads by the names the schema gives the database and its tables', async () => {
    const db = new LanternDB();
    await db.open();
    try {
      expect(db.name).toBe(DB_NAME);
      expect(db.tables.map((table) => table.name).sort()).toEqual(Object.values(TABLES).sort());
    } finally {
      db.close();
    }
  });

  it('reads the stored index row and the lists', async () => {
    const db = new LanternDB('early-read');
    const list = { id: 'seed', name: 'LLMs in Medicine', sourceUrl: 'https://example.org/list.md', enabled: true, fetchedAt: 1, entryCount: 2 };
    await db.lists.put(list);
    await db.kv.put({ key: SEARCH_INDEX_KEY, value: { fingerprint: 'f1', index: { terms: ['a'], postingDocs: new Uint32Array([3]) } } });
    db.close();
    const read = await readStoredIndexEarly(indexedDB, 'early-read');
    expect(read?.lists).toEqual([list]);
    const stored = read?.stored as { fingerprint: string; index: { terms: string[]; postingDocs: Uint32Array } };
    expect(stored.fingerprint).toBe('f1');
    expect([...stored.index.postingDocs]).toEqual([3]);
  });

  it('reads the entries of some paper ids, in enabled lists, over the connection it opened', async () => {
    const db = new LanternDB('early-entries');
    const entry = (id: string, title: string): CatalogEntry => (withAuthorList({
      id,
      title,
      titleKey: title.toLowerCase(),
      line: 1,
      authors: '',
      venue: '',
      categories: [],
      links: [],
      ids: { repos: [] },
    }));
    const list = (id: string, enabled = true) => ({ id, name: id, sourceUrl: `https://example.org/${id}.md`, enabled, fetchedAt: 1 });
    // Enough entries for several chunks, so the ids asked for sit in different ones.
    const many = Array.from({ length: 250 }, (_, i) => entry(`p${i}`, `Paper ${i}`));
    await replaceListEntries(db, list('seed'), many);
    await replaceListEntries(db, list('other'), [entry('p1', 'One again'), entry('p3', 'Three again')]);
    await replaceListEntries(db, list('off', false), [entry('p1', 'One, turned off')]);
    db.close();
    const read = await readStoredIndexEarly(indexedDB, 'early-entries');
    const rows = (await read!.entriesWithIds(['p3', 'p1', 'p240', 'missing'])) as Array<{ listId: string; id: string; title: string }>;
    expect(rows.map((r) => `${r.listId}/${r.id}/${r.title}`).sort()).toEqual([
      'other/p1/One again',
      'other/p3/Three again',
      'seed/p1/Paper 1',
      'seed/p240/Paper 240',
      'seed/p3/Paper 3',
    ]);
  });

  it('gives nothing, and creates nothing, when there is no database yet', async () => {
    expect(await readStoredIndexEarly(indexedDB, 'never-created')).toBeUndefined();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain('never-created');
  });

  it('gives nothing for a database without the stored index', async () => {
    const db = new LanternDB('early-empty');
    await db.open();
    db.close();
    expect((await readStoredIndexEarly(indexedDB, 'early-empty'))?.stored).toBeUndefined();
  });
});

describe('the popup catalog after an early read', () => {
  it('finds the papers of lists that arrived after the early read (a popup opened while the list was being seeded)', async () => {
    const name = 'early-then-seeded';
    const db = new LanternDB(name);
    await db.open();
    // The early read sees the database before the bundled list is in it: no lists, no index.
    const early = readStoredIndexEarly(indexedDB, name);
    expect((await early)?.lists).toEqual([]);
    const catalogs: PopupCatalog[] = [];
    const stop = watchPopupCatalog(db, (catalog) => catalogs.push(catalog), (e) => {
      throw e;
    }, early);
    const entries = Array.from({ length: 30 }, (_, i): CatalogEntry =>
      withAuthorList({ id: `arxiv:2401.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, titleKey: `paper ${i}`, line: i + 1, authors: '', venue: '', year: 2024, categories: ['Evaluation'], links: [], ids: { repos: [] } }),
    );
    // Until the list is in, there is no catalog: the popup says "Loading the list…", not "0 papers".
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(catalogs).toEqual([]);
    await replaceListEntries(db, { id: 'seed', name: 'LLMs in Medicine', sourceUrl: 'https://example.org/list.md', enabled: true, fetchedAt: 1 }, entries);
    await createSearchIndexKeeper(db).ensureStored();
    await vi.waitFor(() => expect(catalogs.at(-1)?.entryCount).toBe(30));
    expect(catalogs.map((c) => c.entryCount)).not.toContain(0);
    const newest = await catalogs.at(-1)!.search('', { filters: NO_FILTERS, sort: 'date', savedIds: new Set(), limit: 10 });
    expect(newest.papers).toHaveLength(10);
    stop();
    db.close();
  });

  it('opens its own database connection only once the first papers are read, when the early read gave the catalog', async () => {
    const name = 'early-then-follow';
    const seeded = new LanternDB(name);
    const entries = Array.from({ length: 12 }, (_, i): CatalogEntry =>
      withAuthorList({ id: `arxiv:2402.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, titleKey: `paper ${i}`, line: i + 1, authors: '', venue: '', year: 2024, categories: [], links: [], ids: { repos: [] } }),
    );
    await replaceListEntries(seeded, { id: 'seed', name: 'LLMs in Medicine', sourceUrl: 'https://example.org/list.md', enabled: true, fetchedAt: 1 }, entries);
    await createSearchIndexKeeper(seeded).ensureStored();
    seeded.close();
    const db = new LanternDB(name);
    const opened = vi.spyOn(db, 'open');
    const catalogs: PopupCatalog[] = [];
    const stop = watchPopupCatalog(db, (catalog) => catalogs.push(catalog), (e) => {
      throw e;
    }, readStoredIndexEarly(indexedDB, name));
    await vi.waitFor(() => expect(catalogs).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).not.toHaveBeenCalled();
    const first = await catalogs[0]!.search('paper', { filters: NO_FILTERS, sort: 'relevance', savedIds: new Set(), limit: 5 });
    expect(first.papers).toHaveLength(5);
    await vi.waitFor(() => expect(opened).toHaveBeenCalled());
    stop();
    db.close();
  });

  it('shows the lists and follows their changes when a stored list row is malformed (a list without a name)', async () => {
    const name = 'early-malformed-list';
    const db = new LanternDB(name);
    const list = (id: string) => ({ id, name: id, sourceUrl: `https://example.org/${id}.md`, enabled: true, fetchedAt: 1 });
    const entry = (id: string): CatalogEntry =>
      withAuthorList({ id, title: id, titleKey: id, line: 1, authors: '', venue: '', categories: [], links: [], ids: { repos: [] } });
    await replaceListEntries(db, list('alpha'), [entry('arxiv:2401.00001')]);
    await replaceListEntries(db, list('beta'), [entry('arxiv:2401.00002')]);
    await createSearchIndexKeeper(db).ensureStored();
    // Written around the schema's types, as a damaged or foreign row would be.
    await db.lists.update('beta', { name: null as unknown as string });
    const early = readStoredIndexEarly(indexedDB, name);
    const catalogs: PopupCatalog[] = [];
    const errors: unknown[] = [];
    const stop = watchPopupCatalog(db, (catalog) => catalogs.push(catalog), (e) => errors.push(e), early);
    await vi.waitFor(() => expect(catalogs.at(-1)?.listName).toBe('2 lists'));
    expect(catalogs.at(-1)?.lists.map((l) => [l.id, l.name])).toEqual([
      ['alpha', 'alpha'],
      ['beta', 'beta'],
    ]);
    // The popup still follows the database: a renamed list shows.
    await db.lists.update('alpha', { name: 'Renamed' });
    await vi.waitFor(() => expect(catalogs.at(-1)?.lists.map((l) => l.name)).toEqual(['beta', 'Renamed']));
    expect(catalogs.at(-1)?.entryCount).toBe(2);
    expect(errors).toEqual([]);
    stop();
    db.close();
  });
});
