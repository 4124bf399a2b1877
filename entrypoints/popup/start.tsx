import { render } from 'preact';
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { followAppearance } from '../../lib/appearance';
import { db } from '../../lib/db/pageDb';
import { pagePaperId, savedPaperFromPage } from '../../lib/page/savedPaper';
import { recentlyRemovedIds, savePaper, savedPaperFromPaper, savedState, savedStatuses, unsavePaper, updateSaved } from '../../lib/db/readingList';
import { sendMessage } from '../../lib/messages';
import { browserSiteAccess } from '../../lib/siteAccess';
import { zoteroSentIds } from '../../lib/zotero/sent';
import { sendToZoteroFromPage } from '../../lib/zotero/request';
import { copyToClipboard } from '../../lib/formats/citation';
import { readEntriesSeenAt } from '../../lib/refresh/state';
import type { TabPaper } from '../../components/ThisTab';
import { App } from './App';
import { watchPopupCatalog } from './catalog';
import type { EarlyRead } from '../../lib/db/earlyRead';
import { resolveTabId } from './activeTab';
import type { PopupServices, TabListings } from './services';
import { suggestIssueUrl } from '../../lib/listing/suggest';
import { loadMarkSettings } from '../../lib/markSettings';
import { saveShortcut } from '../../lib/commandNames';
import { isStoredSearchIndex } from '../../lib/search/store';
import { watchSeedFailure } from '../../lib/seedFailure';

async function loadTab(): Promise<TabPaper | null> {
  const tabId = await resolveTabId();
  if (tabId === undefined) return null;
  const reply = await sendMessage('getTabPaper', { tabId });
  if (!reply.ok) return null;
  const { identity, match } = reply.value;
  if (match) return { kind: 'listed', paper: match.paper, listNames: match.listNames, ...(identity && { identity }) };
  // Only pages that say which paper they are can be saved (the background checks the same).
  if (!identity || 'error' in savedPaperFromPage(identity)) return null;
  return { kind: 'unlisted', paperId: pagePaperId(identity), identity };
}

const NO_LISTINGS: TabListings = { listed: [], cites: [] };

/** What the active tab lists or cites; on an unlisted paper citing listed ones, the "Suggest" link. */
async function loadTabListings(): Promise<TabListings> {
  const tabId = await resolveTabId();
  if (tabId === undefined) return NO_LISTINGS;
  const reply = await sendMessage('getTabListed', { tabId });
  if (!reply.ok) return NO_LISTINGS;
  const { listed, cites } = reply.value;
  const capped = reply.value.capped ? { capped: true } : {};
  if (cites.length === 0) return { listed, cites, ...capped };
  const [paper, status, settings] = await Promise.all([sendMessage('getTabPaper', { tabId }), sendMessage('getStatus', {}), loadMarkSettings()]);
  const identity = paper.ok ? paper.value.identity : null;
  const paperListed = paper.ok && identity ? paper.value.match !== null : undefined;
  if (paperListed !== false || !identity?.title || !settings.suggest || !status.ok) {
    return { listed, cites, ...capped, ...(paperListed !== undefined && { paperListed }) };
  }
  const { title, authors, year, url } = identity;
  const suggestUrl = status.value.lists
    .filter((list) => list.enabled)
    .map((list) => suggestIssueUrl(list.sourceUrl, { title, url, ...(authors && { authors }), ...(year && { year }) }, cites))
    .find((link) => link !== undefined);
  return { listed, cites, paperListed, ...capped, ...(suggestUrl && { suggestUrl }) };
}

async function loadShortcut(): Promise<string | null> {
  return saveShortcut(await browser.commands.getAll());
}

/** Lantern's other pages; typed loosely because they are other entrypoints, maybe not built yet. */
const pageUrl = browser.runtime.getURL as (path: string) => string;

/** Renders the popup; `early` is the stored index read before this module loaded. */
export function start(early: Promise<EarlyRead | undefined>): void {
  const services: PopupServices = {
    siteAccess: browserSiteAccess(),
    watchCatalog: (onChange, onError) => watchPopupCatalog(db, onChange, onError, early),
    catalogStored: early.then((first) => isStoredSearchIndex(first?.stored)),
    watchSeedFailure,
    watchEntriesSeenAt(onChange) {
      // One small row: "Dismiss" (the background writes it) clears the marks at once.
      const subscription = liveQuery(() => readEntriesSeenAt(db)).subscribe({
        next: onChange,
        error: () => onChange(undefined),
      });
      return () => subscription.unsubscribe();
    },
    watchInZotero(onChange) {
      const subscription = liveQuery(() => zoteroSentIds(db)).subscribe({
        next: onChange,
        error: () => onChange(new Set()),
      });
      return () => subscription.unsubscribe();
    },
    sendToZotero: sendToZoteroFromPage,
    copyText: (text, what) => copyToClipboard(text, what),
    watchSaved(onChange) {
      const subscription = liveQuery(() => savedStatuses(db)).subscribe({
        next: (statuses) => onChange(new Set(statuses.keys()), statuses),
        error: () => onChange(new Set(), new Map()),
      });
      return () => subscription.unsubscribe();
    },
    watchRemoved(onChange) {
      const subscription = liveQuery(() => recentlyRemovedIds(db)).subscribe({
        next: (ids) => onChange(new Set(ids)),
        error: () => onChange(new Set()),
      });
      return () => subscription.unsubscribe();
    },
    hasNoteOrTags: async (paperId) => (await savedState(db, paperId)).hasNoteOrTags,
    async setSaved(paper, saved) {
      if (saved) await savePaper(db, savedPaperFromPaper(paper));
      else await unsavePaper(db, paper.id);
    },
    loadTab,
    async setTabSaved(tab, saved) {
      // The background saves a listed paper with the authors its page gives (lib/page/pageAuthors.ts).
      const paperId = tab.kind === 'listed' ? tab.paper.id : tab.paperId;
      const reply = await sendMessage('setSaved', { paperId, saved, ...(tab.identity && { page: tab.identity }) });
      if (!reply.ok) throw new Error(reply.error);
    },
    async setStatus(paperId, status) {
      await updateSaved(db, paperId, { status });
    },
    loadTabListings,
    async setListedSaved(paperId, saved) {
      const reply = await sendMessage('setSaved', { paperId, saved });
      if (!reply.ok) throw new Error(reply.error);
    },
    loadShortcut,
    openUrl(url) {
      void browser.tabs.create({ url });
      window.close();
    },
    close: () => window.close(),
    libraryUrl: pageUrl('/library.html'),
    optionsUrl: pageUrl('/options.html'),
    modKey: /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl',
  };

  followAppearance();

  // What was typed into the page's static search box before this script ran carries over.
  const root = document.getElementById('app')!;
  const initialQuery = root.querySelector('input')?.value ?? '';
  root.replaceChildren();
  render(<App services={services} initialQuery={initialQuery} />, root);
}
