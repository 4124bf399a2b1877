/**
 * Notes typed in the library and not yet in the database. The note field saves after a pause
 * (components/library/NoteEditor.tsx), and a tab closed or reloaded in that pause cannot finish
 * the write: a page's IndexedDB transactions still open when it unloads are aborted. So every
 * keystroke also keeps the text in the page's localStorage, which writes at once; the draft is
 * cleared once the note is in the database, and the next library page writes any draft left.
 * Drafts are a safety net: storage that refuses them (full, disabled) changes nothing else.
 */
import type { LanternDB } from '../db/schema';
import { updateSaved } from '../db/readingList';

const PREFIX = 'lantern.noteDraft:';

interface NoteDraft {
  note: string;
  /** When it was typed (epoch ms). */
  at: number;
}

function readDraft(storage: Storage, key: string): NoteDraft | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { note, at } = value as Record<string, unknown>;
    return typeof note === 'string' && typeof at === 'number' ? { note, at } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps what is typed in the note of saved item `id` until clearNoteDraft. */
export function keepNoteDraft(storage: Storage, id: string, note: string, at: number): void {
  try {
    storage.setItem(PREFIX + id, JSON.stringify({ note, at }));
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
 * Writes the drafts a closed library page left into the reading list, each unless its item is
 * gone or its note was changed after the draft was typed (another page, another device), and
 * clears them. Resolves to how many notes were written.
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
    const noteChangedAt = item ? (item.changedAt?.note ?? item.updatedAt ?? 0) : Infinity;
    if (draft && item && item.note !== draft.note && noteChangedAt < draft.at) {
      await updateSaved(db, id, { note: draft.note }, now);
      written++;
    }
    storage.removeItem(key);
  }
  return written;
}
