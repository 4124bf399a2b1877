/**
 * Catalog queries: writing lists' entries and reading papers back. Every function takes the
 * database as its first parameter so tests (and benchmarks) pass their own.
 */
import type { CatalogEntry, CatalogSnapshot, ListInfo, Paper, StoredEntry } from '../types';
import { paperKeys } from '../ids';
import type { LanternDB } from './schema';

/** The bundled list's id. */
export const SEED_LIST_ID = 'seed';

export function storedEntry(listId: string, entry: CatalogEntry, addedAt: number): StoredEntry {
  return { ...entry, listId, keys: paperKeys(entry.ids, entry.titleKey), addedAt };
}

export interface ReplaceResult {
  added: number;
  removed: number;
  total: number;
}

/**
 * Makes `entries` the whole content of one list, in one transaction: entries that were already
 * there keep their `addedAt` (so "new" marks stay honest), the others get `now`, and entries no
 * longer in the list are deleted. Saved items are never touched: they keep their own copy.
 */
export async function replaceListEntries(
  db: LanternDB,
  list: Omit<ListInfo, 'entryCount'>,
  entries: readonly CatalogEntry[],
  now = Date.now(),
): Promise<ReplaceResult> {
  const incoming = new Map(entries.map((e) => [e.id, e]));
  return db.transaction('rw', db.lists, db.entries, async () => {
    const existing = await db.entries.where('listId').equals(list.id).toArray();
    const addedAtById = new Map(existing.map((e) => [e.id, e.addedAt]));
    const gone = existing.filter((e) => !incoming.has(e.id)).map((e): [string, string] => [e.listId, e.id]);
    await db.entries.bulkDelete(gone);
    await db.entries.bulkPut([...incoming.values()].map((e) => storedEntry(list.id, e, addedAtById.get(e.id) ?? now)));
    await db.lists.put({ ...list, entryCount: incoming.size });
    const added = [...incoming.keys()].filter((id) => !addedAtById.has(id)).length;
    return { added, removed: gone.length, total: incoming.size };
  });
}

/**
 * Loads the bundled snapshot as the "seed" list. Safe to run on every install and update. A seed
 * list refreshed from its source after the snapshot was made is newer than the snapshot, so it
 * is kept as it is (an extension update must not roll it back).
 */
export async function seedFromSnapshot(db: LanternDB, snapshot: CatalogSnapshot, now = Date.now()): Promise<ReplaceResult> {
  const previous = await db.lists.get(SEED_LIST_ID);
  const sourceDate = Date.parse(snapshot.sourceDate);
  if (previous && !Number.isNaN(sourceDate) && previous.fetchedAt > sourceDate) {
    return { added: 0, removed: 0, total: previous.entryCount };
  }
  return replaceListEntries(
    db,
    {
      id: SEED_LIST_ID,
      name: snapshot.name,
      sourceUrl: snapshot.sourceUrl,
      // A user who turned the seed list off keeps it off across updates.
      enabled: previous?.enabled ?? true,
      fetchedAt: Number.isNaN(sourceDate) ? now : sourceDate,
    },
    snapshot.entries,
    now,
  );
}

/** Forgets a list and its entries; saved items stay (they are shown as "no longer in the list"). */
export async function removeList(db: LanternDB, listId: string): Promise<void> {
  await db.transaction('rw', db.lists, db.entries, async () => {
    await db.entries.where('listId').equals(listId).delete();
    await db.lists.delete(listId);
  });
}

/**
 * One Paper per id, in first-seen order, with every list it is in, the union of its categories,
 * and the earliest `addedAt` of its memberships: a known paper that a new list also holds is not news.
 */
export function mergeEntries(rows: readonly StoredEntry[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const { listId, keys: _keys, addedAt, ...entry } of rows) {
    const paper = byId.get(entry.id);
    if (!paper) {
      byId.set(entry.id, { ...entry, categories: [...entry.categories], lists: [listId], addedAt });
      continue;
    }
    if (!paper.lists.includes(listId)) paper.lists.push(listId);
    if (paper.addedAt === undefined || addedAt < paper.addedAt) paper.addedAt = addedAt;
    for (const c of entry.categories) if (!paper.categories.includes(c)) paper.categories.push(c);
  }
  return [...byId.values()];
}

async function enabledListIds(db: LanternDB): Promise<string[]> {
  return (await db.lists.toArray()).filter((l) => l.enabled).map((l) => l.id);
}

/** All rows (in enabled lists) of the papers with these ids, merged. */
async function papersWithIds(db: LanternDB, ids: Iterable<string>): Promise<Paper[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const enabled = new Set(await enabledListIds(db));
  const rows = await db.entries.where('id').anyOf(unique).toArray();
  return mergeEntries(rows.filter((r) => enabled.has(r.listId)));
}

/** Papers (in enabled lists) carrying any of these keys: "arxiv:…", "doi:…", "pmcid:…", "pmid:…", "repo:…", "title:…". */
export async function papersByKeys(db: LanternDB, keys: readonly string[]): Promise<Paper[]> {
  if (keys.length === 0) return [];
  const primaryKeys = await db.entries.where('keys').anyOf([...keys]).primaryKeys();
  return papersWithIds(
    db,
    primaryKeys.map(([, id]) => id),
  );
}

/**
 * Papers whose title key starts with `prefix` (at most `limit`): candidates for a near-equal
 * title ("Toward"/"Towards", "Pre-trained"/"Pretrained") that no exact key finds.
 */
export async function papersByTitlePrefix(db: LanternDB, prefix: string, limit = 200): Promise<Paper[]> {
  if (prefix === '') return [];
  const primaryKeys = await db.entries.where('keys').startsWith(`title:${prefix}`).limit(limit).primaryKeys();
  return papersWithIds(
    db,
    primaryKeys.map(([, id]) => id),
  );
}

export async function paperById(db: LanternDB, id: string): Promise<Paper | undefined> {
  return (await papersWithIds(db, [id]))[0];
}

/** Papers filed under a category path ("Evaluation › Strategies") or any category below it. */
export async function papersInCategory(db: LanternDB, category: string): Promise<Paper[]> {
  const primaryKeys = await db.entries
    .where('categories')
    .equals(category)
    .or('categories')
    .startsWith(`${category} › `)
    .primaryKeys();
  return papersWithIds(
    db,
    primaryKeys.map(([, id]) => id),
  );
}

export async function allPapers(db: LanternDB, { enabledOnly = true }: { enabledOnly?: boolean } = {}): Promise<Paper[]> {
  const rows = await db.entries.toArray();
  if (!enabledOnly) return mergeEntries(rows);
  const enabled = new Set(await enabledListIds(db));
  return mergeEntries(rows.filter((r) => enabled.has(r.listId)));
}

/** Distinct papers in enabled lists (a paper in two lists counts once). */
export async function entryCount(db: LanternDB): Promise<number> {
  const enabled = (await db.lists.toArray()).filter((l) => l.enabled);
  if (enabled.length === 0) return 0;
  // The usual case, one list: its count is kept by replaceListEntries, no index scan needed.
  if (enabled.length === 1) return enabled[0]!.entryCount;
  const primaryKeys = await db.entries
    .where('listId')
    .anyOf(enabled.map((l) => l.id))
    .primaryKeys();
  return new Set(primaryKeys.map(([, id]) => id)).size;
}

/**
 * Candidates for "related papers": the papers sharing a category with `paper`, plus up to
 * `others` from the same year. Uses indexes only, so it stays cheap with 100k entries.
 */
export async function relatedPool(db: LanternDB, paper: Paper, others = 50): Promise<Paper[]> {
  const ids = new Set<string>();
  if (paper.categories.length > 0) {
    for (const [, id] of await db.entries.where('categories').anyOf(paper.categories).primaryKeys()) ids.add(id);
  }
  if (paper.year !== undefined) {
    for (const [, id] of await db.entries.where('year').equals(paper.year).limit(others).primaryKeys()) ids.add(id);
  }
  ids.delete(paper.id);
  return papersWithIds(db, ids);
}
