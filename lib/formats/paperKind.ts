/**
 * What kind of publication a saved paper is, judged from its venue and identifiers, so each
 * format can pick its entry type (BibTeX @article/@inproceedings/@misc, RIS JOUR/CPAPER/UNPB/GEN).
 */
import { doiUrl, parseHttpUrl } from '../ids';
import type { SavedPaper } from '../types';

export type PaperKind = 'journal' | 'conference' | 'arxiv' | 'preprint' | 'other';

const ARXIV_VENUE = /^arxiv\b/i;
const PREPRINT_SERVERS = /\b(medrxiv|biorxiv|chemrxiv|techrxiv|ssrn|research\s*square|preprints\.org|preprint)\b/i;
/** Conference words and the acronyms of the meetings this list's papers appear at. */
const CONFERENCE_VENUE =
  /\b(conference|proceedings|proc|workshop|symposium|findings|acl|emnlp|naacl|eacl|coling|lrec|neurips|nips|icml|iclr|aaai|ijcai|kdd|sigir|cvpr|iccv|eccv|miccai|isbi|midl|amia|ml4h|chil|mlhc|bionlp|clinicalnlp)\b/i;
/** Venues that are not publications at all: code hosts, blogs, demos. */
const NON_PUBLICATION_VENUE = /\b(github|hugging\s*face|blog|website|homepage|demo)\b/i;

/** The venue without the list's sentence-final period ("arXiv." → "arXiv"). */
export function cleanVenue(venue: string): string {
  return venue.trim().replace(/(?<!\b\p{Lu})\.$/u, '').trim();
}

export function paperKind(paper: SavedPaper): PaperKind {
  const venue = cleanVenue(paper.venue);
  if (venue === '') return paper.ids.arxiv ? 'arxiv' : 'other';
  if (ARXIV_VENUE.test(venue)) return 'arxiv';
  if (PREPRINT_SERVERS.test(venue)) return 'preprint';
  if (NON_PUBLICATION_VENUE.test(venue)) return 'other';
  if (CONFERENCE_VENUE.test(venue)) return 'conference';
  return 'journal';
}

/** The paper's main http(s) URL: its own, its "paper" link, its arXiv or DOI page, else its first link. */
export function paperUrl(paper: SavedPaper): string | undefined {
  const candidates = [
    paper.url,
    ...paper.links.filter((link) => link.kind === 'paper').map((link) => link.url),
    paper.ids.arxiv ? `https://arxiv.org/abs/${paper.ids.arxiv}` : undefined,
    paper.ids.doi ? doiUrl(paper.ids.doi) : undefined,
    ...paper.links.map((link) => link.url),
  ];
  return candidates.find((url): url is string => url !== undefined && parseHttpUrl(url) !== undefined);
}

/** The paper's code links (http(s) only). */
export function codeUrls(paper: SavedPaper): string[] {
  return paper.links.filter((link) => link.kind === 'code' && parseHttpUrl(link.url) !== undefined).map((link) => link.url);
}

/** arXiv's archive for old-style ids ("hep-th/9901001" → "hep-th"); new-style ids do not carry one. */
export function arxivArchive(arxivId: string): string | undefined {
  const slash = arxivId.indexOf('/');
  return slash > 0 ? arxivId.slice(0, slash) : undefined;
}
