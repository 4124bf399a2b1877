import { bareHost, parseHttpUrl, pathSegments, type UrlParts } from './url';

const PMCID = /^PMC(\d{1,9})$/i;
const PMID = /^\d{1,9}$/;

/** A PMC id as Lantern stores it ("PMC123", the prefix in capitals), from "PMC123" or "pmc123" and nothing around it. */
export function normalizePmcid(text: string): string | undefined {
  const match = PMCID.exec(text);
  return match ? `PMC${match[1]}` : undefined;
}

/** A PubMed id as Lantern stores it, without leading zeros ("037438534" → "37438534"), from the digits alone. */
export function normalizePmid(text: string): string | undefined {
  return PMID.test(text) ? String(Number(text)) : undefined;
}
// Checked before the path is split: most links are elsewhere.
const PMC_HOSTS = new Set(['ncbi.nlm.nih.gov', 'pmc.ncbi.nlm.nih.gov', 'europepmc.org']);
const PMID_HOSTS = new Set(['pubmed.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov', 'europepmc.org']);

/**
 * The PMC id ("PMC123") a PubMed Central or Europe PMC address names. Undefined for anything else.
 * `knownHost`: the URL's bareHost, when the caller has it (idsFromUrls runs every detector on one link).
 */
export function pmcidFromUrl(raw: string | UrlParts, knownHost?: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const host = knownHost ?? bareHost(url);
  if (!PMC_HOSTS.has(host)) return undefined;
  const segments = pathSegments(url);
  let candidate: string | undefined;
  if (host === 'ncbi.nlm.nih.gov' && segments[0] === 'pmc' && segments[1] === 'articles') candidate = segments[2];
  else if (host === 'pmc.ncbi.nlm.nih.gov' && segments[0] === 'articles') candidate = segments[1];
  else if (host === 'europepmc.org') {
    if ((segments[0] === 'article' || segments[0] === 'abstract') && segments[1]?.toUpperCase() === 'PMC') candidate = segments[2];
    else if (segments[0] === 'articles') candidate = segments[1];
  }
  return candidate ? normalizePmcid(candidate) : undefined;
}

/**
 * The PubMed id a PubMed or Europe PMC address names, without leading zeros. Undefined for anything else.
 * `knownHost`: the URL's bareHost, when the caller has it (idsFromUrls runs every detector on one link).
 */
export function pmidFromUrl(raw: string | UrlParts, knownHost?: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const host = knownHost ?? bareHost(url);
  if (!PMID_HOSTS.has(host)) return undefined;
  const segments = pathSegments(url);
  let candidate: string | undefined;
  if (host === 'pubmed.ncbi.nlm.nih.gov' && segments.length === 1) candidate = segments[0];
  else if (host === 'ncbi.nlm.nih.gov' && segments[0] === 'pubmed' && segments.length === 2) candidate = segments[1];
  else if (host === 'europepmc.org' && (segments[0] === 'article' || segments[0] === 'abstract') && segments[1]?.toUpperCase() === 'MED') candidate = segments[2];
  return candidate ? normalizePmid(candidate) : undefined;
}
