import { examples } from '../detector';
import { authorsFromMeta, venueFromMeta, yearFromMeta } from './byline';
import { pageMeta } from './meta';

const PAPER = 'https://pubmed.ncbi.nlm.nih.gov/37492832/';

export default [
  examples(authorsFromMeta, {
    name: 'page.authorsFromMeta',
    accepts: [
      [pageMeta(PAPER, [['citation_author', 'Li, Yunxiang'], ['citation_author', 'Li, Zihan'], ['citation_author', 'Li, Yunxiang']]), ['Li, Yunxiang', 'Li, Zihan']],
      [pageMeta(PAPER, [['citation_author', 'x'.repeat(400)], ['citation_author', 'Kai Zhang']]), ['Kai Zhang']],
      [pageMeta(PAPER, [['citation_author', ' Arun James\u200b Thirunavukarasu ']]), ['Arun James Thirunavukarasu']],
    ],
    rejects: [pageMeta(PAPER, []), pageMeta(PAPER, [['citation_author', ' \u0000 ']])],
  }),
  examples(venueFromMeta, {
    name: 'page.venueFromMeta',
    accepts: [
      [pageMeta(PAPER, [['citation_journal_title', 'Cureus']]), 'Cureus'],
      [pageMeta(PAPER, [['citation_conference_title', 'Proceedings of the 61st Annual Meeting of the ACL']]), 'Proceedings of the 61st Annual Meeting of the ACL'],
      [pageMeta(PAPER, [['citation_journal_title', 'x'.repeat(501)], ['citation_conference_title', 'EMNLP 2023']]), 'EMNLP 2023'],
    ],
    rejects: [pageMeta(PAPER, []), pageMeta(PAPER, [['citation_journal_title', '']])],
  }),
  examples(yearFromMeta, {
    name: 'page.yearFromMeta',
    accepts: [
      [pageMeta(PAPER, [['citation_publication_date', '2023/06/24']]), 2023],
      [pageMeta(PAPER, [['citation_date', 'Jul 2023']]), 2023],
      [pageMeta(PAPER, [['dc.date', '2022-12-26']]), 2022],
    ],
    rejects: [pageMeta(PAPER, []), pageMeta(PAPER, [['citation_date', 'yesterday']]), pageMeta(PAPER, [['citation_date', '123456']])],
  }),
];
