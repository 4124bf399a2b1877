import { metaValues, type PageMeta } from './meta';
import { cleanText, MAX_AUTHOR, MAX_AUTHORS, MAX_VENUE } from './text';

/** The page's `citation_author` names in order, deduplicated, at most MAX_AUTHORS. */
export function authorsFromMeta(page: PageMeta): string[] | undefined {
  const authors = new Set<string>();
  for (const raw of metaValues(page, 'citation_author')) {
    const author = cleanText(raw, MAX_AUTHOR);
    if (author !== undefined) authors.add(author);
    if (authors.size === MAX_AUTHORS) break;
  }
  return authors.size > 0 ? [...authors] : undefined;
}

/** The journal or conference the page names. */
export function venueFromMeta(page: PageMeta): string | undefined {
  for (const name of ['citation_journal_title', 'citation_conference_title']) {
    const venue = metaValues(page, name).map((raw) => cleanText(raw, MAX_VENUE)).find((value) => value !== undefined);
    if (venue !== undefined) return venue;
  }
  return undefined;
}

const YEAR = /(?:^|\D)((?:19|20)\d{2})(?!\d)/;

/** The publication year from the first date tag that holds a plausible one. */
export function yearFromMeta(page: PageMeta): number | undefined {
  for (const name of ['citation_publication_date', 'citation_date', 'citation_online_date', 'dc.date']) {
    for (const raw of metaValues(page, name)) {
      const match = YEAR.exec(raw.slice(0, 100));
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}
