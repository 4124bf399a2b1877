/**
 * Injects the badge's UI bundle into a tab's page (top frame, the extension's isolated world),
 * once that page is known to be a listed paper (lib/badgeUi.ts explains the split).
 */
import { browser } from 'wxt/browser';
import { BADGE_UI_FILE } from '../../lib/badgeUi';

/** Whether the bundle was injected (false where the browser has no scripting API). */
export async function injectBadgeUi(tabId: number): Promise<boolean> {
  if (!browser.scripting) return false;
  // At once, not at document_idle (the default): the page asking is waiting to draw.
  await browser.scripting.executeScript({ target: { tabId }, files: [BADGE_UI_FILE], injectImmediately: true });
  return true;
}
