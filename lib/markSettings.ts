/**
 * The reader's choices for marks (options page, "Marks"): each on by default. Kept in
 * browser.storage.local under one key, read by the background before it answers a page's
 * lookups and by the popup before it offers "Suggest it to the list".
 */
export const MARK_SETTINGS_KEY = 'marks.settings';

export interface MarkSettings {
  /** Marks on listings, search results and links to listed papers. */
  listings: boolean;
  /** Marks in reference lists, and "cites N papers from the list". */
  references: boolean;
  /** "Suggest it to the list" on unlisted papers that cite listed ones. */
  suggest: boolean;
}

export const DEFAULT_MARK_SETTINGS: MarkSettings = { listings: true, references: true, suggest: true };

/** The stored settings, each missing or damaged field at its default. */
export function markSettings(stored: unknown): MarkSettings {
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const flag = (key: keyof MarkSettings) => (typeof value[key] === 'boolean' ? (value[key] as boolean) : DEFAULT_MARK_SETTINGS[key]);
  return { listings: flag('listings'), references: flag('references'), suggest: flag('suggest') };
}

/** The stored value, unchecked: it may be missing, partial or damaged, so it is read only through markSettings. */
const markSettingsItem = storage.defineItem<unknown>(`local:${MARK_SETTINGS_KEY}`, { fallback: null });

/** The reader's mark settings, each missing or damaged field at its default. Rejects only when storage cannot be read. */
export async function loadMarkSettings(): Promise<MarkSettings> {
  return markSettings(await markSettingsItem.getValue());
}

/** Stores the settings whole (every field a boolean). */
export async function saveMarkSettings(settings: MarkSettings): Promise<void> {
  await markSettingsItem.setValue(markSettings(settings));
}
