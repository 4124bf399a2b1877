import { describe, expect, it } from 'vitest';
import { ALL_SITES_MATCHES, SITE_MATCHES, isSiteUrl } from '../../lib/sites';

// One link per host the seed list links to (paper, code, blog and demo links; its README's
// licence badge images are not pages anyone reads), copied from the list.
const SEED_LIST_LINKS = [
  'https://arxiv.org/abs/2311.16452',
  'http://arxiv.org/abs/2305.10415',
  'https://export.arxiv.org/abs/2305.12031',
  'https://github.com/epfLLM/meditron',
  'http://heal-gpt.cn/',
  'https://blog.research.google/2023/08/multimodal-medical-ai.html',
  'https://cambridgeltl.github.io/visual-med-alpaca/',
  'https://huggingface.co/Writer/palmyra-med-20b',
  'https://huggingface.co/spaces/allen-eric/radiology-gpt',
  'https://optimalscale.github.io/LMFlow/',
  'https://starmpcc.github.io/CAMEL/',
  'https://the-innovation.org/data/article/medicine/preview/pdf/XINNMEDICINE-2023-0065.pdf',
  'https://www.jmir.org/2023/1/e48568',
  'https://www.mdpi.com/2227-9032/11/6/887',
  'https://www.medrxiv.org/content/10.1101/2023.03.30.23287899v1',
  'https://www.nature.com/articles/s41586-023-05881-4',
  'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/',
  'https://www.nejm.org/doi/pdf/10.1056/NEJMra2301725',
];

/** Hosts of the seed list's http links that serve only https. */
const HTTPS_ONLY_HOSTS = new Set(['arxiv.org']);

const READING_PLACES = [
  'https://www.arxiv.org/pdf/2311.16452v2',
  'https://browse.arxiv.org/abs/2311.16452',
  'https://ar5iv.labs.arxiv.org/html/2311.16452',
  'https://www.alphaxiv.org/abs/2311.16452',
  'https://huggingface.co/papers/2311.16452',
  'https://pubmed.ncbi.nlm.nih.gov/37460753/',
  'https://pmc.ncbi.nlm.nih.gov/articles/PMC10364849/',
  'https://www.ncbi.nlm.nih.gov/pubmed/37492832',
  'https://www.biorxiv.org/content/10.1101/2023.01.01.522222v1',
  'https://www.science.org/doi/10.1126/science.adg7879',
  'https://www.cell.com/cell/fulltext/S0092-8674(23)00001-1',
  'https://www.thelancet.com/journals/landig/article/PIIS2589-7500(23)00021-3/fulltext',
  'https://jamanetwork.com/journals/jama/fullarticle/2806457',
  'https://www.bmj.com/content/383/bmj-2023-076290',
  'https://bmjopen.bmj.com/content/13/7/e071234',
  'https://medinform.jmir.org/2023/1/e46348',
  'https://www.cureus.com/articles/138667',
  'https://link.springer.com/article/10.1007/s10916-023-01925-4',
  'https://www.sciencedirect.com/science/article/pii/S0010482523007175',
  'https://onlinelibrary.wiley.com/doi/10.1002/ail2.42',
  'https://ieeexplore.ieee.org/document/10123456',
  'https://dl.acm.org/doi/10.1145/3580305.3599570',
  'https://aclanthology.org/2023.emnlp-main.1/',
  'https://openreview.net/forum?id=abc',
  'https://www.semanticscholar.org/paper/abc',
];

const ELSEWHERE = [
  'https://example.com/abs/2311.16452',
  'https://arxiv.org.evil.example/abs/2311.16452',
  'https://notarxiv.org/abs/2311.16452',
  'https://someone-else.github.io/CAMEL/',
  'https://www.ncbi.nlm.nih.gov/gene/7157',
  'https://gist.github.com/someone/abc',
  'file:///home/me/2311.16452.pdf',
  'javascript:alert(1)',
  'not a url',
];

describe('site list', () => {
  // An http link to an https-only site lands on its https page (HSTS); that page is the one read.
  it.each(SEED_LIST_LINKS)('runs where the seed list link %s leads', (url) => {
    expect(isSiteUrl(HTTPS_ONLY_HOSTS.has(new URL(url).hostname) ? url.replace(/^http:/, 'https:') : url)).toBe(true);
  });

  it('matches plain http only on the hosts that still serve it', () => {
    expect(isSiteUrl('http://arxiv.org/abs/2305.10415')).toBe(false);
    expect(isSiteUrl('http://www.nature.com/articles/s41586-023-05881-4')).toBe(false);
    expect(isSiteUrl('http://heal-gpt.cn/')).toBe(true);
    expect(isSiteUrl('http://the-innovation.org/data/article/medicine/preview/pdf/XINNMEDICINE-2023-0065.pdf')).toBe(true);
    expect(SITE_MATCHES.filter((p) => p.startsWith('*://'))).toEqual(['*://*.the-innovation.org/*', '*://heal-gpt.cn/*']);
  });

  it.each(READING_PLACES)('runs where researchers read: %s', (url) => {
    expect(isSiteUrl(url)).toBe(true);
  });

  it.each(ELSEWHERE)('does not run on %s', (url) => {
    expect(isSiteUrl(url)).toBe(false);
  });

  it('holds only well-formed http(s) match patterns, no catch-all', () => {
    for (const pattern of SITE_MATCHES) {
      expect(pattern).toMatch(/^(\*|https):\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\/[^*]*\*$/);
    }
    expect(SITE_MATCHES).not.toContain('<all_urls>');
    expect(SITE_MATCHES.some((p) => ALL_SITES_MATCHES.includes(p))).toBe(false);
    expect(new Set(SITE_MATCHES).size).toBe(SITE_MATCHES.length);
  });
});
