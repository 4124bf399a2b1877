/**
 * Which tables a committed change touched, from Dexie's `storagemutated` notice. Dexie sends it
 * to every context of the extension's origin (the background, the popup, the library) through a
 * BroadcastChannel, whichever of them wrote; its parts are named "idb://<database>/<table>/<index>".
 */
import type { ObservabilitySet } from 'dexie';

/** Whether `parts` (a storagemutated notice) holds a change to `table` of the database named `database`. */
export function touchesTable(parts: ObservabilitySet, database: string, table: string): boolean {
  const prefix = `idb://${database}/${table}/`;
  return Object.keys(parts).some((part) => part.startsWith(prefix));
}
