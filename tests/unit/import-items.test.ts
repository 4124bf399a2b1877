/** Merging imports into a real (fake-indexeddb) reading list: round trips, idempotence, merge rules, all-or-nothing. */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSaved, restoreSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { importFile, importFormatOf } from '../../lib/formats/importFile';
import { importItems, mergeSavedItem } from '../../lib/formats/importItems';
import { toBibTeX } from '../../lib/formats/bibtex';
import { NOTE_SEPARATOR } from '../../lib/notes';
import { parseJSONBackup, toJSONBackup } from '../../lib/formats/jsonBackup';
import type { SavedItem } from '../../lib/types';
import { savedItem, trickyItems } from '../fixtures/imports/savedItems';

const fixture = (name: string): string => readFileSync(join(process.cwd(), 'tests/fixtures/imports', name), 'utf8');
const byId = (a: SavedItem, b: SavedItem): number => a.id.localeCompare(b.id);
const T = Date.UTC(2024, 2, 1);

let db: LanternDB;
let dbCount = 0;

beforeEach(async () => {
  db = new LanternDB(`import-items-test-${++dbCount}`);
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

async function everything(): Promise<SavedItem[]> {
  return (await db.saved.toArray()).sort(byId);
}

describe('JSON backup round trip', () => {
  it('export → import into an empty list gives the identical reading list', async () => {
    await restoreSaved(db, trickyItems());
    const before = await listSaved(db);
    const backup = toJSONBackup(before, { exportedAt: T });

    const other = new LanternDB(`import-items-test-other-${dbCount}`);
    try {
      const outcome = await importFile(other, backup, 'json');
      expect(outcome).toEqual({ ok: true, added: before.length, updated: 0, unchanged: 0, merged: 0, warnings: [] });
      expect(await listSaved(other)).toEqual(before);
    } finally {
      await other.delete();
    }
  });

  it('importing the same backup twice changes nothing the second time', async () => {
    const backup = toJSONBackup(trickyItems(), { exportedAt: T });
    await importFile(db, backup, 'json');
    const afterFirst = await everything();
    const second = await importFile(db, backup, 'json');
    expect(second).toEqual({ ok: true, added: 0, updated: 0, unchanged: afterFirst.length, merged: 0, warnings: [] });
    expect(await everything()).toEqual(afterFirst);
  });
});

describe('a JSON backup written before title keys folded "ß"', () => {
  const oldId = 'title:die straße zur diagnose';
  const newId = 'title:die strasse zur diagnose';
  const item = (id: string, over: Partial<SavedItem>): SavedItem => savedItem({ id, title: 'Die Straße zur Diagnose', titleKey: id.slice('title:'.length) }, over);

  it('is imported under today’s ids: into the paper saved under its new id, its note and tags kept', async () => {
    await restoreSaved(db, [item(newId, { note: 'saved here', tags: ['here'], updatedAt: T, addedAt: T, statusChangedAt: T })]);
    const backup = toJSONBackup([item(oldId, { note: 'from the backup', tags: ['german'], updatedAt: T + 1, addedAt: T - 1, statusChangedAt: T - 1 })], { exportedAt: T + 2 });
    const outcome = await importFile(db, backup, 'json');
    expect(outcome).toMatchObject({ ok: true, added: 0, updated: 1 });
    const [only, ...rest] = await everything();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: newId, paper: { id: newId, titleKey: 'die strasse zur diagnose' }, note: `saved here${NOTE_SEPARATOR}from the backup`, tags: ['here', 'german'] });
  });

  it('keeps two items that only the old key told apart, and the import makes them one without losing either note', async () => {
    const backup = toJSONBackup(
      [item(oldId, { note: 'first', tags: ['a'], addedAt: T, updatedAt: T }), item(newId, { note: 'second', tags: ['b'], addedAt: T + 1, updatedAt: T + 1 })],
      { exportedAt: T + 2 },
    );
    const parsed = parseJSONBackup(backup);
    expect(parsed.ok && parsed.items.map((read) => [read.id, read.paper.id, read.paper.titleKey])).toEqual([
      [newId, newId, 'die strasse zur diagnose'],
      [newId, newId, 'die strasse zur diagnose'],
    ]);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    await importFile(db, backup, 'json');
    const all = await everything();
    expect(all.map((saved) => [saved.id, saved.note, saved.tags])).toEqual([[newId, `first${NOTE_SEPARATOR}second`, ['a', 'b']]]);
  });
});

describe('BibTeX imports', () => {
  it('importing the same BibTeX file twice changes nothing the second time', async () => {
    const first = await importFile(db, fixture('zotero.bib'), 'bibtex');
    expect(first).toMatchObject({ ok: true, added: 5, updated: 0, unchanged: 0 });
    const afterFirst = await everything();
    expect(await importFile(db, fixture('zotero.bib'), 'bibtex')).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 5 });
    expect(await everything()).toEqual(afterFirst);
  });

  it('a Paperpile export of the same papers as a Zotero export adds no duplicates, only tags and what was missing', async () => {
    await importFile(db, fixture('zotero.bib'), 'bibtex');
    const outcome = await importFile(db, fixture('paperpile.bib'), 'bibtex');
    // Nori (arXiv id) and Singhal (DOI) gain tags; Liu (DOI here, arXiv id in the Zotero file) brings
    // nothing new, so it is found and left unchanged; McDuff is new.
    expect(outcome).toMatchObject({ ok: true, added: 1, updated: 2, unchanged: 1 });
    const items = await everything();
    expect(items.map((item) => item.id)).toEqual([
      'arxiv:2310.14573',
      'arxiv:2311.16452',
      'arxiv:2312.00164',
      'doi:10.1038/s41586-023-06291-2',
      'doi:10.1038/s41746-023-00896-7',
      'doi:10.1101/2023.10.26.23297629',
    ]);
    const nori = items.find((item) => item.id === 'arxiv:2311.16452')!;
    expect(nori.tags).toEqual(['Computer Science - Artificial Intelligence', 'Computer Science - Computation and Language', 'LLM', 'medicine', 'to-read']);
    expect(nori.paper.title).toBe('Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine');
    const singhal = items.find((item) => item.id === 'doi:10.1038/s41586-023-06291-2')!;
    expect(singhal.paper.ids.pmid).toBe('37438534');
  });

  it('never overrides the reading state the list already has', async () => {
    await importFile(db, fixture('paperpile.bib'), 'bibtex');
    const read = { ...(await db.saved.get('arxiv:2311.16452'))!, status: 'read' as const, statusChangedAt: T, note: 'mine', starred: true, updatedAt: T };
    await db.saved.put(read);
    await importFile(db, fixture('paperpile.bib'), 'bibtex');
    expect(await db.saved.get('arxiv:2311.16452')).toEqual(read);
  });
});

describe('merge rules', () => {
  const saved = savedItem(
    { id: 'arxiv:2311.16452', title: 'Medprompt', authors: 'Harsha Nori et al.', venue: '', ids: { arxiv: '2311.16452', repos: [] } },
    { status: 'read', statusChangedAt: T + 10, note: 'saved note', tags: ['a', 'B'], starred: true, addedAt: T, updatedAt: T + 10 },
  );

  it('status follows whichever changed it later, star whichever was updated later; a different note is kept beside the saved one', () => {
    const older = { ...saved, status: 'reading' as const, statusChangedAt: T + 5, note: 'old', starred: false, updatedAt: T + 5 };
    expect(mergeSavedItem(saved, older)).toEqual({ ...saved, note: `saved note${NOTE_SEPARATOR}old` });
    const newer = { ...saved, status: 'reading' as const, statusChangedAt: T + 20, note: 'new', starred: false, updatedAt: T + 20 };
    expect(mergeSavedItem(saved, newer)).toMatchObject({ status: 'reading', statusChangedAt: T + 20, note: `saved note${NOTE_SEPARATOR}new`, starred: false, updatedAt: T + 20 });
  });

  it('the saved copy takes the other’s full author list where its own was cut short and the other begins with the same authors', () => {
    // An import from Zotero, or another device's copy saved from the paper's page.
    const full = { ...saved, paper: { ...saved.paper, authorList: { names: [{ family: 'Nori', given: 'H.' }, { family: 'Lee', given: 'Yin Tat' }], etAl: false } } };
    expect(mergeSavedItem(saved, full).paper.authorList).toEqual(full.paper.authorList);
    expect(mergeSavedItem(saved, full).paper.authors).toBe('Harsha Nori et al.');
    const other = { ...saved, paper: { ...saved.paper, authorList: { names: [{ family: 'Nori', given: 'Mallory' }, { family: 'Evil', given: 'Eve' }], etAl: false } } };
    expect(mergeSavedItem(saved, other).paper.authorList).toEqual(saved.paper.authorList);
    // A complete list stays as it is.
    expect(mergeSavedItem(full, { ...full, paper: { ...full.paper, authorList: { ...full.paper.authorList, names: [...full.paper.authorList.names, { family: 'Zhang', given: 'Sheng' }] } } }).paper.authorList).toEqual(full.paper.authorList);
  });

  it('a note already held is not added again; a newer note that extends the saved one replaces it', () => {
    const merged = mergeSavedItem(saved, { ...saved, note: 'old', updatedAt: T + 5 });
    expect(mergeSavedItem(merged, { ...saved, note: 'old', updatedAt: T + 5 })).toEqual(merged);
    expect(mergeSavedItem(saved, { ...saved, note: 'saved note, and more', updatedAt: T + 20 }).note).toBe('saved note, and more');
  });

  it('an empty note never erases a written one, tags are unioned without case repeats, addedAt is the earlier', () => {
    const incoming = { ...saved, note: '', tags: ['b', 'c'], addedAt: T - 100, updatedAt: T + 20 };
    expect(mergeSavedItem(saved, incoming)).toMatchObject({ note: 'saved note', tags: ['a', 'B', 'c'], addedAt: T - 100 });
  });

  it("the saved copy of the paper keeps its data and only gains what it lacks", () => {
    const incoming = savedItem(
      { id: 'arxiv:2311.16452', title: 'Other Title', authors: 'Someone', venue: 'arXiv', year: 2023, ids: { arxiv: '2311.16452', doi: '10.48550/arxiv.2311.16452', repos: ['github.com/microsoft/promptbase'] } },
      { statusChangedAt: 0, updatedAt: 0 },
    );
    const merged = mergeSavedItem(saved, incoming);
    expect(merged.paper).toMatchObject({ title: 'Medprompt', authors: 'Harsha Nori et al.', venue: 'arXiv', year: 2023 });
    expect(merged.paper.ids).toEqual({ arxiv: '2311.16452', doi: '10.48550/arxiv.2311.16452', repos: ['github.com/microsoft/promptbase'] });
  });

  it('finds the saved paper by any shared identifier or title, and keeps its id', async () => {
    await restoreSaved(db, [saved]);
    const byTitle = savedItem({ id: 'title:medprompt', title: 'MedPrompt.' }, { tags: ['x'], statusChangedAt: 0, updatedAt: 0 });
    expect(await importItems(db, [byTitle], { mode: 'merge' })).toEqual({ ok: true, added: 0, updated: 1, unchanged: 0, merged: 1 });
    expect((await everything()).map((item) => [item.id, item.tags])).toEqual([['arxiv:2311.16452', ['a', 'B', 'x']]]);
  });

  it('takes no paper for another that only shares its title: different DOIs are two papers', async () => {
    const correction = (doi: string, note: string) => savedItem({ id: `doi:${doi}`, title: 'Correction', ids: { doi, repos: [] } }, { note });
    await restoreSaved(db, [correction('10.1000/aaa', 'note on A')]);
    expect(await importItems(db, [correction('10.1000/bbb', 'note on B')], { mode: 'merge' })).toEqual({ ok: true, added: 1, updated: 0, unchanged: 0, merged: 0 });
    expect((await everything()).map((item) => [item.id, item.note])).toEqual([
      ['doi:10.1000/aaa', 'note on A'],
      ['doi:10.1000/bbb', 'note on B'],
    ]);
  });

  it('changes nothing when the reading list’s own BibTeX export comes back, notes with line breaks and long notes too', async () => {
    const long = Array.from({ length: 1200 }, (_, n) => `line ${n} of a long note`).join('\n');
    await restoreSaved(db, [
      savedItem({ id: 'title:lines', title: 'Lines', authors: 'Ann Lee', year: 2020 }, { note: 'line one\nline two\n\n- a list item' }),
      savedItem({ id: 'title:long', title: 'Long', authors: 'Bo Chen', year: 2021 }, { note: long }),
      // Exported as "\textbackslash{}" each: the 10,000-character cut falls inside one's name.
      savedItem({ id: 'title:backslashes', title: 'Backslashes', authors: 'Cy Dee', year: 2022 }, { note: `abcdefgh${'\\'.repeat(800)}` }),
      // What the import drops or composes: bidi isolates around pasted right-to-left text, a decomposed accent.
      savedItem({ id: 'title:scripts', title: 'Scripts', authors: 'Eve Fox', year: 2023 }, { note: 'see \u2067שלום\u2069 and cafe\u0301' }),
    ]);
    const before = await everything();
    expect(await importFile(db, toBibTeX(before), 'bibtex')).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 4 });
    expect(await everything()).toEqual(before);
  });

  it('keeps a saved paper whose id a different imported paper also has: the import gets an id of its own', async () => {
    const correction = (pmid: string, note: string) => savedItem({ id: 'title:correction', title: 'Correction', ids: { pmid, repos: [] } }, { note });
    await restoreSaved(db, [correction('11111111', 'note on A')]);
    const imported = [correction('22222222', 'note on B')];
    expect(await importItems(db, imported, { mode: 'merge' })).toEqual({ ok: true, added: 1, updated: 0, unchanged: 0, merged: 0 });
    expect(await importItems(db, imported, { mode: 'merge' })).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    expect((await everything()).map((item) => [item.id, item.paper.id, item.paper.ids.pmid, item.note])).toEqual([
      ['pmid:22222222', 'pmid:22222222', '22222222', 'note on B'],
      ['title:correction', 'title:correction', '11111111', 'note on A'],
    ]);
  });

  it('a new item from a file without reading state gets its added time as its other dates', async () => {
    const fromBibTeX = savedItem({ id: 'title:new', title: 'New' }, { addedAt: T, statusChangedAt: 0, updatedAt: 0 });
    await importItems(db, [fromBibTeX], { mode: 'merge' });
    expect(await db.saved.get('title:new')).toMatchObject({ addedAt: T, statusChangedAt: T, updatedAt: T });
  });
});

describe('failed imports change nothing', () => {
  beforeEach(async () => {
    await restoreSaved(db, trickyItems());
  });

  it.each([
    ['truncated JSON', 'truncated-backup.json', 'json', /truncated/],
    ['a backup from a newer version', 'future-version-backup.json', 'json', /newer Lantern/],
    ['a foreign JSON file', 'csl-items.json', 'json', /not a Lantern backup/],
    ['BibTeX with unbalanced braces', 'unbalanced-braces.bib', 'bibtex', /^Line 7: unbalanced braces in entry 'nori2023generalist'/],
  ] as const)('%s: a message, and the list unchanged', async (_name, file, format, message) => {
    const before = await everything();
    const outcome = await importFile(db, fixture(file), format);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it('a 50 MB file: refused before parsing, the list unchanged', async () => {
    const before = await everything();
    const huge = toJSONBackup(trickyItems(), { exportedAt: T }).padEnd(50 * 1024 * 1024, ' ');
    for (const format of ['json', 'bibtex'] as const) {
      const outcome = await importFile(db, huge, format);
      expect(outcome.ok || outcome.error).toMatch(/too large to import/);
    }
    expect(await everything()).toEqual(before);
  });

  it('a write that fails part-way writes nothing at all', async () => {
    const before = await everything();
    const fresh = [1, 2, 3].map((n) => savedItem({ id: `title:fresh ${n}`, title: `Fresh ${n}` }));
    const changed = { ...before[0]!, tags: [...before[0]!.tags, 'new tag'], updatedAt: T + 1000 };
    // An item without an id cannot be stored: IndexedDB rejects it after the others were queued.
    const unstorable = { ...savedItem({ id: 'title:bad', title: 'Bad' }), id: undefined } as unknown as SavedItem;
    const outcome = await importItems(db, [...fresh, changed, unstorable], { mode: 'merge' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/nothing in your reading list was changed/);
    expect(await everything()).toEqual(before);
  });
});

describe('importFormatOf', () => {
  it('tells the format from the file name', () => {
    expect(importFormatOf('lantern-backup-2024-06-01.json')).toBe('json');
    expect(importFormatOf('My Library.bib')).toBe('bibtex');
    expect(importFormatOf('refs.ris')).toBeUndefined();
  });
});

describe('parseJSONBackup + importItems on a backup with a damaged item', () => {
  it('imports the readable items and reports the other', async () => {
    const [good, bad] = trickyItems();
    const text = JSON.stringify({ format: 'lantern-backup', version: 1, exportedAt: '2024-01-01T00:00:00.000Z', items: [good, { ...bad, tags: 'x' }] });
    const parsed = parseJSONBackup(text);
    expect(parsed.ok && parsed.warnings).toEqual([`Item 2 ("${bad!.id}") was skipped: tags is "x", not a list of text.`]);
    const outcome = await importFile(db, text, 'json');
    expect(outcome).toMatchObject({ ok: true, added: 1 });
    expect((await everything()).map((item) => item.id)).toEqual([good!.id]);
  });
});
