/** The popup's filters and sort order (lib/search applies them). */

export interface PopupFilters {
  /** A full category path; a paper matches when it has this category or one beneath it. */
  category?: string;
  yearFrom?: number;
  yearTo?: number;
  hasCode: boolean;
  savedOnly: boolean;
  /** Only papers in this list (an id); shown when more than one list is enabled. */
  listId?: string;
}

/** An enabled list, as the list filter offers it. */
export interface ListChoice {
  id: string;
  name: string;
}

export type SortOrder = 'relevance' | 'date';

export const NO_FILTERS: PopupFilters = { hasCode: false, savedOnly: false };

export function activeFilterCount(f: PopupFilters): number {
  return (
    (f.category ? 1 : 0) +
    (f.yearFrom !== undefined || f.yearTo !== undefined ? 1 : 0) +
    (f.hasCode ? 1 : 0) +
    (f.savedOnly ? 1 : 0) +
    (f.listId ? 1 : 0)
  );
}
