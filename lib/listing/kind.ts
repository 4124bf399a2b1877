/**
 * Which known listing a URL is (cheap test first): a page of many papers whose items Lantern
 * reads one by one (items.ts), as opposed to any other page, where only links to papers and
 * reference lists are read (links.ts, references.ts). The DOM decides the rest.
 */
import { bareHost, parseHttpUrl, pathSegments } from '../ids/url';

export type ListingKind =
  | 'arxiv-list'
  | 'arxiv-search'
  | 'scholar'
  | 'pubmed-search'
  | 'pubmed-related'
  | 'hf-papers'
  | 'semantic-scholar-search'
  | 'alphaxiv'
  | 'acl-anthology';

/**
 * The pages listingKindFromUrl may call listings, as match patterns: where the listing readers
 * are declared as a content script (wxt.config.ts), so a listing has them before it is parsed.
 * Broader than the kinds (match patterns cannot read a query); each is on the site list.
 * Scholar's country domains and pages reached by in-page navigation get the readers on request.
 */
export const LISTING_MATCHES: readonly string[] = [
  'https://arxiv.org/list/*',
  'https://arxiv.org/catchup*',
  'https://arxiv.org/search*',
  'https://scholar.google.com/scholar*',
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://huggingface.co/papers*',
  'https://www.semanticscholar.org/search*',
  'https://www.alphaxiv.org/*',
  'https://alphaxiv.org/*',
  'https://aclanthology.org/volumes/*',
  'https://aclanthology.org/events/*',
  'https://aclanthology.org/people/*',
];

/** arXiv's listing pages: /list/<archive>/{new,recent,pastweek,YYMM,YYYY-MM,YYYY} and /catchup. */
const ARXIV_LIST_PERIOD = /^(?:new|recent|pastweek|\d{4}|\d{4}-\d{2}|\d{2})$/;
/** Scholar's main host and its country domains (scholar.google.de, scholar.google.co.uk, …). */
const SCHOLAR_HOST = /^scholar\.google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;

/**
 * The listing kind of a page URL, or undefined for every other page (papers, home pages,
 * anything unknown). Scholar: every host Lantern may run on (the main one by default, country
 * domains once the user grants them).
 */
export function listingKindFromUrl(raw: string): ListingKind | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const host = bareHost(url);
  const segments = pathSegments(url);
  const [first, second, third] = segments;
  if (host === 'arxiv.org') {
    if (first === 'list' && second && third && segments.length === 3 && ARXIV_LIST_PERIOD.test(third)) return 'arxiv-list';
    if (first === 'catchup') return 'arxiv-list';
    if (first === 'search' && (segments.length === 1 || (segments.length === 2 && (second === 'advanced' || /^[a-z-]+$/.test(second ?? ''))))) {
      return url.search.length > 1 ? 'arxiv-search' : undefined;
    }
    return undefined;
  }
  if (SCHOLAR_HOST.test(host)) return first === 'scholar' && segments.length === 1 && url.search.length > 1 ? 'scholar' : undefined;
  if (host === 'pubmed.ncbi.nlm.nih.gov') {
    if (segments.length === 0) return url.searchParams.has('term') ? 'pubmed-search' : undefined;
    return segments.length === 1 && /^\d{1,9}$/.test(first ?? '') ? 'pubmed-related' : undefined;
  }
  if (host === 'huggingface.co' || host === 'hf.co') {
    if (first !== 'papers') return undefined;
    // /papers/<arxiv id> is one paper's page, not a listing.
    if (segments.length === 1) return 'hf-papers';
    return second === 'date' || second === 'week' || second === 'month' || second === 'trending' || second === 'search' ? 'hf-papers' : undefined;
  }
  if (host === 'semanticscholar.org') return first === 'search' && url.searchParams.has('q') ? 'semantic-scholar-search' : undefined;
  if (host === 'alphaxiv.org') {
    if (segments.length === 0) return 'alphaxiv';
    return first === 'explore' || first === 'trending' || first === 'search' || first === 'bookmarks' ? 'alphaxiv' : undefined;
  }
  // The anthology's lists of papers: a volume, an event (its volumes), an author's page.
  if (host === 'aclanthology.org') return second && (first === 'volumes' || first === 'events' || first === 'people') ? 'acl-anthology' : undefined;
  return undefined;
}
