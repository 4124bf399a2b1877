import { describe, expect, it } from 'vitest';
import { nextTabState, readTabState, toolbarTitle, type TabPaperState } from '../../lib/tabPaper';
import { listedMatch, listedPaper } from '../fixtures/tabPaper';

const paper = listedPaper;
const match = listedMatch;
const url = 'https://arxiv.org/abs/2311.16452';

const state = (over: Partial<TabPaperState>): TabPaperState => ({ url, identity: { url }, match: null, source: 'url', ...over });

describe('nextTabState', () => {
  it('takes the first answer for a tab', () => {
    const next = state({ match });
    expect(nextTabState(undefined, next)).toBe(next);
  });

  it('keeps a found paper when a later answer for the same URL finds nothing', () => {
    const fromPage = state({ match, source: 'page' });
    expect(nextTabState(fromPage, state({ source: 'url' }))).toBe(fromPage);
  });

  it('keeps the content script’s answer over a later URL-only one for the same URL', () => {
    const fromPage = state({ match, source: 'page', identity: { url, arxiv: '2311.16452', title: paper.title } });
    expect(nextTabState(fromPage, state({ match, source: 'url' }))).toBe(fromPage);
  });

  it('lets a later answer that found the paper replace one that did not', () => {
    const found = state({ match, source: 'page' });
    expect(nextTabState(state({}), found)).toBe(found);
  });

  it('forgets the previous page once the tab shows another URL', () => {
    const elsewhere = state({ url: 'https://example.org/', identity: null });
    expect(nextTabState(state({ match }), elsewhere)).toBe(elsewhere);
  });
});

describe('toolbarTitle', () => {
  it('names the list and the entry for a listed paper', () => {
    expect(toolbarTitle(match)).toBe(`Lantern: in LLMs in Medicine\n${paper.title}`);
    expect(toolbarTitle({ ...match, saved: true })).toContain('(saved)');
  });

  it('is the plain name elsewhere', () => {
    expect(toolbarTitle(null)).toBe('Lantern');
  });

  it('shortens very long titles', () => {
    const long = toolbarTitle({ ...match, paper: { ...paper, title: 'x'.repeat(5000) } });
    expect(long.length).toBeLessThan(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('readTabState', () => {
  it('reads back what was stored', () => {
    const stored = JSON.parse(JSON.stringify(state({ match, source: 'page' })));
    expect(readTabState(stored)).toEqual(state({ match, source: 'page' }));
  });

  it('rejects anything else', () => {
    expect(readTabState(undefined)).toBeUndefined();
    expect(readTabState({ url })).toBeUndefined();
    expect(readTabState({ url, source: 'other' })).toBeUndefined();
    expect(readTabState({ url, source: 'url', match: { paper: 'x' } })).toEqual({ url, identity: null, match: null, source: 'url' });
  });
});
