/**
 * The library page's figures at 10,000 saved papers: reading the list with its list
 * membership (fake-indexeddb, so only indicative), building the search index over it, and one
 * keystroke's work (search + filters + sort), against a naive substring filter as the peer.
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import bundled from '../../assets/catalog.json';
import { mergeEntries, replaceListEntries, storedEntry } from '../../lib/db/catalog';
import { restoreSaved, savedPaperFromPaper } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { libraryRows, loadListMembership, loadSavedItems } from '../../lib/library/data';
import { buildLibraryIndex, libraryView, searchLibrary, tagsInUse, type LibraryFilters } from '../../lib/library/view';
import { foldText } from '../../lib/fold';
import type { CatalogSnapshot, ReadingStatus, SavedItem } from '../../lib/types';
import { generateCorpus } from './corpus';

const SIZE = Number(process.env.LANTERN_BENCH_LIBRARY_SIZE ?? 10_000);
const STATUSES: ReadingStatus[] = ['to-read', 'reading', 'read'];
const TAGS = ['llm', 'radiology', 'to-cite', 'benchmark', 'clinical notes', 'rag'];
const QUERIES = ['radiology', 'med', 'clinical report generation', 'gpt-4v', 'benchmark'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timeIt<T>(work: () => T | Promise<T>, runs = 5): Promise<[T, number]> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  return [result as T, median(times)];
}

const ms = (t: number) => `${t.toFixed(1)} ms`;

export async function run(): Promise<void> {
  console.log(`\n== library page (${SIZE.toLocaleString('en')} saved papers; median of 5) ==`);
  const basis = mergeEntries((bundled as unknown as CatalogSnapshot).entries.map((e) => storedEntry('seed', e, 0)));
  const papers = generateCorpus(SIZE, { basis });
  const items: SavedItem[] = papers.map((paper, i) => ({
    id: paper.id,
    paper: savedPaperFromPaper(paper),
    status: STATUSES[i % 3] as ReadingStatus,
    statusChangedAt: i,
    tags: TAGS.filter((_, t) => (i + t) % 4 === 0),
    note: i % 5 === 0 ? 'compare with radiology baselines' : '',
    starred: i % 7 === 0,
    addedAt: i * 1000,
    updatedAt: i * 1000,
  }));

  const db = new LanternDB('bench-library');
  await db.open();
  // Half the saved papers are still in the list.
  await replaceListEntries(
    db,
    { id: 'seed', name: 'Seed', sourceUrl: 'https://example.org', enabled: true, fetchedAt: 0 },
    papers.filter((_, i) => i % 2 === 0).map(({ lists: _l, ...entry }) => entry),
    { now: 0 },
  );
  await restoreSaved(db, items);

  const [saved, loadMs] = await timeIt(() => loadSavedItems(db), 3);
  console.log(`  read saved items (fake-indexeddb)        ${ms(loadMs)}  (on every edit)`);
  const [membership, membershipMs] = await timeIt(() => loadListMembership(db), 3);
  console.log(`  read list membership (fake-indexeddb)    ${ms(membershipMs)}  (when the catalog changes)`);
  const data = { rows: libraryRows(saved, membership) };
  const [index, buildMs] = await timeIt(() => buildLibraryIndex(data.rows));
  console.log(`  build search index                       ${ms(buildMs)}  (once per change of paper data, not per edit)`);
  const [, tagsMs] = await timeIt(() => tagsInUse(items));
  console.log(`  tags in use                              ${ms(tagsMs)}`);

  const filters: LibraryFilters = { status: 'reading', tag: 'radiology' };
  for (const query of QUERIES) {
    const [shown, lanternMs] = await timeIt(() =>
      libraryView(data.rows, { ranked: searchLibrary(index, data.rows, query), filters, sort: 'relevance', now: Date.now() }),
    );
    const folded = foldText(query);
    const [naive, naiveMs] = await timeIt(() =>
      data.rows.filter(
        (r) =>
          foldText(`${r.item.paper.title} ${r.item.paper.authors} ${r.item.tags.join(' ')} ${r.item.note}`).includes(folded) &&
          r.item.status === 'reading' &&
          r.item.tags.includes('radiology'),
      ),
    );
    console.log(
      `  keystroke "${query}" + status + tag`.padEnd(52) +
        `${ms(lanternMs)}  ${shown.length} shown; naive substring ${ms(naiveMs)} (${naive.length}); ratio ${(lanternMs / Math.max(naiveMs, 0.01)).toFixed(2)}×`,
    );
  }
  const [, sortMs] = await timeIt(() => libraryView(data.rows, { ranked: undefined, filters: {}, sort: 'title', now: Date.now() }));
  console.log(`  no query, sort by title                  ${ms(sortMs)}`);
  db.close();
  await LanternDB.delete('bench-library');
}
