/**
 * The authors a listed paper's own page gives, for its saved copy (kept out of savedPaper.ts,
 * which the content script bundles).
 */
import type { PageIdentity, SavedPaper } from '../types';
import { fullerAuthorList, namesFromPeople } from '../names';
import { isSiteUrl } from '../sites';
import { identifyUrl } from './identify';

/**
 * A listed paper's saved copy with the authors its own page gives, for the exports and citations
 * that read `authorList`: lists often write "Harsha Nori et al.", which BibTeX writes "Nori,
 * Harsha and others". Page data is untrusted, so the page's names are taken only when the page
 * is on Lantern's site list (lib/sites.ts: arXiv, publishers, PubMed, …) over https, its own
 * address names the paper (arXiv id, DOI, PMID or PMCID: identifiers the site assigned, where its
 * metadata may say what a submitter wrote, as arXiv's citation_doi), and it completes a list
 * the list cut short, name for name (lib/names.ts fullerAuthorList). Else `paper` as it is.
 * The byline shown (`authors`) stays as the list wrote it.
 */
export function withPageAuthors(paper: SavedPaper, page: PageIdentity | undefined): SavedPaper {
  if (!page?.authors?.length || !page.url.startsWith('https://') || !isSiteUrl(page.url)) return paper;
  const address = identifyUrl(page.url);
  const named = address !== undefined && (['arxiv', 'doi', 'pmid', 'pmcid'] as const).some((key) => address[key] !== undefined && address[key] === paper.ids[key]);
  const authorList = named ? fullerAuthorList(paper.authorList, namesFromPeople(page.authors)) : paper.authorList;
  return authorList === paper.authorList ? paper : { ...paper, authorList };
}
