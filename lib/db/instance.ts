/**
 * The one database instance. Only extension-origin code (background, popup, extension pages)
 * imports it: content scripts run in the page's origin, cannot reach this IndexedDB, and must
 * stay small, so they ask the background by message instead.
 */
import { LanternDB } from './schema';

export const db = new LanternDB();
