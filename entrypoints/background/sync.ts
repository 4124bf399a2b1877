/**
 * The reading list on every device: the background runs sync (lib/sync) when the reading list
 * changes here (Dexie's change notice, whichever page wrote), when the sync area changes (another
 * device, through the browser's sync), at each start of the worker, and on an alarm that also
 * catches changes made while the worker slept and writes that had to wait for the write limits.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { browser } from 'wxt/browser';
import { touchesTable } from '../../lib/db/changes';
import type { LanternDB } from '../../lib/db/schema';
import { dexieSyncLocal } from '../../lib/sync/dexieStore';
import { scheduleSync, syncOnce, type SyncArea, type SyncStatus } from '../../lib/sync/engine';
import { CHUNK_PREFIX } from '../../lib/sync/pack';
import { syncEnabled, syncStatus } from '../../lib/sync/settings';

const ALARM = 'lantern-sync';
const WAIT_ALARM = 'lantern-sync-wait';
/** A change from another device is taken in after this much quiet (its chunks arrive one by one). */
const REMOTE_QUIET_MS = 1_000;

/** Starts sync; returns the function that stops listening to the database. */
export function setupSync(database: LanternDB): () => void {
  const sync = browser.storage.sync;
  if (!sync) return () => undefined;
  const area: SyncArea = {
    get: () => sync.get(null),
    set: (items) => sync.set(items),
    remove: (keys) => sync.remove(keys),
  };
  const local = dexieSyncLocal(database);
  let last: SyncStatus | null = null;
  const scheduler = scheduleSync(
    async (now) => ((await syncEnabled.getValue()) ? syncOnce(area, local, now) : undefined),
    { now: Date.now, setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    (status) => {
      last = status;
      void syncStatus.setValue(status);
      // The worker may sleep before a held write is due: the alarm wakes it.
      if (status.waitingUntil !== undefined) void browser.alarms?.create(WAIT_ALARM, { when: status.waitingUntil });
    },
    (error) => {
      const detail = error instanceof Error ? error.message : String(error);
      void syncStatus.setValue({
        ...(last ?? { at: Date.now(), savedTotal: 0, savedSynced: 0, notSynced: 0, notesNotSynced: 0, bytes: 0, quotaBytes: 0 }),
        problem: `Lantern could not sync: ${detail}`,
      });
    },
  );

  const onLocalChange = (parts: ObservabilitySet) => {
    if (touchesTable(parts, database.name, 'saved') || touchesTable(parts, database.name, 'removed')) scheduler.changed();
  };
  Dexie.on.storagemutated.subscribe(onLocalChange);
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'sync' && Object.keys(changes).some((key) => key.startsWith(CHUNK_PREFIX))) scheduler.changed(REMOTE_QUIET_MS);
  });
  syncEnabled.watch((enabled) => {
    if (enabled) scheduler.changed(0);
  });
  void browser.alarms?.create(ALARM, { periodInMinutes: 15 });
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM || alarm.name === WAIT_ALARM) scheduler.changed(0);
  });
  scheduler.changed();
  return () => {
    Dexie.on.storagemutated.unsubscribe(onLocalChange);
    scheduler.stop();
  };
}
