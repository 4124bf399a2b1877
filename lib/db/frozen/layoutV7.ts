/**
 * The list layout (chunks, key buckets, manifest) as schema version 7 stores it, frozen: the v3–v6
 * layout (./layoutV3.ts) whose entries are also filed under their listed links that name none of
 * their identifiers ("link:…"). The v7 upgrade lays every stored list out again with it. A copy of
 * ../../ids/link.ts as it was when v7 shipped (the rest is v3's, unchanged); never change it.
 * A new layout belongs in ../layout.ts together with a new schema version that lays stored lists
 * out again (tests/unit/db-layout.test.ts fails until both agree).
 */
import type { LaidOutEntry, ListedEntry } from '../../types';
import type { ListLayout } from '../layout';
import { entryKeysV3, layoutListWithKeys } from './layoutV3';

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
function listedLinkKeysV7(entry: ListedEntry): string[] {
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
export function entryKeysV7(entry: ListedEntry): string[] {
  const keys = entryKeysV3(entry);
  return [...keys.slice(0, -1), ...listedLinkKeysV7(entry), ...keys.slice(-1)];
}

/** The rows v7 stores for `entries` (one list, in list order, ids unique): v3's, with v7's keys. */
export function layoutListV7(listId: string, entries: readonly LaidOutEntry[]): ListLayout {
  return layoutListWithKeys(listId, entries, entryKeysV7);
}
