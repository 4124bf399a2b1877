/**
 * Catalog queries: writing lists' entries and reading papers back. Every function takes the
 * database as its first parameter so tests (and benchmarks) pass their own.
 */
import { namesFromByline } from '../names';
import { titleKey } from '../title';
import type { CatalogEntry, CatalogSnapshot, LaidOutEntry, ListInfo, Paper, StoredEntry } from '../types';
import { CHUNK_SIZE, entriesAtPlaces, entriesOfChunk, idKey, isBucketedTitlePrefix, keyBucket, placesInBuckets } from './buckets';
import { nextTask, runAtOnce, runInSlices, type Sliced } from '../slices';
import { keyFilterKey, keyFilterOfBuckets, keyFilterOfBucketsInSteps } from './keyFilter';
import { layOutList, type EntryChunk, type EntryKeyBucket, type EntryPlace, type ListManifest } from './layout';
import type { LanternDB } from './schema';

/** The bundled list's id. */
export const SEED_LIST_ID = 'seed';

export function storedEntry(listId: string, entry: CatalogEntry, addedAt: number): LaidOutEntry {
  // The entry's fields in their order, then the two of the row, as `{ ...entry, listId, addedAt }`
  // gives, copied one by one: the spread costs several times more, for every entry of a list written.
  const row: Record<string, unknown> = {};
  for (const key in entry) row[key] = entry[key as keyof CatalogEntry];
  row.listId = listId;
  row.addedAt = addedAt;
  return row as unknown as LaidOutEntry;
}

export interface ReplaceResult {
  added: number;
  removed: number;
  total: number;
}

export interface ReplaceOptions {
  now?: number;
  onProgress?: (written: number, total: number) => void;
  /** Digests of some entries by id, already computed (entryDigest). */
  digests?: ReadonlyMap<string, string>;
  /** Link keys of some of the entries' link URLs, already worked out (ParsedList.linkKeys). */
  linkKeys?: ReadonlyMap<string, string>;
  /**
   * The list's manifest as the caller read it (a refresh diffs against it): the rows are planned
   * from it instead of reading it once more. The transaction still reads it, and plans again if
   * it changed meanwhile.
   */
  previous?: ListManifest;
  /** Called once the list is stored, with its row and its entries as stored, in list order (the search index is built from them). */
  onStored?: (list: ListInfo, entries: readonly StoredEntry[]) => void;
}

/**
 * The db.kv row that keeps, per list id, the latest `addedAt` among its entries (epoch ms), so
 * "new entries" can tell that nothing is new without reading any manifest.
 */
export const NEWEST_ADDED_KEY = 'newest-added-at';

/** The stored row of NEWEST_ADDED_KEY; a list missing from it was stored before it was kept (or the row is damaged). */
async function storedNewestAddedAt(db: LanternDB): Promise<Record<string, number>> {
  const value = (await db.kv.get(NEWEST_ADDED_KEY))?.value;
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, number] => typeof pair[1] === 'number' && Number.isFinite(pair[1])));
}

/**
 * Per stored list id, the latest `addedAt` among its entries (epoch ms; 0 for an empty list).
 * A list stored before this was kept has it worked out from its manifest once, and stored, in
 * one transaction with the manifests, so a list written meanwhile is not given a stale date;
 * after that nothing but the one small row is read.
 */
export async function newestAddedAt(db: LanternDB): Promise<Record<string, number>> {
  const [newest, listIds] = await Promise.all([storedNewestAddedAt(db), db.lists.toCollection().primaryKeys()]);
  if (listIds.every((id) => id in newest)) return newest;
  return db.transaction('rw', [db.lists, db.manifests, db.kv], async () => {
    const kept = await storedNewestAddedAt(db);
    const missing = (await db.lists.toCollection().primaryKeys()).filter((id) => !(id in kept));
    const manifests = await db.manifests.bulkGet(missing);
    missing.forEach((listId, i) => {
      // A list without a manifest holds no entry, so none of it can be new.
      let at = 0;
      for (const added of manifests[i]?.addedAt ?? []) if (added > at) at = added;
      kept[listId] = at;
    });
    await db.kv.put({ key: NEWEST_ADDED_KEY, value: kept });
    return kept;
  });
}

async function setNewestAdded(db: LanternDB, listId: string, at: number | undefined): Promise<void> {
  const newest = await storedNewestAddedAt(db);
  if (at === undefined) delete newest[listId];
  else newest[listId] = at;
  await db.kv.put({ key: NEWEST_ADDED_KEY, value: newest });
}

/** Rows made between two points where laying out a list may pause. */
const ROWS_PER_STEP = 256;

/** Entries per bulkPut of chunks: each batch reports progress; all batches share the one transaction. */
const WRITE_BATCH_ENTRIES = 5_000;

/** Every primary key [listId, n] of one list's rows in a chunk or key-bucket table. */
const ofList = (listId: string): [[string, number], [string, number]] => [
  [listId, -Infinity],
  [listId, Infinity],
];

async function deleteListRows(db: LanternDB, listId: string): Promise<void> {
  const [lower, upper] = ofList(listId);
  await db.entryChunks.where(':id').between(lower, upper, true, true).delete();
  await db.entryKeys.where(':id').between(lower, upper, true, true).delete();
  await db.kv.delete(keyFilterKey(listId));
  await db.manifests.delete(listId);
}

/**
 * Deletes the rows of one list that a new layout of `chunkCount` chunks and these bucket numbers
 * does not write over: rewriting a row in place costs the database less than deleting it first.
 */
async function deleteRowsNotIn(db: LanternDB, listId: string, chunkCount: number, buckets: readonly EntryKeyBucket[]): Promise<void> {
  const [lower, upper] = ofList(listId);
  await db.entryChunks.where(':id').between([listId, chunkCount], upper, true, true).delete();
  const kept = new Set(buckets.map((bucket) => bucket.bucket));
  const stored = await db.entryKeys.where(':id').between(lower, upper, true, true).primaryKeys();
  await db.entryKeys.bulkDelete(stored.filter(([, bucket]) => !kept.has(bucket)));
}

/** Whether two reads of a list's manifest found the same list. */
function sameManifest(a: ListManifest | undefined, b: ListManifest | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.ids.length !== b.ids.length) return false;
  for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i] || a.addedAt[i] !== b.addedAt[i] || a.digests[i] !== b.digests[i]) return false;
  return true;
}

/** One list's manifest (ids in list order, when each was listed, content digests), if it is stored. */
export function readManifest(db: LanternDB, listId: string): Promise<ListManifest | undefined> {
  return db.manifests.get(listId);
}

/**
 * Makes `entries` the whole content of one list, in one transaction: entries that were already
 * there keep their `addedAt` (so "new" marks stay honest), the others get `now`, and entries no
 * longer in the list are gone. A repeated id counts once (its first occurrence). Saved items are
 * never touched: they keep their own copy. The list's rows are rewritten whole (layout.ts), in place.
 */
export async function replaceListEntries(
  db: LanternDB,
  list: Omit<ListInfo, 'entryCount'>,
  entries: readonly CatalogEntry[],
  { now = Date.now(), onProgress, digests, linkKeys, previous: known, onStored }: ReplaceOptions = {},
): Promise<ReplaceResult> {
  const incoming = new Map<string, CatalogEntry>();
  for (const entry of entries) if (!incoming.has(entry.id)) incoming.set(entry.id, entry);
  function* plan(previous: ListManifest | undefined) {
    const addedAtById = new Map<string, number>();
    // A loop, not a Map built from [id, time] pairs: one pair array per entry is 100k allocations.
    if (previous) for (let i = 0; i < previous.ids.length; i++) addedAtById.set(previous.ids[i]!, previous.addedAt[i]!);
    yield;
    const rows: LaidOutEntry[] = [];
    // What the result reports, counted here rather than in the transaction, which holds back lookups.
    let added = 0;
    let newest = 0;
    for (const e of incoming.values()) {
      if (rows.length % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      const addedAt = addedAtById.get(e.id);
      if (addedAt === undefined) added++;
      const row = storedEntry(list.id, e, addedAt ?? now);
      if (row.addedAt > newest) newest = row.addedAt;
      rows.push(row);
    }
    let removed = 0;
    for (let i = 0; i < (previous?.ids.length ?? 0); i++) {
      if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      if (!incoming.has(previous!.ids[i]!)) removed++;
    }
    return { previous, rows, added, removed, newest, layout: yield* layOutList(list.id, rows, digests, linkKeys) };
  }
  // Laid out before the transaction (a second or more at 100k entries), in slices that let
  // lookups through: while the transaction is open, lookups of the same tables wait. Redone
  // inside, at once, only if the list changed meanwhile.
  const early = await runInSlices(plan(known ?? (await db.manifests.get(list.id))));
  const earlyFilter = await runInSlices(keyFilterOfBucketsInSteps(early.layout.buckets));
  // Lookups that arrived during the last slice go first: once the transaction starts they would wait for it.
  await nextTask();
  // db.kv too: the newest entry date and the key filter are written with the entries (other readers already wait for `lists`).
  const stored = await db.transaction('rw', [db.lists, db.entryChunks, db.entryKeys, db.manifests, db.kv], async () => {
    const current = await db.manifests.get(list.id);
    const { rows, added, removed, newest, layout } = sameManifest(current, early.previous) ? early : runAtOnce(plan(current));
    await deleteRowsNotIn(db, list.id, layout.chunks.length, layout.buckets);
    const batch = Math.ceil(WRITE_BATCH_ENTRIES / CHUNK_SIZE);
    for (let start = 0; start < layout.chunks.length; start += batch) {
      await db.entryChunks.bulkPut(layout.chunks.slice(start, start + batch));
      onProgress?.(Math.min(rows.length, (start + batch) * CHUNK_SIZE), rows.length);
    }
    await db.entryKeys.bulkPut(layout.buckets);
    await db.kv.put({ key: keyFilterKey(list.id), value: layout === early.layout ? earlyFilter : keyFilterOfBuckets(layout.buckets) });
    await db.manifests.put(layout.manifest);
    await setNewestAdded(db, list.id, newest);
    const row: ListInfo = { ...list, entryCount: rows.length };
    await db.lists.put(row);
    return { result: { added, removed, total: rows.length }, row, rows };
  });
  onStored?.(stored.row, stored.rows);
  return stored.result;
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
    { now },
  );
}

/** Forgets a list and its entries; saved items stay (they are shown as "no longer in the list"). */
export async function removeList(db: LanternDB, listId: string): Promise<void> {
  await db.transaction('rw', [db.lists, db.entryChunks, db.entryKeys, db.manifests, db.kv], async () => {
    await deleteListRows(db, listId);
    await setNewestAdded(db, listId, undefined);
    await db.lists.delete(listId);
  });
}

/**
 * One Paper per id, in first-seen order, with every list it is in, the union of its categories,
 * and the earliest `addedAt` of its memberships: a known paper that a new list also holds is not news.
 */
export function mergeEntries(rows: readonly StoredEntry[]): Paper[] {
  return runAtOnce(mergeEntriesInSteps(rows));
}

/** mergeEntries as a sliced computation (lib/slices.ts): merging every entry of a 100k-entry list takes half a second. */
function* mergeEntriesInSteps(rows: readonly StoredEntry[]): Sliced<Paper[]> {
  const byId = new Map<string, Paper>();
  for (let n = 0; n < rows.length; n++) {
    if (n % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    const row = rows[n]!;
    const { listId, addedAt } = row;
    const paper = byId.get(row.id);
    if (!paper) {
      // The entry's fields in their order, copied one by one: a rest pattern (`{ listId, ...entry }`)
      // costs several times more, and this runs for every entry when the search index is built.
      const fresh: Record<string, unknown> = {};
      for (const key in row) {
        if (key === 'listId' || key === 'addedAt') continue;
        fresh[key] = row[key as keyof StoredEntry];
        // What the row left out (StoredEntry.titleKey) is derived where the entry had it: a Paper's fields keep their order.
        if (key === 'authors' && row.authorList === undefined) fresh.authorList = namesFromByline(row.authors);
        if (key === 'ids' && row.titleKey === undefined) fresh.titleKey = titleKey(row.title);
      }
      fresh.categories = [...row.categories];
      fresh.lists = [listId];
      fresh.addedAt = addedAt;
      byId.set(row.id, fresh as unknown as Paper);
      continue;
    }
    if (!paper.lists.includes(listId)) paper.lists.push(listId);
    if (paper.addedAt === undefined || addedAt < paper.addedAt) paper.addedAt = addedAt;
    for (const c of row.categories) if (!paper.categories.includes(c)) paper.categories.push(c);
  }
  return [...byId.values()];
}

export async function enabledListIds(db: LanternDB): Promise<string[]> {
  return (await db.lists.toArray()).filter((l) => l.enabled).map((l) => l.id);
}

/** The key buckets (of these lists) that hold these keys. */
export async function bucketsFor(db: LanternDB, listIds: readonly string[], keys: Iterable<string>): Promise<EntryKeyBucket[]> {
  const numbers = new Set([...keys].map(keyBucket));
  const wanted = listIds.flatMap((listId) => [...numbers].map((n): [string, number] => [listId, n]));
  return (await db.entryKeys.bulkGet(wanted)).filter((b): b is EntryKeyBucket => b !== undefined);
}

/** The stored entries at these places (each chunk read once). */
export async function entriesAt(db: LanternDB, places: readonly EntryPlace[]): Promise<StoredEntry[]> {
  const chunkKeys = new Map(places.map((p) => [`${p.listId}\n${p.chunk}`, [p.listId, p.chunk] as [string, number]]));
  return entriesAtPlaces(await db.entryChunks.bulkGet([...chunkKeys.values()]), places);
}

/** The rows (in enabled lists) of the entries with these ids: their ids are keys in the buckets too. */
export async function entriesWithIds(db: LanternDB, ids: Iterable<string>): Promise<StoredEntry[]> {
  const wanted = new Set([...ids].map(idKey));
  if (wanted.size === 0) return [];
  const buckets = await bucketsFor(db, await enabledListIds(db), wanted);
  return entriesAt(db, placesInBuckets(buckets, (key) => wanted.has(key)));
}

/** Papers (in enabled lists) carrying any of these keys: "arxiv:…", "doi:…", "pmcid:…", "pmid:…", "repo:…", "title:…". */
export async function papersByKeys(db: LanternDB, keys: readonly string[]): Promise<Paper[]> {
  if (keys.length === 0) return [];
  const wanted = new Set(keys);
  const buckets = await bucketsFor(db, await enabledListIds(db), wanted);
  return mergeEntries(await entriesAt(db, placesInBuckets(buckets, (key) => wanted.has(key))));
}

/**
 * Papers whose title key starts with `prefix` (at most `limit`): candidates for a near-equal
 * title ("Toward"/"Towards", "Pre-trained"/"Pretrained") that no exact key finds. Title keys are
 * bucketed by the start of their first word, so a prefix must hold a whole first word or three
 * characters of it ("a ", "tow"); a shorter one ("me") finds nothing.
 */
export async function papersByTitlePrefix(db: LanternDB, prefix: string, limit = 200): Promise<Paper[]> {
  if (!isBucketedTitlePrefix(prefix)) return [];
  const start = `title:${prefix}`;
  const buckets = await bucketsFor(db, await enabledListIds(db), [start]);
  return mergeEntries(await entriesAt(db, placesInBuckets(buckets, (key) => key.startsWith(start), limit)));
}

export async function paperById(db: LanternDB, id: string): Promise<Paper | undefined> {
  return mergeEntries(await entriesWithIds(db, [id]))[0];
}

/** The chunks of one list, in list order. */
async function listChunks(db: LanternDB, listId: string): Promise<EntryChunk[]> {
  const [lower, upper] = ofList(listId);
  return db.entryChunks.where(':id').between(lower, upper, true, true).toArray();
}


/** One list's entries in list order (every chunk of it is read: for views the user opens, not for lookups). */
export async function listEntries(db: LanternDB, listId: string): Promise<StoredEntry[]> {
  return (await listChunks(db, listId)).flatMap(entriesOfChunk);
}

/**
 * Every paper (of enabled lists, unless `enabledOnly` is false). `known`: some lists' entries the
 * caller already holds, by list id, exactly as stored and in list order, which are not read again.
 */
export async function allPapers(
  db: LanternDB,
  { enabledOnly = true, known }: { enabledOnly?: boolean; known?: ReadonlyMap<string, readonly StoredEntry[]> } = {},
): Promise<Paper[]> {
  const listIds = (await db.lists.toArray()).filter((l) => l.enabled || !enabledOnly).map((l) => l.id);
  // In slices: the background rebuilds the search index from every paper while pages ask it for badges.
  return runInSlices(mergeEntriesInSteps((await Promise.all(listIds.map((id) => known?.get(id) ?? listEntries(db, id)))).flat()));
}

/** Distinct papers in enabled lists (a paper in two lists counts once). */
export async function entryCount(db: LanternDB): Promise<number> {
  const enabled = (await db.lists.toArray()).filter((l) => l.enabled);
  if (enabled.length === 0) return 0;
  // The usual case, one list: its count is kept by replaceListEntries, no manifest read.
  if (enabled.length === 1) return enabled[0]!.entryCount;
  const manifests = await db.manifests.bulkGet(enabled.map((l) => l.id));
  return new Set(manifests.flatMap((m) => m?.ids ?? [])).size;
}

/** Chunks on each side of a paper's own that the related pool draws from. */
const RELATED_NEIGHBOUR_CHUNKS = 4;

/**
 * Candidates for "related papers": the entries stored near `paper` in each enabled list that
 * holds it (an awesome-list keeps a section together) sharing a category with it, plus up to
 * `others` of the same year. Reads a few chunks, so it stays cheap with 100k entries.
 */
export async function relatedPool(db: LanternDB, paper: Paper, others = 50): Promise<Paper[]> {
  const self = idKey(paper.id);
  const buckets = await bucketsFor(db, await enabledListIds(db), [self]);
  const chunkKeys: [string, number][] = [];
  for (const { listId, chunk } of placesInBuckets(buckets, (key) => key === self)) {
    for (let c = Math.max(0, chunk - RELATED_NEIGHBOUR_CHUNKS); c <= chunk + RELATED_NEIGHBOUR_CHUNKS; c++) chunkKeys.push([listId, c]);
  }
  const near = (await db.entryChunks.bulkGet(chunkKeys)).flatMap((c) => (c ? entriesOfChunk(c) : [])).filter((e) => e.id !== paper.id);
  const categories = new Set(paper.categories);
  const sharing = near.filter((e) => e.categories.some((c) => categories.has(c)));
  const sameYear = paper.year === undefined ? [] : near.filter((e) => e.year === paper.year).slice(0, others);
  return mergeEntries([...sharing, ...sameYear]);
}
