/**
 * The badge as E2E specs see it: `<lantern-badge data-paper-id>`, whose CLOSED shadow root the
 * test side reads through the DevTools protocol (devtools.ts; the page itself cannot), plus the
 * background's per-tab record (storage.session) to know when a page's question has been answered.
 */
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import type { ExtensionSession } from './harness';
import type { PageIdentity } from '../../lib/types';
import { closedShadow } from './devtools';

/** Chromium's MV3 `chrome` (promise-based, like the polyfill), inside evaluated functions. */
declare const chrome: Browser;

export interface BadgeView {
  paperId: string | null;
  collapsed: boolean;
  listText: string;
  title: string;
  meta: string;
  /** Category leaves as shown. */
  categories: string[];
  /** Full category paths (hover titles). */
  categoryPaths: string[];
  links: { text: string; href: string }[];
  related: { id: string; href: string | null }[];
  saved: string | null;
}

/** Waits until the background holds the seed list (it seeds on install, asynchronously). */
/**
 * A size read from the page in Chromium's layout unit, 1/64 px, for comparing layouts: two reads
 * of one layout have differed by 1/16384 px.
 */
export const inLayoutUnits = (px: number): number => Math.round(px * 64) / 64;

export async function waitForSeed(ext: ExtensionSession): Promise<number> {
  const page = await ext.openPopup();
  try {
    for (;;) {
      const count = await page.evaluate(async () => {
        const reply = await chrome.runtime.sendMessage({ lantern: 1, type: 'getStatus', data: {} });
        const r = reply as { ok?: boolean; value?: { entryCount: number } } | undefined;
        return r?.ok && r.value ? r.value.entryCount : 0;
      });
      if (count > 0) return count;
      await page.waitForTimeout(100);
    }
  } finally {
    await page.close();
  }
}

/** Sends one Lantern message from an extension page, as the popup does. */
export async function sendFromExtensionPage(ext: ExtensionSession, type: string, data: unknown): Promise<unknown> {
  const page = await ext.openPopup();
  try {
    return await page.evaluate(([t, d]) => chrome.runtime.sendMessage({ lantern: 1, type: t, data: d }), [type, data] as const);
  } finally {
    await page.close();
  }
}

/** The id of the tab showing `url`, seen from the service worker. */
export async function tabIdOf(ext: ExtensionSession, url: string): Promise<number> {
  for (;;) {
    const id = await ext.serviceWorker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
    if (id !== undefined) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the content script on `page` has asked about it and the background answered. */
export async function waitForAnswer(ext: ExtensionSession, page: Page): Promise<void> {
  const url = page.url();
  await ext.serviceWorker.evaluate(async (u) => {
    for (;;) {
      const all = await chrome.storage.session.get(null);
      const states = Object.values(all) as { url?: string; source?: string }[];
      if (states.some((s) => s.url === u && s.source === 'page')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, url);
  // The answer reaches the content script right after it is recorded; let it draw.
  await page.waitForTimeout(250);
}

/**
 * Waits until the background has answered a question the content script on `page` asked about
 * its current URL whose identity passes `about` (e.g. the look that read a title written after an
 * in-page navigation), and returns what was asked and the entry it found (null: none). Reads the
 * background's per-tab record, which is what the toolbar and the popup show.
 */
export async function waitForAnswerAbout(
  ext: ExtensionSession,
  page: Page,
  about: (identity: PageIdentity) => boolean,
): Promise<{ identity: PageIdentity; paperId: string | null }> {
  const url = page.url();
  for (;;) {
    const states = await ext.serviceWorker.evaluate(async () => Object.values(await chrome.storage.session.get(null)));
    for (const state of states as { url?: string; source?: string; identity?: PageIdentity | null; match?: { paper: { id: string } } | null }[]) {
      if (state.url === url && state.source === 'page' && state.identity && about(state.identity)) {
        return { identity: state.identity, paperId: state.match?.paper.id ?? null };
      }
    }
    await page.waitForTimeout(50);
  }
}

/** What the badge shows, read inside its closed shadow root; null when there is no badge (or nothing drawn in it). */
export async function readBadge(page: Page, hostSelector = 'lantern-badge'): Promise<BadgeView | null> {
  const paperId = await page.evaluate((sel) => document.querySelector(sel)?.getAttribute('data-paper-id'), hostSelector);
  if (paperId === undefined) return null;
  const inside = await closedShadow(page).evaluate(hostSelector, (root) => {
    if (!root.querySelector('.card, .pill')) return null;
    const text = (sel: string) => root.querySelector(sel)?.textContent ?? '';
    // With the words Lantern draws by CSS (components/DrawnWords.tsx), as the reader sees them.
    const shown = (sel: string) => {
      const element = root.querySelector(sel);
      if (!element) return '';
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      let words = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Text) words += node.data;
        else if (node instanceof Element && node.classList.contains('drawn-words') && (node.hasAttribute('data-shown') || !node.parentElement?.classList.contains('drawn-choice'))) words += node.getAttribute('data-words') ?? '';
      }
      return words;
    };
    const all = (sel: string) => [...root.querySelectorAll(sel)];
    return {
      collapsed: root.querySelector('.pill') !== null,
      listText: shown('.in') || shown('.pill-text'),
      title: text('.title'),
      meta: text('.meta'),
      categories: all('.category').map((c) => c.textContent ?? ''),
      categoryPaths: all('.category').map((c) => c.getAttribute('title') ?? ''),
      links: all('a.link').map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
      related: all('.related-item').map((li) => ({
        id: li.getAttribute('data-paper-id') ?? '',
        href: li.querySelector('a')?.getAttribute('href') ?? null,
      })),
      saved: root.querySelector('[aria-pressed]')?.getAttribute('aria-pressed') ?? null,
    };
  });
  return inside ? { paperId, ...inside } : null;
}

/** Waits for a drawn badge (card or pill) and reads it. */
export async function waitForBadge(page: Page, paperId?: string): Promise<BadgeView> {
  const selector = paperId ? `lantern-badge[data-paper-id="${paperId}"]` : 'lantern-badge';
  await page.waitForSelector(selector, { state: 'attached' });
  await closedShadow(page).waitFor(selector, (root) => root.querySelector('.card, .pill') !== null);
  const badge = await readBadge(page, selector);
  if (!badge) throw new Error('The badge disappeared while being read.');
  return badge;
}

/** Waits until the badge's save toggle shows `pressed` ("true" or "false"). */
export async function waitForSaved(page: Page, pressed: 'true' | 'false'): Promise<void> {
  await closedShadow(page).waitFor('lantern-badge', (root, p) => root.querySelector('.lantern-save')?.getAttribute('aria-pressed') === p, pressed);
}
