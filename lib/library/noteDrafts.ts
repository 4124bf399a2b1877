/**
 * Notes typed in the library and not yet in the database. The note field saves after a pause
 * (components/library/NoteEditor.tsx), and a tab closed or reloaded in that pause cannot finish
 * the write: a page's IndexedDB transactions still open when it unloads are aborted. So every
 * keystroke also keeps the text in the page's localStorage, which writes at once; the draft is
 * cleared once the note is in the database, and the next library page writes any draft left.
 * A draft remembers the note it was typed over, and is written only over that note: a note
 * changed since (another device, a restored backup, an import, Undo) wins, whatever its stamps.
 * Drafts are a safety net: storage that refuses them (full, disabled) changes nothing else.
 */
import type { LanternDB } from '../db/schema';
import { updateSaved } from '../db/readingList';

const PREFIX = 'lantern.noteDraft:';

interface NoteDraft {
  note: string;
  /** The stored note it was typed over. */
  base: string;
}

function readDraft(storage: Storage, key: string): NoteDraft | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { note, base } = value as Record<string, unknown>;
    return typeof note === 'string' && typeof base === 'string' ? { note, base } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps what is typed in the note of saved item `id`, over its stored note `base`, until
 * clearNoteDraft; typing back to `base` leaves nothing to keep.
 */
export function keepNoteDraft(storage: Storage, id: string, note: string, base: string): void {
  try {
    if (note === base) storage.removeItem(PREFIX + id);
    else storage.setItem(PREFIX + id, JSON.stringify({ note, base }));
  } catch {
    // No room or no storage: the note is still saved after the pause, as without drafts.
  }
}

/** Forgets the draft of item `id` once `note` is stored, unless more was typed since. */
export function clearNoteDraft(storage: Storage, id: string, note: string): void {
  try {
    if (readDraft(storage, PREFIX + id)?.note === note) storage.removeItem(PREFIX + id);
  } catch {
    // Left for the next library page, which finds the note already stored.
  }
}

/**
 * Writes the drafts a closed library page left into the reading list, each only while its item
 * still holds the note the draft was typed over, and clears them. Resolves to how many notes
 * were written.
 */
export async function writeNoteDrafts(db: LanternDB, storage: Storage, now = Date.now()): Promise<number> {
  let keys: string[];
  try {
    keys = Object.keys(storage).filter((key) => key.startsWith(PREFIX));
  } catch {
    return 0;
  }
  let written = 0;
  for (const key of keys) {
    const draft = readDraft(storage, key);
    const id = key.slice(PREFIX.length);
    const item = draft && (await db.saved.get(id));
    if (draft && item && item.note === draft.base) {
      await updateSaved(db, id, { note: draft.note }, now);
      written++;
    }
    storage.removeItem(key);
  }
  return written;
}
