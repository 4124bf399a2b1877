/**
 * The content script's context: what ends with it, and the page's in-place navigations.
 * wxt.config.ts builds WXT's content-script entry with this class in place of WXT's own
 * `ContentScriptContext` (wxt 0.21), which talks to the page: it posts a greeting that names the
 * extension (`window.postMessage`), ends itself when the page sends a "newer copy started" event,
 * and announces each navigation with an event on `window` that the page can hear and forge. So any
 * page could tell that Lantern runs, turn it off, or make it read the page again. This one says
 * nothing to the page and hears only the browser: navigations come from the Navigation API's
 * trusted `navigate` events, or, where a browser has no Navigation API (Firefox before 147), from
 * polling `location` once a second, as WXT does.
 */
import { browser } from 'wxt/browser';

/** An in-place navigation to another document address: whole URLs, fragments included. */
export interface LocationChange {
  newUrl: string;
  oldUrl: string;
}

const POLL_MS = 1000;

export class ContentScriptContext {
  private readonly ended = new AbortController();

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

  /** `setTimeout` (ms) whose handler does not run once the context has ended. */
  setTimeout(handler: () => void, ms: number): number {
    const id = window.setTimeout(() => this.isInvalid || handler(), ms);
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  /**
   * Calls `handler` when the page moves to another address in place (pushState, back/forward in a
   * single-page app), as the navigation starts: `location` may still hold the old address. A jump
   * to an anchor (only the fragment changes) is the same document and is not reported.
   */
  onLocationChange(handler: (change: LocationChange) => void): void {
    let oldUrl = location.href;
    const moved = (newUrl: string) => {
      if (newUrl.split('#')[0] !== oldUrl.split('#')[0]) handler({ newUrl, oldUrl });
      oldUrl = newUrl;
    };
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (navigation) {
      this.addEventListener(navigation, 'navigate', (event) => {
        if (event.isTrusted) moved((event as Event & { destination: { url: string } }).destination.url);
      });
      return;
    }
    const poll = window.setInterval(() => this.isInvalid || moved(location.href), POLL_MS);
    this.onInvalidated(() => clearInterval(poll));
  }
}
