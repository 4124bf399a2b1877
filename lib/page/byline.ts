import { detector } from '../detector';
import { metaValues, pageMeta, type PageMeta } from './meta';
import { cleanText, MAX_AUTHOR, MAX_AUTHORS, MAX_VENUE } from './text';

const PAPER = 'https://pubmed.ncbi.nlm.nih.gov/37492832/';

/** The page's `citation_author` names in order, deduplicated, at most MAX_AUTHORS. */
export const authorsFromMeta = detector<PageMeta, string[]>({
  name: 'page.authorsFromMeta',
  detect: (page) => {
    const authors = new Set<string>();
    for (const raw of metaValues(page, 'citation_author')) {
      const author = cleanText(raw, MAX_AUTHOR);
      if (author !== undefined) authors.add(author);
      if (authors.size === MAX_AUTHORS) break;
    }
    return authors.size > 0 ? [...authors] : undefined;
  },
  accepts: [
    [pageMeta(PAPER, [['citation_author', 'Li, Yunxiang'], ['citation_author', 'Li, Zihan'], ['citation_author', 'Li, Yunxiang']]), ['Li, Yunxiang', 'Li, Zihan']],
    [pageMeta(PAPER, [['citation_author', 'x'.repeat(400)], ['citation_author', 'Kai Zhang']]), ['Kai Zhang']],
    [pageMeta(PAPER, [['citation_author', ' Arun James\u200b Thirunavukarasu ']]), ['Arun James Thirunavukarasu']],
  ],
  rejects: [pageMeta(PAPER, []), pageMeta(PAPER, [['citation_author', ' \u0000 ']])],
});

/** The journal or conference the page names. */
export const venueFromMeta = detector<PageMeta, string>({
  name: 'page.venueFromMeta',
  detect: (page) => {
    for (const name of ['citation_journal_title', 'citation_conference_title']) {
      const venue = metaValues(page, name).map((raw) => cleanText(raw, MAX_VENUE)).find((value) => value !== undefined);
      if (venue !== undefined) return venue;
    }
    return undefined;
  },
  accepts: [
    [pageMeta(PAPER, [['citation_journal_title', 'Cureus']]), 'Cureus'],
    [pageMeta(PAPER, [['citation_conference_title', 'Proceedings of the 61st Annual Meeting of the ACL']]), 'Proceedings of the 61st Annual Meeting of the ACL'],
    [pageMeta(PAPER, [['citation_journal_title', 'x'.repeat(501)], ['citation_conference_title', 'EMNLP 2023']]), 'EMNLP 2023'],
  ],
  rejects: [pageMeta(PAPER, []), pageMeta(PAPER, [['citation_journal_title', '']])],
});

const YEAR = /(?:^|\D)((?:19|20)\d{2})(?!\d)/;

/** The publication year from the first date tag that holds a plausible one. */
export const yearFromMeta = detector<PageMeta, number>({
  name: 'page.yearFromMeta',
  detect: (page) => {
    for (const name of ['citation_publication_date', 'citation_date', 'citation_online_date', 'dc.date']) {
      for (const raw of metaValues(page, name)) {
        const match = YEAR.exec(raw.slice(0, 100));
        if (match) return Number(match[1]);
      }
    }
    return undefined;
  },
  accepts: [
    [pageMeta(PAPER, [['citation_publication_date', '2023/06/24']]), 2023],
    [pageMeta(PAPER, [['citation_date', 'Jul 2023']]), 2023],
    [pageMeta(PAPER, [['dc.date', '2022-12-26']]), 2022],
  ],
  rejects: [pageMeta(PAPER, []), pageMeta(PAPER, [['citation_date', 'yesterday']]), pageMeta(PAPER, [['citation_date', '123456']])],
});
