/** What the user chose for sending to Zotero (the options page), in browser.storage.local. */
import { browser } from 'wxt/browser';

export interface ZoteroSettings {
  /** Tag each item with the leaf of its list categories. */
  categoryTags: boolean;
  /** A tag Zotero puts on everything sent (through the session); empty for none. */
  sessionTag: string;
}

export const ZOTERO_SETTINGS_KEY = 'zotero.settings';
export const DEFAULT_ZOTERO_SETTINGS: ZoteroSettings = { categoryTags: false, sessionTag: 'Lantern' };

/** Zotero's updateSession takes tags comma-separated, so a tag may not hold a comma. */
export function cleanSessionTag(tag: string): string {
  return tag.replace(/,/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function readZoteroSettingsValue(value: unknown): ZoteroSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof ZoteroSettings, unknown>>;
  return {
    categoryTags: typeof v.categoryTags === 'boolean' ? v.categoryTags : DEFAULT_ZOTERO_SETTINGS.categoryTags,
    sessionTag: typeof v.sessionTag === 'string' ? cleanSessionTag(v.sessionTag) : DEFAULT_ZOTERO_SETTINGS.sessionTag,
  };
}

export async function loadZoteroSettings(): Promise<ZoteroSettings> {
  const stored = await browser.storage.local.get(ZOTERO_SETTINGS_KEY);
  return readZoteroSettingsValue(stored[ZOTERO_SETTINGS_KEY]);
}

export async function saveZoteroSettings(settings: ZoteroSettings): Promise<void> {
  await browser.storage.local.set({ [ZOTERO_SETTINGS_KEY]: { ...settings, sessionTag: cleanSessionTag(settings.sessionTag) } });
}
