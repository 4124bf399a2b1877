/**
 * Reference lists of the paper being read: arXiv HTML and ar5iv (li.ltx_bibitem), PMC
 * (.ref-list), Springer Nature (li.c-article-references__item), medRxiv/bioRxiv (ol.cit-list),
 * and pages that mark their bibliography with the DPUB ARIA roles. A reference is a paper by
 * its links, by an arXiv id or DOI in its text, or (decided by the background, which holds the
 * titles) by a listed title its text contains.
 */
import { titleKey } from '../title';
import { item, queryFromLinks, type ItemQuery, type ListingItem } from './item';
import { arxivIdInText, doiInText } from './textIds';

export const REFERENCE_SELECTOR = [
  'li.ltx_bibitem',
  '.ref-list li',
  'li.c-article-references__item',
  'ol.cit-list > li',
  '[role="doc-biblioentry"]',
  '[role="doc-bibliography"] li',
].join(', ');

/** Characters of a reference's text read: a reference is a few hundred; more is not a reference. */
export const MAX_REFERENCE_TEXT = 2000;

/** The reference elements under `root`, outermost only (a reference's own nested lists are part of it). */
export function referenceElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  let outer: Element | undefined;
  for (const element of root.querySelectorAll(REFERENCE_SELECTOR)) {
    if (outer?.contains(element)) continue;
    outer = element;
    found.push(element);
  }
  return found;
}

/** One reference as an item: its links' ids, the ids its text names, its normalized text. */
export function referenceItem(reference: Element, base: string): ListingItem | undefined {
  const query: ItemQuery = queryFromLinks(reference, base);
  const raw = (reference.textContent ?? '').slice(0, MAX_REFERENCE_TEXT);
  if (!query.arxiv) {
    const arxiv = arxivIdInText(raw);
    if (arxiv) query.arxiv = arxiv;
  }
  if (!query.doi) {
    const doi = doiInText(raw);
    if (doi) query.doi = doi;
  }
  // A reference's code link is what it cites, rarely the paper's identity; arXiv/DOI/PubMed are.
  delete query.repo;
  const text = titleKey(raw);
  if (text) query.text = text;
  const anchor = reference.querySelector(':scope > p.c-article-references__text') ?? reference;
  return item(query, anchor, 'append', reference);
}

/** Every reference of the page, in order. */
export function referenceItems(root: ParentNode, base: string): ListingItem[] {
  const items: ListingItem[] = [];
  for (const reference of referenceElements(root)) {
    const found = referenceItem(reference, base);
    if (found) items.push(found);
  }
  return items;
}
