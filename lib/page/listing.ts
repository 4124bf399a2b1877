import { pageDois } from './doi';
import { distinctValues, type PageMeta } from './meta';

/**
 * A page whose article tags name several different papers (DOIs, titles or arXiv ids) is a
 * table of contents, a search result or a reference list, not an article: nothing on it is
 * read as the page's own identity. Returns how many different papers the tags name.
 */
export function listingFromMeta(page: PageMeta): number | undefined {
  const count = Math.max(
    pageDois(page).length,
    distinctValues(page, ['citation_title'], (tag) => tag.content.trim().toLowerCase()).length,
    distinctValues(page, ['citation_arxiv_id'], (tag) => tag.content.trim().toLowerCase()).length,
  );
  return count > 1 ? count : undefined;
}
