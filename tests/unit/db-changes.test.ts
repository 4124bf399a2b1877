import 'fake-indexeddb/auto';
import Dexie, { type ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { onCommittedWrites, touchesTable } from '../../lib/db/changes';
import { savePaper, savedPaperFromPaper, unsavePaper } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { withAuthorList } from '../fixtures/authors';

const paper = withAuthorList({
  id: 'arxiv:2401.00001',
  title: 'A paper to save',
  authors: 'A. Author',
  venue: 'arXiv',
  year: 2024,
  categories: ['Evaluation'],
  links: [],
  ids: { arxiv: '2401.00001', repos: [] },
  titleKey: 'a paper to save',
  line: 1,
  lists: ['seed'],
});

describe('touchesTable', () => {
  const heard: ObservabilitySet[] = [];
  const listen = (parts: ObservabilitySet) => void heard.push(parts);
  afterEach(() => {
    Dexie.on.storagemutated.unsubscribe(listen);
    heard.length = 0;
  });

  it('tells a change to the reading list from a change to another table, as Dexie reports them', async () => {
    const db = new LanternDB('changes-test');
    await db.open();
    Dexie.on.storagemutated.subscribe(listen);
    await db.kv.put({ key: 'x', value: 1 });
    expect(heard.some((parts) => touchesTable(parts, db.name, 'saved'))).toBe(false);
    expect(heard.some((parts) => touchesTable(parts, db.name, 'kv'))).toBe(true);
    await savePaper(db, savedPaperFromPaper(paper));
    expect(heard.some((parts) => touchesTable(parts, db.name, 'saved'))).toBe(true);
    expect(heard.some((parts) => touchesTable(parts, 'another-database', 'saved'))).toBe(false);
    db.close();
  });

  it('does not take a table for another whose name starts the same', () => {
    expect(touchesTable({ 'idb://lantern/savedSearches/': {} as never }, 'lantern', 'saved')).toBe(false);
    expect(touchesTable({ 'idb://lantern/saved/status': {} as never }, 'lantern', 'saved')).toBe(true);
  });
});

describe('onCommittedWrites', () => {
  it('calls back once per committed transaction that wrote the table, in the context that wrote it', async () => {
    const db = new LanternDB('committed-writes-test');
    let calls = 0;
    onCommittedWrites(db, 'saved', () => calls++);
    await db.open();
    await db.kv.put({ key: 'x', value: 1 });
    await db.lists.toArray();
    expect(calls).toBe(0);
    await savePaper(db, savedPaperFromPaper(paper));
    expect(calls).toBe(1);
    // Several writes in one transaction: one call, after it commits.
    await db.transaction('rw', db.saved, async () => {
      await db.saved.update(paper.id, { note: 'one' });
      await db.saved.update(paper.id, { note: 'two' });
      expect(calls).toBe(1);
    });
    expect(calls).toBe(2);
    await unsavePaper(db, paper.id);
    expect(calls).toBe(3);
    db.close();
  });

  it('does not call back for a transaction that aborted: nothing was written', async () => {
    const db = new LanternDB('committed-writes-abort-test');
    let calls = 0;
    onCommittedWrites(db, 'saved', () => calls++);
    await db.open();
    await savePaper(db, savedPaperFromPaper(paper));
    expect(calls).toBe(1);
    await expect(
      db.transaction('rw', db.saved, async () => {
        await db.saved.update(paper.id, { note: 'not kept' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.saved.get(paper.id))?.note).not.toBe('not kept');
    expect(calls).toBe(1);
    db.close();
  });
});
