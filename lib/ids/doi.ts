import { bareHost, parseHttpUrl, pathSegments, safeDecode, type UrlParts } from './url';

/**
 * Crossref's recommended pattern (https://www.crossref.org/blog/dois-and-matching-regular-expressions/),
 * widened with the <>[] characters some older DOIs carry.
 */
const DOI_PATTERN = /^10\.\d{4,9}\/[-._;()/:a-z0-9<>[\]]+$/i;
const DOI_URL_PREFIX = /^(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\//i;

/** Sentence punctuation that may follow a DOI in running text. */
const SENTENCE_PUNCTUATION = new Set(['.', ',', ';', ':', "'", '"']);

/**
 * Trailing punctuation that belongs to the sentence around a DOI, not to the DOI. A closing
 * parenthesis stays only when it closes one opened inside the DOI, as in 10.1016/S0140-6736(23)00216-7.
 * One pass over the text and one back from its end: linear however many ")" or "." it ends with.
 */
function trimTrailingPunctuation(doi: string): string {
  let unmatchedCloses = 0;
  for (let i = 0; i < doi.length; i++) {
    const char = doi.charCodeAt(i);
    if (char === 0x28) unmatchedCloses--;
    else if (char === 0x29) unmatchedCloses++;
  }
  let end = doi.length;
  while (end > 0) {
    const char = doi[end - 1]!;
    if (SENTENCE_PUNCTUATION.has(char)) end--;
    else if (char === ')' && unmatchedCloses > 0) {
      unmatchedCloses--;
      end--;
    } else break;
  }
  return doi.slice(0, end);
}

/**
 * A normalized DOI's resolver link, "https://doi.org/10.1038/s41586-023-06291-2". Normalized DOIs
 * hold none of the characters the DOI Handbook says to escape in a URL (%, ", #, ?, space).
 */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`;
}

export function normalizeDoi(raw: string): string | undefined {
  const doi = trimTrailingPunctuation(
    safeDecode(raw.trim().replace(/^doi:\s*/i, '').replace(DOI_URL_PREFIX, '')).trim(),
  );
  return DOI_PATTERN.test(doi) ? doi.toLowerCase() : undefined;
}

/** Hosts whose DOI is read from path segments other than a "doi" one. */
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'nature.com', 'medrxiv.org', 'biorxiv.org', 'link.springer.com', 'frontiersin.org']);
/** Publisher URL forms "/doi/<DOI>", "/doi/{abs,full,pdf,epdf,…}/<DOI>" used by Wiley, ACM, Science, NEJM, T&F, Annual Reviews… */
const DOI_PATH_VIEWS = new Set(['abs', 'full', 'pdf', 'epdf', 'pdfdirect', 'pdfplus', 'reader', 'book', 'suppl', 'figure', 'ref', 'citedby']);
/** Path segments some publishers append after the DOI ("…/full", "…/abstract/pdf"). */
const VIEW_SEGMENTS = new Set(['full', 'abstract', 'pdf', 'fulltext', 'epdf', 'meta']);
/** A file-like suffix on the DOI's last segment, when no view segment follows it. */
const VIEW_EXTENSION = /\.(?:pdf|full|abstract)$/i;

function doiFromPath(segments: string[]): string | undefined {
  // Trailing view segments are dropped segment by segment from the end: a regex anchored at the
  // end would rescan the whole path from every "/" of a long run of them.
  let end = segments.length;
  while (end > 1 && VIEW_SEGMENTS.has(segments[end - 1]!.toLowerCase())) end--;
  const path = segments.slice(0, end).join('/');
  return normalizeDoi(end < segments.length ? path : path.replace(VIEW_EXTENSION, ''));
}

/** A medRxiv/bioRxiv paper number ("2023.10.26.23297629", or the six-digit numbers bioRxiv used before December 2019), with its version and view suffixes. */
const PREPRINT_NUMBER = /^((?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,8})(?:v\d+)?(?:\.|$)/;

/**
 * medRxiv/bioRxiv, every address form they have used, → the DOI without version:
 * content/10.1101/<n>vN(.full)(.pdf)(.full-text) (current); content/{medrxiv,biorxiv}/early/
 * YYYY/MM/DD/<n>(.full.pdf) and content/early/YYYY/MM/DD/<n> (the dated addresses of 2013–2020);
 * cgi/content/{short,abstract,full}/<n>vN (the HighWire addresses of the first years).
 */
function preprintDoi(segments: string[]): string | undefined {
  let number: string | undefined;
  if (segments[0] === 'content' && segments[1] === '10.1101') number = segments[2];
  else if (segments[0] === 'content' && (segments[1] === 'medrxiv' || segments[1] === 'biorxiv') && segments[2] === 'early') number = segments[6];
  else if (segments[0] === 'content' && segments[1] === 'early') number = segments[5];
  else if (segments[0] === 'cgi' && segments[1] === 'content' && ['short', 'abstract', 'full'].includes(segments[2] ?? '')) number = segments[3];
  const match = number ? PREPRINT_NUMBER.exec(number) : null;
  return match ? normalizeDoi(`10.1101/${match[1]}`) : undefined;
}

/**
 * The DOI a doi.org address, a publisher path with a "doi" segment, a known publisher's article path or a `doi` query names. Undefined for anything else.
 * `knownHost`: the URL's bareHost, when the caller has it (idsFromUrls runs every detector on one link).
 */
export function doiFromUrl(raw: string | UrlParts, knownHost?: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const host = knownHost ?? bareHost(url);
  const path = url.pathname;
  // Most links name no DOI: a path that does not hold "doi", even percent-encoded, has no "doi" segment, and is not split.
  const segments = DOI_HOSTS.has(host) || path.includes('doi') || path.includes('%') ? pathSegments(url) : [];
  if (host === 'doi.org' || host === 'dx.doi.org') return doiFromPath(segments);
  if (host === 'nature.com') {
    const [section, article] = segments;
    return section === 'articles' && article && segments.length === 2
      ? normalizeDoi(`10.1038/${article.replace(/\.pdf$/i, '')}`)
      : undefined;
  }
  if (host === 'medrxiv.org' || host === 'biorxiv.org') return preprintDoi(segments);
  if (host === 'link.springer.com' && ['article', 'chapter', 'content'].includes(segments[0] ?? '')) {
    const start = segments.findIndex((segment) => segment.startsWith('10.'));
    return start > 0 ? doiFromPath(segments.slice(start)) : undefined;
  }
  if (host === 'frontiersin.org' && segments[0] === 'articles') return doiFromPath(segments.slice(1));
  const doiAt = segments.indexOf('doi');
  if (doiAt >= 0) {
    const rest = segments.slice(doiAt + 1);
    if (rest[0] && DOI_PATH_VIEWS.has(rest[0].toLowerCase())) rest.shift();
    return rest[0]?.startsWith('10.') ? doiFromPath(rest) : undefined;
  }
  if (url.search === '') return undefined;
  const queryDoi = url.searchParams.get('doi') ?? (host === 'journals.plos.org' ? url.searchParams.get('id') : null);
  return queryDoi ? normalizeDoi(queryDoi) : undefined;
}
