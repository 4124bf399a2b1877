/**
 * Pages that list papers (listings, search results, links, reference lists): the content
 * script sends its items in batches (`lookupListed`), the background answers which are listed
 * and keeps, per tab, the listed papers it told that tab about. That record is all a tab may ask
 * more of: a mark's card (`getListedPaper`) and its Save (`saveListed`) work only for papers on
 * it. It injects the marks' UI while it reads a lookup once a list holds one of the items' keys, and the
 * listing readers where the manifest did not (`loadListingReader`). The toolbar button's badge
 * text counts them; the popup's "This tab" reads them (`getTabListed`). Records live in
 * storage.session: the service worker forgets its memory.
 */
import { browser } from 'wxt/browser';
import { paperById, relatedPool } from '../../lib/db/catalog';
import { lookupListed } from '../../lib/db/listed';
import { markStatus, type ListedHit } from '../../lib/listing/hit';
import { savedState } from '../../lib/db/readingList';
import { setSavedById } from '../../lib/db/papers';
import type { LanternDB } from '../../lib/db/schema';
import type { Handlers, ListedRead, TabListed } from '../../lib/messages';
import { DEFAULT_MARK_SETTINGS, loadMarkSettings } from '../../lib/markSettings';
import { readEntriesSeenAt } from '../../lib/refresh/state';
import { listingKindFromUrl } from '../../lib/listing/kind';
import { LISTING_READER_FILE } from '../../lib/listingReader';
import { relatedPapers } from '../../lib/related';
import type { PageMatch } from '../../lib/types';
import { injectBadgeUi } from './badgeUi';
import type { ToolbarButton } from './button';
import { session } from './session';

/** Listed papers kept per tab: more than any page shows; the content script caps its marks well below. */
const MAX_KEPT = 5000;


const recordKey = (tabId: number) => `listed:${tabId}`;

function emptyRecord(url: string): TabListed {
  return { url, listed: [], cites: [], capped: false };
}

/** A tab's record as stored (without waiting for answers still being recorded), or undefined. */
export async function storedTabListed(tabId: number): Promise<TabListed | undefined> {
  return readRecord(await session.get(recordKey(tabId)));
}

function readRecord(value: unknown): TabListed | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as TabListed;
  return typeof record.url === 'string' && Array.isArray(record.listed) && Array.isArray(record.cites) ? record : undefined;
}

/** Whether the reader's mark settings (options page) allow marks from this kind of read. */
async function marksOn(read: ListedRead): Promise<boolean> {
  const settings = await loadMarkSettings().catch(() => DEFAULT_MARK_SETTINGS);
  return read === 'references' ? settings.references : settings.listings;
}

/** Adds hits to a kept list, each paper once (a later answer's status replaces an earlier one's). */
function keep(kept: ListedHit[], hits: readonly (ListedHit | null)[]): { kept: ListedHit[]; capped: boolean } {
  const at = new Map(kept.map((hit, i) => [hit.id, i]));
  let capped = false;
  for (const hit of hits) {
    if (!hit) continue;
    const i = at.get(hit.id);
    if (i !== undefined) kept[i] = hit;
    else if (kept.length >= MAX_KEPT) capped = true;
    else {
      at.set(hit.id, kept.length);
      kept.push(hit);
    }
  }
  return { kept, capped };
}

export interface TabListings {
  handlers: Pick<Handlers, 'lookupListed' | 'loadListingReader' | 'marksCapped' | 'getListedPaper' | 'saveListed' | 'getTabListed'>;
  /** Forgets a tab's record (closed; or navigated, when `unlessUrl` is not the page it is about). */
  forget(tabId: number, unlessUrl?: string): Promise<void>;
  /** Whether the sender's page was told this paper is listed on it (or cited by its paper). */
  isListedOnPage(paperId: string, sender: { tabId?: number; url?: string }): Promise<boolean>;
}

/** `button`: painted whenever a tab's record changes (its count and tooltip). */
export function createTabListings(database: LanternDB, button: Pick<ToolbarButton, 'paint'>): TabListings {
  // One read-modify-write at a time per tab: a page's batches may be answered concurrently.
  const queue = new Map<number, Promise<unknown>>();
  const update = <T>(tabId: number, change: () => Promise<T>): Promise<T> => {
    const done = (queue.get(tabId) ?? Promise.resolve()).then(change);
    const settled = done.catch(() => undefined);
    queue.set(tabId, settled);
    void settled.then(() => {
      if (queue.get(tabId) === settled) queue.delete(tabId);
    });
    return done;
  };

  /** A tab's record once the answers already given to it are recorded. */
  const settled = async (tabId: number): Promise<TabListed | undefined> => {
    await queue.get(tabId);
    return storedTabListed(tabId);
  };

  /** The sender tab's record, when it is about the sender's current page. */
  const ownRecord = async (sender: { tabId?: number; url?: string }): Promise<TabListed | undefined> => {
    if (sender.tabId === undefined) return undefined;
    const record = await settled(sender.tabId);
    return record && record.url === sender.url ? record : undefined;
  };

  const isListedOnPage = async (paperId: string, sender: { tabId?: number; url?: string }): Promise<boolean> => {
    const record = await ownRecord(sender);
    return record !== undefined && (record.listed.some((hit) => hit.id === paperId) || record.cites.some((hit) => hit.id === paperId));
  };

  const ownPaperId = async (paperId: string, sender: { tabId?: number; url?: string }): Promise<string> => {
    if (!(await isListedOnPage(paperId, sender))) throw new Error('This paper is not among the listed papers of this page.');
    return paperId;
  };


  return {
    isListedOnPage,
    handlers: {
      lookupListed: async ({ items, read, first, ui }, sender) => {
        const { tabId, url } = sender;
        // The reader's choice applies here, not in the page: a page asks before it could read the
        // settings, and a kind of read that is off is answered with nothing (and nothing recorded).
        // Read beside the entries (a lookup writes nothing), not before them: the page waits. A
        // reference list's lookup (listed titles in its texts) is work enough to wait for them.
        const on = marksOn(read);
        const answerOff = () => {
          if (first && tabId !== undefined && url) void update(tabId, () => session.set(recordKey(tabId), emptyRecord(url))).catch(() => undefined);
          return { hits: items.map(() => null), off: true as const };
        };
        if (read === 'references' && !(await on)) return answerOff();
        // The UI is injected while the entries are read (when a list holds one of the items'
        // keys), not after: the page waits for both.
        let injecting: Promise<unknown> | undefined;
        const onKeyFound = () => {
          if (ui && tabId !== undefined) injecting ??= on.then((yes) => yes && injectBadgeUi(tabId)).catch(() => false);
        };
        // A clock that cannot be read leaves every hit not new rather than the page unmarked.
        const seenAt = readEntriesSeenAt(database).catch(() => undefined);
        const answer = lookupListed(database, items, seenAt, { onKeyFound });
        if (!(await on)) {
          void answer.catch(() => undefined);
          return answerOff();
        }
        // Queued at once, so a page's batches are recorded in the order it asked them (its first
        // starts the record over) even when they are answered out of order; recorded after the
        // answer leaves, so the page draws its marks meanwhile.
        if (tabId !== undefined && url) {
          void update(tabId, async () => {
            const hits = await answer;
            const previous = await storedTabListed(tabId);
            const record = !first && previous?.url === url ? previous : emptyRecord(url);
            const side = read === 'references' ? 'cites' : 'listed';
            const { kept, capped } = keep(record[side], hits);
            record[side] = kept;
            record.capped ||= capped;
            await session.set(recordKey(tabId), record);
            await button.paint(tabId);
          }).catch(() => undefined);
        }
        const hits = await answer;
        if (injecting) await injecting;
        return { hits };
      },

      loadListingReader: async (_request, sender) => {
        if (sender.tabId === undefined || !sender.url || !listingKindFromUrl(sender.url) || !browser.scripting) return { loaded: false };
        // At once: the content script asks while the page is still loading, to read it at DOMContentLoaded.
        await browser.scripting.executeScript({ target: { tabId: sender.tabId }, files: [LISTING_READER_FILE], injectImmediately: true });
        return { loaded: true };
      },

      marksCapped: async (_request, sender) => {
        const { tabId, url } = sender;
        if (tabId === undefined || !url) return {};
        await update(tabId, async () => {
          const record = await storedTabListed(tabId);
          // Only the record of the page that says so: a stale page cannot mark its successor's.
          if (record?.url !== url || record.capped) return;
          await session.set(recordKey(tabId), { ...record, capped: true });
        });
        return {};
      },

      getListedPaper: async ({ paperId }, sender) => {
        const paper = await paperById(database, await ownPaperId(paperId, sender));
        if (!paper) return null;
        const [lists, pool, state] = await Promise.all([database.lists.bulkGet(paper.lists), relatedPool(database, paper), savedState(database, paper.id)]);
        const match: PageMatch = {
          paper,
          via: paper.ids.arxiv ? 'arxiv' : paper.ids.doi ? 'doi' : paper.ids.pmcid ? 'pmcid' : paper.ids.pmid ? 'pmid' : 'title',
          related: relatedPapers(paper, pool, 5),
          ...state,
          listNames: lists.flatMap((l) => (l ? [l.name] : [])),
        };
        return match;
      },

      saveListed: async ({ paperId, saved, status }, sender) => {
        const state = await setSavedById(database, await ownPaperId(paperId, sender), saved, undefined, status);
        return { status: markStatus(state.status) };
      },

      getTabListed: async ({ tabId }) => {
        const record = await settled(tabId);
        const tab = await browser.tabs.get(tabId).catch(() => undefined);
        if (!record || (tab?.url && tab.url !== record.url)) return emptyRecord(tab?.url ?? '');
        // Statuses as they are now: the reader may have saved from the popup since.
        const ids = [...new Set([...record.listed, ...record.cites].map((hit) => hit.id))];
        const statuses = new Map((await database.saved.bulkGet(ids)).flatMap((item) => (item ? [[item.id, item.status] as const] : [])));
        const now = (hit: ListedHit): ListedHit => ({ ...hit, status: markStatus(statuses.get(hit.id)) });
        return { ...record, listed: record.listed.map(now), cites: record.cites.map(now) };
      },
    },

    async forget(tabId, unlessUrl) {
      await update(tabId, async () => {
        if (unlessUrl !== undefined && (await storedTabListed(tabId))?.url === unlessUrl) return;
        await session.remove(recordKey(tabId));
        await button.paint(tabId);
      });
    },
  };
}

/** Forgets a tab's record when the tab closes or shows a new page; call once, synchronously at start-up. */
export function setupListings(listings: TabListings): void {
  browser.tabs.onRemoved.addListener((tabId) => void listings.forget(tabId));
  // A new page in the tab: its content script will tell again what it lists.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void listings.forget(tabId, change.url);
  });
}
