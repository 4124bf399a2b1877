/**
 * One call for the "Import" buttons (library and options pages): read the file's text as a
 * Lantern backup or a BibTeX file and merge it into the reading list, after an automatic backup
 * (see importItems), or say why not with nothing changed.
 */
import { listedPapersOf } from '../db/papers';
import type { LanternDB } from '../db/schema';
import { plural } from '../words';
import { importItems, type ImportCounts } from './importItems';
import { decodeImportBytes, sizeProblem, type ImportResult } from './importResult';
import { parseJSONBackup } from './jsonBackup';

export type ImportFormat = 'json' | 'bibtex';

export type ImportFileOutcome = ({ ok: true; warnings: string[]; backupProblem?: string } & ImportCounts) | { ok: false; error: string; problems?: string[] };

/** The format a file name says ("library.bib" → bibtex), or undefined when it says neither. */
export function importFormatOf(fileName: string): ImportFormat | undefined {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.(bib|bibtex)$/i.test(fileName)) return 'bibtex';
  return undefined;
}

/** The import format a file's text looks like when its name does not say: JSON starts with "{", BibTeX with "@" or a comment. */
export function guessImportFormat(text: string): ImportFormat | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  if (start.startsWith('@') || start.startsWith('%')) return 'bibtex';
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
    listedPapersOf: (papers) => listedPapersOf(db, papers),
    ...(fileName === undefined ? {} : { source: fileName }),
  });
  return merged.ok ? { ...merged, warnings: parsed.warnings } : merged;
}

/** "Imported 12 papers, 3 already there, 2 merged …" and the like, from importFile's counts. */
export function importMessage(counts: ImportCounts): string {
  const { added, updated, unchanged, merged } = counts;
  if (added === 0 && updated === 0) {
    return unchanged === 0 ? 'The file holds no papers: nothing was imported.' : `Nothing new: ${plural(unchanged, 'paper')} already there.`;
  }
  const parts: string[] = [];
  if (added > 0) parts.push(`Imported ${plural(added, 'paper')}`);
  if (updated > 0) parts.push(`${added > 0 ? 'updated' : 'Updated'} ${plural(updated, 'paper')} already saved`);
  if (unchanged > 0) parts.push(`${plural(unchanged, 'paper')} already there`);
  if (merged > 0) parts.push(`${merged} merged with the same paper in your lists or reading list`);
  return `${parts.join(', ')}.`;
}

/**
 * What an import did about the automatic backup: kept (when it changed the reading list), or why
 * not (`backupProblem`); undefined when the import changed nothing, so nothing was backed up.
 */
export function importBackupNote(outcome: { added: number; updated: number; backupProblem?: string }): string | undefined {
  if (outcome.backupProblem) return outcome.backupProblem;
  if (outcome.added + outcome.updated === 0) return undefined;
  return 'Your reading list from before this import is kept as an automatic backup: Lantern settings › Data can restore it.';
}

/**
 * What an "Import" button shows once a chosen file is done: one line, whether it is an error, and
 * the items that could not be read (each entry of a refused file that could not be read, by line).
 */
export interface ImportNotice {
  error: boolean;
  text: string;
  warnings: string[];
}

/** A reason's closing "Nothing was imported." (or "…; fix the file and try again."). */
const NOTHING_IMPORTED_AGAIN = /\s*Nothing was imported(?:; fix the file and try again)?\.$/;

/**
 * The whole import of a file the user chose, for every "Import" button (library and options
 * pages): size check, text decoding, the format from the name or else from the text, the import
 * itself (`run`, e.g. importFile on the page's database), and its message. Never throws: a
 * failure is an error notice, with nothing imported.
 */
export async function importChosenFile(
  file: Pick<File, 'name' | 'size' | 'arrayBuffer'>,
  run: (text: string, format: ImportFormat, fileName: string) => Promise<ImportFileOutcome>,
): Promise<ImportNotice> {
  // The readers' reasons end by saying that nothing was imported, which this notice says first.
  const failed = (why: string): ImportNotice => ({
    error: true,
    text: `Nothing was imported from “${file.name}”: ${why.replace(NOTHING_IMPORTED_AGAIN, (tail) => (tail.includes('fix') ? ' Fix the file and try again.' : ''))}`,
    warnings: [],
  });
  const tooLarge = sizeProblem(file.size);
  if (tooLarge) return failed(tooLarge);
  try {
    const text = decodeImportBytes(new Uint8Array(await file.arrayBuffer()));
    const format = importFormatOf(file.name) ?? guessImportFormat(text);
    if (!format) return { error: true, text: `Nothing was imported: “${file.name}” is neither a Lantern JSON backup nor a BibTeX file.`, warnings: [] };
    const outcome = await run(text, format, file.name);
    if (!outcome.ok) return { ...failed(outcome.error), warnings: outcome.problems ?? [] };
    return {
      error: outcome.backupProblem !== undefined,
      text: [importMessage(outcome), importBackupNote(outcome)].filter(Boolean).join(' '),
      warnings: outcome.warnings,
    };
  } catch (e) {
    return failed(e instanceof Error ? e.message : String(e));
  }
}
