/**
 * Automatic backups of the reading list, taken before every import, restore and clear, and before
 * saved records that are one paper are merged, so a change to notes, tags or statuses can be
 * undone from the options page.
 *
 * Where they live: in db.kv, in the same database as the reading list, because
 * - the backup and the change it protects are written in ONE transaction: the backup is exactly
 *   the reading list the change started from, and a change is never written without its backup;
 * - rows are stored by structured clone, so restoring gives back every item exactly (no JSON
 *   round trip, no re-validation that could drop a field);
 * - IndexedDB under `unlimitedStorage` holds megabytes where `storage.local` counts every byte
 *   of JSON against a quota, and both survive restarts and updates alike (and both go with the
 *   extension when it is removed).
 * An index row (AUTO_BACKUPS_KEY) lists them with when, why and how many papers, so the options
 * page lists backups without reading their bodies; each body is its own row.
 */
import type { SavedItem } from '../types';
import { removeSaved, restoreSaved, StorageError, toStorageError } from './readingList';
import type { KeyValue, LanternDB } from './schema';

/** How many automatic backups are kept; the oldest goes when a new one is taken. */
export const KEEP_AUTO_BACKUPS = 3;

/** db.kv key of the index of automatic backups (AutoBackupInfo[], newest first). */
export const AUTO_BACKUPS_KEY = 'auto-backups';

/** db.kv key of one backup's items. */
export const autoBackupKey = (id: string): string => `auto-backup:${id}`;

/** What a backup was taken before: an import, a restore, a clear, or the merge of saved records that are one paper. */
export type AutoBackupReason = 'import' | 'restore' | 'clear' | 'merge';

export interface AutoBackupInfo {
  /** Unique among the kept backups; also orders them (the time it was taken, then a counter). */
  id: string;
  /** Epoch ms when it was taken. */
  takenAt: number;
  reason: AutoBackupReason;
  /** The imported file's name, when the backup was taken before an import. */
  source?: string;
  /** Saved papers in the backup. */
  count: number;
}

export interface AutoBackup extends AutoBackupInfo {
  items: SavedItem[];
}

function isInfo(value: unknown): value is AutoBackupInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Partial<AutoBackupInfo>;
  return (
    typeof info.id === 'string' &&
    typeof info.takenAt === 'number' &&
    typeof info.count === 'number' &&
    (info.reason === 'import' || info.reason === 'restore' || info.reason === 'clear' || info.reason === 'merge')
  );
}

/** The index as stored, with anything unreadable left out (the row is Lantern's own, but never trusted blindly). */
export function readIndex(value: unknown): AutoBackupInfo[] {
  return Array.isArray(value) ? value.filter(isInfo) : [];
}

/**
 * The index after adding `info` (newest first), and the ids of the backups that no longer fit
 * within `keep`. Pure.
 */
export function withNewBackup(index: readonly AutoBackupInfo[], info: AutoBackupInfo, keep = KEEP_AUTO_BACKUPS): { kept: AutoBackupInfo[]; dropped: string[] } {
  const all = [info, ...index.filter((other) => other.id !== info.id)];
  return { kept: all.slice(0, keep), dropped: all.slice(keep).map((other) => other.id) };
}

/** An id that sorts by time and stays unique when two backups are taken within one millisecond. */
export function backupId(takenAt: number, index: readonly AutoBackupInfo[]): string {
  const base = String(takenAt).padStart(15, '0');
  let id = base;
  for (let n = 1; index.some((info) => info.id === id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Writes a backup of `items` and drops the oldest beyond KEEP_AUTO_BACKUPS. Must run inside a
 * read-write transaction that includes db.kv (the caller's, so the backup and the change it
 * protects commit together or not at all). Returns what was recorded.
 */
export async function recordAutoBackup(
  db: LanternDB,
  items: readonly SavedItem[],
  meta: { takenAt: number; reason: AutoBackupReason; source?: string },
): Promise<AutoBackupInfo> {
  const index = readIndex((await db.kv.get(AUTO_BACKUPS_KEY))?.value);
  const info: AutoBackupInfo = {
    id: backupId(meta.takenAt, index),
    takenAt: meta.takenAt,
    reason: meta.reason,
    ...(meta.source === undefined ? {} : { source: meta.source }),
    count: items.length,
  };
  const { kept, dropped } = withNewBackup(index, info);
  // The dropped bodies go first: under storage pressure, their space is what the new one needs.
  await db.kv.bulkDelete(dropped.map(autoBackupKey));
  const rows: KeyValue[] = [
    { key: autoBackupKey(info.id), value: { ...info, items: [...items] } satisfies AutoBackup },
    { key: AUTO_BACKUPS_KEY, value: kept },
  ];
  await db.kv.bulkPut(rows);
  return info;
}

/** The kept automatic backups, newest first (their summaries only). */
export async function listAutoBackups(db: LanternDB): Promise<AutoBackupInfo[]> {
  return readIndex((await db.kv.get(AUTO_BACKUPS_KEY))?.value);
}

/** One kept backup with its items, or undefined when it is no longer kept. */
export async function readAutoBackup(db: LanternDB, id: string): Promise<AutoBackup | undefined> {
  const value: unknown = (await db.kv.get(autoBackupKey(id)))?.value;
  return isInfo(value) && Array.isArray((value as Partial<AutoBackup>).items) ? (value as AutoBackup) : undefined;
}

export type RestoreOutcome = { ok: true; restored: number; backup: AutoBackupInfo } | { ok: false; error: string };

/**
 * Replaces the whole reading list with backup `id`, after taking a backup of the reading list
 * as it is (reason "restore"), in one transaction: either all of it happens or nothing does.
 * Papers saved now that the backup does not hold are removed as any unsave removes them (into
 * "Recently removed"); the backup's items come back exactly. The backup being restored is read
 * first, so it is restored even when the new backup pushes it out of the kept ones.
 */
export async function restoreAutoBackup(db: LanternDB, id: string, now = Date.now()): Promise<RestoreOutcome> {
  try {
    return await db.transaction('rw', [db.saved, db.removed, db.kv], async (): Promise<RestoreOutcome> => {
      const backup = await readAutoBackup(db, id);
      if (!backup) return { ok: false, error: 'This backup is no longer kept, so nothing was restored; your reading list is unchanged.' };
      const current = await db.saved.toArray();
      const taken = await recordAutoBackup(db, current, { takenAt: now, reason: 'restore' });
      const kept = new Set(backup.items.map((item) => item.id));
      await removeSaved(
        db,
        current.filter((item) => !kept.has(item.id)).map((item) => item.id),
        now,
      );
      await restoreSaved(db, backup.items);
      return { ok: true, restored: backup.items.length, backup: taken };
    });
  } catch (error) {
    return { ok: false, error: toStorageError(error).message };
  }
}

/** Why a clear did nothing when storage is full: the copy kept first is what did not fit. */
const CLEAR_QUOTA_MESSAGE =
  'Lantern keeps a copy of your reading list before clearing it, and your browser’s storage for Lantern is too full for that copy, ' +
  'so nothing was cleared. Free some space in your browser (other sites’ stored data) and try again; export the reading list first if you want a copy of your own.';

/**
 * Empties the reading list ("Clear reading list" in the options page) after keeping it as an
 * automatic backup, in one transaction: the list can be restored from there. Returns the backup
 * taken, or undefined when there was nothing saved.
 */
export async function clearReadingList(db: LanternDB, now = Date.now()): Promise<AutoBackupInfo | undefined> {
  try {
    return await db.transaction('rw', db.saved, db.kv, async () => {
      const items = await db.saved.toArray();
      if (items.length === 0) return undefined;
      const info = await recordAutoBackup(db, items, { takenAt: now, reason: 'clear' });
      await db.saved.clear();
      return info;
    });
  } catch (error) {
    const problem = toStorageError(error);
    throw problem.kind === 'quota' ? new StorageError('quota', CLEAR_QUOTA_MESSAGE, { cause: error }) : problem;
  }
}
