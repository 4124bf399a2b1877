/** RIS export, parsed back with citation.js's RIS plugin (a real RIS reader) into CSL-JSON. */
import { describe, expect, it } from 'vitest';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { toRIS } from '../../lib/formats/ris';
import { authorsFromCsl } from '../fixtures/readBack';
import { trickyItems } from '../fixtures/imports/savedItems';

interface CslItem {
  type: string;
  title?: string;
  author?: Array<{ family?: string; given?: string; literal?: string }>;
  issued?: { 'date-parts': number[][] };
  DOI?: string;
  URL?: string;
  keyword?: string;
  note?: string;
  'container-title'?: string;
  publisher?: string;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('toRIS parsed back by citation.js', () => {
  const items = trickyItems();
  const ris = toRIS(items);
  const records = new Cite(ris, { forceType: '@ris/file' }).data as CslItem[];

  it('writes one record per item, with CRLF line ends and the RIS tag layout', () => {
    expect(records).toHaveLength(items.length);
    expect(ris.split('\r\n').filter((line) => line !== '').every((line) => /^[A-Z][A-Z0-9]  - /.test(line))).toBe(true);
    expect(ris.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps titles, authors, years, DOIs, URLs, tags and notes', () => {
    items.forEach((item, index) => {
      const record = records[index]!;
      expect(record.title).toBe(collapse(item.paper.title));
      expect(authorsFromCsl(record.author), item.id).toEqual(item.paper.authorList);
      if (item.paper.year !== undefined) expect(record.issued?.['date-parts'][0]?.[0]).toBe(item.paper.year);
      expect(record.DOI).toBe(item.paper.ids.doi);
      const keywords = record.keyword ? record.keyword.split(',') : [];
      expect(keywords.sort()).toEqual([...item.tags].sort());
      expect(record.note ?? '').toBe(collapse(item.note));
    });
    expect(records[0]!.URL).toBe('https://arxiv.org/abs/2311.16452');
  });

  it('types journal papers, conference papers and preprints', () => {
    const typeOf = (id: string): string => records[items.findIndex((item) => item.id === id)]!.type;
    expect(typeOf('doi:10.1038/s41586-023-06291-2')).toBe('article-journal');
    expect(records[1]!['container-title']).toBe('Nature');
    expect(typeOf('arxiv:2310.14573')).toBe('paper-conference');
    expect(typeOf('arxiv:2311.16452')).toBe('manuscript');
  });
});
