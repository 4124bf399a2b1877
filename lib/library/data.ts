/**
 * What the library page reads from the database and the files it writes: the saved items with
 * the lists that hold each paper now, and the text of each export format.
 */
import type { LanternDB } from '../db/schema';
import { toBibTeX } from '../export/bibtex';
import { toCSV } from '../export/csv';
import { toJSONBackup } from '../export/jsonBackup';
import { toMarkdown } from '../export/markdown';
import { toRIS } from '../export/ris';
import type { ListInfo, SavedItem } from '../types';
import type { ExportFormat, LibraryRow } from './view';

export interface LibraryData {
  rows: LibraryRow[];
  lists: ListInfo[];
}

/**
 * Every saved item, newest first, with the ids of the lists its paper is in now (from the
 * catalog's entries, so a paper that left every list shows as such and is never dropped).
 */
export async function loadLibraryData(db: LanternDB): Promise<LibraryData> {
  const [items, lists] = await Promise.all([db.saved.orderBy('addedAt').reverse().toArray(), db.lists.toArray()]);
  const listed = new Map<string, string[]>();
  if (items.length > 0) {
    const keys = await db.entries.where('id').anyOf(items.map((item) => item.id)).primaryKeys();
    for (const [listId, id] of keys) {
      const ids = listed.get(id);
      if (ids) ids.push(listId);
      else listed.set(id, [listId]);
    }
  }
  return { rows: items.map((item) => ({ item, lists: listed.get(item.id) ?? [] })), lists };
}

/** The file text of `items` in one export format. */
export function exportText(format: ExportFormat, items: readonly SavedItem[], meta: { exportedAt: number; appVersion?: string }): string {
  switch (format) {
    case 'bibtex':
      return toBibTeX(items);
    case 'ris':
      return toRIS(items);
    case 'csv':
      return toCSV(items);
    case 'markdown':
      return toMarkdown(items, { title: 'Reading list' });
    case 'json':
      return toJSONBackup(items, meta);
  }
}
