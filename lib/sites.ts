/**
 * Where the content script runs: the places researchers read papers, and every host the seed
 * list links to. In MV3 these match patterns are also the extension's host permissions, so the
 * list is deliberately explicit (no `<all_urls>`); other sites are an opt-in (ALL_SITES_MATCHES).
 *
 * Sites that serve only https (HSTS) are matched as `https://` alone: a page on them cannot be
 * http, and a plain-http look-alike answered by a network attacker gets no content script.
 * `https://*.example.org/*` matches example.org and all of its subdomains.
 */
import { MatchPattern } from '@webext-core/match-patterns';
import { parseHttpUrl } from './ids/url';

/** arXiv (abs, pdf, html, format, export., browse., ar5iv.labs.) and the mirrors researchers use. */
const ARXIV_AND_MIRRORS = [
  'https://*.arxiv.org/*',
  'https://*.alphaxiv.org/*',
  'https://ar5iv.org/*',
];

/** Indexes, preprint servers and publishers: where the content script runs. */
const READING_PLACES = [
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://pmc.ncbi.nlm.nih.gov/*',
  // The old NCBI domain: only its /pmc/ and /pubmed/ pages are articles.
  'https://www.ncbi.nlm.nih.gov/pmc/*',
  'https://www.ncbi.nlm.nih.gov/pubmed/*',
  'https://*.biorxiv.org/*',
  'https://*.medrxiv.org/*',
  'https://*.nature.com/*',
  'https://*.science.org/*',
  'https://*.cell.com/*',
  'https://*.thelancet.com/*',
  'https://*.nejm.org/*',
  'https://jamanetwork.com/*',
  'https://*.bmj.com/*',
  'https://*.jmir.org/*',
  'https://*.mdpi.com/*',
  'https://*.cureus.com/*',
  'https://link.springer.com/*',
  'https://*.sciencedirect.com/*',
  'https://*.onlinelibrary.wiley.com/*',
  'https://ieeexplore.ieee.org/*',
  'https://dl.acm.org/*',
  'https://aclanthology.org/*',
  'https://openreview.net/*',
  'https://*.semanticscholar.org/*',
  // Google Scholar's main host; its country domains (scholar.google.de, …) are asked for at runtime.
  'https://scholar.google.com/*',
  'https://huggingface.co/*',
  'https://github.com/*',
];

/**
 * Hosts the seed list links to that are not reading places above: a journal's own site and the
 * project pages and blogs of listed papers (checked against the seed list by tests/unit/sites.test.ts).
 */
const SEED_LIST_HOSTS = [
  // Two of these hosts still answer over plain http (no HSTS), so both schemes are matched.
  '*://*.the-innovation.org/*',
  'https://starmpcc.github.io/*',
  'https://optimalscale.github.io/*',
  'https://cambridgeltl.github.io/*',
  'https://blog.research.google/*',
  '*://heal-gpt.cn/*',
];

/** The content script's `matches` (and, in MV3, its host permissions). */
export const SITE_MATCHES: readonly string[] = [...ARXIV_AND_MIRRORS, ...READING_PLACES, ...SEED_LIST_HOSTS];

/** The optional "all sites" permission, asked for at runtime (see lib/allSites.ts). */
export const ALL_SITES_MATCHES: readonly string[] = ['*://*/*'];

/** Where the seed list (and every list on GitHub) is fetched from (lib/refresh/url.ts). */
export const LIST_SOURCE_MATCH = 'https://raw.githubusercontent.com/*';

/**
 * The manifest's host permissions: the content script's sites (so the background may read
 * those tabs' URLs for the toolbar icon, e.g. on PDF tabs) and the seed list's source.
 */
export const SITE_ACCESS_ORIGINS: readonly string[] = [...SITE_MATCHES, LIST_SOURCE_MATCH];

/** True when an http(s) URL is one the content script runs on (match patterns read as the browser reads them). */
export function isSiteUrl(url: string, patterns: readonly string[] = SITE_MATCHES): boolean {
  const parsed = parseHttpUrl(url);
  return parsed !== undefined && patterns.some((pattern) => new MatchPattern(pattern).includes(parsed.href));
}
