/**
 * Content scripts that run exactly where an optional host permission is granted: "all sites"
 * (lib/allSites.ts) and Google Scholar's country domains (lib/scholarCountries.ts). The options
 * page asks for the permission from a click (browsers grant permissions only during a user
 * gesture) and registers the script; the background re-syncs on install, update and startup,
 * and whenever the permission is granted or taken back anywhere, Lantern's options or the
 * browser's own menus (entrypoints/background/permissionScripts.ts).
 */
import { browser } from 'wxt/browser';

/** The bundle the manifest runs on the site list (WXT names it after entrypoints/content/). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/** A content script that follows an optional host permission. */
export interface PermissionScript {
  /** The registration's id (`scripting.registerContentScripts`). */
  id: string;
  /** The optional host permissions asked for, and the match patterns the script runs on. */
  origins: readonly string[];
  /** Where it must not run, e.g. where the manifest's content script already runs. */
  excludeMatches?: readonly string[];
}

/**
 * The registration of `script`. At document_start, as the manifest's: the content script's
 * listener for in-place navigations must be added before any script of the page, or a page's
 * own listener could stop the event from reaching it (entrypoints/content/context.ts).
 */
function registration(script: PermissionScript) {
  return {
    id: script.id,
    matches: [...script.origins],
    ...(script.excludeMatches ? { excludeMatches: [...script.excludeMatches] } : {}),
    js: [CONTENT_SCRIPT_FILE],
    runAt: 'document_start' as const,
    persistAcrossSessions: true,
  };
}

type Registered = { matches?: string[]; excludeMatches?: string[]; js?: string[]; runAt?: string };

/** Whether a registration is `wanted` in what it runs, where and when (an older version's may differ). */
function sameScript(registered: Registered, wanted: ReturnType<typeof registration>): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return same(registered.matches, wanted.matches) && same(registered.excludeMatches, wanted.excludeMatches) && same(registered.js, wanted.js) && registered.runAt === wanted.runAt;
}

/** Whether the user has granted `script`'s permission; false where the browser cannot tell. */
export async function isPermissionScriptOn(script: PermissionScript): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [...script.origins] });
  } catch {
    return false;
  }
}

/**
 * Registers or unregisters `script` to match its permission, replacing a registration an older
 * version made differently; resolves to whether it runs. Two syncs may run at once (the options
 * page's, and the background's on the permission's grant): a change the other one made first
 * ("Duplicate script ID", "Nonexistent script ID") is no error when the registration ends up as
 * wanted. Rejects with the browser's error otherwise.
 */
export async function syncPermissionScript(script: PermissionScript): Promise<boolean> {
  const scripting = browser.scripting;
  if (!scripting) return false;
  const enabled = await isPermissionScriptOn(script);
  const wanted = registration(script);
  const registered = async () => (await scripting.getRegisteredContentScripts({ ids: [script.id] }))[0];
  const fits = (now: Registered | undefined) => (enabled ? now !== undefined && sameScript(now, wanted) : now === undefined);
  const current = await registered();
  try {
    if (current && !fits(current)) await scripting.unregisterContentScripts({ ids: [script.id] });
    if (enabled && !fits(current)) await scripting.registerContentScripts([wanted]);
  } catch (error) {
    if (!fits(await registered())) throw error;
  }
  return enabled;
}

/**
 * Asks for `script`'s permission (or gives it back) and syncs its registration. Call it from a
 * user gesture on an extension page. Resolves to whether the script now runs.
 */
export async function setPermissionScript(script: PermissionScript, enabled: boolean): Promise<boolean> {
  if (enabled) await browser.permissions.request({ origins: [...script.origins] });
  else await browser.permissions.remove({ origins: [...script.origins] });
  return syncPermissionScript(script);
}
