/**
 * Refreshing and following lists end to end, in Chromium with the lists served offline: a
 * refresh that adds, changes and removes entries (search and badge follow, saved papers
 * survive), failing refreshes that keep the list and say why, and a second list in another
 * awesome-list shape found by search and badge with both lists named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { sendFromExtensionPage, waitForAnswer, waitForBadge, waitForSeed } from './badge.page';
import { openTab, waitForMark } from './marks.page';
import bundled from '../../assets/catalog.json';
import { SEED_SOURCE_URL } from '../../lib/catalog/snapshot';
import type { CatalogEntry, CatalogSnapshot } from '../../lib/types';
import { writeListMarkdown } from '../fixtures/lists/writeList';
import { withAuthorList } from '../fixtures/authors';

const catalog = bundled as unknown as CatalogSnapshot;
const arxivEntries = catalog.entries.filter((e) => e.ids.arxiv);

function newEntry(arxiv: string, title: string, category: string): CatalogEntry {
  return withAuthorList({
    id: `arxiv:${arxiv}`,
    title,
    authors: 'Ada Fixture et al.',
    venue: 'arXiv',
    year: 2025,
    month: 1,
    categories: [category],
    links: [{ kind: 'paper', url: `https://arxiv.org/abs/${arxiv}`, label: 'paper' }],
    ids: { arxiv, repos: [] },
    titleKey: title.toLowerCase(),
    line: 0,
  });
}

// The new version of the seed list: three entries gone (one of them saved), one retitled, two new.
const [removedSaved, removedA, removedB] = arxivEntries.slice(0, 3) as [CatalogEntry, CatalogEntry, CatalogEntry];
const retitled = arxivEntries[5]!;
const RETITLED = `${retitled.title} (revised edition)`;
const added = [
  newEntry('2501.01234', 'Lanternfish: Refreshing Clinical Language Models Daily', retitled.categories[0]!),
  newEntry('2501.05678', 'Quillwort: A Benchmark for Triage Notes', retitled.categories[0]!),
];
const removedIds = new Set([removedSaved.id, removedA.id, removedB.id]);
const seedV2 = writeListMarkdown(catalog.name, [
  ...catalog.entries.filter((e) => !removedIds.has(e.id)).map((e) => (e.id === retitled.id ? { ...e, title: RETITLED } : e)),
  ...added,
]);

// A second list in the venue-tag shape: one paper shared with the seed list, two of its own, one unreadable line.
const shared = arxivEntries[10]!;
const SECOND_URL = 'https://github.com/fixture-lab/awesome-multimodal-medicine';
const SECOND_RAW = 'https://raw.githubusercontent.com/fixture-lab/awesome-multimodal-medicine/HEAD/README.md';
const secondOwn = [
  newEntry('2502.00042', 'Saltmarsh: Visual Instruction Tuning for Dermatology', 'Vision Language'),
  newEntry('2502.00077', 'Kestrel: Report Generation from Chest X-rays', 'Vision Language'),
];
// The broken entry is kept (its title is read); the untitled one after it is a skipped line.
const secondList = `${writeListMarkdown('Awesome Multimodal Medicine', [shared, ...secondOwn], 'venue-tag')}* [**arXiv, 2025**] **Broken**: an entry whose link never closes [paper](https://arxiv.org/abs/2502.0\n* [**arXiv, 2025**] [paper](https://arxiv.org/abs/2502.00002)\n`;

/** Serves markdown with an ETag, as raw.githubusercontent.com does (the harness's routes carry no headers). */
async function serveList(url: string, body: string, etag: string): Promise<void> {
  await ext.context.unroute(url);
  await ext.context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', headers: { etag }, body }),
  );
}

let ext: ExtensionSession;

async function openOptions(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await page.locator('[data-list-id="seed"]').waitFor();
  return page;
}

/** The results the popup shows now: paper id and whether it carries the "New" mark. */
async function shownResults(page: Page): Promise<Array<{ id: string; isNew: boolean }>> {
  await page.waitForFunction(() => document.querySelector('[role=listbox]')?.getAttribute('aria-busy') === 'false');
  await page.waitForTimeout(100);
  return page
    .locator('[role=listbox] [data-paper-id]')
    .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-paper-id') ?? '', isNew: e.querySelector('[data-new-entry]') !== null })));
}

/** Popup search: the results shown for a query. */
async function search(query: string, shoot?: string): Promise<Array<{ id: string; isNew: boolean }>> {
  const page = await ext.openPopup();
  try {
    await page.locator('[data-entry-count]').waitFor();
    await page.locator('input[type=search]').fill(query);
    const results = await shownResults(page);
    if (shoot) {
      await screenshot(page, shoot, { colorScheme: 'light' });
      await screenshot(page, shoot, { colorScheme: 'dark' });
    }
    return results;
  } finally {
    await page.close();
  }
}

/** Popup search: the paper ids shown for a query. */
async function searchIds(query: string): Promise<string[]> {
  return (await search(query)).map((r) => r.id);
}

async function badgeFor(arxiv: string, title: string) {
  const url = `https://arxiv.org/abs/${arxiv}`;
  ext.routePages({
    [url]: { body: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><meta name="citation_title" content="${title}"><meta name="citation_arxiv_id" content="${arxiv}"></head><body><h1>${title}</h1></body></html>` },
  });
  const page = await ext.context.newPage();
  await page.goto(url);
  await waitForAnswer(ext, page);
  return page;
}

beforeAll(async () => {
  ext = await launchExtension();
  await waitForSeed(ext);
});

afterAll(async () => {
  await ext?.close();
});

describe('refreshing the seed list', () => {
  it('keeps the list and says why when the source is missing or not a list', async () => {
    const options = await openOptions();
    const before = await options.locator('[data-list-id="seed"]').getAttribute('data-entry-count');

    ext.routePages({ [SEED_SOURCE_URL]: { body: '404: Not Found', status: 404, contentType: 'text/plain' } });
    await options.locator('[data-action="update-all"]').click();
    await expect.poll(() => options.locator('[data-refresh-message]').textContent()).toMatch(/not found.*previous copy is kept/i);

    ext.routePages({ [SEED_SOURCE_URL]: { body: '<!DOCTYPE html><html><body><h1>Sign in to GitHub</h1></body></html>' } });
    await options.locator('[data-action="update-all"]').click();
    await expect.poll(() => options.locator('[data-refresh-message]').textContent()).toMatch(/web page, not a markdown list.*previous copy is kept/i);
    await expect.poll(() => options.locator('[data-list-error]').textContent()).toMatch(/web page/);

    expect(await options.locator('[data-list-id="seed"]').getAttribute('data-entry-count')).toBe(before);
    expect(await searchIds(arxivEntries[1]!.title)).toContain(arxivEntries[1]!.id);
    await options.close();
  });

  it('adds, changes and removes entries; search and badge follow; saved papers survive', async () => {
    const saved = await sendFromExtensionPage(ext, 'setSaved', { paperId: removedSaved.id, saved: true });
    expect(saved).toEqual({ ok: true, value: { saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' } });

    await serveList(SEED_SOURCE_URL, seedV2, '"v2"');
    const options = await openOptions();
    await options.locator('[data-action="update-all"]').click();
    await expect.poll(() => options.locator('[data-refresh-message]').textContent()).toMatch(/2 new entries, 1 changed, 3 removed/);
    await expect.poll(() => options.locator('[data-list-id="seed"]').getAttribute('data-entry-count')).toBe(String(catalog.entries.length - 1));
    await expect.poll(() => options.locator('[data-last-summary] summary').textContent()).toMatch(/\+2 new, 1 changed, −3 removed/);
    await screenshot(options, 'options-after-refresh', { colorScheme: 'light' });
    await options.close();

    expect(await searchIds('Lanternfish refreshing')).toContain(added[0]!.id);
    expect(await searchIds('revised edition')).toContain(retitled.id);
    expect(await searchIds(removedA.title)).not.toContain(removedA.id);

    // Added papers are marked "New" in results until dismissed; older ones never are.
    const fresh = await search('Lanternfish refreshing', 'popup-new-mark');
    expect(fresh).toContainEqual({ id: added[0]!.id, isNew: true });
    expect(await search(arxivEntries[7]!.title)).toContainEqual({ id: arxivEntries[7]!.id, isNew: false });
    expect(await search('revised edition')).toContainEqual({ id: retitled.id, isNew: false });

    // The popup tells what is new until dismissed.
    const popup = await ext.openPopup();
    await expect.poll(() => popup.locator('[data-new-entries]').getAttribute('data-new-entries')).toBe('2');
    await screenshot(popup, 'popup-new-entries', { colorScheme: 'light' });
    // A page that links a new paper marks it "New"; dismissing takes that off the open page too.
    const linking = 'https://github.com/someone/reading-notes';
    ext.routePages({ [linking]: { body: '<!DOCTYPE html><html><body><p><a href="https://arxiv.org/abs/2501.01234">a new one</a></p></body></html>' } });
    const notes = await openTab(ext, linking);
    await waitForMark(notes, (mark) => mark.paperId === added[0]!.id && mark.isNew);
    await popup.bringToFront();
    await popup.locator('[data-new-entries] button').click();
    await notes.bringToFront();
    await waitForMark(notes, (mark) => mark.paperId === added[0]!.id && !mark.isNew);
    await notes.close();
    await popup.reload();
    await popup.locator('[data-entry-count]').waitFor();
    await popup.waitForTimeout(300);
    expect(await popup.locator('[data-new-entries]').count()).toBe(0);
    await popup.close();
    expect(await search('Lanternfish refreshing')).toContainEqual({ id: added[0]!.id, isNew: false });
    expect(await search('Quillwort triage')).toContainEqual({ id: added[1]!.id, isNew: false });

    const listed = await badgeFor('2501.01234', added[0]!.title);
    expect((await waitForBadge(listed, added[0]!.id)).title).toBe(added[0]!.title);
    await listed.close();
    const gone = await badgeFor(removedB.ids.arxiv!, removedB.title);
    expect(await gone.locator('lantern-badge').count()).toBe(0);
    await gone.close();

    const items = await ext.serviceWorker.evaluate(async () => {
      const open = indexedDB.open('lantern');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const request = db.transaction('saved').objectStore('saved').getAll();
      return new Promise<Array<{ id: string; paper: { title: string } }>>((resolve) => (request.onsuccess = () => resolve(request.result)));
    });
    expect(items.find((i) => i.id === removedSaved.id)?.paper.title).toBe(removedSaved.title);
  });

  it('answers 304 with the stored ETag as unchanged', async () => {
    const seen: string[] = [];
    await ext.context.unroute(SEED_SOURCE_URL);
    await ext.context.route(SEED_SOURCE_URL, async (route) => {
      seen.push(route.request().headers()['if-none-match'] ?? '');
      await route.fulfill({ status: 304, body: '' });
    });
    const reply = (await sendFromExtensionPage(ext, 'refreshLists', { listIds: ['seed'] })) as { ok: boolean; value: Array<{ status: string }> };
    await ext.context.unroute(SEED_SOURCE_URL);
    expect(reply.value[0]!.status).toBe('unchanged');
    expect(seen).toEqual(['"v2"']);
  });
});

describe('following a second list', () => {
  it('adds a list in the venue-tag shape: its papers are found by search and badge, shared papers name both lists', async () => {
    await serveList(SECOND_RAW, secondList, '"s1"');
    const options = await openOptions();
    await options.locator('#add-list-url').fill(SECOND_URL);
    await options.getByRole('button', { name: 'Add list' }).click();
    await expect
      .poll(() => options.locator('[data-refresh-message]').textContent())
      .toMatch(/Added “Awesome Multimodal Medicine”: 4 entries, 1 line skipped\./);
    await options.locator('[data-list-id="fixture-lab/awesome-multimodal-medicine"]').waitFor();
    await screenshot(options, 'options-two-lists', { colorScheme: 'dark' });
    await options.close();

    expect(await searchIds('Saltmarsh dermatology')).toContain(secondOwn[0]!.id);

    // The list filter narrows to the second list; its own papers are new, the shared one is not
    // (and the count agrees with the marks).
    const popup = await ext.openPopup();
    await popup.locator('[data-entry-count]').waitFor();
    await expect.poll(() => popup.locator('[data-new-entries]').getAttribute('data-new-entries')).toBe('3');
    expect(await popup.locator('[data-entry-count]').textContent()).toMatch(/ · 2 lists$/);
    await popup.locator('.filters-toggle').click();
    const listFilter = popup.locator('select[name=list]');
    expect(await listFilter.locator('option').allTextContents()).toEqual(['All lists', 'Awesome Multimodal Medicine', catalog.name]);
    await listFilter.selectOption({ label: 'Awesome Multimodal Medicine' });
    const inSecond = await shownResults(popup);
    // Its 4 entries (the unreadable line's title among them), none of the seed list's own.
    expect(inSecond).toHaveLength(4);
    expect(inSecond).toEqual(
      expect.arrayContaining([{ id: shared.id, isNew: false }, ...secondOwn.map((e) => ({ id: e.id, isNew: true }))]),
    );
    await screenshot(popup, 'popup-list-filter', { colorScheme: 'light' });
    await screenshot(popup, 'popup-list-filter', { colorScheme: 'dark' });
    await listFilter.selectOption({ label: catalog.name });
    const inSeed = (await shownResults(popup)).map((r) => r.id);
    expect(inSeed.length).toBeGreaterThan(0);
    expect(inSeed).not.toEqual(expect.arrayContaining([secondOwn[0]!.id]));
    expect(inSeed).not.toEqual(expect.arrayContaining([secondOwn[1]!.id]));
    await popup.locator('input[type=search]').fill(shared.title);
    expect((await shownResults(popup)).map((r) => r.id)).toContain(shared.id);
    await popup.close();

    const own = await badgeFor('2502.00077', secondOwn[1]!.title);
    expect((await waitForBadge(own, secondOwn[1]!.id)).listText).toMatch(/Awesome Multimodal Medicine/);
    await own.close();

    const both = await sendFromExtensionPage(ext, 'matchPage', { url: `https://arxiv.org/abs/${shared.ids.arxiv}`, arxiv: shared.ids.arxiv });
    const match = (both as { value: { paper: { lists: string[] }; listNames: string[] } }).value;
    expect(match.paper.lists.sort()).toEqual(['fixture-lab/awesome-multimodal-medicine', 'seed']);
    expect(match.listNames).toEqual(expect.arrayContaining(['Awesome Multimodal Medicine', catalog.name]));
  });

  it('refuses a copy that drops most entries, and applies it when the user says the list really is shorter', async () => {
    const kept = arxivEntries.slice(3, 23);
    const dropped = arxivEntries[40]!;
    await serveList(SEED_SOURCE_URL, writeListMarkdown(catalog.name, kept), '"cut"');
    const options = await openOptions();
    const before = Number(await options.locator('[data-list-id="seed"]').getAttribute('data-entry-count'));
    await options.locator('[data-list-id="seed"] .list-actions button', { hasText: 'Update' }).click();
    await expect
      .poll(() => options.locator('[data-list-id="seed"] [data-list-error]').textContent())
      .toMatch(new RegExp(`drop ${before - kept.length} of ${before} entries at once.*previous copy is kept`));
    expect(Number(await options.locator('[data-list-id="seed"]').getAttribute('data-entry-count'))).toBe(before);
    expect(await searchIds(dropped.title)).toContain(dropped.id);
    await screenshot(options, 'options-list-shrunk', { colorScheme: 'dark' });

    await options.locator('[data-list-id="seed"] [data-action="accept-shrink"]').click();
    await expect.poll(() => options.locator('[data-list-id="seed"]').getAttribute('data-entry-count')).toBe(String(kept.length));
    expect(await options.locator('[data-list-id="seed"] [data-list-error]').count()).toBe(0);
    await options.close();
    expect(await searchIds(dropped.title)).not.toContain(dropped.id);
    expect(await searchIds(kept[0]!.title)).toContain(kept[0]!.id);
  });
});
