/**
 * `loadBadgeUi`: injects the badge's UI bundle into the asking content script's page (top
 * frame), once that page is known to be a listed paper (lib/badgeUi.ts explains the split).
 */
import { browser } from 'wxt/browser';
import { BADGE_UI_FILE } from '../../lib/badgeUi';
import { registerHandlers } from './messages';

export function setupBadgeUi(): void {
  registerHandlers({
    loadBadgeUi: async (_request, sender) => {
      if (sender.tabId === undefined || !browser.scripting) return { loaded: false };
      await browser.scripting.executeScript({ target: { tabId: sender.tabId }, files: [BADGE_UI_FILE] });
      return { loaded: true };
    },
  });
}
