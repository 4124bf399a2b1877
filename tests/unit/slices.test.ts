import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import bundled from '../../assets/catalog.json';
import { parseAwesomeList, parseAwesomeListInSlices } from '../../lib/catalog/parse';
import { allPapers, mergeEntries, replaceListEntries, storedEntry } from '../../lib/db/catalog';
import { keyFilterKey, keyFilterOfBuckets } from '../../lib/db/keyFilter';
import { layoutList } from '../../lib/db/layout';
import { LanternDB } from '../../lib/db/schema';
import { diffEntries, diffEntriesInSlices } from '../../lib/refresh/diff';
import { buildSearchIndex, buildSearchIndexInSlices, serializeSearchIndex } from '../../lib/search/engine';
import { SLICE_MS, runAtOnce, runInSlices, type Sliced } from '../../lib/slices';
import type { CatalogSnapshot, Paper } from '../../lib/types';
import { writeListMarkdown } from '../fixtures/lists/writeList';

const snapshot = bundled as unknown as CatalogSnapshot;

function* countTo(n: number): Sliced<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    yield;
  }
  return sum;
}

/** A clock that moves `step` ms each time it is read: slices end after a known number of steps. */
function steppingClock(step: number): void {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += step));
}

/** Counts turns of a timer chain (setTimeout 0, each turn setting the next) until stopped: how often a sliced job let timers run. */
function timerTurns(): { count(): number; stop(): void } {
  let count = 0;
  let stopped = false;
  const turn = (): void => {
    if (stopped) return;
    count++;
    setTimeout(turn, 0);
  };
  setTimeout(turn, 0);
  return { count: () => count, stop: () => (stopped = true) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sliced computations', () => {
  it('give the same result at once and in slices', async () => {
    expect(runAtOnce(countTo(1000))).toBe(500500);
    expect(await runInSlices(countTo(1000))).toBe(500500);
  });

  it('hand the thread back once a slice has run SLICE_MS, not before', async () => {
    steppingClock(SLICE_MS / 4);
    let pauses = 0;
    await runInSlices(countTo(40), async () => {
      pauses++;
    });
    // One clock read per step, plus one at each slice's start: a pause every 4 steps.
    expect(pauses).toBe(10);
  });

  it('let a timer run while a large list is parsed, with the same result as parsing at once', async () => {
    const entries = Array.from({ length: 40 }, () => snapshot.entries).flat().map((e, i) => ({ ...e, id: `x:${i}`, title: `${e.title} ${i}`, titleKey: `${e.titleKey} ${i}`, ids: { repos: [] }, links: [] }));
    const markdown = writeListMarkdown('Big list', entries);
    steppingClock(SLICE_MS);
    let ticked = false;
    setTimeout(() => (ticked = true), 0);
    const parsing = parseAwesomeListInSlices(markdown);
    const tickedBeforeDone = await parsing.then(() => ticked);
    expect(tickedBeforeDone).toBe(true);
    vi.restoreAllMocks();
    expect(await parsing).toEqual(parseAwesomeList(markdown));
    // Two parses of a 4,560-entry list: seconds on a machine shared by many test runs.
  }, 30_000);

  it('diff and index the same in slices as at once', async () => {
    const seedText = readFileSync(resolve(__dirname, '../fixtures/lists/seed-shape.md'), 'utf8');
    const parsed = parseAwesomeList(seedText);
    const previous = layoutList('seed', parsed.entries.slice(1).map((e) => storedEntry('seed', e, 1))).manifest;
    const changed = parsed.entries.map((e, i) => (i === 2 ? { ...e, title: `${e.title}!` } : e));
    expect(await diffEntriesInSlices(previous, changed)).toEqual(diffEntries(previous, changed));
    const papers: Paper[] = snapshot.entries.map((e) => ({ ...e, lists: ['seed'] }));
    expect(serializeSearchIndex(await buildSearchIndexInSlices(papers))).toEqual(serializeSearchIndex(buildSearchIndex(papers)));
  });

  it('lay a large list out between timers before writing it, as layoutList does at once', async () => {
    const entries = Array.from({ length: 10 }, () => snapshot.entries).flat().map((e, i) => ({ ...e, id: `x:${i}`, titleKey: `${e.titleKey} ${i}` }));
    const db = new LanternDB(`slices-layout-${Date.now()}`);
    await db.open();
    try {
      steppingClock(SLICE_MS);
      // Timers that run before the list's transaction starts: lookups answered while it is laid out.
      const turns = timerTurns();
      const transaction = db.transaction.bind(db) as (...args: unknown[]) => unknown;
      vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
        turns.stop();
        return transaction(...args);
      }) as typeof db.transaction);
      await replaceListEntries(db, { id: 'big', name: 'Big', sourceUrl: 'https://example.org/big.md', enabled: true, fetchedAt: 1 }, entries, { now: 1 });
      vi.restoreAllMocks();
      // One pause at least per 256 entries laid out (1,140 entries here), besides the one before the transaction.
      expect(turns.count()).toBeGreaterThan(4);
      const expected = layoutList('big', entries.map((e) => storedEntry('big', e, 1)));
      expect(await db.manifests.get('big')).toEqual(expected.manifest);
      expect(await db.entryKeys.where(':id').between(['big', -Infinity], ['big', Infinity]).toArray()).toEqual(expect.arrayContaining(expected.buckets));
      expect((await db.kv.get(keyFilterKey('big')))?.value).toEqual(keyFilterOfBuckets(expected.buckets));
    } finally {
      vi.restoreAllMocks();
      await db.delete();
    }
  }, 30_000);

  it('merge every paper of the lists between timers, as mergeEntries does at once', async () => {
    const rows = Array.from({ length: 20 }, () => snapshot.entries).flat().map((e, i) => storedEntry('big', { ...e, id: `x:${i % 2000}` }, i));
    const db = new LanternDB(`slices-merge-${Date.now()}`);
    await db.open();
    try {
      await db.lists.put({ id: 'big', name: 'Big', sourceUrl: 'https://example.org/big.md', enabled: true, fetchedAt: 1, entryCount: rows.length });
      steppingClock(SLICE_MS);
      const turns = timerTurns();
      const papers = await allPapers(db, { known: new Map([['big', rows]]) });
      turns.stop();
      vi.restoreAllMocks();
      // One pause at least per 256 rows merged (2,280 rows here).
      expect(turns.count()).toBeGreaterThan(6);
      expect(papers).toEqual(mergeEntries(rows));
    } finally {
      vi.restoreAllMocks();
      await db.delete();
    }
  });
});

