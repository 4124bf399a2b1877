/**
 * What the library page reads from the database and the files it writes: the saved items with
 * the lists that hold each paper now, and the text of each export format.
 */
import type { LanternDB } from '../db/schema';
import type { ListInfo, SavedItem } from '../types';
import type { LibraryRow } from './view';

export interface ListMembership {
  /** Paper id → ids of the lists holding it now. */
  listsOf: Map<string, string[]>;
  lists: ListInfo[];
}

/** Every saved item, most recently added first. */
export function loadSavedItems(db: LanternDB): Promise<SavedItem[]> {
  return db.saved.orderBy('addedAt').reverse().toArray();
}

/**
 * Which lists hold each paper now, from the lists' manifests alone (no entry is read). Kept apart
 * from the saved items so that editing a note does not re-read the catalog.
 */
export async function loadListMembership(db: LanternDB): Promise<ListMembership> {
  const [manifests, lists] = await Promise.all([db.manifests.toArray(), db.lists.toArray()]);
  const listsOf = new Map<string, string[]>();
  for (const { listId, ids } of manifests) {
    for (const id of ids) {
      const holders = listsOf.get(id);
      if (holders) holders.push(listId);
      else listsOf.set(id, [listId]);
    }
  }
  return { listsOf, lists };
}

/** The saved items with their lists: a paper in none is kept and shows as "not in a followed list". */
export function libraryRows(items: readonly SavedItem[], membership: ListMembership | undefined): LibraryRow[] {
  return items.map((item) => ({ item, lists: membership?.listsOf.get(item.id) ?? [] }));
}
