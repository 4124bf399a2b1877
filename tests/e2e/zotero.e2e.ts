/**
 * Send to Zotero, end to end: the built extension talks to a local server that follows
 * the endpoints of Zotero's connector server (tests/tools/zoteroServer.ts) on Zotero's own port,
 * 23119. One paper from its library row, a 50-paper selection from the bulk bar, one popup result,
 * one paper from its page's badge card;
 * every field checked as the server received it; "In Zotero" shown only for what Zotero confirmed;
 * Zotero not running, an old Zotero, a refused request, a partial save; and the optional
 * permission refused, by message and by the user at the prompt (nothing sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { fixturePage, launchExtension, screenshot, type ExtensionSession } from './harness';
import { inLayoutUnits, waitForBadge, waitForSeed } from './badge.page';
import { clickInCard, clickMark, waitForMark, waitForMarks } from './marks.page';
import { LISTINGS, readListing } from '../fixtures/listings/listings';
import { closedShadow } from './devtools';
import { startZoteroServer, type ZoteroServerOptions, type ZoteroTestServer } from '../tools/zoteroServer';
import { ZOTERO_PERMISSION } from '../../lib/zotero/connector';
import type { CatalogSnapshot } from '../../lib/types';
import { openLibrary } from './library.page';

declare const chrome: Browser;

const snapshot = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../assets/catalog.json'), 'utf8')) as CatalogSnapshot;
const FIRST = 'arxiv:2311.16452';
const FIFTY = snapshot.entries.slice(0, 50).map((e) => e.id);
const NOTE = 'Medprompt: <b>few-shot</b> & CoT\n\nsee Table 2';
const PORT = 23119;

let server: ZoteroTestServer | undefined;
let ext: ExtensionSession;
let library: Page;

async function restartServer(options: ZoteroServerOptions = {}): Promise<ZoteroTestServer> {
  await server?.close();
  server = await startZoteroServer({ port: PORT, ...options });
  return server;
}

async function zoteroSent(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('lantern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('zotero-sent');
          get.onsuccess = () => {
            resolve((get.result?.value as Record<string, number>) ?? {});
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function notice(page: Page): Promise<string> {
  const el = page.locator('[data-notice]');
  await el.waitFor();
  return (await el.locator('p').first().textContent()) ?? '';
}

async function clearNotice(page: Page): Promise<void> {
  const close = page.locator('[data-notice] .notice-close');
  if (await close.count()) await close.click();
}

async function sendRow(id: string): Promise<string> {
  await clearNotice(library);
  await library.locator(`tr[data-paper-id="${id}"] [data-action=send-to-zotero]`).click();
  await library.locator(`tr[data-paper-id="${id}"] [data-action=send-to-zotero]:not([disabled])`).waitFor();
  return notice(library);
}

beforeAll(async () => {
  await restartServer({ collection: { id: 3, name: 'Lantern inbox' } });
  ext = await launchExtension({ passThrough: [`http://127.0.0.1:${PORT}/`], grantedHosts: [ZOTERO_PERMISSION] });
  await waitForSeed(ext);
  library = await openLibrary(ext);
  for (const paperId of FIFTY) {
    const reply = await library.evaluate((id) => chrome.runtime.sendMessage({ lantern: 1, type: 'setSaved', data: { paperId: id, saved: true } }), paperId);
    expect(reply).toEqual({ ok: true, value: { saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' } });
  }
  await library.locator('[data-saved-count="50"]').waitFor();
  const row = library.locator(`tr[data-paper-id="${FIRST}"]`);
  await row.locator('textarea[name=note]').fill(NOTE);
  await row.locator('textarea[name=note]').press('Tab');
  await row.locator('input[name=tag]').fill('prompting');
  await row.locator('input[name=tag]').press('Enter');
  await row.locator('.tag', { hasText: 'prompting' }).first().waitFor();
}, 90_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('Send to Zotero', () => {
  it('sends one paper from its row with every field as Zotero’s connector writes it, and shows "In Zotero"', async () => {
    expect(await sendRow(FIRST)).toBe('Sent 1 paper to Zotero (Lantern inbox).');
    const s = server!;
    expect(s.requests.map((r) => `${r.path} ${r.answer}`)).toEqual([
      '/connector/ping 200',
      '/connector/getSelectedCollection 200',
      '/connector/saveItems 201',
      '/connector/updateSession 200',
    ]);
    for (const r of s.requests) expect(r.headers['x-zotero-connector-api-version']).toBe('3');
    expect(s.sessions).toHaveLength(1);
    expect(s.sessions[0]!.target).toBe('C3');
    expect(s.sessions[0]!.tags).toBe('Lantern');
    expect(s.sessions[0]!.items).toEqual([
      {
        id: FIRST,
        itemType: 'preprint',
        title: 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine',
        creators: [{ creatorType: 'author', firstName: 'Harsha', lastName: 'Nori' }],
        date: '2023-11',
        DOI: '10.48550/arXiv.2311.16452',
        repository: 'arXiv',
        number: 'arXiv:2311.16452',
        archiveID: 'arXiv:2311.16452',
        extra: 'arXiv:2311.16452',
        libraryCatalog: 'arXiv.org',
        url: 'https://arxiv.org/abs/2311.16452',
        tags: [{ tag: 'prompting' }],
        notes: [{ note: '<p>Medprompt: &lt;b&gt;few-shot&lt;/b&gt; &amp; CoT</p><p>see Table 2</p>' }],
        attachments: [],
      },
    ]);
    await library.locator(`tr[data-paper-id="${FIRST}"] [data-in-zotero]`).waitFor();
    expect(Object.keys(await zoteroSent(library))).toEqual([FIRST]);
    await screenshot(library, 'library-zotero', { colorScheme: 'light', fullPage: false });
    await screenshot(library, 'library-zotero', { colorScheme: 'dark', fullPage: false });
  });

  it('sends a 50-paper selection from the bulk bar in batches, every paper with its list data', async () => {
    const s = await restartServer();
    await clearNotice(library);
    await library.locator('input[name=select-all]').check();
    await library.locator('.bulk-bar [data-action=send-to-zotero]').click();
    expect(await notice(library)).toBe('Sent 50 papers to Zotero (My Library).');
    expect(s.sessions.map((x) => x.items.length)).toEqual([25, 25]);
    const items = s.sessions.flatMap((x) => x.items) as { id: string; title: string; creators: unknown[]; url?: string; DOI?: string; extra?: string; date?: string; itemType: string }[];
    expect(items.map((i) => i.id).sort()).toEqual([...FIFTY].sort());
    for (const item of items) {
      const entry = snapshot.entries.find((e) => e.id === item.id)!;
      expect(item.title).toBe(entry.title);
      expect(item.creators.length).toBeGreaterThan(0);
      expect(item.url).toMatch(/^https?:\/\//);
      if (entry.ids.arxiv) expect(item.extra).toContain(`arXiv:${entry.ids.arxiv}`);
      if (entry.ids.doi) expect(item.DOI).toBe(entry.ids.doi);
      if (entry.year) expect(item.date?.startsWith(String(entry.year))).toBe(true);
      expect(['journalArticle', 'conferencePaper', 'preprint', 'webpage', 'document']).toContain(item.itemType);
    }
    expect(Object.keys(await zoteroSent(library)).sort()).toEqual([...FIFTY].sort());
    await library.locator('.bulk-bar .link-button', { hasText: 'Clear selection' }).click();
  });

  it('says plainly when Zotero isn’t running, an old Zotero answers, Zotero refuses, or only part is saved; marks only what Zotero took', async () => {
    const id = FIFTY[10]!;
    const before = await zoteroSent(library);

    await server!.close();
    server = undefined;
    expect(await sendRow(id)).toBe('Zotero isn’t running. Start it and try again. Nothing was sent.');

    await restartServer({ apiVersion: 2, zoteroVersion: '4.0.29.11' });
    expect(await sendRow(id)).toContain('This Zotero (4.0.29.11) is too old');
    expect(server!.sessions).toEqual([]);

    await restartServer({ readOnly: true });
    expect(await sendRow(id)).toContain('Zotero refused the papers: the library or collection selected in Zotero is read-only.');
    expect(await zoteroSent(library)).toEqual(before);

    const s = await restartServer({ failSaveNumbers: [2] });
    const t0 = Date.now();
    await clearNotice(library);
    await library.locator('input[name=select-all]').check();
    await library.locator('.bulk-bar [data-action=send-to-zotero]').click();
    expect(await notice(library)).toBe(
      'Only 25 papers of 50 papers reached Zotero (My Library); 25 papers did not: Zotero refused the papers (it answered 500). Send again to try the rest.',
    );
    const after = await zoteroSent(library);
    const taken = new Set(s.sessions.flatMap((x) => x.items.map((i) => String(i.id))));
    expect(taken.size).toBe(25);
    for (const paperId of FIFTY) {
      if (taken.has(paperId)) expect(after[paperId]).toBeGreaterThanOrEqual(t0 - 1000);
      else expect(after[paperId]).toBe(before[paperId]);
    }
    await library.locator('.bulk-bar .link-button', { hasText: 'Clear selection' }).click();
  });

  it('sends a popup result and copies its citation', async () => {
    const s = await restartServer();
    const popup = await ext.openPopup();
    const id = snapshot.entries[60]!.id;
    await popup.locator(`[role=option][data-paper-id="${id}"]`).waitFor({ timeout: 2000 }).catch(async () => {
      await popup.locator('input[type=search]').fill(snapshot.entries[60]!.title.slice(0, 40));
      await popup.locator(`[role=option][data-paper-id="${id}"]`).waitFor();
    });
    await popup.locator(`[role=option][data-paper-id="${id}"] [data-action=send-to-zotero]`).click();
    await popup.locator('[data-carry-notice]').waitFor();
    expect(await popup.locator('[data-carry-notice]').textContent()).toBe('Sent 1 paper to Zotero (My Library).');
    expect(s.sessions.flatMap((x) => x.items.map((i) => i.id))).toEqual([id]);
    await popup.locator(`[role=option][data-paper-id="${id}"] [data-in-zotero]`).waitFor();
    await popup.locator(`[role=option][data-paper-id="${id}"] [data-action=copy-citation]`).selectOption('markdown');
    await popup.locator('[data-carry-notice]', { hasText: 'Copied the Markdown link' }).waitFor();
    // Read the clipboard back as a user would: paste it into the search box.
    await popup.locator('input[type=search]').fill('');
    await popup.locator('input[type=search]').press('Control+V');
    expect(await popup.locator('input[type=search]').inputValue()).toMatch(/^\[.+\]\(<https?:\/\/.+>\)$/);
    await screenshot(popup, 'popup-zotero', { colorScheme: 'light' });
    await screenshot(popup, 'popup-zotero', { colorScheme: 'dark' });
    await popup.close();
  });
});

describe('Send to Zotero from the badge', () => {
  it('sends the paper of the page from its badge card, and the card shows "In Zotero"', async () => {
    const url = 'https://www.nature.com/articles/s41591-023-02448-8';
    const id = 'doi:10.1038/s41591-023-02448-8';
    const s = await restartServer();
    ext.routePages({ [url]: fixturePage('nature-s41591-023-02448-8.html') });
    const page = await ext.context.newPage();
    await page.goto(url);
    expect((await waitForBadge(page, id)).paperId).toBe(id);
    const shadow = closedShadow(page);
    expect(await shadow.evaluate('lantern-badge', (root) => root.querySelector('[data-in-zotero]') !== null)).toBe(false);
    // The row is as tall at any width whatever Zotero said (a page measures the card's box).
    const rowHeights = async () => {
      const heights: number[] = [];
      for (const width of [280, 320, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const height = await shadow.evaluate('lantern-badge', (root) => root.querySelector('.carry-actions')!.getBoundingClientRect().height);
        heights.push(inLayoutUnits(height ?? 0));
      }
      return heights;
    };
    const before = await rowHeights();
    await shadow.click('lantern-badge', '[data-action=send-to-zotero]');
    const said = await shadow.waitFor('lantern-badge', (root) => root.querySelector('.carry-notice .drawn-words')?.getAttribute('data-words'));
    expect(said).toBe('Sent 1 paper to Zotero (My Library).');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-in-zotero]') !== null);
    expect(await rowHeights()).toEqual(before);
    expect(s.sessions.flatMap((x) => x.items.map((i) => [i.id, i.itemType, i.title, i.DOI]))).toEqual([
      [id, 'journalArticle', snapshot.entries.find((e) => e.id === id)!.title, '10.1038/s41591-023-02448-8'],
    ]);
    expect(Object.keys(await zoteroSent(library))).toContain(id);
    await page.close();
  });

  it('sends a listed paper from a mark’s card on a page that lists papers, and the card shows "In Zotero"', async () => {
    const fixture = LISTINGS.find((f) => f.url === 'https://github.com/mingze-yuan/Awesome-LLM-Healthcare')!;
    const id = 'arxiv:2311.16079';
    const s = await restartServer();
    ext.routePages({ [fixture.url]: { body: readListing(fixture.file) } });
    const page = await ext.context.newPage();
    await page.goto(fixture.url);
    await waitForMarks(page, fixture.marked);
    await clickMark(page, id);
    await waitForMark(page, (m) => m.paperId === id && m.card !== null);
    await clickInCard(page, '[data-action=send-to-zotero]');
    const notice = async () =>
      (await closedShadow(page).evaluateAll(`lantern-mark[data-paper-id="${id}"]`, (root) => root.querySelector('.card .carry-notice .drawn-words')?.getAttribute('data-words') ?? null)).find((t) => t !== null);
    await expect.poll(notice).toBe('Sent 1 paper to Zotero (My Library).');
    await expect
      .poll(async () => (await closedShadow(page).evaluateAll(`lantern-mark[data-paper-id="${id}"]`, (root) => root.querySelector('.card [data-in-zotero]') !== null)).includes(true))
      .toBe(true);
    expect(s.sessions.flatMap((x) => x.items.map((i) => [i.id, i.title]))).toEqual([[id, snapshot.entries.find((e) => e.id === id)!.title]]);
    await page.mouse.move(0, 0);
    await screenshot(page, 'mark-card-zotero', { colorScheme: 'light', fullPage: false });
    await page.close();
  });
});

describe('Zotero settings', () => {
  it('adds the list’s category as a tag and drops the session tag when the options say so', async () => {
    const s = await restartServer();
    const options = await ext.context.newPage();
    await options.goto(ext.extensionUrl('options.html'));
    await options.locator('input[name=zotero-category-tags]').check();
    await options.locator('input[name=zotero-session-tag]').fill('');
    await options.locator('input[name=zotero-session-tag]').press('Tab');
    await screenshot(options, 'options-zotero', { colorScheme: 'light' });
    await options.close();
    expect(await sendRow(FIRST)).toBe('Sent 1 paper to Zotero (My Library).');
    expect(s.sessions[0]!.items[0]!.tags).toEqual([{ tag: 'prompting' }, { tag: 'Evaluating General-Purpose LLMs in Medicine via Prompting' }]);
    expect(s.requests.map((r) => r.path)).not.toContain('/connector/updateSession');
  });
});

describe('Send to Zotero without the permission', () => {
  it('sends nothing and says why when the permission to reach Zotero is not given', async () => {
    const s = await restartServer();
    const other = await launchExtension({ passThrough: [`http://127.0.0.1:${PORT}/`] });
    try {
      await waitForSeed(other);
      const saver = await other.context.newPage();
      await saver.goto(other.extensionUrl('library.html'));
      await saver.evaluate((paperId) => chrome.runtime.sendMessage({ lantern: 1, type: 'setSaved', data: { paperId, saved: true } }), FIRST);
      await saver.close();
      const page = await other.context.newPage();
      await page.goto(other.extensionUrl('library.html'));
      await page.locator(`tr[data-paper-id="${FIRST}"] [data-action=send-to-zotero]`).waitFor();
      // What a sender that cannot ask for the permission (the badge) gets: plain words, nothing sent.
      const reply = await page.evaluate((paperId) => chrome.runtime.sendMessage({ lantern: 1, type: 'sendToZotero', data: { paperIds: [paperId] } }), FIRST);
      expect(reply).toEqual({
        ok: true,
        value: {
          sent: [],
          notSent: [FIRST],
          ok: false,
          message:
            'Lantern needs your permission to reach Zotero on this computer. Use “Send to Zotero” once in the Lantern popup or reading list to give it, then try again. Nothing was sent.',
        },
      });
      expect(s.requests).toEqual([]);
      expect(await zoteroSent(page)).toEqual({});

      // The user refuses at the browser's prompt (headless browsers show none: the test answers it).
      await page.evaluate(() => {
        const asked: unknown[] = [];
        (window as unknown as { asked: unknown[] }).asked = asked;
        const refuse = async (permissions: unknown) => {
          asked.push(permissions);
          return false;
        };
        for (const api of [(globalThis as { chrome?: Browser }).chrome, (globalThis as { browser?: Browser }).browser]) {
          if (api?.permissions) Object.defineProperty(api.permissions, 'request', { value: refuse, configurable: true, writable: true });
        }
      });
      await page.locator(`tr[data-paper-id="${FIRST}"] [data-action=send-to-zotero]`).click();
      expect(await notice(page)).toBe('Lantern can’t reach Zotero without your permission to talk to it on this computer (127.0.0.1:23119). Nothing was sent.');
      expect(await page.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([{ origins: [ZOTERO_PERMISSION] }]);
      expect(await page.locator(`tr[data-paper-id="${FIRST}"] [data-in-zotero]`).count()).toBe(0);
      expect(s.requests).toEqual([]);
      expect(await zoteroSent(page)).toEqual({});
      await screenshot(page, 'library-zotero-refused', { colorScheme: 'light', fullPage: false });
      await screenshot(page, 'library-zotero-refused', { colorScheme: 'dark', fullPage: false });
    } finally {
      await other.close();
    }
  }, 60_000);
});
