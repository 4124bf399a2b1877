/**
 * "Recognize papers on all sites": an opt-in beyond the site list (lib/sites.ts). The options
 * page calls `setAllSitesRecognition(true)` from a click (browsers grant permissions only
 * during a user gesture); it asks for the optional permission and registers the content script
 * for every site, and `setAllSitesRecognition(false)` undoes both. The background re-checks on
 * install, update and startup, and when the permission is granted or taken back anywhere
 * (entrypoints/background/allSites.ts).
 */
import { browser } from 'wxt/browser';
import { ALL_SITES_MATCHES, SITE_MATCHES } from './sites';

export const ALL_SITES_SCRIPT_ID = 'lantern-all-sites';
/** The same bundle the manifest runs on the site list (WXT names it after entrypoints/content/). */
export const ALL_SITES_SCRIPT_FILE = 'content-scripts/content.js';

const origins = (): string[] => [...ALL_SITES_MATCHES];

/** Whether the user has granted recognition on all sites. */
export async function isAllSitesRecognitionEnabled(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: origins() });
  } catch {
    return false;
  }
}

/**
 * The all-sites registration. At document_start, as the manifest's: the content script's
 * listener for in-place navigations must be added before any script of the page, or a page's
 * own listener could stop the event from reaching it (entrypoints/content/context.ts).
 */
function allSitesScript() {
  return {
    id: ALL_SITES_SCRIPT_ID,
    matches: origins(),
    // The manifest's content script already runs there.
    excludeMatches: [...SITE_MATCHES],
    js: [ALL_SITES_SCRIPT_FILE],
    runAt: 'document_start' as const,
    persistAcrossSessions: true,
  };
}

/** Whether a registration is `wanted` in what it runs, where and when (an older version's may differ). */
function sameScript(registered: { matches?: string[]; excludeMatches?: string[]; js?: string[]; runAt?: string }, wanted: ReturnType<typeof allSitesScript>): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[]) => JSON.stringify(a ?? []) === JSON.stringify(b);
  return same(registered.matches, wanted.matches) && same(registered.excludeMatches, wanted.excludeMatches) && same(registered.js, wanted.js) && registered.runAt === wanted.runAt;
}

/**
 * Registers or unregisters the all-sites content script to match the permission, replacing a
 * registration an older version made differently; returns whether it runs. Two syncs may run at
 * once (the options page's, and the background's on the permission's grant): a change the other
 * one made first ("Duplicate script ID", "Nonexistent script ID") is no error when the
 * registration ends up as wanted.
 */
export async function syncAllSitesScript(): Promise<boolean> {
  const scripting = browser.scripting;
  if (!scripting) return false;
  const enabled = await isAllSitesRecognitionEnabled();
  const wanted = allSitesScript();
  const registered = async () => (await scripting.getRegisteredContentScripts({ ids: [ALL_SITES_SCRIPT_ID] }))[0];
  const fitsNow = async () => {
    const now = await registered();
    return enabled ? now !== undefined && sameScript(now, wanted) : now === undefined;
  };
  const current = await registered();
  const fits = current !== undefined && sameScript(current, wanted);
  try {
    if (current && (!enabled || !fits)) await scripting.unregisterContentScripts({ ids: [ALL_SITES_SCRIPT_ID] });
    if (enabled && !fits) await scripting.registerContentScripts([wanted]);
  } catch (error) {
    if (!(await fitsNow())) throw error;
  }
  return enabled;
}

/**
 * Turns recognition on all sites on (asking for the optional permission) or off (giving it
 * back). Call it from a user gesture on an extension page. Resolves to whether it is now on.
 */
export async function setAllSitesRecognition(enabled: boolean): Promise<boolean> {
  if (enabled) await browser.permissions.request({ origins: origins() });
  else await browser.permissions.remove({ origins: origins() });
  return syncAllSitesScript();
}
