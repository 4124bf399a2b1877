import { describe, expect, it } from 'vitest';
import { highlightParts, highlightTerms } from '../../lib/popup/highlight';
import { categoryLeaf } from '../../lib/categories';
import { identityLabel } from '../../lib/ids';
import { authorLine, displayAuthor, linkWords, paperDate, primaryUrl, safeLinks, venueAndDate } from '../../lib/paperDisplay';
import { titleKey } from '../../lib/title';
import { moveSelection } from '../../lib/popup/selection';
import { isHttpUrl } from '../../lib/ids/url';
import { activeFilterCount, NO_FILTERS } from '../../lib/popup/filters';
import { previousTab } from '../../entrypoints/popup/activeTab';
import type { Paper } from '../../lib/types';

const marked = (text: string, query: string) =>
  highlightParts(text, highlightTerms(query))
    .filter((p) => p.match)
    .map((p) => p.text);

describe('highlight', () => {
  it('marks word starts matching the query, case-insensitively', () => {
    expect(marked('Radiology-GPT: A Model for Radiology', 'radi')).toEqual(['Radi', 'Radi']);
    expect(marked('Can GPT-4V(ision) Serve Medical Applications?', 'gpt-4v')).toEqual(['GPT-4V']);
    expect(marked('GPT4V for x-rays', 'gpt-4v x-ray')).toEqual(['GPT4V', 'x-ray']);
  });

  it('does not mark inside words, and keeps the text whole', () => {
    const parts = highlightParts('Taiyi: Bilingual Medical LLM', ['med', 'lingual']);
    expect(parts.map((p) => p.text).join('')).toBe('Taiyi: Bilingual Medical LLM');
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Med']);
  });

  it('treats regex characters in the query as text', () => {
    expect(highlightTerms('(ab]* cd++ ..')).toEqual(['ab', 'cd']);
    expect(() => highlightParts('a (b) [c]', ['(b', 'c]'])).not.toThrow();
    expect(highlightParts('a (b) [c]', ['(b']).filter((p) => p.match).map((p) => p.text)).toEqual(['(b']);
  });

  it('ignores one-letter words and returns plain text without terms', () => {
    expect(highlightTerms('a x-ray b')).toEqual(['x-ray']);
    expect(highlightParts('Title', [])).toEqual([{ text: 'Title', match: false }]);
  });
});

describe('present', () => {
  it('formats dates and category leaves', () => {
    expect(paperDate({ year: 2023, month: 11 })).toBe('Nov 2023');
    expect(paperDate({ year: 2023 })).toBe('2023');
    expect(paperDate({})).toBe('');
    expect(categoryLeaf('Valuable Resources › Related Surveys › LLM Techniques')).toBe('LLM Techniques');
  });

  it('writes where and when a paper appeared in one order: venue, then date', () => {
    expect(venueAndDate({ venue: 'Nature', year: 2022, month: 12 })).toBe('Nature · Dec 2022');
    expect(venueAndDate({ venue: ' ', year: 2023 })).toBe('2023');
    expect(venueAndDate({ venue: 'arXiv' })).toBe('arXiv');
    expect(venueAndDate({ venue: '' })).toBe('');
  });

  it('keeps only http(s) links and opens the paper link first', () => {
    const links: Paper['links'] = [
      { kind: 'code', url: 'https://github.com/a/b', label: 'code' },
      { kind: 'other', url: 'javascript:alert(1)', label: 'x' },
      { kind: 'paper', url: 'http://arxiv.org/abs/2311.16079', label: 'paper' },
    ];
    expect(safeLinks(links).map((l) => l.kind)).toEqual(['code', 'paper']);
    expect(primaryUrl({ links })).toBe('http://arxiv.org/abs/2311.16079');
    expect(primaryUrl({ links: [links[1]!] })).toBeUndefined();
    expect(isHttpUrl('data:text/html,hi')).toBe(false);
    expect(isHttpUrl('not a url')).toBe(false);
  });

  it('names a link by its label, or by its kind where the label is empty or the paper’s title again', () => {
    const paper = { titleKey: titleKey('BioMistral: A Collection of Open-Source Pretrained Large Language Models') };
    expect(linkWords({ kind: 'paper', url: 'https://arxiv.org/abs/2402.10373', label: 'BioMistral: a collection of open-source pretrained large language models.' }, paper)).toBe('paper');
    expect(linkWords({ kind: 'code', url: 'https://github.com/a/b', label: ' ' }, paper)).toBe('code');
    expect(linkWords({ kind: 'paper', url: 'https://arxiv.org/abs/2402.10373', label: 'arXiv' }, paper)).toBe('arXiv');
    expect(linkWords({ kind: 'other', url: 'https://example.org/', label: '' }, paper)).toBe('link');
    // A table's "Name: title" row whose link is the title alone.
    const named = { titleKey: titleKey('HuatuoGPT: Towards Taming Language Model to Be a Doctor') };
    expect(linkWords({ kind: 'paper', url: 'https://arxiv.org/abs/2305.15075', label: 'Towards Taming Language Model to Be a Doctor' }, named)).toBe('paper');
    expect(linkWords({ kind: 'paper', url: 'https://arxiv.org/abs/2305.15075', label: 'a Doctor' }, named)).toBe('a Doctor');
  });

  it('writes page authors the way people read them', () => {
    expect(displayAuthor('Singhal, Karan')).toBe('Karan Singhal');
    expect(displayAuthor('Karan Singhal')).toBe('Karan Singhal');
    expect(displayAuthor('Smith, Jr., John')).toBe('John Smith Jr.');
    expect(displayAuthor('{World Health Organization}')).toBe('World Health Organization');
    expect(authorLine(['Okafor, Ada', 'Lind, Per'])).toBe('Ada Okafor, Per Lind');
    expect(authorLine(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
  });

  it('moves a selection with wrap-around', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(0);
    expect(moveSelection(0, -1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe('filters', () => {
  it('counts a year range as one filter', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, yearFrom: 2020, yearTo: 2021, hasCode: true })).toBe(2);
    expect(activeFilterCount({ category: 'Evaluation', yearTo: 2021, hasCode: true, savedOnly: true })).toBe(4);
  });
});

describe('active tab when the popup is a page', () => {
  it('takes the most recently used other tab, never Lantern’s own pages', () => {
    const origin = 'chrome-extension://abc/';
    const tabs = [
      { id: 1, lastAccessed: 10, url: 'https://arxiv.org/abs/1' },
      { id: 2, lastAccessed: 30, url: 'chrome-extension://abc/popup.html' },
      { id: 3, lastAccessed: 20, url: 'https://arxiv.org/abs/3' },
      { id: 4, lastAccessed: 40, url: 'chrome-extension://abc/library.html' },
    ];
    expect(previousTab(tabs, 2, origin)?.id).toBe(3);
    expect(previousTab(tabs.slice(1, 2), 2, origin)).toBeUndefined();
  });
});

describe('identityLabel', () => {
  it('names an identity by its strongest identifier, else its address', () => {
    const url = 'https://example.org/paper';
    expect(identityLabel({ url, arxiv: '2311.16079', doi: '10.48550/arXiv.2311.16079' })).toBe('arXiv:2311.16079');
    expect(identityLabel({ url, doi: '10.1038/s41586-023-06291-2', pmid: '37438534' })).toBe('DOI 10.1038/s41586-023-06291-2');
    expect(identityLabel({ url, pmcid: 'PMC10364849', pmid: '37438534' })).toBe('PMC10364849');
    expect(identityLabel({ url, pmid: '37438534' })).toBe('PMID 37438534');
    expect(identityLabel({ url, repo: 'epfLLM/meditron' })).toBe('epfLLM/meditron');
    expect(identityLabel({ url })).toBe(url);
  });
});
