/**
 * What a pasted search text identifies: an arXiv id, a DOI, a PMC id / PMID or a paper URL.
 * The popup resolves the identity against the database (the same way a page is matched) and
 * says plainly when the paper is not in the list.
 */
import { arxivIdFromDoi, arxivIdFromWritten, doiFromWritten, doiUrl, identityFromUrl, normalizeArxivId, normalizePmcid, normalizePmid, parseHttpUrl } from '../ids';
import type { PageIdentity } from '../types';

/** Longer pastes are prose, not an identifier. */
const MAX_IDENTIFIER_LENGTH = 2048;
/** "arxiv.org/abs/…", "doi.org/…" pasted without a scheme. */
const SCHEMELESS_URL = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*$/i;
/** A label, then the id: "PMID: 37438534", as citations write it, also "PMID 37438534" and "PMID37438534". */
const PMCID = /^(?:pmcid:?\s*)?(PMC\d+)$/i;
const PMID = /^pmid:?\s*(\d+)$/i;

/**
 * The identity of a pasted arXiv id (2311.16452, arXiv:2311.16452v2, hep-th/9901001), DOI
 * (with or without doi.org), PMC id, "PMID: n", or paper/code URL, a label's colon optional
 * ("arXiv 2311.16452", "PMID 37438534"); undefined for anything else, including ordinary search words.
 */
export function parsePastedIdentifier(text: string): PageIdentity | undefined {
  const pasted = text.trim();
  if (pasted.length === 0 || pasted.length > MAX_IDENTIFIER_LENGTH || /\s/.test(pasted.replace(/^(?:arxiv|doi|pmid|pmcid):?\s+/i, ''))) {
    return undefined;
  }
  const url = parseHttpUrl(pasted);
  if (url) return identityFromUrl(url.href);

  const written = pasted.replace(/^(arxiv|doi):?\s+/i, '$1:');
  const arxiv = normalizeArxivId(written) ?? (/^arxiv\./i.test(written) ? arxivIdFromWritten(written) : undefined);
  if (arxiv) return { url: `https://arxiv.org/abs/${arxiv}`, arxiv };

  const doi = doiFromWritten(written);
  if (doi) {
    const arxivOfDoi = arxivIdFromDoi(doi);
    return { url: doiUrl(doi), doi, ...(arxivOfDoi ? { arxiv: arxivOfDoi } : {}) };
  }

  // After the ids: "math.GT/0309136" looks like a host and a path too.
  const schemeless = SCHEMELESS_URL.test(pasted) ? parseHttpUrl(`https://${pasted}`) : undefined;
  if (schemeless) return identityFromUrl(schemeless.href);

  // Ids as every other reader stores them (normalizePmcid, normalizePmid), so the paper is found.
  const pmcid = normalizePmcid(PMCID.exec(pasted)?.[1] ?? '');
  if (pmcid) return { url: `https://pmc.ncbi.nlm.nih.gov/articles/${pmcid}/`, pmcid };

  const pmid = normalizePmid(PMID.exec(pasted)?.[1] ?? '');
  if (pmid) return { url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`, pmid };

  return undefined;
}
