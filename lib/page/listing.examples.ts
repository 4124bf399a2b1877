import { examples } from '../detector';
import { listingFromMeta } from './listing';
import { pageMeta } from './meta';

export default [
  examples(listingFromMeta, {
    name: 'page.listingFromMeta',
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
  }),
];
