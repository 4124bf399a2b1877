/**
 * Unsaving never destroys, end to end in Chromium: a paper with a note and tags unsaved from the
 * page's badge or a popup result asks first (inside the badge's closed root; in the row), then
 * offers Undo there, and Undo brings back the note, tags, status and times exactly. The badge is read and clicked from the
 * test side (DevTools protocol, real mouse clicks), as a user would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { sendFromExtensionPage, waitForAnswer, waitForBadge, waitForSaved, waitForSeed } from './badge.page';
import { closedShadow } from './devtools';
import { readFixture } from '../fixtures/pages/pages';
import type { RemovedItem, SavedItem } from '../../lib/types';

const LISTED_URL = 'https://arxiv.org/abs/2311.16452';
const LISTED_ID = 'arxiv:2311.16452';

/** Reads (and with `patch`, first updates) one row of a table in the extension's IndexedDB, from an extension page. */
async function stored<T>(ext: ExtensionSession, table: 'saved' | 'removed', id: string, patch?: Partial<SavedItem>): Promise<T | undefined> {
  const page = await ext.openPopup();
  try {
    return await page.evaluate(
      ([name, key, change]) =>
        new Promise<T | undefined>((resolve, reject) => {
          const open = indexedDB.open('lantern');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction(name, 'readwrite').objectStore(name);
            const get = store.get(key);
            get.onerror = () => reject(get.error);
            get.onsuccess = () => {
              const row = get.result as T | undefined;
              const next = row && change ? { ...row, ...change } : row;
              if (next !== row) store.put(next);
              store.transaction.oncomplete = () => {
                open.result.close();
                resolve(next);
              };
            };
          };
        }),
      [table, id, patch] as const,
    );
  } finally {
    await page.close();
  }
}

describe('unsave from the badge and the popup', () => {
  let ext: ExtensionSession;
  let page: Page;

  beforeAll(async () => {
    ext = await launchExtension();
    ext.routePages({ [LISTED_URL]: { body: readFixture('arxiv-abs-2311.16452.html') } });
    await waitForSeed(ext);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('asks once for a paper with a note and tags, then Undo in the badge restores it exactly', async () => {
    expect(await sendFromExtensionPage(ext, 'setSaved', { paperId: LISTED_ID, saved: true })).toMatchObject({ ok: true });
    const before = await stored<SavedItem>(ext, 'saved', LISTED_ID, { note: 'Compare with Med-PaLM 2', tags: ['prompting'], status: 'reading', statusChangedAt: 1_700_000_000_000 });
    expect(before?.note).toBe('Compare with Med-PaLM 2');

    page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(LISTED_URL);
    await waitForAnswer(ext, page);
    await waitForBadge(page, LISTED_ID);
    await waitForSaved(page, 'true');
    const shadow = closedShadow(page);

    // Asked first, inside the badge; "Keep" keeps it.
    await shadow.click('lantern-badge', '.lantern-save');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-confirm-remove]') !== null);
    await shadow.click('lantern-badge', '[data-confirm-remove] button:last-of-type');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-confirm-remove]') === null);
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toEqual(before);

    // Asked again on the next try, once; "Remove" removes it.
    await shadow.click('lantern-badge', '.lantern-save');
    const question = await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-confirm-remove] .drawn-words')?.getAttribute('data-words'));
    expect(question).toContain('Your note and tags go with it');
    for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'badge-confirm-remove', { colorScheme: scheme, fullPage: false });
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toEqual(before);
    await shadow.click('lantern-badge', '[data-confirm-remove] button:first-of-type');
    await waitForSaved(page, 'false');
    const removedNote = await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-removed] .drawn-words')?.getAttribute('data-words'));
    expect(removedNote).toContain('Removed from your reading list.');
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toBeUndefined();
    expect((await stored<RemovedItem>(ext, 'removed', LISTED_ID))?.item).toEqual(before);
    // The page's own script sees none of it: only the host and its paper id.
    expect(await page.evaluate(() => document.querySelector('lantern-badge')?.shadowRoot ?? null)).toBeNull();
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'badge-removed-undo', { colorScheme: scheme, fullPage: false });

    await shadow.click('lantern-badge', '[data-removed] button');
    await waitForSaved(page, 'true');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-removed]') === null);
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toEqual(before);
    expect(await stored<RemovedItem>(ext, 'removed', LISTED_ID)).toBeUndefined();
  });

  it('offers Undo on the page of a paper removed elsewhere, and removes a paper without a note or tags at once', async () => {
    await stored<SavedItem>(ext, 'saved', LISTED_ID, { note: '', tags: [] });
    expect(await sendFromExtensionPage(ext, 'setSaved', { paperId: LISTED_ID, saved: false })).toMatchObject({ ok: true });
    await page.reload();
    await waitForBadge(page, LISTED_ID);
    const shadow = closedShadow(page);
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-removed]') !== null);
    await shadow.click('lantern-badge', '[data-removed] button');
    await waitForSaved(page, 'true');
    await shadow.click('lantern-badge', '.lantern-save');
    await waitForSaved(page, 'false');
    expect(await shadow.evaluate('lantern-badge', (root) => root.querySelector('[data-confirm-remove]') === null)).toBe(true);
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('[data-removed]') !== null);
    await page.close();
  });

  it('asks once in a popup result row for a paper with a note, then Undo in that row restores it exactly', async () => {
    expect(await sendFromExtensionPage(ext, 'setSaved', { paperId: LISTED_ID, saved: true })).toMatchObject({ ok: true });
    const before = await stored<SavedItem>(ext, 'saved', LISTED_ID, { note: 'Popup note', tags: ['popup'] });
    const popup = await ext.openPopup();
    await popup.locator('input[type=search]').fill('Generalist Foundation Models Outcompete');
    const row = popup.locator(`[role=listbox] [data-paper-id="${LISTED_ID}"]`);
    await row.locator('.lantern-save[aria-pressed=true]').click();
    const question = row.locator('[data-confirm-remove]');
    await question.waitFor();
    expect(await question.locator('.drawn-words').first().getAttribute('data-words')).toContain('Your note and tags go with it');
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toEqual(before);
    await question.getByRole('button', { name: 'Remove', exact: true }).click();
    const removed = row.locator('[data-removed]');
    await removed.waitFor();
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toBeUndefined();
    for (const scheme of ['light', 'dark'] as const) await screenshot(popup, 'popup-removed-undo', { colorScheme: scheme, fullPage: false });
    await removed.getByRole('button', { name: /^Undo/ }).click();
    await row.locator('.lantern-save[aria-pressed=true]').waitFor();
    expect(await stored<SavedItem>(ext, 'saved', LISTED_ID)).toEqual(before);
    await popup.close();
  });
});
