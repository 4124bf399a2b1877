/**
 * Sync's setting and its last status, in browser.storage.local (each device decides for itself
 * whether it syncs). The background writes the status after every sync; the options page shows it.
 */
import { storage } from 'wxt/utils/storage';
import type { SyncStatus } from './engine';

/** Whether this device syncs its reading list through the browser's sync storage: on by default. */
export const syncEnabled = storage.defineItem<boolean>('local:sync.enabled', { fallback: true });

/** What the last sync did (null before the first). */
export const syncStatus = storage.defineItem<SyncStatus | null>('local:sync.status', { fallback: null });
