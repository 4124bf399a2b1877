/** CSL-JSON export, read and formatted by citation.js with citeproc-js (a real CSL processor). */
import { describe, expect, it } from 'vitest';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { toCSLJSON, type CslItem } from '../../lib/formats/cslJson';
import { citationKeys } from '../../lib/formats/bibtex';
import { trickyItems } from '../fixtures/imports/savedItems';

describe('toCSLJSON', () => {
  const items = trickyItems();
  const json = toCSLJSON(items);
  const records = JSON.parse(json) as CslItem[];
  const byId = (id: string) => records[items.findIndex((item) => item.id === id)]!;

  it('writes one item per saved paper, its id the BibTeX export’s citation key', () => {
    expect(records).toHaveLength(items.length);
    const keys = citationKeys(items);
    expect(records.map((r) => r.id)).toEqual(items.map((item) => keys.get(item.id)));
    expect(new Set(records.map((r) => r.id)).size).toBe(items.length);
  });

  it('keeps names structured, dates, identifiers, tags and notes', () => {
    const nature = byId('doi:10.1038/s41586-023-06291-2');
    expect(nature).toMatchObject({
      type: 'article-journal',
      'container-title': 'Nature',
      issued: { 'date-parts': [[2023, 7]] },
      DOI: '10.1038/s41586-023-06291-2',
      URL: 'https://www.nature.com/articles/s41586-023-06291-2',
      keyword: 'nature, {braced}, 100%',
      note: 'Results, with commas, and "quotes"; \\emph{not a command}',
    });
    expect(nature.author).toEqual(items[1]!.paper.authorList.names);
    expect(nature.title).toBe(items[1]!.paper.title);
    expect(byId('arxiv:2311.16452')).toMatchObject({ type: 'article', publisher: 'arXiv', number: 'arXiv:2311.16452', URL: 'https://arxiv.org/abs/2311.16452' });
    // "Harsha Nori et al.": cut short, so it ends with "others" rather than naming one author alone.
    expect(byId('arxiv:2311.16452').author).toEqual([{ family: 'Nori', given: 'Harsha' }, { literal: 'others' }]);
    expect(byId('arxiv:2310.14573')).toMatchObject({ type: 'paper-conference', 'container-title': 'EMNLP 2023 main' });
    expect(byId('doi:10.1101/2023.10.26.23297629')).toMatchObject({ type: 'article', publisher: 'medRxiv' });
    expect(byId('doi:10.1101/2023.10.26.23297629').author).toContainEqual({ family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' });
    expect(byId('title:healgpt')).toMatchObject({ type: 'webpage', author: [{ literal: 'GR-Tech' }], URL: 'https://github.com/TONYCHANBB/HealGPT' });
    expect(byId('title:healgpt')).not.toHaveProperty('issued');
    expect(byId('title:the generalist medical ai').issued).toEqual({ 'date-parts': [[2023]] });
  });

  it('is read by a CSL processor: an APA bibliography names the authors, year, title and DOI', () => {
    const apa = new Cite(json).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' });
    expect(apa).toContain('Singhal, K., Azizi, S., & Tu, T. (2023). Large');
    expect(apa).toContain('https://doi.org/10.1038/s41586-023-06291-2');
    expect(apa).toContain('Müller, J.');
    expect(apa).toContain('van der Berg, J.');
    expect(apa).toContain('GR-Tech.');
    expect(apa).toContain('Nori, H. & others. (2023). Can Generalist Foundation Models');
  });
});
