/**
 * Keeps followed lists fresh (lib/refresh): "Update now", adding and removing lists, and the
 * scheduled check, a one-shot alarm set for the earliest list due (its time already includes
 * any retry backoff). Progress goes to storage.session (`refreshProgress`), which the
 * popup and options page watch. After a list changes, the stored search index is rebuilt here
 * so the popup loads it instead of building it.
 */
import { browser } from 'wxt/browser';
import type { LanternDB } from '../../lib/db/schema';
import {
  addList,
  checkRunsAt,
  countNewEntries,
  dueLists,
  earliestCheckAt,
  hostPermissionToGiveBack,
  isValidSchedule,
  markEntriesSeen,
  readRefreshStates,
  readSchedule,
  refreshLists,
  removeList,
  setListEnabled,
  startNewEntriesClock,
  writeSchedule,
  type AddListOutcome,
  type RefreshDeps,
  type RefreshOutcome,
  type RefreshProgress,
} from '../../lib/refresh';
import { refreshProgress } from '../../lib/refresh/progressItem';
import { ALL_SITES_SCRIPT } from '../../lib/allSites';
import { isPermissionScriptOn } from '../../lib/permissionScripts';
import { oneRecordPerPaper } from '../../lib/db/papers';
import type { SearchIndexKeeper } from '../../lib/search/store';
import type { Handlers, Request, Response } from '../../lib/messages';

const ALARM = 'lantern-refresh';
const PROGRESS_EVERY_MS = 200;


function progressReporter(): (progress: RefreshProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (progress.phase !== 'done' && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    // Where storage.session is missing (old browsers) the write fails and progress is simply not shown.
    const write = progress.phase === 'done' ? refreshProgress.removeValue() : refreshProgress.setValue(progress);
    write.catch(() => undefined);
  };
}

async function reschedule(database: LanternDB): Promise<void> {
  if (!browser.alarms) return;
  const when = await earliestCheckAt(database);
  if (when === undefined) {
    await browser.alarms.clear(ALARM);
    return;
  }
  await browser.alarms.create(ALARM, { when: checkRunsAt(when, Date.now()) });
}

/** Rebuilt before answering, so a popup reopened after "Update now" loads a fresh index instead of building one. */
async function refreshSearchIndex(searchIndex: SearchIndexKeeper): Promise<void> {
  await searchIndex.ensureStored().catch((e: unknown) => console.error('Lantern could not rebuild its search index.', e));
}

/**
 * Removing a list gives back the host permission its adding asked for, once no other list reads
 * from that host. Not while "all sites" is granted: that grant covers the host, and is the user's
 * own choice to keep or undo.
 */
async function giveBackHostPermission(database: LanternDB, removedSourceUrl: string): Promise<void> {
  const remaining = (await database.lists.toArray()).map((l) => l.sourceUrl);
  const origin = hostPermissionToGiveBack(removedSourceUrl, remaining);
  if (!origin || (await isPermissionScriptOn(ALL_SITES_SCRIPT))) return;
  await browser.permissions.remove({ origins: [origin] }).catch((e: unknown) => console.error('Lantern could not give back a host permission.', e));
}

/** Keeping lists fresh, as the background's message handlers and start-up use it. */
export interface ListRefresher {
  refresh(listIds?: readonly string[], acceptShrink?: boolean): Promise<RefreshOutcome[]>;
  addList(url: string): Promise<AddListOutcome>;
  removeList(listId: string): Promise<void>;
  setListEnabled(listId: string, enabled: boolean): Promise<void>;
  state(): Promise<Response<'getRefreshState'>>;
  setSchedule(schedule: Request<'setRefreshSchedule'>): ReturnType<Handlers['setRefreshSchedule']>;
  markEntriesSeen(): Promise<{ seenAt: number }>;
  /**
   * At browser start and install: once `seeded` settles (so the "new entries" clock starts after
   * the bundled list, which is not news), starts that clock and sets the next check.
   */
  start(seeded: Promise<void>): Promise<void>;
  /** Runs the scheduled check when its alarm fires; call once, synchronously at start-up. */
  watchAlarm(): void;
}

export function createListRefresher(database: LanternDB, searchIndex: SearchIndexKeeper): ListRefresher {
  // One refresh run at a time: "Update now" twice, or during a scheduled check, waits its turn.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  // A stored list's entries go straight to the index rebuild that follows, instead of being read back.
  const refreshDeps = (): RefreshDeps => ({
    onProgress: progressReporter(),
    onStored: (list, entries) => searchIndex.offerStoredList(list, entries),
    hasHostPermission: (origin) => browser.permissions.contains({ origins: [origin] }).catch(() => false),
  });
  const afterChange = async () => {
    // A list that now holds a saved paper makes the saved record that paper's.
    await oneRecordPerPaper(database).catch((e: unknown) => console.error('Lantern could not merge duplicate saved papers.', e));
    await refreshSearchIndex(searchIndex);
    await reschedule(database);
  };
  const refresh = (listIds?: readonly string[], acceptShrink = false) =>
    serially(async () => {
      const outcomes = await refreshLists(database, listIds, { ...refreshDeps(), acceptShrink });
      await afterChange();
      return outcomes;
    });

  return {
    refresh,
    addList: (url) =>
      serially(async () => {
        const outcome = await addList(database, url, refreshDeps());
        if (outcome.ok) await afterChange();
        return outcome;
      }),
    async removeList(listId) {
      if (listId === 'seed') throw new Error('The bundled list cannot be removed; turn it off instead.');
      const removed = await database.lists.get(listId);
      await serially(() => removeList(database, listId));
      if (removed) await giveBackHostPermission(database, removed.sourceUrl);
      await afterChange();
    },
    async setListEnabled(listId, enabled) {
      await setListEnabled(database, listId, enabled);
      await afterChange();
    },
    async state() {
      const [lists, states, schedule, due, newEntries] = await Promise.all([
        database.lists.toArray(),
        readRefreshStates(database),
        readSchedule(database),
        earliestCheckAt(database),
        countNewEntries(database),
      ]);
      return { lists, states, schedule, ...(due !== undefined && { nextCheckAt: checkRunsAt(due, Date.now()) }), newEntries: newEntries.count };
    },
    async setSchedule(schedule) {
      if (!isValidSchedule(schedule)) throw new Error('That schedule is not one of the choices.');
      await writeSchedule(database, { intervalHours: schedule.intervalHours });
      await reschedule(database);
      return schedule;
    },
    async markEntriesSeen() {
      const seenAt = Date.now();
      await markEntriesSeen(database, seenAt);
      return { seenAt };
    },
    async start(seeded) {
      await seeded.catch(() => undefined);
      await startNewEntriesClock(database);
      await reschedule(database);
    },
    watchAlarm() {
      browser.alarms?.onAlarm.addListener((alarm) => {
        if (alarm.name !== ALARM) return;
        void dueLists(database, Date.now())
          .then(async (due) => {
            if (due.length > 0) await refresh(due);
            else await reschedule(database);
          })
          .catch((e: unknown) => console.error('Lantern’s scheduled list check failed.', e));
      });
    },
  };
}
