/**
 * Page recognition: URL + document → PageIdentity. Each recognizer's examples sit beside it in
 * `<module>.examples.ts` (lib/detector.ts); tests/unit/detectors.test.ts runs them all.
 */
export { arxivIdFromMeta } from './arxiv';
export { authorsFromMeta, venueFromMeta, yearFromMeta } from './byline';
export { DOI_TAGS, doiFromMeta, doiFromTag, pageDois } from './doi';
export { agreesWithAddress, identifyPage, identifyUrl, identityFromMeta } from './identify';
export { listingFromMeta } from './listing';
export { KNOWN_META_NAMES, pageMeta, readPageMeta, type MetaTag, type PageMeta } from './meta';
export { pmidFromMeta } from './pubmed';
export { cleanText, MAX_TITLE } from './text';
export { TITLE_TAGS, titleFromMeta } from './title';
