/**
 * The list layout (chunks, key buckets, manifest) as schema version 7 stores it, frozen: the v3–v6
 * layout (./layoutV3.ts) whose entries are also filed under their listed links that name none of
 * their identifiers ("link:…"). The v7 upgrade lays every stored list out again with it. A copy of
 * ../layout.ts, ../buckets.ts and ../../ids/link.ts as they were when v7 shipped; never change it.
 * A new layout belongs in ../layout.ts together with a new schema version that lays stored lists
 * out again (tests/unit/db-layout.test.ts fails until both agree).
 */
import type { CatalogEntry, StoredEntry } from '../../types';
import type { EntryChunk, EntryKeyBucket, ListLayout, ListManifest } from '../layout';
import { entryDigestV3, entryKeysV3 } from './layoutV3';

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

function linkKey(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return `link:${url.hostname.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`.toLowerCase();
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The "link:…" keys v7 files an entry under. */
function listedLinkKeysV7(entry: CatalogEntry): string[] {
  const { arxiv, doi, pmcid, pmid, repos } = entry.ids;
  const named = [arxiv, doi, pmcid, pmid].flatMap((id) => (id ? [id.toLowerCase()] : []));
  const keys = new Set<string>();
  for (const { url } of entry.links) {
    const key = linkKey(url);
    if (!key) continue;
    const address = safeDecode(key.slice('link:'.length));
    if (named.some((id) => address.includes(id)) || repos.some((repo) => address === repo || address.startsWith(`${repo}/`))) continue;
    keys.add(key);
  }
  return [...keys];
}

/** The keys v7 files an entry under: v3's, with the listed-link keys before the entry's own id. */
export function entryKeysV7(entry: CatalogEntry): string[] {
  const keys = entryKeysV3(entry);
  return [...keys.slice(0, -1), ...listedLinkKeysV7(entry), ...keys.slice(-1)];
}

/** The rows v7 stores for `entries` (one list, in list order, ids unique). */
export function layoutListV7(listId: string, entries: readonly StoredEntry[]): ListLayout {
  const chunks: EntryChunk[] = [];
  const buckets = new Map<number, EntryKeyBucket>();
  const manifest: ListManifest = { listId, ids: [], addedAt: [], digests: [] };
  entries.forEach((entry, position) => {
    const chunk = Math.floor(position / CHUNK_SIZE);
    (chunks[chunk] ??= { listId, chunk, entries: [] }).entries.push(entry);
    for (const key of entryKeysV7(entry)) {
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
