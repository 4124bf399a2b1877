/**
 * One sync of the reading list with the browser's sync storage, and the timing of syncs: changes
 * are gathered (a burst of edits becomes one write, after DEBOUNCE_MS of quiet) and writes keep
 * within the browser's write limits (./writeLimits.ts).
 *
 * A sync reads the sync area and the local reading list, merges them with what this device last
 * agreed on (./doc.ts), brings the local reading list up to date (removals are recoverable, as any
 * unsave), and writes the chunks that changed (./pack.ts). The local reading list is never cut to
 * what fits: what does not fit stays here, and the status says so.
 *
 * The storage is passed in (`SyncArea`, `SyncLocal`), so tests run two devices on one area.
 */
import type { RemovedItem, SavedItem } from '../types';
import { forgetOldRemovals, localChanges, localDoc, mergeDocs, withCurrentTitleIds, type LocalChanges, type SyncDoc, type SyncEntry } from './doc';
import { DEFAULT_PACK_LIMITS, itemBytes, packDoc, SYNC_LIMITS, unpackArea, type PackLimits } from './pack';
import { nextWriteAt, quotaError, recentWrites, retryAfterLimit, writeLimitError } from './writeLimits';

/** The browser's sync storage as sync uses it (browser.storage.sync, or a test's fake). */
export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** What sync keeps for itself on this device between syncs. */
export interface SyncState {
  /** The entries this device last agreed on (papers left out: the reading list holds them). */
  base: SyncEntry[];
  /** Epoch ms of this device's writes in the last hour. */
  writes: number[];
  /** No write before this time (epoch ms): the browser refused one for its write limits. */
  holdUntil?: number;
}

/** This device's reading list and sync's own state, as sync reads and changes them. */
export interface SyncLocal {
  read(): Promise<{ saved: SavedItem[]; removed: RemovedItem[] }>;
  /** Makes the changes; a change to an item that changed since it was read is skipped. */
  apply(changes: LocalChanges): Promise<void>;
  readState(): Promise<SyncState | undefined>;
  writeState(state: SyncState): Promise<void>;
}

/** What the options page shows. Counts are of papers; bytes as the sync quota counts them. */
export interface SyncStatus {
  /** Epoch ms of the sync this describes. */
  at: number;
  savedTotal: number;
  savedSynced: number;
  /** Saved papers that did not fit (they stay in this browser). */
  notSynced: number;
  /** Synced papers whose note did not fit. */
  notesNotSynced: number;
  bytes: number;
  quotaBytes: number;
  /** What went wrong, in plain words, when something did. */
  problem?: string;
  /** Epoch ms of the next write when the write limits hold one back. */
  waitingUntil?: number;
}

export const DEBOUNCE_MS = 3_000;

const NEWER_FORMAT =
  'Another of your devices syncs with a newer version of Lantern. Update Lantern in this browser to sync its reading list again; nothing here was changed.';
const QUOTA_FULL =
  'The browser’s sync space is fuller than Lantern expected, so the latest changes were not synced. They are kept in this browser; Lantern tries again later.';

function problemText(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Lantern could not use the browser’s sync storage (${detail}). Your reading list in this browser is unchanged; Lantern tries again later.`;
}

function stripPapers(doc: SyncDoc): SyncEntry[] {
  return [...doc.values()].map(({ paper: _paper, ...entry }) => entry);
}

/**
 * One sync at `now`. Returns the status; `waitingUntil` says when to run again when a write had
 * to wait. Throws only when the local database fails (nothing is written to sync then).
 */
export async function syncOnce(area: SyncArea, local: SyncLocal, now: number, limits: PackLimits = DEFAULT_PACK_LIMITS): Promise<SyncStatus> {
  const [raw, list, state] = await Promise.all([area.get(), local.read(), local.readState()]);
  const remote = unpackArea(raw);
  const base: SyncDoc = new Map((state?.base ?? []).map((entry) => [entry.id, entry]));
  let writes = recentWrites(state?.writes ?? [], now);
  let holdUntil = state?.holdUntil !== undefined && state.holdUntil > now ? state.holdUntil : undefined;

  const mine = localDoc(base, list.saved, list.removed, now);
  // Old title ids are moved after merging, so a copy this device holds under today's id is joined with another device's (withCurrentTitleIds).
  const merged = forgetOldRemovals(withCurrentTitleIds(mergeDocs(mine, remote.doc), now), now);
  const changes = localChanges(merged, list.saved, list.removed);
  if (changes.upserts.length > 0 || changes.removals.length > 0) await local.apply(changes);

  // Room taken by keys that are not Lantern's chunks stays theirs.
  let foreign = 0;
  for (const [key, value] of Object.entries(raw)) if (!remote.keys.includes(key)) foreign += itemBytes(key, value);
  const room: PackLimits = { ...limits, totalBytes: Math.max(0, limits.totalBytes - foreign) };
  const packed = packDoc(merged, room);
  const status: SyncStatus = {
    at: now,
    savedTotal: packed.report.savedTotal,
    savedSynced: packed.report.savedSynced,
    notSynced: packed.report.notSynced.length,
    notesNotSynced: packed.report.notesNotSynced.length,
    bytes: packed.report.bytes,
    quotaBytes: SYNC_LIMITS.QUOTA_BYTES,
  };

  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(packed.items)) if (JSON.stringify(raw[key]) !== JSON.stringify(value)) changed[key] = value;
  const stale = remote.keys.filter((key) => !(key in packed.items));
  const calls = (Object.keys(changed).length > 0 ? 1 : 0) + (stale.length > 0 ? 1 : 0);

  if (remote.newerFormat) status.problem = NEWER_FORMAT;
  else if (calls > 0) {
    const at = Math.max(nextWriteAt(writes, now, calls), holdUntil ?? now);
    if (at > now) status.waitingUntil = at;
    else {
      try {
        if (Object.keys(changed).length > 0) {
          await area.set(changed);
          writes.push(now);
        }
        if (stale.length > 0) {
          await area.remove(stale);
          writes.push(now);
        }
        holdUntil = undefined;
      } catch (error) {
        const limit = writeLimitError(error);
        if (limit) {
          holdUntil = retryAfterLimit(limit, now);
          status.waitingUntil = holdUntil;
        } else status.problem = quotaError(error) ? QUOTA_FULL : problemText(error);
      }
    }
  }
  writes = recentWrites(writes, now);
  await local.writeState({ base: stripPapers(merged), writes, ...(holdUntil !== undefined && { holdUntil }) });
  return status;
}

/** Timers as the scheduler uses them (the global ones, or a test's). */
export interface SyncClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncScheduler {
  /** Something changed (here or in the sync area): sync after `delayMs` of quiet. */
  changed(delayMs?: number): void;
  /** Resolves once no sync is running (one may still be due). */
  idle(): Promise<void>;
  stop(): void;
}

/** The longest a change waits while more keep coming. */
export const MAX_WAIT_MS = 30_000;

/**
 * Runs `syncOnce` after changes, one at a time: changes within DEBOUNCE_MS of each other are
 * synced together (at most MAX_WAIT_MS after the first); a change during a sync runs another after
 * it; a write held back by the write limits runs again when it may. `run` answers undefined when
 * it did not sync (sync is off). `onStatus` hears every status,
 * `onError` every failure of the local database.
 */
export function scheduleSync(run: (now: number) => Promise<SyncStatus | undefined>, clock: SyncClock, onStatus: (status: SyncStatus) => void, onError: (error: unknown) => void): SyncScheduler {
  let timer: unknown;
  let firstPendingAt: number | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const waiters: (() => void)[] = [];

  const settle = () => {
    if (running === undefined) for (const wake of waiters.splice(0)) wake();
  };
  const arm = (at: number) => {
    if (stopped) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(fire, Math.max(0, at - clock.now()));
  };
  const fire = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    firstPendingAt = undefined;
    running = run(clock.now())
      .then(
        (status) => {
          if (!status) return;
          onStatus(status);
          if (status.waitingUntil !== undefined && timer === undefined) arm(status.waitingUntil);
        },
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          arm(clock.now());
        }
        settle();
      });
  };
  const changed = (delayMs = DEBOUNCE_MS) => {
    if (stopped) return;
    const now = clock.now();
    firstPendingAt ??= now;
    arm(Math.min(now + delayMs, firstPendingAt + MAX_WAIT_MS));
  };
  return {
    changed,
    idle() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      settle();
    },
  };
}
