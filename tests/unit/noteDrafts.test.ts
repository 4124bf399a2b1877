/** Note drafts: what a library page closed mid-save leaves, and what the next one writes. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanternDB } from '../../lib/db/schema';
import { restoreSaved } from '../../lib/db/readingList';
import { clearNoteDraft, keepNoteDraft, writeNoteDrafts } from '../../lib/library/noteDrafts';
import { savedItem } from '../fixtures/imports/savedItems';

const T = Date.UTC(2026, 11, 2, 18, 0);
const paper = (id: string) => ({ id, title: `Paper ${id}` });

let db: LanternDB;
let count = 0;

beforeEach(async () => {
  db = new LanternDB(`note-drafts-${++count}`);
  await db.open();
  localStorage.clear();
});

afterEach(async () => {
  db.close();
  await LanternDB.delete(`note-drafts-${count}`);
});

/** A storage whose writes fail, as a full one does. */
function fullStorage(): Storage {
  return {
    length: 0,
    clear: () => undefined,
    getItem: () => null,
    key: () => null,
    removeItem: () => undefined,
    setItem: () => {
      throw new DOMException('full', 'QuotaExceededError');
    },
  };
}

describe('note drafts', () => {
  it('writes a draft left by a closed page into its item, and clears it', async () => {
    await restoreSaved(db, [savedItem(paper('arxiv:1'), { note: 'old', updatedAt: T - 5000 })]);
    keepNoteDraft(localStorage, 'arxiv:1', 'old and more', 'old');
    expect(await writeNoteDrafts(db, localStorage, T)).toBe(1);
    const item = await db.saved.get('arxiv:1');
    expect(item?.note).toBe('old and more');
    expect(item?.changedAt?.note).toBe(T);
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('keeps a note changed since the draft was typed, newer or not, and drops drafts of removed items and unreadable ones', async () => {
    await restoreSaved(db, [
      savedItem(paper('arxiv:1'), { note: 'newer, from elsewhere', updatedAt: T - 100, changedAt: { note: T - 100 } }),
      // A backup restored (or an import, an Undo, a sync) brings an older note with its old stamp.
      savedItem(paper('arxiv:3'), { note: 'from a backup', updatedAt: T - 86_400_000, changedAt: { note: T - 86_400_000 } }),
    ]);
    keepNoteDraft(localStorage, 'arxiv:1', 'typed before that', '');
    keepNoteDraft(localStorage, 'arxiv:3', 'typed over the note before the backup', 'the note before the backup');
    keepNoteDraft(localStorage, 'arxiv:gone', 'a note', '');
    localStorage.setItem('lantern.noteDraft:arxiv:2', '{not json');
    localStorage.setItem('lantern.noteDraft:arxiv:4', JSON.stringify({ note: 'no base', at: T }));
    localStorage.setItem('unrelated', 'kept');
    expect(await writeNoteDrafts(db, localStorage, T)).toBe(0);
    expect((await db.saved.get('arxiv:1'))?.note).toBe('newer, from elsewhere');
    expect((await db.saved.get('arxiv:3'))?.note).toBe('from a backup');
    expect(Object.keys(localStorage)).toEqual(['unrelated']);
  });

  it('clears a draft once its note is stored, but not one typed further since', () => {
    keepNoteDraft(localStorage, 'arxiv:1', 'first', '');
    clearNoteDraft(localStorage, 'arxiv:1', 'first');
    expect(localStorage.getItem('lantern.noteDraft:arxiv:1')).toBeNull();
    keepNoteDraft(localStorage, 'arxiv:1', 'first words and more', 'first');
    clearNoteDraft(localStorage, 'arxiv:1', 'first words');
    expect(localStorage.getItem('lantern.noteDraft:arxiv:1')).not.toBeNull();
  });

  it('keeps no draft once the text is typed back to the stored note', () => {
    keepNoteDraft(localStorage, 'arxiv:1', 'stored and a slip', 'stored');
    keepNoteDraft(localStorage, 'arxiv:1', 'stored', 'stored');
    expect(localStorage.getItem('lantern.noteDraft:arxiv:1')).toBeNull();
  });

  it('changes nothing when the storage refuses a draft', async () => {
    await restoreSaved(db, [savedItem(paper('arxiv:1'), { note: 'old' })]);
    expect(() => keepNoteDraft(fullStorage(), 'arxiv:1', 'typed', 'old')).not.toThrow();
    expect(await writeNoteDrafts(db, localStorage, T)).toBe(0);
    expect((await db.saved.get('arxiv:1'))?.note).toBe('old');
  });
});
