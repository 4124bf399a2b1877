/**
 * Site access: the manifest's host permissions (the paper sites and the list's source). Firefox's
 * MV3 makes them the user's to give or withdraw (about:addons › Lantern › Permissions; before
 * Firefox 127 an install did not give them at all), and Chrome lets a user withhold them (site
 * access "On click"). Without them Lantern shows nothing on pages, so the popup and the options
 * page say so in plain words and offer the button that asks for them.
 *
 * Granted: no notice, in both browsers. Withheld at the first run: the notice, in both. Asking:
 * in Firefox the button brings up Firefox's own permission prompt, and the spec answers it as a
 * user would, first "Don't allow" (plain words, the add-on not let onto the page, the popup's
 * search still working), then "Allow" (the notice goes and the badge is on the page). Headless
 * Chromium cannot show its prompt, so the asking is Firefox's part (see `asks`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { currentBrowser, launchExtension, screenshot, type ExtensionSession } from './harness';
import { waitForBadge, waitForSeed } from './badge.page';
import { readFixture } from '../fixtures/pages/pages';
import { SITE_ACCESS_ORIGINS } from '../../lib/sites';

declare const chrome: Browser;

const LISTED_URL = 'https://arxiv.org/abs/2311.16452';
const LISTED_ID = 'arxiv:2311.16452';
const NOT_YET = 'Lantern is not allowed on paper sites yet.';
const REFUSED = 'You did not allow it, so Lantern stays off on those sites. Everything else keeps working, and you can allow it here any time.';
/** Asking needs the browser's prompt, which only Firefox can show headless. */
const asks = currentBrowser() === 'firefox';

const hasAccess = (ext: ExtensionSession) => ext.serviceWorker.evaluate((origins) => chrome.permissions.contains({ origins }), [...SITE_ACCESS_ORIGINS]);

/**
 * Whether the add-on may run a script in `page`'s tab (what host permissions decide). The tab is
 * found as the active one: without host access the add-on cannot see a tab's address.
 */
async function mayReach(ext: ExtensionSession, page: Page): Promise<boolean> {
  await page.bringToFront();
  return ext.serviceWorker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined || (tab.url !== undefined && tab.url !== url)) throw new Error(`The active tab is not ${url} but ${tab?.url}`);
    try {
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => true });
      return true;
    } catch {
      return false;
    }
  }, page.url());
}

/** The popup, once its list is loaded (the notice's own check is one call, long done by then). */
async function openPopup(ext: ExtensionSession): Promise<Page> {
  const popup = await ext.openPopup();
  await popup.setViewportSize({ width: 400, height: 560 });
  await popup.locator('[data-entry-count]').waitFor();
  return popup;
}

async function openOptions(ext: ExtensionSession): Promise<Page> {
  const options = await ext.openPage('options.html');
  await options.locator('ul.lists li').first().waitFor();
  return options;
}

describe('site access granted', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
    await waitForSeed(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows no notice in the popup or the options page', async () => {
    expect(await hasAccess(ext)).toBe(true);
    const popup = await openPopup(ext);
    expect(await popup.locator('.site-access').count()).toBe(0);
    await popup.close();
    const options = await openOptions(ext);
    expect(await options.locator('.site-access').count()).toBe(0);
    await options.close();
  });
});

describe('site access withheld at the first run', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension({ siteAccess: 'withheld', permissionPrompts: asks });
    ext.routePages({ [LISTED_URL]: { body: readFixture('arxiv-abs-2311.16452.html') } });
    await waitForSeed(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the popup and the options page say so plainly, with the button that asks', async () => {
    expect(await hasAccess(ext)).toBe(false);
    for (const [name, page] of [
      ['popup', await openPopup(ext)],
      ['options', await openOptions(ext)],
    ] as const) {
      const notice = page.locator('.site-access');
      await notice.waitFor();
      expect(await notice.getAttribute('role')).toBe('alert');
      expect(await notice.locator('strong').textContent()).toBe(NOT_YET);
      expect(await notice.textContent()).toContain('your browser needs your permission for those sites');
      expect(await notice.getByRole('button', { name: 'Allow Lantern on these sites' }).count()).toBe(1);
      await screenshot(page, `${name}-site-access`, { colorScheme: 'light', fullPage: false });
      await screenshot(page, `${name}-site-access`, { colorScheme: 'dark', fullPage: false });
      await page.close();
    }
  });

  it.runIf(asks)('refused in the browser’s prompt: plain words, nothing on the page, the popup still works', async () => {
    const page = await ext.context.newPage();
    await page.goto(LISTED_URL);
    expect(await mayReach(ext, page)).toBe(false);

    const popup = await openPopup(ext);
    await popup.getByRole('button', { name: 'Allow Lantern on these sites' }).click();
    const prompt = await ext.answerPermissionPrompt('deny');
    expect(prompt[0]).toContain('Lantern');
    expect(prompt.join('\n')).toMatch(/arxiv\.org|sites/);
    await popup.locator('.site-access[data-site-access=refused]').waitFor();
    expect(await popup.locator('.site-access-answer').textContent()).toBe(REFUSED);
    await screenshot(popup, 'popup-site-access-refused', { colorScheme: 'light', fullPage: false });
    await screenshot(popup, 'popup-site-access-refused', { colorScheme: 'dark', fullPage: false });
    await popup.emulateMedia({ colorScheme: 'light' });
    expect(await hasAccess(ext)).toBe(false);
    expect(await mayReach(ext, page)).toBe(false);

    // Nothing broken: the search answers as before.
    await popup.locator('input[type=search]').fill('meditron');
    await popup.locator('[role=listbox][aria-busy=false]').waitFor({ state: 'attached' });
    expect(await popup.locator('[role=listbox] [data-paper-id]').count()).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });

  it.runIf(asks)('allowed in the browser’s prompt: the notice goes and the badge is on the page', async () => {
    const popup = await openPopup(ext);
    await popup.getByRole('button', { name: 'Allow Lantern on these sites' }).click();
    await ext.answerPermissionPrompt('allow');
    await popup.locator('.site-access').waitFor({ state: 'detached' });
    expect(await hasAccess(ext)).toBe(true);
    await popup.close();

    const page = await ext.context.newPage();
    await page.goto(LISTED_URL);
    expect((await waitForBadge(page, LISTED_ID)).paperId).toBe(LISTED_ID);
    expect(await mayReach(ext, page)).toBe(true);
    await page.close();
  });

  it.runIf(asks)('withdrawn while the options page is open: the notice appears there, and Allow brings access back', async () => {
    const options = await openOptions(ext);
    expect(await options.locator('.site-access').count()).toBe(0);
    // What the switch in about:addons does.
    await ext.serviceWorker.evaluate((origins) => chrome.permissions.remove({ origins }), [...SITE_ACCESS_ORIGINS]);
    await options.locator('.site-access').waitFor();
    expect(await options.locator('.site-access strong').textContent()).toBe(NOT_YET);
    await options.getByRole('button', { name: 'Allow Lantern on these sites' }).click();
    await ext.answerPermissionPrompt('allow');
    await options.locator('.site-access').waitFor({ state: 'detached' });
    expect(await hasAccess(ext)).toBe(true);
    await options.close();
  });
});
