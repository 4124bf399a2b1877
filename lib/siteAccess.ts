/**
 * Access to the paper sites: the manifest's host permissions (SITE_ACCESS_ORIGINS). Firefox's
 * MV3 makes them the user's to give or withdraw per add-on (about:addons › Lantern ›
 * Permissions), and Chrome lets a user withhold them (Site access "On click"). Without them no
 * badge appears on those sites and the list cannot refresh from GitHub, so the popup and the
 * options page say so in plain words (`siteAccessWords`) and offer a button that asks for them
 * (`SiteAccess.request`, called first thing in that click: browsers grant permissions only
 * during a user gesture).
 */
import { browser } from 'wxt/browser';
import { LIST_SOURCE_MATCH, SITE_ACCESS_ORIGINS } from './sites';

/** What the popup and the options page need to read and ask for site access (wired to the browser by `browserSiteAccess`). */
export interface SiteAccess {
  /** The host permissions (match patterns, manifest order) not granted now; empty when all are. */
  missing(): Promise<string[]>;
  /** Asks the browser for every one of them; resolves to whether the user gave them. Call it first thing in a click. */
  request(): Promise<boolean>;
  /** Calls back whenever the granted permissions change (the user's switch in the browser's settings); returns the unsubscribe. */
  watch(onChange: () => void): () => void;
}

/** The part of the browser's `permissions` API site access uses. */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
  onAdded: { addListener(listener: () => void): void; removeListener(listener: () => void): void };
  onRemoved: { addListener(listener: () => void): void; removeListener(listener: () => void): void };
}

/**
 * Which of `origins` are not granted now. One `contains` for all of them first (the usual case);
 * only when that says no, one per pattern. A browser that cannot answer rejects (the caller
 * then shows nothing rather than a notice that may be wrong).
 */
export async function missingOrigins(api: Pick<PermissionsApi, 'contains'>, origins: readonly string[] = SITE_ACCESS_ORIGINS): Promise<string[]> {
  if (await api.contains({ origins: [...origins] })) return [];
  const granted = await Promise.all(origins.map((origin) => api.contains({ origins: [origin] })));
  return origins.filter((_, i) => !granted[i]);
}

/** `SiteAccess` over a browser's permissions API (default: this browser's). */
export function browserSiteAccess(api: PermissionsApi = browser.permissions as unknown as PermissionsApi, origins: readonly string[] = SITE_ACCESS_ORIGINS): SiteAccess {
  return {
    missing: () => missingOrigins(api, origins),
    // Nothing awaited before this call: Firefox refuses a request made after the gesture's task.
    request: () => api.request({ origins: [...origins] }),
    watch(onChange) {
      const listener = () => onChange();
      api.onAdded.addListener(listener);
      api.onRemoved.addListener(listener);
      return () => {
        api.onAdded.removeListener(listener);
        api.onRemoved.removeListener(listener);
      };
    },
  };
}

/**
 * A site's name as a person reads it, from a match pattern: `https://*.arxiv.org/*` → `arxiv.org`,
 * `https://www.ncbi.nlm.nih.gov/pmc/*` → `www.ncbi.nlm.nih.gov/pmc`, `*://heal-gpt.cn/*` → `heal-gpt.cn`.
 */
export function siteName(pattern: string): string {
  const rest = pattern.replace(/^[^:]+:\/\//, '').replace(/^\*\./, '');
  return rest.replace(/\/\*?$/, '');
}

/** The notice's words for the missing permissions, or null when nothing is missing. */
export interface SiteAccessWords {
  /** One sentence: what Lantern may not do. */
  headline: string;
  /** What that means for the user, and what the button does. */
  detail: string;
}

/** How many site names the notice spells out before "and N more". */
const NAMED_SITES = 4;

/**
 * The plain words for a notice about `missing` (from `missingOrigins`) out of `all` the manifest
 * asks for: none granted reads as "not allowed on paper sites yet"; some reads with the sites
 * named (the first few, then how many more). Null when nothing is missing.
 */
export function siteAccessWords(missing: readonly string[], all: readonly string[] = SITE_ACCESS_ORIGINS): SiteAccessWords | null {
  if (missing.length === 0) return null;
  const why = 'Lantern only reads those pages to recognize papers; nothing about your reading leaves your browser.';
  if (missing.length >= all.length) {
    return {
      headline: 'Lantern is not allowed on paper sites yet.',
      detail: `To show its badge on arXiv, PubMed, journal and code pages, and to keep its list up to date from GitHub, your browser needs your permission for those sites. ${why}`,
    };
  }
  const sites = [...new Set(missing.filter((m) => m !== LIST_SOURCE_MATCH).map(siteName))];
  const named = sites.slice(0, NAMED_SITES).join(', ');
  const more = sites.length > NAMED_SITES ? ` and ${sites.length - NAMED_SITES} more` : '';
  const parts: string[] = [];
  if (sites.length > 0) parts.push(`shows no badge on ${named}${more}`);
  if (missing.includes(LIST_SOURCE_MATCH)) parts.push('cannot update its list from GitHub');
  return {
    headline: `Lantern is not allowed on some of its sites, so it ${parts.join(' and ')}.`,
    detail: `Your browser needs your permission for them. ${why}`,
  };
}
