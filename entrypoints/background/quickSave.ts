/**
 * Saving from the context menu and the keyboard shortcut, with the same domain function as the
 * `setSaved` message (lib/db/papers.ts). No notification permission: the toolbar button shows a
 * short-lived badge ("✓" saved, "!" not saved, the reason in its tooltip).
 */
import type { LanternDB } from '../../lib/db/schema';
import { matchIdentity, saveById } from '../../lib/db/papers';
import type { PageIdentity } from '../../lib/types';
import { saveTargetFor, urlIdentity, type FoundPaper } from '../../lib/quickSave';
import { notifyTab } from '../../lib/messages';
import { toolbarButton, type TabPapers } from './toolbar';

const FLASH_MS = 2500;

/** Shows the outcome on the toolbar button of one tab for a moment. */
async function flash(tabId: number | undefined, outcome: { saved: true } | { saved: false; reason: string }): Promise<void> {
  const button = toolbarButton();
  if (!button || tabId === undefined) return;
  const previousTitle = await button.getTitle({ tabId });
  const flashTitle = outcome.saved ? 'Saved to your Lantern reading list' : `Lantern could not save: ${outcome.reason}`;
  await Promise.all([
    button.setBadgeBackgroundColor({ tabId, color: outcome.saved ? '#1e7d3a' : '#b3261e' }),
    button.setBadgeText({ tabId, text: outcome.saved ? '✓' : '!' }),
    button.setTitle({ tabId, title: flashTitle }),
  ]);
  setTimeout(() => {
    // The tab may have closed meanwhile: nothing to clear then. The tooltip goes back only if
    // nothing has retitled the tab since (the badge's recheck after a save does).
    const restore = async () => {
      await button.setBadgeText({ tabId, text: '' });
      if ((await button.getTitle({ tabId })) === flashTitle) await button.setTitle({ tabId, title: previousTitle });
    };
    restore().catch(() => undefined);
  }, FLASH_MS);
}

/** Saving what a tab or a link shows, for the context menu and the shortcut. */
export interface QuickSave {
  /** The paper a tab shows: the background's record (the content script read the document), else the tab's URL and title. */
  foundInTab(tab: { id?: number | undefined; url?: string | undefined; title?: string | undefined }): Promise<FoundPaper>;
  /** The listed entry for an identity, if any (a link's paper). */
  foundForIdentity(identity: PageIdentity): Promise<FoundPaper>;
  /** Saves what was found and shows the outcome on the tab's toolbar button; returns the saved paper's id, or undefined. */
  save(found: FoundPaper, tabId: number | undefined): Promise<string | undefined>;
}

export function createQuickSave(database: LanternDB, tabs: Pick<TabPapers, 'tabPaper'>): QuickSave {
  const foundForIdentity = async (identity: PageIdentity): Promise<FoundPaper> => ({ identity, match: await matchIdentity(database, identity) });
  return {
    foundForIdentity,
    async foundInTab(tab) {
      if (tab.id !== undefined) {
        // The record is a shortcut, not a requirement: if reading it fails, the URL still speaks.
        const known = await tabs.tabPaper(tab.id).catch(() => ({ identity: null, match: null }));
        if (known.match || known.identity?.title) return known;
      }
      const identity = urlIdentity(tab.url, tab.title);
      return identity ? foundForIdentity(identity) : { identity: null, match: null };
    },
    async save(found, tabId) {
      const target = saveTargetFor(found);
      if ('error' in target) {
        await flash(tabId, { saved: false, reason: target.error });
        return undefined;
      }
      try {
        await saveById(database, target.paperId, target.page);
        await flash(tabId, { saved: true });
        // The page's badge, if any, shows the new saved state at once.
        if (tabId !== undefined) await notifyTab(tabId, 'savedChanged');
        return target.paperId;
      } catch (e) {
        await flash(tabId, { saved: false, reason: e instanceof Error ? e.message : String(e) });
        return undefined;
      }
    },
  };
}
