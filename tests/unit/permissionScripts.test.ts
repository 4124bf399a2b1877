/** Content scripts that follow an optional permission: all sites and Scholar's country domains (lib/permissionScripts.ts). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_SITES_SCRIPT } from '../../lib/allSites';
import { CONTENT_SCRIPT_FILE, isPermissionScriptOn, setPermissionScript, syncPermissionScript } from '../../lib/permissionScripts';
import { SCHOLAR_COUNTRIES_SCRIPT, SCHOLAR_COUNTRY_MATCHES } from '../../lib/scholarCountries';
import { SITE_MATCHES } from '../../lib/sites';
import { PERMISSION_SCRIPTS, setupPermissionScripts } from '../../entrypoints/background/permissionScripts';
import { fakePermissionEvents, fakeScripting, type PermissionEvents } from '../fixtures/permissionEvents';

// The fake browser has no permissions store: a small in-memory one stands in (scripting: fakeScripting).
let granted: Set<string>;
let permissionEvents: PermissionEvents;
let scripts: ReturnType<typeof fakeScripting>;

beforeEach(() => {
  fakeBrowser.reset();
  granted = new Set();
  permissionEvents = fakePermissionEvents();
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o))),
    request: vi.fn(async ({ origins }: { origins: string[] }) => (origins.forEach((o) => granted.add(o)), true)),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => (origins.forEach((o) => granted.delete(o)), true)),
  });
  scripts = fakeScripting();
});

const ids = () => scripts.registered().map((s) => s.id);

describe('recognition on all sites', () => {
  it('asks for the all-sites permission and runs the content script everywhere else, before the page’s scripts', async () => {
    expect(await setPermissionScript(ALL_SITES_SCRIPT, true)).toBe(true);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['*://*/*'] });
    expect(scripts.registered()).toEqual([
      expect.objectContaining({
        id: 'lantern-all-sites',
        matches: ['*://*/*'],
        excludeMatches: [...SITE_MATCHES, ...SCHOLAR_COUNTRY_MATCHES],
        js: ['content-scripts/content.js'],
        // Before the page's scripts, whose own navigation listeners must not come first.
        runAt: 'document_start',
      }),
    ]);
    // Idempotent: a second sync (browser restart) registers nothing twice, nor again.
    vi.mocked(fakeBrowser.scripting.registerContentScripts).mockClear();
    await syncPermissionScript(ALL_SITES_SCRIPT);
    expect(scripts.registered()).toHaveLength(1);
    expect(fakeBrowser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('replaces the registration an older version made at document_idle, at the update', async () => {
    granted.add('*://*/*');
    scripts.set([{ id: 'lantern-all-sites', matches: ['*://*/*'], excludeMatches: [...SITE_MATCHES, ...SCHOLAR_COUNTRY_MATCHES], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' }]);
    expect(await syncPermissionScript(ALL_SITES_SCRIPT)).toBe(true);
    expect(scripts.registered()).toHaveLength(1);
    expect(scripts.registered()[0]?.runAt).toBe('document_start');
  });

  it('gives the permission back and stops running there', async () => {
    await setPermissionScript(ALL_SITES_SCRIPT, true);
    expect(await setPermissionScript(ALL_SITES_SCRIPT, false)).toBe(false);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['*://*/*'] });
    expect(scripts.registered()).toEqual([]);
    expect(await isPermissionScriptOn(ALL_SITES_SCRIPT)).toBe(false);
  });

  it('registers nothing when the user declines', async () => {
    vi.mocked(fakeBrowser.permissions.request).mockResolvedValueOnce(false);
    expect(await setPermissionScript(ALL_SITES_SCRIPT, true)).toBe(false);
    expect(scripts.registered()).toEqual([]);
  });
});

describe('Scholar in other countries', () => {
  it('registers both while “all sites” is granted, and the all-sites script leaves Scholar’s country domains to theirs: one script per page', async () => {
    granted.add('*://*/*');
    // The all-sites grant covers the country domains' permission, as browsers answer permissions.contains.
    vi.mocked(fakeBrowser.permissions.contains).mockImplementation(async () => granted.has('*://*/*'));
    setupPermissionScripts();
    permissionEvents.added();
    await vi.waitFor(() => expect(ids().sort()).toEqual(['lantern-all-sites', 'lantern-scholar-countries']));
    const allSites = scripts.registered().find((s) => s.id === 'lantern-all-sites')!;
    expect(SCHOLAR_COUNTRY_MATCHES.every((m) => allSites.excludeMatches?.includes(m))).toBe(true);
  });

  it('asks for the country domains only and runs there, with no exclusions', async () => {
    expect(await setPermissionScript(SCHOLAR_COUNTRIES_SCRIPT, true)).toBe(true);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: [...SCHOLAR_COUNTRY_MATCHES] });
    expect(scripts.registered()).toEqual([expect.objectContaining({ id: 'lantern-scholar-countries', matches: [...SCHOLAR_COUNTRY_MATCHES], js: [CONTENT_SCRIPT_FILE] })]);
    expect(scripts.registered()[0]?.excludeMatches).toBeUndefined();
    expect(await isPermissionScriptOn(ALL_SITES_SCRIPT)).toBe(false);
  });
});

describe.each(PERMISSION_SCRIPTS.map((script) => [script.id, script] as const))('%s', (id, script) => {
  it('registers when the permission is granted outside the options (the browser’s own menu), and unregisters when it is taken back', async () => {
    setupPermissionScripts();
    script.origins.forEach((o) => granted.add(o));
    permissionEvents.added();
    await vi.waitFor(() => expect(ids()).toEqual([id]));
    granted.clear();
    permissionEvents.removed();
    await vi.waitFor(() => expect(scripts.registered()).toEqual([]));
  });

  it('lets two syncs run at once (the options page’s and the background’s on the grant) without an error, and registers once', async () => {
    script.origins.forEach((o) => granted.add(o));
    expect(await Promise.all([syncPermissionScript(script), syncPermissionScript(script)])).toEqual([true, true]);
    expect(ids()).toEqual([id]);
    granted.clear();
    expect(await Promise.all([syncPermissionScript(script), syncPermissionScript(script)])).toEqual([false, false]);
    expect(scripts.registered()).toEqual([]);
  });

  it('passes on an error that leaves the registration wrong', async () => {
    script.origins.forEach((o) => granted.add(o));
    vi.mocked(fakeBrowser.scripting.registerContentScripts).mockRejectedValueOnce(new Error('Quota exceeded'));
    await expect(syncPermissionScript(script)).rejects.toThrow('Quota exceeded');
    expect(scripts.registered()).toEqual([]);
  });
});
