/**
 * One call for the library page's "Export" menu: the whole list or a selection as a file in
 * one of the five formats, with its file name and media type. Pure: the page turns the result
 * into a download.
 */
import type { SavedItem } from '../types';
import { toBibTeX } from './bibtex';
import { toCSV } from './csv';
import { toJSONBackup } from './jsonBackup';
import { toMarkdown } from './markdown';
import { toRIS } from './ris';

export type ExportFormat = 'bibtex' | 'ris' | 'csv' | 'markdown' | 'json';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; mediaType: string }> = {
  bibtex: { label: 'BibTeX', extension: 'bib', mediaType: 'application/x-bibtex;charset=utf-8' },
  ris: { label: 'RIS (Zotero, EndNote, Mendeley)', extension: 'ris', mediaType: 'application/x-research-info-systems;charset=utf-8' },
  csv: { label: 'CSV (spreadsheet)', extension: 'csv', mediaType: 'text/csv;charset=utf-8' },
  markdown: { label: 'Markdown (awesome-list style)', extension: 'md', mediaType: 'text/markdown;charset=utf-8' },
  json: { label: 'Lantern backup (JSON)', extension: 'json', mediaType: 'application/json;charset=utf-8' },
};

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
  const { extension, mediaType } = EXPORT_FORMATS[format];
  const day = new Date(options.now).toISOString().slice(0, 10);
  const fileName = `lantern-${format === 'json' ? 'backup' : 'reading-list'}-${day}.${extension}`;
  const text = (() => {
    switch (format) {
      case 'bibtex':
        return toBibTeX(items);
      case 'ris':
        return toRIS(items);
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
