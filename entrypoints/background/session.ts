/**
 * The background's per-tab records (the toolbar's answers, the listed papers a tab was told
 * about) live in storage.session: the MV3 service worker forgets its memory when it stops, and
 * storage.session forgets with the browser session, as tabs do. Where a browser lacks it, a
 * worker-lifetime map stands in.
 */
import { browser } from 'wxt/browser';

const memory = new Map<string, unknown>();

export const session = {
  async get(key: string): Promise<unknown> {
    if (!browser.storage.session) return memory.get(key);
    return (await browser.storage.session.get(key))[key];
  },
  async set(key: string, value: unknown): Promise<void> {
    if (!browser.storage.session) memory.set(key, value);
    else await browser.storage.session.set({ [key]: value });
  },
  async remove(key: string): Promise<void> {
    if (!browser.storage.session) memory.delete(key);
    else await browser.storage.session.remove(key);
  },
};
