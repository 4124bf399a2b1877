/**
 * One call for the "Import" buttons (library and options pages): read the file's text as a
 * Lantern backup or a BibTeX file and merge it into the reading list, after an automatic backup
 * (see importItems), or say why not with nothing changed.
 */
import { listedPaperOf } from '../db/papers';
import type { LanternDB } from '../db/schema';
import { importItems, type ImportCounts } from './importItems';
import type { ImportResult } from './importResult';
import { parseJSONBackup } from './jsonBackup';

export type ImportFormat = 'json' | 'bibtex';

export type ImportFileOutcome = ({ ok: true; warnings: string[]; backupProblem?: string } & ImportCounts) | { ok: false; error: string };

/** The format a file name says ("library.bib" → bibtex), or undefined when it says neither. */
export function importFormatOf(fileName: string): ImportFormat | undefined {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.(bib|bibtex)$/i.test(fileName)) return 'bibtex';
  return undefined;
}

async function parse(text: string, format: ImportFormat): Promise<ImportResult> {
  if (format === 'json') return parseJSONBackup(text);
  // The BibTeX parser is large: it is loaded only when a BibTeX file is imported.
  const { parseBibTeXAsync } = await import('./bibtexImport');
  return parseBibTeXAsync(text);
}

/** `fileName` is shown with the automatic backup taken before the import. */
export async function importFile(db: LanternDB, text: string, format: ImportFormat, fileName?: string): Promise<ImportFileOutcome> {
  const parsed = await parse(text, format);
  if (!parsed.ok) return parsed;
  const merged = await importItems(db, parsed.items, {
    mode: 'merge',
    listedPaperOf: (paper) => listedPaperOf(db, paper),
    ...(fileName === undefined ? {} : { source: fileName }),
  });
  return merged.ok ? { ...merged, warnings: parsed.warnings } : merged;
}
