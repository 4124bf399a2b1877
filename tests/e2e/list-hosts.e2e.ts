/**
 * Which hosts a list may come from, end to end: only https, only hosts the user
 * granted (nothing is fetched from any other), and removing a list gives back the host
 * permission its adding asked for once no other list reads from that host. Plain-http pages of
 * https-only sites get no content script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launchExtension, type ExtensionSession } from './harness';
import { sendFromExtensionPage, waitForAnswer, waitForBadge, waitForSeed } from './badge.page';
import { isolatedWorldNames } from './devtools';
import bundled from '../../assets/catalog.json';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';
import { writeListMarkdown } from '../fixtures/lists/writeList';

declare const chrome: Browser;

const catalog = bundled as unknown as CatalogSnapshot;
const GRANTED_ORIGIN = 'https://lists.example.org/*';
const GRANTED_LIST = 'https://lists.example.org/medicine.md';
const SECOND_ON_GRANTED = 'https://lists.example.org/radiology.md';
const UNGRANTED_LIST = 'https://intranet.example/lists/medicine.md';
const list = (entries: readonly CatalogEntry[]) => writeListMarkdown('Hosted Medicine', [...entries]);

let ext: ExtensionSession;
const requested: string[] = [];

/** The pages whose content script told the background about them (its record per tab, source "page"). */
const pagesThatAsked = () =>
  ext.serviceWorker.evaluate(async () =>
    (Object.values(await chrome.storage.session.get(null)) as { url?: string; source?: string }[]).filter((s) => s.source === 'page').map((s) => s.url),
  );

const hasPermission = (origin: string) =>
  ext.serviceWorker.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);

async function openOptions(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await page.locator('[data-list-id="seed"]').waitFor();
  return page;
}

/** Adds a list through the options page's form; answers the notice it then shows. */
async function addFromOptions(options: Page, url: string): Promise<string> {
  const notice = options.locator('[data-refresh-message]');
  const before = (await notice.count()) > 0 ? await notice.textContent() : null;
  await options.locator('#add-list-url').fill(url);
  await options.getByRole('button', { name: 'Add list' }).click();
  await expect.poll(async () => ((await notice.count()) > 0 ? await notice.textContent() : before)).not.toBe(before);
  return (await notice.textContent()) ?? '';
}

async function removeFromOptions(options: Page, listId: string): Promise<void> {
  options.once('dialog', (d) => void d.accept());
  await options.locator(`[data-list-id="${listId}"] button.danger`).click();
  await options.locator(`[data-list-id="${listId}"]`).waitFor({ state: 'detached' });
}

describe('hosts a list may come from', () => {
  beforeAll(async () => {
    ext = await launchExtension({ grantedHosts: [GRANTED_ORIGIN] });
    ext.context.on('request', (r) => requested.push(r.url()));
    ext.routePages({
      [GRANTED_LIST]: { body: list(catalog.entries.slice(0, 3)), contentType: 'text/plain' },
      [SECOND_ON_GRANTED]: { body: list(catalog.entries.slice(3, 5)), contentType: 'text/plain' },
      [UNGRANTED_LIST]: { body: list(catalog.entries.slice(0, 3)), contentType: 'text/plain' },
      'http://lists.example.org/medicine.md': { body: list(catalog.entries.slice(0, 3)), contentType: 'text/plain' },
    });
    await waitForSeed(ext);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('fetches nothing from a host the user has not granted, and nothing over plain http', async () => {
    const refused = await sendFromExtensionPage(ext, 'addList', { url: UNGRANTED_LIST });
    expect(refused).toEqual({
      ok: true,
      value: { ok: false, error: 'Lantern may not read intranet.example yet. Add the list from Lantern’s options page, which asks you for that permission.' },
    });
    const plain = await sendFromExtensionPage(ext, 'addList', { url: 'http://lists.example.org/medicine.md' });
    expect(plain).toMatchObject({ ok: true, value: { ok: false, error: expect.stringMatching(/^Lantern follows lists over https only/) } });
    expect(requested.filter((u) => u.includes('intranet.example') || u.startsWith('http://lists.example.org'))).toEqual([]);
  });

  it('adds a list from a granted host, and gives the host back when its last list is removed', async () => {
    const options = await openOptions();
    expect(await addFromOptions(options, GRANTED_LIST)).toMatch(/^Added “Hosted Medicine”: 3 entries/);
    expect(await addFromOptions(options, SECOND_ON_GRANTED)).toMatch(/^Added “Hosted Medicine”: 2 entries/);
    expect(await hasPermission(GRANTED_ORIGIN)).toBe(true);

    // Another list still reads from the host: the permission stays.
    await removeFromOptions(options, 'lists.example.org/medicine.md');
    expect(await hasPermission(GRANTED_ORIGIN)).toBe(true);

    await removeFromOptions(options, 'lists.example.org/radiology.md');
    await expect.poll(() => hasPermission(GRANTED_ORIGIN)).toBe(false);
    // The manifest's own hosts are never given back.
    expect(await hasPermission('https://raw.githubusercontent.com/*')).toBe(true);
    await options.close();
  });

  it('reads an address typed without https:// itself, and answers in its own plain words, not the browser’s URL check', async () => {
    const options = await openOptions();
    try {
      expect(await addFromOptions(options, 'github.com/someone')).toBe(
        'That GitHub address is not a repository. Paste a repository URL such as https://github.com/owner/awesome-list.',
      );
    } finally {
      await options.close();
    }
  });

  it('runs no content script on a plain-http page of an https-only site', async () => {
    const listed = catalog.entries.find((e) => e.ids.arxiv)!;
    const body = `<!DOCTYPE html><html><head><title>${listed.title}</title><meta name="citation_arxiv_id" content="${listed.ids.arxiv}"></head><body><h1>${listed.title}</h1></body></html>`;
    ext.routePages({ [`http://arxiv.org/abs/${listed.ids.arxiv}`]: { body }, [`https://arxiv.org/abs/${listed.ids.arxiv}`]: { body } });
    const plain = await ext.context.newPage();
    await plain.goto(`http://arxiv.org/abs/${listed.ids.arxiv}`);
    // The https twin, opened after it, gets its badge: by then the plain page would have its script too.
    const secure = await ext.context.newPage();
    await secure.goto(`https://arxiv.org/abs/${listed.ids.arxiv}`);
    await waitForBadge(secure, listed.id);
    await waitForAnswer(ext, secure);
    const asked = await pagesThatAsked();
    expect(asked).toContain(`https://arxiv.org/abs/${listed.ids.arxiv}`);
    expect(asked).not.toContain(`http://arxiv.org/abs/${listed.ids.arxiv}`);
    if (ext.browserName === 'chromium') {
      // Chromium's DevTools protocol also lists content-script worlds (WebDriver BiDi does not):
      // not even a silent content script ran there.
      expect(await isolatedWorldNames(secure)).toContain('Lantern');
      expect(await isolatedWorldNames(plain)).not.toContain('Lantern');
    }
    expect(await plain.locator('lantern-badge').count()).toBe(0);
    await plain.close();
    await secure.close();
  });
});
