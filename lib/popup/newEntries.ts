/**
 * "New" marks: a paper is new when it first appeared in the lists after the moment up
 * to which the user has seen new entries (the clock lib/refresh/state.ts keeps in db.kv).
 */
import type { Paper } from '../types';

/** The stored clock's value, or undefined when it is not a time (not started yet, or damaged). */
export function entriesSeenAt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Same rule as countNewEntries (added strictly after the clock). Without a clock nothing is new:
 * the background starts it right after seeding, so the bundled list is never news.
 */
export function isNewPaper(paper: Pick<Paper, 'addedAt'>, seenAt: number | undefined): boolean {
  return seenAt !== undefined && paper.addedAt !== undefined && paper.addedAt > seenAt;
}
