/** The popup's filters and sort, and the pure checks that apply them. */
import type { Paper } from '../types';
import { hasCode } from './present';

export interface PopupFilters {
  /** A full category path; a paper matches when it has this category or one beneath it. */
  category?: string;
  yearFrom?: number;
  yearTo?: number;
  hasCode: boolean;
  savedOnly: boolean;
}

export type SortOrder = 'relevance' | 'date';

export const NO_FILTERS: PopupFilters = { hasCode: false, savedOnly: false };

export function activeFilterCount(f: PopupFilters): number {
  return (
    (f.category ? 1 : 0) +
    (f.yearFrom !== undefined || f.yearTo !== undefined ? 1 : 0) +
    (f.hasCode ? 1 : 0) +
    (f.savedOnly ? 1 : 0)
  );
}

export function inCategory(paper: Pick<Paper, 'categories'>, category: string): boolean {
  return paper.categories.some((c) => c === category || c.startsWith(`${category} › `));
}

export function matchesFilters(paper: Paper, f: PopupFilters, savedIds: ReadonlySet<string>): boolean {
  if (f.category && !inCategory(paper, f.category)) return false;
  if (f.yearFrom !== undefined && (paper.year === undefined || paper.year < f.yearFrom)) return false;
  if (f.yearTo !== undefined && (paper.year === undefined || paper.year > f.yearTo)) return false;
  if (f.hasCode && !hasCode(paper)) return false;
  if (f.savedOnly && !savedIds.has(paper.id)) return false;
  return true;
}

/** Newest first by year then month; undated papers last; ties keep their order. */
export function compareByDateDesc(a: Pick<Paper, 'year' | 'month'>, b: Pick<Paper, 'year' | 'month'>): number {
  return (b.year ?? -1) - (a.year ?? -1) || (b.month ?? 0) - (a.month ?? 0);
}
