/**
 * Which tab "This tab" is about. In the toolbar popup it is the active tab of the last-focused
 * window. When the popup is opened as a page (a tab of its own, as in E2E tests or from a
 * shortcut), it is the tab the user was on just before: the most recently used other tab of the
 * same window. `?tabId=<n>` names the tab explicitly.
 */
import { browser } from 'wxt/browser';

type TabLike = { id?: number; url?: string; lastAccessed?: number };

/** The most recently used tab other than `selfId`, ignoring Lantern's own pages. */
export function previousTab<T extends TabLike>(tabs: readonly T[], selfId: number | undefined, extensionOrigin: string): T | undefined {
  return tabs
    .filter((t) => t.id !== undefined && t.id !== selfId && !(t.url ?? '').startsWith(extensionOrigin))
    .reduce<T | undefined>((best, t) => (!best || (t.lastAccessed ?? 0) > (best.lastAccessed ?? 0) ? t : best), undefined);
}

export async function resolveTabId(search: string = location.search): Promise<number | undefined> {
  const explicit = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(explicit) && explicit > 0) return explicit;
  const origin = browser.runtime.getURL('/');
  const self = await browser.tabs.getCurrent();
  if (self) {
    return previousTab(await browser.tabs.query({ windowId: self.windowId }), self.id, origin)?.id;
  }
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return active?.id;
}
