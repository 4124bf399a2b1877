/**
 * Where the content script runs: the places researchers read papers, and every host the seed
 * list links to. In MV3 these match patterns are also the extension's host permissions, so the
 * list is deliberately explicit (no `<all_urls>`); other sites are an opt-in (ALL_SITES_MATCHES).
 *
 * `*://*.example.org/*` matches example.org and all of its subdomains.
 */
import { MatchPattern } from '@webext-core/match-patterns';
import { parseHttpUrl } from './ids/url';

/** arXiv (abs, pdf, html, format, export., browse., ar5iv.labs.) and the mirrors researchers use. */
const ARXIV_AND_MIRRORS = [
  '*://*.arxiv.org/*',
  '*://*.alphaxiv.org/*',
  '*://ar5iv.org/*',
];

/** Indexes, preprint servers and publishers (issue 3, "Where the content script runs"). */
const READING_PLACES = [
  '*://pubmed.ncbi.nlm.nih.gov/*',
  '*://pmc.ncbi.nlm.nih.gov/*',
  // The old NCBI domain: only its /pmc/ and /pubmed/ pages are articles.
  '*://www.ncbi.nlm.nih.gov/pmc/*',
  '*://www.ncbi.nlm.nih.gov/pubmed/*',
  '*://*.biorxiv.org/*',
  '*://*.medrxiv.org/*',
  '*://*.nature.com/*',
  '*://*.science.org/*',
  '*://*.cell.com/*',
  '*://*.thelancet.com/*',
  '*://*.nejm.org/*',
  '*://jamanetwork.com/*',
  '*://*.bmj.com/*',
  '*://*.jmir.org/*',
  '*://*.mdpi.com/*',
  '*://*.cureus.com/*',
  '*://link.springer.com/*',
  '*://*.sciencedirect.com/*',
  '*://*.onlinelibrary.wiley.com/*',
  '*://ieeexplore.ieee.org/*',
  '*://dl.acm.org/*',
  '*://aclanthology.org/*',
  '*://openreview.net/*',
  '*://*.semanticscholar.org/*',
  // Google Scholar's main host; its country domains (scholar.google.de, …) are asked for at runtime.
  '*://scholar.google.com/*',
  '*://huggingface.co/*',
  '*://github.com/*',
];

/**
 * Hosts the seed list links to that are not reading places above: a journal's own site and the
 * project pages and blogs of listed papers (checked against the seed list by tests/unit/sites.test.ts).
 */
const SEED_LIST_HOSTS = [
  '*://*.the-innovation.org/*',
  '*://starmpcc.github.io/*',
  '*://optimalscale.github.io/*',
  '*://cambridgeltl.github.io/*',
  '*://blog.research.google/*',
  '*://heal-gpt.cn/*',
];

/** The content script's `matches` (and, in MV3, its host permissions). */
export const SITE_MATCHES: readonly string[] = [...ARXIV_AND_MIRRORS, ...READING_PLACES, ...SEED_LIST_HOSTS];

/** The optional "all sites" permission, asked for at runtime (see lib/allSites.ts). */
export const ALL_SITES_MATCHES: readonly string[] = ['*://*/*'];

/** True when an http(s) URL is one the content script runs on (match patterns read as the browser reads them). */
export function isSiteUrl(url: string, patterns: readonly string[] = SITE_MATCHES): boolean {
  const parsed = parseHttpUrl(url);
  return parsed !== undefined && patterns.some((pattern) => new MatchPattern(pattern).includes(parsed.href));
}
