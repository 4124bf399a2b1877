/**
 * A live query over a database that is loaded on first use: the popup shows its first results
 * without Dexie and loads it afterwards (entrypoints/popup/database.ts), while its watchers are
 * set up at once and must be stoppable before the load is done.
 */
import type { liveQuery } from 'dexie';
import type { LanternDB } from './schema';

/** What a live query needs, as the loaded module gives it. */
export interface LoadedDatabase {
  db: LanternDB;
  liveQuery: typeof liveQuery;
}

/**
 * Calls `next` with `query`'s result over the loaded module (its database and whatever else it
 * gives: a live query must await nothing but Dexie's own promises, so the query gets it loaded),
 * now and after every change to what it read, and `error` when the load or the query fails.
 * Returns the unsubscribe; called before the load is done, it keeps the query from ever running.
 */
export function watchLoaded<M extends LoadedDatabase, T>(
  load: () => Promise<M>,
  query: (loaded: M) => Promise<T>,
  next: (value: T) => void,
  error: (e: unknown) => void,
): () => void {
  let stopped = false;
  let subscription: { unsubscribe(): void } | undefined;
  load().then((loaded) => {
    if (!stopped) subscription = loaded.liveQuery(() => query(loaded)).subscribe({ next, error });
  }, error);
  return () => {
    stopped = true;
    subscription?.unsubscribe();
  };
}
