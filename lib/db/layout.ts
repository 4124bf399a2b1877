/**
 * How one list's entries are laid out in IndexedDB. One row per entry costs a fixed overhead per
 * row, per index: 100k entries took 9.8 s to write with the six indexes of schema v1, 5.8 s with
 * none, and 0.27 s as 100 rows of 1,000 (headless Chromium, tests/bench/refresh.ts). So a list is
 * stored as a few kinds of larger rows, all rewritten together when the list changes:
 *
 * - chunks: the entries in list order, CHUNK_SIZE per row. Neighbours in an awesome-list are
 *   usually of one section, which the related-papers pool uses.
 * - key buckets: every identifier key of every entry ("arxiv:…", "doi:…", "title:…", "link:…"
 *   for a listed link that names no identifier, and "id:…" for the entry's own id) with the entry's id and chunk, in a fixed number of rows (buckets.ts):
 *   a badge lookup reads one bucket per key and then one chunk.
 * - a manifest: the ids in list order with when each was first listed and a digest of its
 *   content, so a refresh diffs, and "new entries" are counted, without reading any entry.
 */
import { listedLinkKeys, paperKeys } from '../ids';
import type { CatalogEntry, StoredEntry } from '../types';
import { chunkOf, idKey, keyBucket } from './buckets';

export interface EntryChunk {
  listId: string;
  chunk: number;
  entries: StoredEntry[];
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
 * cyrb53, a fast 53-bit string hash (so that a changed entry is practically never missed), of
 * `parts` joined by U+0000: the same value as hashing `parts.join('\u0000')`, without building it.
 */
function cyrb53OfParts(parts: readonly string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      h1 = Math.imul(h1, 2654435761);
      h2 = Math.imul(h2, 1597334677);
    }
    const text = parts[p]!;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * A digest of the fields that make an entry different to a reader. `line` is left out, and
 * categories are compared as a set: both move when sections above are edited or reordered,
 * which is not a change of the entry. Fields are joined with control characters no list holds.
 */
export function entryDigest(entry: CatalogEntry): string {
  const { title, authors, venue, year, month, categories, links, ids, titleKey } = entry;
  const parts = [title, authors, venue, String(year ?? ''), String(month ?? ''), [...categories].sort().join('\u0001'), String(links.length)];
  for (const link of links) parts.push(link.kind, link.url, link.label);
  parts.push(ids.arxiv ?? '', ids.doi ?? '', ids.pmcid ?? '', ids.pmid ?? '', ids.repos.join('\u0001'), titleKey);
  return cyrb53OfParts(parts);
}

/** Every key an entry is found by: its identifiers, its title, its links that name no identifier, and its own id (see idKey). */
export function entryKeys(entry: CatalogEntry): string[] {
  return [...paperKeys(entry.ids, entry.titleKey), ...listedLinkKeys(entry), idKey(entry.id)];
}

/**
 * The rows that store `entries` (one list, in list order, ids unique) as that list's whole
 * content. `known` holds digests already computed, by entry id (a refresh's diff computes them).
 */
export function layoutList(listId: string, entries: readonly StoredEntry[], known?: ReadonlyMap<string, string>): ListLayout {
  const chunks: EntryChunk[] = [];
  const buckets = new Map<number, EntryKeyBucket>();
  const manifest: ListManifest = { listId, ids: [], addedAt: [], digests: [] };
  entries.forEach((entry, position) => {
    const chunk = chunkOf(position);
    (chunks[chunk] ??= { listId, chunk, entries: [] }).entries.push(entry);
    for (const key of entryKeys(entry)) {
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
  });
  return { chunks, buckets: [...buckets.values()], manifest };
}

/** Where one entry of one list is stored. */
export interface EntryPlace {
  listId: string;
  id: string;
  chunk: number;
}
