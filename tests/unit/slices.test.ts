import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import bundled from '../../assets/catalog.json';
import { parseAwesomeList, parseAwesomeListInSlices } from '../../lib/catalog/parse';
import { storedEntry } from '../../lib/db/catalog';
import { layoutList } from '../../lib/db/layout';
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
});
