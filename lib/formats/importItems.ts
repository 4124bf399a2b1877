/**
 * Merges imported items into the reading list in one transaction: either every item is
 * written or none is, and importing the same file twice changes nothing the second time.
 *
 * How an imported item meets a saved one:
 * - An item that is a listed paper (by any identifier, else title and first author, as a page is
 *   recognized) becomes that paper's record: the listed id, the list's data first.
 * - They are the same paper when they share the id or any identifier (arXiv, DOI, PMCID, PMID)
 *   or, failing those, the normalized title, unless they carry identifiers of one kind that
 *   differ (lib/match.ts identifiersDiffer): two papers may share a title ("Correction"). The
 *   saved item keeps its id; a new paper whose id a saved one holds gets one of its own
 *   (lib/ids fittingPaperId).
 * - Imported times are clamped to the time of the import: a file dated in the future cannot
 *   claim to be newer than every later edit.
 * - Status (with its date) comes from whichever changed it later (statusChangedAt); star from
 *   whichever was updated later (updatedAt); a tie keeps the saved value.
 * - Notes are never lost: an empty or already contained note changes nothing, a note that
 *   extends the saved one (and is newer) replaces it, and two different notes are both kept,
 *   the saved one first, the imported one after NOTE_SEPARATOR.
 * - Tags are the union (saved order first, repeats dropped case-insensitively).
 * - The saved copy of the paper keeps its data and only gains what it lacks (venue, year,
 *   month, URL, identifiers, repositories, and the full author list where its own was cut short:
 *   lib/names.ts fullerAuthorList).
 * - addedAt is the earlier of the two; updatedAt the later.
 * Items from files that know no reading state (BibTeX) carry statusChangedAt and updatedAt 0,
 * so they never override what the reading list says; a new one gets its addedAt for both.
 *
 * An import that changes anything first keeps an automatic backup of the reading list, in the
 * same transaction (../db/autoBackups.ts): restorable from the options page. When storage is too
 * full for that backup, the import is still made, and the outcome says no backup was kept.
 */
import type { Paper, PaperIds, SavedItem, SavedPaper } from '../types';
import { recordAutoBackup } from '../db/autoBackups';
import { fullerAuthorList } from '../names';
import { joinNotes, NOTE_SEPARATOR } from '../notes';
import type { LanternDB } from '../db/schema';
import { savedPaperFromPaper, toStorageError } from '../db/readingList';
import { cleanTags } from '../tags';
import { fittingPaperId, paperKeys } from '../ids';
import { identifiersDiffer } from '../match';
import { isTitleId } from '../title';

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  /** Of those, items that were one paper with a listed or saved one under another id ("3 merged"). */
  merged: number;
}

export type ImportOutcome =
  | ({
      ok: true;
      /** Set when the import changed the reading list without an automatic backup first: why, in plain words. */
      backupProblem?: string;
    } & ImportCounts)
  | { ok: false; error: string };

export interface ImportOptions {
  mode: 'merge';
  /** Epoch ms of the import (default: now); imported times later than this are set to it. */
  now?: number;
  /** The imported file's name, shown with the automatic backup taken before the import. */
  source?: string;
  /** The listed paper each imported paper is, if any, in their order (lib/db/papers.ts listedPapersOf). */
  listedPapersOf?: (papers: readonly SavedPaper[]) => Promise<(Paper | undefined)[]>;
}

/** Why an import went ahead without its automatic backup. */
export const NO_BACKUP_MESSAGE =
  'No automatic backup was kept before this import: your browser’s storage for Lantern is too full. ' +
  'Export a backup from the options page if you may want the earlier reading list back.';


/** The item with every time no later than `now`. */
export function clampTimes(item: SavedItem, now: number): SavedItem {
  if (item.addedAt <= now && item.updatedAt <= now && item.statusChangedAt <= now) return item;
  return {
    ...item,
    addedAt: Math.min(item.addedAt, now),
    updatedAt: Math.min(item.updatedAt, now),
    statusChangedAt: Math.min(item.statusChangedAt, now),
  };
}

/** The keys two items are the same paper by: the id, then identifiers, then the title. */
function matchKeys(item: SavedItem): string[] {
  const { repos: _repos, ...ids } = item.paper.ids;
  return [item.id, ...paperKeys(ids, item.paper.titleKey)];
}

/** The record `item` is the same paper as among `current` (see the rules above), if any. */
function sameRecord(item: SavedItem, byKey: ReadonlyMap<string, string>, current: ReadonlyMap<string, SavedItem>): SavedItem | undefined {
  for (const key of matchKeys(item)) {
    const id = byKey.get(key);
    const saved = id === undefined ? undefined : current.get(id);
    // The same title alone does not make the same paper.
    if (saved && !(isTitleId(key) && identifiersDiffer(saved.paper.ids, item.paper.ids))) return saved;
  }
  return undefined;
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

function fillPaper(saved: SavedPaper, incoming: SavedPaper): SavedPaper {
  const ids: PaperIds = { ...saved.ids, repos: union(saved.ids.repos, incoming.ids.repos) };
  for (const field of ['arxiv', 'doi', 'pmcid', 'pmid'] as const) {
    if (ids[field] === undefined && incoming.ids[field] !== undefined) ids[field] = incoming.ids[field];
  }
  const paper: SavedPaper = { ...saved, ids, authorList: fullerAuthorList(saved.authorList, incoming.authorList) };
  if (paper.venue === '' && incoming.venue !== '') paper.venue = incoming.venue;
  if (paper.year === undefined && incoming.year !== undefined) paper.year = incoming.year;
  if (paper.month === undefined && incoming.month !== undefined) paper.month = incoming.month;
  if (paper.url === undefined && incoming.url !== undefined) paper.url = incoming.url;
  return paper;
}

/** The saved item after meeting the imported one (see the rules above). Pure. */
export function mergeSavedItem(saved: SavedItem, incoming: SavedItem): SavedItem {
  const statusFromIncoming = incoming.statusChangedAt > saved.statusChangedAt;
  const incomingIsNewer = incoming.updatedAt > saved.updatedAt;
  return {
    ...saved,
    paper: fillPaper(saved.paper, incoming.paper),
    status: statusFromIncoming ? incoming.status : saved.status,
    statusChangedAt: statusFromIncoming ? incoming.statusChangedAt : saved.statusChangedAt,
    tags: cleanTags([...saved.tags, ...incoming.tags]),
    note: joinNotes(saved.note, incoming.note, NOTE_SEPARATOR, incomingIsNewer),
    starred: incomingIsNewer ? incoming.starred : saved.starred,
    addedAt: Math.min(saved.addedAt, incoming.addedAt),
    updatedAt: Math.max(saved.updatedAt, incoming.updatedAt),
  };
}

/** A new item's own dates, for items whose file knew none (see above). */
function asNewItem(item: SavedItem): SavedItem {
  return {
    ...item,
    tags: cleanTags(item.tags),
    statusChangedAt: Math.max(item.statusChangedAt, item.addedAt),
    updatedAt: Math.max(item.updatedAt, item.addedAt),
  };
}

/** Structural equality of stored values (plain JSON-like data); an undefined field equals a missing one. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The records `incoming` changes or adds when it meets `existing` (see the rules at the top of
 * this file), and the counts. `ownIds[i]` is the id `incoming[i]` had in its file: an item that
 * ends up under another record's id counts as merged. Pure.
 */
export function mergeItems(
  existing: readonly SavedItem[],
  incoming: readonly SavedItem[],
  ownIds: readonly string[],
): { writes: SavedItem[]; counts: ImportCounts } {
  const current = new Map(existing.map((item) => [item.id, item]));
  const byKey = new Map<string, string>();
  const index = (item: SavedItem): void => {
    for (const key of matchKeys(item)) if (!byKey.has(key)) byKey.set(key, item.id);
  };
  existing.forEach(index);

  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0, merged: 0 };
  const writes = new Map<string, SavedItem>();
  for (const [position, item] of incoming.entries()) {
    const saved = sameRecord(item, byKey, current);
    if (!saved) {
      // Its id may be a different paper's (two papers titled "Correction"): that record stays.
      const id = fittingPaperId(item.id, item.paper, (candidate) => !current.has(candidate));
      const added = asNewItem(id === item.id ? item : { ...item, id, paper: { ...item.paper, id } });
      // One with a listed paper (asListedItem) when it came under the listed id, not when given a free one here.
      if (item.id !== ownIds[position]) counts.merged += 1;
      current.set(added.id, added);
      writes.set(added.id, added);
      index(added);
      counts.added += 1;
      continue;
    }
    if (saved.id !== ownIds[position]) counts.merged += 1;
    const merged = mergeSavedItem(saved, item);
    if (deepEqual(saved, merged)) {
      counts.unchanged += 1;
      continue;
    }
    current.set(merged.id, merged);
    writes.set(merged.id, merged);
    index(merged);
    counts.updated += 1;
  }
  return { writes: [...writes.values()], counts };
}

/** The imported item as the record of the listed paper it is: the listed id, the list's data first. */
export function asListedItem(item: SavedItem, listed: Paper): SavedItem {
  return { ...item, id: listed.id, paper: fillPaper(savedPaperFromPaper(listed), item.paper) };
}

/**
 * Merges `items` into the reading list (see the rules at the top of this file), after an
 * automatic backup when anything changes. One read-write transaction: on any failure nothing is
 * written and the outcome says why. When storage is full, the import is tried once more without
 * the backup (which may be what did not fit), and the outcome says so in `backupProblem`.
 */
export async function importItems(db: LanternDB, imported: readonly SavedItem[], options: ImportOptions): Promise<ImportOutcome> {
  const now = options.now ?? Date.now();
  const ownIds = imported.map((item) => item.id);
  let items: SavedItem[];
  try {
    // Before the write transaction, which holds the reading list only.
    const clamped = imported.map((item) => clampTimes(item, now));
    const listed = (await options.listedPapersOf?.(clamped.map((item) => item.paper))) ?? [];
    items = clamped.map((item, i) => {
      const paper = listed[i];
      return paper && paper.id !== item.id ? asListedItem(item, paper) : item;
    });
  } catch (error) {
    return { ok: false, error: toStorageError(error).message };
  }
  try {
    return await merge(db, items, ownIds, { now, source: options.source, backup: true });
  } catch (error) {
    const problem = toStorageError(error);
    if (problem.kind !== 'quota') return { ok: false, error: problem.message };
  }
  try {
    const outcome = await merge(db, items, ownIds, { now, backup: false });
    return outcome.added + outcome.updated > 0 ? { ...outcome, backupProblem: NO_BACKUP_MESSAGE } : outcome;
  } catch (error) {
    return { ok: false, error: toStorageError(error).message };
  }
}

/** One import transaction; throws what the storage throws. */
async function merge(
  db: LanternDB,
  items: readonly SavedItem[],
  ownIds: readonly string[],
  options: { now: number; source?: string; backup: boolean },
): Promise<{ ok: true } & ImportCounts> {
  return await db.transaction('rw', [db.saved, db.kv], async () => {
    const existing = await db.saved.toArray();
    const { writes, counts } = mergeItems(existing, items, ownIds);
    if (writes.length === 0) return { ok: true as const, ...counts };
    if (options.backup) await recordAutoBackup(db, existing, { takenAt: options.now, reason: 'import', ...(options.source === undefined ? {} : { source: options.source }) });
    await db.saved.bulkPut(writes);
    return { ok: true as const, ...counts };
  });
}
