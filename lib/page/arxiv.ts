import { detector } from '../detector';
import { normalizeArxivId } from '../ids';
import { distinctValues, pageMeta, type PageMeta } from './meta';
import { cleanText, MAX_ID_VALUE } from './text';

const ABS = 'https://arxiv.org/abs/2311.16452';

/** The arXiv id a page declares in `citation_arxiv_id` (arXiv and its mirrors set it). */
export const arxivIdFromMeta = detector<PageMeta, string>({
  name: 'page.arxivIdFromMeta',
  detect: (page) => {
    const ids = distinctValues(page, ['citation_arxiv_id'], (tag) => {
      const value = cleanText(tag.content, MAX_ID_VALUE);
      return value === undefined ? undefined : normalizeArxivId(value);
    });
    return ids.length === 1 ? ids[0] : undefined;
  },
  accepts: [
    [pageMeta(ABS, [['citation_arxiv_id', '2311.16452']]), '2311.16452'],
    [pageMeta('https://www.alphaxiv.org/overview/2311.16452', [['citation_arxiv_id', '2311.16452v1']]), '2311.16452'],
    [pageMeta('https://example.org/mirror', [['citation_arxiv_id', 'hep-th/9901001']]), 'hep-th/9901001'],
  ],
  rejects: [
    pageMeta(ABS, []),
    pageMeta(ABS, [['citation_arxiv_id', '../../etc/passwd']]),
    pageMeta(ABS, [['citation_arxiv_id', '2311.16452'], ['citation_arxiv_id', '2212.13138']]),
  ],
});
