/**
 * Relevance over the real seed list (assets/catalog.json): the labelled queries of
 * tests/fixtures/relevance.json, each with the entries a researcher expects in the first five.
 * Thresholds sit a little below what the engine achieves (recall@5 0.99, MRR 1.00 when written),
 * so a ranking regression fails here; `npm run bench` prints the same metrics beside Fuse.js.
 */
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchPapers } from '../../lib/search/index';
import { evaluateRelevance, loadRelevanceCases, loadSeedPapers } from '../fixtures/relevance';

const papers = loadSeedPapers();
const cases = loadRelevanceCases(papers);
const index = buildSearchIndex(papers);
const report = evaluateRelevance(cases, (query) => searchPapers(index, query, { limit: 10 }).map((hit) => hit.id));

describe('search relevance on the real list', () => {
  it('has at least 25 labelled queries of every kind the issue names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const kinds = cases.map((c) => c.kind).join(' ');
    for (const kind of ['prefix', 'typo', 'hyphenated', 'author', 'multi-word', 'category']) expect(kinds).toContain(kind);
  });

  it('puts the expected entries in the first five (recall@5 ≥ 0.95)', () => {
    const misses = report.perQuery.filter((q) => q.recallAt5 < 1).map((q) => `${q.query}: ${q.recallAt5.toFixed(2)}`);
    expect(report.recallAt5, `queries below 1: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks an expected entry first (MRR ≥ 0.95)', () => {
    const late = report.perQuery.filter((q) => q.reciprocalRank < 1).map((q) => `${q.query}: ${q.reciprocalRank.toFixed(2)}`);
    expect(report.mrr, `queries not answered first: ${late.join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it.each(cases.map((c) => [c.query, c] as const))('finds an expected entry in the first five for %j', (_query, relevanceCase) => {
    const top = searchPapers(index, relevanceCase.query, { limit: 5 }).map((hit) => hit.id);
    expect(top.some((id) => relevanceCase.expectedIds.includes(id))).toBe(true);
  });
});
