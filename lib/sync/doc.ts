/**
 * The reading list as sync sees it: one entry per paper id that any device saved or removed,
 * merged by rules that give every device the same result whatever order it hears changes in.
 *
 * - A paper is saved while its `savedAt` (when it was last saved) is later than its `removedAt`
 *   (when it was last removed). Both only grow, so a device that was away and still holds the
 *   paper as saved before the removal cannot bring it back: its `savedAt` is older. Saving it again
 *   (or Undo, or "Restore") after the removal gives a newer `savedAt`, and it comes back everywhere.
 * - Status, tags, note and star each keep the time of their last change; the latest change of each
 *   field wins on its own (a tie goes to the greater value, so both devices pick the same one).
 * - A device finds its own changes by comparing the reading list with the entries it last agreed
 *   on (the "base"): whatever differs was changed here, whichever part of Lantern wrote it.
 *
 * Pure data and functions: no storage, no clock (times are passed in as epoch ms).
 */
import type { ReadingStatus, RemovedItem, SavedItem, SavedPaper, SyncedField } from '../types';
import { currentTitleId } from '../title';
import { joinNotes } from '../notes';
import { cleanTags } from '../tags';
import { packPaper } from './paper';

export const SYNCED_FIELDS: readonly SyncedField[] = ['status', 'tags', 'note', 'starred'];

/** A field's value with the epoch ms of its last change. */
export type Stamped<T> = readonly [value: T, changedAt: number];

export interface SyncFields {
  status?: Stamped<ReadingStatus>;
  tags?: Stamped<readonly string[]>;
  note?: Stamped<string>;
  starred?: Stamped<boolean>;
}

export interface SyncEntry {
  id: string;
  /** Epoch ms when the paper was last saved (0 when only its removal is known). */
  savedAt: number;
  /** Epoch ms when it was last removed, when that is known and matters (not after a later save). */
  removedAt?: number;
  /** Epoch ms the reading list shows as "added". */
  addedAt?: number;
  /** Enough of the paper to show it on a device whose lists do not hold it. */
  paper?: SavedPaper;
  /** A field is missing when its value is not known here (a note too long to sync, say). */
  fields: SyncFields;
}

/** Entries by paper id. */
export type SyncDoc = Map<string, SyncEntry>;

/** How long a removal is remembered: a device away for longer may bring a removed paper back. */
export const REMOVAL_KEPT_MS = 90 * 24 * 60 * 60 * 1000;

export function isSaved(entry: SyncEntry): boolean {
  return entry.removedAt === undefined || entry.savedAt > entry.removedAt;
}

/** When a saved item last changed `field`: its own record of it, else what the item says. */
export function fieldChangedAt(item: SavedItem, field: SyncedField): number {
  return item.changedAt?.[field] ?? (field === 'status' ? item.statusChangedAt : item.updatedAt);
}

function fieldValue(item: SavedItem, field: SyncedField): SavedItem[SyncedField] {
  return item[field];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * This device's entries: the reading list (saved and recently removed items) read against the
 * base, the entries this device last agreed on. Whatever differs from the base changed here: a
 * changed field takes its item's change time (at least one ms after the base's); a paper saved
 * again after a removal the base knows is saved now (`now`) unless its own `addedAt` is later;
 * a paper the base holds as saved that is now neither saved nor removed (the list was cleared)
 * was removed at `now`. Removals older than REMOVAL_KEPT_MS are forgotten.
 */
export function localDoc(base: SyncDoc, saved: readonly SavedItem[], removed: readonly RemovedItem[], now: number): SyncDoc {
  const doc: SyncDoc = new Map();
  for (const item of saved) {
    const known = base.get(item.id);
    let savedAt: number;
    if (!known) savedAt = item.addedAt;
    else if (isSaved(known)) savedAt = known.savedAt;
    else savedAt = item.addedAt > known.removedAt! ? item.addedAt : Math.max(now, known.removedAt! + 1);
    const fields: Record<string, Stamped<unknown>> = {};
    for (const field of SYNCED_FIELDS) {
      const value = fieldValue(item, field);
      const was = known?.fields[field];
      if (was && sameValue(was[0], value)) fields[field] = was;
      else fields[field] = [value, Math.max(fieldChangedAt(item, field), was ? was[1] + 1 : 0)];
    }
    doc.set(item.id, {
      id: item.id,
      savedAt,
      ...(known?.removedAt !== undefined && { removedAt: known.removedAt }),
      addedAt: item.addedAt,
      paper: item.paper,
      fields: fields as SyncFields,
    });
  }
  for (const row of removed) {
    if (doc.has(row.id)) continue;
    const known = base.get(row.id);
    if (known && !isSaved(known)) doc.set(row.id, { ...known, removedAt: Math.max(known.removedAt!, row.removedAt) });
    else doc.set(row.id, { id: row.id, savedAt: known?.savedAt ?? row.item.addedAt, removedAt: Math.max(row.removedAt, (known?.savedAt ?? 0) + 1), fields: {} });
  }
  for (const known of base.values()) {
    if (doc.has(known.id)) continue;
    doc.set(known.id, isSaved(known) ? { ...known, removedAt: Math.max(now, known.savedAt + 1) } : known);
  }
  return forgetOldRemovals(doc, now);
}

function later<T>(a: Stamped<T> | undefined, b: Stamped<T> | undefined): Stamped<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a[1] !== b[1]) return a[1] > b[1] ? a : b;
  return JSON.stringify(a[0]) >= JSON.stringify(b[0]) ? a : b;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * The paper data of the later save; on a tie the one whose synced form sorts last, so two devices
 * holding different copies pick the same one (each keeps its own copy in its reading list).
 */
function laterPaper(a: SyncEntry, b: SyncEntry): SavedPaper | undefined {
  if (!a.paper || !b.paper) return a.paper ?? b.paper;
  if (a.savedAt !== b.savedAt) return a.savedAt > b.savedAt ? a.paper : b.paper;
  return JSON.stringify(packPaper(a.paper)) >= JSON.stringify(packPaper(b.paper)) ? a.paper : b.paper;
}

/** One paper's entries merged: the later save and removal, each field's latest change, the earlier "added". */
export function mergeEntries(a: SyncEntry, b: SyncEntry): SyncEntry {
  const savedAt = Math.max(a.savedAt, b.savedAt);
  const removedAt = maxDefined(a.removedAt, b.removedAt);
  const fields: Record<string, Stamped<unknown> | undefined> = {};
  for (const field of SYNCED_FIELDS) {
    const value = later<unknown>(a.fields[field], b.fields[field]);
    if (value) fields[field] = value;
  }
  const paper = laterPaper(a, b);
  const addedAt = minDefined(a.addedAt, b.addedAt);
  return {
    id: a.id,
    savedAt,
    ...(removedAt !== undefined && removedAt >= savedAt && { removedAt }),
    ...(addedAt !== undefined && { addedAt }),
    ...(paper && { paper }),
    fields: fields as SyncFields,
  };
}

/** Two devices' documents merged; commutative, associative and idempotent. */
export function mergeDocs(a: SyncDoc, b: SyncDoc): SyncDoc {
  const out: SyncDoc = new Map(a);
  for (const [id, entry] of b) {
    const mine = out.get(id);
    out.set(id, mine ? mergeEntries(mine, entry) : entry);
  }
  return out;
}

/** Between the notes of two saved copies of one paper that sync made one. */
export const JOINED_NOTE_SEPARATOR = '\n\n— merged note —\n';

/** Two stamped values joined, the earlier change first, stamped with the later one; one alone as it is. */
function joinStamped<T>(a: Stamped<T> | undefined, b: Stamped<T> | undefined, join: (first: T, second: T) => T): Stamped<T> | undefined {
  if (!a || !b) return a ?? b;
  const [first, second] = a[1] < b[1] || (a[1] === b[1] && JSON.stringify(a[0]) <= JSON.stringify(b[0])) ? [a, b] : [b, a];
  return [join(first[0], second[0]), second[1]];
}

/**
 * Two saved copies of one paper that only an older title key told apart (two devices each wrote
 * their own), made one as mergeEntries does, except that both notes are kept and the tags united:
 * until now they were two papers, and neither device's writing is older than the other's.
 */
function joinCopies(a: SyncEntry, b: SyncEntry): SyncEntry {
  const merged = mergeEntries(a, b);
  const note = joinStamped(a.fields.note, b.fields.note, (first, second) => joinNotes(first, second, JOINED_NOTE_SEPARATOR));
  const tags = joinStamped(a.fields.tags, b.fields.tags, (first, second) => cleanTags([...first, ...second]));
  return { ...merged, fields: { ...merged.fields, ...(note && { note }), ...(tags && { tags }) } };
}

/**
 * A document (this device's merged with the others') with today's title ids. A device of an
 * older Lantern still names a paper known by its title with an older title key ("title:straße"
 * where this one says "title:strasse"). A saved entry under such an id is merged into the entry of today's id, and
 * the old id is written as removed at `now`, so that older device moves its copy to its removed
 * items and shows the paper once, under today's id (the merged entry holds its status and star,
 * both devices' notes and their tags united: joinCopies). A removal under an old id is left as it is: it cannot be told from the removal
 * this function writes, and it names no item this device holds, so an unsave made on an older
 * device before any device of today's Lantern saw the paper is not carried over.
 */
export function withCurrentTitleIds(doc: SyncDoc, now: number): SyncDoc {
  const out: SyncDoc = new Map(doc);
  for (const entry of doc.values()) {
    const id = currentTitleId(entry.id);
    if (id === entry.id || !isSaved(entry)) continue;
    const moved: SyncEntry = { ...entry, id, ...(entry.paper && { paper: { ...entry.paper, id } }) };
    const same = out.get(id);
    out.set(id, !same ? moved : isSaved(same) ? joinCopies(same, moved) : mergeEntries(same, moved));
    out.set(entry.id, { id: entry.id, savedAt: entry.savedAt, removedAt: Math.max(now, entry.savedAt + 1), fields: {} });
  }
  return out;
}

/** The document without removals older than REMOVAL_KEPT_MS. */
export function forgetOldRemovals(doc: SyncDoc, now: number): SyncDoc {
  const out: SyncDoc = new Map();
  for (const [id, entry] of doc) if (isSaved(entry) || entry.removedAt! >= now - REMOVAL_KEPT_MS) out.set(id, entry);
  return out;
}

/** What the reading list of this device must change to match a merged document. */
export interface LocalChanges {
  /**
   * Items to write whole, each with the `updatedAt` of the item as it was read (undefined when it
   * was not saved): a write finds the item changed meanwhile and leaves it for the next sync.
   */
  upserts: { item: SavedItem; readUpdatedAt: number | undefined }[];
  /**
   * Saved items to remove (recoverably, as an unsave does), each with the `updatedAt` read and
   * the time of the removal (the removing device's).
   */
  removals: { id: string; readUpdatedAt: number; removedAt: number }[];
}

/**
 * The changes that make this device's reading list say what `merged` says. An entry saved in
 * `merged` and not here is built from its removed copy when there is one (the note and tags it
 * had), else from the entry's paper; an entry without a paper cannot be shown and is left out.
 */
export function localChanges(merged: SyncDoc, saved: readonly SavedItem[], removed: readonly RemovedItem[]): LocalChanges {
  const savedById = new Map(saved.map((item) => [item.id, item]));
  const removedById = new Map(removed.map((row) => [row.id, row.item]));
  const changes: LocalChanges = { upserts: [], removals: [] };
  for (const entry of merged.values()) {
    const here = savedById.get(entry.id);
    if (!isSaved(entry)) {
      if (here) changes.removals.push({ id: here.id, readUpdatedAt: here.updatedAt, removedAt: entry.removedAt! });
      continue;
    }
    const start = here ?? removedById.get(entry.id) ?? newItem(entry);
    if (!start) continue;
    const next = withFields(start, entry);
    // Only a changed value rewrites a saved item: a time alone (the base keeps those) leaves it as the user left it.
    if (!here || !sameValue(itemValues(here), itemValues(next))) changes.upserts.push({ item: next, readUpdatedAt: here?.updatedAt });
  }
  return changes;
}

function itemValues(item: SavedItem): unknown[] {
  return SYNCED_FIELDS.map((field) => item[field]);
}

function newItem(entry: SyncEntry): SavedItem | undefined {
  if (!entry.paper) return undefined;
  const addedAt = entry.addedAt ?? entry.savedAt;
  // A field the entry does not carry (a note too long to sync) is unknown here: time 0 lets any
  // known value win over it, and it is never sent on (./pack.ts leaves out a note of time 0).
  const { status, tags, note, starred } = entry.fields;
  return {
    id: entry.id,
    paper: entry.paper,
    status: status?.[0] ?? 'to-read',
    statusChangedAt: status?.[1] ?? addedAt,
    tags: [...(tags?.[0] ?? [])],
    note: note?.[0] ?? '',
    starred: starred?.[0] ?? false,
    addedAt,
    updatedAt: Math.max(addedAt, status?.[1] ?? 0, tags?.[1] ?? 0, note?.[1] ?? 0, starred?.[1] ?? 0),
    changedAt: { status: status?.[1] ?? 0, tags: tags?.[1] ?? 0, note: note?.[1] ?? 0, starred: starred?.[1] ?? 0 },
  };
}

function withFields(item: SavedItem, entry: SyncEntry): SavedItem {
  const next: SavedItem = { ...item, changedAt: { ...item.changedAt } };
  const changed = next.changedAt!;
  const { status, tags, note, starred } = entry.fields;
  if (status && status[0] !== item.status) {
    next.status = status[0];
    next.statusChangedAt = status[1];
    changed.status = status[1];
  }
  if (tags && !sameValue(tags[0], item.tags)) {
    next.tags = [...tags[0]];
    changed.tags = tags[1];
  }
  if (note && note[0] !== item.note) {
    next.note = note[0];
    changed.note = note[1];
  }
  if (starred && starred[0] !== item.starred) {
    next.starred = starred[0];
    changed.starred = starred[1];
  }
  next.updatedAt = Math.max(item.updatedAt, ...Object.values(changed));
  return next;
}
