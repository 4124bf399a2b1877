/**
 * When the next scheduled check of a list is due: every `intervalHours` after its last success,
 * and after failures sooner, with exponential backoff (15 min, 30 min, 1 h, … up to the
 * interval), never before a rate limit's reset time. Pure.
 */

export interface RefreshSchedule {
  /** Hours between scheduled checks; 0 turns scheduled checks off ("Update now" still works). */
  intervalHours: number;
}

export const DEFAULT_SCHEDULE: RefreshSchedule = { intervalHours: 24 };
export const SCHEDULE_CHOICES: readonly number[] = [0, 6, 12, 24, 72, 168];

export const FIRST_RETRY_MS = 15 * 60_000;
/** A scheduled check never runs sooner than this from now (after a browser start, let it settle). */
export const MIN_CHECK_DELAY_MS = 60_000;
const HOUR_MS = 3_600_000;

/** What scheduling needs to know of a list's past checks. */
export interface CheckHistory {
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  /** Consecutive failed checks since the last success. */
  failures: number;
  /** Epoch ms before which the server asked not to be asked again. */
  retryAt?: number;
}

/** Delay before the retry that follows `failures` consecutive failures (1 → 15 min, doubling, capped at the interval). */
export function retryDelayMs(failures: number, intervalMs: number): number {
  const backoff = FIRST_RETRY_MS * 2 ** Math.min(Math.max(failures - 1, 0), 20);
  return Math.min(backoff, Math.max(intervalMs, FIRST_RETRY_MS));
}

export function isValidSchedule(value: unknown): value is RefreshSchedule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RefreshSchedule).intervalHours === 'number' &&
    SCHEDULE_CHOICES.includes((value as RefreshSchedule).intervalHours)
  );
}

/**
 * Epoch ms when the list's next scheduled check is due, or undefined when checks are off.
 * `fetchedAt` (the list's own date) stands in for a last success when none was recorded.
 */
export function nextCheckAt(history: CheckHistory | undefined, fetchedAt: number, schedule: RefreshSchedule): number | undefined {
  if (schedule.intervalHours <= 0) return undefined;
  const intervalMs = schedule.intervalHours * HOUR_MS;
  if (history && history.failures > 0 && history.lastAttemptAt !== undefined) {
    return Math.max(history.lastAttemptAt + retryDelayMs(history.failures, intervalMs), history.retryAt ?? 0);
  }
  return Math.max(history?.lastSuccessAt ?? 0, fetchedAt) + intervalMs;
}

/**
 * Epoch ms when a check due at `due` will run, seen at `now`: a check already overdue (the
 * bundled list's date is long past on a fresh install) runs MIN_CHECK_DELAY_MS from now, not in the past.
 */
export function checkRunsAt(due: number, now: number): number {
  return Math.max(due, now + MIN_CHECK_DELAY_MS);
}
