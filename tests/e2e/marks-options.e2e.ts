/**
 * The marks' options, as a reader sets them on the options page: each of "Marks on listings",
 * "Marks in reference lists" and "Suggest to the list" turned off stops its feature on the next
 * page load, and on again brings it back; Google Scholar's country domains are asked for at
 * runtime, and without them scholar.google.de gets no marks.
 *
 * "No marks" is never waited for by the clock: the page that must stay unmarked is opened first,
 * and a page that must be marked (by a feature still on) is opened after it; once that one is
 * marked, the first page has had as long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { tabIdOf, waitForSeed } from './badge.page';
import { launchWithListings, openTab, readMarks, waitForMarks } from './marks.page';
import { LISTINGS, readListing } from '../fixtures/listings/listings';
import { SCHOLAR_COUNTRY_MATCHES } from '../../lib/scholarCountries';
import { BADGE_UI_GLOBAL } from '../../lib/badgeUi';
import { contentScriptWorld } from './devtools';

declare const chrome: Browser;

const listing = LISTINGS.find((f) => f.file === 'arxiv-list-new.html')!;
const bibliography = LISTINGS.find((f) => f.file === 'arxiv-html-bibliography.html')!;
const scholar = LISTINGS.find((f) => f.file === 'scholar.html')!;
const readme = LISTINGS.find((f) => f.file === 'github-readme.html')!;

let ext: ExtensionSession;

beforeAll(async () => {
  ext = await launchWithListings();
}, 60_000);

afterAll(async () => {
  await ext?.close();
});

const open = (url: string): Promise<Page> => openTab(ext, url);

/** Sets one marks option with a real click on the options page and waits until it is stored. */
async function setOption(name: 'listings' | 'references' | 'suggest', on: boolean): Promise<void> {
  const options = await open(ext.extensionUrl('options.html'));
  try {
    const box = options.locator(`input[name="marks-${name}"]`);
    await box.waitFor();
    await options.waitForFunction((n) => !(document.querySelector(`input[name="marks-${n}"]`) as HTMLInputElement).disabled, name);
    if ((await box.isChecked()) !== on) await box.click();
    await options.waitForFunction(
      async ([n, want]) => ((await chrome.storage.local.get('marks.settings'))['marks.settings'] as Record<string, boolean> | undefined)?.[n as string] === want,
      [name, on] as const,
    );
  } finally {
    await options.close();
  }
}

describe('marks options', () => {
  it('"Marks on listings" off: the next listing page gets no marks, nor does a page linking listed papers, while reference lists still do; on again: marked', async () => {
    await setOption('listings', false);
    const off = await open(listing.url);
    const links = await open(readme.url);
    const control = await open(bibliography.url);
    try {
      await waitForMarks(control, bibliography.marked);
      expect(await readMarks(off)).toEqual([]);
      expect(await readMarks(links)).toEqual([]);
      // Nor was the marks' UI put into the page that links them, which would have been marked.
      expect(await (await contentScriptWorld(links, 'Lantern')).hasGlobal(BADGE_UI_GLOBAL)).toBe(false);
    } finally {
      await control.close();
      await links.close();
    }
    await setOption('listings', true);
    await off.reload();
    expect((await waitForMarks(off, listing.marked)).map((m) => m.paperId)).toEqual(listing.marked);
    await off.close();
  }, 60_000);

  it('"Marks in reference lists" off: the next paper page’s references get no marks and no "cites" count; on again: marked', async () => {
    await setOption('references', false);
    const off = await open(bibliography.url);
    const control = await open(listing.url);
    try {
      await waitForMarks(control, listing.marked);
      expect(await readMarks(off)).toEqual([]);
      const tabId = await tabIdOf(ext, bibliography.url);
      const record = await ext.serviceWorker.evaluate(async (id) => (await chrome.storage.session.get(`listed:${id}`))[`listed:${id}`], tabId);
      expect((record as { cites?: unknown[] } | undefined)?.cites ?? []).toEqual([]);
    } finally {
      await control.close();
    }
    await setOption('references', true);
    await off.reload();
    await waitForMarks(off, bibliography.marked);
    await off.close();
  }, 60_000);

  it('"Suggest to the list" off: the popup still says what an unlisted paper cites, without the Suggest link', async () => {
    await setOption('suggest', false);
    const page = await open(bibliography.url);
    try {
      await waitForMarks(page, bibliography.marked);
      const tabId = await tabIdOf(ext, bibliography.url);
      const popup = await open(ext.extensionUrl(`popup.html?tabId=${tabId}`));
      await popup.locator('[data-cites-count]').waitFor();
      expect(await popup.locator('[data-cites-count]').textContent()).toBe('Not in the list · cites 4 papers from it');
      expect(await popup.locator('a[data-suggest]').count()).toBe(0);
      await popup.close();
      await setOption('suggest', true);
      const again = await open(ext.extensionUrl(`popup.html?tabId=${tabId}`));
      await again.locator('a[data-suggest]').waitFor();
      await again.close();
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('Google Scholar in other countries', () => {
  const german = scholar.url.replace('scholar.google.com', 'scholar.google.de');

  it('is asked for from the options page at runtime; refused, it says so, and scholar.google.de gets no marks', async () => {
    ext.routePages({ [german]: { body: readListing(scholar.file) } });
    const options = await open(ext.extensionUrl('options.html'));
    // Headless Chromium cannot show the permission prompt: the test answers it, as a refusing user.
    await options.evaluate(() => {
      const asked: unknown[] = [];
      (window as unknown as { asked: unknown[] }).asked = asked;
      chrome.permissions.request = (async (permissions: unknown) => {
        asked.push(permissions);
        return false;
      }) as typeof chrome.permissions.request;
    });
    const box = options.locator('input[name="marks-scholar-countries"]');
    await options.waitForFunction(() => !(document.querySelector('input[name="marks-scholar-countries"]') as HTMLInputElement).disabled);
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await options.getByText('The permission was not granted, so Lantern marks Scholar on scholar.google.com only.').waitFor();
    const asked = (await options.evaluate(() => (window as unknown as { asked: { origins?: string[] }[] }).asked)) as { origins?: string[] }[];
    expect(asked).toEqual([{ origins: [...SCHOLAR_COUNTRY_MATCHES] }]);
    expect(await box.isChecked()).toBe(false);
    await screenshot(options, 'options-marks-scholar-refused', { colorScheme: 'light' });
    await screenshot(options, 'options-marks-scholar-refused', { colorScheme: 'dark' });
    await options.close();

    const registered = await ext.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered).toEqual([]);
    const off = await open(german);
    const control = await open(scholar.url);
    try {
      await waitForMarks(control, scholar.marked);
      expect(await readMarks(off)).toEqual([]);
    } finally {
      await control.close();
      await off.close();
    }
  }, 60_000);
});

describe('Google Scholar in other countries, granted', () => {
  let granted: ExtensionSession;
  afterAll(async () => {
    await granted?.close();
  });

  it('marks scholar.google.de as scholar.google.com', async () => {
    granted = await launchExtension({ grantedHosts: SCHOLAR_COUNTRY_MATCHES });
    const german = scholar.url.replace('scholar.google.com', 'scholar.google.de');
    granted.routePages({ [german]: { body: readListing(scholar.file) } });
    await waitForSeed(granted);
    const page = await granted.context.newPage();
    await page.goto(german);
    expect((await waitForMarks(page, scholar.marked)).map((m) => m.paperId)).toEqual(scholar.marked);
    await page.close();
  }, 90_000);
});
