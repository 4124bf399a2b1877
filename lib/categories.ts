/**
 * Category paths: a list's headings above an entry, joined with " › " ("Evaluation ›
 * Strategies"), as the list parser writes them into `Paper.categories`.
 */

import { foldText } from './fold';

export const CATEGORY_SEPARATOR = ' › ';

/** The headings of a path, outermost first: "Evaluation › Strategies" → ["Evaluation", "Strategies"]. */
export function categoryParts(path: string): string[] {
  return path.split(CATEGORY_SEPARATOR);
}

/** The leaf of a path, the part shown to users: "Evaluation › Strategies" → "Strategies". */
export function categoryLeaf(path: string): string {
  const parts = categoryParts(path);
  return parts[parts.length - 1] ?? path;
}

/**
 * A category as a chip beside the list's name shows it: its leaf, or "Parent › Leaf" when the
 * leaf alone reads as one of `listNames` (the seed list files surveys under a heading "LLMs in
 * Medicine", its own name), so the chip does not look like the list.
 */
export function categoryLabel(path: string, listNames: readonly string[]): string {
  const parts = categoryParts(path);
  const leaf = categoryLeaf(path);
  const folded = foldText(leaf.trim());
  if (parts.length < 2 || !listNames.some((name) => foldText(name.trim()) === folded)) return leaf;
  return parts.slice(-2).join(CATEGORY_SEPARATOR);
}

/** Whether `category` is `path` or a category under it ("Evaluation › Strategies" is within "Evaluation"). */
export function isWithinCategory(category: string, path: string): boolean {
  return category === path || category.startsWith(path + CATEGORY_SEPARATOR);
}
