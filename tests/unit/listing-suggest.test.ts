import { describe, expect, it } from 'vitest';
import { citedCategories, githubRepoOfList, suggestIssueUrl } from '../../lib/listing/suggest';

describe('githubRepoOfList', () => {
  it('reads lists hosted on GitHub, and only those', () => {
    expect(githubRepoOfList('https://raw.githubusercontent.com/mingze-yuan/Awesome-LLM-Healthcare/main/README.md')).toBe('mingze-yuan/Awesome-LLM-Healthcare');
    expect(githubRepoOfList('https://github.com/owner/list/blob/main/README.md')).toBe('owner/list');
    expect(githubRepoOfList('https://github.com./owner/list/blob/main/README.md')).toBe('owner/list');
    expect(githubRepoOfList('https://gitlab.com/owner/list/-/raw/main/README.md')).toBeUndefined();
    expect(githubRepoOfList('http://github.com/owner/list')).toBeUndefined();
    expect(githubRepoOfList('https://github.com/owner')).toBeUndefined();
  });
});

describe('suggestIssueUrl', () => {
  const cites = [
    { title: 'Large language models encode clinical knowledge', categories: ['Evaluation › Benchmarks', 'Models'] },
    { title: 'MEDITRON-70B', categories: ['Models'] },
    { title: 'Large language models in medicine.', categories: ['Surveys'] },
  ];

  it('opens a new issue on the list’s repository, prefilled with the paper and a suggested heading', () => {
    const url = new URL(
      suggestIssueUrl(
        'https://raw.githubusercontent.com/mingze-yuan/Awesome-LLM-Healthcare/main/README.md',
        { title: 'A new clinical model', authors: ['Ada Lovelace', 'Alan Turing'], year: 2024, url: 'https://arxiv.org/abs/2407.00001' },
        cites,
      )!,
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/mingze-yuan/Awesome-LLM-Healthcare/issues/new');
    expect(url.searchParams.get('title')).toBe('Suggest: A new clinical model');
    expect(url.searchParams.get('body')).toBe(
      [
        '**Title:** A new clinical model',
        '**Authors:** Ada Lovelace, Alan Turing',
        '**Year:** 2024',
        '**Link:** https://arxiv.org/abs/2407.00001',
        '**Suggested heading:** Models',
        '',
        'It cites 3 papers from the list:',
        '- Large language models encode clinical knowledge (Evaluation › Benchmarks)',
        '- MEDITRON-70B (Models)',
        '- Large language models in medicine. (Surveys)',
      ].join('\n'),
    );
  });

  it('keeps the URL short for a paper citing a thousand listed papers, and offers nothing for lists elsewhere', () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({ title: `Paper ${i} with a fairly long title about clinical models`, categories: ['Models'] }));
    const url = suggestIssueUrl('https://github.com/o/l', { title: 'T', url: 'https://example.org/p' }, many)!;
    expect(url.length).toBeLessThan(8000);
    expect(new URL(url).searchParams.get('body')).toMatch(/- …$/);
    // Counted as every other count Lantern writes.
    expect(new URL(url).searchParams.get('body')).toContain('It cites 1,200 papers from the list:');
    expect(suggestIssueUrl('https://example.org/list.md', { title: 'T', url: 'https://example.org/p' }, cites)).toBeUndefined();
    expect(citedCategories(cites)[0]).toEqual({ category: 'Models', count: 2 });
  });
});
