/**
 * One paper, one record: an imported entry that is a listed paper becomes that paper's record
 * (so the badge and popup see it saved), and saved records written before that rule are merged
 * into one, losing no note or tag. Real (fake-indexeddb) database seeded with the bundled list.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import bundled from '../../assets/catalog.json';
import { replaceListEntries, seedFromSnapshot } from '../../lib/db/catalog';
import { listedPapersOf, matchIdentity, oneRecordPerPaper } from '../../lib/db/papers';
import { listAutoBackups, readAutoBackup, restoreAutoBackup } from '../../lib/db/autoBackups';
import { restoreSaved, savedPaperFromPaper } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { importFile } from '../../lib/formats/importFile';
import { NOTE_SEPARATOR } from '../../lib/notes';
import { namesFromPeople } from '../../lib/names';
import { titleKey } from '../../lib/title';
import type { CatalogEntry, CatalogSnapshot, SavedItem, SavedPaper } from '../../lib/types';

const snapshot = bundled as unknown as CatalogSnapshot;
const LISTED_ID = 'doi:10.1038/s41591-023-02448-8';
const T = Date.UTC(2025, 4, 1);

// As Google Scholar's "Cite → BibTeX" gives them: no DOI, no URL. The first is a listed Nature Medicine paper.
const SCHOLAR_BIBTEX = readFileSync(join(process.cwd(), 'tests/fixtures/imports/scholar-listed.bib'), 'utf8');

let db: LanternDB;
let count = 0;

beforeEach(async () => {
  db = new LanternDB(`one-record-test-${++count}`);
  await db.open();
  await seedFromSnapshot(db, snapshot, T);
});

afterEach(async () => {
  await db.delete();
});

const listed = () => snapshot.entries.find((e) => e.id === LISTED_ID)!;
const pageOfListed = { url: 'https://www.nature.com/articles/s41591-023-02448-8', doi: '10.1038/s41591-023-02448-8', title: listed().title };

function item(id: string, paper: SavedPaper, over: Partial<SavedItem> = {}): SavedItem {
  return { id, paper, status: 'to-read', statusChangedAt: T, tags: [], note: '', starred: false, addedAt: T, updatedAt: T, ...over };
}

/** The listed paper as a Scholar-style record once saved it: title id, no identifiers. */
function scholarCopy(): SavedPaper {
  const title = 'Large language models in medicine';
  return {
    id: `title:${titleKey(title)}`,
    title,
    authors: 'Arun James Thirunavukarasu, Darren Shu Jeng Ting',
    authorList: namesFromPeople(['Thirunavukarasu, Arun James', 'Ting, Darren Shu Jeng']),
    venue: 'Nature medicine',
    year: 2023,
    categories: [],
    links: [],
    ids: { repos: [] },
    titleKey: titleKey(title),
  };
}

describe('importing a listed paper', () => {
  it('saves a Scholar BibTeX entry of a listed paper as that paper: the badge says saved, Save makes no second item', async () => {
    const outcome = await importFile(db, SCHOLAR_BIBTEX, 'bibtex');
    expect(outcome).toMatchObject({ ok: true, added: 2, updated: 0, unchanged: 0, merged: 1 });
    const ids = (await db.saved.toArray()).map((i) => i.id).sort();
    expect(ids).toEqual([LISTED_ID, 'title:a paper no list of ours holds about triage']);
    const saved = (await db.saved.get(LISTED_ID))!;
    expect(saved.paper.ids.doi).toBe('10.1038/s41591-023-02448-8');
    expect(saved.paper.categories).toEqual(listed().categories);
    expect(await matchIdentity(db, pageOfListed)).toMatchObject({ paper: { id: LISTED_ID }, saved: true });
  });

  it('merges into the listed paper already saved, keeping the status, tags and note; the same file again changes nothing', async () => {
    await restoreSaved(db, [item(LISTED_ID, savedPaperFromPaper({ ...listed(), lists: ['seed'] }), { status: 'read', tags: ['review'], note: 'Read for the survey.' })]);
    const outcome = await importFile(db, SCHOLAR_BIBTEX, 'bibtex');
    expect(outcome).toMatchObject({ ok: true, added: 1, merged: 1 });
    const saved = (await db.saved.get(LISTED_ID))!;
    expect(saved).toMatchObject({ status: 'read', tags: ['review'], note: 'Read for the survey.' });
    expect(await db.saved.count()).toBe(2);
    const before = await db.saved.toArray();
    expect(await importFile(db, SCHOLAR_BIBTEX, 'bibtex')).toMatchObject({ ok: true, added: 0, updated: 0 });
    expect(await db.saved.toArray()).toEqual(before);
  });
});

describe('one record per paper in a reading list written before', () => {
  it('moves a saved copy of a listed paper to the listed id and merges it with the listed record, losing no note or tag', async () => {
    await restoreSaved(db, [
      item(scholarCopy().id, scholarCopy(), { tags: ['imported'], note: 'From Scholar.', addedAt: T - 1000, statusChangedAt: T - 1000, updatedAt: T - 1000 }),
      item(LISTED_ID, savedPaperFromPaper({ ...listed(), lists: ['seed'] }), { status: 'reading', tags: ['review'], note: 'Read for the survey.', statusChangedAt: T + 5 }),
    ]);
    expect(await oneRecordPerPaper(db)).toBe(1);
    const all = await db.saved.toArray();
    expect(all.map((i) => i.id)).toEqual([LISTED_ID]);
    // The older record comes first; the status is the later change's.
    expect(all[0]).toMatchObject({ status: 'reading', tags: ['imported', 'review'], addedAt: T - 1000 });
    expect(all[0]!.note).toBe(`From Scholar.${NOTE_SEPARATOR}Read for the survey.`);
    expect(all[0]!.paper.ids.doi).toBe('10.1038/s41591-023-02448-8');
    expect(await oneRecordPerPaper(db)).toBe(0);
  });

  it('gives a lone saved copy of a listed paper the listed id, and leaves unlisted and distinct papers alone', async () => {
    const unlisted = { ...scholarCopy(), id: 'title:a paper no list of ours holds', title: 'A paper no list of ours holds', titleKey: 'a paper no list of ours holds' };
    await restoreSaved(db, [item(scholarCopy().id, scholarCopy(), { note: 'Mine.' }), item(unlisted.id, unlisted)]);
    expect(await oneRecordPerPaper(db)).toBe(1);
    expect((await db.saved.toArray()).map((i) => [i.id, i.note]).sort()).toEqual([
      [LISTED_ID, 'Mine.'],
      [unlisted.id, ''],
    ]);
    expect(await matchIdentity(db, pageOfListed)).toMatchObject({ saved: true, hasNoteOrTags: true });
  });

  it('does not take a paper with the same title by another first author for the listed one', async () => {
    const other = { ...scholarCopy(), authorList: namesFromPeople(['Nobody, Jane']), authors: 'Jane Nobody' };
    await restoreSaved(db, [item(other.id, other)]);
    expect(await oneRecordPerPaper(db)).toBe(0);
    expect((await db.saved.toArray()).map((i) => i.id)).toEqual([other.id]);
  });

  it('leaves two saved papers alone that share a title but carry different DOIs, each with its own note', async () => {
    const paper = (doi: string, authors: string): SavedPaper => ({ ...scholarCopy(), id: `doi:${doi}`, title: 'Large Language Models in Medicine', authors, authorList: namesFromPeople([authors]), ids: { doi, repos: [] } });
    const jama = paper('10.1001/jama.2023.9999', 'Else, Someone');
    const other = paper('10.1000/another.2023.1', 'Other, Anne');
    await restoreSaved(db, [item(jama.id, jama, { note: 'JAMA viewpoint notes' }), item(other.id, other, { note: 'Other notes', addedAt: T + 1 })]);
    expect(await oneRecordPerPaper(db)).toBe(0);
    expect((await db.saved.toArray()).map((i) => [i.id, i.note]).sort()).toEqual([
      [other.id, 'Other notes'],
      [jama.id, 'JAMA viewpoint notes'],
    ]);
  });
});

describe('merging duplicates is reversible and reads the lists in one pass', () => {
  const twoRecordsOfOnePaper = () => [
    item(scholarCopy().id, scholarCopy(), { tags: ['imported'], note: 'From Scholar.' }),
    item(LISTED_ID, savedPaperFromPaper({ ...listed(), lists: ['seed'] }), { tags: ['review'], note: 'Mine.' }),
  ];

  it('keeps an automatic backup of the reading list as it was before the merge, which restores it exactly', async () => {
    await restoreSaved(db, twoRecordsOfOnePaper());
    const before = (await db.saved.toArray()).sort((a, b) => a.id.localeCompare(b.id));
    expect(await oneRecordPerPaper(db, T + 1)).toBe(1);
    const [backup] = await listAutoBackups(db);
    expect(backup).toMatchObject({ reason: 'merge', takenAt: T + 1, count: 2 });
    expect((await readAutoBackup(db, backup!.id))!.items.sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
    expect(await restoreAutoBackup(db, backup!.id, T + 2)).toMatchObject({ ok: true, restored: 2 });
    expect((await db.saved.toArray()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
  });

  it('takes no backup when there is nothing to merge', async () => {
    await restoreSaved(db, [twoRecordsOfOnePaper()[1]!]);
    expect(await oneRecordPerPaper(db)).toBe(0);
    expect(await listAutoBackups(db)).toEqual([]);
  });

  it('merges nothing when the backup cannot be written', async () => {
    await restoreSaved(db, twoRecordsOfOnePaper());
    const before = await db.saved.toArray();
    db.kv.bulkPut = (() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as unknown as typeof db.kv.bulkPut;
    await expect(oneRecordPerPaper(db)).rejects.toThrow(/quota/);
    expect(await db.saved.toArray()).toEqual(before);
  });

  it('finds the listed paper of many saved papers with one read of the key buckets', async () => {
    // Titles of three words or more: shorter ones are names, never matched by title (lib/match.ts).
    const entries = snapshot.entries.filter((entry) => entry.titleKey.split(' ').length >= 3).slice(0, 40);
    const copies = entries.map((entry) => ({ ...savedPaperFromPaper({ ...entry, lists: ['seed'] }), id: `title:${entry.titleKey}`, ids: { repos: [] } }));
    const unlisted = { ...scholarCopy(), id: 'title:nothing listed', title: 'Nothing listed here at all', titleKey: 'nothing listed here at all' };
    let bucketReads = 0;
    const bulkGet = db.entryKeys.bulkGet.bind(db.entryKeys);
    db.entryKeys.bulkGet = ((keys: Parameters<typeof bulkGet>[0]) => {
      bucketReads++;
      return bulkGet(keys);
    }) as typeof bulkGet;
    const found = await listedPapersOf(db, [...copies, unlisted]);
    expect(found.map((paper) => paper?.id)).toEqual([...entries.map((entry) => entry.id), undefined]);
    // One for every paper's keys, one for the unlisted paper's title prefix.
    expect(bucketReads).toBe(2);
  });
});

describe('a page whose address is exactly a listed link', () => {
  it('is that entry, even when the link names no identifier (the list gives an organisation on Hugging Face as the code)', async () => {
    // Clinical Camel's code link in the seed list is https://huggingface.co/wanglab.
    const match = await matchIdentity(db, { url: 'https://huggingface.co/wanglab', title: 'wanglab (WangLab)' });
    expect(match).toMatchObject({ paper: { id: 'arxiv:2305.12031' }, via: 'link' });
    expect(match?.sharedWith).toBeUndefined();
    expect((await matchIdentity(db, { url: 'https://www.huggingface.co/wanglab/#models' }))?.paper.id).toBe('arxiv:2305.12031');
    // Only exactly that address: a page under it, or another organisation, is not the entry.
    expect(await matchIdentity(db, { url: 'https://huggingface.co/wanglab-other' })).toBeNull();
    expect(await matchIdentity(db, { url: 'https://huggingface.co/wanglab/some-model' })).toBeNull();
  });

  it('names every entry a shared link is listed for, and every entry a shared repository is listed for', async () => {
    const entry = (id: string, title: string, links: CatalogEntry['links'], repos: string[] = []): CatalogEntry => ({
      ...snapshot.entries[0]!,
      id,
      title,
      titleKey: titleKey(title),
      links,
      ids: { repos },
      line: 1,
    });
    await replaceListEntries(db, { id: 'other', name: 'Other list', sourceUrl: 'https://example.org/other.md', enabled: true, fetchedAt: T }, [
      entry('title:first toolkit paper of the project', 'First toolkit paper of the project', [{ kind: 'code', url: 'https://project.example.org/toolkit/', label: 'project' }]),
      entry('title:second toolkit paper of the project', 'Second toolkit paper of the project', [{ kind: 'code', url: 'https://project.example.org/toolkit', label: 'code' }]),
      entry('title:a paper with shared code', 'A paper with shared code', [{ kind: 'code', url: 'https://github.com/org/shared', label: 'code' }], ['github.com/org/shared']),
      entry('title:another paper with shared code', 'Another paper with shared code', [{ kind: 'code', url: 'https://github.com/org/shared', label: 'code' }], ['github.com/org/shared']),
    ], { now: T });
    const byLink = await matchIdentity(db, { url: 'https://project.example.org/toolkit', title: 'Toolkit' });
    expect(byLink?.via).toBe('link');
    expect([byLink!.paper.id, ...byLink!.sharedWith!.map((other) => other.id)].sort()).toEqual(['title:first toolkit paper of the project', 'title:second toolkit paper of the project']);
    const byRepo = await matchIdentity(db, { url: 'https://github.com/org/shared', repo: 'github.com/org/shared' });
    expect(byRepo?.via).toBe('repo');
    expect([byRepo!.paper.title, ...byRepo!.sharedWith!.map((other) => other.title)].sort()).toEqual(['A paper with shared code', 'Another paper with shared code']);
  });
});
