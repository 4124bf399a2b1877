import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { buttonLook, COUNT_COLOR, listedCount, type ButtonFlash } from '../../lib/toolbarLook';
import { tabStateKey, toolbarTitle, type TabPaperState } from '../../lib/tabPaper';
import type { ListedHit } from '../../lib/listing/hit';
import { createToolbarButton } from '../../entrypoints/background/button';
import { listedMatch } from '../fixtures/tabPaper';

const match = listedMatch;
const url = 'https://arxiv.org/abs/2311.16452';
const listedTab: TabPaperState = { url, identity: { url, arxiv: '2311.16452' }, match, source: 'page' };
const unlistedTab: TabPaperState = { url: 'https://arxiv.org/abs/2401.00001', identity: { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001' }, match: null, source: 'page' };
const hit = (id: string): ListedHit => ({ id, title: id, categories: [], status: 'none', isNew: false });
const hits = (n: number, prefix = 'p'): ListedHit[] => Array.from({ length: n }, (_, i) => hit(`${prefix}${i}`));
const SAVED: ButtonFlash = { text: '✓', color: '#1e7d3a', title: 'Saved to your Lantern reading list' };

describe('buttonLook', () => {
  it('is the plain button on a tab Lantern knows nothing about', () => {
    expect(buttonLook({ paper: undefined, listings: undefined, flash: undefined }, 'Lantern')).toEqual({ listedIcon: false, title: 'Lantern', badgeText: '', badgeColor: COUNT_COLOR });
  });

  it('lights the icon and names the entry on a listed paper, and keeps the count of what it cites', () => {
    const look = buttonLook({ paper: listedTab, listings: { listed: [], cites: hits(3) }, flash: undefined }, 'Lantern');
    expect(look).toEqual({ listedIcon: true, title: toolbarTitle(match, 'Lantern'), badgeText: '3', badgeColor: COUNT_COLOR });
  });

  it('counts what a listing page lists and says so in the tooltip', () => {
    const look = buttonLook({ paper: undefined, listings: { listed: hits(7), cites: [] }, flash: undefined }, 'Lantern');
    expect(look).toMatchObject({ listedIcon: false, title: 'Lantern: 7 listed papers on this page', badgeText: '7' });
  });

  it('says an unlisted paper is not in the list beside what it cites', () => {
    const look = buttonLook({ paper: unlistedTab, listings: { listed: [], cites: hits(2) }, flash: undefined }, 'Lantern');
    expect(look.title).toBe('Lantern: Not in the list · cites 2 papers from it');
  });

  it('counts a paper both listed and cited once, and caps the text at four characters', () => {
    expect(listedCount({ listed: [hit('a'), hit('b')], cites: [hit('b'), hit('c')] })).toBe(3);
    expect(buttonLook({ paper: undefined, listings: { listed: hits(999), cites: [] }, flash: undefined }, 'Lantern').badgeText).toBe('999');
    expect(buttonLook({ paper: undefined, listings: { listed: hits(1000), cites: [] }, flash: undefined }, 'Lantern').badgeText).toBe('999+');
  });

  it('shows a flash over the badge and tooltip, never over the icon', () => {
    const look = buttonLook({ paper: listedTab, listings: { listed: hits(2), cites: [] }, flash: SAVED }, 'Lantern');
    expect(look).toEqual({ listedIcon: true, title: SAVED.title, badgeText: '✓', badgeColor: SAVED.color });
  });
});

describe('the toolbar button (background)', () => {
  let painted: Array<{ kind: string; tabId?: number; value: unknown }>;

  beforeEach(() => {
    fakeBrowser.reset();
    painted = [];
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Lantern', version: '0.1.0' });
    const action = fakeBrowser.action;
    vi.spyOn(action, 'setTitle').mockImplementation(async (d) => void painted.push({ kind: 'title', tabId: d.tabId, value: d.title }));
    vi.spyOn(action, 'setBadgeText').mockImplementation(async (d) => void painted.push({ kind: 'text', tabId: d.tabId, value: d.text }));
    vi.spyOn(action, 'setBadgeBackgroundColor').mockImplementation(async (d) => void painted.push({ kind: 'color', tabId: d.tabId, value: d.color }));
    vi.spyOn(action, 'setIcon').mockImplementation(async (d) => void painted.push({ kind: 'icon', tabId: d.tabId, value: d.path }));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const last = (kind: string) => painted.filter((p) => p.kind === kind).at(-1)?.value;

  it('paints the whole look from the tab’s stored paper and listings; the icon only when asked', async () => {
    await fakeBrowser.storage.session.set({ [tabStateKey(4)]: listedTab, 'listed:4': { url, listed: [], cites: hits(2), capped: false } });
    const button = createToolbarButton();
    await button.paint(4);
    expect(painted.some((p) => p.kind === 'icon')).toBe(false);
    expect(last('title')).toBe(toolbarTitle(match, 'Lantern'));
    expect(last('text')).toBe('2');
    await button.paint(4, { icon: true });
    expect(last('icon')).toEqual({ 16: '/icon-listed-16.png', 32: '/icon-listed-32.png' });
  });

  it('keeps a flash’s tooltip while it shows, then shows what changed meanwhile', async () => {
    await fakeBrowser.storage.session.set({ [tabStateKey(4)]: listedTab });
    const button = createToolbarButton();
    await button.flash(4, SAVED);
    expect(last('title')).toBe(SAVED.title);
    // The badge's recheck after the save records the paper as saved while the flash shows.
    await fakeBrowser.storage.session.set({ [tabStateKey(4)]: { ...listedTab, match: { ...match, saved: true } } });
    await button.paint(4, { icon: true });
    expect(last('title')).toBe(SAVED.title);
    expect(last('text')).toBe('✓');
    await vi.runAllTimersAsync();
    expect(last('title')).toBe(toolbarTitle({ ...match, saved: true }, 'Lantern'));
    expect(last('text')).toBe('');
  });

  it('shows a second flash for its full time, whatever the first one’s timer does', async () => {
    const button = createToolbarButton();
    await button.flash(5, { text: '!', color: '#b3261e', title: 'Lantern could not save: no paper' });
    await vi.advanceTimersByTimeAsync(2000);
    await button.flash(5, SAVED);
    await vi.advanceTimersByTimeAsync(1000);
    expect(last('text')).toBe('✓');
    await vi.runAllTimersAsync();
    expect(last('text')).toBe('');
    expect(last('title')).toBe('Lantern');
  });
});
