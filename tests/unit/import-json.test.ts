/** The JSON backup: its shape, and how parseJSONBackup answers good, damaged and foreign files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJSONBackup, toJSONBackup } from '../../lib/formats/jsonBackup';
import type { SavedItem } from '../../lib/types';
import { trickyItems } from '../fixtures/imports/savedItems';

const fixture = (name: string): string => readFileSync(join(process.cwd(), 'tests/fixtures/imports', name), 'utf8');
const EXPORTED_AT = Date.UTC(2024, 5, 1, 12);

function refusal(text: string): string {
  const result = parseJSONBackup(text);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

function backupWith(items: unknown[]): string {
  return JSON.stringify({ format: 'lantern-backup', version: 1, exportedAt: new Date(EXPORTED_AT).toISOString(), items });
}

describe('toJSONBackup', () => {
  it('writes a versioned, complete backup', () => {
    const items = trickyItems();
    const backup = JSON.parse(toJSONBackup(items, { exportedAt: EXPORTED_AT, appVersion: '0.1.0' }));
    expect(backup).toEqual({ format: 'lantern-backup', version: 1, exportedAt: '2024-06-01T12:00:00.000Z', appVersion: '0.1.0', items });
  });

  it('reads back to the identical items', () => {
    const items = trickyItems();
    const result = parseJSONBackup(toJSONBackup(items, { exportedAt: EXPORTED_AT }));
    expect(result).toEqual({ ok: true, items, warnings: [] });
  });
});

describe('parseJSONBackup refuses damaged and foreign files, naming the problem', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a truncated file', () => {
    expect(refusal(fixture('truncated-backup.json'))).toMatch(/looks truncated/);
    const whole = toJSONBackup(trickyItems(), { exportedAt: EXPORTED_AT });
    expect(refusal(whole.slice(0, whole.length / 2))).toMatch(/truncated|not valid JSON/);
  });

  it('a syntax error, with its line and column', () => {
    expect(refusal('{\n "format": "lantern-backup",\n "version": 1,,\n}')).toMatch(/^Line 3, column 15: the file is not valid JSON \(/);
  });

  it('a syntax error reads the same in Chromium and Firefox: V8 gives the position, SpiderMonkey the line and column', () => {
    const text = '{\n "format": "lantern-backup",\n "version": 1,,\n}';
    const expected = 'Line 3, column 15: the file is not valid JSON (Expected double-quoted property name). Nothing was imported.';
    const engines = [
      'Expected double-quoted property name in JSON at position 45',
      'Expected double-quoted property name in JSON at position 45 (line 3 column 15)',
      'JSON.parse: expected double-quoted property name at line 3 column 15 of the JSON data',
    ];
    for (const message of engines) {
      vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
        throw new SyntaxError(message);
      });
      expect(refusal(text), message).toBe(expected);
    }
  });

  it('a file cut short, as Firefox reports it (at its last line and column), is called truncated', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError('JSON.parse: end of data after property value in object at line 2 column 7 of the JSON data');
    });
    expect(refusal('{\n "a":1')).toMatch(/looks truncated/);
  });

  it('a syntax error the engine reports by quoting the file: the problem without the quote', () => {
    expect(refusal('{"this is": broken')).toBe("the file is not valid JSON (Unexpected token 'b'). Nothing was imported.");
  });

  it('a backup from a newer Lantern', () => {
    expect(refusal(fixture('future-version-backup.json'))).toMatch(/version 2, written by a newer Lantern; this Lantern reads version 1/);
  });

  it('an unknown or missing version', () => {
    expect(refusal('{"format":"lantern-backup","version":"one","items":[]}')).toMatch(/version \("one"\) is not one Lantern knows/);
    expect(refusal('{"format":"lantern-backup","items":[]}')).toMatch(/version \(missing\)/);
  });

  it('a JSON file that is not a Lantern backup', () => {
    expect(refusal(fixture('csl-items.json'))).toMatch(/not a Lantern backup \(it holds a list\)/);
    expect(refusal('{"name":"package","version":"1.0.0"}')).toMatch(/not a Lantern backup/);
    expect(refusal('42')).toMatch(/not a Lantern backup/);
  });

  it('a JSON file that is not a Lantern backup: in plain words, with what Lantern can import instead', () => {
    const message = refusal('{"name":"package","version":"1.0.0"}');
    expect(message).toBe(
      'This JSON file is not a Lantern backup (it holds data from another program). Lantern imports the backups it exports (Lantern settings › Data › Export backup) and BibTeX (.bib) files.',
    );
    expect(message).not.toMatch(/format|lantern-backup/);
  });

  it('a backup without a list of items', () => {
    expect(refusal('{"format":"lantern-backup","version":1,"items":{}}')).toMatch(/"items" is an object, not a list/);
  });

  it('an empty file and a 50 MB file', () => {
    expect(refusal('')).toBe('The file is empty.');
    expect(refusal(backupWith([]).padEnd(50 * 1024 * 1024, ' '))).toMatch(/too large to import/);
  });

  it('a backup whose every item is unreadable', () => {
    expect(refusal(backupWith([{ id: 'x' }, 7]))).toMatch(/None of the backup's 2 items could be read\. Item 1 \("x"\) was skipped: status is missing/);
  });
});

describe('parseJSONBackup on partly damaged backups', () => {
  it('skips an unreadable item with a warning that names it and why', () => {
    const [good, bad] = trickyItems();
    const result = parseJSONBackup(backupWith([good, { ...bad, status: 'finished' }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items).toEqual([good]);
    expect(result.warnings).toEqual([`Item 2 ("${bad!.id}") was skipped: status is "finished", not one of to-read, reading, read.`]);
  });

  it('drops links that are not http(s) and reports them', () => {
    const [item] = trickyItems();
    const hostile: SavedItem = {
      ...item!,
      paper: { ...item!.paper, url: 'javascript:alert(1)', links: [...item!.paper.links, { kind: 'other', url: 'data:text/html,x', label: 'x' }] },
    };
    const result = parseJSONBackup(backupWith([hostile]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items[0]!.paper.links).toEqual(item!.paper.links);
    expect(result.items[0]!.paper.url).toBeUndefined();
    expect(result.warnings).toEqual([`Item 1 ("${item!.id}"): dropped 2 link(s) that are not http(s).`]);
  });

  it('keeps the more recently updated of two items with one id', () => {
    const [item] = trickyItems();
    const newer = { ...item!, note: 'newer', updatedAt: item!.updatedAt + 1 };
    const result = parseJSONBackup(backupWith([item, newer]));
    expect(result.ok && result.items).toEqual([newer]);
  });

  it('accepts a byte order mark', () => {
    expect(parseJSONBackup('\uFEFF' + backupWith([])).ok).toBe(true);
  });
});
