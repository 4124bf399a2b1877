/**
 * The library page's view of the reading list, as pure functions: which saved items show for a
 * query, filters and sort, and the plain-words texts the page says. The page only wires these
 * to the database and the DOM.
 */
import { foldText } from '../fold';
import { buildSearchIndex, searchPapers, tokenizeQuery, type SearchIndex } from '../search/engine';
import type { Paper, ReadingStatus, SavedItem } from '../types';
import { plural } from '../words';
import { isWithinCategory } from '../categories';

/** A saved item with the ids of the lists that hold its paper now (empty: no longer in any list). */
export interface LibraryRow {
  item: SavedItem;
  lists: string[];
}

/** The list filter's value for "Not in any list". */
export const NOT_IN_ANY_LIST = '\u0000none';

export type SavedWithin = 'week' | 'month' | 'year';

export interface LibraryFilters {
  status?: ReadingStatus;
  tag?: string;
  /** A full category path; sub-categories count too. */
  category?: string;
  /** A list id, or NOT_IN_ANY_LIST. */
  list?: string;
  savedWithin?: SavedWithin;
  starredOnly?: boolean;
}

export type LibrarySort = 'relevance' | 'added' | 'updated' | 'title' | 'year';

const DAY_MS = 24 * 60 * 60 * 1000;
const WITHIN_MS: Record<SavedWithin, number> = { week: 7 * DAY_MS, month: 30 * DAY_MS, year: 365 * DAY_MS };

/** The saved item as the search engine indexes it (the popup's engine, over the reading list). */
export function rowPaper({ item, lists }: LibraryRow): Paper {
  return { ...item.paper, line: 0, lists };
}

/** The popup's search index, built over the saved papers. */
export function buildLibraryIndex(rows: readonly LibraryRow[]): SearchIndex {
  return buildSearchIndex(rows.map(rowPaper));
}

/** Whether every query word is in the item's tags or note (which the paper index does not hold). */
function inTagsOrNote(item: SavedItem, terms: readonly string[]): boolean {
  const text = foldText(`${item.tags.join(' ')} ${item.note}`);
  return terms.every((term) => text.includes(term));
}

/**
 * The ids matching a query, best first: the search engine's hits (title, authors, venue,
 * categories, with typo tolerance), then items whose tags or note hold every word.
 * Undefined for an empty query (everything matches).
 */
export function searchLibrary(index: SearchIndex, rows: readonly LibraryRow[], query: string): string[] | undefined {
  const terms = tokenizeQuery(query);
  if (terms.length === 0) return undefined;
  const ranked = searchPapers(index, query, { limit: Math.max(index.size, 1) }).map((hit) => hit.id);
  const seen = new Set(ranked);
  for (const { item } of rows) if (!seen.has(item.id) && inTagsOrNote(item, terms)) ranked.push(item.id);
  return ranked;
}

function inCategory(categories: readonly string[], path: string): boolean {
  return categories.some((c) => isWithinCategory(c, path));
}

export function matchesLibraryFilters(row: LibraryRow, filters: LibraryFilters, now: number): boolean {
  const { item } = row;
  if (filters.status && item.status !== filters.status) return false;
  if (filters.starredOnly && !item.starred) return false;
  if (filters.tag !== undefined) {
    const tag = filters.tag.toLowerCase();
    if (!item.tags.some((t) => t.toLowerCase() === tag)) return false;
  }
  if (filters.category && !inCategory(item.paper.categories, filters.category)) return false;
  if (filters.list === NOT_IN_ANY_LIST ? row.lists.length > 0 : filters.list && !row.lists.includes(filters.list)) return false;
  if (filters.savedWithin && item.addedAt < now - WITHIN_MS[filters.savedWithin]) return false;
  return true;
}

export function activeLibraryFilterCount(filters: LibraryFilters): number {
  return [filters.status, filters.tag, filters.category, filters.list, filters.savedWithin, filters.starredOnly || undefined].filter(
    (v) => v !== undefined && v !== '',
  ).length;
}

const byTitle = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareRows(sort: Exclude<LibrarySort, 'relevance'>): (a: LibraryRow, b: LibraryRow) => number {
  switch (sort) {
    case 'added':
      return (a, b) => b.item.addedAt - a.item.addedAt;
    case 'updated':
      return (a, b) => b.item.updatedAt - a.item.updatedAt;
    case 'title':
      return (a, b) => byTitle.compare(a.item.paper.title, b.item.paper.title);
    case 'year':
      // Newest first; undated papers last.
      return (a, b) =>
        (b.item.paper.year ?? 0) * 16 + (b.item.paper.month ?? 0) - ((a.item.paper.year ?? 0) * 16 + (a.item.paper.month ?? 0)) ||
        b.item.addedAt - a.item.addedAt;
  }
}

/**
 * The rows to show: matching the query (`ranked`, from searchLibrary) and the filters, in the
 * sort's order. "relevance" keeps the search's order, and means "added" without a query.
 */
export function libraryView(
  rows: readonly LibraryRow[],
  options: { ranked: readonly string[] | undefined; filters: LibraryFilters; sort: LibrarySort; now: number },
): LibraryRow[] {
  const { ranked, filters, sort, now } = options;
  let picked: LibraryRow[];
  if (ranked) {
    const byId = new Map(rows.map((row) => [row.item.id, row]));
    picked = ranked.flatMap((id) => byId.get(id) ?? []);
  } else {
    picked = [...rows];
  }
  picked = picked.filter((row) => matchesLibraryFilters(row, filters, now));
  if (sort === 'relevance' && ranked) return picked;
  return picked.sort(compareRows(sort === 'relevance' ? 'added' : sort));
}

/** Every tag in use, most used first (then alphabetically), for autocomplete and the tag filter. */
export function tagsInUse(items: readonly SavedItem[]): string[] {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const item of items) {
    for (const tag of item.tags) {
      const key = tag.toLowerCase();
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { tag, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || byTitle.compare(a.tag, b.tag)).map((e) => e.tag);
}

/** The categories of the saved papers, alphabetically by full path. */
export function categoriesInUse(items: readonly SavedItem[]): string[] {
  return [...new Set(items.flatMap((item) => item.paper.categories))].sort(byTitle.compare);
}

/** "Removed 3 papers" (the undo toast). */
export function removedMessage(count: number): string {
  return `Removed ${plural(count, 'paper')}`;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

/** "Nov 25, 2026" for a saved item's dates. */
export function formatDay(ms: number): string {
  return DAY_FORMAT.format(new Date(ms));
}

/** Which of `selected` are still present (a selection shrinks when items go away). */
export function keepPresent(selected: ReadonlySet<string>, rows: readonly LibraryRow[]): Set<string> {
  const present = new Set(rows.map((row) => row.item.id));
  return new Set([...selected].filter((id) => present.has(id)));
}
