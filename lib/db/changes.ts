/**
 * Which tables a committed change touched, from Dexie's `storagemutated` notice. Dexie sends it
 * to every context of the extension's origin (the background, the popup, the library) through a
 * BroadcastChannel, whichever of them wrote; its parts are named "idb://<database>/<table>/<index>".
 */
import type Dexie from 'dexie';
import type { ObservabilitySet } from 'dexie';

/** Whether `parts` (a storagemutated notice) holds a change to `table` of the database named `database`. */
export function touchesTable(parts: ObservabilitySet, database: string, table: string): boolean {
  const prefix = `idb://${database}/${table}/`;
  return Object.keys(parts).some((part) => part.startsWith(prefix));
}

/**
 * Calls `listener` after each transaction of `database` that wrote to `table` has committed (never
 * for one that aborted), in the context that wrote it: Dexie's storagemutated notice cannot tell
 * a context's own writes from those it hears of. A DBCore middleware, so it must be added before
 * the database opens.
 */
export function onCommittedWrites(database: Dexie, table: string, listener: () => void): void {
  database.use({
    stack: 'dbcore',
    name: `committed-writes-${table}`,
    create: (down) => {
      const heard = new WeakSet<object>();
      return {
        ...down,
        table(name) {
          const downTable = down.table(name);
          if (name !== table) return downTable;
          return {
            ...downTable,
            mutate(request) {
              // Dexie's IndexedDB core hands each request its IDBTransaction: one call per transaction.
              const transaction = request.trans as unknown as EventTarget;
              if (!heard.has(transaction)) {
                heard.add(transaction);
                transaction.addEventListener('complete', () => listener());
              }
              return downTable.mutate(request);
            },
          };
        },
      };
    },
  });
}
