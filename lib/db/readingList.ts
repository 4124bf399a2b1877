/**
 * The reading list's data API. Saved items keep their own copy of the paper, so they outlive
 * list refreshes and list removal. Unsaving never destroys: a removed item moves, whole, to the
 * `removed` table for REMOVED_KEPT_MS (Undo, the library's "Recently removed", saving it again
 * all bring it back with its note and tags) and is purged after. Every write is one transaction
 * (never half-written), and storage failures come back as a `StorageError` with a message meant
 * for the user.
 */
import Dexie from 'dexie';
import type { Paper, ReadingStatus, RemovedItem, SavedItem, SavedPaper, SavedState } from '../types';
import type { LanternDB } from './schema';
import { cleanTags } from '../tags';
import { isReadingStatus } from '../readingStatus';

export type StorageErrorKind = 'quota' | 'storage';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const QUOTA_MESSAGE =
  'Your browser’s storage for Lantern is full, so this change was not saved. Free some space ' +
  '(remove saved papers or other sites’ data) and try again; nothing in your reading list was changed.';

function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e.name === 'QuotaExceededError' || e.name === Dexie.errnames.QuotaExceeded) return true;
  // Dexie wraps the browser's error (e.g. in an AbortError) and keeps it as `inner`.
  const inner = (e as { inner?: unknown }).inner;
  return inner !== undefined && inner !== e && isQuotaError(inner);
}

/** Turns whatever the storage layer threw into a StorageError the UI can show as it is. */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  if (isQuotaError(e)) return new StorageError('quota', QUOTA_MESSAGE, { cause: e });
  const detail = e instanceof Error ? e.message : String(e);
  return new StorageError(
    'storage',
    `Lantern could not write to its storage, so this change was not saved; nothing in your reading list was changed. (${detail})`,
    { cause: e },
  );
}

async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw toStorageError(e);
  }
}

/** The copy of a listed paper that a saved item keeps. */
export function savedPaperFromPaper(paper: Paper): SavedPaper {
  const { line: _line, lists: _lists, addedAt: _addedAt, ...rest } = paper;
  const url = paper.links.find((l) => l.kind === 'paper')?.url ?? paper.links[0]?.url;
  return {
    ...rest,
    categories: [...rest.categories],
    links: rest.links.map((l) => ({ ...l })),
    ids: { ...rest.ids, repos: [...rest.ids.repos] },
    ...(url ? { url } : {}),
  };
}

function newItem(paper: SavedPaper, now: number): SavedItem {
  return {
    id: paper.id,
    paper,
    status: 'to-read',
    statusChangedAt: now,
    tags: [],
    note: '',
    starred: false,
    addedAt: now,
    updatedAt: now,
  };
}

/** How long a removed item stays recoverable: 30 days. */
export const REMOVED_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/** Throws a RangeError in plain words for a value that is not a reading status (untrusted input). */
function checkReadingStatus(status: unknown): void {
  if (status !== undefined && !isReadingStatus(status)) throw new RangeError(`“${String(status)}” is not a reading status (use to-read, reading or read).`);
}

/** The item with reading status `status` from `now` (itself when it already has it). */
function withStatus(item: SavedItem, status: ReadingStatus | undefined, now: number): SavedItem {
  if (status === undefined || status === item.status) return item;
  return { ...item, status, statusChangedAt: now, updatedAt: now, changedAt: { ...item.changedAt, status: now } };
}

/**
 * Saves a paper; saving one already saved changes nothing and returns the existing item. A
 * paper still in `removed` comes back exactly as it was (note, tags, status, times): this is
 * what every "Undo" does, whichever surface removed it. With `status` ("Save as Reading") the
 * item has that reading status, in the same write.
 */
export async function savePaper(db: LanternDB, paper: SavedPaper, now = Date.now(), status?: ReadingStatus): Promise<SavedItem> {
  checkReadingStatus(status);
  return guarded(() =>
    db.transaction('rw', db.saved, db.removed, async () => {
      const existing = await db.saved.get(paper.id);
      if (existing) {
        const next = withStatus(existing, status, now);
        if (next !== existing) await db.saved.put(next);
        return next;
      }
      const removed = await db.removed.get(paper.id);
      const item = withStatus(removed ? removed.item : newItem(structuredClone(paper), now), status, now);
      await db.saved.add(item);
      if (removed) await db.removed.delete(paper.id);
      return item;
    }),
  );
}

/** Whether unsaving this item would put away something the user wrote (a note or tags): the UI asks first. */
export function hasNoteOrTags(item: Pick<SavedItem, 'note' | 'tags'>): boolean {
  return item.note.trim() !== '' || item.tags.length > 0;
}

/** Removes saved items (recoverably, see the top of this file) and returns those that were saved, in order. */
export async function removeSaved(db: LanternDB, ids: readonly string[], now = Date.now()): Promise<SavedItem[]> {
  return guarded(() =>
    db.transaction('rw', db.saved, db.removed, async () => {
      const items = (await db.saved.bulkGet([...ids])).filter((item): item is SavedItem => item !== undefined);
      await db.removed.bulkPut(items.map((item) => ({ id: item.id, removedAt: now, item })));
      await db.saved.bulkDelete(items.map((item) => item.id));
      return items;
    }),
  );
}

/** Removes one saved item (recoverably) and returns it, or undefined when it was not saved. */
export async function unsavePaper(db: LanternDB, id: string, now = Date.now()): Promise<SavedItem | undefined> {
  return (await removeSaved(db, [id], now))[0];
}

/**
 * Brings removed items back as they were ("Restore", "Undo"). An item saved again meanwhile
 * stays as it is now. Returns the ids restored.
 */
export async function restoreRemoved(db: LanternDB, ids: readonly string[]): Promise<string[]> {
  return guarded(() =>
    db.transaction('rw', db.saved, db.removed, async () => {
      const rows = (await db.removed.bulkGet([...ids])).filter((row): row is RemovedItem => row !== undefined);
      const savedAgain = new Set(await db.saved.where('id').anyOf(rows.map((row) => row.id)).primaryKeys());
      const back = rows.filter((row) => !savedAgain.has(row.id));
      await db.saved.bulkAdd(back.map((row) => row.item));
      await db.removed.bulkDelete(rows.map((row) => row.id));
      return back.map((row) => row.id);
    }),
  );
}

/**
 * Items removed in the last REMOVED_KEPT_MS and not saved again since (an import may have), most
 * recently removed first.
 */
export async function listRemoved(db: LanternDB, now = Date.now()): Promise<RemovedItem[]> {
  return db.transaction('r', db.saved, db.removed, async () => {
    const rows = await db.removed.where('removedAt').aboveOrEqual(now - REMOVED_KEPT_MS).reverse().sortBy('removedAt');
    const savedAgain = new Set(await db.saved.where('id').anyOf(rows.map((row) => row.id)).primaryKeys());
    return rows.filter((row) => !savedAgain.has(row.id));
  });
}

/**
 * Ids of items removed in the last REMOVED_KEPT_MS, for "Removed · Undo" beside them. An import
 * may have saved one again since: callers show it only when it is not saved.
 */
export async function recentlyRemovedIds(db: LanternDB, now = Date.now()): Promise<string[]> {
  return db.removed.where('removedAt').aboveOrEqual(now - REMOVED_KEPT_MS).primaryKeys();
}

/** The SavedState of one paper id (lib/types.ts): what a page's badge may know of it. */
export async function savedState(db: LanternDB, id: string, now = Date.now()): Promise<SavedState> {
  return db.transaction('r', db.saved, db.removed, async () => {
    const item = await db.saved.get(id);
    if (item) return { saved: true, recentlyRemoved: false, hasNoteOrTags: hasNoteOrTags(item), status: item.status };
    const removed = await db.removed.get(id);
    return { saved: false, recentlyRemoved: removed !== undefined && removed.removedAt >= now - REMOVED_KEPT_MS, hasNoteOrTags: false };
  });
}

/** Forgets items removed more than REMOVED_KEPT_MS ago; returns how many. */
export async function purgeRemoved(db: LanternDB, now = Date.now()): Promise<number> {
  return guarded(() => db.removed.where('removedAt').below(now - REMOVED_KEPT_MS).delete());
}

export async function isSaved(db: LanternDB, id: string): Promise<boolean> {
  return (await db.saved.get(id)) !== undefined;
}

/** Which of these ids are saved. */
export async function savedIds(db: LanternDB, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set(await db.saved.where('id').anyOf([...ids]).primaryKeys());
}

/** How many papers are saved. */
export function savedCount(db: LanternDB): Promise<number> {
  return db.saved.count();
}

/** Every saved item, most recently added first. */
export async function listSaved(db: LanternDB): Promise<SavedItem[]> {
  return db.saved.orderBy('addedAt').reverse().toArray();
}

/** Every saved paper's id and reading status, read through the status index (no saved record, notes and all, is read). */
export async function savedStatuses(db: LanternDB): Promise<Map<string, ReadingStatus>> {
  const [ids, reading, done] = await Promise.all([
    db.saved.toCollection().primaryKeys(),
    db.saved.where('status').equals('reading').primaryKeys(),
    db.saved.where('status').equals('read').primaryKeys(),
  ]);
  const statuses = new Map<string, ReadingStatus>(ids.map((id) => [id, 'to-read']));
  for (const id of reading) statuses.set(id, 'reading');
  for (const id of done) statuses.set(id, 'read');
  return statuses;
}

export type SavedPatch = Partial<Pick<SavedItem, 'status' | 'tags' | 'note' | 'starred'>>;

/**
 * Edits a saved item's status, tags, note or star. A status change records when it happened;
 * any edit moves `updatedAt`. Returns the updated item, or undefined when it is not saved.
 */
export async function updateSaved(
  db: LanternDB,
  id: string,
  patch: SavedPatch,
  now = Date.now(),
): Promise<SavedItem | undefined> {
  checkReadingStatus(patch.status);
  return guarded(() =>
    db.transaction('rw', db.saved, async () => {
      const item = await db.saved.get(id);
      if (!item) return undefined;
      const next: SavedItem = { ...withStatus(item, patch.status, now), updatedAt: now };
      const changed = (next.changedAt = { ...next.changedAt });
      if (patch.tags !== undefined) {
        next.tags = cleanTags(patch.tags);
        changed.tags = now;
      }
      if (patch.note !== undefined) {
        next.note = patch.note;
        changed.note = now;
      }
      if (patch.starred !== undefined) {
        next.starred = patch.starred;
        changed.starred = now;
      }
      await db.saved.put(next);
      return next;
    }),
  );
}

/** Edits several saved items in one transaction (the library's bulk actions): all or none. Returns them as updateSaved does, in order. */
export async function updateManySaved(
  db: LanternDB,
  edits: ReadonlyArray<{ id: string; patch: SavedPatch }>,
  now = Date.now(),
): Promise<Array<SavedItem | undefined>> {
  return guarded(() => db.transaction('rw', db.saved, () => Promise.all(edits.map(({ id, patch }) => updateSaved(db, id, patch, now)))));
}

/** Puts items back exactly as they were (undo of a removal), all or none; they leave "Recently removed". */
export async function restoreSaved(db: LanternDB, items: readonly SavedItem[]): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.saved, db.removed, async () => {
      await db.saved.bulkPut([...items]);
      await db.removed.bulkDelete(items.map((item) => item.id));
    }),
  );
}

/**
 * Asks the browser not to evict Lantern's data under storage pressure. Returns whether the
 * storage is persistent; false when the browser has no such API or declines.
 */
export async function requestPersistentStorage(
  storage: Partial<Pick<StorageManager, 'persist' | 'persisted'>> | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted?.()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
