/**
 * Refreshing a list from its source and adding new lists: fetch (conditional, with timeout) →
 * parse → diff → reject broken copies → apply in one transaction → remember what happened.
 * Any failure leaves the stored list exactly as it was and is told in plain words.
 */
import { parseAwesomeListInSlices, skippedLines } from '../catalog/parse';
import { readManifest, removeList as removeListRows, type ReplaceOptions } from '../db/catalog';
import type { LanternDB } from '../db/schema';
import type { CatalogEntry, ListInfo, ParsedList } from '../types';
import { applyListUpdate } from './apply';
import { diffEntries, diffEntriesInSlices, hasChanges, rejectUpdate, type ListDiff } from './diff';
import { describeFailure, type RefreshFailure } from './failure';
import { fetchListSource, type FetchListOptions } from './fetch';
import { readRefreshStates, readSchedule, updateRefreshState, type RefreshSummary } from './state';
import { nextCheckAt } from './schedule';
import { normalizeListUrl } from './url';

/** Where a refresh is, for a progress line: bytes while fetching, entries while applying. */
export type RefreshProgress =
  | { listId: string; phase: 'fetching'; bytes: number; totalBytes?: number }
  | { listId: string; phase: 'applying'; applied: number; total: number }
  | { listId: string; phase: 'done' };

export interface RefreshDeps {
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  timeoutMs?: number;
  onProgress?: (progress: RefreshProgress) => void;
  /** A list's new copy is stored: its row and chunks (lib/db/catalog.ts replaceListEntries). */
  onStored?: ReplaceOptions['onStored'];
  /**
   * The user looked at a refused copy that drops most entries and wants it anyway (a list that
   * was really cut down or split). A copy with no papers at all is still refused.
   */
  acceptShrink?: boolean;
  /**
   * Whether the user has granted a host permission (a match pattern such as
   * "https://lists.example.org/*"). Without it, adding a list off the manifest's hosts is refused
   * before anything is fetched.
   */
  hasHostPermission?: (origin: string) => Promise<boolean>;
}

export type RefreshOutcome =
  | { listId: string; status: 'updated' | 'unchanged'; summary: RefreshSummary }
  | { listId: string; status: 'failed'; failure: RefreshFailure; message: string };

const ADDED_TITLES_KEPT = 20;

function summaryOf(diff: ListDiff, parsed: ParsedList | undefined, total: number, at: number): RefreshSummary {
  return {
    at,
    added: diff.added.length,
    changed: diff.changed.length,
    removed: diff.removed.length,
    total,
    skippedLines: parsed ? skippedLines(parsed.warnings) : 0,
    addedTitles: diff.added.slice(0, ADDED_TITLES_KEPT).map((e: CatalogEntry) => e.title),
    unchanged: !hasChanges(diff),
  };
}

async function recordFailure(db: LanternDB, listId: string, failure: RefreshFailure, at: number): Promise<RefreshOutcome> {
  const message = describeFailure(failure, at);
  await updateRefreshState(db, listId, (previous) => ({
    ...previous,
    lastAttemptAt: at,
    failures: (previous?.failures ?? 0) + 1,
    lastError: message,
    lastFailure: failure.kind,
    ...(failure.kind === 'rate-limited' && failure.retryAt !== undefined ? { retryAt: failure.retryAt } : { retryAt: undefined }),
  }));
  return { listId, status: 'failed', failure, message };
}

async function recordSuccess(db: LanternDB, listId: string, summary: RefreshSummary): Promise<RefreshOutcome> {
  await updateRefreshState(db, listId, (previous) => ({
    lastAttemptAt: summary.at,
    lastSuccessAt: summary.at,
    failures: 0,
    // An unchanged check keeps the summary of the last real change.
    lastSummary: summary.unchanged && previous?.lastSummary ? { ...previous.lastSummary } : summary,
  }));
  return { listId, status: summary.unchanged ? 'unchanged' : 'updated', summary };
}

function fetchOptions(deps: RefreshDeps, listId: string, list?: ListInfo): FetchListOptions {
  return {
    // Validators only when we hold a copy they describe.
    ...(list && list.entryCount > 0 && list.etag && { etag: list.etag }),
    ...(list && list.entryCount > 0 && list.lastModified && { lastModified: list.lastModified }),
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
    ...(deps.fetch && { fetch: deps.fetch }),
    ...(deps.now && { now: deps.now }),
    onProgress: (bytes, totalBytes) =>
      deps.onProgress?.({ listId, phase: 'fetching', bytes, ...(totalBytes !== undefined && { totalBytes }) }),
  };
}

/** Refreshes one followed list from its source. Throws only when no such list exists. */
export async function refreshList(db: LanternDB, listId: string, deps: RefreshDeps = {}): Promise<RefreshOutcome> {
  const now = deps.now ?? Date.now;
  const list = await db.lists.get(listId);
  if (!list) throw new Error('That list is not followed any more.');
  try {
    const fetched = await fetchListSource(list.sourceUrl, fetchOptions(deps, listId, list));
    if (fetched.kind === 'failed') return await recordFailure(db, listId, fetched.failure, now());
    if (fetched.kind === 'unchanged') {
      const empty: ListDiff = { added: [], changed: [], removed: [], unchanged: list.entryCount, digests: new Map() };
      return await recordSuccess(db, listId, summaryOf(empty, undefined, list.entryCount, now()));
    }
    const parsed = await parseAwesomeListInSlices(fetched.text);
    const previous = await readManifest(db, listId);
    const diff = await diffEntriesInSlices(previous, parsed.entries);
    const rejected = rejectUpdate(parsed, diff, previous?.ids.length ?? 0, { acceptShrink: deps.acceptShrink === true });
    if (rejected) return await recordFailure(db, listId, rejected, now());
    const at = now();
    const total = diff.added.length + diff.changed.length + diff.unchanged;
    const updated: ListInfo = {
      id: list.id,
      name: list.name,
      sourceUrl: list.sourceUrl,
      enabled: list.enabled,
      fetchedAt: at,
      ...(fetched.etag && { etag: fetched.etag }),
      ...(fetched.lastModified && { lastModified: fetched.lastModified }),
      entryCount: total,
    };
    await applyListUpdate(db, updated, parsed.entries, diff, {
      now: at,
      onProgress: (applied, all) => deps.onProgress?.({ listId, phase: 'applying', applied, total: all }),
      linkKeys: parsed.linkKeys,
      ...(previous && { previous }),
      ...(deps.onStored && { onStored: deps.onStored }),
    });
    return await recordSuccess(db, listId, summaryOf(diff, parsed, total, at));
  } catch (e) {
    // The transaction rolled back: nothing of the new copy was written.
    return recordFailure(db, listId, { kind: 'storage', message: e instanceof Error ? e.message : String(e) }, now());
  } finally {
    deps.onProgress?.({ listId, phase: 'done' });
  }
}

/** Lists whose scheduled check is due at `now` (enabled lists only). */
export async function dueLists(db: LanternDB, now: number): Promise<string[]> {
  const [lists, states, schedule] = await Promise.all([db.lists.toArray(), readRefreshStates(db), readSchedule(db)]);
  return lists.filter((l) => {
    if (!l.enabled) return false;
    const due = nextCheckAt(states[l.id], l.fetchedAt, schedule);
    return due !== undefined && due <= now;
  }).map((l) => l.id);
}

/** The earliest scheduled check over all enabled lists, or undefined when checks are off. */
export async function earliestCheckAt(db: LanternDB): Promise<number | undefined> {
  const [lists, states, schedule] = await Promise.all([db.lists.toArray(), readRefreshStates(db), readSchedule(db)]);
  const times = lists.filter((l) => l.enabled).flatMap((l) => {
    const due = nextCheckAt(states[l.id], l.fetchedAt, schedule);
    return due === undefined ? [] : [due];
  });
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** Refreshes the given lists (default: every enabled one) one after another. */
export async function refreshLists(db: LanternDB, listIds: readonly string[] | undefined, deps: RefreshDeps = {}): Promise<RefreshOutcome[]> {
  const ids = listIds ?? (await db.lists.toArray()).filter((l) => l.enabled).map((l) => l.id);
  const outcomes: RefreshOutcome[] = [];
  for (const id of ids) {
    if (await db.lists.get(id)) outcomes.push(await refreshList(db, id, deps));
  }
  return outcomes;
}

export type AddListOutcome =
  | { ok: true; list: ListInfo; summary: RefreshSummary }
  | { ok: false; error: string };

/**
 * Follows a new list: normalizes the address, fetches and parses it, and stores it only when it
 * holds papers. Only https addresses, and off the manifest's hosts only once `deps.hasHostPermission`
 * says the user granted the host (the options page asks in the click that adds the list).
 */
export async function addList(db: LanternDB, input: string, deps: RefreshDeps = {}): Promise<AddListOutcome> {
  const now = deps.now ?? Date.now;
  const target = normalizeListUrl(input);
  if (!target.ok) return target;
  // By each list's source as well as its id: the bundled list's id is "seed", its source a GitHub README.
  const sameSource = (sourceUrl: string) => {
    const source = normalizeListUrl(sourceUrl);
    return sourceUrl === target.url || (source.ok && source.id === target.id);
  };
  const existing = (await db.lists.toArray()).find((l) => l.id === target.id || sameSource(l.sourceUrl));
  if (existing) return { ok: false, error: `Lantern already follows this list (“${existing.name}”).` };
  if (target.needsPermission && !(await deps.hasHostPermission?.(target.origin))) {
    const host = new URL(target.url).host;
    return { ok: false, error: `Lantern may not read ${host} yet. Add the list from Lantern’s options page, which asks you for that permission.` };
  }
  const fetched = await fetchListSource(target.url, fetchOptions(deps, target.id));
  try {
    if (fetched.kind === 'failed') return { ok: false, error: describeFailure(fetched.failure, now(), { hasCopy: false }) };
    if (fetched.kind === 'unchanged') return { ok: false, error: 'The server answered “not modified” to a first request.' };
    const parsed = await parseAwesomeListInSlices(fetched.text);
    const diff = diffEntries(undefined, parsed.entries);
    const at = now();
    if (parsed.entries.length === 0) {
      return { ok: false, error: describeFailure({ kind: 'empty', skipped: skippedLines(parsed.warnings) }, at, { hasCopy: false }) };
    }
    const list: ListInfo = {
      id: target.id,
      name: parsed.name.trim() || target.name,
      sourceUrl: target.url,
      enabled: true,
      fetchedAt: at,
      ...(fetched.etag && { etag: fetched.etag }),
      ...(fetched.lastModified && { lastModified: fetched.lastModified }),
      entryCount: diff.added.length,
    };
    await applyListUpdate(db, list, parsed.entries, diff, {
      now: at,
      onProgress: (applied, total) => deps.onProgress?.({ listId: target.id, phase: 'applying', applied, total }),
      linkKeys: parsed.linkKeys,
      ...(deps.onStored && { onStored: deps.onStored }),
    });
    const summary = summaryOf(diff, parsed, diff.added.length, at);
    await updateRefreshState(db, target.id, () => ({ lastAttemptAt: at, lastSuccessAt: at, failures: 0, lastSummary: summary }));
    return { ok: true, list, summary };
  } catch (e) {
    return { ok: false, error: `Could not save the list: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    deps.onProgress?.({ listId: target.id, phase: 'done' });
  }
}

/** Stops following a list; saved papers keep their own copy. */
export async function removeList(db: LanternDB, listId: string): Promise<void> {
  await removeListRows(db, listId);
  await updateRefreshState(db, listId, () => undefined);
}

export async function setListEnabled(db: LanternDB, listId: string, enabled: boolean): Promise<void> {
  const changed = await db.lists.update(listId, { enabled });
  if (changed === 0 && !(await db.lists.get(listId))) throw new Error('That list is not followed any more.');
}
