import { detector } from '../detector';
import { distinctValues, pageMeta, type PageMeta } from './meta';

const PMID = /^[1-9]\d{0,8}$/;

/** The PubMed id a page declares in `citation_pmid` (PubMed, PMC and many publishers set it). */
export const pmidFromMeta = detector<PageMeta, string>({
  name: 'page.pmidFromMeta',
  detect: (page) => {
    const pmids = distinctValues(page, ['citation_pmid'], (tag) => {
      const value = tag.content.trim();
      return PMID.test(value) ? value : undefined;
    });
    return pmids.length === 1 ? pmids[0] : undefined;
  },
  accepts: [
    [pageMeta('https://pubmed.ncbi.nlm.nih.gov/37492832/', [['citation_pmid', '37492832']]), '37492832'],
    [pageMeta('https://pmc.ncbi.nlm.nih.gov/articles/PMC10364849/', [['citation_pmid', ' 37492832 ']]), '37492832'],
    [pageMeta('https://www.cureus.com/articles/152858', [['citation_pmid', '37492832'], ['citation_pmid', '37492832']]), '37492832'],
  ],
  rejects: [
    pageMeta('https://pubmed.ncbi.nlm.nih.gov/37492832/', []),
    pageMeta('https://example.org/a', [['citation_pmid', 'PMC10364849']]),
    pageMeta('https://example.org/a', [['citation_pmid', '0']]),
    pageMeta('https://example.org/a', [['citation_pmid', '1234567890123']]),
    pageMeta('https://example.org/a', [['citation_pmid', '37492832'], ['citation_pmid', '37438534']]),
  ],
});
