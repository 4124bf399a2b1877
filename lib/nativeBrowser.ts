/**
 * `wxt/browser` for scripts that run in web pages (wxt.config.ts aliases it there): Firefox's
 * `browser`, or Chromium's `chrome`, whose MV3 APIs return promises like the polyfill's. Everything
 * those scripts call (runtime.sendMessage, storage.local) works the same without webextension-polyfill.
 */
import type { Browser } from 'webextension-polyfill';

const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const browser: Browser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Browser;
