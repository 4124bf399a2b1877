/**
 * The reading list end to end, in Chromium with pages served offline: a paper saved from the
 * badge shows as saved in the popup and in the library page; status and note edited there
 * persist across reloads; BibTeX and JSON exports hold them; importing a JSON backup twice adds
 * nothing the second time; removal can be undone. Screenshots of the page, light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { fixturePage, launchExtension, screenshot, type ExtensionSession } from './harness';
import { waitForBadge, waitForSaved, waitForSeed } from './badge.page';
import { closedShadow } from './devtools';
import type { SavedItem } from '../../lib/types';
import { openLibrary } from './library.page';

const PAPER_URL = 'https://arxiv.org/abs/2311.16452';
const PAPER_ID = 'arxiv:2311.16452';
const PAPER_TITLE = 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine';
/** Chromium's MV3 `chrome` (promise-based), inside functions evaluated in the service worker. */
declare const chrome: Browser;

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');
const NOTE = 'Medprompt: few-shot + CoT + ensembling — compare with Med-PaLM 2 {p. 4}';
/** What an import that changed the reading list adds to its message (tests/e2e/backups.e2e.ts restores one). */
const BACKUP_KEPT = 'Your reading list from before this import is kept as an automatic backup: Lantern settings › Data can restore it.';

/** The library page as a user sees it. */
class LibraryPage {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionSession): Promise<LibraryPage> {
    return new LibraryPage(await openLibrary(ext, 800));
  }

  row(id: string) {
    return this.page.locator(`tr[data-paper-id="${id}"]`);
  }

  async rowIds(): Promise<string[]> {
    return this.page.locator('tbody tr[data-paper-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-id') ?? ''));
  }

  async savedCount(): Promise<number> {
    return Number(await this.page.locator('[data-saved-count]').getAttribute('data-saved-count'));
  }

  /** Waits until the page shows this many saved papers. */
  async waitForCount(count: number): Promise<void> {
    await this.page.locator(`[data-saved-count="${count}"]`).waitFor();
  }

  /** The stored item, read from IndexedDB directly (what a reload will show). */
  async stored(id: string): Promise<SavedItem | undefined> {
    return this.page.evaluate(
      (key) =>
        new Promise<SavedItem | undefined>((resolve, reject) => {
          const open = indexedDB.open('lantern');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('saved').objectStore('saved').get(key);
            get.onsuccess = () => {
              resolve(get.result as SavedItem | undefined);
              open.result.close();
            };
            get.onerror = () => reject(get.error);
          };
        }),
      id,
    );
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async export(format: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator(`[data-export="${format}"]`).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  /** Imports a file through the page's file input and returns the message the page shows. */
  async import(file: string): Promise<string> {
    const notice = this.page.locator('[data-notice]');
    // An earlier message would pass for this import's: dismiss it first.
    if ((await notice.count()) > 0) await this.page.getByRole('button', { name: 'Dismiss message' }).click();
    await notice.waitFor({ state: 'detached' });
    await this.page.locator('input[name=import]').setInputFiles(file);
    await this.page.waitForFunction(() => document.querySelector('[data-notice]') !== null && !document.querySelector('[aria-busy=true]'));
    return ((await notice.locator('p').first().textContent()) ?? '').trim();
  }
}

describe('reading list', () => {
  let ext: ExtensionSession;
  let tmp: string;
  beforeAll(async () => {
    ext = await launchExtension();
    tmp = await mkdtemp(join(tmpdir(), 'lantern-library-e2e-'));
    ext.routePages({ [PAPER_URL]: fixturePage('arxiv-abs-2311.16452.html') });
    await waitForSeed(ext);
  });
  afterAll(async () => {
    await ext?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('explains how to save papers while the list is empty', async () => {
    const library = await LibraryPage.open(ext);
    await library.page.getByRole('heading', { name: 'Your reading list is empty' }).waitFor();
    const empty = library.page.locator('.empty');
    expect(await empty.textContent()).toContain('Save to Lantern');
    // The save command's shortcut, as the browser reports it.
    await empty.getByText('Alt+Shift+S').waitFor();
    await screenshot(library.page, 'library-empty', { colorScheme: 'light' });
    await library.page.close();
  });

  it('shows a paper saved from the badge in the popup and the library, and keeps status and note edits', async () => {
    const article = await ext.context.newPage();
    await article.goto(PAPER_URL);
    await waitForBadge(article, PAPER_ID);
    await closedShadow(article).click('lantern-badge', '.lantern-save');
    await waitForSaved(article, 'true');
    await article.close();

    // The popup marks it saved wherever it appears.
    const popup = await ext.openPopup();
    await popup.locator('[data-entry-count]').waitFor();
    await popup.locator('input[type=search]').fill('generalist foundation models outcompete');
    await popup.locator(`[role=option][data-paper-id="${PAPER_ID}"] [aria-pressed="true"]`).waitFor();
    await popup.close();

    const library = await LibraryPage.open(ext);
    expect(await library.rowIds()).toEqual([PAPER_ID]);
    const row = library.row(PAPER_ID);
    expect(await row.locator('.paper-title').textContent()).toBe(PAPER_TITLE);
    expect(await row.locator('select[name=status]').inputValue()).toBe('to-read');

    await row.locator('select[name=status]').selectOption('reading');
    await row.locator('textarea[name=note]').fill(NOTE);
    await row.locator('textarea[name=note]').press('Tab');
    await row.locator('input[name=tag]').fill('prompting');
    await row.locator('input[name=tag]').press('Enter');
    await row.getByRole('button', { name: /^Star/ }).click();
    await expect.poll(async () => (await library.stored(PAPER_ID))?.note).toBe(NOTE);
    await expect.poll(async () => (await library.stored(PAPER_ID))?.starred).toBe(true);

    await library.page.reload();
    await library.page.locator('[data-saved-count="1"]').waitFor();
    expect(await row.locator('select[name=status]').inputValue()).toBe('reading');
    expect(await row.locator('textarea[name=note]').inputValue()).toBe(NOTE);
    expect(await row.locator('.tag-text').allTextContents()).toEqual(['prompting']);
    expect(await row.getByRole('button', { name: /^Star/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await row.locator('.status-since').textContent()).toMatch(/^since \w{3} \d{1,2}, \d{4}$/);
    const stored = await library.stored(PAPER_ID);
    expect(stored?.status).toBe('reading');
    expect(stored!.statusChangedAt).toBeGreaterThanOrEqual(stored!.addedAt);
    await library.page.close();
  });

  it('keeps a note typed just before the tab is closed or reloaded, in the pause before it would be saved', async () => {
    for (const leave of ['close', 'reload'] as const) {
      const typed = `${NOTE} (then ${leave === 'close' ? 'closed' : 'reloaded'} at once)`;
      const library = await LibraryPage.open(ext);
      const note = library.row(PAPER_ID).locator('textarea[name=note]');
      await note.fill(typed);
      // Well inside NOTE_SAVE_DELAY_MS (800 ms), the field still focused.
      if (leave === 'close') await library.page.close();
      else await library.page.reload();
      const after = leave === 'close' ? await LibraryPage.open(ext) : library;
      await after.page.locator('[data-saved-count="1"]').waitFor();
      await expect.poll(() => after.row(PAPER_ID).locator('textarea[name=note]').inputValue()).toBe(typed);
      expect((await after.stored(PAPER_ID))?.note).toBe(typed);
      await after.row(PAPER_ID).locator('textarea[name=note]').fill(NOTE);
      await after.row(PAPER_ID).locator('textarea[name=note]').press('Tab');
      await expect.poll(async () => (await after.stored(PAPER_ID))?.note).toBe(NOTE);
      await after.page.close();
    }
  });

  it('exports BibTeX, CSL-JSON and a JSON backup holding the edits', async () => {
    const library = await LibraryPage.open(ext);
    const bib = await library.export('bibtex');
    expect(bib.name).toMatch(/^lantern-reading-list-\d{4}-\d{2}-\d{2}\.bib$/);
    expect(bib.text).toMatch(/@misc\{nori2023\w*,/);
    expect(bib.text).toMatch(/eprint\s*=\s*\{2311\.16452\}/);
    expect(bib.text).toMatch(/archivePrefix\s*=\s*\{arXiv\}/);
    expect(bib.text).toMatch(/keywords\s*=\s*\{prompting\}/);

    const csl = await library.export('csljson');
    expect(csl.name).toMatch(/^lantern-reading-list-\d{4}-\d{2}-\d{2}\.csl\.json$/);
    const [cited] = JSON.parse(csl.text) as { id: string; type: string; number: string; keyword: string; note: string }[];
    expect(cited).toMatchObject({ id: /@misc\{(nori2023\w*),/.exec(bib.text)![1], type: 'article', number: 'arXiv:2311.16452', keyword: 'prompting', note: NOTE });

    const json = await library.export('json');
    expect(json.name).toMatch(/\.json$/);
    const backup = JSON.parse(json.text) as { format: string; version: number; items: SavedItem[] };
    expect(backup.format).toBe('lantern-backup');
    expect(backup.items.map((i) => [i.id, i.status, i.note, i.tags, i.starred])).toEqual([[PAPER_ID, 'reading', NOTE, ['prompting'], true]]);
    await writeFile(join(tmp, 'exported.json'), json.text);
    await library.page.close();
  });

  it('imports a JSON backup once: the second import changes nothing; a paper in no list is kept and marked', async () => {
    const exported = JSON.parse(await readFile(join(tmp, 'exported.json'), 'utf8')) as { items: SavedItem[] };
    const [saved] = exported.items;
    const unlisted: SavedItem = {
      ...saved!,
      id: 'doi:10.5555/lantern-e2e-unlisted',
      paper: {
        ...saved!.paper,
        id: 'doi:10.5555/lantern-e2e-unlisted',
        title: 'A Paper That Left the List',
        titleKey: 'a paper that left the list',
        ids: { doi: '10.5555/lantern-e2e-unlisted', repos: [] },
        categories: [],
        links: [{ kind: 'paper', url: 'https://doi.org/10.5555/lantern-e2e-unlisted', label: 'paper' }],
        url: 'https://doi.org/10.5555/lantern-e2e-unlisted',
      },
      status: 'to-read',
      note: '',
      tags: ['archive'],
      starred: false,
    };
    const file = join(tmp, 'backup.json');
    await writeFile(file, JSON.stringify({ ...exported, items: [saved, unlisted] }));

    const library = await LibraryPage.open(ext);
    expect(await library.import(file)).toBe(`Imported 1 paper, 1 paper already there. ${BACKUP_KEPT}`);
    await library.waitForCount(2);
    expect(await library.import(file)).toBe('Nothing new: 2 papers already there.');
    await library.waitForCount(2);
    expect((await library.rowIds()).sort()).toEqual([PAPER_ID, unlisted.id].sort());
    await library.row(unlisted.id).locator('[data-not-listed]').waitFor();
    expect(await library.row(PAPER_ID).locator('[data-not-listed]').count()).toBe(0);
    expect((await library.stored(PAPER_ID))?.note).toBe(NOTE);

    // A broken file changes nothing and says what is wrong.
    const broken = join(tmp, 'broken.json');
    await writeFile(broken, '{"format": "lantern-backup", "version": 1, "items": [');
    const message = await library.import(broken);
    expect(message).toMatch(/^Nothing was imported from “broken\.json”: /);
    expect(message).toMatch(/looks truncated/);
    // Chromium and Firefox word a syntax error differently; Lantern says it the same way in both.
    const invalid = join(tmp, 'invalid.json');
    await writeFile(invalid, '{\n "format": "lantern-backup",\n "version": 1,,\n}');
    expect(await library.import(invalid)).toMatch(/^Nothing was imported from “invalid\.json”: Line 3, column 15: the file is not valid JSON \(Expected double-quoted property name\)\./);
    expect(await library.savedCount()).toBe(2);
    await library.page.close();
  });

  it('screenshots the list, light and dark', async () => {
    const library = await LibraryPage.open(ext);
    await library.waitForCount(2);
    await screenshot(library.page, 'library', { colorScheme: 'light', fullPage: false });
    await screenshot(library.page, 'library', { colorScheme: 'dark', fullPage: false });
    await library.page.locator('input[name=select-all]').check();
    await screenshot(library.page, 'library-selected', { colorScheme: 'light', fullPage: false });
    await library.page.close();
  });

  it('stacks each paper’s row in a narrow window: the title keeps the width, status and note go beneath', async () => {
    const library = await LibraryPage.open(ext);
    await library.waitForCount(2);
    await library.page.setViewportSize({ width: 560, height: 800 });
    const row = library.row(PAPER_ID);
    const box = async (selector: string) => (await row.locator(selector).boundingBox())!;
    const title = await box('.col-paper');
    const status = await box('.col-status select');
    const note = await box('.col-note');
    expect(title.width).toBeGreaterThan(400);
    expect(status.y).toBeGreaterThan(title.y + title.height - 1);
    expect(note.y).toBeGreaterThan(status.y);
    await screenshot(library.page, 'library-narrow', { colorScheme: 'light', fullPage: false });
    await library.page.close();
  });

  it('follows the appearance chosen in the options over the system’s', async () => {
    const library = await LibraryPage.open(ext);
    await library.page.emulateMedia({ colorScheme: 'light' });
    const background = () => library.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await ext.serviceWorker.evaluate(() => chrome.storage.local.set({ appearance: 'dark' }));
    await expect.poll(background).not.toBe(light);
    await ext.serviceWorker.evaluate(() => chrome.storage.local.set({ appearance: 'auto' }));
    await expect.poll(background).toBe(light);
    await library.page.close();
  });

  it('removes the selection with undo', async () => {
    const library = await LibraryPage.open(ext);
    await library.waitForCount(2);
    await library.page.locator('input[name=select-all]').check();
    await library.page.locator('.bulk-bar').getByRole('button', { name: 'Remove 2' }).click();
    // Both have a note or tags by now: asked once for both, and nothing is removed before the answer.
    const confirm = library.page.locator('[data-confirm-remove]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('These 2 papers have your notes or tags');
    expect(await library.savedCount()).toBe(2);
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await library.page.locator('[data-undo]').waitFor();
    expect(await library.page.locator('[data-undo]').textContent()).toContain('Removed 2 papers');
    await library.waitForCount(0);
    await screenshot(library.page, 'library-removed', { colorScheme: 'dark', fullPage: false });
    // The removing button went away with the rows: the focus is on Undo, so Enter undoes.
    await library.page.keyboard.press('Enter');
    await library.waitForCount(2);
    expect((await library.stored(PAPER_ID))?.note).toBe(NOTE);
    expect((await library.rowIds()).length).toBe(2);
    await library.page.close();
  });

  it('keeps a removed paper under Recently removed, and Restore brings it back with its note, status and times', async () => {
    const library = await LibraryPage.open(ext);
    await library.waitForCount(2);
    const before = await library.stored(PAPER_ID);
    expect(before?.note).toBe(NOTE);
    await library.row(PAPER_ID).locator('button.remove-one').click();
    const confirm = library.page.locator('[data-confirm-remove]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('This paper has your notes or tags');
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await library.waitForCount(1);
    // Another page, later: the toast is gone, the paper is under Recently removed.
    await library.page.close();
    const later = await LibraryPage.open(ext);
    await later.waitForCount(1);
    const removed = later.page.locator(`[data-recently-removed] li[data-paper-id="${PAPER_ID}"]`);
    await removed.waitFor();
    expect(await removed.textContent()).toContain(PAPER_TITLE);
    await later.page.locator('[data-recently-removed]').scrollIntoViewIfNeeded();
    await screenshot(later.page, 'library-recently-removed', { colorScheme: 'light', fullPage: false });
    await screenshot(later.page, 'library-recently-removed', { colorScheme: 'dark', fullPage: false });
    await removed.getByRole('button', { name: `Restore ${PAPER_TITLE}` }).click();
    await later.waitForCount(2);
    expect(await later.stored(PAPER_ID)).toEqual(before);
    await later.page.locator('[data-recently-removed]').waitFor({ state: 'detached' });
    await later.page.close();
  });

  it('imports BibTeX exported by Zotero (the parser loads on demand), merging what is already saved', async () => {
    const library = await LibraryPage.open(ext);
    await library.waitForCount(2);
    const message = await library.import(join(FIXTURES, 'zotero.bib'));
    // Five entries; one is the Nori et al. paper saved above (matched by its arXiv DOI): it gains
    // Zotero's keywords as tags and keeps its note.
    expect(message).toBe(`Imported 4 papers, updated 1 paper already saved. ${BACKUP_KEPT}`);
    await library.waitForCount(6);
    const merged = await library.stored(PAPER_ID);
    expect(merged?.note).toBe(NOTE);
    expect(merged?.tags).toContain('prompting');
    expect(merged?.tags.length).toBeGreaterThan(1);
    expect(await library.import(join(FIXTURES, 'zotero.bib'))).toBe('Nothing new: 5 papers already there.');
    expect(await library.savedCount()).toBe(6);
    await library.page.close();
  });

  it('imports a Scholar BibTeX entry of a listed paper as that paper, which its page then shows saved', async () => {
    const library = await LibraryPage.open(ext);
    const before = await library.savedCount();
    expect(await library.import(join(FIXTURES, 'scholar-listed.bib'))).toMatch(
      /^Imported 2 papers, 1 merged with the same paper in your lists or reading list\./,
    );
    expect(await library.savedCount()).toBe(before + 2);
    const url = 'https://www.nature.com/articles/s41591-023-02448-8';
    ext.routePages({ [url]: { body: '<!DOCTYPE html><html><head><title>Large language models in medicine | Nature Medicine</title><meta name="citation_doi" content="10.1038/s41591-023-02448-8"><meta name="citation_title" content="Large language models in medicine"></head><body><h1>Large language models in medicine</h1></body></html>' } });
    const page = await ext.context.newPage();
    await page.goto(url);
    expect(await waitForBadge(page, 'doi:10.1038/s41591-023-02448-8')).toMatchObject({ saved: 'true' });
    await page.close();
    expect(await library.stored('doi:10.1038/s41591-023-02448-8')).toBeDefined();
    await library.page.close();
  });
});
