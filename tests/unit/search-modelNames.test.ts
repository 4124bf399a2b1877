/** Model names papers go by that their titles do not write (lib/search/modelNames.ts); search.test.ts ranks them. */
import { describe, expect, it } from 'vitest';
import { KNOWN_MODEL_NAMES, modelNamesOf } from '../../lib/search/modelNames';

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
