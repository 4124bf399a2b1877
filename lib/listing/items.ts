/**
 * Items of the known listings (kind.ts), one per listed paper however many links it has (abs,
 * pdf, html, code), read from the structure each site serves. Each reader takes the document
 * (or any root) and the page's URL for relative links, and is linear in the page: one
 * querySelectorAll per kind, a bounded look into each item.
 */
import { arxivIdFromUrl } from '../ids/arxiv';
import { MAX_AUTHOR } from '../page/text';
import { item, mergeQuery, queryFromLinks, queryFromUrl, shownAuthor, shownText, type ItemQuery, type ListingItem } from './item';
import type { ListingKind } from './kind';
import { doiInText } from './textIds';

/** `isRead(group)`: the item is already read (its group is known); skipped before any work on it. */
type Reader = (root: ParentNode, base: string, isRead: (group: Element) => boolean) => ListingItem[];

function collect<T>(elements: Iterable<T>, read: (element: T) => ListingItem | undefined): ListingItem[] {
  const items: ListingItem[] = [];
  for (const element of elements) {
    const found = read(element);
    if (found) items.push(found);
  }
  return items;
}

/** arXiv /list/… and /catchup: <dt> (id and links) then <dd> (.list-title, .list-authors). */
const arxivList: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('dl > dt'), (dt) => {
    if (isRead(dt)) return undefined;
    const abs = dt.querySelector('a[href*="/abs/"]');
    const arxiv = abs ? arxivIdFromUrl(new URL(abs.getAttribute('href') ?? '', base)) : undefined;
    if (!arxiv) return undefined;
    const dd = dt.nextElementSibling?.tagName === 'DD' ? dt.nextElementSibling : null;
    const title = dd?.querySelector('.list-title');
    const query: ItemQuery = { arxiv };
    return title ? item(query, title, 'append', dt) : item(query, abs!, 'after', dt);
  });

/** arXiv search and advanced search: li.arxiv-result with p.list-title (links) and p.title. */
const arxivSearch: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('li.arxiv-result'), (li) => {
    if (isRead(li)) return undefined;
    const { arxiv, doi } = queryFromLinks(li.querySelector('.list-title') ?? li, base);
    const title = li.querySelector('p.title');
    // Only the ids found: Firefox's messages carry an undefined field along, and the background refuses it.
    return title ? item({ ...(arxiv && { arxiv }), ...(doi && { doi }) }, title, 'append', li) : undefined;
  });

/** Scholar's labels before a title: [PDF], [HTML], [BOOK], [CITATION]. */
const SCHOLAR_LABEL = /^(?:\[[A-Z]{1,10}\]\s*)+/;

/**
 * Scholar: div.gs_r[data-cid] with h3.gs_rt (title link), .gs_ggs (side full-text link) and
 * .gs_a ("K Singhal, S Azizi… - Nature, 2023 - nature.com"). Publisher links without an
 * identifier are matched by title and first author.
 */
const scholar: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('.gs_r[data-cid], .gs_r.gs_or'), (result) => {
    if (isRead(result)) return undefined;
    const heading = result.querySelector('h3.gs_rt');
    if (!heading) return undefined;
    const query: ItemQuery = {};
    const titleLink = heading.querySelector('a[href]');
    if (titleLink) mergeQuery(query, queryFromUrl(titleLink.getAttribute('href') ?? '', base));
    const side = result.querySelector('.gs_ggs a[href]');
    if (side) mergeQuery(query, queryFromUrl(side.getAttribute('href') ?? '', base));
    const title = shownText(titleLink ?? heading)?.replace(SCHOLAR_LABEL, '');
    if (title) query.title = title;
    const author = shownAuthor(shownText(result.querySelector('.gs_a')));
    if (author) query.author = author;
    return item(query, heading, 'append', result);
  });

/** One PubMed summary (results page, "Similar articles", "Cited by"): a.docsum-title[data-article-id]. */
function pubmedDocsum(titleLink: Element, base: string, isRead: (group: Element) => boolean): ListingItem | undefined {
  const docsum = titleLink.closest('article, li, .docsum-wrap') ?? titleLink;
  if (isRead(docsum)) return undefined;
  const query: ItemQuery = {};
  const id = titleLink.getAttribute('data-article-id');
  if (id && /^\d{1,9}$/.test(id)) query.pmid = id;
  else mergeQuery(query, queryFromUrl(titleLink.getAttribute('href') ?? '', base));
  const citation = shownText(docsum.querySelector('.docsum-journal-citation'), 2000);
  const doi = citation ? doiInText(citation) : undefined;
  if (doi) query.doi = doi;
  // Lists link the journal or the preprint more often than PubMed: the title and first author find those.
  const title = shownText(titleLink);
  if (title) query.title = title;
  const author = shownAuthor(shownText(docsum.querySelector('.docsum-authors')));
  if (author) query.author = author;
  return item(query, titleLink, 'after', docsum);
}

const pubmedSearch: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('article.full-docsum a.docsum-title, .search-results a.docsum-title'), (a) => pubmedDocsum(a, base, isRead));

/** A PubMed article's "Similar articles" and "Cited by" blocks (the article itself has the page badge). */
const pubmedRelated: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('#similar a.docsum-title, #citedby a.docsum-title'), (a) => pubmedDocsum(a, base, isRead));

/** Hugging Face papers (daily, weekly, search): one <article> per paper, its h3 a title link to /papers/<arXiv id>. */
const hfPapers: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('article'), (article) => {
    if (isRead(article)) return undefined;
    const query: ItemQuery = {};
    const links = article.querySelectorAll('a[href*="/papers/"]');
    for (let i = 0; i < links.length && !query.arxiv; i++) mergeQuery(query, queryFromUrl(links[i]!.getAttribute('href') ?? '', base));
    const heading = article.querySelector('h3, h2');
    return query.arxiv && heading ? item({ arxiv: query.arxiv }, heading, 'append', article) : undefined;
  });

/** Semantic Scholar search: [data-test-id=search-result] rows, a title heading, author list, outbound links. */
const semanticScholar: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('[data-test-id="search-result"], .cl-paper-row'), (row) => {
    if (isRead(row)) return undefined;
    const heading = row.querySelector('.cl-paper-title, h2, [data-test-id="title-link"]');
    if (!heading) return undefined;
    const query = queryFromLinks(row, base);
    delete query.repo;
    const title = shownText(heading);
    if (title) query.title = title;
    const author = shownAuthor(shownText(row.querySelector('[data-test-id="author-list"] a, .cl-paper-authors a') ?? row.querySelector('.cl-paper-authors')));
    if (author) query.author = author;
    return item(query, heading, 'append', row);
  });

/**
 * alphaXiv's lists (explore, trending, search): cards are rendered by the app with no stable
 * class names, so an item is a paper id: one mark after the first link to it that reads as a
 * title (else after its first link).
 */
const alphaxiv: Reader = (root, base, isRead) => {
  const firstLink = new Map<string, Element>();
  const titleLink = new Map<string, Element>();
  const links = root.querySelectorAll('a[href*="/abs/"], a[href*="/overview/"]');
  for (const link of links) {
    const arxiv = queryFromUrl(link.getAttribute('href') ?? '', base)?.arxiv;
    if (!arxiv) continue;
    if (!firstLink.has(arxiv)) firstLink.set(arxiv, link);
    if (!titleLink.has(arxiv) && (shownText(link)?.length ?? 0) >= 12) titleLink.set(arxiv, link);
  }
  return collect(firstLink.keys(), (arxiv) => {
    const anchor = titleLink.get(arxiv) ?? firstLink.get(arxiv)!;
    return isRead(anchor) ? undefined : item({ arxiv }, anchor, 'after', anchor);
  });
};

/**
 * ACL Anthology volumes, events and author pages: one <p class="d-sm-flex"> per paper, its
 * badges (pdf, bib, abs) then <strong><a>title</a></strong> and links to its authors' pages.
 * The anthology's own ids are no list key: a paper is found by its title and first author, or
 * by an arXiv or DOI link when the item has one.
 */
const aclAnthology: Reader = (root, base, isRead) =>
  collect(root.querySelectorAll('p.d-sm-flex'), (p) => {
    if (isRead(p)) return undefined;
    const titleLink = p.querySelector('strong > a[href]');
    if (!titleLink) return undefined;
    const query = queryFromLinks(p, base);
    delete query.repo;
    const title = shownText(titleLink);
    if (title) query.title = title;
    const author = shownText(p.querySelector('a[href*="/people/"]'), MAX_AUTHOR);
    if (author) query.author = author;
    return item(query, titleLink, 'after', p);
  });

const READERS: Record<ListingKind, Reader> = {
  'arxiv-list': arxivList,
  'arxiv-search': arxivSearch,
  scholar,
  'pubmed-search': pubmedSearch,
  'pubmed-related': pubmedRelated,
  'hf-papers': hfPapers,
  'semantic-scholar-search': semanticScholar,
  alphaxiv,
  'acl-anthology': aclAnthology,
};

export interface ListingRead {
  /** Items whose group is already read are left out, before any work on them (a page read again as it grows). */
  isRead?: (group: Element) => boolean;
  /**
   * The page is still being parsed: its last item may be cut short (its title not there yet), so
   * it is left for a later read. Items come in page order, so once the next item has begun, the
   * one before it is whole.
   */
  loading?: boolean;
}

/** The items of a known listing, in page order; `base` resolves relative links (the page's URL). */
export function listingItems(kind: ListingKind, root: ParentNode, base: string, { isRead = () => false, loading = false }: ListingRead = {}): ListingItem[] {
  // alphaXiv's items are gathered by id across the page (its title link may come later): read once parsed.
  if (loading && kind === 'alphaxiv') return [];
  const items = READERS[kind](root, base, isRead);
  if (loading) items.pop();
  return items;
}

