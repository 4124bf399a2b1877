/**
 * Keeps each content script that follows an optional permission (lib/permissionScripts.ts)
 * registered exactly while its permission is granted: across installs, updates and browser
 * restarts, and when the permission is granted or taken back outside Lantern's options
 * (Chromium's site-access menu, Firefox's add-on manager).
 */
import { browser } from 'wxt/browser';
import { ALL_SITES_SCRIPT } from '../../lib/allSites';
import { syncPermissionScript, type PermissionScript } from '../../lib/permissionScripts';
import { SCHOLAR_COUNTRIES_SCRIPT } from '../../lib/scholarCountries';

/** Every script Lantern registers at runtime. */
export const PERMISSION_SCRIPTS: readonly PermissionScript[] = [ALL_SITES_SCRIPT, SCHOLAR_COUNTRIES_SCRIPT];

/** Call once, synchronously at start-up. */
export function setupPermissionScripts(scripts: readonly PermissionScript[] = PERMISSION_SCRIPTS): void {
  const sync = () => scripts.forEach((script) => void syncPermissionScript(script).catch(() => undefined));
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}
