import { arxivIdFromWritten } from '../ids';
import { distinctValues, type PageMeta } from './meta';
import { cleanText, MAX_ID_VALUE } from './text';

/** The arXiv id a page declares in `citation_arxiv_id` (arXiv and its mirrors set it). */
export function arxivIdFromMeta(page: PageMeta): string | undefined {
  const ids = distinctValues(page, ['citation_arxiv_id'], (tag) => {
    const value = cleanText(tag.content, MAX_ID_VALUE);
    return value === undefined ? undefined : arxivIdFromWritten(value);
  });
  return ids.length === 1 ? ids[0] : undefined;
}
