/**
 * "Save to Lantern" in the context menu of pages and links. On a link to a paper (arXiv, DOI,
 * PubMed, PMC, code page) it saves the linked paper; anywhere else, the page's paper.
 */
import { browser } from 'wxt/browser';
import { linkIdentity } from '../../lib/quickSave';
import type { QuickSave } from './quickSave';

export const SAVE_MENU_ID = 'lantern-save';

export function setupContextMenu(quickSave: QuickSave): void {
  try {
    listenForClicks(quickSave);
    // Menu items outlive an MV3 worker but not a Firefox event page: recreate them on every start.
    browser.contextMenus
      .removeAll()
      .then(() => browser.contextMenus.create({ id: SAVE_MENU_ID, title: 'Save to Lantern', contexts: ['page', 'link'] }))
      .catch(() => undefined);
  } catch {
    // Firefox for Android has no context menus: Lantern works without them there.
  }
}

function listenForClicks(quickSave: QuickSave): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SAVE_MENU_ID) return;
    // Firefox gives the link's text (a title for unlisted papers); Chromium does not.
    const linked = info.linkUrl ? linkIdentity(info.linkUrl, (info as { linkText?: string }).linkText) : undefined;
    const found = linked ? quickSave.foundForIdentity(linked) : quickSave.foundInTab({ id: tab?.id, url: tab?.url ?? info.pageUrl, title: tab?.title });
    found.then((f) => quickSave.save(f, tab?.id)).catch(() => undefined);
  });
}
