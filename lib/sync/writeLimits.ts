/**
 * When sync may write next. The browser refuses writes beyond MAX_WRITE_OPERATIONS_PER_MINUTE and
 * _PER_HOUR (./pack.ts SYNC_LIMITS) with an error; Lantern keeps to half of each, so the refusals
 * do not happen in normal use, and a refusal that happens anyway (another extension's writes do not
 * count, but a browser may count differently) waits out the window it names.
 */
import { SYNC_LIMITS } from './pack';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const WRITE_LIMITS = {
  perMinute: SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE / 2,
  perHour: SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR / 2,
};

/** The write times (epoch ms) still inside the last hour. */
export function recentWrites(writes: readonly number[], now: number): number[] {
  return writes.filter((at) => at > now - HOUR && at <= now);
}

/**
 * The earliest time at or after `now` at which `count` more writes stay within both windows,
 * given the times of past writes (each `set` or `remove` call is one write).
 */
export function nextWriteAt(writes: readonly number[], now: number, count = 1, limits = WRITE_LIMITS): number {
  const recent = recentWrites(writes, now).sort((a, b) => a - b);
  let at = now;
  // Within a window of length w holding at most `max` writes, the next `count` may go once all
  // but max - count of them have left the window.
  for (const [window, max] of [
    [MINUTE, limits.perMinute],
    [HOUR, limits.perHour],
  ] as const) {
    const inWindow = recent.filter((t) => t > now - window);
    const over = inWindow.length + count - max;
    if (over > 0) at = Math.max(at, inWindow[over - 1]! + window);
  }
  return at;
}

/** Which write limit a browser error names, if any. */
export function writeLimitError(error: unknown): 'minute' | 'hour' | undefined {
  const text = error instanceof Error ? error.message : String(error);
  if (/PER_MINUTE/i.test(text)) return 'minute';
  if (/PER_HOUR/i.test(text)) return 'hour';
  return undefined;
}

/** Whether a browser error says the sync storage is full (Chrome names the quota; Firefox says "quota"). */
export function quotaError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return !writeLimitError(error) && /QUOTA_BYTES|MAX_ITEMS|quota/i.test(text);
}

/** When to try again after the browser refused a write for `limit`. */
export function retryAfterLimit(limit: 'minute' | 'hour', now: number): number {
  return now + (limit === 'minute' ? MINUTE : HOUR / 4);
}
