/** What a refresh changes in one list: pure comparison of the stored copy with the parsed new one. */
import { entryDigest, type ListManifest } from '../db/layout';
import { runAtOnce, runInSlices, type Sliced } from '../slices';
import type { CatalogEntry, ParsedList } from '../types';
import type { RefreshFailure } from './failure';
import { skippedLines } from '../catalog/parse';

export interface ChangedEntry {
  entry: CatalogEntry;
  /** When the entry first appeared in the list: a change does not make it "new". */
  addedAt: number;
}

export interface ListDiff {
  added: CatalogEntry[];
  changed: ChangedEntry[];
  /** Ids of entries no longer in the list. */
  removed: string[];
  unchanged: number;
  /** The digests computed while comparing, by entry id: storing the new copy reuses them. */
  digests: Map<string, string>;
}

/**
 * What changed between the stored copy (its manifest: ids, first-listed times, content digests)
 * and the parsed new one. A repeated id in `incoming` counts once.
 */
export function diffEntries(previous: ListManifest | undefined, incoming: readonly CatalogEntry[]): ListDiff {
  return runAtOnce(compareEntries(previous, incoming));
}

/** diffEntries in slices that hand the thread back (lib/slices.ts): digesting 100k entries takes ~0.5 s. */
export function diffEntriesInSlices(previous: ListManifest | undefined, incoming: readonly CatalogEntry[]): Promise<ListDiff> {
  return runInSlices(compareEntries(previous, incoming));
}

const ENTRIES_PER_STEP = 256;

function* compareEntries(previous: ListManifest | undefined, incoming: readonly CatalogEntry[]): Sliced<ListDiff> {
  // Each stored id's position in the manifest's parallel arrays (no object per entry).
  const before = new Map<string, number>();
  const { ids = [], digests = [], addedAt = [] } = previous ?? {};
  for (let i = 0; i < ids.length; i++) before.set(ids[i]!, i);
  // Which stored entries the new copy holds, by position: a flag, not one more set of 100k ids.
  const kept = new Uint8Array(ids.length);
  const added = new Set<string>();
  const diff: ListDiff = { added: [], changed: [], removed: [], unchanged: 0, digests: new Map() };
  for (let n = 0; n < incoming.length; n++) {
    if (n % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    const entry = incoming[n]!;
    const at = before.get(entry.id);
    // The parser merges repeated entries; a repeated id here would still count once.
    if (at === undefined) {
      if (added.has(entry.id)) continue;
      added.add(entry.id);
      diff.added.push(entry);
      continue;
    }
    if (kept[at]) continue;
    kept[at] = 1;
    const digest = entryDigest(entry);
    diff.digests.set(entry.id, digest);
    if (digests[at] !== digest) diff.changed.push({ entry, addedAt: addedAt[at]! });
    else diff.unchanged++;
  }
  for (const [id, at] of before) if (!kept[at]) diff.removed.push(id);
  return diff;
}

export function hasChanges(diff: ListDiff): boolean {
  return diff.added.length + diff.changed.length + diff.removed.length > 0;
}

/** Below this many entries a list may legitimately halve (a young list being reorganized). */
export const SHRINK_CHECK_MIN_ENTRIES = 10;
/** More than this share of entries gone at once is treated as a broken list, not an edit. */
export const MAX_REMOVED_SHARE = 0.5;

/**
 * Why this new copy must not replace the stored one, or undefined when it may. `acceptShrink`:
 * the user has seen the shrink refused and asked for the copy anyway.
 */
export function rejectUpdate(parsed: ParsedList, diff: ListDiff, previousCount: number, { acceptShrink = false } = {}): RefreshFailure | undefined {
  if (parsed.entries.length === 0) return { kind: 'empty', skipped: skippedLines(parsed.warnings) };
  if (!acceptShrink && previousCount >= SHRINK_CHECK_MIN_ENTRIES && diff.removed.length > previousCount * MAX_REMOVED_SHARE) {
    return { kind: 'shrunk', before: previousCount, after: previousCount - diff.removed.length };
  }
  return undefined;
}
