/**
 * The list layout (chunks, key buckets, manifest) as schema versions 3 to 6 store it, frozen:
 * the v3 upgrade lays v1's entry rows out with it, and the v5 upgrade lays out again a list that
 * lost an entry. A copy of ../layout.ts and ../buckets.ts as they were when those versions shipped;
 * never change it. A new layout belongs in ../layout.ts together with a new schema version that
 * lays stored lists out again (tests/unit/db-layout.test.ts fails until both agree).
 */
import type { LaidOutEntry, ListedEntry } from '../../types';
import type { EntryChunk, EntryKeyBucket, ListLayout, ListManifest } from '../layout';

const CHUNK_SIZE = 25;
const KEY_BUCKETS = 1024;
const TITLE_BUCKETS = 1024;
const TITLE_SHARD_CHARS = 3;
const TITLE = 'title:';

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function keyBucket(key: string): number {
  if (!key.startsWith(TITLE)) return fnv1a(key) % KEY_BUCKETS;
  const titleKey = key.slice(TITLE.length);
  const space = titleKey.indexOf(' ');
  const shard = titleKey.slice(0, Math.min(space < 0 ? titleKey.length : space, TITLE_SHARD_CHARS));
  return KEY_BUCKETS + (fnv1a(shard) % TITLE_BUCKETS);
}

function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The digest v3–v6 store for an entry in its list's manifest. */
export function entryDigestV3(entry: ListedEntry): string {
  const { title, authors, venue, year, month, categories, links, ids, titleKey } = entry;
  const parts = [title, authors, venue, String(year ?? ''), String(month ?? ''), [...categories].sort().join('\u0001'), String(links.length)];
  for (const link of links) parts.push(link.kind, link.url, link.label);
  parts.push(ids.arxiv ?? '', ids.doi ?? '', ids.pmcid ?? '', ids.pmid ?? '', ids.repos.join('\u0001'), titleKey);
  return cyrb53(parts.join('\u0000'));
}

/** The keys v3–v6 file an entry under. */
export function entryKeysV3(entry: ListedEntry): string[] {
  const { ids, titleKey } = entry;
  const keys: string[] = [];
  if (ids.arxiv) keys.push(`arxiv:${ids.arxiv}`);
  if (ids.doi) keys.push(`doi:${ids.doi}`);
  if (ids.pmcid) keys.push(`pmcid:${ids.pmcid}`);
  if (ids.pmid) keys.push(`pmid:${ids.pmid}`);
  for (const repo of ids.repos ?? []) keys.push(`repo:${repo}`);
  if (titleKey) keys.push(`title:${titleKey}`);
  keys.push(`id:${entry.id}`);
  return keys;
}

/** The rows v3–v6 store for `entries` (one list, in list order, ids unique). */
export function layoutListV3(listId: string, entries: readonly LaidOutEntry[]): ListLayout {
  return layoutListWithKeys(listId, entries, entryKeysV3);
}

/**
 * The v3–v6 rows with each entry filed under `keysOf(entry)`: chunks, buckets and manifest as v3
 * stores them. Version 7 changed only the keys (./layoutV7.ts).
 */
export function layoutListWithKeys(listId: string, entries: readonly LaidOutEntry[], keysOf: (entry: LaidOutEntry) => string[]): ListLayout {
  const chunks: EntryChunk[] = [];
  const buckets = new Map<number, EntryKeyBucket>();
  const manifest: ListManifest = { listId, ids: [], addedAt: [], digests: [] };
  entries.forEach((entry, position) => {
    const chunk = Math.floor(position / CHUNK_SIZE);
    (chunks[chunk] ??= { listId, chunk, entries: [] }).entries.push(entry);
    for (const key of keysOf(entry)) {
      const number = keyBucket(key);
      let bucket = buckets.get(number);
      if (!bucket) buckets.set(number, (bucket = { listId, bucket: number, keys: [], ids: [], chunks: [] }));
      bucket.keys.push(key);
      bucket.ids.push(entry.id);
      bucket.chunks.push(chunk);
    }
    manifest.ids.push(entry.id);
    manifest.addedAt.push(entry.addedAt);
    manifest.digests.push(entryDigestV3(entry));
  });
  return { chunks, buckets: [...buckets.values()], manifest };
}
