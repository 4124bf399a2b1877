/**
 * Saving without opening Lantern: the page's context menu ("Save to Lantern") and the keyboard
 * shortcut. Pure rules for what gets saved; entrypoints/background/quickSave.ts does the saving
 * through the same handler as the `setSaved` message.
 */
import { savedPaperFromPage, pagePaperId } from './page/savedPaper';
import { identifyUrl } from './page';
import type { PageIdentity, PageMatch } from './types';

/** What a tab or link is known to show: its identity and, when listed, the entry. */
export interface FoundPaper {
  identity: PageIdentity | null;
  match: PageMatch | null;
}

/** A `setSaved` request, or a plain-words reason why there is nothing to save. */
export type SaveTarget = { paperId: string; page?: PageIdentity } | { error: string };

/** Listed papers are saved by their entry id; others by what their page says (which must name a title). */
export function saveTargetFor({ identity, match }: FoundPaper): SaveTarget {
  if (match) return { paperId: match.paper.id, ...(identity && { page: identity }) };
  if (!identity) return { error: 'Lantern does not recognize a paper here.' };
  const fromPage = savedPaperFromPage(identity);
  if ('error' in fromPage) return { error: fromPage.error };
  return { paperId: pagePaperId(identity), page: identity };
}

/**
 * The paper a link points to (arXiv, DOI, PubMed, PMC, code page), or undefined for other
 * links. The link's text stands in for the title where the browser gives it (Firefox).
 */
export function linkIdentity(linkUrl: string, linkText?: string): PageIdentity | undefined {
  const identity = identifyUrl(linkUrl);
  if (!identity) return undefined;
  const title = linkText?.replace(/\s+/g, ' ').trim();
  return title ? { ...identity, title } : identity;
}

/** The tab's paper when the background has no record of it: what its URL (and title, if readable) say. */
export function urlIdentity(url: string | undefined, title: string | undefined): PageIdentity | null {
  return (url && linkIdentity(url, title)) || null;
}
