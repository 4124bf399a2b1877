/**
 * A page's identity from its URL and its document. The URL is the cheap first test (it alone
 * identifies arXiv PDFs, PubMed, PMC, DOI-bearing publisher URLs and code pages); the document's
 * metadata is the precise second one.
 */
import { arxivIdFromDoi, identityFromUrl } from '../ids';
import type { PageIdentity } from '../types';
import { arxivIdFromMeta } from './arxiv';
import { authorsFromMeta, venueFromMeta, yearFromMeta } from './byline';
import { doiFromMeta } from './doi';
import { listingFromMeta } from './listing';
import { readPageMeta, type PageMeta } from './meta';
import { pmidFromMeta } from './pubmed';
import { titleFromMeta } from './title';
import { cleanUrl } from './text';

/** Drops undefined fields, so identities compare and serialize cleanly. */
function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/**
 * What the URL alone says; undefined when it names no paper or code page. For tabs no content
 * script can read (arXiv PDFs in the browser's PDF viewer): the toolbar icon still lights up.
 */
export function identifyUrl(raw: string): PageIdentity | undefined {
  return identityFromUrl(cleanUrl(raw));
}

/** What identityFromMeta takes from the address before the metadata (a DOI is the metadata's first). */
const ADDRESS_IDS = ['arxiv', 'pmid', 'pmcid', 'repo'] as const;

/**
 * Whether an identity a page gives (identifyPage's) agrees with an address: each identifier the
 * address names of ADDRESS_IDS must be the identity's, as identityFromMeta makes it. A page whose
 * address names none (a journal page known by its metadata) agrees with any identity: this narrows
 * what a page can claim to be, it does not bound it.
 */
export function agreesWithAddress(identity: PageIdentity, url: string): boolean {
  const named = identifyUrl(url);
  return named === undefined || ADDRESS_IDS.every((key) => named[key] === undefined || named[key] === identity[key]);
}

/** The identity a page's URL and metadata give it: only validated identifiers, only capped, cleaned text. */
export function identityFromMeta(page: PageMeta): PageIdentity {
  const url = cleanUrl(page.url);
  const fromUrl = identityFromUrl(url) ?? { url };
  if (listingFromMeta(page) !== undefined) return fromUrl;
  const doi = doiFromMeta(page) ?? fromUrl.doi;
  return withoutEmpty({
    url,
    arxiv: fromUrl.arxiv ?? arxivIdFromMeta(page) ?? (doi ? arxivIdFromDoi(doi) : undefined),
    doi,
    pmid: fromUrl.pmid ?? pmidFromMeta(page),
    pmcid: fromUrl.pmcid,
    repo: fromUrl.repo,
    title: titleFromMeta(page),
    authors: authorsFromMeta(page),
    venue: venueFromMeta(page),
    year: yearFromMeta(page),
  });
}

/** Globals as parameters with defaults: the content script may omit them; tests pass their own. */
export function identifyPage(url: string = globalThis.location.href, doc: Document = globalThis.document): PageIdentity {
  return identityFromMeta(readPageMeta(url, doc));
}
