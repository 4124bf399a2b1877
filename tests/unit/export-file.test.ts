/** exportItems: each format's file name, media type and content, for the whole list or a selection. */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFileName, exportItems, type ExportFormat } from '../../lib/formats/exportFile';
import { parseJSONBackup } from '../../lib/formats/jsonBackup';
import { trickyItems } from '../fixtures/imports/savedItems';

const NOW = Date.UTC(2024, 5, 1, 12);

describe('exportItems', () => {
  it('names each file by format and day and gives its media type', () => {
    const names = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => exportItems([], format, { now: NOW }).fileName);
    expect(names).toEqual([
      'lantern-reading-list-2024-06-01.bib',
      'lantern-reading-list-2024-06-01.ris',
      'lantern-reading-list-2024-06-01.csl.json',
      'lantern-reading-list-2024-06-01.csv',
      'lantern-reading-list-2024-06-01.md',
      'lantern-backup-2024-06-01.json',
    ]);
    expect(exportItems([], 'csv', { now: NOW }).mediaType).toBe('text/csv;charset=utf-8');
  });

  it('dates file names by the user’s local day', () => {
    expect(exportFileName('bibtex', new Date(2026, 0, 5, 23, 59))).toBe('lantern-reading-list-2026-01-05.bib');
    expect(exportFileName('json', new Date(2026, 10, 25, 0, 1))).toBe('lantern-backup-2026-11-25.json');
  });

  it('exports only the selection it is given', () => {
    const selection = trickyItems().slice(0, 2);
    const bibtex = exportItems(selection, 'bibtex', { now: NOW }).text;
    expect(bibtex.match(/^@/gm)).toHaveLength(2);
    const backup = parseJSONBackup(exportItems(selection, 'json', { now: NOW, appVersion: '0.1.0' }).text);
    expect(backup.ok && backup.items).toEqual(selection);
  });

  it('titles the Markdown list', () => {
    expect(exportItems(trickyItems(), 'markdown', { now: NOW, title: 'LLMs I read' }).text.startsWith('# LLMs I read\n')).toBe(true);
  });
});
