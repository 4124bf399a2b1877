import { examples } from '../detector';
import { doiFromMeta } from './doi';
import { pageMeta } from './meta';

const NATURE = 'https://www.nature.com/articles/s41591-023-02448-8';

export default [
  examples(doiFromMeta, {
    name: 'page.doiFromMeta',
    accepts: [
      [pageMeta(NATURE, [['citation_doi', '10.1038/s41591-023-02448-8']]), '10.1038/s41591-023-02448-8'],
      [pageMeta(NATURE, [['dc.identifier', 'doi:10.1038/s41591-023-02448-8'], ['prism.doi', 'doi:10.1038/s41591-023-02448-8']]), '10.1038/s41591-023-02448-8'],
      [pageMeta('https://www.nejm.org/doi/full/10.1056/NEJMra2301725', [['dc.identifier', '10.1056/NEJMra2301725', 'doi']]), '10.1056/nejmra2301725'],
      [pageMeta('https://example.org/a', [['dc.identifier', 'info:doi/10.2196%2F48568']]), '10.2196/48568'],
      [pageMeta('https://example.org/a', [['dc.identifier.doi', 'https://doi.org/10.3390/healthcare11060887']]), '10.3390/healthcare11060887'],
      [pageMeta('https://example.org/a', [['prism.doi', ' DOI: 10.7759/cureus.40895 ']]), '10.7759/cureus.40895'],
      [pageMeta('https://example.org/a', [['bepress_citation_doi', '10.18653/v1/2023.acl-long.870']]), '10.18653/v1/2023.acl-long.870'],
      // An ISSN or URL identifier beside the DOI is not a second DOI.
      [pageMeta('https://example.org/a', [['dc.identifier', '2227-9032'], ['citation_doi', '10.3390/healthcare11060887']]), '10.3390/healthcare11060887'],
      [pageMeta('https://example.org/a', [['dc.identifier', 'https://example.org/a', 'uri'], ['citation_doi', '10.2196/48568']]), '10.2196/48568'],
    ],
    rejects: [
      pageMeta(NATURE, []),
      pageMeta(NATURE, [['citation_title', 'Large language models in medicine']]),
      // Several different DOIs: a table of contents or a reference list, not one article.
      pageMeta('https://www.nature.com/nm/volumes/29/issues/8', [
        ['citation_doi', '10.1038/s41591-023-02448-8'],
        ['citation_doi', '10.1038/s41591-023-02421-5'],
      ]),
      pageMeta('https://example.org/a', [['citation_doi', '10.2196/48568'], ['dc.identifier', '10.3390/healthcare11060887']]),
      pageMeta('https://example.org/a', [['dc.identifier', '10.1056/NEJMra2301725', 'isbn']]),
      pageMeta('https://example.org/a', [['citation_doi', 'javascript:alert(1)']]),
      pageMeta('https://example.org/a', [['citation_doi', `10.1038/${'x'.repeat(400)}`]]),
      pageMeta('https://example.org/a', [['citation_reference', 'citation_doi=10.1038/s41586-023-06291-2']]),
    ],
  }),
];
