import { examples } from '../detector';
import { pmidFromMeta } from './pubmed';
import { pageMeta } from './meta';

export default [
  examples(pmidFromMeta, {
    name: 'page.pmidFromMeta',
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
  }),
];
