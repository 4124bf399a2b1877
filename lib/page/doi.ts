import { doiFromWritten } from '../ids';
import { distinctValues, type MetaTag, type PageMeta } from './meta';
import { cleanText, MAX_ID_VALUE } from './text';

/** The tags that carry an article's own DOI, in the order publishers are most reliable about. */
export const DOI_TAGS = ['citation_doi', 'dc.identifier', 'dc.identifier.doi', 'prism.doi', 'bepress_citation_doi'] as const;

/** A validated, lower-cased DOI from one tag, or undefined (Dublin Core identifiers may be ISSNs, URLs…). */
export function doiFromTag(tag: MetaTag): string | undefined {
  if (tag.name === 'dc.identifier' && tag.scheme !== undefined && tag.scheme !== 'doi') return undefined;
  const value = cleanText(tag.content, MAX_ID_VALUE);
  return value === undefined ? undefined : doiFromWritten(value.replace(/^info:doi\//i, ''));
}

/** Every distinct DOI the page's DOI tags name (more than one means the page is not one article). */
export function pageDois(page: PageMeta): string[] {
  return distinctValues(page, DOI_TAGS, doiFromTag);
}

/** The article's DOI from its metadata; none when the tags name several different DOIs (a listing). */
export function doiFromMeta(page: PageMeta): string | undefined {
  const dois = pageDois(page);
  return dois.length === 1 ? dois[0] : undefined;
}
