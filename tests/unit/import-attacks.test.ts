/**
 * The import attacks: a forged backup dated in the future must not overwrite a note, identifiers
 * that are not identifiers are dropped and named, and no exported cell can run as a formula.
 */
import 'fake-indexeddb/auto';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreSaved } from '../../lib/db/readingList';
import { LanternDB } from '../../lib/db/schema';
import { CSV_COLUMNS, toCSV } from '../../lib/formats/csv';
import { importFile } from '../../lib/formats/importFile';
import { NOTE_SEPARATOR } from '../../lib/notes';
import { parseJSONBackup, toJSONBackup } from '../../lib/formats/jsonBackup';
import { savedItem } from '../fixtures/imports/savedItems';

const T = Date.UTC(2024, 2, 1);
const FAR_FUTURE = Date.UTC(9999, 0, 1);

let db: LanternDB;
let dbCount = 0;

beforeEach(async () => {
  db = new LanternDB(`import-attacks-test-${++dbCount}`);
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

const mine = savedItem(
  { id: 'arxiv:2311.16452', title: 'Medprompt', ids: { arxiv: '2311.16452', repos: [] } },
  { note: 'my reading notes', status: 'read', statusChangedAt: T, addedAt: T, updatedAt: T },
);

describe('a backup dated in the future', () => {
  it('does not overwrite a note, and the genuine backup still finds it afterwards', async () => {
    await restoreSaved(db, [mine]);
    const genuine = toJSONBackup([mine], { exportedAt: T });
    const forged = toJSONBackup([{ ...mine, note: 'forged', updatedAt: FAR_FUTURE, statusChangedAt: FAR_FUTURE, addedAt: FAR_FUTURE }], { exportedAt: FAR_FUTURE });

    expect(await importFile(db, forged, 'json')).toMatchObject({ ok: true, updated: 1 });
    const afterForged = (await db.saved.get(mine.id))!;
    expect(afterForged.note).toBe(`my reading notes${NOTE_SEPARATOR}forged`);
    for (const time of [afterForged.updatedAt, afterForged.statusChangedAt, afterForged.addedAt]) expect(time).toBeLessThanOrEqual(Date.now());

    expect(await importFile(db, genuine, 'json')).toMatchObject({ ok: true });
    expect((await db.saved.get(mine.id))!.note).toContain('my reading notes');
  });

  it('gives a new item times no later than the import', async () => {
    const forged = toJSONBackup([{ ...mine, updatedAt: FAR_FUTURE, statusChangedAt: FAR_FUTURE }], { exportedAt: T });
    expect(await importFile(db, forged, 'json')).toMatchObject({ ok: true, added: 1 });
    const item = (await db.saved.get(mine.id))!;
    expect(item.updatedAt).toBeLessThanOrEqual(Date.now());
    expect(item.statusChangedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe('identifiers in a backup', () => {
  it('drops values that are not identifiers and names them', () => {
    const bad = { ...mine, paper: { ...mine.paper, ids: { arxiv: '=cmd|calc', doi: '=HYPERLINK("http://evil")', pmid: '12ab', pmcid: 'PMC', repos: [] } } };
    const result = parseJSONBackup(toJSONBackup([bad], { exportedAt: T }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items[0]!.paper.ids).toEqual({ repos: [] });
    expect(result.warnings.join(' ')).toMatch(/dropped arXiv id "=cmd\|calc" and DOI "=HYPERLINK.*" and PMC id "PMC" and PubMed id "12ab", not valid/);
  });

  it('keeps valid identifiers in Lantern\'s form', () => {
    const good = { ...mine, paper: { ...mine.paper, ids: { arxiv: 'arXiv:2311.16452v2', doi: 'https://doi.org/10.1038/S41586-023-06291-2', pmid: '037492832', pmcid: 'pmc10364849', repos: [] } } };
    const result = parseJSONBackup(toJSONBackup([good], { exportedAt: T }));
    expect(result.ok && result.items[0]!.paper.ids).toEqual({ arxiv: '2311.16452', doi: '10.1038/s41586-023-06291-2', pmid: '37492832', pmcid: 'PMC10364849', repos: [] });
  });
});

describe('CSV export', () => {
  it('neutralizes formula-looking text in every column, identifiers included, and reads back through csv-parse', () => {
    const formula = '=HYPERLINK("http://evil","x")';
    const item = savedItem(
      { id: formula, title: '+SUM(A1)', authors: '-2+3', venue: '@venue', ids: { doi: formula, arxiv: '-1', pmid: '+1', pmcid: '@x', repos: [] } },
      { note: '\tnote', tags: ['=tag'] },
    );
    const rows = parse(toCSV([item]), { bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    for (const column of CSV_COLUMNS) {
      expect(rows[0]![column], column).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows[0]!.id).toBe(`'${formula}`);
    expect(rows[0]!.doi).toBe(`'${formula}`);
    expect(rows[0]!.pmid).toBe("'+1");
  });
});
