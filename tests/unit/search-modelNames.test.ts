/** Model names papers go by that their titles do not write (lib/search/modelNames.ts), and how search ranks them. */
import { describe, expect, it } from 'vitest';
import { KNOWN_MODEL_NAMES, modelNamesOf } from '../../lib/search/modelNames';
import { buildSearchIndex, searchPapers } from '../../lib/search/engine';
import type { Paper } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

function paper(id: string, title: string, ids: Paper['ids']): Paper {
  return withAuthorList({
    id,
    title,
    authors: 'Someone et al.',
    venue: 'arXiv',
    year: 2023,
    categories: ['Medical LLMs'],
    links: [],
    ids,
    titleKey: title.toLowerCase(),
    line: 1,
    lists: ['seed'],
  });
}

describe('modelNamesOf', () => {
  it('gives the table’s names by arXiv id and by DOI', () => {
    expect(modelNamesOf({ arxiv: '2305.09617' })).toEqual(['Med-PaLM 2']);
    expect(modelNamesOf({ doi: '10.1038/s41586-023-06291-2' })).toEqual(['Med-PaLM']);
    expect(modelNamesOf({ arxiv: '2401.00001', doi: '10.1000/other' })).toEqual([]);
  });

  it('gives a paper listed under both of its ids each name once', () => {
    expect(modelNamesOf({ arxiv: '2212.13138', doi: '10.1038/s41586-023-06291-2' })).toEqual(['Med-PaLM']);
  });

  it('ties every table row to a paper by an arXiv id or a DOI in the form lib/ids writes', () => {
    for (const row of KNOWN_MODEL_NAMES) {
      expect(row.arxiv ?? row.doi).toBeTruthy();
      if (row.arxiv) expect(row.arxiv).toMatch(/^\d{4}\.\d{4,5}$/);
      if (row.doi) expect(row.doi).toBe(row.doi.toLowerCase());
    }
  });
});

describe('search by the names a paper goes by', () => {
  const papers = [
    paper('arxiv:2305.09617', 'Towards Expert-Level Medical Question Answering with Large Language Models', { arxiv: '2305.09617', repos: [] }),
    paper('doi:10.1038/s41746-022-00742-2', 'A large language model for electronic health records', { doi: '10.1038/s41746-022-00742-2', repos: [] }),
    paper('survey', 'GatorTron and beyond: a survey of clinical language models', { repos: [] }),
    paper('halt', 'Med-HALT: Medical Domain Hallucination Test for Large Language Models', { repos: [] }),
  ];
  const index = buildSearchIndex(papers);
  const ids = (query: string) => searchPapers(index, query).map((hit) => hit.id);

  it('finds a paper by a model name its title does not write, above a near spelling in a title', () => {
    expect(ids('Med-PaLM 2')[0]).toBe('arxiv:2305.09617');
    expect(ids('medpalm')[0]).toBe('arxiv:2305.09617');
  });

  it('ranks a paper whose title writes the name above the paper the table names', () => {
    expect(ids('gatortron')).toEqual(['survey', 'doi:10.1038/s41746-022-00742-2']);
  });
});
