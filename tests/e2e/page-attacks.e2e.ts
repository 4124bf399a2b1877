/**
 * A web page's own scripts against the badge, in real Chromium: they share the DOM with it, so
 * they try what an attacker would (read the badge and the saved state, capture its shadow root,
 * click Save/Unsave with synthetic events, walk through saved papers with pushState and rewritten
 * metadata, define Lantern's element names as their own custom elements, restyle them). The test side checks what really happened through the extension's own pages and
 * the DevTools protocol, which the page does not have.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { currentBrowser, launchExtension, type ExtensionSession } from './harness';
import { sendFromExtensionPage, waitForAnswer, waitForBadge, waitForSeed } from './badge.page';
import { closedShadow } from './devtools';
import { readFixture } from '../fixtures/pages/pages';
import { LISTINGS } from '../fixtures/listings/listings';
import { countRemovedMarks, launchWithListings, waitForMarks } from './marks.page';

declare const chrome: Browser;

const ARXIV = 'https://arxiv.org/abs/';
const LISTED_ID = 'arxiv:2311.16452';
/** A page's own script that stops every navigation event it can, in both phases: put first in its <head>, its listeners come before any Lantern could add later. */
const NAVIGATION_STOPPER = `<script>(() => {
  const stop = (event) => event.stopImmediatePropagation();
  for (const target of [window.navigation, window].filter(Boolean)) {
    for (const type of ['navigate', 'currententrychange', 'navigatesuccess', 'popstate']) {
      target.addEventListener(type, stop, { capture: true });
      target.addEventListener(type, stop);
    }
  }
})();</script>`;
/** Listed arXiv papers the walk goes through (all in the bundled list). */
const SAVED_IDS = ['arxiv:2311.16452', 'arxiv:2311.16079', 'arxiv:2311.09774', 'arxiv:2310.14573', 'arxiv:2312.00164'];

async function savedIds(ext: ExtensionSession): Promise<string[]> {
  const page = await ext.openPopup();
  try {
    return await page.evaluate(async () => {
      const open = indexedDB.open('lantern');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('saved').objectStore('saved').getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return keys.map(String).sort();
    });
  } finally {
    await page.close();
  }
}

describe('a page cannot read or drive the badge', () => {
  let ext: ExtensionSession;

  beforeAll(async () => {
    ext = await launchExtension();
    ext.routePages({ [ARXIV]: { body: readFixture('arxiv-abs-2311.16452.html') } });
    await waitForSeed(ext);
  });

  afterAll(async () => {
    await ext?.close();
  });

  beforeEach(async () => {
    for (const id of SAVED_IDS) await sendFromExtensionPage(ext, 'setSaved', { paperId: id, saved: true });
    expect(await savedIds(ext)).toEqual([...SAVED_IDS].sort());
  });

  async function openListed(scriptBeforeLoad?: string): Promise<Page> {
    const page = await ext.context.newPage();
    if (scriptBeforeLoad) await page.addInitScript(scriptBeforeLoad);
    await page.goto(`${ARXIV}2311.16452`);
    await waitForAnswer(ext, page);
    await waitForBadge(page, LISTED_ID);
    return page;
  }

  it('sees only the host element and its data-paper-id: no shadow root, no saved state, no list data', async () => {
    // The page's script runs first and tries to make every shadow root open and keep it.
    const page = await openListed(`(() => {
      const attach = Element.prototype.attachShadow;
      window.__captured = [];
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, { ...init, mode: 'open' });
        window.__captured.push(root);
        return root;
      };
    })();`);
    const seen = await page.evaluate(() => {
      const host = document.querySelector('lantern-badge') as HTMLElement;
      return {
        shadowRoot: host.shadowRoot === null ? null : 'readable',
        attributes: host.getAttributeNames(),
        paperId: host.dataset.paperId,
        text: host.textContent,
        html: host.innerHTML,
        captured: (window as unknown as { __captured: ShadowRoot[] }).__captured.length,
        pressed: document.querySelectorAll('[aria-pressed]').length,
        // What a page would look for if it could reach in.
        leaked: host.shadowRoot?.querySelector('.title, .lantern-save, .in')?.textContent ?? null,
      };
    });
    expect(seen).toEqual({ shadowRoot: null, attributes: ['data-paper-id'], paperId: LISTED_ID, text: '', html: '', captured: 0, pressed: 0, leaked: null });
    // It is there all the same, for the user (and the test side).
    expect(await closedShadow(page).evaluate('lantern-badge', (root) => root.querySelector('.lantern-save')?.getAttribute('aria-pressed'))).toBe('true');
    await page.close();
  });

  it('cannot find out with window.find, nor by counting Tab presses, whether the reader saved the paper or removed it', async () => {
    // Chromium's window.find() searches the text of closed shadow roots: every text the card holds
    // in either state, and the words of every state, must be found (or not) alike. The control
    // word, in the card whatever the reader did, shows that find reaches in here.
    const STATE_WORDS = ['Related in the list', 'Saved', 'Save', 'Status', 'Save as', 'To read', 'Reading', 'Read', 'Removed', 'Undo', 'reading list', 'In Zotero', 'Sent', 'Copied'];
    const cardTexts = (page: Page) =>
      closedShadow(page).evaluate('lantern-badge', (root) => {
        const texts: string[] = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement?.tagName !== 'STYLE' && node.textContent!.trim()) texts.push(node.textContent!.trim());
        return texts;
      });
    const look = (page: Page, words: string[]) =>
      page.evaluate((all) => {
        const find = (window as unknown as { find(text: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find;
        return Object.fromEntries(
          all.map((words) => {
            getSelection()?.removeAllRanges();
            return [words, find(words, false, false, true)];
          }),
        );
      }, words);
    /** How many Tab presses in a row land in the badge, from the page's first link, as a page can count them (its activeElement is the host). */
    const countTabs = async (page: Page) => {
      await page.evaluate(() => document.querySelector<HTMLElement>('a[href]')?.focus());
      let stops = 0;
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.localName)) === 'lantern-badge') stops++;
        else if (stops > 0) break;
      }
      return stops;
    };
    const savedPage = await openListed();
    const savedTexts = (await cardTexts(savedPage)) ?? [];
    const savedTabs = await countTabs(savedPage);
    await savedPage.close();
    await sendFromExtensionPage(ext, 'setSaved', { paperId: LISTED_ID, saved: false });
    const removedPage = await openListed();
    await closedShadow(removedPage).waitFor('lantern-badge', (root) => root.querySelector('[data-removed]') !== null);
    const removedTexts = (await cardTexts(removedPage)) ?? [];
    const words = [...new Set([...STATE_WORDS, ...savedTexts, ...removedTexts])];
    const whenRemoved = await look(removedPage, words);
    expect(await countTabs(removedPage)).toBe(savedTabs);
    await removedPage.close();
    await sendFromExtensionPage(ext, 'setSaved', { paperId: LISTED_ID, saved: true });
    const againPage = await openListed();
    expect(await look(againPage, words)).toEqual(whenRemoved);
    await againPage.close();
    expect(removedTexts).toEqual(savedTexts);
    if (currentBrowser() === 'chromium') expect(whenRemoved['Related in the list']).toBe(true);
  });

  it('cannot tell that Lantern runs, nor end it, with the greeting copies of a WXT content script exchange', async () => {
    // The greeting's name holds the extension's runtime id: public for a store install (Chromium's
    // id, Firefox's add-on id), so a page can write it without hearing it first.
    const names = [ext.extensionId, 'lantern@llm-medicine-papers'].map((id) => `${id}:content:wxt:content-script-started`);
    const page = await openListed(`(() => {
      window.__heard = [];
      const greet = (name) => document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'the page' } }));
      window.addEventListener('message', (event) => {
        window.__heard.push(JSON.stringify(event.data));
        if (typeof event.data?.type === 'string') greet(event.data.type);
      });
      for (const name of ${JSON.stringify(names)}) {
        greet(name);
        document.addEventListener('DOMContentLoaded', () => greet(name));
      }
    })();`);
    // openListed waited for the badge: the content script was not ended. Nothing was posted to the page either.
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
    expect((await waitForBadge(page, LISTED_ID)).title).not.toBe('');
    await page.close();
  });

  it('cannot hide an in-place navigation from Lantern with listeners of its own that run first and stop it', async () => {
    // The page's own script, first in its <head>: it stops every navigation event it can, in both phases.
    const url = `${ARXIV}2311.16452?stopper`;
    ext.routePages({ [url]: { body: readFixture('arxiv-abs-2311.16452.html').replace('<head>', `<head>${NAVIGATION_STOPPER}`) } });
    const page = await ext.context.newPage();
    await page.goto(url);
    await waitForBadge(page, LISTED_ID);
    await page.evaluate(() => history.pushState(null, '', '/abs/2311.16079'));
    expect((await waitForBadge(page, 'arxiv:2311.16079')).title).not.toBe('');
    await page.close();
  });

  it('cannot make Lantern read a half-parsed page with a DOMContentLoaded of its own', async () => {
    // A paper listed by its title only: the badge needs the head's metadata, which follows the page's event.
    const title = 'Advanced prompting as a catalyst: Empowering large language models in the management of gastrointestinal cancers';
    const url = 'https://the-innovation.org/article/doi/10.59717/j.xinn-med.2023.100019';
    ext.routePages({
      [url]: {
        body: `<!DOCTYPE html><html lang="en"><head><script>document.dispatchEvent(new Event('DOMContentLoaded'))</script><meta charset="utf-8"><title>${title}</title><meta name="citation_title" content="${title}"></head><body><main><h1>${title}</h1></main></body></html>`,
      },
    });
    const page = await ext.context.newPage();
    await page.goto(url);
    expect((await waitForBadge(page, 'title:advanced prompting as a catalyst empowering large language models in the management of gastrointestinal cancers')).title).toBe(title);
    await page.close();
  });

  it('ignores synthetic clicks and keys on Save, even from a script holding the button itself', async () => {
    const page = await openListed();
    const shadow = closedShadow(page);
    // The worst case: the page's main world somehow holds the button (here the test side hands it over).
    await shadow.evaluate('lantern-badge', (root) => {
      (window as unknown as { __save: Element | null }).__save = root.querySelector('.lantern-save');
    });
    await page.evaluate(async () => {
      const save = (window as unknown as { __save: HTMLButtonElement }).__save;
      const host = document.querySelector('lantern-badge') as HTMLElement;
      save.click();
      save.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      save.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      save.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      host.click();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 1000));
    });
    expect(await savedIds(ext)).toContain(LISTED_ID);
    expect(await shadow.evaluate('lantern-badge', (root) => root.querySelector('.lantern-save')?.getAttribute('aria-pressed'))).toBe('true');
    expect((await waitForBadge(page, LISTED_ID)).collapsed).toBe(false);
    // The user's own click still works (and is undone right after).
    await shadow.click('lantern-badge', '.lantern-save');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.lantern-save')?.getAttribute('aria-pressed') === 'false');
    await shadow.click('lantern-badge', '.lantern-save');
    await shadow.waitFor('lantern-badge', (root) => root.querySelector('.lantern-save')?.getAttribute('aria-pressed') === 'true');
    await page.close();
  });

  it('cannot walk through saved papers with pushState and rewritten metadata and unsave them', async () => {
    const page = await openListed();
    const outcome = await page.evaluate(async (ids) => {
      const tried: string[] = [];
      for (const id of ids) {
        const arxiv = id.replace('arxiv:', '');
        history.pushState({}, '', `/abs/${arxiv}`);
        document.querySelector('meta[name="citation_arxiv_id"]')?.setAttribute('content', arxiv);
        document.querySelector('meta[name="citation_title"]')?.setAttribute('content', `Paper ${arxiv}`);
        // Past the content script's settled look.
        await new Promise((r) => setTimeout(r, 1500));
        const host = document.querySelector('lantern-badge') as HTMLElement | null;
        const save = host?.shadowRoot?.querySelector<HTMLButtonElement>('.lantern-save[aria-pressed="true"]');
        if (save) {
          save.click();
          tried.push(id);
        }
        host?.click();
        host?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        await new Promise((r) => setTimeout(r, 300));
      }
      return tried;
    }, SAVED_IDS);
    expect(outcome).toEqual([]);
    expect(await savedIds(ext)).toEqual([...SAVED_IDS].sort());
    await page.close();
  });
});

describe('a page that defines Lantern’s element names or styles them', () => {
  let ext: ExtensionSession;
  const listing = LISTINGS[0]!;

  beforeAll(async () => {
    ext = await launchWithListings();
    ext.routePages({ [ARXIV]: { body: readFixture('arxiv-abs-2311.16452.html') } });
  });

  afterAll(async () => {
    await ext?.close();
  });

  /** The page's own <lantern-badge> and <lantern-mark>, each keeping its ElementInternals: a root attached to a custom element is handed to them, closed or not. */
  const DEFINE_BOTH = `(() => {
    window.__internals = [];
    for (const name of ['lantern-badge', 'lantern-mark']) {
      customElements.define(name, class extends HTMLElement {
        constructor() { super(); window.__internals.push(this.attachInternals()); }
      });
    }
  })();`;

  const leakedRoots = (page: Page) =>
    page.evaluate(() => {
      const all = (window as unknown as { __internals: ElementInternals[] }).__internals;
      return { constructed: all.length, leaked: all.filter((i) => i.shadowRoot !== null).map((i) => i.shadowRoot!.textContent) };
    });

  it('gets no shadow root through its own custom element: the badge is drawn, and closed', async () => {
    const page = await ext.context.newPage();
    await page.addInitScript(DEFINE_BOTH);
    await page.goto(`${ARXIV}2311.16452`);
    await waitForAnswer(ext, page);
    await waitForBadge(page, LISTED_ID);
    expect(await leakedRoots(page)).toEqual({ constructed: 1, leaked: [] });
    expect(await closedShadow(page).evaluate('lantern-badge', (root) => root.querySelector('.title')?.textContent)).toMatch(/^Can Generalist Foundation Models/);
    await page.close();
  });

  it('gets no shadow root through its own custom element: every mark is drawn, and closed', async () => {
    const page = await ext.context.newPage();
    await page.addInitScript(DEFINE_BOTH);
    await page.goto(listing.url);
    const marks = await waitForMarks(page, listing.marked);
    expect(marks.every((m) => m.closed)).toBe(true);
    expect(await leakedRoots(page)).toEqual({ constructed: listing.marked.length, leaked: [] });
    await page.close();
  });

  it('cannot hear Lantern follow its in-place navigations, nor make it read the page again', async () => {
    // WXT's context announced each navigation with an event on window named after the public
    // runtime id; Lantern read the page again on it, removing its marks and drawing them anew.
    const names = [ext.extensionId, 'lantern@llm-medicine-papers'].map((id) => `${id}:content:wxt:locationchange`);
    const page = await ext.context.newPage();
    // The page also keeps the Navigation API's destinations it hears, to forge navigate events with them.
    await page.addInitScript(`(() => {
      window.__heard = [];
      window.__destinations = [];
      for (const name of ${JSON.stringify(names)}) window.addEventListener(name, () => window.__heard.push(name));
      window.navigation?.addEventListener('navigate', (event) => window.__destinations.push(event.destination));
    })();`);
    await page.goto(listing.url);
    await waitForMarks(page, listing.marked);
    const removed = await countRemovedMarks(page);
    type Own = { __heard: string[]; __destinations: unknown[] };
    // Real in-place navigations are followed (the marks are read again), and the page hears nothing.
    for (const query of ['?moved', '?again']) {
      const before = await removed();
      await page.evaluate((to) => history.pushState(null, '', `${location.pathname}${to}`), query);
      await expect.poll(removed, { timeout: 10_000 }).toBeGreaterThan(before);
      await waitForMarks(page, listing.marked);
    }
    expect(await page.evaluate(() => (window as unknown as Own).__heard)).toEqual([]);
    // Forged navigations are not: WXT's event, and the Navigation API's made by the page with a
    // destination it kept (to "?moved", not where the page is now).
    const before = await removed();
    await page.evaluate(async (forged) => {
      const own = window as unknown as Own;
      for (const name of forged) window.dispatchEvent(Object.assign(new Event(name), { newUrl: new URL('/elsewhere', location.href), oldUrl: new URL(location.href) }));
      const { navigation, NavigateEvent } = window as unknown as { navigation?: EventTarget; NavigateEvent?: new (type: string, init: object) => Event };
      const destination = own.__destinations[0];
      if (navigation && NavigateEvent && destination) navigation.dispatchEvent(new NavigateEvent('navigate', { navigationType: 'push', destination, signal: new AbortController().signal }));
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }, names);
    expect(await removed()).toBe(before);
    await page.close();
  });

  it('cannot recolor the badge or a mark with its own stylesheet', async () => {
    const PAGE_COLOR = 'rgb(1, 2, 3)';
    const restyle = `document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'lantern-badge, lantern-mark { --fg: ${PAGE_COLOR}; --bg: ${PAGE_COLOR}; --chip: ${PAGE_COLOR}; }';
      document.head.append(style);
    });`;
    const page = await ext.context.newPage();
    await page.addInitScript(restyle);
    await page.goto(`${ARXIV}2311.16452`);
    await waitForAnswer(ext, page);
    await waitForBadge(page, LISTED_ID);
    const badge = await closedShadow(page).evaluate('lantern-badge', (root) => {
      const card = root.querySelector('.card')!;
      return [getComputedStyle(root.querySelector('.title')!).color, getComputedStyle(card).backgroundColor];
    });
    expect(badge).not.toContain(PAGE_COLOR);
    await page.goto(listing.url);
    await waitForMarks(page, listing.marked);
    const chips = await closedShadow(page).evaluateAll('lantern-mark', (root) => {
      const chip = root.querySelector('.chip')!;
      return [getComputedStyle(chip).color, getComputedStyle(chip).backgroundColor];
    });
    expect(chips.flat()).not.toContain(PAGE_COLOR);
    await page.close();
  });
});

describe('a page on a site the reader opted in to ("Recognize papers on all sites")', () => {
  let ext: ExtensionSession;

  beforeAll(async () => {
    ext = await launchExtension({ grantedHosts: ['*://*/*'] });
    await waitForSeed(ext);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('cannot hide an in-place navigation from Lantern with listeners of its own that run first and stop it', async () => {
    // The background registers the all-sites script at install, once it sees the permission.
    await expect
      .poll(() => ext.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id)), { timeout: 15_000 })
      .toContain('lantern-all-sites');
    // A reading group's site, not among the manifest's: the papers are known by their citation_doi.
    // The page's own script, first in its <head>, stops every navigation event it can, in both phases.
    const url = 'https://reading-group.example.org/papers/clinical-knowledge';
    ext.routePages({
      [url]: {
        body: `<!DOCTYPE html><html lang="en"><head>${NAVIGATION_STOPPER}<meta charset="utf-8"><title>Large language models encode clinical knowledge</title>
        <meta name="citation_title" content="Large language models encode clinical knowledge">
        <meta name="citation_doi" content="10.1038/s41586-023-06291-2"></head>
        <body><main><h1>Large language models encode clinical knowledge</h1></main></body></html>`,
      },
    });
    const page = await ext.context.newPage();
    await page.goto(url);
    await waitForBadge(page, 'doi:10.1038/s41586-023-06291-2');
    // The site moves to its next paper in place, as a single-page app does.
    await page.evaluate(() => {
      const title = 'A large language model for electronic health records';
      document.querySelector('meta[name=citation_title]')?.setAttribute('content', title);
      document.querySelector('meta[name=citation_doi]')?.setAttribute('content', '10.1038/s41746-022-00742-2');
      document.title = title;
      document.querySelector('h1')!.textContent = title;
      history.pushState(null, '', '/papers/ehr-model');
    });
    expect((await waitForBadge(page, 'doi:10.1038/s41746-022-00742-2')).title).toBe('A large language model for electronic health records');
    await page.close();
  });

  // Errors thrown in Lantern's isolated world are read through the DevTools protocol, which is Chromium's.
  it.runIf(currentBrowser() === 'chromium')('throws no error into a page that removes its head and moves in place, nor into an SVG file that links a listed paper', async () => {
    ext.routePages({
      'https://reading-group.example.org/headless': { body: '<!DOCTYPE html><html><head><title>Notes</title></head><body><p>Notes</p></body></html>' },
      'https://reading-group.example.org/figure.svg': {
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://arxiv.org/abs/2311.16079"><text y="20">MEDITRON</text></a></svg>',
      },
    });
    const errors: string[] = [];
    const open = async (url: string) => {
      const page = await ext.context.newPage();
      const cdp = await ext.context.newCDPSession(page);
      cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => errors.push(`${url}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`));
      await cdp.send('Runtime.enable');
      await page.goto(url);
      await waitForAnswer(ext, page);
      return page;
    };
    const headless = await open('https://reading-group.example.org/headless');
    await headless.evaluate(() => {
      document.head.remove();
      history.pushState(null, '', '/headless-next');
    });
    // Past the badge's second look after a navigation (900 ms), when it starts watching the head.
    await headless.waitForTimeout(2_000);
    const figure = await open('https://reading-group.example.org/figure.svg');
    // The listed link is looked up and answered; marks would be drawn by now.
    await figure.waitForTimeout(2_000);
    expect(errors).toEqual([]);
    expect(await figure.locator('lantern-mark').count()).toBe(0);
    await headless.close();
    await figure.close();
  });
});
