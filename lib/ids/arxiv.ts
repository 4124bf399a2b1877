import { normalizeDoi } from './doi';
import { bareHost, parseHttpUrl, safeDecode, type UrlParts } from './url';

/**
 * arXiv identifiers. New ids are YYMM.NNNN(N); old ids are archive[.SUBJ]/YYMMNNN. The subject
 * class of an old id is dropped ("math.GT/0309136" → "math/0309136") because arXiv itself
 * serves the paper under the archive-only id, so both spellings must meet on one key.
 */
const NEW_ID = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?$/;
const OLD_ID = /^([a-z]+(?:-[a-z]+)*)(?:\.[a-z]{2}(?:-[a-z]+)?)?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?$/i;
/** An id at the start of a URL path remainder, before any ".pdf", "/" or further path. */
const ID_AT_START = /^((?:[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2}(?:-[a-z]+)?)?\/\d{7})|(?:\d{4}\.\d{4,5}))(v\d+)?(?=$|\/|\.pdf$|\.pdf\/)/i;

export function normalizeArxivId(raw: string): string | undefined {
  const id = raw.trim().replace(/^arxiv:\s*/i, '');
  const modern = NEW_ID.exec(id);
  if (modern) return modern[1];
  const old = OLD_ID.exec(id);
  if (old) return `${old[1]!.toLowerCase()}/${old[2]}`;
  return undefined;
}

export function arxivIdFromDoi(raw: string): string | undefined {
  const doi = normalizeDoi(raw);
  const match = doi && /^10\.48550\/arxiv\.(.+)$/.exec(doi);
  return match ? normalizeArxivId(match[1]!) : undefined;
}

const ARXIV_HOSTS = new Set(['arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);
const ARXIV_PATH_KINDS = new Set(['abs', 'pdf', 'html', 'format', 'ps', 'src']);
const AR5IV_HOSTS = new Set(['ar5iv.labs.arxiv.org', 'ar5iv.org']);

/** The id at the start of what follows a known prefix ("2311.16452v2.pdf", "hep-th/9901001/"). */
function idFromRemainder(remainder: string): string | undefined {
  const match = ID_AT_START.exec(safeDecode(remainder));
  return match ? normalizeArxivId(match[1]!) : undefined;
}

/** The path after "/<first>/" when the first segment is one of `kinds`. */
function afterFirstSegment(path: string, kinds: Set<string>): string | undefined {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  return match && kinds.has(match[1]!.toLowerCase()) ? match[2] : undefined;
}

/**
 * The arXiv id an arXiv, ar5iv, alphaXiv, Hugging Face papers or arXiv-DOI address names. Undefined for anything else.
 * `knownHost`: the URL's bareHost, when the caller has it (idsFromUrls runs every detector on one link).
 */
export function arxivIdFromUrl(raw: string | UrlParts, knownHost?: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const host = knownHost ?? bareHost(url);
  const path = url.pathname;
  let remainder: string | undefined;
  if (ARXIV_HOSTS.has(host)) remainder = afterFirstSegment(path, ARXIV_PATH_KINDS);
  else if (AR5IV_HOSTS.has(host)) remainder = afterFirstSegment(path, new Set(['html', 'abs']));
  else if (host === 'alphaxiv.org') remainder = afterFirstSegment(path, new Set(['abs', 'overview', 'pdf']));
  else if (host === 'huggingface.co' || host === 'hf.co') remainder = afterFirstSegment(path, new Set(['papers']));
  else if (host === 'doi.org' || host === 'dx.doi.org') return arxivIdFromDoi(safeDecode(path.slice(1)));
  return remainder === undefined ? undefined : idFromRemainder(remainder);
}
