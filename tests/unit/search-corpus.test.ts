import { describe, expect, it } from 'vitest';
import { generateCorpus, syntheticSnapshot } from '../bench/corpus';
import { buildSearchIndex, searchPapers, tokenizeForIndex } from '../../lib/search/engine';
import { loadSeedPapers } from '../fixtures/relevance';

const basis = loadSeedPapers();

describe('synthetic corpus', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateCorpus(200, { basis, seed: 7 });
    expect(generateCorpus(200, { basis, seed: 7 })).toEqual(a);
    expect(generateCorpus(200, { basis, seed: 8 }).map((p) => p.title)).not.toEqual(a.map((p) => p.title));
  });

  it('makes searchable papers with unique ids, plausible dates, code links and real categories', () => {
    const papers = generateCorpus(2000, { basis });
    expect(new Set(papers.map((p) => p.id)).size).toBe(2000);
    expect(papers.every((p) => p.year !== undefined && p.year >= 2018 && p.year <= 2026)).toBe(true);
    const withCode = papers.filter((p) => p.links.some((l) => l.kind === 'code')).length;
    expect(withCode / papers.length).toBeGreaterThan(0.25);
    expect(withCode / papers.length).toBeLessThan(0.55);
    const realCategories = new Set(basis.flatMap((p) => p.categories));
    expect(papers.every((p) => p.categories.every((c) => realCategories.has(c)))).toBe(true);
    expect(searchPapers(buildSearchIndex(papers), 'radiology').length).toBeGreaterThan(0);
  });

  it('grows its vocabulary with size, as a real corpus does', () => {
    const vocabulary = (size: number): number =>
      new Set(generateCorpus(size, { basis }).flatMap((p) => [...tokenizeForIndex(p.title), ...tokenizeForIndex(p.authors)])).size;
    expect(vocabulary(4000)).toBeGreaterThan(vocabulary(1000) * 1.5);
  });

  it('comes as a catalog snapshot for seeding a database', () => {
    const snapshot = syntheticSnapshot(50, { basis });
    expect(snapshot.format).toBe(1);
    expect(snapshot.entries).toHaveLength(50);
    expect(snapshot.entries[0]).not.toHaveProperty('lists');
  });
});
