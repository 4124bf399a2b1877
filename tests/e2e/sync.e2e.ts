/**
 * The reading list on every device, end to end: a save written into the profile's storage.sync
 * as another device's Lantern writes it (the same chunk format; the browser's sync delivers it as
 * a change to area "sync") appears in the library, with its status, tags and star; a paper the
 * lists hold takes the list's record. A removal here goes out as a removal. The options page shows
 * the switch (on by default) and the figures, and the switch turns sync off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { waitForSeed } from './badge.page';
import type { CatalogSnapshot } from '../../lib/types';
import { openLibrary } from './library.page';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { toJSONBackup } from '../../lib/formats/jsonBackup';
import { savedItem } from '../fixtures/imports/savedItems';

declare const chrome: Browser;

const snapshot = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../assets/catalog.json'), 'utf8')) as CatalogSnapshot;
const LISTED = snapshot.entries.find((entry) => entry.ids.arxiv)!;
const UNLISTED_ID = 'arxiv:2402.01234';

let ext: ExtensionSession;
let library: Page;

/** Polls the sync area from an extension page until `test` holds for its items. */
async function waitForSyncArea(page: Page, test: (items: Record<string, { r?: { i: string; x?: number; f?: { s?: [number, number] } }[] }>) => boolean): Promise<void> {
  for (;;) {
    const items = (await page.evaluate(() => chrome.storage.sync.get(null))) as Parameters<typeof test>[0];
    if (test(items)) return;
    await page.waitForTimeout(200);
  }
}

beforeAll(async () => {
  ext = await launchExtension();
  await waitForSeed(ext);
  library = await openLibrary(ext);
}, 60_000);

afterAll(async () => {
  await ext?.close();
});

describe('the reading list on every device', () => {
  it('a save another device wrote into storage.sync appears in the library', async () => {
    const now = Date.now();
    await library.evaluate(
      ([unlisted, listed, at]) =>
        chrome.storage.sync.set({
          rl0: {
            v: 1,
            r: [
              {
                i: unlisted,
                s: at,
                p: { t: 'Clinical notes summarized on another device', n: ['Rivera, Ana'], e: 1, v: 'NEJM AI', y: 2025, u: 'https://arxiv.org/abs/2402.01234', x: '2402.01234' },
                f: { s: [1, 5], g: [['from-laptop'], 5], r: [1, 5], n: ['Read the methods first', 5] },
              },
              // Only a title: this device's list holds the paper, so its record comes from the list.
              { i: listed, s: at, p: { t: 'a short title' }, f: { s: [2, 5], g: [[], 0], r: [0, 0] } },
            ],
          },
        }),
      [UNLISTED_ID, LISTED.id, now] as const,
    );
    const row = library.locator(`tbody tr[data-paper-id="${UNLISTED_ID}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Clinical notes summarized on another device');
    expect(await row.textContent()).toContain('from-laptop');
    await row.locator('select[name=status][data-status="reading"]').waitFor();
    const listedRow = library.locator(`tbody tr[data-paper-id="${LISTED.id}"]`);
    await listedRow.waitFor();
    expect(await listedRow.textContent()).toContain(LISTED.title);
    await listedRow.locator('select[name=status][data-status="read"]').waitFor();
    const stored = await library.evaluate(async (id) => {
      const open = indexedDB.open('lantern');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const item = await new Promise<{ starred: boolean; note: string; tags: string[] }>((resolve, reject) => {
        const request = db.transaction('saved').objectStore('saved').get(id);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return { starred: item.starred, note: item.note, tags: item.tags };
    }, UNLISTED_ID);
    expect(stored).toEqual({ starred: true, note: 'Read the methods first', tags: ['from-laptop'] });
  });

  it('a removal here goes to storage.sync as a removal, for the other devices', async () => {
    const reply = await library.evaluate((paperId) => chrome.runtime.sendMessage({ lantern: 1, type: 'setSaved', data: { paperId, saved: false } }), UNLISTED_ID);
    expect(reply).toMatchObject({ ok: true, value: { saved: false } });
    await waitForSyncArea(library, (items) =>
      Object.values(items).some((chunk) => chunk.r?.some((entry) => entry.i === UNLISTED_ID && typeof entry.x === 'number')),
    );
    await library.locator(`tbody tr[data-paper-id="${UNLISTED_ID}"]`).waitFor({ state: 'detached' });
  });

  it('the options page shows sync on, with its figures, and turns it off', async () => {
    const options = await ext.openPage('options.html');
    await options.setViewportSize({ width: 900, height: 900 });
    const section = options.locator('[data-section=sync]');
    const figures = section.locator('[data-sync-state=on][data-synced="1"][data-total="1"]');
    await figures.waitFor();
    expect(await figures.textContent()).toMatch(/1 of 1 saved paper synced · [\d.]+ kB of 100 kB of sync space used\./);
    expect(await section.locator('input[name=sync-enabled]').isChecked()).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) await screenshot(options, 'options-sync', { colorScheme });
    await section.locator('input[name=sync-enabled]').click();
    await section.locator('[data-sync-state=off]').waitFor();
    expect(await options.evaluate(() => chrome.storage.local.get('sync.enabled'))).toEqual({ 'sync.enabled': false });
    await options.close();
  });
});

describe('a reading list the browser counts larger than JSON.stringify does', () => {
  const cases = [
    // Chromium writes "<" as six bytes.
    { name: 'notes full of "<"', count: 20, note: 'Primary endpoint met (p < 0.05); subgroups <65 y, <40 y, <18 y; HbA1c <7%; eGFR <60. '.repeat(12) },
    // Chromium writes epoch-ms times as doubles, up to 5 bytes longer: enough papers fill whole chunks.
    { name: 'enough papers to fill whole chunks', count: 150, note: '' },
  ];
  for (const { name, count, note } of cases) {
    it(`reaches storage.sync in whole: ${name}`, async () => {
      const own = await launchExtension();
      try {
        await waitForSeed(own);
        const page = await openLibrary(own);
        const at = Date.UTC(2025, 0, 1, 9, 17, 23, 481);
        const items = Array.from({ length: count }, (_, i) => {
          const arxiv = `2401.${String(i + 1).padStart(5, '0')}`;
          const when = at + i * 7_919_123;
          return savedItem({ id: `arxiv:${arxiv}`, title: `Unlisted trial report ${i + 1}`, authors: 'Ana Rivera', ids: { arxiv, repos: [] } }, { note, addedAt: when, updatedAt: when, statusChangedAt: when });
        });
        const file = join(await mkdtemp(join(tmpdir(), 'lantern-sync-e2e-')), 'backup.json');
        await writeFile(file, toJSONBackup(items, { exportedAt: at + count * 7_919_123 }));
        await page.locator('input[name=import]').setInputFiles(file);
        await page.locator('[data-notice]').waitFor();
        // Some notes may not fit in 100 kB; the papers all must, and the area must take the write.
        let synced = 0;
        for (let tries = 0; tries < 100 && synced < items.length; tries++) {
          const area = (await page.evaluate(() => chrome.storage.sync.get(null))) as Record<string, { r?: { i: string }[] }>;
          synced = Object.values(area).flatMap((chunk) => chunk.r ?? []).filter((entry) => entry.i.startsWith('arxiv:2401.')).length;
          if (synced < items.length) await page.waitForTimeout(200);
        }
        expect(synced).toBe(items.length);
      } finally {
        await own.close();
      }
    });
  }
});
