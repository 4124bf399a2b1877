import { describe, expect, it } from 'vitest';
import { relatedPapers } from '../../lib/related';
import { titleKey } from '../../lib/title';
import type { CatalogSnapshot, Paper } from '../../lib/types';
import catalog from '../../assets/catalog.json';
import { withAuthorList } from '../fixtures/authors';

const papers: Paper[] = (catalog as CatalogSnapshot).entries.map((entry) => ({ ...entry, lists: ['seed'] }));

function entry(id: string, title: string, categories: string[], year?: number, month?: number): Paper {
  return withAuthorList({
    id,
    title,
    authors: '',
    venue: '',
    ...(year === undefined ? {} : { year }),
    ...(month === undefined ? {} : { month }),
    categories,
    links: [],
    ids: { repos: [] },
    titleKey: titleKey(title),
    line: 1,
    lists: ['seed'],
  });
}

const ids = (list: Paper[]): string[] => list.map((paper) => paper.id);

const RADIOLOGY = 'Multimodal › Radiology';
const AGENTS = 'Agents';

const paper = entry('p', 'ImpressionGPT: Radiology Report Summarization with ChatGPT', [RADIOLOGY], 2023, 4);

describe('relatedPapers', () => {
  it('puts entries of the same category before entries that only share title terms', () => {
    const pool = [
      entry('terms', 'Radiology report summarization with ChatGPT, revisited', [AGENTS], 2023, 5),
      entry('category', 'Chest X-ray foundation model', [RADIOLOGY], 2022, 1),
    ];
    expect(ids(relatedPapers(paper, pool))).toEqual(['category', 'terms']);
  });

  it('ranks by shared title terms, rare terms counting more than common ones', () => {
    const common = (n: number) => entry(`common-${n}`, `ChatGPT for clinical task ${n}`, [AGENTS], 2023, 1);
    const pool = [
      common(1),
      common(2),
      common(3),
      entry('rare', 'Summarization of discharge notes', [AGENTS], 2023, 1),
      entry('two', 'Radiology report generation', [AGENTS], 2023, 1),
    ];
    // "radiology report" (two rare terms) > "summarization" (one rare term) > "chatgpt" (common).
    expect(ids(relatedPapers(paper, pool))).toEqual(['two', 'rare', 'common-1', 'common-2', 'common-3']);
  });

  it('breaks ties newer first, then by id, whatever the pool order', () => {
    const pool = [
      entry('b-2022', 'Radiology assistant', [RADIOLOGY], 2022, 6),
      entry('a-2023-03', 'Radiology assistant', [RADIOLOGY], 2023, 3),
      entry('c-2023-03', 'Radiology assistant', [RADIOLOGY], 2023, 3),
      entry('undated', 'Radiology assistant', [RADIOLOGY]),
      entry('d-2023-11', 'Radiology assistant', [RADIOLOGY], 2023, 11),
    ];
    const expected = ['d-2023-11', 'a-2023-03', 'c-2023-03', 'b-2022', 'undated'];
    expect(ids(relatedPapers(paper, pool))).toEqual(expected);
    expect(ids(relatedPapers(paper, [...pool].reverse()))).toEqual(expected);
  });

  it('never returns the paper itself, returns each entry once, and honours the limit', () => {
    const same = entry('same', 'Radiology foundation model', [RADIOLOGY], 2023, 1);
    const pool = [paper, same, same, ...Array.from({ length: 8 }, (_, i) => entry(`r${i}`, `Radiology study ${i}`, [RADIOLOGY], 2020 + i))];
    const related = relatedPapers(paper, pool);
    expect(related).toHaveLength(5);
    expect(ids(related)).not.toContain('p');
    expect(new Set(ids(related)).size).toBe(5);
    expect(relatedPapers(paper, pool, 2)).toHaveLength(2);
    expect(relatedPapers(paper, pool, 0)).toEqual([]);
  });

  it('leaves out entries that share neither a category nor a meaningful title term', () => {
    const pool = [entry('stopwords', 'The State of the Art in Protein Folding with Diffusion', [AGENTS], 2023, 1)];
    expect(relatedPapers(paper, pool)).toEqual([]);
    expect(relatedPapers(paper, [])).toEqual([]);
  });

  it('in the shipped list, offers GPT-4V studies beside a GPT-4V study', () => {
    const gpt4v = papers.find((candidate) => candidate.id === 'doi:10.1101/2023.10.26.23297629')!;
    const related = relatedPapers(gpt4v, papers);
    expect(related).toHaveLength(5);
    expect(ids(related)).not.toContain(gpt4v.id);
    for (const neighbour of related) expect(neighbour.categories).toContain('Multimodal LLMs in Medicine › GPT-4V');
    // The other medRxiv study of GPT-4V on USMLE questions shares the rarest terms.
    expect(related[0]!.id).toBe('doi:10.1101/2023.10.29.23297733');
  });
});
