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
    keepNoteDraft(localStorage, 'arxiv:1', 'old and more', T - 1000);
    expect(await writeNoteDrafts(db, localStorage, T)).toBe(1);
    const item = await db.saved.get('arxiv:1');
    expect(item?.note).toBe('old and more');
    expect(item?.changedAt?.note).toBe(T);
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it('keeps a note changed after the draft was typed, and drops drafts of removed items and unreadable ones', async () => {
    await restoreSaved(db, [savedItem(paper('arxiv:1'), { note: 'newer, from elsewhere', updatedAt: T - 100, changedAt: { note: T - 100 } })]);
    keepNoteDraft(localStorage, 'arxiv:1', 'typed before that', T - 1000);
    keepNoteDraft(localStorage, 'arxiv:gone', 'a note', T - 1000);
    localStorage.setItem('lantern.noteDraft:arxiv:2', '{not json');
    localStorage.setItem('unrelated', 'kept');
    expect(await writeNoteDrafts(db, localStorage, T)).toBe(0);
    expect((await db.saved.get('arxiv:1'))?.note).toBe('newer, from elsewhere');
    expect(Object.keys(localStorage)).toEqual(['unrelated']);
  });

  it('clears a draft once its note is stored, but not one typed further since', () => {
    keepNoteDraft(localStorage, 'arxiv:1', 'first', T);
    clearNoteDraft(localStorage, 'arxiv:1', 'first');
    expect(localStorage.getItem('lantern.noteDraft:arxiv:1')).toBeNull();
    keepNoteDraft(localStorage, 'arxiv:1', 'first words and more', T);
    clearNoteDraft(localStorage, 'arxiv:1', 'first words');
    expect(localStorage.getItem('lantern.noteDraft:arxiv:1')).not.toBeNull();
  });

  it('changes nothing when the storage refuses a draft', async () => {
    await restoreSaved(db, [savedItem(paper('arxiv:1'), { note: 'old' })]);
    expect(() => keepNoteDraft(fullStorage(), 'arxiv:1', 'typed', T)).not.toThrow();
    expect(await writeNoteDrafts(db, localStorage, T)).toBe(0);
    expect((await db.saved.get('arxiv:1'))?.note).toBe('old');
  });
});
