/** Scholar's country domains: their content script follows the optional permission (lib/scholarCountries.ts). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SCHOLAR_COUNTRIES_SCRIPT_ID, syncScholarCountriesScript } from '../../lib/scholarCountries';
import { setupListings, type TabListings } from '../../entrypoints/background/listings';
import { fakePermissionEvents, type PermissionEvents } from '../fixtures/permissionEvents';

let granted: boolean;
let registered: Array<{ id: string }>;
let permissionEvents: PermissionEvents;

beforeEach(() => {
  fakeBrowser.reset();
  granted = false;
  registered = [];
  permissionEvents = fakePermissionEvents();
  Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => granted) });
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

describe('Scholar in other countries', () => {
  it('registers when the permission is granted anywhere (the browser’s own menu), and unregisters when it is taken back', async () => {
    setupListings({ forget: async () => undefined } as unknown as TabListings);
    granted = true;
    permissionEvents.added();
    await vi.waitFor(() => expect(registered.map((s) => s.id)).toEqual([SCHOLAR_COUNTRIES_SCRIPT_ID]));
    granted = false;
    permissionEvents.removed();
    await vi.waitFor(() => expect(registered).toEqual([]));
  });

  it('lets two syncs run at once without an error, and registers once', async () => {
    granted = true;
    expect(await Promise.all([syncScholarCountriesScript(), syncScholarCountriesScript()])).toEqual([true, true]);
    expect(registered.map((s) => s.id)).toEqual([SCHOLAR_COUNTRIES_SCRIPT_ID]);
    granted = false;
    expect(await Promise.all([syncScholarCountriesScript(), syncScholarCountriesScript()])).toEqual([false, false]);
    expect(registered).toEqual([]);
  });
});
