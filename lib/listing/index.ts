/** Pages that list papers: which listing a page is, its items, links and references, and how texts name titles. */
export { listingKindFromUrl, type ListingKind } from './kind';
export { listingItems } from './items';
export { hasIdentifier, queryFromUrl, type ItemQuery, type ListingItem } from './item';
export { linkItem, paperLinks } from './links';
export { MAX_REFERENCE_TEXT, referenceElements, referenceItem, referenceItems } from './references';
export { arxivIdInText, doiInText } from './textIds';
export { isScannedTitle, titleCandidates, titleHash } from './titleScan';
export { MARK_CAP, plannedMarks, type PlannedMark } from './marks';
