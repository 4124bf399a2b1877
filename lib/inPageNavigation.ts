/**
 * After an in-page navigation (pushState), single-page apps change the URL first and the
 * document later, or never (metadata left from the first page). Which identity to trust:
 * right after the navigation, the URL's alone; once the document has had time to settle, the
 * document's too, unless its title is still the one it had before the navigation (stale).
 */
import type { PageIdentity } from './types';

export type NavigationLook = 'right-after' | 'settled';

/**
 * @param before what the document said before the navigation (its full identity)
 * @param now what URL + document say now
 * @param urlOnly what the URL alone says now (undefined: it names nothing)
 */
export function identityAfterNavigation(
  look: NavigationLook,
  before: PageIdentity | undefined,
  now: PageIdentity | undefined,
  urlOnly: PageIdentity | undefined,
): PageIdentity | undefined {
  if (look === 'right-after') return urlOnly;
  const stale = before?.title !== undefined && now?.title === before.title;
  return stale ? urlOnly : now;
}
