/**
 * The list parser on the shapes real awesome-lists use (tests/fixtures/lists/shapes.md, written for
 * these tests) and on three hand-written excerpts in the shapes of real public lists of papers:
 * bold titles with "(year)" and [[pdf]] links, markdown tables with badges and <br>, and an HTML
 * table whose cells span rows and columns. Counts were checked by hand against the fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAwesomeList } from '../../lib/catalog/parse';
import type { CatalogEntry, ParsedList } from '../../lib/types';

const fixture = (name: string): string => readFileSync(join(process.cwd(), 'tests/fixtures/lists', name), 'utf8');

function byTitle(list: ParsedList, title: string): CatalogEntry {
  const entry = list.entries.find((candidate) => candidate.title === title);
  if (!entry) throw new Error(`no entry titled ${title}; got ${list.entries.map((e) => e.title).join(' | ')}`);
  return entry;
}

const urls = (entry: CatalogEntry): string[] => entry.links.map((link) => link.url);

describe('the shapes awesome-lists use', () => {
  const list = parseAwesomeList(fixture('shapes.md'));

  it('takes the name from a first heading written in HTML, without its logo', () => {
    expect(list.name).toBe('Awesome Shapes of Paper Lists');
  });

  it('reads 14 entries, one per paper, in order', () => {
    expect(list.entries.map((entry) => entry.line)).toEqual([10, 11, 15, 16, 17, 21, 22, 26, 29, 35, 36, 37, 47, 53]);
  });

  it('resolves reference-style links against definitions at the end of the list', () => {
    const entry = byTitle(list, 'Towards Expert-Level Medical Question Answering with Large Language Models');
    expect(entry.links).toEqual([
      { kind: 'paper', url: 'https://arxiv.org/abs/2305.09617', label: 'paper' },
      { kind: 'code', url: 'https://github.com/google-research/med-palm', label: 'code' },
    ]);
    expect(entry.id).toBe('arxiv:2305.09617');
    expect(byTitle(list, 'A Paper Whose Reference Is Missing').links).toEqual([]);
  });

  it('reads autolinks and bare URLs, the text before a bare URL being the title', () => {
    expect(urls(byTitle(list, 'Capabilities of GPT-4 on Medical Challenge Problems'))).toEqual(['https://arxiv.org/abs/2303.13375']);
    expect(byTitle(list, 'Large language models in medicine: a review of their uses').ids.doi).toBe('10.1038/s41591-023-02448-8');
    expect(byTitle(list, 'Bare link in the middle of a sentence').id).toBe('arxiv:2304.08247');
  });

  it('reads HTML anchors, bold and italic as the markdown ones', () => {
    expect(byTitle(list, 'Clinical Camel: An Open Expert-Level Medical Language Model')).toMatchObject({
      authors: 'Augustin Toma et al.',
      venue: 'arXiv',
      id: 'arxiv:2305.12031',
      links: [
        { kind: 'paper', url: 'https://arxiv.org/abs/2305.12031', label: 'paper' },
        { kind: 'code', url: 'https://github.com/bowang-lab/clinical-camel', label: 'code' },
      ],
    });
    expect(byTitle(list, 'PMC-LLaMA: Towards Building Open-source Language Models for Medicine').links).toEqual([
      { kind: 'paper', url: 'https://arxiv.org/abs/2304.14454', label: 'PMC-LLaMA: Towards Building Open-source Language Models for Medicine' },
    ]);
  });

  it('reads an item continued on indented lines, or in a second paragraph', () => {
    expect(byTitle(list, 'Continued On The Next Line')).toMatchObject({
      authors: 'Wrapped Author et al.',
      year: 2023,
      month: 6,
      id: 'arxiv:2306.00001',
      ids: { arxiv: '2306.00001', repos: ['github.com/wrapped/model'] },
    });
    expect(byTitle(list, 'A Second Paragraph Holds The Links').id).toBe('arxiv:2307.00002');
  });

  it('keeps a bold name and the title after it as "Name: title"; a long bold title stays whole', () => {
    expect(byTitle(list, 'BiomedGPT: A generalist vision–language foundation model for diverse biomedical tasks')).toMatchObject({ venue: 'Arxiv', year: 2023 });
    expect(byTitle(list, 'Med-PaLM M: Towards generalist biomedical AI').id).toBe('arxiv:2307.14334');
    expect(byTitle(list, 'Long Bold Titles Stay Whole As They Are Written').id).toBe('arxiv:2306.00003');
  });

  it('reads a link in doubled parentheses, and merges it with the same paper listed elsewhere', () => {
    const entry = byTitle(list, 'BiomedGPT: A generalist vision–language foundation model for diverse biomedical tasks');
    expect(urls(entry)).toEqual(['https://arxiv.org/abs/2305.17100', 'https://github.com/taokz/BiomedGPT', 'https://arxiv.org/abs/2305.17100v2']);
    expect(entry.categories).toEqual(['Name then title', 'Doubled parentheses']);
  });

  it('reads HTML tables: columns by their headers, markdown inside a cell, a name completed by its paper title', () => {
    expect(byTitle(list, 'HuatuoGPT, towards Taming Language Model to Be a Doctor')).toMatchObject({
      year: 2023,
      id: 'arxiv:2305.15075',
      links: [
        { kind: 'paper', url: 'https://arxiv.org/abs/2305.15075', label: 'HuatuoGPT, towards Taming Language Model to Be a Doctor' },
        { kind: 'code', url: 'https://github.com/FreedomIntelligence/HuatuoGPT', label: 'GitHub' },
      ],
    });
    expect(byTitle(list, 'ShenNong-TCM: Traditional Chinese Medicine (TCM) LLM').ids.repos).toEqual(['github.com/michael-wzhu/shennong-tcm-llm']);
  });

  it('warns, with lines, about items that look like papers but give no title', () => {
    expect(list.warnings).toEqual([
      { line: 63, message: 'a table row with links but no title', skipped: 1 },
      { line: 68, message: 'no title could be read from this entry', skipped: 1 },
      { line: 69, message: 'a paper link without a title', skipped: 1 },
    ]);
  });
});

describe('a list in the shape of "Awesome - Most Cited Deep Learning Papers"', () => {
  const list = parseAwesomeList(fixture('real-deep-learning-papers.md'));

  it('reads the 11 papers: bold title, year in parentheses, [[pdf]] link', () => {
    expect(list.name).toBe('Awesome - Most Cited Deep Learning Papers');
    expect(list.entries).toHaveLength(11);
    expect(list.warnings).toEqual([]);
    expect(byTitle(list, 'Adam: A method for stochastic optimization')).toMatchObject({ year: 2014, id: 'arxiv:1412.6980', categories: ['Optimization / Training Techniques'] });
    expect(byTitle(list, 'Random search for hyper-parameter optimization').year).toBe(2012);
    expect(byTitle(list, 'Semantic image segmentation with deep convolutional nets and fully connected CRFs').year).toBeUndefined();
  });

  it('reads the sections after a table of contents as sections, and skips prose in bold', () => {
    expect(new Set(list.entries.flatMap((entry) => entry.categories))).toEqual(
      new Set(['Understanding / Generalization / Transfer', 'Optimization / Training Techniques', 'Image: Segmentation / Object Detection']),
    );
    expect(list.entries.map((entry) => entry.title)).not.toContain('< 6 months');
  });
});

describe('a list in the shape of "Awesome-Multimodal-Large-Language-Models" (markdown tables)', () => {
  const list = parseAwesomeList(fixture('real-multimodal-llm-table.md'));

  it('reads 7 papers from 8 rows: a badge and <br> around the title, one paper in two tables', () => {
    expect(list.entries).toHaveLength(7);
    expect(list.warnings).toEqual([]);
    expect(byTitle(list, 'Qwen2.5-VL Technical Report')).toMatchObject({
      venue: 'arXiv',
      year: 2025,
      month: 2,
      id: 'arxiv:2502.13923',
      links: [
        { kind: 'paper', url: 'https://arxiv.org/pdf/2502.13923', label: 'Qwen2.5-VL Technical Report' },
        { kind: 'code', url: 'https://github.com/QwenLM/Qwen2.5-VL', label: 'Github' },
        { kind: 'demo', url: 'https://huggingface.co/spaces/Qwen/Qwen2.5-VL', label: 'Demo' },
      ],
    });
    expect(byTitle(list, 'Molmo and PixMo: Open Weights and Open Data for State-of-the-Art Multimodal Models').categories).toEqual([
      'Awesome Papers › Multimodal Instruction Tuning',
      'Awesome Papers › Multimodal Hallucination',
    ]);
  });
});

describe('a list in the shape of a benchmark README with an HTML table of papers', () => {
  const list = parseAwesomeList(fixture('real-html-table.md'));

  it('reads 5 papers from 6 rows: spans keep columns aligned, "[2018 ICLR]" gives year and venue, a repeated paper is one entry', () => {
    expect(list.entries.map(({ title, venue, year }) => ({ title, venue, year }))).toEqual([
      { title: 'Mixup: Beyond empirical risk minimization', venue: 'ICLR', year: 2018 },
      { title: 'Symmetric Cross Entropy for Robust Learning with Noisy Labels', venue: 'ICCV', year: 2019 },
      { title: 'Robust Loss Functions under Label Noise for Deep Neural Networks', venue: 'AAAI', year: 2017 },
      { title: 'Unsupervised Label Noise Modeling and Loss Correction', venue: 'ICML', year: 2019 },
      { title: 'Co-teaching: Robust Training of Deep Neural Networks with Extremely Noisy Labels', venue: 'NeurIPS', year: 2018 },
    ]);
    expect(list.entries[0]!.id).toBe('arxiv:1710.09412');
    expect(list.warnings).toEqual([]);
  });
});
