/**
 * The one database instance. Only extension-origin code imports it: the background here, the
 * popup and extension pages through lib/db/pageDb.ts. Content scripts run in the page's origin,
 * cannot reach this IndexedDB, and must stay small, so they ask the background by message instead.
 */
import { LanternDB } from './schema';

export const db = new LanternDB();
