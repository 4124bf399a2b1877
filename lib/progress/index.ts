/**
 * Progress through a followed list: per category, how many of its papers the reader has read,
 * is reading, or has saved at all, and the next one not yet read, in the list's own order.
 * Only papers in the list now are counted; saved papers that left it are reported apart.
 */
import type { ReadingStatus } from '../types';
import { CATEGORY_SEPARATOR, categoryParts } from '../categories';

/** A paper id's reading status, for saved papers only (an unsaved paper is simply absent). */
export type StatusOf = (paperId: string) => ReadingStatus | undefined;

/** The fields of a list entry that progress needs. */
export interface ProgressEntry {
  id: string;
  categories: readonly string[];
}

export interface CategoryProgress {
  /** The full category path, as the list writes it ("Evaluation › Strategies"). */
  category: string;
  /** Papers of this category in the list now. */
  total: number;
  /** Of those, saved with any status. */
  saved: number;
  reading: number;
  read: number;
  /** The first paper of the category, in list order, whose status is not "read" (saved or not). */
  nextUnread?: string;
}

function emptyProgress(category: string): CategoryProgress {
  return { category, total: 0, saved: 0, reading: 0, read: 0 };
}

function count(progress: CategoryProgress, id: string, status: ReadingStatus | undefined): void {
  progress.total++;
  if (status !== undefined) progress.saved++;
  if (status === 'reading') progress.reading++;
  if (status === 'read') progress.read++;
  else if (progress.nextUnread === undefined) progress.nextUnread = id;
}

/**
 * Per category of one list, in the order each category first appears in the list (`entries`
 * in list order). An entry in two categories counts in both; an entry without a category is
 * counted under "" (the list's top, before any heading). Linear in the entries and their categories.
 */
export function listProgress(entries: readonly ProgressEntry[], statusOf: StatusOf): CategoryProgress[] {
  const byCategory = new Map<string, CategoryProgress>();
  for (const entry of entries) {
    const status = statusOf(entry.id);
    const categories = entry.categories.length > 0 ? new Set(entry.categories) : [''];
    for (const category of categories) {
      let progress = byCategory.get(category);
      if (!progress) byCategory.set(category, (progress = emptyProgress(category)));
      count(progress, entry.id, status);
    }
  }
  return [...byCategory.values()];
}

/** A line of one list's progress view: a category with its figures, or the heading of a path that files no paper itself. */
export type ProgressLine = { kind: 'category'; progress: CategoryProgress; depth: number } | { kind: 'heading'; category: string; depth: number };

/**
 * The lines of one list's progress, in the order of `categories` (listProgress's). Before the
 * first category under a path that has no line of its own, a heading for that path ("Evaluation"
 * before "Evaluation › Strategies" when no paper is filed under "Evaluation" itself): indented by
 * depth (path parts − 1), a category then always sits under its parent, never under the line
 * above it.
 */
export function progressLines(categories: readonly CategoryProgress[]): ProgressLine[] {
  const own = new Set(categories.map((p) => p.category));
  const headed = new Set<string>();
  const lines: ProgressLine[] = [];
  for (const progress of categories) {
    const parts = progress.category === '' ? [''] : categoryParts(progress.category);
    for (let depth = 0; depth < parts.length - 1; depth++) {
      const path = parts.slice(0, depth + 1).join(CATEGORY_SEPARATOR);
      if (own.has(path) || headed.has(path)) continue;
      headed.add(path);
      lines.push({ kind: 'heading', category: path, depth });
    }
    lines.push({ kind: 'category', progress, depth: parts.length - 1 });
  }
  return lines;
}

/** The whole list's figures (each paper once, however many categories it is in). */
export function overallProgress(entries: readonly ProgressEntry[], statusOf: StatusOf): CategoryProgress {
  const seen = new Set<string>();
  const total = emptyProgress('');
  for (const { id } of entries) {
    if (seen.has(id)) continue;
    seen.add(id);
    count(total, id, statusOf(id));
  }
  return total;
}

/** The category table of a search index (lib/search's serialized form): doc d is in categoryRefs[categoryOffsets[d] … categoryOffsets[d+1]). */
export interface IndexedCategories {
  ids: readonly string[];
  categoryNames: readonly string[];
  categoryOffsets: ArrayLike<number>;
  categoryRefs: ArrayLike<number>;
}

/**
 * Per category path of an indexed set of papers (the popup's chips): the same figures as
 * `listProgress`, keyed by path, read from the index without reading any entry.
 */
export function progressFromIndex(index: IndexedCategories, statusOf: StatusOf): Map<string, CategoryProgress> {
  const out = new Map<string, CategoryProgress>();
  const all = index.categoryNames.map(emptyProgress);
  for (let doc = 0; doc < index.ids.length; doc++) {
    const id = index.ids[doc]!;
    const status = statusOf(id);
    const end = index.categoryOffsets[doc + 1] ?? index.categoryRefs.length;
    for (let at = index.categoryOffsets[doc] ?? end; at < end; at++) {
      const progress = all[index.categoryRefs[at]!];
      if (progress) count(progress, id, status);
    }
  }
  for (const progress of all) out.set(progress.category, progress);
  return out;
}

/** Saved papers (ids with their saved categories) that no followed list holds now, grouped by their saved category. */
export function leftPapers<T extends { id: string; categories: readonly string[] }>(
  saved: readonly T[],
  listed: (id: string) => boolean,
): { category: string; papers: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const paper of saved) {
    if (listed(paper.id)) continue;
    const category = paper.categories[0] ?? '';
    const group = groups.get(category);
    if (group) group.push(paper);
    else groups.set(category, [paper]);
  }
  return [...groups].map(([category, papers]) => ({ category, papers }));
}
