/**
 * Settings kept as WXT storage items: they stay under the keys earlier versions of Lantern wrote
 * (a user's choices survive the update), damaged values read as the defaults, and watchers follow
 * changes made elsewhere (another page, the background).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { followAppearance, readAppearance, writeAppearance } from '../../lib/appearance';
import { progressText } from '../../lib/refresh/progress';
import { refreshProgress } from '../../lib/refresh/progressItem';
import { DEFAULT_MARK_SETTINGS, loadMarkSettings, saveMarkSettings } from '../../lib/markSettings';
import { DEFAULT_ZOTERO_SETTINGS, loadZoteroSettings, saveZoteroSettings } from '../../lib/zotero/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('appearance', () => {
  it('reads the key earlier versions wrote, and anything else there as "auto"', async () => {
    await fakeBrowser.storage.local.set({ appearance: 'dark' });
    expect(await readAppearance()).toBe('dark');
    await fakeBrowser.storage.local.set({ appearance: '<img src=x>' });
    expect(await readAppearance()).toBe('auto');
    await writeAppearance('light');
    expect(await fakeBrowser.storage.local.get('appearance')).toEqual({ appearance: 'light' });
  });

  it('follows a choice made in another page', async () => {
    const root = document.createElement('html');
    const stop = followAppearance(root);
    await vi.waitFor(() => expect(root.style.colorScheme).toBe('light dark'));
    await fakeBrowser.storage.local.set({ appearance: 'dark' });
    await vi.waitFor(() => expect(root.style.colorScheme).toBe('dark'));
    stop();
    await fakeBrowser.storage.local.set({ appearance: 'light' });
    await new Promise((r) => setTimeout(r, 20));
    expect(root.style.colorScheme).toBe('dark');
  });
});

describe('Zotero settings', () => {
  it('are kept under the key earlier versions wrote, with defaults for what is missing or damaged', async () => {
    expect(await loadZoteroSettings()).toEqual(DEFAULT_ZOTERO_SETTINGS);
    await fakeBrowser.storage.local.set({ 'zotero.settings': { categoryTags: true, sessionTag: 42 } });
    expect(await loadZoteroSettings()).toEqual({ categoryTags: true, sessionTag: DEFAULT_ZOTERO_SETTINGS.sessionTag });
    await saveZoteroSettings({ categoryTags: false, sessionTag: 'to read, soon' });
    expect(await fakeBrowser.storage.local.get('zotero.settings')).toEqual({ 'zotero.settings': { categoryTags: false, sessionTag: 'to read soon' } });
  });
});

describe('refresh progress', () => {
  it('is watched in storage.session as the background writes it, and cleared when done', async () => {
    const seen: Array<string | undefined> = [];
    const stop = refreshProgress.watch((progress) => seen.push(progressText(progress)));
    await refreshProgress.setValue({ phase: 'applying', applied: 40_000, total: 100_000 });
    expect(await fakeBrowser.storage.session.get('refreshProgress')).toEqual({ refreshProgress: { phase: 'applying', applied: 40_000, total: 100_000 } });
    await refreshProgress.removeValue();
    await vi.waitFor(() => expect(seen).toEqual(['Saving… 40,000 of 100,000 entries', undefined]));
    stop();
  });
});

describe('mark settings', () => {
  it('reads the key earlier versions wrote, damaged fields as on, and writes only whole settings', async () => {
    expect(await loadMarkSettings()).toEqual(DEFAULT_MARK_SETTINGS);
    await fakeBrowser.storage.local.set({ 'marks.settings': { listings: false, references: 'no', suggest: false } });
    expect(await loadMarkSettings()).toEqual({ listings: false, references: true, suggest: false });
    await saveMarkSettings({ listings: true, references: false, suggest: true, extra: '<script>' } as never);
    expect(await fakeBrowser.storage.local.get('marks.settings')).toEqual({ 'marks.settings': { listings: true, references: false, suggest: true } });
  });
});
