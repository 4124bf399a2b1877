/**
 * The authors a listed paper's own page gives, for its saved copy (kept out of savedPaper.ts,
 * which the content script bundles).
 */
import type { PageIdentity, SavedPaper } from '../types';
import { isHttpUrl } from '../ids/url';
import { firstAuthorAgrees } from '../match';
import { namesFromPeople } from '../names';
import { isSiteUrl } from '../sites';

/**
 * A listed paper's saved copy with the authors its own page gives, for the exports and citations
 * that read `authorList`: lists often write "Harsha Nori et al.", which BibTeX writes "Nori,
 * Harsha and others". Page data is untrusted, so the page's names are taken only when the page
 * is on Lantern's site list (lib/sites.ts: arXiv, publishers, PubMed, …), names the paper by the
 * same arXiv id, DOI, PMID or PMCID, gives more names than the list, and its first author is the list's first author (lib/match.ts's rule). Else
 * `paper` as it is. The byline shown (`authors`) stays as the list wrote it.
 */
export function withPageAuthors(paper: SavedPaper, page: PageIdentity | undefined): SavedPaper {
  if (!page?.authors?.length || !isHttpUrl(page.url) || !isSiteUrl(page.url)) return paper;
  const sameIds = (['arxiv', 'doi', 'pmid', 'pmcid'] as const).some((key) => page[key] !== undefined && page[key] === paper.ids[key]);
  const fromPage = namesFromPeople(page.authors);
  const listed = paper.authorList;
  if (!sameIds || fromPage.names.length <= listed.names.length || !firstAuthorAgrees(page.authors.slice(0, 1), listed.names[0])) return paper;
  return { ...paper, authorList: fromPage };
}
