import { distinctValues, type PageMeta } from './meta';
import { cleanText, MAX_TITLE } from './text';

/** Where a page states its title, most reliable first; the main heading is the last resort. */
export const TITLE_TAGS = ['citation_title', 'dc.title', 'og:title'] as const;

/** A title needs a letter: "—", "404" or "…" are not titles. */
const HAS_LETTER = /\p{L}/u;

function cleanTitle(raw: string): string | undefined {
  const title = cleanText(raw, MAX_TITLE);
  return title !== undefined && HAS_LETTER.test(title) ? title : undefined;
}

/**
 * The page's title as it writes it (display form; matching normalizes it with lib/title).
 * A source naming several different titles is skipped: it describes more than one paper.
 */
export function titleFromMeta(page: PageMeta): string | undefined {
  for (const name of TITLE_TAGS) {
    const titles = distinctValues(page, [name], (tag) => cleanTitle(tag.content));
    if (titles.length === 1) return titles[0];
  }
  return page.heading === undefined ? undefined : cleanTitle(page.heading);
}
