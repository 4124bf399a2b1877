/**
 * What Lantern reads from one item of a page that lists papers, and where its mark goes. The
 * query is plain data (sent to the background as it is); the anchor stays in the page.
 */
import { arxivIdFromUrl } from '../ids/arxiv';
import { doiFromUrl } from '../ids/doi';
import { pmcidFromUrl, pmidFromUrl } from '../ids/pubmed';
import { repoFromUrl } from '../ids/repo';
import { bareHost, parseHttpUrl } from '../ids/url';
import { cleanText, MAX_AUTHOR, MAX_TITLE } from '../page/text';

/** The identifiers and title an item shows; every field is optional, an empty query is no item. */
export interface ItemQuery {
  arxiv?: string;
  doi?: string;
  pmid?: string;
  pmcid?: string;
  repo?: string;
  /** The title as the item shows it: matched together with the first author, as the page badge matches. */
  title?: string;
  /** The item's first author as shown ("K Singhal", "Thirunavukarasu AJ"). */
  author?: string;
  /** A reference's whole text, normalized as titles are (lib/title.ts): a listed title inside it is that paper. */
  text?: string;
  /**
   * An address off the page's site that names no identifier (a journal's article page): an entry
   * listed with a link to exactly this address is that paper (lib/ids/link.ts listedLinkKeys).
   */
  url?: string;
}

export interface ListingItem {
  query: ItemQuery;
  /** The mark goes right after this element ('after') or as its last child ('append'). */
  anchor: Element;
  place: 'after' | 'append';
  /** One mark per paper per group: the item itself on listings, the link's block elsewhere. */
  group: Element;
}

/** Links of one item looked at: an item's own links come first, the rest are citations and ads. */
const MAX_LINKS_PER_ITEM = 12;

/**
 * The identifiers one link names, from the URL recognizers of lib/ids. A link into the page
 * itself ("#ref-1", the page's own URL) names the page, not an item.
 */
export function queryFromUrl(raw: string, base: string): ItemQuery | undefined {
  if (raw.startsWith('#')) return undefined;
  const url = absoluteUrl(raw, base);
  if (!url || samePage(url, base)) return undefined;
  const query: ItemQuery = {};
  const arxiv = arxivIdFromUrl(url);
  if (arxiv) query.arxiv = arxiv;
  const doi = doiFromUrl(url);
  if (doi) query.doi = doi;
  const pmcid = pmcidFromUrl(url);
  if (pmcid) query.pmcid = pmcid;
  const pmid = pmidFromUrl(url);
  if (pmid) query.pmid = pmid;
  const repo = repoFromUrl(url);
  if (repo) query.repo = repo;
  return hasIdentifier(query) ? query : undefined;
}

/** Longest address sent as ItemQuery.url (the background refuses longer fields). */
const MAX_ADDRESS = 1024;

/**
 * A link off the page's site, by its address, when it names no identifier (queryFromUrl says so
 * first): links within a site are its navigation, not papers.
 */
export function addressQuery(raw: string, base: string): ItemQuery | undefined {
  const url = absoluteUrl(raw, base);
  const page = absoluteUrl(base, base);
  if (!url || (page && bareHost(url) === bareHost(page))) return undefined;
  // A fragment names a place in the page, not the page (link keys leave it out): not sent, so it cannot make an address too long.
  url.hash = '';
  return url.href.length <= MAX_ADDRESS ? { url: url.href } : undefined;
}

/** A link's http(s) address, resolved against the page's. */
function absoluteUrl(raw: string, base: string): URL | undefined {
  try {
    return parseHttpUrl(new URL(raw, base));
  } catch {
    return undefined;
  }
}

function samePage(url: URL, base: string): boolean {
  const hash = base.indexOf('#');
  return url.href.slice(0, url.href.length - url.hash.length) === (hash < 0 ? base : base.slice(0, hash));
}

/** Whether a query carries an identifier (not only a title or text). */
export function hasIdentifier(query: ItemQuery): boolean {
  return Boolean(query.arxiv || query.doi || query.pmid || query.pmcid || query.repo);
}

/** Adds what `more` names and `query` does not yet (the first link that yields each id wins). */
export function mergeQuery(query: ItemQuery, more: ItemQuery | undefined): ItemQuery {
  if (!more) return query;
  for (const key of ['arxiv', 'doi', 'pmid', 'pmcid', 'repo'] as const) {
    if (!query[key] && more[key]) query[key] = more[key];
  }
  return query;
}

/** The identifiers of an element's first links. */
export function queryFromLinks(element: Element, base: string, query: ItemQuery = {}): ItemQuery {
  const links = element.querySelectorAll('a[href]');
  for (let i = 0; i < links.length && i < MAX_LINKS_PER_ITEM; i++) {
    mergeQuery(query, queryFromUrl(links[i]!.getAttribute('href') ?? '', base));
  }
  return query;
}

/** Text of an element as the page shows it, cleaned (lib/page/text.ts); undefined when empty or absurdly long. */
export function shownText(element: Element | null | undefined, max = MAX_TITLE): string | undefined {
  const text = element?.textContent;
  return text ? cleanText(text, max) : undefined;
}

export function shownAuthor(text: string | undefined): string | undefined {
  const first = text?.split(/,|;|…| and |\s-\s/)[0];
  return first ? cleanText(first, MAX_AUTHOR) : undefined;
}

/** An item, unless its query names nothing. */
export function item(query: ItemQuery, anchor: Element, place: ListingItem['place'], group: Element): ListingItem | undefined {
  return hasIdentifier(query) || query.title || query.text || query.url ? { query, anchor, place, group } : undefined;
}
