import 'fake-indexeddb/auto';
import type { DBCore } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanternDB } from '../../lib/db/schema';
import { cleanTags } from '../../lib/tags';
import {
  REMOVED_KEPT_MS,
  StorageError,
  hasNoteOrTags,
  isSaved,
  listRemoved,
  listSaved,
  purgeRemoved,
  removeSaved,
  restoreRemoved,
  requestPersistentStorage,
  restoreSaved,
  savePaper,
  savedState,
  savedIds,
  savedPaperFromPaper,
  unsavePaper,
  savedStatuses,
  updateManySaved,
  updateSaved,
} from '../../lib/db/readingList';
import type { Paper, SavedPaper } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';

function paper(id: string, title: string): Paper {
  return withAuthorList({
    id,
    title,
    authors: 'A. Author et al.',
    venue: 'arXiv',
    year: 2024,
    month: 3,
    categories: ['Evaluation › Benchmarks'],
    links: [
      { kind: 'code', url: `https://github.com/example/${id.replace(/\W/g, '')}`, label: 'code' },
      { kind: 'paper', url: `https://arxiv.org/abs/${id.slice(6)}`, label: 'paper' },
    ],
    ids: { arxiv: id.slice(6), repos: [] },
    titleKey: title.toLowerCase(),
    line: 12,
    lists: ['seed'],
  });
}

const A = savedPaperFromPaper(paper('arxiv:2401.00001', 'Alpha'));
const B = savedPaperFromPaper(paper('arxiv:2401.00002', 'Beta'));

/** Makes every write fail the way a full disk does: after the write, the browser raises QuotaExceededError. */
function quotaFailures(db: LanternDB): { on: boolean } {
  const switchboard = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'simulated-quota',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: async (req) => {
            const res = await table.mutate(req);
            if (switchboard.on) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            return res;
          },
        };
      },
    }),
  });
  return switchboard;
}

let db: LanternDB;
let quota: { on: boolean };
let n = 0;
beforeEach(async () => {
  db = new LanternDB(`reading-list-${n++}`);
  quota = quotaFailures(db);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('savedPaperFromPaper', () => {
  it('keeps the paper data, drops list membership and source line, and picks the paper link as url', () => {
    const p = paper('arxiv:2401.00001', 'Alpha');
    const saved = savedPaperFromPaper(p);
    expect(saved).not.toHaveProperty('lists');
    expect(saved).not.toHaveProperty('line');
    expect(saved.url).toBe('https://arxiv.org/abs/2401.00001');
    expect(saved.title).toBe('Alpha');
    p.categories.push('Changed later');
    expect(saved.categories).toEqual(['Evaluation › Benchmarks']);
  });
});

describe('saving and unsaving', () => {
  it('saves once: saving again changes nothing', async () => {
    const first = await savePaper(db, A, 1000);
    await updateSaved(db, A.id, { note: 'keep' }, 1500);
    const again = await savePaper(db, A, 2000);
    expect(first.addedAt).toBe(1000);
    expect(again.addedAt).toBe(1000);
    expect(again.note).toBe('keep');
    expect(await db.saved.count()).toBe(1);
  });

  it('starts as to-read, unstarred, without tags or note', async () => {
    const item = await savePaper(db, A, 1000);
    expect(item).toMatchObject({ status: 'to-read', statusChangedAt: 1000, tags: [], note: '', starred: false, updatedAt: 1000 });
  });

  it('saves with a reading status in one write ("Save as Reading"), a removed paper keeping the rest', async () => {
    let writes = 0;
    db.saved.hook('creating', () => void writes++);
    db.saved.hook('updating', () => void writes++);
    const item = await savePaper(db, A, 1000, 'reading');
    expect(item).toMatchObject({ status: 'reading', statusChangedAt: 1000, addedAt: 1000, changedAt: { status: 1000 } });
    expect(writes).toBe(1);
    expect(await db.saved.get(A.id)).toEqual(item);
    expect(await savePaper(db, A, 1200, 'reading')).toEqual(item);
    expect((await savePaper(db, A, 1300, 'read')).statusChangedAt).toBe(1300);
    await updateSaved(db, A.id, { note: 'mine' }, 1400);
    await unsavePaper(db, A.id, 2000);
    const back = await savePaper(db, A, 3000, 'to-read');
    expect(back).toMatchObject({ note: 'mine', addedAt: 1000, status: 'to-read', statusChangedAt: 3000 });
    await expect(savePaper(db, B, 3000, 'skimmed' as never)).rejects.toThrow(/not a reading status/);
    expect(await db.saved.get(B.id)).toBeUndefined();
  });

  it('keeps its own copy of the paper', async () => {
    const mine: SavedPaper = structuredClone(A);
    await savePaper(db, mine);
    mine.title = 'Edited by the caller';
    expect((await db.saved.get(A.id))?.paper.title).toBe('Alpha');
  });

  it('answers isSaved, savedIds and listSaved (newest first)', async () => {
    await savePaper(db, A, 1000);
    await savePaper(db, B, 2000);
    expect(await isSaved(db, A.id)).toBe(true);
    expect(await isSaved(db, 'arxiv:9999.99999')).toBe(false);
    expect([...(await savedIds(db, [B.id, 'doi:10.1/x', A.id]))].sort()).toEqual([A.id, B.id]);
    expect(await savedIds(db, [])).toEqual(new Set());
    expect((await listSaved(db)).map((s) => s.id)).toEqual([B.id, A.id]);
  });

  it('unsaves and returns the removed item, which restoreSaved puts back exactly', async () => {
    await savePaper(db, A, 1000);
    await updateSaved(db, A.id, { tags: ['x'], note: 'n', starred: true }, 1100);
    const before = await db.saved.get(A.id);
    const removed = await unsavePaper(db, A.id);
    expect(removed).toEqual(before);
    expect(await isSaved(db, A.id)).toBe(false);
    expect(await unsavePaper(db, A.id)).toBeUndefined();
    await restoreSaved(db, [removed!]);
    expect(await db.saved.get(A.id)).toEqual(before);
  });
});

describe('unsaving never destroys', () => {
  it('keeps a removed item whole, treats it as not saved, and Restore brings it back with note and tags', async () => {
    await savePaper(db, A, 1000);
    await updateSaved(db, A.id, { note: 'mine', tags: ['radiology'], status: 'reading' }, 1500);
    const before = await db.saved.get(A.id);
    await unsavePaper(db, A.id, 2000);
    expect(await isSaved(db, A.id)).toBe(false);
    expect([...(await savedIds(db, [A.id]))]).toEqual([]);
    expect(await listSaved(db)).toEqual([]);
    expect(await listRemoved(db, 2000)).toEqual([{ id: A.id, removedAt: 2000, item: before }]);
    expect(await restoreRemoved(db, [A.id])).toEqual([A.id]);
    expect(await db.saved.get(A.id)).toEqual(before);
    expect(await listRemoved(db, 3000)).toEqual([]);
  });

  it('saving a removed paper again (every Undo) brings it back exactly: note, tags, status, times', async () => {
    await savePaper(db, A, 1000);
    await updateSaved(db, A.id, { note: 'mine', tags: ['t'], status: 'read' }, 1500);
    const before = await db.saved.get(A.id);
    await unsavePaper(db, A.id, 2000);
    const again = await savePaper(db, A, 3000);
    expect(again).toEqual(before);
    expect(await db.saved.get(A.id)).toEqual(before);
    expect(await db.removed.count()).toBe(0);
  });

  it('tells a badge only whether the paper is saved (and its reading status), recently removed, and has a note or tags', async () => {
    expect(await savedState(db, A.id)).toEqual({ saved: false, recentlyRemoved: false, hasNoteOrTags: false });
    await savePaper(db, A, 1000);
    expect(await savedState(db, A.id)).toEqual({ saved: true, recentlyRemoved: false, hasNoteOrTags: false, status: 'to-read' });
    await updateSaved(db, A.id, { tags: ['t'], status: 'reading' }, 1500);
    expect(await savedState(db, A.id)).toEqual({ saved: true, recentlyRemoved: false, hasNoteOrTags: true, status: 'reading' });
    await unsavePaper(db, A.id, 2000);
    expect(await savedState(db, A.id, 2000 + REMOVED_KEPT_MS)).toEqual({ saved: false, recentlyRemoved: true, hasNoteOrTags: false });
    expect(await savedState(db, A.id, 2001 + REMOVED_KEPT_MS)).toEqual({ saved: false, recentlyRemoved: false, hasNoteOrTags: false });
    await savePaper(db, A, 3000);
    expect(await savedState(db, A.id)).toEqual({ saved: true, recentlyRemoved: false, hasNoteOrTags: true, status: 'reading' });
  });

  it('leaves out of Recently removed a paper put back behind its back (an import)', async () => {
    await savePaper(db, A, 1000);
    const item = await db.saved.get(A.id);
    await unsavePaper(db, A.id, 2000);
    await db.saved.put(item!);
    expect(await listRemoved(db, 3000)).toEqual([]);
  });

  it('removes many in one go, most recent first in Recently removed, and keeps a paper saved again meanwhile', async () => {
    await savePaper(db, A, 1000);
    await savePaper(db, B, 1000);
    expect((await removeSaved(db, [A.id, B.id, 'arxiv:9999.99999'], 2000)).map((i) => i.id)).toEqual([A.id, B.id]);
    // B saved again (from the badge, say) while the library still offers to restore it.
    await savePaper(db, B, 2600);
    await updateSaved(db, B.id, { note: 'new' }, 2700);
    expect((await listRemoved(db, 3000)).map((r) => r.id)).toEqual([A.id]);
    await removeSaved(db, [B.id], 2800);
    expect((await listRemoved(db, 3000)).map((r) => r.id)).toEqual([B.id, A.id]);
    await savePaper(db, B, 2900);
    expect(await restoreRemoved(db, [A.id, B.id])).toEqual([A.id]);
    expect((await db.saved.get(B.id))?.note).toBe('new');
  });

  it('keeps removed items 30 days, then purges them', async () => {
    await savePaper(db, A, 1000);
    await unsavePaper(db, A.id, 10_000);
    expect(await purgeRemoved(db, 10_000 + REMOVED_KEPT_MS - 1)).toBe(0);
    expect((await listRemoved(db, 10_000 + REMOVED_KEPT_MS)).map((r) => r.id)).toEqual([A.id]);
    expect(await listRemoved(db, 10_000 + REMOVED_KEPT_MS + 1)).toEqual([]);
    expect(await purgeRemoved(db, 10_000 + REMOVED_KEPT_MS + 1)).toBe(1);
    expect(await db.removed.count()).toBe(0);
  });

  it('asks before removing only items with a note or tags', () => {
    expect(hasNoteOrTags({ note: '', tags: [] })).toBe(false);
    expect(hasNoteOrTags({ note: '  ', tags: [] })).toBe(false);
    expect(hasNoteOrTags({ note: 'x', tags: [] })).toBe(true);
    expect(hasNoteOrTags({ note: '', tags: ['t'] })).toBe(true);
  });
});

describe('updateSaved', () => {
  it('records when the status changed and always moves updatedAt', async () => {
    await savePaper(db, A, 1000);
    const reading = await updateSaved(db, A.id, { status: 'reading' }, 2000);
    expect(reading).toMatchObject({ status: 'reading', statusChangedAt: 2000, updatedAt: 2000 });
    const noted = await updateSaved(db, A.id, { status: 'reading', note: 'p. 4' }, 3000);
    expect(noted).toMatchObject({ status: 'reading', statusChangedAt: 2000, updatedAt: 3000, note: 'p. 4' });
    expect(await db.saved.get(A.id)).toEqual(noted);
  });

  it('cleans tags: trimmed, no empties, no repeats', async () => {
    await savePaper(db, A);
    const item = await updateSaved(db, A.id, { tags: [' LLM ', 'llm', '', 'rag  eval', 'RAG eval'] });
    expect(item?.tags).toEqual(['LLM', 'rag eval']);
    expect(cleanTags(['a', 'b', 'A'])).toEqual(['a', 'b']);
  });

  it('rejects an unknown status in plain words and returns undefined for an unsaved id', async () => {
    await savePaper(db, A);
    await expect(updateSaved(db, A.id, { status: 'done' as never })).rejects.toThrow(/not a reading status/);
    expect(await updateSaved(db, 'arxiv:0000.00000', { note: 'x' })).toBeUndefined();
  });
});

describe('savedStatuses', () => {
  it('gives every saved id with its status, and nothing for removed papers', async () => {
    await savePaper(db, A, 1000);
    await savePaper(db, B, 1000);
    await updateSaved(db, B.id, { status: 'read' }, 2000);
    expect(await savedStatuses(db)).toEqual(new Map([[A.id, 'to-read'], [B.id, 'read']]));
    await unsavePaper(db, B.id, 3000);
    expect(await savedStatuses(db)).toEqual(new Map([[A.id, 'to-read']]));
  });
});

describe('updateManySaved', () => {
  it('edits several items at one time, in order, and skips unsaved ids', async () => {
    await savePaper(db, A, 1000);
    await savePaper(db, B, 1000);
    const updated = await updateManySaved(
      db,
      [
        { id: A.id, patch: { status: 'read' } },
        { id: 'arxiv:0000.00000', patch: { note: 'x' } },
        { id: B.id, patch: { tags: ['eval'] } },
      ],
      2000,
    );
    expect(updated.map((item) => item?.id)).toEqual([A.id, undefined, B.id]);
    expect(await db.saved.get(A.id)).toMatchObject({ status: 'read', statusChangedAt: 2000, updatedAt: 2000 });
    expect(await db.saved.get(B.id)).toMatchObject({ tags: ['eval'], updatedAt: 2000 });
  });

  it('changes none when one edit fails', async () => {
    await savePaper(db, A, 1000);
    await savePaper(db, B, 1000);
    await expect(
      updateManySaved(db, [
        { id: A.id, patch: { note: 'first' } },
        { id: B.id, patch: { status: 'done' as never } },
      ]),
    ).rejects.toThrow(/not a reading status/);
    expect((await db.saved.get(A.id))?.note).toBe('');
  });
});

describe('storage errors', () => {
  it('reports a full disk in plain words and leaves the reading list unchanged', async () => {
    await savePaper(db, A, 1000);
    const before = await listSaved(db);
    quota.on = true;

    const restoring = restoreSaved(db, [{ ...before[0]!, note: 'changed' }, { ...before[0]!, id: B.id, paper: B }]);
    await expect(restoring).rejects.toBeInstanceOf(StorageError);
    await expect(restoring).rejects.toMatchObject({ kind: 'quota', message: expect.stringMatching(/^Your browser’s storage for Lantern is full/) });
    await expect(savePaper(db, B)).rejects.toMatchObject({ kind: 'quota' });
    await expect(updateSaved(db, A.id, { status: 'read', tags: ['t'] })).rejects.toMatchObject({ kind: 'quota' });
    await expect(unsavePaper(db, A.id)).rejects.toMatchObject({ kind: 'quota' });

    quota.on = false;
    expect(await listSaved(db)).toEqual(before);
  });

  it('reports other storage failures as StorageError too', async () => {
    await savePaper(db, A);
    db.close();
    await expect(savePaper(db, B)).rejects.toMatchObject({ name: 'StorageError', kind: 'storage' });
  });
});

describe('requestPersistentStorage', () => {
  it('asks the browser once and reports its answer', async () => {
    const asked: string[] = [];
    const storage = {
      persisted: async () => (asked.push('persisted'), false),
      persist: async () => (asked.push('persist'), true),
    };
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(asked).toEqual(['persisted', 'persist']);
  });

  it('does not ask again when storage is already persistent, and is false without the API', async () => {
    let asked = false;
    const storage = { persisted: async () => true, persist: async () => ((asked = true), true) };
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(asked).toBe(false);
    expect(await requestPersistentStorage({})).toBe(false);
  });
});
