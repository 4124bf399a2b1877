/** Scholar's country domains: their content script follows the optional permission (lib/scholarCountries.ts). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SCHOLAR_COUNTRIES_SCRIPT_ID, syncScholarCountriesScript } from '../../lib/scholarCountries';
import { setupListings, type TabListings } from '../../entrypoints/background/listings';
import { fakePermissionEvents, fakeScripting, type PermissionEvents } from '../fixtures/permissionEvents';

let granted: boolean;
let scripts: ReturnType<typeof fakeScripting>;
let permissionEvents: PermissionEvents;

beforeEach(() => {
  fakeBrowser.reset();
  granted = false;
  permissionEvents = fakePermissionEvents();
  Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => granted) });
  scripts = fakeScripting();
});

describe('Scholar in other countries', () => {
  it('registers when the permission is granted anywhere (the browser’s own menu), and unregisters when it is taken back', async () => {
    setupListings({ forget: async () => undefined } as unknown as TabListings);
    granted = true;
    permissionEvents.added();
    await vi.waitFor(() => expect(scripts.registered().map((s) => s.id)).toEqual([SCHOLAR_COUNTRIES_SCRIPT_ID]));
    granted = false;
    permissionEvents.removed();
    await vi.waitFor(() => expect(scripts.registered()).toEqual([]));
  });

  it('lets two syncs run at once without an error, and registers once', async () => {
    granted = true;
    expect(await Promise.all([syncScholarCountriesScript(), syncScholarCountriesScript()])).toEqual([true, true]);
    expect(scripts.registered().map((s) => s.id)).toEqual([SCHOLAR_COUNTRIES_SCRIPT_ID]);
    granted = false;
    expect(await Promise.all([syncScholarCountriesScript(), syncScholarCountriesScript()])).toEqual([false, false]);
    expect(scripts.registered()).toEqual([]);
  });
});
