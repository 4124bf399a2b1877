/**
 * The content script's context: what ends with it, when the document is parsed, and the page's
 * in-place navigations. wxt.config.ts builds WXT's content-script entry with this class in place
 * of WXT's own `ContentScriptContext` (wxt 0.21), which talks to the page: it posts a greeting
 * that names the extension (`window.postMessage`), ends itself when the page sends a "newer copy
 * started" event, and announces each navigation with an event on `window` that the page can hear
 * and forge. So any page could tell that Lantern runs, turn it off, or make it read the page
 * again. This one says nothing to the page and believes only the browser's own events.
 *
 * Navigations are read from the Navigation API's `currententrychange`: it fires once the page's
 * address has really changed (a `navigate` event also fires for navigations the page cancels, and
 * for downloads, `mailto:` and 204 answers, which change nothing). Its listener is added when the
 * context is made and in the capture phase, at document_start (the manifest's sites, and the
 * sites the reader opted in to: lib/allSites.ts), before any script of the page, so no listener
 * of the page runs before it to stop it. Where a browser has no Navigation API (Firefox before
 * 147) the address is read once a second, as WXT does.
 */
import { browser } from 'wxt/browser';
import { nextTask } from '../../lib/slices';

/** An in-place navigation to another document address: whole URLs, fragments included. */
export interface LocationChange {
  newUrl: string;
  oldUrl: string;
}

const POLL_MS = 1000;

export class ContentScriptContext {
  private readonly ended = new AbortController();
  private readonly moves: ((change: LocationChange) => void)[] = [];

  constructor() {
    let oldUrl = location.href;
    const check = () => {
      const newUrl = location.href;
      if (newUrl.split('#')[0] !== oldUrl.split('#')[0]) for (const handler of this.moves) handler({ newUrl, oldUrl });
      oldUrl = newUrl;
    };
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (navigation) {
      this.addEventListener(navigation, 'currententrychange', (event) => event.isTrusted && check(), { capture: true });
      return;
    }
    const poll = window.setInterval(() => this.isInvalid || check(), POLL_MS);
    this.onInvalidated(() => clearInterval(poll));
  }

  /** True once the extension is gone (reloaded, updated or removed): its APIs throw from then on. */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.ended.abort();
    return this.ended.signal.aborted;
  }

  onInvalidated(callback: () => void): void {
    this.ended.signal.addEventListener('abort', callback);
  }

  /** `target.addEventListener`, removed when the context ends. */
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.ended.signal });
  }

  /**
   * `setTimeout` (ms) whose handler does not run once the context has ended. Nothing is kept per
   * timer (WXT's kept a listener for each until the end: thousands on a page that navigates in bursts).
   */
  setTimeout(handler: () => void, ms: number): number {
    return window.setTimeout(() => this.isInvalid || handler(), ms);
  }

  /**
   * Resolves once the document is parsed: at the browser's own DOMContentLoaded (a page can fire
   * one of its own while it is still loading), at once if it is past that.
   */
  parsed(): Promise<void> {
    if (document.readyState !== 'loading') return Promise.resolve();
    return new Promise((resolve) => this.addEventListener(document, 'DOMContentLoaded', (event) => event.isTrusted && resolve()));
  }

  /**
   * parsed(), then the next task: when the whole page may be read. Lantern's DOMContentLoaded
   * listener, added at document_start, runs before the page's own, which would otherwise wait
   * for that reading (70 ms at 2,000 links, 249 ms at 40,000). Known listings are not read this
   * way: their marks are drawn as their items arrive, and their figures are issue 11's.
   */
  async afterPageStartup(): Promise<void> {
    await this.parsed();
    await nextTask();
  }

  /**
   * Calls `handler` after the page has moved to another address in place (pushState, back and
   * forward in a single-page app): `location` holds the new address. A jump to an anchor (only
   * the fragment changes) is the same document and is not reported.
   */
  onLocationChange(handler: (change: LocationChange) => void): void {
    this.moves.push(handler);
  }
}
