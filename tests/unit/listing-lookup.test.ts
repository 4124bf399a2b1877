/**
 * Listing pages against the seed list: every fixture page, read as the content script reads it
 * and looked up in one batch as the background does, marks exactly its listed entries (ids, in
 * page order); statuses and "new" follow the reading list and the new-entries clock.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import snapshotJson from '../../assets/catalog.json';
import { replaceListEntries, seedFromSnapshot } from '../../lib/db/catalog';
import { lookupListed } from '../../lib/db/listed';
import { savedPaperFromPaper, savePaper, updateSaved } from '../../lib/db/readingList';
import { paperById } from '../../lib/db/catalog';
import { LanternDB } from '../../lib/db/schema';
import { linkItem, listingItems, paperLinks, plannedMarks, referenceItems, type ListingItem } from '../../lib/listing';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';
import { titleKey } from '../../lib/title';
import { LISTINGS, readListing, type ListingFixture } from '../fixtures/listings/listings';

const snapshot = snapshotJson as CatalogSnapshot;
let db: LanternDB;
let n = 0;

beforeEach(async () => {
  db = new LanternDB(`listed-${n++}`);
  await seedFromSnapshot(db, snapshot, 1000);
});

function items(fixture: ListingFixture): ListingItem[] {
  const doc = new DOMParser().parseFromString(readListing(fixture.file), 'text/html');
  if (fixture.read === 'references') return referenceItems(doc, fixture.url);
  const own = new Set(['repo:github.com/mingze-yuan/awesome-llm-healthcare']);
  const links = () => paperLinks(doc).flatMap((link) => linkItem(link, fixture.url, own) ?? []);
  if (fixture.read === 'links') return links();
  if (fixture.read === 'page') return [...referenceItems(doc, fixture.url), ...links()];
  return listingItems(fixture.read, doc, fixture.url);
}

describe.each(LISTINGS.map((fixture) => [fixture.file, fixture] as const))('%s', (_file, fixture) => {
  it('marks exactly its listed entries', async () => {
    const read = items(fixture);
    const hits = await lookupListed(db, read.map((i) => i.query), 2000);
    expect(plannedMarks(read, hits).marks.map((m) => m.hit.id)).toEqual(fixture.marked);
  });
});

describe('lookupListed', () => {
  it('answers with the title as listed, categories, reading status and "new"', async () => {
    const medprompt = (await paperById(db, 'arxiv:2311.16452'))!;
    await savePaper(db, savedPaperFromPaper(medprompt));
    await savePaper(db, savedPaperFromPaper((await paperById(db, 'arxiv:2311.16079'))!));
    await updateSaved(db, 'arxiv:2311.16079', { status: 'reading' });
    const hits = await lookupListed(db, [{ arxiv: '2311.16452' }, { arxiv: '2311.16079' }, { arxiv: '2310.14573' }, { arxiv: '2406.01234' }], 2000);
    expect(hits).toEqual([
      { id: 'arxiv:2311.16452', title: medprompt.title, categories: medprompt.categories, status: 'saved', isNew: false },
      expect.objectContaining({ id: 'arxiv:2311.16079', status: 'reading', isNew: false }),
      expect.objectContaining({ id: 'arxiv:2310.14573', status: 'none', isNew: false }),
      null,
    ]);
    // Entries added after the clock are new.
    expect((await lookupListed(db, [{ arxiv: '2311.16452' }], 500))[0]?.isNew).toBe(true);
  });

  it('says once, before the entries are read, that a list holds one of the keys; never when none is listed', async () => {
    let found = 0;
    const onKeyFound = () => found++;
    await lookupListed(db, [{ arxiv: '2406.01234' }, { doi: '10.9999/not-listed' }], 2000, { onKeyFound });
    expect(found).toBe(0);
    const hits = await lookupListed(db, [{ arxiv: '2311.16452' }, { arxiv: '2406.01234' }, { arxiv: '2311.16079' }], Promise.resolve(500), { onKeyFound });
    expect(found).toBe(1);
    // The clock may arrive as a promise: "new" still follows it.
    expect(hits.map((h) => h?.isNew ?? null)).toEqual([true, null, true]);
  });

  it('takes a same-titled item by another first author for another paper', async () => {
    const hits = await lookupListed(
      db,
      [
        { title: 'Large language models in medicine', author: 'AJ Thirunavukarasu' },
        { title: 'Large language models in medicine', author: 'P Someone' },
      ],
      2000,
    );
    expect(hits.map((h) => h?.id ?? null)).toEqual(['doi:10.1038/s41591-023-02448-8', null]);
  });

  it('does not take a reference with another paper’s DOI for a listed title it quotes', async () => {
    const text = titleKey('Reply to: Large language models encode clinical knowledge. Nature 2024.');
    const hits = await lookupListed(db, [{ doi: '10.1038/s41586-024-99999-9', text }, { text }], 2000);
    expect(hits.map((h) => h?.id ?? null)).toEqual([null, 'doi:10.1038/s41586-023-06291-2']);
  });

  it('finds titles in texts among 20k entries, one batch of 2,000 items (100k: npm run bench)', async () => {
    const base = snapshot.entries[0]!;
    const entries: CatalogEntry[] = Array.from({ length: 20_000 }, (_, i) => {
      const title = `Synthetic study ${i} of clinical language models for triage`;
      return { ...base, id: `title:${titleKey(title)}`, title, titleKey: titleKey(title), ids: { repos: [] }, links: [] };
    });
    await replaceListEntries(db, { id: 'big', name: 'Big', sourceUrl: 'https://example.org/big.md', enabled: true, fetchedAt: 0 }, entries);
    const queries = Array.from({ length: 2000 }, (_, i) => ({ text: titleKey(`A. Author. Synthetic study ${i * 10} of clinical language models for triage. 2024.`) }));
    const hits = await lookupListed(db, queries, 2000);
    expect(hits.filter((h) => h !== null)).toHaveLength(2000);
    expect(hits[3]?.id).toBe(`title:${titleKey('Synthetic study 30 of clinical language models for triage')}`);
  }, 60_000);
});

describe('plannedMarks', () => {
  it('marks a paper once per group and stops at the cap', () => {
    const doc = new DOMParser().parseFromString('<p id="a"><a href="https://arxiv.org/abs/2311.16079">x</a><a href="https://github.com/epfLLM/meditron">y</a></p><p id="b"><a href="https://arxiv.org/abs/2311.16079">z</a></p>', 'text/html');
    const read = paperLinks(doc).flatMap((link) => linkItem(link, 'https://example.org/') ?? []);
    const hit = { id: 'arxiv:2311.16079' };
    expect(plannedMarks(read, [hit, hit, hit]).marks.map((m) => m.item.group.id)).toEqual(['a', 'b']);
    expect(plannedMarks(read, [hit, hit, hit], 1)).toEqual({ marks: [expect.objectContaining({ hit })], capped: true });
  });
});
