/**
 * One call for every export (the library's "Export" buttons, the options page's "Export
 * backup"): the whole list or a selection as a file in one of the six formats, with its file
 * name and media type. Pure: the page turns the result into a download.
 */
import type { SavedItem } from '../types';
import { toBibTeX } from './bibtex';
import { toCSV } from './csv';
import { toCSLJSON } from './cslJson';
import { toJSONBackup } from './jsonBackup';
import { toMarkdown } from './markdown';
import { toRIS } from './ris';

export type ExportFormat = 'bibtex' | 'ris' | 'csljson' | 'csv' | 'markdown' | 'json';

/** The formats in the order the library offers them; `label` is the button's text. */
export const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; mediaType: string }> = {
  bibtex: { label: 'BibTeX', extension: 'bib', mediaType: 'application/x-bibtex;charset=utf-8' },
  ris: { label: 'RIS', extension: 'ris', mediaType: 'application/x-research-info-systems;charset=utf-8' },
  csljson: { label: 'CSL-JSON', extension: 'csl.json', mediaType: 'application/vnd.citationstyles.csl+json;charset=utf-8' },
  csv: { label: 'CSV', extension: 'csv', mediaType: 'text/csv;charset=utf-8' },
  markdown: { label: 'Markdown', extension: 'md', mediaType: 'text/markdown;charset=utf-8' },
  json: { label: 'JSON backup', extension: 'json', mediaType: 'application/json;charset=utf-8' },
};

/** "lantern-reading-list-2026-11-25.bib", "lantern-backup-2026-11-25.json": by format and the user's local date. */
export function exportFileName(format: ExportFormat, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `lantern-${format === 'json' ? 'backup' : 'reading-list'}-${day}.${EXPORT_FORMATS[format].extension}`;
}

export interface ExportOptions {
  /** Epoch ms of the export: dates the file name and the backup. */
  now: number;
  /** The Markdown list's title. */
  title?: string;
  appVersion?: string;
}

export interface ExportedFile {
  fileName: string;
  mediaType: string;
  text: string;
}

export function exportItems(items: readonly SavedItem[], format: ExportFormat, options: ExportOptions): ExportedFile {
  const { mediaType } = EXPORT_FORMATS[format];
  const fileName = exportFileName(format, new Date(options.now));
  const text = (() => {
    switch (format) {
      case 'bibtex':
        return toBibTeX(items);
      case 'ris':
        return toRIS(items);
      case 'csljson':
        return toCSLJSON(items);
      case 'csv':
        return toCSV(items);
      case 'markdown':
        return toMarkdown(items, { title: options.title ?? 'Reading list' });
      case 'json':
        return toJSONBackup(items, { exportedAt: options.now, ...(options.appVersion ? { appVersion: options.appVersion } : {}) });
    }
  })();
  return { fileName, mediaType, text };
}
