/**
 * Where an identifier key is stored: the arithmetic of the entry-key buckets (see layout.ts).
 * Free of imports on purpose: the popup's first script (entrypoints/popup/earlyIndex.ts) uses it
 * and must stay tiny.
 */

/** Entries per stored chunk row: small enough that reading one paper reads little else. */
export const CHUNK_SIZE = 100;

/**
 * Key buckets per list, fixed so that a reader needs nothing but the key to find its bucket. At
 * 100k entries a bucket holds a few hundred keys; a short list leaves most buckets absent.
 */
export const KEY_BUCKETS = 1024;

/** Title keys are bucketed by this many first characters, so one bucket answers a title-prefix query. */
export const TITLE_SHARD_CHARS = 2;

const TITLE = 'title:';

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bucket of a key ("arxiv:…", "doi:…", "title:…", or an entry id). */
export function keyBucket(key: string): number {
  const shard = key.startsWith(TITLE) ? key.slice(0, TITLE.length + TITLE_SHARD_CHARS) : key;
  return fnv1a(shard) % KEY_BUCKETS;
}

/** The chunk holding the entry at this position of its list. */
export function chunkOf(position: number): number {
  return Math.floor(position / CHUNK_SIZE);
}
