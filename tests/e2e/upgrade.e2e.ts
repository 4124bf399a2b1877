/**
 * A database written by an earlier Lantern (schema v2: one IndexedDB row per entry) opens under
 * the current schema in real Chromium: its entries move into the chunked layout (v3), the old
 * table goes (v4), and the reading list is untouched. The v2 database is rebuilt by hand with
 * plain IndexedDB, exactly as Dexie declared it, from the same example the unit test upgrades.
 * With a malformed saved paper and list entry added, it still opens, and the options page says
 * what was kept aside and offers it as a file.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { sendFromExtensionPage, waitForSeed } from './badge.page';
import { SCHEMA_VERSIONS } from '../../lib/db/schema';
import { SEARCH_INDEX_FINGERPRINT_KEY } from '../../lib/search/store';
import type { SavedItem } from '../../lib/types';

interface Example {
  tables: Record<string, Array<Record<string, unknown>>>;
}
const v2 = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/db/v2.json'), 'utf8')) as Example;
const malformed = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/db-malformed-rows.json'), 'utf8')) as Record<string, Record<string, unknown>>;

/**
 * Waits until the background has stored the search index of the bundled list, the last thing it
 * writes after seeding: a write still under way when the database is replaced would land in the
 * v2 database (Dexie reopens it) and could leave the bundled list's index there.
 */
async function waitForStoredIndex(ext: ExtensionSession): Promise<void> {
  const stored = () =>
    ext.serviceWorker.evaluate(
      (key) =>
        new Promise<boolean>((done) => {
          const open = indexedDB.open('lantern');
          // Not there yet: this read must not create it (Dexie would then open an empty database).
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onerror = () => done(false);
          open.onsuccess = () => {
            const db = open.result;
            try {
              const read = db.transaction('kv').objectStore('kv').get(key);
              read.onsuccess = () => done(read.result !== undefined);
              read.onerror = () => done(false);
            } catch {
              done(false);
            } finally {
              db.close();
            }
          };
        }),
      SEARCH_INDEX_FINGERPRINT_KEY,
    );
  for (const deadline = Date.now() + 30_000; !(await stored()); ) {
    if (Date.now() > deadline) throw new Error('The background did not store the search index of the bundled list within 30 s.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Replaces Lantern's database with a schema-v2 one holding `tables`. */
async function replaceWithV2(ext: ExtensionSession, tables: Example['tables']): Promise<void> {
  // In the background's own context: its connection closes for the deletion (Dexie gives way
  // to a version change), and nothing asks it anything until the old database is in place.
  await ext.serviceWorker.evaluate(async (tables) => {
      // The open is queued right behind the deletion, before anything else can reopen the
      // database (in Firefox this runs in an extension tab, beside the running background).
      const deletion = indexedDB.deleteDatabase('lantern');
      // Dexie stores version n as IndexedDB version n × 10.
      const open = indexedDB.open('lantern', 20);
      await new Promise<void>((done, fail) => {
        deletion.onsuccess = () => done();
        deletion.onerror = () => fail(deletion.error);
      });
      await new Promise<void>((done, fail) => {
        open.onupgradeneeded = () => {
          const db = open.result;
          db.createObjectStore('lists', { keyPath: 'id' });
          const entries = db.createObjectStore('entries', { keyPath: ['listId', 'id'] });
          entries.createIndex('id', 'id');
          entries.createIndex('listId', 'listId');
          entries.createIndex('keys', 'keys', { multiEntry: true });
          entries.createIndex('categories', 'categories', { multiEntry: true });
          entries.createIndex('year', 'year');
          entries.createIndex('addedAt', 'addedAt');
          const saved = db.createObjectStore('saved', { keyPath: 'id' });
          saved.createIndex('status', 'status');
          saved.createIndex('tags', 'tags', { multiEntry: true });
          saved.createIndex('addedAt', 'addedAt');
          saved.createIndex('updatedAt', 'updatedAt');
          db.createObjectStore('kv', { keyPath: 'key' });
          for (const [table, rows] of Object.entries(tables)) for (const row of rows) open.transaction!.objectStore(table).put(row);
        };
        open.onsuccess = () => {
          open.result.close();
          done();
        };
        open.onerror = () => fail(open.error);
      });
    }, tables);
}

describe('upgrading a database from schema v2', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
    await waitForSeed(ext);
    await waitForStoredIndex(ext);
    await replaceWithV2(ext, v2.tables);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('finds the old entries in search and on their pages, with the reading list as it was', async () => {
    const popup = await ext.openPopup();
    await expect.poll(() => popup.locator('[data-entry-count]').getAttribute('data-entry-count'), { timeout: 15_000 }).toBe('2');
    await popup.locator('input[type=search]').fill('generalist foundation');
    await expect.poll(() => popup.locator('[role=option][data-paper-id]').first().getAttribute('data-paper-id')).toBe('arxiv:2311.16452');
    const stores = await popup.evaluate(
      () =>
        new Promise<string[]>((done) => {
          const open = indexedDB.open('lantern');
          open.onsuccess = () => {
            done([String(open.result.version), ...open.result.objectStoreNames].sort());
            open.result.close();
          };
        }),
    );
    // Dexie stores its version times ten.
    const current = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
    expect(stores).toEqual([String(current * 10), 'entryChunks', 'entryKeys', 'kv', 'lists', 'manifests', 'removed', 'saved']);
    await popup.close();

    const match = await sendFromExtensionPage(ext, 'matchPage', { url: 'https://www.nature.com/articles/s41586-023-06291-2', doi: '10.1038/s41586-023-06291-2' });
    expect(match).toMatchObject({ ok: true, value: { paper: { id: 'doi:10.1038/s41586-023-06291-2', lists: ['seed'] } } });

    const library = await ext.context.newPage();
    await library.goto(ext.extensionUrl('library.html'));
    await expect.poll(() => library.locator('tr[data-paper-id]').count()).toBe(2);
    const saved = (await library.evaluate(
      () =>
        new Promise((done) => {
          const open = indexedDB.open('lantern');
          open.onsuccess = () => {
            const read = open.result.transaction('saved').objectStore('saved').getAll();
            read.onsuccess = () => done(read.result);
          };
        }),
    )) as SavedItem[];
    // The items as they were, with their authors now structured (schema v5).
    expect(saved.map(({ paper: { authorList: _authorList, ...paper }, ...item }) => ({ ...item, paper }))).toEqual(v2.tables.saved);
    expect(saved.map((item) => item.paper.authorList.names.length)).toEqual(saved.map((item) => (item.paper.authors ? 1 : 0)));
    await library.close();
  });
});

describe('upgrading a schema-v2 database with malformed rows', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
    await waitForSeed(ext);
    await waitForStoredIndex(ext);
    await replaceWithV2(ext, {
      ...v2.tables,
      lists: [...v2.tables.lists!, malformed.list!],
      entries: [...v2.tables.entries!, malformed.goodEntry!, malformed.entryWithoutIds!],
      saved: [...v2.tables.saved!, malformed.savedWithoutPaper!],
    });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('opens with the good rows, and the options page offers what it kept aside', async () => {
    const library = await ext.context.newPage();
    await library.goto(ext.extensionUrl('library.html'));
    await expect.poll(() => library.locator('tr[data-paper-id]').count(), { timeout: 15_000 }).toBe(v2.tables.saved!.length);
    expect(await library.locator('[data-set-aside]').textContent()).toMatch(
      /^1 saved paper from an older version of Lantern could not be read; it is kept aside\. .* Lantern settings › Data offers them as a file\.$/,
    );
    await library.close();

    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 700 });
    await options.goto(ext.extensionUrl('options.html'));
    const notice = options.locator('[data-set-aside]');
    await notice.waitFor();
    expect(await notice.locator('p').textContent()).toBe(
      '1 saved paper from an older version of Lantern could not be read; it is kept aside. ' +
        '1 list entry could not be read either: refreshing its list brings it back if the list still has it.',
    );
    await notice.scrollIntoViewIfNeeded();
    await screenshot(options, 'options-set-aside', { colorScheme: 'light', fullPage: false });
    await screenshot(options, 'options-set-aside', { colorScheme: 'dark', fullPage: false });
    const [download] = await Promise.all([options.waitForEvent('download'), notice.getByRole('button', { name: 'Download them (JSON)' }).click()]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as { rows: Array<{ table: string; version: number; value: unknown }> };
    expect(file.rows.map(({ table, version, value }) => ({ table, version, value }))).toEqual([
      { table: 'entries', version: 3, value: malformed.entryWithoutIds },
      { table: 'saved', version: 5, value: malformed.savedWithoutPaper },
    ]);
    await options.close();
  });
});
