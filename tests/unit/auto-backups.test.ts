/**
 * Automatic backups before every import and restore (fake-indexeddb): taken only when the import
 * changes something, the last 3 kept, restoring gives back the reading list exactly (after a
 * backup of the current one), and a storage too full for the backup never blocks the import
 * silently.
 */
import 'fake-indexeddb/auto';
import { type DBCore } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTO_BACKUPS_KEY,
  autoBackupKey,
  backupId,
  clearReadingList,
  KEEP_AUTO_BACKUPS,
  listAutoBackups,
  readAutoBackup,
  readIndex,
  restoreAutoBackup,
  withNewBackup,
  type AutoBackupInfo,
} from '../../lib/db/autoBackups';
import { listRemoved, listSaved, restoreSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { importBackupNote, importFile } from '../../lib/formats/importFile';
import { NO_BACKUP_MESSAGE } from '../../lib/formats/importItems';
import { NOTE_SEPARATOR } from '../../lib/notes';
import { toJSONBackup } from '../../lib/formats/jsonBackup';
import type { SavedItem } from '../../lib/types';
import { savedItem, trickyItems } from '../fixtures/imports/savedItems';

const T = Date.UTC(2024, 2, 1);
const FAR_FUTURE = Date.UTC(9999, 0, 1);
const byId = (a: SavedItem, b: SavedItem): number => a.id.localeCompare(b.id);

/** Makes writes of automatic backups fail the way a full disk does, while `on`. */
function backupQuotaFailures(db: LanternDB): { on: boolean } {
  const switchboard = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'simulated-backup-quota',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: async (req) => {
            const res = await table.mutate(req);
            const writesBackup = req.type === 'put' && req.values.some((row: { key?: unknown }) => String(row.key).startsWith('auto-backup:'));
            if (switchboard.on && name === 'kv' && writesBackup) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            return res;
          },
        };
      },
    }),
  });
  return switchboard;
}

let db: LanternDB;
let quota: { on: boolean };
let dbCount = 0;

beforeEach(async () => {
  db = new LanternDB(`auto-backups-test-${++dbCount}`);
  quota = backupQuotaFailures(db);
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

const mine = savedItem(
  { id: 'arxiv:2311.16452', title: 'Medprompt', ids: { arxiv: '2311.16452', repos: [] } },
  { note: 'my reading notes\n  with an indented line, “quotes” and {braces}', status: 'read', statusChangedAt: T, addedAt: T, updatedAt: T, tags: ['prompting'] },
);
const other = savedItem({ id: 'doi:10.5555/other', title: 'Another Paper', ids: { doi: '10.5555/other', repos: [] } });
const forged = (note: string): string =>
  toJSONBackup([{ ...mine, note, updatedAt: FAR_FUTURE, statusChangedAt: FAR_FUTURE, status: 'to-read' }], { exportedAt: FAR_FUTURE });
const info = (id: string, takenAt = 1): AutoBackupInfo => ({ id, takenAt, reason: 'import', count: 0 });

describe('kept backups (pure)', () => {
  it('keeps the newest three, newest first, and names the ones that go', () => {
    let index: AutoBackupInfo[] = [];
    const dropped: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      const next = withNewBackup(index, info(id));
      index = next.kept;
      dropped.push(...next.dropped);
    }
    expect(KEEP_AUTO_BACKUPS).toBe(3);
    expect(index.map((i) => i.id)).toEqual(['e', 'd', 'c']);
    expect(dropped).toEqual(['a', 'b']);
  });

  it('gives ids that sort by time and stay unique within one millisecond', () => {
    const first = backupId(5, []);
    const second = backupId(5, [info(first)]);
    expect(second).not.toBe(first);
    expect(backupId(10, []) > backupId(9, [])).toBe(true);
    expect(backupId(1_000_000_000_000, []) > backupId(999_999_999_999, [])).toBe(true);
  });

  it('reads only well-formed index rows', () => {
    expect(readIndex(undefined)).toEqual([]);
    expect(readIndex([info('a'), { id: 3 }, null, 'x'])).toEqual([info('a')]);
  });

  it('tells the library what the import did about the backup', () => {
    expect(importBackupNote({ added: 0, updated: 0 })).toBeUndefined();
    expect(importBackupNote({ added: 1, updated: 0 })).toMatch(/kept as an automatic backup/);
    expect(importBackupNote({ added: 1, updated: 0, backupProblem: NO_BACKUP_MESSAGE })).toBe(NO_BACKUP_MESSAGE);
  });
});

describe('a backup before every import', () => {
  it('an import that changes a note keeps the reading list from before it, and restoring brings the note back exactly', async () => {
    await restoreSaved(db, [mine, other]);
    const before = (await listSaved(db)).sort(byId);

    expect(await importFile(db, forged('forged'), 'json', 'forged.json')).toMatchObject({ ok: true, updated: 1 });
    expect((await db.saved.get(mine.id))!.note).toBe(`${mine.note}${NOTE_SEPARATOR}forged`);

    const [backup, ...rest] = await listAutoBackups(db);
    expect(rest).toEqual([]);
    expect(backup).toMatchObject({ reason: 'import', source: 'forged.json', count: 2 });
    expect(backup!.takenAt).toBeLessThanOrEqual(Date.now());
    expect((await readAutoBackup(db, backup!.id))!.items.sort(byId)).toEqual(before);

    const restored = await restoreAutoBackup(db, backup!.id);
    expect(restored).toMatchObject({ ok: true, restored: 2 });
    expect((await listSaved(db)).sort(byId)).toEqual(before);
    expect((await db.saved.get(mine.id))!.note).toBe(mine.note);
  });

  it('takes no backup when the import changes nothing, or when the file is refused', async () => {
    await restoreSaved(db, [mine]);
    expect(await importFile(db, toJSONBackup([mine], { exportedAt: T }), 'json', 'same.json')).toMatchObject({ ok: true, unchanged: 1 });
    expect(await importFile(db, '{"format":"lantern-backup"', 'json', 'broken.json')).toMatchObject({ ok: false });
    expect(await listAutoBackups(db)).toEqual([]);
  });

  it('backs up before a BibTeX import too', async () => {
    await restoreSaved(db, [mine]);
    const bib = '@article{k, title = {A Paper Imported From BibTeX}, doi = {10.5555/bib}}\n';
    expect(await importFile(db, bib, 'bibtex', 'refs.bib')).toMatchObject({ ok: true, added: 1 });
    expect(await listAutoBackups(db)).toMatchObject([{ reason: 'import', source: 'refs.bib', count: 1 }]);
  });

  it('keeps the last three, and drops the older bodies with them', async () => {
    for (let n = 1; n <= 5; n++) {
      const item = savedItem({ id: `doi:10.5555/${n}`, title: `Paper ${n}`, ids: { doi: `10.5555/${n}`, repos: [] } });
      await importFile(db, toJSONBackup([item], { exportedAt: T }), 'json', `${n}.json`);
    }
    const kept = await listAutoBackups(db);
    expect(kept.map((b) => [b.source, b.count])).toEqual([
      ['5.json', 4],
      ['4.json', 3],
      ['3.json', 2],
    ]);
    const rows = (await db.kv.toArray()).map((row) => row.key).filter((key) => key.startsWith('auto-backup'));
    expect(rows.sort()).toEqual([AUTO_BACKUPS_KEY, ...kept.map((b) => autoBackupKey(b.id))].sort());
  });

  it('imports without the backup when storage is too full for it, and says so in plain words', async () => {
    await restoreSaved(db, [mine]);
    quota.on = true;
    const outcome = await importFile(db, toJSONBackup([other], { exportedAt: T }), 'json', 'other.json');
    expect(outcome).toMatchObject({ ok: true, added: 1, backupProblem: NO_BACKUP_MESSAGE });
    expect(NO_BACKUP_MESSAGE).toMatch(/^No automatic backup was kept before this import: your browser’s storage for Lantern is too full/);
    expect(await db.saved.count()).toBe(2);
    expect(await listAutoBackups(db)).toEqual([]);
  });
});

describe('restoring', () => {
  it('replaces the whole reading list, after a backup of it that can be restored in turn', async () => {
    const items = trickyItems();
    await restoreSaved(db, items);
    const original = (await listSaved(db)).sort(byId);
    await importFile(db, toJSONBackup([other], { exportedAt: T }), 'json', 'other.json');
    expect(await db.saved.count()).toBe(items.length + 1);

    const [beforeImport] = await listAutoBackups(db);
    expect(await restoreAutoBackup(db, beforeImport!.id, T)).toMatchObject({ ok: true, restored: items.length, backup: { reason: 'restore', takenAt: T } });
    expect((await listSaved(db)).sort(byId)).toEqual(original);
    // The paper the backup does not hold went where any removed paper goes.
    expect((await listRemoved(db, T)).map((row) => row.id)).toEqual([other.id]);

    const [beforeRestore] = await listAutoBackups(db);
    expect(beforeRestore).toMatchObject({ reason: 'restore', count: items.length + 1 });
    await restoreAutoBackup(db, beforeRestore!.id);
    expect((await db.saved.get(other.id))?.paper.title).toBe('Another Paper');
    expect(await db.saved.count()).toBe(items.length + 1);
  });

  it('restores the oldest kept backup even though the backup taken first pushes it out', async () => {
    for (let n = 1; n <= 3; n++) {
      const item = savedItem({ id: `doi:10.5555/${n}`, title: `Paper ${n}`, ids: { doi: `10.5555/${n}`, repos: [] } });
      await importFile(db, toJSONBackup([item], { exportedAt: T }), 'json', `${n}.json`);
    }
    const oldest = (await listAutoBackups(db)).at(-1)!;
    expect(oldest).toMatchObject({ source: '1.json', count: 0 });
    expect(await restoreAutoBackup(db, oldest.id)).toMatchObject({ ok: true, restored: 0 });
    expect(await db.saved.count()).toBe(0);
    expect((await listAutoBackups(db)).map((b) => b.source ?? b.reason)).toEqual(['restore', '3.json', '2.json']);
  });

  it('says plainly that a backup no longer kept cannot be restored, and changes nothing', async () => {
    await restoreSaved(db, [mine]);
    expect(await restoreAutoBackup(db, 'gone')).toEqual({ ok: false, error: expect.stringMatching(/no longer kept, so nothing was restored/) });
    expect(await listSaved(db)).toEqual([mine]);
  });

  it('restores nothing when storage is too full for the backup of the current list', async () => {
    await restoreSaved(db, [mine]);
    await importFile(db, toJSONBackup([other], { exportedAt: T }), 'json', 'other.json');
    const [backup] = await listAutoBackups(db);
    quota.on = true;
    expect(await restoreAutoBackup(db, backup!.id)).toEqual({ ok: false, error: expect.stringMatching(/^Your browser’s storage for Lantern is full/) });
    expect(await db.saved.count()).toBe(2);
  });

  it('clears nothing when storage is too full for the backup taken first, and says so in plain words', async () => {
    await restoreSaved(db, [mine, other]);
    quota.on = true;
    await expect(clearReadingList(db, T)).rejects.toThrow(/too full for that copy, so nothing was cleared/);
    expect(await db.saved.count()).toBe(2);
  });
});
