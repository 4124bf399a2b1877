/** Writes a list's diff to the database in one transaction: all of it or, on any error, none of it. */
import { storedEntry } from '../db/catalog';
import type { LanternDB } from '../db/schema';
import type { ListInfo, StoredEntry } from '../types';
import type { ListDiff } from './diff';

/** Rows per bulkPut: each chunk reports progress; all chunks share the one transaction. */
export const APPLY_CHUNK = 5_000;

export async function applyListDiff(
  db: LanternDB,
  list: ListInfo,
  diff: ListDiff,
  { now = Date.now(), onProgress }: { now?: number; onProgress?: (applied: number, total: number) => void } = {},
): Promise<void> {
  const rows: StoredEntry[] = [
    ...diff.added.map((entry) => storedEntry(list.id, entry, now)),
    ...diff.changed.map(({ entry, addedAt }) => storedEntry(list.id, entry, addedAt)),
  ];
  const total = rows.length + diff.removed.length;
  await db.transaction('rw', db.lists, db.entries, async () => {
    await db.entries.bulkDelete(diff.removed.map((id): [string, string] => [list.id, id]));
    onProgress?.(diff.removed.length, total);
    for (let start = 0; start < rows.length; start += APPLY_CHUNK) {
      await db.entries.bulkPut(rows.slice(start, start + APPLY_CHUNK));
      onProgress?.(diff.removed.length + Math.min(rows.length, start + APPLY_CHUNK), total);
    }
    await db.lists.put(list);
  });
}
