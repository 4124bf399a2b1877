/**
 * Page recognition: URL + document → PageIdentity. Importing this module registers every page
 * recognizer (with its examples) for the generic test in tests/unit/detectors.test.ts.
 */
export { arxivIdFromMeta } from './arxiv';
export { authorsFromMeta, venueFromMeta, yearFromMeta } from './byline';
export { DOI_TAGS, doiFromMeta, doiFromTag, pageDois } from './doi';
export { identifyPage, identifyUrl, identityFromMeta } from './identify';
export { listingFromMeta } from './listing';
export { KNOWN_META_NAMES, pageMeta, readPageMeta, type MetaTag, type PageMeta } from './meta';
export { pmidFromMeta } from './pubmed';
export { cleanText, MAX_TITLE } from './text';
export { TITLE_TAGS, titleFromMeta } from './title';
