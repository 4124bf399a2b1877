import { examples } from '../detector';
import { arxivIdFromMeta } from './arxiv';
import { pageMeta } from './meta';

const ABS = 'https://arxiv.org/abs/2311.16452';

export default [
  examples(arxivIdFromMeta, {
    name: 'page.arxivIdFromMeta',
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
  }),
];
