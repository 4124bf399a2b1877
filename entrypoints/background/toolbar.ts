/**
 * Each tab's paper, which lights the toolbar button up on a listed paper's tab (button.ts), also
 * where no badge can be drawn (arXiv PDFs in the browser's PDF viewer). Two sources answer
 * for a tab: the URL alone, on every navigation (tabs.onUpdated), and the content script's
 * `matchPage`, which also reads the document. Per-tab answers live in storage.session because
 * the MV3 service worker forgets everything when it is stopped; the popup reads them back with
 * `getTabPaper`. The same record tells which paper a tab's content script may save or unsave.
 *
 * No "tabs" permission: the site list is also declared as host permissions (same hosts as the
 * content script, so no new warning), which is what lets the background read `tab.url` there;
 * elsewhere it cannot, and there is nothing to recognize anyway.
 */
import { browser } from 'wxt/browser';
import type { LanternDB } from '../../lib/db/schema';
import { identifyUrl } from '../../lib/page';
import { nextTabState, readTabState, tabStateKey, type TabPaperState } from '../../lib/tabPaper';
import type { PageIdentity, PageMatch } from '../../lib/types';
import type { ToolbarButton } from './button';
import { session } from './session';

export type MatchIdentity = (identity: PageIdentity) => Promise<PageMatch | null>;

/** A tab's recorded paper as stored (without waiting for answers still being recorded), or undefined. */
export async function storedTabPaper(tabId: number): Promise<TabPaperState | undefined> {
  return readTabState(await session.get(tabStateKey(tabId)));
}

/** Each tab's last pending record, so that records for one tab run one after another. */
const recording = new Map<number, Promise<unknown>>();

/**
 * Records one answer for a tab (unless an earlier one for the same URL knew more) and paints
 * it: always when the tab is a listed paper, else only when it was painted as one (setIcon
 * decodes images; most pages are not listed papers).
 */
function record(button: ToolbarButton, tabId: number, next: TabPaperState): Promise<TabPaperState> {
  // One read-modify-write at a time per tab: answers arrive concurrently (navigation, page, URL).
  const done = (recording.get(tabId) ?? Promise.resolve()).then(() => recordNow(button, tabId, next));
  const settled = done.catch(() => undefined);
  recording.set(tabId, settled);
  void settled.then(() => {
    if (recording.get(tabId) === settled) recording.delete(tabId);
  });
  return done;
}

async function recordNow(button: ToolbarButton, tabId: number, next: TabPaperState): Promise<TabPaperState> {
  const key = tabStateKey(tabId);
  const previous = readTabState(await session.get(key));
  const kept = nextTabState(previous, next);
  await session.set(key, kept);
  if (kept.match || previous?.match) await button.paint(tabId, { icon: true });
  return kept;
}

async function fromUrl(url: string, matchIdentity: MatchIdentity): Promise<TabPaperState> {
  const identity = identifyUrl(url) ?? null;
  const match = identity ? await matchIdentity(identity) : null;
  return { url, identity, match, source: 'url' };
}

/** A tab's paper as the popup's "This tab" shows it. */
export interface TabPaper {
  identity: PageIdentity | null;
  match: PageMatch | null;
}

/** What the background knows about each tab's paper (see the top of this file). */
export interface TabPapers {
  /** The content script's answer for its tab; marks the tab (icon, tooltip) without making the page wait. */
  recordPage(tabId: number, url: string, identity: PageIdentity, match: PageMatch | null): void;
  /** The tab's paper: the recorded answer, else a fresh URL-only look. */
  tabPaper(tabId: number): Promise<TabPaper>;
  /**
   * What the tab's own content script told the background about `url` (after any answer still
   * being recorded), or undefined when it said nothing about that URL.
   */
  pageRecord(tabId: number, url: string): Promise<TabPaperState | undefined>;
  /** Follows navigations and closed tabs; call once, synchronously at start-up. */
  watchTabs(): void;
}

export function createTabPapers(database: LanternDB, matchIdentity: MatchIdentity, button: ToolbarButton): TabPapers {
  const lookAtUrl = async (tabId: number, url: string) => {
    const known = await storedTabPaper(tabId);
    if (known?.url === url && known.source === 'page') return;
    await record(button, tabId, await fromUrl(url, matchIdentity)).catch(() => undefined);
  };

  return {
    recordPage(tabId, url, identity, match) {
      // The page waits for the answer, not for the toolbar (setIcon decodes images: tens of ms).
      record(button, tabId, { url, identity, match, source: 'page' }).catch(() => undefined);
    },

    async tabPaper(tabId) {
      const stored = await storedTabPaper(tabId);
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      const url = tab?.url;
      if (stored && (!url || stored.url === url)) return { identity: stored.identity, match: stored.match };
      if (!url) return { identity: null, match: null };
      const state = await record(button, tabId, await fromUrl(url, matchIdentity));
      return { identity: state.identity, match: state.match };
    },

    async pageRecord(tabId, url) {
      await recording.get(tabId);
      const stored = await storedTabPaper(tabId);
      return stored && stored.url === url && stored.source === 'page' ? stored : undefined;
    },

    watchTabs() {
      browser.tabs.onUpdated.addListener((tabId, change, tab) => {
        // Without host permission for the page its URL is hidden: nothing to show there.
        const url = tab.url ?? '';
        if (change.status === 'loading' || change.url !== undefined) {
          // A new page: forget the old one now; answers for the new one follow.
          record(button, tabId, { url, identity: null, match: null, source: 'url' }).catch(() => undefined);
          // The page will ask within tens of ms: open the database while it loads (after the
          // worker was stopped, opening is most of the wait). The URL is visible on the site list only.
          if (url && !database.isOpen()) database.open().catch(() => undefined);
        }
        if (change.status === 'complete' || (change.url !== undefined && change.status === undefined)) {
          // Once loaded (or after an in-page URL change), look at the URL: the only answer on PDF
          // tabs, where no content script runs. Not earlier: it would compete with the page's own
          // question for the service worker while the page loads.
          if (url) void lookAtUrl(tabId, url);
        }
      });
      browser.tabs.onRemoved.addListener((tabId) => {
        session.remove(tabStateKey(tabId)).catch(() => undefined);
      });
    },
  };
}
