/**
 * How one list's entries are laid out in IndexedDB. One row per entry costs a fixed overhead per
 * row, per index: 100k entries took 9.8 s to write with the six indexes of schema v1, 5.8 s with
 * none, and 0.27 s as 100 rows of 1,000 (headless Chromium, tests/bench/refresh.ts). So a list is
 * stored as a few kinds of larger rows, all rewritten together when the list changes:
 *
 * - chunks: the entries in list order, CHUNK_SIZE per row. Neighbours in an awesome-list are
 *   usually of one section, which the related-papers pool uses. An entry leaves out what its
 *   chunk or its own fields already say (ChunkEntry): writing a list costs by the bytes and objects cloned.
 * - key buckets: every identifier key of every entry ("arxiv:…", "doi:…", "title:…", "link:…"
 *   for a listed link that names no identifier, and "id:…" for the entry's own id) with the entry's id and chunk, in a fixed number of rows (buckets.ts):
 *   a badge lookup reads one bucket per key and then one chunk.
 * - a manifest: the ids in list order with when each was first listed and a digest of its
 *   content, so a refresh diffs, and "new entries" are counted, without reading any entry.
 */
import { linkKey, listedLinkKeys, paperKeys } from '../ids';
import { runAtOnce, type Sliced } from '../slices';
import type { LaidOutEntry, ListedEntry, StoredEntry } from '../types';
import { chunkOf, idKey, keyBucket } from './buckets';

/**
 * An entry as its chunk stores it: without its list, which the chunk says, nor what StoredEntry
 * says is derived on read. Rows written before hold all three; entriesOfChunk reads both kinds.
 */
export type ChunkEntry = Omit<StoredEntry, 'listId'> & { listId?: string };

export interface EntryChunk {
  listId: string;
  chunk: number;
  entries: ChunkEntry[];
}

/** Parallel arrays: key i belongs to entry ids[i], stored in chunk chunks[i]. A key may repeat (two entries, one title). */
export interface EntryKeyBucket {
  listId: string;
  bucket: number;
  keys: string[];
  ids: string[];
  chunks: number[];
}

/** One list's entries at a glance, in list order. */
export interface ListManifest {
  listId: string;
  ids: string[];
  /** When each entry first appeared in the list (epoch ms). */
  addedAt: number[];
  /** entryDigest of each entry: equal digests mean nothing a reader sees has changed. */
  digests: string[];
}

export interface ListLayout {
  chunks: EntryChunk[];
  buckets: EntryKeyBucket[];
  manifest: ListManifest;
}

/**
 * cyrb53, a fast 53-bit string hash (so that a changed entry is practically never missed), fed
 * a part at a time: the parts are hashed as if joined by U+0000 (`part`), and a part may be
 * written in pieces (`more`) joined by U+0001, without building any of those strings.
 */
class Cyrb53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  private started = false;

  /** Starts a new part with `text`. */
  part(text: string): void {
    if (this.started) this.char(0);
    this.started = true;
    this.chars(text);
  }

  /** Adds `text` to the current part after a U+0001. */
  more(text: string): void {
    this.char(1);
    this.chars(text);
  }

  private char(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }

  private chars(text: string): void {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** The 53-bit hash in base 36, as `Number.prototype.toString(36)` writes it. */
  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return base36(4294967296 * (2097151 & h2) + (h1 >>> 0));
  }
}

const BASE36_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A safe integer ≥ 0 in base 36, the same string as `n.toString(36)`, several times faster (a list's
 * layout and diff write one per entry). Exact: `n % 36` is, and so is dividing `n - r` by 36.
 */
export function base36(n: number): string {
  let text = '';
  do {
    const digit = n % 36;
    text = BASE36_DIGITS[digit]! + text;
    n = (n - digit) / 36;
  } while (n > 0);
  return text;
}

/** Adds `texts` as one part, joined by U+0001. */
function joinedPart(hash: Cyrb53, texts: readonly string[]): void {
  hash.part(texts[0] ?? '');
  for (let i = 1; i < texts.length; i++) hash.more(texts[i]!);
}

/**
 * A digest of the fields that make an entry different to a reader. `line` is left out, and
 * categories are compared as a set: both move when sections above are edited or reordered,
 * which is not a change of the entry. Fields are joined with control characters no list holds.
 */
export function entryDigest(entry: ListedEntry): string {
  const { title, authors, venue, year, month, categories, links, ids, titleKey } = entry;
  const hash = new Cyrb53();
  hash.part(title);
  hash.part(authors);
  hash.part(venue);
  hash.part(String(year ?? ''));
  hash.part(String(month ?? ''));
  joinedPart(hash, categories.length > 1 ? [...categories].sort() : categories);
  hash.part(String(links.length));
  for (const link of links) {
    hash.part(link.kind);
    hash.part(link.url);
    hash.part(link.label);
  }
  hash.part(ids.arxiv ?? '');
  hash.part(ids.doi ?? '');
  hash.part(ids.pmcid ?? '');
  hash.part(ids.pmid ?? '');
  joinedPart(hash, ids.repos);
  hash.part(titleKey);
  return hash.digest();
}

/** Every key an entry is found by: its identifiers, its title, its links that name no identifier, and its own id (see idKey). */
export function entryKeys(entry: ListedEntry): string[] {
  return keysOfEntry(entry, linkKey);
}

/** entryKeys, with `keyOf` giving the link keys of URLs (linkKey, or a faster way to the same keys). */
function keysOfEntry(entry: ListedEntry, keyOf: (url: string) => string | undefined): string[] {
  const keys = paperKeys(entry.ids, entry.titleKey);
  for (const key of listedLinkKeys(entry, keyOf)) keys.push(key);
  keys.push(idKey(entry.id));
  return keys;
}

/**
 * The rows that store `entries` (one list, in list order, ids unique) as that list's whole
 * content. `known` holds digests already computed, by entry id (a refresh's diff computes them);
 * `linkKeys` link keys already worked out, by URL (the parser's, ParsedList.linkKeys).
 */
export function layoutList(listId: string, entries: readonly LaidOutEntry[], known?: ReadonlyMap<string, string>, linkKeys?: ReadonlyMap<string, string>): ListLayout {
  return runAtOnce(layOutList(listId, entries, known, linkKeys));
}

/** The fields of an entry that its chunk leaves out (ChunkEntry). */
const NOT_IN_CHUNKS = new Set(['listId', 'titleKey', 'authorList']);

/** The entry as its chunk stores it (ChunkEntry). */
function chunkEntry(entry: LaidOutEntry): ChunkEntry {
  // Copied one by one, as storedEntry does: a rest pattern costs several times more.
  const row: Record<string, unknown> = {};
  for (const key in entry) if (!NOT_IN_CHUNKS.has(key)) row[key] = entry[key as keyof LaidOutEntry];
  return row as unknown as ChunkEntry;
}

/** Entries laid out between two points where layOutList may pause. */
const ENTRIES_PER_STEP = 256;

/** layoutList as a sliced computation (lib/slices.ts): laying out 100k entries takes a second or more. */
export function* layOutList(listId: string, entries: readonly LaidOutEntry[], known?: ReadonlyMap<string, string>, linkKeys?: ReadonlyMap<string, string>): Sliced<ListLayout> {
  const chunks: EntryChunk[] = [];
  const buckets = new Map<number, EntryKeyBucket>();
  const manifest: ListManifest = { listId, ids: [], addedAt: [], digests: [] };
  const keyOf = linkKeys ? (url: string) => linkKeys.get(url) ?? linkKey(url) : linkKey;
  for (let position = 0; position < entries.length; position++) {
    if (position % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    const entry = entries[position]!;
    const chunk = chunkOf(position);
    (chunks[chunk] ??= { listId, chunk, entries: [] }).entries.push(chunkEntry(entry));
    for (const key of keysOfEntry(entry, keyOf)) {
      const number = keyBucket(key);
      let bucket = buckets.get(number);
      if (!bucket) buckets.set(number, (bucket = { listId, bucket: number, keys: [], ids: [], chunks: [] }));
      bucket.keys.push(key);
      bucket.ids.push(entry.id);
      bucket.chunks.push(chunk);
    }
    manifest.ids.push(entry.id);
    manifest.addedAt.push(entry.addedAt);
    manifest.digests.push(known?.get(entry.id) ?? entryDigest(entry));
  }
  return { chunks, buckets: [...buckets.values()], manifest };
}

/** Where one entry of one list is stored. */
export interface EntryPlace {
  listId: string;
  id: string;
  chunk: number;
}
