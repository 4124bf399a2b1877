/**
 * A saved paper built from what a page says about itself, for papers that are not in any list.
 * Dexie-free on purpose: the content script and popup may import it to know the id a page's
 * paper is saved under.
 */
import type { PageIdentity, SavedPaper } from '../types';
import { paperId } from '../ids';
import { isHttpUrl } from '../ids/url';
import { listingKindFromUrl } from '../listing/kind';
import { formatAuthors, namesFromPeople } from '../names';
import { titleKey } from '../title';

/** The id an unlisted page's paper is saved under: its strongest identifier, as in the catalog, else its URL. */
export function pagePaperId(page: PageIdentity): string {
  return paperId(page, `url:${page.url}`);
}

/** The paper a page identifies, or a plain-words reason why it cannot be saved. */
export function savedPaperFromPage(page: PageIdentity): { paper: SavedPaper } | { error: string } {
  const title = page.title?.trim() ?? '';
  if (title === '') return { error: 'This page does not say which paper it is (no title found), so Lantern cannot save it.' };
  if (!isHttpUrl(page.url)) return { error: 'Lantern only saves papers from web pages (http or https).' };
  // A known listing's heading ("Computation and Language") is no paper's title. A PubMed article
  // is a listing only for its "Similar articles" and "Cited by": it is one paper's page.
  const listing = listingKindFromUrl(page.url);
  if (listing !== undefined && listing !== 'pubmed-related') {
    return { error: 'This page lists many papers, not one, so Lantern cannot save it as a paper.' };
  }
  const ids: SavedPaper['ids'] = { repos: page.repo ? [page.repo] : [] };
  if (page.arxiv) ids.arxiv = page.arxiv;
  if (page.doi) ids.doi = page.doi;
  if (page.pmcid) ids.pmcid = page.pmcid;
  if (page.pmid) ids.pmid = page.pmid;
  const authorList = namesFromPeople(page.authors ?? []);
  return {
    paper: {
      id: pagePaperId(page),
      title,
      authors: formatAuthors(authorList),
      authorList,
      venue: page.venue ?? '',
      ...(page.year !== undefined ? { year: page.year } : {}),
      categories: [],
      links: [{ kind: 'paper', url: page.url, label: 'page' }],
      ids,
      titleKey: titleKey(title),
      url: page.url,
    },
  };
}
