import { distinctValues, type PageMeta } from './meta';

const PMID = /^[1-9]\d{0,8}$/;

/** The PubMed id a page declares in `citation_pmid` (PubMed, PMC and many publishers set it). */
export function pmidFromMeta(page: PageMeta): string | undefined {
  const pmids = distinctValues(page, ['citation_pmid'], (tag) => {
    const value = tag.content.trim();
    return PMID.test(value) ? value : undefined;
  });
  return pmids.length === 1 ? pmids[0] : undefined;
}
