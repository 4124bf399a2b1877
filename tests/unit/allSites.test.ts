import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_SITES_SCRIPT_ID, setAllSitesRecognition, syncAllSitesScript } from '../../lib/allSites';
import { SITE_MATCHES } from '../../lib/sites';
import { setupAllSites } from '../../entrypoints/background/allSites';
import { fakePermissionEvents, type PermissionEvents } from '../fixtures/permissionEvents';

// The fake browser has no permissions or scripting store: a small in-memory one stands in.
let granted: boolean;
let permissionEvents: PermissionEvents;
let registered: Array<{ id: string; matches?: string[]; excludeMatches?: string[]; js?: string[]; runAt?: string }>;

beforeEach(() => {
  fakeBrowser.reset();
  granted = false;
  registered = [];
  permissionEvents = fakePermissionEvents();
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async () => granted),
    request: vi.fn(async () => (granted = true)),
    remove: vi.fn(async () => !(granted = false)),
  });
  Object.assign(fakeBrowser, {
    scripting: {
      getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => registered.filter((s) => ids.includes(s.id))),
      // As Chromium's: an id registered twice, or unregistered when absent, is an error.
      registerContentScripts: vi.fn(async (scripts: typeof registered) => {
        if (scripts.some((s) => registered.some((r) => r.id === s.id))) throw new Error(`Duplicate script ID '${scripts[0]!.id}'`);
        registered.push(...scripts);
      }),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
        if (!ids.every((id) => registered.some((r) => r.id === id))) throw new Error(`Nonexistent script ID '${ids[0]!}'`);
        registered = registered.filter((s) => !ids.includes(s.id));
      }),
    },
  });
});

describe('recognition on all sites', () => {
  it('asks for the all-sites permission and runs the content script everywhere else', async () => {
    expect(await setAllSitesRecognition(true)).toBe(true);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['*://*/*'] });
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({
      id: ALL_SITES_SCRIPT_ID,
      matches: ['*://*/*'],
      excludeMatches: [...SITE_MATCHES],
      js: ['content-scripts/content.js'],
      // Before the page's scripts, whose own navigation listeners must not come first.
      runAt: 'document_start',
    });
    // Idempotent: a second sync (browser restart) registers nothing twice, nor again.
    vi.mocked(fakeBrowser.scripting.registerContentScripts).mockClear();
    await syncAllSitesScript();
    expect(registered).toHaveLength(1);
    expect(fakeBrowser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('registers when the permission is granted outside the options (the browser’s own menu), and unregisters when it is taken back', async () => {
    setupAllSites();
    granted = true;
    permissionEvents.added();
    await vi.waitFor(() => expect(registered.map((s) => s.id)).toEqual([ALL_SITES_SCRIPT_ID]));
    granted = false;
    permissionEvents.removed();
    await vi.waitFor(() => expect(registered).toEqual([]));
  });

  it('lets two syncs run at once (the options page’s and the background’s on the grant) without an error, and registers once', async () => {
    granted = true;
    expect(await Promise.all([syncAllSitesScript(), syncAllSitesScript()])).toEqual([true, true]);
    expect(registered.map((s) => s.id)).toEqual([ALL_SITES_SCRIPT_ID]);
    granted = false;
    expect(await Promise.all([syncAllSitesScript(), syncAllSitesScript()])).toEqual([false, false]);
    expect(registered).toEqual([]);
  });

  it('replaces the registration an older version made at document_idle, at the update', async () => {
    granted = true;
    registered = [{ id: ALL_SITES_SCRIPT_ID, matches: ['*://*/*'], excludeMatches: [...SITE_MATCHES], js: ['content-scripts/content.js'], runAt: 'document_idle' }];
    expect(await syncAllSitesScript()).toBe(true);
    expect(registered).toHaveLength(1);
    expect(registered[0]?.runAt).toBe('document_start');
  });

  it('gives the permission back and stops running there', async () => {
    await setAllSitesRecognition(true);
    expect(await setAllSitesRecognition(false)).toBe(false);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['*://*/*'] });
    expect(registered).toEqual([]);
  });

  it('registers nothing when the user declines', async () => {
    vi.mocked(fakeBrowser.permissions.request).mockResolvedValueOnce(false);
    expect(await setAllSitesRecognition(true)).toBe(false);
    expect(registered).toEqual([]);
  });
});
