/** What a content script learns of one listed item, and the reading status its mark shows. Pure types and one mapping. */
import type { ReadingStatus } from '../types';

/** A mark's reading status: `none` when not saved, `saved` for "to read". */
export type MarkStatus = 'none' | 'saved' | 'reading' | 'read';

/** Enough to draw a listed item's mark, nothing of other papers. */
export interface ListedHit {
  id: string;
  /** The title as the list writes it. */
  title: string;
  categories: string[];
  status: MarkStatus;
  isNew: boolean;
}

export function markStatus(status: ReadingStatus | undefined): MarkStatus {
  if (status === undefined) return 'none';
  return status === 'to-read' ? 'saved' : status;
}

/** The reading status a mark's status stands for (markStatus undone); undefined for `none`. */
export function readingStatusOfMark(status: MarkStatus): ReadingStatus | undefined {
  if (status === 'none') return undefined;
  return status === 'saved' ? 'to-read' : status;
}
