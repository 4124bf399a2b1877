/**
 * The reading statuses of a saved paper, in the order they are lived, and their words. Free of
 * runtime imports: the content script's message checks use it.
 */
import type { ReadingStatus } from './types';

export const READING_STATUSES: readonly ReadingStatus[] = ['to-read', 'reading', 'read'];

export const STATUS_LABELS: Record<ReadingStatus, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read' };

export function isReadingStatus(value: unknown): value is ReadingStatus {
  return READING_STATUSES.includes(value as ReadingStatus);
}
