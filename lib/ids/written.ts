/**
 * One normalization per identifier kind for text as people and tools write it, used by every
 * road that reads a written identifier (BibTeX/RIS/CSV fields, the popup's paste box): a bare
 * id, a prefixed one ("arXiv:", "doi:"), a URL of any form the URL recognizers know, or the
 * DOI arXiv registers for its papers (10.48550/arXiv.<id>). URL forms themselves live with the
 * URL recognizers (./arxiv.ts, ./doi.ts), so a list's links, a page's address and a pasted or
 * imported URL are read by the same code.
 */
import { arxivIdFromDoi, arxivIdFromUrl, normalizeArxivId } from './arxiv';
import { doiFromUrl, normalizeDoi } from './doi';
import { parseHttpUrl } from './url';

/** Longest text read as one identifier. */
const MAX_WRITTEN = 2048;

/** "arXiv.2311.16452" (Crossref-style, without the DOI prefix) and "arXiv: 2311.16452". */
const ARXIV_DOTTED = /^arxiv[.:]\s*/i;

/**
 * An arXiv id, versionless, from any written form: "2311.16452", "arXiv:2311.16452v2",
 * "arXiv.2311.16452", "https://arxiv.org/abs/2311.16452", "10.48550/arXiv.2311.16452",
 * "https://doi.org/10.48550/arXiv.2311.16452", "hep-th/9901001".
 */
export function arxivIdFromWritten(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || text.length > MAX_WRITTEN) return undefined;
  const url = parseHttpUrl(text);
  if (url) return arxivIdFromUrl(url);
  return normalizeArxivId(text.replace(ARXIV_DOTTED, '')) ?? arxivIdFromDoi(text);
}

/**
 * A DOI, lower-cased, from any written form: "10.1038/…", "doi:10.1038/…", "DOI: 10.1038/….",
 * "https://doi.org/10.1038/…", or a publisher or preprint-server URL that names one.
 */
export function doiFromWritten(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || text.length > MAX_WRITTEN) return undefined;
  const url = parseHttpUrl(text);
  if (url) return doiFromUrl(url);
  return normalizeDoi(text);
}
