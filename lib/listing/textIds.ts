/**
 * Identifiers written in a reference's text ("arXiv:2303.13375", "arXiv preprint
 * arXiv:2303.13375v2", "doi: 10.1038/s41586-023-06291-2", "https://doi.org/10.1001/…").
 * Every pattern is bounded, and each scan moves forward only, so a reference of any length is
 * read in time linear in its length.
 */
import { normalizeArxivId } from '../ids/arxiv';
import { normalizeDoi } from '../ids/doi';

/** "arXiv" then up to 24 characters of glue ("preprint arXiv:", ".org/abs/") then the id. */
const ARXIV_IN_TEXT = /arxiv[\s:./a-z]{0,24}?((?:\d{4}\.\d{4,5})|(?:[a-z]{1,16}(?:-[a-z]{1,16})?(?:\.[a-z]{2})?\/\d{7}))(?:v\d{1,3})?(?!\d)/gi;
/** A DOI as Crossref writes them, cut at whitespace, quotes or angle brackets, at most 200 characters. */
const DOI_IN_TEXT = /\b10\.\d{4,9}\/[^\s"'<>]{1,200}/g;

/** The first arXiv id a reference's text names after the word "arXiv". */
export function arxivIdInText(text: string): string | undefined {
  ARXIV_IN_TEXT.lastIndex = 0;
  for (let match = ARXIV_IN_TEXT.exec(text); match; match = ARXIV_IN_TEXT.exec(text)) {
    const id = normalizeArxivId(match[1]!);
    if (id) return id;
  }
  return undefined;
}

/** The first DOI a reference's text names, normalized (lib/ids/doi.ts). */
export function doiInText(text: string): string | undefined {
  DOI_IN_TEXT.lastIndex = 0;
  for (let match = DOI_IN_TEXT.exec(text); match; match = DOI_IN_TEXT.exec(text)) {
    const doi = normalizeDoi(match[0]);
    if (doi) return doi;
  }
  return undefined;
}
