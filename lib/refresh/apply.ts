/** Writes a list's new copy to the database in one transaction: all of it or, on any error, none of it. */
import { replaceListEntries, type ReplaceOptions } from '../db/catalog';
import type { LanternDB } from '../db/schema';
import type { CatalogEntry, ListInfo } from '../types';
import { hasChanges, type ListDiff } from './diff';

/**
 * Stores `entries` as the whole content of `list`, whose `diff` against the stored copy is known.
 * A copy with no change only updates the list's row (when it was fetched, its validators).
 */
export async function applyListUpdate(
  db: LanternDB,
  list: ListInfo,
  entries: readonly CatalogEntry[],
  diff: ListDiff,
  { now = Date.now(), onProgress, onStored, linkKeys, previous }: Pick<ReplaceOptions, 'now' | 'onProgress' | 'onStored' | 'linkKeys' | 'previous'> = {},
): Promise<void> {
  if (!hasChanges(diff)) {
    await db.lists.put(list);
    return;
  }
  const { entryCount: _count, ...info } = list;
  await replaceListEntries(db, info, entries, { now, digests: diff.digests, ...(linkKeys && { linkKeys }), ...(previous && { previous }), ...(onProgress && { onProgress }), ...(onStored && { onStored }) });
}
