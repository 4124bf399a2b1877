/**
 * "Save to Lantern" and "Remove from Lantern" in the context menu of pages and links. On a link
 * to a paper (arXiv, DOI, PubMed, PMC, code page) they act on the linked paper; anywhere else, on
 * the page's paper. Removing is recoverable, and asks first for a paper with a note or tags
 * (entrypoints/background/quickSave.ts).
 */
import { browser } from 'wxt/browser';
import { linkIdentity } from '../../lib/quickSave';
import type { QuickSave } from './quickSave';

export const SAVE_MENU_ID = 'lantern-save';
export const REMOVE_MENU_ID = 'lantern-remove';

export function setupContextMenu(quickSave: QuickSave): void {
  try {
    listenForClicks(quickSave);
    // Menu items outlive an MV3 worker but not a Firefox event page: recreate them on every start.
    browser.contextMenus
      .removeAll()
      .then(() => {
        browser.contextMenus.create({ id: SAVE_MENU_ID, title: 'Save to Lantern', contexts: ['page', 'link'] });
        browser.contextMenus.create({ id: REMOVE_MENU_ID, title: 'Remove from Lantern', contexts: ['page', 'link'] });
      })
      .catch(() => undefined);
  } catch {
    // Firefox for Android has no context menus: Lantern works without them there.
  }
}

function listenForClicks(quickSave: QuickSave): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SAVE_MENU_ID && info.menuItemId !== REMOVE_MENU_ID) return;
    // Firefox gives the link's text (a title for unlisted papers); Chromium does not.
    const linked = info.linkUrl ? linkIdentity(info.linkUrl, (info as { linkText?: string }).linkText) : undefined;
    const found = linked ? quickSave.foundForIdentity(linked) : quickSave.foundInTab({ id: tab?.id, url: tab?.url ?? info.pageUrl, title: tab?.title });
    found.then((f) => (info.menuItemId === SAVE_MENU_ID ? quickSave.save(f, tab?.id) : quickSave.remove(f, tab?.id))).catch(() => undefined);
  });
}
