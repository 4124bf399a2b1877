import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAwesomeList, skippedLines, splitAuthorsVenue } from '../../lib/catalog/parse';
import type { CatalogEntry, ParsedList } from '../../lib/types';

const fixture = (name: string): string => readFileSync(join(process.cwd(), 'tests/fixtures/lists', name), 'utf8');

function byTitle(list: ParsedList, title: string): CatalogEntry {
  const entry = list.entries.find((candidate) => candidate.title === title);
  if (!entry) throw new Error(`no entry titled ${title}; got ${list.entries.map((e) => e.title).join(' | ')}`);
  return entry;
}

describe('the seed list shape', () => {
  const list = parseAwesomeList(fixture('seed-shape.md'));

  it('takes the list name from the first # heading', () => {
    expect(list.name).toBe('Fixture List of Medical LLM Papers');
  });

  it('reads every entry under paper headings once, in order of first appearance', () => {
    expect(list.entries.map((entry) => entry.title)).toEqual([
      'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models',
      'HealGPT',
      'ChatDoctor: A Medical Chat Model',
      'Large language models encode clinical knowledge',
      'Grégoire’s “Unicode” Model — naïve Tokens',
      'Escaped *stars* and 5 < 6 & more',
      'Unsafe links only',
      'PathAsst: Redefining Pathology',
      'Advanced prompting as a catalyst',
      'Performance of GPT-4V on USMLE',
      'The current and future state of AI interpretation of medical images',
      'Language Model Behavior: A Comprehensive Survey',
      'A month that does not exist',
      'A title whose bold never closes',
      'A link that never closes',
    ]);
  });

  it('reads date, authors, venue, links and identifiers of an entry', () => {
    expect(byTitle(list, 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models')).toEqual({
      id: 'arxiv:2311.16079',
      title: 'MEDITRON-70B: Scaling Medical Pretraining for Large Language Models',
      authors: 'Zeming Chen et al.',
      authorList: { names: [{ family: 'Chen', given: 'Zeming' }], etAl: true },
      venue: 'arXiv',
      year: 2023,
      month: 11,
      categories: ['Models'],
      links: [
        { kind: 'paper', url: 'https://arxiv.org/abs/2311.16079v1', label: 'paper' },
        { kind: 'code', url: 'https://github.com/epfLLM/meditron/blob/main/README.md', label: 'code' },
      ],
      ids: { arxiv: '2311.16079', repos: ['github.com/epfllm/meditron'] },
      titleKey: 'meditron 70b scaling medical pretraining for large language models',
      line: 11,
    });
  });

  it('merges a paper listed under two headings into one entry with both categories and all links', () => {
    const pathAsst = byTitle(list, 'PathAsst: Redefining Pathology');
    expect(pathAsst.categories).toEqual(['Models › Shared', 'Evaluation › Strategies']);
    expect(pathAsst.links.map((link) => link.url)).toEqual([
      'https://arxiv.org/abs/2305.15072',
      'http://export.arxiv.org/abs/2305.15072v2',
      'https://github.com/superjamessyx/PathAsst',
    ]);
    expect(pathAsst.line).toBe(21);
    const catalyst = byTitle(list, 'Advanced prompting as a catalyst');
    expect(catalyst.id).toBe('title:advanced prompting as a catalyst');
    expect(catalyst.categories).toEqual(['Models › Shared', 'LLM-Powered Agents']);
  });

  it('derives the id from the strongest identifier', () => {
    expect(byTitle(list, 'Large language models encode clinical knowledge').id).toBe('doi:10.1038/s41586-023-06291-2');
    expect(byTitle(list, 'Performance of GPT-4V on USMLE').id).toBe('doi:10.1101/2023.10.26.23297629');
    expect(byTitle(list, 'The current and future state of AI interpretation of medical images').id).toBe('doi:10.1056/nejmra2301725');
    expect(byTitle(list, 'ChatDoctor: A Medical Chat Model').ids.pmcid).toBe('PMC10364849');
    expect(byTitle(list, 'ChatDoctor: A Medical Chat Model').id).toBe('title:chatdoctor a medical chat model');
    expect(byTitle(list, 'HealGPT').id).toBe('title:healgpt');
  });

  it('keeps only http(s) links, including URLs with parentheses, and adds links from a nested bullet', () => {
    expect(byTitle(list, 'Unsafe links only').links).toEqual([
      { kind: 'blog', url: 'https://example.org/blog/post', label: 'blog' },
      { kind: 'code', url: 'https://github.com/eve/unsafe-links', label: 'code' },
    ]);
    expect(byTitle(list, 'Escaped *stars* and 5 < 6 & more').links[0]?.url).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
    for (const entry of list.entries) for (const link of entry.links) expect(link.url).toMatch(/^https?:\/\//);
  });

  it('keeps Unicode titles as written and matches them by their normalized key', () => {
    const entry = byTitle(list, 'Grégoire’s “Unicode” Model — naïve Tokens');
    expect(entry.titleKey).toBe('gregoires unicode model naive tokens');
    expect(entry.id).toBe('arxiv:2306.99999');
  });

  it('splits authors from venue without cutting at initials', () => {
    expect(byTitle(list, 'Language Model Behavior: A Comprehensive Survey')).toMatchObject({
      authors: 'Tyler A. Chang, Benjamin K. Bergen',
      venue: 'arXiv',
    });
    expect(byTitle(list, 'The current and future state of AI interpretation of medical images')).toMatchObject({
      authors: 'Pranav Rajpurkar and Matthew P. Lungren',
      venue: 'New England Journal of Medicine',
    });
  });

  it('skips news, tables of contents, repositories, contributors, citations, comments and code fences', () => {
    const titles = list.entries.map((entry) => entry.title);
    const hidden = ['We added a paper', 'Models', 'Evaluation', 'Awesome-LLM', 'Someone', 'Commented out on one line', 'Commented out over lines', 'Inside a code fence'];
    for (const title of hidden) expect(titles).not.toContain(title);
    expect(list.entries.flatMap((entry) => entry.links).map((link) => link.url).join(' ')).not.toMatch(/2401\.00001|2301\.0000[123]|hannibal046|github\.com\/someone/i);
  });

  it('warns with line numbers about what it could not read, and keeps what it could', () => {
    expect(list.warnings).toEqual([
      { line: 40, message: expect.stringContaining('not a month') },
      { line: 41, message: expect.stringContaining('bold') },
      { line: 42, message: expect.stringContaining('link could not be read') },
      { line: 43, message: expect.stringContaining('no title'), skipped: 1 },
    ]);
    expect(byTitle(list, 'A month that does not exist')).toMatchObject({ year: 2023 });
    expect(byTitle(list, 'A month that does not exist').month).toBeUndefined();
    expect(byTitle(list, 'A title whose bold never closes')).toMatchObject({ id: 'arxiv:2302.00001', authors: 'Open Bold et al.' });
    expect(byTitle(list, 'A link that never closes').links).toEqual([]);
  });

  it('reads CRLF line endings exactly like LF', () => {
    expect(parseAwesomeList(fixture('seed-shape.md').replace(/\n/g, '\r\n'))).toEqual(list);
  });
});

describe('the "[**Venue, Year**] **Name**: Title" shape', () => {
  const list = parseAwesomeList(fixture('venue-tag-shape.md'));

  it('reads name and subtitle as the title, venue and year from the tag', () => {
    expect(list.entries.map(({ title, venue, year, month, categories }) => ({ title, venue, year, month, categories }))).toEqual([
      { title: 'LLaVA-1.5: Improved Baselines with Visual Instruction Tuning', venue: 'CVPR', year: 2024, month: undefined, categories: ['Papers › Instruction Tuning'] },
      { title: 'LLaVA: Visual Instruction Tuning', venue: 'NeurIPS', year: 2023, month: undefined, categories: ['Papers › Instruction Tuning'] },
      { title: 'Med-Dataset: A Benchmark', venue: 'arXiv', year: 2023, month: 6, categories: ['Papers › Instruction Tuning'] },
      { title: 'Journal Paper', venue: 'Nature Medicine', year: 2023, month: undefined, categories: ['Papers › Instruction Tuning'] },
      { title: 'Nested Entry: Under a Parent', venue: 'ACL', year: 2023, month: undefined, categories: ['Papers › Instruction Tuning'] },
      { title: 'Inline: Comment Test', venue: 'ICLR', year: 2024, month: undefined, categories: ['Papers › Instruction Tuning'] },
    ]);
    expect(list.warnings).toEqual([]);
  });

  it('sorts links by kind from their labels and URLs', () => {
    expect(list.entries[1]!.links.map((link) => link.kind)).toEqual(['paper', 'other', 'demo']);
    expect(list.entries[2]!.links.map((link) => link.kind)).toEqual(['paper', 'data']);
    expect(list.entries[2]!.ids.repos).toEqual(['huggingface.co/datasets/example/med-benchmark']);
    expect(list.entries[3]!.id).toBe('doi:10.1038/s41591-023-02448-8');
    expect(list.entries[5]!.links.map((link) => link.url)).toEqual(['https://arxiv.org/abs/2310.00001']);
  });
});

describe('the plain "[Title](url) - description" shape', () => {
  const list = parseAwesomeList(fixture('plain-links.md'));

  it('reads an underlined (setext) list name', () => {
    expect(list.name).toBe('Awesome Plain List');
  });

  it('takes the link text as title and the link as the paper or code, skipping navigation and relative links', () => {
    expect(list.entries.map(({ id, title, links }) => ({ id, title, kinds: links.map((link) => link.kind) }))).toEqual([
      { id: 'arxiv:2305.09617', title: 'Towards Expert-Level Medical Question Answering', kinds: ['paper', 'paper'] },
      { id: 'doi:10.1038/s41746-022-00742-2', title: 'GatorTron', kinds: ['paper'] },
      { id: 'title:biogpt', title: 'BioGPT', kinds: ['code'] },
      { id: 'arxiv:2308.12950', title: 'Code Llama for Clinical Notes', kinds: ['paper'] },
      { id: 'title:numbered paper on pubmed', title: 'Numbered Paper on PubMed', kinds: ['paper'] },
    ]);
    expect(list.entries[4]!.ids.pmid).toBe('37438534');
  });
});

describe('tables of papers', () => {
  const list = parseAwesomeList(fixture('table.md'));

  it('maps columns by their headers', () => {
    expect(list.entries.map(({ title, venue, year, month, categories, ids }) => ({ title, venue, year, month, categories, ids }))).toEqual([
      { title: 'MedQA Study | Part 1', venue: 'EMNLP', year: 2023, month: undefined, categories: ['Benchmarks'], ids: { arxiv: '2310.14573', repos: ['github.com/example/medqa'] } },
      { title: 'Nature Study', venue: 'Nature', year: 2023, month: 5, categories: ['Benchmarks'], ids: { doi: '10.1038/s41586-023-05881-4', repos: [] } },
      { title: 'PMC Study', venue: 'Cureus', year: 2023, month: undefined, categories: ['Benchmarks'], ids: { pmcid: 'PMC10364849', repos: [] } },
      { title: 'Clinical Model', venue: '', year: 2023, month: 5, categories: ['Models'], ids: { arxiv: '2305.12031', repos: ['huggingface.co/wanglab/clinical-camel'] } },
    ]);
  });

  it('gives links in the title column the kind of their URL, and links in a code column the code kind', () => {
    expect(list.entries[0]!.links.map((link) => link.kind)).toEqual(['paper', 'code']);
    expect(list.entries[3]!.links.map((link) => link.kind)).toEqual(['paper', 'code']);
  });

  it('warns about a row without a title', () => {
    expect(list.warnings).toEqual([{ line: 9, message: expect.stringContaining('no title'), skipped: 1 }]);
  });
});

describe('links named for what they are ("Paper", "Code")', () => {
  const list = parseAwesomeList(
    [
      '## Vision',
      '- **MiniGPT-4: Enhancing Vision-Language Understanding**',
      '  - [Code](https://github.com/Vision-CAIR/MiniGPT-4)',
      '  - [Paper](https://arxiv.org/abs/2304.10592)',
      '- **Visual Instruction Tuning**',
      '  - [Paper](https://openreview.net/forum?id=w0H2xGHlkw)',
      '- **Awesome related collections**',
      '  - [GitHub](https://github.com/someone/awesome-vision)',
      '- [PDF](https://arxiv.org/abs/2305.00009)',
      '- https://arxiv.org/abs/2305.00010',
    ].join('\n'),
  );

  it('gives a bold title its nested items’ links, once one of them is a paper', () => {
    expect(list.entries.map((entry) => [entry.title, entry.links.map((link) => `${link.kind} ${link.url}`), entry.line])).toEqual([
      ['MiniGPT-4: Enhancing Vision-Language Understanding', ['code https://github.com/Vision-CAIR/MiniGPT-4', 'paper https://arxiv.org/abs/2304.10592'], 2],
      ['Visual Instruction Tuning', ['paper https://openreview.net/forum?id=w0H2xGHlkw'], 5],
    ]);
    expect(list.entries[0]!.id).toBe('arxiv:2304.10592');
  });

  it('leaves a bold heading over titled links a heading: each nested "[Title](url)" is its own paper', () => {
    const nested = parseAwesomeList(
      [
        '## Papers',
        '- **Medical Question Answering**',
        '  - [Large Language Models Encode Clinical Knowledge](https://arxiv.org/abs/2212.13138)',
        '  - [Towards Expert-Level Medical Question Answering](https://arxiv.org/abs/2305.09617)',
      ].join('\n'),
    );
    expect(nested.entries.map((entry) => [entry.id, entry.title])).toEqual([
      ['arxiv:2212.13138', 'Large Language Models Encode Clinical Knowledge'],
      ['arxiv:2305.09617', 'Towards Expert-Level Medical Question Answering'],
    ]);
  });

  it.each(['📄 Paper', 'Paper Link', 'Full Paper', 'Paper (arXiv)', 'Paper.', 'PDF link', 'Paper & Code', 'arXiv:2212.13138'])(
    'never takes "[%s](url)" for a title: the item is a paper link without a title, whatever follows',
    (label) => {
      const list = parseAwesomeList(`## A\n- [${label}](https://arxiv.org/abs/2212.13138) - a description after it`);
      expect(list.entries).toEqual([]);
      expect(list.warnings).toEqual([{ line: 2, message: 'a paper link without a title', skipped: 1 }]);
    },
  );

  it('gives a bold title the nested links named by venue or id, and warns of a link to a paper named by other words', () => {
    const list = parseAwesomeList(
      [
        '## A',
        '- **Large Language Models Encode Clinical Knowledge**',
        '  - [Nature 2023](https://www.nature.com/articles/s41586-023-06291-2)',
        '- **Fourth Paper About Stuff**',
        '  - [2305.12347](https://arxiv.org/abs/2305.12347)',
        '- [Text Data](https://arxiv.org/abs/2301.00003)',
      ].join('\n'),
    );
    expect(list.entries.map((entry) => [entry.id, entry.title])).toEqual([
      ['doi:10.1038/s41586-023-06291-2', 'Large Language Models Encode Clinical Knowledge'],
      ['arxiv:2305.12347', 'Fourth Paper About Stuff'],
    ]);
    expect(list.warnings).toEqual([{ line: 6, message: 'a paper link without a title', skipped: 1 }]);
  });

  it('never takes a link’s name or address for a title: such an item is a paper link without a title', () => {
    expect(list.warnings).toEqual([
      { line: 9, message: 'a paper link without a title', skipped: 1 },
      { line: 10, message: 'a paper link without a title', skipped: 1 },
    ]);
  });
});

describe('lines skipped', () => {
  it('counts the lines that looked like papers and gave no entry, not warnings about entries kept', () => {
    const list = parseAwesomeList(
      [
        '## A',
        '- [2023/13] **Kept, with a warning about its month** [paper](https://arxiv.org/abs/2301.00001)',
        '- 2023 [paper](https://arxiv.org/abs/2301.00002)',
        '- [Back to top](#a)',
        '',
        '| Logo | Link |',
        '| --- | --- |',
        '| x | [paper](https://example.org/a) |',
        '| y | [b](https://arxiv.org/abs/2301.00003) |',
        '| z | [badge](https://img.shields.io/badge/x) |',
        '| w | none |',
        '',
        '| Sponsor | Site |',
        '| --- | --- |',
        '| v | [site](https://example.org/v) |',
      ].join('\n'),
    );
    expect(list.entries.map((entry) => entry.title)).toEqual(['Kept, with a warning about its month']);
    // The second table holds no paper link: said, but no line of it is a skipped paper.
    expect(list.warnings.map((warning) => [warning.line, warning.skipped])).toEqual([
      [2, undefined],
      [3, 1],
      [6, 2],
      [13, undefined],
    ]);
    expect(skippedLines(list.warnings)).toBe(3);
  });
});

describe('one entry per paper, by title', () => {
  const entriesOf = (...links: string[]) =>
    parseAwesomeList(['## A', ...links.map((link) => `- [2023/05] **Correction** [[paper](${link})]`)].join('\n')).entries;

  it('joins items of one title when at most one of them names each kind of identifier', () => {
    const entries = entriesOf('https://arxiv.org/abs/2305.00001', 'https://doi.org/10.1038/s41586-023-00001-1', 'https://example.org/correction');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: 'arxiv:2305.00001', ids: { arxiv: '2305.00001', doi: '10.1038/s41586-023-00001-1' } });
  });

  it.each([
    ['arXiv ids', 'https://arxiv.org/abs/2305.00001', 'https://arxiv.org/abs/2305.00002'],
    ['DOIs', 'https://doi.org/10.1038/s41586-023-00001-1', 'https://doi.org/10.1038/s41586-023-00002-2'],
  ])('keeps two items of one title apart when their %s differ', (_kind, first, second) => {
    const entries = entriesOf(first, second);
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(2);
  });
});

describe('bad input', () => {
  it.each([
    ['empty', ''],
    ['only headings', '# A\n## B\n### C'],
    ['unbalanced brackets', '## X\n- [2023/01] [[[[[(((( ]]]]'],
    ['an unclosed comment', '## X\n<!-- never closed\n- [2023/01] **Hidden** [[paper](https://arxiv.org/abs/2301.00001)]'],
    ['an unclosed fence', '## X\n```\n- [2023/01] **Hidden** [[paper](https://arxiv.org/abs/2301.00001)]'],
    ['binary noise', '\u0000\u0001## \uFFFF- [**'],
  ])('never throws on %s', (_label, markdown) => {
    expect(() => parseAwesomeList(markdown)).not.toThrow();
    expect(parseAwesomeList(markdown).entries).toEqual([]);
  });

  it('keeps an entry whose link brackets are a mess, with no links', () => {
    expect(parseAwesomeList('## X\n- [2023/01] **T** [[[[[(((( ]]]]').entries).toMatchObject([{ title: 'T', links: [], year: 2023, month: 1 }]);
  });

  it('says when a <pre> or <script> block is never closed, as the rest of the list is hidden in it', () => {
    const list = parseAwesomeList('## X\n<pre>\n$ pip install x\n\n- [2023/01] **Hidden** [[paper](https://arxiv.org/abs/2301.00001)]');
    expect(list.entries).toEqual([]);
    expect(list.warnings).toEqual([{ line: 5, message: 'an HTML <pre> block is never closed; the text after it was skipped', skipped: 1 }]);
  });

  it('reads a long list as a short one: a <pre> block with blank lines and "#" lines inside is one block', () => {
    const line = (n: number) => `- [2023/01] **Filler paper number ${n} about things** [paper](https://arxiv.org/abs/2301.${String(n).padStart(5, '0')})`;
    const tail = ['', '<pre>', '$ pip install thing', '', '# then run', '$ thing --help', '</pre>', '', '- [2023/01] **Real paper after the block** [paper](https://example.org/real)'];
    // Filled to just under the 32 kB at which the parser cuts a long list in pieces: the cut falls inside the block.
    const filled = ['# L', '## A'];
    while (filled.join('\n').length < 32_768 - 60) filled.push(line(filled.length));
    for (const head of [['# L', '## A', line(0)], filled]) {
      const markdown = [...head, ...tail].join('\n');
      const real = byTitle(parseAwesomeList(markdown), 'Real paper after the block');
      expect(real.categories, `${markdown.length} characters`).toEqual(['A']);
    }
  });

  it('says when an HTML comment is never closed', () => {
    // Counted as a skipped line: the list may hold no paper for it, and "no papers found" should hint at why.
    expect(parseAwesomeList('## X\n<!-- open\n- a').warnings).toEqual([{ line: 3, message: expect.stringContaining('never closed'), skipped: 1 }]);
  });
});

describe('splitAuthorsVenue', () => {
  it.each([
    ['Harsha Nori et al. arXiv.', 'Harsha Nori et al.', 'arXiv'],
    ['Liu et al. EMNLP 2023 main.', 'Liu et al.', 'EMNLP 2023 main'],
    ['Ming Y. Liu et al. arXiv,', 'Ming Y. Liu et al.', 'arXiv'],
    ['Jie Huang, Kevin Chen-Chuan Chang. ACL\'23 Findings', 'Jie Huang, Kevin Chen-Chuan Chang', 'ACL\'23 Findings'],
    ['Writer Engineering team.', 'Writer Engineering team', ''],
    ['Malik Sallam. Healthcare.', 'Malik Sallam', 'Healthcare'],
  ])('%j → %j, %j', (text, authors, venue) => {
    expect(splitAuthorsVenue(text)).toEqual({ authors, venue });
  });
});
