/** Why a refresh did not change a list, and how to say so in plain words. */

export type RefreshFailure =
  | { kind: 'offline' }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'not-found'; status: number }
  /** `retryAt`: epoch ms the server named (Retry-After, X-RateLimit-Reset), when it named one. */
  | { kind: 'rate-limited'; status: number; retryAt?: number }
  | { kind: 'http'; status: number }
  | { kind: 'not-a-list'; looksLike: 'a web page' | 'JSON data' | 'a binary file' | 'a file too large' }
  /** The markdown parsed to no entries; `skipped` lines could not be read. */
  | { kind: 'empty'; skipped: number }
  /** The new copy would lose most entries at once: more likely a broken list than a real edit. */
  | { kind: 'shrunk'; before: number; after: number }
  | { kind: 'storage'; message: string };

function when(epochMs: number, now: number): string {
  const minutes = Math.max(1, Math.round((epochMs - now) / 60_000));
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}

/**
 * Two sentences for the user: what went wrong, then what it left. A failed refresh always keeps
 * the previous copy and says so; a list being added has no previous copy (`hasCopy: false`) and
 * is not added.
 */
export function describeFailure(failure: RefreshFailure, now = Date.now(), { hasCopy = true } = {}): string {
  return `${describeCause(failure, now)} ${hasCopy ? 'The previous copy is kept.' : 'The list was not added.'}`;
}

function describeCause(failure: RefreshFailure, now: number): string {
  switch (failure.kind) {
    case 'offline':
      return `Could not reach the list’s server: check the connection, then try again.`;
    case 'timeout':
      return `The list’s server did not answer within ${failure.seconds} s.`;
    case 'not-found':
      return `Nothing was found at the list’s address (HTTP ${failure.status}: not found).`;
    case 'rate-limited':
      return `The list’s server is limiting requests (HTTP ${failure.status})${
        failure.retryAt !== undefined && failure.retryAt > now ? `; Lantern will try again ${when(failure.retryAt, now)}` : ''
      }.`;
    case 'http':
      return `The list’s server answered with an error (HTTP ${failure.status}).`;
    case 'not-a-list':
      return `The address returned ${failure.looksLike}, not a markdown list.`;
    case 'empty':
      return `The list was read but no papers were found in it${failure.skipped > 0 ? ` (${failure.skipped} lines could not be read)` : ''}.`;
    case 'shrunk':
      return `The new version would drop ${failure.before - failure.after} of ${failure.before} entries at once, which looks like a broken list.`;
    case 'storage':
      return `Could not save the new copy: ${failure.message}`;
  }
}
