/**
 * `wxt/browser` for content scripts (see build/contentScriptSize.ts): Firefox's `browser`, or
 * Chromium's `chrome`, whose MV3 APIs return promises like the polyfill's.
 */
import type { Browser } from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const browser: Browser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Browser;
