import type { EntryLink, PaperIds } from '../types';
import { parseHttpUrl, safeDecode } from './url';

/**
 * The key of an address as a listed link: "link:" + host (without "www.") + path (without
 * trailing slashes) + query, lower-cased. Scheme and fragment are left out: they do not change
 * which page it is. Undefined for anything but an http(s) URL.
 */
export function linkKey(raw: string): string | undefined {
  const url = parseHttpUrl(raw);
  return url ? linkKeyOfUrl(url) : undefined;
}

type AddressParts = Pick<URL, 'hostname' | 'pathname' | 'search'>;

/** linkKey of an address already parsed (by parseHttpUrl or httpUrlParts). */
export function linkKeyOfUrl(url: AddressParts): string {
  return `link:${addressOf(url)}`.toLowerCase();
}

/**
 * An address in linkKey's form but with its path and query in their own case. Link keys are
 * lower-cased (stored layouts hold them so), yet many addresses are case-sensitive
 * (youtu.be/dQw4w9WgXcQ, bit.ly/3AbCdE): a page is a listed link only when these agree too
 * (lib/match.ts). Undefined for anything but an http(s) URL.
 */
export function exactAddress(raw: string): string | undefined {
  const url = parseHttpUrl(raw);
  return url ? addressOf(url) : undefined;
}

function addressOf(url: AddressParts): string {
  // Not bareHost: link keys are stored in list layouts, and a trailing dot kept in them since v7
  // can only be dropped with a schema version that lays stored lists out again.
  return `${url.hostname.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

/**
 * The link keys of an entry's listed links that name none of its identifiers (a project page, an
 * organisation's page on a code host, a blog post): a page at exactly one of those addresses is
 * that entry (lib/match.ts). A link whose address holds one of the entry's arXiv id, DOI, PMC id
 * or PMID, or is at or under one of its repositories, is found by that identifier instead. Read
 * from the stored identifiers only (no URL detector), so a stored layout does not change when a
 * detector learns a new URL form. `keyOf`: linkKey, or what gives the same keys faster (keys worked
 * out when the links were parsed).
 */
export function listedLinkKeys(entry: { links: readonly EntryLink[]; ids: PaperIds }, keyOf: (url: string) => string | undefined = linkKey): string[] {
  if (entry.links.length === 0) return [];
  const keys = new Set<string>();
  const { arxiv, doi, pmcid, pmid, repos } = entry.ids;
  const named: string[] = [];
  for (const id of [arxiv, doi, pmcid, pmid]) if (id) named.push(id.toLowerCase());
  const underRepo = repoFinder(repos);
  for (const { url } of entry.links) {
    const key = keyOf(url);
    if (!key || keys.has(key)) continue;
    const address = safeDecode(key.slice('link:'.length));
    if (named.some((id) => address.includes(id)) || underRepo(address)) continue;
    keys.add(key);
  }
  return [...keys];
}

/**
 * Whether an address is one of `repos` or a page under one ("repo/…"), in time linear in the
 * address whatever the number of repositories (an entry may list thousands): a repository with
 * n slashes can only be the address up to its (n+1)-th slash, or the whole address.
 */
function repoFinder(repos: readonly string[]): (address: string) => boolean {
  if (repos.length === 0) return () => false;
  const known = new Set(repos);
  const slashCounts = [...new Set(repos.map(slashCount))];
  return (address) => {
    for (const count of slashCounts) {
      let end = -1;
      for (let n = 0; n <= count; n++) {
        end = address.indexOf('/', end + 1);
        if (end < 0) break;
      }
      if (known.has(end < 0 ? address : address.slice(0, end))) return true;
    }
    return false;
  };
}

function slashCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf('/'); at >= 0; at = text.indexOf('/', at + 1)) count++;
  return count;
}
