/** URL → identifier recognizers and the identifier keys built from them. */
import type { PageIdentity, PaperIds } from '../types';
import { arxivIdFromDoi, arxivIdFromUrl } from './arxiv';
import { doiFromUrl } from './doi';
import { pmcidFromUrl, pmidFromUrl } from './pubmed';
import { repoFromUrl } from './repo';
import { bareHost, httpUrlParts, parseHttpUrl, type UrlParts } from './url';

export { arxivIdFromDoi, arxivIdFromUrl, normalizeArxivId } from './arxiv';
export { doiFromUrl, doiUrl, normalizeDoi } from './doi';
export { normalizePmcid, normalizePmid, pmcidFromUrl, pmidFromUrl } from './pubmed';
export { repoFromUrl } from './repo';
export { parseHttpUrl } from './url';
export { arxivIdFromWritten, doiFromWritten } from './written';
export { exactAddress, linkKey, listedLinkKeys } from './link';

/** What one link's URL names, each identifier undefined when it names none (identityFromUrl also reads an arXiv id from an arXiv DOI; this does not). */
export interface LinkIds {
  arxiv?: string;
  doi?: string;
  pmcid?: string;
  pmid?: string;
  repo?: string;
}

/** What one parsed http(s) URL names: every detector run on it (on its parts read once, httpUrlParts), its host worked out once. */
export function linkIds(url: UrlParts): LinkIds {
  const host = bareHost(url);
  return { arxiv: arxivIdFromUrl(url, host), doi: doiFromUrl(url, host), pmcid: pmcidFromUrl(url, host), pmid: pmidFromUrl(url, host), repo: repoFromUrl(url, host) };
}

/**
 * The identifiers of several links, gathered one link (or one other gathering) at a time: the first
 * link that yields each id wins; every repository is kept, once, in link order. Gathering two sets
 * of links one after the other gives what gathering them as one set gives, so a parser can work
 * out each link's ids once and join them per entry.
 */
export class LinkIdsGathered {
  private arxiv: string | undefined;
  private doi: string | undefined;
  private pmcid: string | undefined;
  private pmid: string | undefined;
  /**
   * In link order (a Set keeps insertion order), each once, in linear time however many links an
   * item has. Made at the first repository: most of a list's items name none, and a parse keeps
   * one gathering per item.
   */
  private repos: Set<string> | undefined;

  add(ids: LinkIds): void {
    this.arxiv ??= ids.arxiv;
    this.doi ??= ids.doi;
    this.pmcid ??= ids.pmcid;
    this.pmid ??= ids.pmid;
    if (ids.repo) (this.repos ??= new Set()).add(ids.repo);
  }

  /** Adds what `other` gathered, as if its links came after these. */
  addAll(other: LinkIdsGathered): void {
    this.add({ arxiv: other.arxiv, doi: other.doi, pmcid: other.pmcid, pmid: other.pmid });
    if (other.repos) for (const repo of other.repos) (this.repos ??= new Set()).add(repo);
  }

  /** A new PaperIds of what is gathered so far. */
  ids(): PaperIds {
    // Built in a fixed key order, without undefined fields, so snapshots serialize the same way
    // every time; assigned one by one, as spreading conditional objects costs a copy each.
    const ids: Partial<PaperIds> = {};
    if (this.arxiv) ids.arxiv = this.arxiv;
    if (this.doi) ids.doi = this.doi;
    if (this.pmcid) ids.pmcid = this.pmcid;
    if (this.pmid) ids.pmid = this.pmid;
    ids.repos = this.repos ? [...this.repos] : [];
    return ids as PaperIds;
  }
}

/** The identifiers found in a set of links: the first link that yields each id wins; every repository is kept. */
export function idsFromUrls(urls: readonly string[]): PaperIds {
  const gathered = new LinkIdsGathered();
  for (const raw of urls) {
    const url = httpUrlParts(raw);
    if (url) gathered.add(linkIds(url));
  }
  return gathered.ids();
}

/**
 * What a URL alone identifies: the arXiv id (also from an arXiv DOI), DOI, PMCID, PMID and code
 * repository it holds, with `url` as given; undefined when it holds none. The one reading of a
 * URL for pages, tabs, links and pasted URLs alike.
 */
export function identityFromUrl(url: string): PageIdentity | undefined {
  const parsed = parseHttpUrl(url);
  if (!parsed) return undefined;
  // Parsed once for all five detectors, as idsFromUrls does.
  const host = bareHost(parsed);
  const doi = doiFromUrl(parsed, host);
  const arxiv = arxivIdFromUrl(parsed, host) ?? (doi ? arxivIdFromDoi(doi) : undefined);
  const pmcid = pmcidFromUrl(parsed, host);
  const pmid = pmidFromUrl(parsed, host);
  const repo = repoFromUrl(parsed, host);
  if (!arxiv && !doi && !pmcid && !pmid && !repo) return undefined;
  const identity: PageIdentity = { url };
  if (arxiv) identity.arxiv = arxiv;
  if (doi) identity.doi = doi;
  if (pmcid) identity.pmcid = pmcid;
  if (pmid) identity.pmid = pmid;
  if (repo) identity.repo = repo;
  return identity;
}

/**
 * The id a paper is stored under: "arxiv:…", else "doi:…", else `fallback` ("title:…" for list
 * entries and imports, "url:…" for unlisted pages). List entries, imports and saves must agree on it.
 */
export function paperId(ids: { arxiv?: string; doi?: string }, fallback: string): string {
  if (ids.arxiv) return `arxiv:${ids.arxiv}`;
  if (ids.doi) return `doi:${ids.doi}`;
  return fallback;
}

/**
 * The id to store an imported paper under when its usual id (`id`, from paperId) may be
 * another paper's: two papers titled "Correction" both have "title:correction". The first of the
 * usual id, "pmcid:…", "pmid:…", "url:…" (from the paper's own identifiers and address) and then
 * the usual id numbered ("title:correction 2": for a title id, one that currentTitleId keeps) that
 * `fits` accepts: an id no other paper holds. Only for the saved ids it is given: listed papers'
 * ids are not among them, and two devices importing in another order may choose differently.
 */
export function fittingPaperId(id: string, paper: { ids: Partial<PaperIds>; url?: string }, fits: (id: string) => boolean): string {
  if (fits(id)) return id;
  const { ids, url } = paper;
  for (const candidate of [ids.pmcid && `pmcid:${ids.pmcid}`, ids.pmid && `pmid:${ids.pmid}`, url && `url:${url}`]) {
    if (candidate && fits(candidate)) return candidate;
  }
  let n = 2;
  while (!fits(`${id} ${n}`)) n++;
  return `${id} ${n}`;
}

/**
 * Every identifier as "kind:value", strongest first (arxiv, doi, pmcid, pmid, repo, title):
 * the database's multi-entry index and the matcher both rely on these exact prefixes.
 */
export function paperKeys(ids: Partial<PaperIds>, titleKey?: string): string[] {
  const keys: string[] = [];
  if (ids.arxiv) keys.push(`arxiv:${ids.arxiv}`);
  if (ids.doi) keys.push(`doi:${ids.doi}`);
  if (ids.pmcid) keys.push(`pmcid:${ids.pmcid}`);
  if (ids.pmid) keys.push(`pmid:${ids.pmid}`);
  for (const repo of ids.repos ?? []) keys.push(`repo:${repo}`);
  if (titleKey) keys.push(`title:${titleKey}`);
  return keys;
}

/** How an identity is named to the user by its strongest identifier: "arXiv:2311.16079", "DOI 10.1038/…", "PMC10364849", "PMID 37…", "owner/repo", else its URL. */
export function identityLabel(identity: Pick<PageIdentity, 'arxiv' | 'doi' | 'pmcid' | 'pmid' | 'repo' | 'url'>): string {
  if (identity.arxiv) return `arXiv:${identity.arxiv}`;
  if (identity.doi) return `DOI ${identity.doi}`;
  if (identity.pmcid) return identity.pmcid;
  if (identity.pmid) return `PMID ${identity.pmid}`;
  if (identity.repo) return identity.repo;
  return identity.url;
}
