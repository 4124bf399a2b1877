/**
 * Automatic backups in Chromium: importing a backup that changes a note (a forged file dated in
 * the future) leaves an automatic backup in the options page; Restore, after its confirm, brings
 * the note back exactly, and the reading list from before the restore is kept as a backup too.
 * Screenshots of the options page's backups, light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { waitForSeed } from './badge.page';
import { toJSONBackup } from '../../lib/formats/jsonBackup';
import type { SavedItem } from '../../lib/types';
import { savedItem } from '../fixtures/imports/savedItems';

const T = Date.UTC(2024, 2, 1);
const FAR_FUTURE = Date.UTC(9999, 0, 1);
const NOTE = 'Medprompt: few-shot + CoT + ensembling — compare with Med-PaLM 2 {p. 4}\n  second line, “quoted”';
const MINE = savedItem(
  { id: 'arxiv:2311.16452', title: 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine', ids: { arxiv: '2311.16452', repos: [] } },
  { note: NOTE, status: 'read', statusChangedAt: T, addedAt: T, updatedAt: T, tags: ['prompting'] },
);

/** The stored item, read from IndexedDB directly (what a reload will show). */
async function stored(page: Page, id: string): Promise<SavedItem | undefined> {
  return page.evaluate(
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

describe('automatic backups', () => {
  let ext: ExtensionSession;
  let tmp: string;
  beforeAll(async () => {
    ext = await launchExtension();
    tmp = await mkdtemp(join(tmpdir(), 'lantern-backups-e2e-'));
    await waitForSeed(ext);
  });
  afterAll(async () => {
    await ext?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('an import that changes a note leaves a backup in the options page, and Restore brings the note back exactly', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(ext.extensionUrl('options.html'));
    const data = page.locator('section[aria-labelledby=data-heading]');
    const fileInput = data.locator('input[type=file]');
    const notice = data.locator('.notice').first();

    const genuine = join(tmp, 'genuine.json');
    await writeFile(genuine, toJSONBackup([MINE], { exportedAt: T }));
    await fileInput.setInputFiles(genuine);
    await notice.filter({ hasText: 'Imported 1 paper.' }).waitFor();
    expect((await stored(page, MINE.id))?.note).toBe(NOTE);

    const forged = join(tmp, 'forged.json');
    await writeFile(forged, toJSONBackup([{ ...MINE, note: 'forged', status: 'to-read', updatedAt: FAR_FUTURE, statusChangedAt: FAR_FUTURE }], { exportedAt: FAR_FUTURE }));
    await fileInput.setInputFiles(forged);
    await notice.filter({ hasText: 'Updated 1 paper already saved.' }).waitFor();
    expect((await stored(page, MINE.id))?.note).not.toBe(NOTE);

    const backups = data.locator('[data-auto-backup]');
    await backups.filter({ hasText: 'Before importing “forged.json”' }).waitFor();
    expect(await backups.allTextContents()).toEqual([
      expect.stringMatching(/^Before importing “forged\.json”.*1 saved paper/),
      expect.stringMatching(/^Before importing “genuine\.json”.*0 saved papers/),
    ]);
    await data.locator('#auto-backups-heading').scrollIntoViewIfNeeded();
    await screenshot(page, 'options-auto-backups', { colorScheme: 'light' });

    const row = backups.filter({ hasText: 'Before importing “forged.json”' });
    await row.getByRole('button', { name: 'Restore…' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm restoring this backup' });
    expect(await confirm.textContent()).toContain('This replaces your reading list (1 saved paper now) with the 1 saved paper of this backup');
    await screenshot(page, 'options-auto-backups-confirm', { colorScheme: 'dark' });
    await confirm.getByRole('button', { name: 'Replace reading list' }).click();
    await data.locator('.auto-backups .notice').filter({ hasText: 'Restored 1 saved paper' }).waitFor();

    const restored = await stored(page, MINE.id);
    expect(restored?.note).toBe(NOTE);
    expect(restored).toMatchObject({ status: 'read', tags: ['prompting'], statusChangedAt: T });
    await backups.filter({ hasText: 'Before a restore' }).waitFor();
    expect(await backups.count()).toBe(3);
    await screenshot(page, 'options-auto-backups-restored', { colorScheme: 'dark' });
    await page.close();
  });
});
