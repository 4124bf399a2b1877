/**
 * What Lantern remembers of refreshes, in db.kv: per list, its check history and the summary of
 * its last change; the schedule; and when the user last saw new entries.
 */
import { newestAddedAt } from '../db/catalog';
import type { LanternDB } from '../db/schema';
import { entriesSeenAt } from '../popup/newEntries';
import type { RefreshFailure } from './failure';
import { DEFAULT_SCHEDULE, isValidSchedule, type CheckHistory, type RefreshSchedule } from './schedule';

export const REFRESH_STATE_KEY = 'refresh-state';
export const REFRESH_SCHEDULE_KEY = 'refresh-schedule';
export const ENTRIES_SEEN_AT_KEY = 'entries-seen-at';

/** What one successful refresh changed. */
export interface RefreshSummary {
  at: number;
  added: number;
  changed: number;
  removed: number;
  total: number;
  /** Lines of the list the parser could not read. */
  skippedLines: number;
  /** Titles of the first added entries, for "what is new". */
  addedTitles: string[];
  /** The server answered 304 or the content was the same. */
  unchanged: boolean;
}

export interface ListRefreshState extends CheckHistory {
  /** The last failure in plain words, cleared by the next success. */
  lastError?: string;
  /** What kind of failure that was: a list that shrank can be applied anyway, on request. */
  lastFailure?: RefreshFailure['kind'];
  lastSummary?: RefreshSummary;
}

export type RefreshStates = Record<string, ListRefreshState>;

export async function readRefreshStates(db: LanternDB): Promise<RefreshStates> {
  const value = (await db.kv.get(REFRESH_STATE_KEY))?.value;
  return typeof value === 'object' && value !== null ? (value as RefreshStates) : {};
}

/** Read-modify-write of one list's state inside a transaction, so concurrent refreshes of other lists are not lost. */
export async function updateRefreshState(
  db: LanternDB,
  listId: string,
  update: (previous: ListRefreshState | undefined) => ListRefreshState | undefined,
): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    const states = await readRefreshStates(db);
    const next = update(states[listId]);
    if (next) states[listId] = next;
    else delete states[listId];
    await db.kv.put({ key: REFRESH_STATE_KEY, value: states });
  });
}

export async function readSchedule(db: LanternDB): Promise<RefreshSchedule> {
  const value = (await db.kv.get(REFRESH_SCHEDULE_KEY))?.value;
  return isValidSchedule(value) ? value : DEFAULT_SCHEDULE;
}

export async function writeSchedule(db: LanternDB, schedule: RefreshSchedule): Promise<void> {
  await db.kv.put({ key: REFRESH_SCHEDULE_KEY, value: schedule });
}

/**
 * Papers (in enabled lists) that first appeared after `since`: a paper some list already held
 * before is not news when another list adds it (the popup's "New" marks use the same rule, through
 * mergeEntries' earliest addedAt). Reads the lists' manifests only, no entry.
 */
async function enabledEntriesAddedAfter(db: LanternDB, since: number): Promise<number> {
  const [lists, manifests] = await Promise.all([db.lists.toArray(), db.manifests.toArray()]);
  const enabled = new Set(lists.filter((l) => l.enabled).map((l) => l.id));
  const firstListed = new Map<string, number>();
  const inEnabled = new Set<string>();
  for (const manifest of manifests) {
    const isEnabled = enabled.has(manifest.listId);
    manifest.ids.forEach((id, i) => {
      const at = manifest.addedAt[i]!;
      const first = firstListed.get(id);
      if (first === undefined || at < first) firstListed.set(id, at);
      if (isEnabled) inEnabled.add(id);
    });
  }
  let count = 0;
  for (const id of inEnabled) if (firstListed.get(id)! > since) count++;
  return count;
}

/** When entries count as seen up to (epoch ms), or undefined before the clock starts (or when its row is damaged). */
export async function readEntriesSeenAt(db: LanternDB): Promise<number | undefined> {
  return entriesSeenAt((await db.kv.get(ENTRIES_SEEN_AT_KEY))?.value);
}

/**
 * Starts the "new entries" clock if it is not running: what the database holds now (the bundled
 * list, just seeded) is not news. Returns when entries count as seen up to.
 */
export async function startNewEntriesClock(db: LanternDB, now = Date.now()): Promise<number> {
  const seen = await readEntriesSeenAt(db);
  if (seen !== undefined) return seen;
  let newest = 0;
  for (const manifest of await db.manifests.toArray()) for (const at of manifest.addedAt) if (at > newest) newest = at;
  const start = Math.max(now, newest);
  await db.kv.put({ key: ENTRIES_SEEN_AT_KEY, value: start });
  return start;
}

/**
 * How many papers (in enabled lists) arrived since the user last dismissed "new entries". While
 * no enabled list has an entry newer than that (newestAddedAt), none is new and no manifest is read.
 */
export async function countNewEntries(db: LanternDB, now = Date.now()): Promise<{ count: number; since: number }> {
  const since = await startNewEntriesClock(db, now);
  const [lists, newest] = await Promise.all([db.lists.toArray(), newestAddedAt(db)]);
  const nothingNew = lists.every((l) => !l.enabled || (newest[l.id] ?? Infinity) <= since);
  return { count: nothingNew ? 0 : await enabledEntriesAddedAfter(db, since), since };
}

/** "Dismiss": entries added up to now are no longer new. */
export async function markEntriesSeen(db: LanternDB, now = Date.now()): Promise<void> {
  await db.kv.put({ key: ENTRIES_SEEN_AT_KEY, value: now });
}
