/**
 * Sync's view of this device's reading list (Dexie's `saved` and `removed` tables) and its own
 * state (the `kv` table under SYNC_STATE_KEY). A change from another device is written in one
 * transaction and skipped for any item that changed since it was read (the next sync merges it);
 * a removal moves the item to `removed`, whole, as an unsave does, so it can be restored.
 */
import { paperById } from '../db/catalog';
import { listedPapersOf } from '../db/papers';
import { toStorageError } from '../db/readingList';
import { asListedItem } from '../formats/importItems';
import type { LanternDB } from '../db/schema';
import type { SavedItem } from '../types';
import type { LocalChanges } from './doc';
import type { SyncLocal, SyncState } from './engine';

export const SYNC_STATE_KEY = 'sync-state';

function readState(value: unknown): SyncState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Partial<SyncState>;
  if (!Array.isArray(state.base) || !Array.isArray(state.writes)) return undefined;
  return state as SyncState;
}

export function dexieSyncLocal(db: LanternDB): SyncLocal {
  return {
    async read() {
      return db.transaction('r', db.saved, db.removed, async () => ({ saved: await db.saved.toArray(), removed: await db.removed.toArray() }));
    },
    async apply(changes: LocalChanges) {
      // A paper new here that a list of this device holds takes the list's full record.
      const papers = new Map<string, SavedItem['paper']>();
      const fresh = changes.upserts.filter(({ readUpdatedAt }) => readUpdatedAt === undefined).map(({ item }) => item);
      const listedOf = await listedPapersOf(db, fresh.map((item) => item.paper)).catch(() => []);
      for (const [i, item] of fresh.entries()) {
        const listed = (await paperById(db, item.id).catch(() => undefined)) ?? listedOf[i];
        // With what the other copy adds (its page's full author list, an identifier).
        if (listed && listed.id === item.id) papers.set(item.id, asListedItem(item, listed).paper);
      }
      try {
        await db.transaction('rw', db.saved, db.removed, async () => {
          for (const { item, readUpdatedAt } of changes.upserts) {
            const now = await db.saved.get(item.id);
            if (now?.updatedAt !== readUpdatedAt) continue;
            const paper = now ? now.paper : papers.get(item.id) ?? item.paper;
            await db.saved.put({ ...item, paper });
            await db.removed.delete(item.id);
          }
          for (const { id, readUpdatedAt, removedAt } of changes.removals) {
            const now = await db.saved.get(id);
            if (!now || now.updatedAt !== readUpdatedAt) continue;
            await db.removed.put({ id, removedAt, item: now });
            await db.saved.delete(id);
          }
        });
      } catch (error) {
        throw toStorageError(error);
      }
    },
    async readState() {
      return readState((await db.kv.get(SYNC_STATE_KEY))?.value);
    },
    async writeState(state: SyncState) {
      await db.kv.put({ key: SYNC_STATE_KEY, value: state });
    },
  };
}
