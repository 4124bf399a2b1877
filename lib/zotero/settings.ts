/** What the user chose for sending to Zotero (the options page), in browser.storage.local (a WXT storage item). */
import { storage } from 'wxt/utils/storage';

export interface ZoteroSettings {
  /** Tag each item with the leaf of its list categories. */
  categoryTags: boolean;
  /** A tag Zotero puts on everything sent (through the session); empty for none. */
  sessionTag: string;
}

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

/** The stored settings; read them through loadZoteroSettings (the stored value is not trusted to be whole). */
const zoteroSettingsItem = storage.defineItem<unknown>('local:zotero.settings', { fallback: null });

export async function loadZoteroSettings(): Promise<ZoteroSettings> {
  return readZoteroSettingsValue(await zoteroSettingsItem.getValue());
}

export async function saveZoteroSettings(settings: ZoteroSettings): Promise<void> {
  await zoteroSettingsItem.setValue({ ...settings, sessionTag: cleanSessionTag(settings.sessionTag) });
}
