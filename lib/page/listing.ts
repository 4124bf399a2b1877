import { detector } from '../detector';
import { pageDois } from './doi';
import { distinctValues, pageMeta, type PageMeta } from './meta';

/**
 * A page whose article tags name several different papers (DOIs, titles or arXiv ids) is a
 * table of contents, a search result or a reference list, not an article: nothing on it is
 * read as the page's own identity. Returns how many different papers the tags name.
 */
export const listingFromMeta = detector<PageMeta, number>({
  name: 'page.listingFromMeta',
  detect: (page) => {
    const count = Math.max(
      pageDois(page).length,
      distinctValues(page, ['citation_title'], (tag) => tag.content.trim().toLowerCase()).length,
      distinctValues(page, ['citation_arxiv_id'], (tag) => tag.content.trim().toLowerCase()).length,
    );
    return count > 1 ? count : undefined;
  },
  accepts: [
    [
      pageMeta('https://www.nature.com/nm/volumes/29/issues/7', [
        ['citation_doi', '10.1038/s41591-023-02448-8'],
        ['citation_doi', '10.1038/s41591-023-02421-5'],
        ['citation_doi', '10.1038/s41591-023-02437-x'],
      ]),
      3,
    ],
    [pageMeta('https://example.org/a', [['citation_doi', '10.2196/48568'], ['prism.doi', '10.2196/46885']]), 2],
    [
      pageMeta('https://example.org/toc', [
        ['citation_title', 'Large language models in medicine'],
        ['citation_title', 'Large language models encode clinical knowledge'],
      ]),
      2,
    ],
  ],
  rejects: [
    pageMeta('https://www.nature.com/articles/s41591-023-02448-8', [
      ['citation_doi', '10.1038/s41591-023-02448-8'],
      ['dc.identifier', 'doi:10.1038/s41591-023-02448-8'],
      ['citation_title', 'Large language models in medicine'],
    ]),
    pageMeta('https://example.org/a', []),
  ],
});
