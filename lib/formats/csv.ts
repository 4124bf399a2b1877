/**
 * CSV writer (RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, a
 * quote, CR or LF, quotes doubled).
 *
 * The file starts with a UTF-8 byte order mark: Excel opens a BOM-less CSV in the system's
 * legacy code page and garbles every accented or non-Latin name, while LibreOffice, Google
 * Sheets, pandas and csv-parse all skip the mark.
 *
 * Any field, in every column, that starts with = + - @, a tab or a CR is prefixed with an
 * apostrophe, so a spreadsheet shows it instead of running it as a formula (OWASP "CSV
 * injection"): list data and imported files are untrusted, identifiers included.
 */
import type { SavedItem } from '../types';
import { sortedAuthors } from '../names';
import { cleanVenue, codeUrls, paperUrl } from './paperKind';

const BOM = '\uFEFF';

export const CSV_COLUMNS = [
  'id', 'title', 'authors', 'year', 'month', 'venue', 'categories', 'status', 'status_changed',
  'starred', 'tags', 'note', 'added', 'updated', 'url', 'doi', 'arxiv', 'pmid', 'pmcid', 'code',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function isoDate(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : '';
}

function csvRow(item: SavedItem): Record<CsvColumn, string> {
  const { paper } = item;
  return {
    id: item.id,
    title: paper.title,
    authors: sortedAuthors(paper.authorList),
    year: paper.year === undefined ? '' : String(paper.year),
    month: paper.month === undefined ? '' : String(paper.month),
    venue: cleanVenue(paper.venue),
    categories: paper.categories.join('; '),
    status: item.status,
    status_changed: isoDate(item.statusChangedAt),
    starred: item.starred ? 'yes' : 'no',
    tags: item.tags.join('; '),
    note: item.note,
    added: isoDate(item.addedAt),
    updated: isoDate(item.updatedAt),
    url: paperUrl(paper) ?? '',
    doi: paper.ids.doi ?? '',
    arxiv: paper.ids.arxiv ?? '',
    pmid: paper.ids.pmid ?? '',
    pmcid: paper.ids.pmcid ?? '',
    code: codeUrls(paper).join(' '),
  };
}

/** The items as a CSV spreadsheet with a header row, one row per item, in the order given. */
export function toCSV(items: readonly SavedItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of items) {
    const row = csvRow(item);
    // Every column, identifiers included: an imported backup can carry any text in an id field.
    lines.push(CSV_COLUMNS.map((column) => quoteField(defuseFormula(row[column]))).join(','));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
