/**
 * The content script's context (entrypoints/content/context.ts) says nothing to the page and takes
 * no orders from it: WXT's greeting and location events, which a page can hear and send, are gone,
 * and in-place navigations are read from the browser alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ContentScriptContext, type LocationChange } from '../../entrypoints/content/context';

const scope = globalThis as { navigation?: EventTarget };

/** An event as the browser makes it: `isTrusted` is the one thing a page's own events lack. */
function trusted(event: Event): Event {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

describe('the content script context', () => {
  const start = location.href;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete scope.navigation;
    history.replaceState(null, '', start);
  });

  it('posts and dispatches nothing the page can hear, from start to navigation', async () => {
    const posted = vi.spyOn(window, 'postMessage');
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    const ctx = new ContentScriptContext();
    const changes: LocationChange[] = [];
    ctx.onLocationChange((change) => changes.push(change));
    history.pushState(null, '', '/elsewhere');
    await vi.advanceTimersByTimeAsync(1000);
    expect(changes).toHaveLength(1);
    expect(posted).not.toHaveBeenCalled();
    expect(onDocument).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
  });

  it('is not ended, nor told of a navigation, by the events WXT used, which a page can send', async () => {
    const ctx = new ContentScriptContext();
    const changes: LocationChange[] = [];
    ctx.onLocationChange((change) => changes.push(change));
    const prefix = `${String(browser.runtime.id)}:content:wxt:`;
    document.dispatchEvent(new CustomEvent(`${prefix}content-script-started`, { detail: { contentScriptName: 'content', messageId: 'the page' } }));
    window.dispatchEvent(Object.assign(new Event(`${prefix}locationchange`), { newUrl: new URL('https://example.org/'), oldUrl: new URL(start) }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(ctx.isInvalid).toBe(false);
    expect(changes).toEqual([]);
  });

  describe('with the Navigation API', () => {
    it('reports the trusted changes of the current entry to another address, and ignores the page’s own events', () => {
      const navigation = (scope.navigation = new EventTarget());
      const ctx = new ContentScriptContext();
      const changes: LocationChange[] = [];
      ctx.onLocationChange((change) => changes.push(change));
      const base = start.split('#')[0]!;
      const move = (to: string, event: Event) => {
        history.pushState(null, '', to);
        navigation.dispatchEvent(event);
      };
      move(`${base}?forged`, new Event('currententrychange'));
      move(`${base}?paper=2`, trusted(new Event('currententrychange')));
      move(`${base}?paper=2#top`, trusted(new Event('currententrychange')));
      move(`${base}?paper=3`, trusted(new Event('currententrychange')));
      // A navigation the page cancels, or a download, never changes the current entry: only `navigate` fires.
      navigation.dispatchEvent(trusted(Object.assign(new Event('navigate'), { destination: { url: `${base}?never` } })));
      expect(changes).toEqual([
        { newUrl: `${base}?paper=2`, oldUrl: start },
        { newUrl: `${base}?paper=3`, oldUrl: `${base}?paper=2#top` },
      ]);
    });

    it('hears the change before any listener the page adds, so the page cannot stop it', () => {
      const navigation = (scope.navigation = new EventTarget());
      const ctx = new ContentScriptContext();
      const changes: LocationChange[] = [];
      ctx.onLocationChange((change) => changes.push(change));
      const stop = (event: Event) => event.stopImmediatePropagation();
      navigation.addEventListener('currententrychange', stop, { capture: true });
      navigation.addEventListener('currententrychange', stop);
      history.pushState(null, '', '/elsewhere');
      navigation.dispatchEvent(trusted(new Event('currententrychange')));
      expect(changes).toHaveLength(1);
    });
  });

  describe('the document parsed', () => {
    it('is the browser’s own DOMContentLoaded, not one the page fires while it loads', async () => {
      vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
      const ctx = new ContentScriptContext();
      let parsed = false;
      void ctx.parsed().then(() => (parsed = true));
      document.dispatchEvent(new Event('DOMContentLoaded'));
      await vi.advanceTimersByTimeAsync(0);
      expect(parsed).toBe(false);
      document.dispatchEvent(trusted(new Event('DOMContentLoaded')));
      await vi.advanceTimersByTimeAsync(0);
      expect(parsed).toBe(true);
    });

    it('lets the page’s own DOMContentLoaded listeners run before Lantern reads the whole page, though Lantern’s is added first', async () => {
      vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
      const ctx = new ContentScriptContext();
      let parsed = false;
      let startedUp = false;
      void ctx.parsed().then(() => (parsed = true));
      void ctx.afterPageStartup().then(() => (startedUp = true));
      document.dispatchEvent(trusted(new Event('DOMContentLoaded')));
      // A browser runs microtasks after each listener, before the next one (the page's).
      for (let i = 0; i < 5; i++) await Promise.resolve();
      expect([parsed, startedUp]).toEqual([true, false]);
      await vi.advanceTimersByTimeAsync(0);
      expect(startedUp).toBe(true);
    });

    it('is at once when the document is past loading', async () => {
      const ctx = new ContentScriptContext();
      let parsed = false;
      void ctx.parsed().then(() => (parsed = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(parsed).toBe(true);
    });
  });

  describe('without it (Firefox before 147)', () => {
    it('reads the address once a second and reports a move to another one, not a jump to an anchor', async () => {
      const ctx = new ContentScriptContext();
      const changes: LocationChange[] = [];
      ctx.onLocationChange((change) => changes.push(change));
      const base = start.split('#')[0]!;
      history.pushState(null, '', `${base}#section`);
      await vi.advanceTimersByTimeAsync(1000);
      expect(changes).toEqual([]);
      history.pushState(null, '', `${base}?paper=2`);
      history.pushState(null, '', `${base}?paper=3`);
      await vi.advanceTimersByTimeAsync(1000);
      expect(changes).toEqual([{ newUrl: `${base}?paper=3`, oldUrl: `${base}#section` }]);
    });

    it('stops reading once the extension is gone', async () => {
      const ctx = new ContentScriptContext();
      const changes: LocationChange[] = [];
      ctx.onLocationChange((change) => changes.push(change));
      const ended = vi.fn();
      ctx.onInvalidated(ended);
      vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
      await vi.advanceTimersByTimeAsync(1000);
      expect(ended).toHaveBeenCalledOnce();
      history.pushState(null, '', '/elsewhere');
      await vi.advanceTimersByTimeAsync(3000);
      expect(changes).toEqual([]);
    });
  });

  it('keeps nothing per timer: a page navigating in bursts sets thousands', () => {
    const ctx = new ContentScriptContext();
    const kept = vi.spyOn(AbortSignal.prototype, 'addEventListener');
    for (let i = 0; i < 100; i++) ctx.setTimeout(() => undefined, 10);
    expect(kept).not.toHaveBeenCalled();
  });

  it('runs no timer and no listener of its own once ended', async () => {
    const ctx = new ContentScriptContext();
    const handler = vi.fn();
    ctx.setTimeout(handler, 100);
    ctx.addEventListener(window, 'focus', handler);
    vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    // The timer is the first to find the extension gone, and ends the context.
    await vi.advanceTimersByTimeAsync(200);
    window.dispatchEvent(new Event('focus'));
    expect(handler).not.toHaveBeenCalled();
    expect(ctx.isInvalid).toBe(true);
  });
});
