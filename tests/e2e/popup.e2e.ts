import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { currentBrowser, fixturePage, launchExtension, screenshot, type ExtensionSession } from './harness';
import { waitForSaved } from './badge.page';
import { closedShadow } from './devtools';
import { DB_NAME, TABLES } from '../../lib/db/schemaNames';

declare const chrome: Browser;

/** The popup as a page: what a user types and what they read back. */
class PopupPage {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionSession, query = ''): Promise<PopupPage> {
    const page = await ext.openPopup();
    await page.setViewportSize({ width: 400, height: 560 });
    const popup = new PopupPage(page);
    await page.locator('[data-entry-count]').waitFor();
    if (query) await popup.search(query);
    return popup;
  }

  get input() {
    return this.page.locator('input[type=search]');
  }

  /** Types a query and waits until the results (or "No results") for it are shown. */
  async search(query: string): Promise<void> {
    await this.input.fill(query);
    await this.settle();
  }

  /** Waits until the results are those of the current query and filters. */
  async settle(): Promise<void> {
    await this.page.locator('[role=listbox][aria-busy=false]').waitFor({ state: 'attached' });
  }

  async resultIds(): Promise<string[]> {
    return this.page.locator('[role=listbox] [data-paper-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-paper-id') ?? ''));
  }

  async resultTitles(): Promise<string[]> {
    return this.page.locator('[role=listbox] [role=option] h3').allTextContents();
  }

  async status(): Promise<string> {
    return (await this.page.locator('[aria-live=polite]').textContent()) ?? '';
  }
}

const LISTED_ID = 'doi:10.1038/s41586-023-06291-2';
/** A listed paper known by its PMC article only (no DOI or arXiv id in the list): its id is its title key. */
const CHATDOCTOR_ID = 'title:chatdoctor a medical chat model fine tuned on a large language model meta ai llama using medical domain knowledge';

describe('popup', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('opens with the search box focused, categories with counts and the newest papers', async () => {
    const popup = await PopupPage.open(ext);
    await popup.settle();
    expect(await popup.page.evaluate(() => document.activeElement?.matches('input[type=search]'))).toBe(true);
    expect(await popup.page.locator('[data-entry-count]').getAttribute('data-entry-count')).toBe('114');
    const chips = popup.page.locator('.chip');
    expect(await chips.count()).toBeGreaterThan(3);
    expect(await popup.page.locator('.chip .chip-count').first().textContent()).toMatch(/^\d+$/);
    // The newest papers arrive with the search index, after the chips.
    await popup.page.locator('[role=listbox] [data-paper-id]').first().waitFor();
    expect((await popup.resultIds()).length).toBeGreaterThan(0);
    await screenshot(popup.page, 'popup-empty', { colorScheme: 'light' });
    await screenshot(popup.page, 'popup-empty', { colorScheme: 'dark' });
    await popup.page.close();
  });

  it.runIf(currentBrowser() === 'chromium')('says "Loading…" when its scripts are slow to start, and never once they have', async () => {
    // Scripts off: the popup as it is before its app runs, on a first install or a busy machine.
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(ext.extensionUrl('popup.html'));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Loading…' }).isVisible()).toBe(true);
    await page.close();
    const popup = await PopupPage.open(ext);
    await popup.settle();
    expect(await popup.page.locator('.popup-starting').count()).toBe(0);
    await popup.page.close();
  });

  it('ranks what a researcher means as they type', async () => {
    const popup = await PopupPage.open(ext);
    await popup.search('meditron');
    expect((await popup.resultTitles())[0]).toMatch(/^MEDITRON-70B/);
    await screenshot(popup.page, 'popup-results', { colorScheme: 'light' });
    await screenshot(popup.page, 'popup-results', { colorScheme: 'dark' });

    await popup.search('meditorn');
    expect((await popup.resultTitles())[0]).toMatch(/^MEDITRON-70B/);

    await popup.search('radi');
    const radiology = await popup.resultTitles();
    expect(radiology.length).toBeGreaterThanOrEqual(3);
    expect(radiology.slice(0, 3).every((t) => /radi/i.test(t))).toBe(true);
    expect(await popup.page.locator('[role=option] mark').first().textContent()).toMatch(/^radi$/i);

    await popup.search('gpt-4v');
    expect((await popup.resultTitles())[0]).toMatch(/GPT-4V/);

    await popup.search('singhal');
    const authors = await popup.page.locator('[role=option] .entry-authors').allTextContents();
    expect(authors.length).toBeGreaterThan(0);
    expect(authors[0]).toMatch(/Singhal/);
    expect(await popup.status()).toMatch(/^\d+ results?$/);
    await popup.page.close();
  });

  it('draws its text, and the settings page’s, at their own size and font, not Chromium’s 75 % for extension pages', async () => {
    const textStyle = () => {
      const style = getComputedStyle(document.querySelector('main, .popup, .options') ?? document.body);
      return { size: style.fontSize, family: style.fontFamily.split(',')[0] };
    };
    const popup = await ext.openPopup();
    expect(await popup.evaluate(textStyle)).toEqual({ size: '13px', family: 'system-ui' });
    await popup.close();
    const options = await ext.openPage('options.html');
    expect(await options.evaluate(textStyle)).toEqual({ size: '14px', family: 'system-ui' });
    await options.close();
  });

  it('says so when nothing matches', async () => {
    const popup = await PopupPage.open(ext, 'qwxzzv');
    expect(await popup.resultIds()).toEqual([]);
    expect(await popup.status()).toBe('No results');
    await screenshot(popup.page, 'popup-no-results', { colorScheme: 'light' });
    await popup.page.close();
  });

  it('scrolls to its footer where the browser gives it less height (200 % zoom: 300 of its 560 px)', async () => {
    const popup = await PopupPage.open(ext);
    await popup.page.setViewportSize({ width: 400, height: 300 });
    const footer = popup.page.locator('.popup-foot');
    // The wheel over the search box, outside the results' own scroller.
    const search = (await popup.input.boundingBox())!;
    await popup.page.mouse.move(search.x + 10, search.y + 5);
    await popup.page.mouse.wheel(0, 600);
    await expect.poll(async () => (await footer.boundingBox())!.y + (await footer.boundingBox())!.height).toBeLessThanOrEqual(300);
    await popup.page.close();
  });

  it('copies a citation only once a format is chosen: arrow keys on “Cite…” browse, Enter copies', async () => {
    const popup = await PopupPage.open(ext, 'generalist foundation models outcompete');
    const cite = popup.page.locator('[role=option] [data-action=copy-citation]').first();
    await cite.focus();
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.waitForTimeout(300);
    expect(await popup.page.locator('[data-carry-notice]').count()).toBe(0);
    expect(await cite.inputValue()).toBe('markdown');
    await popup.page.keyboard.press('Enter');
    await popup.page.locator('[data-carry-notice]', { hasText: 'Copied the Markdown link' }).waitFor();
    expect(await cite.inputValue()).toBe('');
    await popup.page.close();
  });

  it('moves with ↑/↓, announces the active option, and opens it with Enter', async () => {
    ext.routePages({ 'https://arxiv.org/abs/': { body: '<title>arXiv abstract</title>' } });
    const popup = await PopupPage.open(ext, 'radiology');
    const ids = await popup.resultIds();
    expect(ids.length).toBeGreaterThan(2);
    await popup.input.press('ArrowDown');
    await popup.input.press('ArrowDown');
    const selected = popup.page.locator('[role=option][aria-selected=true]');
    expect(await selected.count()).toBe(1);
    expect(await selected.getAttribute('data-paper-id')).toBe(ids[1]);
    expect(await popup.input.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
    // Send to Zotero and Copy citation show on the active row only (and under the pointer).
    const sendShown = (id: string) =>
      popup.page.locator(`[role=option][data-paper-id="${id}"] [data-action=send-to-zotero]`).evaluate((button) => getComputedStyle(button).opacity);
    await expect.poll(() => sendShown(ids[1]!)).toBe('1');
    await expect.poll(() => sendShown(ids[2]!)).toBe('0');
    await popup.page.locator(`[role=option][data-paper-id="${ids[2]!}"]`).hover();
    await expect.poll(() => sendShown(ids[2]!)).toBe('1');
    await popup.input.hover();
    await screenshot(popup.page, 'popup-keyboard', { colorScheme: 'dark' });
    await popup.input.press('ArrowUp');
    expect(await popup.page.locator('[role=option][aria-selected=true]').getAttribute('data-paper-id')).toBe(ids[0]);

    const expectedUrl = await popup.page
      .locator('[role=option][aria-selected=true] a.kind-paper')
      .first()
      .getAttribute('href');
    // The new tab's request is what shows where Enter went (the route may attach after it starts).
    ext.routePages({ [expectedUrl!]: { body: '<title>The paper</title>' } });
    const requested = ext.context.waitForEvent('request', (r) => r.url() === expectedUrl && r.isNavigationRequest());
    const opened = ext.context.waitForEvent('page');
    const popupClosed = popup.page.waitForEvent('close');
    // Like the toolbar popup, the page closes itself once the paper is open.
    await popup.input.press('Enter').catch((e: unknown) => {
      if (!popup.page.isClosed()) throw e;
    });
    const tab = await opened;
    expect((await requested).url()).toBe(expectedUrl);
    // Firefox under load can commit the new tab's page some seconds after its request (CI, stop 32).
    await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(expectedUrl);
    await popupClosed;
    await tab.close();
  });

  it('saves the active result with Ctrl+S, clears with Esc, and closes with a second Esc', async () => {
    const popup = await PopupPage.open(ext, 'radiology');
    await popup.input.press('ArrowDown');
    const active = popup.page.locator('[role=option][aria-selected=true]');
    const id = await active.getAttribute('data-paper-id');
    await popup.input.press('Control+s');
    await popup.page.locator(`[role=option][data-paper-id="${id}"] [aria-pressed=true]`).waitFor();
    await popup.input.press('Control+s');
    await popup.page.locator(`[role=option][data-paper-id="${id}"] [aria-pressed=false]`).waitFor();

    await popup.input.press('Escape');
    expect(await popup.input.inputValue()).toBe('');
    await popup.settle();
    expect(await popup.status()).toBe('Newest papers');
    const closed = popup.page.waitForEvent('close');
    await popup.input.press('Escape').catch((e: unknown) => {
      if (!popup.page.isClosed()) throw e;
    });
    await closed;
  });

  it('filters by category, year range and code, and sorts by date', async () => {
    const popup = await PopupPage.open(ext);
    await popup.page.locator('.filters-toggle').click();
    const category = 'Multimodal LLMs in Medicine';
    await popup.page.locator('select[name=category]').selectOption(category);
    await popup.page.locator('input[name=hasCode]').check();
    await popup.page.locator('select[name=yearFrom]').selectOption('2023');
    await popup.search('medical');
    const filtered = await popup.resultIds();
    expect(filtered.length).toBeGreaterThan(0);
    const cards = await popup.page.locator('[role=option]').evaluateAll((els) =>
      els.map((e) => ({
        categories: [...e.querySelectorAll('.entry-category')].map((c) => c.getAttribute('data-category') ?? ''),
        code: e.querySelector('a.kind-code') !== null,
        meta: e.querySelector('.entry-meta')?.textContent ?? '',
      })),
    );
    for (const card of cards) {
      expect(card.categories.some((c) => c === category || c.startsWith(`${category} › `))).toBe(true);
      expect(card.code).toBe(true);
      expect(Number(/(\d{4})$/.exec(card.meta)?.[1])).toBeGreaterThanOrEqual(2023);
    }
    await popup.page.locator('input[name=hasCode]').uncheck();
    await popup.settle();
    expect((await popup.resultIds()).length).toBeGreaterThanOrEqual(filtered.length);

    await popup.page.locator('select[name=sort]').selectOption('date');
    await popup.settle();
    const dates = await popup.page.locator('[role=option] .entry-meta').allTextContents();
    const keys = dates.map((d) => {
      const m = /(?:(\w{3}) )?(\d{4})$/.exec(d);
      const month = m?.[1] ? new Date(`${m[1]} 1, 2000`).getMonth() + 1 : 0;
      return Number(m?.[2] ?? 0) * 100 + month;
    });
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    await screenshot(popup.page, 'popup-filters', { colorScheme: 'light' });
    await popup.page.close();
  });

  it('goes straight to a pasted arXiv id or DOI, and says plainly when it is not in the list', async () => {
    const popup = await PopupPage.open(ext);
    await popup.input.focus();
    await popup.page.keyboard.insertText('https://arxiv.org/pdf/2311.16079v1');
    await popup.settle();
    expect(await popup.resultIds()).toEqual(['arxiv:2311.16079']);

    await popup.input.fill('');
    await popup.page.keyboard.insertText('https://doi.org/10.1038/s41586-023-06291-2');
    await popup.settle();
    const doiResults = await popup.resultIds();
    expect(doiResults).toHaveLength(1);
    expect(await popup.page.locator('[role=option] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toContain(
      'https://www.nature.com/articles/s41586-023-06291-2',
    );

    await popup.input.fill('');
    await popup.page.keyboard.insertText('arXiv:2101.00001');
    await popup.settle();
    expect(await popup.resultIds()).toEqual([]);
    expect(await popup.page.locator('[data-lookup=missing]').textContent()).toBe('No entry in the list has arXiv:2101.00001; it may be listed under another identifier.');
    expect(await popup.page.locator('a[data-lookup-link]').getAttribute('href')).toBe('https://arxiv.org/abs/2101.00001');
    await popup.page.close();
  });

  // The arXiv page of a paper the list cites in its Nature version: matched by title.
  it('shows "This tab" for a listed paper open in the tab the user was on, with its save toggle', async () => {
    ext.routePages({ 'https://arxiv.org/abs/2212.13138': fixturePage('arxiv-abs-2212.13138.html') });
    const paperTab = await ext.context.newPage();
    await paperTab.goto('https://arxiv.org/abs/2212.13138');
    await paperTab.locator('lantern-badge').waitFor({ state: 'attached' });
    const popup = await PopupPage.open(ext);
    const thisTab = popup.page.locator('[data-this-tab=listed]');
    await thisTab.waitFor();
    expect(await thisTab.getAttribute('data-paper-id')).toBe(LISTED_ID);
    expect(await thisTab.locator('h3').textContent()).toBe('Large language models encode clinical knowledge');
    await screenshot(popup.page, 'popup-this-tab', { colorScheme: 'light' });
    await screenshot(popup.page, 'popup-this-tab', { colorScheme: 'dark' });

    // Saved from the popup: shown in the results, and by the badge on the open page (no reload).
    const toggle = thisTab.locator('[aria-pressed]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await popup.page.waitForFunction(() => document.querySelector('[data-this-tab] [aria-pressed]')?.getAttribute('aria-pressed') === 'true');
    await popup.search('singhal');
    const resultToggle = popup.page.locator(`[role=option][data-paper-id="${LISTED_ID}"] [aria-pressed]`);
    expect(await resultToggle.getAttribute('aria-pressed')).toBe('true');
    await waitForSaved(paperTab, 'true');

    // Its reading status, set in the popup: the badge on the open page follows.
    await popup.search('');
    await thisTab.locator('[data-status-choice=reading]').click();
    await popup.page.waitForFunction(() => document.querySelector('[data-this-tab] .status-picker')?.getAttribute('data-reading-status') === 'reading');
    await closedShadow(paperTab).waitFor('lantern-badge', (root) => root.querySelector('.status-picker')?.getAttribute('data-reading-status') === 'reading');
    await popup.page.mouse.move(0, 0);
    await screenshot(popup.page, 'popup-this-tab-reading', { colorScheme: 'light' });
    await screenshot(popup.page, 'popup-this-tab-reading', { colorScheme: 'dark' });
    await popup.search('singhal');

    // Unsaved from the badge: the open popup follows.
    await closedShadow(paperTab).click('lantern-badge', '[aria-pressed]');
    await popup.page.waitForFunction(
      (id) => document.querySelector(`[role=option][data-paper-id="${id}"] [aria-pressed]`)?.getAttribute('aria-pressed') === 'false',
      LISTED_ID,
    );
    await popup.page.close();
    await paperTab.close();
  });

  it('offers "Save this paper" on a paper page that is not in the list, and saves it', async () => {
    ext.routePages({
      'https://arxiv.org/abs/2402.09999': {
        body: `<!doctype html><html><head><title>[2402.09999] Triage Agents for Rural Clinics</title>
          <meta name="citation_title" content="Triage Agents for Rural Clinics" />
          <meta name="citation_author" content="Okafor, Ada" />
          <meta name="citation_author" content="Lind, Per" />
          <meta name="citation_date" content="2024/02/15" />
          <meta name="citation_arxiv_id" content="2402.09999" />
          </head><body><h1 class="title">Triage Agents for Rural Clinics</h1></body></html>`,
      },
    });
    const paperTab = await ext.context.newPage();
    await paperTab.goto('https://arxiv.org/abs/2402.09999');
    const popup = await PopupPage.open(ext);
    const thisTab = popup.page.locator('[data-this-tab=unlisted]');
    await thisTab.waitFor();
    expect(await thisTab.locator('.entry-title').textContent()).toBe('Triage Agents for Rural Clinics');
    expect(await thisTab.textContent()).toContain('not in the list');
    expect(await thisTab.locator('.entry-authors').textContent()).toBe('Ada Okafor, Per Lind');
    await screenshot(popup.page, 'popup-this-tab-unlisted', { colorScheme: 'light' });
    await thisTab.getByRole('button', { name: 'Save this paper' }).click();
    await thisTab.locator('.lantern-save[aria-pressed=true]').waitFor();
    // A paper saved from its page has a reading status as a listed one does.
    await thisTab.locator('.status-picker[data-reading-status=to-read]').waitFor();
    // The reading list holds it, under its arXiv id.
    const saved = await popup.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('lantern');
        open.onsuccess = () => resolve(open.result);
      });
      return new Promise<string[]>((resolve) => {
        const request = db.transaction('saved').objectStore('saved').getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String));
      });
    });
    expect(saved).toContain('arxiv:2402.09999');
    await popup.page.close();
    await paperTab.close();
  });

  // The popup learns a PDF tab's paper from its URL (the background's tab record), not from the
  // page: the browsers' PDF viewers (Chromium's and Firefox's) run no content script.
  it.each([
    ['arXiv', 'https://arxiv.org/pdf/2311.16079', 'arxiv:2311.16079'],
    ['medRxiv', 'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3.full.pdf', 'doi:10.1101/2023.10.26.23297629'],
    ['PMC', 'https://pmc.ncbi.nlm.nih.gov/articles/PMC10364849/pdf/cureus-0015-00000040895.pdf', CHATDOCTOR_ID],
  ])('shows "This tab" on the PDF tab of a listed %s paper', async (_site, url, paperId) => {
    const pdf = [
      '%PDF-1.4',
      '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
      '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj',
      '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj',
      'trailer <</Root 1 0 R>>',
      '%%EOF',
    ].join('\n');
    ext.routePages({ [url]: { body: pdf, contentType: 'application/pdf' } });
    const pdfTab = await ext.context.newPage();
    await pdfTab.goto(url).catch(() => undefined);
    const popup = await PopupPage.open(ext);
    const thisTab = popup.page.locator('[data-this-tab=listed]');
    await thisTab.waitFor();
    expect(await thisTab.getAttribute('data-paper-id')).toBe(paperId);
    await popup.page.close();
    await pdfTab.close();
  });
});

describe('popup, when the bundled list could not be stored', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('says why in plain words, where it would say "Loading the list…", and shows no count', async () => {
    // Seeded first (the popup shows its count); then the database is left as a seeding refused
    // by a full storage leaves it, without a list row, and the background's record is written.
    await (await PopupPage.open(ext)).page.close();
    const sentence = 'Your browser’s storage for Lantern is full, so the list of papers could not be stored. <b>Free some space</b>';
    await ext.serviceWorker.evaluate(
      async ([name, lists, failure]) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise((resolve, reject) => {
          const tx = db.transaction(lists, 'readwrite');
          tx.objectStore(lists).clear();
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
        await chrome.storage.local.set({ 'seed.failure': failure });
      },
      [DB_NAME, TABLES.lists, sentence] as const,
    );
    const page = await ext.openPopup();
    await page.setViewportSize({ width: 400, height: 560 });
    const notice = page.locator('[data-seed-failure]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(sentence);
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await page.locator('[aria-live=polite]').textContent()).toBe('');
    expect(await page.locator('[data-entry-count]').count()).toBe(0);
    await screenshot(page, 'popup-seed-failure', { colorScheme: 'light' });
    await screenshot(page, 'popup-seed-failure', { colorScheme: 'dark' });
    await page.close();
  });
});
