/**
 * The content script's badge against a page that changes its address in a burst (pushState in a
 * loop): only the newest navigation is looked at, and one head watch follows it, however many
 * navigations came before. What it reads is counted through the page recognizer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext, LocationChange } from '../../entrypoints/content/context';

const identifyPage = vi.fn((url: string) => ({ url, title: document.title }));
vi.mock('../../lib/page', () => ({ identifyPage: (url: string) => identifyPage(url), identifyUrl: () => undefined }));
vi.mock('../../lib/messages', () => ({
  sendMessage: vi.fn(async () => ({ ok: true, value: null })),
  listenForNotices: () => () => undefined,
}));
vi.mock('../../lib/badgeUi', () => ({ badgeUi: async () => undefined }));

import { startBadge } from '../../entrypoints/content/badge';

/** The slice of the content script's context that the badge uses, with a way to report a navigation. */
function fakeContext() {
  const onLocationChange: ((event: LocationChange) => void)[] = [];
  const ctx = {
    isInvalid: false,
    addEventListener: () => undefined,
    onLocationChange: (handler: (change: LocationChange) => void) => onLocationChange.push(handler),
    setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
    onInvalidated: () => undefined,
  };
  const navigate = (to: string) => {
    const from = location.href;
    history.pushState(null, '', to);
    for (const handler of onLocationChange) handler({ newUrl: new URL(to, from).href, oldUrl: from });
  };
  return { ctx: ctx as unknown as ContentScriptContext, navigate };
}

describe('the badge after a burst of in-page navigations', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    identifyPage.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('looks once right after the newest navigation, once when it settles, and once per later change to the head', async () => {
    const { ctx, navigate } = fakeContext();
    startBadge(ctx);
    await vi.advanceTimersByTimeAsync(0);
    expect(identifyPage).toHaveBeenCalledTimes(1);
    identifyPage.mockClear();

    const base = location.href.split('?')[0]!;
    for (let i = 1; i <= 200; i++) navigate(`${base}?paper=${i}`);
    await vi.advanceTimersByTimeAsync(100);
    expect(identifyPage.mock.calls.map(([url]) => url)).toEqual([`${base}?paper=200`]);

    await vi.advanceTimersByTimeAsync(1000);
    expect(identifyPage).toHaveBeenCalledTimes(2);

    identifyPage.mockClear();
    const meta = document.createElement('meta');
    meta.name = 'citation_title';
    meta.content = 'A title the site wrote late';
    document.head.append(meta);
    await vi.advanceTimersByTimeAsync(50);
    expect(identifyPage).toHaveBeenCalledTimes(1);
  });
});
