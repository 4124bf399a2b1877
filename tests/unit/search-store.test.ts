import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanternDB } from '../../lib/db/schema';
import { replaceListEntries, seedFromSnapshot } from '../../lib/db/catalog';
import { SEARCH_INDEX_VERSION, loadSearchIndex, searchPapers } from '../../lib/search/engine';
import {
  SEARCH_INDEX_FINGERPRINT_KEY,
  SEARCH_INDEX_KEY,
  createSearchIndexKeeper,
  dexieEntryReader,
  getSearchIndex,
  papersForHits,
  rebuildSearchIndex,
  searchIndexFingerprint,
  type EntryReader,
} from '../../lib/search/store';
import type { CatalogEntry, ListInfo, StoredEntry } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

function entry(id: string, title: string): CatalogEntry {
  return withAuthorList({
    id,
    title,
    authors: 'Someone et al.',
    venue: 'arXiv',
    year: 2023,
    categories: ['Medical LLMs'],
    links: [],
    ids: { repos: [] },
    titleKey: title.toLowerCase(),
    line: 1,
  });
}

const SNAPSHOT = {
  format: 1 as const,
  name: 'LLMs in Medicine',
  sourceUrl: 'https://github.com/example/list',
  sourceDate: '2023-12-23',
  entries: [entry('arxiv:2311.16079', 'MEDITRON-70B: Scaling Medical Pretraining'), entry('arxiv:2305.15075', 'HuatuoGPT, towards Taming Language Model')],
};

/** The paper ids in a stored index, sorted. */
function idsInStoredIndex(row: { value: unknown } | undefined): string[] {
  const index = loadSearchIndex((row?.value as { index?: unknown } | undefined)?.index);
  return index ? searchPapers(index, '', { limit: index.size }).map((hit) => hit.id).sort() : [];
}

let db: LanternDB;
let n = 0;
beforeEach(async () => {
  db = new LanternDB(`search-store-${n++}`);
  await seedFromSnapshot(db, SNAPSHOT, 1000);
});
afterEach(async () => {
  await db.delete();
});

describe('getSearchIndex', () => {
  it('builds and stores the index on first use, then loads the stored one', async () => {
    const first = await getSearchIndex(db);
    expect(searchPapers(first, 'meditorn')[0]?.id).toBe('arxiv:2311.16079');
    expect(idsInStoredIndex(await db.kv.get(SEARCH_INDEX_KEY))).toEqual(['arxiv:2305.15075', 'arxiv:2311.16079']);

    const second = await getSearchIndex(db);
    expect(second).not.toBe(first);
    // A loaded index carries ids only: the papers stay in Dexie.
    expect(second.papers).toBeUndefined();
    expect(searchPapers(second, 'huatuo').map((hit) => hit.id)).toEqual(['arxiv:2305.15075']);
  });

  it('follows changes to the lists', async () => {
    await getSearchIndex(db);
    await replaceListEntries(
      db,
      { id: 'other', name: 'Other list', sourceUrl: 'https://example.com/other.md', enabled: true, fetchedAt: 2000 },
      [entry('arxiv:2306.00890', 'LLaVA-Med: Training a Large Language-and-Vision Assistant')],
    );
    const index = await getSearchIndex(db);
    expect(searchPapers(index, 'llava').map((hit) => hit.id)).toEqual(['arxiv:2306.00890']);
    await db.lists.update('other', { enabled: false });
    expect(searchPapers(await getSearchIndex(db), 'llava')).toEqual([]);
  });

  it('rebuilds an index stored by the version before abbreviations (3), even under a current fingerprint', async () => {
    await rebuildSearchIndex(db);
    const row = await db.kv.get(SEARCH_INDEX_KEY);
    const stored = row?.value as { fingerprint: string; index: { version: number } };
    // Version 3 had this very layout: only the version tells that its titles lack abbreviations.
    await db.kv.put({ key: SEARCH_INDEX_KEY, value: { ...stored, index: { ...stored.index, version: 3 } } });
    const index = await getSearchIndex(db);
    expect(index.data.version).toBe(SEARCH_INDEX_VERSION);
    expect(((await db.kv.get(SEARCH_INDEX_KEY))?.value as typeof stored).index.version).toBe(SEARCH_INDEX_VERSION);
  });

  it('has the background rebuild an index whose fingerprint is from version 3', async () => {
    await rebuildSearchIndex(db);
    const fingerprint = (await db.kv.get(SEARCH_INDEX_FINGERPRINT_KEY))?.value as string;
    const previous = fingerprint.replace(/^\[\d+,/, '[3,');
    expect(previous).not.toBe(fingerprint);
    const row = await db.kv.get(SEARCH_INDEX_KEY);
    const stored = row?.value as { fingerprint: string; index: { version: number } };
    await db.kv.bulkPut([
      { key: SEARCH_INDEX_KEY, value: { fingerprint: previous, index: { ...stored.index, version: 3 } } },
      { key: SEARCH_INDEX_FINGERPRINT_KEY, value: previous },
    ]);
    await createSearchIndexKeeper(db).ensureStored();
    expect((await db.kv.get(SEARCH_INDEX_FINGERPRINT_KEY))?.value).toBe(fingerprint);
    expect(((await db.kv.get(SEARCH_INDEX_KEY))?.value as typeof stored).index.version).toBe(SEARCH_INDEX_VERSION);
  });

  it('rebuilds when the stored value is damaged', async () => {
    const built = await rebuildSearchIndex(db);
    const row = await db.kv.get(SEARCH_INDEX_KEY);
    await db.kv.put({ key: SEARCH_INDEX_KEY, value: { ...(row?.value as object), index: { version: 1, ids: 'garbage' } } });
    const index = await getSearchIndex(db);
    expect(searchPapers(index, 'meditron').map((hit) => hit.id)).toEqual(searchPapers(built, 'meditron').map((hit) => hit.id));
  });
});

describe('papersForHits', () => {
  /** Records what was read. */
  function recordingReader() {
    const calls: string[] = [];
    const inner = dexieEntryReader(db);
    const reader: EntryReader = { withIds: (ids) => (calls.push(`ids ${ids.length}`), inner.withIds(ids)) };
    return { calls, reader };
  }

  it('reads the papers of a loaded index by id, in hit order, in one read', async () => {
    await getSearchIndex(db);
    const loaded = await getSearchIndex(db);
    const hits = searchPapers(loaded, 'model');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.paper === undefined)).toBe(true);
    const { calls, reader } = recordingReader();
    const papers = await papersForHits(hits, reader);
    expect(papers.map((paper) => paper.id)).toEqual(hits.map((hit) => hit.id));
    expect(papers[0]?.lists).toEqual(['seed']);
    expect(calls).toEqual([`ids ${hits.length}`]);
  });

  it('finds a paper that moved in its list since the index was stored', async () => {
    await getSearchIndex(db);
    // Loaded from storage, as the popup does: hits carry ids, not papers.
    const loaded = await getSearchIndex(db);
    const hits = searchPapers(loaded, 'meditron');
    // The list is rewritten with other papers first: MEDITRON is stored elsewhere now.
    const others = Array.from({ length: 60 }, (_, i) => entry(`arxiv:2401.${String(10000 + i)}`, `Other paper ${i}`));
    await replaceListEntries(db, { id: 'seed', name: 'LLMs in Medicine', sourceUrl: SNAPSHOT.sourceUrl, enabled: true, fetchedAt: 2000 }, [...others, ...SNAPSHOT.entries]);
    const { calls, reader } = recordingReader();
    const papers = await papersForHits(hits, reader);
    expect(papers.map((paper) => paper.id)).toEqual(['arxiv:2311.16079']);
    expect(calls).toEqual(['ids 1']);
  });
});

describe('SearchIndexKeeper.keepFresh', () => {
  it('stores a fresh index after each change to the lists', async () => {
    const stop = createSearchIndexKeeper(db).keepFresh((error) => {
      throw error;
    });
    try {
      const storedIds = async (): Promise<string[]> => idsInStoredIndex(await db.kv.get(SEARCH_INDEX_KEY));
      await expect.poll(storedIds).toEqual(['arxiv:2305.15075', 'arxiv:2311.16079']);
      await replaceListEntries(
        db,
        { id: 'other', name: 'Other list', sourceUrl: 'https://example.com/other.md', enabled: true, fetchedAt: 2000 },
        [entry('arxiv:2306.00890', 'LLaVA-Med')],
      );
      await expect.poll(storedIds).toEqual(['arxiv:2305.15075', 'arxiv:2306.00890', 'arxiv:2311.16079']);
    } finally {
      await stop();
    }
  });

  it('stops once the rebuild under way has stored its index, so the database can close under it', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => entry(`arxiv:2401.${10000 + i}`, `Paper ${i} on clinical language models`));
    await replaceListEntries(db, { id: 'other', name: 'Other list', sourceUrl: 'https://example.com/other.md', enabled: true, fetchedAt: 2000 }, many);
    // The rebuild reads the lists' entries: it is under way (and, in slices, far from done).
    let reading = false;
    db.entryChunks.hook('reading', (chunk) => {
      reading = true;
      return chunk;
    });
    const errors: unknown[] = [];
    const stop = createSearchIndexKeeper(db).keepFresh((error) => errors.push(error));
    await expect.poll(() => reading).toBe(true);
    await stop();
    expect((await db.kv.get(SEARCH_INDEX_FINGERPRINT_KEY))?.value).toBe(await searchIndexFingerprint(db));
    db.close();
    expect(errors).toEqual([]);
  });
});

describe('SearchIndexKeeper.offerStoredList', () => {
  const list = { id: 'seed', name: 'LLMs in Medicine', sourceUrl: SNAPSHOT.sourceUrl, enabled: true, fetchedAt: 5000 };

  it('builds the index from a list just stored, without reading its entries back', async () => {
    const handed: Array<[ListInfo, readonly StoredEntry[]]> = [];
    await replaceListEntries(db, list, SNAPSHOT.entries, { onStored: (row, entries) => handed.push([row, entries]) });
    expect(handed).toHaveLength(1);
    const [row, entries] = handed[0]!;
    expect(row).toMatchObject({ id: 'seed', fetchedAt: 5000, entryCount: 2 });
    expect(entries.map((e) => e.id)).toEqual(SNAPSHOT.entries.map((e) => e.id));
    // Marked copies: only an index built from the offered entries can find the mark.
    const keeper = createSearchIndexKeeper(db);
    keeper.offerStoredList(row, entries.map((e) => ({ ...e, title: `${e.title} handedover` })));
    await keeper.ensureStored();
    expect(searchPapers(await getSearchIndex(db), 'handedover')).toHaveLength(2);
    // Taken once: the next rebuild reads the database.
    expect(searchPapers(await rebuildSearchIndex(db), 'handedover')).toHaveLength(0);
  });

  it('ignores entries of a list that changed since they were offered', async () => {
    const handed: Array<[ListInfo, readonly StoredEntry[]]> = [];
    await replaceListEntries(db, list, SNAPSHOT.entries, { onStored: (row, entries) => handed.push([row, entries]) });
    const [row, entries] = handed[0]!;
    await replaceListEntries(db, { ...list, fetchedAt: 6000 }, SNAPSHOT.entries);
    const keeper = createSearchIndexKeeper(db);
    keeper.offerStoredList(row, entries.map((e) => ({ ...e, title: `${e.title} stale` })));
    await keeper.ensureStored();
    expect(searchPapers(await getSearchIndex(db), 'stale')).toHaveLength(0);
  });
});
