import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_SITES_SCRIPT_ID, setAllSitesRecognition, syncAllSitesScript } from '../../lib/allSites';
import { SITE_MATCHES } from '../../lib/sites';
import { setupAllSites } from '../../entrypoints/background/allSites';
import { fakePermissionEvents, fakeScripting, type PermissionEvents } from '../fixtures/permissionEvents';

// The fake browser has no permissions store: a small in-memory one stands in (scripting: fakeScripting).
let granted: boolean;
let permissionEvents: PermissionEvents;
let scripts: ReturnType<typeof fakeScripting>;

beforeEach(() => {
  fakeBrowser.reset();
  granted = false;
  permissionEvents = fakePermissionEvents();
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async () => granted),
    request: vi.fn(async () => (granted = true)),
    remove: vi.fn(async () => !(granted = false)),
  });
  scripts = fakeScripting();
});

describe('recognition on all sites', () => {
  it('asks for the all-sites permission and runs the content script everywhere else', async () => {
    expect(await setAllSitesRecognition(true)).toBe(true);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['*://*/*'] });
    expect(scripts.registered()).toHaveLength(1);
    expect(scripts.registered()[0]).toMatchObject({
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
    expect(scripts.registered()).toHaveLength(1);
    expect(fakeBrowser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('registers when the permission is granted outside the options (the browser’s own menu), and unregisters when it is taken back', async () => {
    setupAllSites();
    granted = true;
    permissionEvents.added();
    await vi.waitFor(() => expect(scripts.registered().map((s) => s.id)).toEqual([ALL_SITES_SCRIPT_ID]));
    granted = false;
    permissionEvents.removed();
    await vi.waitFor(() => expect(scripts.registered()).toEqual([]));
  });

  it('lets two syncs run at once (the options page’s and the background’s on the grant) without an error, and registers once', async () => {
    granted = true;
    expect(await Promise.all([syncAllSitesScript(), syncAllSitesScript()])).toEqual([true, true]);
    expect(scripts.registered().map((s) => s.id)).toEqual([ALL_SITES_SCRIPT_ID]);
    granted = false;
    expect(await Promise.all([syncAllSitesScript(), syncAllSitesScript()])).toEqual([false, false]);
    expect(scripts.registered()).toEqual([]);
  });

  it('replaces the registration an older version made at document_idle, at the update', async () => {
    granted = true;
    scripts.set([{ id: ALL_SITES_SCRIPT_ID, matches: ['*://*/*'], excludeMatches: [...SITE_MATCHES], js: ['content-scripts/content.js'], runAt: 'document_idle' }]);
    expect(await syncAllSitesScript()).toBe(true);
    expect(scripts.registered()).toHaveLength(1);
    expect(scripts.registered()[0]?.runAt).toBe('document_start');
  });

  it('gives the permission back and stops running there', async () => {
    await setAllSitesRecognition(true);
    expect(await setAllSitesRecognition(false)).toBe(false);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['*://*/*'] });
    expect(scripts.registered()).toEqual([]);
  });

  it('registers nothing when the user declines', async () => {
    vi.mocked(fakeBrowser.permissions.request).mockResolvedValueOnce(false);
    expect(await setAllSitesRecognition(true)).toBe(false);
    expect(scripts.registered()).toEqual([]);
  });
});
