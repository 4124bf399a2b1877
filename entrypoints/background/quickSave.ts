/**
 * Saving from the context menu and the keyboard shortcut, and removing from the context menu,
 * with the same domain functions as the `setSaved` message (lib/db/papers.ts). No notification
 * permission: the toolbar button shows a short-lived badge ("✓" saved, "−" removed, "?" asks,
 * "!" not done, the words in its tooltip). A removal's Undo is where the user looks next: the
 * page's badge and the popup show "Removed from your reading list. Undo" for that paper.
 */
import type { LanternDB } from '../../lib/db/schema';
import { matchIdentity, saveById, unsaveById } from '../../lib/db/papers';
import { savedState } from '../../lib/db/readingList';
import type { PageIdentity } from '../../lib/types';
import { saveTargetFor, urlIdentity, type FoundPaper } from '../../lib/quickSave';
import { notifyTab } from '../../lib/messages';
import type { ButtonFlash } from '../../lib/toolbarLook';
import type { ToolbarButton } from './button';
import type { TabPapers } from './toolbar';

/** A "Remove" from the menu on a paper with a note or tags asks first; choosing it again within this time removes it. */
const ASK_AGAIN_MS = 2 * 60 * 1000;

/** What the toolbar button says for a moment after a menu choice or the shortcut. */
type Flash = ButtonFlash & { text: '✓' | '−' | '?' | '!' };

const SAVED: Flash = { text: '✓', color: '#1e7d3a', title: 'Saved to your Lantern reading list' };
const REMOVED: Flash = { text: '−', color: '#5b636d', title: 'Removed from your Lantern reading list. Undo: on the page’s Lantern badge or in Lantern’s popup' };
const ASKING: Flash = {
  text: '?',
  color: '#a35a00',
  title: 'This paper has your note or tags. Choose “Remove from Lantern” again to remove it (it stays restorable for 30 days)',
};
const notDone = (what: string, reason: string): Flash => ({ text: '!', color: '#b3261e', title: `Lantern could not ${what}: ${reason}` });

/** Saving what a tab or a link shows, for the context menu and the shortcut. */
export interface QuickSave {
  /** The paper a tab shows: the background's record (the content script read the document), else the tab's URL and title. */
  foundInTab(tab: { id?: number | undefined; url?: string | undefined; title?: string | undefined }): Promise<FoundPaper>;
  /** The listed entry for an identity, if any (a link's paper). */
  foundForIdentity(identity: PageIdentity): Promise<FoundPaper>;
  /** Saves what was found and shows the outcome on the tab's toolbar button; returns the saved paper's id, or undefined. */
  save(found: FoundPaper, tabId: number | undefined): Promise<string | undefined>;
  /**
   * Removes what was found (recoverably) and shows the outcome on the tab's toolbar button. A
   * paper with a note or tags is removed only when chosen a second time (ASK_AGAIN_MS): the
   * first time the button asks. Returns the removed paper's id, or undefined.
   */
  remove(found: FoundPaper, tabId: number | undefined, now?: number): Promise<string | undefined>;
}

/** `button`: the toolbar button that shows each outcome for a moment. */
export function createQuickSave(database: LanternDB, tabs: Pick<TabPapers, 'tabPaper'>, button: Pick<ToolbarButton, 'flash'>): QuickSave {
  /** When the menu last asked about a paper with a note or tags, by paper id (the worker's memory: a restart asks again). */
  const asked = new Map<string, number>();
  const show = async (tabId: number | undefined, outcome: Flash) => {
    if (tabId !== undefined) await button.flash(tabId, outcome);
  };
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
        await show(tabId, notDone('save', target.error));
        return undefined;
      }
      try {
        await saveById(database, target.paperId, target.page);
        await show(tabId, SAVED);
        // The page's badge, if any, shows the new saved state at once.
        if (tabId !== undefined) await notifyTab(tabId, 'savedChanged');
        return target.paperId;
      } catch (e) {
        await show(tabId, notDone('save', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    },
    async remove(found, tabId, now = Date.now()) {
      const target = saveTargetFor(found);
      if ('error' in target) {
        await show(tabId, notDone('remove', target.error));
        return undefined;
      }
      try {
        const state = await savedState(database, target.paperId, now);
        if (!state.saved) {
          await show(tabId, notDone('remove', 'this paper is not in your reading list.'));
          return undefined;
        }
        const askedAt = asked.get(target.paperId);
        if (state.hasNoteOrTags && (askedAt === undefined || now - askedAt > ASK_AGAIN_MS)) {
          asked.set(target.paperId, now);
          await show(tabId, ASKING);
          return undefined;
        }
        asked.delete(target.paperId);
        await unsaveById(database, target.paperId);
        await show(tabId, REMOVED);
        // The page's badge shows "Removed · Undo" at once.
        if (tabId !== undefined) await notifyTab(tabId, 'savedChanged');
        return target.paperId;
      } catch (e) {
        await show(tabId, notDone('remove', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    },
  };
}
