/**
 * The background's answer to every message in lib/messages.ts: one object, built once, that
 * satisfies the full `Handlers` type (a message without a handler does not compile). Each
 * handler is a thin adapter over a domain function; `dispatch` has already checked who sent the
 * message and validated its data. Content scripts may send only what `allowedSenders` lets
 * them, and only about their own tab: this file enforces the "own tab" part.
 */
import { entryCount } from '../../lib/db/catalog';
import { agreesWithAddress } from '../../lib/page/identify';
import { pagePaperId } from '../../lib/page/savedPaper';
import { matchIdentity, setSavedById } from '../../lib/db/papers';
import { savedCount } from '../../lib/db/readingList';
import type { LanternDB } from '../../lib/db/schema';
import type { Handlers, Sender } from '../../lib/messages';
import type { PageIdentity } from '../../lib/types';
import { injectBadgeUi } from './badgeUi';
import type { TabListings } from './listings';
import type { ListRefresher } from './refresh';
import type { SavedChanges } from './savedChanges';
import type { TabPapers } from './toolbar';
import type { zoteroHandlers } from './zotero';

export interface HandlerParts {
  database: LanternDB;
  tabs: TabPapers;
  lists: ListRefresher;
  listings: TabListings;
  savedChanges: SavedChanges;
  zotero: ReturnType<typeof zoteroHandlers>;
}

/** The one paper a content script may save or unsave: the one the background matched (or identified) for its tab. */
async function ownTabPaper(tabs: TabPapers, sender: Sender): Promise<{ paperId: string; page?: PageIdentity }> {
  const record = sender.tabId !== undefined && sender.url ? await tabs.pageRecord(sender.tabId, sender.url) : undefined;
  // The page's identity goes along: its authors may complete a listed paper's (withPageAuthors).
  if (record?.match) return { paperId: record.match.paper.id, ...(record.identity && { page: record.identity }) };
  if (record?.identity) return { paperId: pagePaperId(record.identity), page: record.identity };
  throw new Error('Lantern has not recognized a paper on this page.');
}

/**
 * A content script may name its own tab's paper and the listed papers its page was told of (a
 * mark's card); extension pages any.
 */
async function ownPapersOnly<T extends { paperIds: string[] }>(tabs: TabPapers, listings: TabListings, request: T, sender: Sender): Promise<T> {
  if (sender.kind !== 'content') return request;
  const own = await ownTabPaper(tabs, sender).catch(() => undefined);
  for (const id of request.paperIds) {
    if (id !== own?.paperId && !(await listings.isListedOnPage(id, sender))) throw new Error('A page can only ask about its own paper and the listed papers on it.');
  }
  return request;
}

export function createHandlers({ database, tabs, lists, listings, savedChanges, zotero }: HandlerParts): Handlers {
  return {
    getStatus: async () => ({
      entryCount: await entryCount(database),
      savedCount: await savedCount(database),
      lists: await database.lists.toArray(),
    }),

    matchPage: async (identity, sender) => {
      // A page at one paper's address asking about another would learn its reading state, and could then save it.
      // Either address will do: a prerendered page's own (its tab still shows another), or the tab's
      // (a browser may report the page's address from before the page changed it in place).
      const addresses = [sender.url, sender.pageUrl].filter((url): url is string => url !== undefined);
      if (sender.kind === 'content' && addresses.length > 0 && !addresses.some((url) => agreesWithAddress(identity, url))) {
        throw new Error('This page’s address names another paper.');
      }
      const match = await matchIdentity(database, identity);
      // The content script's answer also marks its tab (toolbar icon, "This tab", what it may save).
      if (sender.kind === 'content' && sender.tabId !== undefined && sender.url) tabs.recordPage(sender.tabId, sender.url, identity, match);
      return match;
    },

    setSaved: async ({ paperId, saved, page, status }, sender) => {
      let target: { paperId: string; page?: PageIdentity } = page ? { paperId, page } : { paperId };
      if (sender.kind === 'content') {
        // Never a page-supplied record: the paper the background itself recorded for this tab.
        const own = await ownTabPaper(tabs, sender);
        if (own.paperId !== paperId) throw new Error('A page can only save or unsave its own paper.');
        target = own;
      }
      return setSavedById(database, target.paperId, saved, target.page, status);
    },

    getTabPaper: ({ tabId }) => tabs.tabPaper(tabId),

    loadBadgeUi: async (_request, sender) => ({ loaded: sender.tabId !== undefined && (await injectBadgeUi(sender.tabId)) }),

    refreshLists: ({ listIds, acceptShrink }) => lists.refresh(listIds, acceptShrink),
    addList: ({ url }) => lists.addList(url),
    removeList: async ({ listId }) => {
      await lists.removeList(listId);
      return { removed: true };
    },
    setListEnabled: async ({ listId, enabled }) => {
      await lists.setListEnabled(listId, enabled);
      return { enabled };
    },
    getRefreshState: () => lists.state(),
    setRefreshSchedule: (schedule) => lists.setSchedule(schedule),
    markEntriesSeen: async () => {
      const seen = await lists.markEntriesSeen();
      // Marks on open pages show "New" too: told, they ask again.
      savedChanges.changed();
      return seen;
    },
    readingListChanged: async () => {
      savedChanges.changed();
      return {};
    },

    // Pages that list papers (listings.ts): each handler checks the sender's own tab record.
    ...listings.handlers,

    sendToZotero: async (request, sender) => zotero.sendToZotero(await ownPapersOnly(tabs, listings, request, sender), sender),
    getInZotero: async (request, sender) => zotero.getInZotero(await ownPapersOnly(tabs, listings, request, sender), sender),
  } satisfies Handlers;
}
