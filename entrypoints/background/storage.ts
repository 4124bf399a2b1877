/** Asks the browser to keep Lantern's data (the reading list above all) under storage pressure. */
import { browser } from 'wxt/browser';
import { requestPersistentStorage } from '../../lib/db/readingList';

export function setupStorage(): void {
  // Firefox's background page can ask; Chrome's service worker has no persist() and relies on
  // the unlimitedStorage permission instead, where this quietly answers false.
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason === 'install') await requestPersistentStorage();
  });
}
