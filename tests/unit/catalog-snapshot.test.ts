/** Structural checks over the committed snapshot (assets/catalog.json) made from the seed list. */
import { describe, expect, it } from 'vitest';
import snapshotJson from '../../assets/catalog.json';
import { SEED_SOURCE_URL } from '../../lib/catalog/snapshot';
import { idsFromUrls } from '../../lib/ids';
import { titleKey } from '../../lib/title';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';

const snapshot = snapshotJson as CatalogSnapshot;

function entryWithLink(url: string): CatalogEntry {
  const entry = snapshot.entries.find((candidate) => candidate.links.some((link) => link.url === url));
  if (!entry) throw new Error(`no entry links ${url}`);
  return entry;
}

describe('the bundled snapshot', () => {
  it('describes the seed list', () => {
    expect(snapshot).toMatchObject({
      format: 1,
      name: 'LLMs in Medicine',
      sourceUrl: SEED_SOURCE_URL,
      sourceDate: '2023-12-23',
    });
  });

  it('holds the 114 distinct papers', () => {
    expect(snapshot.entries).toHaveLength(114);
  });

  it('has unique ids, each derived from the strongest identifier', () => {
    const ids = snapshot.entries.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of snapshot.entries) {
      const expected = entry.ids.arxiv ? `arxiv:${entry.ids.arxiv}` : entry.ids.doi ? `doi:${entry.ids.doi}` : `title:${entry.titleKey}`;
      expect(entry.id).toBe(expected);
    }
  });

  it('lists both papers that appear under two headings once, with both categories', () => {
    const pathAsst = snapshot.entries.filter((entry) => entry.title.startsWith('PathAsst'));
    expect(pathAsst).toHaveLength(1);
    expect(pathAsst[0]!.categories).toEqual(['Multimodal LLMs in Medicine', 'LLM-Powered Healthcare Agents']);
    const catalyst = snapshot.entries.filter((entry) => entry.title.startsWith('Advanced prompting as a catalyst'));
    expect(catalyst).toHaveLength(1);
    expect(catalyst[0]!.categories).toEqual(['Evaluating General-Purpose LLMs in Medicine via Prompting', 'LLM-Powered Healthcare Agents']);
  });

  it('uses full heading paths as categories, including sections the table of contents omits', () => {
    const categories = new Set(snapshot.entries.flatMap((entry) => entry.categories));
    expect([...categories].sort()).toEqual([
      'Evaluating General-Purpose LLMs in Medicine via Prompting',
      'Specialized Medical LLMs',
      'Multimodal LLMs in Medicine',
      'LLM-Powered Healthcare Agents',
      'Multimodal LLMs in Medicine › GPT-4V',
      'Evaluation › Strategies',
      'Valuable Resources › Related Surveys › LLM Techniques',
      'Valuable Resources › Related Surveys › LLMs in Medicine',
    ].sort());
  });

  it.each([
    ['nature.com', 'https://www.nature.com/articles/s41746-023-00896-7', { doi: '10.1038/s41746-023-00896-7', repos: [] }],
    ['versioned medRxiv', 'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3', { doi: '10.1101/2023.10.26.23297629', repos: [] }],
    ['PMC', 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', { pmcid: 'PMC10364849', repos: ['github.com/kent0n-li/chatdoctor'] }],
    ['NEJM pdf', 'https://www.nejm.org/doi/pdf/10.1056/NEJMra2301725', { doi: '10.1056/nejmra2301725', repos: [] }],
    ['export.arxiv.org', 'https://export.arxiv.org/abs/2312.07814', { arxiv: '2312.07814', repos: [] }],
    ['http://arxiv.org', 'http://arxiv.org/abs/2311.05112', { arxiv: '2311.05112', repos: [] }],
    ['GitHub deep path', 'https://github.com/microsoft/LLaVA-Med/blob/main/README.md', { arxiv: '2306.00890', repos: ['github.com/microsoft/llava-med'] }],
    ['Hugging Face space', 'https://huggingface.co/spaces/allen-eric/radiology-gpt', { arxiv: '2306.08666', repos: ['huggingface.co/spaces/allen-eric/radiology-gpt'] }],
    ['JMIR (no identifier in the URL)', 'https://www.jmir.org/2023/1/e48568', { repos: [] }],
  ])('derives the identifiers of the %s entry', (_kind, url, ids) => {
    expect(entryWithLink(url).ids).toEqual(ids);
  });

  it('keeps only http(s) links, each with a kind and a label', () => {
    for (const entry of snapshot.entries) {
      for (const link of entry.links) {
        expect(link.url).toMatch(/^https?:\/\/[^\s]+$/);
        expect(['paper', 'code', 'blog', 'demo', 'data', 'other']).toContain(link.kind);
        expect(link.label).not.toBe('');
      }
    }
  });

  it('has consistent fields on every entry', () => {
    for (const entry of snapshot.entries) {
      expect(entry.title.trim()).toBe(entry.title);
      expect(entry.title).not.toMatch(/\*\*/);
      expect(entry.titleKey).toBe(titleKey(entry.title));
      expect(entry.ids).toEqual(idsFromUrls(entry.links.map((link) => link.url)));
      expect(entry.categories.length).toBeGreaterThan(0);
      expect(entry.year).toBeGreaterThanOrEqual(2022);
      expect(entry.month).toBeGreaterThanOrEqual(1);
      expect(entry.month).toBeLessThanOrEqual(12);
      expect(entry.line).toBeGreaterThan(0);
    }
  });

  it('keeps entries in order of first appearance', () => {
    const lines = snapshot.entries.map((entry) => entry.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
