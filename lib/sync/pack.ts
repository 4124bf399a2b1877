/**
 * The merged reading list packed into the browser's sync storage, and read back from it.
 *
 * `storage.sync` holds QUOTA_BYTES in all, QUOTA_BYTES_PER_ITEM per key (the key's length plus its
 * value as JSON, as the browser writes it: see quotaBytes) and MAX_ITEMS keys (the limits chrome.storage.sync documents; Firefox's are the
 * same). Entries are written compactly (short keys, times as differences) into chunks of up to
 * one item's size under keys "rl0", "rl1", …. Any mix of chunks is readable: every entry carries
 * its own times, so an entry seen twice merges with itself and an entry not seen is "not known",
 * never "removed" (only a removal entry removes).
 *
 * When the reading list outgrows the space, what goes in first is: removals (small, and what keeps a
 * stale device from bringing a paper back), then starred papers, then the newest, each without its
 * note; notes then go in, in the same order, while they fit. The rest is reported, by id.
 */
import type { ReadingStatus } from '../types';
import { cleanTags } from '../tags';
import { isSaved, mergeEntries, type Stamped, type SyncDoc, type SyncEntry, type SyncFields } from './doc';
import { packPaper, unpackPaper } from './paper';

/** chrome.storage.sync's limits (developer.chrome.com/docs/extensions/reference/api/storage#property-sync). */
export const SYNC_LIMITS = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
} as const;

/** The format of the chunks; a device that finds a greater one leaves them alone. */
export const SYNC_FORMAT = 1;
export const CHUNK_PREFIX = 'rl';
const CHUNK_KEY = /^rl(\d{1,3})$/;

export interface PackLimits {
  /** Bytes the chunks may take in all (keys and values). */
  totalBytes: number;
  /** Bytes one chunk may take (key and value). */
  itemBytes: number;
  /** How many chunks at most. */
  maxChunks: number;
}

/** Room left for other keys and for the browser's own rounding. */
export const DEFAULT_PACK_LIMITS: PackLimits = {
  totalBytes: SYNC_LIMITS.QUOTA_BYTES - 2_048,
  itemBytes: SYNC_LIMITS.QUOTA_BYTES_PER_ITEM - 64,
  maxChunks: 64,
};

export interface PackReport {
  /** Saved papers in the document, and of those, synced. */
  savedTotal: number;
  savedSynced: number;
  /** Saved papers that did not fit, in the order they would have gone in. */
  notSynced: string[];
  /** Synced papers whose note did not fit. */
  notesNotSynced: string[];
  /** Removals kept for other devices. */
  removals: number;
  /** Bytes the chunks take (keys and values as JSON, UTF-8). */
  bytes: number;
}

export interface Packed {
  /** Every chunk by key. */
  items: Record<string, ChunkValue>;
  report: PackReport;
}

export interface ChunkValue {
  v: number;
  r: unknown[];
}

const STATUS_CODES: readonly ReadingStatus[] = ['to-read', 'reading', 'read'];
const encoder = new TextEncoder();
/**
 * Chromium's sync quota counts what its own JSON writer writes (base/json), which is longer than
 * JSON.stringify in two ways; counted short, a full chunk is refused and so is every write of the
 * area. It escapes "<", U+2028 and U+2029 as six bytes ("\u003C"): notes such as "p < 0.05".
 */
const ESCAPED_BY_CHROMIUM = /[<\u2028\u2029]/g;
/**
 * And it keeps a number outside 32-bit integers as a double, written with ".0" below 10^12 and
 * with an exponent from there ("1.764720012345e+12"): up to 5 bytes more for the epoch-ms times
 * every entry carries.
 */
const LONG_NUMBER = /\d{10,}/g;

/** Bytes Chromium writes beyond a run of digits read as a number; never less than none (a run may be inside a string). */
function doubleExcess(digits: string): number {
  const n = Number(digits);
  if (n < 2 ** 31) return 0;
  if (n < 1e12) return 2;
  return Math.max(0, n.toExponential().length - digits.length);
}

/** Bytes of a key or a JSON text as the sync quota counts them: UTF-8, as Chromium writes it (no browser counts more). */
function quotaBytes(text: string): number {
  let bytes = encoder.encode(text.replace(ESCAPED_BY_CHROMIUM, '\\u0000')).length;
  for (const [digits] of text.matchAll(LONG_NUMBER)) bytes += doubleExcess(digits);
  return bytes;
}

/** Bytes of one key with its value, as the sync storage quota counts them. */
export function itemBytes(key: string, value: unknown): number {
  return quotaBytes(key) + quotaBytes(JSON.stringify(value));
}

function encodeEntry(entry: SyncEntry, withNote: boolean): Record<string, unknown> {
  if (!isSaved(entry)) return { i: entry.id, x: entry.removedAt, ...(entry.savedAt > 0 && { s: entry.savedAt }) };
  const s = entry.savedAt;
  const f: Record<string, unknown> = {};
  const { status, tags, note, starred } = entry.fields;
  if (status) f.s = [STATUS_CODES.indexOf(status[0]), status[1] - s];
  if (tags) f.g = [tags[0], tags[1] - s];
  if (starred) f.r = [starred[0] ? 1 : 0, starred[1] - s];
  // A note of time 0 is not known here (it did not fit on the device that sent this paper).
  if (note && note[1] > 0 && (withNote || note[0] === '')) f.n = [note[0], note[1] - s];
  return {
    i: entry.id,
    s,
    ...(entry.addedAt !== undefined && entry.addedAt !== s && { a: entry.addedAt - s }),
    ...(entry.paper && { p: packPaper(entry.paper) }),
    f,
  };
}

const hasNote = (entry: SyncEntry) => entry.fields.note !== undefined && entry.fields.note[1] > 0 && entry.fields.note[0] !== '';

/** Order of going in: starred first, then the most recently added; the id settles ties. */
function priority(a: SyncEntry, b: SyncEntry): number {
  const star = Number(b.fields.starred?.[0] ?? false) - Number(a.fields.starred?.[0] ?? false);
  if (star !== 0) return star;
  const added = (b.addedAt ?? b.savedAt) - (a.addedAt ?? a.savedAt);
  if (added !== 0) return added;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Chunk {
  records: Map<string, string>;
  bytes: number;
}

/** Packs a merged document within `limits`; the same document always gives the same chunks. */
export function packDoc(doc: SyncDoc, limits: PackLimits = DEFAULT_PACK_LIMITS): Packed {
  const chunks: Chunk[] = [];
  let total = 0;
  const emptyChunkBytes = (index: number) => itemBytes(`${CHUNK_PREFIX}${index}`, { v: SYNC_FORMAT, r: [] });
  const place = (id: string, json: string): boolean => {
    const size = quotaBytes(json);
    for (const chunk of chunks) {
      const grow = size + (chunk.records.size > 0 ? 1 : 0);
      if (chunk.bytes + grow <= limits.itemBytes && total + grow <= limits.totalBytes) {
        chunk.records.set(id, json);
        chunk.bytes += grow;
        total += grow;
        return true;
      }
    }
    if (chunks.length >= limits.maxChunks) return false;
    const fresh = emptyChunkBytes(chunks.length) + size;
    if (fresh > limits.itemBytes || total + fresh > limits.totalBytes) return false;
    chunks.push({ records: new Map([[id, json]]), bytes: fresh });
    total += fresh;
    return true;
  };
  const take = (id: string): { chunk: Chunk; json: string } | undefined => {
    for (const chunk of chunks) {
      const json = chunk.records.get(id);
      if (json === undefined) continue;
      chunk.records.delete(id);
      const shrink = quotaBytes(json) + (chunk.records.size > 0 ? 1 : 0);
      chunk.bytes -= shrink;
      total -= shrink;
      return { chunk, json };
    }
    return undefined;
  };

  const entries = [...doc.values()];
  const removals = entries.filter((entry) => !isSaved(entry)).sort((a, b) => b.removedAt! - a.removedAt! || (a.id < b.id ? -1 : 1));
  const saved = entries.filter(isSaved).sort(priority);
  let removalsKept = 0;
  for (const entry of removals) if (place(entry.id, JSON.stringify(encodeEntry(entry, false)))) removalsKept++;
  const notSynced: string[] = [];
  const placed: SyncEntry[] = [];
  for (const entry of saved) {
    if (place(entry.id, JSON.stringify(encodeEntry(entry, false)))) placed.push(entry);
    else notSynced.push(entry.id);
  }
  const notesNotSynced: string[] = [];
  for (const entry of placed) {
    if (!hasNote(entry)) continue;
    const without = take(entry.id)!;
    if (place(entry.id, JSON.stringify(encodeEntry(entry, true)))) continue;
    // It fitted there before, so it fits there again.
    without.chunk.records.set(entry.id, without.json);
    const grow = quotaBytes(without.json) + (without.chunk.records.size > 1 ? 1 : 0);
    without.chunk.bytes += grow;
    total += grow;
    notesNotSynced.push(entry.id);
  }
  const items: Record<string, ChunkValue> = {};
  let bytes = 0;
  chunks.forEach((chunk, index) => {
    // In id order: a chunk's value depends only on which entries it holds, not on how they came in.
    const records = [...chunk.records].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, json]) => JSON.parse(json) as unknown);
    const value = { v: SYNC_FORMAT, r: records };
    items[`${CHUNK_PREFIX}${index}`] = value;
    bytes += itemBytes(`${CHUNK_PREFIX}${index}`, value);
  });
  return {
    items,
    report: {
      savedTotal: saved.length,
      savedSynced: placed.length,
      notSynced,
      notesNotSynced,
      removals: removalsKept,
      bytes,
    },
  };
}

export interface Unpacked {
  doc: SyncDoc;
  /** Keys of the chunks read (the ones a device's own write replaces or removes). */
  keys: string[];
  /** Entries that could not be read (damaged, or written wrongly), skipped. */
  unreadable: number;
  /** Some chunk was written by a newer Lantern, in a format this one does not know. */
  newerFormat: boolean;
}

const MAX_ID = 400;
const MAX_NOTE = SYNC_LIMITS.QUOTA_BYTES_PER_ITEM;
const MAX_TAGS = 100;
const MAX_TAG = 200;

const time = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

function stamped<T>(value: unknown, base: number, read: (raw: unknown) => T | undefined): Stamped<T> | undefined {
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[1])) return undefined;
  const at = time(base + (value[1] as number));
  const read0 = read(value[0]);
  return at === undefined || read0 === undefined ? undefined : [read0, at];
}

/** One entry read from another device; undefined when any part of it is not what Lantern writes. */
export function decodeEntry(raw: unknown): SyncEntry | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.i !== 'string' || r.i === '' || r.i.length > MAX_ID) return undefined;
  const savedAt = r.s === undefined ? 0 : time(r.s);
  if (savedAt === undefined) return undefined;
  if (r.x !== undefined) {
    const removedAt = time(r.x);
    return removedAt === undefined || removedAt < savedAt ? undefined : { id: r.i, savedAt, removedAt, fields: {} };
  }
  const f = typeof r.f === 'object' && r.f !== null ? (r.f as Record<string, unknown>) : {};
  const fields: SyncFields = {};
  const status = stamped(f.s, savedAt, (v) => (typeof v === 'number' ? STATUS_CODES[v] : undefined));
  const tags = stamped(f.g, savedAt, (v) =>
    Array.isArray(v) && v.length <= MAX_TAGS && v.every((tag) => typeof tag === 'string' && tag.length <= MAX_TAG) ? cleanTags(v as string[]) : undefined,
  );
  const starred = stamped(f.r, savedAt, (v) => (v === 0 || v === 1 ? v === 1 : undefined));
  const note = stamped(f.n, savedAt, (v) => (typeof v === 'string' && v.length <= MAX_NOTE ? v : undefined));
  if (status) fields.status = status;
  if (tags) fields.tags = tags;
  if (starred) fields.starred = starred;
  if (note) fields.note = note;
  const addedAt = r.a === undefined ? savedAt : Number.isSafeInteger(r.a) ? time(savedAt + (r.a as number)) : undefined;
  const paper = unpackPaper(r.i, r.p);
  return { id: r.i, savedAt, ...(addedAt !== undefined && { addedAt }), ...(paper && { paper }), fields };
}

/** The document held in a sync area's items (other keys are ignored). */
export function unpackArea(items: Record<string, unknown>): Unpacked {
  const doc: SyncDoc = new Map();
  const keys: string[] = [];
  let unreadable = 0;
  let newerFormat = false;
  for (const [key, value] of Object.entries(items)) {
    if (!CHUNK_KEY.test(key)) continue;
    keys.push(key);
    const chunk = value as Partial<ChunkValue> | null;
    if (typeof chunk !== 'object' || chunk === null || typeof chunk.v !== 'number' || !Array.isArray(chunk.r)) {
      unreadable++;
      continue;
    }
    if (chunk.v > SYNC_FORMAT) {
      newerFormat = true;
      continue;
    }
    for (const raw of chunk.r) {
      const entry = decodeEntry(raw);
      if (!entry) {
        unreadable++;
        continue;
      }
      const seen = doc.get(entry.id);
      doc.set(entry.id, seen ? mergeEntries(seen, entry) : entry);
    }
  }
  return { doc, keys, unreadable, newerFormat };
}
