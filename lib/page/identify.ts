/**
 * A page's identity from its URL and its document. The URL is the cheap first test (it alone
 * identifies arXiv PDFs, PubMed, PMC, DOI-bearing publisher URLs and code pages); the document's
 * metadata is the precise second one.
 */
import { detector } from '../detector';
import { arxivIdFromDoi, arxivIdFromUrl, doiFromUrl, pmcidFromUrl, pmidFromUrl, repoFromUrl } from '../ids';
import type { PageIdentity } from '../types';
import { arxivIdFromMeta } from './arxiv';
import { authorsFromMeta, venueFromMeta, yearFromMeta } from './byline';
import { doiFromMeta } from './doi';
import { listingFromMeta } from './listing';
import { readPageMeta, type PageMeta } from './meta';
import { pmidFromMeta } from './pubmed';
import { titleFromMeta } from './title';
import { cleanUrl } from './text';

type UrlIds = Omit<PageIdentity, 'url' | 'title' | 'authors' | 'venue' | 'year'>;

function idsFromPageUrl(url: string): UrlIds {
  const doi = doiFromUrl(url);
  return withoutEmpty({
    arxiv: arxivIdFromUrl(url) ?? (doi ? arxivIdFromDoi(doi) : undefined),
    doi,
    pmcid: pmcidFromUrl(url),
    pmid: pmidFromUrl(url),
    repo: repoFromUrl(url),
  });
}

/** Drops undefined fields, so identities compare and serialize cleanly. */
function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/**
 * What the URL alone says; undefined when it names no paper or code page. For tabs no content
 * script can read (arXiv PDFs in the browser's PDF viewer): the toolbar icon still lights up.
 */
export const identifyUrl = detector<string, PageIdentity>({
  name: 'page.identifyUrl',
  detect: (raw) => {
    const url = cleanUrl(raw);
    const ids = idsFromPageUrl(url);
    return Object.keys(ids).length > 0 ? { url, ...ids } : undefined;
  },
  accepts: [
    ['https://arxiv.org/pdf/2311.16452v2', { url: 'https://arxiv.org/pdf/2311.16452v2', arxiv: '2311.16452' }],
    [
      'https://doi.org/10.48550/arXiv.2212.13138',
      { url: 'https://doi.org/10.48550/arXiv.2212.13138', arxiv: '2212.13138', doi: '10.48550/arxiv.2212.13138' },
    ],
    ['https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', { url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/', pmcid: 'PMC10364849' }],
    ['https://pubmed.ncbi.nlm.nih.gov/37492832/', { url: 'https://pubmed.ncbi.nlm.nih.gov/37492832/', pmid: '37492832' }],
    ['https://github.com/epfLLM/meditron/issues/12', { url: 'https://github.com/epfLLM/meditron/issues/12', repo: 'github.com/epfllm/meditron' }],
    [
      'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3.full.pdf',
      { url: 'https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3.full.pdf', doi: '10.1101/2023.10.26.23297629' },
    ],
  ],
  rejects: [
    'https://www.jmir.org/2023/1/e48568',
    'https://github.com/epfLLM',
    'https://arxiv.org/list/cs.CL/recent',
    'javascript:alert(1)',
    'chrome://extensions/',
  ],
});

/** The identity a page's URL and metadata give it: only validated identifiers, only capped, cleaned text. */
export function identityFromMeta(page: PageMeta): PageIdentity {
  const url = cleanUrl(page.url);
  const fromUrl = idsFromPageUrl(url);
  if (listingFromMeta(page) !== undefined) return { url, ...fromUrl };
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
