import type { EntryLink, PaperIds } from '../types';
import { parseHttpUrl, safeDecode } from './url';

/**
 * The key of an address as a listed link: "link:" + host (without "www.") + path (without
 * trailing slashes) + query, lower-cased. Scheme and fragment are left out: they do not change
 * which page it is. Undefined for anything but an http(s) URL.
 */
export function linkKey(raw: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  // Not bareHost: link keys are stored in list layouts, and a trailing dot kept in them since v7
  // can only be dropped with a schema version that lays stored lists out again.
  return `link:${url.hostname.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`.toLowerCase();
}

/**
 * The link keys of an entry's listed links that name none of its identifiers (a project page, an
 * organisation's page on a code host, a blog post): a page at exactly one of those addresses is
 * that entry (lib/match.ts). A link whose address holds one of the entry's arXiv id, DOI, PMC id
 * or PMID, or is at or under one of its repositories, is found by that identifier instead. Read
 * from the stored identifiers only (no URL detector), so a stored layout does not change when a
 * detector learns a new URL form.
 */
export function listedLinkKeys(entry: { links: readonly EntryLink[]; ids: PaperIds }): string[] {
  const keys = new Set<string>();
  if (entry.links.length === 0) return [];
  const { arxiv, doi, pmcid, pmid, repos } = entry.ids;
  const named: string[] = [];
  for (const id of [arxiv, doi, pmcid, pmid]) if (id) named.push(id.toLowerCase());
  for (const { url } of entry.links) {
    const key = linkKey(url);
    if (!key || keys.has(key)) continue;
    const address = safeDecode(key.slice('link:'.length));
    if (named.some((id) => address.includes(id)) || repos.some((repo) => isAtOrUnder(address, repo))) continue;
    keys.add(key);
  }
  return [...keys];
}

/** Whether `address` is `repo` or a page under it ("repo/…"). */
function isAtOrUnder(address: string, repo: string): boolean {
  return address.startsWith(repo) && (address.length === repo.length || address.charCodeAt(repo.length) === 0x2f);
}
