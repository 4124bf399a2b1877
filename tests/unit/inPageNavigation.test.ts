import { describe, expect, it } from 'vitest';
import { identityAfterNavigation } from '../../lib/inPageNavigation';
import { identifyUrl, identityFromMeta, pageMeta } from '../../lib/page';
import { matchPaper } from '../../lib/match';
import bundled from '../../assets/catalog.json';
import type { CatalogSnapshot, Paper } from '../../lib/types';

const paperA = { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452', title: 'Paper A' };
// The URL moved to another paper; the document still carries paper A's metadata.
const staleNow = { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001', title: 'Paper A' };
const urlOnly = { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001' };

const listed: Paper[] = (bundled as unknown as CatalogSnapshot).entries.map((entry) => ({ ...entry, lists: ['seed'] }));

describe('identityAfterNavigation', () => {
  it('trusts only the URL right after the navigation', () => {
    expect(identityAfterNavigation('right-after', paperA, staleNow, urlOnly)).toBe(urlOnly);
    expect(identityAfterNavigation('right-after', paperA, staleNow, undefined)).toBeUndefined();
  });

  it('ignores a document that still has the previous page’s title once settled', () => {
    expect(identityAfterNavigation('settled', paperA, staleNow, urlOnly)).toEqual(urlOnly);
  });

  it('trusts the document once it has changed', () => {
    const fresh = { url: 'https://github.com/owner/repo', repo: 'github.com/owner/repo', title: 'GitHub - owner/repo' };
    expect(identityAfterNavigation('settled', { url: 'https://github.com/owner', title: 'owner · GitHub' }, fresh, identifyUrl(fresh.url))).toEqual(fresh);
  });

  it('trusts the document when it had no title before', () => {
    const now = { url: 'https://example.org/b', title: 'B' };
    expect(identityAfterNavigation('settled', { url: 'https://example.org/a' }, now, undefined)).toEqual(now);
  });

  // The input: the URL and the title/author meta move to an unlisted paper, the previous
  // page's citation_doi stays. The previous (listed) paper must not come back.
  it('drops a citation_doi left from the previous page when the title and authors changed', () => {
    const listedDoi = '10.1038/s41586-023-06291-2';
    const before = identityFromMeta(
      pageMeta('https://www.semanticscholar.org/paper/6052486bc9144dc1730c12bf35323af3792a1fd0', [
        ['citation_title', 'Large language models encode clinical knowledge'],
        ['citation_author', 'Singhal, Karan'],
        ['citation_doi', listedDoi],
        ['citation_journal_title', 'Nature'],
      ]),
    );
    expect(matchPaper(before, listed)?.paper.id).toBe(`doi:${listedDoi}`);
    const nextUrl = 'https://www.semanticscholar.org/paper/0123456789abcdef0123456789abcdef01234567';
    const now = identityFromMeta(
      pageMeta(nextUrl, [
        ['citation_title', 'An unlisted study of hospital scheduling with integer programs'],
        ['citation_author', 'Doe, Jane'],
        ['citation_doi', listedDoi],
        ['citation_journal_title', 'Nature'],
      ]),
    );
    // Without the rule the stale DOI names the listed paper.
    expect(matchPaper(now, listed)?.paper.id).toBe(`doi:${listedDoi}`);
    const trusted = identityAfterNavigation('settled', before, now, identifyUrl(nextUrl));
    expect(trusted).toEqual({
      url: nextUrl,
      title: 'An unlisted study of hospital scheduling with integer programs',
      authors: ['Doe, Jane'],
      venue: 'Nature',
    });
    expect(matchPaper(trusted!, listed)).toBeUndefined();
  });

  it('drops authors left from the previous page, so they cannot veto the new title', () => {
    const before = { url: 'https://example.org/a', title: 'Paper A title words', authors: ['Someone, Else'] };
    const now = { url: 'https://example.org/b', title: 'Large language models encode clinical knowledge', authors: ['Someone, Else'] };
    const trusted = identityAfterNavigation('settled', before, now, undefined)!;
    expect(trusted.authors).toBeUndefined();
    expect(matchPaper(trusted, listed)?.paper.id).toBe('doi:10.1038/s41586-023-06291-2');
  });

  it('keeps venue and year only with a fresh title', () => {
    const before = { url: 'https://example.org/a', title: 'A', venue: 'Nature', year: 2023 };
    expect(identityAfterNavigation('settled', before, { ...before, url: 'https://example.org/b' }, undefined)).toEqual({ url: 'https://example.org/b' });
    expect(identityAfterNavigation('settled', before, { ...before, url: 'https://example.org/b', title: 'B' }, undefined)).toEqual({
      url: 'https://example.org/b',
      title: 'B',
      venue: 'Nature',
      year: 2023,
    });
  });

  it('lets the URL’s identifier win over the document’s of the same kind', () => {
    const before = { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452', doi: '10.48550/arxiv.2311.16452' };
    const now = { url: 'https://arxiv.org/abs/2310.14573', arxiv: '2310.14573', doi: '10.1000/changed', title: 'New' };
    expect(identityAfterNavigation('settled', before, now, identifyUrl(now.url))).toEqual({ ...now });
    const doiUrl = 'https://www.nature.com/articles/s41746-023-00896-7';
    const fromMeta = { url: doiUrl, doi: '10.1000/other', title: 'T' };
    expect(identityAfterNavigation('settled', undefined, fromMeta, identifyUrl(doiUrl))?.doi).toBe('10.1038/s41746-023-00896-7');
  });

  // Every single-page site Lantern runs on, with its own URL forms: after pushState to another
  // paper whose page left every meta tag from the first, only what the new URL says is trusted.
  const SPA_SITES: { site: string; from: string; to: string; toIds: Record<string, string> }[] = [
    { site: 'Semantic Scholar', from: 'https://www.semanticscholar.org/paper/aaaa', to: 'https://www.semanticscholar.org/paper/bbbb', toIds: {} },
    { site: 'OpenReview', from: 'https://openreview.net/forum?id=AAAA', to: 'https://openreview.net/forum?id=BBBB', toIds: {} },
    { site: 'IEEE Xplore', from: 'https://ieeexplore.ieee.org/document/1000001', to: 'https://ieeexplore.ieee.org/document/1000002', toIds: {} },
    { site: 'ScienceDirect', from: 'https://www.sciencedirect.com/science/article/pii/S0140673623002167', to: 'https://www.sciencedirect.com/science/article/pii/S2589750023000211', toIds: {} },
    { site: 'alphaXiv', from: 'https://www.alphaxiv.org/abs/2311.16452', to: 'https://www.alphaxiv.org/abs/2310.14573', toIds: { arxiv: '2310.14573' } },
    { site: 'Hugging Face papers', from: 'https://huggingface.co/papers/2311.16452', to: 'https://huggingface.co/papers/2310.14573', toIds: { arxiv: '2310.14573' } },
    { site: 'GitHub', from: 'https://github.com/epfLLM/meditron', to: 'https://github.com/epfLLM', toIds: {} },
    { site: 'Google Scholar', from: 'https://scholar.google.com/citations?view_op=view_citation&citation_for_view=A', to: 'https://scholar.google.com/citations?view_op=view_citation&citation_for_view=B', toIds: {} },
    { site: 'PubMed', from: 'https://pubmed.ncbi.nlm.nih.gov/37438534/', to: 'https://pubmed.ncbi.nlm.nih.gov/37460753/', toIds: { pmid: '37460753' } },
  ];
  for (const { site, from, to, toIds } of SPA_SITES) {
    it(`trusts only the new URL when ${site}'s meta all stayed from the previous paper`, () => {
      const tags: [string, string][] = [
        ['citation_title', 'Large language models encode clinical knowledge'],
        ['citation_author', 'Singhal, Karan'],
        ['citation_doi', '10.1038/s41586-023-06291-2'],
        ['citation_arxiv_id', '2212.13138'],
        ['citation_pmid', '37438534'],
        ['citation_publication_date', '2023/07/12'],
      ];
      const before = identityFromMeta(pageMeta(from, tags));
      const trusted = identityAfterNavigation('settled', before, identityFromMeta(pageMeta(to, tags)), identifyUrl(to));
      const { url, repo, ...ids } = trusted!;
      expect(url).toBe(to);
      expect(ids).toEqual(toIds);
      expect(repo).toBe(identifyUrl(to)?.repo);
      expect(matchPaper(trusted!, listed)?.paper.id).not.toBe('doi:10.1038/s41586-023-06291-2');
    });
  }
});
