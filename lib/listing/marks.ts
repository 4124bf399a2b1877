/**
 * Which items get a mark once the background has said which are listed: one per listed item on
 * a known listing (each item is its own group), and elsewhere one per paper per block, so a
 * paper linked twice in one paragraph (paper and code) is marked once. At most `cap` marks.
 */
import type { ListingItem } from './item';

/** Marks drawn on one page at most; the popup says when a page lists more. */
export const MARK_CAP = 1000;

export interface PlannedMark<Hit> {
  item: ListingItem;
  hit: Hit;
}

/** Pairs items with their hits (null: not listed) in page order, one per paper per group, capped. */
export function plannedMarks<Hit extends { id: string }>(
  items: readonly ListingItem[],
  hits: readonly (Hit | null)[],
  cap = Infinity,
  seen: WeakMap<Element, Set<string>> = new WeakMap(),
): { marks: PlannedMark<Hit>[]; capped: boolean } {
  const marks: PlannedMark<Hit>[] = [];
  for (let i = 0; i < items.length; i++) {
    const hit = hits[i];
    const item = items[i]!;
    if (!hit) continue;
    let ids = seen.get(item.group);
    if (!ids) seen.set(item.group, (ids = new Set()));
    if (ids.has(hit.id)) continue;
    if (marks.length >= cap) return { marks, capped: true };
    ids.add(hit.id);
    marks.push({ item, hit });
  }
  return { marks, capped: false };
}
