/**
 * Keeps the "all sites" content script registered exactly while its optional permission is
 * granted, across installs, updates and browser restarts, and when the permission is granted or
 * taken back outside Lantern's options (Chromium's site-access menu, Firefox's add-on manager).
 * The switch itself is lib/allSites.ts's `setAllSitesRecognition`, called by the options page.
 */
import { browser } from 'wxt/browser';
import { syncAllSitesScript } from '../../lib/allSites';

export function setupAllSites(): void {
  const sync = () => void syncAllSitesScript().catch(() => undefined);
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}
