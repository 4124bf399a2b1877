import { detector } from '../detector';
import { normalizeDoi } from '../ids';
import { distinctValues, pageMeta, type MetaTag, type PageMeta } from './meta';
import { cleanText, MAX_ID_VALUE } from './text';

/** The tags that carry an article's own DOI, in the order publishers are most reliable about. */
export const DOI_TAGS = ['citation_doi', 'dc.identifier', 'dc.identifier.doi', 'prism.doi', 'bepress_citation_doi'] as const;

/** A validated, lower-cased DOI from one tag, or undefined (Dublin Core identifiers may be ISSNs, URLs…). */
export function doiFromTag(tag: MetaTag): string | undefined {
  if (tag.name === 'dc.identifier' && tag.scheme !== undefined && tag.scheme !== 'doi') return undefined;
  const value = cleanText(tag.content, MAX_ID_VALUE);
  return value === undefined ? undefined : normalizeDoi(value.replace(/^info:doi\//i, ''));
}

/** Every distinct DOI the page's DOI tags name (more than one means the page is not one article). */
export function pageDois(page: PageMeta): string[] {
  return distinctValues(page, DOI_TAGS, doiFromTag);
}

const NATURE = 'https://www.nature.com/articles/s41591-023-02448-8';

/** The article's DOI from its metadata; none when the tags name several different DOIs (a listing). */
export const doiFromMeta = detector<PageMeta, string>({
  name: 'page.doiFromMeta',
  detect: (page) => {
    const dois = pageDois(page);
    return dois.length === 1 ? dois[0] : undefined;
  },
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
});
