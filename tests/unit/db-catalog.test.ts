import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, entriesOfChunk } from '../../lib/db/buckets';
import { LanternDB } from '../../lib/db/schema';
import {
  SEED_LIST_ID,
  allPapers,
  entryCount,
  mergeEntries,
  paperById,
  entriesWithIds,
  papersByKeys,
  papersByTitlePrefix,
  relatedPool,
  removeList,
  replaceListEntries,
  seedFromSnapshot,
  storedEntry,
} from '../../lib/db/catalog';
import { savePaper, savedPaperFromPaper, listSaved } from '../../lib/db/readingList';
import type { CatalogEntry, CatalogSnapshot, StoredEntry } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

function entry(id: string, over: Partial<CatalogEntry> = {}): CatalogEntry {
  const titleKey = over.titleKey ?? `title of ${id.replace(/\W+/g, ' ')}`.trim();
  return withAuthorList({
    id,
    title: titleKey,
    authors: 'Someone et al.',
    venue: 'arXiv',
    year: 2023,
    categories: ['Medical LLMs'],
    links: [],
    ids: { repos: [] },
    titleKey,
    line: 1,
    ...over,
  });
}

const MEDPROMPT = entry('arxiv:2311.16452', {
  ids: { arxiv: '2311.16452', repos: ['github.com/microsoft/promptbase'] },
  titleKey: 'can generalist foundation models outcompete special purpose tuning',
  categories: ['Prompting › Chain-of-Thought'],
});
const MEDPALM = entry('doi:10.1038/s41586-023-06291-2', {
  ids: { doi: '10.1038/s41586-023-06291-2', pmcid: 'PMC10396962', pmid: '37438534', repos: [] },
  titleKey: 'large language models encode clinical knowledge',
  categories: ['Evaluation › Benchmarks', 'Medical LLMs'],
  year: 2023,
});
const TITLE_ONLY = entry('title:a survey of large language models in medicine', {
  titleKey: 'a survey of large language models in medicine',
  categories: ['Surveys'],
  year: 2024,
});

function snapshot(entries: CatalogEntry[]): CatalogSnapshot {
  return { format: 1, name: 'LLMs in Medicine', sourceUrl: 'https://github.com/example/list', sourceDate: '2025-06-01', entries };
}

let db: LanternDB;
let n = 0;
beforeEach(async () => {
  db = new LanternDB(`catalog-${n++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** Every stored entry row, in whichever list. */
async function storedRows(): Promise<StoredEntry[]> {
  return (await db.entryChunks.toArray()).flatMap(entriesOfChunk);
}

describe('seedFromSnapshot', () => {
  it('fills the seed list and its entries', async () => {
    const result = await seedFromSnapshot(db, snapshot([MEDPROMPT, MEDPALM, TITLE_ONLY]), 1000);
    expect(result).toEqual({ added: 3, removed: 0, total: 3 });
    expect(await db.lists.get(SEED_LIST_ID)).toEqual({
      id: 'seed',
      name: 'LLMs in Medicine',
      sourceUrl: 'https://github.com/example/list',
      enabled: true,
      fetchedAt: Date.parse('2025-06-01'),
      entryCount: 3,
    });
    expect(await storedRows()).toHaveLength(3);
  });

  it('is idempotent: seeding the same snapshot again leaves identical rows', async () => {
    await seedFromSnapshot(db, snapshot([MEDPROMPT, MEDPALM]), 1000);
    const before = { lists: await db.lists.toArray(), entries: await storedRows(), manifests: await db.manifests.toArray() };
    expect(await seedFromSnapshot(db, snapshot([MEDPROMPT, MEDPALM]), 9000)).toEqual({ added: 0, removed: 0, total: 2 });
    expect({ lists: await db.lists.toArray(), entries: await storedRows(), manifests: await db.manifests.toArray() }).toEqual(before);
  });

  it('keeps addedAt of entries that stay, stamps new ones, and drops the ones that left', async () => {
    await seedFromSnapshot(db, snapshot([MEDPROMPT, MEDPALM]), 1000);
    const result = await seedFromSnapshot(db, snapshot([MEDPALM, TITLE_ONLY]), 2000);
    expect(result).toEqual({ added: 1, removed: 1, total: 2 });
    const addedAt = Object.fromEntries((await storedRows()).map((e) => [e.id, e.addedAt]));
    expect(addedAt).toEqual({ [MEDPALM.id]: 1000, [TITLE_ONLY.id]: 2000 });
    expect((await db.lists.get('seed'))?.entryCount).toBe(2);
  });

  it('does not roll back a seed list refreshed after the snapshot was made', async () => {
    await seedFromSnapshot(db, snapshot([MEDPROMPT]));
    const refreshedAt = Date.parse('2025-07-01');
    await replaceListEntries(db, { ...(await db.lists.get('seed'))!, fetchedAt: refreshedAt }, [MEDPROMPT, MEDPALM], { now: refreshedAt });
    expect(await seedFromSnapshot(db, snapshot([MEDPROMPT]))).toEqual({ added: 0, removed: 0, total: 2 });
    expect(await storedRows()).toHaveLength(2);
    expect((await db.lists.get('seed'))?.fetchedAt).toBe(refreshedAt);

    const newerSnapshot = { ...snapshot([TITLE_ONLY]), sourceDate: '2025-08-01' };
    expect(await seedFromSnapshot(db, newerSnapshot)).toMatchObject({ total: 1 });
    expect((await storedRows()).map((e) => e.id)).toEqual([TITLE_ONLY.id]);
  });

  it('keeps a seed list the user turned off turned off', async () => {
    await seedFromSnapshot(db, snapshot([MEDPROMPT]));
    await db.lists.update('seed', { enabled: false });
    await seedFromSnapshot(db, snapshot([MEDPROMPT]));
    expect((await db.lists.get('seed'))?.enabled).toBe(false);
  });

  it('never touches saved items: they survive reseeding without them and list removal', async () => {
    await seedFromSnapshot(db, snapshot([MEDPROMPT, MEDPALM]));
    const listed = (await paperById(db, MEDPROMPT.id))!;
    await savePaper(db, savedPaperFromPaper(listed), 1234);
    const saved = await listSaved(db);

    await seedFromSnapshot(db, snapshot([MEDPALM]));
    expect(await paperById(db, MEDPROMPT.id)).toBeUndefined();
    expect(await listSaved(db)).toEqual(saved);

    await removeList(db, SEED_LIST_ID);
    expect(await db.entryChunks.count()).toBe(0);
    expect(await db.entryKeys.count()).toBe(0);
    expect(await db.manifests.count()).toBe(0);
    expect(await db.lists.count()).toBe(0);
    expect(await listSaved(db)).toEqual(saved);
  });
});

async function twoLists(): Promise<void> {
  await seedFromSnapshot(db, snapshot([MEDPROMPT, MEDPALM, TITLE_ONLY]), 1000);
  const other = { ...MEDPALM, categories: ['Clinical QA', 'Medical LLMs'], title: 'Med-PaLM (other list)' };
  await replaceListEntries(
    db,
    { id: 'other', name: 'Other list', sourceUrl: 'https://example.org/list.md', enabled: true, fetchedAt: 0 },
    [other],
    { now: 3000 },
  );
}

describe('mergeEntries', () => {
  it('makes one paper of the same entry in several lists, with every membership and all categories', async () => {
    await twoLists();
    const rows = await entriesWithIds(db, [MEDPALM.id]);
    expect(rows).toHaveLength(2);
    const [paper, ...rest] = mergeEntries(rows);
    expect(rest).toEqual([]);
    expect(paper!.lists.sort()).toEqual(['other', 'seed']);
    expect(paper!.categories.sort()).toEqual(['Clinical QA', 'Evaluation › Benchmarks', 'Medical LLMs']);
    expect(paper).not.toHaveProperty('keys');
    expect(paper).not.toHaveProperty('listId');
  });

  it("copies every field of the entry, and its own categories (merging never changes a stored row)", () => {
    const row = storedEntry('seed', MEDPALM, 1000);
    const [paper] = mergeEntries([row, storedEntry('other', { ...MEDPALM, categories: ['Clinical QA'] }, 2000)]);
    expect(paper).toStrictEqual({ ...MEDPALM, categories: [...MEDPALM.categories, 'Clinical QA'], lists: ['seed', 'other'], addedAt: 1000 });
    expect(row.categories).toEqual(MEDPALM.categories);
  });

  it('dates a paper by its earliest membership, whichever list comes first', () => {
    const rows = [storedEntry('late', MEDPALM, 3000), storedEntry('early', MEDPALM, 1000), storedEntry('late', MEDPROMPT, 3000)];
    expect(mergeEntries(rows).map((p) => [p.id, p.addedAt])).toEqual([
      [MEDPALM.id, 1000],
      [MEDPROMPT.id, 3000],
    ]);
    expect(mergeEntries([...rows].reverse()).find((p) => p.id === MEDPALM.id)?.addedAt).toBe(1000);
  });

  it('keeps the date out of a saved copy of the paper', () => {
    const [paper] = mergeEntries([storedEntry('seed', MEDPALM, 1000)]);
    expect(savedPaperFromPaper(paper!)).not.toHaveProperty('addedAt');
  });

  it('keeps distinct papers apart, in first-seen order', () => {
    const rows = [storedEntry('a', MEDPROMPT, 0), storedEntry('a', MEDPALM, 0), storedEntry('b', MEDPROMPT, 0)];
    expect(mergeEntries(rows).map((p) => [p.id, p.lists])).toEqual([
      [MEDPROMPT.id, ['a', 'b']],
      [MEDPALM.id, ['a']],
    ]);
  });
});

describe('lookups', () => {
  beforeEach(twoLists);

  it.each([
    ['arxiv:2311.16452', MEDPROMPT.id],
    ['repo:github.com/microsoft/promptbase', MEDPROMPT.id],
    ['title:can generalist foundation models outcompete special purpose tuning', MEDPROMPT.id],
    ['doi:10.1038/s41586-023-06291-2', MEDPALM.id],
    ['pmcid:PMC10396962', MEDPALM.id],
    ['pmid:37438534', MEDPALM.id],
    ['title:a survey of large language models in medicine', TITLE_ONLY.id],
  ])('finds a paper by %s', async (key, id) => {
    expect((await papersByKeys(db, [key])).map((p) => p.id)).toEqual([id]);
  });

  it('finds nothing for unknown keys or none, and one paper for several keys of it', async () => {
    expect(await papersByKeys(db, ['arxiv:0000.00000', 'doi:10.1/none'])).toEqual([]);
    expect(await papersByKeys(db, [])).toEqual([]);
    const both = await papersByKeys(db, ['doi:10.1038/s41586-023-06291-2', 'pmid:37438534']);
    expect(both.map((p) => [p.id, p.lists.sort()])).toEqual([[MEDPALM.id, ['other', 'seed']]]);
  });

  it('finds a paper by id', async () => {
    expect((await paperById(db, MEDPROMPT.id))?.title).toBe(MEDPROMPT.title);
    expect(await paperById(db, 'arxiv:1111.11111')).toBeUndefined();
  });

  it('finds papers by the start of their title key, and nothing for a prefix shorter than its bucketing', async () => {
    expect((await papersByTitlePrefix(db, 'large language models enc')).map((p) => p.id)).toEqual([MEDPALM.id]);
    expect((await papersByTitlePrefix(db, 'can generalis')).map((p) => p.id)).toEqual([MEDPROMPT.id]);
    expect(await papersByTitlePrefix(db, 'large language models enx')).toEqual([]);
    expect(await papersByTitlePrefix(db, 'l')).toEqual([]);
    expect(await papersByTitlePrefix(db, 'la')).toEqual([]);
    expect((await papersByTitlePrefix(db, 'a ')).map((p) => p.id)).toEqual([TITLE_ONLY.id]);
    expect(await papersByTitlePrefix(db, '')).toEqual([]);
  });

  it('leaves out lists the user turned off, except when asked for everything', async () => {
    expect(await entryCount(db)).toBe(3);
    await db.lists.update('seed', { enabled: false });
    expect(await entryCount(db)).toBe(1);
    expect(await papersByKeys(db, ['arxiv:2311.16452'])).toEqual([]);
    expect((await paperById(db, MEDPALM.id))?.lists).toEqual(['other']);
    expect((await allPapers(db)).map((p) => p.id)).toEqual([MEDPALM.id]);
    expect(await allPapers(db, { enabledOnly: false })).toHaveLength(3);
  });

  it('counts a paper in two lists once', async () => {
    expect(await storedRows()).toHaveLength(4);
    expect(await entryCount(db)).toBe(3);
    expect(await allPapers(db)).toHaveLength(3);
  });

  it('offers papers sharing a category (and the same year) as the related pool, without the paper itself', async () => {
    const medpalm = (await paperById(db, MEDPALM.id))!;
    const pool = await relatedPool(db, medpalm);
    expect(pool.map((p) => p.id).sort()).toEqual([MEDPROMPT.id].sort());
    const survey = (await paperById(db, TITLE_ONLY.id))!;
    expect(await relatedPool(db, survey)).toEqual([]);
  });
});

describe('a list larger than one chunk', () => {
  /** Entries in sections of 40, as an awesome-list keeps them: every tenth has no arXiv id. */
  function bigList(size: number, offset = 0): CatalogEntry[] {
    return Array.from({ length: size }, (_, n) => {
      const i = n + offset;
      const arxiv = i % 10 === 0 ? undefined : `2401.${String(i).padStart(5, '0')}`;
      const titleKey = `paper ${i} on clinical notes`;
      return entry(arxiv ? `arxiv:${arxiv}` : `title:${titleKey}`, {
        titleKey,
        title: titleKey,
        ids: { ...(arxiv && { arxiv }), repos: i % 7 === 0 ? [`github.com/lab/repo-${i}`] : [] },
        categories: [`Section ${Math.floor(n / 40)}`],
        year: 2000 + (i % 20),
        line: n + 1,
      });
    });
  }
  const listInfo = { id: 'big', name: 'Big', sourceUrl: 'https://example.org/big.md', enabled: true, fetchedAt: 0 };

  it('finds every entry by each of its keys, by id and by title prefix', async () => {
    const entries = bigList(1234);
    await replaceListEntries(db, listInfo, entries, { now: 1 });
    expect(await db.entryChunks.count()).toBe(Math.ceil(1234 / CHUNK_SIZE));
    for (const e of entries.filter((_, i) => i % 37 === 0 || i === entries.length - 1)) {
      const keys = [`title:${e.titleKey}`, ...(e.ids.arxiv ? [`arxiv:${e.ids.arxiv}`] : []), ...e.ids.repos.map((r) => `repo:${r}`)];
      for (const key of keys) expect((await papersByKeys(db, [key])).map((p) => p.id), key).toEqual([e.id]);
      expect((await paperById(db, e.id))?.title).toBe(e.title);
    }
    const prefixed = await papersByTitlePrefix(db, 'paper 12');
    expect(prefixed.map((p) => p.titleKey).every((k) => k.startsWith('paper 12'))).toBe(true);
    expect(prefixed).toHaveLength(1 + 10 + 34);
    expect(await papersByTitlePrefix(db, 'paper 12', 5)).toHaveLength(5);
    expect(await allPapers(db)).toHaveLength(1234);
    expect((await allPapers(db)).map((p) => p.id)).toEqual(entries.map((e) => e.id));
  });

  it('draws the related pool from the entries stored near the paper', async () => {
    const entries = bigList(1234);
    await replaceListEntries(db, listInfo, entries, { now: 1 });
    const paper = (await paperById(db, entries[600]!.id))!;
    const pool = await relatedPool(db, paper);
    expect(pool.map((p) => p.id)).not.toContain(paper.id);
    // Its whole section (entries 600–639) is in the pool, and nothing of a section far away.
    for (const e of entries.slice(600, 640)) if (e.id !== paper.id) expect(pool.map((p) => p.id)).toContain(e.id);
    expect(pool.some((p) => p.categories[0] === 'Section 0')).toBe(false);
    expect(pool.every((p) => p.categories[0] === paper.categories[0] || p.year === paper.year)).toBe(true);
  });

  it('shrinks cleanly: a smaller copy leaves no rows of the larger one behind', async () => {
    await replaceListEntries(db, listInfo, bigList(1234), { now: 1 });
    const small = bigList(150, 5000);
    expect(await replaceListEntries(db, listInfo, small, { now: 2 })).toEqual({ added: 150, removed: 1234, total: 150 });
    expect(await db.entryChunks.count()).toBe(Math.ceil(150 / CHUNK_SIZE));
    // Rows are written over in place: a key bucket the small copy does not use is gone too.
    const smallIds = new Set(small.map((e) => e.id));
    expect((await db.entryKeys.toArray()).flatMap((bucket) => bucket.ids).every((id) => smallIds.has(id))).toBe(true);
    expect((await storedRows()).map((e) => e.id)).toEqual(small.map((e) => e.id));
    expect(await papersByKeys(db, ['title:paper 1000 on clinical notes'])).toEqual([]);
    expect((await db.manifests.get('big'))?.ids).toEqual(small.map((e) => e.id));
  });

  it('lays a list out again when another write changed it meanwhile, keeping that write\'s dates', async () => {
    const [x, y, z] = bigList(3);
    await replaceListEntries(db, listInfo, [x!], { now: 1 });
    // Both read the stored list before either writes; the second must not undo the first's dates.
    await Promise.all([replaceListEntries(db, listInfo, [x!, y!], { now: 2 }), replaceListEntries(db, listInfo, [x!, y!, z!], { now: 3 })]);
    const dates = Object.fromEntries((await storedRows()).map((e) => [e.id, e.addedAt]));
    expect(dates).toEqual({ [x!.id]: 1, [y!.id]: 2, [z!.id]: 3 });
    expect((await db.manifests.get('big'))?.addedAt).toEqual([1, 2, 3]);
  });

  it('stores a repeated id once, at its first place', async () => {
    const [a, b] = bigList(2);
    expect(await replaceListEntries(db, listInfo, [a!, b!, { ...a!, title: 'again' }], { now: 1 })).toEqual({ added: 2, removed: 0, total: 2 });
    expect((await paperById(db, a!.id))?.title).toBe(a!.title);
  });
});
