/**
 * Where an identifier key is stored and how a stored entry is found again: the arithmetic of
 * the entry-key buckets and chunks (see layout.ts). Free of runtime imports on purpose: the
 * popup's first script (lib/db/earlyRead.ts) uses it and must stay tiny.
 */
import type { EntryChunk, EntryKeyBucket, EntryPlace } from './layout';
import type { StoredEntry } from '../types';

/** Entries per stored chunk row: the popup reads one chunk per result shown, so few entries besides. */
export const CHUNK_SIZE = 25;

/**
 * Buckets per list for identifiers and ids, hashed evenly: fixed, so that a reader needs nothing
 * but the key to find its bucket. At 100k entries one holds a few hundred keys.
 */
export const KEY_BUCKETS = 1024;

/**
 * Buckets per list for title keys, which follow the identifier buckets. Titles are filed by the
 * start of their first word (titleShard), so one bucket answers a title-prefix query; shards are
 * uneven (many titles start with "a" or "towards"), which is why ids are never filed among them.
 */
export const TITLE_BUCKETS = 1024;

/** Characters of a title's first word that choose its bucket. */
export const TITLE_SHARD_CHARS = 3;

const TITLE = 'title:';

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The shard of a title key (or of a prefix of one): its first word's first TITLE_SHARD_CHARS characters. */
function titleShard(titleKey: string): string {
  const space = titleKey.indexOf(' ');
  return titleKey.slice(0, Math.min(space < 0 ? titleKey.length : space, TITLE_SHARD_CHARS));
}

/**
 * Whether every title key starting with `prefix` is in the prefix's own bucket: yes when the
 * prefix holds a whole first word or TITLE_SHARD_CHARS characters of it ("a ", "tow"), not for "me".
 */
export function isBucketedTitlePrefix(prefix: string): boolean {
  return prefix.includes(' ') || prefix.length >= TITLE_SHARD_CHARS;
}

/** The key an entry's id is filed under: never among title keys, whatever the id looks like. */
export function idKey(id: string): string {
  return `id:${id}`;
}

/** The bucket of a key: "arxiv:…", "doi:…", "pmcid:…", "pmid:…", "repo:…", "id:…" or "title:…". */
export function keyBucket(key: string): number {
  if (key.startsWith(TITLE)) return KEY_BUCKETS + (fnv1a(titleShard(key.slice(TITLE.length))) % TITLE_BUCKETS);
  return fnv1a(key) % KEY_BUCKETS;
}

/** The chunk holding the entry at this position of its list. */
export function chunkOf(position: number): number {
  return Math.floor(position / CHUNK_SIZE);
}

/** The places in `buckets` whose key passes `test`, each entry once, at most `limit`. */
export function placesInBuckets(buckets: readonly EntryKeyBucket[], test: (key: string) => boolean, limit = Infinity): EntryPlace[] {
  const places = new Map<string, EntryPlace>();
  for (const bucket of buckets) {
    for (let i = 0; i < bucket.keys.length && places.size < limit; i++) {
      const id = bucket.ids[i]!;
      const place = `${bucket.listId}\n${id}`;
      if (!places.has(place) && test(bucket.keys[i]!)) places.set(place, { listId: bucket.listId, id, chunk: bucket.chunks[i]! });
    }
  }
  return [...places.values()];
}

/**
 * A chunk's entries as StoredEntry rows, each given its list, which the chunk row holds for all
 * (ChunkEntry). In place, as a copy per entry costs a whole list's read (the search index rebuilt
 * from the database) about 0.4 s at 100k entries. Harmless where Dexie's cache shares a row read
 * in a live query: the value set is the chunk's own. (An 'immutable' cache would freeze rows.)
 */
export function entriesOfChunk(chunk: EntryChunk): StoredEntry[] {
  for (const entry of chunk.entries) entry.listId ??= chunk.listId;
  return chunk.entries as StoredEntry[];
}

/** The entries at `places`, read from their chunks. */
export function entriesAtPlaces(chunks: readonly (EntryChunk | undefined)[], places: readonly EntryPlace[]): StoredEntry[] {
  const wanted = new Set(places.map((p) => `${p.listId}\n${p.id}`));
  const found: StoredEntry[] = [];
  for (const chunk of chunks) {
    if (!chunk) continue;
    for (const entry of entriesOfChunk(chunk)) if (wanted.has(`${chunk.listId}\n${entry.id}`)) found.push(entry);
  }
  return found;
}
