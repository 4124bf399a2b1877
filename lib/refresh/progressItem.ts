/** Where the background publishes refresh progress for pages to watch. Not re-exported by lib/refresh: it needs a web extension's storage, and Node tools read lib/refresh too. */
import { storage } from 'wxt/utils/storage';

/**
 * The refresh under way, as the background last reported it (a RefreshProgress; null when none),
 * in storage.session: it ends with the browser session. Read through progressText: any page may
 * see an older Lantern's shape here.
 */
export const refreshProgress = storage.defineItem<unknown>('session:refreshProgress', { fallback: null });
