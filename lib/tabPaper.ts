/**
 * What the background knows about each tab's paper: pure rules for the toolbar icon and the
 * popup's "This tab" section. Two sources answer for a tab: the URL alone (tabs.onUpdated; the
 * only one on PDF tabs, where no content script runs) and the content script, which also reads
 * the document (DOI, title), so it knows more.
 */
import type { PageIdentity, PageMatch } from './types';
import { isRecord } from './isRecord';

export interface TabPaperState {
  /** The tab's URL this answer is for. */
  url: string;
  identity: PageIdentity | null;
  match: PageMatch | null;
  source: 'url' | 'page';
}

/**
 * Which answer the tab keeps: a newer URL always wins; for the same URL, the content script's
 * answer is never replaced by a URL-only one (it read the document too, so it knows more), and
 * an answer that found the paper is never replaced by one that did not.
 */
export function nextTabState(previous: TabPaperState | undefined, next: TabPaperState): TabPaperState {
  if (!previous || previous.url !== next.url) return next;
  if (previous.source === 'page' && next.source === 'url') return previous;
  if (previous.match && !next.match) return previous;
  return next;
}

const MAX_TOOLTIP_TITLE = 120;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The toolbar button's tooltip: names the entry and its list when the tab is a listed paper. */
export function toolbarTitle(match: PageMatch | null, extensionName = 'Lantern'): string {
  if (!match) return extensionName;
  const lists = match.listNames.length > 0 ? match.listNames.join(', ') : 'your lists';
  const saved = match.saved ? ' (saved)' : '';
  return `${extensionName}: in ${lists}${saved}\n${shorten(match.paper.title, MAX_TOOLTIP_TITLE)}`;
}

/** The storage.session key for one tab's state. */
export function tabStateKey(tabId: number): string {
  return `tabPaper:${tabId}`;
}

/** Reads a stored state back, or undefined for anything that is not one (old formats, damage). */
export function readTabState(stored: unknown): TabPaperState | undefined {
  if (!isRecord(stored) || typeof stored.url !== 'string') return undefined;
  if (stored.source !== 'url' && stored.source !== 'page') return undefined;
  const identity = isRecord(stored.identity) ? (stored.identity as unknown as PageIdentity) : null;
  const match = isRecord(stored.match) && isRecord(stored.match.paper) ? (stored.match as unknown as PageMatch) : null;
  return { url: stored.url, identity, match, source: stored.source };
}
