/** CSV export: RFC 4180 checked by hand on small cases and by csv-parse (strict mode) on the tricky items. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, toCSV } from '../../lib/formats/csv';
import { savedItem, trickyItems } from '../fixtures/imports/savedItems';
import { authorsFromSorted } from '../fixtures/readBack';

describe('toCSV', () => {
  it('starts with a UTF-8 byte order mark and ends every record with CRLF', () => {
    const csv = toCSV([savedItem({ id: 'title:plain', title: 'Plain' })]);
    expect(csv.startsWith('\uFEFFid,title,authors,')).toBe(true);
    const body = csv.slice(1);
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.split('\r\n')).toHaveLength(3);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes (hand-checked)', () => {
    const item = savedItem(
      { id: 'title:q', title: 'A, B and "C"', authors: 'Ann Lee' },
      { note: 'line one\nline "two"', tags: ['x', 'y'] },
    );
    const row = toCSV([item]).slice(1).split('\r\n')[1]!;
    expect(row.startsWith('title:q,"A, B and ""C""","Lee, Ann",')).toBe(true);
    expect(toCSV([item])).toContain(',x; y,"line one\nline ""two""",');
  });

  it('leaves fields without specials unquoted', () => {
    const row = toCSV([savedItem({ id: 'title:plain', title: 'Plain title', year: 2023, month: 7 })]).slice(1).split('\r\n')[1]!;
    expect(row.startsWith('title:plain,Plain title,,2023,7,,,to-read,')).toBe(true);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const csv = toCSV([savedItem({ id: 'title:f', title: '=1+1' }, { note: '@SUM(A1)', tags: ['+x'] })]);
    expect(csv).toContain(",'=1+1,");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'+x");
  });

  it('parses back with a strict RFC 4180 parser, every field intact', () => {
    const items = trickyItems();
    const rows = parse(toCSV(items), { bom: true, columns: true, relax_quotes: false, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(items.length);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    items.forEach((item, index) => {
      const row = rows[index]!;
      const defused = (text: string): string => (/^[=+\-@]/.test(text) ? `'${text}` : text);
      expect(row.id).toBe(item.id);
      expect(row.title).toBe(item.paper.title);
      expect(authorsFromSorted([row.authors!.replace(/^'(?=[=+\-@])/, '')]), item.id).toEqual(item.paper.authorList);
      expect(row.note).toBe(defused(item.note));
      expect(row.tags).toBe(item.tags.join('; '));
      expect(row.status).toBe(item.status);
      expect(row.starred).toBe(item.starred ? 'yes' : 'no');
      expect(row.year).toBe(item.paper.year === undefined ? '' : String(item.paper.year));
      expect(row.categories).toBe(item.paper.categories.join('; '));
      expect(row.doi).toBe(item.paper.ids.doi ?? '');
      expect(row.arxiv).toBe(item.paper.ids.arxiv ?? '');
      expect(new Date(row.added!).getTime()).toBe(item.addedAt);
    });
  });
});
