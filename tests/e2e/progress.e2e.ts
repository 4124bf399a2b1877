/**
 * Progress through the list, end to end in Chromium: papers saved and marked reading / read show
 * on the popup's category chips and in the library's progress view (one element per category,
 * figures as attributes, the list's own order), with "Next unread" pointing at the first paper of
 * a category not yet read; a saved paper that is not in the list is counted apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { waitForSeed } from './badge.page';
import type { CatalogSnapshot, ReadingStatus } from '../../lib/types';
import { openLibrary } from './library.page';

declare const chrome: Browser;

const snapshot = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../assets/catalog.json'), 'utf8')) as CatalogSnapshot;
const CATEGORY = 'Evaluating General-Purpose LLMs in Medicine via Prompting';
const inCategory = snapshot.entries.filter((e) => e.categories.includes(CATEGORY));
/** In list order: the first two read, the third being read, the fourth only saved. */
const MARKS: [string, ReadingStatus][] = [
  [inCategory[0]!.id, 'read'],
  [inCategory[1]!.id, 'read'],
  [inCategory[2]!.id, 'reading'],
  [inCategory[3]!.id, 'to-read'],
];

let ext: ExtensionSession;
let library: Page;

async function setStatus(page: Page, id: string, status: ReadingStatus): Promise<void> {
  await page.locator(`tr[data-paper-id="${id}"] select[name=status]`).selectOption(status);
  await page.locator(`tr[data-paper-id="${id}"] select[name=status][data-status="${status}"]`).waitFor();
}

beforeAll(async () => {
  ext = await launchExtension();
  await waitForSeed(ext);
  library = await openLibrary(ext);
  for (const [id] of MARKS) {
    const reply = await library.evaluate((paperId) => chrome.runtime.sendMessage({ lantern: 1, type: 'setSaved', data: { paperId, saved: true } }), id);
    expect(reply).toEqual({ ok: true, value: { saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' } });
  }
  // A paper saved from a page that no list holds.
  const unlisted = await library.evaluate(() =>
    chrome.runtime.sendMessage({
      lantern: 1,
      type: 'setSaved',
      data: { paperId: 'arxiv:2401.00001', saved: true, page: { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001', title: 'A paper no list holds' } },
    }),
  );
  expect(unlisted).toEqual({ ok: true, value: { saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' } });
  await library.locator(`[data-saved-count="${MARKS.length + 1}"]`).waitFor();
  for (const [id, status] of MARKS) if (status !== 'to-read') await setStatus(library, id, status);
}, 60_000);

afterAll(async () => {
  await ext?.close();
});

describe('progress through the list', () => {
  it('shows each category of the list once, in list order, with its figures as attributes', async () => {
    await library.locator('details[data-view=progress] > summary').click();
    const rows = library.locator('.progress-list[data-list-id=seed] [data-category][data-read][data-total]');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => ({
        category: el.getAttribute('data-category'),
        read: Number(el.getAttribute('data-read')),
        reading: Number(el.getAttribute('data-reading')),
        saved: Number(el.getAttribute('data-saved')),
        total: Number(el.getAttribute('data-total')),
      })),
    );
    const order: string[] = [];
    for (const e of snapshot.entries) for (const c of e.categories) if (!order.includes(c)) order.push(c);
    expect(shown.map((s) => s.category)).toEqual(order);
    for (const s of shown) expect(s.total).toBe(snapshot.entries.filter((e) => e.categories.includes(s.category!)).length);
    expect(shown.find((s) => s.category === CATEGORY)).toEqual({ category: CATEGORY, read: 2, reading: 1, saved: 4, total: inCategory.length });
    // Nested categories indent their names, not their bars: the bars make one column.
    const bars = await rows.evaluateAll((els) => els.map((el) => Math.round(el.querySelector('.progress-bar')!.getBoundingClientRect().left)));
    expect(new Set(bars).size).toBe(1);
  });

  it('puts "Next unread" one click away: the first paper of the category in list order not yet read', async () => {
    const next = library.locator(`[data-category="${CATEGORY}"] [data-action=next-unread]`);
    expect(await next.getAttribute('data-paper-id')).toBe(inCategory[2]!.id);
    const url = inCategory[2]!.links.find((l) => l.kind === 'paper')?.url ?? inCategory[2]!.links[0]!.url;
    ext.routePages({ [url]: { body: '<title>The next paper</title>' } });
    const opened = ext.context.waitForEvent('page');
    await next.click();
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(url);
    await tab.close();
  });

  it('shows saved papers that are not in the list apart, not counted in any category', async () => {
    const left = library.locator('.progress-left');
    expect(await left.getAttribute('data-left-count')).toBe('1');
    expect(await left.textContent()).toContain('A paper no list holds');
    await screenshot(library, 'library-progress', { colorScheme: 'light' });
    await screenshot(library, 'library-progress', { colorScheme: 'dark' });
  });

  it('shows progress on the popup’s category chips', async () => {
    const popup = await ext.openPopup();
    // The figures arrive with the reading list, after the chips themselves.
    const chip = popup.locator(`.chip[data-category="${CATEGORY}"][data-total]`);
    await chip.waitFor();
    expect(await chip.getAttribute('data-read')).toBe('2');
    expect(await chip.getAttribute('data-reading')).toBe('1');
    expect(await chip.getAttribute('data-saved')).toBe('4');
    expect(await chip.getAttribute('data-total')).toBe(String(inCategory.length));
    expect(await chip.locator('.chip-count').textContent()).toBe(`2 of ${inCategory.length} read`);
    await screenshot(popup, 'popup-progress', { colorScheme: 'light' });
    await screenshot(popup, 'popup-progress', { colorScheme: 'dark' });
    await popup.close();
  });
});
