/**
 * Links to papers on any page Lantern runs on (blog posts, READMEs, the list's own README): every
 * link whose URL names a paper (arXiv abs/pdf/html, doi.org, a publisher URL with a DOI,
 * PubMed/PMC, a code repository), or leads off the page's site to an address a list may link
 * (a journal's article page), is an item; its group is its block (list item, paragraph, table
 * cell…), so a paper linked twice in one block (paper and code) is marked once.
 */
import { addressQuery, item, queryFromUrl, shownAuthor, shownText, type ListingItem } from './item';
import { REFERENCE_SELECTOR } from './references';

const BLOCK = 'li, p, td, th, dd, dt, blockquote, h1, h2, h3, h4, h5, h6, figcaption, article, section';

/**
 * An article of a PMC article page's "Similar articles" or "Cited by other articles" block,
 * which PMC loads from /resources/similar-article-links/<pmid>/ and /resources/cited-by-links/<pmid>/
 * into the block's element: its title link, then a line of authors and one of citation
 * (.font-body-2xs). Lists link the journal or the preprint more often than PubMed or PMC, so
 * the title and first author are asked too, as on PubMed's own blocks (items.ts).
 */
const PMC_RESOURCE_ITEM = '[data-source-url*="/resources/"] li';

/** The page's links that may name a paper, outside reference lists (references.ts reads those whole). */
export function paperLinks(root: ParentNode): HTMLAnchorElement[] {
  const found: HTMLAnchorElement[] = [];
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (!link.closest(REFERENCE_SELECTOR)) found.push(link);
  }
  return found;
}

/**
 * One link as an item, or undefined when its URL names no paper or names `own` (the page's own
 * identifiers: a paper page's links to its own PDF are not news).
 */
export function linkItem(link: Element, base: string, own: ReadonlySet<string> = new Set()): ListingItem | undefined {
  const href = link.getAttribute('href') ?? '';
  const query = queryFromUrl(href, base) ?? addressQuery(href, base);
  if (!query) return undefined;
  for (const key of ['arxiv', 'doi', 'pmid', 'pmcid', 'repo'] as const) {
    const value = query[key];
    if (value && own.has(`${key}:${value}`)) return undefined;
  }
  const related = link.closest(PMC_RESOURCE_ITEM);
  if (related) {
    const title = shownText(link);
    if (title) query.title = title;
    const author = shownAuthor(shownText(related.querySelector('.font-body-2xs')));
    if (author) query.author = author;
  }
  return item(query, link, 'after', link.closest(BLOCK) ?? link.parentElement ?? link);
}
